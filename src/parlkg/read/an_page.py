"""Reader for the Assemblée nationale question page with its "Données clés" block.

The page as captured (17th-legislature site, markdown-ish text):

    ASSEMBLÉE NATIONALE
    17ème législature
    <title>
    Question écrite n° 486            (or "Question au Gouvernement n° 585")
    Texte de la question
    <the question; for a QAG, the sitting's exchange>
    Texte de la réponse               (optional)
    <the answer>
    Données clés
    Auteur : M. Philippe Latombe
    Circonscription : Vendée (1re circonscription) - Les Démocrates
    Type de question / Numéro de la question / Rubrique / Ministère interrogé /
    Ministère attributaire
    Date(s) clé(s)
    Question publiée au JO le : 8 octobre 2024, page 5166
    Réponse publiée au JO le : 20/06/2023, page 5637
    Question retirée le : 11 juin 2024 (Fin de mandat)
    La question a été posée au Gouvernement en séance, parue au Journal officiel du ...

Markdown decorations (`**Auteur :**`, `## Texte de la question`, `[x](#)`,
`*x*`, `1^{re}`, `13<sup>e</sup>`) are stripped before anything is parsed. An
HTML page is rendered by `read.html` with a blank line after each block, so it
reads exactly like its text capture.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from parlkg.errors import InputError, ParlkgError, TruncatedInputError, UnknownLayoutError
from parlkg.model import Author, Chamber, DocType, Document, SpeechTurn
from parlkg.read import Source
from parlkg.read.field import ends_mid_sentence, page_lines
from parlkg.read.mdtext import paragraphs
from parlkg.read.sitting import answering_turn, full_role, parse_reactions, parse_turns
from parlkg.text import fold, parse_date, parse_int, sentence_spans, title_case_name
from parlkg.vocab import document_key

NAME = "an_page"

_LEGISLATURE = re.compile(
    r"^(?P<n>\d{1,2})\s*(?:e|è|ème|eme|ieme|ième|re)?\s+législature\b", re.IGNORECASE
)
_HEADER = re.compile(
    r"^Question\s+(?P<type>écrite|au\s+Gouvernement|orale(?:\s+sans\s+débat)?)"
    r"\s+n\s*°\s*(?P<number>\d+)\s*$",
    re.IGNORECASE,
)
_KEY_VALUE = re.compile(r"^(?P<key>[^:]{2,70}?)\s*:\s*(?P<value>.*)$")
_SITTING = re.compile(r"posée\s+au\s+Gouvernement\s+en\s+séance", re.IGNORECASE)
_PAGE = re.compile(r"\bpage\s*:?\s*(\d[\d\s]*)", re.IGNORECASE)
_CIVILITY = re.compile(r"^(?P<civ>M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle)\s+(?P<name>.+)$")
_CIVILITY_SHORT = {"Monsieur": "M.", "Madame": "Mme", "Mademoiselle": "Mlle"}
_CONSTITUENCY = re.compile(
    r"^(?P<c>.*?\(\s*\d+\s*\w*\s+circonscription\s*\))\s*(?:[-–—]\s*(?P<g>.*))?$"
)
_ADDRESSEE_VERB = re.compile(
    r"\b(?:(?:attire|appelle)\s+(?:(?:tout\s+particulièrement|à\s+nouveau|de\s+nouveau|"
    r"une\s+nouvelle\s+fois)\s+)?l'attention\s+(?:de\s+)?|interroge\s+|alerte\s+|"
    r"questionne\s+|interpelle\s+|sollicite\s+|(?:ma\s+)?question\s+s'adresse\s+à\s+|"
    r"s'adresse\s+à\s+)(?=(?:M\.|Mme|MM\.|Mmes|Monsieur|Madame)\s)",
    re.IGNORECASE,
)
_AUTHOR_IN_TEXT = re.compile(
    r"^(?P<civ>M\.|Mme)\s+(?P<name>[A-ZÀ-ÖØ-Þ][\w'-]*(?:\s+(?:de\s+|du\s+|d')?[A-ZÀ-ÖØ-Þ][\w'-]*)*)"
    r"\s+(?:attire|appelle|interroge|alerte|questionne|interpelle|sollicite)\b"
)

# Section headings, folded.
_QUESTION = "texte de la question"
_ANSWER = "texte de la reponse"
_KEY_DATA = "donnees cles"
_DATES = "date s cle s"
_HEADINGS = {_QUESTION, _ANSWER, _KEY_DATA, _DATES, "dates cles", "date cle"}


@dataclass
class _Page:
    """The page cut into its parts, lines already cleaned of markup."""

    lines: list[str]
    legislature: int | None = None
    title: str | None = None
    header_type: str | None = None
    header_number: str | None = None
    sections: dict[str, list[str]] = field(default_factory=dict)


# fold() keeps every ASCII letter and digit of a line (lowercased): a line with more
# of them than a heading has is not one, and is not folded (most are paragraphs).
_HEADING_ALNUM = max(len(h.replace(" ", "")) for h in _HEADINGS)
_TOO_LONG_FOR_HEADING = re.compile(rf"(?:[^0-9A-Za-z]*+[0-9A-Za-z]){{{_HEADING_ALNUM + 1}}}")


def _heading(line: str) -> str | None:
    if _TOO_LONG_FOR_HEADING.match(line):
        return None
    key = fold(line)
    if key in _HEADINGS:
        return _DATES if key.startswith("date") else key
    return None


def _split(lines: list[str]) -> _Page:
    page = _Page(lines)
    current: str | None = None
    leg_seen = False
    for line in lines:
        if not line:
            if current:
                page.sections[current].append("")
            continue
        heading = _heading(line)
        if heading:
            current = heading
            page.sections.setdefault(current, [])
            continue
        if current is None:
            m = _LEGISLATURE.match(line)
            if m and not leg_seen:
                page.legislature = int(m["n"])
                leg_seen = True
                continue
            h = _HEADER.match(line)
            if h:
                page.header_type = h["type"]
                page.header_number = h["number"]
                continue
            if leg_seen and page.title is None and page.header_number is None:
                page.title = line
            continue
        page.sections[current].append(line)
    return page


def _score(lines: list[str]) -> float:
    leg = header = question = keydata = False
    for line in lines[:400]:
        if not line:
            continue
        if _LEGISLATURE.match(line):
            leg = True
        elif _HEADER.match(line):
            header = True
        else:
            h = _heading(line)
            question = question or h == _QUESTION
            keydata = keydata or h == _KEY_DATA
    if not (leg and question):
        return 0.0
    if keydata:
        return 0.9
    return 0.85 if header else 0.0


class AnPageReader:
    """The Assemblée nationale question page with a "Données clés" block."""

    name = NAME

    def detect(self, source: Source) -> float:
        if source.is_json:
            return 0.0
        try:
            return _score(page_lines(source, paragraphs=True, limit=200_000))
        except Exception:  # detection never fails: it only says "not mine"
            return 0.0

    def read(self, source: Source) -> Document:
        try:
            return _read(source)
        except ParlkgError:
            raise
        except Exception as exc:  # a bug must still name the file
            raise InputError(
                source.path, f"reader {NAME!r} failed: {type(exc).__name__}: {exc}"
            ) from exc


READER = AnPageReader()


def _read(source: Source) -> Document:
    lines = page_lines(source, paragraphs=True)
    if _score(lines) == 0.0:
        raise UnknownLayoutError(
            source.path,
            "not an Assemblée nationale question page with 'Texte de la question' and "
            "'Données clés' (no legislature line or no question heading)",
            hint="let parlkg choose the layout, or name another with --format",
        )
    page = _split(lines)
    warnings: list[str] = []
    data = _key_values(page.sections.get(_KEY_DATA, []) + page.sections.get(_DATES, []))
    sitting_date = _sitting_date(page.sections.get(_KEY_DATA, []) + page.sections.get(_DATES, []))

    doc_type = _doc_type(data.get("type de question"), page.header_type)
    if doc_type is None:
        doc_type = DocType.WRITTEN_QUESTION
        warnings.append("no question type printed: taken as a written question")

    question_pars = paragraphs(page.sections.get(_QUESTION, []))
    answer_pars = paragraphs(page.sections.get(_ANSWER, []))
    debate = doc_type in (DocType.GOVERNMENT_QUESTION, DocType.ORAL_QUESTION)
    if debate:  # the title repeated in capitals opens the transcript
        question_pars = _drop_capital_title(question_pars)
        answer_pars = _drop_capital_title(answer_pars)
    if not question_pars and not answer_pars:
        raise TruncatedInputError(
            source.path,
            "the page stops before the text of the question (nothing under 'Texte de la question')",
            hint="capture the whole page, down to 'Données clés'",
        )

    question = "\n\n".join(question_pars)
    answer = "\n\n".join(answer_pars)
    text = "\n\n".join(p for p in (question, answer) if p)
    question_span = (0, len(question)) if question else None
    answer_span = (len(text) - len(answer), len(text)) if answer else None

    complete = True
    if _KEY_DATA not in page.sections:
        complete = False
        warnings.append("the page stops before 'Données clés': metadata read from the header only")
    if ends_mid_sentence(text):
        complete = False
        warnings.append("the text stops mid-sentence: the page seems cut")

    number = _clean(data.get("numero de la question")) or page.header_number
    if number:
        number = str(parse_int(number) or number)
    author = _author(data.get("auteur"), data.get("circonscription"), question)
    if author is None:
        warnings.append("no author found")

    published, jo_page = _date_page(data, "question publiee")
    if published is None and complete:
        complete = False
        warnings.append("no publication date under 'Date(s) clé(s)'")
    answered, answer_jo_page = _date_page(data, "reponse publiee")
    withdrawn, reason = _withdrawal(data.get("question retiree le"))

    turns: list[SpeechTurn] = []
    answered_by = answered_by_role = None
    if debate:
        spans = _paragraph_spans(text)
        parsed = parse_turns(text, spans)
        turns = parsed.turns
        if parsed.glued:
            warnings.append(
                f"{parsed.glued} speaker label(s) glued to the speech: split on the role"
            )
        who = answering_turn(text, turns)
        if who is None:
            complete = False
            warnings.append("the debate stops before a member of the Government answers")
        else:
            answered_by = turns[who].speaker
            answered_by_role = turns[who].role or full_role(turns, answered_by)
            if not answer_span:
                answer_span = (turns[who].start, len(text))
                question_span = _question_before(turns, who)
        if author is None:  # a cut page: the first member given the floor
            first = next((t for t in turns if t.named), None)
            if first is not None and first.speaker != answered_by:
                author = Author(name=first.speaker, civility=first.civility)
                warnings.pop(warnings.index("no author found"))
        if answered is None and (sitting_date or answered_by):
            answered = sitting_date or published
    reactions = parse_reactions(text, turns) if debate else []

    legislature = page.legislature
    key = (
        document_key(doc_type, Chamber.AN, number=number, legislature=legislature)
        if number
        else document_key(doc_type, Chamber.AN, stem=Path(source.path).stem)
    )
    if not number:
        warnings.append("no question number found: the key is made from the file name")
    return Document(
        key=key,
        source_path=source.path,
        source_url=source.source_url,
        layout=NAME,
        doc_type=doc_type,
        chamber=Chamber.AN,
        number=number,
        legislature=legislature,
        title=page.title,
        rubrique=_clean(data.get("rubrique")),
        heading_analysis=_clean(data.get("tete d analyse")),
        analysis=[a for a in [_clean(data.get("analyse"))] if a],
        author=author,
        ministry_asked=_clean(data.get("ministere interroge")),
        ministries_assigned=_assigned(data),
        addressee_in_text=addressee_in_text(text),
        published=published,
        jo_page=jo_page,
        answered=answered,
        answer_jo_page=answer_jo_page,
        answered_by=answered_by,
        answered_by_role=answered_by_role,
        withdrawn=withdrawn,
        withdrawal_reason=reason,
        attribution_changed=parse_date(data.get("date de changement d attribution") or ""),
        renewed=parse_date(data.get("date de renouvellement") or ""),
        text=text,
        question_span=question_span,
        answer_span=answer_span,
        turns=turns,
        reactions=reactions,
        complete=complete,
        warnings=warnings,
        content_hash=source.content_hash,
    )


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split()).strip(" ,;")
    return value or None


def _key_values(lines: list[str]) -> dict[str, str]:
    """`Key : value` lines, keys folded; a repeated key keeps every value, joined by "\\n"."""
    out: dict[str, str] = {}
    for line in lines:
        m = _KEY_VALUE.match(line)
        if not m:
            continue
        key = fold(m["key"])
        value = m["value"].strip()
        out[key] = f"{out[key]}\n{value}" if key in out else value
    return out


def _sitting_date(lines: list[str]) -> dt.date | None:
    for line in lines:
        if _SITTING.search(line):
            return parse_date(line)
    return None


def _doc_type(printed: str | None, header: str | None) -> DocType | None:
    for value in (printed, header):
        key = fold(value or "")
        if "gouvernement" in key:
            return DocType.GOVERNMENT_QUESTION
        if "orale" in key:
            return DocType.ORAL_QUESTION
        if "ecrite" in key:
            return DocType.WRITTEN_QUESTION
    return None


def _author(printed: str | None, constituency_line: str | None, body: str) -> Author | None:
    civility: str | None = None
    name: str | None = None
    if printed:
        printed = " ".join(printed.split())
        m = _CIVILITY.match(printed)
        if m:
            civility = _CIVILITY_SHORT.get(m["civ"], m["civ"])
            name = m["name"]
        else:
            name = printed
    else:  # a cut page: "M. Philippe Latombe attire l'attention ..."
        m = _AUTHOR_IN_TEXT.match(body)
        if m:
            civility, name = m["civ"], m["name"]
    if not name:
        return None
    constituency = group = None
    if constituency_line:
        line = " ".join(constituency_line.split())
        c = _CONSTITUENCY.match(line)
        if c:
            constituency, group = c["c"], c["g"]
        elif " - " in line:
            constituency, group = line.split(" - ", 1)
        else:
            constituency = line
        if constituency:
            constituency = re.sub(r"\(\s*(\d+)\s*(\w+)\s+", r"(\1\2 ", constituency).strip()
    department = None
    if constituency:
        department = re.sub(r"\s*\([^()]*\)\s*$", "", constituency).strip() or None
    return Author(
        name=title_case_name(name.strip(" ,.")),
        civility=civility,
        group=_clean(group),
        constituency=_clean(constituency),
        department=department,
    )


def _date_page(data: dict[str, str], prefix: str) -> tuple[dt.date | None, int | None]:
    for key, value in data.items():
        if key.startswith(prefix):
            first = value.split("\n")[0]
            page = _PAGE.search(first)
            return parse_date(first), parse_int(page.group(1)) if page else None
    return None, None


def _withdrawal(value: str | None) -> tuple[dt.date | None, str | None]:
    if not value:
        return None, None
    reason = re.search(r"\(([^()]+)\)", value)
    return parse_date(value), _clean(reason.group(1)) if reason else None


def _assigned(data: dict[str, str]) -> list[str]:
    out: list[str] = []
    for key, value in data.items():
        if key.startswith(("ministere attributaire", "ministeres attributaires")):
            for item in value.split("\n"):
                item_clean = _clean(item)
                if item_clean and item_clean not in out:
                    out.append(item_clean)
    return out


def _drop_capital_title(pars: list[str]) -> list[str]:
    if pars and not any(c.islower() for c in pars[0]) and len(pars[0]) < 300:
        return pars[1:]
    return pars


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for part in text.split("\n\n"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 2
    return spans


def _question_before(turns: list[SpeechTurn], who: int) -> tuple[int, int] | None:
    """The question's span in a debate: up to the end of the last turn before the
    chair hands the floor to the answering minister."""
    end_turn = who - 1
    while end_turn >= 0 and not turns[end_turn].named:
        end_turn -= 1
    if end_turn < 0:
        return None
    return (turns[0].start if turns else 0, turns[end_turn].end)


def addressee_in_text(text: str) -> str | None:
    """Who the question is put to, as printed in its first sentence: the words
    between the verb ("attire l'attention de", "interroge", "ma question s'adresse
    à", ...) and " sur ", else the end of the sentence."""
    head = text[:3000]
    m = _ADDRESSEE_VERB.search(head)
    if not m:
        return None
    sentence_end = len(head)
    for s, e in sentence_spans(head):
        if s <= m.start() < e:
            sentence_end = e
            break
    clause = head[m.end() : sentence_end]
    sur = re.search(r",?\s+sur\s", clause)
    value = clause[: sur.start()] if sur else clause
    value = " ".join(value.split()).rstrip(" ,;:.?!")
    return value if 0 < len(value) <= 400 else None
