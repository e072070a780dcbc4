"""`parlkg actor NAME`: an actor's links across documents, grouped by relation."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from parlkg.lookup import Candidate, resolve_entity
from parlkg.queries import find, run
from parlkg.results import Table
from parlkg.store import GraphStore
from parlkg.vocab import PK

_RELATION_NAMES = {  # how a relation reads from the actor's side
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


@dataclass
class ActorReport:
    actor: Candidate
    documents: Table
    relations: Table
    by_role: dict[str, list[dict[str, str | None]]] = field(default_factory=dict)

    @property
    def document_count(self) -> int:
        return len({row["doc"] for row in self.documents.values()})


def actor_report(store: GraphStore, name: str) -> ActorReport:
    actor = resolve_entity(store, name)
    documents = run(store, find("actor-documents"), {"actor": actor.iri})
    relations = run(store, find("actor-relations"), {"actor": actor.iri})
    assert isinstance(documents, Table) and isinstance(relations, Table)
    by_role: dict[str, list[dict[str, str | None]]] = defaultdict(list)
    for row in documents.values():
        by_role[row["role"] or "linked"].append(row)
    return ActorReport(actor, documents, relations, dict(by_role))


def _doc_ref(row: dict[str, str | None]) -> str:
    kind = row.get("kind") or "Document"
    parts = [row.get("chamber") or ""]
    if row.get("legislature"):
        parts.append(f"L{row['legislature']}")
    parts.append(kind)
    if row.get("number"):
        parts.append(f"n° {row['number']}")
    return " ".join(p for p in parts if p)


def render_actor(report: ActorReport) -> str:
    a = report.actor
    lines = [f"{a.label}  [{a.kind}]  <{a.iri}>"]
    if a.matched != a.label:
        lines.append(f"  (matched {a.matched!r})")
    lines.append(f"Linked to {report.document_count} document(s).")
    for role in sorted(report.by_role):
        rows = report.by_role[role]
        lines.append("")
        lines.append(f"{role} ({len(rows)}):")
        for row in rows:
            date = row.get("date") or "----------"
            title = row.get("title") or ""
            author = row.get("author") or ""
            detail = " — ".join(p for p in (title, author) if p)
            lines.append(f"  {date}  {_doc_ref(row)}" + (f"  {detail}" if detail else ""))
    relations = report.relations.values()
    stated = [r for r in relations if r.get("doc")]
    curated: dict[str, list[str]] = defaultdict(list)
    for row in relations:
        if not row.get("doc"):
            curated[_verb(row)].append(row.get("otherLabel") or row.get("other") or "")
    if stated:
        lines += ["", f"relations stated in the documents ({len(stated)}):"]
        for row in stated:
            where = f"n° {row['number']}" if row.get("number") else "letter"
            other = row.get("otherLabel") or row.get("other")
            lines.append(f"  {_verb(row)} {other}  [{where}, {row.get('date') or 'no date'}]")
            lines.append(f"      « {row['quote']} »")
    if curated:
        lines += ["", "relations from the authority file:"]
        for verb in sorted(curated):
            lines.append(f"  {verb}: {', '.join(sorted(set(curated[verb])))}")
    return "\n".join(lines)


def _verb(row: dict[str, str | None]) -> str:
    predicate = (row["relation"] or "").removeprefix(PK)
    return _RELATION_NAMES.get((row["direction"] or "", predicate), predicate)
