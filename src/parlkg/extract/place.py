"""Places the authority may not know, from the fixed parts of letters:

- the place of a date line: "Cambrai, le 8 août 2025";
- the town of a postal address: "59400 CAMBRAI", "75 572 PARIS CEDEX 12".

Places named in running prose come from the gazetteer (the authority file):
an adjective ("américaine", "européen") is never a place.
"""

from __future__ import annotations

import re

from parlkg.extract.common import LOWER, UPPER, folded, is_noise, mention
from parlkg.extract.gazetteer import GazetteerIndex
from parlkg.model import EntityKind, Mention
from parlkg.text import MONTHS_FR, title_case_name

EXTRACTOR = "place-pattern"

_WORD = rf"[{UPPER}][{UPPER}{LOWER}'-]*"
_NAME = rf"{_WORD}(?:[ -](?:sur|sous|en|le|la|lès|de|du|d')?[ -]?{_WORD}){{0,3}}"
_DATE_LINE = re.compile(
    rf"^[ \t]*(?P<place>{_NAME}),?[ \t]+le[ \t]+\d{{1,2}}(?:er)?[ \t]+(?P<month>[{LOWER}]+)[ "
    rf"\t]+\d{{4}}",
    re.MULTILINE,
)
_POSTAL = re.compile(  # (?<![\d\w])\d{2}...: a digit first, then the look-behind (\w holds \d)
    rf"\d(?<!\w\d)\d[ \t]?\d{{3}}[ \t]+(?P<place>[{UPPER}][{UPPER}'-]+(?:[ "
    rf"-][{UPPER}][{UPPER}'-]+){{0,3}})\b"
)


def _place(text: str, start: int, end: int, index: GazetteerIndex) -> Mention | None:
    raw = text[start:end]
    if raw.upper().endswith(" CEDEX"):
        end -= len(" CEDEX")
        raw = text[start:end]
    if is_noise(raw) or len(raw) < 2:
        return None
    label = title_case_name(raw)
    entry = index.lookup(label, EntityKind.PLACE)
    if entry is not None and entry.kind == EntityKind.PLACE:
        return mention(text, start, end, EntityKind.PLACE, entry.label, EXTRACTOR, iri=entry.iri)
    return mention(text, start, end, EntityKind.PLACE, label, EXTRACTOR)


def find(text: str, index: GazetteerIndex) -> list[Mention]:
    out: list[Mention] = []
    for m in _DATE_LINE.finditer(text):
        if folded(m["month"]) in MONTHS_FR:
            found = _place(text, m.start("place"), m.end("place"), index)
            if found:
                out.append(found)
    for m in _POSTAL.finditer(text):
        name = m["place"]
        words = name.split()
        while words and words[-1] == "CEDEX":
            words.pop()
        if not words:
            continue
        found = _place(text, m.start("place"), m.start("place") + len(" ".join(words)), index)
        if found:
            out.append(found)
    return out
