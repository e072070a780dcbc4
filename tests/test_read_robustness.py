"""No input makes a reader fail other than with an InputError, and a cut document is
either refused or flagged incomplete: never a crash, never a silently wrong field."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest

from parlkg.errors import InputError, ParlkgError
from parlkg.model import Document
from parlkg.read import decode, read_file, readers

from .conftest import CORPUS, SEEDS

READ = Path(__file__).parent / "fixtures" / "read"
DOCUMENTS = sorted(
    p
    for p in [*READ.rglob("*"), *SEEDS.glob("*.txt"), *CORPUS.glob("*")]
    if p.suffix in {".txt", ".html", ".json", ".xml"}
    and not p.name.endswith(".gold.json")
    and "amo" not in p.parts
    and p.is_file()
)
# Whatever a document is, these are facts that a cut version must not get wrong
# unless it says it is incomplete.
META = (
    "key", "doc_type", "chamber", "number", "legislature", "title", "rubrique",
    "heading_analysis", "analysis", "author", "ministry_asked", "ministries_assigned",
    "published", "jo_page", "answered", "answer_jo_page", "answered_by", "withdrawn",
    "withdrawal_reason", "attribution_changed", "renewed", "closure",
)  # fmt: skip


def _meta(doc: Document) -> dict[str, Any]:
    return doc.model_dump(include=set(META))


def _full(path: Path) -> Document | None:
    try:
        return read_file(path)
    except InputError:
        return None  # a fixture that is refused whole (malformed on purpose)


def test_the_sweep_covers_every_layout() -> None:
    layouts = {doc.layout for p in DOCUMENTS if (doc := _full(p)) is not None}
    assert layouts == set(readers())


@pytest.mark.fault("a real layout truncated")
@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cut_at_every_tenth(path: Path, tmp_path: Path) -> None:
    data = path.read_bytes()
    full = _full(path)
    for tenth in range(1, 10):
        cut = data[: len(data) * tenth // 10]
        target = tmp_path / path.name
        target.write_bytes(cut)
        # every reader, forced: a Document or a ParlkgError, nothing else
        try:
            source = decode(target, cut)
        except InputError:
            continue
        for reader in readers().values():
            with contextlib.suppress(ParlkgError):
                reader.read(source)
        # the chosen reader: refused, or flagged, or right
        try:
            doc = read_file(target)
        except InputError as exc:
            assert str(target) in str(exc)
            continue
        if not doc.complete:
            assert doc.warnings, f"{tenth}/10: incomplete without saying why"
            continue
        assert full is not None, f"{tenth}/10 of a refused file reads as complete"
        assert _meta(doc) == _meta(full), f"{tenth}/10 reads as complete but differs"


@pytest.mark.fault("latin-1/cp1252 text and mojibake")
@pytest.mark.parametrize(
    "name", ["an_page_qe_answered.txt", "letter_depute.txt", "senat/qe_answered.txt"]
)
def test_cp1252_input_reads_like_utf8(name: str, tmp_path: Path) -> None:
    path = READ / name
    text = path.read_text("utf-8")
    cp1252 = tmp_path / path.name
    cp1252.write_bytes(text.encode("cp1252"))
    assert decode(cp1252, cp1252.read_bytes()).encoding == "cp1252"
    skip = {"content_hash", "source_path"}
    assert read_file(cp1252).model_dump(exclude=skip) == read_file(path).model_dump(exclude=skip)


@pytest.mark.fault("latin-1/cp1252 text and mojibake")
@pytest.mark.parametrize("name", ["an_page_qe_answered.txt", "letter_depute.txt"])
def test_mojibake_is_repaired(name: str, tmp_path: Path) -> None:
    """UTF-8 text once decoded as cp1252 and saved again ("Ã©" for "é") reads as the text."""
    path = READ / name
    text = path.read_text("utf-8")
    garbled = tmp_path / path.name
    garbled.write_text(text.encode("utf-8").decode("cp1252"), encoding="utf-8")
    assert "Ã©" in garbled.read_text("utf-8")
    assert decode(garbled, garbled.read_bytes()).encoding == "utf-8 (mojibake repaired)"
    skip = {"content_hash", "source_path"}
    assert read_file(garbled).model_dump(exclude=skip) == read_file(path).model_dump(exclude=skip)


def test_text_with_a_few_odd_sequences_is_left_alone(tmp_path: Path) -> None:
    path = READ / "letter_depute.txt"
    text = path.read_text("utf-8").replace("Objet", "Objet (rÃ©f. citÃ©e telle quelle)")
    odd = tmp_path / "odd.txt"
    odd.write_text(text, encoding="utf-8")
    assert decode(odd, odd.read_bytes()).encoding == "utf-8"
