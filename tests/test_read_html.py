"""read.html.html_to_text: the text a page shows, through a real HTML parser."""

from __future__ import annotations

from pathlib import Path

from parlkg.read import decode
from parlkg.read.field import page_text
from parlkg.read.html import html_to_text

FIXTURES = Path(__file__).parent / "fixtures" / "read"


def test_blocks_and_br_become_line_breaks() -> None:
    assert html_to_text("<p>un</p><p>deux<br>trois</p>") == "un\ndeux\ntrois"


def test_double_br_is_a_blank_line() -> None:
    assert html_to_text("un<br><br>deux") == "un\n\ndeux"


def test_scripts_styles_comments_and_head_are_dropped() -> None:
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body>"
        "<script>var x = 1;</script><!-- note --><p>visible</p>"
        "<noscript>no</noscript></body></html>"
    )
    assert html_to_text(html) == "visible"


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
