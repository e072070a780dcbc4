"""The seed graph conforms to ontology/shapes.ttl; a broken graph does not."""

from __future__ import annotations

from pathlib import Path

from parlkg.store import GraphStore
from parlkg.validate import validate_store


def test_seed_graph_conforms(seed_store: GraphStore) -> None:
    found = validate_store(seed_store)
    assert found.conforms, found.report()


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
        found = validate_store(store)
    assert not found.conforms
    exact = [v for v in found.violations if v.component == "SPARQLConstraintComponent"]
    assert exact and all(f'pk:exact of {v.focus} is "not the text"' in v.message for v in exact)
    assert len(exact) == len({v.focus for v in exact})  # one line per mention


def test_a_core_constraint_is_reported_by_node_and_property(
    seed_store_path: Path, tmp_path: Path
) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seed_store_path, copy)
    with GraphStore(copy) as store:
        graph = store.document_graphs()[0]
        store._store.update(  # a second, different start on every mention of one document
            "PREFIX pk: <https://w3id.org/parlkg/ontology#> "
            f"INSERT {{ GRAPH <{graph}> {{ ?m pk:start 999999 }} }} "
            f"WHERE {{ GRAPH <{graph}> {{ ?m a pk:Mention }} }}"
        )
        found = validate_store(store)
    counts = [v for v in found.violations if v.component == "MaxCountConstraintComponent"]
    assert counts and {v.path for v in counts} == {"https://w3id.org/parlkg/ontology#start"}
    assert "exactly one pk:start" in counts[0].line()
