"""Properties over any input (hypothesis): every reader returns a Document or raises
parlkg's own error; the whole pipeline (read, extract, triples) keeps each mention's
`pk:exact` equal to `pk:text[start:end]` in the RDF it writes; document keys give
distinct, valid graph IRIs that never collide with the store's own graphs.

The extractors on raw text are covered by tests/test_extract_property.py, IRI
minting by tests/test_vocab.py (both marked in the fault table).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parlkg.authority import load_authority
from parlkg.errors import ParlkgError
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document
from parlkg.read import decode, read_file, readers
from parlkg.triples import document_graph
from parlkg.vocab import AUTHORITY_GRAPH, GRAPH, ONTOLOGY_GRAPH, PK, document_key, graph_iri

READ = Path(__file__).parent / "fixtures" / "read"
# Lines of every layout the readers know (our own fixtures), to build text that looks
# enough like a document to get past detection and into the readers' parsing.
LINES = sorted(
    {
        line
        for path in READ.rglob("*")
        if path.is_file() and path.suffix in {".txt", ".html", ".json", ".xml"}
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip()
    }
)
MARKUP = ["\n", "\n\n", "{", "}", '"question": ', "<p>", "</p>", "<br>", "<html>", "<question>"]
MARKUP += ["QANR5L", '"uid": "QANR5L16QE1"', "|", "**", "[", "](#)", "\x00", "\r", "\ufeff"]
fragments = st.one_of(st.sampled_from(LINES), st.text(max_size=12), st.sampled_from(MARKUP))
documents_like = st.lists(fragments, max_size=40).map("".join)
RECORDS = [
    json.loads(p.read_text(encoding="utf-8"))
    for p in sorted((READ / "opendata").glob("QANR*.json"))
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["", "2023-01-10", "QE", "QG", "PA1", "<p>x</p>", "1234", "16", "AN"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
AUTHORITY = load_authority()
SETTINGS = settings(
    max_examples=250, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


def _every_reader(source_path: Path, data: bytes) -> list[Document]:
    """`decode`, then every reader's detect() and read() on the text, forced."""
    try:
        source = decode(source_path, data)
    except ParlkgError:
        return []
    docs = []
    for reader in readers().values():
        score = reader.detect(source)
        assert 0.0 <= score <= 1.0, reader.name
        try:
            docs.append(reader.read(source))
        except ParlkgError as exc:
            assert source.path in str(exc), f"{reader.name}: {exc} does not name the file"
    return docs


@pytest.mark.fault("any text given to any reader", area="property")
@SETTINGS
@given(text=documents_like)
def test_any_text_to_any_reader(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Text made of real layout lines, markup and arbitrary characters, given to every
    reader (detection bypassed): a Document or a ParlkgError naming the file."""
    path = tmp_path_factory.getbasetemp() / "any.txt"
    for doc in _every_reader(path, text.encode("utf-8", "surrogatepass")):
        assert isinstance(doc, Document)


@pytest.mark.fault("any text given to any reader", area="property")
@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_to_read_file(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Any bytes in a file: `read_file` returns a Document or raises parlkg's error."""
    path = tmp_path_factory.getbasetemp() / "bytes.txt"
    path.write_bytes(data)
    try:
        assert isinstance(read_file(path), Document)
    except ParlkgError as exc:
        assert str(path) in str(exc)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@pytest.mark.fault("any text given to any reader", area="property")
@SETTINGS
@given(which=st.integers(0, len(RECORDS) - 1), data=st.data())
def test_any_damage_to_an_open_data_record(
    which: int, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A real record with up to three fields deleted or replaced by any JSON value:
    a Document or a ParlkgError naming the file (the schema checks say which field)."""
    record = copy.deepcopy(RECORDS[which])
    for _ in range(data.draw(st.integers(1, 3))):
        paths = _paths(record)[1:]
        if not paths:
            break
        *parents, last = data.draw(st.sampled_from(paths))
        node = record
        for key in parents:
            node = node[key]
        if data.draw(st.booleans()):
            node[last] = data.draw(json_values)
        else:
            del node[last]
    path = tmp_path_factory.getbasetemp() / "QANR5L16QE1.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    try:
        assert isinstance(read_file(path), Document)
    except ParlkgError as exc:
        assert str(path) in str(exc)


PK_TEXT, PK_EXACT = ox.NamedNode(PK + "text"), ox.NamedNode(PK + "exact")
PK_START, PK_END = ox.NamedNode(PK + "start"), ox.NamedNode(PK + "end")
PK_IN = ox.NamedNode(PK + "inDocument")


def _check_offsets_in_rdf(doc: Document) -> int:
    """Build the document's graph as the ingest does and check, in the RDF itself, that
    every mention's pk:exact is its document's pk:text[pk:start:pk:end]."""
    graph = document_graph(doc, extract(doc, AUTHORITY, ner=False), AUTHORITY)
    store = ox.Store()
    store.load(graph.nquads().encode(), format=ox.RdfFormat.N_QUADS)
    texts = {q.subject: str(q.object.value) for q in store.quads_for_pattern(None, PK_TEXT, None)}
    checked = 0
    for quad in store.quads_for_pattern(None, PK_EXACT, None):
        node = quad.subject
        start = next(iter(store.quads_for_pattern(node, PK_START, None)), None)
        end = next(iter(store.quads_for_pattern(node, PK_END, None)), None)
        owner = next(iter(store.quads_for_pattern(node, PK_IN, None)), None)
        if start is None or end is None:
            continue
        text = texts[owner.object] if owner is not None else next(iter(texts.values()))
        a, b = int(start.object.value), int(end.object.value)
        assert text[a:b] == quad.object.value, (node, a, b)
        checked += 1
    return checked


# names, laws and entities that the extractors find, with the characters that move offsets
_SPICE = [
    "Microsoft ",
    "le Health Data Hub, hébergé par Microsoft, ",
    "loi n° 2024-449 du 21 mai 2024 ",
    "M. Jean Dupont ",
    "&nbsp;",
    "&#8217;",
    "\u00ad",
    "’",
    "\u00a0",
    "<sup>e</sup>",
    "*",
    "<b>Cloud Act</b>",
]


@pytest.mark.fault("for every mention, text[start:end] == exact", area="property")
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    which=st.sampled_from(sorted(p.name for p in (READ / "html").glob("*.html"))), data=st.data()
)
def test_offsets_hold_in_the_written_graph(
    which: str, data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A real HTML page with arbitrary text and markup spliced into it, read, extracted
    and turned into RDF: in the graph, every mention's exact is text[start:end]."""
    page = (READ / "html" / which).read_text(encoding="utf-8")
    at = page.index("<p>", page.index("<body")) + 3
    insert = data.draw(st.lists(st.one_of(fragments, st.sampled_from(_SPICE)), max_size=12))
    path = tmp_path_factory.getbasetemp() / which
    path.write_text(page[:at] + "".join(insert) + page[at:], encoding="utf-8")
    try:
        doc = read_file(path)
    except ParlkgError:
        return
    _check_offsets_in_rdf(doc)


@pytest.mark.fault("for every mention, text[start:end] == exact", area="property")
def test_the_seed_graphs_check_their_offsets() -> None:
    """The RDF check itself finds mentions to check (on a seed of each layout)."""
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    checked = sum(_check_offsets_in_rdf(read_file(p)) for p in sorted(seeds.glob("*.txt")))
    assert checked > 50


keys = st.builds(
    document_key,
    st.sampled_from(list(DocType)),
    st.sampled_from([c.value for c in Chamber]),
    number=st.one_of(st.none(), st.text(max_size=8)),
    legislature=st.one_of(st.none(), st.integers(0, 20)),
    series=st.one_of(st.none(), st.text(max_size=6)),
    author=st.one_of(st.none(), st.text(max_size=12)),
    date=st.one_of(st.none(), st.dates().map(str)),
    stem=st.one_of(st.none(), st.text(max_size=12)),
)


@pytest.mark.fault("IRI minting is deterministic and injective", area="property")
@settings(max_examples=300, deadline=None, database=None)
@given(a=keys, b=keys)
def test_document_graphs_are_distinct_valid_and_not_the_stores_own(a: str, b: str) -> None:
    """Any document key gives a valid graph IRI, never one of the store's own graphs
    (ontology, authority, summaries: names starting with `_`), and two keys two IRIs."""
    for key in (a, b):
        iri = graph_iri(key)
        assert ox.NamedNode(iri).value == iri
        assert not iri.startswith(GRAPH + "_") and iri not in (ONTOLOGY_GRAPH, AUTHORITY_GRAPH)
        assert graph_iri(key) == iri
    assert (graph_iri(a) == graph_iri(b)) == (a == b)
