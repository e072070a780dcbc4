"""`co-mentioned` against the store itself: for every entity the seeds name, the rows
are the entities named in the same documents, each with the number of documents
both are named in, counted here from the documents' `pk:mentions`.

The query reads the date index instead (`?e pk:namedOn ?date`, one triple per entity
a document's text names): the first test checks the index lists exactly those."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from parlkg.queries import library, run
from parlkg.results import Table
from parlkg.vocab import AUTHORITY_GRAPH, GRAPH, PK, RDFS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _by_graph(store: Any, predicate: str) -> dict[str, list[str]]:
    """The entities of each document graph by `predicate`: object of pk:mentions,
    subject of pk:namedOn."""
    out: dict[str, list[str]] = defaultdict(list)
    for q in store.quads_matching(predicate=ox.NamedNode(predicate)):
        graph = q.graph_name.value
        if graph.startswith(GRAPH + "_"):
            continue
        out[graph].append((q.object if predicate == PK + "mentions" else q.subject).value)
    return out


def test_the_index_names_what_each_document_mentions(seed_store: Any) -> None:
    mentioned = _by_graph(seed_store, PK + "mentions")
    named = _by_graph(seed_store, PK + "namedOn")
    assert len(mentioned) == 5 and sum(map(len, mentioned.values())) > 50
    assert named.keys() == mentioned.keys()
    for graph, entities in named.items():
        assert len(entities) == len(set(entities)), graph  # one triple an entity
        assert set(entities) == set(mentioned[graph]), graph


def _labels(store: Any) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Each entity's names and classes: the authority file's, else every document's."""
    curated: dict[str, set[str]] = defaultdict(set)
    printed: dict[str, set[str]] = defaultdict(set)
    for predicate in (RDFS + "label", RDF_TYPE):
        for q in store.quads_matching(predicate=ox.NamedNode(predicate)):
            graph, value = q.graph_name.value, q.object.value
            if graph == AUTHORITY_GRAPH:
                if predicate == RDF_TYPE or q.object.language in (None, "fr"):
                    curated[q.subject.value + predicate].add(value)
            elif not graph.startswith(GRAPH + "_"):
                printed[q.subject.value + predicate].add(value)
    return curated, printed


def test_each_row_is_an_entity_named_with_the_actor_and_the_documents_they_share(
    seed_store: Any,
) -> None:
    mentioned = {g: set(es) for g, es in _by_graph(seed_store, PK + "mentions").items()}
    curated, printed = _labels(seed_store)
    query = library()["co-mentioned"]
    actors = sorted(set().union(*mentioned.values()))
    assert len(actors) > 40
    checked = 0
    for actor in actors:
        shared: dict[str, int] = defaultdict(int)
        for entities in mentioned.values():
            if actor in entities:
                for other in entities - {actor}:
                    shared[other] += 1
        for min_shared in (1, 3):
            result = run(seed_store, query, {"actor": actor, "min_shared": str(min_shared)})
            assert isinstance(result, Table)
            rows = result.values()
            expected = {other: n for other, n in shared.items() if n >= min_shared}
            assert {r["other"]: int(r["shared"] or 0) for r in rows} == expected, actor
            assert len(rows) == len(expected), actor
            for r in rows:
                other = r["other"] or ""
                label = RDFS + "label"
                names = curated.get(other + label) or printed.get(other + label) or {other}
                assert r["label"] in names, (actor, other)
                classes = curated.get(other + RDF_TYPE) or printed.get(other + RDF_TYPE)
                assert classes and PK + (r["kind"] or "") in classes, (actor, other)
            order = [(-int(r["shared"] or 0), r["label"] or "", r["other"] or "") for r in rows]
            assert order == sorted(order), actor
            checked += len(rows)
    assert checked > 500
