"""The on-disk Oxigraph store: the only module that opens a `pyoxigraph.Store`.

Location: `--store PATH`, else the `PARLKG_STORE` environment variable, else
`$XDG_DATA_HOME/parlkg/store` (`~/.local/share/parlkg/store`).

A document's graph is replaced in one SPARQL update (`DROP SILENT GRAPH` then
`INSERT DATA`), which Oxigraph applies as one transaction: a reader sees the
old graph or the new one, never a mix, and a crash leaves one or the other.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from parlkg.errors import QueryError, StoreError, StoreInUseError
from parlkg.resources import authority_file, ontology_file
from parlkg.vocab import AUTHORITY_GRAPH, GRAPH, ONTOLOGY_GRAPH, PK, PREFIXES

STORE_ENV = "PARLKG_STORE"

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

    def drop_graph(self, graph: str) -> None:
        self._check_writable()
        self._store.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")

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
        g = ox.NamedNode(graph)
        query = f"SELECT ?h WHERE {{ GRAPH {g} {{ {g} {ox.NamedNode(PK + 'buildHash')} ?h }} }}"
        for row in self._store.query(query):  # type: ignore[union-attr]
            return str(row["h"].value)
        return None

    def is_complete(self, graph: str) -> bool:
        """True when `graph` holds a document marked complete (pk:complete true)."""
        g = ox.NamedNode(graph)
        complete = ox.NamedNode(PK + "complete")
        query = f"ASK {{ GRAPH {g} {{ ?doc {complete} true }} }}"
        return bool(self._store.query(query))

    def document_graphs(self) -> list[str]:
        """The named graphs of documents (not the ontology or authority graphs)."""
        static = {ONTOLOGY_GRAPH, AUTHORITY_GRAPH}
        return sorted(
            g.value
            for g in self._store.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value.startswith(GRAPH) and g.value not in static
        )

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean:
        """Run a SPARQL query over the union of all graphs (the default graph)."""
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"the query failed: {exc}") from exc

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        g = ox.NamedNode(graph) if graph else None
        return iter(self._store.quads_for_pattern(None, None, None, g))

    def __len__(self) -> int:
        return len(self._store)

    def export(self, output: IO[bytes], fmt: str, graphs: Iterable[str] | None = None) -> int:
        """Write the store (or some graphs) to `output`; returns the number of quads.

        Turtle, N-Triples and JSON-LD have no named graphs: they get the merge of
        the graphs. TriG and N-Quads keep one graph per document.
        """
        if fmt not in FORMATS:
            raise QueryError(f"unknown export format {fmt!r}", hint=f"one of {', '.join(FORMATS)}")
        rdf_format = FORMATS[fmt]
        selected = list(graphs) if graphs is not None else None
        quads = (
            [q for g in selected for q in self.quads(g)]
            if selected is not None
            else list(self.quads())
        )
        quads.sort(
            key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object))
        )
        if rdf_format.supports_datasets:
            ox.serialize(quads, output, rdf_format, prefixes=PREFIXES)
        else:
            triples = list(dict.fromkeys(q.triple for q in quads))
            ox.serialize(triples, output, rdf_format, prefixes=PREFIXES)
        return len(quads)

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


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        if read_only:
            if not (path / "CURRENT").exists():
                raise StoreError(
                    f"{path}: no parlkg store here",
                    hint="run `parlkg ingest` first or pass --store",
                )
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
