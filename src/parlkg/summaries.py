"""Whole-store summaries that the ingest keeps: aggregates read by the library's
whole-corpus queries instead of joining every document graph.

Each summary is a SPARQL update in `queries/summaries/NAME.ru` that drops its
graph (`…/graph/_NAME`) and fills it again from the document graphs, in one
transaction: a reader sees the old summary or the new one. A summary records
what it was built from: a digest of the build hashes of every other graph and
of its own definition (`<…/graph/_NAME> pk:buildHash "…"`, in it). At its end
`parlkg ingest` rebuilds the summaries whose digest is not the store's
(documents written, replaced or removed, a new ontology, a summary missing or
defined otherwise by an older parlkg, an ingest cut short); `parlkg summarise`
does it on demand (a store loaded by other means). The entities summary
(`…/graph/_entities`) is different: the ingest adds to it document by document
(see `store.ENTITIES_GRAPH`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from parlkg.errors import StoreError
from parlkg.resources import queries_dir
from parlkg.store import ENTITIES_GRAPH, GraphStore
from parlkg.vocab import GRAPH, PK


@dataclass(frozen=True)
class Summary:
    name: str
    path: Path

    @property
    def graph(self) -> str:
        return GRAPH + "_" + self.name

    def update_text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def summaries(directory: Path | None = None) -> list[Summary]:
    """The summaries of the library, by name."""
    folder = directory or queries_dir() / "summaries"
    return [Summary(p.stem, p) for p in sorted(folder.glob("*.ru"))]


def state_digest(build_hashes: Mapping[str, str]) -> str:
    """A digest of the build hashes of every graph but the summaries: what the
    summaries are built from."""
    derived = {summary.graph for summary in summaries()} | {ENTITIES_GRAPH}
    digest = hashlib.sha256()
    for graph in sorted(set(build_hashes) - derived):
        digest.update(f"{graph} {build_hashes[graph]}\n".encode())
    return digest.hexdigest()


def _mark(state: str, summary: Summary) -> str:
    """What a summary records: the state it was built from and its own definition
    (a changed `.ru` file makes it stale too)."""
    return hashlib.sha256(f"{state} {summary.update_text()}".encode()).hexdigest()


def stale(store: GraphStore, build_hashes: Mapping[str, str] | None = None) -> list[Summary]:
    """The summaries not built from the store as it is, or by another definition
    (`build_hashes`: the store's, when the caller has them)."""
    hashes = store.build_hashes() if build_hashes is None else build_hashes
    return _stale(hashes, state_digest(hashes))


def _stale(build_hashes: Mapping[str, str], state: str) -> list[Summary]:
    return [s for s in summaries() if build_hashes.get(s.graph) != _mark(state, s)]


def refresh(store: GraphStore, build_hashes: Mapping[str, str] | None = None) -> dict[str, float]:
    """The stale summaries rebuilt: seconds taken, by name (nothing to do: empty)."""
    hashes = store.build_hashes() if build_hashes is None else build_hashes
    state = state_digest(hashes)
    todo = _stale(hashes, state)
    return rebuild(store, todo, state) if todo else {}


def rebuild(
    store: GraphStore, which: list[Summary] | None = None, state: str | None = None
) -> dict[str, float]:
    """Summaries (default: all) rebuilt from the document graphs, each in one
    transaction with its digest: seconds taken, by name."""
    state = state_digest(store.build_hashes()) if state is None else state
    taken = {}
    for summary in summaries() if which is None else which:
        graph = ox.NamedNode(summary.graph)
        mark = f"INSERT DATA {{ GRAPH {graph} {{ {graph} {ox.NamedNode(PK + 'buildHash')} "
        mark += f"{ox.Literal(_mark(state, summary))} }} }}"
        start = time.perf_counter()
        try:
            store.update(f"{summary.update_text()} ;\n{mark}")
        except (SyntaxError, ValueError, OSError) as exc:
            raise StoreError(
                f"{store.path}: could not rebuild the summary {summary.name!r} "
                f"({summary.path}): {exc}"
            ) from exc
        taken[summary.name] = time.perf_counter() - start
    return taken
