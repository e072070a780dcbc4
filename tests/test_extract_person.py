"""Persons: civility + name, enumerations, letter blocks, speakers, surnames."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Author, Chamber, DocType, Document, EntityKind, Mention, SpeechTurn
from parlkg.text import typographic

AUTHORITY = parse_authority(Path(__file__).parent / "fixtures" / "extract" / "authority.ttl")


def persons(
    text: str, turns: list[SpeechTurn] | None = None, author: str | None = None
) -> list[Mention]:
    doc = Document(
        key="t",
        source_path="t.txt",
        layout="test",
        doc_type=DocType.GOVERNMENT_QUESTION,
        chamber=Chamber.AN,
        text=typographic(text),
        content_hash="0",
        turns=turns or [],
        author=Author(name=author) if author else None,
    )
    ex = extract(doc, AUTHORITY)
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.exact
    return [m for m in ex.mentions if m.kind == EntityKind.PERSON]


def test_civility_and_name_absent_from_the_authority() -> None:
    (m,) = persons("M. Gaspard Vétillard interroge M. le ministre sur les nuages.")
    assert (m.exact, m.label, m.iri) == ("Gaspard Vétillard", "Gaspard Vétillard", None)


def test_plural_civility_gives_every_name_of_the_enumeration() -> None:
    found = persons(
        "(Applaudissements. – MM. Anatole Brisquet, Jules Ferrandon et Paul Oriot applaudissent.)"
    )
    assert [m.label for m in found] == ["Anatole Brisquet", "Jules Ferrandon", "Paul Oriot"]


def test_names_printed_in_capitals_and_surname_first() -> None:
    found = persons("Madame Clara CHAPPAZ a reçu Mme POMMERET Léonie et M. Jean-Marc DU PLESSIS.")
    assert [m.label for m in found] == ["Clara Chappaz", "Léonie Pommeret", "Jean-Marc Du Plessis"]
    assert found[0].iri == "https://w3id.org/parlkg/id/person/clara-chappaz"


def test_particles_stay_in_the_name() -> None:
    (m,) = persons("M. Charles de Lasteyrie a répondu.")
    assert m.label == "Charles de Lasteyrie"


def test_surname_alone_resolves_to_the_authority_then_to_the_document() -> None:
    found = persons(
        "M. Trump l'a voulu. M. Octave Berlion l'a dit ; M. Berlion insiste. M. Quaresma aussi."
    )
    assert [m.label for m in found] == [
        "Donald Trump",
        "Octave Berlion",
        "Octave Berlion",
        "Quaresma",
    ]
    assert found[0].iri == "https://w3id.org/parlkg/id/person/donald-trump"


def test_surname_alone_resolves_to_the_author() -> None:
    (m,) = persons("M. Vétillard souhaite savoir.", author="Gaspard Vétillard")
    assert m.label == "Gaspard Vétillard"


def test_name_first_letter_block() -> None:
    text = (
        "Madame la Ministre,\n\nJe vous prie...\n\nHortense MÉRIADEC\n\nSÉNATRICE\nDU FINISTÈRE\n"
    )
    (m,) = persons(text)
    assert m.label == "Hortense Mériadec"
    (m,) = persons("Cordialement,\n\nBaptiste Ollivro\nDéputé du Morbihan\n")
    assert m.label == "Baptiste Ollivro"


def test_speakers_of_named_turns() -> None:
    text = "Mme la présidente. La parole est à vous.\n\nJOSÉPHINE ARMAND. Je réponds."
    turns = [
        SpeechTurn(speaker="la présidente", named=False, start=0, end=40),
        SpeechTurn(speaker="Joséphine Armand", start=42, end=len(text)),
    ]
    (m,) = persons(text, turns)
    assert (m.exact, m.label, m.extractor) == (
        "JOSÉPHINE ARMAND",
        "Joséphine Armand",
        "person-turn",
    )


@pytest.mark.parametrize(
    "text",
    [
        "M. le ministre, Mme la présidente, Madame la Ministre, M. le député.",
        "Monsieur le Président, Mme la rapporteure.",
        "Mesdames et Messieurs les députés, les sénateurs et les ministres.",
        "Mme la secrétaire d'État chargée du numérique répond à M. le Premier ministre.",
    ],
)
def test_roles_and_plurals_are_not_persons(text: str) -> None:
    assert persons(text) == []
