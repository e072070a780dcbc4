"""Readers: one per source layout, chosen by looking at the content.

A reader module in this package exposes `READER`, an object with
`name: str`, `detect(source: Source) -> float` (0 = not mine, 1 = certainly
mine) and `read(source: Source) -> Document`. `read_file` decodes the file,
asks every reader, and lets the most confident one read it. A reader raises an
`InputError` subclass (naming `source.path`) when the text is not what it
expected; it never lets another exception escape.

Inputs are files, folders (walked in sorted order) and zip archives, whose
document members are read in place (`read.archive`): `iter_inputs` yields
`dump.zip!json/QANR5L16QE1.json` for each, and `read_file` reads it like a file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, NoReturn, Protocol

from parlkg.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    ParlkgError,
    TruncatedInputError,
    UnknownLayoutError,
)
from parlkg.model import DocType, Document
from parlkg.read.archive import is_archive, member_path, open_archive, split_member

if TYPE_CHECKING:
    from parlkg.actors_data import Actors

MAX_FILE_BYTES = 20 * 1024 * 1024
_SOURCE_LINE = re.compile(r"\A\s*source:\s*(\S+)[^\n]*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # below U+0020 but \t \n \f \r


@dataclass(frozen=True)
class Source:
    """A decoded input file, before any layout is assumed."""

    path: str  # as given, for error messages
    raw: str  # the decoded text, typographic() not yet applied
    content_hash: str  # sha256 hex of the bytes
    source_url: str | None  # from a `source: URL` first line or --source-url
    is_html: bool  # looks like an HTML page (readers render it with read.html)
    is_json: bool  # starts like a JSON document
    encoding: str  # "utf-8", "cp1252" (the fallback), "utf-8 (mojibake repaired)"
    actors: Actors | None = None  # the AN actors open data, to name authors given by reference
    # the page as rendered by read.field (text, lines), once for every reader's detect()
    renders: dict[tuple[str, bool, int], str | tuple[str, ...]] = dataclasses.field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @cached_property
    def body(self) -> str:
        """The text without a leading `source:` line (computed once: every reader's
        detect() and the page renderings read it)."""
        return _SOURCE_LINE.sub("", self.raw, count=1)


class Reader(Protocol):
    name: str

    def detect(self, source: Source) -> float: ...

    def read(self, source: Source) -> Document: ...


def decode(path: Path, data: bytes, source_url: str | None = None) -> Source:
    """Decode the bytes of `path` into a Source, or raise an InputError saying why not."""
    if not data.strip():
        raise EmptyInputError(path, "the file is empty")
    if b"\x00" in data[:65536]:
        raise BinaryInputError(path, "the file is binary (it holds NUL bytes), not a text document")
    encoding = "utf-8"
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        encoding = "cp1252"
        try:
            raw = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            reason = f"the file is neither UTF-8 nor cp1252 text ({exc})"
            raise BinaryInputError(path, reason) from None
    if encoding == "utf-8" and ("Ã" in raw or "â€" in raw) and _MOJIBAKE.search(raw):
        repaired = _repair_mojibake(raw)
        if repaired is not None:
            raw, encoding = repaired, "utf-8 (mojibake repaired)"
    controls = len(_CONTROL.findall(raw, 0, 65536))
    if controls > max(8, min(len(raw), 65536) // 100):
        raise BinaryInputError(path, "the file is binary (control characters), not a text document")
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    m = _SOURCE_LINE.match(raw)
    url = source_url or (m.group(1) if m else None)
    head = raw.lstrip()[:2048].lower()
    is_json = head.startswith(("{", "["))
    is_html = not is_json and bool(
        re.search(r"<(?:!doctype html|html|body|div|p|br|table|head)\b", head)
    )
    return Source(
        path=str(path),
        raw=raw,
        content_hash=hashlib.sha256(data).hexdigest(),
        source_url=url,
        is_html=is_html,
        is_json=is_json,
        encoding=encoding,
    )


# UTF-8 read once as cp1252 and saved again: "Ã©" for "é", "â€™" for "’".
_MOJIBAKE = re.compile("Ã[\u00a0-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d]|â€")


def _repair_mojibake(raw: str) -> str | None:
    """The text before it was garbled, when the whole of it round-trips (so text
    that merely quotes such a sequence is left alone)."""
    try:
        return raw.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


@cache
def readers() -> dict[str, Reader]:
    """Every reader module of this package, by reader name."""
    found: dict[str, Reader] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        reader = getattr(module, "READER", None)
        if reader is not None:
            found[reader.name] = reader
    return found


def choose(source: Source, layout: str | None = None) -> Reader:
    """The reader for `source`: the named one, else the most confident."""
    available = readers()
    if layout is not None:
        if layout not in available:
            raise UnknownLayoutError(
                source.path,
                f"no reader named {layout!r}",
                hint=f"known layouts: {', '.join(sorted(available))}",
            )
        return available[layout]
    scored = sorted(((r.detect(source), name) for name, r in available.items()), reverse=True)
    if not scored or scored[0][0] <= 0.0:
        raise UnknownLayoutError(
            source.path,
            "the text is in no known layout (not an Assemblée nationale or Sénat question, "
            "a nosdeputes page, an open-data record or a letter)",
            hint=f"name one with --format ({', '.join(sorted(available))})",
        )
    return available[scored[0][1]]


def read_file(
    path: Path,
    layout: str | None = None,
    source_url: str | None = None,
    actors: Actors | None = None,
) -> Document:
    """Read one file (or archive member, `dump.zip!name`) into a Document, or raise
    an InputError naming it. `actors` names authors the source gives by reference."""
    source = decode(path, _load(path), source_url)
    if actors is not None:
        source = dataclasses.replace(source, actors=actors)
    reader = choose(source, layout)
    try:
        doc = reader.read(source)
    except ParlkgError:
        raise
    except Exception as exc:  # a reader bug must still name the file
        reason = f"reader {reader.name!r} failed: {type(exc).__name__}: {exc}"
        raise InputError(path, reason) from exc
    _check(doc, path)
    return doc


def _load(path: Path) -> bytes:
    """The bytes of a file or of an archive member, within the size bounds."""
    if not path.exists():
        member = split_member(path)
        if member is not None:
            archive, name = member
            return open_archive(archive, _is_document).read(name)
    elif path.is_file() and is_archive(path):
        _not_a_document(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                path,
                f"the file is {size // 1_000_000} MB, "
                f"over the {MAX_FILE_BYTES // 1_000_000} MB limit",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None


def _not_a_document(path: Path) -> NoReturn:
    """Say why an archive is not read as one document (corrupt, unsafe, empty, or
    many documents) with an InputError naming it."""
    count = len(open_archive(path, _is_document).names())  # raises when corrupt or unsafe
    if count == 0:
        raise InputError(
            path,
            "the archive holds no document file (.txt, .html, .json, .xml)",
            hint="an AN open-data dump holds one .json or .xml file per question",
        )
    raise InputError(
        path,
        f"an archive of {count} documents, not one document",
        hint="ingest it: each member is read as a document (iter_inputs walks it)",
    )


def _check(doc: Document, path: Path) -> None:
    """What every stored document must have, whatever its reader."""
    if doc.author is None and doc.doc_type is not DocType.LETTER:
        if not doc.complete:
            raise TruncatedInputError(
                path, "the page is cut before its author is named: " + "; ".join(doc.warnings)
            )
        raise InputError(path, "no author found in the question")
    if not doc.text.strip():
        raise TruncatedInputError(path, "the document has no text")


INPUT_SUFFIXES = (".txt", ".html", ".htm", ".json", ".xml")


def iter_inputs(paths: list[Path]) -> Iterator[Path]:
    """The documents named by `paths`: files, folders walked in sorted order, and
    the document members of zip archives (`dump.zip!json/QANR5L16QE1.json`).

    Gold files (`*.gold.json`) and README files are not documents. An archive that
    cannot be walked (corrupt, unsafe, no document) is yielded itself: `read_file`
    then says why, and the ingest reports it like any failed file.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() == ".zip":
                    yield from _members(child)
                elif _is_document(child):
                    yield child
        elif path.is_file() and is_archive(path):
            yield from _members(path)
        else:
            yield path


def _members(archive: Path) -> Iterator[Path]:
    try:
        names = open_archive(archive, _is_document).names()
    except InputError:
        names = []
    if not names:
        yield archive
    for name in sorted(names):
        yield member_path(archive, name)


def _is_document(path: PurePath) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.endswith(".gold.json") or name.startswith("readme"):
        return False
    return path.suffix.lower() in INPUT_SUFFIXES
