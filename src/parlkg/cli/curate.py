"""`parlkg curate`: minted entities awaiting review, as a table or as Turtle."""

from __future__ import annotations

from typing import Annotated

import typer

from parlkg.cli import StoreOption, app, fail
from parlkg.errors import ParlkgError


@app.command()
def curate(
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="Only this class: Organization, Company, PublicBody, Person, Law, ..."
        ),
    ] = None,
    min_docs: Annotated[
        int, typer.Option("--min-docs", min=1, help="Named in at least this many documents.")
    ] = 1,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="table, or turtle for ontology/authority.ttl."),
    ] = "table",
    store: StoreOption = None,
) -> None:
    """List the entities minted from the text (not yet reviewed), most frequent first."""
    from parlkg.curate import awaiting_curation, render_table, render_turtle
    from parlkg.store import open_store

    if fmt not in ("table", "turtle"):
        raise typer.BadParameter(f"{fmt!r} is not table or turtle", param_hint="--format")
    try:
        with open_store(store) as graph_store:
            candidates = awaiting_curation(graph_store, kind, min_docs)
    except ParlkgError as exc:
        raise fail(exc) from None
    typer.echo(render_turtle(candidates) if fmt == "turtle" else render_table(candidates))
