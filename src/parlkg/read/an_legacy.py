"""questions.assemblee-nationale.fr pages, 13th to 17th legislature (not the
"Données clés" page of the seeds, which `an_page` reads).

Three layouts:

* "FICHE QUESTION" (13th): `Question N° : 128306  de  M.   Féron Hervé ( Group -
  Département ) QE`, then `Label : value` lines, `Texte de la QUESTION : ...`;
* 14th-16th: `Question N° 43327` / `de M. Name (Group - Département )` / `Question
  écrite` / `Label > value` lines / `Question publiée au JO le : ... page : ...` /
  `Texte de la question` / `Texte de la réponse`;
* the newer page: title / `Question de :` / name / `Département (Ne circonscription)
  - Group` / text / `Réponse publiée le 12 septembre 2023` / answer (a trailing "Données
  clés" block is read too), and its QAG variant: `Question au Gouvernement n° N :` /
  title / `17e Législature` / `Question de : M. Name` / constituency line / `Question
  posée en séance, et publiée le ...` / transcript.

Number and legislature printed only in the URL (`q16/16-6777QE.htm`) come from it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from parlkg.errors import TruncatedInputError, UnknownLayoutError
from parlkg.model import Author, Chamber, DocType, Document, Reaction, SpeechTurn
from parlkg.read import Source, sitting
from parlkg.read.field import (
    Body,
    addressee,
    clean,
    department_of,
    ends_mid_sentence,
    floor_given_to,
    looks_like_debate,
    natural_name,
    page_lines,
    spans_of_debate,
    strip_blank_lines,
    transcript,
)
from parlkg.text import fold, parse_date, parse_int
from parlkg.vocab import document_key

NAME = "an_legacy"

_CIV = r"(?P<civ>M\.|Mme|Mlle)"
_FICHE_AUTHOR = re.compile(
    rf"^Question\s+N°\s*:\s*(?P<num>\d+)\s+de\s+{_CIV}\s+(?P<name>[^()]+?)\s*"
    r"\((?P<paren>.*)\)\s*(?P<type>QE|QG|QOSD|QO)?\s*$"
)
_NUMBER = re.compile(r"^Question\s+N°\s*:?\s*(?P<num>\d+)\s*$")
_AUTHOR = re.compile(rf"^de\s+{_CIV}\s+(?P<name>[^()]+?)\s*\((?P<paren>.*)\)\s*$")
_LEGISLATURE = re.compile(r"^(?P<leg>\d{1,2})\s*(?:ème|eme|e|è|re)\s+législature\b", re.I)
_QUESTION_DE = re.compile(rf"^Question\s+de\s*:\s*(?:{_CIV}\s+(?P<name>.+))?$")
_QAG_HEADER = re.compile(r"^Question\s+au\s+Gouvernement\s+n°\s*(?P<num>\d+)\s*:?\s*$", re.I)
_POSED = re.compile(r"^Question\s+posée\s+en\s+séance.*publiée\s+le\s+(?P<date>.+)$", re.I)
_ANSWER_PUBLISHED = re.compile(r"^Réponse\s+publiée\s+le\s+(?P<date>.+)$", re.I)
_NAME_LINE = re.compile(rf"^{_CIV}\s+(?P<name>\S.*)$")
_URL_OLD = re.compile(r"/q(?P<leg>\d{1,2})/(?P=leg)-(?P<num>\d+)(?P<type>QE|QG|QOSD|QO)\b", re.I)
_URL_UID = re.compile(r"QANR5L(?P<leg>\d{1,2})(?P<type>QE|QG|QOSD|QO)(?P<num>\d+)", re.I)
_TEXT_HEADING = re.compile(
    r"^Texte\s+de\s+la\s+(?P<which>question|réponse|reponse)\b\s*:?\s*", re.I
)
_DONNEES = re.compile(r"^Données\s+clés\s*$", re.I)
_PAGE = re.compile(r"\bpage\s*:?\s*(?P<page>\d[\d ]*)", re.I)
_WITHDRAWN = re.compile(r"(?P<date>\d{1,2}/\d{1,2}/\d{4})\s*(?:\(\s*(?P<reason>[^)]*?)\s*\))?")

_TYPES = {
    "qe": DocType.WRITTEN_QUESTION,
    "qg": DocType.GOVERNMENT_QUESTION,
    "qosd": DocType.ORAL_QUESTION,
    "qo": DocType.ORAL_QUESTION,
    "question ecrite": DocType.WRITTEN_QUESTION,
    "question au gouvernement": DocType.GOVERNMENT_QUESTION,
    "question orale sans debat": DocType.ORAL_QUESTION,
    "question orale": DocType.ORAL_QUESTION,
}

# metadata labels (folded) -> field
_LABELS = {
    "ministere interroge": "ministry_asked",
    "ministere attributaire": "ministry_assigned",
    "rubrique": "rubrique",
    "tete d analyse": "heading_analysis",
    "analyse": "analysis",
    "titre": "title",
    "question publiee au jo le": "published",
    "question publiee le": "published",
    "reponse publiee au jo le": "answered",
    "date de changement d attribution": "attribution_changed",
    "date de renouvellement": "renewed",
    "question retiree le": "withdrawn",
    "auteur": "author",
    "circonscription": "constituency",
    "type de question": "type",
    "numero de la question": "number",
}


@dataclass
class _Page:
    """What the page prints, before it becomes a Document."""

    layout: str
    number: str | None = None
    legislature: int | None = None
    type_code: str | None = None
    title: str | None = None
    civility: str | None = None
    name: str | None = None
    surname_first: bool = False
    group: str | None = None
    constituency: str | None = None
    meta: dict[str, list[str]] = field(default_factory=dict)
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    answer_heading: bool = False  # a "Texte de la réponse" heading was printed
    answer_announced: str | None = None  # the "Réponse publiée le ..." date as printed
    key_data: bool = False  # the newer page's trailing "Données clés" block was seen
    published: dt.date | None = None
    answered: dt.date | None = None

    def add(self, key: str, value: str) -> None:
        self.meta.setdefault(key, []).append(value)

    def first(self, key: str) -> str | None:
        values = self.meta.get(key)
        return values[0] if values else None


class AnLegacyReader:
    name = NAME

    def detect(self, source: Source) -> float:
        if source.is_json:
            return 0.0
        lines = [ln for ln in page_lines(source)[:80] if ln]
        return 0.9 if _which_layout(lines) else 0.0

    def read(self, source: Source) -> Document:
        lines = page_lines(source)
        layout = _which_layout([ln for ln in lines[:80] if ln])
        if layout == "fiche":
            page = _read_fiche(lines)
        elif layout == "classic":
            page = _read_classic(lines)
        elif layout == "modern":
            page = _read_modern(lines)
        else:
            raise UnknownLayoutError(
                source.path,
                "not a questions.assemblee-nationale.fr question page (no 'Question N°', "
                "'FICHE QUESTION' or 'Question de :' header)",
                hint="choose another layout with --format",
            )
        return _document(source, page)


def _which_layout(lines: list[str]) -> str | None:
    if any(_FICHE_AUTHOR.match(ln) for ln in lines):
        return "fiche"
    has_number = any(_NUMBER.match(ln) for ln in lines)
    has_author = any(_AUTHOR.match(ln) for ln in lines)
    if has_number and has_author:
        return "classic"
    if any(_QUESTION_DE.match(ln) for ln in lines):
        return "modern"
    return None


def _meta_line(line: str) -> tuple[str, str] | None:
    """("field", value) for a `Label > value` or `Label : value` line."""
    m = re.match(r"^(?P<label>[^:>]{3,60}?)\s*(?:>|:)\s*(?P<value>.*)$", line)
    if not m:
        return None
    key = _LABELS.get(fold(m.group("label")))
    if key is None:
        return None
    return key, m.group("value").strip()


def _split_paren(paren: str) -> tuple[str | None, str | None]:
    """`Group - Département` -> (group, constituency); the group may hold " - "."""
    paren = " ".join(paren.split())
    if " - " in paren:
        group, constituency = paren.rsplit(" - ", 1)
        return clean(group), clean(constituency)
    return clean(paren), None


def _read_fiche(lines: list[str]) -> _Page:
    page = _Page("fiche", surname_first=True)
    section: str | None = None
    for line in lines:
        if section is None:
            m = _FICHE_AUTHOR.match(line)
            if m:
                page.number = m.group("num")
                page.civility = m.group("civ")
                page.name = m.group("name")
                page.group, page.constituency = _split_paren(m.group("paren"))
                page.type_code = m.group("type")
                continue
            m = _LEGISLATURE.match(line)
            if m:
                page.legislature = int(m.group("leg"))
                continue
        h = _TEXT_HEADING.match(line)
        if h:
            section = "question" if h.group("which").lower() == "question" else "answer"
            page.answer_heading |= section == "answer"
            line = line[h.end() :]
            if not line:
                continue
        if section == "question":
            page.question.append(line)
        elif section == "answer":
            page.answer.append(line)
        else:
            kv = _meta_line(line)
            if kv:
                page.add(*kv)
    return page


def _read_classic(lines: list[str]) -> _Page:
    page = _Page("classic")
    section: str | None = None
    for line in lines:
        h = _TEXT_HEADING.match(line)
        if h and not line[h.end() :].strip():
            section = "question" if h.group("which").lower() == "question" else "answer"
            page.answer_heading |= section == "answer"
            continue
        if section == "question":
            page.question.append(line)
            continue
        if section == "answer":
            page.answer.append(line)
            continue
        if m := _LEGISLATURE.match(line):
            page.legislature = int(m.group("leg"))
        elif m := _NUMBER.match(line):
            page.number = m.group("num")
        elif (m := _AUTHOR.match(line)) and page.name is None:
            page.civility = m.group("civ")
            page.name = m.group("name")
            page.group, page.constituency = _split_paren(m.group("paren"))
        elif fold(line) in _TYPES and page.type_code is None:
            page.type_code = fold(line)
        elif kv := _meta_line(line):
            page.add(*kv)
    return page


def _read_modern(lines: list[str]) -> _Page:
    page = _Page("modern")
    i = 0
    head: list[str] = []
    # header: optional "Question au Gouvernement n° N :", title, "17e Législature"
    while i < len(lines) and not _QUESTION_DE.match(lines[i]):
        line = lines[i]
        if m := _QAG_HEADER.match(line):
            page.number = m.group("num")
            page.type_code = "qg"
        elif m := _LEGISLATURE.match(line):
            page.legislature = int(m.group("leg"))
        elif line:
            head.append(line)
        i += 1
    if head:
        page.title = clean(head[-1])
    if i < len(lines):
        m = _QUESTION_DE.match(lines[i])
        if m and m.group("name"):
            page.civility, page.name = m.group("civ"), m.group("name")
        i += 1
    # name line, then "Département (Ne circonscription) - Group"
    while i < len(lines) and not lines[i]:
        i += 1
    if page.name is None and i < len(lines) and (m := _NAME_LINE.match(lines[i])):
        page.civility, page.name = m.group("civ"), m.group("name")
        i += 1
    while i < len(lines) and not lines[i]:
        i += 1
    if i < len(lines) and _is_constituency_line(lines[i]):
        page.constituency, page.group = _split_constituency_group(lines[i])
        i += 1
    section = "question"
    for line in lines[i:]:
        if _DONNEES.match(line):
            section = "meta"
            page.key_data = True
            continue
        if section != "meta":
            if m := _POSED.match(line):
                page.published = parse_date(m.group("date"))
                continue
            if m := _ANSWER_PUBLISHED.match(line):
                page.answered = parse_date(m.group("date"))
                section = "answer"
                page.answer_heading = True
                page.answer_announced = m.group("date")
                continue
        if section == "question":
            page.question.append(line)
        elif section == "answer":
            page.answer.append(line)
        else:
            kv = _meta_line(line)
            if kv:
                page.add(*kv)
    return page


def _is_constituency_line(line: str) -> bool:
    return " - " in line and not line.rstrip().endswith((".", "?", "!"))


def _split_constituency_group(line: str) -> tuple[str | None, str | None]:
    """ "Vendée (1re circonscription) - Démocrate (MoDem et Indépendants)"."""
    line = " ".join(line.split())
    m = re.search(r"circonscription\)\s+-\s+", line)
    if m:
        return clean(line[: m.start() + len("circonscription)")]), clean(line[m.end() :])
    constituency, _, group = line.partition(" - ")
    return clean(constituency), clean(group)


def _from_url(url: str | None) -> tuple[int | None, str | None, str | None]:
    if not url:
        return None, None, None
    m = _URL_OLD.search(url) or _URL_UID.search(url)
    if not m:
        return None, None, None
    return int(m.group("leg")), m.group("num"), m.group("type").lower()


def _document(source: Source, page: _Page) -> Document:
    warnings: list[str] = []
    url_leg, url_num, url_type = _from_url(source.source_url)
    number = page.number or clean(page.first("number")) or url_num
    legislature = page.legislature or url_leg
    if page.number and url_num and page.number.lstrip("0") != url_num.lstrip("0"):
        warnings.append(f"the page prints question {page.number}, its URL says {url_num}")
    type_code = page.type_code or fold(page.first("type") or "") or url_type or "qe"
    doc_type = _TYPES.get(type_code, DocType.WRITTEN_QUESTION)

    question_text = strip_blank_lines(page.question)
    answer_text = strip_blank_lines(page.answer)
    if not question_text and not answer_text:
        raise TruncatedInputError(
            source.path,
            "the page stops before the text of the question",
            hint="capture the whole page, or read the open-data record instead",
        )
    body = Body.of(question_text, answer_text)
    text = body.text

    # author
    author = _author(page, text)

    # metadata lines
    published, jo_page = _date_page(page.first("published"))
    answered, answer_page = _date_page(page.first("answered"))
    published = published or page.published
    answered = answered or page.answered
    withdrawn, reason = _withdrawal(page.first("withdrawn"))
    renewals = [d for v in page.meta.get("renewed", []) if (d := parse_date(v))]
    changes = [d for v in page.meta.get("attribution_changed", []) if (d := parse_date(v))]
    assigned = [c for v in page.meta.get("ministry_assigned", []) if (c := clean(v))]
    analysis = [c for v in page.meta.get("analysis", []) if (c := clean(v))]

    turns: list[SpeechTurn] = []
    reactions: list[Reaction] = []
    answered_by = answered_by_role = None
    question_span, answer_span = body.question_span, body.answer_span
    index: int | None = None
    if doc_type is not DocType.WRITTEN_QUESTION and looks_like_debate(text):
        turns, reactions = transcript(text)
        index = sitting.answering_turn(text, turns)
        if index is not None:
            answered_by = turns[index].speaker
            answered_by_role = sitting.full_role(turns, answered_by)
            if doc_type is DocType.GOVERNMENT_QUESTION and answered is None:
                answered = published
        if not page.answer:
            question_span, answer_span = spans_of_debate(text, turns, index)
        if author is None and (floor := floor_given_to(text)):
            author = Author(name=floor[1], civility=floor[0])

    cut: list[str] = []
    if ends_mid_sentence(question_text):
        cut.append("the text of the question stops mid-sentence: the capture is cut")
    if ends_mid_sentence(answer_text):
        cut.append("the text of the answer stops mid-sentence: the capture is cut")
    if page.answer_announced is not None and page.answered is None:
        cut.append(f"the answer's date is unreadable ({page.answer_announced!r}): the page is cut")
    if (
        (answered or page.answer_announced is not None)
        and not answer_text
        and doc_type is DocType.WRITTEN_QUESTION
    ):
        when = f" on {answered.isoformat()}" if answered else ""
        cut.append(f"an answer was published{when} but its text is not in the page")
    elif page.layout == "classic" and not page.answer_heading and not cut:
        cut.append("the page stops before its 'Texte de la réponse' section")
    if turns and index is None:
        cut.append("the debate stops before a member of the Government answers")
    if page.layout == "modern" and doc_type is DocType.WRITTEN_QUESTION:
        if not page.key_data:
            cut.append(
                "the page stops before its 'Données clés' block: no ministry, rubrique or JO page"
            )
        elif published is None or (answer_text and page.first("answered") is None):
            cut.append("the 'Données clés' block stops before its JO dates: the page is cut")
    warnings.extend(cut)
    complete = not cut

    key = document_key(doc_type, "AN", number=number, legislature=legislature)
    if not number:
        warnings.append("no question number in the page or its URL: keyed by file name")
        key = document_key(doc_type, "AN", stem=_stem(source.path))
    return Document(
        key=key,
        source_path=source.path,
        source_url=source.source_url,
        layout=NAME,
        doc_type=doc_type,
        chamber=Chamber.AN,
        number=number,
        legislature=legislature,
        title=page.title or clean(page.first("title")),
        rubrique=clean(page.first("rubrique")),
        heading_analysis=clean(page.first("heading_analysis")),
        analysis=analysis,
        author=author,
        ministry_asked=clean(page.first("ministry_asked")),
        ministries_assigned=assigned,
        addressee_in_text=addressee(text[question_span[0] : question_span[1]])
        if question_span
        else None,
        published=published,
        jo_page=jo_page,
        answered=answered,
        answer_jo_page=answer_page,
        answered_by=answered_by,
        answered_by_role=answered_by_role,
        withdrawn=withdrawn,
        withdrawal_reason=reason,
        attribution_changed=max(changes) if changes else None,
        renewed=max(renewals) if renewals else None,
        text=text,
        question_span=question_span,
        answer_span=answer_span,
        turns=turns,
        reactions=reactions,
        complete=complete,
        warnings=warnings,
        content_hash=source.content_hash,
    )


def _author(page: _Page, text: str) -> Author | None:
    name = page.name
    constituency = page.constituency
    group = page.group
    if name is None and page.first("author"):
        m = _NAME_LINE.match(clean(page.first("author")) or "")
        if m:
            page.civility, name = m.group("civ"), m.group("name")
    if name is None:
        return None
    if constituency is None and page.first("constituency"):
        constituency, group2 = _split_constituency_group(page.first("constituency") or "")
        group = group or group2
    return Author(
        name=natural_name(name, text, surname_first=page.surname_first),
        civility=page.civility,
        group=group,
        constituency=constituency,
        department=department_of(constituency),
    )


def _date_page(value: str | None) -> tuple[dt.date | None, int | None]:
    if not value:
        return None, None
    m = _PAGE.search(value)
    return parse_date(value), parse_int(m.group("page")) if m else None


def _withdrawal(value: str | None) -> tuple[dt.date | None, str | None]:
    if not value:
        return None, None
    m = _WITHDRAWN.search(value)
    if not m:
        return parse_date(value), None
    return parse_date(m.group("date")), clean(m.group("reason"))


def _stem(path: str) -> str:
    name = re.split(r"[\\/]", path)[-1]
    return name.rsplit(".", 1)[0]


READER = AnLegacyReader()
