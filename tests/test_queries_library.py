"""Every query of the library parses, runs on the seed graph and returns the rows expected.

The seeds (tests/conftest.py `seed_store`) are five real documents; the rows
below are what a careful reader finds in them. Rows that depend only on
metadata (ministries, dates, groups) or on stated relations are checked
exactly; for queries over every mention, the rows that must be there are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
import pytest

from parlkg import summaries
from parlkg.queries import LibraryQuery, library, run
from parlkg.results import Table

from .conftest import query_rows as rows

Rows = list[dict[str, str | None]]
ID = "https://w3id.org/parlkg/id/"
DOC = ID + "document/"
LETTER = DOC + "lettre-2025-08-08-alexandre-basquin"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ECONOMY = "Économie, finances, souveraineté industrielle et numérique"
TRANSITION = "Transition numérique et communications électroniques"


def pick(table: Rows, *columns: str) -> list[tuple[str | None, ...]]:
    return [tuple(row[c] for c in columns) for row in table]


# -- the catalogue -------------------------------------------------------------


def test_the_library_has_at_least_15_queries_each_with_a_full_header() -> None:
    queries = library()
    assert len(queries) >= 15
    for q in queries.values():
        assert q.summary and q.returns, q.name
        for p in q.params:
            assert p.description, (q.name, p.name)


# -- exact rows ------------------------------------------------------------------


def check_sovereignty_exposure(store: Any) -> None:
    table = rows(store, "sovereignty-exposure")
    found = {
        (r["platformLabel"], r["hostLabel"], r["providerLabel"], r["number"], r["quote"])
        for r in table
    }
    required = {
        (
            "Digital Evidence Sharing Capability",
            "Azure",
            "Microsoft",
            "486",
            "Digital Evidence Sharing Capability (DESC), utilise l'offre Azure de Microsoft "
            "pour le stockage",
        ),
        (
            "Health Data Hub",
            "Azure",
            "Microsoft",
            "486",
            "Health data Hub, qui utilise lui aussi Azure pour stocker",
        ),
        (
            "Health Data Hub",
            "Microsoft",
            "Microsoft",
            "2114",
            "choix de Microsoft pour le health data hub",
        ),
        (
            "Darwin EU",
            "Microsoft",
            "Microsoft",
            "585",
            "Darwin EU, qui prévoit le transfert des données de santé de 10 millions de "
            "Français, qui seront hébergées par l'entreprise américaine Microsoft",
        ),
        ("Doctolib", "Amazon", "Amazon", "43349", "Doctolib sont hébergés par Amazon"),
        (
            "Bpifrance",
            "Amazon Web Services",
            "Amazon Web Services",
            "43349",
            "Banque publique d'investissement fait appel, elle, à AWS",
        ),
    }
    assert required <= found, required - found
    # Azure is a platform: the provider is its operator, Microsoft, through the authority file
    for r in table:
        if r["hostLabel"] == "Azure":
            assert r["provider"] == ID + "company/microsoft"
        laws = set((r["laws"] or "").split(" ; "))
        assert laws == {"Cloud Act (États-Unis)", "section 702 du FISA (États-Unis)"}, r
        assert r["doc"] and r["date"] and r["quote"]
    assert ("Darwin EU", "2025-04-09") in pick(table, "platformLabel", "date")
    # one row per hosting: two documents state that Microsoft hosts the Health Data Hub,
    # the newest (n° 2114) is the evidence shown
    hdh = [
        r for r in table if (r["platformLabel"], r["hostLabel"]) == ("Health Data Hub", "Microsoft")
    ]
    assert pick(hdh, "documents", "first", "last", "number") == [
        ("2", "2021-12-28", "2022-10-11", "2114")
    ]


def check_ministry_workload(store: Any) -> None:
    table = rows(store, "ministry-workload")
    assert {tuple(r.values())[1:] for r in table} == {
        ("Intelligence artificielle et numérique", "2", "0", "2", "1", "0", "1", "0"),
        (ECONOMY, "1", "1", "1", "0", "1", "0", None),
        ("Numérique", "0", "0", "1", "0", "1", "0", None),
        (TRANSITION, "1", "1", "0", "0", "0", "0", None),
    }
    assert "median_delay_days" in table[0] and "answer_delays" not in table[0]


def check_ministry_outcomes(store: Any) -> None:
    table = rows(store, "ministry-outcomes")
    assert ("Numérique", "assigned", "1", "0", "1", "0") in pick(
        table, "label", "role", "questions", "answered", "withdrawn", "pending"
    )
    ia = [r for r in table if r["label"] == "Intelligence artificielle et numérique"]
    assert pick(ia, "role", "questions", "answered", "pending") == [
        ("asked", "2", "1", "1"),
        ("assigned", "2", "1", "1"),
    ]


def check_unanswered_by_ministry(store: Any) -> None:
    table = rows(store, "unanswered-by-ministry")
    assert set(pick(table, "label", "number", "status", "withdrawnOn")) == {
        ("Intelligence artificielle et numérique", "486", "pending", None),
        ("Numérique", "2114", "withdrawn", "2024-06-11"),
        (ECONOMY, "43349", "withdrawn", "2022-06-21"),
    }
    pending = rows(store, "unanswered-by-ministry", include_withdrawn="false")
    assert pick(pending, "number", "author") == [("486", "Philippe Latombe")]


def check_laws_by_year(store: Any) -> None:
    table = rows(store, "laws-by-year")
    assert ("Cloud Act", "2022", "1", "n° 2114") in pick(
        table, "label", "year", "documents", "refs"
    )
    assert ("Cloud Act", "2025", "1", "n° 585") in pick(table, "label", "year", "documents", "refs")
    by_law = {(r["law"], r["year"]) for r in table}
    assert (ID + "law/dsa", "2025") in by_law and (ID + "law/dma", "2025") in by_law
    assert (ID + "law/sren", "2025") in by_law


def check_laws_by_group(store: Any) -> None:
    table = rows(store, "laws-by-group")
    cloud_act = [r for r in table if r["law"] == ID + "law/cloud-act"]
    assert set(pick(cloud_act, "groupLabel", "documents", "authors")) == {
        ("Gauche démocrate et républicaine", "1", "Emmanuel Maurel"),
        ("Rassemblement National", "1", "Aurélien Lopez-Liguori"),
    }
    dsa = [r for r in table if r["law"] == ID + "law/dsa"]
    assert pick(dsa, "groupLabel", "authors") == [("(no group)", "Alexandre Basquin")]


def check_laws_cited(store: Any) -> None:
    table = rows(store, "laws-cited")
    by_law = {r["law"]: r for r in table}
    cloud_act = by_law[ID + "law/cloud-act"]
    # two questions by two authors of two groups
    assert pick([cloud_act], "citations", "authors", "groups", "first", "last") == [
        ("2", "2", "2", "2022-10-11", "2025-04-09")
    ]
    # a senator's letter: one author, no group
    assert pick([by_law[ID + "law/dsa"]], "citations", "authors", "groups") == [("1", "1", "0")]
    assert table[0]["law"] == ID + "law/cloud-act"  # most cited first
    assert {ID + "law/dma", ID + "law/sren"} <= set(by_law)


def check_cross_party_concerns(store: Any) -> None:
    table = rows(store, "cross-party-concerns")
    by_entity = {r["entity"]: r for r in table}
    for iri, groups, documents in (
        ("project/health-data-hub", "3", "4"),
        ("company/microsoft", "3", "4"),
        ("law/cloud-act", "2", "2"),
    ):
        row = by_entity[ID + iri]
        assert (row["groups"], row["documents"]) == (groups, documents), row
    names = set((by_entity[ID + "law/cloud-act"]["groupNames"] or "").split(", "))
    assert names == {"Gauche démocrate et républicaine", "Rassemblement National"}
    assert all(int(r["groups"] or 0) >= 2 for r in table)
    assert {r["entity"] for r in rows(store, "cross-party-concerns", min_groups="3")} >= {
        ID + "project/health-data-hub",
        ID + "company/microsoft",
    }


def check_debate_reactions(store: Any) -> None:
    table = rows(store, "debate-reactions")
    assert set(pick(table, "kind", "byLabel", "targetLabel", "times", "debates")) == {
        ("applause", "Gauche démocrate et républicaine", "Emmanuel Maurel", "2", "n° 585"),
        ("applause", "Alexis Corbière", "Emmanuel Maurel", "2", "n° 585"),
        ("applause", "René Pilato", "Emmanuel Maurel", "2", "n° 585"),
        ("applause", "Jérémie Jordanoff", "Emmanuel Maurel", "1", "n° 585"),
        ("interruption", "Alexis Corbière", "Emmanuel Maurel", "1", "n° 585"),
        ("interruption", "Stéphane Peu", "Clara Chappaz", "1", "n° 585"),
        ("interruption", "Alexis Corbière", "Clara Chappaz", "1", "n° 585"),
        ("interruption", "Ségolène Amiot", "Clara Chappaz", "2", "n° 585"),
    }
    examples = {(r["byLabel"], r["targetLabel"], r["kind"]): r["example"] for r in table}
    assert examples[("Stéphane Peu", "Clara Chappaz", "interruption")] == (
        "M. Stéphane Peu. Ce n'est pas vrai !"
    )
    assert examples[("Gauche démocrate et républicaine", "Emmanuel Maurel", "applause")] in {
        "Applaudissements sur les bancs du groupe GDR.",
        "Applaudissements sur les bancs du groupe GDR",
    }


def check_fact_evidence(store: Any) -> None:
    table = rows(store, "fact-evidence", subject="Health Data Hub", object="Microsoft")
    assert pick(table, "predicate", "number", "date", "quote") == [
        ("hostedBy", "2114", "2022-10-11", "choix de Microsoft pour le health data hub"),
        ("hostedBy", "43349", "2021-12-28", "il utilisera aussi les technologies de Microsoft"),
        (
            "operatedBy",
            None,
            "2025-08-08",
            "Health Data Hub, actuellement gérée par la société Microsoft",
        ),
    ]
    only = rows(store, "fact-evidence", subject="HDH", object="Microsoft", relation="pk:hostedBy")
    assert [r["number"] for r in only] == ["2114", "43349"]
    azure = rows(store, "fact-evidence", subject="Azure", object="Microsoft")
    assert pick(azure, "source", "number") == [("authority file", None), ("document", "486")]
    for r in table:  # the offsets point at the quote in the document's text
        assert int(r["end"] or 0) - int(r["start"] or 0) == len(r["quote"] or "")


def check_entity_timeline(store: Any) -> None:
    table = rows(store, "entity-timeline", entity="Microsoft")
    assert pick(table, "month", "documents", "questions", "answered", "refs") == [
        ("2021-12", "1", "1", "0", "n° 43349"),
        ("2022-10", "1", "1", "0", "n° 2114"),
        ("2024-10", "1", "1", "0", "n° 486"),
        ("2025-04", "1", "1", "1", "n° 585"),
        ("2025-08", "1", "0", "0", "lettre-2025-08-08-alexandre-basquin"),
    ]
    latombe = rows(store, "entity-timeline", entity="Philippe Latombe")
    assert pick(latombe, "month", "refs") == [("2024-10", "n° 486")]


def check_questions_about(store: Any) -> None:
    table = rows(store, "questions-about", actor="HDH")
    assert pick(table, "number", "author", "group", "status") == [
        (None, "Alexandre Basquin", None, None),
        ("585", "Emmanuel Maurel", "Gauche démocrate et républicaine", "answered"),
        ("486", "Philippe Latombe", "Les Démocrates", "pending"),
        ("2114", "Aurélien Lopez-Liguori", "Rassemblement National", "withdrawn"),
        ("43349", "Pierre Dharréville", "Gauche démocrate et républicaine", "withdrawn"),
    ]
    assert table[1]["ministry"] == "Intelligence artificielle et numérique"
    assert all(int(r["mentions"] or 0) >= 1 for r in table)


def check_actor_documents(store: Any) -> None:
    table = rows(store, "actor-documents", actor="Clara Chappaz")
    roles = set(pick(table, "number", "role"))
    assert {("585", "answered"), ("585", "speaker"), (None, "addressee")} <= roles


def check_actor_relations(store: Any) -> None:
    table = rows(store, "actor-relations", actor="Microsoft")
    stated = {(r["direction"], r["relation"], r["otherLabel"], r["number"]) for r in table}
    pk = "https://w3id.org/parlkg/ontology#"
    assert {
        ("in", pk + "hostedBy", "Darwin EU", "585"),
        ("in", pk + "hostedBy", "Health Data Hub", "2114"),
        ("in", pk + "operatedBy", "Azure", "486"),
        ("in", pk + "operatedBy", "Azure", None),  # the authority file says it too
        ("out", pk + "subjectTo", "Cloud Act", None),
    } <= stated


def check_actor_relations_2hop(store: Any) -> None:
    table = rows(store, "actor-relations-2hop", actor="Microsoft")
    paths = {(r["viaLabel"], r["link1"], r["link2"], r["otherLabel"]): r for r in table}
    desc = paths[("Azure", "^operatedBy", "^hostedBy", "Digital Evidence Sharing Capability")]
    assert desc["evidence1"] == "2024-10-08 n° 486: offre Azure de Microsoft"
    assert (desc["evidence2"] or "").startswith("2024-10-08 n° 486: Digital Evidence Sharing")
    assert ("Cloud Act", "subjectTo", "^subjectTo", "Amazon") in paths
    assert paths[("Cloud Act", "subjectTo", "^subjectTo", "Amazon")]["evidence1"] == (
        "authority file"
    )
    assert ("Health Data Hub", "^hostedBy", "hostedIn", "États-Unis") in paths
    assert all(r["other"] != ID + "company/microsoft" for r in table)


def check_co_mentioned(store: Any) -> None:
    table = rows(store, "co-mentioned", actor="Microsoft", min_shared="3")
    shared = {r["label"]: r["shared"] for r in table}
    assert shared["Health Data Hub"] == "5" and shared["Google"] == "3"
    assert all(int(v or 0) >= 3 for v in shared.values())


def check_awaiting_curation(store: Any) -> None:
    table = rows(store, "awaiting-curation")
    kinds = {r["label"] or "": r["kind"] for r in table}
    assert kinds["Alexis Corbière"] == "Person"
    assert any(k == "Law" and label.startswith("proposition de loi") for label, k in kinds.items())
    assert ID + "company/microsoft" not in {r["entity"] for r in table}  # curated: not listed
    laws = rows(store, "awaiting-curation", kind_filter="law")
    assert laws and {r["kind"] for r in laws} == {"Law"}


def check_entity_card(store: Any) -> None:
    result = run(store, library()["entity-card"], {"entity": "Azure"})
    assert isinstance(result, list)
    triples = {(t.subject.value, t.predicate.value, t.object.value) for t in result}
    azure, pk = ID + "project/azure", "https://w3id.org/parlkg/ontology#"
    assert (azure, pk + "operatedBy", ID + "company/microsoft") in triples
    assert (azure, RDFS_LABEL, "Azure") in triples
    assert (ID + "project/health-data-hub", pk + "hostedBy", azure) in triples
    assert (ID + "company/microsoft", RDFS_LABEL, "Microsoft") in triples


CHECKS: dict[str, Callable[[Any], None]] = {
    "actor-documents": check_actor_documents,
    "actor-relations": check_actor_relations,
    "actor-relations-2hop": check_actor_relations_2hop,
    "awaiting-curation": check_awaiting_curation,
    "co-mentioned": check_co_mentioned,
    "cross-party-concerns": check_cross_party_concerns,
    "debate-reactions": check_debate_reactions,
    "entity-card": check_entity_card,
    "entity-timeline": check_entity_timeline,
    "fact-evidence": check_fact_evidence,
    "laws-by-group": check_laws_by_group,
    "laws-by-year": check_laws_by_year,
    "laws-cited": check_laws_cited,
    "ministry-outcomes": check_ministry_outcomes,
    "ministry-workload": check_ministry_workload,
    "questions-about": check_questions_about,
    "sovereignty-exposure": check_sovereignty_exposure,
    "unanswered-by-ministry": check_unanswered_by_ministry,
}


def test_every_library_query_has_its_expected_rows_checked() -> None:
    assert set(CHECKS) == set(library()), "add a check for each new query"


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_query_returns_the_expected_rows_on_the_seeds(seed_store: Any, name: str) -> None:
    CHECKS[name](seed_store)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_query_columns_are_the_ones_its_header_announces(seed_store: Any, name: str) -> None:
    query: LibraryQuery = library()[name]
    params = {p.name: _sample(p.name) for p in query.params if p.default is None}
    result = run(seed_store, query, params)
    if isinstance(result, Table):
        announced = [c.strip() for c in query.returns.split(",")]
        assert result.columns == announced
        assert result.rows, f"{name} returns nothing on the seeds"
    else:
        assert result, f"{name} returns nothing on the seeds"


def _sample(param: str) -> str:
    return {"subject": "Health Data Hub", "object": "Microsoft"}.get(param, "Microsoft")


def test_an_answered_question_has_its_answer_delay_median(tmp_path: Any) -> None:
    """The median of `ministry-workload` on a graph of three answered questions."""
    from parlkg.store import GraphStore

    from .conftest import FIXTURES

    data = (FIXTURES / "queries" / "answered.nq").read_text(encoding="utf-8")
    with GraphStore(tmp_path / "store") as store:
        store.ensure_static_graphs()
        for graph, lines in _by_graph(data).items():
            store.replace_graph(graph, "\n".join(lines))
        # loaded by hand, not by `parlkg ingest`: the summaries are built as
        # `parlkg summarise --force` does
        store.rebuild_entities()
        summaries.rebuild(store)
        table = rows(store, "ministry-workload")
    by_label = {r["label"]: r for r in table}
    assert by_label["Ministère témoin A"]["median_delay_days"] == "30"  # 10, 30, 95
    assert by_label["Ministère témoin B"]["median_delay_days"] == "45.5"  # 41, 50
    assert by_label["Ministère témoin A"]["answered"] == "3"
    assert by_label["Ministère témoin B"]["pending"] == "1"


def _by_graph(nquads: str) -> dict[str, list[str]]:
    graphs: dict[str, list[str]] = {}
    for quad in ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS):
        assert isinstance(quad.graph_name, ox.NamedNode)
        line = f"{quad.subject} {quad.predicate} {quad.object} ."
        graphs.setdefault(quad.graph_name.value, []).append(line)
    return graphs


def test_relation_lists_in_queries_follow_the_ontology() -> None:
    """Queries name the typed relations in VALUES or IN lists (fast on Oxigraph); a
    relation added to the ontology under pk:relation must be added to every such list."""
    import re

    import rdflib

    from .conftest import ROOT

    graph = rdflib.Graph().parse(ROOT / "ontology" / "parlkg.ttl", format="turtle")
    pk = rdflib.Namespace("https://w3id.org/parlkg/ontology#")
    relations = {
        "pk:" + str(p).rsplit("#", 1)[1]
        for p in graph.transitive_subjects(rdflib.RDFS.subPropertyOf, pk.relation)
        if p != pk.relation
    }
    assert "pk:hostedBy" in relations
    blocks = 0
    for q in library().values():
        # VALUES ?p { pk:hostedBy … } and FILTER(?p IN (pk:hostedBy, …)) lists
        lists = re.findall(r"VALUES \?\w+ \{([^}]*)\}", q.text)
        lists += [b.replace(",", " ") for b in re.findall(r"\bIN \(([^)]*)\)", q.text)]
        for block in lists:
            if "pk:hostedBy" in block:
                blocks += 1
                assert relations <= set(block.split()), (q.name, relations - set(block.split()))
    assert blocks >= 6


RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _debate_with_unnamed_reactions() -> str:
    """A debate (N-Triples) with a stage direction naming nobody during nobody's turn,
    one naming nobody during a speaker's turn, one by a group during the chair's
    unnamed turn, and an interruption."""
    pk, doc = "https://w3id.org/parlkg/ontology#", ID + "document/test-debate"
    alpha, beta, group = ID + "person/test-alpha", ID + "person/test-beta", ID + "group/test"
    text = (
        "M. Alpha. Un long discours sur le budget. (Protestations.) M. Beta. Faux ! "
        "M. Alpha. Je reprends. (Exclamations.) Mme la présidente. Merci. (Applaudissements.)"
    )
    starts = [text.index(c) for c in ("M. Alpha. Un", "M. Beta.", "M. Alpha. Je", "Mme la")]
    starts.append(len(text))
    lines = [
        f'<{doc}> <{pk}number> "7" .',
        f'<{doc}> <{pk}publishedOn> "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> .',
        f"<{doc}> <{pk}text> {ox.Literal(text)} .",
    ]
    for entity, kind, label in (
        (alpha, "Person", "Alpha"),
        (beta, "Person", "Beta"),
        (group, "ParliamentaryGroup", "GT"),
    ):
        lines += [
            f"<{entity}> <{RDF_TYPE}> <{pk}{kind}> .",
            f'<{entity}> <{RDFS_LABEL}> "{label}"@fr .',
        ]
    for order, speaker in enumerate([alpha, beta, alpha, None], start=1):
        turn = f"<{doc}#turn-{order}>"
        lines += [f"<{doc}> <{pk}hasTurn> {turn} .", f"{turn} <{pk}order> {order} ."]
        lines += [
            f"{turn} <{pk}start> {starts[order - 1]} .",
            f"{turn} <{pk}end> {starts[order]} .",
        ]
        lines += [f"{turn} <{pk}speaker> <{speaker}> ."] if speaker else []
    for n, (kind, exact, during, by) in enumerate(
        [
            ("protest", "Protestations.", 1, None),
            ("exclamation", "Exclamations.", None, None),
            ("applause", "Applaudissements.", 4, group),
        ]
    ):
        reaction = f"<{doc}#reaction-{n}>"
        lines += [f"<{doc}> <{pk}hasReaction> {reaction} .", f'{reaction} <{pk}exact> "{exact}" .']
        lines += [f'{reaction} <{pk}reactionKind> "{kind}" .']
        lines += [f"{reaction} <{pk}during> <{doc}#turn-{during}> ."] if during else []
        lines += [f"{reaction} <{pk}byGroup> <{by}> ."] if by else []
    return "\n".join(lines)


def test_debate_reactions_keeps_the_reactions_naming_nobody(tmp_path: Any) -> None:
    """`debate-reactions` reads the reactions summary: a stage direction naming nobody,
    or during a turn without a speaker, keeps its row, without a label; the labels
    are looked up live (the authority file's before the printed name)."""
    from parlkg.store import GraphStore
    from parlkg.vocab import AUTHORITY_GRAPH, GRAPH

    with GraphStore(tmp_path / "store") as store:
        store.ensure_static_graphs()
        store.replace_graph(GRAPH + "test-debate", _debate_with_unnamed_reactions())
        store.rebuild_entities()
        summaries.rebuild(store)
        table = rows(store, "debate-reactions")
        columns = ("kind", "by", "byLabel", "target", "targetLabel", "times", "debates", "example")
        alpha, beta, group = ID + "person/test-alpha", ID + "person/test-beta", ID + "group/test"
        expected = [
            ("applause", group, "GT", None, None, "1", "n° 7", "Applaudissements."),
            ("exclamation", None, None, None, None, "1", "n° 7", "Exclamations."),
            ("interruption", beta, "Beta", alpha, "Alpha", "1", "n° 7", "M. Beta. Faux ! "),
            ("protest", None, None, alpha, "Alpha", "1", "n° 7", "Protestations."),
        ]
        assert pick(table, *columns) == expected
        # a curated label, added after the summary was built, shows at once
        curated = f'<{group}> <{RDFS_LABEL}> "Groupe témoin"@fr'
        store.update(f"INSERT DATA {{ GRAPH <{AUTHORITY_GRAPH}> {{ {curated} }} }}")
        assert pick(rows(store, "debate-reactions"), "byLabel")[0] == ("Groupe témoin",)
