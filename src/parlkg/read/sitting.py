"""Speech turns and stage directions of a sitting's transcript (plain text).

The transcript is a list of paragraphs. A paragraph that opens with a speaker
label starts a turn; the other paragraphs continue the current one:

    Mme la présidente . La parole est à M. Emmanuel Maurel.
    M. Emmanuel Maurel . Ma question s'adresse à ...
    Mme Clara Chappaz, ministre déléguée chargée de ... . Avant de répondre ...
    M. Stéphane Peu. Ce n'est pas vrai !
    Mme Clara Chappaz, ministre déléguéeet je vous remercie ...   (label glued to the speech)

Stage directions are parenthesised: "(Applaudissements sur les bancs du groupe
GDR. – MM. Alexis Corbière et René Pilato applaudissent aussi.)"; each part
between dashes is one reaction, attributed to groups and persons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parlkg.model import Reaction, SpeechTurn
from parlkg.text import fold, title_case_name

_UP = "A-ZÀ-ÖØ-Þ"
_CAP_WORD = rf"[{_UP}][\w'-]*"
_PARTICLE = r"(?:de la|de|du|des|le|la|von|van|di|da|del|dos)"
# A person's name: capitalised words, with particles between them ("Sophie de Nervo").
_NAME = rf"{_CAP_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_CAP_WORD}|\s+d'{_CAP_WORD})*"
_CIVILITY = r"(?:M\.|Mme|Mlle|MM\.|Mmes)"

# Words a speaker's role starts with ("ministre déléguée chargée de ...").
_ROLE_HEAD = (
    r"(?:ministre|secrétaire|premier|première|garde|haut|haute|président|présidente|"
    r"vice-président|vice-présidente|rapporteur|rapporteure|porte-parole|commissaire|doyen|doyenne)"
)
# A role printed without a name: the chair, or an unnamed minister.
_ROLE_ONLY = re.compile(
    r"^(?P<civ>M\.|Mme)\s+(?P<role>(?:le|la|l')\s*(?:"
    # the chair, a committee's chair or rapporteur, with what they chair
    r"(?:(?:vice-)?présidente?|rapporteure?(?:\s+général(?:e)?)?)"
    r"(?:\s+(?:de\s+la\s+commission|de\s+séance|d'âge|pour\s+avis)[^.()]{0,80}?)?"
    # a member of the Government printed without a name: the bare role only
    r"|Premier ministre|Première ministre|ministre(?:\s+délégué(?:e)?)?|secrétaire d'État"
    r"|doyenne?))\s*\.(?:\s+|$)",
    re.IGNORECASE,
)
_NAMED = re.compile(rf"^(?P<civ>M\.|Mme|Mlle)\s+(?P<name>{_NAME})(?P<after>\s*[.,]|\s*$)")
_LABEL_END = re.compile(r"\s*\.(?:\s+|$)")
_ROLE_START = re.compile(rf"^{_ROLE_HEAD}\b", re.IGNORECASE)
# The role words a glued label may carry ("ministre déléguéeet je ...").
_GLUED_ROLE = re.compile(
    r"^(?:(?:Premier|Première)\s+ministre|ministre(?:\s+d'État)?(?:\s+délégué(?:e)?)?|"
    r"secrétaire\s+d'État|garde\s+des\s+sceaux|rapporteure?|présidente?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Label:
    """The speaker label that opens a paragraph."""

    speaker: str
    civility: str | None
    role: str | None
    named: bool
    speech_start: int  # where the speech begins in the paragraph
    glued: bool = False  # the label ran into the speech with no separator


def parse_label(paragraph: str, known_roles: dict[str, list[str]] | None = None) -> Label | None:
    """The speaker label opening `paragraph`, or None when it continues a turn.

    `known_roles` maps speakers already seen to the roles printed for them; it
    lets a label glued to its speech ("ministre déléguéeet je ...") be split.
    """
    known_roles = known_roles or {}
    m = _ROLE_ONLY.match(paragraph)
    if m:
        role = " ".join(m["role"].split())
        return Label(role, m["civ"], role, False, m.end())
    m = _NAMED.match(paragraph)
    if not m:
        return None
    civility, name = m["civ"], " ".join(m["name"].split())
    after = m["after"].strip()
    rest_start = m.end("name")
    if after == "." or (not after and m.end() == len(paragraph)):
        end = _LABEL_END.match(paragraph, rest_start)
        return Label(
            title_case_name(name), civility, None, True, end.end() if end else len(paragraph)
        )
    # a comma: a role follows, up to " ." or glued to the speech
    role_start = m.end()
    while role_start < len(paragraph) and paragraph[role_start] == " ":
        role_start += 1
    rest = paragraph[role_start:]
    known = sorted(known_roles.get(title_case_name(name), []), key=len, reverse=True)
    # 1. a role printed before, then " ." or glued to the speech ("déléguéeet je")
    for role in known:
        if rest.startswith(role):
            after = rest[len(role) :]
            if _LABEL_END.match(after) or after[:1].isalpha():
                return _glued(name, civility, role, role_start, paragraph)
    # 2. a new role, up to " ."
    dot = re.search(r"\s*\.(?:\s+|$)", rest[:300])
    if dot and _ROLE_START.match(rest):
        role = " ".join(rest[: dot.start()].split()).rstrip(" ,")
        if _plausible_role(role):
            return Label(title_case_name(name), civility, role, True, role_start + dot.end())
    # 3. a known role, or a bare role word, running into the speech
    for role in known:
        if rest.startswith(role):
            return _glued(name, civility, role, role_start, paragraph)
    g = _GLUED_ROLE.match(rest)
    if g:
        return _glued(name, civility, g.group(), role_start, paragraph)
    return None  # "M. Trump, lui, ..." opens a sentence, not a turn


_SPEECH_WORDS = re.compile(r"\b(?:je|j'|vous|nous|me|m'|tu|on|il|elle)\b|[!?«»()]", re.IGNORECASE)


def _plausible_role(role: str) -> bool:
    """A role is a short noun phrase: no pronoun of a speech, no exclamation."""
    return 0 < len(role) <= 250 and not _SPEECH_WORDS.search(role)


def _glued(name: str, civility: str, role: str, role_start: int, paragraph: str) -> Label:
    start = role_start + len(role)
    sep = _LABEL_END.match(paragraph, start)
    if sep:
        return Label(title_case_name(name), civility, role, True, sep.end())
    while start < len(paragraph) and paragraph[start] == " ":
        start += 1
    return Label(title_case_name(name), civility, role, True, start, glued=True)


@dataclass(frozen=True)
class ParsedTurns:
    turns: list[SpeechTurn]
    glued: int  # how many labels were glued to their speech


def parse_turns(text: str, spans: list[tuple[int, int]]) -> ParsedTurns:
    """Speech turns over the paragraphs `spans` of `text` (offsets into `text`).

    A turn runs from its label to the end of the last paragraph before the next
    label. A speaker printed again with the family name only ("M. Maurel") keeps
    the full name seen first.
    """
    turns: list[SpeechTurn] = []
    roles: dict[str, list[str]] = {}
    glued = 0
    for start, end in spans:
        label = parse_label(text[start:end], roles)
        if label is None:
            if turns:
                turns[-1].end = end
            continue
        speaker = label.speaker
        if label.named:
            speaker = _known_speaker(speaker, label.civility, turns)
            if label.role:
                seen = roles.setdefault(speaker, [])
                if label.role not in seen:
                    seen.append(label.role)
        glued += label.glued
        turns.append(
            SpeechTurn(
                speaker=speaker,
                civility=label.civility,
                role=label.role,
                named=label.named,
                start=start,
                end=end,
            )
        )
    return ParsedTurns(turns, glued)


def _known_speaker(name: str, civility: str | None, turns: list[SpeechTurn]) -> str:
    for turn in turns:
        if not turn.named or turn.civility != civility:
            continue
        if turn.speaker == name:
            return name
        if turn.speaker.endswith(" " + name):  # "Maurel" after "Emmanuel Maurel"
            return turn.speaker
    return name


# --- stage directions -----------------------------------------------------------

_PAREN = re.compile(r"\(([^()]{2,600})\)")
_DIRECTION_WORDS = re.compile(
    r"applaudi|protestation|proteste|exclamation|s'exclame|rires|sourires|murmure|huée|"
    r"mouvements|brouhaha|bruit|interruption|sur (?:les|plusieurs|quelques|de nombreux|divers|"
    r"tous les) bancs|se lèvent|se lève|quittent l'hémicycle|claquement",
    re.IGNORECASE,
)
# Parts of a stage direction are separated by dashes, except the " - " inside a
# 16th/17th-legislature group name ("LFI - NUPES", "Écolo - NUPES").
_ALLIANCE = r"(?:NUPES|NFP)\b"
_PART_SPLIT = re.compile(rf"\s+[–—]\s+|\s+-\s+(?!{_ALLIANCE})")
_KINDS = (
    ("applause", re.compile(r"applaudi", re.IGNORECASE)),
    ("protest", re.compile(r"protest", re.IGNORECASE)),
    ("exclamation", re.compile(r"exclam", re.IGNORECASE)),
    ("interjection", re.compile(r"^«|interruption|interromp", re.IGNORECASE)),
)
_GROUP_NAME = (
    rf"[{_UP}][\w'-]*(?:\s+(?:(?:pour|de|du|des|la|le|l')\s+)*[{_UP}][\w'-]*)*"
    rf"(?:\s+-\s+{_ALLIANCE})?"
)
_GROUPS = re.compile(rf"\bgroupes?\s+({_GROUP_NAME}(?:\s*(?:,|\bet\b)\s*{_GROUP_NAME})*)")
_PERSON_LIST = re.compile(
    rf"{_CIVILITY}\s+{_NAME}(?:\s*(?:,|\bet\b)\s*(?:{_CIVILITY}\s+)?{_NAME})*"
)
_PERSON = re.compile(rf"(?:{_CIVILITY}\s+)?({_NAME})")


_SAME = re.compile(r"^Mêmes\s+mouvements\b", re.IGNORECASE)


def is_stage_direction(content: str) -> bool:
    """Whether a parenthesised text is a stage direction, not an aside like "(ANSSI)"."""
    return bool(_DIRECTION_WORDS.search(content))


def parse_reactions(text: str, turns: list[SpeechTurn]) -> list[Reaction]:
    """One Reaction per part of every parenthesised stage direction in `text`."""
    reactions: list[Reaction] = []
    for m in _PAREN.finditer(text):
        content = m.group(1)
        if not is_stage_direction(content):
            continue
        base = m.start(1)
        pos = 0
        for sep in [*_PART_SPLIT.finditer(content), None]:
            part_end = sep.start() if sep else len(content)
            start, end = _trim(content, pos, part_end)
            pos = sep.end() if sep else len(content)
            if start >= end:
                continue
            part = content[start:end]
            reaction = Reaction(
                kind=reaction_kind(part),
                exact=part,
                start=base + start,
                end=base + end,
                by_groups=groups_in(part),
                by_persons=persons_in(part),
                turn=_turn_at(turns, base + start),
            )
            if _SAME.match(part) and reactions:
                # "Mêmes mouvements." repeats the reaction before, by the same benches
                # unless it names others ("Mêmes mouvements sur des travées du groupe GEST")
                before = reactions[-1]
                reaction.kind = before.kind
                if not reaction.by_groups and not reaction.by_persons:
                    reaction.by_groups = list(before.by_groups)
                    reaction.by_persons = list(before.by_persons)
            reactions.append(reaction)
    return reactions


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def reaction_kind(part: str) -> str:
    """applause, protest, exclamation, interjection or other: the first named."""
    found = [(m.start(), kind) for kind, rx in _KINDS if (m := rx.search(part))]
    return min(found)[1] if found else "other"


def groups_in(part: str) -> list[str]:
    """Groups named in a stage direction: "du groupe RE et ... du groupe Dem" -> RE, Dem.

    "des groupes LR et UDI" names two groups; "du groupe Écologiste et Social" one
    (two full words joined by "et", neither an abbreviation). "LFI - NUPES" is
    given as "LFI-NUPES", the way the abbreviation is written elsewhere.
    """
    out: list[str] = []
    for m in _GROUPS.finditer(part):
        names = re.split(r"\s*,\s*", m.group(1))
        last = re.split(r"\s+et\s+", names.pop())
        if len(last) == 2 and not any(map(_stands_alone, last)):
            last = [" et ".join(last)]
        for name in [*names, *last]:
            name = re.sub(rf"\s+-\s+(?={_ALLIANCE})", "-", name)
            if name and name not in out:
                out.append(name)
    return out


def _stands_alone(name: str) -> bool:
    """Whether `name`, beside "et", is a group of its own: an abbreviation ("LR",
    "UDI-I", "EcoS", "Dem": short, or capitals past the first letter) or several
    words ("Les Républicains")."""
    if " " in name:
        return True  # "Les Républicains": a name of its own, split from its neighbour
    return len(name) <= 5 or any(c.isupper() for c in name[1:])


def persons_in(part: str) -> list[str]:
    """Persons named in a stage direction: "MM. A B et C D applaudissent" -> A B, C D."""
    out: list[str] = []
    for m in _PERSON_LIST.finditer(part):
        for p in _PERSON.finditer(m.group()):
            name = title_case_name(" ".join(p.group(1).split()))
            if name and name not in out:
                out.append(name)
    return out


def _turn_at(turns: list[SpeechTurn], offset: int) -> int | None:
    for i, turn in enumerate(turns):
        if turn.start <= offset < turn.end:
            return i
    return None


# --- who answers ----------------------------------------------------------------

_GIVES_FLOOR_TO_MINISTER = re.compile(
    r"la parole est à\s+(?:M\.|Mme)\s+(?:le|la)\s+(?:Premier|Première\s+)?"
    r"(?:ministre|secrétaire d'État|garde des sceaux|Premier ministre|Première ministre)",
    re.IGNORECASE,
)
_MINISTER_ROLE = re.compile(
    r"^(?:ministre|secrétaire d'État|Premier ministre|Première ministre|garde des sceaux)",
    re.IGNORECASE,
)


def answering_turn(text: str, turns: list[SpeechTurn]) -> int | None:
    """Index of the first turn of the member of the Government who answers: the
    named speaker after the chair gives the floor to a minister, else the first
    named speaker whose role is ministerial."""
    for i, turn in enumerate(turns):
        if turn.named or not _GIVES_FLOOR_TO_MINISTER.search(text[turn.start : turn.end]):
            continue
        after = [j for j in range(i + 1, len(turns)) if turns[j].named]
        with_role = [j for j in after if turns[j].role]
        if with_role or after:
            return (with_role or after)[0]
    for i, turn in enumerate(turns):
        if turn.named and turn.role and _MINISTER_ROLE.match(turn.role):
            return i
    return None


def full_role(turns: list[SpeechTurn], speaker: str) -> str | None:
    """The longest role printed for `speaker` (the first label carries it in full)."""
    roles = [t.role for t in turns if t.speaker == speaker and t.role]
    return max(roles, key=len) if roles else None


def same_speaker(a: str, b: str) -> bool:
    return fold(a) == fold(b)
