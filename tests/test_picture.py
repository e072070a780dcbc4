"""The actor's picture is valid, self-contained SVG (or HTML) showing the expected nodes
and named edges, and is drawn the same way every time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from parlkg.actor import actor_report
from parlkg.errors import ParlkgError
from parlkg.picture import neighbourhood, render_svg, write_picture

SVG = "{http://www.w3.org/2000/svg}"
NODES = {
    "Microsoft",
    "Azure",
    "Health Data Hub",
    "Darwin EU",
    "Ministère de l'Éducation nationale",
    "Cloud Act",
    "section 702 du FISA",
    "Bleu",
}
EDGE_LABELS = {"hosted by", "operated by", "subject to", "partner of", "concerns"}


def _texts(element: ET.Element) -> list[str]:
    """Every <text>, its <tspan> lines joined with a space."""
    return [" ".join(" ".join(t.itertext()).split()) for t in element.iter(f"{SVG}text")]


def _group_texts(root: ET.Element, cls: str) -> list[str]:
    groups = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").split()[0] == cls]
    return [text for g in groups for text in _texts(g)]


@pytest.fixture()
def microsoft(seed_store: Any) -> Any:
    return actor_report(seed_store, "Microsoft")


def test_svg_holds_labelled_nodes_and_named_edges(microsoft: Any, tmp_path: Path) -> None:
    path = tmp_path / "microsoft.svg"
    write_picture(microsoft, path)
    root = ET.parse(path).getroot()  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    nodes = " | ".join(_group_texts(root, "node"))
    for label in NODES:
        assert " ".join(label.split()) in nodes.replace(" | ", " "), label
    for number in ("486", "585", "2114", "43349"):
        assert f"n° {number}" in nodes, number
    edge_labels = {label for text in _group_texts(root, "edge") for label in text.split(", ")}
    assert edge_labels >= EDGE_LABELS
    legend = " ".join(_group_texts(root, "legend"))
    for kind in ("company", "project, platform", "law", "document", "authority file only"):
        assert kind in legend


def test_svg_is_self_contained(microsoft: Any) -> None:
    text = render_svg(neighbourhood(microsoft))
    for outside in ("href", "<script", "<image", "@import", "url(http", "<foreignObject"):
        assert outside not in text
    root = ET.fromstring(text)
    fills = {e.get("fill") for e in root.iter(f"{SVG}circle")}
    assert len(fills) >= 4  # coloured by class: company, project, ministry, law


def test_edges_point_from_subject_to_object(microsoft: Any) -> None:
    picture = neighbourhood(microsoft)
    labels = {n.id: n.label for n in picture.nodes}
    edges = {(labels[e.source], e.label, labels[e.target]) for e in picture.edges}
    assert ("Darwin EU", "hosted by", "Microsoft") in edges
    assert ("Microsoft", "subject to", "Cloud Act") in edges
    assert ("Health Data Hub", "hosted by, operated by", "Microsoft") in edges
    dashed = {labels[e.source] for e in picture.edges if not e.documented}
    assert "Microsoft 365" in dashed and "Darwin EU" not in dashed


def test_the_picture_is_deterministic(microsoft: Any) -> None:
    assert render_svg(neighbourhood(microsoft)) == render_svg(neighbourhood(microsoft))


def test_nodes_do_not_overlap(microsoft: Any) -> None:
    picture = neighbourhood(microsoft)
    placed = [(n.x, n.y) for n in picture.nodes]
    for i, (x1, y1) in enumerate(placed):
        for x2, y2 in placed[i + 1 :]:
            assert abs(x1 - x2) + abs(y1 - y2) > 30
    assert all(0 < x < picture.width and 0 < y < picture.height for x, y in placed)


def test_html_page_inlines_the_picture_and_the_evidence(microsoft: Any, tmp_path: Path) -> None:
    path = tmp_path / "microsoft.html"
    write_picture(microsoft, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = lxml.html.fromstring(text)
    assert page.find(".//svg") is not None
    assert not page.xpath("//script | //link | //img | //*[@src]")
    cells = page.xpath("//td/text()")
    assert "offre Azure de Microsoft" in " ".join(cells)
    assert "Darwin EU" in cells


def test_other_suffixes_are_refused(microsoft: Any, tmp_path: Path) -> None:
    with pytest.raises(ParlkgError, match=r"\.svg or \.html"):
        write_picture(microsoft, tmp_path / "microsoft.png")


def test_the_readme_picture_is_the_one_the_seeds_draw(microsoft: Any) -> None:
    """docs/actor-microsoft.svg is `parlkg actor Microsoft --graph` on the seeds."""
    committed = Path(__file__).resolve().parents[1] / "docs" / "actor-microsoft.svg"
    root = ET.parse(committed).getroot()
    assert root.tag == f"{SVG}svg"
    nodes = " ".join(_group_texts(root, "node"))
    assert all(" ".join(label.split()) in nodes for label in ("Microsoft", "Azure", "Darwin EU"))
