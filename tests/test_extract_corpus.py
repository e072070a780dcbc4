"""Extraction measured on the seeds and the development corpus against their gold.

Prints precision and recall per category (run with -s to see them) and holds
them above a floor; every gold relation of the seeds must be found with its
evidence. Skipped where shared/ is absent. The texts are taken whole (the
seeds' body only, between "Texte de la question" and "Données clés"), so the
test does not depend on the readers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parlkg.authority import Authority, parse_authority
from parlkg.extract import extract
from parlkg.model import Author, Chamber, DocType, Document, EntityKind, Extraction
from parlkg.resources import authority_file
from parlkg.text import fold, typographic
from tests.conftest import SHARED

FIXTURE = Path(__file__).parent / "fixtures" / "extract" / "authority.ttl"
FILES = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/*.txt"))
CATEGORIES: dict[str, tuple[set[EntityKind], list[str]]] = {
    "organisations+projects": (
        {
            EntityKind.ORGANIZATION,
            EntityKind.COMPANY,
            EntityKind.PUBLIC_BODY,
            EntityKind.MINISTRY,
            EntityKind.PROJECT,
        },
        ["organisations", "projects"],
    ),
    "laws": ({EntityKind.LAW}, ["laws"]),
    "persons": ({EntityKind.PERSON}, ["persons"]),
    "places": ({EntityKind.PLACE}, ["places"]),
}

pytestmark = pytest.mark.skipif(not FILES, reason="shared/ seeds and corpus not available")


def _authorities() -> list[tuple[str, Authority]]:
    out = [("fixture", parse_authority(FIXTURE))]
    if authority_file().is_file():
        out.append(("ontology", parse_authority(authority_file())))
    return out


def _document(path: Path, gold: dict[str, object]) -> Document:
    text = typographic(path.read_text(encoding="utf-8"))
    if path.parent.name == "seeds":
        a, b = text.find("Texte de la question"), text.find("Données clés")
        if 0 <= a < b:
            text = text[a + len("Texte de la question") : b]
    author = gold.get("author")
    name = author.get("name") if isinstance(author, dict) else None
    return Document(
        key=path.stem,
        source_path=str(path),
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=text,
        content_hash="0",
        author=Author(name=name) if isinstance(name, str) else None,
    )


def _contains(short: str, long: str) -> bool:
    a, b = fold(short).split(), fold(long).split()
    return bool(a) and any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _matches(gold: str, names: set[str], iri: str | None, authority: Authority, level: int) -> bool:
    variants = [gold] + [v.strip() for v in re.split(r"[(),]", gold) if v.strip()]
    for v in variants:
        entry = authority.lookup(v)
        numbers = re.findall(r"\d{2,4}[-/]\d{1,5}", v)
        by_number = [authority.law_by_number(n) for n in numbers]
        if iri and (
            (entry and entry.iri == iri) or any(e is not None and e.iri == iri for e in by_number)
        ):
            return True
    if any(fold(gold) == fold(n) for n in names):
        return True
    return level == 1 and any(_contains(n, gold) or _contains(gold, n) for n in names)


def _score(
    ex: Extraction,
    gold: dict[str, object],
    kinds: set[EntityKind],
    keys: list[str],
    authority: Authority,
) -> tuple[int, int, int, int, list[str], list[str]]:
    expected = [g for k in keys for g in (gold.get(k) or []) if isinstance(g, str)]  # type: ignore[attr-defined]
    entities: dict[str, tuple[str, set[str], str | None]] = {}
    for m in ex.mentions:
        if m.kind in kinds:
            entry = entities.setdefault(m.iri or fold(m.label), (m.label, set(), m.iri))
            entry[1].update({m.exact, m.label})
    author = gold.get("author")
    name = author.get("name") if isinstance(author, dict) else None
    if EntityKind.PERSON in kinds and isinstance(name, str):  # gold persons exclude the author
        entities = {k: v for k, v in entities.items() if fold(v[0]) != fold(name)}
    predicted = list(entities.values())
    used_p: set[int] = set()
    used_g: set[int] = set()
    for level in (2, 1):
        for gi, g in enumerate(expected):
            if gi in used_g:
                continue
            for pi, (_, names, iri) in enumerate(predicted):
                if pi not in used_p and _matches(g, names, iri, authority, level):
                    used_p.add(pi)
                    used_g.add(gi)
                    break
    fp = [predicted[i][0] for i in range(len(predicted)) if i not in used_p]
    fn = [expected[i] for i in range(len(expected)) if i not in used_g]
    return len(used_p), len(predicted), len(used_g), len(expected), fp, fn


@pytest.mark.parametrize("name", [n for n, _ in _authorities()])
def test_precision_and_recall_per_category(name: str) -> None:
    authority = dict(_authorities())[name]
    totals = {c: [0, 0, 0, 0] for c in CATEGORIES}
    for path in FILES:
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        doc = _document(path, gold)
        ex = extract(doc, authority)
        assert all(doc.text[m.start : m.end] == m.exact for m in ex.mentions)
        for category, (kinds, keys) in CATEGORIES.items():
            tp_p, n_p, tp_g, n_g, fp, fn = _score(ex, gold, kinds, keys, authority)
            t = totals[category]
            t[0] += tp_p
            t[1] += n_p
            t[2] += tp_g
            t[3] += n_g
            if fp or fn:
                print(f"{path.name} {category}: false {fp} missed {fn}")
    for category, (tp_p, n_p, tp_g, n_g) in totals.items():
        precision = tp_p / n_p if n_p else 1.0
        recall = tp_g / n_g if n_g else 1.0
        print(
            f"[{name}] {category}: P={precision:.3f} ({tp_p}/{n_p}) R={recall:.3f} ({tp_g}/{n_g})"
        )
        assert precision >= 0.88, category
        assert recall >= 0.88, category


@pytest.mark.parametrize("name", [n for n, _ in _authorities()])
def test_gold_relations_of_the_seeds(name: str) -> None:
    authority = dict(_authorities())[name]
    missed = []
    for path in sorted(SHARED.glob("seeds/*.txt")):
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        doc = _document(path, gold)
        ex = extract(doc, authority)
        found = []
        for r in ex.relations:
            s, o = ex.mentions[r.subject], ex.mentions[r.object]
            found.append((s, r.predicate, o, doc.text[r.evidence_start : r.evidence_end]))
        for g in gold.get("relations") or []:
            evidence = " ".join(g["evidence"].split())
            ok = False
            for s, p, o, text in found:
                if p != g["predicate"]:
                    continue
                if not _matches(g["subject"], {s.label, s.exact}, s.iri, authority, 1):
                    continue
                if not _matches(g["object"], {o.label, o.exact}, o.iri, authority, 1):
                    continue
                at = " ".join(doc.text.split()).find(evidence)
                flat = " ".join(text.replace("*", "").split())
                ok = _overlap(flat, evidence) or at < 0
                if ok:
                    break
            if not ok:
                missed.append((path.name, g["subject"], g["predicate"], g["object"]))
    print(f"[{name}] gold relations missed: {missed}")
    assert missed == []


def _overlap(a: str, b: str) -> bool:
    """The two evidence strings share a run of at least four words."""
    wa, wb = fold(a).split(), fold(b).split()
    grams = {tuple(wa[i : i + 4]) for i in range(max(1, len(wa) - 3))}
    return any(tuple(wb[i : i + 4]) in grams for i in range(max(1, len(wb) - 3)))
