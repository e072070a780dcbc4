"""Mentions and typed relations found in one document.

`extract(doc, authority)` runs every extractor over `doc.text`, merges their
mentions (the longest span wins; for the same span an authority hit wins over
a pattern hit), adds what the statistical NER finds where no authority or
pattern mention lies (`ner=True`, the default), resolves person names across
the document, attaches cited articles to laws, then finds relations between
the merged mentions. `extract_many(docs, authority)` does the same for a batch,
with the NER run over all the texts in one pass (several times faster).

Everything compiled from the authority (the word tries) is built once per
`Authority` object and kept while that object lives.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence

from parlkg.authority import Authority
from parlkg.extract import gazetteer, law, link, org, person, place, relation
from parlkg.extract import ner as _ner
from parlkg.extract.common import NOISE, folded, tokenize
from parlkg.extract.gazetteer import GazetteerIndex
from parlkg.model import Document, EntityKind, Extraction, Mention

__all__ = ["EXTRACTORS", "extract", "extract_many", "index_for", "merge"]

EXTRACTORS = [
    gazetteer.EXTRACTOR,
    law.EXTRACTOR,
    person.EXTRACTOR,
    org.EXTRACTOR,
    place.EXTRACTOR,
    relation.EXTRACTOR,
]

_INDEXES: weakref.WeakKeyDictionary[Authority, GazetteerIndex] = weakref.WeakKeyDictionary()

# For spans of the same length: authority hits first, then the more specific patterns.
_PRIORITY = {
    gazetteer.EXTRACTOR: 1,
    law.EXTRACTOR: 2,
    person.TURN_EXTRACTOR: 3,
    person.EXTRACTOR: 4,
    org.EXTRACTOR: 5,
    place.EXTRACTOR: 6,
}


def index_for(authority: Authority) -> GazetteerIndex:
    """The gazetteer index of `authority`, built on first use."""
    index = _INDEXES.get(authority)
    if index is None:
        index = GazetteerIndex.build(authority)
        _INDEXES[authority] = index
    return index


_NEVER_NOISE = frozenset({EntityKind.PERSON, EntityKind.LAW})


def _is_noise(m: Mention) -> bool:
    if m.kind in _NEVER_NOISE:
        return False
    if folded(m.exact) in NOISE or folded(m.label) in NOISE:
        return True
    # places are proper names: a lower-case word is an adjective or a common noun
    return m.kind == EntityKind.PLACE and not m.exact[:1].isupper()


def merge(text: str, candidates: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longest span first, then authority hits, then priority."""
    order = sorted(
        candidates,
        key=lambda m: (
            -(m.end - m.start),
            0 if m.iri else 1,
            _PRIORITY.get(m.extractor, 9),
            m.start,
        ),
    )
    taken = bytearray(len(text) + 1)
    kept: list[Mention] = []
    by_span: dict[tuple[int, int], Mention] = {}
    for m in order:
        if m.end <= m.start or m.start < 0 or m.end > len(text):
            continue
        if any(taken[m.start : m.end]):
            same = by_span.get((m.start, m.end))
            if same is not None and same.iri == m.iri:
                same.law_number = same.law_number or m.law_number
                same.article = same.article or m.article
            continue
        by_span[(m.start, m.end)] = m
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    kept.sort(key=lambda m: (m.start, m.end))
    return kept


def extract(doc: Document, authority: Authority, *, ner: bool = True) -> Extraction:
    """All mentions and relations of `doc`, given the authority file."""
    return extract_many([doc], authority, ner=ner)[0]


def extract_many(
    docs: Sequence[Document], authority: Authority, *, ner: bool = True
) -> list[Extraction]:
    """`extract` over a batch: the authority and the patterns first, then the NER once
    over the sentences of all the texts that may still hold a name (`nlp.pipe`)."""
    index = index_for(authority)
    found = [_patterns(doc, index) for doc in docs]
    if not (ner and docs):
        extractors = list(EXTRACTORS)
        return [_finish(d, m, None, index, extractors) for d, m in zip(docs, found, strict=True)]
    pieces = [_ner.pieces(doc.text, mentions) for doc, mentions in zip(docs, found, strict=True)]
    spans = _ner.entity_spans_in(pieces)
    names = [*EXTRACTORS, f"{_ner.EXTRACTOR} ({_ner.model_name()})"]
    return [_finish(d, m, s, index, names) for d, m, s in zip(docs, found, spans, strict=True)]


def _add_ner(
    doc: Document, spans: list[_ner.Span], mentions: list[Mention], index: GazetteerIndex
) -> list[Mention]:
    found = [m for m in _ner.find(doc, spans, mentions, index) if not _is_noise(m)]
    if not found:
        return mentions
    return sorted([*mentions, *found], key=lambda m: (m.start, m.end))


def _patterns(doc: Document, index: GazetteerIndex) -> list[Mention]:
    """The authority's names and the patterns' mentions, merged."""
    text = doc.text
    tokens = tokenize(text)
    candidates: list[Mention] = []
    known = gazetteer.find(text, index, tokens)
    candidates.extend(known)
    candidates.extend(law.find(text, index))
    candidates.extend(person.find(doc))
    candidates.extend(org.find(text, index, known))
    candidates.extend(place.find(text, index))
    candidates.extend(org.find_subsidiaries(text, candidates, index))
    candidates = [m for m in candidates if not _is_noise(m)]
    return merge(text, candidates)


def _finish(
    doc: Document,
    mentions: list[Mention],
    spans: list[_ner.Span] | None,
    index: GazetteerIndex,
    extractors: list[str],
) -> Extraction:
    """The NER's additions, then resolution across the document, then relations."""
    text = doc.text
    if spans is not None:
        mentions = _add_ner(doc, spans, mentions, index)
    link.link_acronyms(mentions)
    extra = [doc.author.name] if doc.author and doc.author.name else []
    person.resolve(mentions, index, extra)
    mentions = [m for m in mentions if not _ner.unresolved_surname(m)]
    law.unify(mentions)
    law.attach_articles(text, mentions)
    relations = relation.find(text, mentions)
    return Extraction(mentions=mentions, relations=relations, extractors=extractors)
