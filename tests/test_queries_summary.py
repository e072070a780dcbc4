"""The queries that read the entities summary (`…/graph/_entities`, kept by the ingest)
answer as a store built from scratch does, after a document is replaced.

A few documents of the benchmark's synthetic corpus are ingested; one of them is
edited (an organisation it names is renamed) and ingested again, over the first
store. Counts, documents and quotes must equal those of a store built from the
edited files alone; the spellings and rules the summary records are additive (a
replaced document's spellings stay) until `GraphStore.rebuild_entities`.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from parlkg.ingest import ingest
from parlkg.read import iter_inputs
from parlkg.store import GraphStore
from tests.conftest import ROOT
from tests.conftest import query_rows as _rows

sys.path.insert(0, str(ROOT / "bench"))
import corpus as bench_corpus

NEW_NAME = "Zorblatex"


def _sorted(rows: list[dict[str, str | None]]) -> list[tuple[str, ...]]:
    """Rows in a canonical order (rows that tie in ORDER BY may come either way)."""
    return sorted(tuple(v or "" for v in row.values()) for row in rows)


def _ingest(folder: Path, store: Path) -> None:
    with GraphStore(store) as graph_store:
        report = ingest([folder], graph_store, ner=False, jobs=1)
    assert report.ok, report.failures


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`replaced`: the corpus, then one file edited and ingested again over it;
    `fresh`: the edited corpus alone; `renamed`: the organisation renamed."""
    work = tmp_path_factory.mktemp("summary")
    folder = work / "corpus"
    bench_corpus.generate(6, folder, seed=3)
    replaced = work / "replaced"
    _ingest(folder, replaced)
    with GraphStore(replaced) as store:
        named = _rows(store, "awaiting-curation", min_docs="2")
    assert named, "the corpus names no minted organisation twice"
    entity, label = named[0]["entity"], named[0]["label"]
    assert entity and label
    edited = next(p for p in iter_inputs([folder]) if label in p.read_text(encoding="utf-8"))
    edited.write_text(edited.read_text(encoding="utf-8").replace(label, NEW_NAME), "utf-8")
    _ingest(folder, replaced)
    fresh = work / "fresh"
    _ingest(folder, fresh)
    return {"replaced": replaced, "fresh": fresh, "entity": entity, "before": named[0]}


def _curation(store: GraphStore) -> dict[str, dict[str, str | None]]:
    return {row["entity"] or "": row for row in _rows(store, "awaiting-curation")}


def test_counts_and_quotes_follow_the_replaced_document(stores: dict[str, Any]) -> None:
    with GraphStore(stores["replaced"]) as replaced, GraphStore(stores["fresh"]) as fresh:
        after, expected = _curation(replaced), _curation(fresh)
    entity = stores["entity"]
    before = stores["before"]
    assert int(after[entity]["documents"] or 0) == int(before["documents"] or 0) - 1
    assert int(after[entity]["mentions"] or 0) < int(before["mentions"] or 0)
    assert set(after) == set(expected)  # the new name is there, nothing else changed
    assert any(row["label"] == NEW_NAME for row in after.values())
    for iri, row in expected.items():
        for column in ("kind", "label", "documents", "mentions", "quotes"):
            assert after[iri][column] == row[column], (iri, column)


def test_spellings_are_additive_until_the_summary_is_rebuilt(
    stores: dict[str, Any], tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(stores["replaced"], copy)
    with GraphStore(copy) as replaced, GraphStore(stores["fresh"]) as fresh:
        expected = _curation(fresh)
        before = _curation(replaced)
        for iri, row in expected.items():  # nothing lost: maybe more, from the old file
            for column, sep in SEPARATORS.items():
                assert _set(row, column, sep) <= _set(before[iri], column, sep), (iri, column)
        replaced.rebuild_entities()
        rebuilt = _curation(replaced)
    for iri, row in expected.items():
        for column, sep in SEPARATORS.items():
            assert _set(rebuilt[iri], column, sep) == _set(row, column, sep), (iri, column)


SEPARATORS = {"variants": " | ", "rules": ", "}


def _set(row: dict[str, str | None], column: str, sep: str) -> set[str]:
    return set((row[column] or "").split(sep))


def test_lookups_of_the_entity_follow_the_replaced_document(stores: dict[str, Any]) -> None:
    entity = stores["entity"]
    with GraphStore(stores["replaced"]) as replaced, GraphStore(stores["fresh"]) as fresh:
        for name in ("questions-about", "actor-documents", "co-mentioned"):
            mine, theirs = _rows(replaced, name, actor=entity), _rows(fresh, name, actor=entity)
            assert _sorted(mine) == _sorted(theirs), name
        timeline = "entity-timeline"
        assert _rows(replaced, timeline, entity=entity) == _rows(fresh, timeline, entity=entity)
        for name in ("cross-party-concerns", "laws-by-group", "ministry-workload"):
            assert _sorted(_rows(replaced, name)) == _sorted(_rows(fresh, name)), name
