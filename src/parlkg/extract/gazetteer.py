"""Every label and alias of the authority, found in a text.

Names are compared in folded form (no case, accents or punctuation), word by
word, longest first, and mapped back to the exact characters of the text.
Entries marked `match_case` (names that are also common words: "Orange",
"Bleu") match only when the first letter has the same case as in the
authority; so do the `pk:casedLabel` aliases of any entry ("Assurance maladie",
the body, not "l'assurance maladie", the insurance). Elided articles are
separate words, so "l'ANSSI" yields "ANSSI".

Law titles are also indexed without their small words ("à", "et", "de", ...),
so "la loi visant à sécuriser et réguler l'espace numérique" finds the law
whose title reads "... à sécuriser et à réguler ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parlkg.authority import Authority, AuthorityEntry
from parlkg.extract.common import NOISE, Tokens, mention, tokenize
from parlkg.model import EntityKind, Mention
from parlkg.text import fold

EXTRACTOR = "gazetteer"
LAW_TITLE_EXTRACTOR = "gazetteer"

_SOFT_GAP = re.compile(r"[ \t]*\n?[ \t]*|[-'/.&+·]| ?[-&/+] ?")
_GAP_SPACE = re.compile(r"\s+")

# Small words skipped when law titles are compared.
TITLE_STOPWORDS = frozenset(
    {"a", "au", "aux", "et", "la", "le", "les", "de", "des", "du", "d", "l", "en", "par", "pour"}
)
_LAW_CITATION = re.compile(
    r"^(?:(?:la|le|l) )?(?:loi|ordonnance|decret|reglement|directive|proposition de loi|"
    r"projet de loi)(?: organique)?(?: n \d+(?: \d+)*)?(?: du \d{1,2}(?: er)? [a-z]+ \d{4})? ?"
)
_LAW_HEAD_BEFORE = re.compile(
    r"(?:\b(?:la|le|l'|une?|cette|de|du)\s*)?(?:\b(?:projet|proposition)\s+de\s+)?\b(?:[Ll]oi)"
    r"(?:\s+organique)?(?:\s+n°\s*[\d-]+)?(?:\s+du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})?\s*,?\s*$"
)

_WORD_CHARS = re.compile(r"[^\W_]+")
_LAW_WORD = re.compile(r"[Ll]oi|projet|proposition")
_GAP_CLASSES: dict[str, str] = {}  # gap_class of the short gaps


def gap_class(gap: str) -> str:
    """'' for the gaps that may separate the words of a name, else the punctuation."""
    found = _GAP_CLASSES.get(gap)
    if found is None:
        found = "" if len(gap) <= 3 and _SOFT_GAP.fullmatch(gap) else _GAP_SPACE.sub("", gap)
        if len(gap) <= 3:  # the gaps inside a text's names: few distinct ones
            if len(_GAP_CLASSES) >= 10_000:
                _GAP_CLASSES.clear()
            _GAP_CLASSES[gap] = found
    return found


@dataclass(slots=True)
class _Name:
    entry: AuthorityEntry
    gaps: tuple[str, ...]  # gap class between successive words
    upper_initial: bool  # case of the first letter, for case-sensitive names
    match_case: bool  # the entry is pk:matchCase, or this name one of its pk:casedLabel
    length: int  # number of words


@dataclass
class GazetteerIndex:
    """A word trie over the authority's names, built once per Authority."""

    authority: Authority
    trie: dict[str, object] = field(default_factory=dict)
    title_trie: dict[str, object] = field(default_factory=dict)
    persons_by_surname: dict[str, list[AuthorityEntry]] = field(default_factory=dict)
    _memo: dict[tuple[str, EntityKind | None], AuthorityEntry | None] = field(default_factory=dict)

    def lookup(self, name: str, kind: EntityKind | None = None) -> AuthorityEntry | None:
        """`Authority.lookup`, memoised (patterns ask for the same names again and again)."""
        key = (name, kind)
        try:
            return self._memo[key]
        except KeyError:
            if len(self._memo) > 200_000:
                self._memo.clear()
            found = self._memo[key] = self.authority.lookup(name, kind)
            return found

    @classmethod
    def build(cls, authority: Authority) -> GazetteerIndex:
        index = cls(authority)
        for entry in authority.entries:
            for name in dict.fromkeys(entry.names):
                index._add(entry, name)
            if entry.kind == EntityKind.LAW:
                for name in dict.fromkeys(entry.names):
                    index._add_title(entry, name)
            if entry.kind == EntityKind.PERSON:
                for name in entry.names:
                    words = fold(name).split()
                    if len(words) >= 2:
                        bucket = index.persons_by_surname.setdefault(words[-1], [])
                        if entry not in bucket:
                            bucket.append(entry)
        return index

    def _add(self, entry: AuthorityEntry, name: str) -> None:
        folded = fold(name)
        if not folded or folded in NOISE:
            return
        toks = tokenize(name)
        if not len(toks):
            return
        gaps = tuple(
            gap_class(name[toks.ends[k] : toks.starts[k + 1]])
            if toks.starts[k + 1] != toks.starts[k]
            else ""
            for k in range(len(toks) - 1)
        )
        first = name[toks.starts[0]]
        record = _Name(entry, gaps, first.isupper(), entry.case_sensitive(name), len(toks))
        node = self.trie
        for word in toks.folded:
            node = node.setdefault(word, {})  # type: ignore[assignment]
        bucket = node.setdefault("", [])
        assert isinstance(bucket, list)
        if all(r.entry is not entry or r.upper_initial != record.upper_initial for r in bucket):
            bucket.append(record)

    def _add_title(self, entry: AuthorityEntry, name: str) -> None:
        rest = _LAW_CITATION.sub("", fold(name))
        words = [w for w in rest.split() if w not in TITLE_STOPWORDS]
        if len(words) < 3:
            return
        node = self.title_trie
        for word in words:
            node = node.setdefault(word, {})  # type: ignore[assignment]
        bucket = node.setdefault("", [])
        assert isinstance(bucket, list)
        if entry not in bucket:
            bucket.append(entry)


def _inside_larger_name(text: str, tokens: Tokens, i: int, j: int, name: _Name) -> bool:
    """True when the hit is the start of a longer capitalised name the authority
    does not know ("Cloud" in "Cloud de combat", "Orange" in "Orange Cyberdefense")."""
    if not text[tokens.starts[i]].isupper():
        return False
    n = len(tokens)
    if j + 1 >= n:
        return False
    gap = text[tokens.ends[j] : tokens.starts[j + 1]]
    nxt = text[tokens.starts[j + 1] : tokens.ends[j + 1]]
    if gap == " " and nxt[:1].isupper() and not nxt.isupper() and name.match_case:
        return True
    if name.match_case and gap == " " and nxt in {"de", "du", "des"} and j + 2 < n:
        gap2 = text[tokens.ends[j + 1] : tokens.starts[j + 2]]
        after = text[tokens.starts[j + 2] : tokens.ends[j + 2]]
        if (
            gap2 == " "
            and after[:1].islower()
            and tokens.folded[j + 2] not in {"la", "le", "les", "l", "ses", "son", "sa", "ce"}
        ):
            return True
    if name.match_case and gap == " " and nxt in {"d", "D"} and j + 2 < n:
        after = text[tokens.starts[j + 2] : tokens.ends[j + 2]]
        if text[tokens.ends[j + 1] : tokens.starts[j + 2]] == "'" and after[:1].islower():
            return True
    return False


def find(text: str, index: GazetteerIndex, tokens: Tokens | None = None) -> list[Mention]:
    """Authority names in `text`, longest first, non-overlapping among themselves."""
    tokens = tokens if tokens is not None else tokenize(text)
    out: list[Mention] = []
    folded = tokens.folded
    starts = tokens.starts
    ends = tokens.ends
    n = len(folded)
    root = index.trie
    after = 0  # the first token not taken by a name found
    for i in [k for k, word in enumerate(folded) if word in root]:  # where a name may start
        if i < after:
            continue
        node = root[folded[i]]
        best: tuple[int, _Name] | None = None
        j = i
        text_gaps: list[str] = []
        while True:
            assert isinstance(node, dict)
            for cand in node.get("", ()):
                if (
                    cand.length == j - i + 1
                    and cand.gaps == tuple(text_gaps)
                    and (not cand.match_case or text[starts[i]].isupper() == cand.upper_initial)
                ):
                    best = (j, cand)
                    break
            j += 1
            if j >= n:
                break
            node = node.get(folded[j])
            if node is None:
                break
            if starts[j] == starts[j - 1]:  # one run folded into several words ("œ")
                text_gaps.append("")
            else:
                gap = text[ends[j - 1] : starts[j]]
                if len(gap) > 3 or "\n\n" in gap:
                    break
                text_gaps.append(gap_class(gap))
        if best is None:
            continue
        j, cand = best
        after = j + 1
        if _inside_larger_name(text, tokens, i, j, cand):
            continue
        entry = cand.entry
        out.append(
            mention(text, starts[i], ends[j], entry.kind, entry.label, EXTRACTOR, iri=entry.iri)
        )
    out.extend(_find_titles(text, index, tokens))
    return out


def _find_titles(text: str, index: GazetteerIndex, tokens: Tokens) -> list[Mention]:
    """Law titles compared without small words, after a word "loi"."""
    out: list[Mention] = []
    folded = tokens.folded
    n = len(folded)
    root = index.title_trie
    if not root:
        return out
    # the trie's words are never small words
    for i in [k for k, word in enumerate(folded) if word in root]:
        node: object = root[folded[i]]
        j = i
        best: tuple[int, AuthorityEntry] | None = None
        while isinstance(node, dict):
            hits = node.get("")
            if hits:
                best = (j, hits[0])
            k = j + 1
            while k < n and folded[k] in TITLE_STOPWORDS:
                k += 1
            if k >= n or len(text[tokens.ends[j] : tokens.starts[k]]) > 16:
                break
            if any(c in ".;:!?()«»\n" for c in text[tokens.ends[j] : tokens.starts[k]]):
                break
            node = node.get(folded[k])
            j = k
        if best is None:
            continue
        j, entry = best
        start = tokens.starts[i]
        head = _LAW_HEAD_BEFORE.search(text, max(0, start - 80), start)
        if head is None:
            continue
        hs = head.start()
        m = _LAW_WORD.search(text[hs:start])
        if m is None:
            continue
        start = hs + m.start()
        out.append(
            mention(
                text, start, tokens.ends[j], EntityKind.LAW, entry.label, EXTRACTOR, iri=entry.iri
            )
        )
    return out
