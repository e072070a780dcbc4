"""Find entities by name: case, accents, aliases and acronyms folded away.

The name is never put into a query: all labels are read once and compared in
Python on their folded form.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pyoxigraph as ox

from parlkg.errors import NotFoundError
from parlkg.store import GraphStore
from parlkg.text import fold
from parlkg.vocab import ID

_LABELS = """
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?label ?alias ?class ?refs WHERE {
  { ?e rdfs:label ?label BIND(false AS ?alias) }
  UNION { ?e skos:altLabel ?label BIND(true AS ?alias) }
  ?e a ?class .
  FILTER(STRSTARTS(STR(?e), "https://w3id.org/parlkg/id/"))
  FILTER(STRSTARTS(STR(?class), STR(pk:)))
  FILTER(?class NOT IN (pk:Mention, pk:Statement, pk:SpeechTurn, pk:Reaction))
  FILTER NOT EXISTS { ?class rdfs:subClassOf* pk:Document }
}
"""


@dataclass(frozen=True)
class Candidate:
    iri: str
    label: str  # the canonical label
    kind: str  # the pk: class local name
    matched: str  # the label or alias that matched


def _index(store: GraphStore) -> dict[str, dict[str, str]]:
    """iri -> {"label", "kind", and folded name -> printed name for every name}."""
    entities: dict[str, dict[str, str]] = {}
    solutions = store.query(_LABELS)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        iri = row["e"].value
        entry = entities.setdefault(iri, {})
        label = row["label"].value
        if row["alias"].value == "false" and "label" not in entry:
            entry["label"] = label
        entry.setdefault("kind", row["class"].value.rsplit("#", 1)[-1])
        entry["=" + fold(label)] = label
    return entities


def find_entities(store: GraphStore, name: str) -> list[Candidate]:
    """Entities whose label or alias folds to `name`; if none, those that contain it."""
    if name.startswith(ID):
        index = _index(store)
        if name in index:
            e = index[name]
            return [Candidate(name, e.get("label", name), e.get("kind", ""), name)]
        return []
    key = fold(name)
    if not key:
        return []
    index = _index(store)
    exact, partial = [], []
    for iri, e in index.items():
        label = e.get("label") or next(v for k, v in e.items() if k.startswith("="))
        names = {k[1:]: v for k, v in e.items() if k.startswith("=")}
        if key in names:
            exact.append(Candidate(iri, label, e.get("kind", ""), names[key]))
        elif any(f" {key} " in f" {n} " for n in names):
            partial.append(Candidate(iri, label, e.get("kind", ""), label))
    return sorted(exact or partial, key=lambda c: (c.label.casefold(), c.iri))


def suggestions(store: GraphStore, name: str, n: int = 5) -> list[str]:
    names = {v for e in _index(store).values() for k, v in e.items() if k.startswith("=")}
    folded = {fold(v): v for v in names}
    close = difflib.get_close_matches(fold(name), list(folded), n=n, cutoff=0.6)
    return [folded[c] for c in close]


def resolve_entity(store: GraphStore, name: str) -> Candidate:
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
    listing = "; ".join(f"{c.label} ({c.kind}) <{c.iri}>" for c in found[:8])
    raise NotFoundError(
        f"{name!r} is ambiguous: {len(found)} entities match",
        hint=f"did you mean: {listing}? Give the IRI to choose",
    )
