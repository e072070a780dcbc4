"""`awaiting-curation` reads each minted entity's documents, mentions and quote from
the curation summary (`…/graph/_curation`, queries/summaries/curation.ru), which
the ingest builds; a store without it (written by other means, or by an older
parlkg) is counted live, with the same rows.

A few documents of the benchmark's synthetic corpus are ingested: its minted
organisations, companies and persons are named in several documents each.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from parlkg.ingest import ingest
from parlkg.queries import run_sparql
from parlkg.results import Table
from parlkg.store import GraphStore
from parlkg.vocab import GRAPH, ID
from tests.conftest import ROOT, query_rows

sys.path.insert(0, str(ROOT / "bench"))
import corpus as bench_corpus

CURATION = GRAPH + "_curation"
PREFIXES = "PREFIX pk: <https://w3id.org/parlkg/ontology#>\n"
PARAMS = [
    {},
    {"min_docs": "2"},
    {"min_docs": "3"},
    {"kind_filter": "Person"},
    {"kind_filter": "company", "min_docs": "2"},
    {"kind_filter": "Law"},
    {"kind_filter": "nothing"},
]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("curation")
    folder = work / "corpus"
    bench_corpus.generate(12, folder, seed=11)
    path = work / "store"
    with GraphStore(path) as store:
        report = ingest([folder], store, ner=False, jobs=1)
    assert report.ok, report.failures
    return path


def _table(store: GraphStore, params: dict[str, str]) -> list[tuple[str, ...]]:
    rows = query_rows(store, "awaiting-curation", **params)
    return [tuple(v or "" for v in row.values()) for row in rows]


def _select(store: GraphStore, sparql: str) -> list[dict[str, str]]:
    table = run_sparql(store, PREFIXES + sparql)
    assert isinstance(table, Table)
    return [{n: v for n, v in row.items() if v is not None} for row in table.values()]


def test_the_summary_counts_what_the_mentions_say(store_path: Path) -> None:
    with GraphStore(store_path, read_only=True) as store:
        summary = _select(
            store,
            f"""SELECT ?entity ?documents ?mentions ?quote WHERE {{ GRAPH <{CURATION}> {{
                  ?row pk:entity ?entity ; pk:documentCount ?documents ; pk:times ?mentions ;
                    pk:example ?quote }} }}""",
        )
        live = _select(
            store,
            f"""SELECT ?entity (COUNT(DISTINCT ?g) AS ?documents) (COUNT(?m) AS ?mentions)
                  (GROUP_CONCAT(DISTINCT STRAFTER(STR(?g), "{GRAPH}"); separator=" ") AS ?keys)
                WHERE {{ GRAPH <{GRAPH}_entities> {{ ?entity pk:reviewed false }}
                         GRAPH ?g {{ ?m pk:refersTo ?entity }} }}
                GROUP BY ?entity""",
        )
    counted = {row["entity"]: row for row in live}
    assert len(summary) == len(counted)
    assert any(int(row["documents"]) >= 3 for row in summary)  # the corpus repeats names
    for row in summary:
        expected = counted[row["entity"]]
        assert (row["documents"], row["mentions"]) == (expected["documents"], expected["mentions"])
        key, _, context = row["quote"].partition(": …")
        assert key in expected["keys"].split() and context.endswith("…"), row


def test_without_the_summary_the_query_counts_live_with_the_same_rows(
    store_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with GraphStore(store_path, read_only=True) as store:
        summarised = {i: _table(store, params) for i, params in enumerate(PARAMS)}
    with GraphStore(copy) as store:
        store.drop_graph(CURATION)
        live = {i: _table(store, params) for i, params in enumerate(PARAMS)}
    assert summarised[0] and summarised[1] and summarised[3]
    assert not summarised[6]  # no such class
    assert live == summarised


def test_the_summary_once_built_is_what_the_query_reads(store_path: Path, tmp_path: Path) -> None:
    # a count changed in the summary shows, once: the live count does not run beside it
    copy = tmp_path / "store"
    shutil.copytree(store_path, copy)
    with GraphStore(copy) as store:
        entity = _table(store, {})[0][0]
        store.update(
            PREFIXES + f"DELETE {{ GRAPH <{CURATION}> {{ ?row pk:documentCount ?n }} }} "
            f"INSERT {{ GRAPH <{CURATION}> {{ ?row pk:documentCount 999 }} }} "
            f"WHERE {{ GRAPH <{CURATION}> {{ ?row pk:entity <{entity}> ; pk:documentCount ?n }} }}"
        )
        rows = [row for row in _table(store, {}) if row[0] == entity]
    assert entity.startswith(ID)
    assert len(rows) == 1 and rows[0][3] == "999"
