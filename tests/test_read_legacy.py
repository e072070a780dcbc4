"""read.an_legacy: questions.assemblee-nationale.fr pages, 13th-17th legislature."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parlkg.errors import ParlkgError, TruncatedInputError, UnknownLayoutError
from parlkg.model import DocType, Document
from parlkg.read import decode, read_file, readers
from parlkg.read.an_legacy import READER

FIXTURES = Path(__file__).parent / "fixtures" / "read" / "an_legacy"


def read(name: str) -> Document:
    return read_file(FIXTURES / name)


def test_classic_withdrawn_question() -> None:
    doc = read("q14_withdrawn.txt")
    assert doc.layout == "an_legacy"
    assert doc.key == "an-14-qe-51234"
    assert (doc.number, doc.legislature, doc.doc_type) == ("51234", 14, DocType.WRITTEN_QUESTION)
    assert doc.author is not None
    assert doc.author.name == "Claire Dubois-Martel"
    assert doc.author.civility == "Mme"
    # the group holds " - ": the département is after the last one
    assert doc.author.group == "Union des démocrates et indépendants - NUPES"
    assert doc.author.constituency == doc.author.department == "Haute-Garonne"
    assert doc.ministry_asked == "Économie et finances"
    assert doc.ministries_assigned == ["Numérique"]
    assert doc.rubrique == "télécommunications"
    assert doc.heading_analysis == "internet"
    assert doc.analysis == ["hébergement de données. sécurité. contrôle."]
    assert doc.published == dt.date(2015, 2, 3)
    assert doc.jo_page == 701
    assert doc.attribution_changed == dt.date(2016, 6, 12)
    assert doc.renewed == dt.date(2015, 11, 24)  # the latest renewal
    assert doc.withdrawn == dt.date(2017, 6, 20)
    assert doc.withdrawal_reason == "fin de mandat"
    assert doc.addressee_in_text == "M. le ministre de l'économie et des finances"
    assert doc.text.startswith("Mme Claire Dubois-Martel attire")
    assert doc.question_span == (0, len(doc.text))
    assert doc.answer_span is None
    assert doc.complete, doc.warnings


def test_html_version_gives_the_same_document() -> None:
    text_doc = read("q14_withdrawn.txt")
    html_doc = read("q14_withdrawn.html")
    ignore = {"source_path", "content_hash"}
    assert html_doc.model_dump(exclude=ignore) == text_doc.model_dump(exclude=ignore)


def test_answered_question_has_both_parts() -> None:
    doc = read("q16_answered.txt")
    assert doc.title == "Messagerie chiffrée des armées"
    assert doc.answered == dt.date(2023, 3, 14)
    assert doc.answer_jo_page == 2410
    assert doc.question_span is not None and doc.answer_span is not None
    q = doc.text[doc.question_span[0] : doc.question_span[1]]
    a = doc.text[doc.answer_span[0] : doc.answer_span[1]]
    assert q.startswith("M. Antoine Verdier interroge") and q.endswith("retenu.")
    assert a.startswith("La messagerie des armées") and a.endswith("accès.")
    assert doc.text == q + "\n\n" + a
    assert doc.complete


def test_fiche_layout_name_in_natural_order() -> None:
    doc = read("q13_fiche.txt")
    assert doc.key == "an-13-qe-99001"
    assert doc.author is not None
    assert doc.author.name == "Sophie Lemaire-Roux"
    assert doc.author.group == "Nouveau Centre"
    assert doc.author.constituency == "Loiret"
    assert doc.ministry_asked == "Culture et communication"
    assert doc.published == dt.date(2012, 3, 6)
    assert doc.jo_page == 1980
    assert doc.withdrawn == dt.date(2012, 6, 19)
    assert doc.withdrawal_reason == "Fin de mandat"
    assert doc.text.startswith("Mme Sophie Lemaire-Roux attire")
    assert not doc.complete
    assert any("mid-sentence" in w for w in doc.warnings)


def test_truncated_page_is_flagged() -> None:
    doc = read("q15_truncated.txt")
    assert doc.title == "Fichiers de police"
    assert not doc.complete
    assert doc.warnings


def test_modern_page_takes_number_and_legislature_from_url() -> None:
    doc = read("q16_modern.txt")
    assert (doc.number, doc.legislature) == ("8888", 16)
    assert doc.key == "an-16-qe-8888"
    assert doc.title == "Logiciels de visioconférence dans les hôpitaux"
    assert doc.author is not None
    assert doc.author.name == "Claire Dubois-Martel"
    assert doc.author.constituency == "Haute-Garonne (4e circonscription)"
    assert doc.author.department == "Haute-Garonne"
    assert doc.author.group == "Gauche démocrate et républicaine - NUPES"
    assert doc.answered == dt.date(2023, 12, 5)
    assert doc.addressee_in_text == "M. le ministre de la santé et de la prévention"
    assert doc.answer_span is not None
    # the real page ends with "Données clés" (ministries, rubrique, JO pages): a capture
    # without it is flagged, not taken for the whole page
    assert not doc.complete
    assert any("Données clés" in w for w in doc.warnings)
    assert read("q16_modern_key_data.txt").complete


def test_modern_page_html_matches_text() -> None:
    ignore = {"source_path", "content_hash"}
    assert read("q16_modern.html").model_dump(exclude=ignore) == read("q16_modern.txt").model_dump(
        exclude=ignore
    )


def test_qag_variant_with_transcript() -> None:
    doc = read("q17_qag.txt")
    assert doc.doc_type is DocType.GOVERNMENT_QUESTION
    assert doc.key == "an-17-qg-777"
    assert doc.title == "Stockage des données fiscales"
    assert doc.published == doc.answered == dt.date(2025, 5, 14)
    assert doc.author is not None and doc.author.name == "Antoine Verdier"
    assert doc.answered_by == "Hélène Marchetti"
    assert doc.answered_by_role == "ministre chargée des comptes publics"
    assert doc.addressee_in_text == "Mme la ministre des comptes publics"
    speakers = [t.speaker for t in doc.turns]
    assert speakers[:3] == ["la présidente", "Antoine Verdier", "Lucien Bray"]
    group_turn = next(t for t in doc.turns if "groupe" in t.speaker)
    assert group_turn.speaker == "députés du groupe LFI-NFP" and not group_turn.named
    applause = [r for r in doc.reactions if r.kind == "applause"]
    assert ["HOR"] in [r.by_groups for r in applause]
    assert ["Paul Garnier"] in [r.by_persons for r in applause]
    for r in doc.reactions:
        assert doc.text[r.start : r.end] == r.exact
    for t in doc.turns:
        assert 0 <= t.start < t.end <= len(doc.text)


def test_detect_scores() -> None:
    for name in ("q14_withdrawn.txt", "q13_fiche.txt", "q16_modern.txt", "q17_qag.txt"):
        path = FIXTURES / name
        assert READER.detect(decode(path, path.read_bytes())) == 0.9


def test_read_rejects_other_layouts(tmp_path: Path) -> None:
    path = tmp_path / "other.txt"
    path.write_text("Bonjour,\nceci est une lettre.\n", encoding="utf-8")
    with pytest.raises(UnknownLayoutError) as err:
        READER.read(decode(path, path.read_bytes()))
    assert str(path) in str(err.value)


def test_header_without_text_is_truncated(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text(
        "14ème législature\nQuestion N° 1\nde M. Jean Test (Groupe - Nord )\nQuestion écrite\n",
        encoding="utf-8",
    )
    with pytest.raises(TruncatedInputError):
        read_file(path)


@pytest.mark.parametrize("seed", sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")))
def test_seed_pages_are_not_mine(seed: Path) -> None:
    source = decode(seed, seed.read_bytes())
    for name in ("an_legacy", "senat", "nosdeputes", "an_opendata"):
        assert readers()[name].detect(source) == 0.0


def test_modern_page_with_key_data_block() -> None:
    doc = read("q16_modern_key_data.txt")
    assert doc.number == "8888"
    assert doc.rubrique == "Santé"
    assert doc.ministry_asked == "Santé et prévention"
    assert doc.ministries_assigned == ["Santé et prévention"]
    assert (doc.published, doc.jo_page) == (dt.date(2023, 7, 11), 6400)
    assert (doc.answered, doc.answer_jo_page) == (dt.date(2023, 12, 5), 10900)
    assert "Données clés" not in doc.text
    assert doc.text == read("q16_modern.txt").text


def test_classic_government_question() -> None:
    doc = read("q15_qg.txt")
    assert doc.doc_type is DocType.GOVERNMENT_QUESTION
    assert doc.key == "an-15-qg-3030"
    assert doc.author is not None and doc.author.name == "Lucien Bray"
    assert doc.answered_by == "Marcel Aubry"
    assert doc.answered_by_role == "ministre de l'intérieur"
    assert doc.answer_jo_page == 7001
    assert [t.speaker for t in doc.turns] == [
        "le président",
        "Lucien Bray",
        "le président",
        "Marcel Aubry",
    ]
    kinds = [(r.kind, r.by_groups) for r in doc.reactions]
    assert kinds == [("applause", ["LR"]), ("applause", ["LaREM"]), ("exclamation", ["LR"])]
    assert doc.reactions[0].turn == 1


_PIECES = [
    "FICHE QUESTION",
    "14ème législature",
    "Question N° 12",
    "Question N° : 12 de M. Nom Prénom ( Groupe - Nord ) QE",
    "de M. Jean Test (Groupe - Nord )",
    "Question de :",
    "Question de : M. Jean Test",
    "M. Jean Test",
    "Nord (1re circonscription) - Groupe",
    "Question au Gouvernement n° 5 :",
    "Question posée en séance, et publiée le 3 mars 2024",
    "Texte de la question",
    "Texte de la réponse",
    "Texte de la QUESTION : M. Jean Test interroge",
    "Réponse publiée le 31 février 2023",
    "Question publiée au JO le : 99/99/2020 page : x",
    "Question retirée le: 20/06/2017 (fin",
    "Mme la présidente. La parole est à M. Jean Test.",
    "M. Jean Test, ministre . (Applaudissements sur les bancs du groupe X.",
    "Plusieurs députés du groupe RN .",
    "Question de M. TEST Jean (Nord - LR) publiée le 09/07/2020",
    "Réponse du ministère : publiée le",
    "Jean Test",
    "Question N° 7 au Ministère de l'intérieur",
    "Question soumise le 8 juin 2021",
    "Données clés",
    "Rubrique :",
    "<p>",
    "{",
    "(",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["", "source: x\n"]))
def test_my_readers_never_crash(pieces: list[str], head: str) -> None:
    data = (head + "\n".join(pieces)).encode("utf-8")
    if not data.strip():
        return
    source = decode(Path("fuzz.txt"), data)
    for name in ("an_legacy", "senat", "nosdeputes", "an_opendata"):
        reader = readers()[name]
        assert reader.detect(source) in (0.0, 0.5, 0.9)
        try:
            doc = reader.read(source)
        except ParlkgError:
            continue
        for span in (doc.question_span, doc.answer_span):
            if span is not None:
                assert 0 <= span[0] <= span[1] <= len(doc.text)
