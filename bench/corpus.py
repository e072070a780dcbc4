"""A synthetic corpus of Assemblée nationale questions, in the real layouts.

    python bench/corpus.py --n 10000 --out /tmp/corpus [--seed 7]

Deterministic (seeded). The shape follows the real archive: about 600 authors
in 12 groups, 30 ministries, a few hundred organisations and 50 laws named with
a Zipf-like frequency, 2-4 kB of French text per question, answers for about
half of them, withdrawals (end of mandate) for some others. The files are in
the layouts the readers handle:

- open-data JSON records (`QANR5L16QE1234.json`), written questions (HTML in
  `textesQuestion`, optional `textesReponse`, `cloture`) and questions to the
  Government (the sitting's transcript in `textesReponse`), about 65 %;
- Assemblée nationale question pages as text, with the "Données clés" block
  (`q16-1234QE.txt`), about 35 %.

The sentences are our own templates; the names of companies, public bodies,
projects, places and laws come from the authority file (`ontology/authority.ttl`)
and from a few hundred invented organisations introduced by cue nouns ("la
société Numérix"), so that every extractor has work to do. Files are sharded
into folders of 1,000.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TypeVar


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


MANIFEST = ".manifest.json"  # entity usage counts; a dot file: not a document for the ingest

GIVEN = _split(
    "Anne Antoine Aurélie Benoît Bernard Camille Caroline Cédric Chantal Christophe Claire "
    "Damien Delphine Didier Élise Emmanuel Éric Fabien Florence Francis Gaëlle Hélène Hervé "
    "Isabelle Jacques Jean Jeanne Julien Karine Laurent Léa Lucie Marc Marie Mathilde Michel "
    "Nadia Nathalie Nicolas Olivier Pascal Patricia Pierre Raphaël Sandrine Sébastien Sophie "
    "Stéphane Sylvie Thierry Valérie Vincent Yannick Yves Zoé Agnès Bruno Danielle Gilles"
)
FAMILY = _split(
    "Abadie Arnal Aubert Barbier Baudry Bellec Berthier Blanchard Boisseau Bonnet Boulanger "
    "Brunet Carpentier Castel Chauvet Clément Colin Courtois Dalmas Daumier Delorme Deschamps "
    "Dufresne Duval Esnault Fabre Faure Ferrand Fleury Fontaine Gaillard Garnier Gauthier "
    "Germain Giraud Guérin Hamon Hébert Humbert Jacquet Joly Juillard Lacombe Lafont Lambert "
    "Langlois Laurent Lebrun Leclerc Lefebvre Legrand Lemaire Leroy Lesage Maillard Marchand "
    "Martel Masson Mercier Meunier Millet Moreau Morin Noël Olivier Paris Pelletier Perrin "
    "Picard Poirier Prévost Renard Renaud Rey Riviere Roche Rolland Roussel Royer Sabatier "
    "Sauvage Schmitt Simon Tessier Thibault Tournier Vasseur Vidal Vincent Weber Besnard "
    "Cordier Dumont Escudier Ferrer Gasnier Hoarau Imbert Jourdan Kieffer Laborde Marty"
)
DEPARTMENTS = _split(
    "Ain|Aisne|Allier|Ardèche|Ariège|Aube|Aude|Aveyron|Calvados|Cantal|Charente|Cher|Corrèze|"
    "Côte-d'Or|Creuse|Dordogne|Doubs|Drôme|Eure|Finistère|Gard|Gers|Gironde|Hérault|"
    "Ille-et-Vilaine|Indre|Isère|Jura|Landes|Loiret|Lot|Manche|Marne|Mayenne|Meuse|Morbihan|"
    "Moselle|Nièvre|Nord|Oise|Orne|Pas-de-Calais|Puy-de-Dôme|Rhône|Sarthe|Savoie|Somme|Tarn|"
    "Var|Vaucluse|Vendée|Vienne|Vosges|Yonne|Essonne|Val-d'Oise",
    "|",
)
# (as printed on the pages, the open-data `abrege`)
GROUPS = (
    ("Rassemblement National", "RN"),
    ("La France insoumise - Nouveau Front Populaire", "LFI-NFP"),
    ("Socialistes et apparentés", "SOC"),
    ("Ensemble pour la République", "EPR"),
    ("Les Démocrates", "DEM"),
    ("Horizons & Indépendants", "HOR"),
    ("Droite Républicaine", "DR"),
    ("Écologiste et Social", "ECOS"),
    ("Gauche démocrate et républicaine", "GDR"),
    ("Libertés, Indépendants, Outre-mer et Territoires", "LIOT"),
    ("UDR", "UDR"),
    ("Non inscrit", "NI"),
)
# (short label as the pages print it, long label of the open data, minister's title)
MINISTRIES = (
    ("Armées", "Ministère des armées", "ministre des armées"),
    ("Justice", "Ministère de la justice", "garde des sceaux, ministre de la justice"),
    ("Intérieur", "Ministère de l'intérieur", "ministre de l'intérieur"),
    ("Culture", "Ministère de la culture", "ministre de la culture"),
    ("Santé et prévention", "Ministère de la santé et de la prévention", "ministre de la santé"),
    ("Travail", "Ministère du travail", "ministre du travail"),
    ("Économie et finances", "Ministère de l'économie et des finances", "ministre de l'économie"),
    ("Éducation nationale", "Ministère de l'éducation nationale", "ministre de l'éducation"),
    ("Agriculture", "Ministère de l'agriculture", "ministre de l'agriculture"),
    ("Transition écologique", "Ministère de la transition écologique", "ministre de l'écologie"),
    ("Logement", "Ministère du logement", "ministre délégué chargé du logement"),
    ("Transports", "Ministère des transports", "ministre délégué chargé des transports"),
    ("Sports", "Ministère des sports", "ministre des sports"),
    ("Outre-mer", "Ministère des outre-mer", "ministre délégué chargé des outre-mer"),
    (
        "Europe et affaires étrangères",
        "Ministère de l'Europe et des affaires étrangères",
        "ministre de l'Europe et des affaires étrangères",
    ),
    (
        "Enseignement supérieur et recherche",
        "Ministère de l'enseignement supérieur",
        "ministre de l'enseignement supérieur et de la recherche",
    ),
    (
        "Intelligence artificielle et numérique",
        "Ministère chargé du numérique",
        "ministre déléguée chargée de l'intelligence artificielle et du numérique",
    ),
    ("Industrie", "Ministère de l'industrie", "ministre délégué chargé de l'industrie"),
    ("Commerce extérieur", "Ministère du commerce extérieur", "ministre du commerce extérieur"),
    (
        "Cohésion des territoires",
        "Ministère de la cohésion des territoires",
        "ministre de la cohésion des territoires",
    ),
    ("Solidarités", "Ministère des solidarités", "ministre des solidarités"),
    (
        "Personnes handicapées",
        "Ministère des personnes handicapées",
        "ministre déléguée chargée des personnes handicapées",
    ),
    (
        "Anciens combattants",
        "Ministère des anciens combattants",
        "ministre délégué chargé des anciens combattants",
    ),
    ("Mer", "Ministère de la mer", "secrétaire d'État chargé de la mer"),
    ("Ruralité", "Ministère de la ruralité", "ministre délégué chargé de la ruralité"),
    ("Fonction publique", "Ministère de la fonction publique", "ministre de la fonction publique"),
    ("Comptes publics", "Ministère des comptes publics", "ministre des comptes publics"),
    ("Jeunesse", "Ministère de la jeunesse", "ministre de la jeunesse"),
    (
        "Égalité femmes-hommes",
        "Ministère de l'égalité entre les femmes et les hommes",
        "ministre chargée de l'égalité entre les femmes et les hommes",
    ),
    ("Tourisme", "Ministère du tourisme", "ministre délégué chargé du tourisme"),
)
RUBRIQUES = _split(
    "numérique|santé|agriculture|défense|enseignement|environnement|justice|logement|"
    "transports|sécurité des biens et des personnes|fonction publique|culture|sports|"
    "outre-mer|industrie|commerce et artisanat|impôts et taxes|emploi et activité|"
    "politique extérieure|recherche|famille|personnes handicapées|télécommunications|"
    "collectivités territoriales|énergie et carburants|eau et assainissement|mer et littoral|"
    "anciens combattants et victimes de guerre|tourisme et loisirs|jeunes",
    "|",
)
TOPICS = _split(
    "la protection des données des usagers|la sécurité des systèmes d'information publics|"
    "le financement des services de proximité|l'hébergement des données de santé|"
    "la dépendance aux fournisseurs étrangers|l'accès des collectivités aux services en ligne|"
    "la couverture du territoire en très haut débit|la formation des agents publics|"
    "les délais de traitement des demandes|la transparence des marchés publics|"
    "l'accompagnement des petites entreprises|la souveraineté des infrastructures|"
    "la conservation des archives numériques|la lutte contre la fraude en ligne|"
    "l'équipement numérique des établissements scolaires|le coût des licences logicielles",
    "|",
)
# invented organisations: syllables, and the cue that introduces them
_SYL_A = _split("Nu Da Ver Cal Sol Pla Hex Ori Bel Gal Tel Cor Mar Sen Vi Lu Ar Pro Syn Eco")
_SYL_B = _split("mé ta ra li no vi sa ré lo mi ga po ne ti ca")
_SYL_C = _split("rix lia nox tec via sys dis lab gie net mo ris ka")
_CUES = (
    ("la société", "company"),
    ("l'entreprise", "company"),
    ("la start-up", "company"),
    ("le prestataire", "company"),
    ("l'association", "organization"),
    ("la fondation", "organization"),
    ("la plateforme", "project"),
    ("le logiciel", "project"),
)
MONTHS = _split(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
)
FILLERS = (
    "Cette situation suscite de légitimes inquiétudes parmi les élus locaux.",
    "Les usagers constatent des difficultés croissantes dans leurs démarches quotidiennes.",
    "Plusieurs rapports parlementaires ont déjà souligné l'ampleur du problème.",
    "Les collectivités territoriales ne disposent pas toujours des moyens nécessaires.",
    "Le coût de ces prestations a sensiblement augmenté au cours des dernières années.",
    "Les professionnels du secteur appellent à une clarification des règles applicables.",
    "Aucune évaluation indépendante n'a pourtant été rendue publique à ce jour.",
    "Les associations de consommateurs ont exprimé leurs réserves à plusieurs reprises.",
    "La question de la réversibilité des contrats reste entière.",
    "Les agents publics concernés n'ont reçu qu'une information très partielle.",
    "Les territoires ruraux apparaissent particulièrement exposés à ces évolutions.",
    "Une concertation avec l'ensemble des acteurs paraît indispensable.",
    "Le calendrier annoncé semble difficilement compatible avec ces exigences.",
    "Ces choix engagent durablement la politique publique dans ce domaine.",
    "La commande publique pourrait constituer un levier déterminant.",
    "Les crédits prévus dans la loi de finances restent en deçà des besoins exprimés.",
)
ANSWER_FILLERS = (
    "Le Gouvernement est pleinement mobilisé sur ce sujet.",
    "Des travaux interministériels ont été engagés afin d'apporter une réponse adaptée.",
    "Un premier bilan sera présenté au Parlement dans les prochains mois.",
    "Les services de l'État restent attentifs aux préoccupations exprimées.",
    "Une circulaire a précisé les conditions de mise en œuvre de ces mesures.",
    "Les crédits consacrés à cette politique ont été augmentés de manière significative.",
    "Le dialogue avec les collectivités et les professionnels sera poursuivi.",
    "Ces orientations seront précisées dans le cadre de la prochaine stratégie nationale.",
)


@dataclass(frozen=True)
class Member:
    civility: str
    name: str
    group: int
    department: str
    seat: int
    ref: str

    @property
    def formal(self) -> str:
        return f"{self.civility} {self.name}"


@dataclass
class Names:
    """What a corpus names, each pool with its Zipf weights (cumulative)."""

    orgs: list[tuple[str, str]] = field(default_factory=list)  # (first mention, later mention)
    org_weights: list[float] = field(default_factory=list)
    laws: list[list[str]] = field(default_factory=list)  # printed forms of each law
    law_weights: list[float] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    place_weights: list[float] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)  # companies that host data
    platforms: list[str] = field(default_factory=list)  # projects that are hosted


def _zipf(n: int, s: float = 1.0) -> list[float]:
    return list(accumulate(1.0 / (rank**s) for rank in range(1, n + 1)))


_T = TypeVar("_T")


def _pick(rng: random.Random, items: list[_T], cum: list[float]) -> _T:
    return items[min(bisect_left(cum, rng.random() * cum[-1]), len(items) - 1)]


def _authority_names() -> dict[str, list[tuple[str, list[str]]]]:
    """(label, aliases) of the authority entries, by kind."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from parlkg.authority import load_authority

    out: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in load_authority().entries:
        aliases = [a for a in entry.aliases if len(a) >= 3]
        out.setdefault(entry.kind.value, []).append((entry.label, aliases))
    return out


def build_names(rng: random.Random) -> Names:
    authority = _authority_names()
    names = Names()
    orgs: list[tuple[str, str]] = []
    for kind in ("company", "public-body", "organization", "project"):
        for label, aliases in authority.get(kind, []):
            later = min(aliases, key=len) if aliases else label
            orgs.append((label, later))
    invented: set[str] = set()
    while len(invented) < 300:
        name = rng.choice(_SYL_A) + rng.choice(_SYL_B) + rng.choice(_SYL_C)
        if name not in invented:
            invented.add(name)
            cue, _ = rng.choice(_CUES)
            orgs.append((f"{cue} {name}", name))
    rng.shuffle(orgs)
    names.orgs = orgs
    names.org_weights = _zipf(len(orgs))
    laws = [[label, *aliases] for label, aliases in authority.get("law", [])]
    rng.shuffle(laws)
    names.laws = laws[:50]
    names.law_weights = _zipf(len(names.laws))
    places = [label for label, _ in authority.get("place", [])]
    rng.shuffle(places)
    names.places = places[:120]
    names.place_weights = _zipf(len(names.places))
    companies = [label for label, _ in authority.get("company", [])]
    projects = [label for label, _ in authority.get("project", [])]
    names.hosts = companies[:25] or ["Microsoft"]
    names.platforms = projects[:25] or ["Health Data Hub"]
    return names


def build_members(rng: random.Random, count: int = 600) -> list[Member]:
    seen: set[str] = set()
    members: list[Member] = []
    weights = _zipf(len(GROUPS), 0.6)
    while len(members) < count:
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        name = f"{given} {family}"
        if name in seen:
            continue
        seen.add(name)
        civility = "Mme" if given in _FEMININE else "M."
        group = min(bisect_left(weights, rng.random() * weights[-1]), len(GROUPS) - 1)
        members.append(
            Member(
                civility,
                name,
                group,
                rng.choice(DEPARTMENTS),
                rng.randint(1, 9),
                f"PA{700000 + len(members) * 37}",
            )
        )
    return members


_AUTHOR_WEIGHTS = _zipf(600, 0.6)
_FEMININE = set(
    _split(
        "Anne Aurélie Camille Caroline Chantal Claire Delphine Élise Florence Gaëlle Hélène "
        "Isabelle Jeanne Karine Léa Lucie Marie Mathilde Nadia Nathalie Patricia Sandrine Sophie "
        "Sylvie Valérie Zoé Agnès Danielle"
    )
)


class Writer:
    """Sentences of one document, with the entities it names (counted in `usage`)."""

    def __init__(self, rng: random.Random, names: Names, usage: Usage) -> None:
        self.rng = rng
        self.names = names
        self.usage = usage
        self.seen: set[str] = set()

    def org(self) -> str:
        first, later = _pick(self.rng, self.names.orgs, self.names.org_weights)
        self.usage.count("orgs", str(later) if str(first).startswith(_CUE_WORDS) else str(first))
        if first in self.seen:
            return str(later)
        self.seen.add(first)
        return str(first)

    def law(self) -> str:
        forms = _pick(self.rng, self.names.laws, self.names.law_weights)
        self.usage.count("laws", str(forms[0]))
        return str(self.rng.choice(forms))

    def place(self) -> str:
        return str(_pick(self.rng, self.names.places, self.names.place_weights))

    def sentence(self) -> str:
        r = self.rng.random() * 1.6
        if r < 0.18:
            return (
                f"Selon plusieurs observateurs, {self.org()} occupe une place croissante "
                "dans ce domaine."
            )
        if r < 0.30:
            host = self.rng.choice(self.names.hosts)
            platform = self.rng.choice(self.names.platforms)
            self.usage.count("facts", f"{platform}|{host}")
            return f"Les données de {platform} sont hébergées par {host}."
        if r < 0.42:
            return f"Or {self.org()} a conclu un partenariat avec {self.org()} l'an dernier."
        if r < 0.54:
            return f"Cette situation soulève des interrogations au regard de {self.law()}."
        if r < 0.62:
            return f"Les dispositions de {self.law()} s'appliquent pourtant à ces prestations."
        if r < 0.70:
            return f"Dans le cas de {self.place()}, des solutions alternatives ont été retenues."
        if r < 0.78:
            year = self.rng.randint(2015, 2024)
            return f"Le rapport remis par {self.org()} en {year} le confirme."
        return self.rng.choice(FILLERS)

    def paragraph(self, size: int) -> str:
        out: list[str] = []
        length = 0
        while length < size:
            s = self.sentence()
            out.append(s)
            length += len(s) + 1
        return " ".join(out)


_CUE_WORDS = tuple(cue + " " for cue, _ in _CUES)


@dataclass
class Usage:
    """How many documents name each entity: the benchmark picks its query
    parameters at several frequency ranks from it (`manifest.json`)."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    current: set[tuple[str, str]] = field(default_factory=set)

    def count(self, pool: str, name: str) -> None:
        if (pool, name) not in self.current:
            self.current.add((pool, name))
            bucket = self.counts.setdefault(pool, {})
            bucket[name] = bucket.get(name, 0) + 1

    def next_document(self) -> None:
        self.current.clear()

    def ranked(self) -> dict[str, list[tuple[str, int]]]:
        return {
            pool: sorted(bucket.items(), key=lambda item: (-item[1], item[0]))
            for pool, bucket in self.counts.items()
        }


@dataclass
class Question:
    index: int
    legislature: int
    number: int
    kind: str  # "QE" or "QG"
    author: Member
    ministry: int
    rubrique: str
    title: str
    question: str
    answer: str | None
    published: tuple[int, int, int]
    answered: tuple[int, int, int] | None
    withdrawn: tuple[int, int, int] | None
    minister: str


def _date(rng: random.Random, year: int) -> tuple[int, int, int]:
    return (year, rng.randint(1, 12), rng.randint(1, 28))


def make_question(
    index: int,
    rng: random.Random,
    names: Names,
    members: list[Member],
    ministers: list[str],
    usage: Usage,
    scale: float = 1.0,
) -> Question:
    usage.next_document()
    w = Writer(rng, names, usage)
    legislature = rng.choice((14, 15, 16, 16, 17, 17))
    year = {14: 2014, 15: 2019, 16: 2023, 17: 2025}[legislature] + rng.randint(-1, 1)
    kind = "QG" if rng.random() < 0.12 else "QE"
    author = _pick(rng, members, _AUTHOR_WEIGHTS)  # the most prolific ask ~3 %
    ministry = min(int(rng.expovariate(1 / 6)), len(MINISTRIES) - 1)
    usage.count("authors", author.name)
    usage.count("ministries", MINISTRIES[ministry][0])
    topic = rng.choice(TOPICS)
    title = topic[0].upper() + topic[1:]
    minister_title = MINISTRIES[ministry][2]
    verb = rng.choice(("attire l'attention de", "interroge", "alerte", "appelle l'attention de"))
    civ = "Mme" if "ministre déléguée" in minister_title or "chargée" in minister_title else "M."
    if kind == "QE":
        opening = f"{author.formal} {verb} {civ} le {minister_title} sur {topic}."
    else:
        opening = f"Ma question s'adresse à {civ} le {minister_title} et porte sur {topic}."
    size = int(rng.randint(1900, 2900) * scale)
    question = opening + " " + w.paragraph(size)
    pronoun = "Elle" if author.civility == "Mme" else "Il"
    question += (
        f" {pronoun} souhaite donc connaître les intentions du Gouvernement en la matière."
        if kind == "QE"
        else " Quelles sont les intentions du Gouvernement ?"
    )
    published = _date(rng, year)
    answered = withdrawn = None
    answer = None
    r = rng.random()
    if kind == "QG" or r < 0.5:
        month = (published[1] + 2) % 12 + 1
        answered = (published[0] + (published[1] > 9), month, rng.randint(1, 28))
        answer = (
            rng.choice(ANSWER_FILLERS)
            + " "
            + w.paragraph(int(rng.randint(400, 1000) * scale))
            + " "
            + rng.choice(ANSWER_FILLERS)
        )
    elif r < 0.68:
        withdrawn = (published[0] + 1, rng.randint(1, 12), rng.randint(1, 28))
    return Question(
        index,
        legislature,
        0,
        kind,
        author,
        ministry,
        rng.choice(RUBRIQUES),
        title,
        question,
        answer,
        published,
        answered,
        withdrawn,
        ministers[ministry],
    )


def _iso(d: tuple[int, int, int]) -> str:
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def _long(d: tuple[int, int, int]) -> str:
    day = "1er" if d[2] == 1 else str(d[2])
    return f"{day} {MONTHS[d[1] - 1]} {d[0]}"


def _html(text: str) -> str:
    return "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>"


def _jo(kind: str, d: tuple[int, int, int] | None, page: int | None) -> dict[str, object]:
    return {
        "typeJO": kind,
        "dateJO": _iso(d) if d else None,
        "pageJO": str(page) if page else None,
        "numJO": None,
        "urlLegifrance": None,
        "referenceNOR": None,
    }


def opendata_record(q: Question, rng: random.Random) -> dict[str, object]:
    short, long, minister_title = MINISTRIES[q.ministry]
    group, abbrev = GROUPS[q.author.group]
    uid = f"QANR5L{q.legislature}{q.kind}{q.number}"
    record: dict[str, object] = {
        "@xmlns": "http://schemas.assemblee-nationale.fr/referentiel",
        "@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "@xsi:type": "QuestionEcrite_Type" if q.kind == "QE" else "QuestionGouvernement_Type",
        "uid": uid,
        "identifiant": {
            "numero": str(q.number),
            "regime": "5eme Republique",
            "legislature": str(q.legislature),
        },
        "type": q.kind,
        "indexationAN": {
            "rubrique": q.rubrique,
            "teteAnalyse": q.title if q.kind == "QE" else None,
            "analyses": {"analyse": q.title if q.kind == "QG" else q.title.lower()},
        },
        "auteur": {
            "identite": {"acteurRef": q.author.ref, "mandatRef": "PM" + q.author.ref[2:]},
            "groupe": {
                "organeRef": f"PO8005{q.author.group:02d}",
                "abrege": abbrev,
                "developpe": group,
            },
        },
        "minInt": {"abrege": short, "developpe": long},
        "minAttribs": {
            "minAttrib": {
                "infoJO": _jo("JO_QUESTION", q.published, None),
                "denomination": {"abrege": short, "developpe": long},
            }
        },
    }
    page = rng.randint(100, 9000)
    if q.kind == "QE":
        record["textesQuestion"] = {
            "texteQuestion": {
                "infoJO": _jo("JO_QUESTION", q.published, page),
                "texte": _html(q.question),
            }
        }
        record["textesReponse"] = (
            {
                "texteReponse": {
                    "infoJO": _jo("JO_QUESTION", q.answered, page + 40),
                    "texte": _html(q.answer or ""),
                }
            }
            if q.answered
            else None
        )
    else:
        record["textesQuestion"] = None
        chair = rng.choice(("Mme la présidente", "M. le président"))
        name = q.author.name
        transcript = (
            f'</p><p align="CENTER"> {q.title.upper()} <a name=PG5></a> </p><br>'
            f"<strong>{chair}. </strong>La parole est à {q.author.formal}.<br><br>"
            f"<strong>{q.author.civility} {name}. </strong>"
            + q.question
            + f"<i>(Applaudissements sur les bancs du groupe {abbrev}.)</i><br><br>"
            f"<strong>{chair}. </strong>La parole est à M. le {minister_title}.<br><br>"
            f"<strong>M. {q.minister}, </strong><i>{minister_title}. </i>{q.answer}<br><br>"
        )
        record["textesReponse"] = {
            "texteReponse": {"infoJO": _jo("JO_DEBAT", q.answered, None), "texte": transcript}
        }
    if q.answered:
        record["cloture"] = {
            "codeCloture": "REP_PUB",
            "libelleCloture": "Réponse publiée",
            "dateCloture": _iso(q.answered),
            "infoJO": _jo("JO_QUESTION", q.answered, page + 40),
        }
    elif q.withdrawn:
        record["cloture"] = {
            "codeCloture": "RET_FM",
            "libelleCloture": "Retirée (fin de mandat)",
            "dateCloture": _iso(q.withdrawn),
            "infoJO": None,
        }
    else:
        record["cloture"] = None
    return {"question": record}


def page_text(q: Question, rng: random.Random) -> str:
    short, _, _ = MINISTRIES[q.ministry]
    group, _ = GROUPS[q.author.group]
    seat = "1^{re}" if q.author.seat == 1 else f"{q.author.seat}^{{e}}"
    kind = "Question écrite" if q.kind == "QE" else "Question au Gouvernement"
    lines = [
        "",
        "",
        "",
        "",
        "ASSEMBLÉE NATIONALE",
        "",
        f"{q.legislature}ème législature",
        "",
        q.title,
        "",
        f"{kind} n° {q.number}",
        "",
        "Texte de la question",
        "",
        q.question,
        "",
    ]
    if q.answer:
        lines += ["Texte de la réponse", "", q.answer, ""]
    lines += [
        "Données clés",
        "",
        f"Auteur : [{q.author.formal}](#)",
        "",
        f"Circonscription : {q.author.department} ({seat} circonscription) - {group}",
        "",
        f"Type de question : {kind}",
        "",
        f"Numéro de la question : {q.number}",
        "",
        f"Rubrique : {q.rubrique[0].upper() + q.rubrique[1:]}",
        "",
        f"Ministère interrogé : {short}",
        "",
        f"Ministère attributaire : [{short}](#)",
        "",
        "Date(s) clé(s)",
        "",
        f"Question publiée au JO le : [{_long(q.published)}](#), page {rng.randint(100, 9000)}",
    ]
    if q.answered:
        a = q.answered
        lines += [
            "",
            f"Réponse publiée au JO le : {a[2]:02d}/{a[1]:02d}/{a[0]}, "
            f"page {rng.randint(100, 9000)}",
        ]
    if q.withdrawn:
        lines += ["", f"Question retirée le : {_long(q.withdrawn)} (Fin de mandat)"]
    return "\n".join(lines) + "\n"


def generate(
    n: int, out: Path, seed: int = 7, json_share: float = 0.65, scale: float = 1.0
) -> list[Path]:
    """Write `n` question files under `out`; returns their paths, in order.

    `scale` multiplies the length of the texts (1: 2-4 kB; 0.3: documents of a
    few hundred characters, fewer quads each)."""
    rng = random.Random(seed)
    names = build_names(rng)
    members = build_members(rng)
    ministers = [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in MINISTRIES]
    numbers: dict[tuple[int, str], int] = {}
    paths: list[Path] = []
    usage = Usage()
    for i in range(n):
        q = make_question(i, rng, names, members, ministers, usage, scale)
        numbers[(q.legislature, q.kind)] = numbers.get((q.legislature, q.kind), 0) + 1
        q.number = numbers[(q.legislature, q.kind)] * 3 + (q.legislature % 3)
        folder = out / f"{i // 1000:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        if q.kind == "QG" or rng.random() < json_share:
            path = folder / f"QANR5L{q.legislature}{q.kind}{q.number}.json"
            data = json.dumps(opendata_record(q, rng), ensure_ascii=False, indent=1)
        else:
            path = folder / f"q{q.legislature}-{q.number}{q.kind}.txt"
            data = page_text(q, rng)
        path.write_text(data, encoding="utf-8")
        paths.append(path)
    manifest = {"n": n, "seed": seed, "ranked": usage.ranked()}
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=0) + "\n")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="number of questions")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0, help="length of the texts (x)")
    args = parser.parse_args(argv)
    paths = generate(args.n, args.out, args.seed, scale=args.scale)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} files, {size / 1e6:.1f} MB, in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
