"""Files -> documents -> triples -> the store, built in parallel, written in batches.

A file that fails is reported (file and reason) and skipped; the others are
ingested. A document whose source bytes have not changed since its last ingest
is skipped before it is parsed: its graph records its build hash (the hash of
the bytes, the authority file, the parlkg version and the options), and all of
them are read in one query at the start.

Worker processes read and extract (`parallel`); this process writes, in input
order, a batch at a time (`parlkg.writer`, on a thread of its own while the next
batch is gathered): every document graph is complete or absent, whatever stops
the ingest.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from parlkg import __version__, summaries
from parlkg.authority import Authority, load_authority
from parlkg.model import Document, Extraction
from parlkg.parallel import Settings, Task, build_all, default_jobs, fingerprint
from parlkg.read import MAX_FILE_BYTES, iter_inputs
from parlkg.store import GraphStore
from parlkg.triples import (
    DocumentGraph,
    document_graph,
    warning_nquad,
)
from parlkg.vocab import GRAPH, graph_iri
from parlkg.writer import BATCH, GraphWriter

if TYPE_CHECKING:
    from parlkg.actors_data import Actors


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class Replaced:
    """A file not stored because a later file of the input is the same document."""

    path: str  # the earlier file
    by: str  # the later file, stored
    key: str  # their document key


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    triples: int = 0
    incomplete: list[Failure] = field(default_factory=list)  # stored, but partial
    kept: list[Failure] = field(default_factory=list)  # partial, not stored over a complete one
    failures: list[Failure] = field(default_factory=list)
    replaced: list[Replaced] = field(default_factory=list)  # same document key, later file wins
    extractors: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    repaired: int = 0  # unfinished graphs of an interrupted ingest, dropped and rebuilt
    graphs: int = 0  # document graphs in the store afterwards (`len(store)` counts quads: slow)
    summarised: dict[str, float] = field(default_factory=dict)  # summaries rebuilt: seconds

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass
class _Plan:
    """What an ingest has to build, decided from the files' bytes before any parsing."""

    tasks: list[Task] = field(default_factory=list)  # the files to build, in input order
    unchanged: dict[int, str] = field(default_factory=dict)  # input index -> document key
    paths: dict[int, str] = field(default_factory=dict)  # input index -> path (unchanged)
    by_key: dict[str, list[int]] = field(default_factory=dict)  # key -> unchanged indexes

    def later_unchanged(self, key: str, index: int) -> str | None:
        """The last file of the document `key`, when it comes after `index` and is
        stored and unchanged (it wins over the file at `index`)."""
        indexes = self.by_key.get(key)
        return self.paths[indexes[-1]] if indexes and indexes[-1] > index else None

    def previous_file(self, key: str, index: int, built: tuple[int, str] | None) -> str | None:
        """The latest file before `index` of the document `key`, built or unchanged."""
        indexes = self.by_key.get(key, [])
        at = bisect_left(indexes, index)
        if at and (built is None or indexes[at - 1] > built[0]):
            return self.paths[indexes[at - 1]]
        return built[1] if built is not None else None


def _plan(
    files: list[Path],
    by_hash: dict[str, str],
    salt: str,
    force: bool,
    progress: Callable[[Path], None] | None,
) -> _Plan:
    """Hash each file's bytes; a file whose build hash is stored is unchanged."""
    plan = _Plan()
    for index, path in enumerate(files):
        data = _plain_file_bytes(path)
        digest = fingerprint(hashlib.sha256(data).hexdigest(), salt) if data is not None else None
        graph = by_hash.get(digest) if digest is not None and not force else None
        if graph is None:
            plan.tasks.append(Task(index, str(path), digest))
            continue
        if progress:
            progress(path)
        key = unquote(graph.removeprefix(GRAPH))
        plan.unchanged[index] = key
        plan.paths[index] = str(path)
        plan.by_key.setdefault(key, []).append(index)
    return plan


def build(
    doc: Document, authority: Authority, *, ner: bool = True
) -> tuple[Extraction, DocumentGraph]:
    """Extract and build the graph of one document (no store involved)."""
    from parlkg.extract import extract  # compiles its patterns: only when building

    extraction = extract(doc, authority, ner=ner)
    return extraction, document_graph(doc, extraction, authority)


def build_salt(
    authority: Authority,
    *,
    layout: str | None = None,
    source_url: str | None = None,
    ner: bool = True,
    actors: Actors | None = None,
) -> str:
    """Everything besides the source bytes a document's graph is built from: the
    authority file, the parlkg version, the options, the actors data."""
    parts = (
        authority.digest,
        __version__,
        f"layout={layout or ''}",
        f"url={source_url or ''}",
        f"ner={ner}",
        _actors_digest(actors),
    )
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def ingest(
    paths: list[Path],
    store: GraphStore,
    *,
    authority: Authority | None = None,
    layout: str | None = None,
    source_url: str | None = None,
    force: bool = False,
    progress: Callable[[Path], None] | None = None,
    actors: Actors | None = None,
    ner: bool = True,
    jobs: int | None = None,
    batch: int = BATCH,
) -> IngestReport:
    """Ingest every document file under `paths` into `store`.

    `jobs` worker processes read and extract (default: one per core); the
    graphs are written `batch` documents at a time (see `parlkg.writer`).
    """
    authority = load_authority() if authority is None else authority
    store.ensure_static_graphs()
    store.summarise_authority()
    report = IngestReport()
    stored = store.build_hashes()  # graph -> build hash: one query, not one per file
    report.repaired = len(store.drop_unfinished(stored))
    by_hash = {h: g for g, h in stored.items()}
    salt = build_salt(authority, layout=layout, source_url=source_url, ner=ner, actors=actors)

    plan = _plan(list(iter_inputs(paths)), by_hash, salt, force, progress)
    report.unchanged = len(plan.unchanged)
    keys = dict(plan.unchanged)  # input index -> document key

    # build in parallel, write in input order (the later file of one document wins)
    writer = GraphWriter(store, set(stored), batch)
    current = dict(stored)  # graph -> build hash, as written so far
    seen: dict[str, tuple[int, str]] = {}  # document key -> its latest file built so far
    complete: dict[str, bool] = {}  # graph -> the stored document is complete (as known)
    settings = Settings(authority, salt, layout, source_url, ner, actors)
    try:
        for built in build_all(plan.tasks, settings, jobs=jobs or default_jobs()):
            if progress:
                progress(Path(built.path))
            if built.failure is not None:
                report.failures.append(Failure(built.path, built.failure))
                continue
            if actors is not None:
                actors.unresolved.update(built.unresolved)
            keys[built.index] = key = built.key
            graph = graph_iri(key)
            winner = plan.later_unchanged(key, built.index)
            if winner is not None:
                report.unchanged += 1  # a later file of this document wins, and is stored
                if winner != built.path:
                    report.replaced.append(Replaced(built.path, winner, key))
                continue
            nquads, triples = built.nquads, built.triples + 1  # + its build hash
            previous = plan.previous_file(key, built.index, seen.get(key))
            seen[key] = (built.index, built.path)
            replaced = None
            if previous is not None and previous != built.path:
                # two files for one document: the later one wins, say so
                replaced = Replaced(previous, built.path, key)
                warning = f"same document as {previous}; this file replaced it"
                built.warnings.append(warning)
                nquads, triples = nquads + warning_nquad(key, warning), triples + 1
            if not force and current.get(graph) == built.fingerprint:
                report.unchanged += 1
                if replaced is not None:
                    report.replaced.append(replaced)
                continue
            if not built.complete and _is_complete(store, graph, complete):
                reason = f"cut short; the complete document {key} already stored is kept"
                report.kept.append(Failure(built.path, reason))
                continue
            if replaced is not None:
                report.replaced.append(replaced)
            writer.put(graph, nquads, built.fingerprint, built.entities, triples)
            current[graph] = built.fingerprint
            complete[graph] = built.complete
            for name in built.extractors:
                if name not in report.extractors:
                    report.extractors.append(name)
            report.documents += 1
            report.triples += triples
            if not built.complete:
                reason = "; ".join(built.warnings) or "cut short"
                report.incomplete.append(Failure(built.path, reason))
    finally:
        writer.close()
        store.flush()
    report.summarised = summaries.refresh(store, current)
    report.keys = [keys[i] for i in sorted(keys)]
    report.graphs = sum(1 for g in current if not g.startswith(GRAPH + "_"))
    return report


def _is_complete(store: GraphStore, graph: str, known: dict[str, bool]) -> bool:
    """Whether the document stored (or written by this ingest) in `graph` is complete."""
    if graph not in known:
        known[graph] = store.is_complete(graph)
    return known[graph]


def _plain_file_bytes(path: Path) -> bytes | None:
    """The bytes of a plain file, to hash; None for an archive member or an
    unreadable file (the worker then reads it, and says what is wrong)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _actors_digest(actors: Actors | None) -> str:
    if actors is None or not (actors.actors or actors.organs):
        return ""
    digest = hashlib.sha256()
    for ref in sorted(actors.actors):
        digest.update(repr(actors.actors[ref]).encode())
    for ref in sorted(actors.organs):
        digest.update(repr(actors.organs[ref]).encode())
    return digest.hexdigest()
