"""`ministry-outcomes` reads the outcomes summary (`queries/summaries/outcomes.ru`,
`…/graph/_outcomes`, kept by the ingest): its rows are what the document graphs
say, counted live over every question (the query as it was before the summary)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from parlkg import summaries
from parlkg.store import GraphStore
from parlkg.vocab import GRAPH, ID, PK
from tests.conftest import query_rows

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

Row = tuple[str, ...]

# each ministry and role, its questions counted from the document graphs
LIVE = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ministry ?role (COUNT(DISTINCT ?q) AS ?questions)
       (COUNT(DISTINCT ?answeredQ) AS ?answered) (COUNT(DISTINCT ?withdrawnQ) AS ?withdrawn)
WHERE {
  { ?q pk:addressedTo ?ministry BIND("asked" AS ?role) }
  UNION
  { ?q pk:assignedTo ?ministry BIND("assigned" AS ?role) }
  GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?class rdfs:subClassOf* pk:Question }
  ?q a ?class
  OPTIONAL { ?q pk:answeredOn ?answeredOn }
  OPTIONAL { ?q pk:withdrawnOn ?withdrawnOn }
  BIND(IF(BOUND(?answeredOn), ?q, ?none) AS ?answeredQ)
  BIND(IF(BOUND(?withdrawnOn) && !BOUND(?answeredOn), ?q, ?none) AS ?withdrawnQ)
}
GROUP BY ?ministry ?role
"""


def _live(store: GraphStore) -> set[Row]:
    solutions = store.query(LIVE)
    assert isinstance(solutions, ox.QuerySolutions)
    found: set[Row] = set()
    for ministry, role, questions, answered, withdrawn in solutions:
        pending = int(questions.value) - int(answered.value) - int(withdrawn.value)
        counts = (questions.value, answered.value, withdrawn.value, str(pending))
        found.add((ministry.value, role.value, *counts))
    return found


def _rows(store: GraphStore) -> set[Row]:
    columns = ("ministry", "role", "questions", "answered", "withdrawn", "pending")
    return {tuple(row[c] or "" for c in columns) for row in query_rows(store, "ministry-outcomes")}


def test_the_rows_are_the_live_counts_on_the_seeds(seed_store: Any) -> None:
    rows = _rows(seed_store)
    assert rows == _live(seed_store)
    assert {role for _, role, *_ in rows} == {"asked", "assigned"} and len(rows) >= 4


MINISTRY_A, MINISTRY_B = ID + "ministry/temoin-a", ID + "ministry/temoin-b"
LABELS = {MINISTRY_A: "Ministère témoin A", MINISTRY_B: "Ministère témoin B"}
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")


def _graph(graph: str, key: str, kind: str, **links: str) -> tuple[str, str]:
    """A document graph: the document's class, its ministries (addressedTo,
    assignedTo) and dates (answeredOn, withdrawnOn), the ministries' types and labels."""
    doc = ox.NamedNode(ID + "document/" + key)
    lines = [f"{doc} a {ox.NamedNode(PK + kind)} ."]
    for prop, value in links.items():
        term = ox.Literal(value, datatype=XSD_DATE) if prop.endswith("On") else ox.NamedNode(value)
        lines.append(f"{doc} {ox.NamedNode(PK + prop)} {term} .")
    for ministry, label in LABELS.items():
        lines.append(f"{ox.NamedNode(ministry)} a {ox.NamedNode(PK + 'Ministry')} .")
        lines.append(f"{ox.NamedNode(ministry)} {LABEL} {ox.Literal(label, language='fr')} .")
    return GRAPH + graph, "\n".join(lines)


def test_each_question_counts_once_in_each_role_under_one_outcome(tmp_path: Path) -> None:
    a, b = MINISTRY_A, MINISTRY_B
    graphs = [
        # asked of A, assigned to B, answered; stated again in a second graph
        _graph(
            "test-q1", "q1", "WrittenQuestion", addressedTo=a, assignedTo=b, answeredOn="2024-03-01"
        ),
        _graph("test-q1-again", "q1", "WrittenQuestion", addressedTo=a, answeredOn="2024-03-01"),
        # answered, then withdrawn: answered
        _graph(
            "test-q2",
            "q2",
            "GovernmentQuestion",
            addressedTo=a,
            assignedTo=a,
            answeredOn="2024-02-01",
            withdrawnOn="2024-05-01",
        ),
        _graph("test-q3", "q3", "WrittenQuestion", addressedTo=b, withdrawnOn="2024-04-01"),
        _graph("test-q4", "q4", "WrittenQuestion", addressedTo=a),
        # a letter is addressed to a ministry, but is no question
        _graph("test-l1", "l1", "Letter", addressedTo=b),
    ]
    with GraphStore(tmp_path / "store") as store:
        store.ensure_static_graphs()
        for graph, ntriples in graphs:
            store.replace_graph(graph, ntriples)
        # loaded by hand, not by `parlkg ingest`: built as `parlkg summarise --force` does
        store.rebuild_entities()
        summaries.rebuild(store)
        table = query_rows(store, "ministry-outcomes")
        assert _rows(store) == _live(store)
    columns = ("label", "role", "questions", "answered", "withdrawn", "pending")
    assert [tuple(row[c] for c in columns) for row in table] == [  # most questions first
        ("Ministère témoin A", "asked", "3", "2", "0", "1"),
        ("Ministère témoin A", "assigned", "1", "1", "0", "0"),
        ("Ministère témoin B", "asked", "1", "0", "1", "0"),
        ("Ministère témoin B", "assigned", "1", "1", "0", "0"),
    ]
