"""The fast paths of the extraction step give exactly what the plain code gave.

`fold_chars` and `tokenize` (a bytes table, split offsets), the gazetteer's walk
(only where a name may start; the next word looked up before the gap), the
relation rules planned by the keys a sentence holds (`relation._plan`) and the patterns that
opened on a look-behind or `\b` (rewritten to open on their first letter) were
made faster; the plain implementations they replaced are kept here and compared
on every code point, on generated strings and on the texts of the fixtures and
seeds. (`extract_many` itself was compared, HEAD against these, on a corpus of
10,000 documents: the same output.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parlkg.authority import load_authority
from parlkg.extract import gazetteer, index_for, law, org, person, place, relation
from parlkg.extract.common import (
    _MULTI,
    FOLD_TABLE,
    UPPER,
    Tokens,
    fold_chars,
    fold_token,
    tokenize,
    upper_first,
)
from parlkg.extract.gazetteer import GazetteerIndex, _inside_larger_name, _Name, gap_class
from parlkg.model import Mention
from parlkg.text import sentence_spans, stripped_spans

ROOT = Path(__file__).resolve().parent.parent

# --- the plain implementations --------------------------------------------------

_PLAIN_TOKEN = re.compile(r"[0-9a-z\x1a]+")


def plain_fold_chars(text: str) -> str:
    return text.translate(FOLD_TABLE)


def plain_tokenize(text: str) -> Tokens:
    flat = text.translate(FOLD_TABLE)
    matches = list(_PLAIN_TOKEN.finditer(flat))
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    folded = [m.group() for m in matches]
    if _MULTI in flat:
        out_s: list[int] = []
        out_e: list[int] = []
        out_f: list[str] = []
        for a, b, f in zip(starts, ends, folded, strict=True):
            parts = fold_token(text[a:b]) if _MULTI in f else (f,)
            for part in parts:
                out_s.append(a)
                out_e.append(b)
                out_f.append(part)
        starts, ends, folded = out_s, out_e, out_f
    return Tokens(starts, ends, folded)


def plain_gap_class(gap: str) -> str:
    if len(gap) <= 3 and gazetteer._SOFT_GAP.fullmatch(gap):
        return ""
    return gazetteer._GAP_SPACE.sub("", gap)


def plain_gazetteer_names(text: str, index: GazetteerIndex, tokens: Tokens) -> list[Mention]:
    """`gazetteer.find` before it skipped to the words that start a name (without titles)."""
    out: list[Mention] = []
    folded, starts, ends = tokens.folded, tokens.starts, tokens.ends
    n = len(folded)
    i = 0
    while i < n:
        node = index.trie.get(folded[i])
        if node is None:
            i += 1
            continue
        best: tuple[int, _Name] | None = None
        j = i
        text_gaps: list[str] = []
        while True:
            assert isinstance(node, dict)
            for cand in node.get("", ()):
                if (
                    cand.length == j - i + 1
                    and all(
                        a == b or (not a and not b)
                        for a, b in zip(text_gaps, cand.gaps, strict=False)
                    )
                    and (not cand.match_case or text[starts[i]].isupper() == cand.upper_initial)
                ):
                    best = (j, cand)
                    break
            j += 1
            if j >= n:
                break
            if starts[j] == starts[j - 1]:
                text_gaps.append("")
            else:
                gap = text[ends[j - 1] : starts[j]]
                if len(gap) > 3 or "\n\n" in gap:
                    break
                text_gaps.append(plain_gap_class(gap))
            node = node.get(folded[j])
            if node is None:
                break
        if best is None:
            i += 1
            continue
        j, cand = best
        if _inside_larger_name(text, tokens, i, j, cand):
            i = j + 1
            continue
        entry = cand.entry
        out.append(
            Mention(
                start=starts[i],
                end=ends[j],
                exact=text[starts[i] : ends[j]],
                kind=entry.kind,
                label=entry.label,
                iri=entry.iri,
                extractor=gazetteer.EXTRACTOR,
            )
        )
        i = j + 1
    return out


def plain_rules(low: str) -> list[relation.Rule]:
    """The rules `relation.find` tried on a sentence (lower case) before `_live_rules`."""
    present = {k for k in relation._ALL_KEYS if k in low}
    return [
        rule
        for rule in relation.RULES
        if (not rule.keys or not present.isdisjoint(rule.keys)) and rule.trigger.search(low)
    ]


# --- texts -------------------------------------------------------------------------


def _texts() -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "extract").glob("*.txt")
    )
    return [p.read_text(encoding="utf-8") for p in paths]


TEXTS = _texts()

# characters that fold in every way: letters, accents, ligatures, combining marks,
# blanks, punctuation, digits, and some outside Latin-1
_CHARS = "aZé9 -'’\n\t.œŒßæﬁ\u0301\u00a0\u202fİΣσς€…ªº²µÿ\x1a_«»\ud800"
_SAMPLE = st.text(alphabet=st.sampled_from(_CHARS), max_size=40) | st.text(max_size=40)


# --- fold_chars and tokenize -------------------------------------------------------


def test_fold_chars_on_every_code_point() -> None:
    # Latin-1 goes through the bytes table; beyond, each run through FOLD_TABLE itself
    codes = [*range(0x3000), *range(0xD7F0, 0xE010), *range(0xFFF0, 0x10010), 0x10FFFF]
    everything = "".join(chr(c) for c in codes)
    for i in range(0, len(everything), 1000):
        chunk = everything[i : i + 1000]
        assert fold_chars(chunk) == plain_fold_chars(chunk), hex(ord(chunk[0]))
    for c in codes:
        assert fold_chars(chr(c)) == plain_fold_chars(chr(c)), hex(c)


def test_latin1_table_is_ascii() -> None:
    assert all(len(FOLD_TABLE[c]) == 1 and FOLD_TABLE[c].isascii() for c in range(256))


@settings(max_examples=600, deadline=None)
@given(_SAMPLE)
def test_fold_chars_and_tokenize_on_strings(text: str) -> None:
    assert fold_chars(text) == plain_fold_chars(text)
    assert tokenize(text) == plain_tokenize(text)


@pytest.mark.parametrize(
    "text", ["", " ", "a", " a", "a ", "--a--b--", "cœur", "œ", " œ ", "l'ANSSI (Agence)"]
)
def test_tokenize_edges(text: str) -> None:
    assert tokenize(text) == plain_tokenize(text)


def test_tokenize_texts() -> None:
    for text in TEXTS:
        assert tokenize(text) == plain_tokenize(text)


# --- the gazetteer -----------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\n-'/.&+·,;:()«»*_"), max_size=5))
def test_gap_class_memo(gap: str) -> None:
    assert gap_class(gap) == plain_gap_class(gap)
    assert gap_class(gap) == plain_gap_class(gap)  # from the memo


@pytest.fixture(scope="module")
def index() -> GazetteerIndex:
    return index_for(load_authority())


def test_gazetteer_walk_texts(index: GazetteerIndex) -> None:
    for text in TEXTS:
        tokens = tokenize(text)
        titles = gazetteer._find_titles(text, index, tokens)
        expected = plain_gazetteer_names(text, index, tokens) + titles
        assert gazetteer.find(text, index, tokens) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Orange",
                "orange",
                "Cloud",
                "de",
                "combat",
                "la",
                "Microsoft",
                "Azure",
                "Thalès",
                "Google",
                "Cloud-Thales",
                "Agence",
                "nationale",
                "ANSSI",
                "l'",
                "CNIL",
                "Cnil",
                "Health",
                "Data",
                "Hub",
                "\n\n",
                " ",
                "  ",
                "-",
                "(",
                ")",
                ",",
                "œ",
            ]
        ),
        max_size=14,
    )
)
def test_gazetteer_walk_generated(index: GazetteerIndex, words: list[str]) -> None:
    text = " ".join(words)
    tokens = tokenize(text)
    expected = plain_gazetteer_names(text, index, tokens) + gazetteer._find_titles(
        text, index, tokens
    )
    assert gazetteer.find(text, index, tokens) == expected


# --- relation rules ----------------------------------------------------------------


def test_the_rule_plans_try_the_rules_a_sentence_tried() -> None:
    """`relation.find` tries on a sentence the rules planned for the keys it holds (a
    trigger made of keys decided by them, plain words by substring tests): the same
    rules, in the same order, as the plain code."""
    sigma = "Le système ΣΑΣ est hébergé par OVH. Il offre son logiciel Σ."
    tried_some = 0
    for text in [*TEXTS, sigma]:
        keys = relation._doc_keys(text.lower())
        for s, e in sentence_spans(text):
            low = text[s:e].lower()
            present = frozenset(k for k in keys if k in low)
            assert present == {k for k in relation._ALL_KEYS if k in low}
            plan = relation._plan(present)
            tried = [rule for rule, test in plan if not test or rule.triggered(low)]
            assert tried == plain_rules(low)
            tried_some += bool(tried)
    assert tried_some > 20


# --- patterns rewritten to open on a character -------------------------------------
# A pattern opening on a look-behind or on `\b` is tried at every character of a text;
# these were rewritten to open on their first letter (`common.not_after`), the cue
# words grouped by first letter. The plain patterns, as they were:

_DATE, _INTRO, _CODE_NAMES = law._DATE, law._INTRO, law._CODE_NAMES
PLAIN_PATTERNS: dict[str, tuple[re.Pattern[str], str]] = {
    "relation._MESSY": (
        relation._MESSY,
        r"[ \t\n\r\f\v\u00a0]{2,}|[\t\n\r\f\v\u00a0]|[*_]+(?:\s+(?=\s))?|[’‘]",
    ),
    "law._NUMBERED": (
        law._NUMBERED,
        r"\b(?P<head>[Ll]oi(?:\s+organique)?|[Oo]rdonnance|[Dd][ée]cret|[Aa]rr[êe]t[ée])"
        r"\s+n\s?[°ºo]\s*(?P<num>\d{2,4}-\d{1,6})\b"
        rf"(?P<date>\s+du\s+{_DATE})?",
    ),
    "law._DATED": (
        law._DATED,
        rf"\b(?P<det>[Ll]a\s+)(?P<head>loi)\s+du\s+(?P<date>{_DATE})",
    ),
    "law._EU": (
        law._EU,
        r"\b(?P<head>[Rr][èe]glement|[Dd]irective|[Dd][ée]cision)"
        r"(?P<sub>\s+(?:d[ée]l[ée]gu[ée]|d'ex[ée]cution))?"
        r"\s*(?:\((?P<org>UE|CE|CEE|Euratom)\)\s*)?(?:n\s?[°º]\s*)?"
        r"(?P<num>(?:19|20)?\d{2}/\d{1,4}(?:/(?:UE|CE|CEE|JAI))?)(?![\d/])",
    ),
    "law._CODE": (law._CODE, rf"\b(?P<head>[Cc]ode)\s+(?P<name>{_CODE_NAMES})\b"),
    "law._CODE_AFTER_ARTICLE": (
        law._CODE_AFTER_ARTICLE,
        r"\barticles?\s+[LRDA]?\.?\s*\d[\w.-]*\s+(?:et\s+suivants\s+)?du\s+(?P<head>code)\s+"
        r"(?P<name>(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)?[a-zéèêàâîôûç-]+"
        r"(?:\s+(?!(?:et|ou|le|la|les|de|du|des|qui|que|en|à|au|aux|par|pour|sur"
        r"|dans)\b)[a-zéèêàâîôûç-]+)?)",
    ),
    "law._NICKNAME": (
        law._NICKNAME,
        r"\b(?P<head>[Ll]oi)\s+(?:dite\s+)?(?:«\s*(?P<q>[^«»\n]{2,60}?)\s*»"
        r"|(?P<name>[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9-]*|[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\b"
        r"(?!\s+et\s|\s+n\s?°|-))",
    ),
    "law._FINANCE": (
        law._FINANCE,
        r"\b(?P<head>[Ll]oi)\s+de\s+(?P<kind>finances(?:\s+rectificative)?|financement\s+de\s+la\s+"
        r"sécurité\s+sociale|programmation\s+militaire|programmation\s+(?:pour\s+)?la\s+recherche)"
        r"\s+(?:pour\s+(?:l'année\s+)?(?P<y>\d{4})|pour\s+les\s+années\s+(?P<r2>\d{4}\s*(?:-"
        r"|à)\s*\d{4})"
        r"|(?P<r>\d{4}-\d{4}))",
    ),
    "law._BILL": (
        law._BILL,
        r"\b(?P<head>[Pp]ro(?:jet|position)\s+de\s+loi)(?P<org>\s+organique|\s+constitutionnelle)?"
        rf"(?:\s+n\s?°\s*\d+)?\s+(?={_INTRO})",
    ),
    "law._TITLED": (law._TITLED, rf"\b(?P<det>[Ll]a\s+)(?P<head>loi)\s+(?={_INTRO})"),
    "org._ACRONYM_FIRST": (
        org._ACRONYM_FIRST,
        r"(?<![\w-])(?P<acr>[A-Z][A-Z0-9&-]{1,14})\s*\(\s*(?P<long>[^()\n]{5,140}?)\s*\)",
    ),
    "org._MINISTRY": (
        org._MINISTRY,
        r"(?<![\w-])[Mm]inist[èeÈE]re(?=\s+(?:de|du|des|d'|chargé))",
    ),
    "org._BODY_HEAD": (
        org._BODY_HEAD,
        r"(?<![\w-])(?P<head>Agence|Autorité|Commission|Conseil|Cour|Direction|Délégation|Haut|"
        r"Haute|Institut|Office|Centre|Comité|Caisse|Banque|Fondation|Observatoire|Secrétariat|"
        r"Inspection|Portail|Plateforme|Union|Fédération|Association|Établissement|École|"
        r"Université|Programme|Stratégie|Tribunal|Conférence|Syndicat|Médiateur|Défenseur|"
        r"Groupement|Mission)(?=[ \t])",
    ),
    "org._CUE": (
        org._CUE,
        r"(?<![\w-])(?P<cue>"
        + "|".join(
            sorted(
                (re.escape(c) + "|" + re.escape(upper_first(c)) for c in org._ALL_CUES),
                key=len,
                reverse=True,
            )
        )
        + r")(?![\w-])",
    ),
    "person._CIVILITY": (
        person._CIVILITY,
        r"(?<![\w.])(?P<civ>MM\.|Mmes|Mme|Mlles|Mlle|M\.|Monsieur|Madame|Mademoiselle|Messieurs|"
        r"Mesdames)[ \t]+(?=[" + UPPER + r"])",
    ),
    "place._POSTAL": (
        place._POSTAL,
        rf"(?<![\d\w])\d{{2}}[ \t]?\d{{3}}[ \t]+(?P<place>[{UPPER}][{UPPER}'-]+(?:[ "
        rf"-][{UPPER}][{UPPER}'-]+){{0,3}})\b",
    ),
}


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    return [
        (m.span(), m.groupdict(), [m.span(g) for g in range(pattern.groups + 1)])
        for m in pattern.finditer(text)
    ]


@pytest.mark.parametrize("name", sorted(PLAIN_PATTERNS))
def test_rewritten_patterns_on_texts(name: str) -> None:
    fast, plain = PLAIN_PATTERNS[name]
    plain_re = re.compile(plain)
    assert fast.groupindex == plain_re.groupindex
    for text in TEXTS:
        assert _matches(fast, text) == _matches(plain_re, text)


_PIECES = [
    "loi",
    "Loi",
    "la loi",
    "La ",
    "n° 2019-774",
    "no 78-17",
    " du 6 janvier 1978",
    "ordonnance",
    "Décret",
    "arrêté",
    "règlement (UE) 2016/679",
    "directive 95/46/CE",
    "décision",
    "code pénal",
    "Code civil",
    "article L. 34-1 du code des postes",
    "loi SREN",
    "loi « Informatique »",
    "loi de finances pour 2024",
    "projet de loi",
    "Proposition de loi ",
    "relative à ",
    "visant à ",
    "ANSSI (Agence nationale)",
    "ministère de l'Intérieur",
    "Ministère du ",
    "Agence ",
    "Haute ",
    "Cour des comptes",
    "la société ",
    "Société",
    "start-up",
    "l'entreprise",
    "groupe ",
    "M. ",
    "MM. ",
    "Mme ",
    "Madame ",
    "Alexis Corbière",
    "59400 CAMBRAI",
    "75 572 PARIS CEDEX",
    "x",
    "_",
    "-",
    "é",
    "É",
    "1",
    "9",
    " ",
    "\n",
    ".",
    "'",
    "(",
    ")",
    "«",
    "»",
    "A",
    "l'",
    "d'",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_rewritten_patterns_on_generated_texts(pieces: list[str]) -> None:
    text = "".join(pieces)
    for fast, plain in PLAIN_PATTERNS.values():
        assert _matches(fast, text) == _matches(re.compile(plain), text)


# --- the sentence splitter ---------------------------------------------------------
# `text.sentence_spans` finds the ends from their mark (`_SENTENCE_END_SCAN`); the
# splitter it replaced matched after the mark, by a look-behind:

_PLAIN_SENTENCE_END = re.compile(r"(?<=[.!?…])[\s»)]*\s+(?=[A-ZÀ-ÖØ-Þ«(\"])|\n\s*\n|\n(?=[-•*] )")
_ABBREVIATION = re.compile(r"(?:\bM|\bMM|\bMme|\bDr|\bSt|\bn°|\bart)\.$")


def plain_sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PLAIN_SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text[max(0, m.start() - 4) : m.start()]):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return stripped_spans(text, spans)  # unchanged: shared


def test_sentence_spans_on_texts() -> None:
    assert sum(len(plain_sentence_spans(text)) for text in TEXTS) > 100
    for text in TEXTS:
        assert sentence_spans(text) == plain_sentence_spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fin… Puis la suite.",
        "Oui ! « Non » dit-il. (Voir) Le reste ?  É fin",
        "M. Dupont. Mme. Durand. MM. Martin. art. 3. Dr. Who. n°. 12. Le texte.",
        "Un.\n\nDeux\n- item\n• autre\n* dernier",
        "Fin.» Suite.) Autre.\u00a0\tFin",
    ],
)
def test_sentence_spans_edges(text: str) -> None:
    assert len(plain_sentence_spans(text)) > 1
    assert sentence_spans(text) == plain_sentence_spans(text)


_SENTENCE_PIECES = [
    *".!?…ABÉ«()»\"-•*_’‘' \n\t\u00a0",  # one character each
    *["M.", "MM.", "Mme.", "Dr.", "n°.", "art.", "x.", "  ", "\n\n", "Le ministre", "hébergé"],
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=16))
def test_sentence_spans_and_blanks_on_generated_texts(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert sentence_spans(text) == plain_sentence_spans(text)
    fast, plain = PLAIN_PATTERNS["relation._MESSY"]
    assert _matches(fast, text) == _matches(re.compile(plain), text)
