"""The reader of letters from members of parliament to ministers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parlkg.errors import InputError, TruncatedInputError, UnknownLayoutError
from parlkg.model import Chamber, DocType, Document
from parlkg.read import Source, choose, decode, read_file
from parlkg.read.an_page import READER as AN_PAGE
from parlkg.read.letter import READER, ministry_of_role

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures" / "read"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = SEEDS / "003_b3f665efced46507.txt"


def source_of(path: Path, text: str | None = None) -> Source:
    data = path.read_bytes() if text is None else text.encode("utf-8")
    return decode(path, data)


def read(path: Path, text: str | None = None) -> Document:
    return READER.read(source_of(path, text))


# --- the seed against its gold ----------------------------------------------------


def test_seed_metadata_matches_gold() -> None:
    gold: dict[str, Any] = json.loads(SEED.with_suffix(".gold.json").read_text("utf-8"))
    doc = read(SEED)
    assert doc.layout == "letter"
    assert doc.chamber.value == gold["chamber"]
    assert doc.doc_type.value == gold["doc_type"]
    for field in ("number", "legislature", "title", "rubrique"):
        assert getattr(doc, field) == gold[field], field
    assert doc.author is not None
    for field in ("name", "civility", "group", "constituency"):
        assert getattr(doc.author, field) == gold["author"][field], field
    assert doc.author.department == "Nord"
    assert doc.addressee_person == gold["addressee_person"]
    assert doc.addressee_in_text == gold["addressee_in_text"]
    assert doc.ministry_asked == gold["ministry_asked"]
    assert doc.ministries_assigned == []  # gold: ministry_responsible is null
    dates = gold["dates"]
    assert str(doc.published) == dates["published"]
    for field in ("jo_page", "answered", "answer_jo_page", "withdrawn"):
        assert getattr(doc, field) == dates[field], field
    assert doc.answered_by == gold["answered_by"]
    assert doc.key == "lettre-2025-08-08-alexandre-basquin"
    assert doc.complete and doc.warnings == []
    assert doc.turns == [] and doc.reactions == []


def test_seed_text_is_the_whole_letter() -> None:
    doc = read(SEED)
    assert doc.text.startswith("Cambrai, le 8 août 2025\n\nMadame Clara CHAPPAZ\n")
    assert doc.text.endswith("Alexandre BASQUIN\nSénateur du Nord")
    assert "75 572 PARIS CEDEX 12" in doc.text  # addresses name places
    assert "un article du journal Libération révélait" in doc.text  # *italic* stripped
    assert "https://alexandrebasquin.fr" in doc.text and "<https" not in doc.text
    assert "\n\n\n" not in doc.text
    assert "- 2 -" not in doc.text  # page number of the print
    assert all(line == line.strip() for line in doc.text.split("\n"))


# --- fixtures of our own ----------------------------------------------------------


def test_letter_from_a_deputy() -> None:
    doc = read(FIXTURES / "letter_depute.txt")
    assert doc.chamber is Chamber.AN
    assert doc.doc_type is DocType.LETTER
    assert doc.key == "lettre-2025-02-03-marc-delorme"
    assert str(doc.published) == "2025-02-03"
    assert doc.title == "Hébergement des données des collectivités"
    assert doc.author is not None
    assert (doc.author.name, doc.author.civility) == ("Marc Delorme", "M.")
    assert doc.author.constituency == "Gironde (9e circonscription)"
    assert doc.author.department == "Gironde"
    assert doc.addressee_person == "Paul Vasseur"
    assert doc.addressee_in_text == (
        "Monsieur Paul VASSEUR, Ministre délégué auprès du ministre de l'économie, "
        "chargé de l'industrie"
    )
    assert doc.ministry_asked == "Industrie"
    # the addressee block comes before the dateline: the text keeps it
    assert doc.text.startswith("Monsieur Paul VASSEUR\n")
    assert "Libourne, le 3 février 2025" in doc.text
    assert doc.complete


def test_letter_from_a_senator_to_an_unnamed_minister() -> None:
    doc = read(FIXTURES / "letter_senatrice.txt")
    assert doc.chamber is Chamber.SENAT
    assert doc.author is not None
    assert (doc.author.name, doc.author.civility) == ("Sophie Lambrecq", "Mme")
    assert doc.author.constituency == "Pas-de-Calais"  # from "SÉNATRICE / DU PAS-DE-CALAIS"
    assert doc.author.group == "Écologiste - Solidarité et Territoires"
    assert doc.addressee_person is None
    assert doc.addressee_in_text == "Monsieur le Ministre de l'Intérieur"
    assert doc.ministry_asked == "Intérieur"
    assert doc.key == "lettre-2025-05-12-sophie-lambrecq"
    assert doc.complete


def test_sender_block_with_a_civility_is_not_the_addressee() -> None:
    doc = read(FIXTURES / "letter_civility_header.txt")
    assert doc.chamber is Chamber.AN
    assert doc.author is not None
    assert (doc.author.name, doc.author.constituency) == ("Luc Ferrand", "Morbihan")
    assert doc.addressee_person == "Inès Leroux"
    assert doc.addressee_in_text == "Madame Inès LEROUX, Ministre des Armées"
    assert doc.ministry_asked == "Armées"
    assert str(doc.published) == "2025-01-20"


def test_truncated_letter_keeps_what_was_read() -> None:
    doc = read(FIXTURES / "letter_truncated.txt")
    assert not doc.complete
    assert any("closing" in w for w in doc.warnings)
    assert doc.author is not None and doc.author.name == "Yann Kerguelen"
    assert doc.author.constituency == "Finistère"
    assert doc.chamber is Chamber.SENAT
    assert str(doc.published) == "2024-10-01"  # "1er octobre 2024"
    assert doc.addressee_person == "Anne Rolland"
    assert doc.ministry_asked == "Numérique"
    assert doc.text.endswith("vers des services")


def test_letter_cut_after_the_salutation_raises() -> None:
    text = (FIXTURES / "letter_truncated.txt").read_text("utf-8")
    cut = text[: text.index("Madame la Ministre,") + len("Madame la Ministre,")]
    with pytest.raises(TruncatedInputError):
        read(FIXTURES / "letter_truncated.txt", cut)


def test_not_a_letter_raises_unknown_layout() -> None:
    with pytest.raises(UnknownLayoutError):
        read(FIXTURES / "not_a_letter.txt")


def test_letter_not_from_a_member_of_parliament_is_refused() -> None:
    text = (
        "Lyon, le 2 mars 2025\n\nMonsieur le Ministre,\n\nVoici ma demande.\n\n"
        "Je vous prie d'agréer l'expression de ma considération.\n\nJean Martin\nArtisan\n"
    )
    with pytest.raises(UnknownLayoutError):
        read(Path("artisan.txt"), text)


# --- detection ------------------------------------------------------------------


def test_detects_letters() -> None:
    assert READER.detect(source_of(SEED)) == pytest.approx(0.75)
    assert READER.detect(source_of(FIXTURES / "letter_depute.txt")) == pytest.approx(0.75)
    assert READER.detect(source_of(FIXTURES / "letter_truncated.txt")) == pytest.approx(0.7)
    assert READER.detect(source_of(FIXTURES / "not_a_letter.txt")) == 0.0
    assert AN_PAGE.detect(source_of(SEED)) == 0.0
    assert choose(source_of(SEED)).name == "letter"


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_question_pages_are_not_letters(path: Path) -> None:
    if path != SEED:
        assert READER.detect(source_of(path)) == 0.0


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


# --- ministry from the addressee's role -------------------------------------------


@pytest.mark.parametrize(
    ("role", "ministry"),
    [
        (
            "Ministre chargée de l'intelligence artificielle et du numérique",
            "Intelligence artificielle et numérique",
        ),
        ("Ministre déléguée chargée du numérique", "Numérique"),
        ("Ministre de l'Intérieur", "Intérieur"),
        ("Ministre d'État, ministre de l'Intérieur", "Intérieur"),
        ("Ministre des Armées", "Armées"),
        ("Secrétaire d'État chargé de la transition numérique", "Transition numérique"),
        ("Ministre délégué auprès du ministre de l'économie, chargé de l'industrie", "Industrie"),
        (
            "Ministre de l'économie, des finances et de la souveraineté industrielle",
            "Économie, finances et souveraineté industrielle",
        ),
        ("Directeur général", None),
    ],
)
def test_ministry_of_role(role: str, ministry: str | None) -> None:
    assert ministry_of_role(role) == ministry


# --- robustness -----------------------------------------------------------------

ALL_LETTERS = [SEED, *sorted(FIXTURES.glob("letter_*.txt"))]


@pytest.mark.parametrize("path", ALL_LETTERS, ids=[p.stem for p in ALL_LETTERS])
def test_any_cut_reads_or_raises_an_input_error(path: Path) -> None:
    text = path.read_text("utf-8")
    for cut in range(0, len(text), max(1, len(text) // 150)):
        if not text[:cut].strip():
            continue  # decode() refuses an empty file before any reader
        try:
            doc = read(path, text[:cut])
        except (TruncatedInputError, UnknownLayoutError):  # a refusal, not a crash
            continue
        assert doc.layout == "letter"
        assert doc.text == doc.text.strip()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Paris, le 31 février 2025",
                "Cambrai, le 8 août 2025",
                "Madame la Ministre,",
                "Monsieur",
                "Monsieur le Ministre de",
                "Madame X",
                "Ministre chargée de",
                "SÉNATEUR",
                "DU",
                "Député de la",
                "Je vous prie de croire à ma haute considération.",
                "Membre du groupe",
                "- 2 -",
                "",
            ]
        )
        | st.text(max_size=40),
        max_size=25,
    )
)
def test_no_input_crashes_the_reader(lines: list[str]) -> None:
    try:
        source = decode(Path("generated.txt"), "\n".join(lines).encode("utf-8"))
    except InputError:
        return
    assert 0.0 <= READER.detect(source) <= 1.0
    try:
        READER.read(source)
    except (TruncatedInputError, UnknownLayoutError):  # a refusal, not a crash
        return


def test_letter_cut_in_its_closing_or_signature_is_flagged(tmp_path: Path) -> None:
    text = (FIXTURES / "letter_depute.txt").read_text("utf-8")
    path = tmp_path / "letter.txt"
    path.write_text(text[: text.index("salutations") + 15], encoding="utf-8")
    mid = read_file(path)
    assert not mid.complete
    assert "the closing formula stops mid-sentence: the letter seems cut" in mid.warnings
    path.write_text(text[: text.index("respectueuses.") + 14], encoding="utf-8")
    unsigned = read_file(path)
    assert not unsigned.complete
    assert "nothing after the closing formula: the signature seems cut" in unsigned.warnings
