"""Assemblée nationale open-data question records (data.assemblee-nationale.fr).

One `question` per file, JSON (`{"question": {...}}`) or XML (`<question
xmlns="http://schemas.assemblee-nationale.fr/referentiel">`, read through lxml
into the same tree): questions écrites (QE), au Gouvernement (QG) and orales sans
débat (QOSD). Single objects and lists are both accepted where the schema allows
either (`minAttrib`, `texteQuestion`, `texteReponse`, `analyse`).

The record has no author name (only `acteurRef`). With the AN actors open data
(`Source.actors`, `parlkg ingest --actors`) the reference gives the name,
civility, group and constituency at the question's date; without it the name is
read from the transcript of a QG or a QOSD ("La parole est à M. Jean-Philippe
Tanguy") or from the opening of a written question ("M. Jean Dupont interroge
..."), else the author is named by the reference and a warning says so (the
reference is recorded in `Actors.unresolved` when a lookup was given). The
ingest's build hash covers the actors data, so that a later ingest with other
actors data rebuilds the records.

The key is the one the page readers give (`an-16-qg-616`), on purpose: a record
and a page of the same question are one document. Records come one per file or
one per member of a zip dump (see `read.archive`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from parlkg.errors import InputError, TruncatedInputError, UnknownLayoutError
from parlkg.model import Author, Chamber, DocType, Document, Reaction, SpeechTurn
from parlkg.read import Source, sitting
from parlkg.read.field import (
    Body,
    addressee,
    author_in_text,
    ends_mid_sentence,
    floor_given_to,
    spans_of_debate,
    transcript,
)
from parlkg.read.html import html_to_text
from parlkg.text import collapse_spaces, fold, parse_int
from parlkg.vocab import document_key

NAME = "an_opendata"

_TYPES = {
    "QE": DocType.WRITTEN_QUESTION,
    "QG": DocType.GOVERNMENT_QUESTION,
    "QOSD": DocType.ORAL_QUESTION,
}
_XSI_TYPES = {
    "QuestionEcrite_Type": "QE",
    "QuestionGouvernement_Type": "QG",
    "QuestionOrale_Type": "QOSD",
}
_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_WITHDRAWAL_CODE = re.compile(r"^(?:RET|CAD|FIN)")
_WITHDRAWAL_LABEL = re.compile(r"retir|caduc|fin\s+de\s+mandat", re.I)
_TITLE_LINE = re.compile(r"\A\s*(?P<title>[^\n]{1,200})\n")


class AnOpenDataReader:
    name = NAME

    def detect(self, source: Source) -> float:
        head = source.body.lstrip()[:4096]
        if head.startswith("{"):
            has_question = re.search(r'"question"\s*:', head)
            if has_question and re.search(r'"(?:uid|identifiant)"\s*:|QANR5L', head):
                return 0.9
            if "QANR5L" in head or "schemas.assemblee-nationale.fr" in head:
                return 0.5  # an AN record, damaged: read() says what is wrong
            return 0.0
        is_record = "schemas.assemblee-nationale.fr" in head or "<uid>QANR" in head
        if head.startswith("<") and re.search(r"<question\b", head) and is_record:
            return 0.9
        return 0.0

    def read(self, source: Source) -> Document:
        body = source.body.lstrip()
        if body.startswith("<"):
            record = _from_xml(source, body)
        elif body.startswith("{"):
            try:
                data = json.loads(body)
            except json.JSONDecodeError as exc:
                raise InputError(
                    source.path,
                    f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
                    hint='the file must be one open-data record: {"question": {...}}',
                ) from None
            record = _Path(source.path).obj(data, "$")
            if "question" not in record:
                raise InputError(
                    source.path,
                    "$.question is missing: not an Assemblée nationale question record",
                    hint="the record's root object has one key, 'question'",
                )
            record = _Path(source.path).obj(record["question"], "$.question")
        else:
            raise UnknownLayoutError(
                source.path,
                "not an Assemblée nationale open-data record (neither JSON nor XML)",
                hint="choose another layout with --format",
            )
        return _Record(source, record).document()


class _Path:
    """Typed access to the record, naming the JSON path of whatever is wrong."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, expected: str, value: Any) -> InputError:
        found = "null" if value is None else type(value).__name__
        return InputError(
            self.path,
            f"{where}: expected {expected}, found {found}",
            hint="see the open-data schema (OPEN-DATA-SCHEMA.md); the record may be damaged",
        )

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "an object", value)
        return value

    def opt_obj(self, value: Any, where: str) -> dict[str, Any] | None:
        return None if value is None else self.obj(value, where)

    def opt_str(self, value: Any, where: str) -> str | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str):
            raise self.fail(where, "a string", value)
        return value or None

    def many(self, value: Any, where: str) -> list[tuple[str, Any]]:
        """An object or a list of objects, each with its path."""
        if value is None:
            return []
        if isinstance(value, list):
            return [(f"{where}[{i}]", v) for i, v in enumerate(value) if v is not None]
        return [(where, value)]

    def date(self, value: Any, where: str) -> dt.date | None:
        text = self.opt_str(value, where)
        if text is None:
            return None
        m = re.match(r"^\s*(\d{4})-(\d{2})-(\d{2})", text) or re.match(
            r"^\s*(\d{2})/(\d{2})/(\d{4})", text
        )
        if not m:
            raise self.fail(where, "a date (YYYY-MM-DD)", value)
        parts = [int(p) for p in m.groups()]
        y, mo, d = parts if parts[0] > 31 else (parts[2], parts[1], parts[0])
        try:
            return dt.date(y, mo, d)
        except ValueError:
            raise self.fail(where, "a real date", value) from None


@dataclass
class _Jo:
    date: dt.date | None
    page: int | None


class _Record:
    def __init__(self, source: Source, record: dict[str, Any]) -> None:
        self.source = source
        self.r = record
        self.p = _Path(source.path)

    def _get(self, parent: dict[str, Any] | None, key: str) -> Any:
        return None if parent is None else parent.get(key)

    def _jo(self, parent: dict[str, Any] | None, where: str) -> _Jo:
        info = self.p.opt_obj(self._get(parent, "infoJO"), f"{where}.infoJO")
        if info is None:
            return _Jo(None, None)
        page = self.p.opt_str(info.get("pageJO"), f"{where}.infoJO.pageJO")
        return _Jo(self.p.date(info.get("dateJO"), f"{where}.infoJO.dateJO"), parse_int(page))

    def document(self) -> Document:
        p, r, path = self.p, self.r, "$.question"
        ident = p.obj(r.get("identifiant"), f"{path}.identifiant")
        number = p.opt_str(ident.get("numero"), f"{path}.identifiant.numero")
        leg_text = p.opt_str(ident.get("legislature"), f"{path}.identifiant.legislature")
        if not number:
            raise p.fail(f"{path}.identifiant.numero", "a question number", None)
        if not leg_text or not leg_text.strip().isdigit():
            raise p.fail(f"{path}.identifiant.legislature", "a legislature number", leg_text)
        legislature = int(leg_text)
        type_code = p.opt_str(r.get("type"), f"{path}.type")
        if type_code is None:
            type_code = _XSI_TYPES.get(str(r.get("@xsi:type", "")), "")
        if type_code not in _TYPES:
            raise p.fail(f"{path}.type", "one of QE, QG, QOSD", type_code)
        doc_type = _TYPES[type_code]
        warnings: list[str] = []

        # indexation
        index = p.opt_obj(r.get("indexationAN"), f"{path}.indexationAN")
        rubrique = p.opt_str(self._get(index, "rubrique"), f"{path}.indexationAN.rubrique")
        head = p.opt_str(self._get(index, "teteAnalyse"), f"{path}.indexationAN.teteAnalyse")
        analyses = p.opt_obj(self._get(index, "analyses"), f"{path}.indexationAN.analyses")
        analysis = []
        for where, value in p.many(
            self._get(analyses, "analyse"), f"{path}.indexationAN.analyses.analyse"
        ):
            text = p.opt_str(value, where)
            if text:
                analysis.append(collapse_spaces(text))
        title = analysis[0] if analysis and head is None else None

        # author
        auteur = p.opt_obj(r.get("auteur"), f"{path}.auteur")
        identite = p.opt_obj(self._get(auteur, "identite"), f"{path}.auteur.identite")
        ref = p.opt_str(self._get(identite, "acteurRef"), f"{path}.auteur.identite.acteurRef")
        groupe = p.opt_obj(self._get(auteur, "groupe"), f"{path}.auteur.groupe")
        group = p.opt_str(self._get(groupe, "developpe"), f"{path}.auteur.groupe.developpe")
        group_short = p.opt_str(self._get(groupe, "abrege"), f"{path}.auteur.groupe.abrege")
        group_ref = p.opt_str(self._get(groupe, "organeRef"), f"{path}.auteur.groupe.organeRef")

        # ministries
        min_int = p.opt_obj(r.get("minInt"), f"{path}.minInt")
        ministry_asked = self._ministry(min_int, f"{path}.minInt")
        attribs = p.opt_obj(r.get("minAttribs"), f"{path}.minAttribs")
        assigned: list[str] = []
        attrib_dates: list[dt.date] = []
        for where, value in p.many(self._get(attribs, "minAttrib"), f"{path}.minAttribs.minAttrib"):
            attrib = p.obj(value, where)
            denom = p.opt_obj(attrib.get("denomination"), f"{where}.denomination")
            name = self._ministry(denom, f"{where}.denomination")
            if name:
                assigned.append(name)
            jo = self._jo(attrib, where)
            if jo.date:
                attrib_dates.append(jo.date)
        attribution_changed = attrib_dates[-1] if len(attrib_dates) > 1 else None

        # question texts
        questions = p.opt_obj(r.get("textesQuestion"), f"{path}.textesQuestion")
        q_parts: list[str] = []
        published = jo_page = renewed = None
        for i, (where, value) in enumerate(
            p.many(self._get(questions, "texteQuestion"), f"{path}.textesQuestion.texteQuestion")
        ):
            item = p.obj(value, where)
            jo = self._jo(item, where)
            if i == 0:
                published, jo_page = jo.date, jo.page
                html = p.opt_str(item.get("texte"), f"{where}.texte")
                if html:
                    q_parts.append(html_to_text(html))
            elif jo.date and jo.date != published:
                renewed = jo.date

        # answers
        answers = p.opt_obj(r.get("textesReponse"), f"{path}.textesReponse")
        a_parts: list[str] = []
        answered = answer_page = None
        for where, value in p.many(
            self._get(answers, "texteReponse"), f"{path}.textesReponse.texteReponse"
        ):
            item = p.obj(value, where)
            jo = self._jo(item, where)
            answered = answered or jo.date
            answer_page = answer_page or jo.page
            html = p.opt_str(item.get("texte"), f"{where}.texte")
            if html:
                a_parts.append(html_to_text(html))

        # closure
        cloture = p.opt_obj(r.get("cloture"), f"{path}.cloture")
        code = p.opt_str(self._get(cloture, "codeCloture"), f"{path}.cloture.codeCloture")
        label = p.opt_str(self._get(cloture, "libelleCloture"), f"{path}.cloture.libelleCloture")
        closed = p.date(self._get(cloture, "dateCloture"), f"{path}.cloture.dateCloture")
        closure_jo = self._jo(cloture, f"{path}.cloture")
        withdrawn = reason = None
        if code != "REP_PUB" and (
            _WITHDRAWAL_CODE.match(code or "") or _WITHDRAWAL_LABEL.search(label or "")
        ):
            withdrawn = closed or closure_jo.date
            reason = label or code
        elif code == "REP_PUB" or (label and "réponse" in fold(label)):
            answered = answered or closed or closure_jo.date
            answer_page = answer_page or closure_jo.page

        # the body: question, then answer (a sitting's transcript for QG / QOSD)
        question_text = "\n\n".join(t for t in q_parts if t)
        answer_text = "\n\n".join(t for t in a_parts if t)
        if doc_type is not DocType.WRITTEN_QUESTION:
            m = _TITLE_LINE.match(answer_text)  # the centred title of the transcript
            if m and m.group("title").isupper() and "parole" not in m.group("title"):
                title = title or m.group("title").strip()
                answer_text = answer_text[m.end() :].lstrip()
        if not question_text and not answer_text:
            raise TruncatedInputError(
                self.source.path,
                "$.question.textesQuestion and $.question.textesReponse hold no text",
                hint="take a complete record from the open-data dump",
            )
        body = Body.of(question_text, answer_text)
        text = body.text
        question_span, answer_span = body.question_span, body.answer_span
        turns: list[SpeechTurn] = []
        reactions: list[Reaction] = []
        answered_by = answered_by_role = None
        author_name: tuple[str, str] | None = None
        answering: int | None = None
        if doc_type is not DocType.WRITTEN_QUESTION and answer_text:
            turns, reactions = transcript(text)
            answering = sitting.answering_turn(text, turns)
            if answering is not None:
                answered_by = turns[answering].speaker
                answered_by_role = sitting.full_role(turns, answered_by)
            author_name = floor_given_to(text)
            if not question_text:
                question_span, answer_span = spans_of_debate(text, turns, answering)
        if author_name is None and question_text:
            author_name = author_in_text(question_text)  # "M. Jean Dupont interroge ..."
        if doc_type is DocType.GOVERNMENT_QUESTION and published is None:
            published = attrib_dates[0] if attrib_dates else answered

        author = None
        actors = self.source.actors
        member = actors.member(ref, published or answered, legislature) if actors and ref else None
        if actors and group is None and group_ref and group_ref in actors.organs:
            group, group_short = actors.organs[group_ref].label, actors.organs[group_ref].short
        if member is not None:
            if author_name and fold(author_name[1]) != fold(member.name):
                warnings.append(
                    f"the text names the author {author_name[1]}, the actors data "
                    f"{member.name} ({ref}): the actors data is kept"
                )
            author = Author(
                name=member.name,
                civility=member.civility or (author_name[0] if author_name else None),
                group=group or member.group,  # the record's group is the one at that date
                group_short=group_short or (member.group_short if not group else None),
                constituency=member.constituency,
                department=member.department,
                ref=ref,
            )
        elif ref or author_name:
            author = Author(
                name=author_name[1] if author_name else (ref or ""),
                civility=author_name[0] if author_name else None,
                group=group,
                group_short=group_short,
                ref=ref,
            )
        if author_name is None and member is None and ref:
            if actors is not None:
                actors.unresolved[self.source.path] = ref
            if actors is None or actors.source is None:
                warnings.append(
                    f"author known only by acteurRef {ref}: pass --actors with the AN "
                    "'acteurs et organes' open data to name them"
                )
            else:
                warnings.append(
                    f"author known only by acteurRef {ref}: not in the actors data {actors.source}"
                )

        cut: list[str] = []
        if question_text and ends_mid_sentence(question_text):
            cut.append("the text of the question stops mid-sentence")
        if answer_text and ends_mid_sentence(answer_text):
            cut.append("the text of the answer stops mid-sentence")
        if turns and answering is None:
            cut.append("the debate stops before a member of the Government answers")
        if doc_type is DocType.WRITTEN_QUESTION and answered and not answer_text:
            cut.append(
                f"an answer was published on {answered.isoformat()} but the record has no text"
            )
        warnings.extend(cut)

        return Document(
            key=document_key(doc_type, "AN", number=number, legislature=legislature),
            source_path=self.source.path,
            source_url=self.source.source_url,
            layout=NAME,
            doc_type=doc_type,
            chamber=Chamber.AN,
            number=number,
            legislature=legislature,
            title=title,
            rubrique=rubrique,
            heading_analysis=head,
            analysis=analysis,
            author=author,
            ministry_asked=ministry_asked,
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
            attribution_changed=attribution_changed,
            renewed=renewed,
            closure=label or code,
            text=text,
            question_span=question_span,
            answer_span=answer_span,
            turns=turns,
            reactions=reactions,
            complete=not cut,
            warnings=warnings,
            content_hash=self.source.content_hash,
        )

    def _ministry(self, node: dict[str, Any] | None, where: str) -> str | None:
        """The ministry's short label ("Armées"), as the pages print it, else the long one."""
        if node is None:
            return None
        short = self.p.opt_str(node.get("abrege"), f"{where}.abrege")
        long = self.p.opt_str(node.get("developpe"), f"{where}.developpe")
        value = short or long
        return collapse_spaces(value) if value else None


# --- XML flavour ---------------------------------------------------------------------


def _from_xml(source: Source, body: str) -> dict[str, Any]:
    parser = lxml.etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, huge_tree=False
    )
    try:
        root = lxml.etree.fromstring(body.encode("utf-8"), parser=parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise InputError(
            source.path,
            f"invalid XML: {exc}",
            hint="the file must be one open-data record: <question>...</question>",
        ) from None
    if _local(root.tag) != "question":
        raise InputError(
            source.path,
            f"/{_local(root.tag)}: expected a <question> root element",
            hint="one open-data record per file",
        )
    tree = _element(root)
    if not isinstance(tree, dict):
        raise InputError(source.path, "/question: the element is empty")
    xsi = root.get("{http://www.w3.org/2001/XMLSchema-instance}type")
    if xsi:
        tree["@xsi:type"] = xsi
    return tree


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _element(el: Any) -> Any:
    """An element as the JSON flavour writes it: text, None, an object, lists for repeats."""
    if el.get(_NIL) == "true":
        return None
    children = [c for c in el if isinstance(c.tag, str)]
    if children and _local(el.tag) == "texte":  # HTML kept as markup, as in the JSON flavour
        inner = (el.text or "") + "".join(
            lxml.etree.tostring(c, encoding="unicode", with_tail=True) for c in children
        )
        return re.sub(r'\sxmlns(?::\w+)?="[^"]*"', "", inner)
    if not children:
        text = el.text
        return text.strip() if text and text.strip() else None
    out: dict[str, Any] = {}
    for child in children:
        key = _local(child.tag)
        value = _element(child)
        if key in out:
            if not isinstance(out[key], list):
                out[key] = [out[key]]
            out[key].append(value)
        else:
            out[key] = value
    return out


READER = AnOpenDataReader()
