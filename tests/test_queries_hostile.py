"""Parameters are bound, never pasted: hostile values find nothing (or the right thing)
and change nothing, whichever query and parameter type they go through."""

from __future__ import annotations

from typing import Any

import pytest

from parlkg.errors import NotFoundError, QueryError
from parlkg.lookup import find_entities
from parlkg.queries import library, run
from parlkg.results import Table

HOSTILE = [
    'Micro"soft',
    "Micro'soft",
    "x } ; DROP ALL ; {",
    '"} ; DROP ALL ; #',
    "# comment",
    "Microsoft\n} DROP ALL {",
    "' OR 1=1 --",
    "{ ?s ?p ?o }",
    "<https://w3id.org/parlkg/id/company/microsoft>",
    '"""',
    "\\u0022 } ; DROP ALL",
]
MICROSOFT = "https://w3id.org/parlkg/id/company/microsoft"


def _size(store: Any) -> int:
    return len(store)


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_name_finds_nothing_and_drops_nothing(seed_store: Any, name: str) -> None:
    before = _size(seed_store)
    with pytest.raises(NotFoundError):
        run(seed_store, library()["questions-about"], {"actor": name})
    assert _size(seed_store) == before


@pytest.mark.parametrize(
    "name", ['Microsoft"', "microsoft #", "  MICROSOFT  ", "Micrôsoft", "microsoft}"]
)
def test_punctuation_around_a_real_name_finds_the_right_thing(seed_store: Any, name: str) -> None:
    found = find_entities(seed_store, name)
    assert [c.iri for c in found] == [MICROSOFT]
    result = run(seed_store, library()["entity-timeline"], {"entity": name})
    assert isinstance(result, Table) and len(result.rows) == 5


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_string_parameter_stays_one_literal(seed_store: Any, value: str) -> None:
    before = _size(seed_store)
    result = run(
        seed_store,
        library()["fact-evidence"],
        {"subject": "Health Data Hub", "object": "Microsoft", "relation": value},
    )
    assert isinstance(result, Table) and result.rows == []  # no relation has that name
    assert _size(seed_store) == before
    kinds = run(seed_store, library()["awaiting-curation"], {"kind_filter": value})
    assert isinstance(kinds, Table) and kinds.rows == []


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("min_groups", "2 } ; DROP ALL ; {"),
        ("min_groups", "1e3"),
        ("include_withdrawn", 'true" } #'),
        ("actor", "https://x> } ; DROP ALL ; { <y"),
    ],
)
def test_a_badly_typed_value_is_refused_before_any_query(
    seed_store: Any, param: str, value: str
) -> None:
    name = {
        "min_groups": "cross-party-concerns",
        "include_withdrawn": "unanswered-by-ministry",
        "actor": "questions-about",
    }[param]
    with pytest.raises(QueryError, match=param):
        run(seed_store, library()[name], {param: value})


def test_an_entity_iri_is_bound_as_an_iri(seed_store: Any) -> None:
    result = run(seed_store, library()["questions-about"], {"actor": MICROSOFT})
    assert isinstance(result, Table) and len(result.rows) == 5
