"""One entity for a long form and its acronym printed apart in one document.

"la Commission nationale de l'informatique et des libertés a donné son feu vert"
then, later, "avec l'autorisation de la Cnil": no parentheses teach the acronym,
but its letters are the initials of the long form's words. When a document
names an organisation both ways, the acronym's mentions take the long form's
entity (the authority's if it knows the long form, else the same minted one),
and the resolver records the rule "acronym-taught".

Only exact initials count (articles and prepositions skipped, "d'information"
gives "i"): a looser match would merge unrelated bodies.
"""

from __future__ import annotations

import re

from parlkg.extract.common import ORG_KINDS, folded, words
from parlkg.model import EntityKind, Mention

_LINKABLE = ORG_KINDS | {EntityKind.PROJECT}
_SMALL_WORDS = words("de du des la le les l d et en pour sur a au aux par dans avec")
_ACRONYM = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þa-zß-ÿ0-9&]{1,9}")


def initials(long_form: str) -> str:
    """The initials of the content words of a name: "Agence nationale de la sécurité
    des systèmes d'information" -> "anssi"."""
    return "".join(w[0] for w in folded(long_form).split() if w not in _SMALL_WORDS)


def _acronym(m: Mention) -> str | None:
    """The folded letters of a one-word acronym mention ("CNIL", "Cnil"), else None."""
    word = m.exact.strip()
    if not _ACRONYM.fullmatch(word) or word.isdigit():
        return None
    if not word.isupper() and not (word[1:].islower() and len(word) <= 6):
        return None  # "Cnil" yes, "Microsoft" is not written as an acronym
    return folded(word)


def link_acronyms(mentions: list[Mention]) -> None:
    """Give acronym mentions the entity of a long form of the same document, in place."""
    long_forms: dict[str, Mention] = {}
    for m in mentions:
        if m.kind in _LINKABLE and len(folded(m.label).split()) >= 2:
            key = initials(m.label)
            if len(key) >= 2:
                long_forms.setdefault(key, m)
    if not long_forms:
        return
    for m in mentions:
        if m.kind not in _LINKABLE or m.iri is not None:
            continue  # what the authority resolved stays resolved
        letters = _acronym(m)
        source = long_forms.get(letters) if letters else None
        if source is None or source is m:
            continue
        m.iri, m.label, m.kind = source.iri, source.label, source.kind
