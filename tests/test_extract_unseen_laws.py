"""Laws by pattern on a document written for this test: numbered acts, European
acts and foreign acts the authority does not know; a law cited by number and by
title is one entity; the article cited is kept on the mention."""

from __future__ import annotations

from pathlib import Path

from parlkg.authority import parse_authority
from parlkg.extract import extract
from parlkg.model import Chamber, DocType, Document, EntityKind, Mention
from parlkg.resolve import resolve_mention
from parlkg.text import typographic

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
AUTHORITY = parse_authority(FIXTURES / "authority.ttl")


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
    return [m for m in extract(doc, AUTHORITY, ner=False).mentions if m.kind is EntityKind.LAW]


FIXTURE = laws((FIXTURES / "unknown_laws.txt").read_text(encoding="utf-8"))


def test_a_law_cited_by_number_and_by_title_is_one_entity() -> None:
    numbered = [m for m in FIXTURE if m.law_number == "2020-105"]
    assert len(numbered) == 3  # with its title, bare with an article, by its title alone
    iris = {resolve_mention(AUTHORITY, m).iri for m in numbered}
    assert len(iris) == 1
    by_title = [m for m in numbered if "2020-105" not in m.exact]
    assert by_title and resolve_mention(AUTHORITY, by_title[0]).rule == "law-number-in-document"


def test_the_article_cited_is_attached_to_the_law() -> None:
    assert {m.article for m in FIXTURE if m.law_number == "2020-105"} == {None, "article 13"}


def test_european_acts_by_number() -> None:
    assert {"règlement (UE) 2023/1542", "directive (UE) 2024/1799"} <= {m.label for m in FIXTURE}


def test_a_foreign_act_by_its_english_name() -> None:
    act = [m for m in FIXTURE if m.label == "Foreign Agents Registration Act"]
    assert len(act) == 1
    assert act[0].exact == "Foreign Agents Registration Act of 1938"


def test_a_known_act_resolves_to_the_authority() -> None:
    found = laws("Le CLOUD Act et le Foreign Intelligence Surveillance Act s'appliquent.")
    assert [m.iri is not None for m in found].count(True) >= 1
    assert all(m.label != "Le CLOUD Act" for m in found)


def test_titles_of_two_different_laws_stay_two() -> None:
    found = laws(
        "La loi n° 2016-1321 du 7 octobre 2016 pour une République numérique et la loi "
        "relative à la protection des données personnelles divergent."
    )
    labels = {m.label for m in found}
    assert "loi n° 2016-1321" in labels or any(m.iri for m in found)
    assert len({resolve_mention(AUTHORITY, m).iri for m in found}) == 2


def test_english_capitalised_words_without_act_are_not_laws() -> None:
    assert laws("Les Foreign Affairs et la Big Tech Coalition ont réagi.") == []
