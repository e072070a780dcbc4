"""`parlkg actor` read without the CLI framework: the same output, and no typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from parlkg.entry import actor_args, run_actor

FULL_CLI = "import sys; from parlkg.cli import main; sys.argv[0] = 'parlkg'; main()"
FAST = "import sys; from parlkg.entry import main; sys.argv[0] = 'parlkg'; main()"


def _run(code: str, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PARLKG_")}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**environment, **(env or {})},
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["Microsoft"],
        ["HDH", "--limit", "1"],
        ["--limit=0", "Cloud Act"],
        ["Microsfot"],  # not found: exit 5 and suggestions
    ],
)
def test_the_fast_path_prints_what_the_full_cli_prints(
    seed_store_path: Path, args: list[str]
) -> None:
    argv = ["actor", *args, "--store", str(seed_store_path)]
    fast, full = _run(FAST, *argv), _run(FULL_CLI, *argv)
    assert fast == full
    assert fast[1] or fast[2]  # something was said


def test_the_store_from_the_environment_and_a_missing_store(
    seed_store_path: Path, tmp_path: Path
) -> None:
    env = {"PARLKG_STORE": str(seed_store_path)}
    fast = _run(FAST, "actor", "Microsoft", env=env)
    assert fast == _run(FULL_CLI, "actor", "Microsoft", env=env)
    assert fast[0] == 0 and "Microsoft" in fast[1]
    missing = _run(FAST, "actor", "Microsoft", "--store", str(tmp_path / "none"))
    assert missing == _run(FULL_CLI, "actor", "Microsoft", "--store", str(tmp_path / "none"))
    assert missing[0] == 3 and "no parlkg store here" in missing[2]


def test_a_reader_that_leaves_early_ends_it_quietly(
    seed_store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `parlkg actor X | head -1` once head is done
    with os.fdopen(write_end, "w") as closed:
        monkeypatch.setattr(sys, "stdout", closed)
        assert run_actor("Microsoft", seed_store_path, 20) == 1  # no BrokenPipeError


def test_the_fast_path_does_not_import_typer(seed_store_path: Path) -> None:
    probe = (
        "import sys\n"
        "from parlkg.entry import main\n"
        f"sys.argv = ['parlkg', 'actor', 'Microsoft', '--store', {str(seed_store_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    code = exit.code\n"
        "print('typer' in sys.modules, 'pydantic' in sys.modules, code, file=sys.stderr)\n"
    )
    code, out, err = _run(probe)
    assert code == 0 and "Microsoft" in out
    assert err.strip().splitlines()[-1] == "False False 0"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["Microsoft"], ("Microsoft", None, 20)),
        (["--store=/s", "Cloud Act", "--limit", "3"], ("Cloud Act", Path("/s"), 3)),
        (["--help"], None),
        (["Microsoft", "--graph", "g.svg"], None),
        (["Microsoft", "--endpoint", "http://x"], None),
        (["Microsoft", "Azure"], None),
        ([], None),
        (["Microsoft", "--limit", "-1"], None),
        (["Microsoft", "--limit"], None),
        (["Microsoft", "--store", "a", "--store", "b"], None),
        (["Microsoft", "--store="], None),
    ],
)
def test_which_calls_take_the_fast_path(
    args: list[str], expected: tuple[str, Path | None, int] | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PARLKG_STORE", raising=False)
    monkeypatch.delenv("PARLKG_ENDPOINT", raising=False)
    assert actor_args(args) == expected
    monkeypatch.setenv("PARLKG_ENDPOINT", "http://localhost:7878/query")
    assert actor_args(args) is None
