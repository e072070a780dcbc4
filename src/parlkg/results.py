"""Query results as plain tables, and their text, CSV and JSON renderings."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

import pyoxigraph as ox

from parlkg.vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def _plain(term: object) -> Term | None:
    """A solution's term; an RDF-star triple term is shown as its N-Triples text."""
    if term is None or isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    return ox.Literal(str(term))


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Term | None]]

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (IRIs and literal values)."""
        return [
            {c: (None if t is None else t.value) for c, t in zip(self.columns, row, strict=True)}
            for row in self.rows
        ]


def to_table(solutions: ox.QuerySolutions) -> Table:
    columns = [v.value for v in solutions.variables]
    rows = [[_plain(solution[c]) for c in columns] for solution in solutions]
    return Table(columns, rows)


def compact(term: Term | None) -> str:
    """A short human rendering: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and prefix != "pkid":
                return f"{prefix}:{term.value[len(ns) :]}"
        return term.value
    return str(term.value)


def render_text(table: Table, max_width: int = 60) -> str:
    if not table.rows:
        return "(no results)"
    cells = [[_clip(compact(t), max_width) for t in row] for row in table.rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(table.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def render_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow(["" if t is None else t.value for t in row])
    return buffer.getvalue()


def render_json(table: Table) -> str:
    """SPARQL 1.1 Query Results JSON."""
    bindings = []
    for row in table.rows:
        binding: dict[str, dict[str, str]] = {}
        for column, term in zip(table.columns, row, strict=True):
            if term is None:
                continue
            if isinstance(term, ox.NamedNode):
                binding[column] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                binding[column] = {"type": "bnode", "value": term.value}
            elif isinstance(term, ox.Literal):
                item = {"type": "literal", "value": term.value}
                if term.language:
                    item["xml:lang"] = term.language
                elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                    item["datatype"] = term.datatype.value
                binding[column] = item
        bindings.append(binding)
    return json.dumps(
        {"head": {"vars": table.columns}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        indent=1,
    )


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
