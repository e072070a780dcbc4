"""The synthetic corpus and the benchmark, at N = 50: they run, and what they write
holds together. Figures are not checked here (they live in bench/RESULTS.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from parlkg.read import iter_inputs, read_file
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpus as bench_corpus
import report as bench_report
import run as bench_run

NOTES = "## What the figures say\n\nHand-written, appended as is.\n"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in iter_inputs([folder])}


def test_the_corpus_is_seeded(tmp_path: Path) -> None:
    bench_corpus.generate(30, tmp_path / "a", seed=5)
    bench_corpus.generate(30, tmp_path / "b", seed=5)
    bench_corpus.generate(30, tmp_path / "c", seed=6)
    a = _files(tmp_path / "a")
    assert len(a) == 30
    assert a == _files(tmp_path / "b")
    assert a != _files(tmp_path / "c")


def test_the_corpus_is_read_by_the_real_readers(tmp_path: Path) -> None:
    bench_corpus.generate(60, tmp_path, seed=9)
    docs = [read_file(p) for p in iter_inputs([tmp_path])]
    layouts = {d.layout for d in docs}
    assert layouts == {"an_opendata", "an_page"}
    assert all(d.author is not None and d.author.name[:2] != "PA" for d in docs)
    assert all(1900 <= len(d.text) <= 4800 for d in docs)  # 2-4 kB of text
    assert any(d.answered for d in docs) and any(d.withdrawn for d in docs)
    assert len({d.key for d in docs}) == 60
    manifest = json.loads((tmp_path / bench_corpus.MANIFEST).read_text())
    orgs = manifest["ranked"]["orgs"]
    assert orgs[0][1] >= orgs[-1][1] and len(manifest["ranked"]["laws"]) <= 50


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("bench")
    (work / "notes.md").write_text(NOTES)
    code = bench_run.main(
        [
            *("--sizes", "50", "--work", str(work), "--ner-docs", "4"),
            *("--rdflib-timeout", "1", "--render", "--results", str(work / "RESULTS.md")),
            *("--notes", str(work / "notes.md")),
        ]
    )
    assert code == 0
    return work


@pytest.mark.slow
def test_the_benchmark_measures_every_step(results: Path) -> None:
    data = json.loads((results / "results-50.json").read_text())
    ingest = data["ingest"]
    assert ingest["documents"] == 50 and ingest["peak_mib"] > 0
    assert data["reingest"]["documents"] == 0 and data["reingest"]["unchanged"] == 50
    # the export adds a dataset description (VoID) to the quads of the store
    assert data["export"]["bulk_quads"] == data["export"]["export_quads"] >= ingest["store_quads"]
    assert set(data["queries"]) == {p.stem for p in (ROOT / "queries").glob("*.rq")}
    assert all(q["median_ms"] is not None for q in data["queries"].values())
    assert set(data["rdflib"]["queries"]) == set(data["queries"])
    assert data["actor"]["median_seconds"] > 0 and data["actor"]["top_imports_ms"]
    ner = data["ner"]
    assert ner["documents"] == 4 and ner["spacy_loop_seconds"] > 0 and ner["loop_seconds"] > 0


@pytest.mark.slow
def test_the_results_are_rendered(results: Path) -> None:
    text = (results / "RESULTS.md").read_text()
    assert "| ingest ÷ bulk load" in text.replace("**", "")
    assert "`questions-about`" in text and "N = 50" in text
    assert "NER ingest ≥ 2× a one-document spaCy loop" in text
    assert text.endswith(NOTES)
    again = bench_report.render(sorted(results.glob("results-*.json")), NOTES)
    assert again == text
