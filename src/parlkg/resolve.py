"""Mentions and metadata names -> canonical entity IRIs.

The authority file wins; anything it does not know gets a minted IRI from its
kind and folded name, so the same name gives the same IRI in every document.
Each choice records the rule that made it (`Resolution.rule`), so a merge can
be explained.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parlkg.authority import Authority
from parlkg.model import EntityKind, Mention
from parlkg.text import fold, title_case_name
from parlkg.vocab import entity_iri, mint

_CIVILITY = re.compile(
    r"^(?:M\.|MM\.|Mme|Mmes|Mlle|Monsieur|Madame|Mademoiselle|Dr\.?|Pr\.?)\s+", re.IGNORECASE
)


@dataclass(frozen=True)
class Resolution:
    iri: str
    label: str
    kind: EntityKind
    curated: bool  # True when the authority file knows the entity
    rule: str  # "authority-iri", "authority-name", "minted"


def person_name(name: str) -> str:
    """A person's name without civility, in title case where printed in capitals."""
    return title_case_name(_CIVILITY.sub("", name.strip()))


def resolve_name(authority: Authority, kind: EntityKind, name: str) -> Resolution:
    """Resolve a name of `kind`: the authority's entity, else a minted one."""
    if kind is EntityKind.PERSON:
        name = person_name(name)
    entry = authority.lookup(name, kind)
    if entry is not None:
        return Resolution(entry.iri, entry.label, entry.kind, True, "authority-name")
    return Resolution(entity_iri(kind, name), name, kind, False, "minted")


def resolve_mention(authority: Authority, mention: Mention) -> Resolution:
    if mention.iri is not None:
        entry = authority.by_iri.get(mention.iri)
        if entry is not None:
            return Resolution(entry.iri, entry.label, entry.kind, True, "authority-iri")
        return Resolution(mention.iri, mention.label, mention.kind, False, "extractor-iri")
    return resolve_name(authority, mention.kind, mention.label)


def resolve_person(authority: Authority, name: str, ref: str | None = None) -> Resolution:
    """A person by name; an open-data actor known only by its reference keeps that key."""
    if ref and fold(name) == fold(ref):
        return Resolution(mint("person", fold(ref)), ref, EntityKind.PERSON, False, "acteur-ref")
    return resolve_name(authority, EntityKind.PERSON, name)


def resolve_group(authority: Authority, name: str, short: str | None = None) -> Resolution:
    """A parliamentary group by its full name or its abbreviation."""
    for candidate in (name, short):
        if candidate:
            entry = authority.lookup(candidate, EntityKind.GROUP)
            if entry is not None and entry.kind is EntityKind.GROUP:
                return Resolution(entry.iri, entry.label, entry.kind, True, "authority-name")
    return Resolution(entity_iri(EntityKind.GROUP, name), name, EntityKind.GROUP, False, "minted")


def resolve_ministry(authority: Authority, label: str) -> Resolution:
    entry = authority.lookup(label, EntityKind.MINISTRY)
    if entry is not None and entry.kind is EntityKind.MINISTRY:
        return Resolution(entry.iri, entry.label, entry.kind, True, "authority-name")
    return Resolution(
        entity_iri(EntityKind.MINISTRY, label), label, EntityKind.MINISTRY, False, "minted"
    )


def resolve_place(authority: Authority, name: str) -> Resolution:
    return resolve_name(authority, EntityKind.PLACE, name)
