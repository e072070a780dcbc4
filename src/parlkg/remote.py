"""Remote stores: any SPARQL 1.1 endpoint as a query source, and pushing a store to one.

`SparqlEndpoint(url).query(sparql)` returns the types `GraphStore.query` returns
(pyoxigraph `QuerySolutions`, `QueryBoolean`, `QueryTriples`): it is a
`results.Queryable`, so the query library and `parlkg actor` run unchanged
against a server.

`push(store, endpoint)` uploads every named graph with the SPARQL 1.1 Graph
Store Protocol: one `PUT ?graph=<iri>` per graph, whose body (N-Triples)
replaces that graph. Pushing twice changes nothing.

URLs: give the query URL (`http://host:7878/query`, Fuseki's
`http://host:3030/ds/sparql`) or, for an Oxigraph server, its root
(`http://host:7878`: `/query` and `/store` are then used). The Graph Store
URL is guessed only for Oxigraph's layout (`…/query` or `…/sparql` -> `…/store`);
for another server give it (`gsp=`, `--gsp`; Fuseki: `http://host:3030/ds/data`).

The library queries expect the default graph to be the union of the named
graphs: parlkg asks for it with the `union-default-graph` parameter (Oxigraph);
other servers must be configured so (Fuseki: `tdb2:unionDefaultGraph true`;
GraphDB and Virtuoso do it by default).
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from parlkg.errors import QueryError, StoreError
from parlkg.store import GraphStore, open_store
from parlkg.vocab import GRAPH

QueryResult = ox.QuerySolutions | ox.QueryTriples | ox.QueryBoolean

_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
)


class EndpointError(StoreError):
    """A SPARQL endpoint that cannot be reached, refuses a request or answers garbage."""


class SparqlEndpoint:
    """A SPARQL 1.1 endpoint reached over HTTP (Protocol, and Graph Store Protocol)."""

    def __init__(
        self,
        url: str,
        *,
        gsp: str | None = None,
        timeout: float = 60.0,
        union_default_graph: bool = True,
    ) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise EndpointError(
                f"{url!r} is not an http(s) URL of a SPARQL endpoint",
                hint="e.g. http://127.0.0.1:7878/query (an Oxigraph server's query URL)",
            )
        path = parts.path.rstrip("/")
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        self.url = f"{root}/query" if not path else url
        if gsp is None and (not path or path.rsplit("/", 1)[-1] in ("query", "sparql")):
            gsp = root + path.rsplit("/", 1)[0] + "/store" if path else f"{root}/store"
        self.gsp = gsp
        self.timeout = timeout
        self.union_default_graph = union_default_graph

    def __repr__(self) -> str:
        return f"SparqlEndpoint({self.url!r})"

    # -- SPARQL 1.1 Protocol ---------------------------------------------------

    def query(self, sparql: str) -> QueryResult:
        """Run `sparql` on the endpoint; the result types of `GraphStore.query`."""
        form = {"query": sparql}
        if self.union_default_graph:
            form["union-default-graph"] = ""
        body = urllib.parse.urlencode(form).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT}
        _, media_type, data = self._request("POST", self.url, body, headers)
        return _parse_result(self.url, media_type, data)

    # -- SPARQL 1.1 Graph Store Protocol ---------------------------------------

    def put_graph(self, graph: str, ntriples: bytes) -> None:
        """Replace the content of `graph` on the server by `ntriples`."""
        headers = {"Content-Type": "application/n-triples"}
        self._request("PUT", self._graph_url(graph), ntriples, headers)

    def delete_graph(self, graph: str) -> None:
        self._request("DELETE", self._graph_url(graph), None, {})

    def graph_names(self) -> list[str]:
        """The named graphs on the server that hold something."""
        result = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, ox.QuerySolutions)
        return sorted(row["g"].value for row in result if isinstance(row["g"], ox.NamedNode))

    def close(self) -> None:
        """Nothing to release: every request has its own connection."""

    def __enter__(self) -> SparqlEndpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _graph_url(self, graph: str) -> str:
        if not self.gsp:
            raise EndpointError(
                f"{self.url}: cannot tell where its Graph Store Protocol service is",
                hint="give its URL with --gsp (Fuseki: http://host:3030/DATASET/data)",
            )
        sep = "&" if "?" in self.gsp else "?"
        return f"{self.gsp}{sep}{urllib.parse.urlencode({'graph': graph})}"

    def _request(
        self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]
    ) -> tuple[int, str, bytes]:
        # imported here: the HTTP stack (ssl, email) is slow to import, and a
        # command on the local store (`parlkg actor`) never needs it
        import http.client
        import urllib.error
        import urllib.request

        request = urllib.request.Request(url, data=body, headers=dict(headers), method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                media_type = response.headers.get_content_type()
                return response.status, media_type, response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip()[:500]
            if exc.code == 400 and method == "POST":
                raise QueryError(f"{url}: the endpoint rejected the query: {detail}") from None
            hint = {
                401: "the endpoint needs credentials; parlkg does not send any",
                403: "the endpoint refuses this request (a read-only server?)",
                404: "check the URL (an Oxigraph server answers on /query and /store)",
                405: "check the URL: this one does not take this method",
            }.get(exc.code, "see the server's log")
            raise EndpointError(
                f"{method} {url}: HTTP {exc.code} {exc.reason}: {detail}", hint=hint
            ) from None
        except http.client.RemoteDisconnected:
            raise EndpointError(
                f"{method} {url}: the server closed the connection without answering",
                hint="it may have stopped the query at its timeout: narrow the query",
            ) from None
        except TimeoutError:
            raise EndpointError(
                f"{method} {url}: no answer within {self.timeout:g} s",
                hint="the server is slow or the query heavy: raise --timeout",
            ) from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            server = url.split("?", 1)[0]
            raise EndpointError(
                f"{server}: cannot reach the SPARQL endpoint: {reason}",
                hint="is the server running? check the host, port and path",
            ) from None


def _parse_result(url: str, media_type: str, data: bytes) -> QueryResult:
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    if results_format == ox.QueryResultsFormat.JSON:
        # pyoxigraph parses lazily; a server that gives up mid-answer (Oxigraph's
        # timeout appends a message to a 200 answer) must fail here, not later
        try:
            json.loads(data)
        except ValueError:
            tail = data[-200:].decode("utf-8", "replace").strip()
            raise EndpointError(
                f"{url}: the answer is cut short: …{tail}",
                hint="the server stopped it, probably at its timeout: narrow the query",
            ) from None
    try:
        if results_format is not None:
            return ox.parse_query_results(data, format=results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is not None:
            # a QueryTriples, as GraphStore.query gives: the answer in a throwaway
            # in-memory store (not an on-disk one: the ban is about those)
            memory = ox.Store()  # noqa: TID251
            memory.load(data, format=rdf_format, to_graph=ox.DefaultGraph())
            result = memory.query("CONSTRUCT WHERE { ?s ?p ?o }")
            assert isinstance(result, ox.QueryTriples)
            return result
    except (SyntaxError, ValueError) as exc:
        raise EndpointError(f"{url}: unreadable {media_type} answer: {exc}") from None
    raise EndpointError(
        f"{url}: answered {media_type!r}, not SPARQL results nor RDF",
        hint="is this the URL of a SPARQL query service?",
    )


def open_source(store: Path | None, endpoint: str | None) -> GraphStore | SparqlEndpoint:
    """The store on disk, or the SPARQL endpoint when `endpoint` is given."""
    if endpoint:
        return SparqlEndpoint(endpoint)
    return open_store(store)


# -- push ----------------------------------------------------------------------


@dataclass
class PushReport:
    endpoint: str
    graphs: int = 0
    triples: int = 0
    bytes: int = 0
    pruned: list[str] = field(default_factory=list)


def push(
    store: GraphStore,
    endpoint: SparqlEndpoint,
    *,
    extra: Mapping[str, Iterable[ox.Triple]] | None = None,
    prune: bool = False,
    progress: Callable[[str], None] | None = None,
) -> PushReport:
    """PUT every named graph of `store` (and the `extra` graphs) to `endpoint`.

    With `prune`, parlkg graphs (under https://w3id.org/parlkg/graph/) that the
    server holds and the store does not are deleted; other graphs are never touched.
    """
    extra = extra or {}
    report = PushReport(endpoint.gsp or endpoint.url)
    names = sorted({g.value for g in store.graph_names()} | set(extra))
    for name in names:
        if name in extra:
            triples = sorted(extra[name], key=str)
        else:
            triples = sorted(
                (q.triple for q in store.quads_matching(graph=ox.NamedNode(name))), key=str
            )
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        endpoint.put_graph(name, data)
        report.graphs += 1
        report.triples += len(triples)
        report.bytes += len(data)
        if progress is not None:
            progress(name)
    if prune:
        local = set(names)
        for name in endpoint.graph_names():
            if name.startswith(GRAPH) and name not in local:
                endpoint.delete_graph(name)
                report.pruned.append(name)
    return report
