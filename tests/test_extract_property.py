"""Any text: extract() returns an Extraction and every offset points at its exact text."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document, Extraction, SpeechTurn

AUTHORITY = parse_authority(Path(__file__).parent / "fixtures" / "extract" / "authority.ttl")

# Fragments that exercise every extractor, mixed with arbitrary text.
FRAGMENTS = [
    "M. ",
    "Mme ",
    "MM. ",
    " et ",
    ", ",
    "la société ",
    "le programme ",
    "l'",
    "(",
    ")",
    "« ",
    " »",
    "loi n° 2024-449 du 21 mai 2024 visant à ",
    "règlement (UE) 2016/679",
    "l'article 3 du code pénal",
    "Agence nationale des nuages (ANN)",
    "ministère de l'éducation nationale",
    "Microsoft",
    "Health Data Hub",
    " est hébergé par ",
    ", qui héberge aussi ",
    "Elle ",
    "ladite plateforme ",
    "Alexandre BASQUIN\nSÉNATEUR\n",
    "75007 PARIS",
    ". ",
    "\n\n",
    "*",
]


def check(text: str, turns: list[SpeechTurn] | None = None) -> Extraction:
    doc = Document(
        key="p",
        source_path="p.txt",
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=text,
        content_hash="0",
        turns=turns or [],
    )
    ex = extract(doc, AUTHORITY)
    assert isinstance(ex, Extraction)
    for m in ex.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.exact
    for r in ex.relations:
        assert 0 <= r.subject < len(ex.mentions) and 0 <= r.object < len(ex.mentions)
        assert 0 <= r.evidence_start < r.evidence_end <= len(text)
    spans = [(m.start, m.end) for m in ex.mentions]
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # no overlap
    return ex


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text(text: str) -> None:
    check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=30))
def test_any_mix_of_meaningful_fragments(parts: list[str]) -> None:
    check("".join(parts))


@settings(max_examples=100, deadline=None)
@given(
    st.text(min_size=1), st.text(min_size=1, max_size=20), st.integers(0, 50), st.integers(0, 50)
)
def test_any_turns(text: str, speaker: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    check(text, [SpeechTurn(speaker=speaker, start=start, end=end)])
