"""Core commands: ingest, query, actor, export, eval, validate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from parlkg.cli import StoreOption, app, fail
from parlkg.errors import ParlkgError

EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        envvar="PARLKG_ENDPOINT",
        help="Run against this SPARQL 1.1 endpoint (its query URL) instead of the store.",
        show_default=False,
    ),
]


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, folders and zip archives (AN open-data dumps) of documents."),
    ],
    store: StoreOption = None,
    layout: Annotated[
        str | None,
        typer.Option("--format", help="Force a reader (layout) instead of detecting it."),
    ] = None,
    source_url: Annotated[
        str | None, typer.Option("--source-url", help="The URL the document(s) came from.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Rebuild documents even when unchanged.")] = False,
    actors_path: Annotated[
        Path | None,
        typer.Option(
            "--actors",
            help="The AN 'acteurs et organes' open data (folder, zip or JSON export): "
            "names, groups and seats of the authors open-data records give as PA... references.",
        ),
    ] = None,
    ner: Annotated[
        bool,
        typer.Option(help="Run the statistical NER (spaCy) besides the patterns; off is faster."),
    ] = True,
    batch: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Documents written at a time, at most (default 4,000; a write also holds "
            "a million quads at most): fewer hold less memory and write sooner.",
        ),
    ] = None,
) -> None:
    """Read documents, extract their facts and store one graph per document."""
    from parlkg.actors_data import Actors, load_actors
    from parlkg.ingest import ingest as run_ingest
    from parlkg.read import iter_inputs
    from parlkg.store import open_store
    from parlkg.writer import BATCH

    missing = [p for p in paths if not p.exists()]
    for p in missing:
        typer.echo(f"error: {p}: no such file or folder", err=True)
    try:
        actors = load_actors(actors_path) if actors_path else Actors()
        files = list(iter_inputs([p for p in paths if p.exists()]))
        with open_store(store, write=True) as graph_store:
            with typer.progressbar(length=len(files), label="ingesting", file=sys.stderr) as bar:
                report = run_ingest(
                    files,
                    graph_store,
                    layout=layout,
                    source_url=source_url,
                    force=force,
                    ner=ner,
                    progress=lambda _: bar.update(1),
                    actors=actors,
                    batch=batch or BATCH,
                )
            total = len(graph_store)
            where = graph_store.path
    except ParlkgError as exc:
        raise fail(exc) from None
    for failure in report.failures:
        typer.echo(f"error: {failure.path}: {failure.reason}", err=True)
    for partial in report.kept:
        typer.echo(f"warning: {partial.path}: not stored: {partial.reason}", err=True)
    for twin in report.replaced:
        typer.echo(
            f"warning: {twin.path}: not stored: {twin.by}, later in the input, is the same "
            f"document ({twin.key}) and replaced it",
            err=True,
        )
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
    if actors.unresolved:
        refs = sorted(set(actors.unresolved.values()))
        shown = ", ".join(refs[:3]) + (", ..." if len(refs) > 3 else "")
        fix = f"not in {actors_path}" if actors_path else "pass --actors to name them"
        typer.echo(
            f"authors: {len(actors.unresolved)} document(s) name their author only by "
            f"acteurRef ({shown}), kept as the person's identifier; {fix}."
        )
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
        str,
        typer.Option(
            "--format", "-f", help="table, csv, json; turtle or ntriples for CONSTRUCT/DESCRIBE."
        ),
    ] = "table",
    list_: Annotated[
        bool, typer.Option("--list", help="List the query library: summaries, parameters.")
    ] = False,
    page: Annotated[
        int | None,
        typer.Option(
            "--page", min=0, help="A paged query's page (1, the newest rows, by default; 0: all)."
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every row of a paged query.")] = False,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """Run a query of the library (or a .rq file) with bound parameters."""
    from parlkg.queries import catalogue, find, run
    from parlkg.remote import open_source
    from parlkg.results import OUTPUT_FORMATS, Table, render_output

    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"{fmt!r}: one of {', '.join(OUTPUT_FORMATS)}", param_hint="-f")
    params = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep:
            raise typer.BadParameter(f"{item!r} is not key=value", param_hint="--param")
        params[key.strip()] = value
    try:
        if list_ or name is None:
            typer.echo(catalogue())
            return
        library_query = find(name)
        with open_source(store, endpoint) as source:
            result = run(source, library_query, params, page=0 if all_ else page)
        text = render_output(result, fmt)
        typer.echo(text, nl=not text.endswith("\n"))
        note = result.page_note() if isinstance(result, Table) else None
        if note and fmt != "table":  # the table prints it; CSV and JSON stay data
            typer.echo(f"({note})", err=True)
    except ParlkgError as exc:
        raise fail(exc) from None


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name, alias or acronym (or an entity IRI).")],
    graph: Annotated[
        Path | None,
        typer.Option(
            "--graph",
            help="Also draw the actor's neighbourhood into this file: .svg, or .html "
            "(a page with the picture and the evidence); self-contained, viewable offline.",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option(help="Documents listed per role and entities per relation (0: all).")
    ] = 20,
    store: StoreOption = None,
    endpoint: EndpointOption = None,
) -> None:
    """An actor's links across documents: roles, documents with numbers and dates, relations."""
    from parlkg.actor import actor_report, render_actor
    from parlkg.remote import open_source

    if graph is not None and graph.suffix.lower() not in (".svg", ".html", ".htm"):
        raise typer.BadParameter(
            f"{graph}: give a file ending in .svg or .html", param_hint="--graph"
        )
    try:
        with open_source(store, endpoint) as source:  # open: the report reads as it renders
            # the picture and --limit 0 show every statement; the text, the newest three
            report = actor_report(source, name, evidence=3 if graph is None and limit > 0 else 0)
            typer.echo(render_actor(report, limit=limit))
            if graph is not None:
                from parlkg.picture import write_picture

                picture = write_picture(report, graph)
                typer.echo(
                    f"picture written to {graph} ({len(picture.nodes)} nodes, "
                    f"{len(picture.edges)} edges)",
                    err=True,
                )
    except ParlkgError as exc:
        raise fail(exc) from None


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="trig, nquads, jsonld or turtle (or ntriples).")
    ] = "trig",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write [default: standard output]."),
    ] = None,
    graph: Annotated[
        list[str] | None, typer.Option("--graph", help="Only this document key or graph IRI.")
    ] = None,
    void: Annotated[
        Path | None,
        typer.Option(
            "--void",
            help="Write the dataset description (VoID, DCAT-AP) to this Turtle file "
            "instead of into the export.",
        ),
    ] = None,
    describe_: Annotated[
        bool,
        typer.Option(
            "--description/--no-description",
            help="Add the dataset description, as the graph …/graph/_void, to an export "
            "of the whole store.",
        ),
    ] = True,
    title: Annotated[
        str | None,
        typer.Option(envvar="PARLKG_TITLE", help="Dataset title.", show_default=False),
    ] = None,
    description: Annotated[
        str | None,
        typer.Option(envvar="PARLKG_DESCRIPTION", help="Dataset description.", show_default=False),
    ] = None,
    license_: Annotated[
        str | None,
        typer.Option(
            "--license",
            envvar="PARLKG_LICENSE",
            help="Licence IRI (default: Licence Ouverte / Etalab 2.0).",
            show_default=False,
        ),
    ] = None,
    publisher: Annotated[
        str | None,
        typer.Option(envvar="PARLKG_PUBLISHER", help="Publisher's name.", show_default=False),
    ] = None,
    publisher_url: Annotated[
        str | None,
        typer.Option(envvar="PARLKG_PUBLISHER_URL", help="Publisher's IRI.", show_default=False),
    ] = None,
    store: StoreOption = None,
) -> None:
    """Export the graph (documents, ontology, authority, dataset description) as RDF.

    The same store gives the same bytes. TriG, N-Quads and JSON-LD keep one named
    graph per document and are streamed graph by graph; Turtle is their merge.
    """
    from parlkg.dataset import VOID_GRAPH, DatasetInfo, describe
    from parlkg.export import export_store, serialize_triples
    from parlkg.store import open_store
    from parlkg.vocab import GRAPH, graph_iri

    graphs = [g if g.startswith(GRAPH) else graph_iri(g) for g in graph] if graph else None
    try:
        info = DatasetInfo.configured(
            title=title,
            description=description,
            license=license_,
            publisher=publisher,
            publisher_url=publisher_url,
        )
        with open_store(store) as graph_store:
            extra = {}
            if void is not None:
                void.write_bytes(serialize_triples(describe(graph_store, info)))
            elif describe_ and graphs is None:
                extra = {VOID_GRAPH: describe(graph_store, info)}
            if output is None:
                count = export_store(graph_store, sys.stdout.buffer, fmt, graphs, extra=extra)
            else:
                with output.open("wb") as handle:
                    count = export_store(graph_store, handle, fmt, graphs, extra=extra)
    except OSError as exc:
        if isinstance(exc, ParlkgError):
            raise fail(exc) from None
        typer.echo(f"error: {exc.filename or output}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    except ParlkgError as exc:
        raise fail(exc) from None
    if output is not None:
        typer.echo(f"{count} statements written to {output}", err=True)
    if void is not None:
        typer.echo(f"dataset description written to {void}", err=True)


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
    """Check the store against the SHACL shapes (ontology/shapes.ttl); exit 1 on violations.

    Each violation is listed as: the resource, the property, what the shape asks.
    """
    from parlkg.store import open_store
    from parlkg.validate import validate_store

    try:
        with open_store(store) as graph_store:
            found = validate_store(graph_store)
            where = graph_store.path
    except ParlkgError as exc:
        raise fail(exc) from None
    if found.conforms:
        typer.echo(f"{where}: conforms to the SHACL shapes (ontology/shapes.ttl).")
        return
    typer.echo(found.report())
    count = len(set(found.violations))
    typer.echo(f"{where}: {count} violation(s) of the SHACL shapes (ontology/shapes.ttl).")
    raise typer.Exit(1)
