"""Crash safety: `parlkg ingest` killed with SIGKILL part-way leaves a store that opens,
whose document graphs are each complete (its `pk:buildHash` mark and exactly the
quads of an uninterrupted run) or absent; running the same ingest again ends with
exactly the store of an uninterrupted run (canonical N-Quads compared).

"Complete" follows how the ingest writes (src/parlkg/writer.py): a graph
replaced in a transaction carries its mark in that transaction; new graphs of a
large batch are bulk-loaded (not atomic), then marked in one transaction. A graph
without its mark is an unfinished load.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pytest

from parlkg.store import GraphStore
from parlkg.vocab import AUTHORITY_GRAPH, ONTOLOGY_GRAPH

from .reliability.fixtures import LiveIngest
from .reliability.helpers import (
    SEEDS,
    Background,
    export_nquads,
    note,
    parlkg,
    run,
    same_dataset,
)


def census(store: Path) -> tuple[set[str], set[str]]:
    """The document graphs of a store, and those of them that carry their mark."""
    with GraphStore(store, read_only=True) as reader:
        documents = set(reader.document_graphs())
        return documents, set(reader.build_hashes()) & documents


def graphs_of(store: Path, only: set[str] | None = None) -> dict[str, set[str]]:
    """The document graphs' quads, as text (`only` those, when given)."""
    with GraphStore(store, read_only=True) as reader:
        wanted = set(reader.document_graphs())
        wanted &= wanted if only is None else only
        return {g: {str(q) for q in reader.quads(g)} for g in sorted(wanted)}


def _progress(store: Path) -> tuple[bool, int]:
    """What a reader sees now: the static graphs written, the document graphs marked."""
    if not (store / "CURRENT").exists():
        return False, 0
    try:
        with GraphStore(store, read_only=True) as reader:
            marks = reader.build_hashes()
            documents = reader.document_graphs()
    except (OSError, RuntimeError):  # the open raced the writer (see the damaged-store test)
        return False, 0
    return {ONTOLOGY_GRAPH, AUTHORITY_GRAPH} <= set(marks), len(set(marks) & set(documents))


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        return [int(c) for t in tasks for c in (t / "children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def _spawned(pids: list[int]) -> list[int]:
    """The worker processes among an ingest's children (not multiprocessing's tracker)."""
    found = []
    for pid in pids:
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(pid)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def _cpu(pid: int) -> float:
    """Seconds of CPU a process has used (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def _kill_ingest(corpus: Path, store: Path, point: str, *, reap: bool = True) -> list[int]:
    """Start the real ingest, wait for `point`, SIGKILL the command. Returns the pids of
    its worker processes: left alone when `reap` is False, else killed too (once the
    command is dead), so that no test leaves them behind.

    Points: "workers" (the worker processes are building the first batch), "busy" (each
    worker has used 1 s of CPU: it is past its start, in its work loop), "batch" (the
    first 1,000 documents are marked), "resumed" (1.5 s after the start)."""
    ingest = Background(parlkg("ingest", corpus, "--store", store, "--no-ner", "--batch", "1000"))
    started = time.monotonic()
    workers: list[int] = []
    while ingest.running() and time.monotonic() - started < 300:
        workers = _children(ingest.pid) or workers
        busy = _spawned(workers)
        static, marked = _progress(store)
        if (
            (point == "workers" and static and workers)
            or (point == "busy" and busy and all(_cpu(w) >= 1.0 for w in busy))
            or (point == "batch" and marked >= 1000)
            or (point == "resumed" and time.monotonic() - started >= 1.5)
        ):
            break
        time.sleep(0.1)
    assert ingest.running(), f"the ingest ended before the kill point ({point})"
    workers = _children(ingest.pid) or workers
    os.kill(ingest.pid, signal.SIGKILL)  # the command only: a crash, not a tidy stop
    ingest.process.wait(30)
    if reap:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(ingest.pid, signal.SIGKILL)  # its process group: the workers
    with ingest:
        pass  # closes its pipes
    return workers


@pytest.mark.slow
@pytest.mark.fault("SIGKILL of an ingest of thousands of documents, part-way", area="crash")
def test_a_killed_ingest_leaves_complete_or_absent_graphs_then_resumes(
    live_ingest: LiveIngest, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Three SIGKILLs of a 2,500-document ingest (during its first batch, after it, and
    1.5 s into a resumed run); after each the store opens and every document graph is
    complete and equal to the uninterrupted run's, or absent; the last run completes
    and the store equals the uninterrupted one, N-Quads for N-Quads."""
    documents, marked = census(live_ingest.store)
    assert len(documents) == 2500 and marked == documents  # the reference is whole
    store = tmp_path / "store"
    present_after = []
    for point in ("workers", "batch", "resumed"):
        _kill_ingest(live_ingest.corpus, store, point)
        with GraphStore(store) as reopened:  # it opens, for writing: the lock is released
            assert len(reopened) > 0
        documents, marked = census(store)
        unfinished = sorted(documents - marked)
        assert not unfinished, f"graphs without their mark after the kill: {unfinished[:3]}"
        graphs = graphs_of(store)
        reference = graphs_of(live_ingest.store, only=documents)
        for graph in graphs:
            assert graphs[graph] == reference[graph], f"{graph} differs from the reference"
        present_after.append(len(graphs))
    assert present_after[1] >= 1000  # the kill after the first batch kept it
    resumed = run(parlkg("ingest", live_ingest.corpus, "--store", store, "--no-ner"))
    assert resumed.returncode == 0 and not resumed.crashed, str(resumed)
    assert f"{present_after[-1]} unchanged" in resumed.stdout, resumed.stdout
    problems = same_dataset(export_nquads(store), export_nquads(live_ingest.store))
    assert not problems, problems[:10]
    note(
        request,
        "after each of 3 kills the store opens, every document graph present is complete "
        "and equal to the uninterrupted run's (none half-written); the re-run skips them "
        "and ends with the same N-Quads as an uninterrupted run",
    )


@pytest.mark.fault("SIGKILL of an ingest: its worker processes", area="crash")
def test_the_workers_of_a_killed_ingest_stop_by_themselves(
    live_ingest: LiveIngest, tmp_path: Path
) -> None:
    """The worker processes of a killed ingest (killed while they work) notice it and
    exit within a generous 5 s: nothing is left blocked, holding memory, after the crash."""
    workers = _kill_ingest(live_ingest.corpus, tmp_path / "store", "busy", reap=False)
    if not workers:
        raise RuntimeError("the ingest of 2,500 documents ran no worker process")
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [w for w in workers if _alive(w)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"workers still running 5 s after their ingest was killed: {left}"


# The ingest, killed by itself at the one point where a graph can be half-written: after
# Oxigraph's bulk loader wrote a batch of new graphs, before the transaction marking
# them complete (`GraphStore.mark_built`). A real SIGKILL, at a chosen point.
KILLED_BEFORE_THE_MARKS = """
import os, signal, sys
from pathlib import Path
from parlkg.ingest import ingest
from parlkg.store import GraphStore

assert hasattr(GraphStore, "mark_built"), "the ingest no longer marks graphs this way"
GraphStore.mark_built = lambda *args, **kwargs: os.kill(os.getpid(), signal.SIGKILL)
with GraphStore(Path(sys.argv[1])) as store:
    ingest([Path(sys.argv[2])], store, ner=False, jobs=1)
print("the ingest ended without writing a mark")
"""


@pytest.fixture(scope="module")
def killed_before_the_marks(
    live_ingest: LiveIngest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A store whose ingest (500 documents: one bulk-loaded batch) was killed between
    the bulk load and the marks."""
    store = tmp_path_factory.mktemp("killed-before-marks") / "store"
    folder = live_ingest.corpus / "00"
    done = run([sys.executable, "-c", KILLED_BEFORE_THE_MARKS, str(store), str(folder)])
    if done.returncode != -signal.SIGKILL:  # not an assert: the tests below use this
        raise RuntimeError(f"the ingest was not killed before its marks\n{done}")
    with GraphStore(store, read_only=True) as reader:  # read-only: it drops nothing
        unfinished = reader.unfinished
    if len(unfinished) != 500:
        raise RuntimeError(f"not the state expected: {len(unfinished)} unfinished graphs")
    return store


@pytest.mark.fault("SIGKILL between a bulk load and its completeness marks", area="crash")
def test_the_next_ingest_drops_and_rebuilds_an_unmarked_bulk_load(
    killed_before_the_marks: Path, live_ingest: LiveIngest, tmp_path: Path
) -> None:
    """The next `parlkg ingest` drops the unmarked graphs and builds them again: each
    ends equal to the uninterrupted run's graph, with its mark."""
    store = tmp_path / "store"
    shutil.copytree(killed_before_the_marks, store)
    done = run(parlkg("ingest", live_ingest.corpus / "00", "--store", store, "--no-ner"))
    assert done.returncode == 0 and "500 document(s) ingested" in done.stdout, str(done)
    documents, marked = census(store)
    assert len(documents) == 500 and marked == documents
    graphs = graphs_of(store)
    reference = graphs_of(live_ingest.store, only=documents)
    assert graphs == reference


@pytest.mark.fault("SIGKILL between a bulk load and its completeness marks", area="crash")
def test_readers_after_the_kill_see_complete_or_absent_graphs(
    killed_before_the_marks: Path, tmp_path: Path
) -> None:
    """Reopened by a reader (`parlkg export`, `query`...) before any new ingest, the
    store shows every document graph complete (marked) or not at all; so does a
    read-only open (what a reader gets beside a writer), which changes nothing."""
    store = tmp_path / "store"
    shutil.copytree(killed_before_the_marks, store)
    with GraphStore(store, read_only=True) as reader:
        assert len(reader.unfinished) == 500
        assert reader.document_graphs() == [] and reader.build_hashes().keys() <= {
            ONTOLOGY_GRAPH,
            AUTHORITY_GRAPH,
        }
        ask = 'ASK { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), "/graph/an-")) }'
        assert not bool(reader.query(ask))
        assert not bool(reader.query('ASK { ?s ?p ?o FILTER(CONTAINS(STR(?s), "/an-16")) }'))
        assert not any("/graph/an-" in str(q.graph_name) for q in reader.quads_matching())
    exported = run(parlkg("export", "--format", "nquads", "--no-description", "--store", store))
    if exported.returncode != 0 or exported.crashed:
        raise RuntimeError(str(exported))  # not the failure this test expects
    lines = exported.stdout.splitlines()
    graphs = {line.rsplit(" ", 2)[-2] for line in lines if "/graph/an-" in line}
    marks = {line.rsplit(" ", 2)[-2] for line in lines if "#buildHash>" in line}
    assert graphs <= marks, f"{len(graphs - marks)} graphs without their mark are shown"


@pytest.mark.fault(
    "a damaged store: a data file missing or cut (a reader racing a compaction, a bad copy)",
    area="crash",
)
@pytest.mark.parametrize("damage", ["missing", "cut"])
def test_a_damaged_store_is_a_clear_error(
    seed_store_path: Path, tmp_path: Path, damage: str
) -> None:
    """A store with a data file deleted (what a read-only open sees when a writer's
    compaction removes a file it was about to open) or cut short: every command says
    the store is damaged (exit 3), no stack trace."""
    store = tmp_path / "store"
    shutil.copytree(seed_store_path, store)
    data = sorted(store.glob("*.sst"))
    if not data:
        raise RuntimeError("the seed store has no data file to damage")
    if damage == "missing":
        data[0].unlink()
    else:
        data[-1].write_bytes(data[-1].read_bytes()[:100])
    for command in (("actor", "Microsoft"), ("ingest", str(SEEDS)), ("export",)):
        done = run(parlkg(*command, "--store", store))
        assert not done.crashed, f"{command[0]}: a stack trace\n{done}"
        assert done.returncode == 3 and f"error: {store}" in done.stderr, str(done)
