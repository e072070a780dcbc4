"""The query library: `queries/<name>.rq` with a grlc-style `#+` header.

Header::

    #+ summary: Documents that mention an actor, newest first
    #+ params:
    #+   - actor (entity): the actor, by name or IRI
    #+   - year (integer, default=2024): only documents of that year
    #+ returns: doc, type, number, date, via

    #+ median: answer_delays -> median_delay_days

Parameters are bound, never pasted: each value becomes an RDF term written by
pyoxigraph's own serializer and is injected as `VALUES ?param { term }` at the
top of the query's WHERE group. A value can never change the query's shape.

`#+ pagination: 100` makes the query return a page of 100 rows (`run(..., page=k)`,
1-based; page 0: every row). The query marks where the page is cut with a comment
line `#+ page` (inside the sub-SELECT that picks the rows, after its ORDER BY): the
library replaces it by `LIMIT 100 OFFSET …`, integers it computes; as written, the
file is valid SPARQL returning every row. `#+ total:` (the pattern on the lines
after it, each starting with `#+`) is what the rows are: the library counts its
solutions (`SELECT (COUNT(*) AS ?total) WHERE { … }`, parameters bound the same way)
and the table carries that total. A `#+ page-end` comment line, after the ORDER BY
of a sub-SELECT ordering the same rows (the `#+ total:` pattern's) the other way
round, becomes the OFFSET and LIMIT of the one row where the page ends, counted
from the end (`OFFSET total - 200 LIMIT 1` for page 2, the total counted first): a
newest-first query finds there the date its page ends at, before decoding the rows
to sort, and the sort it reads it from is in the order of the index (see
`questions-about`).

`#+ median: column -> name` asks for a post-processing step SPARQL cannot do:
the column holds numbers separated by spaces (a GROUP_CONCAT), and parlkg
replaces it by a column `name` holding their median.

Syntax errors (of a library query, a .rq file or an ad-hoc query) are reported
at their line and column in the text the user wrote, with that line and a caret.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

from parlkg.errors import QueryError
from parlkg.lookup import resolve_entity
from parlkg.resources import queries_dir
from parlkg.results import Queryable, Table, to_table
from parlkg.vocab import PREFIXES, XSD

PARAM_TYPES = ("entity", "iri", "string", "integer", "date", "boolean")
_PARAM_LINE = re.compile(
    r"^-\s*(?P<name>[A-Za-z_]\w*)\s*\((?P<type>\w+)(?:\s*,\s*default\s*=\s*(?P<default>[^)]*))?\)\s*:?\s*(?P<doc>.*)$"
)


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class Median:
    """`#+ median: source -> target`: replace column `source` by the median of its numbers."""

    source: str
    target: str


@dataclass
class LibraryQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    returns: str = ""
    params: list[Param] = field(default_factory=list)
    medians: list[Median] = field(default_factory=list)
    page_size: int | None = None  # `#+ pagination: N`
    total: str = ""  # `#+ total:` the pattern whose solutions are the rows, counted


def parse_header(name: str, path: Path, text: str) -> LibraryQuery:
    query = LibraryQuery(name=name, path=path, text=text)
    section = None
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        body = line[2:].strip()
        key, _, value = body.partition(":")
        if key == "pagination":
            query.page_size = _page_size(path, value)
            section = None
            continue
        if key == "total":
            query.total = value.strip()
            section = "total"
            continue
        if section == "total" and key not in _HEADER_KEYS:
            query.total = f"{query.total}\n{body}".strip()
            continue
        if key == "median":
            source, arrow, target = value.partition("->")
            if not arrow or not source.strip() or not target.strip():
                raise QueryError(
                    f"{path}: bad median line {line!r}",
                    hint="write `#+ median: column -> new_column`",
                )
            query.medians.append(Median(source.strip(), target.strip()))
            section = None
            continue
        if key in ("summary", "returns", "params") and not body.startswith("-"):
            section = key
            if key == "summary":
                query.summary = value.strip()
            elif key == "returns":
                query.returns = value.strip()
            continue
        if section == "params" and body.startswith("-"):
            m = _PARAM_LINE.match(body)
            if not m or m["type"] not in PARAM_TYPES:
                raise QueryError(
                    f"{path}: bad parameter line {line!r}",
                    hint="write `#+   - name (type[, default=value]): description`, "
                    f"type one of {', '.join(PARAM_TYPES)}",
                )
            default = m["default"].strip() if m["default"] is not None else None
            query.params.append(Param(m["name"], m["type"], default, m["doc"].strip()))
        elif section == "summary" and body:
            query.summary = f"{query.summary} {body}".strip()
    return query


_HEADER_KEYS = (
    "summary",
    "params",
    "returns",
    "median",
    "pagination",
    "total",
    "page",
    "page-end",
)


def _page_size(path: Path, value: str) -> int:
    if not value.strip().isdigit() or int(value) <= 0:
        raise QueryError(
            f"{path}: bad pagination {value.strip()!r}", hint="write `#+ pagination: 100`"
        )
    return int(value)


def library(directory: Path | None = None) -> dict[str, LibraryQuery]:
    """Every query of the library, by name."""
    directory = directory or queries_dir()
    out = {}
    for path in sorted(directory.glob("*.rq"), key=lambda p: p.stem):
        out[path.stem] = parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    return out


def find(name_or_path: str) -> LibraryQuery:
    """A library query by name, or a .rq file by path."""
    queries = library()
    if name_or_path in queries:
        return queries[name_or_path]
    path = Path(name_or_path)
    if path.suffix in (".rq", ".sparql") and path.is_file():
        return parse_header(path.stem, path, path.read_text(encoding="utf-8"))
    close = [n for n in queries if name_or_path.lower() in n]
    raise QueryError(
        f"no query named {name_or_path!r}",
        hint=f"did you mean {', '.join(close)}?" if close else "`parlkg query --list` shows them",
    )


def term_for(param: Param, value: str) -> NamedNode | Literal:
    """The RDF term of a parameter value, checked against the declared type."""
    try:
        if param.type in ("iri", "entity"):
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise ValueError("not an absolute IRI")
            return NamedNode(value)
        if param.type == "integer":
            return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
        if param.type == "date":
            return Literal(
                dt.date.fromisoformat(value).isoformat(), datatype=NamedNode(XSD + "date")
            )
        if param.type == "boolean":
            if value.lower() not in ("true", "false"):
                raise ValueError("not true or false")
            return Literal(value.lower(), datatype=NamedNode(XSD + "boolean"))
        return Literal(value)
    except ValueError as exc:
        raise QueryError(
            f"parameter {param.name}={value!r}: {exc} (expected {param.type})"
        ) from None


def bind(query: LibraryQuery, values: dict[str, NamedNode | Literal]) -> str:
    """The query text with every parameter bound by a VALUES block.

    Unknown parameter names and missing parameters without default are errors.
    """
    return _prepare(query, _terms(query, values)).text


def _terms(
    query: LibraryQuery, values: dict[str, NamedNode | Literal]
) -> dict[str, NamedNode | Literal]:
    """The term of every parameter: the value given, else the default; checks names."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise QueryError(
            f"query {query.name!r} has no parameter {', '.join(unknown)}",
            hint=f"its parameters: {', '.join(declared) or 'none'}",
        )
    terms: dict[str, NamedNode | Literal] = {}
    for p in query.params:
        if p.name in values:
            terms[p.name] = values[p.name]
        elif p.default is not None:
            terms[p.name] = term_for(p, p.default)
        else:
            raise QueryError(f"query {query.name!r} needs --param {p.name}=… ({p.description})")
    return terms


def _prepare(query: LibraryQuery, terms: dict[str, NamedNode | Literal]) -> Prepared:
    """The text to run: a VALUES block at the top of the WHERE group, and each parameter
    inside that group replaced by its term.

    The VALUES block binds the variable for the projection, GROUP BY and HAVING; the
    terms inside the group let Oxigraph's planner start from them everywhere (it does
    not push a VALUES binding into UNION branches holding joins: `actor-documents`
    took minutes instead of a second on 10,000 documents). Both are terms written by
    pyoxigraph, so a value can never change the shape of the query.
    """
    if not terms:
        return Prepared(query.text, query.text, str(query.path))
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    at = _where_brace(query.text) + 1
    edits: list[tuple[int, int, int]] = [(at, len(block) + 2, 0)]  # (where, new, old) lengths
    out = [query.text[:at], " ", block, " "]
    done = at
    shift = len(block) + 2
    for start, end, name in _parameter_uses(query.text, at, set(terms)):
        term = str(terms[name])
        out += [query.text[done:start], term]
        edits.append((start + shift, len(term), end - start))
        shift += len(term) - (end - start)
        done = end
    out.append(query.text[done:])
    return Prepared("".join(out), query.text, str(query.path), tuple(edits))


def _parameter_uses(text: str, at: int, names: set[str]) -> list[tuple[int, int, str]]:
    """Spans of `?name`/`$name` inside the group opening at `at` that a term may replace:
    not in a sub-SELECT's projection, not after AS, not in GROUP BY or ORDER BY."""
    uses: list[tuple[int, int, str]] = []
    depth, skip, previous = 1, "", ""
    for kind, start, end in _tokens(text, at):
        token = text[start:end]
        upper = token.upper()
        if kind == "punct" and token == "{":
            depth += 1
            skip = "" if skip == "projection" else skip
        elif kind == "punct" and token == "}":
            depth -= 1
            skip = ""
            if depth == 0:
                break
        elif kind == "word":
            if upper == "SELECT":
                skip = "projection"
            elif upper == "WHERE" and skip == "projection":
                skip = ""
            elif upper == "BY" and previous in ("GROUP", "ORDER"):
                skip = "modifier"
            elif upper in ("HAVING", "LIMIT", "OFFSET", "VALUES") and skip == "modifier":
                skip = ""
        elif kind == "var" and token[1:] in names and not skip and previous != "AS":
            uses.append((start, end, token[1:]))
        previous = upper if kind == "word" else ""
    return uses


def _tokens(text: str, i: int) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of the tokens from `i`: comment, string, iri, var, word, punct."""
    n = len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield "comment", i, j
            i = j
            continue
        if c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j : j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            yield "string", i, min(j + len(quote), n)
            i = j + len(quote)
            continue
        iri = _IRI.match(text, i) if c == "<" else None
        if iri:
            yield "iri", i, iri.end()
            i = iri.end()
            continue
        if c in "?$":
            word = _WORD.match(text, i + 1)
            if word:
                yield "var", i, word.end()
                i = word.end()
                continue
        elif c.isalpha() or c == "_":
            word = _NAME.match(text, i)
            assert word is not None
            yield "word", i, word.end()
            i = word.end()
            continue
        yield "punct", i, i + 1
        i += 1


def _where_brace(text: str) -> int:
    """Offset of the `{` that opens the query's WHERE group (skipping comments,
    strings, IRIs, and a CONSTRUCT template)."""
    i, n = 0, len(text)
    in_template = False  # inside CONSTRUCT { ... } before WHERE
    depth = 0
    saw_construct = saw_where = False
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if c in "\"'":
            quote = text[i : i + 3] if text[i : i + 3] in ('"""', "'''") else c
            j = i + len(quote)
            while j < n and text[j : j + len(quote)] != quote:
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        iri = _IRI.match(text, i) if c == "<" else None
        if iri:
            i = iri.end()
            continue
        if c in "?$" or c.isalpha():
            word = _WORD.match(text, i + (c in "?$"))
            if word is None:  # a lone "?" (property path modifier)
                i += 1
                continue
            upper = word.group().upper() if c not in "?$" else ""
            saw_construct |= upper == "CONSTRUCT"
            saw_where |= upper == "WHERE"
            i = word.end()
            continue
        if c == "{":
            if not (saw_construct and not saw_where) and not in_template:
                return i
            in_template = True
            depth += 1
        elif c == "}" and in_template:
            depth -= 1
            if depth == 0:
                in_template = False
                saw_construct = False  # the next group is the WHERE group
        i += 1
    raise QueryError("the query has no WHERE group to bind parameters into")


_IRI = re.compile(r"<[^\s<>\"{}|^`\\]*>")
_WORD = re.compile(r"[A-Za-z_]\w*")
_NAME = re.compile(r"[A-Za-z_][\w.-]*(?::[\w.-]*)?")  # a keyword or a prefixed name


QueryOutput = Table | list[Triple] | bool


def run(
    store: Queryable, query: LibraryQuery, params: dict[str, str], page: int | None = None
) -> QueryOutput:
    """Run `query` on `store` with `params` (raw strings, typed by the header).

    An `entity` parameter takes a name ("Microsoft", "loi SREN") or an IRI. A paged
    query (`#+ pagination: N`) returns page `page` (1-based, default 1) with the
    total number of rows; page 0 returns every row.
    """
    declared = {p.name: p for p in query.params}
    values: dict[str, NamedNode | Literal] = {}
    for name, raw in params.items():
        param = declared.get(name)
        if param is None:
            values[name] = Literal(raw)  # _terms() reports the unknown name
            continue
        if param.type == "entity" and not raw.startswith(("http://", "https://", "urn:")):
            raw = resolve_entity(store, raw).iri
        values[name] = term_for(param, raw)
    terms = _terms(query, values)
    page = check_page(query, page)
    if query.page_size is None or page == 0:
        result = execute(store, _prepare(query, terms))
        if isinstance(result, Table) and query.page_size is not None:
            result.total = len(result.rows)
    else:
        total = count_rows(store, query, terms)
        result = execute(store, _prepare(cut_page(query, page, total), terms))
        if isinstance(result, Table):
            result.total = total
            result.offset = (page - 1) * query.page_size
    if isinstance(result, Table):
        for median in query.medians:
            result = apply_median(result, median)
    return result


def check_page(query: LibraryQuery, page: int | None) -> int:
    """The page to read: 1 by default, 0 for every row; only a paged query has pages."""
    if page is None:
        return 1
    if page < 0:
        raise QueryError(f"page {page}: give 1 for the first page, 0 for every row")
    if query.page_size is None and page > 1:
        raise QueryError(
            f"query {query.name!r} is not paged: it returns every row",
            hint="drop --page",
        )
    return page


def cut_page(query: LibraryQuery, page: int, total: int | None = None) -> LibraryQuery:
    """`query` with its `#+ page` mark replaced by the LIMIT and OFFSET of `page` (1-based),
    and each `#+ page-end` mark by those of the row where the page ends, counted from
    the last of the `total` rows (`count_rows`; see `needs_total`)."""
    size = query.page_size
    comments = [
        (query.text[start:end].strip(), start, end)
        for kind, start, end in _tokens(query.text, 0)
        if kind == "comment"
    ]
    marks = [(start, end) for mark, start, end in comments if mark == _PAGE_MARK]
    if size is None or len(marks) != 1:
        raise QueryError(
            f"{query.path}: a paged query marks its page once with a `{_PAGE_MARK}` line",
            hint="write `#+ page` after the ORDER BY of the sub-SELECT that picks the rows",
        )
    cuts = {marks[0]: f"LIMIT {int(size)} OFFSET {int(size) * (int(page) - 1)}"}
    for mark, at, to in comments:
        if mark == _END_MARK:
            if total is None:
                raise QueryError(f"{query.path}: `{_END_MARK}` is cut from the total of rows")
            cuts[(at, to)] = f"OFFSET {max(0, int(total) - int(size) * int(page))} LIMIT 1"
    text, done = [], 0
    for (at, to), cut in sorted(cuts.items()):
        text += [query.text[done:at], cut]
        done = to
    text.append(query.text[done:])
    return replace(query, text="".join(text))


def needs_total(query: LibraryQuery) -> bool:
    """Whether a page of `query` is cut from its total (a `#+ page-end` mark)."""
    return any(
        query.text[start:end].strip() == _END_MARK
        for kind, start, end in _tokens(query.text, 0)
        if kind == "comment"
    )


def count_rows(
    store: Queryable, query: LibraryQuery, values: dict[str, NamedNode | Literal]
) -> int:
    """How many rows a paged query has in all: the solutions of its `#+ total:` pattern
    (`values`: the parameters' terms; defaults are filled in)."""
    terms = _terms(query, values)
    if not query.total:
        raise QueryError(f"{query.path}: a paged query says what it counts in `#+ total:`")
    prologue = "\n".join(_PROLOGUE_LINE.findall(query.text))
    text = f"{prologue}\nSELECT (COUNT(*) AS ?total) WHERE {{ {{\n{query.total}\n}} }}\n"
    table = execute(store, _prepare(replace(query, text=text, medians=[]), terms))
    assert isinstance(table, Table)
    cell = table.rows[0][0] if table.rows else None
    return int(cell.value) if cell is not None else 0


_PAGE_MARK = "#+ page"
_END_MARK = "#+ page-end"
_PROLOGUE_LINE = re.compile(r"(?im)^[ \t]*(?:PREFIX|BASE)\b[^\n]*$")


def run_sparql(store: Queryable, text: str, name: str = "query") -> QueryOutput:
    """Run an ad-hoc query; the usual prefixes (pk:, rdfs:, skos:, ...) need no PREFIX line.

    Read-only: an update (INSERT, DELETE, DROP...) is refused before it reaches the store.
    """
    first = _FIRST_KEYWORD.match(_strip_comments(text))
    if first and first[1].upper() in _UPDATE_KEYWORDS:
        raise QueryError(
            f"{name}: {first[1].upper()} is an update; parlkg sparql only reads",
            hint="ask with SELECT, CONSTRUCT, DESCRIBE or ASK; `parlkg ingest` writes the store",
        )
    declared = {m.lower() for m in _PREFIX_DECL.findall(_strip_comments(text))}
    missing = [f"PREFIX {p}: {NamedNode(ns)}" for p, ns in PREFIXES.items() if p not in declared]
    if not missing:
        return execute(store, Prepared(text, text, name))
    header = " ".join(missing) + "\n"
    return execute(store, Prepared(header + text, text, name, ((0, len(header), 0),)))


_FIRST_KEYWORD = re.compile(
    r"\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*([A-Za-z]+)", re.IGNORECASE
)
_UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"}
)
_PREFIX_DECL = re.compile(r"(?i)\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:")


def _strip_comments(text: str) -> str:
    return re.sub(r"(?m)#[^\n]*$", "", text)


def execute(store: Queryable, sparql: str | Prepared) -> QueryOutput:
    """Run a query text; a syntax error is reported in the text the user wrote."""
    prepared = sparql if isinstance(sparql, Prepared) else Prepared(sparql, sparql, "query")
    try:
        result = store.query(prepared.text)
    except QueryError as exc:
        cause = exc.__cause__
        if isinstance(cause, SyntaxError):
            located = prepared.syntax_error(str(cause))
            if located is not None:
                raise located from cause
        raise
    if isinstance(result, QuerySolutions):
        return to_table(result)
    if isinstance(result, QueryBoolean):
        return bool(result)
    return list(result)


# -- where a syntax error is --------------------------------------------------


class QuerySyntaxError(QueryError):
    """A SPARQL syntax error, at a line and column of the text the user wrote."""

    def __init__(self, source: str, line: int, column: int, reason: str, text_line: str) -> None:
        self.line, self.column, self.reason = line, column, reason
        gutter = f"{line} | "
        caret = " " * (len(gutter) - 2) + "| " + " " * (column - 1) + "^"
        super().__init__(
            f"{source}: SPARQL syntax error at line {line}, column {column}: {reason}\n"
            f"  {gutter}{text_line}\n  {caret}"
        )


_POSITION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)
_KNOWN_REASONS = (
    ("Prefix not found", "unknown prefix: declare it with PREFIX"),
    ("variable that is unbound", "the SELECT contains a variable that is not bound in the query"),
)


@dataclass(frozen=True)
class Prepared:
    """The text sent to the store, and how it maps back to the text the user wrote."""

    text: str
    source: str
    name: str
    # what we changed: (offset in text, length there, length it replaced in the source)
    edits: tuple[tuple[int, int, int], ...] = ()

    def source_offset(self, offset: int) -> int:
        shift = 0
        for at, new, old in self.edits:
            if offset >= at + new:
                shift += new - old
            elif offset >= at:
                return at - shift
        return offset - shift

    def syntax_error(self, message: str) -> QuerySyntaxError | None:
        """The parser's "error at L:C: …" message, located in the source text."""
        m = _POSITION.search(message)
        if m is None:
            return None
        line, column, reason = int(m[1]), int(m[2]), " ".join(m[3].split())
        lines = self.text.split("\n")
        line = min(max(line, 1), len(lines))
        offset = sum(len(x) + 1 for x in lines[: line - 1]) + min(column - 1, len(lines[line - 1]))
        offset = min(self.source_offset(offset), len(self.source))
        end = len(self.source.rstrip())
        at_end = offset >= end
        if at_end:  # the parser ran to the end: show the last line that has something
            offset = max(end - 1, 0)
        before = self.source[:offset]
        src_line = before.count("\n") + 1
        src_column = offset - (before.rfind("\n") + 1) + 1
        text_line = self.source.split("\n")[src_line - 1]
        for marker, readable in _KNOWN_REASONS:
            if marker in reason:
                reason = readable
                break
        else:
            reason = textwrap.shorten(reason, 160, placeholder=" …")
        if at_end:
            reason = f"the parser stopped at the end of the query ({reason})"
        return QuerySyntaxError(self.name, src_line, src_column, reason, text_line)


# -- post-processing ------------------------------------------------------------


def median_of(numbers: str) -> Decimal | None:
    """The median of numbers separated by spaces, or None when there are none."""
    values = [Decimal(x) for x in numbers.split()]
    return statistics.median(values) if values else None


def apply_median(table: Table, median: Median) -> Table:
    """`table` with column `median.source` replaced by `median.target`, their median."""
    if median.source not in table.columns:
        return table
    index = table.columns.index(median.source)
    columns = list(table.columns)
    columns[index] = median.target
    rows = []
    for row in table.rows:
        cell = row[index]
        value = median_of(cell.value) if cell is not None else None
        new = list(row)
        new[index] = None if value is None else _number(value)
        rows.append(new)
    return Table(columns, rows, table.total, table.offset)


def _number(value: Decimal) -> Literal:
    if value == value.to_integral_value():
        return Literal(str(int(value)), datatype=NamedNode(XSD + "integer"))
    return Literal(str(value.normalize()), datatype=NamedNode(XSD + "decimal"))


# -- the catalogue ----------------------------------------------------------------


def catalogue(queries: dict[str, LibraryQuery] | None = None, width: int = 100) -> str:
    """The library as text: each query's name, summary, parameters and columns."""
    queries = library() if queries is None else queries
    out: list[str] = []
    for q in queries.values():
        out.append(q.name)
        out += textwrap.wrap(q.summary, width, initial_indent="    ", subsequent_indent="    ")
        for p in q.params:
            default = f", default {p.default}" if p.default is not None else ""
            out.append(f"    --param {p.name}=<{p.type}{default}>  {p.description}")
        if q.returns:
            out += textwrap.wrap(
                f"returns: {q.returns}", width, initial_indent="    ", subsequent_indent="      "
            )
    out.append(f"({len(queries)} queries; run one with `parlkg query NAME --param key=value`)")
    return "\n".join(out)
