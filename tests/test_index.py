"""The index of an entity's documents, in each document's graph: `pk:namedOn` for
the entities its text names, `pk:involvedOn` for the others with a role in it, the
value the document's date or `pk:undated`; and for each of them the document's kind
and reference (`pk:inQuestion`, `pk:inAnsweredQuestion`, `pk:inOtherDocument`)."""

from __future__ import annotations

import datetime as dt

from parlkg.authority import load_authority
from parlkg.ingest import build
from parlkg.model import Author, DocType
from parlkg.vocab import PK
from tests.conftest import written_question

TEXT = "Mme Clara Chappaz peut-elle dire si Microsoft héberge le Health Data Hub ?"


DATES = (PK + "namedOn", PK + "involvedOn")
KINDS = (PK + "inQuestion", PK + "inAnsweredQuestion", PK + "inOtherDocument")


def _index(
    published: dt.date | None, predicates: tuple[str, ...] = DATES, **fields: object
) -> dict[tuple[str, str], str]:
    doc = written_question(
        TEXT,
        published=published,
        author=Author(name="Philippe Latombe", group="Les Démocrates"),
        ministry_asked="Ministère de la santé",
        answered_by="Clara Chappaz",
        **fields,
    )
    graph = build(doc, load_authority(), ner=False)[1]
    out: dict[tuple[str, str], str] = {}
    for triple in graph:
        predicate = triple.predicate.value
        if predicate in predicates:
            key = (triple.subject.value.rsplit("/", 1)[-1], predicate.removeprefix(PK))
            assert key not in out, key
            out[key] = triple.object.value
    return out


def test_named_and_involved_entities_carry_the_date() -> None:
    index = _index(dt.date(2024, 5, 6))
    named = {entity for entity, p in index if p == "namedOn"}
    involved = {entity for entity, p in index if p == "involvedOn"}
    assert {"microsoft", "health-data-hub"} <= named
    assert any("latombe" in entity for entity in involved)  # the author
    assert any("sante" in entity for entity in involved)  # the ministry asked
    # named and answering: named only, once
    assert any("chappaz" in entity for entity in named)
    assert not any("chappaz" in entity for entity in involved)
    assert not named & involved
    assert set(index.values()) == {"2024-05-06"}


def test_an_undated_document_is_indexed_as_undated() -> None:
    index = _index(None)
    assert index and set(index.values()) == {PK + "undated"}


def test_each_indexed_entity_carries_the_kind_and_reference() -> None:
    """One kind triple for each entity the dates index, the value the reference."""
    dates = _index(dt.date(2024, 5, 6))
    pending = _index(dt.date(2024, 5, 6), KINDS, number="77")
    assert {entity for entity, _ in pending} == {entity for entity, _ in dates}
    assert set(pending.values()) == {"n° 77"}
    assert {p for _, p in pending} == {"inQuestion"}
    answered = _index(None, KINDS, number="77", answered=dt.date(2024, 7, 1))
    assert {p for _, p in answered} == {"inAnsweredQuestion"}
    letter = _index(None, KINDS, number=None, doc_type=DocType.LETTER, key="letter-x")
    assert {p for _, p in letter} == {"inOtherDocument"}
    assert set(letter.values()) == {"letter-x"}  # no number: the key
