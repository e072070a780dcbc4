"""What the NER adds: the seeds and the corpus evaluated against their gold, with
and without the NER, first with the full authority file, then with an authority
file from which every company, organisation, public body and person has been
removed (names nobody has shown us).

    PYTHONPATH=src python bench/ner_quality.py

This approximates documents nobody has shown us: the patterns and the NER
must find those names alone. The full authority's figures are `parlkg eval`'s.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from parlkg.authority import Authority, load_authority
from parlkg.evaluate import CATEGORIES, evaluate_documents, gold_pairs
from parlkg.ingest import ingest
from parlkg.model import EntityKind
from parlkg.store import GraphStore

SHARED = Path(__file__).resolve().parents[2] / "shared"
HELD_OUT = {EntityKind.COMPANY, EntityKind.ORGANIZATION, EntityKind.PUBLIC_BODY, EntityKind.PERSON}


def main() -> None:
    full = load_authority()
    reduced = Authority([e for e in full.entries if e.kind not in HELD_OUT], full.digest + "-r")
    pairs = gold_pairs([SHARED / "seeds", SHARED / "corpus"])
    print(f"{len(pairs)} documents with gold (seeds and corpus together)")
    for title, authority in (
        ("full authority", full),
        (
            f"authority without its {len(full) - len(reduced)} companies, organisations, "
            "public bodies and persons",
            reduced,
        ),
    ):
        print(f"\n{title}\n  {'':<14} {'category':<24} {'P':>5} {'R':>5}   tp  fp  fn")
        for ner in (False, True):
            with tempfile.TemporaryDirectory() as tmp, GraphStore(Path(tmp) / "s") as store:
                ingest([d for d, _ in pairs], store, authority=authority, ner=ner)
                report = evaluate_documents(pairs, store, authority)
            for name in CATEGORIES[:3]:
                s = report.categories[name]
                print(
                    f"  {'NER' if ner else 'patterns only':<14} {name:<24} {s.precision:5.2f} "
                    f"{s.recall:5.2f} {s.tp:4} {s.fp:3} {s.fn:3}"
                )
            r = report.relations
            print(f"  {'':<14} gold relations found with evidence: {r.tp} / {r.tp + r.fn}")


if __name__ == "__main__":
    main()
