"""`parlkg serve`: a read-only SPARQL 1.1 endpoint with the YASGUI web UI.

The endpoint is the Oxigraph server (`oxigraph serve-read-only`, from the pip
package `oxigraph`, pinned to pyoxigraph's version), with the union default
graph and a query timeout. It serves a *snapshot* of the store:

- a RocksDB store has one writer; `serve-read-only` takes no lock, but Oxigraph
  documents a read-only open beside a writer as undefined behaviour. So parlkg
  takes a checkpoint of the store (`Store.backup`: hard links to its immutable
  files, milliseconds, no extra space on the same file system) and serves that;
  when an ingest holds the store, it copies the quads a reader sees instead
  (`GraphStore.snapshot`). `parlkg ingest` can run meanwhile; the endpoint shows
  the data as it was when `serve` started (restart it to publish new documents);
- the snapshot also gets the dataset description (`…/graph/_void`) with the
  endpoint's URL (`void:sparqlEndpoint`); the store itself is not changed.

In front of Oxigraph, on the public address, a small stdlib HTTP server adds
the query library and forwards everything else to Oxigraph unchanged:

- `/queries`: a page listing the library, each query opening in the UI (its
  parameters bound) or giving its results;
- `/queries/NAME?param=value&format=json|csv|tsv|xml`: a library query with
  bound parameters (names resolved like `parlkg query` does); from a browser
  (or `format=ui`) it redirects to the UI with the query filled in and run;
  every row, or `&page=K` (1-based) of a paged query (`#+ pagination: N`);
- `/.well-known/void` (and `/void`): the dataset description in Turtle;
- `/`, `/query`, `/sparql`, `/store`…: Oxigraph's own routes. YASGUI's
  JavaScript and CSS are served by Oxigraph itself (bundled in the binary):
  the UI works offline.

What the front refuses or stops, whatever Oxigraph would do:

- a query naming a `SERVICE`: Oxigraph would fetch the URL a client names
  (server-side request forgery); the query is refused (400) before Oxigraph
  sees it (`sparql_guard.names_a_service`);
- an answer still streaming at the timeout: Oxigraph's timeout does not stop a
  result it streams, so the front closes the connection to Oxigraph at the
  timeout (plus `CUT_GRACE_S`, for Oxigraph's own error to come first), which
  stops the query, and ends the answer with a line saying it was cut;
- the Oxigraph server dies with the `serve` process, even killed with SIGKILL
  (Linux: a parent-death signal; elsewhere `stop()` ends it, a SIGKILL does not).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import html
import http.client
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from parlkg.dataset import VOID_GRAPH, DatasetInfo, describe
from parlkg.errors import ParlkgError, QueryError, StoreError
from parlkg.export import export_store
from parlkg.lookup import resolve_entity
from parlkg.queries import (
    LibraryQuery,
    bind,
    check_page,
    count_rows,
    cut_page,
    library,
    needs_total,
    term_for,
)
from parlkg.sparql_guard import names_a_service, sparql_texts
from parlkg.store import GraphStore, open_store

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30
CUT_GRACE_S = 2  # past the timeout, the front closes a query's answer still streaming
_SNAPSHOT_PREFIX = ".parlkg-serve-"
_FORMATS = {  # format=… -> Accept (results of SELECT/ASK, else RDF for CONSTRUCT/DESCRIBE)
    "json": "application/sparql-results+json, application/ld+json;q=0.9",
    "xml": "application/sparql-results+xml, application/rdf+xml;q=0.9",
    "csv": "text/csv, application/n-triples;q=0.9",
    "tsv": "text/tab-separated-values, application/n-triples;q=0.9",
    "turtle": "text/turtle, application/sparql-results+json;q=0.9",
    "ntriples": "application/n-triples, application/sparql-results+json;q=0.9",
}


class ServeError(StoreError):
    """The endpoint cannot start: no oxigraph binary, a port in use, a failed start."""


def oxigraph_binary() -> str:
    """The `oxigraph` server installed with parlkg (the console script of the pip package)."""
    here = str(Path(sys.executable).parent)
    found = shutil.which("oxigraph", path=os.pathsep.join([here, os.environ.get("PATH", "")]))
    if found is None:
        raise ServeError(
            "the oxigraph server is not installed (no `oxigraph` program on PATH)",
            hint="pip install 'oxigraph==0.5.13' (the version of pyoxigraph)",
        )
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class Server:
    """The Oxigraph server over a snapshot of a store, behind the query-library front.

    Use as a context manager: everything it started is stopped on exit,
    whatever happens (the server process group is killed, the snapshot removed).
    """

    def __init__(
        self,
        store: Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        timeout_s: int = DEFAULT_TIMEOUT_S,
        info: DatasetInfo | None = None,
        oxigraph: str | None = None,
    ) -> None:
        self.store = store
        self.host = host
        self.port = port
        self.timeout_s = timeout_s
        self.info = info or DatasetInfo()
        self.oxigraph = oxigraph
        self.url = ""  # the public base URL, once started
        self.snapshot: Path | None = None
        self.lookup: GraphStore | None = None
        self.backend = ""  # the Oxigraph server's own URL (on 127.0.0.1)
        self._process: subprocess.Popen[bytes] | None = None
        self._front: _Front | None = None
        self._thread: threading.Thread | None = None
        self._workdir: Path | None = None

    @property
    def sparql_url(self) -> str:
        return self.url + "/query"

    def __enter__(self) -> Server:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        binary = self.oxigraph or oxigraph_binary()
        self._bind_front()
        self._take_snapshot()
        assert self.snapshot is not None
        self._start_oxigraph(binary, self.snapshot)
        self.lookup = GraphStore(self.snapshot, read_only=True)
        assert self._front is not None
        self._thread = threading.Thread(
            target=self._front.serve_forever, name="parlkg-serve-front", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop the front and the Oxigraph process group, remove the snapshot; idempotent."""
        if self._front is not None:
            if self._thread is not None:
                self._front.shutdown()
                self._thread.join(timeout=10)
            self._front.server_close()
            self._front = None
        if self._process is not None:
            stop_process(self._process)
            self._process = None
        if self.lookup is not None:
            self.lookup.close()
            self.lookup = None
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def wait(self) -> None:
        """Block until SIGINT or SIGTERM (or until the Oxigraph server dies)."""
        stop = threading.Event()
        previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
        try:
            while not stop.is_set():
                if self._process is not None and self._process.poll() is not None:
                    raise ServeError(
                        f"the oxigraph server stopped (exit {self._process.returncode})"
                    )
                stop.wait(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            signal.signal(signal.SIGTERM, previous)

    # -- start-up steps ----------------------------------------------------------

    def _bind_front(self) -> None:
        try:
            front = _Front((self.host, self.port), _Handler)
        except OSError as exc:
            raise ServeError(
                f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}",
                hint="choose another --port (0 picks a free one)",
            ) from None
        front.endpoint = self
        self._front = front
        host, port = front.server_address[:2]
        shown = host if isinstance(host, str) else host.decode()
        if ":" in shown:
            shown = f"[{shown}]"
        self.port = int(port)
        self.url = f"http://{shown}:{self.port}"

    def _take_snapshot(self) -> None:
        for attempt in range(1, 4):
            with open_store(self.store) as graph_store:
                if self._workdir is None:
                    _remove_stale_snapshots(graph_store.path.parent)
                    self._workdir = _workdir(graph_store.path.parent)
                self.snapshot = self._workdir / "store"
                shutil.rmtree(self.snapshot, ignore_errors=True)
                try:
                    graph_store.snapshot(self.snapshot)
                    break
                except StoreError:
                    # read-only, beside a writer: its compaction may delete a file
                    # the copy was about to read; a new open sees the new files
                    if not graph_store.read_only or attempt == 3:
                        raise
        assert self.snapshot is not None
        with GraphStore(self.snapshot) as snapshot:
            triples = describe(snapshot, self.info.served_at(self.sparql_url))
            data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            snapshot.replace_graph(VOID_GRAPH, data.decode())

    def _start_oxigraph(self, binary: str, location: Path) -> None:
        assert self._workdir is not None
        last_error = ""
        for _ in range(3):  # the free port may be taken between the probe and the bind
            port = free_port()
            log = (self._workdir / "oxigraph.log").open("wb")
            command = [
                binary,
                "serve-read-only",
                "--location",
                str(location),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
                "--timeout-s",
                str(self.timeout_s),
            ]
            try:
                process = subprocess.Popen(
                    command,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                    preexec_fn=_parent_death_signal(),
                )
            except OSError as exc:
                raise ServeError(f"cannot run {binary}: {exc.strerror or exc}") from None
            finally:
                log.close()
            self._process = process
            if _wait_until_up(process, "127.0.0.1", port, timeout=20):
                self.backend = f"http://127.0.0.1:{port}"
                return
            last_error = (self._workdir / "oxigraph.log").read_text(errors="replace").strip()
            stop_process(process)
            self._process = None
        raise ServeError(
            f"the oxigraph server did not start: {last_error or 'no output'}",
            hint=f"try running `{binary} serve-read-only --location …` by hand",
        )


def stop_process(process: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """SIGTERM to the process group, then SIGKILL after `grace` seconds."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _parent_death_signal() -> Callable[[], None] | None:
    """A `preexec_fn` giving the child SIGKILL when this process dies (Linux), even
    killed with SIGKILL; None elsewhere. The signal comes when the thread that
    started the child ends: start the server from a thread that outlives it (the
    CLI's main thread does).

    Everything is looked up here, in the parent: between fork and exec the child
    only makes two system calls."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    parent, kill = os.getpid(), int(signal.SIGKILL)

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, kill, 0, 0)
        if os.getppid() != parent:  # this process died before the call: no signal will come
            os.kill(os.getpid(), kill)

    return preexec


def _wait_until_up(process: subprocess.Popen[bytes], host: str, port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def _workdir(parent: Path) -> Path:
    """A private directory beside the store (same file system: hard links), else in /tmp."""
    for where in (parent, None):
        try:
            path = Path(tempfile.mkdtemp(prefix=_SNAPSHOT_PREFIX, dir=where))
        except OSError:
            continue
        (path / "pid").write_text(str(os.getpid()))
        return path
    raise ServeError(f"{parent}: cannot create a working directory for the snapshot")


def _remove_stale_snapshots(parent: Path) -> None:
    """Remove the snapshots left by `serve` processes that were killed."""
    with contextlib.suppress(OSError):
        for path in parent.glob(_SNAPSHOT_PREFIX + "*"):
            try:
                pid = int((path / "pid").read_text())
                os.kill(pid, 0)
            except ProcessLookupError:
                shutil.rmtree(path, ignore_errors=True)
            except (OSError, ValueError):
                continue


# -- SERVICE: a query must not make the endpoint call other URLs ------------------

# -- the front -------------------------------------------------------------------

_HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailers",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}


class _Front(ThreadingHTTPServer):
    daemon_threads = True
    endpoint: Server


class _Handler(BaseHTTPRequestHandler):
    server_version = "parlkg"

    @property
    def endpoint(self) -> Server:
        return self.server.endpoint  # type: ignore[attr-defined,no-any-return]

    def log_message(self, format: str, *args: object) -> None:
        return  # quiet: the CLI prints the address; errors go back to the client

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path in ("/queries", "/queries/"):
            self._send(200, "text/html; charset=utf-8", queries_page(library()).encode())
        elif path.startswith("/queries/"):
            self._library_query(urllib.parse.unquote(path[len("/queries/") :]), query)
        elif path in ("/.well-known/void", "/void"):
            self._void()
        else:
            self._forward()

    def do_HEAD(self) -> None:
        self._forward()

    def do_POST(self) -> None:
        self._forward()

    def do_PUT(self) -> None:
        self._forward()

    def do_DELETE(self) -> None:
        self._forward()

    def _library_query(self, name: str, query_string: str) -> None:
        queries = library()
        if name not in queries:
            known = ", ".join(queries)
            self._send(404, "text/plain; charset=utf-8", f"no query {name!r}; known: {known}\n")
            return
        params = dict(urllib.parse.parse_qsl(query_string, keep_blank_values=True))
        fmt = params.pop("format", "")
        try:
            query, page = queries[name], _page_number(queries[name], params.pop("page", ""))
            values = self._values(query, {k: v for k, v in params.items() if v})
            if page:
                total = None
                if needs_total(query):  # the page's end is counted from the last row
                    assert self.endpoint.lookup is not None
                    total = count_rows(self.endpoint.lookup, query, values)
                query = cut_page(query, page, total)
            sparql = bind(query, values)
        except ParlkgError as exc:
            self._send(404 if exc.exit_code == 5 else 400, "text/plain; charset=utf-8", f"{exc}\n")
            return
        accept = self.headers.get("Accept", "")
        if fmt == "ui" or (not fmt and "text/html" in accept):
            self.send_response(303)
            self.send_header("Location", ui_link(sparql, self.endpoint.sparql_url, name))
            self.end_headers()
            return
        if fmt and fmt not in _FORMATS:
            options = ", ".join(["ui", *_FORMATS])
            self._send(400, "text/plain; charset=utf-8", f"format {fmt!r}: one of {options}\n")
            return
        body = urllib.parse.urlencode({"query": sparql}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        headers["Accept"] = _FORMATS[fmt] if fmt else (accept or _FORMATS["json"])
        self._upstream("POST", "/query", body, headers)

    def _values(
        self, query: LibraryQuery, params: dict[str, str]
    ) -> dict[str, ox.NamedNode | ox.Literal]:
        """The parameters' terms, entity names resolved."""
        declared = {p.name: p for p in query.params}
        values: dict[str, ox.NamedNode | ox.Literal] = {}
        for name, raw in params.items():
            param = declared.get(name)
            if param is None:
                values[name] = ox.Literal(raw)  # bind() names the unknown parameter
                continue
            if param.type == "entity" and not raw.startswith(("http://", "https://", "urn:")):
                assert self.endpoint.lookup is not None
                raw = resolve_entity(self.endpoint.lookup, raw).iri
            values[name] = term_for(param, raw)
        return values

    def _void(self) -> None:
        assert self.endpoint.lookup is not None
        buffer = io.BytesIO()
        export_store(self.endpoint.lookup, buffer, "turtle", [VOID_GRAPH])
        self._send(200, "text/turtle; charset=utf-8", buffer.getvalue())

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        texts = sparql_texts(self.path, self.headers.get("Content-Type", ""), body)
        if any(names_a_service(text) for text in texts):
            message = (
                "SERVICE is refused: this endpoint does not call other endpoints for its "
                "clients (federated queries are off); query them yourself. The word SERVICE "
                "outside strings, IRIs and comments, even in a prefix name, is refused.\n"
            )
            self._send(400, "text/plain; charset=utf-8", message)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
        self._upstream(self.command, self.path, body, headers)

    def _upstream(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str]
    ) -> None:
        backend = urllib.parse.urlsplit(self.endpoint.backend)
        assert backend.hostname is not None and backend.port is not None
        timeout = self.endpoint.timeout_s
        # Oxigraph stops a query at its timeout, but not an answer it streams: at the
        # deadline, the connection to it is closed (which stops the query); other
        # routes (the UI, the store's graphs) run no query and get a long patience
        query = urllib.parse.urlsplit(path).path == "/query"
        budget = timeout + CUT_GRACE_S if query else timeout * 3 + 30
        deadline = time.monotonic() + budget
        cut = _Cut()
        conn = http.client.HTTPConnection(backend.hostname, backend.port, timeout=budget)
        answered = False
        try:
            conn.connect()
            if query:
                cut.arm(conn.sock, budget)
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            if path in ("/", "") and method == "GET" and response.status == 200:
                page = _with_library_link(response.read())
                self._send(200, response.getheader("Content-Type") or "text/html", page)
                return
            self.send_response(response.status, response.reason)
            for key, value in response.getheaders():
                if key.lower() not in _HOP_BY_HOP:
                    self.send_header(key, value)
            self.end_headers()
            answered = True
            while chunk := response.read1(65536):
                self.connection.settimeout(max(0.5, deadline - time.monotonic()))
                self.wfile.write(chunk)
            if cut.fired.is_set():
                raise TimeoutError  # the read ended because the deadline closed it
        except (OSError, http.client.HTTPException) as exc:
            late = cut.fired.is_set() or isinstance(exc, TimeoutError)
            with contextlib.suppress(OSError):
                if answered and late:  # say so at the end of what was sent
                    self.connection.settimeout(1)
                    note = (
                        f"\n\nparlkg: the answer was cut at the endpoint's timeout ({timeout} s)\n"
                    )
                    self.wfile.write(note.encode())
                elif late:
                    message = f"the query ran past the endpoint's timeout ({timeout} s)\n"
                    self._send(504, "text/plain; charset=utf-8", message)
                elif not answered:  # else the client sees a cut answer
                    self._send(502, "text/plain; charset=utf-8", f"the oxigraph server: {exc}\n")
        finally:
            cut.cancel()
            conn.close()
            self.close_connection = True

    def _send(self, status: int, content_type: str, data: bytes | str) -> None:
        payload = data.encode() if isinstance(data, str) else data
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)


class _Cut:
    """A connection shut down at a deadline, from a timer thread: a read blocked on it
    returns (that is how the front stops an answer Oxigraph goes on streaming)."""

    def __init__(self) -> None:
        self.fired = threading.Event()
        self._timer: threading.Timer | None = None

    def arm(self, sock: socket.socket | None, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._fire, (sock,))
        self._timer.daemon = True
        self._timer.start()

    def _fire(self, sock: socket.socket | None) -> None:
        self.fired.set()
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def _page_number(query: LibraryQuery, page: str) -> int:
    """The page to cut `query` to (1-based), as `parlkg query --page` reads it; 0 for
    every row (no page asked for, 0, or a query without pages)."""
    if not page:
        return 0
    if not page.isdigit():
        raise QueryError(f"page {page!r}: give a page number (1 for the first, 0 for every row)")
    number = check_page(query, int(page))
    return 0 if query.page_size is None else number


def _with_library_link(page: bytes) -> bytes:
    """Oxigraph's UI page, with a bar linking to the query library."""
    bar = (
        b'<div style="font:14px sans-serif;padding:6px 10px;background:#eef">'
        b'<b>parlkg</b> SPARQL endpoint &middot; <a href="/queries">query library</a>'
        b' &middot; <a href="/.well-known/void">dataset description</a></div>'
    )
    return page.replace(b'<div id="yasgui">', bar + b'<div id="yasgui">', 1)


def ui_link(sparql: str, endpoint: str, title: str) -> str:
    """A YASGUI link that opens `sparql` in a tab and runs it."""
    fragment = urllib.parse.urlencode(
        {"query": sparql, "endpoint": endpoint, "requestMethod": "POST", "tabTitle": title},
        quote_via=urllib.parse.quote,
    )
    return "/#" + fragment


def queries_page(queries: dict[str, LibraryQuery]) -> str:
    """The HTML page of the query library: a form per query, results or the UI."""
    items = []
    for q in queries.values():
        fields = "".join(
            f'<label>{html.escape(p.name)} <input name="{html.escape(p.name)}" '
            f'placeholder="{html.escape(p.type)}" value="{html.escape(p.default or "")}"'
            f"{'' if p.default is not None else ' required'}></label> "
            f"<small>{html.escape(p.description)}</small><br>"
            for p in q.params
        )
        action = "/queries/" + urllib.parse.quote(q.name)
        items.append(
            f'<section id="{html.escape(q.name)}"><h2>{html.escape(q.name)}</h2>'
            f"<p>{html.escape(q.summary)}</p>"
            f"<p><small>returns: {html.escape(q.returns)}</small></p>"
            f'<form action="{action}" method="get">{fields}'
            '<button name="format" value="ui">Open in the UI</button> '
            '<button name="format" value="json">JSON</button> '
            '<button name="format" value="csv">CSV</button></form>'
            f"<details><summary>SPARQL</summary><pre>{html.escape(q.text)}</pre></details>"
            "</section>"
        )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>parlkg query library</title><style>"
        "body{font:15px/1.4 sans-serif;max-width:60em;margin:1em auto;padding:0 1em}"
        "section{border-top:1px solid #ccc;padding:.3em 0}pre{background:#f6f6f6;"
        "padding:.5em;overflow:auto}label{font-weight:bold}</style></head><body>"
        "<h1>parlkg query library</h1><p>Each query runs on this endpoint with its "
        'parameters bound. <a href="/">SPARQL UI</a> &middot; '
        '<a href="/.well-known/void">dataset description</a>. Also as GET routes: '
        "<code>/queries/NAME?param=value&amp;format=json|csv|tsv|xml|ui</code>.</p>"
        + "".join(items)
        + "</body></html>"
    )
