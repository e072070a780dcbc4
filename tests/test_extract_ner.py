"""The statistical NER with the authority and the patterns, on documents written
for these tests: names absent from the authority file are recovered as new
entities; the genre's own words, roles, adjectives and near-misses give nothing.

The model is loaded once per test session (a few seconds).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from parlkg.authority import parse_authority
from parlkg.extract import extract, extract_many
from parlkg.extract import ner as ner_mod
from parlkg.model import Chamber, DocType, Document, EntityKind, Extraction, Reaction
from parlkg.text import typographic

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
AUTHORITY = parse_authority(FIXTURES / "authority.ttl")
ORG_KINDS = {EntityKind.ORGANIZATION, EntityKind.COMPANY, EntityKind.PUBLIC_BODY}


def document(text: str, key: str = "t", reactions: list[Reaction] | None = None) -> Document:
    return Document(
        key=key,
        source_path=f"{key}.txt",
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=typographic(text),
        content_hash="0",
        reactions=reactions or [],
    )


def fixture(name: str) -> Document:
    return document((FIXTURES / name).read_text(encoding="utf-8"), key=name.split(".")[0])


def run(doc: Document, *, ner: bool = True) -> Extraction:
    ex = extract(doc, AUTHORITY, ner=ner)
    for m in ex.mentions:
        assert doc.text[m.start : m.end] == m.exact
    return ex


def names(ex: Extraction, kinds: set[EntityKind]) -> set[str]:
    return {m.label for m in ex.mentions if m.kind in kinds}


@pytest.fixture(scope="module")
def actors() -> Extraction:
    return run(fixture("unknown_actors.txt"))


def test_organisations_absent_from_the_authority_are_found(actors: Extraction) -> None:
    orgs = names(actors, ORG_KINDS)
    assert {"Terrena", "Sodiaal", "Institut breton de recherche sur les sols"} <= orgs
    assert "Snowflake" in orgs  # a cue noun: "la société Snowflake"
    assert all(m.iri is None for m in actors.mentions if m.label in {"Terrena", "Sodiaal"})


def test_persons_without_civility_are_found_by_the_ner(actors: Extraction) -> None:
    persons = names(actors, {EntityKind.PERSON})
    assert {"Anne-Sophie Marcadet", "Damien Lacombe", "Gérald Fournier"} <= persons
    by_ner = {m.label for m in actors.mentions if m.extractor == ner_mod.EXTRACTOR}
    assert "Damien Lacombe" in by_ner


def test_an_unknown_place_is_a_place(actors: Extraction) -> None:
    assert "Bozeman" in names(actors, {EntityKind.PLACE})


def test_the_acronym_taught_by_its_long_form_is_one_entity(actors: Extraction) -> None:
    gao = [m for m in actors.mentions if m.exact == "GAO"]
    assert len(gao) == 2
    assert {m.label for m in gao} == {"Groupement des agriculteurs de l'Ouest"}


def test_roles_are_not_persons(actors: Extraction) -> None:
    persons = names(actors, {EntityKind.PERSON})
    assert not any("ministre" in p.lower() or "président" in p.lower() for p in persons)


def test_without_the_ner_the_unknown_names_without_cue_are_missed() -> None:
    ex = run(fixture("unknown_actors.txt"), ner=False)
    assert "Terrena" not in names(ex, ORG_KINDS)
    assert not any(m.extractor == ner_mod.EXTRACTOR for m in ex.mentions)
    assert not any(name.startswith(ner_mod.EXTRACTOR) for name in ex.extractors)


def test_the_extractors_list_names_the_model(actors: Extraction) -> None:
    assert any(name.startswith("ner (fr_core_news") for name in actors.extractors)


def test_the_authority_wins_where_both_match() -> None:
    ex = run(document("Selon Microsoft et Amazon Web Services, la demande progresse."))
    assert [(m.label, m.extractor) for m in ex.mentions] == [
        ("Microsoft", "gazetteer"),
        ("Amazon Web Services", "gazetteer"),
    ]


def test_the_genre_words_roles_and_adjectives_give_nothing() -> None:
    ex = run(fixture("near_misses.txt"))
    assert ex.mentions == []


@pytest.mark.parametrize(
    "text",
    [
        "Le Gouvernement a répondu.",
        "L'Assemblée a voté.",
        "M. le ministre a pris la parole.",
        "Mme la présidente. La parole est à Mme la ministre.",
        "La position américaine et le marché européen.",
        "Les Français et les Européennes attendent.",
        "Madame la Ministre, je vous prie d'agréer mes salutations.",
    ],
)
def test_near_misses_yield_nothing(text: str) -> None:
    assert run(document(text)).mentions == []


def test_a_military_combat_cloud_concerns_no_cloud_provider() -> None:
    ex = run(fixture("combat_cloud.txt"))
    assert not [m for m in ex.mentions if m.kind in ORG_KINDS]
    assert not [m for m in ex.mentions if m.iri and "cloud" in m.iri.lower()]
    assert "Système de combat aérien du futur" in names(ex, {EntityKind.PROJECT})


def test_names_inside_stage_directions() -> None:
    text = (
        "M. Paul Ravel. Nous refusons ce texte. (Applaudissements sur les bancs du groupe "
        "Écologiste. – Exclamations de Jean Moreau.) Bravo ! Merci."
    )
    start = text.index("(")
    end = text.index(")") + 1
    doc = document(
        text, reactions=[Reaction(kind="applause", exact=text[start:end], start=start, end=end)]
    )
    ex = run(doc)
    inside = [m for m in ex.mentions if start <= m.start < end and m.extractor == "ner"]
    assert {m.label for m in inside} <= {"Jean Moreau"}
    assert not [m for m in ex.mentions if "Applaudissements" in m.exact or "Merci" in m.exact]


def test_a_batch_gives_the_same_extractions_as_one_by_one() -> None:
    docs = [fixture("unknown_actors.txt"), fixture("near_misses.txt"), fixture("unknown_laws.txt")]
    batch = extract_many(docs, AUTHORITY)
    assert [ex.mentions for ex in batch] == [run(d).mentions for d in docs]


def test_long_texts_are_cut_at_paragraphs_with_offsets_kept() -> None:
    paragraph = "Le directeur de Sodiaal, Damien Lacombe, a répondu.\n"
    pieces = ner_mod._chunks(paragraph * 3000)
    assert len(pieces) > 1
    assert "".join(piece for _, piece in pieces) == paragraph * 3000
    assert all(piece.startswith("Le directeur") for _, piece in pieces)


def test_spacy_is_not_imported_by_the_commands_that_do_not_extract() -> None:
    code = (
        "import sys, parlkg.cli, parlkg.actor, parlkg.queries, parlkg.curate; "
        "sys.exit(1 if 'spacy' in sys.modules else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
