"""Fuzzy actor names: case, accents, aliases, acronyms; "did you mean" when unsure."""

from __future__ import annotations

from typing import Any

import pytest

from parlkg.errors import NotFoundError
from parlkg.lookup import acronym, find_entities, resolve_entity

ID = "https://w3id.org/parlkg/id/"


@pytest.mark.parametrize(
    ("name", "iri"),
    [
        ("Microsoft", "company/microsoft"),  # exact label
        ("MICROSOFT", "company/microsoft"),  # case
        ("  microsoft ", "company/microsoft"),
        ("Thalès", "company/thales"),  # accents
        ("thales", "company/thales"),
        ("segolene amiot", "person/segolene-amiot"),
        ("AWS", "company/amazon-web-services"),  # alias
        ("loi SREN", "law/sren"),
        ("hdh", "project/health-data-hub"),
        ("Clarifying Lawful Overseas Use of Data Act", "law/cloud-act"),  # English label
        ("IAN", "ministry/intelligence-artificielle-et-numerique"),  # acronym, no such alias
        ("tnce", "ministry/transition-numerique-et-communications-electroniques"),
        ("Latombe", "person/philippe-latombe"),  # a whole word of the name
        (ID + "company/microsoft", "company/microsoft"),  # the IRI itself
    ],
)
def test_names_resolve(seed_store: Any, name: str, iri: str) -> None:
    assert resolve_entity(seed_store, name).iri == ID + iri


def test_the_canonical_label_is_french_and_the_match_is_kept(seed_store: Any) -> None:
    found = resolve_entity(seed_store, "Clarifying Lawful Overseas Use of Data Act")
    assert (found.label, found.kind) == ("Cloud Act", "Law")
    assert found.matched == "Clarifying Lawful Overseas Use of Data Act"


def test_a_case_sensitive_alias_is_a_name(seed_store: Any) -> None:
    """pk:casedLabel ("Assurance maladie", the body) is an alias of the authority file:
    an exact match, not a few words of a longer name."""
    found = find_entities(seed_store, "Assurance maladie")
    assert [(c.iri, c.matched) for c in found] == [(ID + "public-body/cnam", "Assurance maladie")]


def test_acronyms_skip_little_words() -> None:
    assert acronym("Commission nationale de l'informatique et des libertés") == "cnil"
    assert acronym("Health Data Hub") == "hdh"
    assert acronym("Microsoft") == ""  # one word has no acronym


def test_a_misspelling_gets_did_you_mean(seed_store: Any) -> None:
    with pytest.raises(NotFoundError, match=r"did you mean: .*Microsoft"):
        resolve_entity(seed_store, "Microsfot")


def test_an_ambiguous_name_lists_candidates_most_documented_first(seed_store: Any) -> None:
    with pytest.raises(NotFoundError) as caught:
        resolve_entity(seed_store, "cloud")
    message = str(caught.value)
    assert message.startswith("'cloud' is ambiguous")
    assert "did you mean: Cloud Act (Law, 2 documents)" in message
    assert "(Company, 0 documents)" in message and " and 4 more?" in message


def test_nothing_is_found_for_an_empty_or_punctuation_name(seed_store: Any) -> None:
    assert find_entities(seed_store, "  ") == []
    assert find_entities(seed_store, "#;{}") == []


@pytest.mark.parametrize(
    "name", [ID + "x> } ; DROP ALL ; { <y", ID + "company/microsoft> } ; DROP ALL ; {"]
)
def test_an_iri_shaped_name_that_is_no_iri_finds_nothing(seed_store: Any, name: str) -> None:
    before = len(seed_store)
    assert find_entities(seed_store, name) == []
    with pytest.raises(NotFoundError, match="no actor named"):
        resolve_entity(seed_store, name)
    assert len(seed_store) == before


def test_names_resolve_without_the_entities_summary(seed_store_path: Any, tmp_path: Any) -> None:
    """A store built by other means than `parlkg ingest` has no `…/graph/_entities`:
    names are then read in every document graph (slower, the same answers)."""
    import shutil

    from parlkg.store import ENTITIES_GRAPH, GraphStore

    copy = tmp_path / "store"
    shutil.copytree(seed_store_path, copy)
    with GraphStore(copy) as store:
        store.drop_graph(ENTITIES_GRAPH)
        for name, iri in (
            ("Microsoft", "company/microsoft"),
            ("segolene amiot", "person/segolene-amiot"),
            ("Latombe", "person/philippe-latombe"),
            ("hdh", "project/health-data-hub"),
        ):
            assert resolve_entity(store, name).iri == ID + iri
        with pytest.raises(NotFoundError, match=r"did you mean: .*Microsoft"):
            resolve_entity(store, "Microsfot")
