"""What `parlkg serve` refuses to forward: SPARQL that names a SERVICE.

Oxigraph follows a SERVICE clause to any URL a client names (server-side request
forgery from the machine that serves). pyoxigraph exposes no parse tree, and
rdflib reads some queries differently from Oxigraph, so the check follows the
terminals of the SPARQL grammar instead of a parser: it can only err on the side
of refusing.
"""

from __future__ import annotations

import re
import urllib.parse

# Oxigraph's lexer, as far as it hides text from the parser: comments, strings,
# IRIs, variable names and the local part of prefixed names (the terminals of the
# SPARQL 1.1 grammar, §19.8). What is left is where a keyword can be. Oxigraph
# matches keywords without a word boundary (`?s ?p 1SERVICE <u> {}`, and with
# `PREFIX s: <u>`, `services:x {}` call <u>), so any "service" left is refused;
# a prefix named like `service:` is refused too, a small price.
_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf"
    "\ufdf0-\ufffd\U00010000-\U000effff"
)
_VAR_CHARS = _PN_CHARS_BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_CHARS = _VAR_CHARS + "\\-"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_HIDDEN = re.compile(
    "|".join(
        (
            r"#[^\r\n]*",  # a comment
            r'"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""',
            r"'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''",
            r'"(?:[^"\\\n\r]|\\.)*"',
            r"'(?:[^'\\\n\r]|\\.)*'",
            r"<(?:[^<>\"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>",  # an IRI
            f"[?$][{_VAR_CHARS}]+",  # a variable
            f":(?:[{_PN_CHARS}.:]|{_PLX})+",  # the local part of a prefixed name
        )
    ),
    re.DOTALL,
)
_SERVICE = re.compile("service", re.IGNORECASE | re.ASCII)


def names_a_service(sparql: str) -> bool:
    """Whether Oxigraph could read a SERVICE clause in `sparql` (a query or an update):
    the word outside comments, strings, IRIs and names. Never fooled into False by
    them; True for a few queries that are not federated (a prefix named `service`)."""
    return bool(_SERVICE.search(_HIDDEN.sub(" ", sparql)))


def sparql_texts(target: str, content_type: str, body: bytes | None) -> list[str]:
    """The SPARQL texts of a request, as Oxigraph reads them: the `query` and `update`
    parameters of the URL and of a form body, or the whole body of a SPARQL one."""
    encoded = [urllib.parse.urlsplit(target).query]
    media = content_type.split(";", 1)[0].strip().lower()
    texts = []
    if body and media in ("application/sparql-query", "application/sparql-update"):
        texts.append(body.decode("utf-8", "replace"))
    elif body and media == "application/x-www-form-urlencoded":
        encoded.append(body.decode("utf-8", "replace"))
    for part in encoded:
        pairs = urllib.parse.parse_qsl(part, keep_blank_values=True, errors="replace")
        texts += [value for key, value in pairs if key in ("query", "update")]
    return texts
