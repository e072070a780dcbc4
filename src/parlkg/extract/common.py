"""Helpers shared by the extractors: word tokens with exact offsets, noise words,
kind groups, small regex pieces for French capitalised names.

Nothing here depends on a particular document or on the authority file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

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
_FOLDED_TOKEN = re.compile(r"[0-9a-z\x1a]+")


def fold_chars(text: str) -> str:
    """`text` folded character by character: same length, same offsets."""
    return text.translate(FOLD_TABLE)


def tokenize(text: str) -> Tokens:
    flat = text.translate(FOLD_TABLE)
    matches = list(_FOLDED_TOKEN.finditer(flat))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    folded = [m.group() for m in matches]
    if _MULTI in flat:
        starts, ends, folded = _expand(text, starts, ends, folded)
    return Tokens(starts, ends, folded)


def _expand(
    text: str, starts: list[int], ends: list[int], folded: list[str]
) -> tuple[list[int], list[int], list[str]]:
    """Refold the tokens holding a character that folds into several letters."""
    out_s: list[int] = []
    out_e: list[int] = []
    out_f: list[str] = []
    for a, b, f in zip(starts, ends, folded, strict=True):
        parts = fold_token(text[a:b]) if _MULTI in f else (f,)
        for part in parts:
            out_s.append(a)
            out_e.append(b)
            out_f.append(part)
    return out_s, out_e, out_f


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
