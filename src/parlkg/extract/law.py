"""Laws, regulations, codes and bills cited by pattern.

- numbered national acts: "loi n° 2019-774 du 24 juillet 2019 relative à ...",
  "ordonnance n° ...", "décret n° ...", "arrêté n° ..."; resolved through the
  authority by number (`Authority.law_by_number`), else labelled "loi n° 2019-774";
- European acts: "règlement (UE) 2016/679", "directive (UE) 2022/2555",
  "directive 95/46/CE"; resolved by number, else labelled as printed, normalised;
- codes: "code pénal", "code de la santé publique", and any "article N du code X";
- laws by nickname: "loi SREN", "loi Toubon", "loi « Informatique et libertés »";
- laws by title without number, after "la loi": "la loi pour une République
  numérique"; resolved through the authority's titles when it knows them;
- finance and programming laws identified by their year: "loi de finances pour
  2024"; a bare "loi de finances" names no particular law and gives nothing;
- acts of foreign parliaments, by their English name: "Stored Communications Act",
  "the Foreign Agents Registration Act of 1938" (the authority's entry when it
  knows the name, else labelled as printed);
- bills: "proposition de loi tendant à ...", "projet de loi relatif à ...",
  labelled with their title phrase up to the end of the noun phrase.

An article cited just before a law ("l'article 31 de la loi ...") is attached
afterwards to whichever law mention survives the merge (`attach_articles`).
"""

from __future__ import annotations

import re

from parlkg.authority import AuthorityEntry
from parlkg.extract.common import both_cases, collapse, folded, mention, not_after, words
from parlkg.extract.gazetteer import TITLE_STOPWORDS, GazetteerIndex
from parlkg.model import EntityKind, Mention

EXTRACTOR = "law-pattern"

_DATE = r"\d{1,2}(?:er)?\s+[a-zéû]+\s+\d{4}"
_INTRO = (
    r"(?:relati(?:f|ve|fs|ves)\s+(?:à|au|aux)\b|visant\s+à|tendant\s+à|portant\b|pour\s|sur\s|"
    r"en\s+faveur\b|d'orientation\b|de\s+programmation\b|modifiant\b|autorisant\b|habilitant\b|"
    r"instituant\b|renforçant\b|créant\b|ratifiant\b|instaurant\b|garantissant\b|contre\b|"
    r"d'accélération\b|de\s+simplification\b|de\s+modernisation\b)"
)

# A pattern opening on `\b` is tried at every character; `not_after(r"\w", ...)` gives
# the same matches (a letter after no word character) and is tried only at its letters.
_NUMBERED = re.compile(  # \b(?P<head>[Ll]oi(?:\s+organique)?|[Oo]rdonnance|[Dd][ée]cret|...)
    r"(?P<head>"
    + not_after(
        r"\w", *both_cases(r"loi(?:\s+organique)?", "ordonnance", "d[ée]cret", "arr[êe]t[ée]")
    )
    + r")"
    r"\s+n\s?[°ºo]\s*(?P<num>\d{2,4}-\d{1,6})\b"
    rf"(?P<date>\s+du\s+{_DATE})?"
)
_DATED = re.compile(  # \b(?P<det>[Ll]a\s+)...
    rf"(?P<det>[Ll](?<!\w[Ll])a\s+)(?P<head>loi)\s+du\s+(?P<date>{_DATE})"
)
_EU = re.compile(  # \b(?P<head>[Rr][èe]glement|[Dd]irective|[Dd][ée]cision)
    r"(?P<head>" + not_after(r"\w", *both_cases("r[èe]glement", "directive", "d[ée]cision")) + r")"
    r"(?P<sub>\s+(?:d[ée]l[ée]gu[ée]|d'ex[ée]cution))?"
    r"\s*(?:\((?P<org>UE|CE|CEE|Euratom)\)\s*)?(?:n\s?[°º]\s*)?"
    r"(?P<num>(?:19|20)?\d{2}/\d{1,4}(?:/(?:UE|CE|CEE|JAI))?)(?![\d/])"
)
_CODE_NAMES = (
    r"pénal|civil|rural(?:\s+et\s+de\s+la\s+pêche\s+maritime)?|électoral|forestier|minier|"
    r"monétaire\s+et\s+financier|général\s+des\s+impôts"
    r"|général\s+des\s+collectivités\s+territoriales|"
    r"général\s+de\s+la\s+propriété\s+des\s+personnes\s+publiques"
    r"|général\s+de\s+la\s+fonction\s+publique|"
    r"de\s+commerce|de\s+procédure\s+pénale|de\s+procédure\s+civile|de\s+la\s+consommation|"
    r"de\s+la\s+santé\s+publique|de\s+la\s+sécurité\s+sociale|de\s+la\s+sécurité\s+intérieure|"
    r"de\s+la\s+défense|de\s+l'éducation|de\s+l'environnement|de\s+l'urbanisme|de\s+la\s+route|"
    r"des\s+postes\s+et\s+(?:des\s+)?communications\s+électroniques|du\s+travail|"
    r"de\s+la\s+propriété\s+intellectuelle|de\s+la\s+commande\s+publique|"
    r"des\s+relations\s+entre\s+le\s+public\s+et\s+l'administration|du\s+patrimoine|"
    r"de\s+l'entrée\s+et\s+du\s+séjour\s+des\s+étrangers\s+et\s+du\s+droit\s+d'asile|"
    r"des\s+transports|de\s+l'énergie|de\s+la\s+recherche|du\s+sport|des\s+assurances|"
    r"de\s+justice\s+administrative|de\s+la\s+justice\s+pénale\s+des\s+mineurs|"
    r"du\s+cinéma\s+et\s+de\s+l'image\s+animée|de\s+la\s+construction\s+et\s+de\s+l'habitation|"
    r"de\s+l'action\s+sociale\s+et\s+des\s+familles|des\s+douanes|de\s+la\s+mutualité|"
    r"du\s+tourisme|de\s+l'organisation\s+judiciaire|des\s+communes|de\s+la\s+voirie\s+routière|"
    r"du\s+numérique"
)
_CODE = re.compile(rf"(?P<head>[Cc](?<!\w[Cc])ode)\s+(?P<name>{_CODE_NAMES})\b")  # \b[Cc]ode
_CODE_AFTER_ARTICLE = re.compile(  # \barticles?...
    r"a(?<!\wa)rticles?\s+[LRDA]?\.?\s*\d[\w.-]*\s+(?:et\s+suivants\s+)?du\s+(?P<head>code)\s+"
    r"(?P<name>(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)?[a-zéèêàâîôûç-]+"
    r"(?:\s+(?!(?:et|ou|le|la|les|de|du|des|qui|que|en|à|au|aux|par|pour|sur"
    r"|dans)\b)[a-zéèêàâîôûç-]+)?)"
)
_NICKNAME = re.compile(  # \b(?P<head>[Ll]oi)...
    r"(?P<head>[Ll](?<!\w[Ll])oi)\s+(?:dite\s+)?(?:«\s*(?P<q>[^«»\n]{2,60}?)\s*»"
    r"|(?P<name>[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9-]*|[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?)\b"
    r"(?!\s+et\s|\s+n\s?°|-))"
)
_FINANCE = re.compile(  # \b(?P<head>[Ll]oi)...
    r"(?P<head>[Ll](?<!\w[Ll])oi)\s+de\s+(?P<kind>finances(?:\s+rectificative)?|financement\s+de\s+la\s+"
    r"sécurité\s+sociale|programmation\s+militaire|programmation\s+(?:pour\s+)?la\s+recherche)"
    r"\s+(?:pour\s+(?:l'année\s+)?(?P<y>\d{4})|pour\s+les\s+années\s+(?P<r2>\d{4}\s*(?:-"
    r"|à)\s*\d{4})"
    r"|(?P<r>\d{4}-\d{4}))"
)
_BILL = re.compile(  # \b(?P<head>[Pp]ro...
    r"(?P<head>[Pp](?<!\w[Pp])ro(?:jet|position)\s+de\s+loi)(?P<org>\s+organique|\s+constitutionnelle)?"
    rf"(?:\s+n\s?°\s*\d+)?\s+(?={_INTRO})"
)
_ACT_WORD = r"(?:[A-Z][A-Za-z'.-]*|[A-Z]{2,})"
_ACT = re.compile(
    rf"(?<![\w-])(?P<name>{_ACT_WORD}(?:\s+(?:(?:of|for|and|the|on|to|in)\s+)*{_ACT_WORD}){{0,9}}"
    r"\s+Act)\b(?:\s+of\s+(?P<y>\d{4}))?"
)
_NOT_ACT_WORDS = words(
    "Le La Les L Du Des De Un Une Ce Cette Ces Depuis Selon Par Avec Dont Et Ou En Au Aux Sur "
    "Dans Pour Or Mais Ainsi Notamment Via"
)
_TITLED = re.compile(rf"(?P<det>[Ll](?<!\w[Ll])a\s+)(?P<head>loi)\s+(?={_INTRO})")  # \b[Ll]a
_RANGE_DASH = re.compile(r"\s*(?:-|à)\s*")

_TITLE_WORD = re.compile(r"(?:[LlDdJjNnSsQq]u?')|[^\W_]+(?:-[^\W_]+)*")
_TITLE_STOP = words(
    "qui que qu dont afin mais car lorsque puisque alors si sans ainsi notamment ce cet cette "
    "ces il elle ils elles nous vous je on y ne n se s par a est sont était étaient sera seront "
    "serait ont avait avaient permet permettent prévoit prévoient impose imposent oblige dispose "
    "précise interdit autorise doit doivent peut peuvent va vont vise visait reste demeure "
    "adoptée adopté votée voté promulguée promulgué publiée publié entrée entré déposée déposé "
    "examinée examiné prévue prévu dite dit également aussi or donc lors selon via comme dès depuis"
    " arrive arrivera arrivent vient viennent propose proposait contient comporte comprend crée"
    " instaure transpose modifie abroge introduit"
)
_NOT_NICKNAMES = frozenset(
    {"le", "la", "les", "en", "de", "du", "des", "un", "une", "et", "organique"}
)
_TRAILING_SMALL = frozenset(TITLE_STOPWORDS | {"sur", "dans", "en", "contre", "avec", "à"})


_NEW_ACT = frozenset({"loi", "règlement", "directive", "ordonnance", "décret", "code"})


_DET_AT_END = re.compile(r"(?:\b(?:la|le|les|du|au|aux)\s+|\bl')$")
_GAP = re.compile(r"[ \t]*\n?[ \t]*")


def _after_det(text: str, pos: int) -> bool:
    return _DET_AT_END.search(text[max(0, pos - 5) : pos]) is not None


def title_end(text: str, pos: int, max_words: int = 30) -> int:
    """Where a law or bill title starting at `pos` ends: before punctuation, a
    relative pronoun, a finite verb or "pour" + infinitive; small words trimmed."""
    i = pos
    last_content = pos
    count = 0
    while count < max_words:
        gap = _GAP.match(text, i)
        j = gap.end() if gap else i
        m = _TITLE_WORD.match(text, j)
        if m is None:
            break
        word = m.group()
        low = word.lower()
        if low in _TITLE_STOP and count > 0:
            break
        if low in _NEW_ACT and count > 1 and text[i:j].strip() == "" and _after_det(text, j):
            break  # "... et la loi relative à ...": another act begins
        if low == "pour" and count > 0:
            nxt = _TITLE_WORD.match(text, m.end() + 1)
            if nxt and nxt.group().endswith(("er", "ir", "re")):  # no newline in a word
                break
        count += 1
        i = m.end()
        if low.rstrip("'") not in _TRAILING_SMALL and not low.endswith("'"):
            last_content = i
    return last_content


def lookup_title(index: GazetteerIndex, title: str) -> AuthorityEntry | None:
    """The authority law whose title, small words ignored, begins `title`."""
    node: object = index.title_trie
    best: AuthorityEntry | None = None
    for word in folded(title).split():
        if word in TITLE_STOPWORDS:
            continue
        if not isinstance(node, dict) or word not in node:
            break
        node = node[word]
        if isinstance(node, dict) and node.get(""):
            best = node[""][0]
    return best


def _law(
    text: str,
    start: int,
    end: int,
    label: str,
    entry: AuthorityEntry | None,
    number: str | None = None,
) -> Mention:
    if entry is not None:
        return mention(
            text,
            start,
            end,
            EntityKind.LAW,
            entry.label,
            EXTRACTOR,
            iri=entry.iri,
            law_number=number,
        )
    return mention(text, start, end, EntityKind.LAW, label, EXTRACTOR, law_number=number)


_TITLE_START = re.compile(r"\s+(?=" + _INTRO + r"|de\s+finances\b)")


def _title_after(text: str, pos: int) -> int:
    """End of the title that starts at `pos` if one does (after an introducer)."""
    m = _TITLE_START.match(text, pos)
    if m is None:
        return pos
    end = title_end(text, m.end())
    return end if end > m.end() else pos


def find(text: str, index: GazetteerIndex) -> list[Mention]:
    authority = index.authority
    out: list[Mention] = []
    low = text.lower()
    national = any(w in low for w in ("loi", "ordonnance", "décret", "decret", "arrêté", "arrete"))
    european = any(
        w in low for w in ("règlement", "reglement", "directive", "décision", "decision")
    )
    empty: tuple[re.Match[str], ...] = ()
    for m in _NUMBERED.finditer(text) if national else empty:
        head = collapse(m["head"]).lower()
        number = m["num"]
        end = _title_after(text, m.end())
        entry = authority.law_by_number(number)
        if entry is None and end > m.end():
            entry = lookup_title(index, text[m.end() : end])
        out.append(_law(text, m.start(), end, f"{head} n° {number}", entry, number))
    for m in _DATED.finditer(text) if national else empty:
        end = _title_after(text, m.end())
        label = f"loi du {collapse(m['date'])}"
        entry = index.lookup(label, EntityKind.LAW)
        if entry is None and end > m.end():
            entry = lookup_title(index, text[m.end() : end])
        out.append(_law(text, m.start("head"), end, label, entry))
    for m in _EU.finditer(text) if european else empty:
        head = m["head"].lower() + (" " + collapse(m["sub"]).lower() if m["sub"] else "")
        number = m["num"]
        label = f"{head} ({m['org']}) {number}" if m["org"] else f"{head} {number}"
        entry = authority.law_by_number(number) if "/" in number else None
        out.append(_law(text, m.start(), m.end(), collapse(label), entry, number))
    for pattern in (_CODE, _CODE_AFTER_ARTICLE) if "code" in low else ():
        for m in pattern.finditer(text):
            label = "code " + collapse(m["name"])
            start = m.start("head")
            out.append(_law(text, start, m.end("name"), label, index.lookup(label, EntityKind.LAW)))
    for m in _NICKNAME.finditer(text) if national else empty:
        name = collapse(m["q"] or m["name"] or "")
        if not name or name.lower() in _NOT_NICKNAMES:
            continue
        label = f"loi {name}"
        entry = index.lookup(label, EntityKind.LAW) or index.lookup(name, EntityKind.LAW)
        out.append(_law(text, m.start(), m.end(), label, entry))
    for m in _FINANCE.finditer(text) if national else empty:
        year = m["y"] or _RANGE_DASH.sub("-", m["r2"] or m["r"] or "")
        kind = collapse(m["kind"])
        label = f"loi de {kind} pour {year}" if m["y"] else f"loi de {kind} {year}"
        out.append(_law(text, m.start(), m.end(), label, index.lookup(label, EntityKind.LAW)))
    for m in _ACT.finditer(text) if " Act" in text else empty:
        parts = m["name"].split()
        while parts and parts[0].strip("'") in _NOT_ACT_WORDS:
            parts = parts[1:]
        if len(parts) < 2:
            continue
        start = m.end("name") - len(" ".join(parts)) if "\n" not in m["name"] else m.start("name")
        name = collapse(text[start : m.end("name")])
        entry = index.lookup(name, EntityKind.LAW)
        end = m.end() if m["y"] and entry is None else m.end("name")
        out.append(_law(text, start, end, name, entry))
    for pattern in (_BILL, _TITLED) if national else ():
        for m in pattern.finditer(text):
            end = title_end(text, m.end())
            if end <= m.end():
                continue
            title = collapse(text[m.end() : end])
            if len(title.split()) < 3:
                continue
            head = collapse(m["head"]).lower()
            if "org" in m.groupdict() and m["org"]:
                head += " " + collapse(m["org"])
            label = f"{head} {title}"
            entry = lookup_title(index, title) or index.lookup(label, EntityKind.LAW)
            out.append(_law(text, m.start("head"), end, label, entry))
    return out


_ARTICLE = re.compile(
    r"\b(?:[Ll]'|[Ll]es\s+|[Aa]ux?\s+)?[Aa]rticles?\s+"
    r"(?P<art>(?:[LRDA]\.?\s*)?\d+(?:er)?(?:[-.]\d+)*(?:\s+(?:bis|ter|quater))?\w?|premier)"
    r"(?:\s*,?\s*(?:alinéa|paragraphe|§)\s*\d+)?\s*,?\s+(?:de\s+la|du|de\s+l'|des|de)\s*$"
)


def attach_articles(text: str, mentions: list[Mention]) -> None:
    """Set `article` on law mentions directly preceded by "l'article N de (la)"."""
    for m in mentions:
        if m.kind != EntityKind.LAW or m.article:
            continue
        found = _ARTICLE.search(text, max(0, m.start - 60), m.start)
        if found:
            m.article = "article " + collapse(found["art"])


_AFTER_NUMBER = re.compile(rf"n\s?[°ºo]\s*\d{{2,4}}-\d{{1,6}}(?:\s+du\s+{_DATE})?\s+")
_ACT_HEAD = re.compile(r"(?:(?:la|le|l')\s*)?(?:loi|ordonnance|décret)\s+", re.IGNORECASE)


def _title_key(title: str) -> tuple[str, ...]:
    return tuple(w for w in folded(title).split() if w not in _TRAILING_SMALL)


def unify(mentions: list[Mention]) -> None:
    """One law, one label: a law the authority does not know, cited in the same
    document by number with its title ("loi n° 2020-105 du ... relative à X") and
    by its title alone ("la loi relative à X"), takes the numbered label."""
    numbered: dict[tuple[str, ...], Mention] = {}
    for m in mentions:
        if m.kind is EntityKind.LAW and m.iri is None and m.law_number:
            after = _AFTER_NUMBER.search(m.exact)
            if after and after.end() < len(m.exact):
                key = _title_key(m.exact[after.end() :])
                if len(key) >= 2:
                    numbered.setdefault(key, m)
    if not numbered:
        return
    for m in mentions:
        if m.kind is not EntityKind.LAW or m.iri is not None or m.law_number:
            continue
        head = _ACT_HEAD.match(m.exact)
        if head is None:
            continue
        key = _title_key(m.exact[head.end() :])
        for title, source in numbered.items():
            if key and (key == title[: len(key)] or title == key[: len(title)]):
                m.label = source.label
                m.law_number = source.law_number
                break
