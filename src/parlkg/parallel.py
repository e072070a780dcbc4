"""Worker processes for the volume ingest: read, extract and build graphs off the writer.

The parent process (the only one with the store open) decides what to build and
writes; workers turn files into N-Quads text. Work goes out in chunks of files
(the NER runs over a chunk in one `nlp.pipe` pass) and comes back in input
order, with at most a few chunks in flight per worker, so memory is bounded by
the window, not by the corpus.

Workers are started with `spawn`: no fork of a process holding an open store
and its threads. Everything sent to them is picklable; the functions they run
are top-level.

A worker ends with its ingest, however the ingest ends: killed (SIGKILL, out of
memory), it cannot tell its workers, and a worker holds both ends of its
queues' pipes, so it would wait for work forever. Each worker asks the kernel
for SIGKILL when its parent dies (Linux: `prctl(PR_SET_PDEATHSIG)`; strictly,
when the thread that started it ends: the one iterating `build_all`), and a
thread of its own checks every half second that its parent is still the
process that started it (everywhere).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from parlkg.authority import Authority
from parlkg.errors import InputError, ParlkgError
from parlkg.read import read_file
from parlkg.store import ENTITIES_GRAPH
from parlkg.triples import document_graph

if TYPE_CHECKING:
    from parlkg.actors_data import Actors

CHUNK = 32  # files per task: enough for the NER's batching, small enough to stay balanced
WINDOW = 12  # chunks in flight per worker: they cover a batch's bulk load


@dataclass(frozen=True)
class Settings:
    """What every worker needs to build a document's graph."""

    authority: Authority
    salt: str  # what else the build hash covers: authority, version, options
    layout: str | None = None
    source_url: str | None = None
    ner: bool = False
    actors: Actors | None = None


@dataclass(frozen=True)
class Task:
    index: int  # position in the input order
    path: str
    fingerprint: str | None  # the build hash, when the parent could read the bytes


@dataclass
class Built:
    """One file, read and built (or failed), as the writer needs it."""

    index: int
    path: str
    fingerprint: str = ""
    key: str = ""
    nquads: str = ""  # the document's graph, without its build hash
    entities: list[str] = field(default_factory=list)  # its lines of the entities summary
    triples: int = 0
    complete: bool = True
    warnings: list[str] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)
    failure: str | None = None
    unresolved: dict[str, str] = field(default_factory=dict)  # Actors.unresolved entries


def fingerprint(content_hash: str, salt: str) -> str:
    """The build hash of a document: its source bytes' hash, and what it was built with."""
    return hashlib.sha256(f"{content_hash}|{salt}".encode()).hexdigest()


_settings: Settings | None = None


def init(settings: Settings) -> None:
    """Worker initializer (also run in-process when there is one job)."""
    global _settings
    _settings = settings


def init_worker(settings: Settings, parent: int) -> None:
    """The initializer of a worker process: end with the ingest (`parent`), then `init`."""
    _die_with(parent)
    init(settings)


PARENT_POLL_S = 0.5  # how often a worker checks that its ingest is alive
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _die_with(parent: int) -> None:
    """End this process when `parent` ends (killed, or gone without a word)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watch below does it, a little later
    if os.getppid() != parent:  # it died before the signal was asked for
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_S)
        os._exit(1)  # adopted: the ingest is gone, its results have nowhere to go

    threading.Thread(target=watch, name="parlkg-parent-watch", daemon=True).start()


def build_chunk(tasks: Sequence[Task]) -> list[Built]:
    """Read, extract and build each file of `tasks` (a worker's unit of work)."""
    from parlkg.extract import extract_many  # compiles its patterns: only when building

    s = _settings
    if s is None:
        raise RuntimeError("parlkg.parallel.init() was not called in this process")
    out: list[Built] = []
    docs = []
    for task in tasks:
        try:
            doc = read_file(
                Path(task.path), layout=s.layout, source_url=s.source_url, actors=s.actors
            )
        except InputError as exc:
            reason = f"{exc.reason} ({exc.hint})" if exc.hint else exc.reason
            out.append(Built(task.index, exc.path, failure=reason))
            continue
        built = Built(
            task.index,
            task.path,
            fingerprint=task.fingerprint or fingerprint(doc.content_hash, s.salt),
            key=doc.key,
            complete=doc.complete,
            warnings=list(doc.warnings),
        )
        out.append(built)
        docs.append((built, doc))
    extractions = extract_many([doc for _, doc in docs], s.authority, ner=s.ner)
    for (built, doc), extraction in zip(docs, extractions, strict=True):
        graph = document_graph(doc, extraction, s.authority)
        built.nquads = graph.nquads()
        built.entities = graph.entity_summary(ENTITIES_GRAPH)
        built.triples = len(graph)
        built.extractors = list(extraction.extractors)
    if s.actors is not None and s.actors.unresolved:
        for built in out:  # handed back to the parent's Actors (a worker has a copy)
            ref = s.actors.unresolved.pop(built.path, None)
            if ref is not None:
                built.unresolved[built.path] = ref
    return out


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_all(
    tasks: Sequence[Task], settings: Settings, *, jobs: int, chunk: int = CHUNK
) -> Iterator[Built]:
    """Every task built, in input order; on `jobs` worker processes when it pays."""
    chunks = [tasks[i : i + chunk] for i in range(0, len(tasks), chunk)]
    if jobs <= 1 or len(chunks) <= 1:
        init(settings)
        try:
            for part in chunks:
                yield from build_chunk(part)
        finally:
            init_none()
        return
    context = multiprocessing.get_context("spawn")
    workers = min(jobs, len(chunks))
    with ProcessPoolExecutor(
        workers, context, initializer=init_worker, initargs=(settings, os.getpid())
    ) as pool:
        pending: deque[Future[list[Built]]] = deque()
        todo = deque(chunks)
        try:
            while todo or pending:
                while todo and len(pending) < workers * WINDOW:
                    pending.append(pool.submit(build_chunk, todo.popleft()))
                yield from pending.popleft().result()
        except BrokenProcessPool as exc:  # a worker died: killed, out of memory
            raise ParlkgError(
                f"a worker process of the ingest died ({exc})",
                hint="the documents written so far are complete; run the ingest again "
                "(with fewer --jobs if memory is short)",
            ) from None
        finally:
            for future in pending:
                future.cancel()


def init_none() -> None:
    global _settings
    _settings = None
