"""nosdeputes.fr question pages.

    [Photo issue du site de l'Assemblée nationale ou de Wikipedia]   (boilerplate)
    Delphine Batho
    Question N° 36407 au Ministère de l'économie
    Question soumise le 16 février 2021
    body ...
    Réponse émise le 4 mai 2021  + answer   |   Cette question n'a pas encore de réponse.

Legislature and question type come from the URL (`/15/question/QE/36407`).
"""

from __future__ import annotations

import re
from pathlib import PurePath

from parlkg.errors import TruncatedInputError, UnknownLayoutError
from parlkg.model import Author, Chamber, DocType, Document
from parlkg.read import Source
from parlkg.read.field import (
    Body,
    addressee,
    civility_in_body,
    clean,
    ends_mid_sentence,
    natural_name,
    page_lines,
    strip_blank_lines,
)
from parlkg.text import FR_DATE_PATTERN, parse_date
from parlkg.vocab import document_key

NAME = "nosdeputes"

_HEADER = re.compile(
    r"^Question\s+N°\s*(?P<num>\d+)\s+(?:au|à\s+la|à\s+l'|aux)\s*(?P<ministry>.+?)\s*$"
)
_SUBMITTED = re.compile(rf"^Question\s+soumise\s+le\s+(?P<date>{FR_DATE_PATTERN})", re.I)
_ANSWER = re.compile(rf"^Réponse\s+(?:émise|publiée)\s+le\s+(?P<date>{FR_DATE_PATTERN})", re.I)
_NO_ANSWER = re.compile(
    r"^Cette\s+question\s+n'a\s+pas\s+(?:encore\s+)?(?:de\s+|reçu\s+de\s+)?réponse", re.I
)
_WITHDRAWN = re.compile(
    rf"^Question\s+retirée\s+le\s+(?P<date>{FR_DATE_PATTERN})(?P<rest>.*)$", re.I
)
_BOILERPLATE = re.compile(
    r"^(?:Photo\s+issue\s+du\s+site|Voir\s+la\s+question\s+sur\s+le\s+site|Commentaires?\b|"
    r"Les\s+commentaires|Contribuez|Partager|Suivre\s+l'activité|Tweeter|Imprimer|Aucun\s+commentaire)",
    re.I,
)
_END = re.compile(
    r"^(?:Commentaires?\b|Les\s+commentaires|Aucun\s+commentaire|Voir\s+la\s+question\s+sur|"
    r"Contribuez|Vous\s+devez\s+être\s+connecté)",
    re.I,
)
_URL = re.compile(
    r"nosdeputes\.fr/(?P<leg>\d{1,2})/question/(?P<type>QE|QG|QOSD|QO)/(?P<num>\d+)", re.I
)
_TYPES = {
    "qe": DocType.WRITTEN_QUESTION,
    "qg": DocType.GOVERNMENT_QUESTION,
    "qosd": DocType.ORAL_QUESTION,
    "qo": DocType.ORAL_QUESTION,
}


class NosDeputesReader:
    name = NAME

    def detect(self, source: Source) -> float:
        if source.is_json:
            return 0.0
        lines = page_lines(source)[:60]
        header = any(_HEADER.match(ln) for ln in lines)
        submitted = any(_SUBMITTED.match(ln) for ln in lines)
        if header and (submitted or "nosdeputes.fr" in (source.source_url or "")):
            return 0.9
        return 0.0

    def read(self, source: Source) -> Document:
        lines = page_lines(source)
        at = next((i for i, ln in enumerate(lines) if _HEADER.match(ln)), None)
        if at is None:
            raise UnknownLayoutError(
                source.path,
                "not a nosdeputes.fr question page (no 'Question N° … au Ministère …' line)",
                hint="choose another layout with --format",
            )
        header = _HEADER.match(lines[at])
        if header is None:  # pragma: no cover - found above
            raise UnknownLayoutError(source.path, "no question header")
        name_line = next(
            (ln for ln in reversed(lines[:at]) if ln and not _BOILERPLATE.match(ln)), None
        )
        published = None
        answered = None
        withdrawn = None
        reason = None
        question: list[str] = []
        answer: list[str] = []
        section = "question"
        no_answer = False
        for line in lines[at + 1 :]:
            if m := _SUBMITTED.match(line):
                published = parse_date(m.group("date"))
                continue
            if m := _ANSWER.match(line):
                answered = parse_date(m.group("date"))
                section = "answer"
                continue
            if m := _WITHDRAWN.match(line):
                withdrawn = parse_date(m.group("date"))
                reason = clean(m.group("rest").strip(" ()"))
                continue
            if _NO_ANSWER.match(line):
                no_answer = True
                break
            if _END.match(line):
                break
            if _BOILERPLATE.match(line):
                continue
            (question if section == "question" else answer).append(line)

        question_text = strip_blank_lines(question)
        answer_text = strip_blank_lines(answer)
        if not question_text:
            raise TruncatedInputError(
                source.path,
                "the page stops before the text of the question",
                hint="capture the whole page",
            )
        body = Body.of(question_text, answer_text)
        text = body.text

        url = _URL.search(source.source_url or "")
        number = header.group("num")
        warnings: list[str] = []
        if url and url.group("num").lstrip("0") != number.lstrip("0"):
            warnings.append(f"the page prints question {number}, its URL says {url.group('num')}")
        legislature = int(url.group("leg")) if url else None
        doc_type = _TYPES[url.group("type").lower()] if url else DocType.WRITTEN_QUESTION
        if legislature is None:
            warnings.append("no legislature: the page prints none and the URL is unknown")

        author = None
        if name_line:
            name = natural_name(name_line, text)
            author = Author(name=name, civility=civility_in_body(name, text))

        cut: list[str] = []
        if ends_mid_sentence(question_text):
            cut.append("the text of the question stops mid-sentence: the capture is cut")
        if ends_mid_sentence(answer_text):
            cut.append("the text of the answer stops mid-sentence: the capture is cut")
        if answered is None and not no_answer and withdrawn is None and not cut:
            cut.append("the page stops before its answer (or its 'no answer yet' line)")
        warnings.extend(cut)

        if legislature is not None:
            key = document_key(doc_type, "AN", number=number, legislature=legislature)
        else:
            key = document_key(doc_type, "AN", stem=PurePath(source.path).stem)
        return Document(
            key=key,
            source_path=source.path,
            source_url=source.source_url,
            layout=NAME,
            doc_type=doc_type,
            chamber=Chamber.AN,
            number=number,
            legislature=legislature,
            author=author,
            ministry_asked=clean(header.group("ministry")),
            addressee_in_text=addressee(question_text),
            published=published,
            answered=answered,
            withdrawn=withdrawn,
            withdrawal_reason=reason,
            text=text,
            question_span=body.question_span,
            answer_span=body.answer_span,
            complete=not cut,
            warnings=warnings,
            content_hash=source.content_hash,
        )


READER = NosDeputesReader()
