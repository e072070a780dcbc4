"""Organisations, ministries, companies and projects by general patterns.

The authority will never know every body, company or programme a question
names, so these patterns find them from the way French prose introduces them:

- a long form with its acronym in parentheses, "Agence nationale de la sécurité
  des systèmes d'information (ANSSI)" (or the reverse, "ANSSI (Agence ...)"):
  one mention for each form, same label, and one for every later use of the
  acronym; the kind comes from the authority, else from the head word;
- ministries: "le ministère de l'éducation nationale" -> "Ministère de
  l'Éducation nationale" (the authority's label when it knows it);
- a cue noun then a capitalised or quoted name: "la société X", "l'entreprise
  américaine X", "le groupe X" (a company, or a parliamentary group on the
  benches), "la plateforme X", "le programme européen de recherche X", "la
  doctrine « X »", "un accord baptisé « X »" (a project);
- a known company followed by a country: "Microsoft France" (a subsidiary).
"""

from __future__ import annotations

import re
from itertools import pairwise

from parlkg.authority import AuthorityEntry
from parlkg.extract.common import (
    LOWER,
    NOISE,
    ORG_KINDS,
    UPPER,
    both_cases,
    collapse,
    fold_chars,
    folded,
    mention,
    not_after,
    trim_span,
    upper_first,
    words,
)
from parlkg.extract.gazetteer import GazetteerIndex
from parlkg.model import EntityKind, Mention

EXTRACTOR = "org-pattern"

_PUBLIC_HEADS = words(
    "agence autorite direction commission conseil haut haute institut office service centre cour "
    "tribunal comite delegation secretariat inspection observatoire caisse etablissement ecole "
    "universite prefecture mission bureau administration police gendarmerie parquet defenseur "
    "mediateur"
)
_COMPANY_HEADS = frozenset(["societe", "groupe", "entreprise", "compagnie"])
_PROJECT_HEADS = words(
    "systeme plateforme programme projet logiciel reseau fichier base portail application "
    "strategie plan dispositif label certification offre initiative outil solution"
)
_LAW_HEADS = words("loi reglement directive code ordonnance decret convention traite declaration")
_ORG_HEADS = words(
    "federation association fondation union syndicat organisation alliance consortium banque"
)
_LEADING = re.compile(
    r"^(?:(?:la|le|les|un|une|de|du|des|et|ou|au|aux|à)\s+|[ld]')+", re.IGNORECASE
)


def head_kind(long_form: str) -> EntityKind | None:
    """The kind a name's head noun gives it ("Agence ..." -> public body), if any."""
    words = folded(long_form).split()
    if not words:
        return None
    head = words[0]
    if words[-1] == "act" and len(words) >= 2:
        return EntityKind.LAW  # "Foreign Agents Registration Act"
    if head == "ministere":
        return EntityKind.MINISTRY
    if head in _PUBLIC_HEADS:
        return EntityKind.PUBLIC_BODY
    if head in _COMPANY_HEADS:
        return EntityKind.COMPANY
    if head in _PROJECT_HEADS:
        return EntityKind.PROJECT
    if head in _LAW_HEADS:
        return EntityKind.LAW
    if head in _ORG_HEADS:
        return EntityKind.ORGANIZATION
    return None


def _long_form_start(acronym: str, window: str) -> int | None:
    """Schwartz & Hearst: where the shortest long form of `acronym` starts in `window`."""
    short = fold_chars(acronym)
    long = fold_chars(window)
    s = len(short) - 1
    li = len(long) - 1
    while s >= 0:
        c = short[s]
        if not c.isalnum():
            s -= 1
            continue
        while li >= 0 and (long[li] != c or (s == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
        s -= 1
    return li + 1


_ACRONYM = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z0-9&-]{1,14})\s*\)")
_ACRONYM_FIRST = re.compile(  # (?<![\w-])(?P<acr>[A-Z]...: the capital first, then the look-behind
    r"(?P<acr>[A-Z](?<![\w-][A-Z])[A-Z0-9&-]{1,14})\s*\(\s*(?P<long>[^()\n]{5,140}?)\s*\)"
)
_WINDOW_CUT = re.compile(r"[.;:!?()«»\[\]\"]\s|,\s|\n\s*\n|[()«»]")


_NAME_WORD = re.compile(r"[^\W\d_][^\W_]*")
_SYSTEM_WORD = re.compile(
    r"\b(?:systemes?|plateformes?|logiciels?|outils?|applications?|programmes?|projets?)\b"
)
_COMPANY_WORD = re.compile(r"\b(?:societe|entreprise|groupe|firme|start up|startup)\b")


def _acronym_ok(acr: str) -> bool:
    return sum(c.isupper() for c in acr) >= 2 and not acr.isdigit()


def _capitalised(text: str, start: int, long_form: str) -> bool:
    """The long form looks like a proper name (or starts with a body's head noun)."""
    words = _NAME_WORD.findall(long_form)
    if not words:
        return False
    if head_kind(long_form) is not None:
        return True
    content = [
        w for w in words if w.lower() not in {"de", "du", "des", "la", "le", "les", "l", "d", "et"}
    ]
    if any(w[0].isupper() for w in content[1:]):
        return True
    before = text[max(0, start - 3) : start].strip()
    sentence_start = not before or before[-1] in ".!?:\n" or start == 0
    return content[0][0].isupper() and not sentence_start


def _classify(text: str, start: int, long_form: str) -> EntityKind:
    kind = head_kind(long_form)
    if kind is not None:
        return kind
    window = text[max(0, start - 80) : start]
    cut = max(window.rfind(". "), window.rfind("\n"))
    before = folded(window[cut + 1 :] if cut >= 0 else window)  # this sentence only
    if _SYSTEM_WORD.search(before):
        return EntityKind.PROJECT
    if _COMPANY_WORD.search(before):
        return EntityKind.COMPANY
    return EntityKind.ORGANIZATION


def _entry_mention(
    text: str,
    start: int,
    end: int,
    kind: EntityKind,
    label: str,
    entry: AuthorityEntry | None,
) -> Mention:
    if entry is not None:
        return mention(text, start, end, entry.kind, entry.label, EXTRACTOR, iri=entry.iri)
    return mention(text, start, end, kind, label, EXTRACTOR)


def _usable(entry: AuthorityEntry | None) -> AuthorityEntry | None:
    if entry is None or entry.kind in {EntityKind.PERSON, EntityKind.PLACE}:
        return None
    return entry


def find_acronyms(text: str, index: GazetteerIndex) -> list[Mention]:
    out: list[Mention] = []
    known: dict[str, Mention] = {}
    for m in _ACRONYM.finditer(text):
        acr = m["acr"]
        if not _acronym_ok(acr):
            continue
        wstart = max(0, m.start() - 220)
        window = text[wstart : m.start()]
        cuts = list(_WINDOW_CUT.finditer(window))
        if cuts:
            wstart += cuts[-1].end()
            window = text[wstart : m.start()]
        ls, le = trim_span(text, wstart, m.start())
        if le <= ls:
            continue
        rel = _long_form_start(acr, text[ls:le])
        if rel is None:
            continue
        start = ls + rel
        lead = _LEADING.match(text[start:le])
        if lead:
            start += lead.end()
        start, end = trim_span(text, start, le)
        long_form = collapse(text[start:end])
        n_words = len(long_form.split())
        if not long_form or n_words > min(len(acr) + 5, 2 * len(acr)) or n_words < 2:
            continue
        if folded(long_form) in NOISE or not _capitalised(text, start, long_form):
            continue
        entry = _usable(index.lookup(long_form)) or _usable(index.lookup(acr))
        kind = _classify(text, start, long_form)
        label = upper_first(long_form)
        first = _entry_mention(text, start, end, kind, label, entry)
        out.append(first)
        out.append(
            _entry_mention(text, m.start("acr"), m.end("acr"), first.kind, first.label, entry)
        )
        known.setdefault(acr, first)
    for m in _ACRONYM_FIRST.finditer(text):
        acr = m["acr"]
        long_form = collapse(m["long"])
        if not _acronym_ok(acr) or acr in known:
            continue
        rel = _long_form_start(acr, long_form)
        if rel is None or long_form[:rel].strip(" '") not in {"", "la", "le", "l", "les"}:
            continue
        lead = _LEADING.match(long_form)
        long_form = long_form[lead.end() :] if lead else long_form
        if not long_form or not _capitalised(text, m.start("long"), long_form):
            continue
        entry = _usable(index.lookup(long_form)) or _usable(index.lookup(acr))
        kind = _classify(text, m.start(), long_form)
        first = _entry_mention(
            text, m.start("acr"), m.end("acr"), kind, upper_first(long_form), entry
        )
        out.append(first)
        ls, le = trim_span(text, m.start("long"), m.end("long"))
        lead2 = _LEADING.match(text[ls:le])
        if lead2:
            ls += lead2.end()
        out.append(_entry_mention(text, ls, le, first.kind, first.label, entry))
        known.setdefault(acr, first)
    for acr, first in known.items():
        for m in re.finditer(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])", text):
            out.append(
                mention(text, m.start(), m.end(), first.kind, first.label, EXTRACTOR, iri=first.iri)
            )
    return out


# Ministries ---------------------------------------------------------------

# (?<![\w-])[Mm]inist[èeÈE]re(?=...)
_MINISTRY = re.compile(
    not_after(r"[\w-]", *both_cases(r"minist[èeÈE]re")) + r"(?=\s+(?:de|du|des|d'|chargé))"
)
_PREP = re.compile(r"\s*(?P<p>de\s+l'|de\s+la\s+|du\s+|des\s+|de\s+|d')")
_WORD = re.compile(rf"[{UPPER}{LOWER}][{UPPER}{LOWER}'-]*")
_JOIN = re.compile(
    r"\s*,\s*(?=(?:de|du|des|d')\b)|\s+et\s+(?=(?:de|du|des|d'|l')\b)|\s+et\s+|[ \t]+(?=(?:de|du"
    r"|des|d')\b)"
)
_ADJ_END = re.compile(
    r"(?:ales?|aux|elles?|els?|iques?|aires?|ifs?|ives?|é(?:e|s|es)?|ieure?s?|iens?|iennes?|ais"
    r"|aises?"
    r"|aines?|ains?|eurs?|antes?|ants?|ières?|ier|ennes?|éens?)$"
)
_PREFIX_ADJ = frozenset(
    {"plein", "haut", "haute", "grand", "grande", "petit", "petite", "nouvelle"}
)
_STOP = words(
    "a ont est sont qui que dont pour par sur dans avec en ne se y ce cette ces son sa ses leur "
    "leurs au aux à le la les un une et ou mais chargé chargée auprès lors alors"
    " surcroît plus fait manière façon sorte nouveau suite part autre ailleurs abord ici là"
)


_BLANKS = re.compile(r"[ \t]+")
_SPACE_RUN = re.compile(r"\s+")
_DE_NEXT = re.compile(r"(?:de|du|des|d')\b")  # at a position: no slice of the rest


def _plural(word: str) -> bool:
    return word.endswith(("s", "x"))


def _group_words(text: str, pos: int) -> list[re.Match[str]]:
    words: list[re.Match[str]] = []
    i = pos
    while len(words) < 3:
        w = _WORD.match(text, i)
        if w is None:
            break
        low = w.group().lower()
        if low in _STOP or low.endswith("'"):
            break
        if words:
            prev = words[-1].group().lower()
            if not (_ADJ_END.search(low) or prev in _PREFIX_ADJ):
                break
            if _plural(prev) != _plural(low):
                break  # "Cour des comptes publié": no agreement, not one name
        words.append(w)
        sp = _BLANKS.match(text, w.end())
        if sp is None:
            break
        i = sp.end()
    return words


def find_ministries(text: str, index: GazetteerIndex) -> list[Mention]:
    out: list[Mention] = []
    for m in _MINISTRY.finditer(text):
        pos = m.end()
        label = "Ministère"
        sep = " "
        end = pos
        groups = 0
        while True:
            p = _PREP.match(text, pos)
            if p is None:
                break
            words = _group_words(text, p.end())
            if not words:
                break
            prep = _SPACE_RUN.sub(" ", p["p"]).lower()
            first = words[0].group().lower()
            ws = [
                first if sep == " " and groups else upper_first(first),
                *(w.group().lower() for w in words[1:]),
            ]
            label += sep + prep + " ".join(ws)
            groups += 1
            end = words[-1].end()
            j = _JOIN.match(text, end)
            if j is None:
                break
            if _DE_NEXT.match(text, j.end()):
                sep = ", " if "," in j.group() else " et " if "et" in j.group() else " "
                pos = j.end()
                continue
            more = _group_words(text, j.end())
            if more and "," not in j.group() and _ADJ_END.search(more[0].group().lower()):
                label += " et " + " ".join(w.group().lower() for w in more)
                end = more[-1].end()
            break
        if groups == 0:
            continue
        entry = index.lookup(label, EntityKind.MINISTRY)
        if entry is not None and entry.kind in ORG_KINDS:
            out.append(
                mention(text, m.start(), end, entry.kind, entry.label, EXTRACTOR, iri=entry.iri)
            )
        else:
            out.append(mention(text, m.start(), end, EntityKind.MINISTRY, label, EXTRACTOR))
    return out


# Capitalised institution names ---------------------------------------------

_BODY_HEADS = [
    "Agence",
    "Autorité",
    "Commission",
    "Conseil",
    "Cour",
    "Direction",
    "Délégation",
    "Haut",
    "Haute",
    "Institut",
    "Office",
    "Centre",
    "Comité",
    "Caisse",
    "Banque",
    "Fondation",
    "Observatoire",
    "Secrétariat",
    "Inspection",
    "Portail",
    "Plateforme",
    "Union",
    "Fédération",
    "Association",
    "Établissement",
    "École",
    "Université",
    "Programme",
    "Stratégie",
    "Tribunal",
    "Conférence",
    "Syndicat",
    "Médiateur",
    "Défenseur",
    "Groupement",
    "Mission",
]
# (?<![\w-])(?P<head>Agence|Autorité|...)(?=[ \t])
_BODY_HEAD = re.compile(r"(?P<head>" + not_after(r"[\w-]", *_BODY_HEADS) + r")(?=[ \t])")
_ADJ_WORD = re.compile(rf"[ \t]+(?P<w>[{LOWER}][{LOWER}-]+)")


def find_bodies(text: str, index: GazetteerIndex) -> list[Mention]:
    """Institution names printed with a capital head noun mid-sentence: "l'Autorité de
    la concurrence", "la Banque centrale européenne", "le Conseil d'État"."""
    out: list[Mention] = []
    for m in _BODY_HEAD.finditer(text):
        k = m.start()  # the last character before the head, blanks skipped
        while k and text[k - 1] in " \t":
            k -= 1
        if not k or text[k - 1] in ".!?:\n»«(":
            continue
        end = m.end()
        adjectives = 0
        while adjectives < 2:
            a = _ADJ_WORD.match(text, end)
            if a is None or not _ADJ_END.search(a["w"]) or a["w"] in _STOP:
                break
            end = a.end()
            adjectives += 1
        groups = 0
        pos = end
        while groups < 4:
            p = _PREP.match(text, pos)
            if p is None or "\n" in text[pos : p.start("p")]:
                break
            words = _group_words(text, p.end())
            if not words:
                break
            end = words[-1].end()
            groups += 1
            j = _JOIN.match(text, end)
            if j is None or "," in j.group() or not _DE_NEXT.match(text, j.end()):
                break
            pos = j.end()
        if groups == 0 and adjectives == 0:
            continue
        if m["head"] == "Commission" and adjectives == 0:
            continue  # a parliamentary committee, or a commission of inquiry
        name = collapse(text[m.start() : end])
        if folded(name) in NOISE:
            continue
        entry = _usable(index.lookup(name))
        kind = head_kind(name) or EntityKind.ORGANIZATION
        if kind == EntityKind.LAW:
            continue
        out.append(_entry_mention(text, m.start(), end, kind, name, entry))
    return out


# Cue nouns ------------------------------------------------------------------

_COMPANY_CUES = [
    "société",
    "sociétés",
    "entreprise",
    "firme",
    "filiale",
    "compagnie",
    "éditeur",
    "hébergeur",
    "opérateur",
    "fournisseur",
    "prestataire",
    "constructeur",
    "géant",
    "multinationale",
    "banque",
    "start-up",
    "startup",
    "groupe",
]
_ORG_CUES = [
    "établissement",
    "école",
    "université",
    "association",
    "fondation",
    "agence",
    "institut",
    "organisme",
    "fédération",
    "syndicat",
]
# Cue nouns that belong to the name they introduce ("l'université Paris-Saclay").
_NAME_HEADS = frozenset({"école", "université", "institut"})
_PROJECT_CUES = [
    "projet",
    "plateforme",
    "programme",
    "offre",
    "certification",
    "label",
    "doctrine",
    "logiciel",
    "application",
    "système",
    "solution",
    "service",
    "outil",
    "suite",
    "messagerie",
    "stratégie",
    "dispositif",
    "initiative",
    "produit",
]
_NAMING_CUES = [
    "baptisé",
    "baptisée",
    "nommé",
    "nommée",
    "dénommé",
    "dénommée",
    "intitulé",
    "intitulée",
    "appelé",
    "appelée",
]
_ALL_CUES = _COMPANY_CUES + _ORG_CUES + _PROJECT_CUES + _NAMING_CUES


def _by_first_letter(alternatives: list[str]) -> str:
    """`ab|ac|d` as `a(?:b|c)|d(?:)`: the same matches (at a place only the alternatives of
    its letter may match, in their order), but the engine tries a few branches at each
    word start instead of every alternative."""
    groups: dict[str, list[str]] = {}
    for a in alternatives:
        groups.setdefault(a[0], []).append(a[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


_CUE = re.compile(  # (?<![\w-])(?P<cue>société|Société|...)(?![\w-]), longest first
    r"(?<![\w-])(?P<cue>"
    + _by_first_letter(
        [
            form
            for pair in sorted(
                (re.escape(c) + "|" + re.escape(upper_first(c)) for c in _ALL_CUES),
                key=len,
                reverse=True,
            )
            for form in pair.split("|")
        ]
    )
    + r")(?![\w-])"
)
_INTER = re.compile(rf"[ \t]+(?P<w>(?:d'|l')?[{LOWER}][{LOWER}'-]*)")
_X_TOKEN = re.compile(rf"[{UPPER}0-9](?:[\w&+']|[.-](?=\w))*")
_X_LEAD = re.compile(r"[ \t]*\*?")
_X_SEP = re.compile(r"[ \t]+|-")
_QUOTED = re.compile(r"[ \t]*(?:«[ \t]*(?P<q>[^«»\n]{1,60}?)[ \t]*»|\"(?P<q2>[^\"\n]{1,60}?)\")")
_QUOTED_CUE = re.compile(
    r"«[ \t]*(?:le |la |l')?(?P<cue>label|doctrine|offre|plateforme|programme|projet|stratégie)"
    r"[ \t]+(?P<x>[^«»\n]{2,60}?)[ \t]*»"
)
_INTER_STOP = words(
    "le la les l un une des du au aux à par pour sur dans avec en chez et ou qui que dont est "
    "sont a ont sera seront était ce cette ces son sa ses leur leurs mais ne se y il elle ils "
    "elles nous vous on même aussi également"
)
_LAST_INTER_BAD = frozenset(
    {"de", "du", "des", "d", "l", "la", "le", "les", "par", "pour", "à", "au", "aux"}
)
_X_STOP = words(
    "le la les l un une ce cette ces il elle ils elles nous vous je on m mme monsieur madame "
    "etat gouvernement president presidente premier ministre or mais et donc car si ainsi"
)
_GROUP_CONTEXT = re.compile(
    r"(?:bancs|membres?|au nom|présidente?|député|députée|sénat(?:eur|rice)"
    r"|inscrite?s?)\s+(?:d[ue]s?\s+)?$"
)


def _x_span(text: str, pos: int) -> tuple[int, int] | None:
    """A capitalised name (up to four words, digits allowed after the first) at `pos`."""
    m = _X_LEAD.match(text, pos)
    i = m.end() if m else pos
    first = _X_TOKEN.match(text, i)
    if first is None or not first.group()[0].isupper():
        return None
    end = first.end()
    count = 1
    while count < 4:
        sp = _X_SEP.match(text, end)
        if sp is None:
            break
        tok = _X_TOKEN.match(text, sp.end())
        if tok is None or folded(tok.group()) in _X_STOP:
            break
        end = tok.end()
        count += 1
    start, end = trim_span(text, i, end)
    while end > start and text[end - 1] == ".":
        end -= 1
    return (start, end) if end > start else None


def _cue_kind(cue: str, before: str) -> EntityKind:
    low = cue.lower()
    if low == "groupe" and _GROUP_CONTEXT.search(before):
        return EntityKind.GROUP
    if low in _COMPANY_CUES:
        return EntityKind.COMPANY
    if low in _ORG_CUES:
        return (
            EntityKind.PUBLIC_BODY
            if low in {"agence", "établissement", "institut"}
            else EntityKind.ORGANIZATION
        )
    return EntityKind.PROJECT


def _covered(text: str, start: int, end: int, known: list[Mention]) -> bool:
    """True when [start, end) is made of two or more authority names ("Google Cloud-Thales")."""
    inside = [k for k in known if k.start >= start and k.end <= end]
    if len(inside) < 2:
        return False
    return all(
        not text[i].isalnum() or any(k.start <= i < k.end for k in inside)
        for i in range(start, end)
    )


def find_cued(
    text: str, index: GazetteerIndex, known: list[Mention] | None = None
) -> list[Mention]:
    known = known or []
    out: list[Mention] = []
    for c in _CUE.finditer(text):
        pos = c.end()
        inter: list[str] = []
        span: tuple[int, int] | None = None
        quoted = False
        while True:
            q = _QUOTED.match(text, pos)
            if q is not None:
                g = "q" if q["q"] is not None else "q2"
                span = trim_span(text, q.start(g), q.end(g))
                quoted = True
                break
            span = _x_span(text, pos)
            if span is not None:
                break
            w = _INTER.match(text, pos)
            if w is None or len(inter) >= 3:
                break
            word = folded(w["w"])
            if word in _INTER_STOP or w["w"].endswith("'"):
                break
            inter.append(word)
            pos = w.end()
        if span is None or span[1] <= span[0]:
            continue
        if inter and inter[-1] in _LAST_INTER_BAD:
            continue
        start, end = span
        if _covered(text, start, end, known):
            continue
        name = collapse(text[start:end])
        words = folded(name).split()
        if not words or folded(name) in NOISE or words[0] in _X_STOP:
            continue
        if quoted and (len(words) > 6 or words[0] in _INTER_STOP):
            continue
        if quoted and name[0].islower():
            name = upper_first(name)
        cue = c["cue"]
        if cue.lower() in _NAME_HEADS and not inter and not quoted:
            start = c.start("cue")  # "l'école Polytechnique": the noun is part of the name
            name = upper_first(collapse(text[start:end]))
        before = text[max(0, c.start() - 40) : c.start()]
        kind = EntityKind.PROJECT if cue.lower() in _NAMING_CUES else _cue_kind(cue, before)
        entry = index.lookup(name)
        if entry is not None and entry.kind in {EntityKind.PERSON, EntityKind.PLACE}:
            continue
        if kind == EntityKind.GROUP:
            entry = index.lookup(name, EntityKind.GROUP)
        out.append(_entry_mention(text, start, end, kind, name, entry))
    for m in _QUOTED_CUE.finditer(text):
        start, end = trim_span(text, m.start("x"), m.end("x"))
        name = collapse(text[start:end])
        if not name or folded(name) in NOISE:
            continue
        entry = _usable(index.lookup(name))
        out.append(_entry_mention(text, start, end, EntityKind.PROJECT, upper_first(name), entry))
    return out


def find_subsidiaries(text: str, mentions: list[Mention], index: GazetteerIndex) -> list[Mention]:
    """A known company directly followed by a place: "Microsoft France"."""
    out: list[Mention] = []
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in pairwise(ordered):
        if (
            a.kind == EntityKind.COMPANY
            and b.kind == EntityKind.PLACE
            and text[a.end : b.start] == " "
            and b.exact[:1].isupper()
        ):
            label = f"{a.label} {b.exact}"
            entry = _usable(index.lookup(label))
            out.append(_entry_mention(text, a.start, b.end, EntityKind.COMPANY, label, entry))
    return out


def find(text: str, index: GazetteerIndex, known: list[Mention] | None = None) -> list[Mention]:
    """Pattern mentions; `known` are the authority hits, used to avoid gluing two of them."""
    return [
        *find_acronyms(text, index),
        *find_ministries(text, index),
        *find_bodies(text, index),
        *find_cued(text, index, known),
    ]
