"""Parameters are bound as RDF terms, never pasted into the query text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from parlkg.errors import QueryError
from parlkg.queries import LibraryQuery, Param, bind, library, parse_header, term_for

HOSTILE = ['Micro"soft', "a} ; DROP ALL ; {", "x # comment", "'''", "<http://evil>", "\\u0022"]


def _query(text: str, *params: Param) -> LibraryQuery:
    return LibraryQuery(name="t", path=Path("t.rq"), text=text, params=list(params))


def test_header_is_parsed() -> None:
    text = (
        "#+ summary: Things about\n#+   an actor\n#+ params:\n"
        "#+   - actor (entity): who\n#+   - n (integer, default=3): how many\n"
        "#+ returns: a, b\nSELECT * WHERE { ?a ?b ?c }\n"
    )
    q = parse_header("t", Path("t.rq"), text)
    assert q.summary == "Things about an actor"
    assert q.returns == "a, b"
    assert q.params == [
        Param("actor", "entity", None, "who"),
        Param("n", "integer", "3", "how many"),
    ]


def test_bad_param_line_names_the_file() -> None:
    with pytest.raises(QueryError, match=r"t\.rq"):
        parse_header("t", Path("t.rq"), "#+ params:\n#+   - x (color): no such type\nASK {}")


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_string_values_stay_one_literal(value: str) -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://s"), ox.NamedNode("http://p"), ox.Literal(value)))
    store.add(ox.Quad(ox.NamedNode("http://t"), ox.NamedNode("http://p"), ox.Literal("other")))
    q = _query("SELECT ?s WHERE { ?s <http://p> ?name }", Param("name", "string", None, ""))
    text = bind(q, {"name": term_for(q.params[0], value)})
    rows = list(store.query(text))
    assert [r["s"] for r in rows] == [ox.NamedNode("http://s")]
    assert len(store) == 2  # nothing dropped


def test_values_go_into_the_where_group_not_a_construct_template() -> None:
    q = _query(
        'PREFIX ex: <http://e/#x> CONSTRUCT { ?s ex:p "{", ?where } WHERE { ?s ?p ?o } # {',
        Param("o", "iri", None, ""),
    )
    text = bind(q, {"o": ox.NamedNode("http://o")})
    assert "WHERE { VALUES ?o { <http://o> }" in text
    ox.Store().query(text)  # parses


def test_typed_params_reject_bad_values() -> None:
    with pytest.raises(QueryError, match="expected integer"):
        term_for(Param("n", "integer", None, ""), "3; DROP ALL")
    with pytest.raises(QueryError, match="expected iri"):
        term_for(Param("e", "iri", None, ""), "http://x> } ; DROP ALL { <y")
    with pytest.raises(QueryError, match="expected date"):
        term_for(Param("d", "date", None, ""), "yesterday")


def test_missing_and_unknown_params_are_errors() -> None:
    q = _query("SELECT * WHERE { ?s ?p ?x }", Param("x", "string", None, "the x"))
    with pytest.raises(QueryError, match="needs --param x"):
        bind(q, {})
    with pytest.raises(QueryError, match="no parameter y"):
        bind(q, {"x": ox.Literal("1"), "y": ox.Literal("2")})


def test_every_library_query_has_a_header_and_parses() -> None:
    queries = library()
    assert len(queries) >= 5
    for q in queries.values():
        assert q.summary, q.name
        assert q.returns, q.name
        values = {
            p.name: term_for(p, p.default or "https://w3id.org/parlkg/id/x/y") for p in q.params
        }
        ox.Store().query(bind(q, values))  # raises SyntaxError if it does not parse
