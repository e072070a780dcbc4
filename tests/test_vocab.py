"""IRI minting: deterministic, injective, and stable for a name's variants."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from parlkg.model import DocType, EntityKind
from parlkg.vocab import document_key, entity_iri, key_of, mint

kinds = st.sampled_from([k.value for k in EntityKind])


@given(kinds, st.text(), kinds, st.text())
def test_mint_is_injective(kind_a: str, key_a: str, kind_b: str, key_b: str) -> None:
    if (kind_a, key_a) != (kind_b, key_b):
        assert mint(kind_a, key_a) != mint(kind_b, key_b)


@given(st.text())
def test_mint_is_deterministic_and_a_valid_iri(name: str) -> None:
    iri = entity_iri(EntityKind.PERSON, name)
    assert iri == entity_iri(EntityKind.PERSON, name)
    assert not any(c in iri for c in ' <>"{}|\\^`')


def test_name_variants_fold_to_one_key() -> None:
    assert key_of("Clara CHAPPAZ") == key_of("clara chappaz") == "clara-chappaz"
    assert key_of("Thalès") == key_of("Thales")
    assert key_of("Health data Hub") == key_of("health data hub")
    assert entity_iri(EntityKind.COMPANY, "Thalès") != entity_iri(EntityKind.PROJECT, "Thalès")


def test_document_keys() -> None:
    assert (
        document_key(DocType.WRITTEN_QUESTION, "AN", number="486", legislature=17) == "an-17-qe-486"
    )
    assert (
        document_key(DocType.SENATE_WRITTEN_QUESTION, "Senat", number="04576", series="2025")
        == "senat-2025-qe-4576"
    )
    assert (
        document_key(DocType.LETTER, "Senat", author="Alexandre Basquin", date="2025-08-08")
        == "lettre-2025-08-08-alexandre-basquin"
    )
    assert document_key(DocType.LETTER, "AN", stem="My Letter") == "file-my-letter"
