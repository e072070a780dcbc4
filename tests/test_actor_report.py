"""`parlkg actor`: links grouped by role and by relation, each with number, date and quote."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from parlkg.actor import actor_report, render_actor
from parlkg.cli import app

runner = CliRunner()


def test_links_are_grouped_by_relation_with_their_evidence(seed_store: Any) -> None:
    report = actor_report(seed_store, "microsoft")
    grouped = report.links_by_verb()
    assert list(grouped) == ["hosts", "operates", "partner of", "subject to"]
    hosts = {link.label: link for link in grouped["hosts"]}
    assert set(hosts) == {"Darwin EU", "Health Data Hub", "Ministère de l'Éducation nationale"}
    assert [e.reference for e in hosts["Health Data Hub"].evidence] == [
        "n° 2114, 2022-10-11",
        "n° 43349, 2021-12-28",
    ]
    azure = next(k for k in grouped["operates"] if k.label == "Azure")
    assert azure.curated and azure.evidence[0].quote == "offre Azure de Microsoft"
    assert {k.label for k in grouped["subject to"]} == {"Cloud Act", "section 702 du FISA"}
    assert report.document_count == 5


def test_the_text_lists_documents_then_relations(seed_store: Any) -> None:
    text = render_actor(actor_report(seed_store, "Health Data Hub"))
    assert text.startswith("Health Data Hub  [Project]  <https://w3id.org/parlkg/id/project/")
    assert "Linked to 5 document(s)." in text
    assert "hosted by (2):" in text  # Azure (n° 486), Microsoft (n° 2114, n° 43349)
    assert "      n° 486, 2024-10-08: « Health data Hub, qui utilise lui aussi Azure" in text
    assert "operated by (1):" in text and "letter, 2025-08-08: « Health Data Hub, actuellement" in (
        text
    )
    assert "data hosted in (1):" in text


def test_limit_caps_long_lists(seed_store: Any) -> None:
    text = render_actor(actor_report(seed_store, "Microsoft"), limit=2)
    assert "… and 3 more documents (--limit 0 lists all)" in text
    assert "… and 1 more entity" in text  # three hosted entities, two shown


def test_cli_actor_draws_its_picture(seed_store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "ms.svg"
    result = runner.invoke(
        app, ["actor", "Microsoft", "--graph", str(out), "--store", str(seed_store_path)]
    )
    assert result.exit_code == 0, result.stderr
    assert "Linked to 5 document(s)." in result.stdout
    assert f"picture written to {out}" in result.stderr
    assert out.read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    bad = runner.invoke(
        app, ["actor", "Microsoft", "--graph", str(tmp_path / "ms.png"), "--store", "x"]
    )
    assert bad.exit_code == 2 and ".svg or .html" in bad.stderr


def test_the_listing_is_actor_documents_newest_first(seed_store: Any) -> None:
    """A report reads roles and dates first, then the details of the documents it shows:
    the same rows as the library query `actor-documents`, in its order."""
    for name in ("Microsoft", "Clara Chappaz", "Cloud Act", "Philippe Latombe", "HDH"):
        report = actor_report(seed_store, name)
        full = report.documents.values()
        counts = Counter(row["role"] for row in full)
        assert report.role_counts == counts, name
        assert report.document_count == len({row["doc"] for row in full}), name
        report = actor_report(seed_store, name)  # again: nothing read yet
        for limit in (1, 2, 20):
            listing = report.listing(limit)
            for role, (count, rows) in listing.items():
                expected = [row for row in full if row["role"] == role]
                assert count == len(expected), (name, role)
                assert rows == expected[:limit], (name, role, limit)


def test_links_count_every_statement_and_keep_the_newest(seed_store: Any) -> None:
    """The text's report reads the newest statements of each link and counts the rest:
    the same links, counts and newest evidence as reading every statement."""
    for name in ("Microsoft", "Health Data Hub", "Azure"):
        full = actor_report(seed_store, name, evidence=0).links
        for keep in (1, 3):
            light = actor_report(seed_store, name, evidence=keep).links
            assert [(k.verb, k.other, k.label, k.kind, k.curated) for k in light] == [
                (k.verb, k.other, k.label, k.kind, k.curated) for k in full
            ], name
            assert [k.statements for k in light] == [len(k.evidence) for k in full], name
            assert [k.evidence for k in light] == [k.evidence[:keep] for k in full], name


def test_links_count_the_sentences_stating_them(seed_store: Any) -> None:
    report = actor_report(seed_store, "Microsoft", evidence=1)
    counted = {(k.direction, k.relation, k.other): k.statements for k in report.links}
    solutions = seed_store.query(STATEMENTS)
    truth = {
        (s["d"].value, s["r"].value.rsplit("#", 1)[-1], s["o"].value): int(s["n"].value)
        for s in solutions
    }
    assert {k: n for k, n in counted.items() if n} == truth
    assert sum(truth.values()) > len(truth)  # some link is stated more than once


STATEMENTS = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
SELECT ?d ?r ?o (COUNT(?st) AS ?n) WHERE {
  { ?st rdf:subject <https://w3id.org/parlkg/id/company/microsoft> ; rdf:object ?o
    BIND("out" AS ?d) }
  UNION
  { ?st rdf:object <https://w3id.org/parlkg/id/company/microsoft> ; rdf:subject ?o
    BIND("in" AS ?d) }
  ?st rdf:predicate ?r ; pk:inDocument ?doc  # a sentence of a document
} GROUP BY ?d ?r ?o
"""


def test_limit_counts_hidden_statements_exactly(seed_store: Any) -> None:
    report = actor_report(seed_store, "Health Data Hub", evidence=1)
    hosted = next(k for k in report.links if k.label == "Microsoft" and k.verb == "hosted by")
    assert hosted.statements == 2 and len(hosted.evidence) == 1


def test_the_documents_naming_an_actor_read_as_one_role_or_one_by_one(
    seed_store: Any, monkeypatch: Any
) -> None:
    """The role of the documents naming an actor (cited, concerned or mentioned) comes
    from counts when they agree; read document by document otherwise: the same report."""
    from parlkg import actor

    assert actor._named_role(5, 0, 0) == "mentioned"
    assert actor._named_role(5, 5, 0) == "cited"
    assert actor._named_role(5, 0, 5) == "concerned"
    assert actor._named_role(5, 4, 0) is None and actor._named_role(5, 2, 3) is None
    names = ("Microsoft", "Health Data Hub", "Cloud Act", "Clara Chappaz", "RGPD")
    fast = {name: actor_report(seed_store, name) for name in names}
    assert {report.named_role for report in fast.values()} >= {"cited", "concerned"}
    monkeypatch.setattr(actor, "_named_role", lambda *counts: None)
    for name in names:
        slow = actor_report(seed_store, name)
        assert slow.named_role is None
        assert slow.days == fast[name].days, name
        assert render_actor(slow, 2) == render_actor(fast[name], 2), name


def test_a_link_stated_twice_in_a_document_is_counted_twice(
    seed_store_path: Path, tmp_path: Path
) -> None:
    """parlkg's extractor states a fact once a document; a store holding a second
    statement of a link in one document (another tool's, or an older parlkg's) has more
    statements than links: the report then counts each document's statements."""
    import shutil

    from parlkg.store import GraphStore

    path = tmp_path / "store"
    shutil.copytree(seed_store_path, path)
    with GraphStore(path) as store:
        before = actor_report(store, "Microsoft", evidence=0)
        hosted = {k.label: k.statements for k in before.links if k.verb == "hosts"}
        store.update(SECOND_STATEMENT)
        for keep in (0, 1, 3):
            after = actor_report(store, "Microsoft", evidence=keep)
            counted = {k.label: k.statements for k in after.links if k.verb == "hosts"}
            assert counted == {**hosted, "Health Data Hub": hosted["Health Data Hub"] + 1}
            link = next(k for k in after.links if k.label == "Health Data Hub")
            assert len(link.evidence) == (min(keep, link.statements) or link.statements)
            if keep == 0:
                assert "le hub héberge ses données chez Microsoft" in [
                    e.quote for e in link.evidence
                ]
        assert {(k.verb, k.other) for k in after.links} == {(k.verb, k.other) for k in before.links}


SECOND_STATEMENT = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX pk: <https://w3id.org/parlkg/ontology#>
INSERT DATA { GRAPH <https://w3id.org/parlkg/graph/an-16-qe-2114> {
  <https://w3id.org/parlkg/id/statement/an-16-qe-2114.99> a pk:Statement ;
    rdf:subject <https://w3id.org/parlkg/id/project/health-data-hub> ;
    rdf:predicate pk:hostedBy ;
    rdf:object <https://w3id.org/parlkg/id/company/microsoft> ;
    pk:inDocument <https://w3id.org/parlkg/id/document/an-16-qe-2114> ;
    pk:exact "le hub héberge ses données chez Microsoft" ; pk:start 5 ; pk:end 46 .
} }
"""
