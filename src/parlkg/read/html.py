"""HTML to the text a page shows, with a real parser (lxml.html).

Scripts, styles, comments and the document head are dropped; block elements
and `<br>` become line breaks; table cells are separated by a space; runs of
HTML white space collapse to one space (U+00A0 is not HTML white space: it is
kept and then normalised by `typographic()`). Page readers call this first and
then parse the result exactly like a text capture, so offsets point into it.

Two renderings: by default a block boundary is one line break (the readers of
line-oriented pages); with `paragraphs=True` it is a blank line, as in a
Markdown capture, where a blank line ends a paragraph and a single line break
(`<br>`) only wraps a line (the "Données clés" page, letters).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import lxml.etree  # type: ignore[import-untyped, unused-ignore]
import lxml.html  # type: ignore[import-untyped, unused-ignore]

from parlkg.text import typographic

# Elements whose content is not shown.
_DROPPED = frozenset(
    {"script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object"}
)
# Elements that start and end a line.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul",
    }
)  # fmt: skip
_CELLS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_NEWLINE = "\n"
_BREAK = "\x00BR\x00"  # a hard line break: <br>
_BLOCK = "\x00BL\x00"  # a block boundary: at least one line break, however many nest
_MARKS = re.compile(r"(?: *\x00B[RL]\x00 *)+")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPACES = re.compile(r" {2,}")


@lru_cache(maxsize=8)  # every reader's detect() renders the same page
def html_to_text(html: str, *, paragraphs: bool = False) -> str:
    """The text an HTML page or fragment shows, `typographic()` applied.

    >>> html_to_text("<p>Un&nbsp;: <b>deux</b></p><p>trois<br>quatre</p>")
    'Un : deux\\ntrois\\nquatre'
    >>> html_to_text("<p>Un</p><p>trois<br>quatre</p>", paragraphs=True)
    'Un\\n\\ntrois\\nquatre'
    """
    if not html.strip():
        return ""
    parts: list[str] = []
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
    try:  # bytes, so that an XML encoding declaration in the page is not an error
        root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError, UnicodeError):
        return ""  # no element at all (only comments or white space)
    _walk(root, parts, pre=False)
    return _tidy("".join(parts), paragraphs=paragraphs)


def _walk(element: Any, parts: list[str], *, pre: bool) -> None:
    tag = element.tag
    if not isinstance(tag, str):  # comment, processing instruction, entity
        return
    tag = tag.lower()
    if tag in _DROPPED:
        return
    if tag == "br":
        parts.append(_BREAK)
        return
    block = tag in _BLOCKS
    inner_pre = pre or tag == "pre"
    if block:
        parts.append(_BLOCK)
    elif tag in _CELLS:
        parts.append(" ")
    if element.text:
        parts.append(_keep(element.text, inner_pre))
    for child in element:
        _walk(child, parts, pre=inner_pre)
        if child.tail:
            parts.append(_keep(child.tail, inner_pre))
    if block:
        parts.append(_BLOCK)
    elif tag in _CELLS:
        parts.append(" ")


def _keep(text: str, pre: bool) -> str:
    if pre:
        return text.replace("\n", _BREAK)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
        return _HTML_SPACE.sub(" ", text)
    return text  # only single spaces, if any: nothing to collapse


def _tidy(text: str, *, paragraphs: bool) -> str:
    # nested block boundaries count as one line break (a blank line in paragraph
    # mode); <br><br> stays a blank line
    text = _MARKS.sub(lambda m: _merge_breaks(m, paragraphs), text)
    text = typographic(text)
    lines = [line.strip(" ") for line in text.split(_NEWLINE)]
    text = _NEWLINE.join(lines)
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _merge_breaks(match: re.Match[str], paragraphs: bool) -> str:
    if paragraphs and _BLOCK in match.group():
        return _NEWLINE * 2
    breaks = match.group().count(_BREAK)
    return _NEWLINE * min(max(breaks, 1), 2)
