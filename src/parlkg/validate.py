"""SHACL validation of the store against ontology/shapes.ttl (pyshacl)."""

from __future__ import annotations

import io

from parlkg.resources import shapes_file
from parlkg.store import GraphStore
from parlkg.vocab import AUTHORITY_GRAPH, ONTOLOGY_GRAPH


def validate_store(store: GraphStore) -> tuple[bool, str]:
    """(conforms, readable report) for the documents + ontology + authority."""
    import pyshacl
    import rdflib

    buffer = io.BytesIO()
    graphs = [*store.document_graphs(), ONTOLOGY_GRAPH, AUTHORITY_GRAPH]
    store.export(buffer, "ntriples", graphs)
    data = rdflib.Graph()
    data.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    shapes = rdflib.Graph()
    shapes.parse(shapes_file(), format="turtle")
    conforms, _, text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return bool(conforms), str(text)
