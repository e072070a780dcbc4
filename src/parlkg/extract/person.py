"""Persons by pattern.

- a civility followed by a capitalised name: "M. Alexis Corbière", "Mme Ségolène
  Amiot", "Madame Clara CHAPPAZ"; after a plural civility, every name of the
  enumeration: "MM. Alexis Corbière, Jérémie Jordanoff et René Pilato";
- name-first letter blocks: a line "Alexandre BASQUIN" followed by a role line
  ("SÉNATEUR", "Député", "Sénateur du Nord");
- the speakers of `Document.turns` printed with a name.

A civility followed by a role ("M. le ministre", "Mme la présidente") or a
plural noun is not a person. Labels are in natural order ("DARRAS Jérôme" ->
"Jérôme Darras"), names printed in capitals are title-cased. A surname alone
("M. Trump") is resolved to a person of the authority of that name, else to a
full name with the same family name in the document, else kept as printed.
"""

from __future__ import annotations

import re
from collections import Counter

from parlkg.extract.common import LOWER, UPPER, folded, mention, words
from parlkg.extract.gazetteer import GazetteerIndex
from parlkg.model import Document, EntityKind, Mention
from parlkg.text import title_case_name

EXTRACTOR = "person-pattern"
TURN_EXTRACTOR = "person-turn"

_TOK = rf"(?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}})(?:['-](?:[{UPPER}][{LOWER}]+|[{UPPER}]{{2,}}))*"
_PARTICLE = r"(?:(?:de|du|des|van|von|der|den|da|di|del|de[ \t]+la)[ \t]+|d')"
_NAME = rf"{_TOK}(?:[ \t]+{_PARTICLE}?{_TOK}){{0,3}}"
_CIVILITY = re.compile(  # (?<![\w.])(?P<civ>MM\.|Mmes|...): the "M" first, then the look-behind
    r"(?P<civ>M(?<![\w.]M)(?:M\.|mes|me|lles|lle|\.|onsieur|adame|ademoiselle|essieurs|"
    r"esdames))[ \t]+(?=[" + UPPER + r"])"
)
_NAME_RE = re.compile(_NAME)
_LIST_SEP = re.compile(r"[ \t]*,[ \t]*|[ \t]+et[ \t]+|[ \t]+ainsi[ \t]+que[ \t]+")
_PLURAL = {"MM.", "Mmes", "Mlles", "Messieurs", "Mesdames"}
_LETTER_BLOCK = re.compile(
    r"^[ \t]*(?!(?:Madame|Monsieur|Mademoiselle|Mme|M\.)\s)"
    rf"(?P<name>{_TOK}(?:[ \t]+{_PARTICLE}?{_TOK}){{1,3}})[ \t]*\n(?:[ \t]*\n){{0,3}}[ \t]*"
    r"(?i:s[ée]nat(?:eur|rice)|d[ée]put[ée]e?|ministre|pr[ée]sidente?|maire|"
    r"secr[ée]taire\s+d'[ée]tat|conseill[eè]re?)\b",
    re.MULTILINE,
)

# First words that make "M. X" a role, not a name.
ROLE_WORDS = words(
    "president presidente ministre depute deputee senateur senatrice secretaire rapporteur "
    "rapporteure maire premier premiere garde haut haute directeur directrice general generale "
    "commissaire prefet prefete ambassadeur ambassadrice procureur juge doyen doyenne questeur vice"
)
_ARTICLES = frozenset({"le", "la", "les", "l"})


def natural_name(raw: str) -> str:
    """ "DARRAS Jérôme" -> "Jérôme Darras"; "Clara CHAPPAZ" -> "Clara Chappaz"."""
    words = raw.split()
    caps = [len(w) > 1 and w.replace("-", "").replace("'", "").isupper() for w in words]
    if caps and caps[0] and not all(caps):
        k = caps.index(False)
        if all(not c for c in caps[k:]):
            words = words[k:] + words[:k]
    return title_case_name(" ".join(words))


def _valid(name: str) -> bool:
    words = folded(name).split()
    if not words or words[0] in ROLE_WORDS:
        return False
    if len(words) == 1 and words[0] in _ARTICLES:
        return False
    return not all(w in _ARTICLES or w in ROLE_WORDS for w in words)


def _person(text: str, start: int, end: int, extractor: str) -> Mention | None:
    raw = text[start:end]
    if not _valid(raw):
        return None
    return mention(text, start, end, EntityKind.PERSON, natural_name(raw), extractor)


def find(doc: Document) -> list[Mention]:
    text = doc.text
    out: list[Mention] = []
    for c in _CIVILITY.finditer(text):
        pos = c.end()
        while True:
            m = _NAME_RE.match(text, pos)
            if m is None:
                break
            found = _person(text, m.start(), m.end(), EXTRACTOR)
            if found:
                out.append(found)
            if c["civ"] not in _PLURAL:
                break
            sep = _LIST_SEP.match(text, m.end())
            if sep is None:
                break
            pos = sep.end()
    for m in _LETTER_BLOCK.finditer(text):
        found = _person(text, m.start("name"), m.end("name"), EXTRACTOR)
        if found:
            out.append(found)
    for turn in doc.turns:
        if not turn.named or not turn.speaker.strip():
            continue
        found = _turn_speaker(text, turn.start, turn.end, turn.speaker)
        if found:
            out.append(found)
    return out


def _turn_speaker(text: str, start: int, end: int, speaker: str) -> Mention | None:
    """The speaker's name printed in the label of its turn."""
    words = [re.escape(w) for w in speaker.split()]
    if not words:
        return None
    window_end = min(end, start + len(speaker) + 80)
    for pattern in (r"[\s\-]+".join(words), words[-1]):
        m = re.compile(r"(?<!\w)" + pattern + r"(?!\w)", re.IGNORECASE).search(
            text, start, window_end
        )
        if m:
            found = mention(
                text,
                m.start(),
                m.end(),
                EntityKind.PERSON,
                title_case_name(speaker),
                TURN_EXTRACTOR,
            )
            return found
    return None


def resolve(mentions: list[Mention], index: GazetteerIndex, extra_names: list[str]) -> None:
    """Fix person labels across the document, then set iris from the authority.

    A surname alone takes the name of the authority's person of that family
    name, else of a full name with that family name in this document. Two
    full names with the same words in a different order take the most
    frequent printing (the later one on a tie).
    """
    persons = [m for m in mentions if m.kind == EntityKind.PERSON]
    full: dict[frozenset[str], list[str]] = {}
    for name in [m.label for m in persons] + extra_names:
        words = folded(name).split()
        if len(name.split()) >= 2:  # "Taillé-Polian" alone is a surname, not a full name
            full.setdefault(frozenset(words), []).append(name)
    # each name resolved once: a document can print one name thousands of times
    resolved: dict[str, str] = {}
    for m in persons:
        if m.iri:
            continue
        label = resolved.get(m.label)
        if label is None:
            label = resolved[m.label] = _resolve_label(m.label, index, full)
        m.label = label
        entry = index.lookup(m.label, EntityKind.PERSON)
        if entry is not None:
            m.iri = entry.iri
            m.label = entry.label


def _resolve_label(label: str, index: GazetteerIndex, full: dict[frozenset[str], list[str]]) -> str:
    """A full name: its most frequent printing (the later one on a tie); a surname
    alone: see `_resolve_surname`."""
    words = folded(label).split()
    if len(label.split()) < 2:
        return _resolve_surname(label, index, full)
    names = full.get(frozenset(words), [label])
    counts = Counter(names)
    best = max(counts.values())
    return next(n for n in reversed(names) if counts[n] == best)


def _resolve_surname(
    surname: str, index: GazetteerIndex, full: dict[frozenset[str], list[str]]
) -> str:
    entry = index.lookup(surname, EntityKind.PERSON)
    if entry is not None:
        return entry.label
    key = folded(surname).split()  # "Taillé-Polian": two folded words, one surname
    if not key:
        return surname
    by_surname = [
        e
        for e in index.persons_by_surname.get(key[-1], [])
        if any(folded(n).split()[-len(key) :] == key for n in e.names)
    ]
    if len(by_surname) == 1:
        return by_surname[0].label
    same = {
        names[-1]
        for names in full.values()
        if len(folded(names[-1]).split()) > len(key)
        and folded(names[-1]).split()[-len(key) :] == key
    }
    if len(same) == 1:
        return same.pop()
    return surname
