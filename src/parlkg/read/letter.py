"""Reader for a letter from a member of parliament to a minister.

What makes a letter, in any order the writer chose:

    Cambrai, le 8 août 2025                       the dateline
    Madame Clara CHAPPAZ                          the addressee block: name, role lines,
    Ministre chargée de l'intelligence artificielle   then the postal address
    et du numérique
    139, rue de Bercy ...
    Alexandre BASQUIN / SÉNATEUR DU NORD          the sender block (letterhead)
    Objet : ...                                   optional: the title
    Madame la Ministre,                           the salutation
    <body>
    ... je vous prie de croire, Madame la Ministre, en l'expression de ma haute considération.
    Alexandre BASQUIN                             the signature
    Sénateur du Nord

`Document.text` is the whole letter, markup stripped and runs of blank lines
collapsed: the dateline and the addresses name places the extractor needs. An
HTML letter is rendered by `read.html` (a blank line after each block, `<br>` a
line break), so it reads like its text capture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from parlkg.errors import InputError, ParlkgError, TruncatedInputError, UnknownLayoutError
from parlkg.model import Author, Chamber, DocType, Document
from parlkg.read import Source
from parlkg.read.field import page_lines
from parlkg.text import FR_DATE_PATTERN, fold, parse_date, title_case_name
from parlkg.vocab import document_key

NAME = "letter"

_DATELINE = re.compile(
    r"^(?:(?P<place>[A-ZÀ-ÖØ-Þ][\w'.-]*(?:[ -]+[\w'.-]+){0,4})\s*,\s*)?(?:le\s+)?"
    rf"(?P<date>(?:{FR_DATE_PATTERN})|\d{{1,2}}/\d{{1,2}}/\d{{4}})\s*\.?$",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^(?:Madame|Monsieur|Mesdames|Messieurs|Chère|Cher)\b[^,;:.]{0,80},\s*$", re.IGNORECASE
)
_CLOSING = re.compile(
    r"(?:je\s+vous\s+prie|veuillez|recevez|croyez|je\s+vous\s+assure|"
    r"je\s+vous\s+adresse|je\s+reste)\b.{0,200}?"
    r"(?:considération|salutations|sentiments|respect|dévouement|respectueux|meilleurs)",
    re.IGNORECASE | re.DOTALL,
)
_ADDRESSEE = re.compile(
    r"^(?:(?:À|A)\s+(?:l'attention\s+de\s+)?)?(?P<civ>Madame|Monsieur)\s+(?P<rest>\S.*)$"
)
_MEMBER = re.compile(r"\b(?:sénat(?:eur|rice)|député(?:e)?)\b", re.IGNORECASE)
_MEMBER_TITLE = re.compile(
    r"\b(?P<title>sénat(?:eur|rice)|député(?:e)?)\s+(?P<prep>de\s+la|de\s+l'|du|des|de|d')\s*"
    r"(?:(?P<circ>\d+)\s*(?:e|re|er|ème|è)\s+circonscription\s+"
    r"(?:de\s+la|de\s+l'|du|des|de|d')\s*)?(?P<place>[^,;()–—]+?)\s*(?:$|[,;()–—]|\s-\s)",
    re.IGNORECASE,
)
_NAME_LINE = re.compile(
    r"^[A-ZÀ-ÖØ-Þ][\w'.-]*(?:\s+(?:(?:de|du|des|de la|d')\s*)?[A-ZÀ-ÖØ-Þ][\w'.-]*){1,4}$"
)
_ADDRESS_WORDS = re.compile(
    r"^(?:\d|rue\b|avenue\b|av\.|boulevard\b|bd\b|place\b|quai\b|allée\b|chemin\b|route\b|"
    r"impasse\b|hôtel\b|télédoc\b|bp\b|cs\b|cedex\b|tél|tel\b|fax\b|courriel|e-mail|mail\b|"
    r"https?:|www\.)",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\s*[-–—]\s*\d+\s*[-–—]\s*$|^\s*(?:page\s+)?\d+\s*/\s*\d+\s*$")
_GROUP = re.compile(
    r"\b(?:membre|président(?:e)?|vice-président(?:e)?)\s+du\s+groupe\s+"
    r"(?!d'études|d'étude|d'amitié|de\s+travail|de\s+suivi|interparlementaire)"
    r"(?P<g>[^\n,;.]+)",
    re.IGNORECASE,
)
_OBJECT = re.compile(r"^Objet\s*:\s*(?P<t>.+)$", re.IGNORECASE)
_ROLE_PREFIX = re.compile(
    r"^(?:(?:ministre|secrétaire)\s+d'État\s*,\s*)?"
    r"(?:ministre|secrétaire\s+d'État|haut(?:e)?[- ]commissaire)"
    r"(?:\s+délégué(?:e)?)?"
    r"(?:\s+auprès\s+d.+?,)?"
    r"(?:\s+chargé(?:e)?)?"
    r"\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')",
    re.IGNORECASE,
)
_ARTICLE = re.compile(
    r"(^|,\s*|\bet\s+)(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d'|la\s+|le\s+|les\s+|l')"
)
_PLACE_PARTICLES = {"de", "du", "des", "la", "le", "les", "sur", "et", "en", "d", "l", "aux", "lès"}


class LetterReader:
    """A letter from a deputy or a senator: dateline, salutation, sign-off."""

    name = NAME

    def detect(self, source: Source) -> float:
        if source.is_json:
            return 0.0
        try:
            lines = page_lines(source, paragraphs=True, limit=200_000)
            parts = _find_parts(lines)
        except Exception:  # detection never fails: it only says "not mine"
            return 0.0
        if parts.dateline is None or parts.salutation is None:
            return 0.0
        return 0.75 if parts.closing is not None else 0.7

    def read(self, source: Source) -> Document:
        try:
            return _read(source)
        except ParlkgError:
            raise
        except Exception as exc:  # a bug must still name the file
            raise InputError(
                source.path, f"reader {NAME!r} failed: {type(exc).__name__}: {exc}"
            ) from exc


READER = LetterReader()


@dataclass
class _Parts:
    dateline: int | None = None  # line indexes
    salutation: int | None = None
    closing: int | None = None  # the line where the closing formula ends


def _find_parts(lines: list[str]) -> _Parts:
    parts = _Parts()
    for i, line in enumerate(lines):
        if parts.dateline is None and _DATELINE.match(line) and parse_date(line):
            parts.dateline = i
        if parts.salutation is None and _SALUTATION.match(line):
            parts.salutation = i
    if parts.salutation is not None:
        paras = _paragraph_ranges(lines, parts.salutation + 1)
        for first, last in reversed(paras):
            if _CLOSING.search(" ".join(lines[first : last + 1])):
                parts.closing = last
                break
    return parts


def _paragraph_ranges(lines: list[str], start: int) -> list[tuple[int, int]]:
    """(first, last) line indexes of the blocks of non-blank lines from `start`."""
    out: list[tuple[int, int]] = []
    first: int | None = None
    for i in range(start, len(lines) + 1):
        blank = i == len(lines) or not lines[i]
        if not blank and first is None:
            first = i
        elif blank and first is not None:
            out.append((first, i - 1))
            first = None
    return out


def _read(source: Source) -> Document:
    lines = [
        "" if _PAGE_NUMBER.match(line) else line for line in page_lines(source, paragraphs=True)
    ]
    parts = _find_parts(lines)
    if parts.dateline is None and parts.salutation is None:
        raise UnknownLayoutError(
            source.path,
            "not a letter: no dateline ('Cambrai, le 8 août 2025') and no salutation "
            "('Madame la Ministre,')",
            hint="let parlkg choose the layout, or name another with --format",
        )
    warnings: list[str] = []
    body_start = parts.salutation + 1 if parts.salutation is not None else None
    if body_start is None or not any(lines[body_start:]):
        raise TruncatedInputError(
            source.path,
            "the letter stops before its body (nothing after the salutation)",
            hint="capture the whole letter, down to the signature",
        )
    text = _text(lines)
    complete = True
    if parts.closing is None:
        complete = False
        warnings.append("no closing formula ('je vous prie de croire ...'): the letter seems cut")
    if parts.dateline is None:
        warnings.append("no dateline: the letter has no date")

    published = parse_date(lines[parts.dateline]) if parts.dateline is not None else None
    head = lines[: parts.salutation] if parts.salutation is not None else lines
    signature = _signature(lines, parts.closing)
    if parts.closing is not None:
        formula = lines[parts.closing]
        if not formula.rstrip().endswith((".", "!", "»")):
            complete = False
            warnings.append("the closing formula stops mid-sentence: the letter seems cut")
        elif not signature:
            complete = False
            warnings.append("nothing after the closing formula: the signature seems cut")
    author, chamber = _author(head, signature, lines)
    if chamber is None:
        raise UnknownLayoutError(
            source.path,
            "a letter, but nothing says it comes from a member of parliament "
            "(no 'Sénateur', 'Député', 'Sénat' or 'Assemblée nationale')",
            hint="parlkg reads letters from deputies and senators only",
        )
    if author is None:
        warnings.append("no signature or sender name found")
    addressee_text, addressee_person, role = _addressee(head, parts.dateline)
    if addressee_text is None and parts.salutation is not None:
        addressee_text = lines[parts.salutation].rstrip(" ,")
    title = None
    for line in head:
        m = _OBJECT.match(line)
        if m:
            title = m["t"].strip()
            break
    if author and published:
        key = document_key(DocType.LETTER, chamber, author=author.name, date=published.isoformat())
    else:
        key = document_key(DocType.LETTER, chamber, stem=Path(source.path).stem)
        warnings.append("no author or no date: the key is made from the file name")
    return Document(
        key=key,
        source_path=source.path,
        source_url=source.source_url,
        layout=NAME,
        doc_type=DocType.LETTER,
        chamber=chamber,
        title=title,
        author=author,
        ministry_asked=ministry_of_role(role) if role else None,
        addressee_in_text=addressee_text,
        addressee_person=addressee_person,
        published=published,
        text=text,
        complete=complete,
        warnings=warnings,
        content_hash=source.content_hash,
    )


def _text(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _signature(lines: list[str], closing: int | None) -> list[str]:
    """The non-blank lines after the closing formula: name, then titles."""
    if closing is None:
        return []
    return [line for line in lines[closing + 1 : closing + 12] if line][:6]


def _author(
    head: list[str], signature: list[str], lines: list[str]
) -> tuple[Author | None, Chamber | None]:
    name: str | None = None
    title: str | None = None
    if signature and _NAME_LINE.match(signature[0]) and not _MEMBER.search(signature[0]):
        name = signature[0]
        title = _member_title(signature[1:])
    if title is None:  # the letterhead: a name, then "SÉNATEUR / DU NORD"
        sender_name, title = _sender_block(head)
        name = name or sender_name
    chamber = (
        _chamber(title or "")
        or _chamber(" ".join([*head, *signature]))
        or _chamber(" ".join(lines))
    )
    if name is None:
        return None, chamber
    civility = constituency = department = None
    if title:
        word = fold(_MEMBER.search(title).group())  # type: ignore[union-attr]
        civility = "Mme" if word in ("senatrice", "deputee") else "M."
        m = _MEMBER_TITLE.search(title)
        if m:
            department = _place_case(m["place"].strip())
            constituency = (
                f"{department} ({m['circ']}e circonscription)" if m["circ"] else department
            )
    group = None
    for block in _blocks([*head, "", *signature]):
        g = _GROUP.search(block)
        if g:
            group = g["g"].strip() or None
            break
    author = Author(
        name=title_case_name(name),
        civility=civility,
        group=group,
        constituency=constituency,
        department=department,
    )
    return author, chamber


def _blocks(lines: list[str]) -> list[str]:
    """Runs of non-blank lines, each joined into one line."""
    return [" ".join(lines[a : b + 1]) for a, b in _paragraph_ranges(lines, 0)]


def _member_title(lines: list[str]) -> str | None:
    """The first line saying "Sénateur du Nord"; a bare "SÉNATEUR" line is joined
    to the next one ("DU NORD")."""
    for i, line in enumerate(lines):
        m = _MEMBER.search(line)
        if not m:
            continue
        if not line[m.end() :].strip(" ,") and i + 1 < len(lines) and lines[i + 1]:
            return f"{line} {lines[i + 1]}"
        return line
    return None


def _sender_block(head: list[str]) -> tuple[str | None, str | None]:
    """The name and title of the letterhead: a name line, then a line saying
    "Sénateur du Nord" (possibly over two lines)."""
    for i, line in enumerate(head):
        if not _MEMBER.search(line):
            continue
        title = _member_title(head[i:])
        for k in range(i - 1, max(-1, i - 5), -1):
            cand = head[k]
            civ = _ADDRESSEE.match(cand)
            if civ and k >= i - 2 and _NAME_LINE.match(civ["rest"]):
                return civ["rest"], title  # "Monsieur Marc DELORME" right above the title
            if cand and _NAME_LINE.match(cand) and not civ:
                return cand, title
        return None, title
    return None, None


def _chamber(text: str) -> Chamber | None:
    key = fold(text)
    senat = re.search(r"\bsenat(?:eur|rice)?\b", key)
    an = re.search(r"\bdeputee?\b|\bassemblee nationale\b|assemblee nationale fr", key)
    if senat and an:
        return Chamber.SENAT if senat.start() < an.start() else Chamber.AN
    if senat:
        return Chamber.SENAT
    if an:
        return Chamber.AN
    return None


def _addressee(head: list[str], dateline: int | None) -> tuple[str | None, str | None, str | None]:
    """(addressee as printed, person's name, role) from the addressee block."""
    for i, line in enumerate(head):
        if i == dateline or line.endswith(","):
            continue
        m = _ADDRESSEE.match(line)
        if not m:
            continue
        rest = m["rest"].strip()
        role_lines: list[str] = []
        j = i + 1
        while j < len(head) and head[j] and not _ADDRESS_WORDS.match(head[j]):
            if _is_city_line(head[j]) or len(role_lines) >= 4:
                break
            role_lines.append(head[j])
            j += 1
        role = " ".join(role_lines) or None
        if _MEMBER.search(line) or (role and _MEMBER.search(role)):
            continue  # the sender's own block: "Monsieur Marc DELORME / Député de ..."
        if re.match(r"(?:le|la|l')\s*", rest, re.IGNORECASE):  # "Monsieur le Ministre de ..."
            printed = " ".join([line, *role_lines])
            own = re.sub(r"^(?:le|la|l')\s*", "", rest, flags=re.IGNORECASE)
            return printed, None, " ".join([own, *role_lines])
        person = title_case_name(rest)
        printed = f"{m['civ']} {rest}" + (f", {role}" if role else "")
        return printed, person, role
    return None, None, None


def _is_city_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(line.split()) <= 3


def ministry_of_role(role: str) -> str | None:
    """The portfolio named by a minister's role, in the style of the ministry labels:
    "Ministre chargée de l'intelligence artificielle et du numérique" ->
    "Intelligence artificielle et numérique"; "Ministre de l'Intérieur" -> "Intérieur"."""
    role = " ".join(role.split()).strip(" ,.")
    m = _ROLE_PREFIX.match(role)
    if m:
        portfolio = role[m.end() :]
    else:
        c = re.search(r"\bchargée?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')", role)
        if not c:
            return None
        portfolio = role[c.end() :]
    portfolio = _ARTICLE.sub(lambda a: a.group(1), portfolio).strip(" ,")
    if not portfolio:
        return None
    return portfolio[0].upper() + portfolio[1:]


def _place_case(place: str) -> str:
    """ "NORD" -> "Nord", "PAS-DE-CALAIS" -> "Pas-de-Calais"; mixed case is kept."""
    letters = [c for c in place if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return place
    out: list[str] = []
    for i, token in enumerate(re.split(r"([\s'-])", place.lower())):
        if (token and token not in _PLACE_PARTICLES) or i == 0:
            token = token[:1].upper() + token[1:]
        out.append(token)
    return "".join(out)
