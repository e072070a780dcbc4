"""`parlkg site OUT/`: a static linked-data site of the store.

One HTML page per entity and per document, at the path of its IRI
(`https://w3id.org/parlkg/id/company/microsoft` -> `OUT/id/company/microsoft.html`),
with its RDF beside it (`microsoft.ttl`: the entity's own statements; for a
document, its whole named graph) and embedded as JSON-LD. Pages link to each
other; each shows the properties of the resource, the documents and entities
that point to it, the typed relations with the sentence that states them, and
the quoted evidence (every mention, in its context, linked to the place in the
document's text where it occurs). A document page shows the text with its
mentions highlighted and linked.

Also written: `index.html` (documents, and entities by class), `void.ttl` (the
dataset description), `parlkg.trig` (the whole dataset) and `style.css`.
Everything is relative: the folder can be hosted anywhere as static files.
The same store gives the same files.
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

import pyoxigraph as ox

from parlkg.dataset import VOID_GRAPH, DatasetInfo, describe
from parlkg.errors import ParlkgError
from parlkg.export import EXPORT_PREFIXES, compact_iri, export_store, jsonld_nodes
from parlkg.export import serialize_triples as to_rdf
from parlkg.store import GraphStore
from parlkg.vocab import DCTERMS, ID, INDEX_PROPERTIES, PK, RDF

MARKER = ".parlkg-site"
EVIDENCE = {PK + c for c in ("Mention", "Statement", "SpeechTurn", "Reaction")}
HIDDEN = {PK + "buildHash", PK + "contentHash", PK + "text", RDF + "type"}
TYPE = ox.NamedNode(RDF + "type")
MAX_EVIDENCE = 50  # quotes shown per page (the newest); all documents are linked


class SiteError(ParlkgError, OSError):
    """The output folder cannot be used or written."""

    exit_code = 2


@dataclass
class SiteReport:
    out: Path
    documents: int = 0
    entities: int = 0
    files: int = 0


def build_site(store: GraphStore, out: Path, info: DatasetInfo | None = None) -> SiteReport:
    """Write the site of `store` into `out` (new, empty, or a previous parlkg site)."""
    info = info or DatasetInfo()
    _prepare(out)
    site = _Site(store)
    report = SiteReport(out)
    for iri in sorted(site.resources):
        path = page_path(iri)
        assert path is not None
        page = site.page(iri, path)
        _write(out / (path + ".html"), page)
        _write(out / (path + ".ttl"), site.turtle(iri))
        report.files += 2
        if site.is_document(iri):
            report.documents += 1
        else:
            report.entities += 1
    _write(out / "index.html", site.index(info))
    _write(out / "style.css", _CSS)
    void = describe(store, info)
    _write(out / "void.ttl", to_rdf(void))
    with (out / "parlkg.trig").open("wb") as handle:
        export_store(store, handle, "trig", extra={VOID_GRAPH: void})
    (out / MARKER).write_text("written by `parlkg site`; the folder is rewritten on each run\n")
    report.files += 4
    return report


def page_path(iri: str) -> str | None:
    """The site path (no extension) of an entity IRI, or None outside https://w3id.org/parlkg/id/."""
    if not iri.startswith(ID) or len(iri) == len(ID):
        return None
    segments = []
    for segment in iri[len(ID) :].split("/"):
        name = unquote(segment)
        if not name or "/" in name or "\\" in name or name.startswith("."):
            name = segment.replace("%", "_") or "_"
        segments.append(name)
    return "id/" + "/".join(segments)


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out}: is a file", hint="give a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SiteError(
            f"{out}: the folder is not empty and holds no parlkg site",
            hint="give a new or empty folder; a previous parlkg site is rewritten",
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(out / "id", ignore_errors=True)
    except OSError as exc:
        raise SiteError(f"{out}: cannot create the folder: {exc.strerror or exc}") from None


def _write(path: Path, content: str | bytes) -> None:
    data = content.encode() if isinstance(content, str) else content
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        raise SiteError(f"{path}: cannot write: {exc.strerror or exc}") from None


class _Site:
    """What the pages need from the store: labels, resources, and per-resource lookups."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.labels = _labels(store)
        self.document_classes = _column(store, _DOCUMENT_CLASSES, "c")
        self.resources: dict[str, set[str]] = defaultdict(set)
        for row in _solutions(store, _RESOURCES):
            self.resources[row["r"].value].add(row["c"].value)
        for iri in [i for i, classes in self.resources.items() if classes <= EVIDENCE]:
            del self.resources[iri]

    def is_document(self, iri: str) -> bool:
        return bool(self.resources.get(iri, set()) & self.document_classes)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or compact_iri(iri).rsplit("/", 1)[-1]

    def link(self, iri: str, here: str, fragment: str = "", text: str | None = None) -> str:
        """An <a> to the page of `iri` (relative), or to the IRI itself when it has none."""
        path = page_path(iri) if iri in self.resources else None
        text = html.escape(self.label(iri) if text is None else text)
        if path is None:
            return f'<a class="ext" href="{html.escape(iri)}">{text}</a>'
        href = quote(posixpath.relpath(path + ".html", posixpath.dirname(here)))
        return f'<a href="{href}{fragment}">{text}</a>'

    def triples(self, iri: str) -> list[ox.Triple]:
        node = ox.NamedNode(iri)
        quads = self.store.quads_matching(subject=node)
        shown = {q.triple for q in quads if q.predicate.value not in INDEX_PROPERTIES}
        return sorted(shown, key=str)

    def turtle(self, iri: str) -> bytes:
        if self.is_document(iri):
            node = ox.NamedNode(iri)
            graphs = {q.graph_name for q in self.store.quads_matching(node, TYPE)}
            named = [g for g in graphs if isinstance(g, ox.NamedNode)]
            if named:
                quads = self.store.quads_matching(graph=min(named, key=lambda g: g.value))
                return to_rdf(q.triple for q in quads)
        return to_rdf(self.triples(iri))

    @functools.lru_cache(maxsize=256)  # noqa: B019 (one _Site per build)
    def text(self, document: str) -> str:
        return self.first(document, PK + "text")

    def values(self, subject: str, predicate: str) -> list[ox.NamedNode | ox.Literal]:
        node, pred = ox.NamedNode(subject), ox.NamedNode(predicate)
        found = {q.object for q in self.store.quads_matching(node, pred)}
        return sorted((o for o in found if isinstance(o, ox.NamedNode | ox.Literal)), key=str)

    def first(self, subject: str, predicate: str) -> str:
        values = self.values(subject, predicate)
        return values[0].value if values else ""

    # -- pages -----------------------------------------------------------------

    def page(self, iri: str, here: str) -> str:
        triples = self.triples(iri)
        label = self.label(iri)
        classes = sorted(self.resources[iri])
        kinds = ", ".join(self.link(c, here) for c in classes)
        body = [
            f"<h1>{html.escape(label)}</h1>",
            f'<p class="kind">{kinds}</p>',
            f'<p class="iri"><code>{html.escape(iri)}</code> &middot; '
            f'<a href="{quote(posixpath.basename(here))}.ttl">Turtle</a></p>',
            self._text(iri, here) if self.is_document(iri) else "",
            self._properties(triples, here),
            self._relations(iri, here),
            self._incoming(iri, here),
            self._evidence(iri, here),
        ]
        nodes = list(jsonld_nodes(triples))
        jsonld = {"@context": EXPORT_PREFIXES, **(nodes[0] if nodes else {"@id": iri})}
        return _layout(label, here, "\n".join(b for b in body if b), jsonld)

    def _properties(self, triples: list[ox.Triple], here: str) -> str:
        rows: dict[str, list[str]] = defaultdict(list)
        for t in triples:
            if t.predicate.value in HIDDEN:
                continue
            obj = t.object
            if isinstance(obj, ox.NamedNode):
                rows[t.predicate.value].append(self.link(obj.value, here))
            elif isinstance(obj, ox.Literal):
                lang = f' <span class="lang">@{obj.language}</span>' if obj.language else ""
                rows[t.predicate.value].append(html.escape(obj.value) + lang)
        if not rows:
            return ""
        lines = [
            f"<tr><th>{self.link(p, here)}</th><td>{'<br>'.join(v)}</td></tr>"
            for p, v in sorted(rows.items(), key=lambda item: self.label(item[0]).casefold())
        ]
        return "<section><h2>Properties</h2><table>" + "".join(lines) + "</table></section>"

    def _relations(self, iri: str, here: str) -> str:
        node = ox.NamedNode(iri)
        statements = {
            q.subject.value
            for p in ("subject", "object")
            for q in self.store.quads_matching(None, ox.NamedNode(RDF + p), node)
            if isinstance(q.subject, ox.NamedNode)
        }
        items = []
        for st in sorted(statements):
            s, p, o = (self.first(st, RDF + x) for x in ("subject", "predicate", "object"))
            quote_text = self.first(st, PK + "exact")
            doc = self.first(st, PK + "inDocument")
            where = f"in {self.link(doc, here)}" if doc else ""
            items.append(
                f"<li>{self.link(s, here)} <em>{html.escape(self.label(p))}</em> "
                f"{self.link(o, here)}<blockquote>{html.escape(quote_text)}</blockquote>"
                f"<small>{where}</small></li>"
            )
        if not items:
            return ""
        return "<section><h2>Relations stated</h2><ul>" + "".join(items) + "</ul></section>"

    def _incoming(self, iri: str, here: str) -> str:
        by_property: dict[str, set[str]] = defaultdict(set)
        for q in self.store.quads_matching(object=ox.NamedNode(iri)):
            s = q.subject
            if isinstance(s, ox.NamedNode) and s.value in self.resources:
                by_property[q.predicate.value].add(s.value)
        if not by_property:
            return ""
        parts = []
        for p in sorted(by_property, key=lambda p: self.label(p).casefold()):
            links = sorted(by_property[p], key=lambda s: self.label(s).casefold())
            items = "".join(f"<li>{self.link(s, here)}</li>" for s in links)
            parts.append(f"<h3>{html.escape(self.label(p))} ({len(links)})</h3><ul>{items}</ul>")
        return "<section><h2>Linked from</h2>" + "".join(parts) + "</section>"

    def _evidence(self, iri: str, here: str) -> str:
        """The mentions of `iri` in context, newest documents first, at most MAX_EVIDENCE."""
        refers_to = ox.NamedNode(PK + "refersTo")
        mentions = {
            q.subject.value
            for q in self.store.quads_matching(None, refers_to, ox.NamedNode(iri))
            if isinstance(q.subject, ox.NamedNode)
        }
        found: list[tuple[str, str, int, int, str]] = []
        for m in mentions:
            doc = self.first(m, PK + "inDocument")
            first, last = self.first(m, PK + "start"), self.first(m, PK + "end")
            if doc and first.isdigit() and last.isdigit():
                date = self.first(doc, PK + "publishedOn")
                found.append((date, doc, int(first), int(last), m))
        found.sort(key=lambda f: (f[0], f[1], -f[2]), reverse=True)
        items = []
        for _, doc, start, end, m in found[:MAX_EVIDENCE]:
            snippet = _snippet(self.text(doc), start, end, self.first(m, PK + "exact"))
            items.append(
                f"<li><blockquote>{snippet}</blockquote><small>in "
                f"{self.link(doc, here, f'#m-{start}')}</small></li>"
            )
        if not items:
            return ""
        more = (
            f"<p>{len(found) - MAX_EVIDENCE} more mentions: see the documents above.</p>"
            if len(found) > MAX_EVIDENCE
            else ""
        )
        title = f"Evidence ({len(found)} mention{'s' if len(found) > 1 else ''})"
        return f"<section><h2>{title}</h2><ul>" + "".join(items) + f"</ul>{more}</section>"

    def _text(self, iri: str, here: str) -> str:
        text = self.text(iri)
        if not text:
            return ""
        spans = set()
        in_document = ox.NamedNode(PK + "inDocument")
        for q in self.store.quads_matching(None, in_document, ox.NamedNode(iri)):
            if not isinstance(q.subject, ox.NamedNode):
                continue
            m = q.subject.value
            target = self.first(m, PK + "refersTo")
            first, last = self.first(m, PK + "start"), self.first(m, PK + "end")
            if target and first.isdigit() and last.isdigit():
                spans.add((int(first), int(last), target))
        out, at = [], 0
        for start, end, target in sorted(spans):
            if start < at or end > len(text):
                continue  # overlapping or out of range: shown once
            out.append(html.escape(text[at:start]))
            link = self.link(target, here, text=text[start:end])
            out.append(f'<span class="mention" id="m-{start}">{link}</span>')
            at = end
        out.append(html.escape(text[at:]))
        return '<section><h2>Text</h2><div class="text">' + "".join(out) + "</div></section>"

    def index(self, info: DatasetInfo) -> str:
        here = "index.html"
        documents = sorted(
            (i for i in self.resources if self.is_document(i)),
            key=lambda d: (self.first(d, PK + "publishedOn"), d),
            reverse=True,
        )
        docs = "".join(
            f"<li>{html.escape(self.first(d, PK + 'publishedOn'))} {self.link(d, here)}</li>"
            for d in documents
        )
        by_class: dict[str, list[str]] = defaultdict(list)
        for iri, classes in self.resources.items():
            if not self.is_document(iri):
                for c in classes - EVIDENCE:
                    by_class[c].append(iri)
        sections = []
        for c in sorted(by_class, key=lambda c: self.label(c).casefold()):
            members = sorted(by_class[c], key=lambda i: self.label(i).casefold())
            links = ", ".join(self.link(i, here) for i in members)
            sections.append(f"<h3>{html.escape(self.label(c))} ({len(members)})</h3><p>{links}</p>")
        body = (
            f"<h1>{html.escape(info.title)}</h1><p>{html.escape(info.description)}</p>"
            f'<p>Licence: <a href="{html.escape(info.license)}">{html.escape(info.license)}</a>'
            f" &middot; publisher: {html.escape(info.publisher)} &middot; "
            '<a href="void.ttl">dataset description (VoID, DCAT-AP)</a> &middot; '
            '<a href="parlkg.trig">the whole dataset (TriG)</a></p>'
            f"<section><h2>Documents ({len(documents)})</h2><ul>{docs}</ul></section>"
            "<section><h2>Entities</h2>" + "".join(sections) + "</section>"
        )
        return _layout(info.title, here, body, None)


def _snippet(text: str, start: int, end: int, exact: str, width: int = 90) -> str:
    """The mention in its context: `… before <mark>exact</mark> after …`."""
    if end > len(text) or text[start:end] != exact:
        return f"<mark>{html.escape(exact)}</mark>"
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0 and " " in text[left:start]:
        left = text.index(" ", left, start) + 1
    if right < len(text) and " " in text[end:right]:
        right = text.rindex(" ", end, right)
    before = ("…" if left > 0 else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) else "")
    return f"{html.escape(before)}<mark>{html.escape(exact)}</mark>{html.escape(after)}"


def _layout(title: str, here: str, body: str, jsonld: dict[str, object] | None) -> str:
    root = posixpath.relpath(".", posixpath.dirname(here) or ".")
    prefix = "" if root == "." else root + "/"
    head = [
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(title)} — parlkg</title>",
        f'<link rel="stylesheet" href="{prefix}style.css">',
    ]
    if jsonld is not None:
        name = quote(posixpath.basename(here))
        head.append(f'<link rel="alternate" type="text/turtle" href="{name}.ttl">')
        data = json.dumps(jsonld, ensure_ascii=False, indent=1).replace("</", "<\\/")
        head.append(f'<script type="application/ld+json">\n{data}\n</script>')
    nav = f'<nav><a href="{prefix}index.html">parlkg</a></nav>'
    return "\n".join([*head, "</head><body>", nav, "<main>", body, "</main></body></html>\n"])


def _labels(store: GraphStore) -> dict[str, str]:
    """The display label of every labelled IRI: French first for entities, English
    for the vocabulary; a document's title when it has no label."""
    best: dict[str, tuple[int, str]] = {}
    for row in _solutions(store, _LABELS):
        iri, label = row["e"].value, row["l"]
        assert isinstance(label, ox.Literal)
        lang = label.language or ""
        order = ("fr", "", "en") if iri.startswith(ID) else ("en", "", "fr")
        rank = order.index(lang) if lang in order else 3
        rank += 10 * int(row["p"].value == DCTERMS + "title")
        if iri not in best or (rank, label.value) < best[iri]:
            best[iri] = (rank, label.value)
    return {iri: label for iri, (_, label) in best.items()}


def _solutions(store: GraphStore, sparql: str) -> Iterable[dict[str, ox.NamedNode | ox.Literal]]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    for solution in result:
        row = {n: solution[n] for n in names}
        yield {n: t for n, t in row.items() if isinstance(t, ox.NamedNode | ox.Literal)}


def _column(store: GraphStore, sparql: str, name: str) -> set[str]:
    return {row[name].value for row in _solutions(store, sparql) if name in row}


_LABELS = """SELECT ?e ?p ?l WHERE {
  VALUES ?p { <http://www.w3.org/2000/01/rdf-schema#label>
              <http://www.w3.org/2004/02/skos/core#prefLabel> <http://purl.org/dc/terms/title> }
  ?e ?p ?l FILTER(ISIRI(?e) && ISLITERAL(?l))
}"""
_RESOURCES = """SELECT DISTINCT ?r ?c WHERE {
  ?r a ?c FILTER(ISIRI(?r) && ISIRI(?c) && STRSTARTS(STR(?r), "https://w3id.org/parlkg/id/"))
}"""
_DOCUMENT_CLASSES = """SELECT ?c WHERE {
  ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* <https://w3id.org/parlkg/ontology#Document>
}"""

_CSS = """body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222}
nav{background:#123;padding:.4em 1em}nav a{color:#fff;font-weight:bold;text-decoration:none}
main{max-width:60em;margin:0 auto;padding:0 1em 2em}
h1{margin-bottom:.2em}.kind,.iri{margin:.2em 0;color:#555}.iri code{font-size:.85em}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;
padding:.25em .5em;border-bottom:1px solid #e3e3e3}th{width:14em;font-weight:600}
blockquote{margin:.3em 0 .1em;padding:.2em .8em;border-left:3px solid #9ab;background:#f7f9fb}
mark{background:#ffe58a}.lang{color:#888;font-size:.8em}a.ext{color:#575}
.text{white-space:pre-wrap;background:#fafafa;padding:1em;border:1px solid #eee}
.mention a{background:#e6f0ff;border-bottom:2px solid #4a7bd0;text-decoration:none}
.mention:target a{background:#ffe58a}
"""
