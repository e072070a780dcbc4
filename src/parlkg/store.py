"""The on-disk Oxigraph store: the only module that opens a `pyoxigraph.Store`.

Location: `--store PATH`, else the `PARLKG_STORE` environment variable, else
`$XDG_DATA_HOME/parlkg/store` (`~/.local/share/parlkg/store`).

A document's graph is replaced in one SPARQL update (`DROP SILENT GRAPH` then
`INSERT DATA`), which Oxigraph applies as one transaction: a reader sees the
old graph or the new one, never a mix, and a crash leaves one or the other.

New graphs of a large batch go through Oxigraph's bulk loader, which is not
atomic: they are listed in the store's `_loading` graph first (a transaction),
marked complete afterwards (their `pk:buildHash`, a transaction), then the list
is dropped. A listed graph without its mark is an unfinished load: a store
opened for writing drops it at once, a read-only store (beside a writer, or
after a crash) hides it. Either way, every document graph a reader sees is
complete.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from parlkg.errors import QueryError, StoreError, StoreInUseError
from parlkg.resources import authority_file, ontology_file
from parlkg.vocab import AUTHORITY_GRAPH, GRAPH, ID, ONTOLOGY_GRAPH, PK, RDFS

STORE_ENV = "PARLKG_STORE"

# A summary graph the ingest maintains: each fact about an entity (rdf:type,
# rdfs:label, skos:altLabel, pk:reviewed) stated once, from the authority file and
# from every document graph (where each document restates it). Oxigraph's union
# default graph does not remove duplicates: `?e rdfs:label ?l` over the union gives
# one row per graph stating it (3,000 for a prolific author in 100,000 documents),
# and every join through a label multiplies by that. Queries read labels and types
# here (`GRAPH <…/_entities> { ?e rdfs:label ?l }`): one row each. Additive: an
# entity no document names any more keeps its entry until `rebuild_entities`.
ENTITIES_GRAPH = GRAPH + "_entities"
SUMMARY_PREDICATES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    PK + "reviewed",
)

# The graphs of the bulk load under way (`<_loading> rdfs:member <graph>`), written
# before the load and dropped once the graphs are marked complete (`add_quads`).
LOADING_GRAPH = GRAPH + "_loading"

FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def default_store_path() -> Path:
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "parlkg" / "store"


class GraphStore:
    """A parlkg store on disk."""

    def __init__(self, path: Path | None = None, *, read_only: bool = False) -> None:
        self.path = (path or default_store_path()).expanduser()
        self.read_only = read_only
        self._store = _open(self.path, read_only)
        self._loading = False  # this process listed a bulk load in LOADING_GRAPH
        # the graphs of an unfinished bulk load (a crash, or a writer at work):
        # dropped when opened for writing, hidden from a read-only store
        self.unfinished: frozenset[str] = frozenset()
        self._hidden: frozenset[str] = frozenset()
        try:
            self._settle_loads()
        except RuntimeError as exc:
            del self._store
            raise _damaged(self.path, exc) from None
        except OSError as exc:
            del self._store
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from None

    # -- writing -------------------------------------------------------------

    def replace_graph(self, graph: str, ntriples: str) -> None:
        """Replace the content of `graph` by `ntriples` (N-Triples text), atomically."""
        self._check_writable()
        g = ox.NamedNode(graph)
        update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}\n}} }}"
        try:
            self._store.update(update)
        except (SyntaxError, ValueError) as exc:  # a bug of ours: the terms are ours
            raise StoreError(f"{self.path}: could not write graph <{graph}>: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: could not write graph <{graph}>: {exc}") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (one transaction). Errors are pyoxigraph's."""
        self._check_writable()
        self._store.update(sparql)

    def drop_graph(self, graph: str) -> None:
        self._check_writable()
        self._store.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")

    def replace_graphs(
        self, graphs: Sequence[tuple[str, str]], also: Sequence[tuple[str, str]] = ()
    ) -> None:
        """Replace several graphs, `(graph, ntriples)` pairs, in one transaction,
        and add `also` (same shape) to other graphs without dropping them.

        One SPARQL update (every `DROP SILENT GRAPH`, then one `INSERT DATA`): a
        crash or a reader sees all the old graphs or all the new ones.
        """
        if not graphs:
            return
        self._check_writable()
        parts = [f"DROP SILENT GRAPH {ox.NamedNode(g)} ;" for g, _ in graphs]
        parts.append("INSERT DATA {")
        for graph, ntriples in [*graphs, *also]:
            if ntriples:
                parts.append(f"GRAPH {ox.NamedNode(graph)} {{\n{ntriples}\n}}")
        parts.append("}")
        try:
            self._store.update("\n".join(parts))
        except (SyntaxError, ValueError, OSError) as exc:
            names = ", ".join(f"<{g}>" for g, _ in graphs[:3])
            names += ", ..." if len(graphs) > 3 else ""
            raise StoreError(f"{self.path}: could not write graphs {names}: {exc}") from exc

    def add_quads(
        self, nquads: bytes | Iterator[bytes], *, bulk: bool = False, graphs: Sequence[str] = ()
    ) -> None:
        """Add N-Quads text to the store: bytes, or pieces of it (each piece whole
        lines), read one after the other and let go of once read.

        `bulk=False`: one transaction (`Store.load`), all or nothing. `bulk=True`:
        Oxigraph's bulk loader, about 3x faster but NOT atomic: a crash may leave
        part of the quads. The ingest uses it for graphs that did not exist, and
        marks each graph complete (its `pk:buildHash`) in a transaction afterwards
        (`mark_built`); a graph without its mark is an unfinished load. `graphs`
        (the graphs of the quads) are listed as loading before the bulk load, in a
        transaction: until `mark_built`, readers do not see them, and the next
        writable open drops those left unmarked by a crash. Unlisted, an unfinished
        load is found by the next ingest only (`drop_unfinished`).
        """
        self._check_writable()
        try:
            if bulk:
                if graphs:
                    listed = "".join(
                        f"{_LOADING} {_MEMBER} {ox.NamedNode(g)} {_LOADING} .\n" for g in graphs
                    )
                    self._store.load(listed.encode(), format=ox.RdfFormat.N_QUADS)
                    self._loading = True
                self._store.bulk_load(_readable(nquads), format=ox.RdfFormat.N_QUADS)
            else:
                self._store.load(_readable(nquads), format=ox.RdfFormat.N_QUADS)
        except (SyntaxError, ValueError) as exc:  # a bug of ours: the terms are ours
            raise StoreError(f"{self.path}: could not load quads: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: could not load quads: {exc}") from exc

    def mark_built(self, hashes: Sequence[tuple[str, str]], also: str = "") -> None:
        """Record `(graph, build hash)` pairs, `<g> pk:buildHash "…"` in each graph,
        and the N-Quads `also`, in one transaction: the last write of a bulk load."""
        if not hashes and not also:
            return
        lines = [f"{g} {_BUILD_HASH} {ox.Literal(h)} {g} .\n" for g, h in _nodes(hashes)]
        self.add_quads(("".join(lines) + also).encode())
        if self._loading:  # marked: the bulk load is over (its list goes after the marks)
            self._store.update(f"DROP SILENT GRAPH {_LOADING}")
            self._loading = False

    def summarise_authority(self) -> None:
        """Copy what the authority graph says about entities into the entities summary."""
        self._check_writable()
        values = " ".join(str(ox.NamedNode(p)) for p in SUMMARY_PREDICATES)
        self._store.update(
            f"INSERT {{ GRAPH {ox.NamedNode(ENTITIES_GRAPH)} {{ ?e ?p ?o }} }} "
            f"WHERE {{ VALUES ?p {{ {values} }} "
            f"GRAPH {ox.NamedNode(AUTHORITY_GRAPH)} {{ ?e ?p ?o }} FILTER(isIRI(?e)) }}"
        )

    def rebuild_entities(self) -> None:
        """The entities summary rebuilt from the authority and every document graph:
        forgets entities no document names any more. One transaction; slow on a large
        store (it reads every type and label: about 20 s for 10,000 documents)."""
        self._check_writable()
        values = " ".join(str(ox.NamedNode(p)) for p in SUMMARY_PREDICATES)
        summary = ox.NamedNode(ENTITIES_GRAPH)
        skipped = " && ".join(
            f'!STRSTARTS(STR(?e), "{ID}{kind}/")'
            for kind in ("mention", "statement", "document", "turn", "reaction")
        )
        self._store.update(
            f"DROP SILENT GRAPH {summary} ; "
            f"INSERT {{ GRAPH {summary} {{ ?e ?p ?o }} }} WHERE {{ VALUES ?p {{ {values} }} "
            f'GRAPH ?g {{ ?e ?p ?o }} FILTER(?g != {summary} && STRSTARTS(STR(?e), "{ID}") '
            f"&& {skipped}) }} ; "
            # how each minted entity is printed, and the rules that resolved it
            # (what `DocumentGraph.entity_summary` adds for `parlkg curate`)
            f"INSERT {{ GRAPH {summary} {{ ?e {_HIDDEN_LABEL} ?x . ?e {_RESOLVED_BY} ?r }} }} "
            f"WHERE {{ GRAPH ?g {{ ?m {_REFERS_TO} ?e ; {_EXACT} ?x ; {_RESOLVED_BY} ?r . "
            f"?e {_REVIEWED} false }} }}"
        )

    def drop_unfinished(self, built: Mapping[str, str] | None = None) -> list[str]:
        """Drop the document graphs that have no build hash: what an interrupted bulk
        load left. Returns their IRIs. Done by the ingest before it writes.
        `built`: `build_hashes()`, when the caller has it already."""
        self._check_writable()
        built = self.build_hashes() if built is None else built
        unfinished = [g for g in self.document_graphs() if g not in built]
        for start in range(0, len(unfinished), 1000):
            batch = unfinished[start : start + 1000]
            self._store.update(" ;\n".join(f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in batch))
        return unfinished

    def ensure_static_graphs(self) -> bool:
        """Load the ontology and the authority file into their graphs when they changed.

        Returns True when something was (re)loaded.
        """
        changed = False
        for graph, path in ((ONTOLOGY_GRAPH, ontology_file()), (AUTHORITY_GRAPH, authority_file())):
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
            digest = hashlib.sha256(data).hexdigest()
            if self.graph_hash(graph) == digest:
                continue
            self._check_writable()
            try:
                triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
            except SyntaxError as exc:
                raise StoreError(f"{path}: cannot parse: {exc}") from exc
            g = ox.NamedNode(graph)
            lines = [f"{t.subject} {t.predicate} {t.object} ." for t in triples]
            lines.append(f"{g} {ox.NamedNode(PK + 'buildHash')} {ox.Literal(digest)} .")
            self.replace_graph(graph, "\n".join(lines))
            changed = True
        return changed

    def flush(self) -> None:
        if not self.read_only:
            self._store.flush()

    def optimize(self) -> None:
        if not self.read_only:
            self._store.optimize()

    # -- reading -------------------------------------------------------------

    def graph_hash(self, graph: str) -> str | None:
        """The build hash recorded on `graph` inside it (`<g> pk:buildHash "…"`)."""
        if graph in self._hidden:
            return None
        g = ox.NamedNode(graph)
        query = f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} {ox.NamedNode(PK + 'buildHash')} ?h }} }}"
        for row in self._store.query(query):  # type: ignore[union-attr]
            return str(row["h"].value)
        return None

    def build_hashes(self) -> dict[str, str]:
        """Graph IRI -> build hash, for every graph that records one; one query
        (a re-ingest compares every file against it without asking per file)."""
        query = f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g {_BUILD_HASH} ?h }} }}"
        solutions = self._store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        hashes = {row[0].value: row[1].value for row in solutions}
        return {g: h for g, h in hashes.items() if g not in self._hidden}

    def is_complete(self, graph: str) -> bool:
        """True when `graph` holds a document marked complete (pk:complete true)."""
        if graph in self._hidden:
            return False
        g = ox.NamedNode(graph)
        complete = ox.NamedNode(PK + "complete")
        query = f"ASK {{ GRAPH {g} {{ ?doc {complete} true }} }}"
        return bool(self._store.query(query))

    def document_graphs(self) -> list[str]:
        """The named graphs of documents: not the ontology, the authority or the
        summaries (graphs whose name starts with `_`; a document key never does)."""
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode)
            and g.value.startswith(GRAPH)
            and not g.value.startswith(GRAPH + "_")
            and g.value not in self._hidden
        )

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run a SPARQL query over the union of all graphs (the default graph)."""
        try:
            if self._hidden:  # an unfinished bulk load: the query sees the other graphs
                visible = [g for g in self._store.named_graphs() if not self._is_hidden(g)]
                default: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
                return self._store.query(
                    sparql, default_graph=[*default, *visible], named_graphs=visible
                )
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return self.quads_matching(graph=g)

    def __len__(self) -> int:
        hidden = sum(
            1
            for g in self._hidden
            for _ in self._store.quads_for_pattern(None, None, None, ox.NamedNode(g))
        )
        return len(self._store) - hidden

    def export(self, output: IO[bytes], fmt: str, graphs: Iterable[str] | None = None) -> int:
        """Write the store (or some graphs) to `output`; returns the number of quads.

        Turtle, N-Triples and JSON-LD have no named graphs: they get the merge of
        the graphs. TriG and N-Quads keep one graph per document.
        """
        from parlkg.export import export_store

        return export_store(self, output, fmt, graphs)

    def close(self) -> None:
        self.flush()
        del self._store

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only")

    # -- publishing: export, serve, push, site (see export.py, serve.py) -----

    def graph_names(self) -> list[ox.NamedNode]:
        """Every named graph (documents, ontology, authority), sorted by IRI."""
        names = (
            g
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and not self._is_hidden(g)
        )
        return sorted(names, key=lambda g: g.value)

    def quads_matching(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        object: ox.NamedNode | ox.BlankNode | ox.Literal | None = None,
        graph: ox.NamedNode | ox.DefaultGraph | None = None,
    ) -> Iterator[ox.Quad]:
        """The quads matching a pattern (None matches anything; graph None: every graph)."""
        if graph is not None and self._is_hidden(graph):
            return iter(())
        quads = self._store.quads_for_pattern(subject, predicate, object, graph)
        if graph is None and self._hidden:
            return (q for q in quads if not self._is_hidden(q.graph_name))
        return iter(quads)

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the store in the new directory `target`: what this
        store shows, unfinished bulk loads left out.

        Opened for writing (no other process writes): a checkpoint, hard links to the
        immutable data files when `target` is on the same file system (milliseconds,
        no extra space), a copy otherwise. Read-only (another process writes it): a
        checkpoint would link files the writer's compactions delete meanwhile and miss
        what is only in its log, so the quads are copied instead (an N-Quads dump
        beside `target`, bulk-loaded into it, removed).
        """
        try:
            if not self.read_only:
                self._store.flush()
                self._store.backup(str(target))
                return
            target.mkdir(parents=True)
            dump = target.parent / f"{target.name}.nq"
            try:
                self._store.dump(str(dump), ox.RdfFormat.N_QUADS)
                with GraphStore(target) as copy:
                    copy._store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
                    copy._settle_loads()  # the copied list of a load under way
            finally:
                dump.unlink(missing_ok=True)
        except (OSError, RuntimeError) as exc:
            raise StoreError(f"{self.path}: cannot snapshot into {target}: {exc}") from None

    # -- unfinished bulk loads ------------------------------------------------

    def _settle_loads(self) -> None:
        """Find the graphs of an unfinished bulk load (listed as loading, not marked):
        drop them when open for writing (no writer is at work: a crash left them),
        hide them when read-only."""
        listed = self._store.quads_for_pattern(_LOADING, _MEMBER, None, _LOADING)
        pending = [q.object for q in listed if isinstance(q.object, ox.NamedNode)]
        if not pending:
            return
        self.unfinished = frozenset(
            g.value
            for g in pending
            if not any(self._store.quads_for_pattern(g, _BUILD_HASH, None, g))
        )
        if self.read_only:
            self._hidden = self.unfinished | {LOADING_GRAPH}
            return
        graphs = sorted(self.unfinished)
        for start in range(0, len(graphs), 1000):
            drops = (f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in graphs[start : start + 1000])
            self._store.update(" ;\n".join(drops))
        self._store.update(f"DROP SILENT GRAPH {_LOADING}")  # last: a crash before redoes it

    def _is_hidden(self, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> bool:
        return isinstance(graph, ox.NamedNode) and graph.value in self._hidden


_BUILD_HASH = ox.NamedNode(PK + "buildHash")
_HIDDEN_LABEL = ox.NamedNode("http://www.w3.org/2004/02/skos/core#hiddenLabel")
_RESOLVED_BY = ox.NamedNode(PK + "resolvedBy")
_REFERS_TO = ox.NamedNode(PK + "refersTo")
_EXACT = ox.NamedNode(PK + "exact")
_REVIEWED = ox.NamedNode(PK + "reviewed")
_LOADING = ox.NamedNode(LOADING_GRAPH)
_MEMBER = ox.NamedNode(RDFS + "member")


class _Pieces(io.RawIOBase):
    """Bytes given in pieces, read as one file; a piece read is let go of, so a
    large load does not hold its text twice (once whole, once parsed)."""

    def __init__(self, pieces: Iterator[bytes]) -> None:
        super().__init__()
        self._pieces = pieces
        self._head = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._head:
            piece = next(self._pieces, None)
            if piece is None:
                return 0
            self._head = memoryview(piece)
        size = min(len(buffer), len(self._head))
        buffer[:size] = self._head[:size]
        self._head = self._head[size:]
        return size


def _readable(nquads: bytes | Iterator[bytes]) -> bytes | IO[bytes]:
    return nquads if isinstance(nquads, bytes) else io.BufferedReader(_Pieces(nquads))


def _nodes(pairs: Sequence[tuple[str, str]]) -> Iterator[tuple[ox.NamedNode, str]]:
    return ((ox.NamedNode(g), h) for g, h in pairs)


# A read-only open beside a writer can race it (Oxigraph calls such an open undefined
# behaviour): RocksDB lists a data file that the writer's compaction deletes before the
# reader opens it, or the store is being created. Tried again, it sees the new files.
_READ_ONLY_ATTEMPTS = 5


def _open(path: Path, read_only: bool) -> ox.Store:
    if read_only and not (path / "CURRENT").exists():
        raise StoreError(
            f"{path}: no parlkg store here",
            hint="run `parlkg ingest` first or pass --store",
        )
    attempt = 1
    while True:
        try:
            if read_only:
                return ox.Store.read_only(str(path))
            path.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreInUseError(
                    f"{path}: the store is in use by another parlkg process (an ingest?)",
                    hint="wait for it to finish, or give another --store",
                ) from None
            raise StoreError(f"{path}: cannot open the store: {exc}") from None
        except RuntimeError as exc:  # RocksDB: a data file missing or cut, a bad manifest
            if not read_only or attempt == _READ_ONLY_ATTEMPTS:
                raise _damaged(path, exc) from None
            time.sleep(0.05 * 2**attempt)  # 0.1 s, 0.2 s, 0.4 s, 0.8 s
            attempt += 1


def _damaged(path: Path, exc: BaseException) -> StoreError:
    """RocksDB's complaint about the files of `path`, as a StoreError saying what to do."""
    detail = " ".join(str(exc).split())
    while detail.startswith("Corruption: Corruption:"):
        detail = detail.removeprefix("Corruption: ")
    if "only possible on read-write" in detail:
        return StoreError(
            f"{path}: the store is not ready: another process is creating it",
            hint="try again once `parlkg ingest` has written its first documents",
        )
    return StoreError(
        f"{path}: the store is damaged: {detail}",
        hint="if a `parlkg ingest` is writing it, try again; otherwise restore the store "
        "from a copy, or remove it and run `parlkg ingest` again",
    )


def open_store(path: Path | None = None, *, write: bool = False) -> GraphStore:
    """Open for writing, or for reading: then fall back to read-only when a writer holds it."""
    if write:
        return GraphStore(path)
    resolved = (path or default_store_path()).expanduser()
    if not (resolved / "CURRENT").exists():
        raise StoreError(
            f"{resolved}: no parlkg store here",
            hint="run `parlkg ingest PATH` first, or pass --store",
        )
    try:
        return GraphStore(path)
    except StoreInUseError:
        return GraphStore(path, read_only=True)
