"""Persons, organisations and places the authority and the patterns do not know,
from spaCy's statistical French NER (`fr_core_news_md`, a pip package).

The model is loaded once per process, on first use, with its NER component
only (the NER carries its own token-to-vector layer: the parser, the
morphologizer and the lemmatizer are not run). spaCy is imported only then,
so commands that never extract (`parlkg actor`, `query`) do not pay for it.

The NER proposes spans; they become mentions only where no authority or
pattern mention overlaps, and only after the noise filters of this module,
written for French parliamentary prose in general:

- the genre's own words are not entities: "le Gouvernement", "l'Assemblée",
  "M. le ministre", "la présidente", "l'État", "Madame la Ministre";
- lower-case spans, spans that cross a line (headers, signatures, addresses),
  spans inside a stage direction (except a full personal name), URLs, numbers,
  short single tokens and roman numerals give nothing;
- a capitalised word opening a sentence ("Dérogation", "Merci") is a common
  noun unless the document also capitalises it inside a sentence;
- peoples are not places ("les Français", "des Européennes");
- a person needs a name: civility and role words are stripped, a role alone is
  dropped; a surname alone is kept only if it resolves to a full name (the
  caller checks it after `person.resolve`);
- ORG is an organisation; it is a company, a public body or a ministry only
  when its head noun ("Agence ...", "Société ...") or the cue before it ("la
  société X") says so. MISC is kept only after a project cue ("la plateforme X").
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from parlkg.errors import ParlkgError
from parlkg.extract.common import NOISE, folded, mention, words
from parlkg.extract.gazetteer import GazetteerIndex
from parlkg.extract.org import head_kind
from parlkg.extract.person import ROLE_WORDS, natural_name
from parlkg.model import Document, EntityKind, Mention

if TYPE_CHECKING:
    from spacy.language import Language

EXTRACTOR = "ner"
# The pip-installed spaCy pipeline; PARLKG_NER_MODEL names another (fr_core_news_sm) to compare.
MODEL = os.environ.get("PARLKG_NER_MODEL", "fr_core_news_md")
_MAX_CHUNK = 100_000  # characters per piece handed to spaCy (paragraph boundaries)


class ModelError(ParlkgError, OSError):
    """The NER model cannot be loaded."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Span:
    """An entity span proposed by the model: character offsets and spaCy's label."""

    start: int
    end: int
    label: str  # PER, ORG, LOC, MISC


@cache
def pipeline() -> Language:
    """The French pipeline with its NER only, loaded once per process."""
    hint = f"pip install {MODEL.replace('_', '-')}==3.8.0, or run without the NER (--no-ner)"
    try:
        import spacy
    except ImportError as exc:
        raise ModelError("spaCy is not installed", hint=hint) from exc
    try:
        nlp = spacy.load(MODEL, exclude=["parser", "morphologizer", "lemmatizer", "senter"])
    except OSError as exc:
        raise ModelError(f"the NER model {MODEL} is not installed", hint=hint) from exc
    keep = {"ner"}
    nlp.select_pipes(disable=[name for name in nlp.pipe_names if name not in keep])
    return nlp


def model_name() -> str:
    """ "fr_core_news_md 3.8.0": the model that ran, for reports."""
    meta = pipeline().meta
    return f"{meta.get('lang', 'fr')}_{meta.get('name', '')} {meta.get('version', '')}".strip()


def _chunks(text: str) -> list[tuple[int, str]]:
    """`text` cut at paragraph breaks into pieces of at most _MAX_CHUNK characters."""
    if len(text) <= _MAX_CHUNK:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + _MAX_CHUNK)
        if end < len(text):
            cut = text.rfind("\n", pos + _MAX_CHUNK // 2, end)
            end = cut + 1 if cut > 0 else end
        out.append((pos, text[pos:end]))
        pos = end
    return out


def entity_spans(texts: Sequence[str], batch_size: int = 32) -> list[list[Span]]:
    """The model's entity spans in each text, in one `nlp.pipe` pass over all of them."""
    pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
    for i, text in enumerate(texts):
        pieces.extend((i, offset, piece) for offset, piece in _chunks(text))
    out: list[list[Span]] = [[] for _ in texts]
    nlp = pipeline()
    for (i, offset, _), doc in zip(
        pieces, nlp.pipe((p for _, _, p in pieces), batch_size=batch_size), strict=True
    ):
        out[i].extend(Span(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return out


# -- filters ---------------------------------------------------------------------

_LEADING = re.compile(r"^(?:(?:les?|la|des|du|de|aux?|ces?|cette)\s+|[ld]['’]\s*)+", re.I)
_CIVILITY = re.compile(
    r"^(?:MM\.|Mmes|Mme|Mlles|Mlle|M\.|Monsieur|Madame|Mademoiselle|Messieurs|Mesdames|"
    r"Dr\.?|Pr\.?|Me|Maître)(?:\s+|$)"
)
_ROMAN = re.compile(r"^[IVXLC]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…»)]|\n)[\s«(\"*–—-]*$")
_PLURAL_DET = re.compile(r"\b(?:les|des|de|d'|aux|ces|nos|vos|leurs|tous|toutes)\s*$", re.I)
_DEMONYM = re.compile(
    r"(?:ais|aise|aises|ois|oise|oises|ain|aine|ains|aines|ien|ienne|iens|iennes|éen|éenne|"
    r"éens|éennes|and|ande|ands|andes|ol|ole|ols|oles|ique|iques|in|ine|ins|ines)$"
)
_GENRE = words(
    "gouvernement etat assemblee senat parlement republique ministre ministere ministres "
    "president presidente presidence depute deputee deputes senateur senatrice senateurs "
    "madame monsieur mesdames messieurs mme m mm rapporteur rapporteure commission seance "
    "question questions reponse article alinea chapitre titre cedex tel fax"
)
# Acronyms of French public life that name no organisation (taxes, indicators, categories).
_NOT_ORG_ACRONYMS = words(
    "tva pib pme tpe eti ia api plf plfss rsa smic cdi cdd etp ht ttc pnb ue rgpd ong qpv "
    "zfe pac pla pcs rtt vtc km kwh mw gw it ti saas iaas paas rh bac ssi ehpad ars epci"
)
_ARTICLE_BEFORE = re.compile(r"\b(?:le|la|les|du|des|au|aux)\s+$", re.I)
_STREETS = words(
    "rue avenue boulevard bd place quai allee impasse chemin route cours square passage "
    "esplanade parvis rond point voie"
)
_STREET_BEFORE = re.compile(
    r"\b(?:rue|avenue|boulevard|bd|place|quai|allée|impasse|chemin|route|cours|square|passage"
    r"|esplanade|parvis|voie)\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')?$",
    re.I,
)
_COMPANY_CUE = re.compile(
    r"\b(?:soci[ée]t[ée]s?|entreprises?|firmes?|filiales?|groupes?|start-?up|éditeurs?|"
    r"constructeurs?|op[ée]rateurs?|fournisseurs?|prestataires?|h[ée]bergeurs?)"
    r"(?:\s+[a-zéèêàâîôûç]+){0,2}\s+$",
    re.I,
)
_PUBLIC_CUE = re.compile(
    r"\b(?:agences?|autorit[ée]s?|administrations?|établissements?\s+publics?|op[ée]rateurs?"
    r"\s+de\s+l'[ÉE]tat)(?:\s+[a-zéèêàâîôûç]+){0,2}\s+$",
    re.I,
)
_PROJECT_CUE = re.compile(
    r"\b(?:plateformes?|programmes?|projets?|logiciels?|applications?|syst[èe]mes?|outils?|"
    r"solutions?|services?|messageries?|suites?)(?:\s+[a-zéèêàâîôûç]+){0,2}\s+$",
    re.I,
)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles and elisions, and non-alphanumeric edges."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
        end -= 1
    lead = _LEADING.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    # a final period belongs to an abbreviation only ("Inc.", "S.A."), not a sentence
    if end > start and text[end - 1] == "." and not re.search(r"\b\w{1,3}\.$", text[start:end]):
        end -= 1
    return start, end


def _in_any(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def _capitalised_elsewhere(text: str, word: str, start: int) -> bool:
    """`word` also printed capitalised inside a sentence of `text`."""
    for m in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text):
        if m.start() == start:
            continue
        if not _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()]):
            return True
    return False


def _looks_like_name(name: str) -> bool:
    """Every content word of a person's name is capitalised; no role word."""
    tokens = re.findall(r"[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*", name)
    content = [t for t in tokens if t.lower() not in _PARTICLES]
    if not content:
        return False
    if any(folded(t) in ROLE_WORDS or folded(t) in _GENRE for t in content):
        return False
    return all(t[0].isupper() for t in content)


_PARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "van", "von", "der", "den", "da", "di"})


def _kind(label: str, name: str, before: str) -> EntityKind | None:
    if label == "PER":
        return EntityKind.PERSON
    if label == "LOC":
        return EntityKind.PLACE
    if label == "ORG":
        head = head_kind(name)
        if head in {EntityKind.LAW}:
            return None
        if head is not None:
            return head
        if _PUBLIC_CUE.search(before):
            return EntityKind.PUBLIC_BODY
        if _COMPANY_CUE.search(before):
            return EntityKind.COMPANY
        return EntityKind.ORGANIZATION
    if label == "MISC" and _PROJECT_CUE.search(before):
        return EntityKind.PROJECT
    return None


def _candidate(doc: Document, span: Span, stage: list[tuple[int, int]]) -> Mention | None:
    text = doc.text
    start, end = _trim(text, span.start, span.end)
    if end - start < 2:
        return None
    raw = text[start:end]
    if "\n" in raw or "/" in raw or "@" in raw or "www" in raw.lower():
        return None
    if re.search(r"[!?;:«»()\[\]]|\.\s", raw):
        return None  # across a sentence or a quotation: not one name
    if span.label == "PER":
        civ = _CIVILITY.match(raw)
        while civ:
            start += civ.end()
            raw = text[start:end]
            civ = _CIVILITY.match(raw)
        if not raw or not _looks_like_name(raw):
            return None
    if not raw[0].isupper() or not raw[0].isalpha():
        return None
    tokens = folded(raw).split()
    if not tokens or sum(c.isalpha() for c in raw) < 2:
        return None
    if folded(raw) in NOISE or tokens[0] in _GENRE or tokens[0] in ROLE_WORDS:
        return None
    if len(tokens) == 1 and (len(raw) <= 2 or _ROMAN.match(raw)):
        return None
    if _in_any(start, end, stage) and not (span.label == "PER" and len(tokens) >= 2):
        return None
    before = text[max(0, start - 60) : start]
    if len(tokens) == 1 and not raw.isupper():
        if _SENTENCE_START.search(before[-6:]) and not _capitalised_elsewhere(text, raw, start):
            return None  # a common noun opening a sentence ("Dérogation", "Merci")
        if _PLURAL_DET.search(before) and _DEMONYM.search(raw.lower()):
            return None  # a people, not a place or a body ("les Français")
    if len(tokens) == 1 and tokens[0] in _NOT_ORG_ACRONYMS:
        return None
    if span.label == "LOC" and len(tokens) == 1 and _ARTICLE_BEFORE.search(before):
        return None  # "le Trésor": places with an article (countries) are in the authority
    if span.label == "LOC" and (tokens[0] in _STREETS or _STREET_BEFORE.search(before)):
        return None  # a postal address, not a place the document is about
    kind = _kind(span.label, raw, before)
    if kind is None:
        return None
    label = natural_name(raw) if kind is EntityKind.PERSON else " ".join(raw.split())
    return mention(text, start, end, kind, label, EXTRACTOR)


def find(
    doc: Document, spans: Sequence[Span], taken: Sequence[Mention], index: GazetteerIndex
) -> list[Mention]:
    """NER mentions of `doc` that overlap none of `taken` and pass the noise filters."""
    text = doc.text
    busy = bytearray(len(text) + 1)
    for m in taken:
        busy[m.start : m.end] = b"\x01" * (m.end - m.start)
    stage = [(r.start, r.end) for r in doc.reactions]
    out: list[Mention] = []
    for span in spans:
        found = _candidate(doc, span, stage)
        if found is None or any(busy[found.start : found.end]):
            continue
        entry = index.lookup(found.label, found.kind)
        if entry is not None:
            found.iri = entry.iri
            found.label = entry.label
            found.kind = entry.kind
        busy[found.start : found.end] = b"\x01" * (found.end - found.start)
        out.append(found)
    return out


def unresolved_surname(m: Mention) -> bool:
    """A NER person still known by one word only after resolution: not kept."""
    return (
        m.extractor == EXTRACTOR
        and m.kind is EntityKind.PERSON
        and m.iri is None
        and len(folded(m.label).split()) < 2
    )
