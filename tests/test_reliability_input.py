"""A battery of bad inputs, generated here: each ends in a clear error naming the file
and the reason, or in a document (flagged when partial). Never a crash, a hang, a
file written outside the store, or memory past the documented bound.

Each case is read on its own (`read_file`, in this process), then the whole folder
goes through the real `parlkg ingest` in a subprocess whose time, peak memory and
writes are watched.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from parlkg.errors import InputError
from parlkg.model import Document
from parlkg.read import MAX_FILE_BYTES, iter_inputs, read_file
from parlkg.store import GraphStore

from .reliability.helpers import (
    MEMORY_BOUND,
    OPENDATA,
    SEEDS,
    cli_env,
    files_under,
    note,
    opendata_record,
    parlkg,
    run,
    strip_paths,
)

SEED = SEEDS / "000_34a646ee87d76164.txt"  # an AN written question, Markdown page layout
DEBATE = SEEDS / "002_29cff7a8bea29425.txt"  # a question to the Government with its debate
HTML = Path(__file__).parent / "fixtures" / "read" / "html" / "an_page_qe_answered.html"


def _seed(number: int = 486) -> bytes:
    """The seed question, renumbered: each variant is a document of its own."""
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("n° 486", f"n° {number}").replace("question : 486", f"question : {number}")
    return text.encode()


def _nul_inside() -> bytes:
    data = _seed()
    at = data.index(b"Microsoft")
    return data[:at] + b"\x00\x00" + data[at:]


def _nul_past_64k() -> bytes:
    """NUL bytes the binary check (first 64 KiB) does not see, inside the question text."""
    text = _seed(9001).decode()
    sentence = " Elle rappelle les enjeux de souveraineté des données de santé."
    padded = text.replace("directement en contact,", "directement en contact," + sentence * 1200)
    at = padded.index("Microsoft Azure")
    return (padded[:at] + "\x00\x00" + padded[at:]).encode()


def _controls() -> bytes:
    return bytes(b for i in range(400) for b in (i % 8 + 1, 0x41))


def _latin1() -> bytes:
    text = _seed(9002).decode().replace("’", "'").replace("œ", "oe")
    return text.encode("latin-1")


def _latin1_c1() -> bytes:
    """Latin-1 bytes cp1252 leaves undefined (0x81, 0x8D): neither UTF-8 nor cp1252."""
    return _latin1().replace(b"Azure", b"Az\x81re\x8d")


def _utf16() -> bytes:
    return _seed(9003).decode().encode("utf-16")


def _cut(fraction: float) -> Callable[[], bytes]:
    def make() -> bytes:
        data = DEBATE.read_bytes()
        return data[: int(len(data) * fraction)]

    return make


def _fifty_mb() -> bytes:
    data = _seed()
    return data * (50_000_000 // len(data) + 1)


def _huge_array() -> bytes:
    """18 MB of JSON that is no record: an array of 150,000 small objects."""
    item = b'{"uid": "QANR5L16QE1", "texte": "' + b"x" * 90 + b'"}'
    return b"[" + b",".join([item] * 150_000) + b"]"


def _huge_record() -> bytes:
    """A valid open-data record carrying 18 MB of extra structure."""
    record = opendata_record(31_000, "M. Antoine Verdier interroge M. le ministre sur Microsoft.")
    filler = b",".join([b'{"a": [1, 2, 3], "b": "xx"}'] * 650_000)
    return record[:-2].encode() + b', "annexes": [' + filler + b"]}}"


def _deep_array() -> bytes:
    return b"[" * 200_000 + b"]" * 200_000


def _deep_record() -> bytes:
    record = opendata_record(31_001, "M. Antoine Verdier interroge M. le ministre.")
    return record[:-2].encode() + b', "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zip_slip() -> bytes:
    good = (OPENDATA / "QANR5L16QE1234.json").read_bytes()
    return _zip({"json/QANR5L16QE1234.json": good, "../../x": good, "../../x.json": good})


def _zip_bomb() -> bytes:
    """Members inflating a thousandfold: 10 MB of spaces each (about 10 kB compressed),
    and one of 50 MB, past the size bound."""
    members = {f"json/QANR5L16QE{i}.json": b" " * 10_000_000 for i in range(3)}
    members["json/QANR5L16QE9.json"] = b" " * 50_000_000
    return _zip(members)


def _zip_liar() -> bytes:
    """A member of 50 MB whose headers say 100 bytes (so no ratio check can see it)."""
    data = bytearray(_zip({"json/QANR5L16QE1.json": b" " * 50_000_000}))
    real, lie = struct.pack("<I", 50_000_000), struct.pack("<I", 100)
    assert data[22:26] == real  # the local header's uncompressed size
    data[22:26] = lie
    central = data.index(b"PK\x01\x02")
    assert data[central + 24 : central + 28] == real
    data[central + 24 : central + 28] = lie
    return bytes(data)


@dataclass(frozen=True)
class Case:
    fault: str
    name: str  # the file name in the battery folder
    make: Callable[[], bytes]
    expect: str  # "error", "document" or "either"
    reason: str = ""  # a regex the error's reason matches


def group(fault: str, cases: list[tuple[str, Callable[[], bytes], str, str]]) -> list[Case]:
    """The cases of one fault (`fault=` as a keyword: the fault table's check reads it)."""
    return [Case(fault, *case) for case in cases]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40
CASES = [
    *group(
        fault="empty file",
        cases=[
            ("empty.txt", lambda: b"", "error", "the file is empty"),
            ("blank.txt", lambda: b" \n\t\n\r\n", "error", "the file is empty"),
        ],
    ),
    *group(
        fault="binary and NUL bytes",
        cases=[
            ("image.txt", lambda: PNG, "error", "binary"),
            ("nul.txt", _nul_inside, "error", "binary .*NUL"),
            ("nul-late.txt", _nul_past_64k, "either", ""),
            ("controls.txt", _controls, "error", "binary .*control"),
        ],
    ),
    *group(
        fault="latin-1/cp1252 text and mojibake",
        cases=[
            ("latin1.txt", _latin1, "document", ""),
            ("latin1-c1.txt", _latin1_c1, "error", "neither UTF-8 nor cp1252"),
            ("utf16.txt", _utf16, "error", "binary"),
        ],
    ),
    *group(
        fault="a real layout truncated",
        cases=[(f"cut-{t}.txt", _cut(t / 10), "either", "") for t in (3, 6, 9)],
    ),
    *group(
        fault="a 50 MB file",
        cases=[("fifty.txt", _fifty_mb, "error", r"50 MB, over the 20 MB limit")],
    ),
    *group(
        fault="huge JSON",
        cases=[
            ("array.json", _huge_array, "error", "no known layout"),
            ("QANR5L16QE31000.json", _huge_record, "document", ""),
        ],
    ),
    *group(
        fault="deeply nested JSON",
        cases=[
            ("deep.json", _deep_array, "error", "no known layout"),
            ("QANR5L16QE31001.json", _deep_record, "error", "RecursionError|nested|deep"),
        ],
    ),
    *group(
        fault="HTML with scripts, comments and entities",
        cases=[("page.html", lambda: _hostile_html().encode(), "document", "")],
    ),
    *group(
        fault="zip with a member named ../../x",
        cases=[("slip.zip", _zip_slip, "error", r"member '\.\./\.\./x' is named outside")],
    ),
    *group(
        fault="zip whose members inflate a thousandfold",
        cases=[
            ("bomb.zip", _zip_bomb, "error", r"inflates \d+ times|over the 20 MB limit"),
            ("liar.zip", _zip_liar, "error", "Bad CRC-32|cannot read the member"),
        ],
    ),
]
FAULTS = list(dict.fromkeys(case.fault for case in CASES))


@pytest.fixture(scope="module")
def battery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("battery") / "inputs" / "deep"
    folder.mkdir(parents=True)
    for case in CASES:
        (folder / case.name).write_bytes(case.make())
    (folder / SEED.name).write_bytes(_seed())  # one good document among them
    return folder


def _read(path: Path) -> Document | InputError:
    try:
        return read_file(path)
    except InputError as exc:
        return exc


def _members(path: Path) -> list[Path]:
    return list(iter_inputs([path]))


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.name, marks=pytest.mark.fault(c.fault, area="input")) for c in CASES],
)
def test_each_bad_input_alone(case: Case, battery: Path, request: pytest.FixtureRequest) -> None:
    """Read alone (`read_file`, each archive member too): a Document (flagged when
    partial) or an InputError naming the file and the reason, nothing else."""
    path = battery / case.name
    for member in _members(path):
        result = _read(member)
        if isinstance(result, InputError):
            assert case.expect in ("error", "either"), f"{member}: {result}"
            assert result.path.startswith(str(path)), result
            assert str(path) in str(result) and result.reason.strip()
            if case.reason:
                assert re.search(case.reason, result.reason), result.reason
            note(request, f"{case.name}: error: {strip_paths(result.reason, battery)}")
        else:
            assert case.expect in ("document", "either"), f"{member} read as {result.key}"
            assert result.complete or result.warnings, "a partial document says why"
            state = "complete" if result.complete else "flagged incomplete"
            note(request, f"{case.name}: a document ({state})")


@pytest.mark.fault("a 50 MB file")
def test_the_50_mb_file_is_refused_from_its_size(battery: Path) -> None:
    """The size check comes before any read: ingesting the 50 MB file costs no more
    memory than ingesting an empty one."""
    big = battery / "fifty.txt"
    assert big.stat().st_size > 2 * MAX_FILE_BYTES
    store = battery.parent.parent / "size-store"
    empty = run(parlkg("ingest", battery / "empty.txt", "--store", store, "--no-ner"))
    fifty = run(parlkg("ingest", big, "--store", store, "--no-ner"))
    assert fifty.returncode == 1 and not fifty.crashed, str(fifty)
    assert f"error: {big}: the file is 50 MB, over the 20 MB limit" in fifty.stderr
    assert fifty.peak_rss < empty.peak_rss + 25 * 2**20, (empty.peak_rss, fifty.peak_rss)


def _hostile_html() -> str:
    """A real page whose scripts, styles, comments and CDATA say things the page does not
    show, with named, numeric, unknown and invalid entities and 2,000 unclosed tags."""
    hidden = (
        '<script>var a = "</p><p>M. Jean Faux interroge le ministre"; /* Auteur : M. Jean Faux */'
        "</script><!-- Auteur : M. Jean Faux --><style>p::after{content:'Jean Faux'}</style>"
        "<noscript>Jean Faux</noscript><![CDATA[Jean Faux]]>"
    )
    page = HTML.read_text(encoding="utf-8")
    page = page.replace('<div class="texte">', '<div class="texte">' + hidden, 1)
    page = page.replace(
        "l&#8217;hébergement des espaces",
        "l&#8217;&#x68;&eacute;bergement &bogus; &#0; &#xD800; &#99999999; &amp;lt;b&amp;gt; "
        "des espaces",
        1,
    )
    return page.replace("</body>", "<div><p><b><i>unclosed" * 2000 + "</body>")


@pytest.mark.fault("HTML with scripts, comments and entities")
def test_html_shows_what_the_page_shows(battery: Path) -> None:
    """Scripts, styles, comments and CDATA give nothing to the text, the author or the
    mentions; entities are decoded (an unknown one kept as written, invalid ones
    replaced); thousands of unclosed tags change nothing."""
    doc = read_file(battery / "page.html")
    assert doc.key == "an-16-qe-9123" and doc.author is not None
    assert doc.author.name == "Hélène Marcou"
    assert "Faux" not in doc.text and "<script" not in doc.text
    assert "l'hébergement &bogus; " in doc.text
    assert "&lt;b&gt; des espaces" in doc.text  # an escaped tag stays text
    assert "\x00" not in doc.text


@pytest.mark.fault(*FAULTS, area="input")
def test_the_battery_through_the_cli(battery: Path, request: pytest.FixtureRequest) -> None:
    """The whole folder through `parlkg ingest` (NER on), in a subprocess: each bad
    file named with its reason, the good one stored, no stack trace, no hang, peak
    memory under the bound, nothing written outside the store."""
    root = battery.parent.parent
    cwd, home = root / "cwd", root / "home"
    cwd.mkdir()
    home.mkdir()
    store = root / "store"
    before = files_under(root)
    env_home = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "TMPDIR": str(home)}
    done = run(parlkg("ingest", battery, "--store", store), cwd=cwd, env=cli_env(**env_home))
    assert not done.timed_out and not done.crashed, str(done)
    assert done.returncode == 1, str(done)  # some files failed, the others are stored
    assert done.peak_rss < MEMORY_BOUND, str(done)
    errors = "\n".join(done.lines("error:"))
    warnings = "\n".join(done.lines("warning:"))
    for case in CASES:
        path = battery / case.name
        if case.expect == "error":
            assert f"error: {path}" in errors, f"{case.name} not reported:\n{done}"
            for line in done.lines(f"error: {path}"):
                reason = line.split(": ", 2)[-1]
                assert re.search(case.reason, reason), line
        elif case.expect == "document":
            assert f"error: {path}" not in errors, (case.name, done)
        elif f"error: {path}" not in errors:
            result = _read(path)
            assert isinstance(result, Document)
            assert result.complete or f"warning: {path}" in warnings, (case.name, done)
    after = files_under(root) - files_under(store) - {store}
    assert after == before | {cwd, home}, sorted(map(str, after - before))
    assert not list(cwd.iterdir()) and not list(home.iterdir())
    assert not (battery.parent.parent / "x").exists() and not (battery.parent / "x").exists()
    with GraphStore(store, read_only=True) as graphs:
        keys = {g.rsplit("/", 1)[-1] for g in graphs.document_graphs()}
    # the good seed and the readable variants, stored whatever surrounds them
    assert {"an-17-qe-486", "an-16-qe-31000", "an-17-qe-9002"} <= keys, keys
    for fault in FAULTS:
        note(
            request,
            "`parlkg ingest` of the whole battery (NER on): exit 1, each file named with "
            f"its reason or stored, no stack trace, peak RSS < {MEMORY_BOUND >> 30} GiB, "
            "nothing written outside the store",
            fault=fault,
        )


@pytest.mark.fault("huge JSON: a record of 170 kB naming one person a thousand times")
def test_a_long_record_is_extracted_in_bounded_time(tmp_path: Path) -> None:
    """An open-data record of 170 kB of text naming its author 1,400 times: the
    extraction must be about linear (a second or two), not a hang."""
    paragraph = (
        "<p>M. Antoine Verdier interroge M. le ministre sur l'hébergement du Health Data Hub "
        "par Microsoft, soumis au Cloud Act.</p>"
    )
    path = tmp_path / "QANR5L16QE31002.json"
    path.write_text(opendata_record(31_002, paragraph * 1_400), encoding="utf-8")
    assert path.stat().st_size > 170_000
    done = run(parlkg("ingest", path, "--store", tmp_path / "store", "--no-ner"), timeout=10)
    if done.timed_out:
        raise TimeoutError(f"hang: the ingest of one 170 kB record took over 10 s\n{done}")
    assert done.returncode == 0, str(done)


@pytest.mark.fault("two different files read as one document (same key)", area="input")
def test_a_file_replaced_by_another_of_the_same_key_is_reported(tmp_path: Path) -> None:
    """Two different letters by one senator on one day have one document key: the later
    replaces the earlier (by design). The user must be told, naming both files."""
    letter = (SEEDS / "003_b3f665efced46507.txt").read_text(encoding="utf-8")
    other = letter.replace(
        "Madame la Ministre,",
        "Madame la Ministre,\n\nJe reviens vers vous au sujet de la société Palantir.",
        1,
    )
    if other == letter:
        raise RuntimeError("the seed letter changed: no salutation to extend")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "a.txt").write_text(letter, encoding="utf-8")
    (folder / "b.txt").write_text(other, encoding="utf-8")
    done = run(parlkg("ingest", folder, "--store", tmp_path / "store", "--no-ner"))
    if done.returncode != 0 or done.crashed:
        raise RuntimeError(str(done))
    with GraphStore(tmp_path / "store", read_only=True) as store:
        if len(store.document_graphs()) != 1:
            raise RuntimeError("the two letters no longer share a key")
    shown = [line for line in done.lines("warning:") if "a.txt" in line and "b.txt" in line]
    assert shown, f"the replaced file is not reported:\n{done}"
