"""The volume ingest: workers, batched writes, the bulk loader, skip by hash, repair.

The corpus is written by bench/corpus.py (our own templates, seeded): page text
and open-data records the real readers and extractors handle.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from parlkg import summaries
from parlkg import writer as writer_module
from parlkg.errors import StoreError
from parlkg.ingest import IngestReport, ingest
from parlkg.store import ENTITIES_GRAPH, GraphStore
from parlkg.vocab import GRAPH, PK
from tests.conftest import ROOT, SEEDS

sys.path.insert(0, str(ROOT / "bench"))
from corpus import generate

N = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("volume") / "corpus"
    generate(N, folder, seed=3)
    return folder


def quads(path: Path) -> set[str]:
    """The quads of the documents and the summary (the ontology has blank nodes)."""
    with GraphStore(path) as store:
        return {str(q) for g in [*store.document_graphs(), ENTITIES_GRAPH] for q in store.quads(g)}


def documents(path: Path) -> set[str]:
    return {q for q in quads(path) if f"<{ENTITIES_GRAPH}>" not in q}


@pytest.fixture(scope="module")
def one_by_one(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference: one process, one small transaction per document."""
    path = tmp_path_factory.mktemp("ref") / "store"
    with GraphStore(path) as store:
        report = ingest([corpus], store, ner=False, jobs=1, batch=1)
    assert report.ok and report.documents == N
    return path


def test_workers_and_bulk_loads_write_the_same_quads(
    corpus: Path, one_by_one: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "BULK_MIN_QUADS", 1)  # every batch through bulk_load
    with GraphStore(tmp_path / "s") as store:
        report = ingest([corpus], store, ner=False, jobs=2, batch=16)
        assert report.documents == N and report.ok
        assert report.triples == len(store) - len(_static(store)) - len(_summary(store))
    assert quads(tmp_path / "s") == quads(one_by_one)
    assert len(quads(one_by_one)) > N * 100


def test_a_write_holds_at_most_batch_quads(
    corpus: Path, one_by_one: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "BULK_MIN_QUADS", 1)
    monkeypatch.setattr(writer_module, "BATCH_QUADS", 1_000)  # a few documents a write
    loads: list[int] = []
    add_quads = GraphStore.add_quads

    def counted(self: GraphStore, nquads: bytes | Iterator[bytes], **kwargs: Any) -> None:
        if kwargs.get("bulk"):
            pieces = [nquads] if isinstance(nquads, bytes) else list(nquads)
            loads.append(sum(piece.count(b"\n") for piece in pieces))
            nquads = iter(pieces)
        add_quads(self, nquads, **kwargs)

    monkeypatch.setattr(GraphStore, "add_quads", counted)
    with GraphStore(tmp_path / "s") as store:
        report = ingest([corpus], store, ner=False, jobs=1, batch=10_000)
        assert report.documents == N and report.ok
    with GraphStore(one_by_one) as reference:
        largest = max(len(list(reference.quads(g))) for g in reference.document_graphs())
    assert len(loads) > 2 and sum(loads) > N * 100
    assert all(n < 1_000 + largest for n in loads)  # a write ends with the crossing document
    assert quads(tmp_path / "s") == quads(one_by_one)


def test_every_document_graph_carries_its_build_hash(one_by_one: Path) -> None:
    with GraphStore(one_by_one) as store:
        hashes = store.build_hashes()
        graphs = store.document_graphs()
    assert len(graphs) == N
    assert all(len(hashes[g]) == 64 for g in graphs)


def test_an_unchanged_corpus_is_skipped_before_parsing(corpus: Path, tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as store:
        ingest([corpus], store, ner=False, jobs=1)
        before = {str(q) for q in store.quads()}
        seen: list[Path] = []
        report = ingest([corpus], store, ner=False, jobs=2, progress=seen.append)
        assert (report.documents, report.unchanged) == (0, N)
        assert len(seen) == N and len(report.keys) == N
        assert {str(q) for q in store.quads()} == before


def test_a_changed_file_replaces_its_graph_alone(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    page = next(iter(sorted(folder.rglob("*.txt"))))
    with GraphStore(tmp_path / "s") as store:
        ingest([folder], store, ner=False, jobs=1)
        graphs = len(store.document_graphs())
        text = page.read_text()
        marker = "Texte de la question\n\n"
        page.write_text(text.replace(marker, marker + "La société Zorbiflex inquiète. ", 1))
        report = ingest([folder], store, ner=False, jobs=1)
        assert (report.documents, report.unchanged) == (1, N - 1)
        assert len(_texts_mentioning(store, "Zorbiflex")) == 1
        assert len(store.document_graphs()) == graphs  # replaced, not added
        page.write_text(text)
        report = ingest([folder], store, ner=False, jobs=1)
        assert report.documents == 1
        assert _texts_mentioning(store, "Zorbiflex") == []


def _texts_mentioning(store: GraphStore, word: str) -> list[str]:
    rows = store.query(
        "SELECT ?g WHERE { GRAPH ?g { ?d <" + PK + "text> ?t } "
        "FILTER(CONTAINS(?t, " + str(ox.Literal(word)) + ")) }"
    )
    assert isinstance(rows, ox.QuerySolutions)
    return [r["g"].value for r in rows]


def _static(store: GraphStore) -> list[ox.Quad]:
    return [q for g in (GRAPH + "_ontology", GRAPH + "_authority") for q in store.quads(g)]


def _summary(store: GraphStore) -> list[ox.Quad]:
    """The entities summary and the whole-store summaries."""
    graphs = [ENTITIES_GRAPH] + [s.graph for s in summaries.summaries()]
    return [q for g in graphs for q in store.quads(g)]


def test_an_interrupted_bulk_load_is_dropped_and_rebuilt(
    corpus: Path, one_by_one: Path, tmp_path: Path
) -> None:
    """A bulk load killed midway leaves quads without their graph's build hash:
    the next ingest drops that graph and builds the document again."""
    with GraphStore(one_by_one) as reference:
        graph = reference.document_graphs()[0]
        part = [q for q in reference.quads(graph) if q.predicate.value != PK + "buildHash"][:50]
    with GraphStore(tmp_path / "s") as store:
        store.add_quads(ox.serialize(part, format=ox.RdfFormat.N_QUADS) or b"", bulk=True)
        assert store.document_graphs() == [graph]
        report = ingest([corpus], store, ner=False, jobs=1)
        assert report.repaired == 1 and report.documents == N
    assert documents(tmp_path / "s") == documents(one_by_one)


def test_quads_given_in_pieces_load_as_the_whole_text(one_by_one: Path, tmp_path: Path) -> None:
    """The writer hands a batch's text to the loader graph by graph, each piece let go
    of once read: the store gets the same quads as from the text in one piece, by the
    bulk loader and by a transaction; a bad line in a piece is an error naming the store."""
    with GraphStore(one_by_one) as reference:
        graphs = reference.document_graphs()[:5]
        texts = [
            ox.serialize(list(reference.quads(g)), format=ox.RdfFormat.N_QUADS) or b""
            for g in graphs
        ]
    assert all(text.count(b"\n") > 50 for text in texts)
    whole, pieces, loaded = tmp_path / "whole", tmp_path / "pieces", tmp_path / "loaded"
    with GraphStore(whole) as store:
        store.add_quads(b"".join(texts), bulk=True)
    with GraphStore(pieces) as store:
        given = iter(texts)
        store.add_quads(given, bulk=True)
        assert next(given, None) is None  # every piece was read
    with GraphStore(loaded) as store:
        store.add_quads(iter(texts))
    assert quads(pieces) == quads(whole) == quads(loaded)
    assert len(quads(whole)) == sum(text.count(b"\n") for text in texts)
    with GraphStore(tmp_path / "bad") as store, pytest.raises(StoreError, match="bad"):
        store.add_quads(iter([texts[0], b"<not an IRI .\n"]), bulk=True)


@pytest.mark.fault("SIGKILL between a bulk load and its completeness marks", area="crash")
def test_a_listed_bulk_load_is_hidden_from_readers_until_marked(
    one_by_one: Path, tmp_path: Path
) -> None:
    """The graphs of a bulk load are listed as loading first: until their marks, a
    read-only store hides them (a reader beside the writer); left unmarked (a crash),
    the next writable open drops them; marked, they are shown and the list is gone."""
    with GraphStore(one_by_one) as reference:
        graph, other = reference.document_graphs()[:2]
        mark = reference.graph_hash(graph)
        part = [q for q in reference.quads(graph) if q.predicate.value != PK + "buildHash"]
    data = ox.serialize(part, format=ox.RdfFormat.N_QUADS) or b""
    with GraphStore(tmp_path / "s") as store:
        store.add_quads(data, bulk=True, graphs=[graph, other])
        assert store.document_graphs() == [graph]  # the writer sees its own load
    # closed before the marks (a crash): read-only, they are hidden (nothing changes)
    for _ in range(2):
        with GraphStore(tmp_path / "s", read_only=True) as reader:
            assert reader.unfinished == {graph, other}
            assert reader.document_graphs() == [] and reader.graph_names() == []
            assert len(reader) == 0 and list(reader.quads()) == []
            assert list(reader.quads(graph)) == [] and reader.build_hashes() == {}
            ask = "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
            assert not bool(reader.query(ask))
    with GraphStore(tmp_path / "s") as writer:  # no writer at work: a crash left them
        assert writer.unfinished == {graph, other}
        assert writer.document_graphs() == [] and len(writer) == 0
    with GraphStore(tmp_path / "s", read_only=True) as reader:
        assert reader.unfinished == frozenset() and reader.graph_names() == []
    with GraphStore(tmp_path / "s") as store:  # the same load, marked this time
        assert store.document_graphs() == []
        store.add_quads(data, bulk=True, graphs=[graph])
        assert mark is not None
        store.mark_built([(graph, mark)])
    with GraphStore(tmp_path / "s", read_only=True) as reader:
        assert reader.unfinished == frozenset() and reader.document_graphs() == [graph]
        assert [g.value for g in reader.graph_names()] == [graph]  # no list of loads left
        assert len(reader) == len(part) + 1


def test_the_later_file_of_one_document_wins(tmp_path: Path) -> None:
    seed = next(SEEDS.glob("000_*.txt"))
    first, second = tmp_path / "a" / "one.txt", tmp_path / "b" / "two.txt"
    for path in (first, second):
        path.parent.mkdir()
    folders = [tmp_path / "a", tmp_path / "b"]
    replaced = [f"same document as {first}; this file replaced it"]
    with GraphStore(tmp_path / "s") as store:
        first.write_bytes(seed.read_bytes())
        assert ingest(folders, store, ner=False, jobs=1).documents == 1
        assert _warnings(store) == []
        # a second file of the document comes later in the input: it replaces the first
        second.write_bytes(seed.read_bytes() + b"\n")
        report = ingest(folders, store, ner=False, jobs=1)
        assert (report.documents, report.unchanged) == (1, 1)
        assert len(store.document_graphs()) == 1 and _warnings(store) == replaced
        assert _replaced(report) == [(str(first), str(second))]  # told to the user too
        # again, nothing changed: the later file is kept, the earlier one not read over it
        report = ingest(folders, store, ner=False, jobs=1)
        assert (report.documents, report.unchanged) == (0, 2)
        assert _replaced(report) == [(str(first), str(second))]
        # the earlier file changes: still not written over the later one
        first.write_bytes(first.read_bytes() + b"\n\n")
        report = ingest(folders, store, ner=False, jobs=1)
        assert (report.documents, report.unchanged) == (0, 2)
        assert _warnings(store) == replaced and _replaced(report) == [(str(first), str(second))]
        # both files in one fresh ingest: the same graph
        with GraphStore(tmp_path / "fresh") as fresh:
            report = ingest(folders, fresh, ner=False, jobs=1)
            assert report.documents == 2 and _replaced(report) == [(str(first), str(second))]
            assert _warnings(fresh) == replaced
    # a batch each: the second file (another text) is put while the first is written
    marker = "Texte de la question"
    second.write_text(seed.read_text().replace(marker, marker + "\n\nZorbiflex inquiète.", 1))
    with GraphStore(tmp_path / "together") as together, GraphStore(tmp_path / "apart") as apart:
        ingest(folders, together, ner=False, jobs=1)
        report = ingest(folders, apart, ner=False, jobs=1, batch=1)
        assert report.documents == 2 and _warnings(apart) == replaced
        [graph] = together.document_graphs()
        assert apart.document_graphs() == [graph]
        assert sorted(map(str, apart.quads(graph))) == sorted(map(str, together.quads(graph)))
        assert len(_texts_mentioning(apart, "Zorbiflex")) == 1


def _replaced(report: IngestReport) -> list[tuple[str, str]]:
    return [(r.path, r.by) for r in report.replaced]


def _warnings(store: GraphStore) -> list[str]:
    rows = store.query(f"SELECT ?w WHERE {{ ?d <{PK}warning> ?w }}")
    assert isinstance(rows, ox.QuerySolutions)
    return sorted(r["w"].value for r in rows)


def test_an_error_of_the_writing_thread_stops_the_ingest(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writer_module, "BULK_MIN_QUADS", 1)
    bulk_loads: list[int] = []
    add_quads = GraphStore.add_quads

    def second_fails(self: GraphStore, nquads: bytes, **kwargs: Any) -> None:
        if kwargs.get("bulk"):
            bulk_loads.append(1)
            if len(bulk_loads) == 2:
                raise StoreError(f"{self.path}: could not load quads: disk full (a test)")
        add_quads(self, nquads, **kwargs)

    monkeypatch.setattr(GraphStore, "add_quads", second_fails)
    with GraphStore(tmp_path / "s") as store:
        with pytest.raises(StoreError, match="disk full"):
            ingest([corpus], store, ner=False, jobs=1, batch=4)
        graphs = store.document_graphs()
        hashes = store.build_hashes()
    assert len(bulk_loads) == 2  # nothing written after the failed batch
    assert len(graphs) == 4 and all(g in hashes for g in graphs)  # the first batch, whole


def test_failures_in_workers_name_the_file(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    bad = folder / "zzz" / "broken.json"
    bad.parent.mkdir()
    bad.write_text('{"question": {"uid": "QANR5L16QE1", "identifiant": ')
    with GraphStore(tmp_path / "s") as store:
        report = ingest([folder], store, ner=False, jobs=2, batch=8)
    assert report.documents == N
    assert [f.path for f in report.failures] == [str(bad)]
    assert "invalid JSON" in report.failures[0].reason


def test_the_entities_summary_states_each_fact_once(one_by_one: Path) -> None:
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    with GraphStore(one_by_one) as store:
        summary = [str(q.triple) for q in store.quads(ENTITIES_GRAPH)]
        rows = store.query(
            f"SELECT DISTINCT ?e ?l WHERE {{ GRAPH ?g {{ ?e {label} ?l }} "
            f'FILTER(?g != <{ENTITIES_GRAPH}> && CONTAINS(STR(?e), "/id/person/")) }}'
        )
        assert isinstance(rows, ox.QuerySolutions)
        labels = {f"<{r['e'].value}> {label} {r['l']}" for r in rows}
    assert len(summary) == len(set(summary))
    assert labels and labels <= set(summary)  # every person's label, once
    assert not [t for t in summary if "/id/mention/" in t.split()[0]]


def test_a_batch_of_replacements_is_one_transaction(tmp_path: Path) -> None:
    a, b = GRAPH + "a", GRAPH + "b"
    with GraphStore(tmp_path / "s") as store:
        store.replace_graphs([(a, "<urn:x> <urn:p> 1 ."), (b, "<urn:y> <urn:p> 2 .")])
        before = sorted(str(q) for q in store.quads())
        with pytest.raises(StoreError, match="could not write graphs"):
            store.replace_graphs([(a, "<urn:x> <urn:p> 3 ."), (b, "<broken")])
        assert sorted(str(q) for q in store.quads()) == before
