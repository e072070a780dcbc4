"""Helpers shared by the extractors: word tokens with exact offsets, noise words,
kind groups, small regex pieces for French capitalised names.

Nothing here depends on a particular document or on the authority file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from parlkg.model import EntityKind, Mention
from parlkg.text import fold

# Kinds that name an organisation of some sort.
ORG_KINDS = frozenset(
    {
        EntityKind.ORGANIZATION,
        EntityKind.COMPANY,
        EntityKind.PUBLIC_BODY,
        EntityKind.MINISTRY,
        EntityKind.GROUP,
    }
)

# Folded names that are never entities in parliamentary prose: the genre's own
# institutions and roles, and collective names for groups of companies.
NOISE = frozenset(
    {
        "gouvernement",
        "le gouvernement",
        "etat",
        "l etat",
        "assemblee",
        "assemblee nationale",
        "senat",
        "le senat",
        "parlement",
        "republique",
        "president de la republique",
        "premier ministre",
        "premiere ministre",
        "ministre",
        "ministere",
        "president",
        "presidente",
        "depute",
        "deputee",
        "deputes",
        "senateur",
        "senatrice",
        "gafam",
        "gafa",
        "gafami",
        "maang",
        "natu",
        "batx",
        "big tech",
        "bigtech",
        "hyperscalers",
        "hyperscaler",
        "data brokers",
        "cloud",
        "clouds",
        "data center",
        "data centers",
        "datacenter",
        "datacenters",
    }
)

# Capital letters, including accented ones, for character classes.
UPPER = "A-ZÀ-ÖØ-Þ"
LOWER = "a-zß-öø-ÿ"


def not_after(before: str, *alternatives: str) -> str:
    """`(?<!before)(?:a|b|...)` written `(?:a0(?<!before a0)a1...|...)`: the same matches
    (`before` is one character class, each alternative opens on one literal letter), but
    the regex engine jumps between the letters that may open a match, where a pattern
    opening on a look-behind (or on `\\b`) is tried at every character of the text."""
    return "(?:" + "|".join(rf"{a[0]}(?<!{before}{a[0]}){a[1:]}" for a in alternatives) + ")"


def both_cases(*alternatives: str) -> tuple[str, ...]:
    """Each alternative (opening on a lower-case letter) with a capital, then as is."""
    return tuple(x for a in alternatives for x in (a[0].upper() + a[1:], a))


@lru_cache(maxsize=131072)
def folded(name: str) -> str:
    """`fold`, memoised: the same names are folded again and again."""
    return fold(name)


@lru_cache(maxsize=262144)
def fold_token(token: str) -> tuple[str, ...]:
    """The folded parts of one alphanumeric run ("Thalès" -> ("thales",))."""
    return tuple(fold(token).split())


@dataclass(slots=True)
class Tokens:
    """Alphanumeric runs of a text with their offsets and folded forms."""

    starts: list[int]
    ends: list[int]
    folded: list[str]

    def __len__(self) -> int:
        return len(self.folded)


_MULTI = "\x1a"  # stands for a character that folds into several letters ("œ" -> "oe")


class _FoldTable(dict[int, str]):
    """str.translate table folding each character into one: a letter or digit without
    accent or case, a space for anything else, `_MULTI` for "œ", "ß" and the like."""

    def __missing__(self, code: int) -> str:
        folded_char = fold(chr(code)).replace(" ", "")
        if unicodedata.combining(chr(code)):
            value = _MULTI  # a combining accent belongs to the letter before it
        else:
            value = folded_char if len(folded_char) == 1 else _MULTI if folded_char else " "
        self[code] = value
        return value


FOLD_TABLE = _FoldTable()
# Latin-1 characters fold through a bytes table (one C lookup a character); the rest
# ("œ", "€", "…": rarer) through FOLD_TABLE, run by run.
_LATIN1_FOLD = bytes(ord(FOLD_TABLE[code]) for code in range(256))
_NOT_LATIN1 = re.compile(r"[^\x00-\xff]+")
_SEPARATORS = re.compile(r"([^0-9a-z\x1a]+)")  # between tokens of a folded text


def fold_chars(text: str) -> str:
    """`text` folded character by character: same length, same offsets
    (`text.translate(FOLD_TABLE)`, faster)."""
    flat = text.encode("latin-1", "replace").translate(_LATIN1_FOLD).decode("latin-1")
    if text.isascii():
        return flat
    pieces: list[str] = []
    pos = 0
    for run in _NOT_LATIN1.finditer(text):
        pieces.append(flat[pos : run.start()])
        pieces.append(run.group().translate(FOLD_TABLE))
        pos = run.end()
    if not pieces:
        return flat
    pieces.append(flat[pos:])
    return "".join(pieces)


def tokenize(text: str) -> Tokens:
    flat = fold_chars(text)
    # tokens at even places, separators at odd ones: offsets are running sums of lengths
    parts = _SEPARATORS.split(flat)
    bounds = list(accumulate(map(len, parts), initial=0))
    folded = parts[::2]
    starts = bounds[:-1:2]
    ends = bounds[1::2]
    if folded[-1] == "":  # the text ends with a separator (or is empty)
        del folded[-1], starts[-1], ends[-1]
    if folded and folded[0] == "":  # it starts with one
        del folded[0], starts[0], ends[0]
    if _MULTI in flat:
        starts, ends, folded = _expand(text, starts, ends, folded)
    return Tokens(starts, ends, folded)


def _expand(
    text: str, starts: list[int], ends: list[int], folded: list[str]
) -> tuple[list[int], list[int], list[str]]:
    """Refold the tokens holding a character that folds into several letters (in place:
    the few such tokens are spliced, from the last, so earlier places hold)."""
    for k in reversed([k for k, f in enumerate(folded) if _MULTI in f]):
        a, b = starts[k], ends[k]
        parts = fold_token(text[a:b])
        starts[k : k + 1] = [a] * len(parts)
        ends[k : k + 1] = [b] * len(parts)
        folded[k : k + 1] = parts
    return starts, ends, folded


def mention(
    text: str,
    start: int,
    end: int,
    kind: EntityKind,
    label: str,
    extractor: str,
    *,
    iri: str | None = None,
    law_number: str | None = None,
    article: str | None = None,
) -> Mention:
    """A Mention whose `exact` is taken from `text`, so the offset invariant holds."""
    return Mention(
        start=start,
        end=end,
        exact=text[start:end],
        kind=kind,
        label=label,
        iri=iri,
        extractor=extractor,
        law_number=law_number,
        article=article,
    )


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span to start and end on a letter or digit (drop quotes, '*', spaces)."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def words(text: str) -> frozenset[str]:
    """A set of words written as one string (lists of French words stay readable)."""
    return frozenset(text.split())


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def collapse(text: str) -> str:
    return " ".join(text.replace("*", " ").split())


def is_noise(name: str) -> bool:
    return folded(name) in NOISE
