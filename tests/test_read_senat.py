"""read.senat: senat.fr written questions and questions d'actualité."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parlkg.errors import UnknownLayoutError
from parlkg.model import DocType, Document
from parlkg.read import decode, read_file
from parlkg.read.senat import READER

FIXTURES = Path(__file__).parent / "fixtures" / "read" / "senat"


def read(name: str) -> Document:
    return read_file(FIXTURES / name)


def test_answered_written_question() -> None:
    doc = read("qe_answered.txt")
    assert doc.layout == "senat"
    assert doc.doc_type is DocType.SENATE_WRITTEN_QUESTION
    assert doc.number == "01234"  # from the URL qSEQ230301234
    assert doc.key == "senat-2023-qe-1234"
    assert doc.author is not None
    # "de LA FERTÉ Jean-Baptiste": the body prints the natural order and casing
    assert doc.author.name == "Jean-Baptiste de La Ferté"
    assert doc.author.civility == "M."
    assert (doc.author.constituency, doc.author.group) == ("Côte-d'Or", "LR")
    assert doc.published == dt.date(2023, 3, 2)
    assert doc.answered == dt.date(2023, 5, 18)
    assert doc.ministries_assigned == ["Ministère de la culture"]
    assert doc.ministry_asked is None  # not printed as a label
    assert doc.addressee_in_text == "Mme la ministre de la culture"
    assert doc.answer_span is not None
    assert doc.text[doc.answer_span[0] :].startswith("Les fonds numérisés")
    assert "\nIl souhaite savoir" in doc.text  # paragraphs kept
    assert doc.complete


def test_answer_with_ministry_label() -> None:
    doc = read("qe_label_answer.txt")
    assert doc.key == "senat-2021-qe-456"
    assert doc.ministries_assigned == ["Agriculture"]
    assert doc.answered == dt.date(2021, 9, 30)
    assert doc.author is not None and doc.author.name == "Odile Perrin"


def test_classic_html_page() -> None:
    doc = read("qe_classic.html")
    assert doc.number == "12345"
    assert doc.legislature == 15
    assert doc.title == "Hébergement des données de l'état civil"
    assert doc.published == dt.date(2019, 11, 7)
    assert doc.jo_page == 5601
    assert doc.answered == dt.date(2020, 2, 6)
    assert doc.answer_jo_page == 640
    assert doc.ministries_assigned == ["Ministère de la justice"]
    assert doc.addressee_in_text == "Mme la garde des sceaux, ministre de la justice"
    assert "Transmise" not in doc.text


def test_question_d_actualite_with_debate() -> None:
    doc = read("qag_debate.txt")
    assert doc.doc_type is DocType.SENATE_GOVERNMENT_QUESTION
    assert doc.number == "0321G"
    assert doc.key == "senat-2024-qag-321g"
    assert doc.answered_by == "Louis Garcin"
    assert doc.answered_by_role == "ministre délégué chargé du numérique"
    assert doc.answered == dt.date(2024, 3, 14)
    assert [t.speaker for t in doc.turns][:2] == ["le président", "Marc Bertin"]
    assert not doc.turns[0].named
    kinds = [(r.kind, r.by_groups, r.by_persons) for r in doc.reactions]
    assert ("applause", ["RDPI"], []) in kinds
    assert ("applause", [], ["Odile Perrin"]) in kinds
    assert ("protest", ["CRCE-K"], []) in kinds
    assert doc.question_span is not None and doc.answer_span is not None
    assert doc.text[doc.answer_span[0] :].startswith("M. Louis Garcin")


def test_truncated_question() -> None:
    doc = read("qe_truncated.txt")
    assert not doc.complete
    assert doc.warnings


def test_corpus_like_header_detected_and_others_rejected(tmp_path: Path) -> None:
    path = FIXTURES / "qe_answered.txt"
    assert READER.detect(decode(path, path.read_bytes())) == 0.9
    other = tmp_path / "x.txt"
    other.write_text("Question N° 12\nde M. Jean Test (Groupe - Nord )\n", encoding="utf-8")
    source = decode(other, other.read_bytes())
    assert READER.detect(source) == 0.0
    with pytest.raises(UnknownLayoutError):
        READER.read(source)


def test_written_question_without_answer_or_status_is_flagged(tmp_path: Path) -> None:
    text = (FIXTURES / "qe_answered.txt").read_text("utf-8")
    question_only = text[: text.index("Réponse du Ministère")]
    path = tmp_path / "qSEQ230301234.txt"
    path.write_text(question_only, encoding="utf-8")
    doc = read_file(path)
    assert not doc.complete
    assert any("En attente de réponse" in w for w in doc.warnings)
    path.write_text(
        question_only + "En attente de réponse du Ministère de la culture.\n", encoding="utf-8"
    )
    waiting = read_file(path)
    assert waiting.complete and waiting.answered is None


def test_question_cut_on_an_abbreviation_is_flagged(tmp_path: Path) -> None:
    text = (FIXTURES / "qe_answered.txt").read_text("utf-8")
    path = tmp_path / "q.txt"
    path.write_text(text[: text.index("M. Jean-Baptiste") + 2], encoding="utf-8")  # "... M."
    doc = read_file(path)
    assert not doc.complete and doc.answered is None
