"""The public vocabulary: namespaces and IRI minting (strings only, no RDF library).

Entities: https://w3id.org/parlkg/id/<kind>/<key>; graphs: .../graph/<doc-key>.
Keys are deterministic: the same real-world thing gets the same IRI from every
document. `key_of` folds a name (case, accents, punctuation) into a key; `mint`
percent-encodes whatever remains, so distinct keys always give distinct IRIs.
"""

from __future__ import annotations

from urllib.parse import quote

from parlkg.kinds import DocType, EntityKind
from parlkg.text import fold

BASE = "https://w3id.org/parlkg/"
PK = BASE + "ontology#"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH + "_ontology"
AUTHORITY_GRAPH = GRAPH + "_authority"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
WD = "http://www.wikidata.org/entity/"

# The index each document's graph holds for its entities (`triples._Builder.index`):
# their dates, kinds and references. Derived, for queries: not facts to show.
INDEX_PROPERTIES = frozenset(
    PK + name
    for name in ("namedOn", "involvedOn", "inQuestion", "inAnsweredQuestion", "inOtherDocument")
)

PREFIXES: dict[str, str] = {
    "pk": PK,
    "pkid": ID,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "oa": OA,
    "wd": WD,
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "sh": "http://www.w3.org/ns/shacl#",
}

# pk: class of each entity kind
KIND_CLASS: dict[EntityKind, str] = {
    EntityKind.PERSON: "Person",
    EntityKind.ORGANIZATION: "Organization",
    EntityKind.COMPANY: "Company",
    EntityKind.PUBLIC_BODY: "PublicBody",
    EntityKind.MINISTRY: "Ministry",
    EntityKind.GROUP: "ParliamentaryGroup",
    EntityKind.LAW: "Law",
    EntityKind.PROJECT: "Project",
    EntityKind.PLACE: "Place",
    EntityKind.CONSTITUENCY: "Constituency",
}
CLASS_KIND: dict[str, EntityKind] = {v: k for k, v in KIND_CLASS.items()}

# pk: class of each document type, and the IRI path segment of documents
DOC_CLASS: dict[DocType, str] = {
    DocType.WRITTEN_QUESTION: "WrittenQuestion",
    DocType.GOVERNMENT_QUESTION: "GovernmentQuestion",
    DocType.ORAL_QUESTION: "OralQuestion",
    DocType.SENATE_WRITTEN_QUESTION: "WrittenQuestion",
    DocType.SENATE_GOVERNMENT_QUESTION: "GovernmentQuestion",
    DocType.SENATE_ORAL_QUESTION: "OralQuestion",
    DocType.LETTER: "Letter",
}


def key_of(name: str) -> str:
    """Fold a name into an IRI key: lower case, no accents, words joined by '-'."""
    return "-".join(fold(name).split()) or "_"


def mint(kind: str, key: str) -> str:
    """The IRI of an entity of `kind` with an already folded `key` (injective)."""
    return f"{ID}{quote(kind, safe='')}/{quote(key, safe='')}"


def entity_iri(kind: EntityKind, name: str) -> str:
    """The minted IRI of a named entity not in the authority file."""
    return mint(kind.value, key_of(name))


def document_iri(doc_key: str) -> str:
    return mint("document", doc_key)


def graph_iri(doc_key: str) -> str:
    return GRAPH + quote(doc_key, safe="")


def mention_iri(doc_key: str, start: int, end: int) -> str:
    return mint("mention", f"{doc_key}.{start}-{end}")


def statement_iri(doc_key: str, index: int) -> str:
    return mint("statement", f"{doc_key}.{index}")


_TYPE_CODE: dict[DocType, str] = {
    DocType.WRITTEN_QUESTION: "qe",
    DocType.GOVERNMENT_QUESTION: "qg",
    DocType.ORAL_QUESTION: "qosd",
    DocType.SENATE_WRITTEN_QUESTION: "qe",
    DocType.SENATE_GOVERNMENT_QUESTION: "qag",
    DocType.SENATE_ORAL_QUESTION: "qo",
    DocType.LETTER: "lettre",
}


def document_key(
    doc_type: DocType,
    chamber: str,
    *,
    number: str | None = None,
    legislature: int | None = None,
    series: str | None = None,
    author: str | None = None,
    date: str | None = None,
    stem: str | None = None,
) -> str:
    """The deterministic key of a document, the same whichever layout it was read from.

    Numbered questions: "an-17-qe-486", "senat-2020-qe-17194" (`series` is the
    legislature or, for the Senate, the year of its number series). Letters:
    "lettre-2025-08-08-alexandre-basquin". Otherwise the file name: "file-<stem>".
    """
    code = _TYPE_CODE[doc_type]
    chamber_key = key_of(chamber)
    if number:
        number = number.lstrip("0") or "0"
        series_key = str(legislature) if legislature is not None else key_of(series or "x")
        return f"{chamber_key}-{series_key}-{code}-{key_of(number)}"
    if author and date:
        return f"{code}-{date}-{key_of(author)}"
    return f"file-{key_of(stem or 'document')}"
