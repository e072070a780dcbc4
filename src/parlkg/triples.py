"""Document + extraction -> the triples of the document's named graph.

The only module that builds RDF terms for documents. Everything a document
says lives in its own graph (https://w3id.org/parlkg/graph/<doc-key>): its
metadata, the group and constituency of its author *at that date*, its
mentions with their offsets, the typed relations it states with the quote that
proves them, and the turns and reactions of a debate.

Terms are kept as their N-Triples text (`parlkg.terms`, the same characters
pyoxigraph writes): the ingest only needs the text, and building term objects
cost as much as extracting.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar, cast

from pyoxigraph import NamedNode, RdfFormat, Triple, parse

from parlkg import terms
from parlkg.authority import Authority
from parlkg.model import DocType, Document, EntityKind, Extraction, Mention
from parlkg.resolve import (
    Resolution,
    addressee_ministry,
    alt_labels,
    resolve_group,
    resolve_mention,
    resolve_ministry,
    resolve_person,
    resolve_place,
)
from parlkg.vocab import (
    DCTERMS,
    DOC_CLASS,
    ID,
    KIND_CLASS,
    PK,
    RDF,
    RDFS,
    SKOS,
    document_iri,
    graph_iri,
    key_of,
    mint,
)

_CONCERNS_KINDS = {
    EntityKind.ORGANIZATION,
    EntityKind.COMPANY,
    EntityKind.PUBLIC_BODY,
    EntityKind.MINISTRY,
    EntityKind.GROUP,
    EntityKind.PROJECT,
}

_Text = tuple[str, str, str]  # a triple: subject, predicate, object as N-Triples terms
_T = TypeVar("_T")


def pk(local: str) -> str:
    """The pk: term `local`, as N-Triples text."""
    return terms.iri(PK + local)


_TYPE = terms.iri(RDF + "type")
_LABEL = terms.iri(RDFS + "label")
_ALT_LABEL = terms.iri(SKOS + "altLabel")
_HIDDEN_LABEL = terms.iri(SKOS + "hiddenLabel")
_REVIEWED = pk("reviewed")
_FALSE = terms.FALSE


@dataclass
class DocumentGraph:
    """The triples of one document's graph, deduplicated, in insertion order.

    Kept as (subject, predicate, object) N-Triples texts: the ingest only needs
    the text (`ntriples`, `nquads`); `__iter__` parses it into `Triple`s.
    """

    key: str
    graph: str
    document: str
    triples: dict[_Text, None] = field(default_factory=dict)
    # facts for the entities summary only, not in the document's graph: how each
    # minted entity is printed (skos:hiddenLabel) and the rules that resolved it
    curation: dict[_Text, None] = field(default_factory=dict)

    def add(self, s: str, p: str, o: str) -> None:
        """Add a triple of N-Triples terms (`parlkg.terms`)."""
        self.triples[(s, p, o)] = None

    def __iter__(self) -> Iterator[Triple]:
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)
        return (q.triple for q in parse(text.encode(), format=RdfFormat.N_TRIPLES))

    def __len__(self) -> int:
        return len(self.triples)

    def set_build_hash(self, digest: str) -> None:
        """Record what the graph was built from, on the graph's own IRI."""
        self.add(terms.iri(self.graph), pk("buildHash"), terms.literal(digest))

    def ntriples(self) -> str:
        """The triples as N-Triples text, sorted."""
        return "\n".join(sorted(f"{s} {p} {o} ." for s, p, o in self.triples))

    def nquads(self) -> str:
        """The triples as N-Quads text in this graph, one line each,
        newline-terminated, in insertion order: what the bulk loader reads."""
        suffix = graph_line_suffix(self.graph)
        return "".join([f"{s} {p} {o}{suffix}" for s, p, o in self.triples])

    def entity_summary(self, into: str) -> list[str]:
        """What this graph says about entities (types, labels, aliases, curation),
        as N-Quads lines in graph `into`: the ingest merges them into one summary
        graph, where each fact about an entity is stated once, whereas each
        document graph restates it (see GraphStore.ENTITIES_GRAPH).

        Besides, for each entity minted from the text, how this document prints it
        (`skos:hiddenLabel`, the mention's text as it stands) and the rules that
        resolved its mentions (`pk:resolvedBy`): what `parlkg curate` shows of
        the entity without reading every mention of the store."""
        suffix = graph_line_suffix(into)
        lines = [
            f"{s} {p} {o}{suffix}"
            for s, p, o in self.triples
            if p in _SUMMARY_PREDICATES and _is_entity(s)
        ]
        lines += [f"{s} {p} {o}{suffix}" for s, p, o in self.curation]
        return lines


_SUMMARY_PREDICATES = frozenset([_TYPE, _LABEL, _ALT_LABEL, _REVIEWED])
_ENTITY = terms.minted(ID)[:-1]  # "<https://…/id/": how an entity's IRI text starts
_NOT_ENTITIES = tuple(
    terms.minted(mint(kind, ""))[:-1]
    for kind in ("mention", "statement", "document", "turn", "reaction")
)


def _is_entity(text: str) -> bool:
    return text.startswith(_ENTITY) and not text.startswith(_NOT_ENTITIES)


def graph_line_suffix(graph: str) -> str:
    """How every N-Quads line of `graph` ends (from `DocumentGraph.nquads`)."""
    return f" {terms.iri(graph)} .\n"


def as_ntriples(nquads: str, graph: str) -> str:
    """The N-Quads lines of `graph` (from `DocumentGraph.nquads`) as N-Triples."""
    suffix = graph_line_suffix(graph)
    cut = len(suffix)
    return "\n".join(line[:-cut] + " ." for line in nquads.splitlines(keepends=True))


def build_hash_nquad(graph: str, digest: str) -> str:
    """`<g> pk:buildHash "digest"` in graph g, as one N-Quads line."""
    g = terms.iri(graph)
    return f"{g} {pk('buildHash')} {terms.literal(digest)} {g} .\n"


def warning_nquad(doc_key: str, warning: str) -> str:
    """`<doc> pk:warning "warning"` in the document's graph, as one N-Quads line."""
    return (
        f"{terms.iri(document_iri(doc_key))} {pk('warning')} {terms.literal(warning)} "
        f"{terms.iri(graph_iri(doc_key))} .\n"
    )


@dataclass(frozen=True, slots=True)
class _Entity:
    """A resolved entity as the graph writes it."""

    node: str  # its IRI, as N-Triples text
    facts: tuple[_Text, ...]  # type, label and pk:reviewed false, when minted


@dataclass(frozen=True, slots=True)
class _Resolved:
    """A mention's resolution, and what the graph says of it besides the entity."""

    resolution: Resolution
    entity: _Entity
    aliases: tuple[str, ...]  # skos:altLabel literals
    rule: str  # the pk:resolvedBy literal


class _Memo:
    """Resolutions of one authority, memoised: documents name the same entities
    again and again, and resolving folds every name (`resolve`)."""

    MAX = 100_000  # entries kept before starting afresh (memory bounded)

    def __init__(self, authority: Authority) -> None:
        self.authority = weakref.proxy(authority)  # the memo must not keep it alive
        self.calls: dict[Hashable, object] = {}
        self.entities: dict[Resolution, _Entity] = {}
        self.mentions: dict[Hashable, _Resolved] = {}

    def call(self, fn: Callable[..., _T], *args: str | None) -> _T:
        """`fn(authority, *args)`, memoised."""
        key = (fn, *args)
        try:
            return cast(_T, self.calls[key])
        except KeyError:
            if len(self.calls) >= self.MAX:
                self.calls.clear()
            found = self.calls[key] = fn(self.authority, *args)
            return found

    def entity(self, r: Resolution) -> _Entity:
        found = self.entities.get(r)
        if found is None:
            if len(self.entities) >= self.MAX:
                self.entities.clear()
            found = self.entities[r] = _entity(r)
        return found

    def mention(self, m: Mention) -> _Resolved:
        """What `resolve_mention` and `alt_labels` say of `m` (they read only these fields)."""
        key = (m.iri, m.label, m.kind, m.exact, m.law_number)
        found = self.mentions.get(key)
        if found is None:
            if len(self.mentions) >= self.MAX:
                self.mentions.clear()
            r = resolve_mention(self.authority, m)
            aliases = tuple(terms.literal(a, "@fr") for a in alt_labels(m, r))
            found = _Resolved(r, self.entity(r), aliases, terms.literal(r.rule))
            self.mentions[key] = found
        return found


def _entity(r: Resolution) -> _Entity:
    node = terms.iri(r.iri)
    if r.curated:
        return _Entity(node, ())
    facts = (
        (node, _TYPE, pk(KIND_CLASS[r.kind])),
        (node, _LABEL, terms.literal(r.label, "@fr")),
        (node, _REVIEWED, _FALSE),
    )
    return _Entity(node, facts)


_MEMOS: weakref.WeakKeyDictionary[Authority, _Memo] = weakref.WeakKeyDictionary()


def _memo_for(authority: Authority) -> _Memo:
    memo = _MEMOS.get(authority)
    if memo is None:
        memo = _MEMOS[authority] = _Memo(authority)
    return memo


_EXTRACTOR_LITERALS: dict[str, str] = {}  # a handful of extractor names


def _extractor_literal(name: str) -> str:
    found = _EXTRACTOR_LITERALS.get(name)
    if found is None:
        found = _EXTRACTOR_LITERALS[name] = terms.literal(name)
    return found


def _literal(value: str | int | dt.date | bool) -> str:
    if isinstance(value, bool):
        return terms.TRUE if value else terms.FALSE
    if isinstance(value, int):
        return terms.integer(value)
    if isinstance(value, dt.date):
        return terms.literal(value.isoformat(), terms.DATE)
    return terms.literal(value)


class _Builder:
    def __init__(self, doc: Document, extraction: Extraction, authority: Authority) -> None:
        self.doc = doc
        self.extraction = extraction
        self.authority = authority
        self.memo = _memo_for(authority)
        self.out = DocumentGraph(doc.key, graph_iri(doc.key), document_iri(doc.key))
        self.node = terms.minted(self.out.document)
        self.add = self.out.add

    def entity(self, r: Resolution) -> str:
        """The entity's IRI text; minted entities are typed and labelled in this graph."""
        entity = self.memo.entity(r)
        for s, p, o in entity.facts:
            self.add(s, p, o)
        return entity.node

    def person(self, name: str, ref: str | None = None) -> str:
        return self.entity(self.memo.call(resolve_person, name, ref))

    def literal(self, prop: str, value: str | int | dt.date | bool | None) -> None:
        if value is None or value == "":
            return
        self.add(self.node, terms.iri(prop) if ":" in prop else pk(prop), _literal(value))

    def build(self) -> DocumentGraph:
        self.metadata()
        self.author()
        self.ministries()
        self.mentions_and_relations()
        self.debate()
        self.index()
        return self.out

    def metadata(self) -> None:
        doc, node, add = self.doc, self.node, self.add
        add(node, _TYPE, pk(DOC_CLASS[doc.doc_type]))
        self.literal("chamber", doc.chamber.value)
        self.literal("number", doc.number)
        self.literal("legislature", doc.legislature)
        self.literal(DCTERMS + "title", doc.title)
        self.literal("rubrique", doc.rubrique)
        self.literal("headingAnalysis", doc.heading_analysis)
        for analysis in doc.analysis:
            self.literal("analysis", analysis)
        self.literal("text", doc.text)
        self.literal("layout", doc.layout)
        self.literal("contentHash", doc.content_hash)
        self.literal("complete", doc.complete)
        for warning in doc.warnings:
            self.literal("warning", warning)
        if doc.source_url and "://" in doc.source_url:
            add(node, terms.iri(DCTERMS + "source"), str(NamedNode(doc.source_url)))
        self.literal("publishedOn", doc.published)
        self.literal("joPage", doc.jo_page)
        self.literal("answeredOn", doc.answered)
        self.literal("answerJoPage", doc.answer_jo_page)
        self.literal("withdrawnOn", doc.withdrawn)
        self.literal("withdrawalReason", doc.withdrawal_reason)
        self.literal("attributionChangedOn", doc.attribution_changed)
        self.literal("renewedOn", doc.renewed)
        self.literal("closure", doc.closure)
        self.literal("addresseeInText", doc.addressee_in_text)
        if doc.answered_by:
            minister = self.person(doc.answered_by)
            add(node, pk("answeredBy"), minister)
            if doc.answered_by_role:
                add(minister, pk("role"), terms.literal(doc.answered_by_role))
        if doc.addressee_person:
            add(node, pk("addressee"), self.person(doc.addressee_person))

    def author(self) -> None:
        author, add = self.doc.author, self.add
        if author is None:
            return
        person = self.person(author.name, author.ref)
        add(self.node, pk("askedBy"), person)
        if author.civility:
            add(person, pk("civility"), terms.literal(author.civility))
        if author.ref:
            add(person, pk("acteurRef"), terms.literal(author.ref))
        if author.group:
            group = self.entity(self.memo.call(resolve_group, author.group, author.group_short))
            add(person, pk("memberOf"), group)
        if author.constituency:
            seat = terms.iri(mint("constituency", self._constituency_key()))
            add(seat, _TYPE, pk("Constituency"))
            add(seat, _LABEL, terms.literal(author.constituency, "@fr"))
            add(person, pk("represents"), seat)
            if author.department:
                place = self.entity(self.memo.call(resolve_place, author.department))
                add(seat, pk("department"), place)

    def _constituency_key(self) -> str:
        author = self.doc.author
        assert author is not None and author.constituency is not None
        return f"{self.doc.chamber.value.lower()}-{key_of(author.constituency)}"

    def ministries(self) -> None:
        doc, memo = self.doc, self.memo
        if doc.ministry_asked:
            ministry = self.entity(memo.call(resolve_ministry, doc.ministry_asked))
            self.add(self.node, pk("addressedTo"), ministry)
        elif (derived := memo.call(addressee_ministry, doc.addressee_in_text)) is not None:
            # no ministry printed as metadata: the one the text addresses (letters, Senate)
            self.add(self.node, pk("addressedTo"), self.entity(derived))
            self.literal("warning", f"ministry derived from the addressee: {derived.label}")
        for label in doc.ministries_assigned:
            ministry = self.entity(memo.call(resolve_ministry, label))
            self.add(self.node, pk("assignedTo"), ministry)

    def mentions_and_relations(self) -> None:
        doc, key, add, node = self.doc, self.doc.key, self.add, self.node
        mentions = self.extraction.mentions
        base = mint("mention", key)  # + ".start-end": `vocab.mention_iri`, without quoting
        nodes: list[str] = []
        mention_nodes: list[str] = []
        in_document, refers_to, exact, start, end = (
            pk("inDocument"),
            pk("refersTo"),
            pk("exact"),
            pk("start"),
            pk("end"),
        )
        resolved_by, mention_class = pk("resolvedBy"), pk("Mention")
        extractor, article, law_number = pk("extractor"), pk("article"), pk("lawNumber")
        cites, concerns, mentions_entity = pk("cites"), pk("concerns"), pk("mentions")
        curation, triples = self.out.curation, self.out.triples  # `add`, inlined: hot
        for mention in mentions:
            resolved = self.memo.mention(mention)
            entity = resolved.entity.node
            for fact in resolved.entity.facts:
                triples[fact] = None
            nodes.append(entity)
            m = terms.minted(f"{base}.{mention.start}-{mention.end}")
            mention_nodes.append(m)
            exact_text = terms.literal(mention.exact)
            triples[(m, _TYPE, mention_class)] = None
            triples[(m, in_document, node)] = None
            triples[(m, refers_to, entity)] = None
            triples[(m, exact, exact_text)] = None
            triples[(m, start, terms.integer(mention.start))] = None
            triples[(m, end, terms.integer(mention.end))] = None
            triples[(m, extractor, _extractor_literal(mention.extractor))] = None
            triples[(m, resolved_by, resolved.rule)] = None
            for alias in resolved.aliases:
                triples[(entity, _ALT_LABEL, alias)] = None
            resolution = resolved.resolution
            if not resolution.curated:
                curation[(entity, _HIDDEN_LABEL, exact_text)] = None
                curation[(entity, resolved_by, resolved.rule)] = None
            if mention.article:
                triples[(m, article, terms.literal(mention.article))] = None
            if mention.law_number and not resolution.curated:
                triples[(entity, law_number, terms.literal(mention.law_number))] = None
            if resolution.kind is EntityKind.LAW:
                triples[(node, cites, entity)] = None
            elif resolution.kind in _CONCERNS_KINDS:
                triples[(node, concerns, entity)] = None
            triples[(node, mentions_entity, entity)] = None
        statements = mint("statement", key)  # + ".index": `vocab.statement_iri`
        for index, rel in enumerate(self.extraction.relations):
            subject, obj = nodes[rel.subject], nodes[rel.object]
            if subject == obj:
                continue
            predicate = pk(rel.predicate)
            add(subject, predicate, obj)
            st = terms.minted(f"{statements}.{index}")
            add(st, _TYPE, pk("Statement"))
            add(st, terms.iri(RDF + "subject"), subject)
            add(st, terms.iri(RDF + "predicate"), predicate)
            add(st, terms.iri(RDF + "object"), obj)
            add(st, in_document, node)
            add(st, exact, terms.literal(doc.text[rel.evidence_start : rel.evidence_end]))
            add(st, start, terms.integer(rel.evidence_start))
            add(st, end, terms.integer(rel.evidence_end))
            add(st, pk("rule"), terms.literal(rel.rule))
            for at in (rel.subject, rel.object):
                add(st, pk("evidence"), mention_nodes[at])

    def debate(self) -> None:
        doc, key, add, node = self.doc, self.doc.key, self.add, self.node
        memo = self.memo
        turn_nodes: list[str] = []
        turns = mint("turn", key)  # + ".index", without quoting
        for index, turn in enumerate(doc.turns):
            t = terms.minted(f"{turns}.{index}")
            turn_nodes.append(t)
            add(node, pk("hasTurn"), t)
            add(t, _TYPE, pk("SpeechTurn"))
            add(t, pk("inDocument"), node)
            add(t, pk("order"), terms.integer(index))
            add(t, pk("start"), terms.integer(turn.start))
            add(t, pk("end"), terms.integer(turn.end))
            if turn.role:
                add(t, pk("role"), terms.literal(turn.role))
            if turn.named:
                add(t, pk("speaker"), self.person(turn.speaker))
            else:
                add(t, _LABEL, terms.literal(turn.speaker, "@fr"))
        reactions = mint("reaction", key)
        for index, reaction in enumerate(doc.reactions):
            r = terms.minted(f"{reactions}.{index}")
            add(node, pk("hasReaction"), r)
            add(r, _TYPE, pk("Reaction"))
            add(r, pk("inDocument"), node)
            add(r, pk("reactionKind"), terms.literal(reaction.kind))
            add(r, pk("exact"), terms.literal(reaction.exact))
            add(r, pk("start"), terms.integer(reaction.start))
            add(r, pk("end"), terms.integer(reaction.end))
            for group in reaction.by_groups:
                add(r, pk("byGroup"), self.entity(memo.call(resolve_group, group, group)))
            for person in reaction.by_persons:
                add(r, pk("byPerson"), self.person(person))
            if reaction.turn is not None and 0 <= reaction.turn < len(turn_nodes):
                add(r, pk("during"), turn_nodes[reaction.turn])

    def index(self) -> None:
        """Each entity of the document with the document's date (`pk:namedOn` when the
        text names it, else `pk:involvedOn`; `pk:undated` when it has none), and with
        the document's kind and reference (`pk:inQuestion`, `pk:inAnsweredQuestion`,
        `pk:inOtherDocument`: "n° 1234", or the key), in the document's graph: index
        scans on an entity give its documents (the graphs) with their dates, kinds and
        references, so that the lookups of one entity read nothing of other documents
        (`questions-about`, `entity-timeline`, `parlkg actor`)."""
        doc, node, mentions, triples = self.doc, self.node, pk("mentions"), self.out.triples
        named: list[str] = []
        involved: list[str] = []
        for s, p, o in triples:
            if p == mentions and s == node:
                named.append(o)
            elif p in _ROLE_PREDICATES:
                involved.append(o)
        date = _literal(doc.published) if doc.published else pk("undated")
        named_on, involved_on = pk("namedOn"), pk("involvedOn")
        if doc.doc_type is DocType.LETTER:
            listed_in = pk("inOtherDocument")
        else:
            listed_in = pk("inAnsweredQuestion" if doc.answered else "inQuestion")
        ref = _literal(f"n° {doc.number}" if doc.number else doc.key)
        for entity in named:
            triples[(entity, named_on, date)] = None
            triples[(entity, listed_in, ref)] = None
        done = set(named)
        for entity in involved:
            if entity not in done:
                done.add(entity)
                triples[(entity, involved_on, date)] = None
                triples[(entity, listed_in, ref)] = None


# the predicates by which an entity has a role in a document other than being named
_ROLE_PREDICATES = frozenset(
    pk(local)
    for local in (
        "askedBy",
        "answeredBy",
        "addressee",
        "addressedTo",
        "assignedTo",
        "speaker",
        "byPerson",
        "byGroup",
    )
)


def document_graph(doc: Document, extraction: Extraction, authority: Authority) -> DocumentGraph:
    """All the triples of `doc`'s named graph."""
    return _Builder(doc, extraction, authority).build()
