"""The seed graph conforms to ontology/shapes.ttl; a broken graph does not."""

from __future__ import annotations

from pathlib import Path

from parlkg.store import GraphStore
from parlkg.validate import validate_store


def test_seed_graph_conforms(seed_store: GraphStore) -> None:
    conforms, report = validate_store(seed_store)
    assert conforms, report


def test_a_corrupted_graph_is_reported(seed_store_path: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_store_path, copy)
    with GraphStore(copy) as store:
        graph = store.document_graphs()[0]
        store._store.update(  # corrupt every mention quote of one document
            "PREFIX pk: <https://w3id.org/parlkg/ontology#> "
            f"DELETE {{ GRAPH <{graph}> {{ ?m pk:exact ?e }} }} "
            f'INSERT {{ GRAPH <{graph}> {{ ?m pk:exact "not the text" }} }} '
            f"WHERE {{ GRAPH <{graph}> {{ ?m a pk:Mention ; pk:exact ?e }} }}"
        )
        conforms, report = validate_store(store)
    assert not conforms
    assert "not the text" in report or "exact" in report
