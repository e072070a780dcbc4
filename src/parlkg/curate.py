"""`parlkg curate`: the entities minted from the text, for a curator to review.

Entities the authority file does not know get a minted IRI and `pk:reviewed
false` in the graph of each document that names them. This module lists them
(library query `awaiting-curation`), most frequent first, with the spellings
seen and example quotes, and writes them as Turtle ready to paste into
`ontology/authority.ttl`: the minted IRI is kept, so documents already stored
point at the promoted entry once the authority is reloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from parlkg.queries import find, run
from parlkg.results import Table
from parlkg.store import GraphStore
from parlkg.text import fold

QUERY = "awaiting-curation"
_QUOTES_SHOWN = 3


@dataclass
class Candidate:
    """One minted entity awaiting review."""

    iri: str
    kind: str  # the pk: class local name: "Company", "Person", ...
    label: str
    documents: int
    mentions: int
    variants: list[str] = field(default_factory=list)  # other spellings seen
    rules: list[str] = field(default_factory=list)  # how its mentions were resolved
    quotes: list[str] = field(default_factory=list)  # "<doc key>: …context…"


def _split(value: str | None, sep: str) -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


def awaiting_curation(
    store: GraphStore, kind: str | None = None, min_docs: int = 1
) -> list[Candidate]:
    """Minted entities named in at least `min_docs` documents (of class `kind`)."""
    params = {"kind_filter": kind or "any", "min_docs": str(min_docs)}
    table = run(store, find(QUERY), params)
    assert isinstance(table, Table)
    out = []
    for row in table.values():
        label = row["label"] or ""
        variants = [
            v for v in dict.fromkeys(_split(row["variants"], " | ")) if fold(v) != fold(label)
        ]
        out.append(
            Candidate(
                iri=row["entity"] or "",
                kind=row["kind"] or "",
                label=label,
                documents=int(row["documents"] or 0),
                mentions=int(row["mentions"] or 0),
                variants=list({fold(v): v for v in variants}.values()),
                rules=_split(row["rules"], ", "),
                quotes=_split(row["quotes"], " ‖ ")[:_QUOTES_SHOWN],
            )
        )
    return out


def render_table(candidates: list[Candidate]) -> str:
    if not candidates:
        return "no entity awaits curation"
    lines = [f"{len(candidates)} entit{'y' if len(candidates) == 1 else 'ies'} awaiting curation"]
    for c in candidates:
        also = f" (also: {', '.join(c.variants)})" if c.variants else ""
        lines.append("")
        lines.append(f"{c.kind:<12} {c.label}{also}")
        lines.append(
            f"    {c.documents} document(s), {c.mentions} mention(s); "
            f"resolved by {', '.join(c.rules) or '?'}; {c.iri}"
        )
        lines.extend(f"    {q}" for q in c.quotes)
    return "\n".join(lines)


def render_turtle(candidates: list[Candidate]) -> str:
    """Authority-file entries: class, rdfs:label @fr, skos:altLabel for the variants.

    Terms are written by pyoxigraph (escaping included), never formatted by hand.
    """
    lines = [
        "@prefix pk: <https://w3id.org/parlkg/ontology#> .",
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
    ]
    for c in candidates:
        lines.append("")
        lines.append(f"# seen in {c.documents} document(s); review the class before pasting")
        for quote in c.quotes:
            lines.append("# " + " ".join(quote.split()))
        lines.append(f"{NamedNode(c.iri)} a pk:{c.kind} ;")
        alts = ", ".join(str(Literal(v, language="fr")) for v in c.variants)
        label = str(Literal(c.label, language="fr"))
        if alts:
            lines.append(f"    rdfs:label {label} ;")
            lines.append(f"    skos:altLabel {alts} .")
        else:
            lines.append(f"    rdfs:label {label} .")
    return "\n".join(lines) + "\n"
