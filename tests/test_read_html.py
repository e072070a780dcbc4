"""read.html.html_to_text: the text a page shows, through a real HTML parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from parlkg.read import decode, read_file
from parlkg.read.field import page_text
from parlkg.read.html import html_to_text
from parlkg.read.letter import READER as LETTER

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_blocks_and_br_become_line_breaks() -> None:
    assert html_to_text("<p>un</p><p>deux<br>trois</p>") == "un\ndeux\ntrois"


def test_double_br_is_a_blank_line() -> None:
    assert html_to_text("un<br><br>deux") == "un\n\ndeux"


@pytest.mark.fault("HTML with scripts, comments and entities")
def test_scripts_styles_comments_and_head_are_dropped() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<script>var x = 1;</script><!-- note --><p>visible</p>"
        "<noscript>no</noscript></body></html>"
    )
    assert html_to_text(html) == "visible"


@pytest.mark.fault("HTML with scripts, comments and entities")
def test_entities_decoded_and_nbsp_normalised() -> None:
    assert html_to_text("<p>25&nbsp;%&#160;: l&#8217;&eacute;t&eacute; &amp; co</p>") == (
        "25 % : l'été & co"
    )


def test_inline_white_space_collapses() -> None:
    assert html_to_text("<p>un\n   deux\t<b>trois</b> </p>") == "un deux trois"


def test_table_cells_are_separated() -> None:
    assert html_to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == (
        "a b\nc"
    )


def test_fragment_starting_with_a_closing_tag() -> None:
    # the open-data transcripts start with "</p>"
    assert html_to_text('</p><p align="CENTER"> TITRE </p><br><strong>M. X.</strong> Oui.') == (
        "TITRE\nM. X. Oui."
    )


def test_empty_and_comment_only_input() -> None:
    assert html_to_text("") == ""
    assert html_to_text("<!-- rien -->") == ""


def test_xml_declaration_is_accepted() -> None:
    assert html_to_text('<?xml version="1.0" encoding="utf-8"?><p>été</p>') == "été"


def test_html_capture_reads_like_the_text_capture() -> None:
    text = page_text(_source(FIXTURES / "an_legacy" / "q14_withdrawn.html"))
    assert "Question N° 51234" in text
    assert "Question N° 99999" not in text  # inside <script>
    assert "Mme Claire Dubois-Martel attire l'attention" in text


def _source(path: Path):  # type: ignore[no-untyped-def]
    return decode(path, path.read_bytes())


# --- paragraph mode: the rendering of the "Données clés" page and letters -----------


def test_paragraph_mode_ends_blocks_with_a_blank_line() -> None:
    html = "<div><p>un</p><p>deux<br>trois</p></div><table><tr><td>a</td><td>b</td></tr></table>"
    assert html_to_text(html, paragraphs=True) == "un\n\ndeux\ntrois\n\na b"
    # nested blocks count once; inline elements do not break
    assert html_to_text("<div><div><p>un <b>deux</b></p></div></div>", paragraphs=True) == (
        "un deux"
    )


# The same page or letter as HTML and as a text capture: the same Document.
SAME_AS_TEXT = [
    ("html/an_page_qe_answered.html", "an_page_qe_answered.txt"),
    ("html/an_page_qag_debate.html", "an_page_qag_debate.txt"),
    ("html/letter_depute.html", "letter_depute.txt"),
]


@pytest.mark.parametrize(("html_name", "text_name"), SAME_AS_TEXT)
def test_html_version_reads_as_the_text_version(html_name: str, text_name: str) -> None:
    html_doc = read_file(FIXTURES / html_name)
    text_doc = read_file(FIXTURES / text_name)
    assert html_doc.layout == text_doc.layout  # detected from the content, not the suffix
    skip = {"content_hash", "source_path"}
    assert html_doc.model_dump(exclude=skip) == text_doc.model_dump(exclude=skip)
    for turn in html_doc.turns:
        assert turn.start < turn.end <= len(html_doc.text)
    for reaction in html_doc.reactions:
        assert html_doc.text[reaction.start : reaction.end] == reaction.exact


def test_html_page_fields_are_the_shown_values() -> None:
    doc = read_file(FIXTURES / "html" / "an_page_qe_answered.html")
    assert (doc.layout, doc.key, doc.number, doc.legislature) == (
        "an_page",
        "an-16-qe-9123",
        "9123",
        16,
    )
    assert doc.author is not None
    assert doc.author.constituency == "Loire-Atlantique (4e circonscription)"
    assert doc.ministries_assigned == ["Éducation nationale et jeunesse"]
    assert "«\u00a0cloud" not in doc.text and "« cloud au centre »" in doc.text  # &nbsp; -> space
    assert "l'économie" in doc.text  # &rsquo; -> '
    assert "Question écrite n° 1" not in doc.text  # the <script> is not shown
    assert doc.complete


def test_html_letter_fields() -> None:
    doc = read_file(FIXTURES / "html" / "letter_depute.html")
    assert doc.layout == "letter"
    assert doc.author is not None
    assert (doc.author.name, doc.author.constituency) == (
        "Marc Delorme",
        "Gironde (9e circonscription)",
    )
    assert doc.title == "Hébergement des données des collectivités"
    assert doc.text.startswith("Monsieur Paul VASSEUR\nMinistre délégué")  # <br> kept as lines


def test_entities_are_decoded_once() -> None:
    """A page that shows "&lt;" literally (written &amp;lt;) keeps it."""
    html = (FIXTURES / "html" / "letter_depute.html").read_text("utf-8")
    html = html.replace("mode <i>cloud</i>", "mode <i>cloud</i> (&amp;lt;SaaS&amp;gt;)")
    doc = LETTER.read(decode(Path("letter.html"), html.encode()))
    assert "(&lt;SaaS&gt;)" in doc.text
