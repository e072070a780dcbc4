"""How a library query is prepared: VALUES at the top of the WHERE group, and each
parameter replaced inside that group by its term (never in a projection, after AS,
in GROUP BY or ORDER BY), with errors mapped back to the text the user wrote."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from parlkg.queries import LibraryQuery, Param, Prepared, bind, library, median_of, term_for

IRI = "https://w3id.org/parlkg/id/company/microsoft"


def _query(text: str, *params: Param) -> LibraryQuery:
    return LibraryQuery(name="t", path=Path("t.rq"), text=text, params=list(params))


def test_parameters_become_terms_inside_the_where_group_only() -> None:
    q = _query(
        "SELECT ?actor (COUNT(?d) AS ?n) WHERE {\n"
        "  { ?d <http://p> ?actor } UNION { ?actor <http://q> ?d }\n"
        "  { SELECT ?actor ?x WHERE { ?x <http://r> ?actor } GROUP BY ?actor ?x }\n"
        "  FILTER(?actor != <http://none>) # ?actor in a comment\n"
        '  BIND("?actor" AS ?s)\n'
        "}\nGROUP BY ?actor ORDER BY ?actor",
        Param("actor", "entity", None, ""),
    )
    text = bind(q, {"actor": ox.NamedNode(IRI)})
    term = f"<{IRI}>"
    assert text.startswith("SELECT ?actor (COUNT(?d) AS ?n) WHERE { VALUES ?actor { " + term)
    assert f"{{ ?d <http://p> {term} }} UNION {{ {term} <http://q> ?d }}" in text
    assert f"SELECT ?actor ?x WHERE {{ ?x <http://r> {term} }} GROUP BY ?actor ?x" in text
    assert f"FILTER({term} != <http://none>) # ?actor in a comment" in text
    assert 'BIND("?actor" AS ?s)' in text
    assert text.endswith("GROUP BY ?actor ORDER BY ?actor")
    rows = list(ox.Store().query(text))  # it parses and runs
    assert rows == [] or rows[0]["n"] is not None


def test_a_hostile_literal_is_one_term_wherever_it_goes() -> None:
    store = ox.Store()
    s, p = ox.NamedNode("http://s"), ox.NamedNode("http://p")
    value = '"} ; DROP ALL ; { ?x ?y "'
    store.add(ox.Quad(s, p, ox.Literal(value)))
    q = _query(
        "SELECT ?s WHERE { { ?s <http://p> ?name } UNION { ?s <http://q> ?name } }",
        Param("name", "string", None, ""),
    )
    text = bind(q, {"name": term_for(q.params[0], value)})
    assert [r["s"] for r in store.query(text)] == [s]
    assert len(store) == 1


def test_every_library_query_is_prepared_into_valid_sparql() -> None:
    from parlkg.queries import _prepare

    for q in library().values():
        values = {p.name: term_for(p, p.default or IRI) for p in q.params}
        prepared = _prepare(q, values)
        ox.Store().query(prepared.text)  # raises SyntaxError if the preparation broke it
        if any(p.type == "entity" for p in q.params):
            at, length, _ = prepared.edits[0]
            assert f"<{IRI}>" in prepared.text[at + length :], q.name  # a term, in the body


def test_positions_map_back_through_the_edits() -> None:
    source = "SELECT * WHERE { ?s ?p ?actor . ?x }"
    q = _query(source, Param("actor", "entity", None, ""))
    prepared_text = bind(q, {"actor": ox.NamedNode(IRI)})
    with pytest.raises(SyntaxError) as caught:
        ox.Store().query(prepared_text)
    from parlkg.queries import _prepare

    prepared = _prepare(q, {"actor": ox.NamedNode(IRI)})
    assert isinstance(prepared, Prepared) and prepared.text == prepared_text
    error = prepared.syntax_error(str(caught.value))
    assert error is not None and error.line == 1
    assert error.column <= len(source)  # a column of the user's line, not of ours
    assert source.split("\n")[0] in str(error)


@pytest.mark.parametrize(
    ("numbers", "median"),
    [("10 30 95 ", "30"), ("41 50", "45.5"), ("7", "7"), ("", None), ("  ", None)],
)
def test_median_of(numbers: str, median: str | None) -> None:
    from decimal import Decimal

    value = median_of(numbers)
    assert value == (None if median is None else Decimal(median))
