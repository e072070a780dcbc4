"""What one document shows about its own names, on texts written for these tests
with names no authority file knows: a name the model tags as a place or a person
is an organisation where the document treats it as one; an acronym printed apart
from its long form is the same entity; an alias the authority marks case-sensitive
does not match the common noun.
"""

from __future__ import annotations

import pytest

from parlkg.authority import Authority, AuthorityEntry, load_authority
from parlkg.extract import extract
from parlkg.extract.link import initials, link_acronyms
from parlkg.extract.ner import Span, relabel
from parlkg.model import EntityKind, Mention
from parlkg.resolve import resolve_mention, resolve_name
from parlkg.vocab import entity_iri

from .test_extract_ner import AUTHORITY, ORG_KINDS, document, run


def spans(text: str, *marked: tuple[str, str]) -> list[Span]:
    """Spans for the first occurrence of each (name, label) in `text`."""
    out = []
    for name, label in marked:
        start = text.index(name)
        out.append(Span(start, start + len(name), label))
    return out


def labels(text: str, *marked: tuple[str, str], taken: list[Mention] | None = None) -> list[str]:
    return [s.label for s in relabel(text, spans(text, *marked), taken or [])]


# -- the relabelling rules, on spans given by hand (no model) ----------------------


def test_a_brand_shaped_word_is_not_a_place_or_a_person() -> None:
    text = "Les données partent chez Q7Labs puis chez DataVolt, pas à Lyon."
    got = labels(text, ("Q7Labs", "LOC"), ("DataVolt", "PER"), ("Lyon", "LOC"))
    assert got == ["ORG", "ORG", "LOC"]


def test_a_code_with_a_number_is_not_a_brand() -> None:
    assert labels("Pendant la COVID-19, tout a changé.", ("COVID-19", "MISC")) == ["MISC"]


def test_a_name_tagged_org_once_is_an_organisation_everywhere() -> None:
    text = "Kelvora a signé. Les serveurs de Kelvora sont à Dublin."
    second = text.rindex("Kelvora")
    marked = [Span(0, 7, "ORG"), Span(second, second + 7, "LOC")]
    assert [s.label for s in relabel(text, marked, [])] == ["ORG", "ORG"]


def test_an_enumeration_with_organisations_is_of_organisations() -> None:
    text = "Le marché est tenu par Vexa, Norvane, Tillwick et Brisk3."
    got = labels(
        text, ("Vexa", "PER"), ("Norvane", "LOC"), ("Tillwick", "MISC"), ("Brisk3", "MISC")
    )
    assert got == ["ORG", "ORG", "ORG", "ORG"]


def test_an_enumeration_of_places_stays_places() -> None:
    text = "La France, l'Allemagne et Vilnius coopèrent."
    assert labels(text, ("France", "LOC"), ("Allemagne", "LOC"), ("Vilnius", "LOC")) == ["LOC"] * 3


def made(start: int, exact: str, kind: EntityKind, label: str, iri: str | None = None) -> Mention:
    """A mention made by hand, as an extractor would give it."""
    end = start + len(exact)
    return Mention(
        start=start, end=end, exact=exact, kind=kind, label=label, iri=iri, extractor="t"
    )


def test_an_enumeration_next_to_a_known_company_with_repeated_prepositions() -> None:
    text = "auprès de Microsoft, de Korrin et de Paltis"
    known = made(10, "Microsoft", EntityKind.COMPANY, "Microsoft")
    got = labels(text, ("Korrin", "MISC"), ("Paltis", "LOC"), taken=[known])
    assert got == ["ORG", "ORG"]


def test_a_person_with_a_short_capitalised_word_is_not_a_person() -> None:
    text = "Le réseau Helix EU et M. Jean Dupont."
    assert labels(text, ("Helix EU", "PER"), ("Jean Dupont", "PER")) == ["ORG", "PER"]


def test_initials_skip_the_small_words() -> None:
    assert initials("Agence nationale de la sécurité des systèmes d'information") == "anssi"
    assert initials("Commission nationale de l'informatique et des libertés") == "cnil"


def test_a_resolved_acronym_is_left_alone() -> None:
    long_form = made(0, "Office Zeta Tau", EntityKind.PUBLIC_BODY, "Office Zeta Tau")
    known = made(30, "OZT", EntityKind.COMPANY, "OZT", iri="urn:x")
    free = made(40, "OZT", EntityKind.ORGANIZATION, "OZT")
    link_acronyms([long_form, known, free])
    assert (known.label, known.iri) == ("OZT", "urn:x")
    assert (free.label, free.kind) == ("Office Zeta Tau", EntityKind.PUBLIC_BODY)


# -- with the model, end to end ---------------------------------------------------------


def test_unknown_hosts_in_an_enumeration_are_organisations() -> None:
    ex = run(document("Les dossiers sont hébergés chez Nuvolix, Kelvora et Brisk3, dit-on."))
    assert {m.label for m in ex.mentions if m.kind in ORG_KINDS} == {
        "Nuvolix",
        "Kelvora",
        "Brisk3",
    }
    assert not [m for m in ex.mentions if m.kind in {EntityKind.PLACE, EntityKind.PERSON}]


def test_a_company_tagged_as_a_place_is_the_company_the_text_names() -> None:
    ex = run(
        document(
            "Le logiciel tourne depuis les locaux de Tessarion, aux États-Unis. "
            "La société Tessarion a refusé de répondre."
        )
    )
    found = [(m.kind, m.label) for m in ex.mentions if m.label == "Tessarion"]
    assert found == [(EntityKind.COMPANY, "Tessarion")] * 2


def test_an_acronym_printed_apart_from_its_long_form_is_one_entity() -> None:
    ex = run(
        document(
            "La Commission nationale de contrôle des données médicales a rendu un avis. "
            "Selon la Cncdm, le projet doit être suspendu."
        )
    )
    (acronym,) = [m for m in ex.mentions if m.exact == "Cncdm"]
    (long_form,) = [m for m in ex.mentions if m.exact.startswith("Commission")]
    first, second = resolve_mention(AUTHORITY, long_form), resolve_mention(AUTHORITY, acronym)
    assert first.iri == second.iri and not second.curated
    assert second.rule == "acronym-taught"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les données de l'assurance maladie sont sensibles.", []),
        ("L'Assurance maladie a publié ses chiffres.", ["Caisse nationale de l'assurance maladie"]),
    ],
)
def test_a_case_sensitive_alias_does_not_match_the_common_noun(
    text: str, expected: list[str]
) -> None:
    ex = extract(document(text), load_authority(), ner=False)
    assert [m.label for m in ex.mentions if m.kind is EntityKind.PUBLIC_BODY] == expected


def test_a_name_minted_to_a_curated_iri_is_the_curated_entity() -> None:
    iri = entity_iri(EntityKind.MINISTRY, "Armées")
    entry = AuthorityEntry(iri=iri, kind=EntityKind.MINISTRY, label="Ministère des Armées")
    got = resolve_name(Authority([entry]), EntityKind.MINISTRY, "Armées")
    assert (got.iri, got.label, got.curated, got.rule) == (
        iri,
        "Ministère des Armées",
        True,
        "authority-iri",
    )


def test_a_hyphenated_surname_alone_takes_the_full_name_printed_before() -> None:
    ex = run(
        document(
            "Mme Maëlle Durand-Vasseur interroge M. le ministre sur les données. "
            "Mme Durand-Vasseur souhaite savoir quand il répondra."
        ),
        ner=False,
    )
    persons = [m for m in ex.mentions if m.kind is EntityKind.PERSON]
    assert [m.label for m in persons] == ["Maëlle Durand-Vasseur"] * 2
    rules = [resolve_mention(AUTHORITY, m).rule for m in persons]
    assert rules == ["minted", "surname-in-document"]
