"""Text helpers shared by readers, extractors and the resolver: folding, dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

# Characters that mean "apostrophe" or "space" in French typography.
_APOSTROPHES = "\u2019\u2018\u02bc\u00b4`"
_SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2005\u2006"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"

# One replacement per character (a soft hyphen is removed): the same as a
# `str.translate` table, but each is a C scan, skipped when the character is absent.
_TYPO_REPLACEMENTS = (
    *((c, "'") for c in _APOSTROPHES),
    *((c, " ") for c in _SPACES),
    ("\u00ad", ""),
)


def typographic(text: str) -> str:
    """Normalise apostrophes, non-breaking spaces and soft hyphens, one char per char
    (except soft hyphens, which are removed). Apply before offsets are taken."""
    if text.isascii():  # already NFC; "`" is the table's only ASCII character
        return text.replace("`", "'") if "`" in text else text
    text = unicodedata.normalize("NFC", text)
    for char, replacement in _TYPO_REPLACEMENTS:  # no replacement makes another's char
        if char in text:
            text = text.replace(char, replacement)
    return text


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")  # combining marks are never ASCII


def _without_combining(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def strip_accents(text: str) -> str:
    if text.isascii():  # NFKD leaves ASCII as it is
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return _NON_ASCII.sub(_without_combining, decomposed)


_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_FOLD_CACHED = 200  # longer texts (a page's paragraphs) are seldom folded twice


def fold(text: str) -> str:
    """Fold a name for comparison: no case, accents, or punctuation; single spaces.

    "l'Agence nationale" -> "l agence nationale"; "Thalès" -> "thales".
    """
    return _fold_cached(text) if len(text) <= _FOLD_CACHED else _fold(text)


def _fold(text: str) -> str:
    if text.isascii():  # what typographic, strip_accents and casefold come to
        text = text.lower()
    else:
        text = strip_accents(typographic(text)).casefold()
        text = text.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return " ".join(_NON_ALNUM.sub(" ", text).split())


_fold_cached = lru_cache(maxsize=16384)(_fold)


def collapse_spaces(text: str) -> str:
    return " ".join(text.split())


MONTHS_FR = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}

_FR_DATE = re.compile(
    r"\b(?P<d>\d{1,2})(?:er|re)?\s+(?P<m>[A-Za-zÀ-ÿ]+)\s+(?P<y>\d{4})\b", re.IGNORECASE
)
_NUM_DATE = re.compile(r"\b(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})\b")
_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")

FR_DATE_PATTERN = _FR_DATE.pattern  # for readers that embed a date in a larger pattern


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`, in any of the forms the sources print.

    "8 octobre 2024", "1er mars 2020", "26/11/2013", "2023-03-08". None if none
    is found or the numbers make no date.
    """
    text = typographic(text)
    candidates: list[tuple[int, int, int, int]] = []  # (position, y, m, d)
    for m in _FR_DATE.finditer(text):
        month = MONTHS_FR.get(fold(m["m"]))
        if month:
            candidates.append((m.start(), int(m["y"]), month, int(m["d"])))
    for pattern in (_NUM_DATE, _ISO_DATE):
        for m in pattern.finditer(text):
            candidates.append((m.start(), int(m["y"]), int(m["m"]), int(m["d"])))
    for _, y, mo, d in sorted(candidates):
        try:
            return dt.date(y, mo, d)
        except ValueError:
            continue
    return None


def parse_int(text: str | None) -> int | None:
    """The first whole number in `text` ("page 5166" -> 5166), ignoring spaces inside."""
    if not text:
        return None
    m = re.search(r"\d[\d\s]*", typographic(text))
    return int(re.sub(r"\s", "", m.group())) if m else None


def title_case_name(name: str) -> str:
    """Fix a name printed in capitals: "CHAPPAZ" -> "Chappaz", "LOPEZ-LIGUORI" ->
    "Lopez-Liguori"; words already in mixed case are kept."""

    def fix(word: str) -> str:
        if len(word) > 1 and word.isupper():
            return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
        return word

    return " ".join(fix(w) for w in name.split())


_ABBREVIATION = re.compile(r"(?:\bM|\bMM|\bMme|\bDr|\bSt|\bn°|\bart)\.$")
# A sentence ends after . ! ? … followed by spaces (closing » or ")" among them) and a
# capital, opening quote or parenthesis; or at a blank line, or a line opening a list
# item. Written to open on a character (the regex engine then skips to the next
# candidate): a match consumes the end mark before the break, which starts after it
# (a "\n" starts its own break).
_SENTENCE_END_SCAN = re.compile(
    r"[.!?…\n](?:(?<=[.!?…])[\s»)]*\s+(?=[A-ZÀ-ÖØ-Þ«(\"])|(?<=\n)\s*\n|(?<=\n)(?=[-•*] ))"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentence spans (start, end), stripped of outer spaces.

    A rule-based splitter good enough for parliamentary prose: ends at . ! ? …
    followed by a capital, and at blank lines. Abbreviations "M." and "Mme" are
    not ends.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_SCAN.finditer(text):
        at = m.start()
        if text[at] != "\n":
            at += 1
        if text[at - 1] == "." and _ABBREVIATION.search(text[max(0, at - 4) : at]):
            continue
        spans.append((start, at))
        start = m.end()
    spans.append((start, len(text)))
    return stripped_spans(text, spans)


def stripped_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` of `text` without their outer spaces; those left empty dropped."""
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out
