"""read.nosdeputes: nosdeputes.fr question pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parlkg.errors import TruncatedInputError
from parlkg.model import Document
from parlkg.read import read_file

FIXTURES = Path(__file__).parent / "fixtures" / "read" / "nosdeputes"


def read(name: str) -> Document:
    return read_file(FIXTURES / name)


def test_question_without_answer() -> None:
    doc = read("qe_no_answer.txt")
    assert doc.layout == "nosdeputes"
    assert (doc.number, doc.legislature) == ("41000", 15)  # legislature from the URL
    assert doc.key == "an-15-qe-41000"
    assert doc.author is not None
    assert (doc.author.name, doc.author.civility) == ("Lucien Bray", "M.")
    assert doc.ministry_asked == "Ministère de l'intérieur"  # apostrophe normalised
    assert doc.published == dt.date(2021, 6, 8)
    assert doc.answered is None
    assert "Photo issue" not in doc.text  # boilerplate is not body
    assert "pas encore de réponse" not in doc.text
    assert doc.text.startswith("M. Lucien Bray interroge")
    assert doc.complete


def test_answered_html_page() -> None:
    doc = read("qe_answered.html")
    assert doc.key == "an-16-qe-5050"
    assert doc.author is not None and doc.author.name == "Sophie Lemaire-Roux"
    assert doc.answered == dt.date(2023, 6, 6)
    assert doc.answer_span is not None
    assert doc.text[doc.answer_span[0] : doc.answer_span[1]] == (
        "La Bibliothèque nationale de France assure cet archivage."
    )
    assert "Commentaires" not in doc.text
    assert doc.complete


def test_truncated_page() -> None:
    doc = read("qe_truncated.txt")
    assert not doc.complete
    assert any("mid-sentence" in w for w in doc.warnings)


def test_header_without_text(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text(
        "Lucien Bray\nQuestion N° 1 au Ministère de l'intérieur\nQuestion soumise le 3 mars 2023\n",
        encoding="utf-8",
    )
    with pytest.raises(TruncatedInputError):
        read_file(path)
