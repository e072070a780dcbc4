"""Markup stripping shared by the readers of captured pages and letters.

Captured pages carry light markdown and stray HTML: `**Auteur :**`,
`## Texte de la question`, `[8 octobre 2024](#)`, `*italic*`, `1^{re}`,
`13<sup>e</sup>`, `<https://...>`. These helpers remove the markup and keep the
words, one line at a time, so a reader can still see the line structure.
"""

from __future__ import annotations

import html
import re

from parlkg.text import typographic

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b[^<>]*>")
_AUTOLINK = re.compile(r"<((?:https?|mailto|ftp):[^<>\s]+)>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_SUPERSCRIPT = re.compile(r"\^\{([^{}]*)\}|\^([^\s^]+)\^|(?<=\d)\^([A-Za-zè]+)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)")
_CODE = re.compile(r"`([^`]*)`")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|^~])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_RULE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|={3,})$")
_UNICODE_SUPERSCRIPTS = str.maketrans({"ʳ": "r", "ᵉ": "e", "ᵈ": "d", "ⁿ": "n", "ᵒ": "o"})
_UNICODE_SUPERSCRIPT = re.compile("[ʳᵉᵈⁿᵒ]")


def strip_inline(line: str, *, unescape: bool = True) -> str:
    """One line without its markdown or HTML markup: the words as a reader sees them.

    `unescape=False` for text an HTML parser produced: its entities are already
    decoded, and decoding twice would turn a shown "&amp;lt;" into "<".
    """
    if _RULE.match(line):
        return ""
    # Each pattern needs a character of its own: a C scan for it first, so that
    # the many lines of plain words skip the patterns.
    if "#" in line:
        line = _HEADING.sub("", line)
    if ">" in line:
        line = _QUOTE.sub("", line)
    if "<" in line:
        line = _AUTOLINK.sub(r"\1", line)
    if "![" in line:
        line = _IMAGE.sub(r"\1", line)
    if "<" in line:
        line = _TAG.sub("", line)  # <sup>e</sup> -> e, <i>...</i> -> ...
    if "[" in line:
        line = _LINK.sub(r"\1", line)
    if "^" in line:
        line = _SUPERSCRIPT.sub(lambda m: m.group(1) or m.group(2) or m.group(3) or "", line)
    if not line.isascii() and _UNICODE_SUPERSCRIPT.search(line):
        line = line.translate(_UNICODE_SUPERSCRIPTS)
    if "*" in line or "_" in line:
        for _ in range(2):  # nested emphasis: ***x***, **_x_**
            line = _STRONG.sub(r"\2", line)
            line = _EM_STAR.sub(r"\1", line)
            line = _EM_UNDERSCORE.sub(r"\1", line)
    if "`" in line:
        line = _CODE.sub(r"\1", line)
    if "\\" in line:
        line = _ESCAPE.sub(r"\1", line)
    if unescape and "&" in line:
        line = html.unescape(line)
    return line


def clean_lines(raw: str, *, unescape: bool = True) -> list[str]:
    """The lines of a captured page after `typographic()` and markup stripping,
    right-stripped; an empty string stands for a blank line. HTML pages are
    rendered first by `read.html.html_to_text` (see `read.field.page_lines`)."""
    text = typographic(raw).replace("\t", " ")
    return [" ".join(strip_inline(line, unescape=unescape).split()) for line in text.split("\n")]


def paragraphs(lines: list[str]) -> list[str]:
    """Blocks of non-blank lines, each joined into one paragraph."""
    out: list[str] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            block.append(line.strip())
        elif block:
            out.append(" ".join(block))
            block = []
    return out
