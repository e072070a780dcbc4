"""`parlkg sparql`: ad-hoc queries, the usual prefixes, read-only, errors at line and column."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parlkg.cli import app
from parlkg.errors import QueryError
from parlkg.queries import LibraryQuery, QuerySyntaxError, execute, run, run_sparql
from parlkg.results import Table

runner = CliRunner()


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_known_prefixes_need_no_declaration(seed_store: Any) -> None:
    result = run_sparql(seed_store, "SELECT ?n WHERE { ?d pk:number ?n } ORDER BY xsd:integer(?n)")
    assert isinstance(result, Table)
    assert [r["n"] for r in result.values()] == ["486", "585", "2114", "43349"]


def test_a_declared_prefix_wins_over_the_default(seed_store: Any) -> None:
    text = "PREFIX pk: <http://example.org/none#>\nSELECT ?n WHERE { ?d pk:number ?n }"
    result = run_sparql(seed_store, text)
    assert isinstance(result, Table) and result.rows == []


def test_a_syntax_error_is_located_in_the_users_text(seed_store: Any) -> None:
    text = "SELECT ?d WHERE {\n  ?d pk:number ?n .\n  FILTER(?n = ) }"
    with pytest.raises(QuerySyntaxError) as caught:
        run_sparql(seed_store, text, "mine.rq")
    error = caught.value
    # the prefixes we added on a line of our own do not shift the position
    assert error.line == 3 and 1 <= error.column <= len("  FILTER(?n = ) }")
    message = str(error)
    assert message.startswith(f"mine.rq: SPARQL syntax error at line 3, column {error.column}")
    excerpt = message.splitlines()
    assert excerpt[1] == "  3 |   FILTER(?n = ) }"
    assert excerpt[2].index("^") == excerpt[1].index("|") + 2 + error.column - 1


def test_an_unknown_prefix_is_named_as_such(seed_store: Any) -> None:
    with pytest.raises(QuerySyntaxError, match="unknown prefix") as caught:
        run_sparql(seed_store, "SELECT * WHERE { ?s foo:bar ?o }")
    assert (caught.value.line, caught.value.column) == (1, 28)


def test_a_library_query_error_is_located_before_the_bound_values(seed_store: Any) -> None:
    """The VALUES block added on the WHERE line must not move the reported column."""
    text = "#+ summary: broken\nSELECT ?d WHERE { ?d pk:number ?n . ?x }\n"
    query = LibraryQuery("broken", Path("broken.rq"), text)
    query.params = []
    from parlkg.queries import Param

    query.params.append(Param("n", "string", "486", ""))
    with pytest.raises(QuerySyntaxError) as caught:
        run(seed_store, query, {})
    assert caught.value.line == 2
    line = text.splitlines()[1]
    assert caught.value.column <= len(line) + 1  # within the user's line, not the bound one
    assert "VALUES" not in str(caught.value)


def test_updates_are_refused(seed_store: Any) -> None:
    before = len(seed_store)
    for update in ("DELETE WHERE { ?s ?p ?o }", "PREFIX x: <http://x/> # c\nDROP ALL"):
        with pytest.raises(QueryError, match="only reads"):
            run_sparql(seed_store, update)
    assert len(seed_store) == before


def test_construct_and_ask(seed_store: Any) -> None:
    triples = run_sparql(seed_store, "CONSTRUCT { ?p pk:hostedBy ?h } WHERE { ?p pk:hostedBy ?h }")
    assert isinstance(triples, list) and len({str(t) for t in triples}) >= 10
    assert execute(seed_store, "ASK { ?d <https://w3id.org/parlkg/ontology#cites> ?l }") is True


def test_cli_sparql_formats(seed_store_path: Path) -> None:
    store = str(seed_store_path)
    query = "SELECT ?n WHERE { ?d pk:number ?n } ORDER BY ?n"
    code, out, _ = _run("sparql", query, "--store", store, "-f", "csv")
    assert code == 0 and out.splitlines() == ["n", "2114", "43349", "486", "585"]
    code, out, _ = _run("sparql", "ASK { ?d pk:cites ?l }", "--store", store, "-f", "json")
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": True}
    code, out, _ = _run(
        "sparql", "CONSTRUCT { ?p pk:hostedBy ?h } WHERE { ?p pk:hostedBy ?h }", "--store", store
    )
    assert code == 0 and "@prefix pk: <https://w3id.org/parlkg/ontology#> ." in out
    assert "<https://w3id.org/parlkg/id/project/darwin-eu> pk:hostedBy" in out
    code, _, err = _run("sparql", query, "--store", store, "-f", "turtle")
    assert code == 4 and "table, csv or json" in err


def test_cli_sparql_reads_a_file_and_stdin(seed_store_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE {\n  ?d pk:askedBy ?p\n}\n", encoding="utf-8")
    code, out, _ = _run("sparql", str(path), "--store", str(seed_store_path), "-f", "csv")
    assert code == 0 and out.split() == ["n", "5"]
    code, out, _ = _run(
        "sparql", "-", "--store", str(seed_store_path), "-f", "csv", stdin=path.read_text()
    )
    assert code == 0 and out.split() == ["n", "5"]


def test_cli_sparql_syntax_error_shows_line_column_and_caret(
    seed_store_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("SELECT ?d\nWHERE {\n  ?d pk:number ?n ?x .\n}\n", encoding="utf-8")
    code, out, err = _run("sparql", str(path), "--store", str(seed_store_path))
    assert code == 4 and out == ""
    first, excerpt, caret = err.splitlines()[:3]
    assert first.startswith(f"error: {path}: SPARQL syntax error at line ")
    assert excerpt.lstrip().split(" | ")[1] in path.read_text().splitlines()
    assert caret.rstrip().endswith("^")


def test_cli_query_list_shows_the_catalogue() -> None:
    code, out, _ = _run("query", "--list")
    assert code == 0
    for name in ("sovereignty-exposure", "ministry-workload", "debate-reactions"):
        assert f"\n{name}\n" in f"\n{out}"
    assert "--param actor=<entity>" in out and "returns: platform, platformLabel" in out


def test_cli_query_turtle_for_construct(seed_store_path: Path) -> None:
    code, out, _ = _run(
        "query",
        "entity-card",
        "-p",
        "entity=Azure",
        "-f",
        "turtle",
        "--store",
        str(seed_store_path),
    )
    assert code == 0 and 'rdfs:label "Azure"@fr' in out
    import rdflib

    graph = rdflib.Graph().parse(data=out, format="turtle")
    assert len(graph) >= 5
    code, _, err = _run(
        "query", "entity-card", "-p", "entity=Azure", "-f", "csv", "--store", str(seed_store_path)
    )
    assert code == 4 and "turtle or ntriples" in err
    code, _, err = _run("query", "laws-cited", "-f", "xml", "--store", str(seed_store_path))
    assert code == 2 and "table, csv, json, turtle, ntriples" in err
