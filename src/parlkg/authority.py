"""The authority file (ontology/authority.ttl) as plain records for the extractors.

Parsing Turtle here does not make this module an RDF writer: it only reads the
curated entities (class, label, aliases, law numbers) into `AuthorityEntry`
records, so that extractors and the resolver never touch RDF terms.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from pydantic import BaseModel, Field

from parlkg.errors import AuthorityError
from parlkg.model import EntityKind
from parlkg.resources import authority_file
from parlkg.text import fold
from parlkg.vocab import CLASS_KIND, OWL, PK, RDF, RDFS, SKOS

_Object = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


class AuthorityEntry(BaseModel):
    """One curated entity."""

    iri: str
    kind: EntityKind
    label: str  # canonical name (rdfs:label, French when both are given)
    aliases: list[str] = Field(default_factory=list)  # skos:altLabel, and other-language labels
    match_case: bool = False  # pk:matchCase: the first letter's case must match in text
    # pk:casedLabel: aliases matched only with the first letter's case as printed here
    # ("Assurance maladie" is the body; "l'assurance maladie" the branch of social security)
    cased_aliases: list[str] = Field(default_factory=list)
    law_numbers: list[str] = Field(default_factory=list)  # pk:lawNumber "2024-449", "2016/679"
    same_as: list[str] = Field(default_factory=list)  # owl:sameAs (Wikidata)

    @property
    def names(self) -> list[str]:
        return [self.label, *self.aliases, *self.cased_aliases]

    def case_sensitive(self, name: str) -> bool:
        """Whether `name` matches text only with its first letter's case."""
        return self.match_case or name in self.cased_aliases


class Authority:
    """Lookup tables over the authority entries."""

    def __init__(self, entries: list[AuthorityEntry], digest: str = "") -> None:
        self.entries = entries
        self.digest = digest  # sha256 of the file it was read from
        self.by_iri = {e.iri: e for e in entries}
        by_name: dict[str, list[AuthorityEntry]] = defaultdict(list)
        by_number: dict[str, AuthorityEntry] = {}
        for entry in entries:
            for name in entry.names:
                key = fold(name)
                if key and entry not in by_name[key]:
                    by_name[key].append(entry)
            for number in entry.law_numbers:
                by_number[normalise_law_number(number)] = entry
        self._by_name = dict(by_name)
        self._by_number = by_number

    def lookup(self, name: str, kind: EntityKind | None = None) -> AuthorityEntry | None:
        """The entry whose label or alias folds to the same as `name` (of `kind`, if given)."""
        candidates = self._by_name.get(fold(name), [])
        if kind is not None:
            candidates = [e for e in candidates if e.kind == kind or _compatible(e.kind, kind)]
        return candidates[0] if candidates else None

    def law_by_number(self, number: str) -> AuthorityEntry | None:
        return self._by_number.get(normalise_law_number(number))

    def __len__(self) -> int:
        return len(self.entries)


_ORG_KINDS = {
    EntityKind.ORGANIZATION,
    EntityKind.COMPANY,
    EntityKind.PUBLIC_BODY,
    EntityKind.MINISTRY,
    EntityKind.GROUP,
}


def _compatible(a: EntityKind, b: EntityKind) -> bool:
    """Organisation kinds match each other: an extractor rarely knows which one."""
    return a in _ORG_KINDS and b in _ORG_KINDS


def normalise_law_number(number: str) -> str:
    """ "n° 2024-449" -> "2024-449"; "(UE) 2016/679" -> "2016/679"."""
    return "".join(c for c in number if c.isdigit() or c in "-/")


def parse_authority(path: Path) -> Authority:
    """Read an authority file; raise AuthorityError naming the file on bad Turtle."""
    try:
        data = path.read_bytes()
        quads = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    except (SyntaxError, OSError, ValueError) as exc:
        raise AuthorityError(f"{path}: cannot parse the authority file: {exc}") from exc
    props: dict[str, dict[str, list[_Object]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:
        if isinstance(q.subject, ox.NamedNode):
            props[q.subject.value][q.predicate.value].append(q.object)
    entries = []
    for iri, p in props.items():
        kinds = [
            CLASS_KIND[t.value[len(PK) :]]
            for t in p.get(RDF + "type", [])
            if isinstance(t, ox.NamedNode)
            and t.value.startswith(PK)
            and t.value[len(PK) :] in CLASS_KIND
        ]
        if not kinds:
            continue  # not an entity (a helper node, a dataset description)
        labels = [t for t in p.get(RDFS + "label", []) if isinstance(t, ox.Literal)]
        if not labels:
            raise AuthorityError(f"{path}: <{iri}> has a class but no rdfs:label")
        labels.sort(key=lambda t: (t.language not in (None, "fr"), t.value))
        aliases = [t.value for t in labels[1:]] + [
            t.value for t in p.get(SKOS + "altLabel", []) if isinstance(t, ox.Literal)
        ]
        entries.append(
            AuthorityEntry(
                iri=iri,
                kind=_most_specific(kinds),
                label=labels[0].value,
                aliases=list(dict.fromkeys(a for a in aliases if a != labels[0].value)),
                match_case=any(
                    isinstance(t, ox.Literal) and t.value == "true"
                    for t in p.get(PK + "matchCase", [])
                ),
                cased_aliases=[
                    t.value for t in p.get(PK + "casedLabel", []) if isinstance(t, ox.Literal)
                ],
                law_numbers=[
                    t.value for t in p.get(PK + "lawNumber", []) if isinstance(t, ox.Literal)
                ],
                same_as=[t.value for t in p.get(OWL + "sameAs", []) if isinstance(t, ox.NamedNode)],
            )
        )
    entries.sort(key=lambda e: e.iri)
    return Authority(entries, hashlib.sha256(data).hexdigest())


def _most_specific(kinds: list[EntityKind]) -> EntityKind:
    generic = {EntityKind.ORGANIZATION}
    specific = [k for k in kinds if k not in generic]
    return sorted(specific or kinds)[0]


@cache
def load_authority(path: Path | None = None) -> Authority:
    """The project's authority file, parsed once per process."""
    return parse_authority(path or authority_file())
