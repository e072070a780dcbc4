"""Analysis commands: `parlkg sparql` (ad-hoc, read-only SPARQL over the whole graph),
`parlkg summarise` (the whole-store summaries the library's aggregates read)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from parlkg.cli import StoreOption, app, fail
from parlkg.errors import ParlkgError


@app.command()
def sparql(
    query: Annotated[
        str,
        typer.Argument(
            help="A SPARQL query, or a file holding one ('-' reads standard input).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="table, csv, json; turtle or ntriples for CONSTRUCT/DESCRIBE."
        ),
    ] = "table",
    store: StoreOption = None,
) -> None:
    """Run an ad-hoc SPARQL query over all graphs (read-only).

    The usual prefixes (pk:, rdf:, rdfs:, skos:, owl:, dcterms:, org:...) need no PREFIX line.

    A syntax error is shown at its line and column, with a caret.
    """
    from parlkg.queries import run_sparql
    from parlkg.results import OUTPUT_FORMATS, render_output
    from parlkg.store import open_store

    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter(f"{fmt!r}: one of {', '.join(OUTPUT_FORMATS)}", param_hint="-f")
    text, name = _query_text(query)
    try:
        with open_store(store) as graph_store:
            result = run_sparql(graph_store, text, name)
        text = render_output(result, fmt)
        typer.echo(text, nl=not text.endswith("\n"))
    except ParlkgError as exc:
        raise fail(exc) from None


@app.command()
def summarise(
    store: StoreOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Rebuild every summary, even an up-to-date one.")
    ] = False,
) -> None:
    """Rebuild the summaries the whole-store queries read (`queries/summaries/*.ru`).

    `parlkg ingest` keeps them up to date; this is for a store changed by other means.
    `--force` rebuilds the entities summary too (names, kinds, printed forms).
    """
    from parlkg import summaries
    from parlkg.store import open_store

    try:
        with open_store(store, write=True) as graph_store:
            if force:
                graph_store.rebuild_entities()
            taken = summaries.rebuild(graph_store) if force else summaries.refresh(graph_store)
    except ParlkgError as exc:
        raise fail(exc) from None
    if not taken:
        typer.echo("every summary is up to date")
    for name, seconds in taken.items():
        typer.echo(f"{name}: rebuilt in {seconds:.2f} s")


def _query_text(argument: str) -> tuple[str, str]:
    """The query and the name its errors give: the file, standard input, or "query"."""
    if argument == "-":
        return sys.stdin.read(), "<stdin>"
    path = Path(argument)
    try:
        is_file = "{" not in argument and path.is_file()
    except OSError:  # a query too long to be a file name
        is_file = False
    if not is_file:
        return argument, "query"
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"{path}: cannot read: {exc}", param_hint="QUERY") from None
