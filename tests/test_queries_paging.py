"""Paged queries (`#+ pagination: N`): a page of the newest rows, and how many in all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from parlkg.cli import app
from parlkg.errors import QueryError
from parlkg.queries import (
    LibraryQuery,
    cut_page,
    find,
    library,
    needs_total,
    parse_header,
    run,
)
from parlkg.results import Table

runner = CliRunner()
PAGED = ("questions-about", "actor-documents")


def _with_page_size(name: str, size: int) -> LibraryQuery:
    """A library query whose header asks for pages of `size` rows."""
    query = find(name)
    text = query.text.replace(f"#+ pagination: {query.page_size}", f"#+ pagination: {size}")
    return parse_header(name, query.path, text)


def _table(result: object) -> Table:
    assert isinstance(result, Table)
    return result


def test_the_header_gives_the_page_size_and_what_is_counted() -> None:
    queries = library()
    for name in PAGED:
        assert queries[name].page_size == 100, name
        assert "?actor" in queries[name].total, name
    assert _with_page_size("questions-about", 2).page_size == 2
    assert queries["entity-card"].page_size is None


@pytest.mark.parametrize("name", PAGED)
def test_pages_follow_each_other_and_count_every_row(seed_store: Any, name: str) -> None:
    query = _with_page_size(name, 2)
    everything = _table(run(seed_store, query, {"actor": "Microsoft"}, page=0))
    assert everything.total == len(everything.rows) == 5
    pages = [_table(run(seed_store, query, {"actor": "Microsoft"}, page=k)) for k in (1, 2, 3, 4)]
    assert [len(p.rows) for p in pages] == [2, 2, 1, 0]
    assert all(p.total == 5 for p in pages)
    assert [p.offset for p in pages] == [0, 2, 4, 6]
    joined = [row for p in pages for row in p.values()]
    assert joined == everything.values()  # disjoint, in order, nothing lost
    dates = [row["date"] or "" for row in joined]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_the_default_page_is_the_first(seed_store: Any) -> None:
    query = _with_page_size("questions-about", 2)
    first = _table(run(seed_store, query, {"actor": "Microsoft"}))
    assert len(first.rows) == 2 and first.total == 5
    assert first.page_note() == "rows 1-2 of 5"
    beyond = _table(run(seed_store, query, {"actor": "Microsoft"}, page=9))
    assert beyond.rows == [] and beyond.total == 5
    assert beyond.page_note() == "past the last page: 5 rows in all"


def test_the_page_is_cut_where_the_query_marks_it() -> None:
    query = _with_page_size("questions-about", 25)
    assert needs_total(query) and not needs_total(find("actor-documents"))
    text = cut_page(query, 3, total=500).text
    assert "LIMIT 25 OFFSET 50" in text
    assert not {"#+ page", "#+ page-end"} & {line.strip() for line in text.splitlines()}
    assert text.index("LIMIT 25") < text.index("pk:refersTo")  # before the details
    # the page's end, counted from the last of the 500 rows in the other order
    assert "ORDER BY ?d\n                OFFSET 425 LIMIT 1" in text
    assert "OFFSET 0 LIMIT 1" in cut_page(query, 30, total=500).text  # past the last row
    with pytest.raises(QueryError, match="total"):
        cut_page(query, 1)


def test_paging_mistakes_are_errors() -> None:
    path = Path("x.rq")
    with pytest.raises(QueryError, match="bad pagination"):
        parse_header("x", path, "#+ pagination: lots\nSELECT * WHERE { ?s ?p ?o }")
    unmarked = parse_header("x", path, "#+ pagination: 5\nSELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="marks its page once"):
        cut_page(unmarked, 1)
    with pytest.raises(QueryError, match="not paged"):
        run(object(), find("entity-card"), {"entity": "https://w3id.org/parlkg/id/x"}, page=2)  # type: ignore[arg-type]
    with pytest.raises(QueryError, match="page -1"):
        run(object(), find("questions-about"), {"actor": "https://x.org/a"}, page=-1)  # type: ignore[arg-type]


def test_a_page_size_is_an_integer_never_text(seed_store: Any) -> None:
    query = replace(find("questions-about"), page_size=3)
    table = _table(run(seed_store, query, {"actor": "Microsoft"}, page=2))
    assert table.offset == 3 and len(table.rows) == 2


def test_the_cli_prints_the_range_and_reads_any_page(seed_store_path: Path, tmp_path: Path) -> None:
    rq = tmp_path / "qa2.rq"
    rq.write_text(_with_page_size("questions-about", 2).text, encoding="utf-8")
    base = ["query", "--store", str(seed_store_path), "--param", "actor=Microsoft"]
    first = runner.invoke(app, [*base, "questions-about"])
    assert first.exit_code == 0, first.stderr
    assert first.stdout.rstrip().endswith("(rows 1-5 of 5)")
    second = runner.invoke(app, [*base, str(rq), "--page", "2"])
    assert second.exit_code == 0 and second.stdout.rstrip().endswith("(rows 3-4 of 5)")
    every = runner.invoke(app, [*base, str(rq), "--all"])
    assert every.stdout.rstrip().endswith("(rows 1-5 of 5)")
    csv = runner.invoke(app, [*base, str(rq), "--format", "csv"])
    assert len(csv.stdout.splitlines()) == 3 and "(rows 1-2 of 5)" in csv.stderr


def test_pages_of_an_actor_with_ties_and_undated_documents(tmp_path: Path) -> None:
    """`questions-about` cuts its page at the date the page ends on, read from the
    index of the actor's documents (`pk:namedOn`): documents of one date are ordered
    by key, across page boundaries; undated ones come last, on the pages past them."""
    import datetime as dt

    from parlkg.authority import load_authority
    from parlkg.ingest import build
    from parlkg.store import GraphStore
    from tests.conftest import written_question

    authority = load_authority()
    dates = [dt.date(2021, 3, 4)] * 5 + [dt.date(2022, 1, 2)] * 3 + [dt.date(2020, 5, 6)]
    published: list[dt.date | None] = [*dates, None, None]
    with GraphStore(tmp_path / "store") as store:
        store.ensure_static_graphs()
        store.summarise_authority()
        for i, day in enumerate(published):
            doc = written_question(
                "Le ministre peut-il dire si Microsoft héberge les données de santé ?",
                key=f"an-99-qe-{i + 10}",
                number=str(i + 10),
                published=day,
            )
            graph = build(doc, authority, ner=False)[1]
            store.add_quads(graph.nquads().encode())
        query = _with_page_size("questions-about", 3)
        everything = _table(run(store, query, {"actor": "Microsoft"}, page=0))
        pages = [_table(run(store, query, {"actor": "Microsoft"}, page=k)) for k in range(1, 6)]
    expected = sorted(
        ((day, f"an-99-qe-{i + 10}") for i, day in enumerate(published) if day),
        key=lambda pair: (-pair[0].toordinal(), pair[1]),
    )
    keys = [key for _, key in expected] + ["an-99-qe-19", "an-99-qe-20"]  # undated: last
    listed = [(row["doc"] or "").rsplit("/", 1)[-1] for row in everything.values()]
    assert listed == keys
    assert [len(p.rows) for p in pages] == [3, 3, 3, 2, 0]
    assert [row for p in pages for row in p.values()] == everything.values()
    assert all(p.total == len(published) for p in pages)
    assert [row["date"] for row in pages[3].values()] == [None, None]


@pytest.mark.parametrize("subject", ["Health Data Hub", "Azure"])
def test_the_evidence_of_a_fact_comes_a_page_at_a_time(seed_store: Any, subject: str) -> None:
    """`fact-evidence` is cut on the graphs stating the fact (the authority file's row
    among them), by relation, source and date: the pages join into every row."""
    query = _with_page_size("fact-evidence", 1)
    params = {"subject": subject, "object": "Microsoft"}
    everything = _table(run(seed_store, query, params, page=0))
    n = len(everything.rows)
    assert everything.total == n >= 2
    pages = [_table(run(seed_store, query, params, page=k)) for k in range(1, n + 2)]
    assert [len(p.rows) for p in pages] == [1] * n + [0]
    assert all(p.total == n for p in pages)
    joined = [row for p in pages for row in p.values()]
    assert joined == everything.values()
    order = [(row["predicate"], row["source"]) for row in joined]
    assert order == sorted(order)
    assert all(row["quote"] for row in joined if row["source"] == "document")
    only = _table(run(seed_store, query, {**params, "relation": "hostedBy"}, page=1))
    assert only.total == sum(row["predicate"] == "hostedBy" for row in everything.values())
