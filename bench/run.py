"""The volume benchmark: ingest, re-ingest, store size, queries, `parlkg actor`, export,
against Oxigraph's own bulk load (the floor) and rdflib (the common alternative).

    PYTHONPATH=src python bench/run.py --sizes 1000 10000 100000 --work /tmp/parlkg-bench
    PYTHONPATH=src python bench/run.py --render          # bench/RESULTS.md from the JSON

Each size N: a synthetic corpus (`bench/corpus.py`, seeded), then, each in a fresh
process so that memory and imports are measured as a user meets them:

1. `parlkg ingest CORPUS --no-ner` into an empty store: wall time, documents/s,
   quads/s, peak memory of the process tree (parent and workers, sampled);
2. the same command again (every document unchanged);
3. the store's size on disk; `parlkg export --format nquads`: quads/s;
4. the floor: `Store.bulk_load` of that export (the same quads) into an empty store;
5. every library query (`queries/*.rq`, each in a process of its own) through
   `parlkg.queries.run`, entity parameters drawn at several frequency ranks of the
   corpus: median latency; and
   the same bound SPARQL text on Oxigraph and, up to `--rdflib-max` documents, on an
   rdflib `Dataset` loaded with the same quads;
6. `parlkg actor NAME` in a new process (the source tree byte-compiled first, as an
   install is): wall time, and what it imports;
7. at the smallest size, the NER: `ingest(ner=True)` against a one-document-at-a-time
   spaCy loop (`nlp(text)` on each file's text in turn), and against parlkg's own
   pipeline one document at a time (read, extract, build, write), on the same files.

Results go to WORK/results-N.json; `--render` writes them as bench/RESULTS.md.
The machine may be shared: the load average is recorded beside each figure.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SRC = ROOT / "src"
RESULTS_MD = HERE / "RESULTS.md"

# -- processes ----------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]).strip(os.pathsep)
    return env


def use_source(src: Path) -> None:
    """Measure another source tree (a copy with proposed changes): children import it."""
    global SRC
    SRC = src.resolve()
    sys.path.insert(0, str(SRC))


def _children(pid: int) -> list[int]:
    found = [pid]
    try:
        entries = [p for p in Path("/proc").iterdir() if p.name.isdigit()]
    except OSError:
        return found
    parents: dict[int, int] = {}
    for entry in entries:
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for child, ppid in parents.items():
            if ppid == parent and child not in found:
                found.append(child)
                frontier.append(child)
    return found


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def load_average() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


class Measured:
    def __init__(
        self, seconds: float, cpu: float, peak_mib: float, out: str, err: str, code: int
    ) -> None:
        self.seconds = seconds
        self.cpu = cpu  # CPU seconds of the process and its children (workers)
        self.peak_mib = peak_mib
        self.out = out
        self.err = err
        self.code = code


def measure(command: Sequence[str], *, timeout: float | None = None) -> Measured:
    """Run `command`: wall time, CPU time and peak resident memory of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(command), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env()
    )
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, sum(_rss_kib(p) for p in _children(proc.pid)))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate(timeout=timeout)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Measured(seconds, cpu, peak / 1024, out, err, proc.returncode)


def parlkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "parlkg", *args]


def python_child(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


# -- steps --------------------------------------------------------------------------


def tag_of(n: int, scale: float) -> str:
    """How files of a run are named: `10000`, or `10000-x0.3` for shorter texts."""
    return str(n) if scale == 1 else f"{n}-x{scale:g}"


def corpus(n: int, work: Path, seed: int, scale: float = 1.0) -> Path:
    folder = work / f"corpus-{tag_of(n, scale)}"
    manifest = folder / ".manifest.json"
    if manifest.exists() and json.loads(manifest.read_text())["n"] == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    sys.path.insert(0, str(HERE))
    from corpus import generate

    generate(n, folder, seed, scale=scale)
    return folder


_INGESTED = re.compile(
    r"(?P<docs>\d+) document\(s\) ingested.*?(?P<unchanged>\d+) unchanged, "
    r"(?P<triples>\d+) triples written",
    re.S,
)
_COUNT = "import sys, pyoxigraph as ox; print(len(ox.Store.read_only(sys.argv[1])))"


def ingest_step(folder: Path, store: Path, extra: Sequence[str] = ()) -> dict[str, Any]:
    load = load_average()
    run = measure(parlkg("ingest", str(folder), "--store", str(store), "--no-ner", *extra))
    m = _INGESTED.search(run.out)
    if run.code != 0 or m is None:
        raise RuntimeError(f"ingest failed ({run.code}): {run.out[-2000:]} {run.err[-2000:]}")
    docs, triples = int(m["docs"]), int(m["triples"])
    count = measure(python_child(_COUNT, str(store)))  # not timed: len() reads every quad
    return {
        "seconds": run.seconds,
        "documents": docs,
        "unchanged": int(m["unchanged"]),
        "triples": triples,
        "store_quads": int(count.out),
        "docs_per_s": docs / run.seconds,
        "quads_per_s": triples / run.seconds,
        "peak_mib": run.peak_mib,
        "cpu_seconds": run.cpu,
        "load_before": load,
        "load_after": load_average(),
    }


def disk_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


_BULK = """
import sys, time, pyoxigraph as ox
store = ox.Store(sys.argv[2])
start = time.perf_counter()
store.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
store.flush()
print(time.perf_counter() - start, len(store))
"""


def export_and_floor(store: Path, work: Path, tag: str) -> dict[str, Any]:
    dump = work / f"export-{tag}.nq"
    load = load_average()
    run = measure(parlkg("export", "--store", str(store), "--format", "nquads", "-o", str(dump)))
    if run.code != 0:
        raise RuntimeError(f"export failed: {run.err[-2000:]}")
    quads = sum(1 for _ in dump.open("rb"))
    fresh = work / f"floor-{tag}"
    shutil.rmtree(fresh, ignore_errors=True)
    floor = measure(python_child(_BULK, str(dump), str(fresh)))
    if floor.code != 0:
        raise RuntimeError(f"bulk load failed: {floor.err[-2000:]}")
    seconds, loaded = floor.out.split()
    shutil.rmtree(fresh, ignore_errors=True)
    return {
        "export_seconds": run.seconds,
        "export_quads": quads,
        "export_quads_per_s": quads / run.seconds,
        "export_peak_mib": run.peak_mib,
        "bulk_seconds": float(seconds),
        "bulk_quads": int(loaded),
        "bulk_quads_per_s": int(loaded) / float(seconds),
        "bulk_peak_mib": floor.peak_mib,
        "bulk_cpu_seconds": floor.cpu,
        "load_before": load,
        "dump": str(dump),
    }


def actor_step(store: Path, names: Sequence[str]) -> dict[str, Any]:
    """`parlkg actor NAME` in a new process, three times per name; the first name is
    the headline figure (a mid-frequency organisation), the others show the range.

    The source tree is byte-compiled first, as `pip install` does: where
    PYTHONDONTWRITEBYTECODE is set (this machine), each cold start would otherwise
    compile every module it imports (0.1-0.3 s)."""
    compileall.compile_dir(str(SRC), quiet=1)
    per_name: dict[str, list[float]] = {}
    for name in names:
        walls = per_name[name] = []
        for _ in range(3):
            run = measure(parlkg("actor", name, "--store", str(store)))
            if run.code != 0:
                raise RuntimeError(f"parlkg actor {name!r} failed: {run.err[-1000:]}")
            walls.append(run.seconds)
    name = names[0]
    trace = measure(
        [sys.executable, "-X", "importtime", "-m", "parlkg", "actor", name, "--store", str(store)]
    )
    imports: list[tuple[int, str]] = []
    for line in trace.err.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \|(\s*)(\S+)", line)
        if m and len(m[2]) <= 2:  # top-level imports only
            imports.append((int(m[1]), m[3]))
    imports.sort(reverse=True)
    return {
        "name": name,
        "wall_seconds": per_name[name],
        "median_seconds": statistics.median(per_name[name]),
        "others": {n: statistics.median(w) for n, w in per_name.items() if n != name},
        "top_imports_ms": [(mod, us / 1000) for us, mod in imports[:8]],
    }


# -- queries (in a child process: `python bench/run.py --queries ...`) ---------------


def pick_parameters(manifest: dict[str, Any]) -> dict[str, list[str]]:
    """Entity names at several frequency ranks of the corpus, by pool.

    `entity`: organisations at ranks 0, 10 and 100, a law, an author, a ministry;
    `linked`: entities that relations link (ends of the facts at ranks 0, 5, 50),
    for the queries of an actor's typed links (most entities have none);
    `facts`: (subject, object) pairs of the facts at ranks 0, 5, 50."""
    ranked = manifest["ranked"]

    def at(pool: str, ranks: Sequence[int]) -> list[str]:
        names = [name for name, _ in ranked.get(pool, [])]
        return [names[r] for r in ranks if r < len(names)]

    entities = at("orgs", (0, 10, 100)) + at("laws", (2,)) + at("authors", (5,))
    entities += at("ministries", (3,))
    facts = [f.split("|", 1) for f in at("facts", (0, 5, 50))]
    # the subject of one fact, the object of the next: both directions of a link
    linked = list(dict.fromkeys(fact[i % 2] for i, fact in enumerate(facts) if len(fact) == 2))
    return {"entity": entities, "linked": linked, "facts": [json.dumps(f) for f in facts]}


# queries about an actor's typed links: measured on entities that have some
LINK_QUERIES = ("actor-relations", "actor-relations-2hop")


QUERY_BUDGET_S = 60.0  # per query: beyond it, each further setting runs once only


def _repetitions(first: float) -> int:
    return 9 if first < 0.1 else 5 if first < 1 else 3 if first < 10 else 1


def query_step(
    store_path: Path, manifest_path: Path, raw: bool = True, only: str | None = None
) -> dict[str, Any]:
    """Every library query (or `only` that one): latency through the library, and the
    bound texts (run again on Oxigraph directly when `raw`: the figure rdflib is
    compared with)."""
    from parlkg.errors import ParlkgError
    from parlkg.lookup import resolve_entity
    from parlkg.queries import bind, library, run, term_for
    from parlkg.store import open_store

    manifest = json.loads(manifest_path.read_text())
    picks = pick_parameters(manifest)
    out: dict[str, Any] = {}
    with open_store(store_path) as store:
        for name, query in library().items():
            if only is not None and name != only:
                continue
            entity_params = [p for p in query.params if p.type == "entity"]
            if not entity_params:
                settings: list[dict[str, str]] = [{}]
            elif len(entity_params) == 2:
                settings = [
                    dict(zip((p.name for p in entity_params), json.loads(f), strict=True))
                    for f in picks["facts"]
                ]
            else:
                pool = picks["linked"] if name in LINK_QUERIES and picks["linked"] else None
                settings = [{entity_params[0].name: e} for e in pool or picks["entity"]]
            times: list[float] = []
            per_setting: list[dict[str, Any]] = []
            texts = []
            spent = 0.0
            for params in settings:
                try:
                    start = time.perf_counter()
                    result = run(store, query, params)
                    first = time.perf_counter() - start
                except ParlkgError as exc:
                    per_setting.append({"params": params, "error": str(exc)[:200]})
                    continue
                runs = [first]
                # every setting runs once; a slow query's budget spent, not again
                for _ in range(_repetitions(first) - 1 if spent < QUERY_BUDGET_S else 0):
                    start = time.perf_counter()
                    result = run(store, query, params)
                    runs.append(time.perf_counter() - start)
                rows = len(result) if isinstance(result, list) else len(getattr(result, "rows", []))
                times.extend(runs)
                spent += sum(runs)
                per_setting.append(
                    {"params": params, "median_ms": 1000 * statistics.median(runs), "rows": rows}
                )
                values = {
                    p.name: term_for(p, resolve_entity(store, params[p.name]).iri)
                    for p in entity_params
                }
                texts.append(bind(query, values))
            medians = [s["median_ms"] for s in per_setting if "median_ms" in s]
            out[name] = {
                "entity": bool(entity_params),
                # each parameter setting weighs the same, however often it ran
                "median_ms": statistics.median(medians) if medians else None,
                "max_ms": 1000 * max(times) if times else None,
                "settings": per_setting,
                "texts": texts,
            }
        if raw:
            _raw_oxigraph(store, out)
    return out


def _raw_oxigraph(store: Any, out: dict[str, Any]) -> None:
    """The bound texts on Oxigraph, results materialised (the rdflib comparison)."""
    for entry in out.values():
        times = []
        for text in entry["texts"]:
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                result = store.query(text)
                _ = list(result) if not isinstance(result, bool) else result
                runs.append(time.perf_counter() - start)
            times.append(statistics.median(runs))
        entry["oxigraph_raw_ms"] = 1000 * statistics.median(times) if times else None


def rdflib_step(dump: Path, texts: dict[str, list[str]], timeout: int) -> dict[str, Any]:
    """The same bound query texts on an rdflib Dataset holding the same quads."""
    import signal

    import rdflib

    start = time.perf_counter()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(str(dump), format="nquads")
    load_seconds = time.perf_counter() - start
    quads = len(dataset)

    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    queries: dict[str, Any] = {}
    out: dict[str, Any] = {"load_seconds": load_seconds, "quads": quads, "queries": queries}
    for name, bound in texts.items():
        times: list[float] = []
        timed_out = False
        error = None
        for text in bound[:1]:  # rdflib is slow: the first parameter setting only
            signal.alarm(timeout)
            try:
                start = time.perf_counter()
                result = dataset.query(text)
                _ = list(result) if result.type == "SELECT" else result
                times.append(time.perf_counter() - start)
            except TimeoutError:
                timed_out = True
                times.append(float(timeout))
                break
            except Exception as exc:  # rdflib's own failures: reported, not fatal
                error = f"{type(exc).__name__}: {exc}"[:200]
                break
            finally:
                signal.alarm(0)
        queries[name] = {
            "median_ms": 1000 * statistics.median(times) if times else None,
            "timed_out": timed_out,
            "error": error,
        }
    return out


# -- NER --------------------------------------------------------------------------------


def ner_step(folder: Path, work: Path, docs: int) -> dict[str, Any]:
    from parlkg.read import iter_inputs

    sample = work / "ner-sample"
    shutil.rmtree(sample, ignore_errors=True)
    sample.mkdir(parents=True)
    for path in list(iter_inputs([folder]))[:docs]:
        shutil.copy(path, sample / path.name)
    store = work / "ner-store"
    shutil.rmtree(store, ignore_errors=True)
    batched = measure(parlkg("ingest", str(sample), "--store", str(store), "--ner"))
    m = _INGESTED.search(batched.out)
    if batched.code != 0 or m is None:
        raise RuntimeError(f"ingest --ner failed: {batched.err[-2000:]}")
    shutil.rmtree(store, ignore_errors=True)
    loops = {}
    for kind in ("spacy", "parlkg"):
        loop = measure(
            [sys.executable, str(HERE / "run.py"), "--ner-loop", kind, str(sample), str(store)]
        )
        if loop.code != 0:
            raise RuntimeError(f"the one-by-one {kind} loop failed: {loop.err[-2000:]}")
        shutil.rmtree(store, ignore_errors=True)
        loops[kind] = loop.seconds
    docs = int(m["docs"])
    return {
        "documents": docs,
        "ingest_seconds": batched.seconds,
        "ingest_docs_per_s": docs / batched.seconds,
        "ingest_peak_mib": batched.peak_mib,
        "spacy_loop_seconds": loops["spacy"],
        "spacy_loop_docs_per_s": docs / loops["spacy"],
        "speedup": loops["spacy"] / batched.seconds,
        "loop_seconds": loops["parlkg"],
        "loop_docs_per_s": docs / loops["parlkg"],
        "speedup_over_parlkg_loop": loops["parlkg"] / batched.seconds,
    }


def ner_loop(kind: str, folder: Path, store_path: Path) -> None:
    """The baselines, one document at a time, the model loaded before the loop:

    - `spacy` (the issue's): read each file, `nlp(text)` on its whole text;
    - `parlkg`: read, `extract(ner=True)` (the NER on the sentences that may name
      something new), build, one transaction per document (what `parlkg ingest`
      did before the volume path)."""
    from parlkg.authority import load_authority
    from parlkg.extract import extract
    from parlkg.extract import ner as ner_mod
    from parlkg.read import iter_inputs, read_file
    from parlkg.store import GraphStore
    from parlkg.triples import document_graph

    if kind == "spacy":
        nlp = ner_mod.pipeline()
        for path in iter_inputs([folder]):
            nlp(read_file(path).text)
        return
    authority = load_authority()
    with GraphStore(store_path) as store:
        store.ensure_static_graphs()
        for path in iter_inputs([folder]):
            doc = read_file(path)
            extraction = extract(doc, authority, ner=True)
            graph = document_graph(doc, extraction, authority)
            graph.set_build_hash(doc.content_hash)
            store.replace_graph(graph.graph, graph.ntriples())


# -- one size -------------------------------------------------------------------------


def queries_step(
    result: dict[str, Any], store: Path, manifest: Path, *, raw: bool
) -> dict[str, Any]:
    """The library queries, each in a child process of its own (`query_step`), with the
    load around: as `parlkg query` meets them, and none measured after the others (in
    one process, a query run after a heavy one took 25-35 % longer on 100,000
    documents: the state the store is left in, see bench/notes.md, session 7)."""
    result["load"] = {"queries_before": load_average()}
    queries: dict[str, Any] = {}
    for name in sorted(p.stem for p in (SRC.parent / "queries").glob("*.rq")):
        child = measure(
            [sys.executable, str(HERE / "run.py"), "--queries", str(store), str(manifest)]
            + ["--only", name]
            + ([] if raw else ["--no-raw"])
        )
        if child.code != 0:
            raise RuntimeError(f"query {name} failed: {child.err[-3000:]}")
        queries.update(json.loads(child.out))
    result["queries"] = queries
    result["load"]["queries_after"] = load_average()
    return queries


def actor_names_step(store: Path, manifest: Path) -> dict[str, Any]:
    """`parlkg actor` on the 101st organisation (the headline), the first, an author."""
    ranked = json.loads(manifest.read_text())["ranked"]
    names = [ranked["orgs"][min(100, len(ranked["orgs"]) - 1)][0], ranked["orgs"][0][0]]
    names.append(ranked["authors"][min(5, len(ranked["authors"]) - 1)][0])
    load = load_average()
    out = actor_step(store, names)
    out["load_before"] = load
    return out


def rdflib_compare(
    queries: dict[str, Any], dump: Path, work: Path, tag: str, timeout: int
) -> dict[str, Any]:
    """The bound texts of `queries` on rdflib, in a child process (`rdflib_step`)."""
    texts = {name: q["texts"] or [] for name, q in queries.items()}
    spec = work / f"texts-{tag}.json"
    spec.write_text(json.dumps(texts))
    child = measure(
        [
            *(sys.executable, str(HERE / "run.py"), "--rdflib", str(dump), str(spec)),
            *("--rdflib-timeout", str(timeout)),
        ]
    )
    if child.code != 0:
        raise RuntimeError(f"rdflib failed: {child.err[-3000:]}")
    out: dict[str, Any] = json.loads(child.out)
    out["peak_mib"] = child.peak_mib
    return out


def remeasure(
    n: int,
    work: Path,
    steps: Sequence[str],
    scale: float = 1.0,
    rdflib_max: int = 10000,
    rdflib_timeout: int = 60,
) -> dict[str, Any]:
    """The queries (and rdflib on their texts, up to `rdflib_max` documents: the store
    exported again) and `parlkg actor` measured again on the store a run left
    (WORK/store-N, WORK/results-N.json), after a change to the queries: the ingest,
    export and floor figures stay those of the run."""
    tag = tag_of(n, scale)
    path = work / f"results-{tag}.json"
    result: dict[str, Any] = json.loads(path.read_text())
    store, manifest = work / f"store-{tag}", work / f"corpus-{tag}" / ".manifest.json"
    remeasured: dict[str, Any] = {"steps": list(steps)}
    if "queries" in steps:
        # summaries defined since the run (or defined otherwise) are built as an ingest
        # would at its end: their seconds are reported, not added to the ingest's
        _say(f"[{n}] summaries brought up to date")
        summarised = measure(parlkg("summarise", "--store", str(store)))
        if summarised.code != 0:
            raise RuntimeError(f"summarise failed: {summarised.err[-3000:]}")
        remeasured["summarised"] = summarised.out.strip().splitlines()
        _say(f"[{n}] queries, again")
        queries = queries_step(result, store, manifest, raw=n <= rdflib_max)
        result.pop("rdflib", None)  # made with the former texts
        if n <= rdflib_max and "rdflib" in steps:
            _say(f"[{n}] rdflib, again")
            dump = work / f"export-{tag}.nq"
            export = parlkg("export", "--store", str(store), "--format", "nquads", "-o", str(dump))
            if measure(export).code != 0:
                raise RuntimeError(f"export of {store} failed")
            result["rdflib"] = rdflib_compare(queries, dump, work, tag, rdflib_timeout)
            dump.unlink(missing_ok=True)
        for q in queries.values():
            q.pop("texts", None)
    if "actor" in steps:
        _say(f"[{n}] actor, again")
        result["actor"] = actor_names_step(store, manifest)
    result["remeasured"] = {**remeasured, "machine": machine()}
    path.write_text(json.dumps(result, indent=1) + "\n")
    return result


STEPS = ("ingest", "queries", "rdflib", "actor", "ner")


def bench_size(
    n: int,
    work: Path,
    seed: int,
    rdflib_max: int,
    ner_docs: int,
    rdflib_timeout: int = 60,
    steps: Sequence[str] = STEPS,
    scale: float = 1.0,
) -> dict[str, Any]:
    """Every step for a corpus of `n` documents (`steps`: which ones after the ingest,
    re-ingest, export and floor, which always run)."""
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    folder = corpus(n, work, seed, scale)
    tag = tag_of(n, scale)
    label = f"{n:,}" if scale == 1 else f"{n:,}, texts ×{scale:g}"
    result: dict[str, Any] = {"n": n, "scale": scale, "label": label, "seed": seed}
    result["corpus_mib"] = disk_mib(folder)
    store = work / f"store-{tag}"
    shutil.rmtree(store, ignore_errors=True)
    _say(f"[{n}] ingest")
    result["ingest"] = ingest_step(folder, store)
    _say(f"[{n}] re-ingest")
    result["reingest"] = ingest_step(folder, store)
    result["store_mib"] = disk_mib(store)
    _say(f"[{n}] export and floor")
    result["export"] = floor = export_and_floor(store, work, tag)
    result["ingest"]["ratio_to_bulk"] = (
        result["ingest"]["store_quads"] / result["ingest"]["seconds"] / floor["bulk_quads_per_s"]
    )
    manifest = folder / ".manifest.json"
    queries: dict[str, Any] = {}
    if "queries" in steps:
        _say(f"[{n}] queries")
        queries = queries_step(result, store, manifest, raw=n <= rdflib_max)
    if n <= rdflib_max and queries and "rdflib" in steps:
        _say(f"[{n}] rdflib")
        result["rdflib"] = rdflib_compare(queries, Path(floor["dump"]), work, tag, rdflib_timeout)
    for q in queries.values():
        q.pop("texts", None)
    if "actor" in steps:
        _say(f"[{n}] actor")
        result["actor"] = actor_names_step(store, manifest)
    if ner_docs and "ner" in steps:
        _say(f"[{n}] NER")
        result["ner"] = ner_step(folder, work, ner_docs)
    Path(floor["dump"]).unlink(missing_ok=True)
    result["total_seconds"] = time.perf_counter() - started
    result["machine"] = machine()
    return result


def machine() -> dict[str, Any]:
    import pyoxigraph
    import rdflib

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    try:
        from importlib.metadata import version

        spacy_version = version("spacy")
    except ImportError:  # PackageNotFoundError is one
        spacy_version = "absent"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": mem,
        "python": platform.python_version(),
        "pyoxigraph": pyoxigraph.__version__,
        "rdflib": rdflib.__version__,
        "spacy": spacy_version,
        "system": platform.platform(),
    }


def _say(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message} (load {load_average():.1f})", flush=True)
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/parlkg-bench"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0, help="length of the texts (x)")
    parser.add_argument("--rdflib-max", type=int, default=10000)
    parser.add_argument("--rdflib-timeout", type=int, default=60)
    parser.add_argument("--ner-docs", type=int, default=1000, help="0: no NER run")
    parser.add_argument("--src", type=Path, help="the parlkg source tree to measure [src/]")
    parser.add_argument(
        "--steps",
        default=",".join(STEPS),
        help=f"after ingest, re-ingest, export and floor: which of {', '.join(STEPS)}",
    )
    parser.add_argument("--render", action="store_true", help="write bench/RESULTS.md")
    parser.add_argument(
        "--remeasure",
        action="store_true",
        help="measure the --steps (queries, actor) again on the stores of a former run",
    )
    parser.add_argument("--results", type=Path, default=RESULTS_MD)
    parser.add_argument(
        "--notes", type=Path, default=HERE / "notes.md", help="hand-written commentary appended"
    )
    parser.add_argument("--queries", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-raw", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    parser.add_argument("--rdflib", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ner-loop", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.src:
        use_source(args.src)
    if args.queries:
        print(json.dumps(query_step(*args.queries, raw=not args.no_raw, only=args.only)))
        return 0
    if args.rdflib:
        texts = json.loads(args.rdflib[1].read_text())
        print(json.dumps(rdflib_step(args.rdflib[0], texts, args.rdflib_timeout)))
        return 0
    if args.ner_loop:
        kind, folder, store = args.ner_loop
        ner_loop(kind, Path(folder), Path(store))
        return 0
    for n in args.sizes if args.remeasure else []:
        steps = [step.strip() for step in args.steps.split(",") if step.strip()]
        remeasure(n, args.work, steps, args.scale, args.rdflib_max, args.rdflib_timeout)
    for n in [] if args.remeasure else args.sizes:
        smallest = n == min(args.sizes)
        ner_docs = args.ner_docs if smallest else 0
        steps = [step.strip() for step in args.steps.split(",") if step.strip()]
        result = bench_size(
            *(n, args.work, args.seed, args.rdflib_max, ner_docs, args.rdflib_timeout, steps),
            scale=args.scale,
        )
        tag = tag_of(n, args.scale)
        (args.work / f"results-{tag}.json").write_text(json.dumps(result, indent=1) + "\n")
        _say(f"[{n}] done in {result['total_seconds']:.0f} s")
    if args.render or not args.sizes:
        from report import render

        notes = args.notes.read_text() if args.notes.exists() else ""
        args.results.write_text(render(sorted(args.work.glob("results-*.json")), notes))
        _say(f"written {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
