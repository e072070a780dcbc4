"""The on-disk store: one graph per document, replaced atomically, never duplicated."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.authority import Authority
from parlkg.errors import StoreError, StoreInUseError
from parlkg.model import Document, EntityKind, Extraction, Mention
from parlkg.store import GraphStore, default_store_path, open_store
from parlkg.triples import document_graph
from tests.conftest import written_question

TEXT = "Le Cloud Act inquiète Mme Irène Vasseur."


def _doc(text: str = TEXT) -> Document:
    return written_question(text)


def _extraction() -> Extraction:
    return Extraction(
        mentions=[
            Mention(
                start=3,
                end=12,
                exact="Cloud Act",
                kind=EntityKind.LAW,
                label="Cloud Act",
                extractor="t",
            ),
            Mention(
                start=26,
                end=39,
                exact="Irène Vasseur",
                kind=EntityKind.PERSON,
                label="Irène Vasseur",
                extractor="t",
            ),
        ]
    )


def _graph():  # type: ignore[no-untyped-def]
    return document_graph(_doc(), _extraction(), Authority([]))


def test_replace_twice_gives_the_same_graph(tmp_path: Path) -> None:
    graph = _graph()
    with GraphStore(tmp_path / "s") as store:
        store.replace_graph(graph.graph, graph.ntriples())
        first = len(store)
        store.replace_graph(graph.graph, graph.ntriples())
        assert len(store) == first == len(graph)
        assert store.document_graphs() == [graph.graph]


@pytest.mark.fault("a write that fails half-way", area="crash")
def test_a_failed_write_keeps_the_old_graph(tmp_path: Path) -> None:
    graph = _graph()
    with GraphStore(tmp_path / "s") as store:
        store.replace_graph(graph.graph, graph.ntriples())
        before = sorted(str(q) for q in store.quads(graph.graph))
        with pytest.raises(StoreError, match="could not write graph"):
            store.replace_graph(graph.graph, graph.ntriples() + "\n<broken")
        assert sorted(str(q) for q in store.quads(graph.graph)) == before


def test_the_store_persists_on_disk(tmp_path: Path) -> None:
    graph = _graph()
    with GraphStore(tmp_path / "s") as store:
        store.replace_graph(graph.graph, graph.ntriples())
    with GraphStore(tmp_path / "s") as store:
        assert len(store) == len(graph)


@pytest.mark.fault("a second writer on the same store", area="concurrency")
def test_a_second_writer_gets_a_clear_message(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s"), pytest.raises(StoreInUseError, match="in use"):
        GraphStore(tmp_path / "s")


def test_reading_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="parlkg ingest"):
        open_store(tmp_path / "nothing-here")


def test_default_location_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PARLKG_STORE", str(tmp_path / "env-store"))
    assert default_store_path() == tmp_path / "env-store"
    monkeypatch.delenv("PARLKG_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "parlkg" / "store"


def test_static_graphs_load_once(tmp_path: Path) -> None:
    with GraphStore(tmp_path / "s") as store:
        assert store.ensure_static_graphs() is True
        size = len(store)
        assert size > 100
        assert store.ensure_static_graphs() is False
        assert len(store) == size
