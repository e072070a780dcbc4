"""Zip archives of documents (AN open-data dumps): walked and read in place, with bounds."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlkg.cli import app
from parlkg.errors import InputError
from parlkg.ingest import ingest
from parlkg.read import archive, iter_inputs, read_file
from parlkg.store import GraphStore

OPENDATA = Path(__file__).parent / "fixtures" / "read" / "opendata"
RECORDS = {
    "json/QANR5L16QE1234.json": "QANR5L16QE1234.json",
    "json/QANR5L16QG42.json": "QANR5L16QG42.json",
    "json/xml/QANR5L16QE77.xml": "QANR5L16QE77.xml",
}


def make_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        zf.writestr("json/", b"")  # a folder entry, as published dumps have
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    members = {name: (OPENDATA / fixture).read_bytes() for name, fixture in RECORDS.items()}
    members["README.md"] = b"Questions ecrites, 16e legislature"
    members["__MACOSX/json/._QANR5L16QE1234.json"] = b"\x00\x05\x16\x07"
    return make_zip(tmp_path / "Questions_XVI.json.zip", members)


def files_under(root: Path) -> set[Path]:
    return set(root.rglob("*"))


def test_members_are_yielded_as_documents(dump: Path) -> None:
    got = [str(p) for p in iter_inputs([dump])]
    assert got == sorted(f"{dump}!{name}" for name in RECORDS)


def test_a_member_reads_like_the_file(dump: Path) -> None:
    member = Path(f"{dump}!json/QANR5L16QE1234.json")
    from_zip = read_file(member)
    from_file = read_file(OPENDATA / "QANR5L16QE1234.json")
    assert from_zip.source_path == f"{dump}!json/QANR5L16QE1234.json"
    assert from_zip.key == "an-16-qe-1234"
    skip = {"source_path"}
    assert from_zip.model_dump(exclude=skip) == from_file.model_dump(exclude=skip)
    xml = read_file(Path(f"{dump}!json/xml/QANR5L16QE77.xml"))
    assert (xml.key, xml.layout) == ("an-16-qe-77", "an_opendata")


def test_archives_inside_a_folder_are_walked(dump: Path, tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("")
    got = list(iter_inputs([tmp_path]))
    assert Path(f"{dump}!json/QANR5L16QG42.json") in got
    assert tmp_path / "note.txt" in got


def test_a_zip_is_known_by_its_content(dump: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "dump.bin"
    renamed.write_bytes(dump.read_bytes())
    assert len(list(iter_inputs([renamed]))) == 3


def test_ingest_reports_each_member(dump: Path, tmp_path: Path) -> None:
    bad = make_zip(
        tmp_path / "mixed.zip",
        {
            "json/QANR5L16QG42.json": (OPENDATA / "QANR5L16QG42.json").read_bytes(),
            "json/QANR5L99QE1.json": (OPENDATA / "malformed_invalid.json").read_bytes(),
        },
    )
    with GraphStore(tmp_path / "store") as store:
        report = ingest([dump, bad], store)
        graphs = store.document_graphs()
    assert report.documents == 3  # QG42 twice: the second is unchanged
    assert report.unchanged == 1
    assert [f.path for f in report.failures] == [f"{bad}!json/QANR5L99QE1.json"]
    assert "invalid JSON" in report.failures[0].reason
    assert len(graphs) == 3


@pytest.mark.fault("zip with a member named ../../x")
@pytest.mark.parametrize("name", ["../evil.json", "json/../../evil.json", "/tmp/evil.json"])
def test_members_named_outside_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    good = (OPENDATA / "QANR5L16QE1234.json").read_bytes()
    inputs = tmp_path / "in" / "deep"
    inputs.mkdir(parents=True)
    bad = make_zip(inputs / "bad.zip", {"json/QANR5L16QE1234.json": good, name: good})
    before = files_under(tmp_path)
    assert list(iter_inputs([bad])) == [bad]  # not walked: read_file says why
    with pytest.raises(InputError) as err:
        read_file(bad)
    assert str(bad) in str(err.value) and repr(name) in str(err.value)
    assert "refused" in str(err.value)
    with GraphStore(tmp_path / "store") as store:
        report = ingest([bad], store)
        assert store.document_graphs() == []
    assert [f.path for f in report.failures] == [str(bad)]
    after = files_under(tmp_path) - files_under(tmp_path / "store") - {tmp_path / "store"}
    assert after == before  # nothing extracted anywhere
    assert not list(tmp_path.rglob("evil.json"))
    assert not Path("/tmp/evil.json").exists()


@pytest.mark.fault("zip whose members inflate a thousandfold")
def test_a_member_inflating_past_the_ratio_is_refused(tmp_path: Path) -> None:
    bomb = b'{"question": "' + b" " * (2 * 1024 * 1024) + b'"}'
    dump = make_zip(tmp_path / "bomb.zip", {"json/QANR5L16QE1.json": bomb})
    (member,) = iter_inputs([dump])
    with pytest.raises(InputError, match=r"inflates \d+ times .*zip bomb") as err:
        read_file(member)
    assert err.value.path == f"{dump}!json/QANR5L16QE1.json"


@pytest.mark.fault("zip whose members inflate a thousandfold")
def test_a_member_over_the_size_bound_is_refused(tmp_path: Path) -> None:
    big = os.urandom(archive.MAX_MEMBER_BYTES + 1)  # stored: no ratio, only size
    dump = make_zip(tmp_path / "big.zip", {"json/QANR5L16QE2.json": big}, zipfile.ZIP_STORED)
    with pytest.raises(InputError, match="over the 20 MB limit"):
        read_file(Path(f"{dump}!json/QANR5L16QE2.json"))


@pytest.mark.fault("zip with too many members")
def test_the_member_count_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    members = {f"json/QANR5L16QE{i}.json": b"{}" for i in range(5)}
    dump = make_zip(tmp_path / "many.zip", members)
    archive.close_archives()
    with pytest.raises(InputError, match="holds 6 members, over the limit of 3"):
        read_file(dump)


@pytest.mark.fault("a corrupt zip")
def test_a_corrupt_zip_is_one_clear_error(dump: Path, tmp_path: Path) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(dump.read_bytes()[: dump.stat().st_size // 2])
    garbage = tmp_path / "garbage.zip"
    garbage.write_bytes(b"PK\x03\x04" + b"\x01" * 300)
    for path in (cut, garbage):
        assert list(iter_inputs([path])) == [path]
        with pytest.raises(InputError, match="not a readable zip archive") as err:
            read_file(path)
        assert err.value.path == str(path)
    with GraphStore(tmp_path / "store") as store:
        report = ingest([cut, garbage, dump], store)
    assert report.documents == 3
    assert sorted(f.path for f in report.failures) == sorted([str(cut), str(garbage)])


def test_a_damaged_member_names_the_member(tmp_path: Path) -> None:
    data = (OPENDATA / "QANR5L16QE1234.json").read_bytes()
    dump = make_zip(tmp_path / "crc.zip", {"json/QANR5L16QE1234.json": data})
    raw = bytearray(dump.read_bytes())
    header = raw.index(b"json/QANR5L16QE1234.json") + len("json/QANR5L16QE1234.json")
    raw[header + 10] ^= 0xFF  # inside the compressed data
    dump.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="cannot read the member") as err:
        read_file(Path(f"{dump}!json/QANR5L16QE1234.json"))
    assert err.value.path.endswith("crc.zip!json/QANR5L16QE1234.json")


def test_an_archive_is_not_read_as_one_document(dump: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="an archive of 3 documents"):
        read_file(dump)
    empty = make_zip(tmp_path / "empty.zip", {"notes/readme.md": b"nothing"})
    assert list(iter_inputs([empty])) == [empty]
    with pytest.raises(InputError, match="holds no document"):
        read_file(empty)


def test_a_missing_member_is_an_input_error(dump: Path) -> None:
    with pytest.raises(InputError, match="no such document in the archive"):
        read_file(Path(f"{dump}!json/QANR5L16QE9.json"))


def test_cli_ingests_a_zip(dump: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(dump), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.stderr
    assert "3 document(s) ingested (0 incomplete)" in result.stdout
