"""The docs are tested: every command has help and appears in the README."""

from __future__ import annotations

import re

import typer
from typer.testing import CliRunner

from parlkg.cli import app

from .conftest import ROOT

runner = CliRunner()


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_a_readme_entry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`parlkg ([a-z-]+)", readme))
    commands = _commands()
    assert len(commands) >= 6
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage" in result.stdout
        assert name in documented, f"`parlkg {name}` is not in README.md"
    assert documented <= set(commands), (
        f"README documents unknown commands: {documented - set(commands)}"
    )


def test_readme_opens_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert "pip install . && parlkg ingest seeds/ && parlkg actor Microsoft" in blocks[0]
    assert "pip install '.[test]' && python -m pytest -q" in blocks[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet '.[test]'" in ci and "python -m pytest -q" in ci
