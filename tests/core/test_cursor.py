"""Where each move takes a talk (deck/core/cursor.py), as the presenter and the speaker view move."""

from __future__ import annotations

from deck.core.cursor import Cursor, follow
from deck.core.loader import parse_deck
from deck.core.model import Confidence

TEXT = """\
title: T
slides:
  - title: Plain
    confidence: reported
    notes: n
  - title: Revealed
    confidence: reported
    reveal: true
    notes: n
    body: "Intro\\n\\n<!-- pause -->\\n\\nMore"
    points:
      - one
      - text: a rumour
        confidence: unverified
      - three
  - title: Last main
    confidence: reported
    notes: n
  - title: Extra
    confidence: reported
    appendix: true
    notes: n
"""


def deck():
    loaded = parse_deck(TEXT, "t.yaml")
    assert loaded.deck is not None, loaded.diagnostics
    return loaded.deck


def walk(cursor):
    places = []
    while cursor is not None:
        places.append((cursor.index, cursor.step))
        cursor = cursor.next()
    return places


def test_next_reveals_a_slide_step_by_step_then_moves_on():
    # the body's pause is one step, then each of three points
    # then stops at the end of the talk: the appendix (slide 3) is not run into
    assert walk(Cursor(deck())) == [(0, 0), (1, 0), (1, 1), (1, 2), (1, 3), (1, 4), (2, 0)]


def test_the_appendix_is_reached_by_last_twice_and_moves_as_anywhere():
    end = Cursor(deck(), 2, 0)
    assert end.at_end_of_talk and end.next() is None
    start = Cursor(deck())
    assert (start.last().index, start.last().last().index) == (2, 3)
    appendix = end.at(3)
    assert not appendix.at_end_of_talk and appendix.previous() is not None and appendix.previous().index == 2


def test_a_claim_the_audience_filter_hides_is_not_a_step():
    assert walk(Cursor(deck(), minimum=Confidence.REPORTED)) == [(0, 0), (1, 0), (1, 1), (1, 2), (1, 3), (2, 0)]


def test_previous_hides_the_last_step_then_lands_on_the_previous_slide_complete():
    cursor = Cursor(deck(), 2, 0).previous()
    assert cursor is not None and (cursor.index, cursor.step) == (1, 4)
    assert Cursor(deck()).previous() is None


def test_last_goes_to_the_end_of_the_talk_then_to_the_appendix():
    assert Cursor(deck()).last().index == 2
    assert Cursor(deck(), 2).last().index == 3


def test_go_to_lands_complete_and_within_the_deck():
    assert (Cursor(deck()).at(1).step, Cursor(deck()).at(99).index, Cursor(deck()).at(1, 99).step) == (4, 3, 4)


def test_a_reload_follows_the_slide_by_title():
    old = deck()
    new = parse_deck(TEXT.replace("  - title: Plain", "  - title: New\n    confidence: reported\n    notes: n\n  - title: Plain"), "t.yaml").deck
    assert new is not None and follow(old, 2, new) == 3
