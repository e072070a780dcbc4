"""N-Triples text of terms written by parlkg.terms: the characters pyoxigraph writes."""

from __future__ import annotations

import sys

import pyoxigraph as ox
import pytest

from parlkg import terms
from parlkg.authority import Authority
from parlkg.model import EntityKind, Extraction, Mention, Relation
from parlkg.triples import document_graph
from parlkg.vocab import XSD, document_iri, mention_iri, mint, statement_iri
from tests.conftest import written_question

TRICKY = [
    "",
    "plain",
    'a "quoted" word',
    "back\\slash \\n not a newline",
    "line\nbreak\r\nand\ttab",
    "bell\x07 nul\x00 escape\x1b del\x7f form\x0c back\x08",
    "accents: é è ê à ç œ Œ « » – — … ’",
    "astral: 𝔘 😀, noncharacters: \ufffe \uffff, BOM \ufeff, NBSP \u00a0",
    "trailing backslash \\",
    '"',
]


@pytest.mark.parametrize("value", TRICKY)
def test_a_literal_is_written_as_pyoxigraph_writes_it(value: str) -> None:
    assert terms.literal(value) == str(ox.Literal(value))
    assert terms.literal(value, "@fr") == str(ox.Literal(value, language="fr"))
    for datatype, suffix in ((XSD + "date", terms.DATE), (XSD + "integer", terms.INTEGER)):
        typed = ox.Literal(value, datatype=ox.NamedNode(datatype))
        assert terms.literal(value, suffix) == str(typed)


def test_every_code_point_is_escaped_as_pyoxigraph_escapes_it() -> None:
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(chars), 4096):
        block = chars[start : start + 4096]
        ours = [terms.literal(c) for c in block]
        assert ours == [str(ox.Literal(c)) for c in block]
        assert terms.literal("".join(block)) == str(ox.Literal("".join(block)))


def test_typed_values() -> None:
    integer = ox.NamedNode(XSD + "integer")
    boolean = ox.NamedNode(XSD + "boolean")
    assert terms.integer(0) == str(ox.Literal("0", datatype=integer))
    assert terms.integer(-12) == str(ox.Literal("-12", datatype=integer))
    assert str(ox.Literal("true", datatype=boolean)) == terms.TRUE
    assert str(ox.Literal("false", datatype=boolean)) == terms.FALSE


def test_an_iri_is_checked_by_pyoxigraph() -> None:
    iri = "https://w3id.org/parlkg/id/company/%C3%A9t%C3%A9?x=1#y"
    assert terms.iri(iri) == terms.iri(iri) == str(ox.NamedNode(iri))
    assert terms.iri("http://example.org/é") == str(ox.NamedNode("http://example.org/é"))
    with pytest.raises(ValueError):
        terms.iri("not an iri")
    with pytest.raises(ValueError):
        terms.iri("http://example.org/a b")


def test_minted_iris_are_the_vocabulary_s() -> None:
    key = "an-17-qe-486 é/ü?#%"  # anything a document key may hold, and worse
    assert terms.minted(mint("mention", key)) == str(ox.NamedNode(mint("mention", key)))
    # the graph builder appends offsets and indexes to a quoted key, without quoting again
    assert f"{mint('mention', key)}.3-15" == mention_iri(key, 3, 15)
    assert f"{mint('statement', key)}.2" == statement_iri(key, 2)
    assert mint("document", key) == document_iri(key)


TEXT = 'L\'« Agence "X" » héberge\\ Microsoft.\nAzure\ttourne chez Microsoft.'


def _graph():  # type: ignore[no-untyped-def]
    doc = written_question(TEXT, key="an-99-qe-1 é", title='Un "titre"\nsur deux lignes')
    agency, microsoft = TEXT.index("Agence"), TEXT.index("Microsoft")
    mentions = [
        Mention(
            start=agency,
            end=agency + 12,
            exact=TEXT[agency : agency + 12],
            kind=EntityKind.PUBLIC_BODY,
            label='Agence "X"',
            extractor="t",
        ),
        Mention(
            start=microsoft,
            end=microsoft + 9,
            exact="Microsoft",
            kind=EntityKind.COMPANY,
            label="Microsoft",
            extractor="t",
        ),
    ]
    relation = Relation(
        subject=1, predicate="hosts", object=0, evidence_start=0, evidence_end=36, rule="t"
    )
    extraction = Extraction(mentions=mentions, relations=[relation])
    return document_graph(doc, extraction, Authority([]))


def test_the_graph_text_parses_back_to_its_terms() -> None:
    graph = _graph()
    quads = list(ox.parse(graph.nquads().encode(), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(graph) == len(set(quads))
    assert {q.graph_name for q in quads} == {ox.NamedNode(graph.graph)}
    # written again by pyoxigraph: the same characters, line for line
    assert [f"{q} .\n" for q in quads] == graph.nquads().splitlines(keepends=True)
    assert sorted(f"{t} ." for t in graph) == graph.ntriples().split("\n")
    values = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    assert TEXT in values and 'Un "titre"\nsur deux lignes' in values
