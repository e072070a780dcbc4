"""Laws, EU acts, codes and bills cited by pattern, resolved by number or title."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document, EntityKind, Mention
from parlkg.text import typographic

AUTHORITY = parse_authority(Path(__file__).parent / "fixtures" / "extract" / "authority.ttl")
SREN = "https://w3id.org/parlkg/id/law/loi-sren"


def laws(text: str) -> list[Mention]:
    doc = Document(
        key="t",
        source_path="t.txt",
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=typographic(text),
        content_hash="0",
    )
    ex = extract(doc, AUTHORITY)
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.exact
    return [m for m in ex.mentions if m.kind == EntityKind.LAW]


def test_unknown_numbered_law_gets_a_canonical_label_and_number() -> None:
    (m,) = laws("Elle invoque la loi n° 2031-12 du 3 mars 2031 relative aux nuages, votée hier.")
    assert m.label == "loi n° 2031-12"
    assert m.law_number == "2031-12"
    assert m.iri is None
    assert m.exact == "loi n° 2031-12 du 3 mars 2031 relative aux nuages"


def test_numbered_law_resolves_to_the_authority_entry_and_keeps_its_article() -> None:
    (m,) = laws(
        "Ces règles figurent à l'article 31 de la loi n° 2024-449 du 21 mai 2024 visant à "
        "sécuriser et à réguler l'espace numérique."
    )
    assert m.iri == SREN
    assert m.article == "article 31"
    assert m.law_number == "2024-449"


def test_nickname_and_number_are_one_entity() -> None:
    found = laws("La loi SREN, c'est-à-dire la loi n° 2024-449, s'applique.")
    assert [m.iri for m in found] == [SREN, SREN]


def test_title_stops_before_a_relative_clause_or_an_infinitive_of_purpose() -> None:
    (m,) = laws(
        "La loi n° 2030-5 du 2 juin 2030 relative à la sobriété des centres de données pour "
        "réduire leur consommation a été promulguée."
    )
    assert m.exact.endswith("sobriété des centres de données")


@pytest.mark.parametrize(
    ("text", "label", "number"),
    [
        (
            "le règlement (UE) 2016/679 du 27 avril 2016",
            "Règlement général sur la protection des données",
            "2016/679",
        ),
        ("la directive (UE) 2022/2555 dite NIS 2", "directive (UE) 2022/2555", "2022/2555"),
        ("la directive 95/46/CE sur les données", "directive 95/46/CE", "95/46/CE"),
        ("l'ordonnance n° 2029-301 du 4 avril 2029", "ordonnance n° 2029-301", "2029-301"),
        ("le décret n° 2028-77 du 9 février 2028", "décret n° 2028-77", "2028-77"),
    ],
)
def test_european_acts_ordinances_and_decrees(text: str, label: str, number: str) -> None:
    (m,) = laws(text)
    assert (m.label, m.law_number) == (label, number)


def test_codes_with_their_article() -> None:
    found = laws(
        "Il invoque l'article 226-1 du code pénal et l'article L. 1111-8 du code de la santé "
        "publique, ainsi que l'article 12 du code des nuages numériques."
    )
    assert [(m.label, m.article) for m in found] == [
        ("code pénal", "article 226-1"),
        ("code de la santé publique", "article L. 1111-8"),
        ("code des nuages numériques", "article 12"),
    ]


def test_bill_labelled_with_its_title_phrase() -> None:
    (m,) = laws(
        "J'ai déposé une proposition de loi tendant à l'interdiction de la revente des données "
        "de géolocalisation des usagers. Elle sera examinée."
    )
    assert m.label == (
        "proposition de loi tendant à l'interdiction de la revente des données de géolocalisation "
        "des usagers"
    )
    assert m.iri is None


def test_government_bill_and_titled_law_without_number() -> None:
    found = laws(
        "Le projet de loi relatif à la résilience des infrastructures critiques arrive, après la "
        "loi pour une République numérique."
    )
    assert [m.label for m in found] == [
        "projet de loi relatif à la résilience des infrastructures critiques",
        "loi pour une République numérique",
    ]


def test_finance_laws_need_a_year() -> None:
    assert [m.label for m in laws("La loi de finances pour 2031 le prévoit.")] == [
        "loi de finances pour 2031"
    ]
    # A bare "loi de finances" names no particular law: nothing.
    assert laws("Chaque loi de finances le prévoit ; une loi visant à tout régler.") == []


def test_us_acts_come_from_the_authority() -> None:
    found = laws("Le Cloud Act et le FISA, comme le Patriot Act, s'appliquent.")
    assert [m.label for m in found] == ["Cloud Act", "FISA", "Patriot Act"]
