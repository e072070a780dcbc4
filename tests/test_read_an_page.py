"""The Assemblée nationale question page reader ("Données clés" layout)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parlkg.errors import InputError, TruncatedInputError, UnknownLayoutError
from parlkg.model import Chamber, DocType, Document
from parlkg.read import Source, choose, decode
from parlkg.read.an_page import READER, addressee_in_text
from parlkg.read.letter import READER as LETTER
from parlkg.read.mdtext import strip_inline
from parlkg.read.sitting import answering_turn, parse_label, parse_turns, reaction_kind

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "read"
CORPUS = ROOT.parent / "shared" / "corpus"

PAGE_SEEDS = sorted(p for p in SEEDS.glob("*.txt") if not p.name.startswith("003_"))


def source_of(path: Path, text: str | None = None) -> Source:
    data = path.read_bytes() if text is None else text.encode("utf-8")
    return decode(path, data)


def read(path: Path, text: str | None = None) -> Document:
    return READER.read(source_of(path, text))


def gold_of(path: Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(path.with_suffix(".gold.json").read_text("utf-8"))
    return gold


def check_offsets(doc: Document) -> None:
    """Every offset of the Document points into its text."""
    n = len(doc.text)
    for span in (doc.question_span, doc.answer_span):
        if span:
            assert 0 <= span[0] <= span[1] <= n
    for turn in doc.turns:
        assert 0 <= turn.start < turn.end <= n
    for a, b in zip(doc.turns, doc.turns[1:], strict=False):
        assert a.end <= b.start
    for r in doc.reactions:
        assert doc.text[r.start : r.end] == r.exact
        assert r.turn is None or doc.turns[r.turn].start <= r.start < doc.turns[r.turn].end


# --- the seeds against their gold ----------------------------------------------


def test_there_are_four_page_seeds() -> None:
    assert len(PAGE_SEEDS) == 4


@pytest.mark.parametrize("path", PAGE_SEEDS, ids=[p.stem for p in PAGE_SEEDS])
def test_seed_metadata_matches_gold(path: Path) -> None:
    gold = gold_of(path)
    doc = read(path)
    assert doc.layout == "an_page"
    assert doc.source_path == str(path)
    assert doc.chamber.value == gold["chamber"]
    assert doc.doc_type.value == gold["doc_type"]
    assert doc.number == gold["number"]
    assert doc.legislature == gold["legislature"]
    assert doc.title == gold["title"]
    assert doc.rubrique == gold["rubrique"]
    assert doc.author is not None
    for field in ("name", "civility", "group", "constituency"):
        assert getattr(doc.author, field) == gold["author"][field], field
    assert doc.author.department == gold["author"]["constituency"].split(" (")[0]
    assert doc.ministry_asked == gold["ministry_asked"]
    assert doc.ministries_assigned == [gold["ministry_responsible"]]
    assert doc.addressee_in_text == gold["addressee_in_text"]
    dates = gold["dates"]
    assert str(doc.published) == dates["published"]
    assert doc.jo_page == dates["jo_page"]
    assert (str(doc.answered) if doc.answered else None) == dates["answered"]
    assert doc.answer_jo_page == dates["answer_jo_page"]
    assert (str(doc.withdrawn) if doc.withdrawn else None) == dates["withdrawn"]
    assert doc.withdrawal_reason == dates["withdrawn_reason"]
    assert doc.answered_by == gold["answered_by"]
    assert doc.complete, doc.warnings
    assert doc.warnings == [] or doc.doc_type is DocType.GOVERNMENT_QUESTION
    code = "qg" if "gouv" in gold["doc_type"] else "qe"
    assert doc.key == f"an-{gold['legislature']}-{code}-{gold['number']}"
    check_offsets(doc)


@pytest.mark.parametrize("path", PAGE_SEEDS, ids=[p.stem for p in PAGE_SEEDS])
def test_seed_text_is_the_body_only(path: Path) -> None:
    doc = read(path)
    for noise in ("Données clés", "Auteur :", "législature", "**", "](#)", "^{", "<sup>"):
        assert noise not in doc.text
    assert doc.text == doc.text.strip()
    assert "\n\n\n" not in doc.text


def test_seed_written_question_text() -> None:
    doc = read(SEEDS / "000_34a646ee87d76164.txt")
    assert doc.text.startswith("M. Philippe Latombe attire l'attention de Mme la secrétaire")
    assert doc.text.endswith("la souveraineté des données qu'ils hébergent.")
    assert "le Digital Evidence Sharing Capability (DESC)" in doc.text  # italics stripped
    assert doc.question_span == (0, len(doc.text))
    assert doc.answer_span is None
    assert doc.turns == [] and doc.reactions == []


def test_seed_debate_speakers_and_answer() -> None:
    path = SEEDS / "002_29cff7a8bea29425.txt"
    gold = gold_of(path)
    doc = read(path)
    assert not doc.text.startswith("HÉBERGEMENT")  # the title repeated in capitals is dropped
    assert doc.text.startswith("Mme la présidente . La parole est à M. Emmanuel Maurel.")
    named = [t.speaker for t in doc.turns if t.named]
    assert list(dict.fromkeys(named)) == gold["speakers"]
    chair = [t for t in doc.turns if not t.named]
    assert {t.speaker for t in chair} == {"la présidente"}
    assert all(t.civility == "Mme" for t in chair)
    assert doc.answered_by == "Clara Chappaz"
    assert (
        doc.answered_by_role
        == "ministre déléguée chargée de l'intelligence artificielle et du numérique"
    )
    assert str(doc.answered) == str(doc.published) == "2025-04-09"
    # the glued label "ministre déléguéeet je vous remercie" is a turn of the same speaker
    glued = next(
        t
        for t in doc.turns
        if doc.text[t.start :].startswith("Mme Clara Chappaz, ministre déléguéeet")
    )
    assert glued.speaker == "Clara Chappaz" and glued.role == "ministre déléguée"
    assert doc.turns[-1].speaker == "Clara Chappaz"
    assert doc.text[doc.turns[-1].start : doc.turns[-1].end].endswith("nos offres françaises.")
    # the question is Maurel's part, the answer starts with the minister's first turn
    assert doc.question_span and doc.answer_span
    assert doc.text[doc.answer_span[0] :].startswith("Mme Clara Chappaz, ministre déléguée chargée")
    assert "Ma question est claire" in doc.text[doc.question_span[0] : doc.question_span[1]]
    assert (
        "La parole est à Mme la ministre"
        not in doc.text[doc.question_span[0] : doc.question_span[1]]
    )
    check_offsets(doc)


def test_seed_debate_reactions() -> None:
    path = SEEDS / "002_29cff7a8bea29425.txt"
    gold = gold_of(path)
    doc = read(path)
    applause = [r for r in doc.reactions if r.kind == "applause"]
    groups = {g for r in applause for g in r.by_groups}
    persons = {p for r in applause for p in r.by_persons}
    assert groups == {a["by_group"] for a in gold["applause"] if "by_group" in a}
    assert persons == {a["by_person"] for a in gold["applause"] if "by_person" in a}
    first, second = doc.reactions[:2]
    assert first.exact == "Applaudissements sur les bancs du groupe GDR."
    assert first.by_groups == ["GDR"] and first.by_persons == []
    assert second.by_persons == ["Alexis Corbière", "René Pilato"] and second.by_groups == []
    assert doc.turns[first.turn or 0].speaker == "Emmanuel Maurel"
    assert len(doc.reactions) == 4


# --- fixtures of our own ----------------------------------------------------------


def test_written_question_with_answer() -> None:
    doc = read(FIXTURES / "an_page_qe_answered.txt")
    assert doc.source_url == "https://www.assemblee-nationale.fr/dyn/16/questions/QANR5L16QE9123"
    assert doc.key == "an-16-qe-9123"
    assert (doc.doc_type, doc.chamber, doc.legislature, doc.number) == (
        DocType.WRITTEN_QUESTION,
        Chamber.AN,
        16,
        "9123",
    )
    assert doc.author is not None
    assert doc.author.name == "Hélène Marcou" and doc.author.civility == "Mme"
    assert doc.author.constituency == "Loire-Atlantique (4e circonscription)"
    assert doc.author.department == "Loire-Atlantique"
    assert doc.author.group == "Écologiste - NUPES"  # a group with " - " in its name
    assert doc.ministry_asked == "Numérique"
    assert doc.ministries_assigned == ["Éducation nationale et jeunesse"]
    assert (
        doc.addressee_in_text
        == "M. le ministre délégué auprès du ministre de l'économie, chargé du numérique"
    )
    assert str(doc.published) == "2023-03-14" and doc.jo_page == 2310
    assert str(doc.answered) == "2023-06-20" and doc.answer_jo_page == 5637
    assert str(doc.attribution_changed) == "2023-05-02"
    assert doc.withdrawn is None and doc.answered_by is None
    assert doc.question_span and doc.answer_span
    question = doc.text[doc.question_span[0] : doc.question_span[1]]
    answer = doc.text[doc.answer_span[0] : doc.answer_span[1]]
    assert question.startswith("Mme Hélène Marcou interroge")
    assert question.endswith("lors du renouvellement des marchés.")
    assert "\n\n" in question  # two paragraphs
    assert "exploités par Amazon Web Services, ce qui" in question  # *italic* stripped
    assert "qualification SecNumCloud sera" in question  # **bold** stripped
    assert answer.startswith("Les espaces numériques de travail relèvent")
    assert answer.endswith("avant la fin de l'année.")
    assert doc.text == question + "\n\n" + answer
    assert doc.complete and doc.warnings == []


def test_government_question_with_debate() -> None:
    doc = read(FIXTURES / "an_page_qag_debate.txt")
    assert doc.key == "an-17-qg-912"
    assert doc.doc_type is DocType.GOVERNMENT_QUESTION
    assert doc.author is not None and doc.author.constituency == "Isère (2e circonscription)"
    assert doc.addressee_in_text == "M. le ministre délégué chargé de l'industrie et du numérique"
    assert [t.speaker for t in doc.turns] == [
        "le président",
        "Lucie Brévan",
        "Karim Oudane",
        "Lucie Brévan",
        "le président",
        "Antoine Rével",
        "Lucie Brévan",
        "Antoine Rével",  # printed "M. Rével": the name seen first is kept
        "Karim Oudane",
        "Antoine Rével",  # glued label "ministre déléguéNous tiendrons"
    ]
    assert [t.named for t in doc.turns].count(False) == 2
    assert doc.answered_by == "Antoine Rével"
    assert doc.answered_by_role == "ministre délégué chargé de l'industrie et du numérique"
    assert str(doc.answered) == "2025-10-15"
    last = doc.turns[-1]
    assert last.role == "ministre délégué"
    assert doc.text[last.start : last.end].startswith(
        "M. Antoine Rével, ministre déléguéNous tiendrons"
    )
    # the minister's first turn runs over two paragraphs
    minister = doc.turns[5]
    assert doc.text[minister.start : minister.end].endswith("financement des hébergeurs qualifiés.")
    assert any("glued" in w for w in doc.warnings)
    check_offsets(doc)


def test_government_question_reactions() -> None:
    doc = read(FIXTURES / "an_page_qag_debate.txt")
    got = [(r.kind, r.by_groups, r.by_persons, r.turn) for r in doc.reactions]
    assert got == [
        ("applause", ["EcoS", "SOC"], [], 1),
        ("applause", [], ["Paul Verdier"], 1),
        ("protest", ["RN"], [], 3),
        ("applause", [], ["Nadia Ferhat", "Yves Collin"], 5),
        ("exclamation", ["LFI-NFP", "GDR"], [], 7),
        ("applause", ["EPR"], [], 9),
    ]
    assert doc.reactions[1].exact == "M. Paul Verdier applaudit aussi."
    check_offsets(doc)


def test_truncated_page_keeps_what_was_read() -> None:
    doc = read(FIXTURES / "an_page_truncated.txt")
    assert not doc.complete
    assert any("Données clés" in w for w in doc.warnings)
    assert any("mid-sentence" in w for w in doc.warnings)
    assert doc.key == "an-17-qe-3310"
    assert doc.title == "Messagerie des collectivités territoriales"
    assert doc.author is not None
    assert (doc.author.name, doc.author.civility) == ("Gaël Tanguel", "M.")
    assert doc.addressee_in_text == "Mme la ministre chargée de la fonction publique"
    assert doc.published is None and doc.rubrique is None
    assert doc.text.endswith("les exige")


def test_page_cut_before_the_question_raises() -> None:
    path = FIXTURES / "an_page_cut_before_text.txt"
    assert READER.detect(source_of(path)) > 0
    with pytest.raises(TruncatedInputError) as info:
        read(path)
    assert str(path) in str(info.value)


def test_other_text_raises_unknown_layout() -> None:
    with pytest.raises(UnknownLayoutError):
        read(FIXTURES / "not_a_letter.txt")
    with pytest.raises(UnknownLayoutError):
        read(FIXTURES / "letter_depute.txt")


def test_markup_variants_give_the_same_document() -> None:
    """The same page with other markdown decorations reads the same."""
    path = SEEDS / "000_34a646ee87d76164.txt"
    plain = path.read_text("utf-8")
    decorated = re.sub(r"^([A-Z][^:\n]{2,60}?) : ", r"**\1 :** ", plain, flags=re.MULTILINE)
    decorated = re.sub(
        r"^(Texte de la question|Données clés|Date\(s\) clé\(s\))$",
        r"## \1",
        decorated,
        flags=re.MULTILINE,
    )
    decorated = decorated.replace("1^{re}", "1<sup>re</sup>").replace("ASSEMBLÉE", "# ASSEMBLÉE")
    decorated = decorated.replace(
        "Rubrique :** Numérique", "Rubrique :** [Numérique](https://example.org)"
    )
    assert decorated != plain and "**Auteur :**" in decorated
    a, b = read(path), read(path, decorated)
    skip = {"content_hash"}
    assert a.model_dump(exclude=skip) == b.model_dump(exclude=skip)


def test_crlf_and_nbsp_are_normalised() -> None:
    path = SEEDS / "001_d3080d90d4f9363f.txt"
    text = path.read_text("utf-8").replace("\n", "\r\n").replace("n° 2114", "n°\u00a02114")
    doc = read(path, text)
    assert doc.number == "2114" and doc.complete


# --- detection ------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGE_SEEDS, ids=[p.stem for p in PAGE_SEEDS])
def test_detects_the_page_seeds(path: Path) -> None:
    assert READER.detect(source_of(path)) == pytest.approx(0.9)
    assert LETTER.detect(source_of(path)) == 0.0


def test_detects_own_fixtures() -> None:
    for name in ("an_page_qe_answered.txt", "an_page_qag_debate.txt"):
        assert READER.detect(source_of(FIXTURES / name)) == pytest.approx(0.9)
    assert 0.5 < READER.detect(source_of(FIXTURES / "an_page_truncated.txt")) < 0.9
    for name in ("letter_depute.txt", "letter_senatrice.txt", "not_a_letter.txt"):
        assert READER.detect(source_of(FIXTURES / name)) == 0.0
    assert READER.detect(source_of(SEEDS / "003_b3f665efced46507.txt")) == 0.0


CORPUS_FILES = (
    sorted(
        p
        for p in CORPUS.glob("*")
        if p.suffix in {".txt", ".json"} and not p.name.endswith(".gold.json")
    )
    if CORPUS.is_dir()
    else []
)


@pytest.mark.skipif(not CORPUS_FILES, reason="shared/corpus is not beside the repository")
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.stem for p in CORPUS_FILES])
def test_other_layouts_score_zero(path: Path) -> None:
    assert READER.detect(source_of(path)) == 0.0


@pytest.mark.parametrize("path", PAGE_SEEDS, ids=[p.stem for p in PAGE_SEEDS])
def test_the_registry_chooses_this_reader(path: Path) -> None:
    assert choose(source_of(path)).name == "an_page"


# --- robustness -----------------------------------------------------------------

ALL_PAGES = [*PAGE_SEEDS, *sorted(FIXTURES.glob("an_page_*.txt"))]


@pytest.mark.parametrize("path", ALL_PAGES, ids=[p.stem for p in ALL_PAGES])
def test_any_cut_reads_or_raises_an_input_error(path: Path) -> None:
    """A page cut anywhere is read (maybe incomplete) or refused with an InputError."""
    text = path.read_text("utf-8")
    for cut in range(0, len(text), max(1, len(text) // 150)):
        if not text[:cut].strip():
            continue  # decode() refuses an empty file before any reader
        try:
            doc = read(path, text[:cut])
        except (TruncatedInputError, UnknownLayoutError):  # a refusal, not a crash
            continue
        check_offsets(doc)
        assert doc.layout == "an_page"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "ASSEMBLÉE NATIONALE",
                "17ème législature",
                "Question écrite n° 12",
                "Question au Gouvernement n° 7",
                "Texte de la question",
                "Texte de la réponse",
                "Données clés",
                "Date(s) clé(s)",
                "Auteur : M. A B",
                "Circonscription : X (1^{re} circonscription) - G",
                "Type de question : Question au Gouvernement",
                "Question publiée au JO le : 31 février 2024, page x",
                "Mme la présidente . La parole est à M. le ministre.",
                "M. A B, ministre . (Applaudissements sur les bancs du groupe X.)",
                "M. A B, ministre déléguée",
                "(*Rires.*)",
                "",
                "**",
                "[](#)",
            ]
        )
        | st.text(max_size=40),
        max_size=30,
    )
)
def test_no_input_crashes_the_reader(lines: list[str]) -> None:
    try:
        source = decode(Path("generated.txt"), "\n".join(lines).encode("utf-8"))
    except InputError:  # empty or binary: refused before any reader
        return
    assert 0.0 <= READER.detect(source) <= 1.0
    try:
        doc = READER.read(source)
    except (TruncatedInputError, UnknownLayoutError):  # a refusal, not a crash
        return
    check_offsets(doc)


# --- helpers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**Auteur :** [M. Jean Dupont](#)", "Auteur : M. Jean Dupont"),
        ("Vendée (1^{re} circonscription)", "Vendée (1re circonscription)"),
        ("Hérault (7^e circonscription)", "Hérault (7e circonscription)"),
        ("Gard (13<sup>e</sup> circonscription)", "Gard (13e circonscription)"),
        ("## Texte de la question", "Texte de la question"),
        ("le *Cloud Act* et le _RGPD_", "le Cloud Act et le RGPD"),
        ("(*Applaudissements.*)", "(Applaudissements.)"),
        ("<https://example.org/x>", "https://example.org/x"),
        ("M&eacute;tropole", "Métropole"),
        ("snake_case_name stays", "snake_case_name stays"),
    ],
)
def test_strip_inline(line: str, expected: str) -> None:
    assert strip_inline(line) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "M. A B appelle l'attention de M. le ministre de l'intérieur sur les drones.",
            "M. le ministre de l'intérieur",
        ),
        ("Mme C D alerte Mme la ministre des armées, sur le cloud.", "Mme la ministre des armées"),
        (
            "Ma question s'adresse à M. le Premier ministre. Vous savez tout.",
            "M. le Premier ministre",
        ),
        (
            "M. A B attire tout particulièrement l'attention de Mme la ministre de la culture "
            "sur X.",
            "Mme la ministre de la culture",
        ),
        ("Le cloud est partout.", None),
    ],
)
def test_addressee_in_text(sentence: str, expected: str | None) -> None:
    assert addressee_in_text(sentence) == expected


@pytest.mark.parametrize(
    ("paragraph", "speaker", "role", "named"),
    [
        ("M. le président . La parole est à M. X.", "le président", "le président", False),
        ("Mme la présidente. Merci.", "la présidente", "la présidente", False),
        ("M. Jean-Luc Dupont-Aignan . Bien sûr.", "Jean-Luc Dupont-Aignan", None, True),
        ("Mme Sophie de Nervo. Non !", "Sophie de Nervo", None, True),
        ("M. Paul Brun, rapporteur . Avis favorable.", "Paul Brun", "rapporteur", True),
        ("M. Trump va user de ce droit.", None, None, None),
        ("M. Trump, lui, a tout dit.", None, None, None),
        ("M. le ministre a inauguré un centre.", None, None, None),
        ("M. le ministre de l'économie a menti. Oui.", None, None, None),
        (
            "M. le président de la commission des lois . Je réponds.",
            "le président de la commission des lois",
            "le président de la commission des lois",
            False,
        ),
        ("Mme la ministre . Non.", "la ministre", "la ministre", False),
    ],
)
def test_parse_label(
    paragraph: str, speaker: str | None, role: str | None, named: bool | None
) -> None:
    label = parse_label(paragraph)
    if speaker is None:
        assert label is None
        return
    assert label is not None
    assert (label.speaker, label.role, label.named) == (speaker, role, named)


@pytest.mark.parametrize(
    ("part", "kind"),
    [
        ("Applaudissements sur les bancs du groupe RN.", "applause"),
        ("Vives protestations sur les bancs du groupe LR.", "protest"),
        ("Exclamations et sourires sur les bancs du groupe RN.", "exclamation"),
        ("« Ah ! » sur les bancs du groupe RE", "interjection"),
        ("Mêmes mouvements.", "other"),
        ("M. X proteste.", "protest"),
    ],
)
def test_reaction_kind(part: str, kind: str) -> None:
    assert reaction_kind(part) == kind


def test_answering_minister_named_by_the_chair() -> None:
    """The chair may name the minister: the first named speaker with a ministerial role."""
    pars = [
        "M. le président . La parole est à M. Léon Vasque.",
        "M. Léon Vasque . Que comptez-vous faire ?",
        "M. le président . La parole est à Mme Rose Delan, ministre de la culture.",
        "Mme Rose Delan, ministre de la culture . Agir.",
    ]
    text = "\n\n".join(pars)
    spans, pos = [], 0
    for par in pars:
        spans.append((pos, pos + len(par)))
        pos += len(par) + 2
    turns = parse_turns(text, spans).turns
    who = answering_turn(text, turns)
    assert who == 3 and turns[3].role == "ministre de la culture"


def test_debate_cut_before_key_data_still_has_speakers_and_author() -> None:
    path = FIXTURES / "an_page_qag_debate.txt"
    text = path.read_text("utf-8")
    doc = read(path, text[: text.index("Données clés")])
    assert not doc.complete
    assert doc.key == "an-17-qg-912"  # from the header line
    assert doc.author is not None
    assert (doc.author.name, doc.author.civility) == ("Lucie Brévan", "Mme")
    assert doc.answered_by == "Antoine Rével"
    assert doc.published is None
    assert len(doc.turns) == 10 and len(doc.reactions) == 6


def test_debate_cut_before_the_answer_is_flagged(tmp_path: Path) -> None:
    text = (FIXTURES / "an_page_qag_debate.txt").read_text("utf-8")
    start = text.index("M. le président . La parole est à M. le ministre")
    cut = text[:start] + text[text.index("Données clés") :]
    path = tmp_path / "qag.txt"
    path.write_text(cut, encoding="utf-8")
    doc = read(path, cut)
    assert doc.answered_by is None
    assert not doc.complete
    assert "the debate stops before a member of the Government answers" in doc.warnings
