"""Core commands: ingest, query, actor, export, eval, validate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from parlkg.cli import StoreOption, app, fail
from parlkg.errors import ParlkgError


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of documents.")],
    store: StoreOption = None,
    layout: Annotated[
        str | None,
        typer.Option("--format", help="Force a reader (layout) instead of detecting it."),
    ] = None,
    source_url: Annotated[
        str | None, typer.Option("--source-url", help="The URL the document(s) came from.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Rebuild documents even when unchanged.")] = False,
) -> None:
    """Read documents, extract their facts and store one graph per document."""
    from parlkg.ingest import ingest as run_ingest
    from parlkg.read import iter_inputs
    from parlkg.store import open_store

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"error: {p}: no such file or folder", err=True)
    try:
        files = list(iter_inputs([p for p in paths if p.exists()]))
        with open_store(store, write=True) as graph_store:
            with typer.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
                report = run_ingest(
                    files,
                    graph_store,
                    layout=layout,
                    source_url=source_url,
                    force=force,
                    progress=lambda _: bar.update(1),
                )
            total = len(graph_store)
            where = graph_store.path
    except ParlkgError as exc:
        raise fail(exc) from None
    for failure in report.failures:
        typer.echo(f"error: {failure.path}: {failure.reason}", err=True)
    for partial in report.kept:
        typer.echo(f"warning: {partial.path}: not stored: {partial.reason}", err=True)
    for partial in report.incomplete:
        typer.echo(f"warning: {partial.path}: stored as incomplete: {partial.reason}", err=True)
    typer.echo(
        f"{report.documents} document(s) ingested ({len(report.incomplete)} incomplete), "
        f"{report.unchanged} unchanged, "
        f"{report.triples} triples written, {len(report.failures) + len(missing)} failed; "
        f"store {where} holds {total} quads."
    )
    if report.extractors:
        typer.echo(f"extractors: {', '.join(report.extractors)}")
    if report.failures or missing:
        raise typer.Exit(1)


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="A library query name or a .rq file.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as key=value (repeatable)."),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, csv, json; turtle for CONSTRUCT/DESCRIBE.")
    ] = "table",
    list_: Annotated[bool, typer.Option("--list", help="List the query library.")] = False,
    store: StoreOption = None,
) -> None:
    """Run a query of the library (or a .rq file) with bound parameters."""
    from parlkg.queries import find, library, run
    from parlkg.results import Table, render_csv, render_json, render_text
    from parlkg.store import open_store

    try:
        if list_ or name is None:
            for q in library().values():
                typer.echo(f"{q.name}\n    {q.summary}")
                for p in q.params:
                    default = f", default {p.default}" if p.default is not None else ""
                    typer.echo(f"    --param {p.name}=<{p.type}{default}>  {p.description}")
            return
        params = {}
        for item in param or []:
            key, sep, value = item.partition("=")
            if not sep:
                raise typer.BadParameter(f"{item!r} is not key=value", param_hint="--param")
            params[key.strip()] = value
        library_query = find(name)
        with open_store(store) as graph_store:
            result = run(graph_store, library_query, params)
    except ParlkgError as exc:
        raise fail(exc) from None
    if isinstance(result, bool):
        typer.echo("true" if result else "false")
    elif isinstance(result, Table):
        renderers = {"table": render_text, "csv": render_csv, "json": render_json}
        if fmt not in renderers:
            raise fail(
                ParlkgError(f"unknown format {fmt!r} for a SELECT query: table, csv or json")
            )
        typer.echo(renderers[fmt](result))
    else:
        import pyoxigraph as ox

        from parlkg.vocab import PREFIXES

        data = ox.serialize(result, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        typer.echo((data or b"").decode())


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name, alias or acronym (or an entity IRI).")],
    store: StoreOption = None,
) -> None:
    """An actor's links across documents: roles, documents with numbers and dates, relations."""
    from parlkg.actor import actor_report, render_actor
    from parlkg.store import open_store

    try:
        with open_store(store) as graph_store:
            report = actor_report(graph_store, name)
    except ParlkgError as exc:
        raise fail(exc) from None
    typer.echo(render_actor(report))


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="turtle, trig, nquads or jsonld.")
    ] = "trig",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write [default: standard output]."),
    ] = None,
    graph: Annotated[
        list[str] | None, typer.Option("--graph", help="Only this document key or graph IRI.")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph (all documents, ontology and authority) as RDF."""
    from parlkg.store import open_store
    from parlkg.vocab import GRAPH, graph_iri

    graphs = [g if g.startswith(GRAPH) else graph_iri(g) for g in graph] if graph else None
    try:
        with open_store(store) as graph_store:
            if output is None:
                count = graph_store.export(sys.stdout.buffer, fmt, graphs)
            else:
                with output.open("wb") as handle:
                    count = graph_store.export(handle, fmt, graphs)
    except ParlkgError as exc:
        raise fail(exc) from None
    if output is not None:
        typer.echo(f"{count} quads written to {output}", err=True)


@app.command("eval")
def eval_(
    paths: Annotated[
        list[Path], typer.Argument(help="Folders (or .gold.json files) of documents with gold.")
    ],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the full report as JSON to this file.")
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option(
            "--markdown", help="Also write the figures as Markdown tables (docs/QUALITY.md)."
        ),
    ] = None,
) -> None:
    """Measure the readers and extractors against `.gold.json` files beside the documents."""
    import json

    from parlkg.evaluate import evaluate, merge_reports, render_markdown, render_report

    try:
        reports = {str(path): evaluate([path]) for path in paths}
    except ParlkgError as exc:
        raise fail(exc) from None
    if len(reports) > 1:
        reports["all of the above"] = merge_reports(list(reports.values()))
    for path, report in reports.items():
        typer.echo(f"== {path}")
        typer.echo(render_report(report))
    if json_out is not None:
        data = {path: report.as_dict() for path, report in reports.items()}
        json_out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        typer.echo(f"report written to {json_out}", err=True)
    if markdown is not None:
        from parlkg.evaluate import splice_figures

        old = markdown.read_text(encoding="utf-8") if markdown.exists() else ""
        markdown.write_text(splice_figures(old, render_markdown(reports)), encoding="utf-8")
        typer.echo(f"figures written to {markdown}", err=True)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Check the store against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations."""
    from parlkg.store import open_store
    from parlkg.validate import validate_store

    try:
        with open_store(store) as graph_store:
            conforms, report = validate_store(graph_store)
    except ParlkgError as exc:
        raise fail(exc) from None
    typer.echo(report)
    if not conforms:
        raise typer.Exit(1)
