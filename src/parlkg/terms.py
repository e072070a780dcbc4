"""RDF terms as N-Triples text, character for character as pyoxigraph writes them.

The volume ingest writes a document's graph as text (`triples.DocumentGraph`):
building a `NamedNode` or a `Literal` per term, then `str()` of it, was a third
of the cost of a graph. IRIs are still checked by pyoxigraph (`iri`), once per
distinct IRI; only IRIs that `vocab.mint` percent-encoded, valid by
construction, skip the check (`minted`). Literals are escaped here, as
Oxigraph's N-Triples writer does (the tests compare the two on every code
point).
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode

from parlkg.vocab import XSD

# What Oxigraph escapes in a literal: `"`, `\`, the C0 controls, DEL, U+FFFE, U+FFFF;
# the common ones by `str.replace` (fast), the rare ones by a table.
_SPECIAL = re.compile(r'["\\\x00-\x1f\x7f\ufffe\uffff]')
_COMMON = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))
_RARE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_RARE_ESCAPES = str.maketrans(
    {c: f"\\u{c:04X}" for c in (*range(0x20), 0x7F, 0xFFFE, 0xFFFF)} | {0x08: "\\b", 0x0C: "\\f"}
)

INTEGER = f"^^<{XSD}integer>"
DATE = f"^^<{XSD}date>"
BOOLEAN = f"^^<{XSD}boolean>"
TRUE = f'"true"{BOOLEAN}'
FALSE = f'"false"{BOOLEAN}'

_IRIS: dict[str, str] = {}  # IRI -> its checked text: entities and predicates recur
_IRIS_MAX = 200_000


def iri(value: str) -> str:
    """`<value>`, checked by pyoxigraph (ValueError when it is not an IRI); memoised."""
    text = _IRIS.get(value)
    if text is None:
        if len(_IRIS) >= _IRIS_MAX:
            _IRIS.clear()
        text = _IRIS[value] = str(NamedNode(value))
    return text


def minted(value: str) -> str:
    """`<value>` for an IRI of `vocab.mint` (percent-encoded: valid, not checked)."""
    return f"<{value}>"


def literal(value: str, suffix: str = "") -> str:
    """A literal: `suffix` is "" (a plain string), "@fr" or a datatype (`INTEGER`...)."""
    if _SPECIAL.search(value) is not None:
        for char, escaped in _COMMON:
            value = value.replace(char, escaped)
        if _RARE.search(value) is not None:
            value = value.translate(_RARE_ESCAPES)
    return f'"{value}"{suffix}'


def integer(value: int) -> str:
    return f'"{value}"{INTEGER}'
