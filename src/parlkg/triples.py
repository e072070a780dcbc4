"""Document + extraction -> the triples of the document's named graph.

The only module that builds RDF terms for documents. Everything a document
says lives in its own graph (https://w3id.org/parlkg/graph/<doc-key>): its
metadata, the group and constituency of its author *at that date*, its
mentions with their offsets, the typed relations it states with the quote that
proves them, and the turns and reactions of a debate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from pyoxigraph import Literal, NamedNode, Triple

from parlkg.authority import Authority
from parlkg.model import Document, EntityKind, Extraction
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
    XSD,
    document_iri,
    graph_iri,
    key_of,
    mention_iri,
    mint,
    statement_iri,
)

_XSD_INT = NamedNode(XSD + "integer")
_XSD_DATE = NamedNode(XSD + "date")
_XSD_BOOL = NamedNode(XSD + "boolean")
_TYPE = NamedNode(RDF + "type")
_LABEL = NamedNode(RDFS + "label")

_CONCERNS_KINDS = {
    EntityKind.ORGANIZATION,
    EntityKind.COMPANY,
    EntityKind.PUBLIC_BODY,
    EntityKind.MINISTRY,
    EntityKind.GROUP,
    EntityKind.PROJECT,
}


@cache
def pk(local: str) -> NamedNode:
    """The pk: term `local` (one object per name: terms are immutable)."""
    return NamedNode(PK + local)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_XSD_INT)


def _date(value: dt.date) -> Literal:
    return Literal(value.isoformat(), datatype=_XSD_DATE)


def _bool(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=_XSD_BOOL)


_Term = NamedNode | Literal


@dataclass
class DocumentGraph:
    """The triples of one document's graph, deduplicated, in insertion order.

    Kept as (subject, predicate, object) tuples of pyoxigraph terms: a `Triple`
    object per statement would cost as much again, and the ingest only needs
    the text (`ntriples`, `nquads`); `__iter__` gives `Triple`s.
    """

    key: str
    graph: str
    document: str
    triples: dict[tuple[NamedNode, NamedNode, _Term], None] = field(default_factory=dict)
    # facts for the entities summary only, not in the document's graph: how each
    # minted entity is printed (skos:hiddenLabel) and the rules that resolved it
    curation: dict[tuple[NamedNode, NamedNode, Literal], None] = field(default_factory=dict)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples[(s, p, o)] = None

    def __iter__(self) -> Iterator[Triple]:
        return (Triple(s, p, o) for s, p, o in self.triples)

    def __len__(self) -> int:
        return len(self.triples)

    def set_build_hash(self, digest: str) -> None:
        """Record what the graph was built from, on the graph's own IRI."""
        self.add(NamedNode(self.graph), pk("buildHash"), Literal(digest))

    def ntriples(self) -> str:
        """The triples as N-Triples text (terms written by pyoxigraph), sorted."""
        return "\n".join(sorted(f"{s} {p} {o} ." for s, p, o in self.triples))

    def nquads(self) -> str:
        """The triples as N-Quads text in this graph (terms written by pyoxigraph),
        one line each, newline-terminated, in insertion order: what the bulk loader reads."""
        suffix = graph_line_suffix(self.graph)
        text: dict[_Term, str] = {}  # subjects and predicates recur: write each once
        lines = []
        for s, p, o in self.triples:
            s_text = text.get(s)
            if s_text is None:
                s_text = text[s] = str(s)
            p_text = text.get(p)
            if p_text is None:
                p_text = text[p] = str(p)
            lines.append(f"{s_text} {p_text} {o}{suffix}")
        return "".join(lines)

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
            if p in _SUMMARY_PREDICATES and _is_entity(s.value)
        ]
        lines += [f"{s} {p} {o}{suffix}" for s, p, o in self.curation]
        return lines


_HIDDEN_LABEL = NamedNode(SKOS + "hiddenLabel")
_SUMMARY_PREDICATES = frozenset([_TYPE, _LABEL, NamedNode(SKOS + "altLabel"), pk("reviewed")])
_NOT_ENTITIES = tuple(mint(kind, "") for kind in ("mention", "statement", "document", "turn"))
_NOT_ENTITIES += (mint("reaction", ""),)


def _is_entity(iri: str) -> bool:
    return iri.startswith(ID) and not iri.startswith(_NOT_ENTITIES)


def graph_line_suffix(graph: str) -> str:
    """How every N-Quads line of `graph` ends (from `DocumentGraph.nquads`)."""
    return f" {NamedNode(graph)} .\n"


def as_ntriples(nquads: str, graph: str) -> str:
    """The N-Quads lines of `graph` (from `DocumentGraph.nquads`) as N-Triples."""
    suffix = graph_line_suffix(graph)
    cut = len(suffix)
    return "\n".join(line[:-cut] + " ." for line in nquads.splitlines(keepends=True))


def build_hash_nquad(graph: str, digest: str) -> str:
    """`<g> pk:buildHash "digest"` in graph g, as one N-Quads line."""
    g = NamedNode(graph)
    return f"{g} {pk('buildHash')} {Literal(digest)} {g} .\n"


def warning_nquad(doc_key: str, warning: str) -> str:
    """`<doc> pk:warning "warning"` in the document's graph, as one N-Quads line."""
    return (
        f"{NamedNode(document_iri(doc_key))} {pk('warning')} {Literal(warning)} "
        f"{NamedNode(graph_iri(doc_key))} .\n"
    )


class _Builder:
    def __init__(self, doc: Document, extraction: Extraction, authority: Authority) -> None:
        self.doc = doc
        self.extraction = extraction
        self.authority = authority
        self.out = DocumentGraph(doc.key, graph_iri(doc.key), document_iri(doc.key))
        self.node = NamedNode(self.out.document)

    def entity(self, r: Resolution) -> NamedNode:
        """The entity node; minted entities are typed and labelled in this graph."""
        node = NamedNode(r.iri)
        if not r.curated:
            self.out.add(node, _TYPE, pk(KIND_CLASS[r.kind]))
            self.out.add(node, _LABEL, Literal(r.label, language="fr"))
            self.out.add(node, pk("reviewed"), _bool(False))
        return node

    def literal(self, prop: str, value: str | int | dt.date | bool | None) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            term = _bool(value)
        elif isinstance(value, int):
            term = _int(value)
        elif isinstance(value, dt.date):
            term = _date(value)
        else:
            term = Literal(value)
        self.out.add(self.node, NamedNode(prop) if ":" in prop else pk(prop), term)

    def build(self) -> DocumentGraph:
        self.metadata()
        self.author()
        self.ministries()
        self.mentions_and_relations()
        self.debate()
        return self.out

    def metadata(self) -> None:
        doc, node = self.doc, self.node
        self.out.add(node, _TYPE, pk(DOC_CLASS[doc.doc_type]))
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
            self.out.add(node, NamedNode(DCTERMS + "source"), NamedNode(doc.source_url))
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
            minister = self.entity(resolve_person(self.authority, doc.answered_by))
            self.out.add(node, pk("answeredBy"), minister)
            if doc.answered_by_role:
                self.out.add(minister, pk("role"), Literal(doc.answered_by_role))
        if doc.addressee_person:
            self.out.add(
                node,
                pk("addressee"),
                self.entity(resolve_person(self.authority, doc.addressee_person)),
            )

    def author(self) -> None:
        author = self.doc.author
        if author is None:
            return
        person = self.entity(resolve_person(self.authority, author.name, author.ref))
        self.out.add(self.node, pk("askedBy"), person)
        if author.civility:
            self.out.add(person, pk("civility"), Literal(author.civility))
        if author.ref:
            self.out.add(person, pk("acteurRef"), Literal(author.ref))
        if author.group:
            group = self.entity(resolve_group(self.authority, author.group, author.group_short))
            self.out.add(person, pk("memberOf"), group)
        if author.constituency:
            seat = NamedNode(mint("constituency", self._constituency_key()))
            self.out.add(seat, _TYPE, pk("Constituency"))
            self.out.add(seat, _LABEL, Literal(author.constituency, language="fr"))
            self.out.add(person, pk("represents"), seat)
            if author.department:
                place = self.entity(resolve_place(self.authority, author.department))
                self.out.add(seat, pk("department"), place)

    def _constituency_key(self) -> str:
        author = self.doc.author
        assert author is not None and author.constituency is not None
        return f"{self.doc.chamber.value.lower()}-{key_of(author.constituency)}"

    def ministries(self) -> None:
        doc = self.doc
        if doc.ministry_asked:
            ministry = self.entity(resolve_ministry(self.authority, doc.ministry_asked))
            self.out.add(self.node, pk("addressedTo"), ministry)
        elif (derived := addressee_ministry(self.authority, doc.addressee_in_text)) is not None:
            # no ministry printed as metadata: the one the text addresses (letters, Senate)
            self.out.add(self.node, pk("addressedTo"), self.entity(derived))
            self.literal("warning", f"ministry derived from the addressee: {derived.label}")
        for label in doc.ministries_assigned:
            ministry = self.entity(resolve_ministry(self.authority, label))
            self.out.add(self.node, pk("assignedTo"), ministry)

    def mentions_and_relations(self) -> None:
        doc, key = self.doc, self.doc.key
        nodes: list[NamedNode] = []
        for mention in self.extraction.mentions:
            resolution = resolve_mention(self.authority, mention)
            entity = self.entity(resolution)
            nodes.append(entity)
            m = NamedNode(mention_iri(key, mention.start, mention.end))
            self.out.add(m, _TYPE, pk("Mention"))
            self.out.add(m, pk("inDocument"), self.node)
            self.out.add(m, pk("refersTo"), entity)
            self.out.add(m, pk("exact"), Literal(mention.exact))
            self.out.add(m, pk("start"), _int(mention.start))
            self.out.add(m, pk("end"), _int(mention.end))
            self.out.add(m, pk("extractor"), Literal(mention.extractor))
            self.out.add(m, pk("resolvedBy"), Literal(resolution.rule))
            for alias in alt_labels(mention, resolution):
                self.out.add(entity, NamedNode(SKOS + "altLabel"), Literal(alias, language="fr"))
            if not resolution.curated:
                self.out.curation[(entity, _HIDDEN_LABEL, Literal(mention.exact))] = None
                self.out.curation[(entity, pk("resolvedBy"), Literal(resolution.rule))] = None
            if mention.article:
                self.out.add(m, pk("article"), Literal(mention.article))
            if mention.law_number and not resolution.curated:
                self.out.add(entity, pk("lawNumber"), Literal(mention.law_number))
            if resolution.kind is EntityKind.LAW:
                self.out.add(self.node, pk("cites"), entity)
            elif resolution.kind in _CONCERNS_KINDS:
                self.out.add(self.node, pk("concerns"), entity)
            self.out.add(self.node, pk("mentions"), entity)
        for index, rel in enumerate(self.extraction.relations):
            subject, obj = nodes[rel.subject], nodes[rel.object]
            if subject == obj:
                continue
            predicate = pk(rel.predicate)
            self.out.add(subject, predicate, obj)
            st = NamedNode(statement_iri(key, index))
            self.out.add(st, _TYPE, pk("Statement"))
            self.out.add(st, NamedNode(RDF + "subject"), subject)
            self.out.add(st, NamedNode(RDF + "predicate"), predicate)
            self.out.add(st, NamedNode(RDF + "object"), obj)
            self.out.add(st, pk("inDocument"), self.node)
            self.out.add(st, pk("exact"), Literal(doc.text[rel.evidence_start : rel.evidence_end]))
            self.out.add(st, pk("start"), _int(rel.evidence_start))
            self.out.add(st, pk("end"), _int(rel.evidence_end))
            self.out.add(st, pk("rule"), Literal(rel.rule))
            for end in (rel.subject, rel.object):
                mention = self.extraction.mentions[end]
                self.out.add(
                    st, pk("evidence"), NamedNode(mention_iri(key, mention.start, mention.end))
                )

    def debate(self) -> None:
        doc, key = self.doc, self.doc.key
        turn_nodes: list[NamedNode] = []
        for index, turn in enumerate(doc.turns):
            t = NamedNode(mint("turn", f"{key}.{index}"))
            turn_nodes.append(t)
            self.out.add(self.node, pk("hasTurn"), t)
            self.out.add(t, _TYPE, pk("SpeechTurn"))
            self.out.add(t, pk("inDocument"), self.node)
            self.out.add(t, pk("order"), _int(index))
            self.out.add(t, pk("start"), _int(turn.start))
            self.out.add(t, pk("end"), _int(turn.end))
            if turn.role:
                self.out.add(t, pk("role"), Literal(turn.role))
            if turn.named:
                speaker = self.entity(resolve_person(self.authority, turn.speaker))
                self.out.add(t, pk("speaker"), speaker)
            else:
                self.out.add(t, _LABEL, Literal(turn.speaker, language="fr"))
        for index, reaction in enumerate(doc.reactions):
            r = NamedNode(mint("reaction", f"{key}.{index}"))
            self.out.add(self.node, pk("hasReaction"), r)
            self.out.add(r, _TYPE, pk("Reaction"))
            self.out.add(r, pk("inDocument"), self.node)
            self.out.add(r, pk("reactionKind"), Literal(reaction.kind))
            self.out.add(r, pk("exact"), Literal(reaction.exact))
            self.out.add(r, pk("start"), _int(reaction.start))
            self.out.add(r, pk("end"), _int(reaction.end))
            for group in reaction.by_groups:
                self.out.add(
                    r, pk("byGroup"), self.entity(resolve_group(self.authority, group, group))
                )
            for person in reaction.by_persons:
                self.out.add(r, pk("byPerson"), self.entity(resolve_person(self.authority, person)))
            if reaction.turn is not None and 0 <= reaction.turn < len(turn_nodes):
                self.out.add(r, pk("during"), turn_nodes[reaction.turn])


def document_graph(doc: Document, extraction: Extraction, authority: Authority) -> DocumentGraph:
    """All the triples of `doc`'s named graph."""
    return _Builder(doc, extraction, authority).build()
