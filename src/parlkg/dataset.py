"""The description of the dataset: VoID statistics and a DCAT-AP record.

Built from SPARQL counts over the store and written into its own named graph,
`https://w3id.org/parlkg/graph/_void` (a `void:DatasetDescription`), so that it
travels with the data (export, push, serve, site). It holds no date of its
own: the same store gives the same description.

What it says: title, description, licence and publisher (configurable); the
number of triples, documents, distinct subjects and entities, one
`void:classPartition` per `pk:` class with its number of entities, one
`void:propertyPartition` per predicate with its number of triples; the
vocabularies used; example resources; the period the documents cover; and,
when served, the SPARQL endpoint (`void:sparqlEndpoint`, a `dcat:DataService`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from parlkg.errors import ParlkgError
from parlkg.export import DCAT, VOID
from parlkg.store import GraphStore
from parlkg.vocab import BASE, DCTERMS, GRAPH, ID, PK, PREFIXES, RDF, XSD

VOID_GRAPH = GRAPH + "_void"
FOAF = "http://xmlns.com/foaf/0.1/"
EU = "http://publications.europa.eu/resource/authority/"

DEFAULT_TITLE = "parlkg: actors, laws and questions of the French Parliament"
DEFAULT_DESCRIPTION = (
    "A knowledge graph of French parliamentary documents (written questions, questions "
    "to the Government and their debates, Senate questions, letters from members of "
    "parliament): who asked which ministry about which organisations, projects and laws, "
    "with the quoted evidence of every relation. One named graph per document."
)
# The Assemblée nationale and the Sénat publish their documents under the
# Licence Ouverte / Open Licence 2.0 (Etalab); the graph derived from them keeps it.
DEFAULT_LICENSE = "https://spdx.org/licenses/etalab-2.0.html"
DEFAULT_PUBLISHER = "parlkg"
DEFAULT_PUBLISHER_URL = BASE

ENV = {
    "title": "PARLKG_TITLE",
    "description": "PARLKG_DESCRIPTION",
    "license": "PARLKG_LICENSE",
    "publisher": "PARLKG_PUBLISHER",
    "publisher_url": "PARLKG_PUBLISHER_URL",
}


class SettingError(ParlkgError, ValueError):
    """A dataset setting (licence, publisher URL, endpoint) that is not usable."""

    exit_code = 2


@dataclass(frozen=True)
class DatasetInfo:
    """What the description says that the data cannot: who, what, under which licence."""

    title: str = DEFAULT_TITLE
    description: str = DEFAULT_DESCRIPTION
    license: str = DEFAULT_LICENSE
    publisher: str = DEFAULT_PUBLISHER
    publisher_url: str = DEFAULT_PUBLISHER_URL
    dataset: str = BASE + "dataset"
    endpoint: str | None = None  # the SPARQL endpoint, when served

    def __post_init__(self) -> None:
        for name in ("license", "publisher_url", "dataset", "endpoint"):
            value = getattr(self, name)
            if value is not None and not _is_iri(value):
                option = "--" + name.replace("_", "-")
                raise SettingError(
                    f"dataset {name} {value!r} is not an absolute http(s) IRI",
                    hint=f"give {option} as a full URL, e.g. https://example.org/…",
                )

    @classmethod
    def configured(
        cls, environ: Mapping[str, str] | None = None, **given: str | None
    ) -> DatasetInfo:
        """Settings from `given` (CLI options), else the environment, else the defaults."""
        environ = os.environ if environ is None else environ
        values: dict[str, str] = {}
        for name, var in ENV.items():
            value = given.get(name) or environ.get(var)
            if value:
                values[name] = value
        for name in ("dataset", "endpoint"):
            value = given.get(name)
            if value:
                values[name] = value
        return cls(**values)

    def served_at(self, endpoint: str) -> DatasetInfo:
        return replace(self, endpoint=endpoint)


def describe(store: GraphStore, info: DatasetInfo | None = None) -> list[ox.Triple]:
    """The VoID + DCAT-AP description of what `store` holds (the `_void` graph excluded)."""
    info = info or DatasetInfo()
    out = _Builder()
    ds = ox.NamedNode(info.dataset)
    a = RDF + "type"
    default = info.title == DEFAULT_TITLE
    out.add(ds, a, ox.NamedNode(VOID + "Dataset"))
    out.add(ds, a, ox.NamedNode(DCAT + "Dataset"))
    out.add(ds, DCTERMS + "title", ox.Literal(info.title, language="en" if default else None))
    default = info.description == DEFAULT_DESCRIPTION
    desc = ox.Literal(info.description, language="en" if default else None)
    out.add(ds, DCTERMS + "description", desc)
    publisher = ox.NamedNode(info.publisher_url)
    out.add(ds, DCTERMS + "publisher", publisher)
    out.add(publisher, a, ox.NamedNode(FOAF + "Agent"))
    out.add(publisher, FOAF + "name", ox.Literal(info.publisher))
    out.add(ds, DCTERMS + "license", ox.NamedNode(info.license))
    out.add(ds, DCTERMS + "conformsTo", ox.NamedNode(PK.rstrip("#")))
    out.add(ds, DCTERMS + "language", ox.NamedNode(EU + "language/FRA"))
    out.add(ds, DCTERMS + "spatial", ox.NamedNode(EU + "country/FRA"))
    out.add(ds, DCAT + "theme", ox.NamedNode(EU + "data-theme/GOVE"))
    for word in ("parlement", "questions écrites", "Assemblée nationale", "Sénat"):
        out.add(ds, DCAT + "keyword", ox.Literal(word, language="fr"))
    out.add(ds, VOID + "uriSpace", ox.Literal(ID))
    out.add(ds, VOID + "feature", ox.NamedNode("http://www.w3.org/ns/formats/N-Quads"))
    out.add(ds, VOID + "feature", ox.NamedNode("http://www.w3.org/ns/formats/TriG"))

    _statistics(store, ds, out)
    _period(store, ds, out)

    catalog = ox.NamedNode(info.dataset + "#catalog")
    out.add(catalog, a, ox.NamedNode(DCAT + "Catalog"))
    out.add(catalog, DCTERMS + "title", ox.Literal(info.title))
    out.add(catalog, DCTERMS + "description", desc)
    out.add(catalog, DCTERMS + "publisher", publisher)
    out.add(catalog, DCAT + "dataset", ds)
    if info.endpoint:
        _endpoint(info, ds, catalog, out)

    doc = ox.NamedNode(VOID_GRAPH)
    out.add(doc, a, ox.NamedNode(VOID + "DatasetDescription"))
    out.add(doc, DCTERMS + "title", ox.Literal(f"Description of {info.title}"))
    out.add(doc, FOAF + "primaryTopic", ds)
    return out.triples


def _statistics(store: GraphStore, ds: ox.NamedNode, out: _Builder) -> None:
    out.add(ds, VOID + "triples", _int(_count(store, _TRIPLES)))
    out.add(ds, VOID + "documents", _int(_count(store, _DOCUMENTS)))
    out.add(ds, VOID + "distinctSubjects", _int(_count(store, _SUBJECTS)))
    out.add(ds, VOID + "entities", _int(_count(store, _ENTITIES)))
    for row in _rows(store, _CLASSES):
        cls = row["c"]
        part = ox.NamedNode(f"{ds.value}#class-{_slug(cls.value)}")
        out.add(ds, VOID + "classPartition", part)
        out.add(part, VOID + "class", cls)
        out.add(part, VOID + "entities", row["n"])
    vocabularies: set[str] = set()
    properties = _rows(store, _PROPERTIES)
    out.add(ds, VOID + "properties", _int(len(properties)))
    for row in properties:
        prop = row["p"]
        part = ox.NamedNode(f"{ds.value}#property-{_slug(prop.value)}")
        out.add(ds, VOID + "propertyPartition", part)
        out.add(part, VOID + "property", prop)
        out.add(part, VOID + "triples", row["n"])
        vocabularies.add(_namespace(prop.value))
    vocabularies.update(_namespace(row["c"].value) for row in _rows(store, _TYPES))
    for ns in sorted(vocabularies):
        out.add(ds, VOID + "vocabulary", ox.NamedNode(ns))
    for row in _rows(store, _EXAMPLES):
        out.add(ds, VOID + "exampleResource", row["e"])


def _period(store: GraphStore, ds: ox.NamedNode, out: _Builder) -> None:
    rows = _rows(store, _DATES)
    if not rows or "start" not in rows[0]:
        return
    period = ox.NamedNode(ds.value + "#period")
    out.add(ds, DCTERMS + "temporal", period)
    out.add(period, RDF + "type", ox.NamedNode(DCTERMS + "PeriodOfTime"))
    out.add(period, DCAT + "startDate", rows[0]["start"])
    out.add(period, DCAT + "endDate", rows[0]["end"])


def _endpoint(info: DatasetInfo, ds: ox.NamedNode, catalog: ox.NamedNode, out: _Builder) -> None:
    assert info.endpoint is not None
    url = ox.NamedNode(info.endpoint)
    a = RDF + "type"
    out.add(ds, VOID + "sparqlEndpoint", url)
    service = ox.NamedNode(info.dataset + "#sparql")
    out.add(service, a, ox.NamedNode(DCAT + "DataService"))
    out.add(service, DCTERMS + "title", ox.Literal("SPARQL 1.1 endpoint"))
    out.add(service, DCAT + "endpointURL", url)
    out.add(service, DCAT + "servesDataset", ds)
    out.add(
        service, DCTERMS + "conformsTo", ox.NamedNode("https://www.w3.org/TR/sparql11-protocol/")
    )
    out.add(catalog, DCAT + "service", service)
    dist = ox.NamedNode(info.dataset + "#sparql-distribution")
    out.add(ds, DCAT + "distribution", dist)
    out.add(dist, a, ox.NamedNode(DCAT + "Distribution"))
    out.add(dist, DCAT + "accessURL", url)
    out.add(dist, DCAT + "accessService", service)
    out.add(dist, DCTERMS + "license", ox.NamedNode(info.license))
    media = "https://www.iana.org/assignments/media-types/application/sparql-results+json"
    out.add(dist, DCAT + "mediaType", ox.NamedNode(media))


# -- queries (constant text: nothing from outside is put into them) ----------

_HEAD = """PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
_QUADS = "GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/parlkg/graph/_void>)"
_TYPED = "GRAPH ?g { ?s a ?c } FILTER(?g != <https://w3id.org/parlkg/graph/_void>)"
_ENTITY = 'FILTER(STRSTARTS(STR(?s), "https://w3id.org/parlkg/id/"))'
_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { " + _QUADS + " }"
_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { " + _QUADS + " }"
_ENTITIES = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { " + _TYPED + " " + _ENTITY + " }"
_CLASSES = (
    _HEAD
    + "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { "
    + _TYPED
    + " "
    + _ENTITY
    + " FILTER(STRSTARTS(STR(?c), STR(pk:))) } GROUP BY ?c ORDER BY ?c"
)
_TYPES = "SELECT DISTINCT ?c WHERE { " + _TYPED + " FILTER(ISIRI(?c)) }"
_PROPERTIES = "SELECT ?p (COUNT(*) AS ?n) WHERE { " + _QUADS + " } GROUP BY ?p ORDER BY ?p"
_DOCUMENTS = (
    _HEAD + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ?c . ?c rdfs:subClassOf* pk:Document }"
)
_EXAMPLES = (  # the first documents, and the organisations and projects most asked about
    _HEAD
    + """SELECT ?e WHERE {
  { SELECT ?e WHERE { ?e a ?c . ?c rdfs:subClassOf* pk:Document } ORDER BY ?e LIMIT 2 }
  UNION
  { SELECT ?e (COUNT(?d) AS ?n) WHERE { ?d pk:concerns ?e }
    GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT 3 }
} ORDER BY ?e"""
)
_DATES = (
    _HEAD
    + """SELECT (MIN(?date) AS ?start) (MAX(?date) AS ?end) WHERE {
  ?d pk:publishedOn ?date . FILTER(DATATYPE(?date) = xsd:date)
}"""
)


def _rows(store: GraphStore, sparql: str) -> list[dict[str, ox.NamedNode | ox.Literal]]:
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    variables = [v.value for v in result.variables]
    rows = []
    for solution in result:
        row = {}
        for name in variables:
            term = solution[name]
            if isinstance(term, ox.NamedNode | ox.Literal):
                row[name] = term
        rows.append(row)
    return rows


def _count(store: GraphStore, sparql: str) -> int:
    rows = _rows(store, sparql)
    return int(rows[0]["n"].value) if rows and "n" in rows[0] else 0


def _int(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=ox.NamedNode(XSD + "integer"))


def _namespace(iri: str) -> str:
    for ns in sorted(PREFIXES.values(), key=len, reverse=True):
        if iri.startswith(ns):
            return ns
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _slug(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and prefix != "pkid":
            return f"{prefix}-{quote(iri[len(ns) :], safe='')}"
    return quote(iri, safe="")


def _is_iri(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


class _Builder:
    def __init__(self) -> None:
        self.triples: list[ox.Triple] = []

    def add(self, s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        self.triples.append(ox.Triple(s, ox.NamedNode(p), o))
