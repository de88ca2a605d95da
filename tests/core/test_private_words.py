"""An HTML comment in a slide's words is the author's: it reaches no view and no export, even with a code
span inside it, cut across printed pages, or in the claims ledger; while an HTML example shown as code
(in a longer fence, or indented) stays whole."""

from __future__ import annotations

import pytest

from deck.core.loader import parse_deck
from deck.core.view import view_slide
from deck.export import ExportOptions, export_deck


def deck_with(body: str):
    text = "title: T\nslides:\n  - title: S\n    confidence: reported\n    body: |\n" + "".join(
        f"      {line}\n" if line else "\n" for line in body.split("\n")
    )
    result = parse_deck(text, "talk.yaml")
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    return result.deck


@pytest.mark.parametrize("name", ["html", "markdown", "marp", "pandoc", "reveal", "ledger", "csv"])
def test_a_comment_holding_a_code_span_reaches_no_export(name):
    deck = deck_with("Hello\n\n<!-- secret: don't mention `foo` yet -->\n\nAfter")
    assert "secret" not in export_deck(deck, name, ExportOptions(notes=False)) and "Hello" in export_deck(deck, name)


def test_the_ledger_shows_the_words_as_they_show_without_step_markers():
    deck = deck_with("Public words\n\n<!-- secret aside -->\n\n```python {1|2}\na = 1\nb = 2\n```")
    for name in ("ledger", "csv"):
        out = export_deck(deck, name)
        assert "Public words" in out and "secret" not in out and "deck-lines" not in out and "\ue000" not in out, name


def test_a_comment_across_printed_pages_is_never_printed():
    items = "\n".join(f"- item {n} of a long list" for n in range(60))
    secret = "\n\n".join(f"SECRET-{n} of the comment" for n in range(40))
    deck = deck_with(f"{items}\n\n<!--\n{secret}\n-->\n\n{items}")
    page = export_deck(deck, "html")
    assert 'class="print-page slide' in page and "SECRET" not in page


def test_html_shown_as_code_stays_whole():
    deck = deck_with(
        '````markdown\n```\ncode\n```\n<!-- end_slide -->\n<span style="color:red">red</span>\n````\n\nPara\n\n    <div class="box">hi</div>'
    )
    body = view_slide(deck, 0).body
    assert '<!-- end_slide -->\n<span style="color:red">red</span>' in body and '    <div class="box">hi</div>' in body
    assert "&lt;!-- end_slide --&gt;" in export_deck(deck, "html")
