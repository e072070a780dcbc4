"""The `parlkg` program's entry point: `parlkg actor NAME` without the CLI framework.

Typer (with click and pydantic) takes about 0.25 s to import, half of what a
cold `parlkg actor` may cost. The plain forms of that command (a name, and
`--store`, `--limit`) are read here and run directly; anything else (`--help`,
`--graph`, `--endpoint`, a malformed option) goes to the full CLI
(`parlkg.cli`), which gives the same output and exit status for the plain forms
(a test holds them equal).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

_VALUE_OPTIONS = {"--store", "--limit"}


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["actor"]:
        plain = actor_args(args[1:])
        if plain is not None:
            sys.exit(run_actor(*plain))
    from parlkg.cli import main as full_cli

    full_cli()


def actor_args(args: list[str]) -> tuple[str, Path | None, int] | None:
    """(name, store, limit) when `args` are a plain `parlkg actor` call, else None."""
    if os.environ.get("PARLKG_ENDPOINT"):
        return None
    options: dict[str, str] = {}
    names: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        option, equals, value = arg.partition("=")
        if option in _VALUE_OPTIONS:
            if not equals:
                if not rest:
                    return None
                value = rest.pop(0)
            if option in options or not value:
                return None
            options[option] = value
        elif arg.startswith("-") or not arg:
            return None
        else:
            names.append(arg)
    limit = options.get("--limit", "20")
    if len(names) != 1 or not re.fullmatch(r"[0-9]+", limit):
        return None
    store = options.get("--store") or os.environ.get("PARLKG_STORE") or None
    return names[0], Path(store) if store else None, int(limit)


def run_actor(name: str, store: Path | None, limit: int) -> int:
    """What `parlkg actor NAME` prints, and its exit status (see `parlkg.cli`)."""
    from parlkg.actor import actor_report, render_actor
    from parlkg.errors import ParlkgError
    from parlkg.store import open_store

    try:
        with open_store(store) as source:
            report = actor_report(source, name, evidence=3 if limit > 0 else 0)
            print(render_actor(report, limit=limit), flush=True)
    except ParlkgError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the reader left (`| head`): quietly, status 1, as click does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
