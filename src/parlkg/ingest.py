"""Files -> documents -> triples -> the store, one document graph at a time.

A file that fails is reported (file and reason) and skipped; the others are
ingested. A document whose source bytes have not changed since its last
ingest is skipped (its graph records the content hash).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from parlkg import __version__
from parlkg.authority import Authority, load_authority
from parlkg.errors import InputError
from parlkg.extract import extract
from parlkg.model import Document, Extraction
from parlkg.read import iter_inputs, read_file
from parlkg.store import GraphStore
from parlkg.triples import DocumentGraph, document_graph
from parlkg.vocab import graph_iri


@dataclass
class Failure:
    path: str
    reason: str


@dataclass
class IngestReport:
    documents: int = 0
    unchanged: int = 0
    triples: int = 0
    incomplete: list[Failure] = field(default_factory=list)  # stored, but partial
    kept: list[Failure] = field(default_factory=list)  # partial, not stored over a complete one
    failures: list[Failure] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def build_hash(doc: Document, authority: Authority) -> str:
    """What a document's graph was built from: its bytes, the authority, the code version.

    A re-ingest skips a document whose graph carries the same build hash.
    """
    parts = (doc.content_hash, authority.digest, __version__, doc.layout)
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def build(doc: Document, authority: Authority) -> tuple[Extraction, DocumentGraph]:
    """Extract and build the graph of one document (no store involved)."""
    extraction = extract(doc, authority)
    return extraction, document_graph(doc, extraction, authority)


def ingest(
    paths: list[Path],
    store: GraphStore,
    *,
    authority: Authority | None = None,
    layout: str | None = None,
    source_url: str | None = None,
    force: bool = False,
    progress: Callable[[Path], None] | None = None,
) -> IngestReport:
    """Ingest every document file under `paths` into `store`."""
    authority = load_authority() if authority is None else authority
    store.ensure_static_graphs()
    report = IngestReport()
    seen: dict[str, str] = {}
    for path in iter_inputs(paths):
        if progress:
            progress(path)
        try:
            doc = read_file(path, layout=layout, source_url=source_url)
        except InputError as exc:
            reason = f"{exc.reason} ({exc.hint})" if exc.hint else exc.reason
            report.failures.append(Failure(exc.path, reason))
            continue
        if doc.key in seen and seen[doc.key] != str(path):
            # two files for one document: the later one wins, say so
            doc.warnings.append(f"same document as {seen[doc.key]}; this file replaced it")
        seen[doc.key] = str(path)
        report.keys.append(doc.key)
        fingerprint = build_hash(doc, authority)
        if not force and store.graph_hash(graph_iri(doc.key)) == fingerprint:
            report.unchanged += 1
            continue
        if not doc.complete and store.is_complete(graph_iri(doc.key)):
            report.kept.append(
                Failure(
                    str(path), f"cut short; the complete document {doc.key} already stored is kept"
                )
            )
            continue
        extraction, graph = build(doc, authority)
        for name in extraction.extractors:
            if name not in report.extractors:
                report.extractors.append(name)
        graph.set_build_hash(fingerprint)
        store.replace_graph(graph.graph, graph.ntriples())
        report.documents += 1
        report.triples += len(graph)
        if not doc.complete:
            report.incomplete.append(Failure(str(path), "; ".join(doc.warnings) or "cut short"))
    store.flush()
    return report
