"""Exports: deterministic bytes, streamed graph by graph, isomorphic round trips (rdflib)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from parlkg import summaries
from parlkg.cli import app
from parlkg.dataset import VOID_GRAPH
from parlkg.errors import NotFoundError, QueryError
from parlkg.export import EXPORT_PREFIXES, compact_iri, export_store, prefix_header
from parlkg.store import GraphStore
from parlkg.vocab import GRAPH, ONTOLOGY_GRAPH

runner = CliRunner()


def _export(store: GraphStore, fmt: str, graphs: list[str] | None = None) -> bytes:
    buffer = io.BytesIO()
    export_store(store, buffer, fmt, graphs)
    return buffer.getvalue()


def _reference(store: GraphStore) -> rdflib.Dataset:
    """The store's content read by rdflib from pyoxigraph's own N-Quads (not ours)."""
    data = ox.serialize(list(store.quads_matching()), format=ox.RdfFormat.N_QUADS) or b""
    dataset = rdflib.Dataset()
    dataset.parse(data=data.decode(), format="nquads")
    return dataset


def _assert_isomorphic(got: rdflib.Graph, expected: rdflib.Graph, what: str) -> None:
    if isomorphic(got, expected):
        return
    _, only_got, only_expected = graph_diff(to_isomorphic(got), to_isomorphic(expected))
    extra = sorted(only_got.serialize(format="nt").splitlines())[:10]
    missing = sorted(only_expected.serialize(format="nt").splitlines())[:10]
    pytest.fail(f"{what}: not isomorphic\nonly in export: {extra}\nonly in store: {missing}")


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld", "turtle"])
def test_the_same_store_gives_the_same_bytes(seed_store: GraphStore, fmt: str) -> None:
    first, second = _export(seed_store, fmt), _export(seed_store, fmt)
    assert first == second
    assert len(first) > 100_000


@pytest.mark.parametrize("fmt", ["trig", "turtle"])
def test_prefixes_are_the_ontology_s_in_a_fixed_order(seed_store: GraphStore, fmt: str) -> None:
    text = _export(seed_store, fmt).decode()
    assert text.startswith(prefix_header())
    assert text.count("@prefix ") == len(EXPORT_PREFIXES)  # pyoxigraph's own block is dropped
    assert "pkid:company\\/microsoft" in text or "pkid:company/microsoft" in text


@pytest.mark.parametrize(("fmt", "rdflib_format"), [("trig", "trig"), ("jsonld", "json-ld")])
def test_dataset_exports_round_trip_graph_by_graph(
    seed_store: GraphStore, fmt: str, rdflib_format: str
) -> None:
    expected = _reference(seed_store)
    got = rdflib.Dataset()
    got.parse(data=_export(seed_store, fmt).decode(), format=rdflib_format)
    names = sorted(str(g.identifier) for g in expected.graphs() if len(g))
    assert sorted(str(g.identifier) for g in got.graphs() if len(g)) == names
    # five documents, ontology, authority, entity summary, the whole-store summaries
    assert len(names) == 8 + len(summaries.summaries())
    for name in names:
        iri = rdflib.URIRef(name)
        _assert_isomorphic(got.graph(iri), expected.graph(iri), f"{fmt} graph <{name}>")


def test_turtle_round_trips_to_the_merge_of_the_graphs(seed_store: GraphStore) -> None:
    merged = rdflib.Graph()
    for s, p, o, _ in _reference(seed_store).quads():
        merged.add((s, p, o))
    got = rdflib.Graph()
    got.parse(data=_export(seed_store, "turtle").decode(), format="turtle")
    assert len(got) == len(merged) > 5000
    _assert_isomorphic(got, merged, "turtle")


def test_nquads_are_written_graph_by_graph_in_order(seed_store: GraphStore) -> None:
    lines = _export(seed_store, "nquads").decode().splitlines()
    assert len(lines) == len(seed_store)
    graphs = [line.rsplit(" ", 2)[-2] for line in lines]
    # each graph's quads are contiguous, and the graphs come in IRI order
    blocks = [g for i, g in enumerate(graphs) if i == 0 or graphs[i - 1] != g]
    assert blocks == sorted(set(graphs), key=lambda g: g.strip("<>"))
    first = [line for line, g in zip(lines, graphs, strict=True) if g == blocks[0]]
    assert first == sorted(first, key=lambda line: line.split(" ", 1)[0].strip("<>"))


def test_jsonld_has_a_context_and_compact_iris(seed_store: GraphStore) -> None:
    document = json.loads(_export(seed_store, "jsonld"))
    assert document["@context"] == EXPORT_PREFIXES
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    assert ONTOLOGY_GRAPH in graphs
    # the authority graph (and the entities summary) types and labels Microsoft; the
    # documents naming it index it (pk:namedOn)
    microsoft = [
        n for nodes in graphs.values() for n in nodes if n["@id"] == "pkid:company/microsoft"
    ]
    typed = [n for n in microsoft if "pk:Company" in n.get("@type", [])]
    assert typed
    assert all({"@value": "Microsoft", "@language": "fr"} in n["rdfs:label"] for n in typed)
    assert sum("pk:namedOn" in n for n in microsoft) == 5


def test_compact_iri_never_makes_an_ambiguous_curie() -> None:
    assert compact_iri("https://w3id.org/parlkg/ontology#Person") == "pk:Person"
    assert compact_iri("https://w3id.org/parlkg/id/company/x") == "pkid:company/x"
    assert compact_iri("http://www.wikidata.org/entity/Q2283") == "wd:Q2283"
    # "wd://x" would read as an absolute IRI with scheme wd: keep the IRI whole
    assert compact_iri("http://www.wikidata.org/entity//x") == "wd:/x"
    assert compact_iri("http://www.wikidata.org/entity///x") == "http://www.wikidata.org/entity///x"
    assert compact_iri("https://example.org/x") == "https://example.org/x"


def test_one_graph_and_an_unknown_graph(seed_store: GraphStore) -> None:
    graph = seed_store.document_graphs()[0]
    only = rdflib.Dataset()
    only.parse(data=_export(seed_store, "trig", [graph]).decode(), format="trig")
    assert [str(g.identifier) for g in only.graphs() if len(g)] == [graph]
    with pytest.raises(NotFoundError, match=re.escape(f"no graph <{GRAPH}nope>")):
        _export(seed_store, "trig", [GRAPH + "nope"])
    with pytest.raises(QueryError, match="unknown export format 'rdfxml'"):
        _export(seed_store, "rdfxml")


def test_graph_store_export_delegates(seed_store: GraphStore) -> None:
    buffer = io.BytesIO()
    count = seed_store.export(buffer, "nquads")
    assert count == len(seed_store)
    assert buffer.getvalue() == _export(seed_store, "nquads")


def test_cli_export_adds_the_description_graph(seed_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.trig"
    result = runner.invoke(app, ["export", "--store", str(seed_store_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    dataset = rdflib.Dataset()
    dataset.parse(out, format="trig")
    void = dataset.graph(rdflib.URIRef(VOID_GRAPH))
    triples = int(void.value(rdflib.URIRef("https://w3id.org/parlkg/dataset"), _VOID.triples))
    quads = sum(1 for _ in dataset.quads((None, None, None, None)))
    assert triples == quads - len(void) > 5000


def test_cli_export_writes_the_description_beside(seed_store_path: Path, tmp_path: Path) -> None:
    out, void = tmp_path / "all.ttl", tmp_path / "void.ttl"
    args = ["export", "--store", str(seed_store_path), "-f", "turtle", "-o", str(out)]
    result = runner.invoke(app, [*args, "--void", str(void), "--title", "Mes questions"])
    assert result.exit_code == 0, result.output
    description = rdflib.Graph().parse(void, format="turtle")
    title = description.value(rdflib.URIRef("https://w3id.org/parlkg/dataset"), _DCT.title)
    assert str(title) == "Mes questions"
    assert "void:triples" not in out.read_text()  # the data file holds no description
    assert "void:triples" in void.read_text()


def test_cli_export_errors_name_the_fix(seed_store_path: Path, tmp_path: Path) -> None:
    base = ["export", "--store", str(seed_store_path)]
    result = runner.invoke(app, [*base, "--graph", "an-99-qe-1"])
    assert result.exit_code == 5
    assert "no graph <https://w3id.org/parlkg/graph/an-99-qe-1>" in result.output
    result = runner.invoke(app, [*base, "--license", "Etalab", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2
    assert "--license as a full URL" in result.output
    result = runner.invoke(app, [*base, "-o", str(tmp_path / "no" / "such" / "dir.trig")])
    assert result.exit_code == 2
    assert "No such file or directory" in result.output


_VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
_DCT = rdflib.Namespace("http://purl.org/dc/terms/")
