"""The CLI end to end on a real store on disk: ingest, actor, query, export."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlkg.cli import app

from .conftest import SEEDS

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, folder / seed.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "recipe.txt").write_text("Tarte aux pommes\n\nPrenez six pommes et de la farine.\n")
    seed = (SEEDS / "000_34a646ee87d76164.txt").read_text()
    (folder / "cut.txt").write_text(seed[: seed.index("Texte de la question") + 25])
    other = (SEEDS / "004_9e9d79f79e669cbd.txt").read_text()
    (folder / "half.txt").write_text(other[: len(other) // 2])
    return folder


@pytest.mark.fault("empty file", "binary and NUL bytes", "a real layout truncated")
def test_bad_files_are_reported_and_the_others_ingested(bad_folder: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    code, out, err = _run("ingest", str(bad_folder), "--store", str(store))
    assert code == 1, (out, err)
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    by_file = {Path(line.split(":")[1].strip()).name: line for line in lines}
    assert set(by_file) == {"empty.txt", "binary.txt", "recipe.txt", "cut.txt"}, err
    assert "empty" in by_file["empty.txt"]
    assert "binary" in by_file["binary.txt"]
    assert "no known layout" in by_file["recipe.txt"]
    assert "cut before its author" in by_file["cut.txt"]
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "half.txt: stored as incomplete" in warnings[0]
    assert "3 document(s) ingested (1 incomplete)" in out
    assert "4 failed" in out
    code, out, _ = _run(
        "query",
        "actor-documents",
        "--param",
        "actor=Microsoft",
        "--store",
        str(store),
        "-f",
        "json",
    )
    assert code == 0
    docs = {b["doc"]["value"] for b in json.loads(out)["results"]["bindings"]}
    assert len(docs) == 3


@pytest.mark.fault("a real layout truncated")
def test_a_cut_copy_does_not_replace_the_complete_document(tmp_path: Path) -> None:
    store = tmp_path / "store"
    seed = SEEDS / "001_d3080d90d4f9363f.txt"
    assert _run("ingest", str(seed), "--store", str(store))[0] == 0
    before = _run("export", "--format", "nquads", "--store", str(store))[1]
    cut = tmp_path / "cut.txt"
    text = seed.read_text()
    cut.write_text(text[: int(len(text) * 0.6)])
    code, _, err = _run("ingest", str(cut), "--store", str(store))
    assert code == 0, err
    assert "cut.txt: not stored: cut short; the complete document an-16-qe-2114" in err
    assert _run("export", "--format", "nquads", "--store", str(store))[1] == before


def test_ingesting_twice_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert _run("ingest", str(SEEDS), "--store", str(store))[0] == 0
    first = _run("export", "--format", "nquads", "--store", str(store))[1]
    code, out, _ = _run("ingest", str(SEEDS), "--store", str(store))
    assert code == 0 and "0 document(s) ingested (0 incomplete), 5 unchanged" in out
    code, out, _ = _run("ingest", str(SEEDS), "--store", str(store), "--force")
    assert code == 0 and "5 document(s) ingested (0 incomplete)" in out
    assert _run("export", "--format", "nquads", "--store", str(store))[1] == first
    assert len(first.splitlines()) > 500


def test_actor_microsoft_links_all_five_seeds(seed_store_path: Path) -> None:
    code, out, err = _run("actor", "microsoft", "--store", str(seed_store_path))
    assert code == 0, err
    assert "Linked to 5 document(s)." in out
    for number in ("486", "2114", "585", "43349"):
        assert f"n° {number}" in out
    assert "Senat letter" in out  # the senator's letter has no number
    assert "hosted by" in out or "hosts" in out


def test_actor_unknown_name_suggests(seed_store_path: Path) -> None:
    code, _, err = _run("actor", "Microsfot", "--store", str(seed_store_path))
    assert code == 5
    assert "did you mean" in err and "Microsoft" in err


@pytest.mark.fault("hostile --param values and actor names", area="hostile")
@pytest.mark.parametrize("name", ['Micro"soft', "x } ; DROP ALL ; {", "# comment", "' OR 1=1 --"])
def test_hostile_names_find_nothing_and_break_nothing(seed_store_path: Path, name: str) -> None:
    code, _, err = _run("actor", name, "--store", str(seed_store_path))
    assert code == 5, err
    code, out, _ = _run("actor", "Microsoft", "--store", str(seed_store_path))
    assert code == 0 and "Linked to 5 document(s)." in out


def test_query_list_and_formats(seed_store_path: Path) -> None:
    code, out, _ = _run("query", "--list")
    assert code == 0 and "actor-documents" in out and "--param actor=<entity>" in out
    code, out, _ = _run("query", "laws-cited", "--store", str(seed_store_path), "-f", "csv")
    assert code == 0
    header, *rows = out.strip().splitlines()
    assert header.startswith("law,label,citations")
    assert any("Cloud Act" in r for r in rows)
    code, _, err = _run("query", "no-such-query", "--store", str(seed_store_path))
    assert code == 4 and "no query named" in err


def test_export_turtle_parses(seed_store_path: Path, tmp_path: Path) -> None:
    import rdflib

    out = tmp_path / "all.ttl"
    code, _, _ = _run(
        "export", "--format", "turtle", "-o", str(out), "--store", str(seed_store_path)
    )
    assert code == 0
    graph = rdflib.Graph().parse(out, format="turtle")
    assert len(graph) > 1000


def test_every_command_has_help() -> None:
    for command in ("ingest", "query", "actor", "export", "eval", "validate"):
        code, out, _ = _run(command, "--help")
        assert code == 0 and "Usage" in out, command


def test_module_entry_point(seed_store_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "parlkg", "actor", "Cloud Act", "--store", str(seed_store_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Cloud Act" in done.stdout
