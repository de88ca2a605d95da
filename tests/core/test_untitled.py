"""Slides without a title (a picture, a quote, code alone: 25 slides in 5 of 16 real decks): they load,
show their content with no empty heading, are named by their first words in lists, and every export
keeps them as slides of their own."""

from __future__ import annotations

import re

import pytest

from deck.core.loader import parse_deck
from deck.export import export_deck

DECK = """\
title: A talk
slides:
  - title: First
    points: [one]
  - body: |
      > The best code is no code at all.
  - body: |
      ```python
      print("hello")
      ```
    confidence: reported
  - title: Last
    points: [two]
"""


@pytest.fixture
def deck():
    loaded = parse_deck(DECK, "talk.yaml")
    assert loaded.deck is not None and loaded.diagnostics == [], loaded.diagnostics
    return loaded.deck


def test_a_slide_needs_a_title_or_something_to_show():
    loaded = parse_deck("title: T\nslides:\n  - {}\n  - {notes: just notes}\n", "t.yaml")
    assert [(d.line, d.message.split(" has ")[1]) for d in loaded.errors] == [
        (3, "neither a title nor anything to show; give it a title, points or a body"),
        (4, "neither a title nor anything to show; give it a title, points or a body"),
    ]


def test_lists_name_an_untitled_slide_by_its_first_words(deck):
    assert [s.name for s in deck.slides] == ["First", "(The best code is no code at all.)", '(python print("hello"))', "Last"]


@pytest.mark.parametrize("name", ["markdown", "marp", "reveal", "html"])
def test_no_export_writes_an_empty_heading(deck, name):
    out = export_deck(deck, name)
    assert not re.search(r"^#+\s*$", out, re.M), name
    assert "<h2></h2>" not in out
    assert "The best code is no code at all." in out


def test_pandoc_starts_an_untitled_slide_at_an_empty_heading(deck):
    out = export_deck(deck, "pandoc")
    body = out.split("---\n", 2)[2]  # after the metadata block
    assert len(re.findall(r"^## \{\.fit\d+\}$", body, re.M)) == 2  # the two untitled slides, each begun by an empty heading with its size
    assert "## First" in body and "## Last" in body


async def test_the_presenter_shows_an_untitled_slide_without_a_heading(deck):
    from deck.tui.app import make_app

    from ..tui.test_presenter import content

    app = make_app(deck, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("right")
        shown = content(app).strip().splitlines()
        assert "The best code is no code at all." in shown[0]  # the first line: no heading above it
        assert "▁" not in content(app)  # no title rule above nothing
        await pilot.press("right")
        assert "REPORTED" in content(app)  # a label is still shown where there is no title


COLUMNS = """\
title: T
slides:
  - title: Two columns, no headings
    columns:
      - {body: "Left words", width: 2}
      - {points: [right point]}
"""


@pytest.mark.parametrize("name", ["markdown", "marp", "pandoc", "reveal", "html"])
def test_columns_without_a_title_write_no_empty_heading(name):
    loaded = parse_deck(COLUMNS, "t.yaml")
    assert loaded.deck is not None and loaded.diagnostics == []
    out = export_deck(loaded.deck, name)
    assert "****" not in out and "<h3></h3>" not in out and "**:**" not in out and not re.search(r"^###\s+\d+\.\d+\s*$", out, re.M)
    assert "Left words" in out and "right point" in out


def test_an_empty_column_is_an_error():
    loaded = parse_deck("title: T\nslides:\n  - title: S\n    columns:\n      - {width: 2}\n", "t.yaml")
    assert [e.message for e in loaded.errors] == ["slide 1 ('S'): columns[0] is empty; give it a body, points or an image"]


CENTRED = """\
title: T
slides:
  - title: A lead slide
    align: center
    body: One line in the middle
  - title: An ordinary one
    body: words
"""


def test_a_slide_may_ask_to_be_centred_in_every_view():
    loaded = parse_deck(CENTRED, "t.yaml")
    assert loaded.deck is not None and loaded.diagnostics == []
    assert [s.align for s in loaded.deck.slides] == ["center", None]
    assert '<section class="slide centred" data-index="0"' in export_deck(loaded.deck, "html")
    marp = export_deck(loaded.deck, "marp")
    assert marp.count("<!-- _class: lead -->") == 1 and marp.index("<!-- _class: lead -->") < marp.index("A lead slide")
    assert '"align":"center"' in export_deck(loaded.deck, "json")


def test_a_bad_align_is_an_error_at_its_place():
    loaded = parse_deck("title: T\nslides:\n  - title: S\n    align: middle\n", "t.yaml")
    (error,) = loaded.errors
    assert (error.line, error.col) == (4, 12) and "align" in error.message and "center" in error.message


async def test_the_presenter_centres_such_a_slide_across_and_down():
    from deck.tui.app import make_app

    from ..tui.test_presenter import content

    loaded = parse_deck(CENTRED, "t.yaml")
    app = make_app(loaded.deck, clock=lambda: 0.0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        lines = content(app).splitlines()
        text = next(line for line in lines if "A lead slide" in line)
        assert len(text) - len(text.lstrip()) > 20  # across: not at the left edge
        assert app.presenter.query_one("#slide").has_class("-divider")  # down: as a title slide (its snapshot shows it)
        await pilot.press("right")
        assert not app.presenter.query_one("#slide").has_class("-divider")
