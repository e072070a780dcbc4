"""`parlkg curate`: entities minted from the text are listed for review, with their
spellings and quotes, and written as Turtle the authority file can take."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from parlkg.authority import Authority, parse_authority
from parlkg.cli import app
from parlkg.curate import Candidate, awaiting_curation, render_table, render_turtle
from parlkg.ingest import build
from parlkg.lookup import find_entities
from parlkg.model import Chamber, DocType, Document
from parlkg.store import GraphStore
from parlkg.text import typographic

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
ONTOLOGY_AUTHORITY = Path(__file__).parents[1] / "ontology" / "authority.ttl"

TEXTS = {
    "curate-a": (FIXTURES / "unknown_actors.txt").read_text(encoding="utf-8"),
    "curate-b": (
        "Mme Lucie Brault interroge M. le ministre de l'agriculture sur les données agricoles. "
        "Les coopératives Terrena et Sodiaal ont saisi la Commission européenne, comme le "
        "Groupement des agriculteurs de l'Ouest (GAO)."
    ),
}


def _doc(key: str, text: str) -> Document:
    return Document(
        key=key,
        source_path=f"{key}.txt",
        layout="test",
        doc_type=DocType.WRITTEN_QUESTION,
        chamber=Chamber.AN,
        text=typographic(text),
        content_hash=key,
    )


@pytest.fixture(scope="module")
def authority() -> Authority:
    return parse_authority(ONTOLOGY_AUTHORITY)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, authority: Authority) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("curate") / "store"
    with GraphStore(path) as graph_store:
        graph_store.ensure_static_graphs()
        for key, text in TEXTS.items():
            _, graph = build(_doc(key, text), authority)
            graph_store.replace_graph(graph.graph, graph.ntriples())
        graph_store.rebuild_entities()  # the summary `awaiting-curation` reads (the ingest's)
        graph_store.flush()
    yield path


def _by_label(candidates: list[Candidate]) -> dict[str, Candidate]:
    return {c.label: c for c in candidates}


def test_minted_entities_are_listed_most_frequent_first(store: Path) -> None:
    with GraphStore(store) as graph_store:
        candidates = awaiting_curation(graph_store)
    found = _by_label(candidates)
    assert found["Terrena"].documents == 2
    assert found["Terrena"].kind == "Organization"
    assert found["Damien Lacombe"].documents == 1
    counts = [c.documents for c in candidates]
    assert counts == sorted(counts, reverse=True)
    assert "Commission européenne" not in found  # in the authority file: nothing to review
    assert all(c.quotes and len(c.quotes) <= 3 for c in candidates)
    assert any("Terrena" in q for q in found["Terrena"].quotes)


def test_filters_by_kind_and_by_number_of_documents(store: Path) -> None:
    with GraphStore(store) as graph_store:
        persons = awaiting_curation(graph_store, "Person")
        frequent = awaiting_curation(graph_store, min_docs=2)
    assert persons and {c.kind for c in persons} == {"Person"}
    assert {c.label for c in frequent} >= {"Terrena", "Groupement des agriculteurs de l'Ouest"}
    assert all(c.documents >= 2 for c in frequent)


def test_an_acronym_taught_is_a_variant_and_finds_the_entity(store: Path) -> None:
    with GraphStore(store) as graph_store:
        gao = _by_label(awaiting_curation(graph_store))["Groupement des agriculteurs de l'Ouest"]
        assert gao.variants == ["GAO"]
        assert "acronym-taught" in gao.rules
        assert [c.iri for c in find_entities(graph_store, "GAO")] == [gao.iri]


def test_turtle_is_ready_for_the_authority_file(store: Path) -> None:
    with GraphStore(store) as graph_store:
        candidates = awaiting_curation(graph_store, min_docs=2)
    turtle = render_turtle(candidates)
    graph = list(ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE))
    subjects = {q.subject.value for q in graph}
    assert subjects == {c.iri for c in candidates}
    gao = next(c for c in candidates if c.variants == ["GAO"])
    assert ox.Literal("GAO", language="fr") in {
        q.object for q in graph if q.subject.value == gao.iri
    }


def test_pasted_into_the_authority_file_the_entity_is_known(store: Path, tmp_path: Path) -> None:
    with GraphStore(store) as graph_store:
        candidates = awaiting_curation(graph_store, min_docs=2)
    gao = next(c for c in candidates if c.variants == ["GAO"])
    promoted = tmp_path / "authority.ttl"
    text = ONTOLOGY_AUTHORITY.read_text(encoding="utf-8")
    promoted.write_text(text + "\n" + render_turtle(candidates), encoding="utf-8")
    entry = parse_authority(promoted).lookup("GAO")
    assert entry is not None and entry.iri == gao.iri


def test_the_command(store: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["curate", "--store", str(store), "--kind", "Organization"])
    assert table.exit_code == 0, table.output
    headers = [line for line in table.output.splitlines() if line and not line[0].isspace()]
    assert any("Terrena" in line for line in headers)
    assert not any("Damien Lacombe" in line for line in headers)
    turtle = runner.invoke(app, ["curate", "--store", str(store), "--format", "turtle"])
    assert turtle.exit_code == 0 and "rdfs:label" in turtle.output
    bad = runner.invoke(app, ["curate", "--store", str(store), "--format", "xml"])
    assert bad.exit_code == 2


def test_an_empty_list_says_so() -> None:
    assert render_table([]) == "no entity awaits curation"
