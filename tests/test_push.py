"""`parlkg push` and `--endpoint`: the seed graph pushed to a second real Oxigraph server.

The server (`oxigraph serve`, in memory, read-write, without a union default
graph) is started by the test on a free 127.0.0.1 port and its process group
killed whatever happens.
"""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from parlkg import summaries
from parlkg.actor import actor_report
from parlkg.cli import app
from parlkg.errors import QueryError
from parlkg.queries import library, run
from parlkg.remote import EndpointError, SparqlEndpoint, open_source, push
from parlkg.results import Table
from parlkg.serve import free_port, oxigraph_binary, stop_process
from parlkg.store import GraphStore

from .test_serve import EXAMPLES, normalized

pytestmark = pytest.mark.server
runner = CliRunner()


@pytest.fixture()
def remote() -> Iterator[str]:
    """The root URL of a fresh, empty, writable Oxigraph server."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start (exit {process.poll()})")
                time.sleep(0.05)
        yield url
    finally:
        stop_process(process)


def _quads(endpoint: SparqlEndpoint) -> int:
    result = endpoint.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(result, ox.QuerySolutions)
    return int(next(result)["n"].value)


def test_pushed_graph_gives_the_same_answers(remote: str, seed_store: GraphStore) -> None:
    endpoint = SparqlEndpoint(remote)
    report = push(seed_store, endpoint)
    assert report.graphs == len(seed_store.graph_names()) == 8 + len(summaries.summaries())
    assert report.triples == len(seed_store) == _quads(endpoint)
    assert endpoint.graph_names() == [g.value for g in seed_store.graph_names()]
    for name, query in library().items():
        params = {p.name: EXAMPLES[p.name] for p in query.params if p.default is None}
        local, pushed = run(seed_store, query, params), run(endpoint, query, params)
        if isinstance(local, Table):
            assert isinstance(pushed, Table), name
            if name == "awaiting-curation":  # its quote is one mention (SAMPLE), any one
                local, pushed = _without(local, "quotes"), _without(pushed, "quotes")
            assert normalized(pushed) == normalized(local), name
        elif isinstance(local, list):
            assert isinstance(pushed, list), name
            assert sorted(map(str, pushed)) == sorted(map(str, local)), name
        else:
            assert pushed == local, name
    there, here = actor_report(endpoint, "Microsoft"), actor_report(seed_store, "Microsoft")
    assert there.actor == here.actor
    assert there.document_count == here.document_count == 5


def test_pushing_twice_changes_nothing(remote: str, seed_store: GraphStore) -> None:
    endpoint = SparqlEndpoint(remote)
    push(seed_store, endpoint)
    first = _dump(endpoint)
    push(seed_store, endpoint)
    second = _dump(endpoint)
    assert len(second) == len(first) == len(seed_store)
    # identical, but for the labels the server gives the blank nodes of each PUT
    # (the ontology's OWL lists): those graphs are the same up to isomorphism
    named = [q for q in first if "_:" not in q]
    assert [q for q in second if "_:" not in q] == named
    assert len(named) > 5000
    for graph in {q.split(" ", 1)[0] for q in first if "_:" in q}:
        before, after = _graph(first, graph), _graph(second, graph)
        assert isomorphic(before, after), graph


def test_prune_deletes_only_stale_parlkg_graphs(remote: str, seed_store: GraphStore) -> None:
    endpoint = SparqlEndpoint(remote)
    stale, foreign = "https://w3id.org/parlkg/graph/an-1-qe-1", "https://example.org/theirs"
    for graph in (stale, foreign):
        endpoint.put_graph(graph, b"<urn:a> <urn:b> <urn:c> .\n")
    report = push(seed_store, endpoint, prune=True)
    assert report.pruned == [stale]
    names = endpoint.graph_names()
    assert stale not in names and foreign in names


def test_the_push_command_with_the_description(remote: str, seed_store_path: Path) -> None:
    args = ["push", "--store", str(seed_store_path), "--endpoint", remote + "/query"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    # eight graphs, the whole-store summaries and the description
    assert f"{9 + len(summaries.summaries())} graph(s)" in result.output
    endpoint = SparqlEndpoint(remote)
    served = endpoint.query(
        "SELECT ?e WHERE { GRAPH <https://w3id.org/parlkg/graph/_void> "
        "{ ?d <http://rdfs.org/ns/void#sparqlEndpoint> ?e } }"
    )
    assert isinstance(served, ox.QuerySolutions)
    assert [row["e"].value for row in served] == [remote + "/query"]


def test_query_and_actor_sources(remote: str, seed_store_path: Path) -> None:
    with GraphStore(seed_store_path, read_only=True) as store:
        push(store, SparqlEndpoint(remote))
    with open_source(None, remote) as source:
        assert isinstance(source, SparqlEndpoint)
        construct = source.query("CONSTRUCT WHERE { ?s a <https://w3id.org/parlkg/ontology#Law> }")
        assert isinstance(construct, ox.QueryTriples)
        assert len(list(construct)) > 10
        assert bool(source.query("ASK { ?s ?p ?o }"))
    with open_source(seed_store_path, None) as source:
        assert isinstance(source, GraphStore)


def test_the_query_and_actor_commands_take_an_endpoint(remote: str, seed_store_path: Path) -> None:
    if "--endpoint" not in runner.invoke(app, ["actor", "--help"]).output:
        pytest.skip("`--endpoint` on query and actor: the CLI diff is not applied yet")
    with GraphStore(seed_store_path, read_only=True) as store:
        push(store, SparqlEndpoint(remote))
    local = runner.invoke(app, ["actor", "Microsoft", "--store", str(seed_store_path)])
    over_http = runner.invoke(app, ["actor", "Microsoft", "--endpoint", remote + "/query"])
    assert over_http.exit_code == 0, over_http.output
    assert over_http.output == local.output
    assert "Linked to 5 document(s)" in over_http.output
    args = ["query", "ministry-outcomes", "-f", "csv"]
    local = runner.invoke(app, [*args, "--store", str(seed_store_path)])
    over_http = runner.invoke(app, [*args, "--endpoint", remote])
    assert over_http.exit_code == 0, over_http.output
    assert sorted(over_http.output.splitlines()) == sorted(local.output.splitlines())
    assert len(local.output.splitlines()) > 3
    unreachable = runner.invoke(app, [*args, "--endpoint", f"http://127.0.0.1:{free_port()}"])
    assert unreachable.exit_code == 3
    assert "cannot reach the SPARQL endpoint" in unreachable.output


def test_endpoint_urls_and_errors(remote: str) -> None:
    assert SparqlEndpoint("http://h:7878").url == "http://h:7878/query"
    assert SparqlEndpoint("http://h:7878/").gsp == "http://h:7878/store"
    assert SparqlEndpoint("http://h:3030/ds/sparql").gsp == "http://h:3030/ds/store"
    fuseki = SparqlEndpoint("http://h:3030/ds/query-it", gsp="http://h:3030/ds/data")
    assert fuseki.gsp == "http://h:3030/ds/data"
    with pytest.raises(EndpointError, match="--gsp"):
        SparqlEndpoint("http://h:3030/ds/q").put_graph("urn:g", b"")
    with pytest.raises(EndpointError, match="not an http"):
        SparqlEndpoint("file:///etc/passwd")
    with pytest.raises(QueryError, match="rejected the query"):
        SparqlEndpoint(remote).query("SELEC nothing")
    with pytest.raises(EndpointError, match="HTTP 404"):
        SparqlEndpoint(remote + "/nowhere").query("ASK {}")
    with pytest.raises(EndpointError, match="cannot reach"):
        SparqlEndpoint(f"http://127.0.0.1:{free_port()}").query("ASK {}")


def _graph(dump: list[str], graph: str) -> rdflib.Graph:
    lines = [q.split(" ", 1)[1] + " ." for q in dump if q.startswith(graph + " ")]
    return rdflib.Graph().parse(data="\n".join(lines), format="nt")


def _dump(endpoint: SparqlEndpoint) -> list[str]:
    rows = endpoint.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(rows, ox.QuerySolutions)
    return sorted(" ".join(str(row[v]) for v in ("g", "s", "p", "o")) for row in rows)


def _without(table: Table, column: str) -> Table:
    """The table without one column."""
    keep = [i for i, name in enumerate(table.columns) if name != column]
    return Table([table.columns[i] for i in keep], [[row[i] for i in keep] for row in table.rows])
