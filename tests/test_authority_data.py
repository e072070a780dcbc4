"""The authority file (ontology/authority.ttl) as data: it parses, it is large enough,
every entity is well formed, no alias is ambiguous, variants resolve to the right
IRI, and the typed relations point at entities of the file."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from parlkg.authority import Authority, load_authority, normalise_law_number, parse_authority
from parlkg.model import EntityKind
from parlkg.resources import authority_file
from parlkg.text import fold
from parlkg.vocab import CLASS_KIND, ID, PK

PKNS = rdflib.Namespace(PK)
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
WD = "http://www.wikidata.org/entity/"

# Folded names deliberately shared by two entities. Empty: an alias two things
# really share is given to neither (see the comments in the file).
ALLOWED_SHARED_NAMES: dict[str, set[str]] = {}

# Names that must never be aliases: collective or generic words, genre words of
# parliamentary prose, or names shared by two things (given to neither).
FORBIDDEN_NAMES = [
    "GAFAM",
    "Big Tech",
    "le cloud",
    "cloud",
    "l'État",
    "État",
    "le Gouvernement",
    "Gouvernement",
    "Assemblée nationale",
    "l'Assemblée",
    "Sénat",
    "Parlement",
    "Président de la République",
    "le Président de la République",
    "Amérique",
    "EU",
    "X",
    "CEPD",
    "CEDH",
    "Saint-Denis",
    "loi de programmation militaire",
    "LPM",
    "Réunion",
    "Mistral",
    "Total",
    "ANS",
    "FI",
    "NC",
    "CRA",
    "Marine",
    "Centre",
    "Sens",
]


@cache
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(authority_file(), format="turtle")


def entity_subjects() -> set[rdflib.URIRef]:
    g = graph()
    return {
        s
        for s, o in g.subject_objects(RDF.type)
        if isinstance(s, rdflib.URIRef)
        and str(o).startswith(PK)
        and str(o)[len(PK) :] in CLASS_KIND
    }


@pytest.fixture(scope="module")
def authority() -> Authority:
    return load_authority()


def iri(kind: str, key: str) -> str:
    return f"{ID}{kind}/{key}"


# --------------------------------------------------------------------------- parsing


def test_file_parses_with_the_loader() -> None:
    parsed = parse_authority(authority_file())
    assert len(parsed) == len(entity_subjects())


def test_at_least_400_entities(authority: Authority) -> None:
    assert len(authority) >= 400


def test_every_kind_is_represented(authority: Authority) -> None:
    kinds = {e.kind for e in authority.entries}
    expected = {
        EntityKind.COMPANY,
        EntityKind.PUBLIC_BODY,
        EntityKind.ORGANIZATION,
        EntityKind.MINISTRY,
        EntityKind.GROUP,
        EntityKind.LAW,
        EntityKind.PROJECT,
        EntityKind.PLACE,
        EntityKind.PERSON,
    }
    assert expected <= kinds


# --------------------------------------------------------------------------- entity shape


def test_every_entity_has_exactly_one_french_label() -> None:
    g = graph()
    bad = []
    for s in entity_subjects():
        fr = [
            o
            for o in g.objects(s, RDFS.label)
            if isinstance(o, rdflib.Literal) and o.language == "fr"
        ]
        if len(fr) != 1:
            bad.append((str(s), [str(o) for o in fr]))
    assert not bad, bad


def test_labels_are_french_or_english_literals() -> None:
    g = graph()
    bad = []
    for s in entity_subjects():
        for p in (RDFS.label, SKOS.altLabel):
            for o in g.objects(s, p):
                if (
                    not isinstance(o, rdflib.Literal)
                    or o.language not in ("fr", "en")
                    or not str(o).strip()
                ):
                    bad.append((str(s), str(p), repr(o)))
        en = [o for o in g.objects(s, RDFS.label) if getattr(o, "language", None) == "en"]
        if len(en) > 1:
            bad.append((str(s), "more than one @en label", en))
    assert not bad, bad


def test_every_entity_has_exactly_one_class_matching_its_iri() -> None:
    g = graph()
    bad = []
    for s in entity_subjects():
        classes = [
            str(o)[len(PK) :]
            for o in g.objects(s, RDF.type)
            if str(o).startswith(PK) and str(o)[len(PK) :] in CLASS_KIND
        ]
        if len(classes) != 1:
            bad.append((str(s), classes))
            continue
        kind = CLASS_KIND[classes[0]]
        m = re.fullmatch(re.escape(ID) + r"([a-z-]+)/([a-z0-9][a-z0-9-]*)", str(s))
        if not m or m.group(1) != kind.value:
            bad.append((str(s), classes[0]))
    assert not bad, bad


def test_no_blank_nodes() -> None:
    g = graph()
    assert not [t for t in g if any(isinstance(x, rdflib.BNode) for x in t)]


def test_match_case_is_a_boolean_true() -> None:
    g = graph()
    for s, o in g.subject_objects(PKNS.matchCase):
        assert isinstance(o, rdflib.Literal) and o.datatype == rdflib.XSD.boolean, s
        assert o.toPython() is True, s


@pytest.mark.parametrize(
    "key",
    [
        "company/bleu",
        "company/orange",
        "company/free",
        "company/la-poste",
        "project/prism",
        "project/lustre",
        "place/nord",
        "place/var",
        "place/lot",
        "place/cher",
        "place/ain",
        "place/orne",
        "place/gard",
        "place/marne",
        "place/loire",
        "place/laval",
        "place/indre",
        "place/vienne",
        "person/donald-trump",
    ],
)
def test_names_that_are_ordinary_words_match_case(authority: Authority, key: str) -> None:
    assert authority.by_iri[ID + key].match_case


# --------------------------------------------------------------------------- aliases


def test_no_folded_name_is_shared_by_two_entities(authority: Authority) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in authority.entries:
        for name in entry.names:
            owners[fold(name)].add(entry.iri)
    shared = {
        name: iris
        for name, iris in owners.items()
        if len(iris) > 1 and ALLOWED_SHARED_NAMES.get(name) != iris
    }
    assert not shared, shared


def test_no_empty_names(authority: Authority) -> None:
    assert not [e.iri for e in authority.entries for n in e.names if not fold(n)]


@pytest.mark.parametrize("name", FORBIDDEN_NAMES)
def test_generic_or_ambiguous_names_are_not_aliases(authority: Authority, name: str) -> None:
    assert authority.lookup(name) is None, authority.lookup(name)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Cloud act", "law/cloud-act"),
        ("CLOUD Act", "law/cloud-act"),
        ("Clarifying Lawful Overseas Use of Data Act", "law/cloud-act"),
        ("AWS", "company/amazon-web-services"),
        ("Amazon Web Services", "company/amazon-web-services"),
        ("Amazon", "company/amazon"),
        ("Thalès", "company/thales"),
        ("Thales", "company/thales"),
        ("health data hub", "project/health-data-hub"),
        ("Health data Hub", "project/health-data-hub"),
        ("Plateforme des données de santé", "project/health-data-hub"),
        ("HDH", "project/health-data-hub"),
        ("Agence nationale de la sécurité des systèmes d'information", "public-body/anssi"),
        ("Agence nationale de la sécurité des systèmes d’information", "public-body/anssi"),
        ("ANSSI", "public-body/anssi"),
        ("loi SREN", "law/sren"),
        ("loi visant à sécuriser et réguler l'espace numérique", "law/sren"),
        ("loi visant à sécuriser et à réguler l'espace numérique", "law/sren"),
        ("RGPD", "law/rgpd"),
        ("GDPR", "law/rgpd"),
        ("General Data Protection Regulation", "law/rgpd"),
        ("États-unis", "place/etats-unis"),
        ("Etats-Unis d'Amérique", "place/etats-unis"),
        ("États-Unis d'Amérique", "place/etats-unis"),
        ("GDR", "group/gauche-democrate-et-republicaine"),
        ("Gauche démocrate et républicaine", "group/gauche-democrate-et-republicaine"),
        ("Gauche Démocrate et Républicaine - NUPES", "group/gauche-democrate-et-republicaine"),
        ("Microsoft", "company/microsoft"),
        ("Microsoft France", "company/microsoft-france"),
        ("Microsoft Azure", "project/azure"),
        ("azure", "project/azure"),
        ("Microsoft 365", "project/microsoft-365"),
        ("M365", "project/microsoft-365"),
        ("Office 365", "project/office-365"),
        ("Microsoft Teams", "project/microsoft-teams"),
        ("Google", "company/google"),
        ("Google Cloud", "company/google-cloud"),
        ("OVH", "company/ovhcloud"),
        ("Banque publique d'investissement", "company/bpifrance"),
        ("BpiFrance Financement SA", "company/bpifrance"),
        ("RadioFrance", "company/radio-france"),
        ("Véolia", "company/veolia"),
        ("Alcatel-Lucent Enterprise", "company/alcatel-lucent-enterprise"),
        ("police écossaise", "public-body/police-scotland"),
        ("Digital Evidence Sharing Capability", "project/digital-evidence-sharing-capability"),
        ("Cnil", "public-body/cnil"),
        ("Commission nationale de l'informatique et des libertés", "public-body/cnil"),
        ("direction interministérielle du numérique", "public-body/dinum"),
        ("direction générale de la sécurité intérieure", "public-body/dgsi"),
        ("Ministère de l'Education Nationale", "ministry/education-nationale"),
        ("éducation nationale", "ministry/education-nationale"),
        ("École polytechnique", "public-body/ecole-polytechnique"),
        ("Darwin EU", "project/darwin-eu"),
        ("système national des données de santé", "project/snds"),
        ("SNDS", "project/snds"),
        ("réseau interministériel d'État", "project/reseau-interministeriel-de-l-etat"),
        ("Cloud au centre", "project/cloud-au-centre"),
        ("stratégie nationale pour le cloud", "project/strategie-nationale-pour-le-cloud"),
        ("Digital Services Act", "law/dsa"),
        ("Digital Markets Act", "law/dma"),
        ("Patriot Act", "law/patriot-act"),
        ("USA PATRIOT Act", "law/patriot-act"),
        ("FISA 702", "law/fisa-702"),
        ("article 702 du FISA", "law/fisa-702"),
        ("EO 12333", "law/executive-order-12333"),
        ("Schrems II", "law/schrems-ii"),
        ("loi informatique et libertés", "law/loi-informatique-et-libertes"),
        ("loi du 6 janvier 1978", "law/loi-informatique-et-libertes"),
        ("loi Lemaire", "law/loi-pour-une-republique-numerique"),
        ("code pénal", "law/code-penal"),
        (
            "Déclaration universelle des droits de l'Homme",
            "law/declaration-universelle-des-droits-de-l-homme",
        ),
        ("Commission européenne", "organization/commission-europeenne"),
        ("Cour de justice de l'Union européenne", "organization/cjue"),
        ("CJUE", "organization/cjue"),
        ("Union européenne", "place/union-europeenne"),
        ("NSA", "public-body/nsa"),
        ("Libération", "organization/liberation"),
        ("Grande-Bretagne", "place/grande-bretagne"),
        ("Royaume-Uni", "place/royaume-uni"),
        ("Nouvelle-Zélande", "place/nouvelle-zelande"),
        ("Vendée", "place/vendee"),
        ("Val-d'Oise", "place/val-d-oise"),
        ("Meurthe-et-Moselle", "place/meurthe-et-moselle"),
        ("Pas-de-Calais", "place/pas-de-calais"),
        ("Cambrai", "place/cambrai"),
        ("Rassemblement National", "group/rassemblement-national"),
        (
            "Socialiste, radical, citoyen et divers gauche",
            "group/socialiste-radical-citoyen-et-divers-gauche",
        ),
        ("Démocrate (MoDem et Indépendants)", "group/democrate-modem-et-independants"),
        ("Les Démocrates", "group/les-democrates"),
        ("CRCE-R", "group/communiste-republicain-citoyen-et-ecologiste"),
        ("SER", "group/socialiste-ecologiste-et-republicain"),
        ("LFI-NFP", "group/la-france-insoumise"),
        ("Trump", "person/donald-trump"),
        ("Clara Chappaz", "person/clara-chappaz"),
    ],
)
def test_variants_resolve_to_the_right_iri(authority: Authority, name: str, expected: str) -> None:
    entry = authority.lookup(name)
    assert entry is not None, name
    assert entry.iri == ID + expected


def test_lookup_by_kind(authority: Authority) -> None:
    entry = authority.lookup("Orange", kind=EntityKind.COMPANY)
    assert entry is not None and entry.iri == iri("company", "orange")
    assert authority.lookup("Orange", kind=EntityKind.LAW) is None


# --------------------------------------------------------------------------- laws


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("n° 2024-449", "sren"),
        ("2019-774", "loi-otss"),
        ("78-17", "loi-informatique-et-libertes"),
        ("n° 2004-575", "lcen"),
        ("2016-1321", "loi-pour-une-republique-numerique"),
        ("2013-1168", "lpm-2014-2019"),
        ("(UE) 2016/679", "rgpd"),
        ("2022/2065", "dsa"),
        ("2022/1925", "dma"),
        ("2024/1689", "ai-act"),
        ("2022/2555", "nis2"),
        ("n° 910/2014", "eidas"),
    ],
)
def test_law_by_number(authority: Authority, number: str, expected: str) -> None:
    entry = authority.law_by_number(number)
    assert entry is not None, number
    assert entry.iri == iri("law", expected)


def test_law_numbers_are_unique_and_on_laws(authority: Authority) -> None:
    seen: dict[str, str] = {}
    for entry in authority.entries:
        if entry.law_numbers:
            assert entry.kind == EntityKind.LAW, entry.iri
        for number in entry.law_numbers:
            key = normalise_law_number(number)
            assert key == number, f"{entry.iri}: write pk:lawNumber bare ({number!r})"
            assert key not in seen, (number, seen.get(key), entry.iri)
            seen[key] = entry.iri


def _celex_parts(celex: str) -> tuple[int, str, int]:
    m = re.fullmatch(r"3(\d{4})([RLD])(\d{4})", celex)
    assert m, f"not a CELEX number of an EU act: {celex!r}"
    return int(m.group(1)), m.group(2), int(m.group(3))


def _number_matches(number: str, year: int, num: int) -> bool:
    parts = number.split("/")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        return False
    a, b = (int(p) for p in parts)
    years = {a, a + 1900 if a < 100 else a}
    return (year in years and b == num) or (b == year and a == num)


def test_every_law_with_a_celex_has_a_matching_law_number() -> None:
    g = graph()
    bad = []
    for s, celex in g.subject_objects(PKNS.celex):
        year, _, num = _celex_parts(str(celex))
        numbers = [str(n) for n in g.objects(s, PKNS.lawNumber)]
        if not any(_number_matches(n, year, num) for n in numbers):
            bad.append((str(s), str(celex), numbers))
    assert not bad, bad


def test_celex_only_on_eu_laws() -> None:
    g = graph()
    eu = rdflib.URIRef(iri("place", "union-europeenne"))
    for s in g.subjects(PKNS.celex, None):
        assert (s, RDF.type, PKNS.Law) in g, s
        assert (s, PKNS.jurisdiction, eu) in g, s


# --------------------------------------------------------------------------- links


def test_same_as_objects_are_wikidata_items() -> None:
    g = graph()
    bad = [
        (str(s), str(o))
        for s, o in g.subject_objects(OWL.sameAs)
        if not (isinstance(o, rdflib.URIRef) and re.fullmatch(re.escape(WD) + r"Q[1-9]\d*", str(o)))
    ]
    assert not bad, bad


def test_no_wikidata_item_is_given_to_two_entities() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for s, o in graph().subject_objects(OWL.sameAs):
        owners[str(o)].add(str(s))
    assert not {q: s for q, s in owners.items() if len(s) > 1}


def test_subject_to_objects_are_laws_of_the_file() -> None:
    g = graph()
    bad = [
        (str(s), str(o))
        for s, o in g.subject_objects(PKNS.subjectTo)
        if (o, RDF.type, PKNS.Law) not in g
    ]
    assert not bad, bad


@pytest.mark.parametrize(
    "predicate",
    [
        PKNS.operatedBy,
        PKNS.partnerOf,
        PKNS.developedBy,
        ORG.subOrganizationOf,
        PKNS.country,
        PKNS.jurisdiction,
        DCTERMS.isPartOf,
    ],
)
def test_relation_objects_are_entities_of_the_file(predicate: rdflib.URIRef) -> None:
    entities = entity_subjects()
    g = graph()
    bad = [
        (str(s), str(o))
        for s, o in g.subject_objects(predicate)
        if s not in entities or o not in entities
    ]
    assert not bad, bad


def test_country_and_jurisdiction_are_places() -> None:
    g = graph()
    for predicate in (PKNS.country, PKNS.jurisdiction):
        for s, o in g.subject_objects(predicate):
            assert (o, RDF.type, PKNS.Place) in g, (s, predicate, o)


@pytest.mark.parametrize(
    ("subject", "predicate", "obj"),
    [
        ("project/azure", PKNS.operatedBy, "company/microsoft"),
        ("company/amazon-web-services", PKNS.operatedBy, "company/amazon"),
        ("company/amazon-web-services", ORG.subOrganizationOf, "company/amazon"),
        ("company/google-cloud", PKNS.operatedBy, "company/google"),
        ("project/microsoft-365", PKNS.operatedBy, "company/microsoft"),
        ("project/microsoft-teams", PKNS.operatedBy, "company/microsoft"),
        ("project/gotham", PKNS.operatedBy, "company/palantir"),
        ("project/secnumcloud", PKNS.operatedBy, "public-body/anssi"),
        ("company/microsoft", PKNS.subjectTo, "law/cloud-act"),
        ("company/microsoft", PKNS.subjectTo, "law/fisa-702"),
        ("company/amazon", PKNS.subjectTo, "law/cloud-act"),
        ("company/google", PKNS.subjectTo, "law/cloud-act"),
        ("company/palantir", PKNS.subjectTo, "law/cloud-act"),
        ("company/bleu", PKNS.partnerOf, "company/orange"),
        ("company/bleu", PKNS.partnerOf, "company/capgemini"),
        ("company/bleu", PKNS.partnerOf, "company/microsoft"),
        ("company/s3ns", PKNS.partnerOf, "company/thales"),
        ("company/s3ns", PKNS.partnerOf, "company/google"),
        ("company/microsoft-france", ORG.subOrganizationOf, "company/microsoft"),
        ("public-body/dgsi", ORG.subOrganizationOf, "ministry/interieur"),
        ("company/microsoft", PKNS.country, "place/etats-unis"),
        ("company/thales", PKNS.country, "place/france"),
        ("law/sren", PKNS.jurisdiction, "place/france"),
        ("law/rgpd", PKNS.jurisdiction, "place/union-europeenne"),
        ("law/cloud-act", PKNS.jurisdiction, "place/etats-unis"),
    ],
)
def test_domain_facts(subject: str, predicate: rdflib.URIRef, obj: str) -> None:
    triple = (rdflib.URIRef(ID + subject), predicate, rdflib.URIRef(ID + obj))
    assert triple in graph()


def test_us_companies_are_subject_to_us_law() -> None:
    g = graph()
    us = rdflib.URIRef(iri("place", "etats-unis"))
    cloud_act = rdflib.URIRef(iri("law", "cloud-act"))
    subject = set(g.subjects(PKNS.subjectTo, cloud_act))
    for key in [
        "microsoft",
        "amazon",
        "amazon-web-services",
        "google",
        "oracle",
        "ibm",
        "salesforce",
        "palantir",
        "meta",
        "apple",
    ]:
        company = rdflib.URIRef(iri("company", key))
        assert (company, PKNS.country, us) in g, key
        assert company in subject, key
