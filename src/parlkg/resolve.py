"""Mentions and metadata names -> canonical entity IRIs.

The authority file wins; anything it does not know gets a minted IRI from its
kind and folded name, so the same name gives the same IRI in every document.
Each choice records the rule that made it (`Resolution.rule`), so a merge can
be explained: the graph states it on the mention (`pk:resolvedBy`), beside the
evidence (the quoted text and its offsets). The rules:

- "authority-name": the printed text is a label or alias of the authority entry;
- "authority-law-number": a law cited by its number ("loi n° 2024-449");
- "authority-title": a law cited by its title without number;
- "authority-surname": a surname alone, of a person the authority knows;
- "authority-iri": the extractor chose the entry from a printed variant the
  authority does not list ("ministère du travail" -> Ministère du Travail);
- "acronym-taught": an acronym taught by its long form in the same document
  ("Agence ... (AGX)", then "l'AGX");
- "surname-in-document": a surname alone, taking the full name printed in the
  same document;
- "law-number-in-document": a law cited by its title, whose number the same
  document printed with that title;
- "addressee-role": a ministry derived from the addressee's role ("M. le
  ministre des solidarités et de la santé");
- "minted": none of the above, a new entity (marked not reviewed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parlkg.authority import Authority
from parlkg.model import EntityKind, Mention
from parlkg.text import collapse_spaces, fold, title_case_name
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
    iri = entity_iri(kind, name)
    entry = authority.by_iri.get(iri)
    if entry is not None:  # a variant the authority does not list, minted to its IRI
        return Resolution(entry.iri, entry.label, entry.kind, True, "authority-iri")
    return Resolution(iri, name, kind, False, "minted")


def resolve_mention(authority: Authority, mention: Mention) -> Resolution:
    if mention.iri is not None:
        entry = authority.by_iri.get(mention.iri)
        if entry is not None:
            rule = _authority_rule(authority, mention, entry.names, entry.iri)
            return Resolution(entry.iri, entry.label, entry.kind, True, rule)
        return Resolution(mention.iri, mention.label, mention.kind, False, "extractor-iri")
    found = resolve_name(authority, mention.kind, mention.label)
    if found.curated:
        return found
    return Resolution(found.iri, found.label, found.kind, False, _document_rule(mention))


def _bare(exact: str) -> str:
    """The printed text without a leading article or elision, folded."""
    return fold(_ARTICLE.sub("", exact.strip()))


_ARTICLE = re.compile(r"^(?:(?:le|la|les|du|des|de)\s+|[ld]')", re.IGNORECASE)


def _is_acronym(exact: str) -> bool:
    letters = [c for c in exact if c.isalpha()]
    return 2 <= len(letters) <= 15 and sum(c.isupper() for c in letters) >= 2 and " " not in exact


def _authority_rule(authority: Authority, mention: Mention, names: list[str], iri: str) -> str:
    bare = _bare(mention.exact)
    if bare in {fold(n) for n in names} or fold(mention.exact) in {fold(n) for n in names}:
        return "authority-name"
    if mention.kind is EntityKind.LAW:
        by_number = authority.law_by_number(mention.law_number) if mention.law_number else None
        if by_number is not None and by_number.iri == iri:
            return "authority-law-number"
        return "authority-title"
    if mention.kind is EntityKind.PERSON and len(bare.split()) == 1:
        return "authority-surname"
    if _is_acronym(mention.exact):
        return "acronym-taught"
    return "authority-iri"


def _document_rule(mention: Mention) -> str:
    """How a mention the authority does not know got its (minted) entity."""
    exact, label = fold(mention.exact), fold(mention.label)
    if exact == label or _bare(mention.exact) == label:
        return "minted"
    if mention.kind is EntityKind.PERSON:
        printed = len(_ARTICLE.sub("", mention.exact.strip()).split())
        return "surname-in-document" if printed == 1 < len(label.split()) else "minted"
    if (
        mention.kind is EntityKind.LAW
        and mention.law_number
        and mention.law_number not in (mention.exact)
    ):
        return "law-number-in-document"
    if _is_acronym(mention.exact) or (" " not in exact and len(label.split()) >= 2):
        return "acronym-taught"  # an acronym, or a capitalised one ("la Cnil")
    return "minted"


def alt_labels(mention: Mention, resolution: Resolution) -> list[str]:
    """Spellings of a minted entity worth recording as skos:altLabel: an acronym taught
    in the document ("AGX"), a name printed differently ("DARRAS Jérôme")."""
    if resolution.curated or mention.kind is EntityKind.LAW:
        return []
    printed = collapse_spaces(_ARTICLE.sub("", mention.exact.strip()))
    if not printed or fold(printed) == fold(resolution.label) or len(printed) > 120:
        return []
    if mention.kind is EntityKind.PERSON and len(printed.split()) < 2:
        return []  # a surname alone is not a name of the person
    return [printed]


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


# -- the ministry behind an addressee's role ------------------------------------

_PORTFOLIO = re.compile(
    r"\b(?:chargée?s?|ministres?)\s+(?=(?:de\s+la|de\s+l'|des|du|de|d'|à\s+la|aux?)\s*"
    r"(?![ÉE]tat\b)[^\W\d])",
    re.IGNORECASE,
)
_CUT = re.compile(r"\s*(?:,\s*(?:qui|auprès|chargée?|porte-parole)\b|\(|;|\.\s|$)", re.I)
_SMALL = re.compile(r"(?<![\w'])(?:de\s+la|de\s+l'|des|du|de|d'|à\s+la|aux?|la|le|les|l')\s*", re.I)


def ministry_of_role(role: str) -> tuple[str, str] | None:
    """("des solidarités et de la santé", "Solidarités et santé") from a minister's
    role as printed: the portfolio after the last "chargé(e) de" or "ministre de"."""
    text = collapse_spaces(role)
    found = None
    for m in _PORTFOLIO.finditer(text):
        found = m
    if found is None:
        return None
    rest = text[found.end() :]
    cut = _CUT.search(rest)
    phrase = (rest[: cut.start()] if cut else rest).strip(" ,")
    short = collapse_spaces(_SMALL.sub("", phrase)).strip(" ,")
    if len(short) < 3:
        return None
    return phrase, short[:1].upper() + short[1:]


def addressee_ministry(authority: Authority, addressee: str | None) -> Resolution | None:
    """The ministry an addressee's role names ("M. le ministre des solidarités et de la
    santé" -> Ministère de la Santé, via its alias), else a minted one; None when the
    addressee names no portfolio ("Monsieur le Premier ministre")."""
    if not addressee:
        return None
    found = ministry_of_role(addressee)
    if found is None:
        return None
    phrase, short = found
    for name in (f"ministère {phrase}", short):
        entry = authority.lookup(name, EntityKind.MINISTRY)
        if entry is not None and entry.kind is EntityKind.MINISTRY:
            return Resolution(entry.iri, entry.label, entry.kind, True, "addressee-role")
    iri = entity_iri(EntityKind.MINISTRY, short)
    return Resolution(iri, short, EntityKind.MINISTRY, False, "addressee-role")
