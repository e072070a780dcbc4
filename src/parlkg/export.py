"""Export the store as RDF: TriG, N-Quads, JSON-LD, Turtle (and N-Triples).

The same store always gives the same bytes: graphs in IRI order, each graph's
statements sorted by subject, predicate, object (their N-Triples text), and the
prefixes of `vocab.PREFIXES` (the ontology's) in a fixed order.

What is streamed: TriG, N-Quads and JSON-LD keep one named graph per document
and are written graph by graph; only the graph being written is held (sorted)
in memory, so memory is bounded by the largest graph, not by the store.
Turtle and N-Triples have no named graphs: they are the merge of the graphs,
so the distinct triples of the whole selection are collected and sorted in
memory first.

JSON-LD is written by parlkg, not by pyoxigraph (which writes expanded JSON-LD
without a context): one `@context` with the prefixes, then one line per node,
IRIs compacted with those prefixes.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import pyoxigraph as ox

from parlkg.errors import NotFoundError, QueryError
from parlkg.store import GraphStore
from parlkg.vocab import PREFIXES, RDF, XSD

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
}
STREAMED = ("trig", "nquads", "jsonld")
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
# the ontology's prefixes, and those of the dataset description
EXPORT_PREFIXES: dict[str, str] = {**PREFIXES, "void": VOID, "dcat": DCAT}
MEDIA_TYPES = {fmt: f.media_type for fmt, f in EXPORT_FORMATS.items()}
EXTENSIONS = {fmt: f.file_extension for fmt, f in EXPORT_FORMATS.items()}

GraphName = ox.NamedNode | ox.DefaultGraph
Block = tuple[GraphName, list[ox.Quad]]


def export_store(
    store: GraphStore,
    output: IO[bytes],
    fmt: str,
    graphs: Iterable[str] | None = None,
    *,
    extra: Mapping[str, Iterable[ox.Triple]] | None = None,
) -> int:
    """Write the store (or the named `graphs`) to `output` as `fmt`.

    `extra` adds named graphs that are not in the store (the dataset
    description). Returns the number of statements written: quads for TriG,
    N-Quads and JSON-LD, distinct triples for Turtle and N-Triples.
    """
    if fmt not in EXPORT_FORMATS:
        raise QueryError(
            f"unknown export format {fmt!r}", hint=f"one of {', '.join(EXPORT_FORMATS)}"
        )
    blocks = graph_blocks(store, graphs, extra or {})
    if fmt == "jsonld":
        return write_jsonld(blocks, output)
    counter = _Counter()
    if EXPORT_FORMATS[fmt].supports_datasets:
        _serialize(counter.count(q for _, quads in blocks for q in quads), output, fmt)
    else:
        merged = {q.triple for _, quads in blocks for q in quads}
        _serialize(counter.count(sorted(merged, key=_triple_key)), output, fmt)
    return counter.n


def _serialize(
    statements: Iterable[ox.Quad] | Iterable[ox.Triple], output: IO[bytes], fmt: str
) -> None:
    rdf_format = EXPORT_FORMATS[fmt]
    if fmt in ("nquads", "ntriples"):
        ox.serialize(statements, output, rdf_format)
        return
    output.write(prefix_header().encode())
    body = _SkipPrefixes(output)
    # pyoxigraph only calls write() and flush() on its output
    ox.serialize(statements, cast(IO[bytes], body), rdf_format, prefixes=EXPORT_PREFIXES)
    body.finish()


def serialize_triples(triples: Iterable[ox.Triple], fmt: str = "turtle") -> bytes:
    """Triples (one graph) as sorted Turtle, N-Triples or JSON-LD bytes, prefixes included."""
    if fmt not in ("turtle", "ntriples", "jsonld"):
        raise QueryError(f"cannot write a single graph as {fmt!r}", hint="turtle, ntriples, jsonld")
    buffer = io.BytesIO()
    ordered = sorted(set(triples), key=_triple_key)
    if fmt == "jsonld":
        write_jsonld(
            [(ox.DefaultGraph(), [ox.Quad(t.subject, t.predicate, t.object) for t in ordered])],
            buffer,
        )
    else:
        _serialize(ordered, buffer, fmt)
    return buffer.getvalue()


def graph_blocks(
    store: GraphStore,
    graphs: Iterable[str] | None = None,
    extra: Mapping[str, Iterable[ox.Triple]] | None = None,
) -> Iterator[Block]:
    """(graph, sorted quads) for each non-empty graph, in IRI order, lazily.

    The default graph (empty in a parlkg store) comes first when exporting all.
    """
    extra = extra or {}
    in_store = [g.value for g in store.graph_names()]
    if graphs is None:
        names = sorted({*in_store, *extra})
        default = sorted(store.quads_matching(graph=ox.DefaultGraph()), key=_quad_key)
        if default:
            yield ox.DefaultGraph(), default
    else:
        names = sorted(set(graphs))
        known = set(in_store) | set(extra)
        missing = [g for g in names if g not in known]
        if missing:
            raise NotFoundError(
                f"no graph <{missing[0]}> in the store",
                hint="give a document key (an-16-qe-2114) or a graph IRI of the store, "
                "or ingest the document first",
            )
    for name in names:
        g = ox.NamedNode(name)
        if name in extra:
            quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in extra[name]]
        else:
            quads = list(store.quads_matching(graph=g))
        if quads:
            quads.sort(key=_quad_key)
            yield g, quads


def prefix_header() -> str:
    """The `@prefix` lines of Turtle and TriG exports, in EXPORT_PREFIXES order."""
    return (
        "".join(f"@prefix {p}: {ox.NamedNode(ns)} .\n" for p, ns in EXPORT_PREFIXES.items()) + "\n"
    )


# -- JSON-LD -----------------------------------------------------------------


def write_jsonld(blocks: Iterable[Block], output: IO[bytes]) -> int:
    """JSON-LD 1.1 with a prefix context: one named graph object per graph."""
    context = json.dumps({"@context": EXPORT_PREFIXES}, ensure_ascii=False)[1:-1]
    output.write(("{" + context + ',\n "@graph": [').encode())
    count = 0
    first_item = True
    for graph, quads in blocks:
        count += len(quads)
        sep = "\n  " if first_item else ",\n  "
        first_item = False
        if isinstance(graph, ox.DefaultGraph):
            nodes = ",\n  ".join(_dump(n) for n in jsonld_nodes(quads))
            output.write((sep + nodes).encode())
            continue
        output.write(f'{sep}{{"@id": {json.dumps(graph.value)}, "@graph": [\n   '.encode())
        output.write(",\n   ".join(_dump(n) for n in jsonld_nodes(quads)).encode())
        output.write(b"\n  ]}")
    output.write(b"\n ]\n}\n")
    return count


def jsonld_nodes(statements: Iterable[ox.Quad | ox.Triple]) -> Iterator[dict[str, Any]]:
    """One JSON-LD node object per subject of `statements` (sorted by subject)."""
    node: dict[str, Any] | None = None
    subject: ox.NamedNode | ox.BlankNode | ox.Triple | None = None
    for st in statements:
        if st.subject != subject:
            if node is not None:
                yield node
            subject = st.subject
            node = {"@id": _node_id(st.subject)}
        assert node is not None
        obj = st.object
        if st.predicate.value == RDF + "type" and isinstance(obj, ox.NamedNode):
            node.setdefault("@type", []).append(compact_iri(obj.value))
        else:
            node.setdefault(compact_iri(st.predicate.value), []).append(_value(obj))
    if node is not None:
        yield node


def compact_iri(iri: str) -> str:
    """`pk:Person` for an IRI under a known namespace (longest match), else the IRI."""
    for prefix, ns in _BY_LENGTH:
        if iri.startswith(ns):
            suffix = iri[len(ns) :]
            if suffix and not suffix.startswith("//"):
                return f"{prefix}:{suffix}"
    return iri


_BY_LENGTH = sorted(EXPORT_PREFIXES.items(), key=lambda item: -len(item[1]))


def _node_id(term: ox.NamedNode | ox.BlankNode | ox.Triple) -> str:
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    raise QueryError(f"cannot write the RDF-star triple {term} as JSON-LD 1.1")


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> dict[str, str]:
    if isinstance(term, ox.Literal):
        value = {"@value": term.value}
        if term.language:
            value["@language"] = term.language
        elif term.datatype.value != XSD + "string":
            value["@type"] = compact_iri(term.datatype.value)
        return value
    return {"@id": _node_id(term)}


def _dump(node: dict[str, Any]) -> str:
    return json.dumps(node, ensure_ascii=False)


# -- helpers -----------------------------------------------------------------


def _quad_key(q: ox.Quad) -> tuple[str, str, str]:
    return (_term_key(q.subject), q.predicate.value, _term_key(q.object))


def _triple_key(t: ox.Triple) -> tuple[str, str, str]:
    return (_term_key(t.subject), t.predicate.value, _term_key(t.object))


def _term_key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    """IRIs sort by their text, then blank nodes ("_:"), literals ('"'), triples."""
    return term.value if isinstance(term, ox.NamedNode) else "~" + str(term)


_T = TypeVar("_T")


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def count(self, items: Iterable[_T]) -> Iterator[_T]:
        for item in items:
            self.n += 1
            yield item


class _SkipPrefixes(io.RawIOBase):
    """A byte sink that drops the `@prefix` lines pyoxigraph writes first.

    pyoxigraph writes its prefixes in an order of its own; parlkg writes them
    itself (`prefix_header`) so that the bytes never depend on it.
    """

    def __init__(self, output: IO[bytes]) -> None:
        super().__init__()
        self._output = output
        self._head = b""
        self._passing = False
        self._last = b"\n"

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer) -> int:
        data = bytes(data)
        if self._passing:
            self._emit(data)
            return len(data)
        self._head += data
        while self._head.startswith(b"@prefix "):
            end = self._head.find(b"\n")
            if end < 0:
                return len(data)  # the rest of the line comes with the next write
            self._head = self._head[end + 1 :]
        if self._head and not b"@prefix ".startswith(self._head):
            self._passing = True
            self._emit(self._head)
            self._head = b""
        return len(data)

    def flush(self) -> None:
        self._output.flush()

    def finish(self) -> None:
        if self._head:
            self._emit(self._head)
        if self._last != b"\n":
            self._emit(b"\n")

    def _emit(self, data: bytes) -> None:
        if data:
            self._output.write(data)
            self._last = data[-1:]
