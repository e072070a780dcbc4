"""Organisations, ministries, companies and projects by general patterns."""

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
    ex = extract(doc, AUTHORITY)
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.exact
    return ex


def found(text: str) -> list[tuple[str, str, EntityKind]]:
    return [(m.exact, m.label, m.kind) for m in run(text).mentions]


def test_long_form_and_acronym_unknown_to_the_authority() -> None:
    assert found(
        "Elle saisit l'Office européen des brevets numériques (OEBN). Plus tard, l'OEBN refuse."
    ) == [
        (
            "Office européen des brevets numériques",
            "Office européen des brevets numériques",
            EntityKind.PUBLIC_BODY,
        ),
        ("OEBN", "Office européen des brevets numériques", EntityKind.PUBLIC_BODY),
        ("OEBN", "Office européen des brevets numériques", EntityKind.PUBLIC_BODY),
    ]


def test_acronym_pair_known_to_the_authority_takes_its_iri() -> None:
    ex = run("Selon la Commission nationale de l'informatique et des libertés (CNIL), c'est légal.")
    assert {m.iri for m in ex.mentions} == {"https://w3id.org/parlkg/id/public-body/cnil"}
    assert len(ex.mentions) == 2


def test_acronym_first_then_long_form() -> None:
    assert found("Le CSNR (Centre de supervision des nuages régionaux) alerte.") == [
        ("CSNR", "Centre de supervision des nuages régionaux", EntityKind.PUBLIC_BODY),
        (
            "Centre de supervision des nuages régionaux",
            "Centre de supervision des nuages régionaux",
            EntityKind.PUBLIC_BODY,
        ),
    ]


def test_lower_case_concepts_with_an_acronym_are_not_organisations() -> None:
    assert found("L'essor de l'intelligence artificielle (IA) et du nuage hybride (NH).") == []


def test_ministries_get_a_canonical_label() -> None:
    ex = run(
        "Le ministère de l'agriculture et de la souveraineté alimentaire et le Ministère de "
        "l'Éducation "
        "Nationale ont répondu ; le ministère de la santé lance un appel."
    )
    assert [(m.label, m.kind, m.iri is not None) for m in ex.mentions] == [
        (
            "Ministère de l'Agriculture et de la Souveraineté alimentaire",
            EntityKind.MINISTRY,
            False,
        ),
        ("Ministère de l'Éducation nationale", EntityKind.MINISTRY, True),
        ("Ministère de la Santé", EntityKind.MINISTRY, False),
    ]


def test_companies_introduced_by_a_cue_noun() -> None:
    assert found(
        "La société Nimbus Data et l'entreprise américaine Stratocumulus Inc travaillent avec la "
        "start-up Brume."
    ) == [
        ("Nimbus Data", "Nimbus Data", EntityKind.COMPANY),
        ("Stratocumulus Inc", "Stratocumulus Inc", EntityKind.COMPANY),
        ("Brume", "Brume", EntityKind.COMPANY),
    ]


def test_a_school_or_university_noun_belongs_to_the_name() -> None:
    assert [
        (e, label)
        for e, label, _ in found(
            "L'accord lie l'école Normalienne d'autre part et l'université Paris-Brume à la "
            "société Brume."
        )
    ] == [
        ("école Normalienne", "École Normalienne"),
        ("université Paris-Brume", "Université Paris-Brume"),
        ("Brume", "Brume"),
    ]


def test_known_company_keeps_the_authority_entry() -> None:
    ex = run("La société Microsoft a répondu.")
    assert [(m.label, m.kind, m.iri) for m in ex.mentions] == [
        ("Microsoft", EntityKind.COMPANY, "https://w3id.org/parlkg/id/company/microsoft")
    ]


def test_projects_introduced_by_a_cue_noun_or_in_quotes() -> None:
    labels = [
        (m.label, m.kind)
        for m in run(
            "Le programme européen de recherche Altostratus, la plateforme Cumulonimbus et la "
            "doctrine « cloud d'abord » ; un accord baptisé « Nimbostratus »."
        ).mentions
    ]
    assert labels == [
        ("Altostratus", EntityKind.PROJECT),
        ("Cumulonimbus", EntityKind.PROJECT),
        ("Cloud d'abord", EntityKind.PROJECT),
        ("Nimbostratus", EntityKind.PROJECT),
    ]


def test_capitalised_institution_names() -> None:
    assert [
        m.label
        for m in run(
            "Selon l'Autorité de régulation des nuages, le Conseil d'État tranche."
        ).mentions
    ] == [
        "Autorité de régulation des nuages",
        "Conseil d'État",
    ]


def test_subsidiary_of_a_known_company() -> None:
    assert [m.label for m in run("Le directeur de Microsoft France a parlé.").mentions] == [
        "Microsoft France"
    ]


def test_two_known_names_are_not_glued_into_one() -> None:
    assert [m.label for m in run("Il parle de l'offre Google Cloud-Thales.").mentions] == [
        "Google Cloud",
        "Thales",
    ]


def test_parliamentary_group_on_the_benches() -> None:
    ex = run("(Applaudissements sur les bancs du groupe XYZ.)")
    assert [(m.label, m.kind) for m in ex.mentions] == [("XYZ", EntityKind.GROUP)]


@pytest.mark.parametrize(
    "text",
    [
        "Un cloud de combat pour les armées ; les GAFAM et la Big Tech.",
        "La société a répondu ; le groupe de travail et la plateforme de l'État.",
        "Le programme de la Commission d'enquête, le projet de loi.",
        "Membre de la Commission\nde l'aménagement du\nterritoire",
    ],
)
def test_near_misses_give_nothing(text: str) -> None:
    assert run(text).mentions == []
