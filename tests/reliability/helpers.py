"""Running parlkg for real: subprocesses with a time limit and their peak memory,
processes holding a store, generated corpora, canonical comparisons, sockets.

Nothing here imitates parlkg: every helper runs the real command or opens the
real store, and reports what it saw.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
OPENDATA = ROOT / "tests" / "fixtures" / "read" / "opendata"
LAUNCHER = Path(__file__).with_name("launch.py")

# The documented bound (docs/RELIABILITY.md): no process of an ingest grows past it,
# whatever the input (files are refused above MAX_FILE_BYTES before being read).
MEMORY_BOUND = 1024 * 1024 * 1024
# How long a CLI command may take before the tests call it a hang.
HANG_SECONDS = 120.0


def note(request: pytest.FixtureRequest, text: str, fault: str = "") -> None:
    """Record what a fault test observed: the plugin puts it in the fault table, in the
    row of `fault` (default: the test's first fault).

    Keep it free of temporary paths and timings, so the table is the same from
    one run to the next."""
    request.node.user_properties.append(("fault_outcome", (fault, text)))


def cli_env(**extra: str) -> dict[str, str]:
    """The environment of a `python -m parlkg` subprocess: this interpreter's path."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), **extra}
    env.pop("PARLKG_STORE", None)
    return env


def parlkg(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "parlkg", *map(str, args)]


@dataclass
class Run:
    """A finished subprocess: exit code, output, wall time, peak memory."""

    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_rss: int  # bytes: the largest resident set of the process or any child it reaped
    timed_out: bool
    ended: float  # time.monotonic() when it ended

    @property
    def crashed(self) -> bool:
        """Killed by a signal, or a Python stack trace on the way out."""
        return self.returncode < 0 or "Traceback (most recent call last)" in self.stderr

    def lines(self, prefix: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith(prefix)]

    def __str__(self) -> str:
        return (
            f"$ {' '.join(self.args[2:])}\nexit {self.returncode} in {self.seconds:.1f} s"
            f"{' (TIMED OUT)' if self.timed_out else ''}, peak RSS {self.peak_rss >> 20} MiB\n"
            f"--- stdout\n{self.stdout[-3000:]}\n--- stderr\n{self.stderr[-3000:]}"
        )


def run(
    args: Sequence[str | Path],
    *,
    timeout: float = HANG_SECONDS,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Run:
    """Run `args` to its end (killed, process group and all, after `timeout` s).

    The peak memory comes from wait4(2), taken by a small launcher (`launch.py`,
    which says why): the largest resident set of the process and of every
    descendant it waited for (the ingest's worker processes).
    """
    handle, peak_file = tempfile.mkstemp(prefix="parlkg-peak-")
    os.close(handle)
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-I", "-S", str(LAUNCHER), peak_file, *(str(a) for a in args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=env or cli_env(),
        start_new_session=True,
    )
    out: list[bytes] = []
    err: list[bytes] = []
    readers = [
        threading.Thread(target=lambda: out.append(process.stdout.read()), daemon=True),  # type: ignore[union-attr]
        threading.Thread(target=lambda: err.append(process.stderr.read()), daemon=True),  # type: ignore[union-attr]
    ]
    for thread in readers:
        thread.start()
    timed_out = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            timed_out = True
            _kill_group(process.pid)
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    _kill_group(process.pid)  # workers left behind, if any
    for thread in readers:
        thread.join(10)
    peak = Path(peak_file).read_text(encoding="ascii")
    Path(peak_file).unlink()
    return Run(
        [str(a) for a in args],
        process.returncode,
        b"".join(out).decode("utf-8", "replace"),
        b"".join(err).decode("utf-8", "replace"),
        seconds,
        int(peak) if peak else usage.ru_maxrss * 1024,  # killed: the launcher's own
        timed_out,
        time.monotonic(),
    )


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


class Background:
    """A process started in its own process group, stopped (group and all) on exit."""

    def __init__(self, args: Sequence[str | Path], *, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [str(a) for a in args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.PIPE,
            env=env or cli_env(),
            start_new_session=True,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def running(self) -> bool:
        return self.process.poll() is None

    def readline(self, timeout: float = 60.0) -> str:
        """The next line of standard output ("" when the process ended or timed out)."""
        result: list[bytes] = []
        thread = threading.Thread(
            target=lambda: result.append(self.process.stdout.readline()),  # type: ignore[union-attr]
            daemon=True,
        )
        thread.start()
        thread.join(timeout)
        return result[0].decode() if result else ""

    def kill(self) -> None:
        """SIGKILL to the process, its process group and every process below it (the
        Oxigraph server of `parlkg serve` runs in a session of its own)."""
        below = descendants(self.process.pid)
        _kill_group(self.process.pid)
        for pid in below:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self, timeout: float = 30.0) -> int:
        """SIGTERM, as Ctrl-C or a service manager would; SIGKILL if it does not end."""
        self.process.terminate()
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.process.wait(timeout)

    def wait(self, timeout: float) -> tuple[int, str, str]:
        out, err = self.process.communicate(timeout=timeout)
        return self.process.returncode, out.decode(), err.decode()

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.kill()
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


# A process holding a store's write lock, as an ingest does, with one graph written
# in a transaction and not flushed (it is in RocksDB's log, not yet in a data file).
# It compacts the store first, so that no compaction of its own runs while the tests
# open the store beside it (a read-only open can race one: see test_reliability_crash).
HOLDER = """
import sys
from parlkg.store import GraphStore
store = GraphStore(__import__("pathlib").Path(sys.argv[1]))
store.optimize()
if len(sys.argv) > 2:
    store.replace_graph(sys.argv[2], sys.argv[3])
print("holding", flush=True)
sys.stdin.read()
"""


def hold_store(store: Path, graph: str | None = None, ntriples: str = "") -> Background:
    """A process that opens `store` for writing (optionally writes `graph`), then waits."""
    extra = [graph, ntriples] if graph else []
    holder = Background([sys.executable, "-c", HOLDER, str(store), *extra])
    line = holder.readline(60)
    if line.strip() != "holding":
        holder.kill()
        _, _, err = holder.wait(10)
        raise RuntimeError(f"the holder did not open {store}: {line!r} {err}")
    _settle(store)
    return holder


def _settle(store: Path, quiet: float = 0.5, limit: float = 10.0) -> None:
    """Wait until the store's data files stay the same for `quiet` seconds: RocksDB
    deletes the files a compaction replaced a little after it, in the background."""
    start = time.monotonic()
    last, since = sorted(store.glob("*.sst")), time.monotonic()
    while time.monotonic() - start < limit:
        time.sleep(0.1)
        now = sorted(store.glob("*.sst"))
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


# -- a generated corpus ------------------------------------------------------------

_QUESTIONS = (
    "M. Antoine Verdier interroge M. le ministre de l'économie sur l'hébergement du "
    "Health Data Hub par Microsoft, soumis au Cloud Act.",
    "M. Antoine Verdier interroge M. le ministre sur le recours à Amazon Web Services "
    "et à Palantir par la DGSI.",
    "M. Antoine Verdier interroge M. le ministre sur la qualification SecNumCloud des "
    "offres de Bleu et de S3NS.",
)


def opendata_record(number: int, text: str) -> str:
    """An AN open-data record (the layout of tests/fixtures/read/opendata) with its own
    number and question text."""
    record = json.loads((OPENDATA / "QANR5L16QE1234.json").read_text(encoding="utf-8"))
    question = record["question"]
    question["uid"] = f"QANR5L16QE{number}"
    question["identifiant"]["numero"] = str(number)
    question["textesQuestion"]["texteQuestion"]["texte"] = text
    return json.dumps(record, ensure_ascii=False)


def write_corpus(folder: Path, count: int, first: int = 20_000) -> list[Path]:
    """`count` distinct open-data records (cheap to read: the volume is the point),
    in folders of 500 like a real dump."""
    paths = []
    for i in range(count):
        number = first + i
        path = folder / f"{i // 500:02d}" / f"QANR5L16QE{number}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(opendata_record(number, f"{_QUESTIONS[i % 3]} (réf. {i})"), "utf-8")
        paths.append(path)
    return paths


# -- comparing stores ----------------------------------------------------------------


def export_nquads(store: Path) -> str:
    """The store as sorted N-Quads, by the real `parlkg export` (no dataset description:
    it carries the date of the export)."""
    done = run(parlkg("export", "--format", "nquads", "--no-description", "--store", store))
    assert done.returncode == 0 and not done.crashed, str(done)
    return done.stdout


def by_graph(nquads: str) -> dict[str, list[str]]:
    """N-Quads lines grouped by graph IRI (the last term of each line)."""
    graphs: dict[str, list[str]] = {}
    for line in nquads.splitlines():
        if line.strip():
            graph = line.rstrip(" .").rsplit(" ", 1)[-1]
            graphs.setdefault(graph.strip("<>"), []).append(line)
    return graphs


def same_dataset(left: str, right: str) -> list[str]:
    """How two N-Quads exports differ, graph by graph ([] when they are the same).

    Graphs without blank nodes (every document graph) must be equal line for line;
    a graph with blank nodes (the ontology's OWL lists) is compared as a graph
    (rdflib isomorphism), since blank node labels differ between two stores."""
    import rdflib
    from rdflib.compare import isomorphic

    a, b = by_graph(left), by_graph(right)
    problems = [f"only in the first: <{g}>" for g in sorted(set(a) - set(b))]
    problems += [f"only in the second: <{g}>" for g in sorted(set(b) - set(a))]
    for graph in sorted(set(a) & set(b)):
        if a[graph] == b[graph]:
            continue
        if not any("_:" in line for line in a[graph] + b[graph]):
            problems.append(f"<{graph}> differs ({len(a[graph])} vs {len(b[graph])} lines)")
            continue
        ga = rdflib.Graph().parse(data=_triples(a[graph]), format="nt")
        gb = rdflib.Graph().parse(data=_triples(b[graph]), format="nt")
        if not isomorphic(ga, gb):
            problems.append(f"<{graph}> differs as a graph")
    return problems


def _triples(lines: list[str]) -> str:
    """N-Quads lines of one graph as N-Triples (the graph term dropped)."""
    return "\n".join(line.rstrip(" .").rsplit(" ", 1)[0] + " ." for line in lines)


# -- listening sockets -----------------------------------------------------------------


def socket_inodes(pids: Sequence[int]) -> set[int]:
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = str(fd.readlink())
                if target.startswith("socket:["):
                    inodes.add(int(target[8:-1]))
        except (FileNotFoundError, PermissionError):
            continue
    return inodes


def listening(pids: Sequence[int]) -> list[tuple[str, int]]:
    """(address, port) of every TCP socket in LISTEN state owned by `pids`, read from
    /proc/net/tcp and /proc/net/tcp6 (no psutil, no ss)."""
    inodes = socket_inodes(pids)
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for row in rows:
            fields = row.split()
            local, state, inode = fields[1], fields[3], int(fields[9])
            if state != "0A" or inode not in inodes:
                continue
            address, port = local.split(":")
            found.append((_address(address, width), int(port, 16)))
    return sorted(found)


def _address(hex_address: str, width: int) -> str:
    raw = bytes.fromhex(hex_address)
    # /proc prints each 32-bit word in host (little-endian) order
    words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]
    data = b"".join(words)
    if width == 8:
        return ".".join(str(b) for b in data)
    import ipaddress

    return str(ipaddress.IPv6Address(data))


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (the Oxigraph server `parlkg serve` starts runs in a
    session of its own, so its process group is not the command's)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (FileNotFoundError, PermissionError, ProcessLookupError):
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])  # after the command: state, ppid
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def files_under(root: Path) -> set[Path]:
    return set(root.rglob("*")) if root.exists() else set()


def strip_paths(text: str, *roots: Path) -> str:
    """`text` without the temporary directories (for the fault table)."""
    for root in roots:
        text = text.replace(f"{root}{os.sep}", "").replace(str(root), "")
    return re.sub(r"\s+", " ", text).strip()
