"""`below`: words after a slide's points and columns (presenterm's words after `reset_layout`), shown
there in every view and export, once the slide is complete, and going with the slide's main message."""

from __future__ import annotations

import json
import re

from deck.core.loader import parse_deck
from deck.core.model import Confidence
from deck.core.view import view_slide
from deck.export import export_deck

DECK = """\
title: T
slides:
  - title: Two teams
    confidence: reported
    reveal: true
    points: [First]
    columns:
      - {title: Platform, points: [Owns ingest]}
      - {title: Search, points: [Owns the index]}
    below: |
      Both teams **report** to one lead.
"""


def loaded(text: str = DECK):
    result = parse_deck(text, "talk.yaml")
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    return result.deck


def test_below_shows_after_the_columns_once_the_slide_is_complete():
    deck = loaded()
    complete = view_slide(deck, 0)
    assert complete.below == "Both teams **report** to one lead.\n"
    assert [view_slide(deck, 0, step=step).below for step in range(complete.last_step)] == [None] * complete.last_step
    assert view_slide(deck, 0, minimum=Confidence.CONFIRMED).below is None  # the slide's own words, under its label


def test_the_terminal_draws_it_under_the_columns():
    from rich.console import Console

    from deck.tui.render import render_slide
    from deck.tui.themes import Palette

    console = Console(width=100, color_system=None, record=True)
    console.print(render_slide(view_slide(loaded(), 0), Palette(levels={level: "bold" for level in Confidence})))
    text = console.export_text()
    assert text.index("Owns the index") < text.index("Both teams report to one lead.")


def test_every_export_puts_it_after_the_columns():
    deck = loaded()
    page = export_deck(deck, "html")
    assert re.search(
        r'<div class="columns".*Owns the index.*</div>\s*<div class="below step" data-step="3"><p>Both teams <strong>report</strong>', page, re.S
    )
    for name in ("markdown", "marp", "pandoc", "reveal"):
        out = export_deck(deck, name)
        assert out.index("Owns the index") < out.index("Both teams **report** to one lead."), name
    assert json.loads(export_deck(deck, "json"))["slides"][0]["below"] == "Both teams **report** to one lead.\n"


def test_below_is_checked_like_any_key():
    text = DECK.replace("    below: |\n      Both teams **report** to one lead.\n", "    below: [a, list]\n")
    result = parse_deck(text, "talk.yaml")
    assert [f"{d.line}:{d.col}: {d.message}" for d in result.diagnostics if d.severity == "error"] == [
        "10:12: slide 1 ('Two teams'): below must be a string, got a list"
    ]
    section = parse_deck("title: T\nslides:\n  - {title: S, layout: section, below: words}\n", "talk.yaml")
    assert any("takes no 'below'" in d.message and (d.line, d.col) == (3, 33) for d in section.diagnostics)


def test_an_html_comment_in_a_body_shows_nowhere_and_is_said():
    text = DECK.replace(
        "      Both teams **report** to one lead.\n",
        "      Both teams report.\n\n      <!--\n      private\n      -->\n\n      Kept `<!-- code -->`.\n",
    )
    result = parse_deck(text, "talk.yaml")
    assert any(d.code == "" and "an HTML comment shows nowhere" in d.message and d.line == 10 for d in result.diagnostics)
    deck = result.deck
    for name in ("html", "markdown", "marp", "pandoc", "reveal"):
        out = export_deck(deck, name)
        assert "private" not in out and "code" in out, name
    assert "private" not in (view_slide(deck, 0).below or "")


def test_html_tags_in_a_body_show_their_words_only_in_every_view_and_are_said():
    from rich.console import Console

    from deck.tui.render import render_slide
    from deck.tui.themes import Palette

    text = DECK.replace(
        "Both teams **report** to one lead.", 'Both teams <span style="color:red">report</span> to <https://example.com/lead>. `<b>kept</b>`'
    )
    result = parse_deck(text, "talk.yaml")
    assert [d.message for d in result.diagnostics if "HTML tags" in d.message] == [
        "slide 1 ('Two teams'): below: HTML tags like <span style=\"color:red\"> are not drawn: every view shows their words only (deck text is Markdown)"
    ]
    page = export_deck(result.deck, "html")
    assert "Both teams report to" in page and "color:red" not in page and "&lt;span" not in page  # the words, not the tag
    assert '<a href="https://example.com/lead">' in page and "&lt;b&gt;kept&lt;/b&gt;" in page  # a link and code stay
    console = Console(width=100, color_system=None, record=True)
    console.print(render_slide(view_slide(result.deck, 0), Palette(levels={level: "bold" for level in Confidence})))
    assert "Both teams report to" in console.export_text()
    assert "Both teams report to" in export_deck(result.deck, "marp")
