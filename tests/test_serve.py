"""`parlkg serve`: the real Oxigraph server over the seed store, queried over HTTP.

Every server is started on a free 127.0.0.1 port by the test and stopped
whatever happens (the fixture's `finally`, the process group killed).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib

from parlkg.errors import StoreInUseError
from parlkg.queries import find, library, run
from parlkg.remote import EndpointError, SparqlEndpoint
from parlkg.results import Table
from parlkg.serve import ServeError, Server, free_port, stop_process
from parlkg.store import GraphStore

pytestmark = pytest.mark.server

EXAMPLES = {"actor": "Microsoft", "entity": "Health Data Hub", "subject": "Health Data Hub"}
EXAMPLES["object"] = "Microsoft"


@pytest.fixture(scope="module")
def server(seed_store_path: Path) -> Iterator[Server]:
    endpoint = Server(seed_store_path, port=0, timeout_s=20)
    try:
        endpoint.start()
        yield endpoint
    finally:
        endpoint.stop()


def _get(url: str, accept: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get_content_type(), exc.read()


def _send(url: str, method: str, body: bytes, content_type: str) -> int:
    request = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": content_type}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def normalized(table: Table) -> list[list[str]]:
    """Rows as sorted lists of cells; a cell's words sorted, since GROUP_CONCAT has no order."""
    rows = [
        [" ".join(sorted(re.split(r"[\s,‖;]+", value or ""))) for value in row.values()]
        for row in table.values()
    ]
    return sorted(rows)


def test_library_queries_over_http_give_the_local_rows(
    server: Server, seed_store: GraphStore
) -> None:
    remote = SparqlEndpoint(server.sparql_url)
    checked = 0
    for name, query in library().items():
        params = {p.name: EXAMPLES[p.name] for p in query.params if p.default is None}
        local, over_http = run(seed_store, query, params), run(remote, query, params)
        if isinstance(local, Table):
            assert isinstance(over_http, Table), name
            assert over_http.columns == local.columns, name
            assert normalized(over_http) == normalized(local), name
        elif isinstance(local, list):
            assert isinstance(over_http, list), name
            assert sorted(map(str, over_http)) == sorted(map(str, local)), name
        else:
            assert over_http == local, name
        checked += 1
    assert checked >= 5
    documents = run(remote, find("actor-documents"), {"actor": "Microsoft"})
    assert isinstance(documents, Table)
    assert len({row["doc"] for row in documents.values()}) == 5  # Microsoft is in every seed


def test_library_get_routes(server: Server) -> None:
    status, media, body = _get(server.url + "/queries/laws-cited?format=json")
    assert (status, media) == (200, "application/sparql-results+json")
    rows = json.loads(body)["results"]["bindings"]
    assert any(row["label"]["value"] == "Cloud Act" for row in rows)

    status, media, body = _get(server.url + "/queries/actor-documents?actor=Microsoft&format=csv")
    assert (status, media) == (200, "text/csv")
    table = list(csv.DictReader(io.StringIO(body.decode())))
    assert len({row["doc"] for row in table}) == 5

    status, _, body = _get(server.url + "/queries/actor-documents?actor=Microsof")
    assert status == 404
    assert b"did you mean" in body
    status, _, body = _get(server.url + "/queries/co-mentioned?actor=Microsoft&min_shared=x")
    assert status == 400
    assert b"min_shared" in body
    assert _get(server.url + "/queries/no-such-query")[0] == 404


def test_a_paged_library_query_is_served_a_page_at_a_time(server: Server) -> None:
    url = server.url + "/queries/actor-documents?actor=Microsoft&format=json"
    every = json.loads(_get(url)[2])["results"]["bindings"]
    first = json.loads(_get(url + "&page=1")[2])["results"]["bindings"]
    by_library = run(remote_of(server), find("actor-documents"), {"actor": "Microsoft"}, page=1)
    assert isinstance(by_library, Table) and len(by_library.rows) == len(first) > 0
    assert {row["doc"]["value"] for row in first} == {row["doc"] for row in by_library.values()}
    assert len(every) == len(first)  # fewer rows than a page on the seeds
    assert json.loads(_get(url + "&page=2")[2])["results"]["bindings"] == []
    assert len(json.loads(_get(url + "&page=0")[2])["results"]["bindings"]) == len(every)
    status, _, body = _get(url + "&page=two")
    assert status == 400 and b"page 'two'" in body
    status, _, body = _get(server.url + "/queries/laws-cited?format=json&page=2")
    assert status == 400 and b"not paged" in body
    laws = server.url + "/queries/laws-cited?format=json"  # page 1 of an unpaged query: all
    assert _get(laws + "&page=1")[2] == _get(laws)[2]
    # a page cut where it ends, counted from the total (`#+ page-end`): counted first
    about = server.url + "/queries/questions-about?actor=Microsoft&format=json&page=1"
    served = json.loads(_get(about)[2])["results"]["bindings"]
    expected = run(remote_of(server), find("questions-about"), {"actor": "Microsoft"}, page=1)
    assert isinstance(expected, Table) and len(served) == len(expected.rows) == 5
    assert [row["doc"]["value"] for row in served] == [row["doc"] for row in expected.values()]


def remote_of(server: Server) -> SparqlEndpoint:
    return SparqlEndpoint(server.sparql_url)


def test_a_browser_is_sent_to_the_ui_with_the_bound_query(server: Server) -> None:
    class Keep(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    request = urllib.request.Request(
        server.url + "/queries/actor-documents?actor=Microsoft", headers={"Accept": "text/html"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.build_opener(Keep).open(request, timeout=30)
    assert caught.value.code == 303
    location = caught.value.headers["Location"]
    fragment = urllib.parse.parse_qs(urllib.parse.urlsplit(location).fragment)
    assert fragment["endpoint"] == [server.sparql_url]
    assert (
        "VALUES ?actor { <https://w3id.org/parlkg/id/company/microsoft> }" in (fragment["query"][0])
    )


@pytest.mark.fault("serve: updates refused", area="hostile")
def test_updates_are_refused(server: Server) -> None:
    before = _count(server)
    update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert _send(server.url + "/update", "POST", update.encode(), _FORM) == 403
    graph = urllib.parse.quote("https://w3id.org/parlkg/graph/_ontology", safe="")
    store_url = f"{server.url}/store?graph={graph}"
    assert _send(store_url, "PUT", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples") == 403
    assert _send(store_url, "DELETE", b"", "text/plain") == 403
    assert _count(server) == before > 5000


def test_the_ui_and_the_library_page_are_served_offline(server: Server) -> None:
    status, media, page = _get(server.url + "/")
    assert (status, media) == (200, "text/html")
    assert b'<script src="./yasgui.min.js">' in page  # served by Oxigraph, not a CDN
    assert b'href="/queries"' in page
    status, _, script = _get(server.url + "/yasgui.min.js")
    assert status == 200 and len(script) > 500_000
    status, _, listing = _get(server.url + "/queries")
    assert status == 200
    for name in library():
        assert f'<section id="{name}">'.encode() in listing


def test_the_description_names_the_endpoint(server: Server) -> None:
    status, media, body = _get(server.url + "/.well-known/void")
    assert (status, media) == (200, "text/turtle")
    graph = rdflib.Graph().parse(data=body.decode(), format="turtle")
    endpoint = graph.value(
        rdflib.URIRef("https://w3id.org/parlkg/dataset"),
        rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint"),
    )
    assert str(endpoint) == server.sparql_url
    # and it is queryable, in its own graph
    remote = SparqlEndpoint(server.sparql_url)
    ask = (
        "ASK { GRAPH <https://w3id.org/parlkg/graph/_void> "
        "{ ?d a <http://rdfs.org/ns/void#Dataset> } }"
    )
    assert bool(remote.query(ask))


@pytest.mark.fault("serve during an ingest", area="concurrency")
def test_the_store_stays_free_for_a_writer(server: Server, seed_store_path: Path) -> None:
    try:
        with GraphStore(seed_store_path) as store:  # the write lock: serve holds none
            assert len(store) > 5000
    except StoreInUseError as exc:  # pragma: no cover - the failure this test guards
        pytest.fail(f"serve keeps the store locked: {exc}")
    with GraphStore(seed_store_path, read_only=True) as store:
        assert not any(g.endswith("/_void") for g in (n.value for n in store.graph_names()))


@pytest.mark.fault("serve: a cartesian product stopped at the timeout", area="hostile")
def test_stop_ends_everything_and_a_query_times_out(seed_store_path: Path) -> None:
    endpoint = Server(seed_store_path, port=0, timeout_s=1)
    try:
        endpoint.start()
        process, snapshot = endpoint._process, endpoint.snapshot
        assert process is not None and snapshot is not None and snapshot.is_dir()
        heavy = (  # 30 million strings: Oxigraph stops it at the 1 s timeout
            "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f "
            "BIND(CONCAT(STR(?a), STR(?d)) AS ?x) }"
        )
        with pytest.raises(EndpointError, match=r"cut short|no answer|timeout"):
            SparqlEndpoint(endpoint.sparql_url, timeout=60).query(heavy)
    finally:
        endpoint.stop()
    assert process.poll() is not None
    assert not snapshot.exists()
    endpoint.stop()  # idempotent
    with pytest.raises(EndpointError, match="cannot reach"):
        SparqlEndpoint(endpoint.sparql_url, timeout=5).query("ASK {}")


def test_start_failures_say_what_to_do(seed_store_path: Path) -> None:
    with (
        pytest.raises(ServeError, match="cannot run"),
        Server(seed_store_path, port=0, oxigraph="/nonexistent/oxigraph"),
    ):
        pass
    with (
        Server(seed_store_path, port=0) as first,
        pytest.raises(ServeError, match="another --port"),
        Server(seed_store_path, port=first.port),
    ):
        pass


def test_the_serve_command_runs_until_interrupted(seed_store_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "parlkg", "serve", "--store", str(seed_store_path)]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline().decode()
        assert f"http://127.0.0.1:{port}/" in first, first + process.stderr.read().decode()
        status, _, body = _get(f"http://127.0.0.1:{port}/queries/ministry-outcomes?format=json")
        assert status == 200 and json.loads(body)["results"]["bindings"]
        os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert process.returncode == 0
        assert b"stopped." in process.stderr.read()
    finally:
        stop_process(process)  # type: ignore[arg-type]


_FORM = "application/x-www-form-urlencoded"


def _count(server: Server) -> int:
    result = SparqlEndpoint(server.sparql_url).query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    return int(next(iter(result))["n"].value)  # type: ignore[call-overload,index]
