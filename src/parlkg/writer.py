"""The ingest's writes: built graphs, buffered, and written a batch at a time by a
thread of their own while the next batch is gathered.

- A graph the store does not hold yet is new: the new graphs of a batch are
  loaded together, through Oxigraph's bulk loader when the batch is large
  (`BULK_MIN_QUADS`), and each is marked complete (its `pk:buildHash`) in one
  transaction afterwards. The bulk loader is several times faster than
  transactions but not atomic: the graphs are listed as loading first, and one
  without its mark is an unfinished load, hidden from readers, dropped when the
  store is next opened for writing; the next ingest builds it again (its file's
  hash is not in the store). Small batches go in one transaction, marks included.
- A graph the store holds is replaced: the replacements of a batch are one
  SPARQL update (drops, then inserts, build hashes included), atomic.
- The entities summary (`ENTITIES_GRAPH`) gets the lines of a batch that it has
  not had in this run, in the same transaction as the marks or the replacements:
  a document counted as built has its summary lines stored.

A batch is `batch` documents or `BATCH_QUADS` quads, whichever comes first:
memory is bounded whatever the size of a document. One batch is written while
the next is gathered (pyoxigraph lets go of the GIL while it loads), never two:
batches are written in input order, and at most two are held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from parlkg.store import ENTITIES_GRAPH, GraphStore
from parlkg.triples import as_ntriples, build_hash_nquad

BATCH = 4000  # documents per write at most
# quads per write at most: Oxigraph's bulk loader sorts a million quads at a time (its
# own batch), and fewer, larger loads cost less CPU in all, mostly RocksDB's compaction
# of the files each load adds (at 10,000 documents: 44 CPU-s of compaction in loads of
# 600,000 quads, 31 in loads of a million). Memory: the writer's peak was 0.9 GiB at
# 600,000 quads a load, 1.3 GiB at a million (the loader holds the parsed quads, the
# gathering batch its text; the text of the batch loaded is let go of as it is parsed).
BATCH_QUADS = 1_000_000
BULK_MIN_QUADS = 20_000  # below this, a batch is loaded in one transaction, marks included


@dataclass
class _Batch:
    new: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # graph -> N-Quads, hash
    replace: dict[str, str] = field(default_factory=dict)  # graph -> N-Triples, hash included
    summary: list[str] = field(default_factory=list)  # entities summary lines
    quads: int = 0

    def __len__(self) -> int:
        return len(self.new) + len(self.replace)


class GraphWriter:
    """Document graphs, written a batch at a time in the order they are put.

    `flush()` hands the batch gathered so far to the writing thread and waits
    until everything handed is written; `close()` does the same and ends the thread.
    An error of the writing thread is raised by the next `put`, `flush` or `close`.
    """

    def __init__(self, store: GraphStore, existing: set[str], batch: int = BATCH) -> None:
        self.store = store
        self.existing = existing  # graphs the store holds, or will once handed batches land
        self.batch = max(1, batch)
        self._gathering = _Batch()
        self._summarised: set[str] = set()
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="parlkg-writer")
        self._writing: Future[None] | None = None

    def put(self, graph: str, nquads: str, build_hash: str, summary: list[str], quads: int) -> None:
        gathering = self._gathering
        if graph in gathering.new or graph not in self.existing:
            gathering.new[graph] = (nquads.encode(), build_hash)  # encoded once, as loaded
        else:
            mark = as_ntriples(build_hash_nquad(graph, build_hash), graph)
            gathering.replace[graph] = as_ntriples(nquads, graph) + "\n" + mark
        for line in summary:
            if line not in self._summarised:
                self._summarised.add(line)
                gathering.summary.append(line)
        gathering.quads += quads
        if len(gathering) >= self.batch or gathering.quads >= BATCH_QUADS:
            self._hand_over()

    def flush(self) -> None:
        """Write everything put so far; return when it is written."""
        self._hand_over()
        self._wait()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._thread.shutdown(wait=True)

    def _hand_over(self) -> None:
        """Start writing the gathered batch, once the one before is written."""
        batch, self._gathering = self._gathering, _Batch()
        self.existing.update(batch.new)  # a later put of one of them replaces it
        self._wait()
        if len(batch) or batch.summary:
            self._writing = self._thread.submit(self._write, batch)

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()  # raises the writing thread's error

    def _write(self, batch: _Batch) -> None:
        summary = "".join(batch.summary)
        if batch.replace:
            also = [(ENTITIES_GRAPH, as_ntriples(summary, ENTITIES_GRAPH))] if summary else []
            self.store.replace_graphs(list(batch.replace.items()), also)
            summary = ""
        if batch.new:
            marks = [(graph, build_hash) for graph, (_, build_hash) in batch.new.items()]
            if sum(nquads.count(b"\n") for nquads, _ in batch.new.values()) >= BULK_MIN_QUADS:
                self.store.add_quads(_drain(batch.new), bulk=True, graphs=[g for g, _ in marks])
                self.store.mark_built(marks, summary)
            else:
                data = b"".join(nquads for nquads, _ in batch.new.values())
                self.store.mark_built(marks, data.decode() + summary)
        elif summary:
            self.store.add_quads(summary.encode())


def _drain(new: dict[str, tuple[bytes, str]]) -> Iterator[bytes]:
    """The graphs' N-Quads, each taken out of the batch as the loader reads it: the
    batch's text is let go of as it is parsed, not held beside the parsed quads."""
    while new:
        yield new.popitem()[1][0]
