"""The corpus open-data QAG record (QANR5L16QG616, no gold) ingested into a real store:
its debate, reactions and answering minister, checked with SPARQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from parlkg.actors_data import load_actors
from parlkg.ingest import ingest
from parlkg.store import GraphStore

from .conftest import CORPUS

RECORD = CORPUS / "QANR5L16QG616.json"
AMO = Path(__file__).parent / "fixtures" / "read" / "amo"

pytestmark = pytest.mark.skipif(not RECORD.is_file(), reason="no development corpus")

PREFIXES = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
GRAPH = "https://w3id.org/parlkg/graph/an-16-qg-616"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    path = tmp_path_factory.mktemp("qg616") / "store"
    with GraphStore(path) as graph_store:
        report = ingest([RECORD], graph_store, actors=load_actors(AMO))
        assert report.ok and report.documents == 1, report.failures
        yield graph_store


def rows(store: GraphStore, body: str) -> list[tuple[str, ...]]:
    """SELECT results as plain strings; `body` is the query after the prefixes."""
    result = store.query(PREFIXES + body)
    return [tuple(str(term.value) for term in row) for row in result]  # type: ignore[union-attr]


def test_the_record_is_one_document_graph(store: GraphStore) -> None:
    assert store.document_graphs() == [GRAPH]


def test_speech_turns_in_order(store: GraphStore) -> None:
    turns = rows(
        store,
        """SELECT DISTINCT ?t ?order ?who WHERE {
             { GRAPH ?g { ?doc pk:hasTurn ?t . ?t pk:order ?order ; rdfs:label ?who } }
             UNION
             { GRAPH ?g { ?doc pk:hasTurn ?t . ?t pk:order ?order ; pk:speaker ?p }
               GRAPH ?h { ?p rdfs:label ?who } }
           } ORDER BY ?order""",
    )
    speakers = [who for _, _, who in turns]
    assert speakers[:3] == ["la présidente", "Jean-Philippe Tanguy", "Jean-René Cazeneuve"]
    assert speakers[5] == "Bruno Le Maire"
    assert {"Thomas Ménagé", "Laurent Jacobelli", "Alexandre Loubet", "Sébastien Chenu"} <= set(
        speakers
    )
    assert "députés du groupe RN" in speakers  # "Plusieurs députés du groupe RN."
    assert speakers.count("Bruno Le Maire") >= 4
    assert len(turns) == 18


def test_turn_offsets_point_into_the_text(store: GraphStore) -> None:
    found = rows(
        store,
        """SELECT ?start ?end ?text WHERE { GRAPH ?g {
             ?doc pk:text ?text ; pk:hasTurn ?t . ?t pk:start ?start ; pk:end ?end } }""",
    )
    for start, end, text in found:
        assert text[int(start) : int(end)].startswith(("M. ", "Mme ", "Plusieurs "))


def test_reactions_by_group(store: GraphStore) -> None:
    found = rows(
        store,
        """SELECT ?kind ?short WHERE {
             GRAPH ?g { ?doc pk:hasReaction ?r . ?r pk:reactionKind ?kind ; pk:byGroup ?grp }
             GRAPH ?h { ?grp skos:altLabel ?short }
             FILTER(STRLEN(?short) <= 3)
           }""",
    )
    assert {("applause", "RN"), ("applause", "RE"), ("applause", "Dem")} <= set(found)
    assert ("protest", "RE") in found
    assert ("exclamation", "RN") in found


def test_answered_by_bruno_le_maire(store: GraphStore) -> None:
    found = rows(
        store,
        """SELECT DISTINCT ?name WHERE { GRAPH ?g { ?doc pk:answeredBy ?p }
                               GRAPH ?h { ?p rdfs:label ?name } }""",
    )
    assert found == [("Bruno Le Maire",)]


def test_author_from_the_actors_data(store: GraphStore) -> None:
    found = rows(
        store,
        """SELECT DISTINCT ?name ?ref ?seat WHERE {
             GRAPH ?g { ?doc pk:askedBy ?p . ?p pk:acteurRef ?ref .
                        OPTIONAL { ?p pk:represents ?c . ?c rdfs:label ?seat } }
             GRAPH ?h { ?p rdfs:label ?name } }""",
    )
    assert found == [("Jean-Philippe Tanguy", "PA795778", "Somme (4e circonscription)")]
