"""`parlkg site`: a static linked-data site of the seeds."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from parlkg.cli import app
from parlkg.site import SiteError, build_site, page_path
from parlkg.store import GraphStore

runner = CliRunner()
MICROSOFT = "https://w3id.org/parlkg/id/company/microsoft"


@pytest.fixture(scope="module")
def site(seed_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    result = runner.invoke(app, ["site", str(out), "--store", str(seed_store_path)])
    assert result.exit_code == 0, result.output
    assert "5 document page(s)" in result.output
    return out


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.jsonld = ""
        self._in_jsonld = False
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag in ("a", "link") and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        self._in_jsonld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag: str) -> None:
        self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld += data
        else:
            self.text.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_a_page_and_a_turtle_file_per_entity_and_document(
    site: Path, seed_store: GraphStore
) -> None:
    for graph in seed_store.document_graphs():
        key = graph.rsplit("/", 1)[-1]
        assert (site / "id" / "document" / f"{key}.html").is_file()
        assert (site / "id" / "document" / f"{key}.ttl").is_file()
    assert (site / "id" / "company" / "microsoft.html").is_file()
    assert not (site / "id" / "mention").exists()  # evidence is shown on the pages
    for name in ("index.html", "style.css", "void.ttl", "parlkg.trig"):
        assert (site / name).is_file()


def test_an_entity_page_shows_links_relations_and_evidence(site: Path) -> None:
    page = _parse(site / "id" / "company" / "microsoft.html")
    text = " ".join(" ".join(page.text).split())
    assert "Microsoft" in text
    assert "hosted by" in text  # a typed relation, with the sentence that states it
    assert "choix de Microsoft pour le health data hub" in text
    assert "Evidence" in text
    documents = [link for link in page.links if "/document/" in link]
    assert len({link.split("#")[0] for link in documents}) == 5
    assert any("#m-" in link for link in documents)
    # the index of its documents by date is not a property to show, nor in its Turtle
    assert "named on" not in text
    assert "namedOn" not in (site / "id" / "company" / "microsoft.ttl").read_text()


def test_every_relative_link_points_to_a_file_and_anchor(site: Path) -> None:
    pages = [site / "index.html", site / "id" / "company" / "microsoft.html"]
    pages += sorted((site / "id" / "document").glob("*.html"))
    checked = 0
    for path in pages:
        for link in _parse(path).links:
            parts = urlsplit(link)
            if parts.scheme:
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{path.name}: broken link {link}"
            if parts.fragment:
                assert parts.fragment in _parse(target).ids, f"{path.name}: no #{parts.fragment}"
            checked += 1
    assert checked > 100


def test_the_embedded_jsonld_is_the_turtle_beside(site: Path) -> None:
    for name in ("company/microsoft", "project/health-data-hub"):
        page = _parse(site / "id" / f"{name}.html")
        from_html = rdflib.Graph().parse(data=page.jsonld, format="json-ld")
        beside = rdflib.Graph().parse(site / "id" / f"{name}.ttl", format="turtle")
        assert len(beside) > 3
        assert isomorphic(from_html, beside), name
        assert json.loads(page.jsonld)["@id"].startswith("pkid:")


def test_a_document_page_highlights_its_mentions(site: Path, seed_store: GraphStore) -> None:
    path = site / "id" / "document" / "an-16-qe-2114.html"
    html = path.read_text(encoding="utf-8")
    assert re.search(r'<span class="mention" id="m-\d+"><a href="../company/microsoft.html"', html)
    turtle = rdflib.Graph().parse(path.with_suffix(".ttl"), format="turtle")
    graph = "https://w3id.org/parlkg/graph/an-16-qe-2114"
    assert len(turtle) == len(list(seed_store.quads(graph)))  # the whole document graph


def test_the_same_store_gives_the_same_site(seed_store: GraphStore, tmp_path: Path) -> None:
    first = build_site(seed_store, tmp_path / "a")
    build_site(seed_store, tmp_path / "b")
    assert first.documents == 5 and first.entities > 100
    for name in ("id/company/microsoft.html", "id/document/an-16-qe-2114.ttl", "void.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_the_folder_must_be_new_empty_or_a_site(seed_store: GraphStore, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(SiteError, match="not empty"):
        build_site(seed_store, tmp_path)
    assert (tmp_path / "mine.txt").read_text() == "keep me"
    out = tmp_path / "site"
    build_site(seed_store, out)
    stale = out / "id" / "company" / "gone.html"
    stale.write_text("stale")
    build_site(seed_store, out)  # a previous site is rewritten: stale pages go
    assert not stale.exists()


def test_page_paths() -> None:
    assert page_path(MICROSOFT) == "id/company/microsoft"
    assert page_path("https://w3id.org/parlkg/id/person/jos%C3%A9") == "id/person/josé"
    assert page_path("https://w3id.org/parlkg/id/x/a%2Fb") == "id/x/a_2Fb"
    assert page_path("https://example.org/x") is None
