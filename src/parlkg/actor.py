"""`parlkg actor NAME`: an actor's links across documents, grouped by role and relation.

An `ActorReport` holds what the text shows, read cheaply: how many documents hold
each role and their dates (index scans on the actor: each document's graph states
the date of its entities, `pk:namedOn`/`pk:involvedOn`; no IRI decoded; the
documents naming the actor are all cited, concerned or mentioned, by its kind, and
read from the index alone), then the newest `limit` of each role with their
details (only the documents on or after the date of the last one shown are read);
and the actor's typed links with how many statements state each and the newest
three with their quotes (the links come from the plain triples, index scans on the
actor and each relation; statements are read one by one only in the documents
stating more about the actor than links; quotes only for the statements shown).
The library query `actor-documents` (every row, for the picture) is read on first
use, while the store is open. `render_actor` renders the report as text; `picture`
draws it."""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

import pyoxigraph as ox

from parlkg.lookup import Candidate, resolve_entity
from parlkg.queries import find, run
from parlkg.results import Queryable, Table, to_table
from parlkg.vocab import PK

_T = TypeVar("_T")

# how a relation reads from the actor's side: (direction, relation) -> verb
_RELATION_NAMES = {
    ("out", "hostedBy"): "hosted by",
    ("in", "hostedBy"): "hosts",
    ("out", "hostedIn"): "data hosted in",
    ("in", "hostedIn"): "hosts the data of",
    ("out", "operatedBy"): "operated by",
    ("in", "operatedBy"): "operates",
    ("out", "developedBy"): "developed by",
    ("in", "developedBy"): "developed",
    ("out", "partnerOf"): "partner of",
    ("in", "partnerOf"): "partner of",
    ("out", "subjectTo"): "subject to",
    ("in", "subjectTo"): "applies to",
}

# the relation's own name, read subject -> object (edge labels of the picture)
RELATION_LABELS = {
    "hostedBy": "hosted by",
    "hostedIn": "hosted in",
    "operatedBy": "operated by",
    "developedBy": "developed by",
    "partnerOf": "partner of",
    "subjectTo": "subject to",
}


@dataclass(frozen=True)
class Evidence:
    """A document stating a relation: its number (None for a letter), date and quote."""

    doc: str
    number: str | None
    date: str | None
    quote: str

    @property
    def reference(self) -> str:
        where = f"n° {self.number}" if self.number else "letter"
        return f"{where}, {self.date or 'no date'}"


@dataclass
class Link:
    """One typed relation between the actor and another entity, with its evidence."""

    direction: str  # "out": actor -> other; "in": other -> actor
    relation: str  # local name in pk: (hostedBy, ...)
    other: str
    label: str
    kind: str
    evidence: list[Evidence] = field(default_factory=list)
    curated: bool = False  # also (or only) stated by the authority file
    statements: int = 0  # statements in documents; `evidence` may hold only the newest

    @property
    def verb(self) -> str:
        return _RELATION_NAMES.get((self.direction, self.relation), self.relation)


Row = dict[str, str | None]


@dataclass
class ActorReport:
    actor: Candidate
    days: dict[str, list[str]]  # role -> the dates of its documents, newest first ("": none)
    document_count: int  # documents holding any role
    links: list[Link] = field(default_factory=list)
    source: Queryable | None = field(default=None, repr=False)  # for what is read later
    # the role of every document naming the actor (cited, concerned or mentioned, by
    # its kind: see `_named_role`); None when they differ (read document by document)
    named_role: str | None = "mentioned"
    _documents: Table | None = field(default=None, repr=False)

    @property
    def role_counts(self) -> dict[str, int]:
        return {role: len(days) for role, days in self.days.items()}

    @property
    def documents(self) -> Table:
        """Every row of `actor-documents` (read on first use: the store must be open)."""
        if self._documents is None:
            if self.source is None:
                raise ValueError("this report's documents were not read, and its store is gone")
            table = run(self.source, find("actor-documents"), {"actor": self.actor.iri}, page=0)
            assert isinstance(table, Table)
            self._documents = table
        return self._documents

    @property
    def by_role(self) -> dict[str, list[Row]]:
        """Every document row of `actor-documents`, by role."""
        grouped: dict[str, list[Row]] = defaultdict(list)
        for row in self.documents.values():
            grouped[row["role"] or "linked"].append(row)
        return dict(grouped)

    def listing(self, limit: int) -> dict[str, tuple[int, list[Row]]]:
        """Role -> (how many documents, the newest `limit` of them with their details);
        every document when `limit` is 0."""
        if limit <= 0:
            return {role: (len(rows), rows) for role, rows in self.by_role.items()}
        shown = self.newest(limit)
        details = self._details({doc for docs in shown.values() for doc in docs})
        return {
            role: (
                len(self.days[role]),
                [dict(details.get(doc, {"doc": doc}), role=role) for doc in docs],
            )
            for role, docs in shown.items()
        }

    def newest(self, limit: int) -> dict[str, list[str]]:
        """Role -> its newest `limit` documents, then by IRI: only the documents on or
        after the date of each role's last one shown are read (few besides them)."""
        if self.source is None:
            return {}
        cuts = {role: days[min(limit, len(days)) - 1] for role, days in self.days.items() if days}
        term = ox.NamedNode(self.actor.iri)
        roles, named = _role_branches(term, self.named_role)
        named_role = self.named_role or "mentioned"
        others = sorted((role, day) for role, day in cuts.items() if role != named_role)
        branches = []
        if others:
            values = " ".join(f"({_string(role)} {_string(day)})" for role, day in others)
            branches.append(_NEWEST_ROLES % {"roles": roles, "index": _index(term), "cuts": values})
        if named_role in cuts:
            cut = _string(cuts[named_role])
            branches.append(_NEWEST_NAMED % {"named": named, "actor": term, "cut": cut})
        text = _SELECT_NEWEST % " } UNION { ".join(branches)
        rows = _select(self.source, text).values()
        entries: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for row in rows:
            entries[row["role"] or ""].append((row["day"] or "", row["doc"] or ""))
        return {role: [doc for _, doc in _newest_pairs(entries[role])[:limit]] for role in cuts}

    def _details(self, docs: set[str]) -> dict[str, Row]:
        if not docs or self.source is None:
            return {}
        values = " ".join(str(ox.NamedNode(doc)) for doc in sorted(docs))
        solutions = self.source.query(_DETAILS % values)
        assert isinstance(solutions, ox.QuerySolutions)
        return {row["doc"] or "": row for row in to_table(solutions).values()}

    def links_by_verb(self) -> dict[str, list[Link]]:
        grouped: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            grouped[link.verb].append(link)
        return dict(sorted(grouped.items()))


def actor_report(store: Queryable, name: str, evidence: int = 3) -> ActorReport:
    """Resolve `name` (fuzzy: case, accents, aliases, acronyms) and gather its links.

    Each link keeps its newest `evidence` statements and counts the others (0: every
    statement). The report keeps `store` to read the documents it shows when they are
    shown: render it (or draw it) while the store is open."""
    actor = resolve_entity(store, name)
    term = ox.NamedNode(actor.iri)
    text = _DAYS % {"roles": _ROLES % {"actor": term}, "actor": term, "index": _index(term)}
    rows = _select(store, text).values()
    tally = {row["tally"]: row for row in rows if row["tally"]}
    named, cited, concerned, involved = (
        int(tally[k]["n"] or 0) if k in tally else 0
        for k in ("named", "cited", "concerned", "involved")
    )
    named_role = _named_role(named, cited, concerned)
    days = {row["role"]: _days(row["days"]) for row in rows if row["role"]}
    if named_role is None:
        text = _NAMING_DAYS % {"actor": term, "index": _index(term)}
        naming = _select(store, text).values()
        days.update((row["role"] or "", _days(row["days"])) for row in naming)
    elif named:
        days[named_role] = _days(tally["named"]["days"])
    links = {_key(row): _days(row["days"]) for row in rows if row["relation"]}
    # a statement for each link of each document: none uncounted (see newest_links)
    stated = int(tally["stated"]["n"] or 0) if "stated" in tally else 0
    linked = sum(int(row["n"] or 0) for row in rows if row["relation"])
    shown = newest_links(store, term, links, evidence, recount=stated > linked)
    return ActorReport(actor, days, named + involved, shown, store, named_role)


def _named_role(named: int, cited: int, concerned: int) -> str | None:
    """The role of every document naming the actor, from how many name it, cite it and
    concern it. A document's graph cites a law it names, and is concerned by an
    organisation or project it names (the entity's kind decides), each at most once:
    equal counts are the same documents. None: they differ, read each document."""
    if cited == concerned == 0:
        return "mentioned"
    if cited == named and concerned == 0:
        return "cited"
    if concerned == named and cited == 0:
        return "concerned"
    return None


def _role_branches(actor: ox.NamedNode, named_role: str | None) -> tuple[str, str]:
    """(the role branches, dated by a join with the index: `?g ?doc ?role`; the
    documents naming the actor, dated by their own index rows: `?g ?role ?day`)."""
    if named_role is None:
        roles = _ROLES + " UNION " + _NAMING_ROLES
        return roles % {"actor": actor}, _MENTIONED % {"actor": actor}
    return _ROLES % {"actor": actor}, _NAMED % {"actor": actor, "role": _string(named_role)}


def _days(entries: str | None) -> list[str]:
    """The dates of a GROUP_CONCAT ("" for none), newest first, those without last."""
    return sorted((entries or "").split(" "), reverse=True)


def _newest_pairs(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(date, IRI) pairs in the order of `ORDER BY DESC(?date) ?iri` (no date: last)."""
    pairs = sorted(pairs, key=lambda pair: pair[1])
    pairs.sort(key=lambda pair: pair[0], reverse=True)
    return pairs


def _string(value: str) -> str:
    return str(ox.Literal(value))


def _index(actor: ox.NamedNode) -> str:
    """The actor's documents (their graphs) with their dates: index scans on the actor."""
    return _INDEX % {"actor": actor}


def _select(store: Queryable, text: str) -> Table:
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    return to_table(solutions)


# The (document, role) pairs of an actor: with `_NAMING_ROLES` and `_MENTIONED`, the
# branches of the library query `actor-documents` (tests keep them equal). The
# actor's IRI (written by pyoxigraph) stands in every pattern, as the library binds
# it: MINUS is evaluated on its own, and would read every citation without.
_ROLES = """
  { GRAPH ?g { ?doc pk:askedBy %(actor)s } BIND("author" AS ?role) }
  UNION { GRAPH ?g { ?doc pk:answeredBy %(actor)s } BIND("answered" AS ?role) }
  UNION { GRAPH ?g { ?doc pk:addressee %(actor)s } BIND("addressee" AS ?role) }
  UNION { GRAPH ?g { ?doc pk:addressedTo %(actor)s } BIND("ministry asked" AS ?role) }
  UNION { GRAPH ?g { ?doc pk:assignedTo %(actor)s } BIND("ministry assigned" AS ?role) }
  UNION { GRAPH ?g { ?turn pk:speaker %(actor)s ; pk:inDocument ?doc } BIND("speaker" AS ?role) }
  UNION {
    GRAPH ?g { ?reaction pk:byPerson %(actor)s ; pk:inDocument ?doc ; pk:reactionKind ?role }
  } UNION {
    GRAPH ?g { ?reaction pk:byGroup %(actor)s ; pk:inDocument ?doc ; pk:reactionKind ?role }
  }
"""
_NAMING_ROLES = """
  { GRAPH ?g { ?doc pk:cites %(actor)s } BIND("cited" AS ?role) }
  UNION { GRAPH ?g { ?doc pk:concerns %(actor)s } BIND("concerned" AS ?role) }
"""

# The documents naming the actor, with their dates (`?day`): the index scan of
# `pk:namedOn` (a document's graph states it for each entity its text names,
# `pk:mentions`), no join on the date. `_NAMED`: all in one role (`_named_role`);
# `_MENTIONED`: those neither citing it nor concerned by it.
_NAMED = """
    GRAPH ?g { %(actor)s pk:namedOn ?date }
    BIND(%(role)s AS ?role)
    BIND(IF(isLiteral(?date), STR(?date), "") AS ?day)
"""
_MENTIONED = """
    GRAPH ?g { %(actor)s pk:namedOn ?date }
    MINUS { GRAPH ?g { ?cites pk:cites %(actor)s } }
    MINUS { GRAPH ?g { ?concerned pk:concerns %(actor)s } }
    BIND("mentioned" AS ?role)
    BIND(IF(isLiteral(?date), STR(?date), "") AS ?day)
"""

# The details `actor-documents` gives of each document (the VALUES: documents' IRIs
# written by pyoxigraph), for the documents a report shows.
_DETAILS = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?doc ?kind ?chamber ?legislature ?number ?date ?title ?author WHERE {
  VALUES ?doc { %s }
  GRAPH ?g { ?doc a ?class ; pk:chamber ?chamber }
  {
    SELECT ?class ?kind WHERE {
      GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?class rdfs:label ?kind }
      FILTER(LANG(?kind) = "en")
    }
  }
  OPTIONAL { GRAPH ?g { ?doc pk:legislature ?legislature } }
  OPTIONAL { GRAPH ?g { ?doc pk:number ?number } }
  OPTIONAL { GRAPH ?g { ?doc pk:publishedOn ?date } }
  OPTIONAL { GRAPH ?g { ?doc dcterms:title ?title } }
  OPTIONAL { GRAPH ?g { ?doc pk:askedBy ?person } }
  BIND(COALESCE(?person, pk:nobody) AS ?who)
  OPTIONAL { GRAPH ?g { ?who rdfs:label ?printed } }
  OPTIONAL {
    GRAPH <https://w3id.org/parlkg/graph/_authority> {
      ?who rdfs:label ?curated FILTER(LANG(?curated) IN ("fr", ""))
    }
  }
  BIND(COALESCE(?curated, ?printed) AS ?author)
}
"""


def newest_links(
    store: Queryable,
    term: ox.NamedNode,
    days: dict[LinkKey, list[str]],
    evidence: int,
    recount: bool = True,
) -> list[Link]:
    """The actor's links, each with its newest `evidence` statements and its count.

    A document states a relation as a plain triple and as one statement per sentence
    (with the quote). The plain triples give the links and the dates of their
    documents (`days`, newest first: read by `_DAYS`), one statement each; a second
    query counts the statements of the few documents that state more than one about
    the actor (`recount`: the caller may know there are none, when the actor's
    statements are as many as its links in all: each link has one at least). Then only
    the documents on or after the date of each link's last statement shown are read,
    and their statements, with their quotes."""
    extra = _extra_statements(store, term) if recount else {}
    curated = {_key(row) for row in _select(store, _CURATED % {"actor": term}).values()}
    cut = evidence if evidence > 0 else None
    graphs = _newest_graphs(store, term, days, evidence)
    stated = _statements(store, term, {g for rows in graphs.values() for _, g in rows})
    labels = _labels(store, {key[2]: rows[0][1] for key, rows in graphs.items() if rows}, curated)
    counts: dict[LinkKey, int] = defaultdict(int)
    for (key, _), n in extra.items():
        counts[key] += n
    links = []
    for key in sorted(set(days) | curated):
        label, kind = labels.get(key[2], ("", ""))
        link = Link(
            key[0], key[1].removeprefix(PK), key[2], label or key[2].rsplit("/", 1)[-1], kind
        )
        link.curated = key in curated
        link.statements = len(days.get(key, [])) + counts[key]
        shown = [ev for _, g in graphs.get(key, []) for ev in stated.get((key, g), [])]
        link.evidence = sorted(shown, key=_newest_first, reverse=True)[:cut]
        links.append(link)
    return sorted(links, key=lambda k: (k.verb, k.label.casefold(), k.other))


def _newest_graphs(
    store: Queryable, actor: ox.NamedNode, days: dict[LinkKey, list[str]], evidence: int
) -> dict[LinkKey, list[tuple[str, str]]]:
    """Link -> (date, graph) of its documents on or after the date of its `evidence`-th
    newest (every one when `evidence` is 0), newest first."""
    cuts = {
        key: dates[min(evidence, len(dates)) - 1] if evidence > 0 else ""
        for key, dates in days.items()
        if dates
    }
    if not cuts:
        return {}
    values = " ".join(
        f"({_string(d)} {ox.NamedNode(r)} {ox.NamedNode(o)} {_string(day)})"
        for (d, r, o), day in sorted(cuts.items())
    )
    text = _NEWEST_LINKS % {"actor": actor, "index": _index(actor), "cuts": values}
    out: dict[LinkKey, list[tuple[str, str]]] = defaultdict(list)
    for row in _select(store, text).values():
        out[_key(row)].append((row["day"] or "", row["g"] or ""))
    return {key: _newest_pairs(pairs) for key, pairs in out.items()}


LinkKey = tuple[str, str, str]  # (direction, relation IRI, other IRI)


def _extra_statements(store: Queryable, actor: ox.NamedNode) -> dict[tuple[LinkKey, str], int]:
    """(link, graph) -> statements beyond the first, where a document states it twice
    (read in the documents stating more statements about the actor than links)."""
    uncounted = sorted(
        {row["g"] or "" for row in _select(store, _UNCOUNTED % {"actor": actor}).values()}
    )
    if not uncounted:
        return {}
    graphs = " ".join(str(ox.NamedNode(g)) for g in uncounted)
    rows = _select(store, _COUNTS % {"actor": actor, "graphs": graphs}).values()
    return {(_key(row), row["g"] or ""): int(row["n"] or 0) - 1 for row in rows}


def _key(row: Row) -> LinkKey:
    return (row["direction"] or "", row["relation"] or "", row["other"] or "")


def _newest_first(ev: Evidence) -> tuple[str, str, str]:
    return (ev.date or "", ev.doc, ev.quote)


def _statements(
    store: Queryable, actor: ox.NamedNode, graphs: set[str]
) -> dict[tuple[LinkKey, str], list[Evidence]]:
    """The statements about the actor in `graphs`, by link and graph, with their quotes."""
    if not graphs:
        return {}
    values = " ".join(str(ox.NamedNode(g)) for g in sorted(graphs))
    out: dict[tuple[LinkKey, str], list[Evidence]] = defaultdict(list)
    for row in _select(store, _QUOTES % {"actor": actor, "graphs": values}).values():
        quote = " ".join((row["quote"] or "").split())
        evidence = Evidence(row["doc"] or "", row["number"], row["date"], quote)
        out[(_key(row), row["g"] or "")].append(evidence)
    return out


def _labels(
    store: Queryable, graphs: dict[str, str], curated: set[tuple[str, str, str]]
) -> dict[str, tuple[str, str]]:
    """Each entity's label and kind: the authority file's, else those printed in `graph`."""
    others = set(graphs) | {key[2] for key in curated}
    if not others:
        return {}
    pairs = " ".join(
        f"({ox.NamedNode(o)} {ox.NamedNode(graphs[o]) if o in graphs else 'UNDEF'})"
        for o in sorted(others)
    )
    out = {}
    for row in _select(store, _LABELS % pairs).values():
        kind = (row["kind"] or "").rsplit("#", 1)[-1]
        out[row["other"] or ""] = (row["label"] or "", kind)
    return out


_IN_RELATIONS = """
  FILTER(?relation IN (pk:hostedBy, pk:hostedIn, pk:operatedBy, pk:developedBy, pk:partnerOf,
                       pk:subjectTo))
"""

# The actor's documents (their graphs) with their dates, from the index each
# document's graph holds (`pk:namedOn`, `pk:involvedOn`: index scans on the actor),
# as strings ("" when undated). A store without the index reads as undated.
_INDEX_ROWS = """
  { GRAPH ?g { %(actor)s pk:namedOn ?date } } UNION { GRAPH ?g { %(actor)s pk:involvedOn ?date } }
"""
_INDEX = (
    """
  OPTIONAL { SELECT ?g ?date WHERE { """
    + _INDEX_ROWS
    + """ } }
  BIND(IF(isLiteral(?date), STR(?date), "") AS ?day)
"""
)

# The plain triples of the actor's links: an index scan on the actor and each
# relation (the VALUES binds ?relation first), not every triple of the actor (its
# mentions, labels and index: 70 ms for 8,000 documents) filtered.
_LINKS = """
    VALUES ?relation {
      pk:hostedBy pk:hostedIn pk:operatedBy pk:developedBy pk:partnerOf pk:subjectTo
    }
    { GRAPH ?g { %(actor)s ?relation ?other } BIND("out" AS ?direction) }
    UNION
    { GRAPH ?g { ?other ?relation %(actor)s } BIND("in" AS ?direction) }
    FILTER(?g != <https://w3id.org/parlkg/graph/_authority>)  # curated: read apart
"""

# Each role and each link: how many documents, and their dates (short strings, no
# IRI decoded): the role branches of `actor-documents` and the links' plain
# triples, hash-joined with the actor's dates on the document's graph. And tallies
# (`?tally`): the documents naming the actor with their dates (its index rows: no
# join), those involving it otherwise, citing it, concerned by it (`_named_role`),
# and its statements (`stated`: as many as its links, none is left uncounted).
_DAYS = (
    """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?role ?direction ?relation ?other ?tally (COUNT(*) AS ?n)
       (GROUP_CONCAT(?day; separator=" ") AS ?days)
WHERE {
  {
    { SELECT DISTINCT ?g ?role WHERE { %(roles)s } }
    UNION {
"""
    + _LINKS
    + """
    }
    %(index)s
  }
  UNION {
    GRAPH ?g { %(actor)s pk:namedOn ?date }
    BIND("named" AS ?tally)
    BIND(IF(isLiteral(?date), STR(?date), "") AS ?day)
  }
  UNION { GRAPH ?g { %(actor)s pk:involvedOn ?date } BIND("involved" AS ?tally) }
  UNION { GRAPH ?g { ?cites pk:cites %(actor)s } BIND("cited" AS ?tally) }
  UNION { GRAPH ?g { ?concerned pk:concerns %(actor)s } BIND("concerned" AS ?tally) }
  UNION { GRAPH ?g { ?st rdf:subject %(actor)s } BIND("stated" AS ?tally) }
  UNION { GRAPH ?g { ?st rdf:object %(actor)s } BIND("stated" AS ?tally) }
}
GROUP BY ?role ?direction ?relation ?other ?tally
"""
)

# The dates of the documents citing the actor, concerned by it, and naming it only,
# document by document (when `_named_role` cannot tell).
_NAMING_DAYS = (
    """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?role (GROUP_CONCAT(?day; separator=" ") AS ?days) WHERE {
  { { SELECT DISTINCT ?g ?role WHERE { """
    + _NAMING_ROLES
    + """ } } %(index)s }
  UNION { """
    + _MENTIONED
    + """ }
}
GROUP BY ?role
"""
)

# The documents of each role on or after a date (VALUES: role, date); those naming
# the actor from the index alone, their IRI looked up for the few on or after it.
_NEWEST_ROLES = """
  { SELECT DISTINCT ?g ?doc ?role WHERE { %(roles)s } }
  %(index)s
  VALUES (?role ?cut) { %(cuts)s }
  FILTER(?day >= ?cut)
"""
_SELECT_NEWEST = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?role ?doc ?day WHERE { { %s } }
"""
_NEWEST_NAMED = """
    { SELECT ?g ?role ?day WHERE { %(named)s VALUES ?cut { %(cut)s } FILTER(?day >= ?cut) } }
    OPTIONAL { GRAPH ?g { ?doc pk:mentions %(actor)s } }  # a lookup: the few rows kept
"""

# The documents of each link on or after a date (VALUES: the link, the date).
_NEWEST_LINKS = (
    """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?direction ?relation ?other ?g ?day WHERE {
  {
"""
    + _LINKS
    + """
  }
  %(index)s
  VALUES (?direction ?relation ?other ?cut) { %(cuts)s }
  FILTER(?day >= ?cut)
}
"""
)

# The documents where the actor's links cannot be counted from the plain triples:
# more statements about it (in one direction) than links. Each link a document
# states has at least one statement (its sentence): as many statements as links is
# one each. Two grouped index scans on the actor, hash-joined: no lookup.
_UNCOUNTED = (
    """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT DISTINCT ?g WHERE {
  {
    SELECT ?g ?direction (COUNT(?st) AS ?statements) WHERE {
      { GRAPH ?g { ?st rdf:subject %(actor)s } BIND("out" AS ?direction) }
      UNION
      { GRAPH ?g { ?st rdf:object %(actor)s } BIND("in" AS ?direction) }
    }
    GROUP BY ?g ?direction
    HAVING (COUNT(?st) > 1)
  }
  { SELECT ?g ?direction (COUNT(*) AS ?links) WHERE { """
    + _LINKS
    + """ } GROUP BY ?g ?direction }
  FILTER(?statements > ?links)
}
"""
)

# Their statements, counted by link (the other documents state each link once).
_COUNTS = (
    """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?direction ?relation ?other ?g (COUNT(?st) AS ?n) WHERE {
  VALUES ?g { %(graphs)s }
  { GRAPH ?g { ?st rdf:subject %(actor)s ; rdf:object ?other } BIND("out" AS ?direction) }
  UNION
  { GRAPH ?g { ?st rdf:object %(actor)s ; rdf:subject ?other } BIND("in" AS ?direction) }
  GRAPH ?g { ?st rdf:predicate ?relation }
"""
    + _IN_RELATIONS
    + """
}
GROUP BY ?direction ?relation ?other ?g
"""
)

_CURATED = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?direction ?relation ?other WHERE {
  VALUES ?relation {
    pk:hostedBy pk:hostedIn pk:operatedBy pk:developedBy pk:partnerOf pk:subjectTo
  }
  GRAPH <https://w3id.org/parlkg/graph/_authority> {
    { %(actor)s ?relation ?other BIND("out" AS ?direction) }
    UNION { ?other ?relation %(actor)s BIND("in" AS ?direction) }
  }
}
"""

_QUOTES = (
    """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?direction ?relation ?other ?g ?doc ?number ?date ?quote WHERE {
  VALUES ?g { %(graphs)s }
  { GRAPH ?g { ?st rdf:subject %(actor)s ; rdf:object ?other } BIND("out" AS ?direction) }
  UNION
  { GRAPH ?g { ?st rdf:object %(actor)s ; rdf:subject ?other } BIND("in" AS ?direction) }
  GRAPH ?g { ?st rdf:predicate ?relation ; pk:inDocument ?doc ; pk:exact ?quote }
"""
    + _IN_RELATIONS
    + """
  OPTIONAL { GRAPH ?g { ?doc pk:number ?number } }
  OPTIONAL { GRAPH ?g { ?doc pk:publishedOn ?date } }
}
"""
)

_LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?other (COALESCE(MIN(?curated), MIN(?printed)) AS ?label)
       (COALESCE(MIN(?curatedClass), MIN(?printedClass)) AS ?kind) WHERE {
  VALUES (?other ?g) { %s }
  BIND(COALESCE(?g, <urn:parlkg:none>) AS ?in)
  OPTIONAL { GRAPH ?in { ?other rdfs:label ?printed } }
  OPTIONAL { GRAPH ?in { ?other a ?printedClass } }
  OPTIONAL {
    GRAPH <https://w3id.org/parlkg/graph/_authority> {
      ?other rdfs:label ?curated FILTER(LANG(?curated) IN ("fr", ""))
    }
  }
  OPTIONAL { GRAPH <https://w3id.org/parlkg/graph/_authority> { ?other a ?curatedClass } }
}
GROUP BY ?other
"""


def _doc_ref(row: dict[str, str | None]) -> str:
    kind = row.get("kind") or "Document"
    parts = [row.get("chamber") or ""]
    if row.get("legislature"):
        parts.append(f"L{row['legislature']}")
    parts.append(kind)
    if row.get("number"):
        parts.append(f"n° {row['number']}")
    return " ".join(p for p in parts if p)


def render_actor(report: ActorReport, limit: int = 20) -> str:
    """The report as text: documents by role, then relations by verb with their evidence.

    `limit` caps the documents listed per role and the entities per relation, and
    shows the three newest statements of each link (0: everything).
    """
    a = report.actor
    lines = [f"{a.label}  [{a.kind}]  <{a.iri}>"]
    if a.matched != a.label:
        lines.append(f"  (matched {a.matched!r})")
    lines.append(f"Linked to {report.document_count} document(s).")
    listing = report.listing(limit)
    for role in sorted(listing):
        count, rows = listing[role]
        lines += ["", f"{role} ({count}):"]
        for row in rows:
            date = row.get("date") or "----------"
            detail = " — ".join(p for p in (row.get("title"), row.get("author")) if p)
            lines.append(f"  {date}  {_doc_ref(row)}" + (f"  {detail}" if detail else ""))
        lines += _more(count, limit, "document")
    grouped = report.links_by_verb()
    if grouped:
        stated = sum(link.statements for link in report.links)
        lines += ["", f"relations ({len(report.links)} links, {stated} stated in documents):"]
    for verb, links in grouped.items():
        lines.append(f"{verb} ({len(links)}):")
        documented = [link for link in links if link.statements]
        for link in _capped(documented, limit):
            also = "  (also in the authority file)" if link.curated else ""
            lines.append(f"  {link.label} [{link.kind}]{also}")
            for ev in _capped(link.evidence, 3 if limit > 0 else 0):
                lines.append(f"      {ev.reference}: « {ev.quote} »")
            if limit > 0 and link.statements > 3:
                lines.append(f"      … and {link.statements - 3} more statements")
        lines += _more(len(documented), limit, "entity")
        curated_only = [link.label for link in links if not link.statements]
        if curated_only:
            text = "authority file: " + ", ".join(curated_only)
            lines += textwrap.wrap(text, 96, initial_indent="  ", subsequent_indent="      ")
    return "\n".join(lines)


def _capped(items: list[_T], limit: int) -> list[_T]:
    return items if limit <= 0 else items[:limit]


def _more(count: int, limit: int, noun: str) -> list[str]:
    hidden = count - limit if limit > 0 else 0
    if hidden <= 0:
        return []
    return [f"  … and {hidden} more {noun}{'s' if hidden > 1 else ''} (--limit 0 lists all)"]
