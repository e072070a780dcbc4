"""The dataset description (VoID + DCAT-AP): counts that match the store, settings."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from parlkg.dataset import (
    DEFAULT_LICENSE,
    VOID_GRAPH,
    DatasetInfo,
    SettingError,
    describe,
)
from parlkg.export import serialize_triples
from parlkg.store import GraphStore
from parlkg.vocab import PK

VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
DATASET = rdflib.URIRef("https://w3id.org/parlkg/dataset")


def _graph(triples: list[ox.Triple]) -> rdflib.Graph:
    return rdflib.Graph().parse(data=serialize_triples(triples).decode(), format="turtle")


@pytest.fixture(scope="module")
def description(seed_store_path: Path) -> rdflib.Graph:
    with GraphStore(seed_store_path, read_only=True) as store:
        return _graph(describe(store))


def _int(graph: rdflib.Graph, subject: rdflib.URIRef, predicate: rdflib.URIRef) -> int:
    value = graph.value(subject, predicate)
    assert value is not None, f"no {predicate} on {subject}"
    return int(value)


def test_counts_match_the_store(description: rdflib.Graph, seed_store: GraphStore) -> None:
    assert _int(description, DATASET, VOID.triples) == len(seed_store)
    assert _int(description, DATASET, VOID.documents) == len(seed_store.document_graphs()) == 5
    partitions = {
        str(description.value(p, VOID["class"])): int(description.value(p, VOID.entities))
        for p in description.objects(DATASET, VOID.classPartition)
    }
    persons = seed_store.query(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/parlkg/ontology#Person> }"
    )
    assert isinstance(persons, ox.QuerySolutions)
    assert partitions[PK + "Person"] == int(next(persons)["n"].value)
    assert partitions[PK + "WrittenQuestion"] == 3
    assert partitions[PK + "Company"] > 20
    properties = list(description.objects(DATASET, VOID.propertyPartition))
    assert len(properties) == _int(description, DATASET, VOID.properties)
    assert sum(int(description.value(p, VOID.triples)) for p in properties) == len(seed_store)


def test_vocabularies_examples_and_period(description: rdflib.Graph) -> None:
    vocabularies = {str(v) for v in description.objects(DATASET, VOID.vocabulary)}
    assert {
        PK,
        "http://www.w3.org/2000/01/rdf-schema#",
        "http://purl.org/dc/terms/",
    } <= vocabularies
    examples = {str(e) for e in description.objects(DATASET, VOID.exampleResource)}
    assert "https://w3id.org/parlkg/id/company/microsoft" in examples
    assert any("/id/document/" in e for e in examples)
    period = description.value(DATASET, DCT.temporal)
    assert str(description.value(period, DCAT.startDate)) == "2021-12-28"
    assert str(description.value(period, DCAT.endDate)) == "2025-08-08"


def test_dcat_ap_mandatory_and_recommended_properties(description: rdflib.Graph) -> None:
    assert (DATASET, rdflib.RDF.type, DCAT.Dataset) in description
    assert (DATASET, rdflib.RDF.type, VOID.Dataset) in description
    for prop in (DCT.title, DCT.description, DCT.publisher, DCT.license, DCAT.theme):
        assert description.value(DATASET, prop) is not None, prop
    assert str(description.value(DATASET, DCT.license)) == DEFAULT_LICENSE
    publisher = description.value(DATASET, DCT.publisher)
    assert str(description.value(publisher, FOAF.name)) == "parlkg"
    catalog = next(description.subjects(DCAT.dataset, DATASET))
    assert (catalog, rdflib.RDF.type, DCAT.Catalog) in description
    topic = description.value(rdflib.URIRef(VOID_GRAPH), FOAF.primaryTopic)
    assert topic == DATASET
    assert description.value(DATASET, VOID.sparqlEndpoint) is None  # not served


def test_the_endpoint_is_described_when_serving(seed_store: GraphStore) -> None:
    url = "http://127.0.0.1:7878/query"
    graph = _graph(describe(seed_store, DatasetInfo().served_at(url)))
    assert str(graph.value(DATASET, VOID.sparqlEndpoint)) == url
    service = next(graph.subjects(DCAT.servesDataset, DATASET))
    assert str(graph.value(service, DCAT.endpointURL)) == url
    distribution = graph.value(DATASET, DCAT.distribution)
    assert graph.value(distribution, DCAT.accessService) == service


def test_the_same_store_gives_the_same_description(seed_store: GraphStore) -> None:
    assert serialize_triples(describe(seed_store)) == serialize_triples(describe(seed_store))


def test_settings_from_options_then_environment_then_defaults() -> None:
    environ = {"PARLKG_TITLE": "From env", "PARLKG_PUBLISHER": "Env publisher"}
    info = DatasetInfo.configured(environ, title="From option", license=None)
    assert info.title == "From option"
    assert info.publisher == "Env publisher"
    assert info.license == DEFAULT_LICENSE
    assert DatasetInfo.configured({}).title == DatasetInfo().title


@pytest.mark.parametrize("bad", ["Etalab 2.0", "ftp://x/y", "/relative"])
def test_a_licence_must_be_an_iri(bad: str) -> None:
    with pytest.raises(SettingError, match="--license as a full URL"):
        DatasetInfo(license=bad)
