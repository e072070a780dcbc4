"""Publishing commands: serve (SPARQL endpoint + UI), push (to a SPARQL server), site."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parlkg.cli import StoreOption, app, fail
from parlkg.errors import ParlkgError

TitleOption = Annotated[
    str | None,
    typer.Option(
        "--title", envvar="PARLKG_TITLE", help="Dataset title (VoID, DCAT-AP).", show_default=False
    ),
]
DescriptionOption = Annotated[
    str | None,
    typer.Option(
        "--description",
        envvar="PARLKG_DESCRIPTION",
        help="Dataset description (VoID, DCAT-AP).",
        show_default=False,
    ),
]
LicenseOption = Annotated[
    str | None,
    typer.Option(
        "--license",
        envvar="PARLKG_LICENSE",
        help="Licence IRI (default: Licence Ouverte / Etalab 2.0).",
        show_default=False,
    ),
]
PublisherOption = Annotated[
    str | None,
    typer.Option(
        "--publisher", envvar="PARLKG_PUBLISHER", help="Publisher's name.", show_default=False
    ),
]
PublisherUrlOption = Annotated[
    str | None,
    typer.Option(
        "--publisher-url",
        envvar="PARLKG_PUBLISHER_URL",
        help="Publisher's IRI (a web page or an organisation's IRI).",
        show_default=False,
    ),
]


@app.command()
def serve(
    store: StoreOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port (0: a free one).")] = 7878,
    timeout: Annotated[int, typer.Option(help="Query timeout in seconds.")] = 30,
    title: TitleOption = None,
    description: DescriptionOption = None,
    license_: LicenseOption = None,
    publisher: PublisherOption = None,
    publisher_url: PublisherUrlOption = None,
) -> None:
    """Serve the store as a read-only SPARQL endpoint with a web UI and the query library.

    The Oxigraph server answers SPARQL 1.1 at /query (union default graph) over a
    snapshot of the store taken at start: `parlkg ingest` may run meanwhile;
    restart to serve new documents. Ctrl-C stops it.
    """
    from parlkg.dataset import DatasetInfo
    from parlkg.serve import Server

    try:
        info = DatasetInfo.configured(
            title=title,
            description=description,
            license=license_,
            publisher=publisher,
            publisher_url=publisher_url,
        )
        with Server(store, host=host, port=port, timeout_s=timeout, info=info) as server:
            typer.echo(
                f"serving a snapshot of {server.store or 'the store'} at {server.url}/\n"
                f"  SPARQL endpoint  {server.sparql_url}  (read-only, {timeout} s timeout)\n"
                f"  web UI           {server.url}/\n"
                f"  query library    {server.url}/queries\n"
                f"  description      {server.url}/.well-known/void\n"
                "Ctrl-C to stop."
            )
            server.wait()
    except ParlkgError as exc:
        raise fail(exc) from None
    typer.echo("stopped.", err=True)


@app.command()
def push(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="The server: its SPARQL query URL, or an Oxigraph server's root URL.",
        ),
    ],
    gsp: Annotated[
        str | None,
        typer.Option(
            "--gsp",
            help="Its Graph Store Protocol URL (default: …/store, as on Oxigraph).",
            show_default=False,
        ),
    ] = None,
    prune: Annotated[
        bool, typer.Option(help="Also delete the parlkg graphs the store no longer has.")
    ] = False,
    describe_: Annotated[
        bool,
        typer.Option(
            "--description/--no-description",
            help="Also push the dataset description (VoID, DCAT-AP) naming the endpoint.",
        ),
    ] = True,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each request.")] = 120.0,
    store: StoreOption = None,
    title: TitleOption = None,
    description: DescriptionOption = None,
    license_: LicenseOption = None,
    publisher: PublisherOption = None,
    publisher_url: PublisherUrlOption = None,
) -> None:
    """Upload every named graph to a SPARQL server (Graph Store Protocol: one PUT per graph).

    Each PUT replaces that graph on the server: pushing twice changes nothing.
    """
    from parlkg.dataset import VOID_GRAPH, DatasetInfo, describe
    from parlkg.remote import SparqlEndpoint
    from parlkg.remote import push as run_push
    from parlkg.store import open_store

    try:
        remote = SparqlEndpoint(endpoint, gsp=gsp, timeout=timeout)
        with open_store(store) as graph_store:
            extra = {}
            if describe_:
                info = DatasetInfo.configured(
                    title=title,
                    description=description,
                    license=license_,
                    publisher=publisher,
                    publisher_url=publisher_url,
                    endpoint=remote.url,
                )
                extra = {VOID_GRAPH: describe(graph_store, info)}
            report = run_push(graph_store, remote, extra=extra, prune=prune)
    except ParlkgError as exc:
        raise fail(exc) from None
    typer.echo(
        f"{report.graphs} graph(s), {report.triples} triples ({report.bytes} bytes of "
        f"N-Triples) pushed to {report.endpoint}"
        + (f"; {len(report.pruned)} stale graph(s) deleted" if report.pruned else "")
    )


@app.command()
def site(
    out: Annotated[Path, typer.Argument(help="The folder to write (new, empty, or a site).")],
    store: StoreOption = None,
    title: TitleOption = None,
    description: DescriptionOption = None,
    license_: LicenseOption = None,
    publisher: PublisherOption = None,
    publisher_url: PublisherUrlOption = None,
) -> None:
    """Write a static linked-data site: a page per entity and per document, with its .ttl."""
    from parlkg.dataset import DatasetInfo
    from parlkg.site import build_site
    from parlkg.store import open_store

    try:
        info = DatasetInfo.configured(
            title=title,
            description=description,
            license=license_,
            publisher=publisher,
            publisher_url=publisher_url,
        )
        with open_store(store) as graph_store:
            report = build_site(graph_store, out, info)
    except ParlkgError as exc:
        raise fail(exc) from None
    typer.echo(
        f"{report.documents} document page(s), {report.entities} entity page(s), "
        f"{report.files} files written to {out}/ (open {out / 'index.html'})"
    )
