"""Hostile queries: `--param` values and actor names are bound, never pasted (through
the real CLI: nothing changes in the store); `parlkg serve` refuses updates and
federated calls, stops a pathological query at its timeout and keeps answering,
and listens on 127.0.0.1 unless told otherwise.

Bound parameters are also covered below the CLI by tests/test_queries_bind.py and
tests/test_queries_hostile.py, updates over HTTP by tests/test_serve.py (marked in
the fault table).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlkg.cli import app
from parlkg.remote import SparqlEndpoint
from parlkg.serve import Server

from .reliability.helpers import Background, descendants, listening, note, parlkg

HOSTILE = [
    'Micro"soft',
    "x } ; DROP ALL ; {",
    '"} ; DROP ALL ; #',
    "Microsoft\n} DROP ALL {",
    "' OR 1=1 --",
    "<https://w3id.org/parlkg/id/company/microsoft>",
    "https://w3id.org/parlkg/id/x> } ; DROP ALL ; { <y",
    "https://w3id.org/parlkg/id/company/microsoft> } ; DROP ALL ; {",
    "\\u0022 } ; DROP ALL",
    "\x00",
]
IRI_SHAPED = [h for h in HOSTILE if h.startswith("https://")]
runner = CliRunner()


def _cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def store(seed_store_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "store"
    shutil.copytree(seed_store_path, copy)
    return copy


def _dump(store: Path) -> str:
    code, out, err = _cli("export", "--format", "nquads", "--no-description", "--store", str(store))
    assert code == 0, err
    return out


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
def test_hostile_param_values_through_the_cli_change_nothing(store: Path) -> None:
    """Each hostile value as a string, an entity and a typed parameter of `parlkg
    query`: an answer (no rows) or a one-line error (exit 4 or 5); the store's
    N-Quads are the same bytes afterwards."""
    before = _dump(store)
    for value in HOSTILE:
        for args in (
            (
                "fact-evidence",
                "-p",
                "subject=HDH",
                "-p",
                "object=Microsoft",
                "-p",
                f"relation={value}",
            ),
            ("fact-evidence", "-p", "subject=Health Data Hub", "-p", f"object={value}"),
            ("cross-party-concerns", "-p", f"min_groups={value}"),
        ):
            code, out, err = _cli("query", *args, "-f", "json", "--store", str(store))
            assert code in (0, 4, 5), (value, args, code, err)
            if code == 0:
                assert json.loads(out)["results"]["bindings"] == [], (value, args)
            else:
                assert err.startswith("error: ") and "Traceback" not in err, err
    assert _dump(store) == before


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
@pytest.mark.parametrize("name", IRI_SHAPED)
def test_an_iri_shaped_actor_name_finds_nothing(store: Path, name: str) -> None:
    """`parlkg actor` with a name that starts like an entity IRI but is not one: "no
    actor named" (exit 5), and the store unchanged."""
    before = _dump(store)
    code, _, err = _cli("actor", name, "--store", str(store))
    assert code == 5 and "no actor named" in err, (code, err)
    assert _dump(store) == before


# -- the endpoint --------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(seed_store_path: Path) -> Iterator[Server]:
    endpoint = Server(seed_store_path, port=0, timeout_s=1)
    try:
        endpoint.start()
        yield endpoint
    finally:
        endpoint.stop()


def _post(url: str, form: dict[str, str], timeout: float = 30) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(form).encode(),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _alive(server: Server) -> bool:
    return bool(SparqlEndpoint(server.sparql_url, timeout=30).query("ASK { ?s ?p ?o }"))


@pytest.mark.server
@pytest.mark.fault("serve: updates refused", area="hostile")
def test_updates_sent_as_queries_are_refused(server: Server) -> None:
    """Updates sent to the query route (form, GET, and as a SPARQL body) are errors,
    and change nothing."""
    before = _count(server)
    for update in (
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DROP ALL",
        "LOAD <file:///etc/passwd>",
    ):
        status, _ = _post(server.url + "/query", {"query": update})
        assert 400 <= status < 500, (update, status)
        status, _ = _post(server.url + "/update", {"update": update})
        assert 400 <= status < 500, (update, status)
    assert _count(server) == before


@pytest.mark.server
@pytest.mark.fault("serve: a cartesian product stopped at the timeout", area="hostile")
def test_a_streamed_cartesian_product_is_stopped_at_the_timeout(server: Server) -> None:
    """`SELECT *` over three copies of the store (5,000³ rows, streamed): the answer
    ends within the 1 s timeout plus a generous 5 s, and the server answers the next
    query."""
    heavy = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    request = urllib.request.Request(
        server.sparql_url,
        data=urllib.parse.urlencode({"query": heavy}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    started = time.monotonic()
    received, streaming = 0, True
    with urllib.request.urlopen(request, timeout=30) as response:
        while streaming and (chunk := response.read(1 << 20)):
            received += len(chunk)
            streaming = time.monotonic() - started < server.timeout_s + 5
    assert _alive(server)  # the server answers the next query, either way
    if not streaming:
        raise TimeoutError(f"still streaming after {received >> 20} MiB")


@pytest.mark.server
@pytest.mark.fault("serve: SERVICE makes the endpoint call other URLs", area="hostile")
def test_a_service_clause_is_refused_and_calls_nobody(server: Server) -> None:
    """A query with `SERVICE <http://127.0.0.1:PORT/…>` is refused (4xx) and no
    connection reaches that port: the endpoint does not fetch URLs for its clients."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(2)
    port = listener.getsockname()[1]
    calls: list[bytes] = []

    def accept() -> None:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        with connection:
            calls.append(connection.recv(200))

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    try:
        status, _ = _post(server.sparql_url, {"query": query})
        thread.join(3)
    finally:
        listener.close()
    assert not calls, f"the endpoint called 127.0.0.1:{port}: {calls[0][:80]!r}"
    assert 400 <= status < 500, status
    assert _alive(server)


# Oxigraph reads a SERVICE call in each of these (pyoxigraph's parser, the same as the
# server's, accepts them: checked below), however the word is dressed up
U = "<http://127.0.0.1:9/sparql>"  # port 9: Oxigraph's client refuses it, nothing is sent
FEDERATED = [
    f"SELECT * WHERE {{ SERVICE {U} {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent {U} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o . ?s ?p 1SERVICE {U} {{ }} }}",  # no word boundary needed
    f"SELECT * WHERE {{ ?s ?p ?o . ?s ?p true SERVICE {U} {{ }} }}",
    "PREFIX s: <http://127.0.0.1:9/> SELECT * WHERE { ?s ?p ?o . services:a { } }",
    f"SELECT * WHERE {{ SERVICE#a comment\n{U} {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o.SERVICE {U} {{ }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<?o) SERVICE {U} {{ }} }}",
    f'SELECT * WHERE {{ ?s ?p """a"""SERVICE {U} {{ }} }}',
    f"SELECT * WHERE {{ BIND(<http://a/#> AS ?z) SERVICE {U} {{ }} }}",  # '#' in an IRI
    f'SELECT * WHERE {{ ?s ?p "a\\\\" SERVICE {U} {{ }} }}',  # an escaped backslash ends it
    f"PREFIX ex: <http://e/> SELECT * WHERE {{ ?s ?p ex:a\\# SERVICE {U} {{ }} }}",
    f"SELECT * WHERE {{ # it's\n SERVICE {U} {{ }} # '\n }}",  # a quote in a comment
    f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE ?x {{ }} }} VALUES ?x {{ {U} }} }}",
]
# ... and none in these: the word only in strings, comments, IRIs and names
LOCAL = [
    f'SELECT * WHERE {{ ?s ?p "SERVICE {U} {{ }}" }}',
    f"SELECT * WHERE {{ ?s ?p ?o }} # SERVICE {U} {{ }}",
    "SELECT ?service WHERE { ?service ?p $Service }",
    "PREFIX schema: <http://schema.org/> SELECT * WHERE { ?s a schema:Service }",
    "SELECT * WHERE { ?s ?p <http://example.org/service> }",
    f'SELECT * WHERE {{ ?s ?p """a " SERVICE {U} {{}} " b""" }}',
    f"SELECT * WHERE {{ ?s ?p '''it's SERVICE {U}''' }}",
    f'SELECT * WHERE {{ ?s ?p "a\\" SERVICE {U} {{ }} " }}',  # an escaped quote
]


@pytest.mark.fault("serve: SERVICE makes the endpoint call other URLs", area="hostile")
def test_the_service_check_reads_queries_as_oxigraph_does() -> None:
    """The check is not fooled by comments, strings, IRIs, case or Oxigraph's keywords
    without word boundaries (each federated query parses in Oxigraph), and lets the
    word through in strings, comments, IRIs, variables and local names."""
    import pyoxigraph as ox

    from parlkg.sparql_guard import names_a_service

    for query in FEDERATED:
        with contextlib.suppress(OSError, RuntimeError):  # not a SyntaxError: it parses
            list(ox.Store().query(query))  # type: ignore[arg-type]
        assert names_a_service(query), query
    for query in LOCAL:
        ox.Store().query(query)  # valid
        assert not names_a_service(query), query


@pytest.mark.server
@pytest.mark.fault("serve: SERVICE makes the endpoint call other URLs", area="hostile")
def test_every_way_to_send_a_federated_query_is_refused(server: Server) -> None:
    """GET, a form, a SPARQL body, an update: each is refused (400) with the reason; a
    query with the word in a comment is answered."""
    query = FEDERATED[2]
    encoded = urllib.parse.urlencode({"query": query})
    requests = [
        urllib.request.Request(f"{server.sparql_url}?{encoded}"),
        urllib.request.Request(server.sparql_url, data=encoded.encode()),
        urllib.request.Request(
            server.sparql_url,
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query; charset=utf-8"},
        ),
        urllib.request.Request(
            server.url + "/update",
            data=urllib.parse.urlencode(
                {"update": f"INSERT {{ }} WHERE {{ {query[9:]} }}"}
            ).encode(),
        ),
    ]
    for request in requests:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 400, request.full_url
        assert b"SERVICE is refused" in refused.value.read()
    status, body = _post(server.sparql_url, {"query": "ASK { ?s ?p ?o } # SERVICE <x>"})
    assert status == 200 and b"true" in body


@pytest.mark.server
@pytest.mark.fault("serve: listens only on localhost unless told otherwise", area="hostile")
def test_serve_listens_on_localhost_unless_told(
    seed_store_path: Path, request: pytest.FixtureRequest
) -> None:
    """`parlkg serve`: every listening socket of the command and of the Oxigraph server
    it starts is on 127.0.0.1 (read from /proc/net/tcp*); with `--host 0.0.0.0`, the
    public front listens on every interface and Oxigraph still on 127.0.0.1 only."""
    seen = {}
    for extra in ([], ["--host", "0.0.0.0"]):
        command = parlkg("serve", "--store", seed_store_path, "--port", "0", *extra)
        with Background(command) as serve:
            first = serve.readline(120)
            assert "http://" in first, first
            port = int(first.split("http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
            sockets = listening([serve.pid, *descendants(serve.pid)])
            assert serve.stop() == 0  # SIGTERM: it stops its Oxigraph server and exits
        assert port in {p for _, p in sockets}, (first, sockets)
        seen[bool(extra)] = sockets
    assert all(address == "127.0.0.1" for address, _ in seen[False]), seen[False]
    assert len(seen[False]) == 2  # the front, and Oxigraph behind it
    assert sorted(address for address, _ in seen[True]) == ["0.0.0.0", "127.0.0.1"], seen
    note(request, "default: 2 sockets, both 127.0.0.1; --host 0.0.0.0: the front only")


def _count(server: Server) -> int:
    result = SparqlEndpoint(server.sparql_url).query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    return int(next(iter(result))["n"].value)  # type: ignore[call-overload,index]


@pytest.mark.server
@pytest.mark.fault("serve killed with SIGKILL", area="crash")
def test_a_killed_serve_leaves_no_server_behind(seed_store_path: Path) -> None:
    """`parlkg serve` killed with SIGKILL (no chance to clean up): the Oxigraph server it
    started ends too, within a generous 5 s, instead of serving on, orphaned."""
    command = parlkg("serve", "--store", seed_store_path, "--port", "0")
    with Background(command) as serve:
        first = serve.readline(120)
        if "http://" not in first:
            raise RuntimeError(f"serve did not start: {first!r}")
        below = descendants(serve.pid)
        if not below:
            raise RuntimeError("serve started no Oxigraph server")
        os.kill(serve.pid, signal.SIGKILL)
        serve.process.wait(30)
        deadline = time.monotonic() + 5
        while any(_running(p) for p in below) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [p for p in below if _running(p)]
        for pid in left:
            os.kill(pid, signal.SIGKILL)
    assert not left, f"the Oxigraph server outlived its killed `parlkg serve`: {left}"


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"
