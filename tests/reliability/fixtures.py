"""Session fixtures of the reliability tests: a generated corpus of a few thousand
documents, and its uninterrupted ingest by the real CLI, watched while it runs.

While that ingest writes, the fixture opens the store read-only as often as it
can (what a reader sees mid-ingest) and, once the first batch is in, starts the
commands a second terminal would: another ingest, `query`, `actor`, `export`,
`sparql`. The tests of test_reliability_concurrency.py read what they
did; test_reliability_crash.py compares its killed and resumed ingest with the
finished store.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.reliability.helpers import Run, parlkg, run, write_corpus

CORPUS_SIZE = 2500  # three write batches of the ingest (`--batch 1000`)


@dataclass
class Poll:
    """What one read-only open of the store saw while the ingest wrote."""

    seconds: float
    marked: int = 0  # document graphs with their build hash
    unmarked: int = 0  # document graphs without it (a bulk load not yet marked)
    error: str = ""


@dataclass
class LiveIngest:
    corpus: Path
    store: Path
    ingest: Run
    polls: list[Poll] = field(default_factory=list)
    probes: dict[str, Run] = field(default_factory=dict)
    during: dict[str, bool] = field(default_factory=dict)  # probe ended before the ingest
    raced: list[str] = field(default_factory=list)  # probes run again after the open race
    baseline: float = 0.0  # seconds of `parlkg ingest --help` run beside the second writer


@pytest.fixture(scope="session")
def reliability_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reliability") / "corpus"
    write_corpus(folder, CORPUS_SIZE)
    return folder


@pytest.fixture(scope="session")
def live_ingest(reliability_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> LiveIngest:
    """The corpus ingested without interruption, with readers and a second writer
    started while it writes."""
    store = tmp_path_factory.mktemp("reference") / "store"
    with ThreadPoolExecutor(8) as pool:
        started = time.monotonic()
        ingest = pool.submit(
            run,
            parlkg("ingest", reliability_corpus, "--store", store, "--no-ner", "--batch", "1000"),
            timeout=600,
        )
        polls: list[Poll] = []
        probes: dict[str, Future[Run]] = {}
        while not ingest.done():
            poll = _poll(store, time.monotonic() - started)
            polls.append(poll)
            if not probes and poll.marked >= 1000:
                probes = _start_probes(pool, reliability_corpus, store)
            time.sleep(0.2)
        finished = ingest.result()
        live = LiveIngest(reliability_corpus, store, finished, polls)
        for name, future in probes.items():
            done = future.result()
            if done.returncode != 0 and any(race in done.stderr for race in RACES):
                live.raced.append(name)  # the open raced the writer, every try: once more
                done = run(done.args, timeout=300)
            live.probes[name] = done
            live.during[name] = done.ended < finished.ended
        if "start" in live.probes:
            live.baseline = live.probes.pop("start").seconds
            live.during.pop("start")
    return live


# A read-only open beside a live writer can race it: RocksDB lists a data file the
# writer's compaction deletes before the reader opens it (pyoxigraph raises
# RuntimeError("Corruption: ... No such file or directory ...")), or the store is not
# initialised yet (RuntimeError("Inserts are only possible on read-write instances")).
# parlkg tries such an open again a few times, then says the store is damaged (with
# RocksDB's words) or not ready: exit 3. The first race is shown deterministically by
# test_a_damaged_store_is_a_clear_error.
RACES = ("No such file or directory", "only possible on read-write instances", "is not ready")


def _start_probes(pool: ThreadPoolExecutor, corpus: Path, store: Path) -> dict[str, Future[Run]]:
    count = (
        "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g "
        "{ ?g <https://w3id.org/parlkg/ontology#buildHash> ?h } }"
    )
    commands = {
        "second writer": parlkg("ingest", corpus, "--store", store, "--no-ner"),
        "start": parlkg("ingest", "--help"),  # the same start, under the same load
        "query": parlkg(
            "query", "actor-documents", "--param", "actor=Palantir", "-f", "csv", "--store", store
        ),
        "actor": parlkg("actor", "Microsoft", "--store", store),
        "export": parlkg(
            "export", "--graph", "an-16-qe-20000", "--format", "nquads", "--store", store
        ),
        "sparql": parlkg("sparql", count, "--store", store),
    }
    return {name: pool.submit(run, args, timeout=300) for name, args in commands.items()}


def _poll(store: Path, seconds: float) -> Poll:
    from parlkg.errors import ParlkgError
    from parlkg.store import GraphStore

    poll = Poll(seconds)
    if not (store / "CURRENT").exists():
        return poll
    try:
        with GraphStore(store, read_only=True) as reader:
            marks = reader.build_hashes()
            graphs = reader.document_graphs()
    except (ParlkgError, OSError, RuntimeError) as exc:
        poll.error = f"{type(exc).__name__}: {exc}"
        return poll
    poll.marked = sum(1 for g in graphs if g in marks)
    poll.unmarked = len(graphs) - poll.marked
    return poll
