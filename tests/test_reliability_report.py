"""docs/RELIABILITY.md is written from the test run, and lists every fault the tests try."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from .reliability.helpers import ROOT, run
from .reliability.plugin import PAGE
from .reliability.report import (
    GENERATED,
    FaultTest,
    declared_faults,
    documented_faults,
    render,
)


def test_the_page_lists_every_fault_the_tests_try() -> None:
    """The page was generated (not typed) and names exactly the faults of the markers:
    a fault added, renamed or dropped in a test needs the page regenerated."""
    page = PAGE.read_text(encoding="utf-8")
    assert page.startswith(GENERATED)
    declared = declared_faults(ROOT / "tests")
    assert len(declared) >= 20
    assert documented_faults(page) == declared, (
        "docs/RELIABILITY.md is stale: run `python -m pytest` (or "
        "`python -m pytest tests --reliability-report docs/RELIABILITY.md`)"
    )


def test_a_row_says_what_the_run_saw() -> None:
    """Outcomes are aggregated per fault: all passed holds; an xfail says the fix it needs;
    a failure shows; notes are kept."""
    tests = [
        FaultTest("t.py::a[1]", ("f1",), "input", "Doc a.", "passed", notes=[("", "saw x")]),
        FaultTest("t.py::a[2]", ("f1",), "input", "Doc a.", "passed"),
        FaultTest("t.py::b", ("f2",), "crash", "Doc b.", "xfailed", "needs fix: s.py: y"),
        FaultTest("t.py::c", ("f2", "f3|x"), "crash", "", "failed"),
    ]
    page = render(tests, {"memory": "1 GiB"}, ["power loss"])
    assert "| f1 | `t.py::a` (2 cases): Doc a. | holds<br>saw x |" in page
    assert "| f2 | `t.py::b`: Doc b.<br>`t.py::c` | **FAILS** |" in page
    assert "| f3\\|x | `t.py::c` | **FAILS** |" in page
    assert "- memory: 1 GiB" in page and "- power loss" in page
    assert documented_faults(page) == {"f1", "f2", "f3|x"}
    only_xfail = render(tests[2:3], {}, [])
    assert "| f2 | `t.py::b`: Doc b. | **needs fix**: s.py: y |" in only_xfail


def test_the_option_writes_the_page_from_a_run(tmp_path: Path) -> None:
    """`pytest --reliability-report PATH` writes the table of the tests it ran."""
    out = tmp_path / "RELIABILITY.md"
    done = run(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests/test_store.py",
            "-q",
            "-p",
            "no:cacheprovider",
            "--reliability-report",
            str(out),
            "--basetemp",
            str(tmp_path / "basetemp"),
        ],
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, str(done)
    page = out.read_text(encoding="utf-8")
    assert page.startswith(GENERATED)
    assert "| a second writer on the same store | `tests/test_store.py::" in page
    assert "| a write that fails half-way |" in page and "holds" in page


def test_the_peak_memory_is_the_command_s_own() -> None:
    """A command's peak memory is its own, not the test process's: Linux starts a
    forked process's peak at its parent's, so a command forked from a test process
    that once held 600 MiB would read at least that (the flaky memory bound of CI)."""
    held = bytearray(600 * 2**20)
    held[:: 2**12] = b"x" * len(held[:: 2**12])  # touched: resident
    del held
    grow = "x = bytearray(80 * 2**20); x[::4096] = b'y' * len(x[::4096]); raise SystemExit(3)"
    done = run([sys.executable, "-c", grow])
    assert done.returncode == 3, str(done)
    assert 80 * 2**20 < done.peak_rss < 300 * 2**20, str(done)
    for signum in (signal.SIGTERM, signal.SIGKILL):
        killed = run([sys.executable, "-c", f"import os; os.kill(os.getpid(), {int(signum)})"])
        assert killed.returncode == -signum and killed.crashed, str(killed)
