"""The index of an entity's documents by date, in each document's graph:
`pk:namedOn` for the entities its text names, `pk:involvedOn` for the others with a
role in it, the value the document's date or `pk:undated`."""

from __future__ import annotations

import datetime as dt

from parlkg.authority import load_authority
from parlkg.ingest import build
from parlkg.model import Author
from parlkg.vocab import PK
from tests.conftest import written_question

TEXT = "Mme Clara Chappaz peut-elle dire si Microsoft héberge le Health Data Hub ?"


def _index(published: dt.date | None) -> dict[tuple[str, str], str]:
    doc = written_question(
        TEXT,
        published=published,
        author=Author(name="Philippe Latombe", group="Les Démocrates"),
        ministry_asked="Ministère de la santé",
        answered_by="Clara Chappaz",
    )
    graph = build(doc, load_authority(), ner=False)[1]
    out: dict[tuple[str, str], str] = {}
    for triple in graph:
        predicate = triple.predicate.value
        if predicate in (PK + "namedOn", PK + "involvedOn"):
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
