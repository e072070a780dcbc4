"""Extraction throughput, with and without the NER: documents per second per core.

    PYTHONPATH=src python bench/extract_speed.py [--repeat 5] [--copies 8]

The texts of shared/seeds and shared/corpus (read by parlkg's readers) are
repeated `--copies` times; each configuration is timed in CPU time of this
process (one core), best of `--repeat` runs, after one warm-up run (the model
loaded, the authority indexed). Configurations:

- patterns: `extract(doc, authority, ner=False)` per document;
- ner, per document: `extract(doc, authority)` (one `nlp.pipe` call per document);
- ner, batched: `extract_many(docs, authority)` (one `nlp.pipe` over the batch).

Also prints the share of the NER alone (`ner.entity_spans`). Figures depend on
the machine: they live in bench/, never in tests.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from parlkg.authority import load_authority
from parlkg.extract import extract, extract_many
from parlkg.extract import ner as ner_mod
from parlkg.model import Document
from parlkg.read import iter_inputs, read_file

SHARED = Path(__file__).resolve().parents[2] / "shared"


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
    args = parser.parse_args()
    authority = load_authority()
    docs = documents() * args.copies
    chars = sum(len(d.text) for d in docs)
    print(
        f"{len(docs)} documents ({chars / len(docs):.0f} characters on average), "
        f"model {ner_mod.MODEL}, best of {args.repeat} (CPU time, one process)"
    )
    runs: dict[str, Callable[[], object]] = {
        "patterns only (--no-ner)": lambda: [extract(d, authority, ner=False) for d in docs],
        "patterns + NER, per document": lambda: [extract(d, authority) for d in docs],
        "patterns + NER, batched (extract_many)": lambda: extract_many(docs, authority),
        "NER alone (entity_spans, batched)": lambda: ner_mod.entity_spans([d.text for d in docs]),
    }
    for name, run in runs.items():
        seconds = best_cpu(run, args.repeat)
        print(
            f"  {name:<42} {len(docs) / seconds:8.1f} documents/s/core "
            f"({1000 * seconds / len(docs):.2f} ms/document)"
        )


if __name__ == "__main__":
    main()
