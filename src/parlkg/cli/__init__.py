"""The `parlkg` command: thin commands over the library.

Each module of this package registers its commands on `app`; only this package
imports typer. Exit codes: 0 success; 1 some input files failed (the others
were ingested) or validation found violations; 2 bad input or usage; 3 store
error (in use, unreadable); 4 query error; 5 name not found; 6 malformed
ontology or authority file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parlkg.errors import ParlkgError

app = typer.Typer(
    name="parlkg",
    help="A knowledge graph of the actors, laws and questions of the French Parliament.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store",
        envvar="PARLKG_STORE",
        help="The on-disk store [default: $XDG_DATA_HOME/parlkg/store, "
        "~/.local/share/parlkg/store].",
        show_default=False,
    ),
]


def fail(exc: ParlkgError) -> typer.Exit:
    """Print a ParlkgError as one line and return the Exit carrying its code."""
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def main() -> None:
    app()


# Command modules register themselves on `app` when imported (keep this last);
# the import order is the order of `parlkg --help`.
from parlkg.cli import commands  # noqa: E402, F401, I001
from parlkg.cli import analysis  # noqa: E402, F401
from parlkg.cli import curate  # noqa: E402, F401
from parlkg.cli import publish  # noqa: E402, F401
