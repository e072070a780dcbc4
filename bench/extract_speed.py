"""Extraction throughput, with and without the NER: documents per second per core.

    PYTHONPATH=src python bench/extract_speed.py [--repeat 5] [--copies 8]

The texts of shared/seeds and shared/corpus (read by parlkg's readers) are
repeated `--copies` times; each configuration is timed in CPU time of this
process (one core), best of `--repeat` runs, after one warm-up run (the model
loaded, the authority indexed). Configurations:

- patterns: `extract(doc, authority, ner=False)` per document;
- ner, per document: `extract(doc, authority)` (one `nlp.pipe` call per document);
- ner, batched: `extract_many(docs, authority)` (one `nlp.pipe` over the batch, given
  only the sentences that may hold a name the authority and the patterns missed);
- the baseline: a spaCy loop, `nlp(text)` per document (the same NER-only pipeline
  on the whole text, one document at a time).

Also prints the share of the NER alone (`ner.entity_spans`).

Then, in wall time, on `--ingest N` documents of the synthetic corpus
(bench/corpus.py): a one-document-at-a-time loop (read a file, `extract` it,
NER on, one process) against `parlkg ingest` with the NER (all cores, the NER
batched per chunk, the graphs written to an on-disk store). Issue 7 asks the
second to be at least twice as fast as the first.

Figures depend on the machine: they live in bench/, never in tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from parlkg.authority import load_authority
from parlkg.extract import extract, extract_many
from parlkg.extract import ner as ner_mod
from parlkg.ingest import ingest
from parlkg.model import Document
from parlkg.parallel import default_jobs
from parlkg.read import iter_inputs, read_file
from parlkg.store import GraphStore

SHARED = Path(__file__).resolve().parents[2] / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402  (bench/corpus.py, beside this script)


def documents() -> list[Document]:
    docs = []
    for path in iter_inputs([SHARED / "seeds", SHARED / "corpus"]):
        if path.name.endswith(".gold.json"):
            continue
        try:
            docs.append(read_file(path))
        except Exception:  # a file no reader takes (README.md): not a document
            continue
    return docs


def best_cpu(run: Callable[[], object], repeat: int) -> float:
    run()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--copies", type=int, default=8)
    parser.add_argument("--ingest", type=int, default=600, help="documents for the wall-time run")
    args = parser.parse_args()
    cpu_per_core(args.repeat, args.copies)
    if args.ingest:
        wall_ingest(args.ingest)


def cpu_per_core(repeat: int, copies: int) -> None:
    authority = load_authority()
    docs = documents() * copies
    chars = sum(len(d.text) for d in docs)
    print(
        f"{len(docs)} documents ({chars / len(docs):.0f} characters on average), "
        f"model {ner_mod.MODEL}, best of {repeat} (CPU time, one process)"
    )
    runs: dict[str, Callable[[], object]] = {
        "patterns only (--no-ner)": lambda: [extract(d, authority, ner=False) for d in docs],
        "patterns + NER, per document": lambda: [extract(d, authority) for d in docs],
        "patterns + NER, batched (extract_many)": lambda: extract_many(docs, authority),
        "NER alone (entity_spans, batched)": lambda: ner_mod.entity_spans([d.text for d in docs]),
        "spaCy loop, one document at a time": lambda: [nlp(d.text) for d in docs],
    }
    nlp = ner_mod.pipeline()
    rates = {}
    for name, run in runs.items():
        seconds = best_cpu(run, repeat)
        rates[name] = len(docs) / seconds
        print(
            f"  {name:<42} {rates[name]:8.1f} documents/s/core "
            f"({1000 * seconds / len(docs):.2f} ms/document)"
        )
    ratio = (
        rates["patterns + NER, batched (extract_many)"]
        / rates["spaCy loop, one document at a time"]
    )
    print(f"  extract_many (patterns included) / spaCy loop (NER only, whole texts): {ratio:.1f}x")


def wall_ingest(n: int) -> None:
    """A one-document-at-a-time spaCy loop against the ingest, NER on, wall time."""
    authority = load_authority()
    nlp = ner_mod.pipeline()  # the model loaded once, before any clock starts
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(n, Path(tmp) / "corpus")
        docs = [read_file(path) for path in paths]
        start = time.perf_counter()
        for doc in docs:
            nlp(doc.text)
        spacy_loop = time.perf_counter() - start
        start = time.perf_counter()
        for doc in docs:
            extract(doc, authority)
        extract_loop = time.perf_counter() - start
        jobs = default_jobs()
        with GraphStore(Path(tmp) / "store") as store:
            start = time.perf_counter()
            report = ingest([Path(tmp) / "corpus"], store, ner=True, jobs=jobs)
            batched = time.perf_counter() - start
    print(f"\n{n} synthetic documents (bench/corpus.py), NER on, wall time:")
    print(f"  spaCy loop, nlp(text) one document at a time  {n / spacy_loop:8.1f} documents/s")
    print(f"  parlkg extract, one document at a time       {n / extract_loop:8.1f} documents/s")
    print(
        f"  parlkg ingest, files to disk ({jobs} workers)     {report.documents / batched:8.1f} "
        f"documents/s: {spacy_loop / batched:.1f}x the spaCy loop (each worker loads the model)"
    )


if __name__ == "__main__":
    main()
