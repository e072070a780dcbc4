"""Find entities by name: case, accents, aliases and acronyms folded away.

The name is never put into a query as text: names are compared in Python on
their folded form, or bound as terms written by pyoxigraph. The lookup stays
fast on a large store by reading names in the entities summary
(`…/graph/_entities`, kept by the ingest: each label, alias and type of an
entity stated once, where every document graph restates those of the entities
it names), and by trying, in order:

1. the name exactly as a label or alias (index lookup on the literal, as typed
   and in its usual capitalisations);
2. the authority file's labels and aliases (one small graph, read once):
   folded names, then acronyms ("HDH", "DGSI");
3. entities minted from the text, by IRI: a minted IRI ends with the folded
   name (`.../person/segolene-amiot`), so each kind's IRI is checked directly;
4. only then every minted name (a scan of the summary, the slow path):
   folded names and aliases, acronyms, whole words ("Latombe"), suggestions.

A store without the summary (built by other means than `parlkg ingest`, or an
endpoint loaded by hand) is read the slow way: the same names, found in every
document graph.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

import pyoxigraph as ox

from parlkg.errors import NotFoundError
from parlkg.kinds import EntityKind
from parlkg.results import Queryable
from parlkg.store import ENTITIES_GRAPH
from parlkg.text import fold
from parlkg.vocab import ID, entity_iri

_PREFIXES = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

# names of the authority file (all, or those of a VALUES block): rdfs:label in French
# (or untagged) is the canonical label; labels in other languages, skos:altLabel and
# pk:casedLabel (an alias the extraction matches with its case only) are aliases
_AUTHORITY_NAMES = (
    _PREFIXES
    + """
SELECT ?e ?label ?alias ?class WHERE {
  %s
  GRAPH <https://w3id.org/parlkg/graph/_authority> {
    { ?e rdfs:label ?label BIND(LANG(?label) NOT IN ("fr", "") AS ?alias) }
    UNION { ?e skos:altLabel ?label BIND(true AS ?alias) }
    UNION { ?e pk:casedLabel ?label BIND(true AS ?alias) }
    ?e a ?class .
  }
  FILTER(STRSTARTS(STR(?class), STR(pk:)))
}
"""
)

# names of entities minted from the text: in the entities summary (`%s` is its
# GRAPH term), else (`?g`) in every graph that mints them
_MINTED_NAMES = (
    _PREFIXES
    + """
SELECT DISTINCT ?e ?label ?alias ?class WHERE {
  %s
  GRAPH %s {
    ?e pk:reviewed false ; a ?class .
    { ?e rdfs:label ?label BIND(false AS ?alias) }
    UNION { ?e skos:altLabel ?label BIND(true AS ?alias) }
  }
}
"""
)

# the entities having the name (literals written by pyoxigraph) as label or alias,
# in the entities summary (`%s`: its GRAPH term), else in any graph (`?g`)
_BY_NAME = (
    _PREFIXES
    + """
SELECT DISTINCT ?e WHERE {
  VALUES ?name { %s }
  { GRAPH %s { { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name } } }
  UNION { GRAPH <https://w3id.org/parlkg/graph/_authority> { ?e pk:casedLabel ?name } }
  FILTER(STRSTARTS(STR(?e), "https://w3id.org/parlkg/id/"))
}
"""
)

_HAS_SUMMARY = f"ASK {{ GRAPH {ox.NamedNode(ENTITIES_GRAPH)} {{ ?e ?p ?o }} }}"

_DOCUMENT_COUNTS = (
    _PREFIXES
    + """
SELECT ?e (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  VALUES ?e { %s }
  { ?doc pk:mentions ?e }
  UNION { ?doc pk:askedBy ?e } UNION { ?doc pk:addressedTo ?e } UNION { ?doc pk:assignedTo ?e }
  UNION { ?doc pk:answeredBy ?e } UNION { ?doc pk:addressee ?e }
}
GROUP BY ?e
"""
)

# words left out of acronyms: "Commission nationale de l'informatique et des libertés" -> CNIL
_STOPWORDS = frozenset(
    {"a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour"}
    | {"sur", "the", "of", "and", "for"}
)


@dataclass(frozen=True)
class Candidate:
    iri: str
    label: str  # the canonical label
    kind: str  # the pk: class local name
    matched: str  # the label or alias that matched
    documents: int | None = None  # documents linked to it, when counted


@dataclass
class _Entry:
    label: str | None = None
    kind: str = ""
    names: dict[str, str] = field(default_factory=dict)  # folded name -> printed name


def _rows(store: Queryable, sparql: str) -> ox.QuerySolutions:
    solutions = store.query(sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    return solutions


def _entries(solutions: Iterable[ox.QuerySolution]) -> dict[str, _Entry]:
    entities: dict[str, _Entry] = {}
    for row in solutions:
        entry = entities.setdefault(row["e"].value, _Entry())
        label = row["label"].value
        # the smallest canonical label: stable when a minted entity has two
        if row["alias"].value == "false" and (entry.label is None or label < entry.label):
            entry.label = label
        kind = row["class"].value.rsplit("#", 1)[-1]
        if not entry.kind or kind < entry.kind:
            entry.kind = kind
        entry.names[fold(label)] = label
    return entities


def _values(iris: Iterable[str]) -> str:
    """A VALUES block of entity IRIs, written by pyoxigraph ("" when there are none)."""
    terms = " ".join(str(ox.NamedNode(iri)) for iri in iris)
    return f"VALUES ?e {{ {terms} }}" if terms else ""


def _authority(store: Queryable, iris: list[str] | None = None) -> dict[str, _Entry]:
    """Curated entities with their names: those of `iris`, or all of them (small, but
    about 100 ms to read and fold: kept per authority file, known by its build hash)."""
    if iris is not None and not iris:
        return {}
    if iris:
        return _entries(_rows(store, _AUTHORITY_NAMES % _values(iris)))
    digest = next((row["h"].value for row in _rows(store, _AUTHORITY_HASH)), None)
    cached = _AUTHORITY_CACHE.get(digest) if digest else None
    if cached is None:
        cached = _entries(_rows(store, _AUTHORITY_NAMES % ""))
        if digest:
            _AUTHORITY_CACHE.clear()  # one authority file at a time
            _AUTHORITY_CACHE[digest] = cached
    return cached


_AUTHORITY_HASH = """
SELECT ?h WHERE {
  GRAPH <https://w3id.org/parlkg/graph/_authority> {
    <https://w3id.org/parlkg/graph/_authority> <https://w3id.org/parlkg/ontology#buildHash> ?h
  }
}
"""
_AUTHORITY_CACHE: dict[str, dict[str, _Entry]] = {}


def _names_graph(store: Queryable) -> str:
    """Where names are read: the entities summary's GRAPH term, or `?g` (every graph)
    when the store has no summary."""
    summary = store.query(_HAS_SUMMARY)
    return str(ox.NamedNode(ENTITIES_GRAPH)) if bool(summary) else "?g"


def _minted(store: Queryable, graph: str, iris: list[str] | None = None) -> dict[str, _Entry]:
    """Minted entities with their names: those of `iris`, or all of them (a scan)."""
    if iris is not None and not iris:
        return {}
    return _entries(_rows(store, _MINTED_NAMES % (_values(iris or []), graph)))


def _describe(store: Queryable, graph: str, iris: list[str]) -> dict[str, _Entry]:
    """The entities `iris` with their names, from the authority file, else the documents."""
    found = _authority(store, iris)
    found.update(_minted(store, graph, [iri for iri in iris if iri not in found]))
    return found


def _candidate(iri: str, entry: _Entry, matched: str) -> Candidate:
    label = entry.label or next(iter(entry.names.values()), iri)
    return Candidate(iri, label, entry.kind, matched)


def acronym(name: str) -> str:
    """The initials of a name's significant words: "Health Data Hub" -> "hdh"."""
    return _initials(fold(name))


@lru_cache(maxsize=1 << 16)
def _initials(folded: str) -> str:
    """`acronym` of an already folded name (names are matched again and again)."""
    words = [w for w in folded.split() if w not in _STOPWORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 else ""


def _spellings(name: str) -> list[str]:
    """The name as typed and in its usual capitalisations, for the exact lookup."""
    forms = {name, name.capitalize(), name.title(), name.upper(), name.lower()}
    return sorted(f for f in forms if f)


def _by_exact_name(store: Queryable, graph: str, name: str) -> list[Candidate]:
    """Entities with `name` exactly as a label or alias (index lookup, bound literals)."""
    terms = {
        str(ox.Literal(form, language=lang) if lang else ox.Literal(form))
        for form in _spellings(name)
        for lang in ("", "fr", "en")
    }
    iris = [row["e"].value for row in _rows(store, _BY_NAME % (" ".join(sorted(terms)), graph))]
    key = fold(name)
    return [
        _candidate(iri, entry, entry.names[key])
        for iri, entry in _describe(store, graph, iris).items()
        if key in entry.names
    ]


def _match(entities: dict[str, _Entry], key: str, name: str) -> tuple[list[Candidate], ...]:
    """Exact (folded), acronym and whole-word matches among `entities`."""
    exact, initials, partial = [], [], []
    compact = key.replace(" ", "")
    may_be_acronym = 2 <= len(compact) <= 8 and " " not in key
    for iri, entry in entities.items():
        names = entry.names
        if key in names:
            exact.append(_candidate(iri, entry, names[key]))
        elif may_be_acronym and any(_initials(n) == compact for n in names):
            initials.append(_candidate(iri, entry, name))
        elif any(f" {key} " in f" {n} " for n in names):
            partial.append(_candidate(iri, entry, entry.label or iri))
    return exact, initials, partial


def find_entities(store: Queryable, name: str) -> list[Candidate]:
    """Entities whose label or alias folds to `name`; else whose acronym it is; else
    those with `name` as whole words of a label or alias."""
    name = name.strip()
    if name.startswith(ID):
        try:
            ox.NamedNode(name)
        except ValueError:  # "https://w3id.org/parlkg/id/x> } ; DROP ALL": no IRI, no one
            return []
        graph = _names_graph(store)
        return [_candidate(iri, e, name) for iri, e in _describe(store, graph, [name]).items()]
    key = fold(name)
    if not key:
        return []
    graph = _names_graph(store)
    quick = _by_exact_name(store, graph, name)
    if len(quick) == 1:
        return quick
    minted = _minted(store, graph, [entity_iri(kind, name) for kind in EntityKind])
    exact = [_candidate(iri, e, e.names.get(key, name)) for iri, e in minted.items()]
    curated = _match(_authority(store), key, name)
    exact, initials, partial = exact + curated[0], curated[1], curated[2]
    if not exact and not initials:  # the slow path: every minted name
        more = _match(_minted(store, graph), key, name)
        exact, initials, partial = more[0], more[1], more[2] + partial
    found = {c.iri: c for c in exact or initials or partial}  # the curated label wins
    return sorted(found.values(), key=lambda c: (c.label.casefold(), c.iri))


def document_counts(store: Queryable, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates with the number of documents linked to each, most linked first."""
    if not candidates:
        return []
    values = " ".join(str(ox.NamedNode(c.iri)) for c in candidates)
    counts = {
        row["e"].value: int(row["documents"].value)
        for row in _rows(store, _DOCUMENT_COUNTS % values)
    }
    counted = [replace(c, documents=counts.get(c.iri, 0)) for c in candidates]
    return sorted(counted, key=lambda c: (-(c.documents or 0), c.label.casefold(), c.iri))


def suggestions(store: Queryable, name: str, n: int = 5) -> list[str]:
    """Names close to `name` (a scan of every name: only when nothing matched)."""
    minted = _minted(store, _names_graph(store))
    entries = list(_authority(store).values()) + list(minted.values())
    folded = {k: v for e in entries for k, v in e.names.items()}
    close = difflib.get_close_matches(fold(name), list(folded), n=n, cutoff=0.6)
    return [folded[c] for c in close]


def resolve_entity(store: Queryable, name: str) -> Candidate:
    """The one entity `name` designates, or NotFoundError with "did you mean"."""
    found = find_entities(store, name)
    if len(found) == 1:
        return found[0]
    if not found:
        close = suggestions(store, name)
        raise NotFoundError(
            f"no actor named {name!r} in the graph",
            hint=f"did you mean: {'; '.join(close)}?"
            if close
            else "check the spelling, or ingest more documents",
        )
    # an exact match on the canonical label beats alias matches
    canonical = [c for c in found if fold(c.label) == fold(name)]
    if len(canonical) == 1:
        return canonical[0]
    ranked = document_counts(store, found)
    listing = "; ".join(
        f"{c.label} ({c.kind}, {c.documents} document{'s' if c.documents != 1 else ''}) <{c.iri}>"
        for c in ranked[:8]
    )
    more = f" and {len(ranked) - 8} more" if len(ranked) > 8 else ""
    raise NotFoundError(
        f"{name!r} is ambiguous: {len(found)} entities match",
        hint=f"did you mean: {listing}{more}? Give the full name or the IRI to choose",
    )
