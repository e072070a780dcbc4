"""The ontology (ontology/parlkg.ttl) and the SHACL shapes (ontology/shapes.ttl).

The term lists below are the public vocabulary: a contract with analysts' queries
and exports. A term may be added to them, never renamed or removed.

Validation is run as the pipeline runs it: pyshacl without inference on the data
plus the ontology, whose rdfs:subClassOf triples let shapes reach subclasses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, RDFS, SH, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL

ONTOLOGY_DIR = Path(__file__).parents[1] / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "parlkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"

PK = Namespace("https://w3id.org/parlkg/ontology#")
PKSH = Namespace("https://w3id.org/parlkg/shapes#")
ONTOLOGY_IRI = URIRef("https://w3id.org/parlkg/ontology")
XSD_NS = "http://www.w3.org/2001/XMLSchema#"

# ---------------------------------------------------------------------------
# The contract: every term the code emits
# ---------------------------------------------------------------------------

CLASSES = [
    "Document",
    "Question",
    "WrittenQuestion",
    "GovernmentQuestion",
    "OralQuestion",
    "Letter",
    "Person",
    "Organization",
    "Ministry",
    "ParliamentaryGroup",
    "Company",
    "PublicBody",
    "Law",
    "Project",
    "Place",
    "Constituency",
    "Mention",
    "Statement",
    "SpeechTurn",
    "Reaction",
    # the whole-store summaries (queries/summaries/*.ru)
    "Fact",
    "Tally",
]

TYPED_RELATIONS = ["hostedBy", "hostedIn", "operatedBy", "developedBy", "partnerOf", "subjectTo"]

OBJECT_PROPERTIES = [
    "askedBy",
    "addressedTo",
    "addressee",
    "assignedTo",
    "answeredBy",
    "mentions",
    "concerns",
    "cites",
    "memberOf",
    "represents",
    "relation",
    *TYPED_RELATIONS,
    "inDocument",
    "refersTo",
    "evidence",
    "hasTurn",
    "speaker",
    "hasReaction",
    "byGroup",
    "byPerson",
    "during",
    "jurisdiction",
    "country",
    "department",
    # the whole-store summaries
    "factSubject",
    "factPredicate",
    "factObject",
    "exampleStatement",
    "entity",
    "group",
    "author",
    "responsibleMinistry",
    "by",
    "target",
]

DATATYPE_PROPERTIES = [
    "number",
    "legislature",
    "chamber",
    "publishedOn",
    "answeredOn",
    "withdrawnOn",
    "attributionChangedOn",
    "renewedOn",
    "joPage",
    "answerJoPage",
    "withdrawalReason",
    "closure",
    "rubrique",
    "headingAnalysis",
    "analysis",
    "text",
    "addresseeInText",
    "civility",
    "role",
    "layout",
    "contentHash",
    "buildHash",
    "complete",
    "warning",
    "exact",
    "start",
    "end",
    "extractor",
    "resolvedBy",
    "rule",
    "order",
    "reactionKind",
    "lawNumber",
    "celex",
    "article",
    "reviewed",
    "matchCase",
    "casedLabel",
    "acteurRef",
    "eli",
    # the whole-store summaries
    "documentCount",
    "authorCount",
    "groupCount",
    "references",
    "firstDate",
    "lastDate",
    "year",
    "tallied",
    "answerDelays",
    "status",
    "kind",
    "times",
    "example",
]

# the index of an entity's documents by date, in each document's graph: the value
# is a date, or the IRI pk:undated
INDEX_PROPERTIES = ["namedOn", "involvedOn", "inQuestion", "inAnsweredQuestion", "inOtherDocument"]
INDIVIDUALS = ["undated"]

SUBCLASSES = [
    ("Question", "Document"),
    ("WrittenQuestion", "Question"),
    ("GovernmentQuestion", "Question"),
    ("OralQuestion", "Question"),
    ("Letter", "Document"),
    ("Ministry", "Organization"),
    ("ParliamentaryGroup", "Organization"),
    ("Company", "Organization"),
    ("PublicBody", "Organization"),
    ("Constituency", "Place"),
]

FOAF = Namespace("http://xmlns.com/foaf/0.1/")
ORG = Namespace("http://www.w3.org/ns/org#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

ALIGNMENTS = [
    (PK.Person, RDFS.subClassOf, FOAF.Person),
    (PK.Organization, RDFS.subClassOf, ORG.Organization),
    (PK.Organization, RDFS.subClassOf, FOAF.Organization),
    (PK.Document, RDFS.subClassOf, FOAF.Document),
    (PK.Document, RDFS.subClassOf, PROV.Entity),
    (PK.Law, RDFS.subClassOf, ELI.LegalResource),
    (PK.Statement, RDFS.subClassOf, RDF.Statement),
    (PK.askedBy, RDFS.subPropertyOf, DCTERMS.creator),
    (PK.concerns, RDFS.subPropertyOf, DCTERMS.subject),
    (PK.concerns, RDFS.subPropertyOf, PK.mentions),
    (PK.cites, RDFS.subPropertyOf, DCTERMS.references),
    (PK.cites, RDFS.subPropertyOf, PK.mentions),
    (PK.memberOf, RDFS.subPropertyOf, ORG.memberOf),
    (PK.publishedOn, RDFS.subPropertyOf, DCTERMS.issued),
    (PK.exact, RDFS.subPropertyOf, NIF.anchorOf),
    (PK.start, RDFS.subPropertyOf, NIF.beginIndex),
    (PK.end, RDFS.subPropertyOf, NIF.endIndex),
    (PK.refersTo, RDFS.subPropertyOf, ITSRDF.taIdentRef),
    (PK.inDocument, RDFS.subPropertyOf, NIF.referenceContext),
    (PK.partnerOf, RDF.type, OWL.SymmetricProperty),
]

DECLARATION_TYPES = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.NamedIndividual,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def _declared(ontology: Graph) -> set[URIRef]:
    return {
        s
        for t in DECLARATION_TYPES
        for s in ontology.subjects(RDF.type, t)
        if isinstance(s, URIRef) and s.startswith(PK)
    }


def _pk_terms_used(graph: Graph) -> set[URIRef]:
    return {
        term
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and term.startswith(PK) and term != URIRef(PK)
    }


# ---------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------


def test_both_files_parse(ontology: Graph, shapes: Graph) -> None:
    assert len(ontology) > 100
    assert len(shapes) > 100


def test_ontology_header(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.3.0")
    license_ = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (ONTOLOGY_IRI, DCTERMS.license, license_) in ontology
    for prop in (DCTERMS.title, DCTERMS.description):
        languages = {o.language for o in ontology.objects(ONTOLOGY_IRI, prop)}
        assert {"fr", "en"} <= languages, f"{prop} needs @fr and @en on the ontology"


def test_no_imports(ontology: Graph) -> None:
    assert not list(ontology.triples((None, OWL.imports, None)))


def test_every_term_has_labels_and_comments_in_french_and_english(ontology: Graph) -> None:
    missing = []
    for term in sorted(_declared(ontology)):
        for prop in (RDFS.label, RDFS.comment):
            languages = {o.language for o in ontology.objects(term, prop)}
            missing += [
                f"{term.n3(ontology.namespace_manager)} {prop.fragment} @{lang}"
                for lang in ("fr", "en")
                if lang not in languages
            ]
    assert not missing, "missing annotations:\n" + "\n".join(missing)


@pytest.mark.parametrize(
    ("name", "kind"),
    [(n, OWL.Class) for n in CLASSES]
    + [(n, OWL.ObjectProperty) for n in OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in DATATYPE_PROPERTIES],
)
def test_contract_term_is_declared(ontology: Graph, name: str, kind: URIRef) -> None:
    assert (PK[name], RDF.type, kind) in ontology, f"pk:{name} must be declared a {kind}"


def test_no_term_beyond_the_contract_goes_unnoticed(ontology: Graph) -> None:
    """A new term is added to the lists above (and to the docs), deliberately."""
    names = CLASSES + OBJECT_PROPERTIES + DATATYPE_PROPERTIES + INDEX_PROPERTIES + INDIVIDUALS
    contract = {PK[n] for n in names}
    assert _declared(ontology) == contract


def test_the_index_the_code_writes_is_the_contract_s() -> None:
    """The index properties site pages leave out are the ones the ontology declares."""
    from parlkg.vocab import INDEX_PROPERTIES as WRITTEN

    assert {str(PK[n]) for n in INDEX_PROPERTIES} == WRITTEN


def test_every_pk_term_used_is_declared(ontology: Graph, shapes: Graph) -> None:
    declared = _declared(ontology)
    for graph, name in ((ontology, "parlkg.ttl"), (shapes, "shapes.ttl")):
        undeclared = _pk_terms_used(graph) - declared
        assert not undeclared, f"{name} uses undeclared terms: {sorted(undeclared)}"


@pytest.mark.parametrize(("sub", "sup"), SUBCLASSES)
def test_subclass(ontology: Graph, sub: str, sup: str) -> None:
    assert (PK[sub], RDFS.subClassOf, PK[sup]) in ontology


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].fragment}-{t[2]}")
def test_alignment(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


def test_typed_relations_are_the_sub_properties_of_relation(ontology: Graph) -> None:
    subs = set(ontology.subjects(RDFS.subPropertyOf, PK.relation))
    assert subs == {PK[n] for n in TYPED_RELATIONS}


def test_datatype_properties_have_an_xsd_range(ontology: Graph) -> None:
    for name in DATATYPE_PROPERTIES:
        rng = ontology.value(PK[name], RDFS.range)
        assert rng is not None and str(rng).startswith(XSD_NS), f"pk:{name} range: {rng}"


# ---------------------------------------------------------------------------
# The shapes
# ---------------------------------------------------------------------------


def test_statement_predicates_are_the_typed_relations(shapes: Graph) -> None:
    (prop_shape,) = (
        s
        for s in shapes.objects(PKSH.StatementShape, SH.property)
        if shapes.value(s, SH.path) == RDF.predicate
    )
    allowed = list(shapes.items(shapes.value(prop_shape, SH["in"])))
    assert set(allowed) == {PK[n] for n in TYPED_RELATIONS}


def test_every_shape_speaks_english(shapes: Graph) -> None:
    for node_shape in shapes.subjects(RDF.type, SH.NodeShape):
        assert shapes.value(node_shape, RDFS.label) is not None, node_shape
        for prop_shape in shapes.objects(node_shape, SH.property):
            path = shapes.value(prop_shape, SH.path)
            assert shapes.value(prop_shape, SH.name) is not None, (node_shape, path)
            assert shapes.value(prop_shape, SH.message) is not None, (node_shape, path)
    for constraint in shapes.subjects(RDF.type, SH.SPARQLConstraint):
        assert shapes.value(constraint, SH.message) is not None, constraint


# Offsets below are hand-counted in characters (code points); the "é" before
# "Health Data Hub" makes byte offsets differ, so counting bytes would fail.
QUESTION_TEXT = (
    "M. Philippe Latombe interroge Mme la ministre sur l'hébergement du Health Data Hub "
    "par Microsoft, soumis au Cloud Act."
)
DEBATE_TEXT = (
    "M. Alexis Corbière. La souveraineté numérique est menacée. "
    "(Applaudissements sur les bancs du groupe GDR.)"
)

VALID_TEMPLATE = """
@prefix pk:      <https://w3id.org/parlkg/ontology#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id:      <https://w3id.org/parlkg/id/> .

id:document\\/an-17-qe-486 a pk:WrittenQuestion ;
    pk:text "$QUESTION_TEXT" ;
    pk:chamber "AN" ;
    pk:contentHash "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    pk:layout "an-question-html" ;
    pk:complete true ;
    pk:number "486" ;
    pk:legislature 17 ;
    pk:publishedOn "2024-10-08"^^xsd:date ;
    pk:joPage 5312 ;
    pk:rubrique "numérique" ;
    dcterms:title "Hébergement des données de santé" ;
    pk:askedBy id:person\\/philippe-latombe ;
    pk:addressedTo id:ministry\\/numerique ;
    pk:assignedTo id:ministry\\/numerique ;
    pk:mentions id:project\\/health-data-hub , id:company\\/microsoft , id:law\\/cloud-act ;
    pk:concerns id:project\\/health-data-hub , id:company\\/microsoft ;
    pk:cites id:law\\/cloud-act .

id:person\\/philippe-latombe a pk:Person ;
    rdfs:label "Philippe Latombe" ;
    pk:acteurRef "PA795778" ;
    pk:memberOf id:group\\/dem ;
    pk:represents id:constituency\\/vendee-1 .
id:group\\/dem a pk:ParliamentaryGroup ; rdfs:label "Les Démocrates" .
id:constituency\\/vendee-1 a pk:Constituency ;
    rdfs:label "Vendée (1re circonscription)" ;
    pk:department id:place\\/vendee .
id:place\\/vendee a pk:Place ; rdfs:label "Vendée" .
id:ministry\\/numerique a pk:Ministry ; rdfs:label "Numérique" .
id:project\\/health-data-hub a pk:Project ; rdfs:label "Health Data Hub" .
id:company\\/microsoft a pk:Company ;
    rdfs:label "Microsoft" ;
    owl:sameAs <http://www.wikidata.org/entity/Q2283> .
id:law\\/cloud-act a pk:Law ; rdfs:label "Cloud Act" ; pk:reviewed true .

id:mention\\/an-17-qe-486.67-82 a pk:Mention ;
    pk:inDocument id:document\\/an-17-qe-486 ;
    pk:refersTo id:project\\/health-data-hub ;
    pk:exact "Health Data Hub" ;
    pk:start 67 ;
    pk:end 82 ;
    pk:extractor "gazetteer" .
id:mention\\/an-17-qe-486.87-96 a pk:Mention ;
    pk:inDocument id:document\\/an-17-qe-486 ;
    pk:refersTo id:company\\/microsoft ;
    pk:exact "Microsoft" ;
    pk:start 87 ;
    pk:end 96 ;
    pk:extractor "gazetteer" .
id:mention\\/an-17-qe-486.108-117 a pk:Mention ;
    pk:inDocument id:document\\/an-17-qe-486 ;
    pk:refersTo id:law\\/cloud-act ;
    pk:exact "Cloud Act" ;
    pk:start 108 ;
    pk:end 117 ;
    pk:extractor "law-pattern" .

id:statement\\/an-17-qe-486.0 a pk:Statement ;
    rdf:subject id:project\\/health-data-hub ;
    rdf:predicate pk:hostedBy ;
    rdf:object id:company\\/microsoft ;
    pk:inDocument id:document\\/an-17-qe-486 ;
    pk:exact "Health Data Hub par Microsoft" ;
    pk:start 67 ;
    pk:end 96 ;
    pk:rule "hosted-by-par" ;
    pk:evidence id:mention\\/an-17-qe-486.67-82 , id:mention\\/an-17-qe-486.87-96 .

id:document\\/an-17-qg-12 a pk:GovernmentQuestion ;
    pk:text "$DEBATE_TEXT" ;
    pk:chamber "AN" ;
    pk:contentHash "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752" ;
    pk:layout "an-debate-html" ;
    pk:complete false ;
    pk:askedBy id:person\\/alexis-corbiere ;
    pk:hasTurn id:turn\\/an-17-qg-12.0 ;
    pk:hasReaction id:reaction\\/an-17-qg-12.0 .
id:person\\/alexis-corbiere a pk:Person ; rdfs:label "Alexis Corbière" .
id:group\\/gdr a pk:ParliamentaryGroup ; rdfs:label "GDR" .
id:turn\\/an-17-qg-12.0 a pk:SpeechTurn ;
    pk:inDocument id:document\\/an-17-qg-12 ;
    pk:speaker id:person\\/alexis-corbiere ;
    pk:order 0 ;
    pk:start 0 ;
    pk:end 58 .
id:reaction\\/an-17-qg-12.0 a pk:Reaction ;
    pk:inDocument id:document\\/an-17-qg-12 ;
    pk:reactionKind "applause" ;
    pk:exact "(Applaudissements sur les bancs du groupe GDR.)" ;
    pk:start 59 ;
    pk:end 106 ;
    pk:byGroup id:group\\/gdr ;
    pk:during id:turn\\/an-17-qg-12.0 .
"""

VALID = VALID_TEMPLATE.replace("$QUESTION_TEXT", QUESTION_TEXT).replace("$DEBATE_TEXT", DEBATE_TEXT)

ID = "https://w3id.org/parlkg/id/"
QUESTION = URIRef(ID + "document/an-17-qe-486")
DEBATE = URIRef(ID + "document/an-17-qg-12")
MENTION = URIRef(ID + "mention/an-17-qe-486.67-82")
STATEMENT = URIRef(ID + "statement/an-17-qe-486.0")
TURN = URIRef(ID + "turn/an-17-qg-12.0")
REACTION = URIRef(ID + "reaction/an-17-qg-12.0")
PERSON = URIRef(ID + "person/philippe-latombe")


class Report:
    """The outcome of one validation run, with the violations it lists."""

    def __init__(self, conforms: bool, results: Graph, text: str) -> None:
        self.conforms = conforms
        self.text = text
        self.violations = [
            {
                "focus": results.value(r, SH.focusNode),
                "path": results.value(r, SH.resultPath),
                "component": results.value(r, SH.sourceConstraintComponent),
                "constraint": results.value(r, SH.sourceConstraint),
                "message": str(results.value(r, SH.resultMessage)),
            }
            for r in results.subjects(RDF.type, SH.ValidationResult)
        ]

    @property
    def focus_nodes(self) -> set[URIRef]:
        return {v["focus"] for v in self.violations}

    def has(self, focus: URIRef, **expected: URIRef) -> bool:
        return any(
            v["focus"] == focus and all(v[k] == want for k, want in expected.items())
            for v in self.violations
        )


def run(ontology: Graph, shapes: Graph, data: Graph) -> Report:
    graph = Graph()
    graph += ontology
    graph += data
    conforms, results, text = validate(
        graph, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False
    )
    return Report(conforms, results, text)


def valid_data() -> Graph:
    return Graph().parse(data=VALID, format="turtle")


def broken(mutate: Callable[[Graph], None]) -> Graph:
    data = valid_data()
    mutate(data)
    return data


def assert_violation(report: Report, focus: URIRef, **expected: URIRef) -> None:
    assert report.conforms is False
    assert report.has(focus, **expected), report.text
    assert str(focus) in report.text, "the report must name the offending node"


def test_valid_graph_conforms(ontology: Graph, shapes: Graph) -> None:
    report = run(ontology, shapes, valid_data())
    assert report.conforms, report.text


def test_ontology_alone_conforms(ontology: Graph, shapes: Graph) -> None:
    report = run(ontology, shapes, Graph())
    assert report.conforms, report.text


def test_mention_whose_exact_does_not_match_the_text(ontology: Graph, shapes: Graph) -> None:
    data = broken(lambda g: g.set((MENTION, PK.exact, Literal("Health Data Bub"))))
    report = run(ontology, shapes, data)
    assert_violation(report, MENTION, constraint=PKSH.ExactMatchesText)
    assert report.focus_nodes == {MENTION}


def test_offsets_count_characters_not_bytes(ontology: Graph, shapes: Graph) -> None:
    """An "é" comes before the mention: its UTF-8 byte offsets are one further on."""
    data = valid_data()
    for prop, value in ((PK.start, 68), (PK.end, 83)):
        data.set((MENTION, prop, Literal(value)))
    report = run(ontology, shapes, data)
    assert_violation(report, MENTION, constraint=PKSH.ExactMatchesText)


@pytest.mark.parametrize(("start", "end"), [(82, 82), (82, 67)])
def test_mention_with_start_not_before_end(
    ontology: Graph, shapes: Graph, start: int, end: int
) -> None:
    data = valid_data()
    data.set((MENTION, PK.start, Literal(start)))
    data.set((MENTION, PK.end, Literal(end)))
    report = run(ontology, shapes, data)
    assert_violation(report, MENTION, constraint=PKSH.StartBeforeEnd)
    assert report.focus_nodes == {MENTION}


def test_document_with_two_texts(ontology: Graph, shapes: Graph) -> None:
    # The second text extends the first, so every span still matches in both:
    # only the document itself is at fault.
    data = broken(lambda g: g.add((QUESTION, PK.text, Literal(f"{QUESTION_TEXT} (suite)"))))
    report = run(ontology, shapes, data)
    assert_violation(report, QUESTION, path=PK.text, component=SH.MaxCountConstraintComponent)
    assert report.focus_nodes == {QUESTION}


def test_question_without_author(ontology: Graph, shapes: Graph) -> None:
    data = broken(lambda g: g.remove((QUESTION, PK.askedBy, None)))
    report = run(ontology, shapes, data)
    assert_violation(report, QUESTION, path=PK.askedBy, component=SH.MinCountConstraintComponent)
    assert report.focus_nodes == {QUESTION}


BROKEN_CASES: list[tuple[str, Callable[[Graph], None], URIRef, dict[str, URIRef]]] = [
    (
        "mention-past-the-end-of-the-text",
        lambda g: g.set((MENTION, PK.end, Literal(500))),
        MENTION,
        {"constraint": PKSH.SpanWithinText},
    ),
    (
        "mention-with-two-entities",
        lambda g: g.add((MENTION, PK.refersTo, URIRef(ID + "company/microsoft"))),
        MENTION,
        {"path": PK.refersTo},
    ),
    (
        "mention-with-string-offset",
        lambda g: g.set((MENTION, PK.start, Literal("67"))),
        MENTION,
        {"path": PK.start, "component": SH.DatatypeConstraintComponent},
    ),
    (
        "chamber-not-in-the-list",
        lambda g: g.set((QUESTION, PK.chamber, Literal("Sénat"))),
        QUESTION,
        {"path": PK.chamber, "component": SH.InConstraintComponent},
    ),
    (
        "document-without-content-hash",
        lambda g: g.remove((QUESTION, PK.contentHash, None)),
        QUESTION,
        {"path": PK.contentHash},
    ),
    (
        "author-not-typed-person",
        lambda g: g.remove((PERSON, RDF.type, PK.Person)),
        QUESTION,
        {"path": PK.askedBy, "component": SH.ClassConstraintComponent},
    ),
    (
        "cites-a-company",
        lambda g: g.add((QUESTION, PK.cites, URIRef(ID + "company/microsoft"))),
        QUESTION,
        {"path": PK.cites},
    ),
    (
        "jo-page-zero",
        lambda g: g.set((QUESTION, PK.joPage, Literal(0))),
        QUESTION,
        {"path": PK.joPage},
    ),
    (
        "person-without-label",
        lambda g: g.remove((PERSON, RDFS.label, None)),
        PERSON,
        {"path": RDFS.label},
    ),
    (
        "member-of-a-non-group",
        lambda g: g.set((PERSON, PK.memberOf, URIRef(ID + "company/microsoft"))),
        PERSON,
        {"path": PK.memberOf},
    ),
    (
        "entity-without-label",
        lambda g: g.remove((URIRef(ID + "project/health-data-hub"), RDFS.label, None)),
        URIRef(ID + "project/health-data-hub"),
        {"path": RDFS.label},
    ),
    (
        "statement-with-an-untyped-predicate",
        lambda g: g.set((STATEMENT, RDF.predicate, PK.mentions)),
        STATEMENT,
        {"path": RDF.predicate, "component": SH.InConstraintComponent},
    ),
    (
        "statement-whose-quote-does-not-match",
        lambda g: g.set((STATEMENT, PK.start, Literal(66))),
        STATEMENT,
        {"constraint": PKSH.ExactMatchesText},
    ),
    (
        "turn-without-order",
        lambda g: g.remove((TURN, PK.order, None)),
        TURN,
        {"path": PK.order},
    ),
    (
        "turn-past-the-end-of-the-text",
        lambda g: g.set((TURN, PK.end, Literal(107))),
        TURN,
        {"constraint": PKSH.SpanWithinText},
    ),
    (
        "complete-not-a-boolean",
        lambda g: g.set((DEBATE, PK.complete, Literal("false"))),
        DEBATE,
        {"path": PK.complete, "component": SH.DatatypeConstraintComponent},
    ),
    (
        "reaction-of-unknown-kind",
        lambda g: g.set((REACTION, PK.reactionKind, Literal("booing"))),
        REACTION,
        {"path": PK.reactionKind},
    ),
    (
        "reaction-whose-exact-does-not-match",
        lambda g: g.set((REACTION, PK.start, Literal(58))),
        REACTION,
        {"constraint": PKSH.ExactMatchesText},
    ),
]


@pytest.mark.parametrize(
    ("mutate", "focus", "expected"),
    [pytest.param(m, f, e, id=name) for name, m, f, e in BROKEN_CASES],
)
def test_broken_graph_is_reported(
    ontology: Graph,
    shapes: Graph,
    mutate: Callable[[Graph], None],
    focus: URIRef,
    expected: dict[str, URIRef],
) -> None:
    report = run(ontology, shapes, broken(mutate))
    assert_violation(report, focus, **expected)


def test_blank_node_mention_is_reported(ontology: Graph, shapes: Graph) -> None:
    data = valid_data()
    blank = BNode()
    for p, o in list(data.predicate_objects(MENTION)):
        data.add((blank, p, o))
    data.remove((MENTION, None, None))
    report = run(ontology, shapes, data)
    assert report.conforms is False
    assert report.has(blank, component=SH.NodeKindConstraintComponent), report.text
