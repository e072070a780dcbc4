"""Debates: speech turns and stage directions attributed to groups and persons."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.model import DocType, Document
from parlkg.read import read_file
from parlkg.read.sitting import groups_in, persons_in, reaction_kind

from .conftest import CORPUS

READ = Path(__file__).parent / "fixtures" / "read"
QG616 = CORPUS / "QANR5L16QG616.json"


@pytest.mark.parametrize(
    ("direction", "kind", "groups", "persons"),
    [
        ("Applaudissements sur des travées du groupe Les Républicains.", "applause",
         ["Les Républicains"], []),
        ("Applaudissements sur les travées des groupes UC et Les Républicains.", "applause",
         ["UC", "Les Républicains"], []),
        ("Exclamations sur les bancs des groupes LR et UDI.", "exclamation", ["LR", "UDI"], []),
        ("Exclamations sur les bancs du groupe LFI - NUPES.", "exclamation", ["LFI-NUPES"], []),
        ("M. Sébastien Chenu s'exclame.", "exclamation", [], ["Sébastien Chenu"]),
        ("Sourires.", "other", [], []),
        ("Sourires sur les bancs du groupe RE.", "other", ["RE"], []),
        ("Protestations.", "protest", [], []),
        ("Vives protestations sur les travées du groupe CRCE-K.", "protest", ["CRCE-K"], []),
        ("M. Thomas Ménagé proteste.", "protest", [], ["Thomas Ménagé"]),
        ("MM. Alexis Corbière et René Pilato applaudissent aussi.", "applause", [],
         ["Alexis Corbière", "René Pilato"]),
        ("Applaudissements sur les bancs des groupes RE, Dem et HOR.", "applause",
         ["RE", "Dem", "HOR"], []),
        ("Applaudissements sur les bancs du groupe Écologiste et Social.", "applause",
         ["Écologiste et Social"], []),
        ("« Ah ! » sur les bancs du groupe RE", "interjection", ["RE"], []),
    ],
)  # fmt: skip
def test_stage_direction_attribution(
    direction: str, kind: str, groups: list[str], persons: list[str]
) -> None:
    assert reaction_kind(direction) == kind
    assert groups_in(direction) == groups
    assert persons_in(direction) == persons


@pytest.fixture(scope="module")
def senate() -> Document:
    return read_file(READ / "senat" / "qag_reactions.txt")


def test_senate_question_d_actualite_turns(senate: Document) -> None:
    assert senate.layout == "senat"
    assert senate.doc_type is DocType.SENATE_GOVERNMENT_QUESTION
    assert senate.key == "senat-2025-qag-418g"
    assert senate.author is not None
    assert (senate.author.name, senate.author.group) == ("Hélène Faucher", "Les Républicains")
    assert senate.answered_by == "Sarah Lemoine"
    assert senate.answered_by_role == "ministre déléguée chargée du numérique"
    speakers = [(t.speaker, t.named) for t in senate.turns]
    assert speakers[:3] == [
        ("le président", False),
        ("Hélène Faucher", True),
        ("sénateurs du groupe SER", False),  # "Plusieurs sénateurs du groupe SER."
    ]
    assert ("Olivier Keraudren", True) in speakers
    # every turn's span starts with its label
    for turn in senate.turns:
        label = senate.text[turn.start : turn.end]
        assert label.startswith(("M. ", "Mme ", "Plusieurs ")), label


def test_senate_reactions_attributed(senate: Document) -> None:
    got = [(r.kind, r.by_groups, r.by_persons) for r in senate.reactions]
    assert got == [
        ("applause", ["Les Républicains"], []),
        ("exclamation", ["UC", "Les Républicains"], []),
        ("exclamation", [], ["Olivier Keraudren"]),  # "M. Olivier Keraudren s'exclame."
        ("applause", ["Les Républicains", "UC"], []),
        ("other", ["GEST"], []),  # "Sourires sur les travées du groupe GEST."
        ("protest", ["CRCE-K"], []),
        ("protest", ["GEST"], []),  # "Mêmes mouvements sur des travées du groupe GEST."
        ("applause", ["Les Républicains", "UC", "INDEP"], []),
        ("applause", [], ["Anne Rivoal", "Lise Marchal"]),
    ]
    turns = [senate.turns[r.turn].speaker for r in senate.reactions if r.turn is not None]
    assert turns[0] == "le président" and turns[-1] == "Hélène Faucher"
    for reaction in senate.reactions:
        assert senate.text[reaction.start : reaction.end] == reaction.exact


@pytest.mark.skipif(not QG616.is_file(), reason="no development corpus")
def test_same_movements_repeat_the_reaction_before() -> None:
    doc = read_file(QG616)
    same = [r for r in doc.reactions if r.exact.startswith("Mêmes mouvements")]
    assert same, "the corpus record has a 'Mêmes mouvements.'"
    index = doc.reactions.index(same[0])
    before = doc.reactions[index - 1]
    assert (before.kind, before.by_groups) == ("applause", ["RE"])
    assert (same[0].kind, same[0].by_groups) == (before.kind, before.by_groups)


def test_an_debate_from_html_keeps_names_and_groups() -> None:
    doc = read_file(READ / "html" / "an_page_qag_debate.html")
    assert doc.answered_by == "Antoine Rével"
    named = {t.speaker for t in doc.turns if t.named}
    assert named == {"Lucie Brévan", "Karim Oudane", "Antoine Rével"}  # "M. Rével" is him
    got = [(r.kind, r.by_groups, r.by_persons) for r in doc.reactions]
    assert ("applause", ["EcoS", "SOC"], []) in got
    assert ("applause", [], ["Paul Verdier"]) in got
    assert ("exclamation", ["LFI-NFP", "GDR"], []) in got
    assert ("applause", [], ["Nadia Ferhat", "Yves Collin"]) in got
