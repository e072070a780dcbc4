"""`parlkg actor NAME`: an actor's links across documents, grouped by role and relation.

Two library queries do the work: `actor-documents` (every document linked to
the actor, by role) and `actor-relations` (typed relations, each with the
documents and quotes that state it, or the authority file). This module groups
their rows into an `ActorReport` and renders it as text; `picture` draws it.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TypeVar

from parlkg.lookup import Candidate, resolve_entity
from parlkg.queries import find, run
from parlkg.results import Queryable, Table
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


@dataclass
class ActorReport:
    actor: Candidate
    documents: Table
    relations: Table
    by_role: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)

    @property
    def document_count(self) -> int:
        return len({row["doc"] for row in self.documents.values()})

    def links_by_verb(self) -> dict[str, list[Link]]:
        grouped: dict[str, list[Link]] = defaultdict(list)
        for link in self.links:
            grouped[link.verb].append(link)
        return dict(sorted(grouped.items()))


def actor_report(store: Queryable, name: str) -> ActorReport:
    """Resolve `name` (fuzzy: case, accents, aliases, acronyms) and gather its links."""
    actor = resolve_entity(store, name)
    documents = run(store, find("actor-documents"), {"actor": actor.iri})
    relations = run(store, find("actor-relations"), {"actor": actor.iri})
    assert isinstance(documents, Table) and isinstance(relations, Table)
    by_role: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in documents.values():
        by_role[row["role"] or "linked"].append(row)
    return ActorReport(actor, documents, relations, dict(by_role), _links(relations))


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
    for role in sorted(report.by_role):
        rows = report.by_role[role]
        lines += ["", f"{role} ({len(rows)}):"]
        for row in _capped(rows, limit):
            date = row.get("date") or "----------"
            detail = " — ".join(p for p in (row.get("title"), row.get("author")) if p)
            lines.append(f"  {date}  {_doc_ref(row)}" + (f"  {detail}" if detail else ""))
        lines += _more(rows, limit, "document")
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
        lines += _more(documented, limit, "entity")
        curated_only = [link.label for link in links if not link.evidence]
        if curated_only:
            text = "authority file: " + ", ".join(curated_only)
            lines += textwrap.wrap(text, 96, initial_indent="  ", subsequent_indent="      ")
    return "\n".join(lines)


def _capped(items: list[_T], limit: int) -> list[_T]:
    return items if limit <= 0 else items[:limit]


def _more(items: list[_T], limit: int, noun: str) -> list[str]:
    hidden = len(items) - limit if limit > 0 else 0
    if hidden <= 0:
        return []
    return [f"  … and {hidden} more {noun}{'s' if hidden > 1 else ''} (--limit 0 lists all)"]
