"""Helpers shared by the page readers: page text, names, body assembly, checks.

Not a reader (no `READER`): the layout modules build on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parlkg.model import Reaction, SpeechTurn
from parlkg.read import Source, sitting
from parlkg.read.html import html_to_text
from parlkg.read.mdtext import clean_lines
from parlkg.text import collapse_spaces, fold, title_case_name, typographic

CIVILITY = r"(?:M\.|Mme|Mlle|MM\.|Mmes)"
_TERMINAL = tuple('.!?…»)"')


def page_text(source: Source, *, paragraphs: bool = False, limit: int | None = None) -> str:
    """The text of the page, HTML or not, `typographic()` applied; `source:` line dropped.

    `paragraphs`: HTML blocks end with a blank line, as paragraphs do in a text
    capture (see `html_to_text`). `limit`: only the first characters of the
    source (for detection).
    """
    body = source.body if limit is None else source.body[:limit]
    key = _render_key("text", source, paragraphs, len(body))
    text = source.renders.get(key)
    if not isinstance(text, str):
        text = html_to_text(body, paragraphs=paragraphs) if source.is_html else typographic(body)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        source.renders[key] = text
    return text


def page_lines(source: Source, *, paragraphs: bool = False, limit: int | None = None) -> list[str]:
    """The lines of the page as shown (HTML rendered, light Markdown stripped)."""
    size = len(source.body) if limit is None else min(len(source.body), limit)
    key = _render_key("lines", source, paragraphs, size)
    lines = source.renders.get(key)
    if not isinstance(lines, tuple):
        text = page_text(source, paragraphs=paragraphs, limit=limit)
        lines = tuple(clean_lines(text, unescape=not source.is_html))
        source.renders[key] = lines
    return list(lines)  # the caller's own list


def _render_key(kind: str, source: Source, paragraphs: bool, size: int) -> tuple[str, bool, int]:
    """What a rendering depends on: the first `size` characters of the body and,
    for HTML only, `paragraphs`. Every reader's detect() then shares one."""
    return kind, paragraphs and source.is_html, size


def clean(value: str | None) -> str | None:
    """One line of metadata as printed: spaces collapsed, Markdown links/bold removed."""
    if value is None:
        return None
    value = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", value)
    value = value.replace("**", "").replace("__", "")
    value = collapse_spaces(value).strip(" :>")
    return value or None


def department_of(constituency: str | None) -> str | None:
    """ "Vendée (1re circonscription)" -> "Vendée"; "Nord" -> "Nord"."""
    if not constituency:
        return None
    dept = re.sub(r"\s*\([^()]*circonscription[^()]*\)\s*$", "", constituency).strip()
    return dept or None


_ABBREVIATION_END = re.compile(r"(?:^|[\s(])(?:M|MM|Mme|Mmes|Mlle|Dr|St|art|n°|p)\.$")


def ends_mid_sentence(text: str) -> bool:
    """True when `text` does not end a sentence: no terminal punctuation mark, or
    the full stop of an abbreviation ("... de M.")."""
    stripped = text.rstrip()
    if not stripped:
        return False
    return not stripped.endswith(_TERMINAL) or bool(_ABBREVIATION_END.search(stripped[-8:]))


def natural_name(printed: str, body: str = "", *, surname_first: bool = False) -> str:
    """A person's name in natural order (given names, then family name), casing fixed.

    `printed` is the name as the page prints it: "LIENEMANN Marie-Noëlle" (family
    name in capitals, Senate), "Féron Hervé" (`surname_first`, AN "FICHE"), or
    already natural. When the body prints the same words in another order
    ("M. Hervé Féron attire ..."), that printed form wins.
    """
    printed = collapse_spaces(printed).strip(" ,.")
    words = printed.split()
    if not words:
        return printed
    from_body = _name_in_body(words, body)
    if from_body:
        return from_body
    upper = [w for w in words if _is_upper_word(w)]
    if upper and len(upper) < len(words):
        # family name in capitals (with its particles), given names in mixed case
        family_idx = [i for i, w in enumerate(words) if _is_upper_word(w)]
        first, last = family_idx[0], family_idx[-1]
        while first > 0 and words[first - 1].islower():  # "de LA GONTRIE"
            first -= 1
        family = words[first : last + 1]
        given = words[:first] + words[last + 1 :]
        return title_case_name(" ".join([*given, *family]))
    if surname_first and len(words) > 1:
        return title_case_name(" ".join([words[-1], *words[:-1]]))
    return title_case_name(printed)


def _is_upper_word(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _name_in_body(words: list[str], body: str) -> str | None:
    """The same words, in any order, after a civility in the first lines of `body`."""
    if not body:
        return None
    wanted = sorted(fold(w) for w in words)
    head = body[:600]
    pattern = re.compile(
        CIVILITY + rf"\s+((?:[^\W\d_][\w'’-]*\s+){{{len(words) - 1}}}[^\W\d_][\w'’-]*)"
    )
    for m in pattern.finditer(head):
        found = m.group(1).split()
        if sorted(fold(w) for w in found) == wanted:
            return " ".join(found)
    return None


def civility_in_body(name: str, body: str) -> str | None:
    """The civility printed before `name` in the body ("Mme Delphine Batho interroge")."""
    m = re.search(r"(" + CIVILITY + r")\s+" + re.escape(name) + r"\b", body[:1000])
    return m.group(1) if m else None


_ADDRESSEE = re.compile(
    r"\b(?:attire|appelle|attirent|appellent)\s+(?:[a-zéè]+\s+)?(?:à nouveau\s+)?"
    r"l'attention\s+(?P<prep>de|d'|du|des)\s*(?P<a>.+?),?\s+sur\s"
    r"|\b(?:interroge|interrogent|alerte|alertent|interpelle|interpellent|questionne)\s+"
    r"(?P<b>(?:M\.|Mme|MM\.|Mmes|le|la|les)\s.+?),?\s+(?:sur|au sujet|à propos|quant)\s"
    r"|\bs'adresse\s+à\s+(?P<c>.+?)\.(?:\s|$)",
    re.DOTALL,
)


def addressee(text: str) -> str | None:
    """Who the question is put to, as printed in its first sentence, or None.

    "... attire l'attention de M. le ministre du travail sur ..." -> "M. le ministre du
    travail"; "... interroge Mme la ministre ... sur ..." -> "Mme la ministre ...".
    """
    head = text[:1500]
    m = _ADDRESSEE.search(head)
    if not m:
        return None
    if m.group("a") is not None:
        value = m.group("a")
        prep = m.group("prep")
        if prep == "du":
            value = "le " + value
        elif prep == "des":
            value = "les " + value
    else:
        value = m.group("b") or m.group("c") or ""
    value = collapse_spaces(value).strip(" ,")
    if not value or len(value) > 400:
        return None
    return value


@dataclass
class Body:
    """Question and answer texts joined into `Document.text`, with their spans."""

    text: str = ""
    question_span: tuple[int, int] | None = None
    answer_span: tuple[int, int] | None = None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, question: str, answer: str | None = None) -> Body:
        question = question.strip()
        answer = (answer or "").strip()
        body = cls()
        parts: list[str] = []
        if question:
            body.question_span = (0, len(question))
            parts.append(question)
        if answer:
            start = len(question) + 2 if question else 0
            body.answer_span = (start, start + len(answer))
            parts.append(answer)
        body.text = "\n\n".join(parts)
        return body


def strip_blank_lines(lines: list[str]) -> str:
    """Lines joined, outer blank lines removed, runs of blank lines kept as one."""
    text = "\n".join(line.rstrip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


# --- debates ----------------------------------------------------------------------

_GROUP_LABEL = re.compile(
    r"^(?:Plusieurs|Quelques|De\s+nombreux|Nombreux|Un|Une|Des|Les)\s+"
    r"(?P<who>(?:députée?s?|sénat(?:eur|rice)s?|membres|parlementaires)\s+"
    r"(?:du|des|de\s+la)\s+groupes?\s+[^\n.]{1,100}?)\s*\.(?:\s+|$)"
)


def transcript(text: str) -> tuple[list[SpeechTurn], list[Reaction]]:
    """Speech turns and stage directions of `text`, one paragraph per line.

    Built on `sitting.parse_label`; a line opened by a group ("Plusieurs députés
    du groupe RN.") is a turn of that group (`named=False`).
    """
    turns: list[SpeechTurn] = []
    roles: dict[str, list[str]] = {}
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        g = _GROUP_LABEL.match(line)
        if g:
            turns.append(
                SpeechTurn(
                    speaker=collapse_spaces(g.group("who")), named=False, start=start, end=end
                )
            )
            continue
        label = sitting.parse_label(line, roles)
        if label is None:
            if turns:
                turns[-1].end = end
            continue
        speaker = label.speaker
        if label.named:
            speaker = _known_speaker(speaker, label.civility, turns)
            if label.role and label.role not in roles.setdefault(speaker, []):
                roles[speaker].append(label.role)
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
    return turns, sitting.parse_reactions(text, turns)


def _known_speaker(name: str, civility: str | None, turns: list[SpeechTurn]) -> str:
    for turn in turns:
        if turn.named and turn.civility == civility and turn.speaker.endswith(" " + name):
            return turn.speaker  # "Maurel" after "Emmanuel Maurel"
    return name


_FLOOR = re.compile(
    r"La\s+parole\s+est\s+à\s+(?P<civ>M\.|Mme|Mlle)\s+(?P<name>(?!l[ea]\s|les\s|l')"
    r"[^\W\d_][\w' -]*?)\s*(?:[.,;]|$)",
    re.MULTILINE,
)


def looks_like_debate(text: str) -> bool:
    """True when `text` is a sitting's transcript (the chair gives the floor)."""
    return bool(re.search(r"La\s+parole\s+est\s+à\s", text))


def floor_given_to(text: str) -> tuple[str, str] | None:
    """(civility, name) of the first member the chair gives the floor to by name:
    "La parole est à M. Jean-Philippe Tanguy." -> ("M.", "Jean-Philippe Tanguy")."""
    m = _FLOOR.search(text)
    if not m:
        return None
    return m.group("civ"), collapse_spaces(m.group("name"))


def spans_of_debate(
    text: str, turns: list[SpeechTurn], answer: int | None
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Question and answer spans of a sitting: the question runs from the first
    named turn to the answering minister's first turn, the answer from there on."""
    first = next((t.start for t in turns if t.named), None)
    if answer is None:
        return ((first, len(text)) if first is not None else None), None
    a_start = turns[answer].start
    q_end = a_start
    # the chair's floor-giving to the minister belongs to neither
    for t in turns[:answer]:
        if not t.named and t.start < a_start and t.start >= (first or 0):
            q_end = t.start
    while q_end > 0 and text[q_end - 1].isspace():
        q_end -= 1
    question = (first, q_end) if first is not None and q_end > first else None
    return question, (a_start, len(text))


_UP = "A-ZÀ-ÖØ-Þ"
_OPENING = re.compile(
    rf"^(?P<civ>M\.|Mme|Mlle)\s+(?P<name>[{_UP}][\w'-]*"
    rf"(?:\s+(?:(?:de|du|des|d'|le|la)\s+)?[{_UP}][\w'-]*){{0,4}})\s+"
    r"(?:attire|appelle|interroge|alerte|interpelle|demande|souhaite|rappelle|expose|signale)\b"
)


def author_in_text(text: str) -> tuple[str, str] | None:
    """(civility, name) of the member a written question opens with:
    "M. Antoine Verdier interroge ..." -> ("M.", "Antoine Verdier")."""
    m = _OPENING.match(text.lstrip())
    return (m.group("civ"), m.group("name")) if m else None
