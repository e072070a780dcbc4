"""Every mention says how it was resolved (which rule), and ministries are derived
from an addressee's role when the metadata names none."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document, EntityKind, Mention
from parlkg.resolve import (
    addressee_ministry,
    alt_labels,
    ministry_of_role,
    resolve_mention,
    resolve_name,
)
from parlkg.text import typographic
from parlkg.vocab import entity_iri

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
AUTHORITY = parse_authority(FIXTURES / "authority.ttl")


def rules(text: str) -> list[tuple[str, str, str]]:
    doc = Document(
        key="t",
        source_path="t.txt",
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=typographic(text),
        content_hash="0",
    )
    out = []
    for m in extract(doc, AUTHORITY, ner=False).mentions:
        r = resolve_mention(AUTHORITY, m)
        out.append((m.exact, r.label, r.rule))
    return out


def test_an_authority_name() -> None:
    assert ("Microsoft", "Microsoft", "authority-name") in rules("Microsoft répond.")


def test_an_acronym_taught_in_the_document() -> None:
    found = rules(
        "L'Office régional des données agricoles (ORDA) publie un rapport. L'ORDA demande plus."
    )
    assert ("ORDA", "Office régional des données agricoles", "acronym-taught") in found
    long_form = [f for f in found if f[0] == "Office régional des données agricoles"]
    assert long_form and long_form[0][2] == "minted"


def test_a_surname_takes_the_full_name_printed_in_the_document() -> None:
    found = rules("M. Paul Girardin interroge le ministre. M. Girardin rappelle que le texte…")
    assert ("Girardin", "Paul Girardin", "surname-in-document") in found


def test_names_printed_differently_are_one_person() -> None:
    a = resolve_name(AUTHORITY, EntityKind.PERSON, "Mme Paule DURAND-VIEL")
    b = resolve_name(AUTHORITY, EntityKind.PERSON, "Paule Durand-Viel")
    assert a.iri == b.iri == entity_iri(EntityKind.PERSON, "Paule Durand-Viel")
    assert a.rule == "minted"


def test_an_authority_law_by_number_and_by_title_is_one_law() -> None:
    (by_number,) = rules("Le règlement (UE) 2016/679 s'applique.")
    assert by_number[1:] == (
        "Règlement général sur la protection des données",
        "authority-law-number",
    )
    (numbered,) = rules(
        "La loi n° 2024-449 du 21 mai 2024 visant à sécuriser et à réguler l'espace."
    )
    (titled,) = rules("La loi visant à sécuriser et à réguler l'espace numérique.")
    assert numbered[1] == titled[1]
    assert (numbered[2], titled[2]) == ("authority-law-number", "authority-name")


def test_a_minted_acronym_keeps_its_spelling_as_alternative_label() -> None:
    m = Mention(
        start=0,
        end=4,
        exact="ORDA",
        kind=EntityKind.PUBLIC_BODY,
        label="Office régional des données agricoles",
        extractor="org-pattern",
    )
    r = resolve_mention(AUTHORITY, m)
    assert not r.curated
    assert alt_labels(m, r) == ["ORDA"]
    same = m.model_copy(update={"exact": "Office régional des données agricoles"})
    assert alt_labels(same, resolve_mention(AUTHORITY, same)) == []


def test_a_surname_alone_is_no_alternative_label() -> None:
    m = Mention(
        start=0,
        end=8,
        exact="Girardin",
        kind=EntityKind.PERSON,
        label="Paul Girardin",
        extractor="person-pattern",
    )
    assert alt_labels(m, resolve_mention(AUTHORITY, m)) == []


@pytest.mark.parametrize(
    ("role", "short"),
    [
        ("M. le ministre des solidarités et de la santé", "Solidarités et santé"),
        (
            "la ministre déléguée chargée de l'intelligence artificielle et du numérique",
            "Intelligence artificielle et numérique",
        ),
        (
            "Mme la secrétaire d'État auprès du ministre de l'économie, chargée de la mer",
            "Mer",
        ),
        (
            "Mme la ministre d'État, ministre de la culture et de la communication",
            "Culture et communication",
        ),
        ("M. le ministre de l'agriculture, qui est aussi porte-parole", "Agriculture"),
    ],
)
def test_the_portfolio_of_a_role(role: str, short: str) -> None:
    found = ministry_of_role(role)
    assert found is not None and found[1] == short


@pytest.mark.parametrize(
    "role", ["Monsieur le Premier ministre", "Mme la ministre d'État", "Madame la présidente"]
)
def test_roles_without_a_portfolio_name_no_ministry(role: str) -> None:
    assert ministry_of_role(role) is None
    assert addressee_ministry(AUTHORITY, role) is None


def test_an_addressee_resolves_through_the_authority_aliases_else_is_minted() -> None:
    authority = parse_authority(Path(__file__).parents[1] / "ontology" / "authority.ttl")
    health = addressee_ministry(authority, "M. le ministre des solidarités et de la santé")
    assert health is not None and health.curated and health.rule == "addressee-role"
    assert health.label == "Ministère de la Santé"
    sea = addressee_ministry(authority, "Mme la secrétaire d'État chargée de la mer")
    assert sea is not None and not sea.curated
    assert sea.iri == entity_iri(EntityKind.MINISTRY, "Mer")
