"""The architecture lines held by ruff's banned-api rule, each proven on a violation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

VIOLATIONS = {
    "typer": "import typer\n\napp = typer.Typer()\n",
    "pyoxigraph.Store": "import pyoxigraph as ox\n\nstore = ox.Store()\n",
}


def _ruff() -> list[str]:
    exe = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if exe is None:
        pytest.skip("ruff is not installed")
    return [exe]


@pytest.mark.parametrize("banned", sorted(VIOLATIONS))
def test_banned_api_is_reported_outside_its_module(banned: str, tmp_path: Path) -> None:
    # a library module (not cli/, not store.py) that breaks the rule, under the
    # project's own configuration
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    module = tmp_path / "src" / "parlkg" / "probe.py"
    module.parent.mkdir(parents=True)
    module.write_text(VIOLATIONS[banned])
    done = subprocess.run(
        [*_ruff(), "check", "--no-cache", "--select", "TID251", "src"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stdout
    assert "TID251" in done.stdout and banned in done.stdout


def test_the_tree_itself_is_clean() -> None:
    done = subprocess.run(
        [*_ruff(), "check", "--no-cache", "--select", "TID251", "src", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout
