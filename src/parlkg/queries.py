"""The query library: `queries/<name>.rq` with a grlc-style `#+` header.

Header::

    #+ summary: Documents that mention an actor, newest first
    #+ params:
    #+   - actor (entity): the actor, by name or IRI
    #+   - year (integer, default=2024): only documents of that year
    #+ returns: doc, type, number, date, via

Parameters are bound, never pasted: each value becomes an RDF term written by
pyoxigraph's own serializer and is injected as `VALUES ?param { term }` at the
top of the query's WHERE group. A value can never change the query's shape.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Triple

from parlkg.errors import QueryError
from parlkg.lookup import resolve_entity
from parlkg.resources import queries_dir
from parlkg.results import Table, to_table
from parlkg.store import GraphStore
from parlkg.vocab import XSD

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


@dataclass
class LibraryQuery:
    name: str
    path: Path
    text: str
    summary: str = ""
    returns: str = ""
    params: list[Param] = field(default_factory=list)


def parse_header(name: str, path: Path, text: str) -> LibraryQuery:
    query = LibraryQuery(name=name, path=path, text=text)
    section = None
    for line in text.splitlines():
        if not line.startswith("#+"):
            continue
        body = line[2:].strip()
        key, _, value = body.partition(":")
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


def library(directory: Path | None = None) -> dict[str, LibraryQuery]:
    """Every query of the library, by name."""
    directory = directory or queries_dir()
    out = {}
    for path in sorted(directory.glob("*.rq")):
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
    if not terms:
        return query.text
    block = " ".join(f"VALUES ?{name} {{ {term} }}" for name, term in terms.items())
    at = _where_brace(query.text)
    return query.text[: at + 1] + " " + block + " " + query.text[at + 1 :]


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


QueryOutput = Table | list[Triple] | bool


def run(store: GraphStore, query: LibraryQuery, params: dict[str, str]) -> QueryOutput:
    """Run `query` on `store` with `params` (raw strings, typed by the header).

    An `entity` parameter takes a name ("Microsoft", "loi SREN") or an IRI.
    """
    declared = {p.name: p for p in query.params}
    values: dict[str, NamedNode | Literal] = {}
    for name, raw in params.items():
        param = declared.get(name)
        if param is None:
            values[name] = Literal(raw)  # bind() reports the unknown name
            continue
        if param.type == "entity" and not raw.startswith(("http://", "https://", "urn:")):
            raw = resolve_entity(store, raw).iri
        values[name] = term_for(param, raw)
    return execute(store, bind(query, values))


def execute(store: GraphStore, sparql: str) -> QueryOutput:
    result = store.query(sparql)
    if isinstance(result, QuerySolutions):
        return to_table(result)
    if isinstance(result, QueryBoolean):
        return bool(result)
    return list(result)
