"""Shared fixtures: paths, a seed store built once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parlkg.model import Chamber, DocType, Document

pytest_plugins = ["tests.reliability.plugin"]
ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = Path(os.environ.get("PARLKG_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"


def query_rows(store: Any, name: str, **params: str) -> list[dict[str, str | None]]:
    """The rows of the library query `name` on `store` (raw string parameters), as dicts
    of plain strings."""
    from parlkg.queries import library, run
    from parlkg.results import Table

    result = run(store, library()[name], params)
    assert isinstance(result, Table), name
    return result.values()


def written_question(text: str, **fields: Any) -> Document:
    """A hand-made AN written question holding `text` (other `fields` overridden)."""
    defaults: dict[str, Any] = {
        "key": "an-99-qe-1",
        "source_path": "x.txt",
        "layout": "test",
        "doc_type": DocType.WRITTEN_QUESTION,
        "chamber": Chamber.AN,
        "number": "1",
        "legislature": 99,
        "content_hash": "0" * 64,
    }
    return Document(text=text, **{**defaults, **fields})


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store on disk holding the five seeds, built once by the real ingest."""
    from parlkg.ingest import ingest
    from parlkg.store import GraphStore

    path = tmp_path_factory.mktemp("seed-store") / "store"
    with GraphStore(path) as store:
        report = ingest([SEEDS], store)
    assert report.ok, report.failures
    assert report.documents == 5
    yield path


@pytest.fixture()
def seed_store(seed_store_path: Path) -> Iterator[object]:
    from parlkg.store import GraphStore

    with GraphStore(seed_store_path) as store:
        yield store
