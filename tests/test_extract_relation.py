"""Typed relations by pattern: every predicate, active and passive voices,
enumerations, anaphors, and sentences where no relation is stated."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document
from parlkg.text import typographic

AUTHORITY = parse_authority(Path(__file__).parent / "fixtures" / "extract" / "authority.ttl")


def relations(text: str) -> list[tuple[str, str, str, str]]:
    """(subject label, predicate, object label, evidence) for each relation found."""
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
    out = []
    for r in ex.relations:
        assert 0 <= r.evidence_start < r.evidence_end <= len(doc.text)
        s, o = ex.mentions[r.subject], ex.mentions[r.object]
        evidence = doc.text[r.evidence_start : r.evidence_end]
        assert s.exact in evidence or r.evidence_start > s.end  # an anaphor may stand for it
        assert o.exact in evidence
        out.append((s.label, r.predicate, o.label, evidence))
    return out


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(s, p, o) for s, p, o, _ in relations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # passive voice, with a cue noun, an auxiliary, an adverb
        ("La plateforme Cumulus est hébergée par OVH depuis 2022.", ("Cumulus", "OVHcloud")),
        (
            "Les serveurs de la plateforme Cumulus seront désormais hébergés chez Google.",
            ("Cumulus", "Google"),
        ),
        # active voice with a provider as subject
        ("Depuis hier, OVH héberge la plateforme Cumulus.", ("Cumulus", "OVHcloud")),
        (
            "La plateforme Cumulus a recours à Amazon Web Services.",
            ("Cumulus", "Amazon Web Services"),
        ),
        ("La plateforme Cumulus fait appel, elle aussi, à Amazon.", ("Cumulus", "Amazon")),
        (
            "La plateforme Cumulus utilise l'offre Azure pour le stockage des dossiers.",
            ("Cumulus", "Azure"),
        ),
        ("La plateforme Cumulus a choisi Google comme hébergeur.", ("Cumulus", "Google")),
        ("On regrette le choix de Microsoft pour la plateforme Cumulus.", ("Cumulus", "Microsoft")),
        (
            "La plateforme Cumulus a confié à Amazon l'hébergement de ses données.",
            ("Cumulus", "Amazon"),
        ),
        (
            "Il a fallu confier à Google l'hébergement des données de la plateforme Cumulus.",
            ("Cumulus", "Google"),
        ),
        (
            "L'hébergement des données de la plateforme Cumulus a été confié à Microsoft.",
            ("Cumulus", "Microsoft"),
        ),
        (
            "La plateforme Cumulus s'appuie sur l'offre cloud proposée par Google.",
            ("Cumulus", "Google"),
        ),
        (
            "Quant à la plateforme Cumulus, elle utilisera les technologies de Microsoft.",
            ("Cumulus", "Microsoft"),
        ),
        # a migration of its data, and a demonstrative "cet hébergement"
        (
            "La plateforme Cumulus migrera ses serveurs de production vers Google en 2026.",
            ("Cumulus", "Google"),
        ),
        ("La plateforme Cumulus a basculé ses données sur Amazon.", ("Cumulus", "Amazon")),
        (
            "Selon la presse, la plateforme Cumulus aurait confié cet hébergement à Amazon.",
            ("Cumulus", "Amazon"),
        ),
    ],
)
def test_hosted_by(text: str, expected: tuple[str, str]) -> None:
    assert triples(text) == [(expected[0], "hostedBy", expected[1])]


def test_hosted_by_each_member_of_an_enumeration() -> None:
    found = relations(
        "Google, qui héberge aussi la plateforme Cumulus, la plateforme Stratus et le logiciel "
        "Nimbo, grandit."
    )
    assert [(s, p, o) for s, p, o, _ in found] == [
        ("Cumulus", "hostedBy", "Google"),
        ("Stratus", "hostedBy", "Google"),
        ("Nimbo", "hostedBy", "Google"),
    ]
    assert {e for *_, e in found} == {
        "Google, qui héberge aussi la plateforme Cumulus, la plateforme Stratus et le logiciel "
        "Nimbo"
    }


def test_relative_clause_refers_back_to_the_nearest_compatible_mention() -> None:
    assert triples(
        "La CNIL autorise le projet Cirrus, qui prévoit de collecter les dossiers de 2 millions "
        "de patients, qui seront hébergés par l'entreprise américaine Amazon."
    ) == [("Cirrus", "hostedBy", "Amazon")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "La plateforme Cumulus, actuellement gérée par la société Nimbus Data, ferme.",
            ("Cumulus", "Nimbus Data"),
        ),
        ("La certification Altus est délivrée par l'ANSSI.", ("Altus", "ANSSI")),
        ("Il cite l'offre Azure de Microsoft.", ("Azure", "Microsoft")),
        ("Il vise Microsoft et sa plateforme « azure ».", ("Azure", "Microsoft")),
        ("L'un des logiciels de la DGSI, le logiciel Argos, est ancien.", ("Argos", "DGSI")),
        (
            "La DGSI a retenu un outil qui tourne depuis les locaux de Palantir.",
            ("DGSI", "Palantir"),
        ),
        (
            "La plateforme Cumulus a été lancée en 2020. Elle est exploitée par Microsoft.",
            ("Cumulus", "Microsoft"),
        ),
        (
            "Il existe la certification Altus. Ladite certification est attribuée par l'ANSSI.",
            ("Altus", "ANSSI"),
        ),
    ],
)
def test_operated_by(text: str, expected: tuple[str, str]) -> None:
    assert triples(text) == [(expected[0], "operatedBy", expected[1])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le logiciel Argos, développé par la société Nimbus Data, vieillit.",
            ("Argos", "Nimbus Data"),
        ),
        ("La société Nimbus Data a conçu le logiciel Argos.", ("Argos", "Nimbus Data")),
        (
            "Le système Argos traite les dossiers. Ce n'est pas l'État qui les traite, mais la "
            "solution développée par la société Nimbus Data.",
            ("Argos", "Nimbus Data"),
        ),
    ],
)
def test_developed_by(text: str, expected: tuple[str, str]) -> None:
    assert triples(text) == [(expected[0], "developedBy", expected[1])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("La société Nimbus Data s'est alliée avec Orange.", ("Nimbus Data", "Orange")),
        (
            "La société Nimbus Data, en partenariat avec Thales, lance une offre.",
            ("Nimbus Data", "Thales"),
        ),
        (
            "Le partenariat entre Orange et la société Nimbus Data est signé.",
            ("Orange", "Nimbus Data"),
        ),
        ("S3NS est une coentreprise de Thales et Google.", ("Thales", "Google")),
    ],
)
def test_partner_of(text: str, expected: tuple[str, str]) -> None:
    assert triples(text) == [(expected[0], "partnerOf", expected[1])]


def test_partner_of_is_not_guessed_from_alternatives() -> None:
    assert triples("Orange et Thales ont choisi de s'allier avec Google ou Microsoft.") == []


def test_subject_to() -> None:
    assert triples("Amazon, entreprise américaine soumise au Cloud Act et au FISA, croît.") == [
        ("Amazon", "subjectTo", "Cloud Act"),
        ("Amazon", "subjectTo", "FISA"),
    ]
    assert triples(
        "Microsoft, en tant qu'entreprise américaine, est soumise au « Cloud Act »."
    ) == [("Microsoft", "subjectTo", "Cloud Act")]
    assert triples("Le Cloud Act s'applique à Microsoft et à Amazon.") == [
        ("Microsoft", "subjectTo", "Cloud Act"),
        ("Amazon", "subjectTo", "Cloud Act"),
    ]


def test_hosted_in() -> None:
    assert triples("Les données de la plateforme Cumulus sont stockées aux États-Unis.") == [
        ("Cumulus", "hostedIn", "États-Unis")
    ]
    assert triples(
        "Les dossiers hébergés sur des serveurs situés en Irlande par la plateforme Cumulus."
    ) == [("Cumulus", "hostedIn", "Irlande")]


def test_incise_does_not_steal_the_subject() -> None:
    assert triples(
        "La plateforme Cumulus, conçue par la société Nimbus Data, est hébergée par OVH."
    ) == [
        ("Cumulus", "hostedBy", "OVHcloud"),
        ("Cumulus", "developedBy", "Nimbus Data"),
    ]


def test_sentence_initial_pronoun_refers_to_the_previous_subject() -> None:
    assert triples("La CNIL a critiqué Microsoft. Elle a été hébergée par Orange.") == [
        ("CNIL", "hostedBy", "Orange")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft a rencontré OVH à Paris.",
        "La plateforme Cumulus et Google ont publié un rapport sur la France.",
        "Selon Microsoft, les données sont hébergées par OVH.",
        "La plateforme Cumulus n'est pas hébergée par Microsoft.",
        "Le Cloud Act ne s'applique pas à Orange.",
        "Amazon critique Microsoft, qui est hébergé chez lui.",
        "Les données sont hébergées par Amazon. Google et Microsoft protestent.",
        "La CNIL et Microsoft discutent. Il est hébergé par Orange, dit-on.",
        "Le Health Data Hub a été créé par la loi informatique et libertés.",
        "La plateforme Cumulus ne migrera pas ses données vers Google.",
        "La plateforme Cumulus migre vers une solution libre, contrairement à Amazon.",
    ],
)
def test_two_entities_and_no_stated_relation(text: str) -> None:
    assert triples(text) == []
