"""`parlkg actor NAME`: an actor's links across documents, grouped by role and relation.

Library queries do the work: `actor-documents` (every document linked to the
actor, by role) and `actor-relations` (typed relations, each with the documents
and quotes that state it, or the authority file). This module groups their rows
into an `ActorReport` and renders it as text; `picture` draws it.

The text lists the newest documents of each role (`limit`), not all of them: a
report first reads only which documents hold which role, and their dates (index
scans and one lookup a document), then the details of the documents it shows.
An organisation named in half of 100,000 documents is listed in about a second,
instead of the minute its every row would take. `ActorReport.documents` (every
row of `actor-documents`, for the picture) is read on first use, while the store
is open.
"""

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

    @property
    def verb(self) -> str:
        return _RELATION_NAMES.get((self.direction, self.relation), self.relation)


Row = dict[str, str | None]


@dataclass
class ActorReport:
    actor: Candidate
    roles: list[tuple[str, str]]  # (document, role), newest first, as actor-documents orders
    relations: Table
    links: list[Link] = field(default_factory=list)
    source: Queryable | None = field(default=None, repr=False)  # for what is read later
    _documents: Table | None = field(default=None, repr=False)

    @property
    def document_count(self) -> int:
        return len({doc for doc, _ in self.roles})

    @property
    def documents(self) -> Table:
        """Every row of `actor-documents` (read on first use: the store must be open)."""
        if self._documents is None:
            if self.source is None:
                raise ValueError("this report's documents were not read, and its store is gone")
            table = run(self.source, find("actor-documents"), {"actor": self.actor.iri})
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
        shown: dict[str, list[str]] = defaultdict(list)
        counts: dict[str, int] = defaultdict(int)
        for doc, role in self.roles:
            counts[role] += 1
            if len(shown[role]) < limit:
                shown[role].append(doc)
        details = self._details({doc for docs in shown.values() for doc in docs})
        return {
            role: (counts[role], [dict(details.get(doc, {"doc": doc}), role=role) for doc in docs])
            for role, docs in shown.items()
        }

    def _details(self, docs: set[str]) -> dict[str, Row]:
        if not docs or self.source is None:
            return {}
        if self._documents is not None:  # read already: no query
            return {row["doc"] or "": row for row in self._documents.values()}
        values = " ".join(str(ox.NamedNode(doc)) for doc in sorted(docs))
        solutions = self.source.query(_DETAILS % values)
        assert isinstance(solutions, ox.QuerySolutions)
        return {row["doc"] or "": row for row in to_table(solutions).values()}

    def links_by_verb(self) -> dict[str, list[Link]]:
        grouped: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            grouped[link.verb].append(link)
        return dict(sorted(grouped.items()))


def actor_report(store: Queryable, name: str) -> ActorReport:
    """Resolve `name` (fuzzy: case, accents, aliases, acronyms) and gather its links.

    The report keeps `store` to read the details of documents when they are shown:
    render it (or draw it) while the store is open."""
    actor = resolve_entity(store, name)
    relations = run(store, find("actor-relations"), {"actor": actor.iri})
    assert isinstance(relations, Table)
    solutions = store.query(_ROLES % {"actor": ox.NamedNode(actor.iri)})
    assert isinstance(solutions, ox.QuerySolutions)
    roles = [(row["doc"].value, row["role"].value) for row in solutions]
    return ActorReport(actor, roles, relations, _links(relations), store)


# The documents of an actor and their roles, newest first: the branches of the
# library query `actor-documents` (a test keeps them equal), without the details.
# The actor's IRI (written by pyoxigraph) stands in every pattern, as the library
# binds it: MINUS is evaluated on its own, and would read every citation without.
_ROLES = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT DISTINCT ?doc ?role ?date WHERE {
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
  UNION { GRAPH ?g { ?doc pk:cites %(actor)s } BIND("cited" AS ?role) }
  UNION { GRAPH ?g { ?doc pk:concerns %(actor)s } BIND("concerned" AS ?role) }
  UNION {
    GRAPH ?g { ?doc pk:mentions %(actor)s }
    MINUS { GRAPH ?g { ?doc pk:cites %(actor)s } }
    MINUS { GRAPH ?g { ?doc pk:concerns %(actor)s } }
    BIND("mentioned" AS ?role)
  }
  OPTIONAL { GRAPH ?g { ?doc pk:publishedOn ?date } }
}
ORDER BY DESC(?date) ?doc ?role
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


def _links(relations: Table) -> list[Link]:
    links: dict[tuple[str, str, str], Link] = {}
    for row in relations.values():
        relation = (row["relation"] or "").removeprefix(PK)
        other = row["other"] or ""
        key = (row["direction"] or "", relation, other)
        link = links.get(key)
        if link is None:
            label = row.get("otherLabel") or other.rsplit("/", 1)[-1]
            link = Link(key[0], relation, other, label, row.get("otherKind") or "")
            links[key] = link
        if row.get("doc"):
            quote = " ".join((row.get("quote") or "").split())
            link.evidence.append(Evidence(row["doc"] or "", row["number"], row["date"], quote))
        else:
            link.curated = True
    for link in links.values():
        link.evidence.sort(key=lambda e: (e.date or "", e.doc), reverse=True)
    return sorted(links.values(), key=lambda k: (k.verb, k.label.casefold(), k.other))


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
        stated = sum(len(link.evidence) for link in report.links)
        lines += ["", f"relations ({len(report.links)} links, {stated} stated in documents):"]
    for verb, links in grouped.items():
        lines.append(f"{verb} ({len(links)}):")
        documented = [link for link in links if link.evidence]
        for link in _capped(documented, limit):
            also = "  (also in the authority file)" if link.curated else ""
            lines.append(f"  {link.label} [{link.kind}]{also}")
            for ev in _capped(link.evidence, 3 if limit > 0 else 0):
                lines.append(f"      {ev.reference}: « {ev.quote} »")
            if limit > 0 and len(link.evidence) > 3:
                lines.append(f"      … and {len(link.evidence) - 3} more statements")
        lines += _more(len(documented), limit, "entity")
        curated_only = [link.label for link in links if not link.evidence]
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
