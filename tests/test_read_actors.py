"""The AN actors open data (AMO): a lookup that names the authors of open-data records."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parlkg.actors_data import Actors, load_actors
from parlkg.cli import app
from parlkg.errors import InputError
from parlkg.ingest import ingest
from parlkg.read import read_file
from parlkg.store import GraphStore

READ = Path(__file__).parent / "fixtures" / "read"
AMO = READ / "amo"
OPENDATA = READ / "opendata"


@pytest.fixture(scope="module")
def actors() -> Actors:
    return load_actors(AMO)


def anonymous_record(tmp_path: Path, ref: str = "PA700030") -> Path:
    """A written question whose text does not name its author (only acteurRef does)."""
    data = json.loads((OPENDATA / "QANR5L16QE1234.json").read_text("utf-8"))
    q = data["question"]
    q["auteur"]["identite"]["acteurRef"] = ref
    q["auteur"]["groupe"] = None
    q["textesQuestion"]["texteQuestion"]["texte"] = "La députée demande qui héberge ces données."
    path = tmp_path / "QANR5L16QE1234.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_loads_actors_and_organs(actors: Actors) -> None:
    assert len(actors.actors) == 5 and len(actors.organs) == 7
    assert actors.organs["PO800520"].label == "Rassemblement National"
    assert actors.organs["PO800520"].short == "RN"  # libelleAbrev, not libelleAbrege
    tanguy = actors.actors["PA795778"]
    assert (tanguy.civility, tanguy.name) == ("M.", "Jean-Philippe Tanguy")
    # a plain-string uid and a single mandate object
    assert actors.actors["PA700010"].name == "Claire Dubois-Martel"
    assert len(actors.actors["PA700010"].mandates) == 1


def test_group_and_seat_at_the_documents_date(actors: Actors) -> None:
    in_2023 = actors.member("PA700001", dt.date(2023, 1, 10), 16)
    in_2018 = actors.member("PA700001", dt.date(2018, 5, 15), 15)
    assert in_2023 is not None and in_2018 is not None
    assert (in_2023.group, in_2023.group_short) == ("Horizons et apparentés", "HOR")
    assert in_2023.constituency == "Eure-et-Loir (3e circonscription)"
    assert (in_2018.group, in_2018.group_short) == ("Agir ensemble", "AE")
    assert in_2018.constituency == "Eure-et-Loir (2e circonscription)"
    assert in_2018.department == "Eure-et-Loir"
    # no date: the legislature's mandates
    assert actors.member("PA700020", None, 16).constituency == (  # type: ignore[union-attr]
        "Finistère (1re circonscription)"
    )
    assert actors.member("PA999999") is None


def test_loads_from_a_zip_and_from_an_export_file(tmp_path: Path) -> None:
    archive = tmp_path / "AMO10.json.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(AMO.rglob("*.json")):
            zf.write(path, "json/" + path.relative_to(AMO).as_posix())
    from_zip = load_actors(archive)
    assert from_zip.actors == load_actors(AMO).actors
    organ = json.loads((AMO / "organe" / "PO800520.json").read_text("utf-8"))["organe"]
    actor = json.loads((AMO / "acteur" / "PA795778.json").read_text("utf-8"))["acteur"]
    export = {"export": {"organes": {"organe": [organ]}, "acteurs": {"acteur": actor}}}
    single = tmp_path / "AMO.json"
    single.write_text(json.dumps(export), encoding="utf-8")
    one = load_actors(single)
    member = one.member("PA795778", dt.date(2023, 3, 8), 16)
    assert member is not None and member.group_short == "RN"


def test_damaged_actors_data_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "acteur").mkdir()
    bad = tmp_path / "acteur" / "PA1.json"
    bad.write_text('{"acteur": {"uid": ', encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON record") as err:
        load_actors(tmp_path)
    assert err.value.path == str(bad)
    bad.write_text('{"acteur": {"uid": "PA1", "etatCivil": {"ident": {}}}}', encoding="utf-8")
    with pytest.raises(InputError, match=r"PA1: etatCivil\.ident has no prenom or nom"):
        load_actors(tmp_path)
    bad.write_text('{"organe": {"uid": "PO1", "libelle": "X"}}', encoding="utf-8")
    with pytest.raises(InputError, match="no acteur record found"):
        load_actors(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        load_actors(tmp_path / "absent")


def test_record_author_named_from_the_actors_data(tmp_path: Path, actors: Actors) -> None:
    path = anonymous_record(tmp_path)
    without = read_file(path)
    named = read_file(path, actors=actors)
    assert without.author is not None and without.author.name == "PA700030"
    assert named.author is not None
    assert (named.author.name, named.author.civility, named.author.ref) == (
        "Inès Carvalho-Roux",
        "Mme",
        "PA700030",
    )
    assert named.author.group == "Gauche démocrate et républicaine - NUPES"
    assert named.author.group_short == "GDR-NUPES"
    assert named.author.constituency == "Val-de-Marne (11e circonscription)"
    assert not any("acteurRef" in w for w in named.warnings)
    assert named.content_hash == without.content_hash  # the hash of the bytes read
    assert actors.unresolved == {}


def test_the_records_group_wins_over_the_actors_data(actors: Actors) -> None:
    doc = read_file(OPENDATA / "QANR5L15QE999.json", actors=actors)
    assert doc.author is not None
    assert doc.author.group_short == "HOR"  # as the record says, at the question's date
    assert doc.author.constituency == "Eure-et-Loir (2e circonscription)"  # the 15th's seat
    xml = read_file(OPENDATA / "QANR5L16QE77.xml", actors=actors)
    assert xml.author is not None
    assert (xml.author.name, xml.author.constituency) == (
        "Lucien Bray",
        "Finistère (1re circonscription)",
    )


def test_unresolved_authors_are_said_and_recorded(tmp_path: Path) -> None:
    path = anonymous_record(tmp_path, "PA123456")
    doc = read_file(path)
    assert any("author known only by acteurRef PA123456: pass --actors" in w for w in doc.warnings)
    empty = Actors()
    read_file(path, actors=empty)
    assert empty.unresolved == {str(path): "PA123456"}
    loaded = load_actors(AMO)
    doc = read_file(path, actors=loaded)
    assert any(f"not in the actors data {AMO}" in w for w in doc.warnings)
    assert loaded.unresolved == {str(path): "PA123456"}
    assert doc.author is not None and doc.author.name == "PA123456"  # the identifier kept


def test_a_name_disagreeing_with_the_actors_data_is_flagged(tmp_path: Path) -> None:
    data = json.loads((OPENDATA / "QANR5L16QE1234.json").read_text("utf-8"))
    data["question"]["auteur"]["identite"]["acteurRef"] = "PA700020"  # Lucien Bray
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    doc = read_file(path, actors=load_actors(AMO))
    assert doc.author is not None and doc.author.name == "Lucien Bray"
    assert any("names the author Antoine Verdier" in w for w in doc.warnings)


def test_ingest_again_with_actors_rebuilds(tmp_path: Path, actors: Actors) -> None:
    path = anonymous_record(tmp_path)
    with GraphStore(tmp_path / "store") as store:
        first = ingest([path], store)
        second = ingest([path], store, actors=actors)
        third = ingest([path], store, actors=actors)
        rows = list(
            store.query(
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                "PREFIX pk: <https://w3id.org/parlkg/ontology#> "
                "SELECT ?name WHERE { GRAPH ?g { ?doc pk:askedBy ?p . ?p rdfs:label ?name } }"
            )
        )
    assert (first.documents, second.documents, third.unchanged) == (1, 1, 1)
    assert [str(r[0].value) for r in rows] == ["Inès Carvalho-Roux"]  # type: ignore[index, union-attr]


def test_cli_actors_option_and_summary(tmp_path: Path) -> None:
    path = anonymous_record(tmp_path)
    runner = CliRunner()
    bare = runner.invoke(app, ["ingest", str(path), "--store", str(tmp_path / "a")])
    assert bare.exit_code == 0, bare.stderr
    assert "authors: 1 document(s) name their author only by acteurRef (PA700030)" in bare.stdout
    assert "pass --actors" in bare.stdout
    named = runner.invoke(
        app, ["ingest", str(path), "--store", str(tmp_path / "b"), "--actors", str(AMO)]
    )
    assert named.exit_code == 0, named.stderr
    assert "authors:" not in named.stdout
    broken = runner.invoke(
        app, ["ingest", str(path), "--store", str(tmp_path / "c"), "--actors", str(READ / "senat")]
    )
    assert broken.exit_code == 2
    assert "no acteur record found" in broken.stderr
