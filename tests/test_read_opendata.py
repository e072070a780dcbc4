"""read.an_opendata: Assemblée nationale open-data question records (JSON, XML)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from parlkg.errors import InputError
from parlkg.model import DocType, Document
from parlkg.read import read_file

FIXTURES = Path(__file__).parent / "fixtures" / "read" / "opendata"


def read(name: str) -> Document:
    return read_file(FIXTURES / name)


def test_written_question_with_answer_and_reassignment() -> None:
    doc = read("QANR5L16QE1234.json")
    assert doc.layout == "an_opendata"
    assert doc.key == "an-16-qe-1234"  # the key the page readers give
    assert doc.doc_type is DocType.WRITTEN_QUESTION
    assert doc.rubrique == "numérique"
    assert doc.heading_analysis == "données"
    assert doc.analysis == ["hébergement", "souveraineté"]
    assert doc.title is None  # with a tête d'analyse, the analyses are not a title
    assert doc.author is not None
    # the record names no one: the question's opening does ("M. Antoine Verdier interroge")
    assert (doc.author.name, doc.author.civility) == ("Antoine Verdier", "M.")
    assert doc.author.ref == "PA700001"
    assert (doc.author.group, doc.author.group_short) == ("Horizons et apparentés", "HOR")
    assert doc.ministry_asked == "Économie"
    assert doc.ministries_assigned == ["Économie", "Transition numérique"]
    assert doc.attribution_changed == dt.date(2023, 4, 4)
    assert (doc.published, doc.jo_page) == (dt.date(2023, 1, 10), 120)
    assert (doc.answered, doc.answer_jo_page) == (dt.date(2023, 6, 20), 5700)
    assert doc.closure == "Réponse publiée"
    assert doc.question_span is not None and doc.answer_span is not None
    assert doc.text[: doc.question_span[1]].endswith("le prestataire retenu.")
    assert doc.text[doc.answer_span[0] :].startswith("Les données fiscales")
    assert doc.addressee_in_text == "M. le ministre de l'économie"
    assert doc.complete


def test_withdrawn_question_with_republished_text() -> None:
    doc = read("QANR5L15QE999.json")
    assert doc.withdrawn == dt.date(2022, 6, 21)
    assert doc.withdrawal_reason == "Retirée (fin de mandat)"
    assert doc.answered is None
    assert doc.renewed == dt.date(2018, 9, 4)
    assert doc.title == "Données de santé"
    assert doc.text.count("attire l'attention") == 1  # the first text only


def test_government_question_debate() -> None:
    doc = read("QANR5L16QG42.json")
    assert doc.doc_type is DocType.GOVERNMENT_QUESTION
    assert doc.key == "an-16-qg-42"
    assert doc.title == "DONNÉES DE SANTÉ"
    assert not doc.text.startswith("DONNÉES")  # the centred title is not body
    assert doc.author is not None
    assert (doc.author.name, doc.author.civility, doc.author.ref) == (
        "Claire Dubois-Martel",
        "Mme",
        "PA700010",
    )
    assert doc.answered_by == "Louis Garcin"
    assert doc.answered_by_role == "ministre de la santé"
    assert doc.answered == dt.date(2023, 2, 1)
    assert doc.answer_jo_page == 1010  # from cloture.infoJO
    speakers = [(t.speaker, t.named) for t in doc.turns]
    assert ("députés du groupe GDR", False) in speakers
    assert speakers[0] == ("la présidente", False)
    reactions = [(r.kind, r.by_groups, r.by_persons) for r in doc.reactions]
    assert ("applause", ["GDR"], []) in reactions
    assert ("applause", [], ["Lucien Bray", "Paul Garnier"]) in reactions
    assert ("protest", ["GDR"], []) in reactions
    assert ("applause", ["RE", "Dem"], []) in reactions
    for r in doc.reactions:
        assert doc.text[r.start : r.end] == r.exact
        assert r.turn is not None
    assert "\u00a0" not in doc.text


def test_oral_question_has_question_then_transcript() -> None:
    doc = read("QANR5L16QOSD7.json")
    assert doc.doc_type is DocType.ORAL_QUESTION
    assert doc.key == "an-16-qosd-7"
    assert doc.question_span == (0, doc.text.index("\n\n"))
    assert doc.answered_by == "Louis Garcin"
    assert doc.turns and doc.turns[0].start > doc.question_span[1]


def test_xml_flavour() -> None:
    doc = read("QANR5L16QE77.xml")
    assert doc.key == "an-16-qe-77"
    assert doc.heading_analysis is None  # xsi:nil
    assert doc.title == "Messageries des collectivités"
    assert doc.ministries_assigned == ["Cohésion des territoires", "Transition numérique"]
    assert doc.attribution_changed == dt.date(2022, 10, 11)
    assert (doc.published, doc.jo_page) == (dt.date(2022, 8, 2), 3700)
    assert doc.answered is None


@pytest.mark.parametrize(
    ("name", "where"),
    [
        ("malformed_invalid.json", "invalid JSON at line 1"),
        ("malformed_no_question.json", "$.question is missing"),
        ("malformed_wrong_type.json", "$.question.minAttribs.minAttrib[1]: expected an object"),
        ("malformed_identifiant.json", "$.question.identifiant: expected an object"),
    ],
)
def test_malformed_records_name_file_and_path(name: str, where: str) -> None:
    with pytest.raises(InputError) as err:
        read(name)
    assert name in str(err.value)
    assert where in str(err.value)


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda q: q.pop("identifiant"), "$.question.identifiant"),
        (lambda q: q.update(type="QX"), "$.question.type"),
        (lambda q: q["identifiant"].update(legislature="seize"), "identifiant.legislature"),
        (lambda q: q["textesQuestion"]["texteQuestion"].update(texte=12.5), "texteQuestion.texte"),
        (lambda q: q["cloture"].update(dateCloture="hier"), "$.question.cloture.dateCloture"),
        (lambda q: q.update(textesQuestion=None, textesReponse=None), "textesQuestion"),
    ],
)
def test_wrong_fields_raise_input_error(tmp_path: Path, mutate, where: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((FIXTURES / "QANR5L16QE1234.json").read_text(encoding="utf-8"))
    mutate(data["question"])
    path = tmp_path / "QANR5L16QE1234.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_file(path)
    assert where in str(err.value)
    assert str(path) in str(err.value)


def test_author_named_by_reference_when_no_name_is_printed(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "QANR5L16QE1234.json").read_text(encoding="utf-8"))
    q = data["question"]
    q["textesQuestion"]["texteQuestion"]["texte"] = "Le député demande au ministre qui héberge."
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = read_file(path)
    assert doc.author is not None
    assert doc.author.name == doc.author.ref == "PA700001"
    assert doc.author.civility is None
    assert any("acteurRef" in w for w in doc.warnings)
    assert doc.complete


def test_single_minattrib_and_string_analyse(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "QANR5L16QE1234.json").read_text(encoding="utf-8"))
    q = data["question"]
    q["minAttribs"]["minAttrib"] = q["minAttribs"]["minAttrib"][0]
    q["indexationAN"]["analyses"]["analyse"] = "hébergement"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = read_file(path)
    assert doc.ministries_assigned == ["Économie"]
    assert doc.attribution_changed is None
    assert doc.analysis == ["hébergement"]


def test_no_other_exception_escapes_on_damaged_records(tmp_path: Path) -> None:
    """Cut the records anywhere: a reader raises an InputError or reads, nothing else."""
    from parlkg.errors import ParlkgError
    from parlkg.read import decode
    from parlkg.read.an_opendata import READER

    for fixture in sorted(FIXTURES.glob("QANR*")):
        data = fixture.read_bytes()
        for cut in range(1, len(data), max(1, len(data) // 40)):
            path = tmp_path / fixture.name
            path.write_bytes(data[:cut])
            try:
                source = decode(path, data[:cut])
                READER.read(source)
            except ParlkgError:
                pass


def test_closure_code_kept_when_no_label(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "QANR5L15QE999.json").read_text(encoding="utf-8"))
    data["question"]["cloture"]["libelleCloture"] = None
    code = data["question"]["cloture"]["codeCloture"]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = read_file(path)
    assert code and doc.closure == code


def test_transcript_cut_before_the_answer_is_incomplete(tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "QANR5L16QG42.json").read_text(encoding="utf-8"))
    answer = data["question"]["textesReponse"]["texteReponse"]
    answer["texte"] = answer["texte"][: answer["texte"].index("<strong>M.\u00a0Louis Garcin")]
    path = tmp_path / "QANR5L16QG42.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = read_file(path)
    assert doc.answered_by is None
    assert not doc.complete
    assert "the debate stops before a member of the Government answers" in doc.warnings
