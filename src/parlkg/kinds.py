"""The kinds of documents, chambers and entities: plain enums, no pydantic.

Apart from `parlkg.model` (which re-exports them) so that the modules of the
read path (`vocab`, `lookup`, `queries`, `parlkg actor`) start without
importing pydantic and building its models.
"""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    """The kind of source document; maps onto a pk: class."""

    WRITTEN_QUESTION = "question_ecrite"  # AN question écrite
    GOVERNMENT_QUESTION = "question_gouvernement"  # AN question au Gouvernement (QAG)
    ORAL_QUESTION = "question_orale"  # AN question orale sans débat (QOSD)
    SENATE_WRITTEN_QUESTION = "question_ecrite_senat"
    SENATE_GOVERNMENT_QUESTION = "question_actualite_senat"  # questions d'actualité
    SENATE_ORAL_QUESTION = "question_orale_senat"
    LETTER = "lettre"


class Chamber(StrEnum):
    AN = "AN"
    SENAT = "Senat"


class EntityKind(StrEnum):
    """Kinds of entities; each is a pk: class and a path segment of minted IRIs."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COMPANY = "company"
    PUBLIC_BODY = "public-body"
    MINISTRY = "ministry"
    GROUP = "group"  # parliamentary group
    LAW = "law"
    PROJECT = "project"
    PLACE = "place"
    CONSTITUENCY = "constituency"
