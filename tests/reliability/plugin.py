"""pytest plugin: collect the tests marked `fault`, record their outcomes, and write
the fault table (docs/RELIABILITY.md) from the run.

`--reliability-report PATH` writes the page to PATH after any run. A whole default
run (`python -m pytest`, no file, -k or -m selection, not stopped early) rewrites
docs/RELIABILITY.md itself, so the page always says what the last full run saw.

Also provides the session fixtures of the reliability tests (a generated corpus
and its uninterrupted ingest, watched while it runs).
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from tests.reliability.fixtures import live_ingest, reliability_corpus  # noqa: F401
from tests.reliability.report import ALSO, UNTESTED, FaultTest, bounds, marker_titles, render

PAGE = Path(__file__).resolve().parents[2] / "docs" / "RELIABILITY.md"
_KEY = pytest.StashKey[dict[str, FaultTest]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("reliability").addoption(
        "--reliability-report",
        metavar="PATH",
        default=None,
        help="write the fault table of this run (docs/RELIABILITY.md) to PATH",
    )


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: only what runs
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tracked: dict[str, FaultTest] = {}
    for item in items:
        if item.nodeid in ALSO:
            title, area = ALSO[item.nodeid]
            item.add_marker(pytest.mark.fault(title, area=area))
        markers = list(item.iter_markers("fault"))
        if not markers:
            continue
        titles: tuple[str, ...] = ()
        area = "input"
        for marker in reversed(markers):  # the order they are written in
            titles += marker_titles(marker.args)
            area = str(marker.kwargs.get("area", area))
        function = getattr(item, "function", None)
        doc = inspect.getdoc(function) if function is not None else None
        first = (doc or "").split("\n\n", 1)[0]
        tracked[item.nodeid] = FaultTest(item.nodeid, titles, area, " ".join(first.split()))
    config.stash[_KEY] = tracked


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    tracked = _tracked.get(report.nodeid)
    if tracked is None:
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        if hasattr(report, "wasxfail"):
            tracked.outcome = "xfailed" if report.skipped else "xpassed"
            tracked.reason = str(report.wasxfail).removeprefix("reason: ")
        elif report.skipped:
            tracked.outcome = "skipped"
            longrepr = report.longrepr
            tracked.reason = str(longrepr[2]) if isinstance(longrepr, tuple) else ""
        else:
            tracked.outcome = report.outcome
        tracked.notes = [
            (str(v[0]), str(v[1])) for k, v in report.user_properties if k == "fault_outcome"
        ]


_tracked: dict[str, FaultTest] = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    _tracked.clear()
    _tracked.update(session.config.stash.get(_KEY, {}))


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    tests = list(config.stash.get(_KEY, {}).values())
    target = config.getoption("reliability_report")
    if target is None and _whole_default_run(config, tests):
        target = PAGE
    if target is None or not tests:
        return
    Path(target).write_text(render(tests, bounds(), UNTESTED), encoding="utf-8")


def _whole_default_run(config: pytest.Config, tests: list[FaultTest]) -> bool:
    """The run CI does: the test paths of pyproject.toml, nothing deselected, run to the end."""
    return (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.getoption("keyword", default="")
        and not config.getoption("markexpr", default="")
        and not config.getoption("lf", default=False)  # absent with -p no:cacheprovider
        and not config.getoption("collectonly", default=False)
        and all(t.outcome != "not run" for t in tests)
    )
