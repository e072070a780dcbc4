"""The whole-store summaries (`queries/summaries/*.ru`): built by the ingest when the
documents change, equal to what the document graphs say, rebuilt on demand."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from parlkg import summaries
from parlkg.cli import app
from parlkg.errors import StoreError
from parlkg.ingest import ingest
from parlkg.store import GraphStore
from parlkg.vocab import BASE, GRAPH, ID

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PREFIXES = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _rows(store: GraphStore, sparql: str) -> set[tuple[str, ...]]:
    solutions = store.query(PREFIXES + sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    return {tuple(term.value for term in row) for row in solutions}


@pytest.fixture()
def seed_copy(tmp_path: Path) -> Path:
    """The seed documents in a folder of their own."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for path in sorted(SEEDS.iterdir()):
        if path.is_file() and not path.name.endswith(".gold.json"):
            shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture()
def store_copy(seed_store_path: Path, tmp_path: Path) -> Path:
    """A copy of the seed store, to change."""
    path = tmp_path / "store"
    shutil.copytree(seed_store_path, path)
    return path


def test_the_ingest_builds_every_summary_and_a_reingest_none(
    seed_copy: Path, tmp_path: Path
) -> None:
    with GraphStore(tmp_path / "store") as store:
        first = ingest([seed_copy], store, ner=False)
        assert set(first.summarised) == {s.name for s in summaries.summaries()}
        assert summaries.stale(store) == []
        for summary in summaries.summaries():
            count = _rows(
                store, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{summary.graph}> {{ ?s ?p ?o }} }}"
            )
            assert int(next(iter(count))[0]) > 1, summary.name  # rows, not only the digest
        again = ingest([seed_copy], store, ner=False)
        assert again.documents == 0 and again.summarised == {}


def test_the_summaries_say_what_the_document_graphs_say(seed_store: GraphStore) -> None:
    # each stated fact: the documents stating it
    facts = _rows(
        seed_store,
        """SELECT ?s ?p ?o (STR(?n) AS ?count) WHERE {
             GRAPH <https://w3id.org/parlkg/graph/_facts> {
               ?f pk:factSubject ?s ; pk:factPredicate ?p ; pk:factObject ?o ;
                 pk:documentCount ?n } }""",
    )
    live = _rows(
        seed_store,
        """SELECT ?s ?p ?o (STR(COUNT(DISTINCT ?g)) AS ?count) WHERE {
             GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?p rdfs:subPropertyOf pk:relation }
             GRAPH ?g { ?st rdf:predicate ?p ; rdf:subject ?s ; rdf:object ?o } }
           GROUP BY ?s ?p ?o""",
    )
    assert facts == live and len(facts) >= 10
    # each law: the documents citing it
    cited = _rows(
        seed_store,
        """SELECT ?law (STR(?n) AS ?count) WHERE {
             GRAPH <https://w3id.org/parlkg/graph/_citations> {
               ?t pk:entity ?law ; pk:documentCount ?n } }""",
    )
    live = _rows(
        seed_store,
        """SELECT ?law (STR(COUNT(DISTINCT ?d)) AS ?count) WHERE { GRAPH ?g { ?d pk:cites ?law } }
           GROUP BY ?law""",
    )
    assert cited == live and len(cited) >= 4
    # the unanswered questions: neither answered nor letters
    unanswered = _rows(
        seed_store,
        "SELECT ?q WHERE { GRAPH <https://w3id.org/parlkg/graph/_unanswered> { ?q pk:status ?s } }",
    )
    answered = _rows(seed_store, "SELECT ?q WHERE { GRAPH ?g { ?q pk:answeredOn ?a } }")
    assert unanswered and not unanswered & answered
    assert all("lettre" not in q for (q,) in unanswered)


def test_summary_rows_stand_outside_the_entities(seed_store: GraphStore) -> None:
    """Facts and tallies are minted under …/summary/, not …/id/: the site, the VoID
    entity counts and the entities summary list what is typed under …/id/."""
    graphs = " ".join(f"<{s.graph}>" for s in summaries.summaries())
    typed = _rows(
        seed_store, f"SELECT ?r WHERE {{ VALUES ?g {{ {graphs} }} GRAPH ?g {{ ?r a ?c }} }}"
    )
    assert typed and all(r.startswith(BASE + "summary/") for (r,) in typed)
    assert not any(r.startswith(ID) for (r,) in typed)


def test_a_new_document_makes_the_summaries_stale_and_the_ingest_rebuilds_them(
    seed_copy: Path, tmp_path: Path
) -> None:
    extra = sorted(seed_copy.iterdir())[0]
    held = tmp_path / extra.name
    extra.rename(held)
    with GraphStore(tmp_path / "store") as store:
        ingest([seed_copy], store, ner=False)
        query = """SELECT (STR(SUM(?n)) AS ?total) WHERE {
                     GRAPH <https://w3id.org/parlkg/graph/_facts> { ?f pk:documentCount ?n } }"""
        before = _rows(store, query)
        held.rename(seed_copy / extra.name)
        report = ingest([seed_copy], store, ner=False)
        assert report.documents == 1 and set(report.summarised) == {
            s.name for s in summaries.summaries()
        }
        assert _rows(store, query) != before
        assert summaries.stale(store) == []


def test_a_dropped_summary_is_stale_and_rebuilt_alone(store_copy: Path) -> None:
    with GraphStore(store_copy) as store:
        store.drop_graph(GRAPH + "_facts")
        assert [s.name for s in summaries.stale(store)] == ["facts"]
        assert list(summaries.refresh(store)) == ["facts"]
        assert summaries.stale(store) == []


def _define(folder: Path, monkeypatch: pytest.MonkeyPatch, texts: dict[str, str]) -> None:
    """The library's summaries are `texts` (name -> update text), written in `folder`."""
    folder.mkdir()
    defined = []
    for name, text in texts.items():
        (folder / f"{name}.ru").write_text(text)
        defined.append(summaries.Summary(name, folder / f"{name}.ru"))
    monkeypatch.setattr(summaries, "summaries", lambda: defined)


def test_a_changed_definition_makes_its_summary_stale(
    store_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = {s.name: s.update_text() for s in summaries.summaries()}
    texts["raised"] = texts["raised"].replace(
        "(COUNT(DISTINCT ?doc) AS ?documents)", "(COUNT(?doc) AS ?documents)"
    )
    _define(tmp_path / "summaries", monkeypatch, texts)
    with GraphStore(store_copy) as store:
        assert [s.name for s in summaries.stale(store)] == ["raised"]
        assert list(summaries.refresh(store)) == ["raised"]
        assert summaries.stale(store) == []


def test_a_broken_summary_is_an_error_naming_its_file(
    store_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = {"broken": "INSERT { GRAPH <x:g> { ?s ?p } } WHERE { }"}
    _define(tmp_path / "summaries", monkeypatch, broken)
    with GraphStore(store_copy) as store, pytest.raises(StoreError, match=r"broken\.ru"):
        summaries.rebuild(store)


def test_cli_summarise_says_up_to_date_then_rebuilds_with_force(store_copy: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["summarise", "--store", str(store_copy)])
    assert result.exit_code == 0 and "every summary is up to date" in result.output
    result = runner.invoke(app, ["summarise", "--store", str(store_copy), "--force"])
    assert result.exit_code == 0
    for summary in summaries.summaries():
        assert f"{summary.name}: rebuilt in" in result.output


def _reaction_rows(store: GraphStore, sparql: str) -> set[tuple[str | None, ...]]:
    solutions = store.query(PREFIXES + sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    return {tuple(None if term is None else term.value for term in row) for row in solutions}


# the stage directions by kind, group or person, and speaker: what the reactions
# summary holds beside the interruptions (`by` and `target` may be unbound)
LIVE_REACTIONS = """
SELECT ?kind ?by ?target (STR(COUNT(DISTINCT ?r)) AS ?times) WHERE {
  GRAPH ?g { ?d pk:hasReaction ?r . ?r pk:reactionKind ?kind }
  OPTIONAL { GRAPH ?g { ?r pk:byGroup|pk:byPerson ?by } }
  OPTIONAL { GRAPH ?g { ?r pk:during ?turn . ?turn pk:speaker ?target } }
}
GROUP BY ?kind ?by ?target"""
SUMMARY_REACTIONS = """
SELECT ?kind ?by ?target (STR(?n) AS ?times) WHERE {
  GRAPH <https://w3id.org/parlkg/graph/_reactions> {
    ?row pk:kind ?kind ; pk:times ?n .
    OPTIONAL { ?row pk:by ?by }
    OPTIONAL { ?row pk:target ?target }
  }
  FILTER(?kind != "interruption")
}"""


def test_the_reactions_summary_follows_a_debate_reingested_with_another_text(
    seed_copy: Path, tmp_path: Path
) -> None:
    debate = seed_copy / "002_29cff7a8bea29425.txt"
    second = (
        " (*Applaudissements sur les bancs du groupe GDR – MM. Alexis Corbière, Jérémie "
        "Jordanoff et René Pilato applaudissent aussi.*)"
    )
    gdr = ID + "group/gauche-democrate-et-republicaine"
    times = f"""SELECT (STR(?n) AS ?times) WHERE {{
                 GRAPH <{GRAPH}_reactions> {{
                   ?row pk:kind "applause" ; pk:by <{gdr}> ; pk:times ?n }} }}"""
    with GraphStore(tmp_path / "store") as store:
        ingest([seed_copy], store, ner=False)
        summary = _reaction_rows(store, SUMMARY_REACTIONS)
        assert summary == _reaction_rows(store, LIVE_REACTIONS) and len(summary) >= 4
        assert _rows(store, times) == {("2",)}
        text = debate.read_text(encoding="utf-8")
        assert second in text
        debate.write_text(text.replace(second, ""), encoding="utf-8")
        report = ingest([seed_copy], store, ner=False)
        assert report.documents == 1 and "reactions" in report.summarised
        assert _rows(store, times) == {("1",)}
        after = _reaction_rows(store, SUMMARY_REACTIONS)
        assert after == _reaction_rows(store, LIVE_REACTIONS) and after != summary
        assert not any("jeremie-jordanoff" in (by or "") for _, by, _, _ in after)
        assert summaries.stale(store) == []
