"""Query results as plain tables, and their text, CSV, JSON and Turtle renderings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from parlkg.errors import QueryError
from parlkg.vocab import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal
QueryResults = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean


class Queryable(Protocol):
    """Anything that answers SPARQL: the on-disk GraphStore today, a remote endpoint later.

    `query` runs over the union of all graphs and raises `parlkg.errors.QueryError`
    (with the parser's `SyntaxError` as its cause for a syntax error).
    """

    def query(self, sparql: str) -> QueryResults: ...


def _plain(term: object) -> Term | None:
    """A solution's term; an RDF-star triple term is shown as its N-Triples text."""
    if term is None or isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    return ox.Literal(str(term))


@dataclass
class Table:
    columns: list[str]
    rows: list[list[Term | None]]
    total: int | None = None  # a page's rows in all (a paged query), else None
    offset: int = 0  # rows before this page

    def page_note(self) -> str | None:
        """Where a page of a paged query stands ("rows 1-100 of 11,826"), else None."""
        if self.total is None:
            return None
        if not self.rows:
            return f"past the last page: {self.total:,} row{'s' if self.total != 1 else ''} in all"
        first, last = self.offset + 1, self.offset + len(self.rows)
        return f"rows {first:,}-{last:,} of {self.total:,}"

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
    note = table.page_note()
    if not table.rows:
        return f"(no results; {note})" if note and table.total else "(no results)"
    cells = [[_clip(compact(t), max_width) for t in row] for row in table.rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(table.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True))
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.append(f"({note or f'{len(cells)} row' + ('s' if len(cells) != 1 else '')})")
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


def render_boolean(value: bool, fmt: str = "table") -> str:
    """An ASK answer: `true`/`false`, or SPARQL 1.1 Query Results JSON."""
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value})
    return "true" if value else "false"


def render_turtle(triples: Iterable[ox.Triple]) -> str:
    """Triples as Turtle, sorted, with only the prefixes they use (entity IRIs in full)."""
    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    text = " ".join(f"{t.subject} {t.predicate} {t.object}" for t in ordered)
    used = {p: ns for p, ns in PREFIXES.items() if p != "pkid" and f"<{ns}" in text}
    data = ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=used)
    return (data or b"").decode()


def render_ntriples(triples: Iterable[ox.Triple]) -> str:
    lines = sorted({f"{t.subject} {t.predicate} {t.object} ." for t in triples})
    return "".join(line + "\n" for line in lines)


OUTPUT_FORMATS = ("table", "csv", "json", "turtle", "ntriples")


def render_output(result: Table | list[ox.Triple] | bool, fmt: str = "table") -> str:
    """A query's result in `fmt`: table, csv or json for SELECT (json for ASK too);
    turtle or ntriples for CONSTRUCT/DESCRIBE (whose default, table, is Turtle)."""
    if isinstance(result, bool):
        return render_boolean(result, fmt)
    if isinstance(result, Table):
        renderers = {"table": render_text, "csv": render_csv, "json": render_json}
        if fmt not in renderers:
            raise QueryError(
                f"format {fmt!r} does not fit a SELECT query's table",
                hint="use --format table, csv or json",
            )
        return renderers[fmt](result)
    if fmt in ("table", "turtle"):
        return render_turtle(result)
    if fmt == "ntriples":
        return render_ntriples(result)
    raise QueryError(
        f"format {fmt!r} does not fit a CONSTRUCT or DESCRIBE query's triples",
        hint="use --format turtle or ntriples",
    )
