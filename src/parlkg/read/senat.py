"""senat.fr question pages: written questions and questions d'actualité au Gouvernement.

    [title]
    [15e législature]
    Question de Mme LIENEMANN Marie-Noëlle (Paris - CRCE-R) publiée le 09/07/2020
    (or: Question écrite n° 17194 de Mme Marie-Noëlle Lienemann (Paris - CRCE-R)
         publiée dans le JO Sénat du 09/07/2020 - page 3097)
    body ...
    [Transmise au Ministère de ...]
    Réponse du Ministère de ... publiée le 22/10/2020   (or "Réponse du ministère : X
    publiée le ...", or "... publiée dans le JO Sénat du ... - page N")
    answer ...

A question d'actualité ("Question d'actualité au Gouvernement de M. ...") carries
the sitting's transcript: speech turns and stage directions are read from it.
The number is printed or taken from the URL (`qSEQ200717194` -> 17194, `qSEQ23030512G`
-> 0512G); its key series is the year of the URL (or of publication).
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
    ends_mid_sentence,
    looks_like_debate,
    natural_name,
    page_lines,
    spans_of_debate,
    strip_blank_lines,
    transcript,
)
from parlkg.text import fold, parse_date, parse_int
from parlkg.vocab import document_key

NAME = "senat"

_DATE = r"\d{1,2}/\d{1,2}/\d{4}"
_PUBLISHED = (
    rf"publiée\s+(?:le|dans\s+le\s+JO\s+Sénat\s+du)\s+(?P<date>{_DATE})"
    r"(?:\s*-\s*page\s*(?P<page>\d+))?"
)
_HEADER = re.compile(
    r"^Question\s+(?P<kind>écrite|orale(?:\s+sans\s+débat)?|d'actualité\s+au\s+gouvernement)?\s*"
    r"(?:n°\s*(?P<num>\d+[A-Z]?)\s+)?"
    r"de\s+(?P<civ>M\.|Mme|Mlle)\s+(?P<name>[^()]+?)\s*"
    r"\((?P<paren>[^()]*(?:\([^()]*\)[^()]*)*)\)"
    rf"(?:\s*{_PUBLISHED})?\s*$",
    re.IGNORECASE,
)
_PUBLISHED_LINE = re.compile(rf"^{_PUBLISHED}\s*$", re.IGNORECASE)
_ANSWER = re.compile(
    r"^Réponse\s+du\s+(?:(?:m|M)inistère\s*:\s*(?P<label>.+?)|(?P<ministry>(?:M|m)inistère\s.+?|"
    r"(?:Premier\s+ministre|secrétariat\s+d'État\s.+?)))"
    rf"(?:\s+{_PUBLISHED})?\s*$"
)
_TRANSMITTED = re.compile(r"^Transmise?\s+(?:au|à\s+la|à\s+l')\s*(?P<ministry>.+?)\s*\.?$", re.I)
_LEGISLATURE = re.compile(r"^(?P<leg>\d{1,2})\s*(?:ème|e|è)\s+législature\s*$", re.I)
_URL = re.compile(r"qSEQ(?P<yy>\d{2})(?P<mm>\d{2})(?P<num>\d+)(?P<suffix>[A-Z]?)\b")
_END_MARKERS = re.compile(
    r"^(?:En\s+attente\s+de\s+réponse|Question\s+caduque|Question\s+retirée|Erratum|"
    r"Les\s+questions\s+écrites|Haut\s+de\s+page|Retour)",
    re.I,
)
_WITHDRAWN = re.compile(
    rf"^(?P<what>Question\s+(?:retirée|caduque))\s*(?:le\s*:?\s*(?P<date>{_DATE}))?", re.I
)


@dataclass
class _Page:
    kind: str = ""
    number: str | None = None
    legislature: int | None = None
    title: str | None = None
    civility: str = ""
    name: str = ""
    constituency: str | None = None
    group: str | None = None
    published: dt.date | None = None
    jo_page: int | None = None
    answered: dt.date | None = None
    answer_page: int | None = None
    ministries: list[str] = field(default_factory=list)
    question: list[str] = field(default_factory=list)
    answer: list[str] = field(default_factory=list)
    answer_heading: bool = False
    withdrawn: dt.date | None = None
    withdrawal_reason: str | None = None
    ended: bool = False  # a line that follows the question's content was seen


class SenatReader:
    name = NAME

    def detect(self, source: Source) -> float:
        if source.is_json:
            return 0.0
        lines = page_lines(source)[:80]
        if any(_HEADER.match(ln) and _published_near(lines, i) for i, ln in enumerate(lines)):
            return 0.9
        return 0.0

    def read(self, source: Source) -> Document:
        lines = page_lines(source)
        start = next(
            (i for i, ln in enumerate(lines) if _HEADER.match(ln) and _published_near(lines, i)),
            None,
        )
        if start is None:
            raise UnknownLayoutError(
                source.path,
                "not a senat.fr question page (no 'Question de M./Mme NAME (Département - "
                "Groupe) publiée le ...' line)",
                hint="choose another layout with --format",
            )
        page = _parse(lines, start)
        return _document(source, page)


def _published_near(lines: list[str], i: int) -> bool:
    if re.search(r"publiée\s", lines[i], re.I):
        return True
    following = [ln for ln in lines[i + 1 : i + 4] if ln]
    return bool(following) and bool(_PUBLISHED_LINE.match(following[0]))


def _parse(lines: list[str], start: int) -> _Page:
    page = _Page()
    header = _HEADER.match(lines[start])
    if header is None:  # the caller checked it
        return page
    page.kind = fold(header.group("kind") or "")
    page.number = header.group("num")
    page.civility = header.group("civ")
    page.name = header.group("name")
    page.constituency, page.group = _split_paren(header.group("paren"))
    if header.group("date"):
        page.published = parse_date(header.group("date"))
        page.jo_page = parse_int(header.group("page"))
    # what precedes: legislature line, title
    before = [ln for ln in lines[:start] if ln]
    for ln in before:
        if m := _LEGISLATURE.match(ln):
            page.legislature = int(m.group("leg"))
    candidates = [ln for ln in before[-2:] if not _LEGISLATURE.match(ln)]
    if candidates and len(before) <= 3:
        page.title = clean(candidates[-1])
    section = "question"
    i = start + 1
    while i < len(lines):
        line = lines[i]
        i += 1
        if page.published is None and (m := _PUBLISHED_LINE.match(line)):
            page.published = parse_date(m.group("date"))
            page.jo_page = parse_int(m.group("page"))
            continue
        if m := _TRANSMITTED.match(line):
            _add(page.ministries, clean(m.group("ministry")))
            continue
        if m := _ANSWER.match(line):
            section = "answer"
            page.answer_heading = True
            _add(page.ministries, clean(m.group("label") or m.group("ministry")))
            date = m.group("date")
            page_no = m.group("page")
            if date is None and i < len(lines) and (p := _PUBLISHED_LINE.match(lines[i])):
                date, page_no = p.group("date"), p.group("page")
                i += 1
            page.answered = parse_date(date) if date else None
            page.answer_page = parse_int(page_no)
            continue
        if m := _WITHDRAWN.match(line):
            page.withdrawn = parse_date(m.group("date") or "")
            page.withdrawal_reason = clean(m.group("what"))
            continue
        if _END_MARKERS.match(line):
            page.ended = True  # "En attente de réponse ...", "Haut de page" ...
            break
        (page.question if section == "question" else page.answer).append(line)
    return page


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _split_paren(paren: str) -> tuple[str | None, str | None]:
    """`Département - Groupe` -> (constituency, group); the département has no " - "."""
    paren = " ".join(paren.split())
    if " - " in paren:
        constituency, group = paren.split(" - ", 1)
        return clean(constituency), clean(group)
    return clean(paren), None


def _document(source: Source, page: _Page) -> Document:
    warnings: list[str] = []
    url = _URL.search(source.source_url or "")
    number = page.number
    if url:
        url_number = url.group("num") + url.group("suffix")
        if number and number.lstrip("0") != url_number.lstrip("0"):
            warnings.append(f"the page prints question {number}, its URL says {url_number}")
        number = number or url_number
    series = f"20{url.group('yy')}" if url else None
    if series is None and page.published:
        series = str(page.published.year)

    if "actualite" in page.kind or (url and url.group("suffix") == "G"):
        doc_type = DocType.SENATE_GOVERNMENT_QUESTION
    elif "orale" in page.kind:
        doc_type = DocType.SENATE_ORAL_QUESTION
    else:
        doc_type = DocType.SENATE_WRITTEN_QUESTION

    question_text = strip_blank_lines(page.question)
    answer_text = strip_blank_lines(page.answer)
    if not question_text and not answer_text:
        raise TruncatedInputError(
            source.path,
            "the page stops before the text of the question",
            hint="capture the whole page",
        )
    body = Body.of(question_text, answer_text)
    text = body.text
    question_span, answer_span = body.question_span, body.answer_span

    turns: list[SpeechTurn] = []
    reactions: list[Reaction] = []
    answered_by = answered_by_role = None
    answered = page.answered
    index: int | None = None
    if doc_type is not DocType.SENATE_WRITTEN_QUESTION and looks_like_debate(text):
        turns, reactions = transcript(text)
        index = sitting.answering_turn(text, turns)
        if index is not None:
            answered_by = turns[index].speaker
            answered_by_role = sitting.full_role(turns, answered_by)
            answered = answered or page.published
        if not page.answer:
            question_span, answer_span = spans_of_debate(text, turns, index)

    cut: list[str] = []
    if ends_mid_sentence(question_text):
        cut.append("the text of the question stops mid-sentence: the capture is cut")
    if ends_mid_sentence(answer_text):
        cut.append("the text of the answer stops mid-sentence: the capture is cut")
    if page.answer_heading and not answer_text:
        cut.append("an answer is announced but its text is not in the page")
    if turns and index is None:
        cut.append("the debate stops before a member of the Government answers")
    written = doc_type is DocType.SENATE_WRITTEN_QUESTION
    if written and not (page.answer_heading or page.withdrawn or page.ended or cut):
        cut.append(
            "the page stops after the question: neither its answer nor 'En attente de réponse'"
        )
    warnings.extend(cut)

    name = natural_name(page.name, text)
    key = (
        document_key(doc_type, "Senat", number=number, series=series)
        if number
        else document_key(doc_type, "Senat", stem=re.split(r"[\\/]", source.path)[-1])
    )
    if not number:
        warnings.append("no question number in the page or its URL: keyed by file name")
    return Document(
        key=key,
        source_path=source.path,
        source_url=source.source_url,
        layout=NAME,
        doc_type=doc_type,
        chamber=Chamber.SENAT,
        number=number,
        legislature=page.legislature,
        title=page.title,
        author=Author(
            name=name,
            civility=page.civility,
            group=page.group,
            constituency=page.constituency,
            department=page.constituency,
        ),
        ministries_assigned=page.ministries,
        addressee_in_text=addressee(text[question_span[0] : question_span[1]])
        if question_span
        else None,
        published=page.published,
        jo_page=page.jo_page,
        answered=answered,
        answer_jo_page=page.answer_page,
        answered_by=answered_by,
        answered_by_role=answered_by_role,
        withdrawn=page.withdrawn,
        withdrawal_reason=page.withdrawal_reason,
        text=text,
        question_span=question_span,
        answer_span=answer_span,
        turns=turns,
        reactions=reactions,
        complete=not cut,
        warnings=warnings,
        content_hash=source.content_hash,
    )


READER = SenatReader()
