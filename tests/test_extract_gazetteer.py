"""The gazetteer: authority names found in text, exact offsets, case rules, noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document, EntityKind, Extraction
from parlkg.text import typographic

AUTHORITY = parse_authority(Path(__file__).parent / "fixtures" / "extract" / "authority.ttl")


def run(text: str) -> Extraction:
    doc = Document(
        key="t",
        source_path="t.txt",
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=typographic(text),
        content_hash="0",
    )
    ex = extract(doc, AUTHORITY, ner=False)  # the gazetteer alone (the NER: test_extract_ner)
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.exact
    return ex


def labels(ex: Extraction, kind: EntityKind | None = None) -> list[str]:
    return [m.label for m in ex.mentions if kind is None or m.kind == kind]


def test_case_and_accent_insensitive_with_exact_offsets() -> None:
    ex = run("Le choix de THALES et de microsoft inquiète ; thalès aussi.")
    assert labels(ex) == ["Thales", "Microsoft", "Thales"]
    assert [m.exact for m in ex.mentions] == ["THALES", "microsoft", "thalès"]


def test_elided_articles_are_left_out_of_the_span() -> None:
    ex = run("Le rapport de l'ANSSI, la cliente d'OVH et ce qu'Amazon propose.")
    assert [m.exact for m in ex.mentions] == ["ANSSI", "OVH", "Amazon"]
    assert [m.iri is not None for m in ex.mentions] == [True, True, True]


def test_longest_name_wins() -> None:
    ex = run("Le contrat porte sur Amazon Web Services et Microsoft Azure.")
    assert labels(ex) == ["Amazon Web Services", "Azure"]


def test_match_case_entries_need_the_same_first_letter() -> None:
    ex = run("Un ciel bleu, une orange pressée ; Orange et Bleu signent.")
    assert labels(ex) == ["Orange", "Bleu"]


def test_hyphen_and_space_variants_of_a_name() -> None:
    ex = run("Les États Unis et les Etats-unis d'Amérique.")
    assert labels(ex, EntityKind.PLACE) == ["États-Unis", "États-Unis"]


def test_words_of_a_name_do_not_match_across_punctuation() -> None:
    ex = run("Microsoft. Azure arrive ; Amazon, Web Services.")
    assert labels(ex) == ["Microsoft", "Azure", "Amazon"]


def test_common_word_inside_an_unknown_capitalised_name_does_not_fire() -> None:
    ex = run("Avec Prism Cloud de combat et le Prism de sécurité ; enfin le Prism de la NSA.")
    # "Prism" followed by an unknown capitalised word, or by "de" + a common noun,
    # is part of a larger name; "Prism de la NSA" is the programme.
    assert labels(ex) == ["Prism", "NSA"]


def test_law_title_without_small_words() -> None:
    for text in (
        "Les décrets de la loi visant à sécuriser et réguler l'espace numérique tardent.",
        "Les décrets de la loi visant à sécuriser et à réguler l'espace numérique tardent.",
    ):
        ex = run(text)
        laws = [m for m in ex.mentions if m.kind == EntityKind.LAW]
        assert len(laws) == 1
        assert laws[0].iri == "https://w3id.org/parlkg/id/law/loi-sren"
        assert laws[0].exact.startswith("loi visant")


@pytest.mark.parametrize(
    "text",
    [
        "Le Gouvernement et l'État, l'Assemblée nationale et le Sénat, le Parlement.",
        "Les GAFAM, la Big Tech et les hyperscalers dominent le cloud.",
        "Les entreprises américaines et le marché européen ; un acteur français.",
    ],
)
def test_genre_words_collective_names_and_adjectives_are_not_entities(text: str) -> None:
    assert run(text).mentions == []
