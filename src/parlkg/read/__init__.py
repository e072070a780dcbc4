"""Readers: one per source layout, chosen by looking at the content.

A reader module in this package exposes `READER`, an object with
`name: str`, `detect(source: Source) -> float` (0 = not mine, 1 = certainly
mine) and `read(source: Source) -> Document`. `read_file` decodes the file,
asks every reader, and lets the most confident one read it. A reader raises an
`InputError` subclass (naming `source.path`) when the text is not what it
expected; it never lets another exception escape.
"""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from parlkg.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    ParlkgError,
    TruncatedInputError,
    UnknownLayoutError,
)
from parlkg.model import DocType, Document

MAX_FILE_BYTES = 20 * 1024 * 1024
_SOURCE_LINE = re.compile(r"\A\s*source:\s*(\S+)[^\n]*\n")


@dataclass(frozen=True)
class Source:
    """A decoded input file, before any layout is assumed."""

    path: str  # as given, for error messages
    raw: str  # the decoded text, typographic() not yet applied
    content_hash: str  # sha256 hex of the bytes
    source_url: str | None  # from a `source: URL` first line or --source-url
    is_html: bool  # looks like an HTML page (readers call html_to_text)
    is_json: bool  # starts like a JSON document
    encoding: str  # "utf-8" or the fallback used

    @property
    def body(self) -> str:
        """The text without a leading `source:` line."""
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
    controls = sum(1 for c in raw[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(raw[:65536]) // 100):
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


def read_file(path: Path, layout: str | None = None, source_url: str | None = None) -> Document:
    """Read one file into a Document, or raise an InputError naming the file."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                path,
                f"the file is {size // 1_000_000} MB, "
                f"over the {MAX_FILE_BYTES // 1_000_000} MB limit",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None
    source = decode(path, data, source_url)
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
    """The document files named by `paths` (files, and folders walked in sorted order).

    Gold files (`*.gold.json`) and README files are not documents.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_document(child):
                    yield child
        else:
            yield path


def _is_document(path: Path) -> bool:
    name = path.name.lower()
    if name.startswith(".") or name.endswith(".gold.json") or name.startswith("readme"):
        return False
    return path.suffix.lower() in INPUT_SUFFIXES
