"""Pydantic records passed between the stages: readers, extractors, resolver.

Nothing here knows RDF. Offsets (`start`, `end`) are always character offsets
into `Document.text`, with `Document.text[start:end] == exact`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

# the enums live in parlkg.kinds (no pydantic: the read path imports them alone)
from parlkg.kinds import Chamber as Chamber
from parlkg.kinds import DocType as DocType
from parlkg.kinds import EntityKind as EntityKind


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Author(_Record):
    """The member of parliament who wrote the question or the letter."""

    name: str  # "Philippe Latombe": given name(s) then family name, as printed casing fixed
    civility: str | None = None  # "M.", "Mme"
    group: str | None = None  # as printed: "Les Démocrates", "GDR", "CRCE-R"
    group_short: str | None = None  # abbreviation when the source gives one: "RN"
    constituency: str | None = None  # "Vendée (1re circonscription)", "Nord"
    department: str | None = None  # "Vendée": the département / area part alone
    ref: str | None = None  # an external identifier (AN open data "PA795778")


class SpeechTurn(_Record):
    """One turn of a debate: who speaks, in which role, which span of the text."""

    speaker: str  # "Clara Chappaz"; a role when no name is printed: "la présidente"
    civility: str | None = None
    role: str | None = None  # "ministre déléguée chargée de l'intelligence artificielle ..."
    named: bool = True  # False when the speaker is a role only (the chair)
    start: int  # span of the whole turn (speaker label included) in Document.text
    end: int


class Reaction(_Record):
    """A stage direction: applause, protests, interjections, attributed when possible."""

    kind: str  # "applause", "protest", "exclamation", "interjection", "other"
    exact: str  # the stage direction as printed
    start: int
    end: int
    by_groups: list[str] = Field(default_factory=list)  # "GDR", "RN" as printed
    by_persons: list[str] = Field(default_factory=list)  # "Alexis Corbière"
    turn: int | None = None  # index into Document.turns of the turn it interrupts


class Document(_Record):
    """One source document as a reader understood it: metadata and the body text."""

    key: str  # deterministic document key, the last segment of its graph IRI
    source_path: str  # the file read
    source_url: str | None = None
    layout: str  # name of the reader that produced it
    doc_type: DocType
    chamber: Chamber
    number: str | None = None
    legislature: int | None = None
    title: str | None = None
    rubrique: str | None = None
    heading_analysis: str | None = None  # "Tête d'analyse"
    analysis: list[str] = Field(default_factory=list)  # "Analyse"
    author: Author | None = None
    ministry_asked: str | None = None  # ministère interrogé, as printed
    ministries_assigned: list[str] = Field(default_factory=list)  # attributaire(s), in order
    addressee_in_text: str | None = None  # "Mme la secrétaire d'État ..." as printed
    addressee_person: str | None = None  # a named addressee (letters)
    published: dt.date | None = None
    jo_page: int | None = None
    answered: dt.date | None = None
    answer_jo_page: int | None = None
    answered_by: str | None = None  # name of the answering minister when printed
    answered_by_role: str | None = None
    withdrawn: dt.date | None = None
    withdrawal_reason: str | None = None
    attribution_changed: dt.date | None = None
    renewed: dt.date | None = None
    closure: str | None = None  # closure label when the source gives one
    text: str  # the body: question, answer or debate; all offsets point here
    question_span: tuple[int, int] | None = None  # the question's text within `text`
    answer_span: tuple[int, int] | None = None  # the answer's text within `text`
    turns: list[SpeechTurn] = Field(default_factory=list)
    reactions: list[Reaction] = Field(default_factory=list)
    complete: bool = True  # False when the source stops before its end
    warnings: list[str] = Field(default_factory=list)  # what a reader could not read
    content_hash: str  # sha256 of the source bytes


class Mention(_Record):
    """A span of `Document.text` that names an entity."""

    start: int
    end: int
    exact: str
    kind: EntityKind
    label: str  # the canonical name the extractor proposes ("Health Data Hub")
    iri: str | None = None  # set when the authority file knows it (or once resolved)
    extractor: str  # "gazetteer", "law-pattern", "person-pattern", "ner", ...
    law_number: str | None = None  # "2019-774", "2016/679" when a law is cited by number
    article: str | None = None  # "article 31" when a law's article is cited


class Relation(_Record):
    """A typed statement between two mentions, with the sentence that proves it."""

    subject: int  # index into Extraction.mentions
    predicate: str  # local name in pk: ("hostedBy", "operatedBy", ...)
    object: int
    evidence_start: int  # the proving sentence (or clause) in Document.text
    evidence_end: int
    rule: str  # which pattern found it


class Extraction(_Record):
    """What the extractors found in one document."""

    mentions: list[Mention] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    extractors: list[str] = Field(default_factory=list)
