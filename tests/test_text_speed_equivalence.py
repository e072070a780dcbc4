"""The fast paths of the reading step give exactly what the plain code gave.

`typographic`, `strip_accents`, `fold`, `strip_inline`, the control-character
count of `decode` and the renderings `read.field` keeps on a `Source` were made
faster; the plain implementations they replaced are kept here and compared on
every code point and on strings made of the characters that matter.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parlkg.errors import BinaryInputError
from parlkg.read import an_page, decode, mdtext
from parlkg.read import html as read_html
from parlkg.read.field import page_lines, page_text
from parlkg.read.html import html_to_text
from parlkg.read.mdtext import clean_lines, strip_inline
from parlkg.text import fold, strip_accents, typographic

# --- the plain implementations --------------------------------------------------

_TYPO_TABLE = str.maketrans(
    {
        **dict.fromkeys("\u2019\u2018\u02bc\u00b4`", "'"),
        **dict.fromkeys("\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2005\u2006", " "),
        "\u00ad": None,
    }
)


def plain_typographic(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_TYPO_TABLE)


def plain_strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain_fold(text: str) -> str:
    text = plain_strip_accents(plain_typographic(text)).casefold()
    text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_SUPERSCRIPTS = str.maketrans({"ʳ": "r", "ᵉ": "e", "ᵈ": "d", "ⁿ": "n", "ᵒ": "o"})


def plain_strip_inline(line: str, *, unescape: bool = True) -> str:
    m = mdtext
    if m._RULE.match(line):
        return ""
    line = m._HEADING.sub("", line)
    line = m._QUOTE.sub("", line)
    line = m._AUTOLINK.sub(r"\1", line)
    line = m._IMAGE.sub(r"\1", line)
    line = m._TAG.sub("", line)
    line = m._LINK.sub(r"\1", line)
    line = m._SUPERSCRIPT.sub(lambda g: g.group(1) or g.group(2) or g.group(3) or "", line)
    line = line.translate(_SUPERSCRIPTS)
    for _ in range(2):
        line = m._STRONG.sub(r"\2", line)
        line = m._EM_STAR.sub(r"\1", line)
        line = m._EM_UNDERSCORE.sub(r"\1", line)
    line = m._CODE.sub(r"\1", line)
    line = m._ESCAPE.sub(r"\1", line)
    if unescape and "&" in line:
        line = html.unescape(line)
    return line


def plain_controls(raw: str) -> int:
    return sum(1 for c in raw[:65536] if ord(c) < 32 and c not in "\n\r\t\f")


# --- the strings ------------------------------------------------------------------

VARIED = [
    "",
    " ",
    "Thalès",
    "l'Agence nationale",
    "l’Agence nationale de santé publique",
    "L‘État, l`ÉTAT, l´état, lʼétat",
    "Œuvre, cœur, Æsop, æther, Straße, STRASSE, ẞ",
    "1\u00a0000\u202f€ et 5\u2009%\u2007; a\u200ab\u2002c\u2003d\u2005e\u2006f",
    "trans\u00adaction, \u00ad\u00ad, \u00ad",
    "e\u0301cole, E\u0301COLE, n\u0303, a\u0308\u0301, \u0301 seul",
    "e\u00ad\u0301 (a soft hyphen between a letter and its accent)",
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1f\x7f\t\n\r\f",
    "emoji 😀👍🏽 🇫🇷 and ZWJ 👩‍👩‍👧",
    "中文 日本語 한국어 ｆｕｌｌｗｉｄｔｈ ﬁ ﬂ ½ ² ™ Ⅻ",
    "1ʳᵉ 2ᵈ 3ᵉ nᵒ 13ⁿ",
    "İstanbul ı ǅ ǈ ς σ Σ ŉ",
    "M. Jean-Luc Mélenchon — député (LFI-NFP)",
    "Texte de la réponse",
    "DONNÉES CLÉS",
    "Date(s) clé(s)",
    "x" * 199 + "é",
    "x" * 200 + "é",
    "é" * 201,
    "\ud800 lone surrogate \udfff",
    "\u0345\u0300\u0301\u0302 only marks",
    "ǆ Ǆ ǅ ﬀ ﬃ ſt ꝏ",
]

# Code points that the fast paths treat specially, and their neighbours.
TRICKY = (
    "aAzZ09 '`´ʼ‘’\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2005\u2006\u00ad"
    "éÉèàçœŒæÆßẞﬁ½²\u0301\u0308\u0303\u0327\u0345ʳᵉᵈⁿᵒ^{}*_#>[]()!<&;\\-=`~|"
    "\t\n\x00\x0b\x1f😀中ı İ"
)
tricky_text = st.text(alphabet=TRICKY, max_size=60)


def all_code_points(width: int) -> list[str]:
    """Every code point, `width` at a time (and each alone, below U+3400)."""
    chars = [chr(c) for c in range(0x110000)]
    return chars[:0x3400] + ["".join(chars[i : i + width]) for i in range(0, len(chars), width)]


EVERY = all_code_points(48)


# --- the tests --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fast", "plain"),
    [(typographic, plain_typographic), (strip_accents, plain_strip_accents), (fold, plain_fold)],
    ids=["typographic", "strip_accents", "fold"],
)
def test_text_helpers_equal_the_plain_ones_on_every_code_point(
    fast: Callable[[str], str], plain: Callable[[str], str]
) -> None:
    for text in VARIED + EVERY:
        assert fast(text) == plain(text), repr(text)


@given(tricky_text)
@settings(max_examples=400, deadline=None)
def test_text_helpers_equal_the_plain_ones_on_tricky_strings(text: str) -> None:
    assert typographic(text) == plain_typographic(text)
    assert strip_accents(text) == plain_strip_accents(text)
    assert fold(text) == plain_fold(text)
    assert fold(text) == plain_fold(text)  # the cached answer too


def test_fold_is_the_same_for_long_and_cached_strings() -> None:
    assert fold("Ministère de l'Économie " * 20) == plain_fold("Ministère de l'Économie " * 20)
    for text in ["Thalès", "THALÈS", "Thalès"]:
        assert fold(text) == "thales"


MARKDOWN = [
    "## Texte de la question",
    "> **Auteur :** [M. Jean Dupont](#) ##",
    "1^{re} 13<sup>e</sup> 2^e^ 3^ème ![alt](img.png) <https://x.fr/a>",
    "***x*** **_y_** __z__ *a* _b_ `code` \\*not\\* &amp;lt; &eacute;",
    "---",
    "* * *",
    "plain words, nothing to strip: l'État",
    "1ʳᵉ séance, nᵒ 5",
    "a_b_c snake_case *unclosed _unclosed",
    "[lien][ref] et [autre](https://x.fr) et [seul]",
    "[lien][ref] sans parenthèse",
]


@pytest.mark.parametrize("unescape", [True, False])
def test_strip_inline_equals_the_plain_one(unescape: bool) -> None:
    for line in VARIED + MARKDOWN + EVERY[:0x400]:
        assert strip_inline(line, unescape=unescape) == plain_strip_inline(
            line, unescape=unescape
        ), repr(line)


@given(tricky_text, st.booleans())
@settings(max_examples=600, deadline=None)
def test_strip_inline_equals_the_plain_one_on_tricky_lines(line: str, unescape: bool) -> None:
    assert strip_inline(line, unescape=unescape) == plain_strip_inline(line, unescape=unescape)


@pytest.mark.parametrize(
    "raw",
    [
        "plain text\n" * 10,
        "\x01" * 9 + "a" * 100,  # 9 controls: over the floor of 8
        "\x01" * 8 + "a" * 100,
        "\x0b\x0e\x1f\x08" * 3 + "\t\n\f\r" * 50,
        "a" * 65530 + "\x01" * 20,  # controls past the first 65,536 characters do not count
        "\x02" * 700 + "b" * 65000,
    ],
)
def test_decode_counts_control_characters_as_before(tmp_path: Path, raw: str) -> None:
    check_decode(tmp_path, raw)


def test_decode_counts_each_control_character_as_before(tmp_path: Path) -> None:
    for c in [*map(chr, range(1, 0x80)), "\x85", "\u2028", "\u0300", "é"]:
        check_decode(tmp_path, "a" * 100 + c * 9)  # 9: just over the floor of 8


def check_decode(tmp_path: Path, raw: str) -> None:
    binary = plain_controls(raw) > max(8, len(raw[:65536]) // 100)
    if binary:
        with pytest.raises(BinaryInputError):
            decode(tmp_path / "x.txt", raw.encode())
    else:
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        assert decode(tmp_path / "x.txt", raw.encode()).raw == text, repr(raw[-9:])


PAGE = "source: https://example.fr/q\n## Titre\n\n**Auteur :** M. l’Élu\u00a0!\n" + "mot " * 400
HTML = "<html><body><h1>Titre</h1><p>Un&nbsp;: <b>deux</b></p><p>trois<br>quatre</p></body></html>"


@pytest.mark.parametrize("raw", [PAGE, HTML])
def test_page_renderings_are_the_uncached_ones(tmp_path: Path, raw: str) -> None:
    source = decode(tmp_path / "p.txt", raw.encode())
    for paragraphs in (False, True):
        for limit in (None, 200_000, 40):
            body = source.body if limit is None else source.body[:limit]
            text = (
                html_to_text(body, paragraphs=paragraphs) if source.is_html else typographic(body)
            )
            assert page_text(source, paragraphs=paragraphs, limit=limit) == text
            lines = clean_lines(text, unescape=not source.is_html)
            assert page_lines(source, paragraphs=paragraphs, limit=limit) == lines
            got = page_lines(source, paragraphs=paragraphs, limit=limit)
            got.clear()  # the caller's own list: the next caller still gets every line
            assert page_lines(source, paragraphs=paragraphs, limit=limit) == lines
    assert source.renders  # kept on the source, which still compares and hashes as before
    assert source == decode(tmp_path / "p.txt", raw.encode())
    assert hash(source) == hash(decode(tmp_path / "p.txt", raw.encode()))


def plain_heading(line: str) -> str | None:
    key = plain_fold(line)
    if key in an_page._HEADINGS:
        return an_page._DATES if key.startswith("date") else key
    return None


HEADINGS = [
    "Texte de la question",
    "TEXTE DE LA QUESTION",
    "## Texte de la réponse",
    "Données clés",
    "Date(s) clé(s)",
    "Dates clés",
    "Date clé",
    "T.e.x.t.e d.e l.a q.u.e.s.t.i.o.n",
    "Texte de la questions",
    "Texte de la question 1",
    "１ Texte de la question",
    "Texte de la question — " + "« » " * 300,
    "Ｔｅｘｔｅ ｄｅ ｌａ ｑｕｅｓｔｉｏｎ",
    "Te\u0301xte de la question",
    "Texte\u00adde\u00adla\u00adquestion",
]


def test_an_page_headings_are_found_as_by_folding_every_line() -> None:
    for line in VARIED + HEADINGS + EVERY[:0x800]:
        assert an_page._heading(line) == plain_heading(line), repr(line)


@given(st.text(alphabet="Texdlaqusiontéponé()'ÉÈ ,.-\u00ad\u0301ﬁ1Ｔ", max_size=40))
@settings(max_examples=600, deadline=None)
def test_an_page_headings_on_tricky_lines(line: str) -> None:
    assert an_page._heading(line) == plain_heading(line)


def plain_tidy(text: str, *, paragraphs: bool) -> str:
    text = read_html._MARKS.sub(lambda m: read_html._merge_breaks(m, paragraphs), text)
    text = plain_typographic(text)
    text = "\n".join(line.strip(" ") for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return re.sub(r" {2,}", " ", text).strip()


html_text = st.text(
    alphabet=" \t\n\r\f\x0b\u00a0a’\u00ad" + read_html._BREAK + read_html._BLOCK, max_size=50
)


@given(html_text, st.booleans())
@settings(max_examples=600, deadline=None)
def test_html_white_space_is_collapsed_as_before(text: str, paragraphs: bool) -> None:
    assert read_html._keep(text, False) == re.sub(r"[ \t\n\r\f]+", " ", text)
    assert read_html._tidy(text, paragraphs=paragraphs) == plain_tidy(text, paragraphs=paragraphs)


def test_html_pages_render_as_before() -> None:
    page = "<p>Un&nbsp;:  <b>deux</b>\n\t trois</p><br><br><br><div> <p>quatre</p> </div>x  y"
    for paragraphs in (False, True):
        assert html_to_text(page, paragraphs=paragraphs) == (
            "Un : deux trois\n\nquatre\nx y"
            if not paragraphs
            else "Un : deux trois\n\nquatre\n\nx y"
        )


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("l’État décide", "utf-8"),
        ("l’État décide".encode().decode("cp1252"), "utf-8 (mojibake repaired)"),
        ("ça va".encode().decode("cp1252"), "utf-8 (mojibake repaired)"),
        ("l’on".encode().decode("cp1252"), "utf-8 (mojibake repaired)"),
        ("Ã quoted alone, and â€ too", "utf-8"),
        ("Ã© but not all of it round-trips: 中", "utf-8"),
    ],
)
def test_decode_repairs_mojibake_as_before(tmp_path: Path, text: str, encoding: str) -> None:
    assert decode(tmp_path / "m.txt", text.encode()).encoding == encoding
