"""The picture of an actor's neighbourhood: a self-contained SVG (or HTML page).

Layout, deterministic and simple: the actor in the centre; on the right, on an
arc, the entities it is linked to by typed relations, grouped by relation
(hosts, operates, subject to...); on the left, on another arc, the documents
that name it, newest first, grouped by role. Nodes are coloured by class (a
legend says which); every edge carries the relation's name and points from
subject to object; hovering a node or an edge shows its IRI or the quoted
evidence (SVG <title>). No script, no font, no image: it opens offline in any
browser. Written with ElementTree, so every label is escaped.
"""

from __future__ import annotations

import math
import textwrap
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from parlkg.actor import RELATION_LABELS, ActorReport, Link
from parlkg.errors import ParlkgError

SVG_NS = "http://www.w3.org/2000/svg"

# colours by class (Okabe-Ito, distinguishable with the common colour blindnesses)
COLOURS = {
    "Company": "#E69F00",
    "Project": "#56B4E9",
    "PublicBody": "#009E73",
    "Ministry": "#0072B2",
    "Law": "#D55E00",
    "Place": "#CC79A7",
    "Person": "#F0E442",
    "ParliamentaryGroup": "#882255",
    "Organization": "#8C8C8C",
    "Constituency": "#AA4499",
    "Document": "#E8E8E8",
}
KIND_NAMES = {
    "Company": "company",
    "Project": "project, platform",
    "PublicBody": "public body",
    "Ministry": "ministry",
    "Law": "law",
    "Place": "place",
    "Person": "person",
    "ParliamentaryGroup": "parliamentary group",
    "Organization": "organisation",
    "Constituency": "constituency",
    "Document": "document",
}
# a document's role (actor-documents) as the name of the edge document -> actor
ROLE_LABELS = {
    "author": "asked by",
    "answered": "answered by",
    "addressee": "addressed to",
    "ministry asked": "addressed to",
    "ministry assigned": "assigned to",
    "speaker": "speaker",
    "cited": "cites",
    "concerned": "concerns",
    "mentioned": "mentions",
}

FONT = "DejaVu Sans, Verdana, Arial, sans-serif"
LABEL_SIZE = 13
EDGE_SIZE = 11
CHAR_WIDTH = 0.58  # average glyph width, in font sizes
THETA = math.radians(62)  # the arcs span -THETA..THETA around the horizontal


@dataclass
class Node:
    id: str
    label: str
    kind: str
    lines: list[str]
    title: str
    side: int = 0  # 0 centre, 1 right (entities), -1 left (documents)
    group: str = ""
    x: float = 0.0
    y: float = 0.0

    @property
    def radius(self) -> float:
        return 24.0 if self.side == 0 else 9.0


@dataclass
class Edge:
    source: str
    target: str
    label: str
    title: str
    documented: bool = True  # False: stated by the authority file only (drawn dashed)


@dataclass
class Picture:
    title: str
    subtitle: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (side, "+ 12 more ...")
    width: float = 0.0
    height: float = 0.0


def neighbourhood(report: ActorReport, max_links: int = 24, max_documents: int = 14) -> Picture:
    """The nodes and edges of the actor's picture, laid out."""
    a = report.actor
    links = sorted(report.links, key=lambda k: (not k.evidence, k.verb, k.label.casefold()))
    shown_links = links[:max_links]
    docs = _documents(report)
    shown_docs = docs[:max_documents]
    stated = sum(len(k.evidence) for k in report.links)
    picture = Picture(
        title=f"{a.label} — its neighbourhood in the parlkg graph",
        subtitle=f"{KIND_NAMES.get(a.kind, a.kind)}; {report.document_count} document(s), "
        f"{len(report.links)} relation(s), {stated} stated in documents",
    )
    centre = Node(a.iri, a.label, a.kind, _wrap(a.label, 18, 2), a.iri, side=0)
    picture.nodes.append(centre)
    entities: dict[str, Node] = {}
    merged: dict[tuple[str, str], Edge] = {}
    for link in sorted(shown_links, key=lambda k: (k.verb, k.label.casefold())):
        node = entities.get(link.other)
        if node is None:
            node = Node(link.other, link.label, link.kind, _wrap(link.label, 22, 2), link.other)
            node.side, node.group = 1, link.verb
            entities[link.other] = node
            picture.nodes.append(node)
        source, target = (a.iri, link.other) if link.direction == "out" else (link.other, a.iri)
        name = RELATION_LABELS.get(link.relation, link.relation)
        edge = merged.get((source, target))
        if edge is None:  # one edge per direction: "hosted by, operated by"
            merged[(source, target)] = Edge(
                source, target, name, _evidence(link), bool(link.evidence)
            )
        else:
            edge.label += f", {name}"
            edge.title += f"\n{name}: {_evidence(link)}"
            edge.documented |= bool(link.evidence)
    picture.edges += merged.values()
    for doc in shown_docs:
        picture.nodes.append(doc)
        roles = [r for r in doc.group.split(", ") if r != "mentioned"] or ["mentioned"]
        name = ", ".join(dict.fromkeys(ROLE_LABELS.get(r, r) for r in roles))
        picture.edges.append(Edge(doc.id, a.iri, name, f"{doc.title}\n{name} {a.label}"))
    if len(links) > len(shown_links):
        picture.notes.append((1, f"+ {len(links) - len(shown_links)} more relation(s)"))
    if len(docs) > len(shown_docs):
        picture.notes.append((-1, f"+ {len(docs) - len(shown_docs)} more document(s)"))
    _layout(picture)
    return picture


def _documents(report: ActorReport) -> list[Node]:
    """One node per document, newest first, its roles joined in `group`."""
    by_doc: dict[str, Node] = {}
    for row in report.documents.values():
        iri = row["doc"] or ""
        node = by_doc.get(iri)
        role = row.get("role") or "linked"
        if node is not None:
            if role not in node.group.split(", "):
                node.group += f", {role}"
            continue
        kind = row.get("kind") or "document"
        if row.get("number"):
            name = f"{kind} n°\u00a0{row['number']}"  # never "n°" and its number apart
        else:
            name = f"{kind} of {row['author']}" if row.get("author") else kind
        date = row.get("date") or "no date"
        lines = [*_wrap(name, 26, 2), date]
        title = " — ".join(p for p in (name, date, row.get("title"), row.get("author")) if p)
        by_doc[iri] = Node(iri, name, "Document", lines, f"{title}\n{iri}", side=-1, group=role)
    return sorted(by_doc.values(), key=lambda n: (n.lines[-1], n.id), reverse=True)


def _evidence(link: Link) -> str:
    lines = [f"{e.reference}: « {e.quote} »" for e in link.evidence]
    if link.curated:
        lines.append("authority file")
    return "\n".join(lines)


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = textwrap.shorten(lines[-1] + " …", width, placeholder=" …")
    return lines


def _text_width(lines: list[str], size: float) -> float:
    return max(len(line) for line in lines) * size * CHAR_WIDTH


def _layout(picture: Picture) -> None:
    """Place the nodes: the centre, then each side on its arc, groups apart."""
    sides = {s: [n for n in picture.nodes if n.side == s] for s in (1, -1)}
    spacing = {1: 42.0, -1: 50.0}  # room for two (entities) or three (documents) lines
    half_height = 150.0
    slots: dict[int, list[float]] = {}
    for side, nodes in sides.items():
        positions, slot, previous = [], 0.0, None
        for node in nodes:
            if previous is not None and node.group != previous:
                slot += 0.6  # a gap between relation groups
            positions.append(slot)
            slot += 1.0
            previous = node.group
        slots[side] = positions
        if positions:
            half_height = max(half_height, spacing[side] * positions[-1] / 2)
    ry = half_height / math.sin(THETA)
    rx = max(300.0, ry * 1.1)
    label_room = max([_text_width(n.lines, LABEL_SIZE) for n in picture.nodes if n.side] + [120.0])
    margin_top, legend_room = 110.0, 40.0
    picture.width = 2 * (rx + label_room + 40)
    picture.height = margin_top + 2 * half_height + 80 + legend_room
    cx, cy = picture.width / 2, margin_top + half_height + 20
    for node in picture.nodes:
        if node.side == 0:
            node.x, node.y = cx, cy
    for side, nodes in sides.items():
        positions = slots[side]
        last = positions[-1] if positions else 0.0
        for node, slot in zip(nodes, positions, strict=True):
            spread = min(THETA, math.radians(12) * len(nodes))  # few nodes: near the axis
            angle = 0.0 if last == 0 else -spread + 2 * spread * slot / last
            node.x = cx + side * rx * math.cos(angle)
            node.y = cy + ry * math.sin(angle)


# -- SVG -------------------------------------------------------------------------


def render_svg(picture: Picture) -> str:
    return ET.tostring(svg_element(picture), encoding="unicode") + "\n"


def svg_element(picture: Picture) -> ET.Element:
    width, height = round(picture.width), round(picture.height)
    svg = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "font-family": FONT,
            "role": "img",
        },
    )
    ET.SubElement(svg, "title").text = f"{picture.title} ({picture.subtitle})"
    ET.SubElement(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    _text(svg, picture.width / 2, 32, [picture.title], 20, anchor="middle", weight="bold")
    _text(svg, picture.width / 2, 56, [picture.subtitle], 13, anchor="middle", fill="#444")
    nodes = {n.id: n for n in picture.nodes}
    edges = ET.SubElement(svg, "g", {"class": "edges"})
    pairs: dict[frozenset[str], int] = {}
    for edge in picture.edges:
        pair = frozenset((edge.source, edge.target))
        rank = pairs.get(pair, 0)
        pairs[pair] = rank + 1
        _edge(edges, nodes[edge.source], nodes[edge.target], edge, rank)
    group = ET.SubElement(svg, "g", {"class": "nodes"})
    for node in picture.nodes:
        _node(group, node)
    for side, note in picture.notes:
        x = picture.width / 2 + side * (picture.width / 2 - 30)
        anchor = "end" if side > 0 else "start"
        _text(svg, x, picture.height - 52, [note], 12, anchor=anchor, fill="#444", italic=True)
    _legend(svg, picture)
    return svg


def _edge(parent: ET.Element, a: Node, b: Node, edge: Edge, rank: int) -> None:
    """An edge from `a` to `b`: straight, or curved for the second and later edges between
    the same nodes; an arrowhead halfway; its name written along it, on its outer part."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bend = 0.0 if rank == 0 else (1 if rank % 2 else -1) * 34.0 * ((rank + 1) // 2)
    mx, my = (a.x + b.x) / 2 - uy * bend, (a.y + b.y) / 2 + ux * bend
    # start and end on the nodes' rims, in the direction of the control point
    sx, sy = _towards(a, mx, my, a.radius + 1)
    ex, ey = _towards(b, mx, my, b.radius + 1)
    g = ET.SubElement(parent, "g", {"class": "edge"})
    ET.SubElement(g, "title").text = f"{edge.label}\n{edge.title}".strip()
    d = (
        f"M {sx:.1f} {sy:.1f} L {ex:.1f} {ey:.1f}"
        if bend == 0
        else f"M {sx:.1f} {sy:.1f} Q {mx:.1f} {my:.1f} {ex:.1f} {ey:.1f}"
    )
    stroke = {"stroke": "#6b6b6b", "stroke-width": "1.4"}
    if not edge.documented:
        stroke = {"stroke": "#a8a8a8", "stroke-width": "1.2", "stroke-dasharray": "5 4"}
    ET.SubElement(g, "path", {"d": d, "fill": "none", **stroke})

    def point(t: float) -> tuple[float, float, float]:
        """The point at `t` on the edge, and the angle of its tangent (degrees)."""
        px = (1 - t) ** 2 * sx + 2 * (1 - t) * t * mx + t**2 * ex
        py = (1 - t) ** 2 * sy + 2 * (1 - t) * t * my + t**2 * ey
        tx = 2 * (1 - t) * (mx - sx) + 2 * t * (ex - mx)
        ty = 2 * (1 - t) * (my - sy) + 2 * t * (ey - my)
        return px, py, math.degrees(math.atan2(ty, tx))

    # the name sits on the outer part, where edges spread, clear of the outer node and
    # its label; the arrowhead between it and the centre
    outer, length = (a if a.side != 0 else b), math.hypot(ex - sx, ey - sy) or 1.0
    half = len(edge.label) * EDGE_SIZE * CHAR_WIDTH / 2
    from_outer = min(max(0.3 * length, half + outer.radius + 12), 0.6 * length)
    arrow_from_outer = min(max(from_outer + half + 14, 0.55 * length), 0.85 * length)

    def at(distance: float) -> float:  # the t of a point `distance` from the outer node
        return distance / length if outer is a else 1 - distance / length

    ax, ay, angle = point(at(arrow_from_outer))
    ET.SubElement(
        g,
        "path",
        {
            "d": "M 6 0 L -5 -4.5 L -5 4.5 z",
            "fill": stroke["stroke"],
            "transform": f"translate({ax:.1f} {ay:.1f}) rotate({angle:.1f})",
        },
    )
    lx, ly, angle = point(at(from_outer))
    if angle > 90 or angle < -90:  # never upside down
        angle = angle - 180 if angle > 0 else angle + 180
    label = _text(g, lx, ly - 4, [edge.label], EDGE_SIZE, anchor="middle", fill="#333", halo=True)
    label.set("transform", f"rotate({angle:.1f} {lx:.1f} {ly:.1f})")


def _towards(node: Node, x: float, y: float, distance: float) -> tuple[float, float]:
    dx, dy = x - node.x, y - node.y
    length = math.hypot(dx, dy) or 1.0
    return node.x + dx / length * distance, node.y + dy / length * distance


def _node(parent: ET.Element, node: Node) -> None:
    g = ET.SubElement(parent, "g", {"class": f"node {node.kind}"})
    ET.SubElement(g, "title").text = f"{node.label} ({KIND_NAMES.get(node.kind, node.kind)})\n" + (
        node.title
    )
    fill = COLOURS.get(node.kind, "#BBBBBB")
    if node.kind == "Document":
        r = node.radius
        ET.SubElement(
            g,
            "rect",
            {
                "x": f"{node.x - r:.1f}",
                "y": f"{node.y - r:.1f}",
                "width": f"{2 * r:.1f}",
                "height": f"{2 * r:.1f}",
                "rx": "3",
                "fill": fill,
                "stroke": "#555",
                "stroke-width": "1.2",
            },
        )
    else:
        ET.SubElement(
            g,
            "circle",
            {
                "cx": f"{node.x:.1f}",
                "cy": f"{node.y:.1f}",
                "r": f"{node.radius:.1f}",
                "fill": fill,
                "stroke": "#222" if node.side == 0 else "#555",
                "stroke-width": "3" if node.side == 0 else "1.2",
            },
        )
    if node.side == 0:
        top = node.y + node.radius + 18
        _text(g, node.x, top, node.lines, 15, anchor="middle", weight="bold", halo=True)
        return
    anchor = "start" if node.side > 0 else "end"
    x = node.x + node.side * (node.radius + 6)
    first = node.y + 4.5 - (len(node.lines) - 1) * LABEL_SIZE * 0.6
    _text(g, x, first, node.lines, LABEL_SIZE, anchor=anchor, halo=True)


def _text(
    parent: ET.Element,
    x: float,
    y: float,
    lines: list[str],
    size: float,
    *,
    anchor: str = "start",
    fill: str = "#111",
    weight: str | None = None,
    italic: bool = False,
    halo: bool = False,
) -> ET.Element:
    attrs = {
        "x": f"{x:.1f}",
        "y": f"{y:.1f}",
        "font-size": f"{size:g}",
        "text-anchor": anchor,
        "fill": fill,
    }
    if weight:
        attrs["font-weight"] = weight
    if italic:
        attrs["font-style"] = "italic"
    if halo:  # a white outline under the glyphs keeps labels legible over edges
        attrs.update({"stroke": "#ffffff", "stroke-width": "3.5", "stroke-linejoin": "round"})
        attrs["paint-order"] = "stroke"
    element = ET.SubElement(parent, "text", attrs)
    if len(lines) == 1:
        element.text = lines[0]
        return element
    for i, line in enumerate(lines):
        span = ET.SubElement(
            element, "tspan", {"x": f"{x:.1f}", "dy": "0" if i == 0 else f"{size * 1.2:.1f}"}
        )
        span.text = line
    return element


def _legend(svg: ET.Element, picture: Picture) -> None:
    order = list(COLOURS)
    kinds = sorted(
        {n.kind for n in picture.nodes}, key=lambda k: order.index(k) if k in order else 99
    )
    legend = ET.SubElement(svg, "g", {"class": "legend"})
    y, x = picture.height - 22, 24.0
    _text(legend, x, y + 4, ["Legend:"], 12, weight="bold")
    x += 70
    for kind in kinds:
        fill = COLOURS.get(kind, "#BBBBBB")
        if kind == "Document":
            shape = {"x": f"{x - 6:.1f}", "y": f"{y - 6:.1f}", "width": "12", "height": "12"}
            ET.SubElement(legend, "rect", {**shape, "rx": "2", "fill": fill, "stroke": "#555"})
        else:
            shape = {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": "6"}
            ET.SubElement(legend, "circle", {**shape, "fill": fill, "stroke": "#555"})
        name = KIND_NAMES.get(kind, kind)
        _text(legend, x + 11, y + 4, [name], 12)
        x += 34 + len(name) * 12 * CHAR_WIDTH
    for dash, name in ((None, "stated in a document"), ("5 4", "authority file only")):
        line = {"d": f"M {x - 6:.1f} {y:.1f} h 26", "stroke": "#6b6b6b", "stroke-width": "1.4"}
        if dash:
            line.update({"stroke": "#a8a8a8", "stroke-dasharray": dash})
        ET.SubElement(legend, "path", line)
        _text(legend, x + 26, y + 4, [name], 12)
        x += 52 + len(name) * 12 * CHAR_WIDTH


# -- HTML ------------------------------------------------------------------------


def render_html(picture: Picture, report: ActorReport) -> str:
    """A self-contained page: the picture inline, a legend, and the evidence as tables."""
    html = ET.Element("html", {"lang": "fr"})
    head = ET.SubElement(html, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(head, "title").text = picture.title
    ET.SubElement(head, "style").text = _CSS
    body = ET.SubElement(html, "body")
    ET.SubElement(body, "h1").text = report.actor.label
    ET.SubElement(body, "p").text = f"{picture.subtitle}. {report.actor.iri}"
    figure = ET.SubElement(body, "figure")
    figure.append(svg_element(picture))
    legend = ET.SubElement(ET.SubElement(figure, "figcaption"), "ul", {"class": "legend"})
    for kind in sorted({n.kind for n in picture.nodes}):
        item = ET.SubElement(legend, "li")
        swatch = ET.SubElement(item, "span", {"style": f"background:{COLOURS.get(kind, '#bbb')}"})
        swatch.text = " "
        swatch.tail = KIND_NAMES.get(kind, kind)
    ET.SubElement(body, "h2").text = "Relations, with their evidence"
    table = ET.SubElement(body, "table")
    _row(table, ["relation", "entity", "class", "evidence"], header=True)
    for link in report.links:
        evidence = _evidence(link) or "authority file"
        _row(table, [link.verb, link.label, KIND_NAMES.get(link.kind, link.kind), evidence])
    ET.SubElement(body, "h2").text = "Documents"
    table = ET.SubElement(body, "table")
    _row(table, ["date", "document", "role", "title", "author"], header=True)
    for row in report.documents.values():
        number = f"n° {row['number']}" if row.get("number") else ""
        name = " ".join(p for p in (row.get("kind") or "", number) if p)
        cells = [row.get("date") or "", name, row.get("role") or "", row.get("title") or ""]
        _row(table, [*cells, row.get("author") or ""])
    return "<!DOCTYPE html>\n" + ET.tostring(html, encoding="unicode", method="html") + "\n"


_CSS = (
    "body{font-family:DejaVu Sans,Verdana,Arial,sans-serif;margin:1.5em;color:#222}"
    "figure{margin:0}svg{max-width:100%;height:auto}"
    "table{border-collapse:collapse;margin-bottom:2em}"
    "th,td{border-bottom:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top;"
    "white-space:pre-line}"
    ".legend{list-style:none;padding:0}.legend li{display:inline-block;margin-right:1.2em}"
    ".legend span{display:inline-block;width:.9em;height:.9em;border:1px solid #555;"
    "border-radius:50%;margin-right:.35em;vertical-align:middle}"
)


def _row(table: ET.Element, cells: list[str], header: bool = False) -> None:
    tr = ET.SubElement(table, "tr")
    for cell in cells:
        ET.SubElement(tr, "th" if header else "td").text = cell


def write_picture(report: ActorReport, path: Path) -> Picture:
    """Draw `report` into `path`: .svg for the picture alone, .html for a page."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".html", ".htm"):
        raise ParlkgError(
            f"{path}: cannot draw into a {suffix or 'suffix-less'} file",
            hint="give a file name ending in .svg or .html",
        )
    picture = neighbourhood(report)
    text = render_svg(picture) if suffix == ".svg" else render_html(picture, report)
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ParlkgError(f"{path}: cannot write the picture: {exc.strerror or exc}") from None
    return picture
