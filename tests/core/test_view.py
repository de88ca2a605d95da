"""The view of a slide (deck/core/view.py): the one answer every renderer formats."""

from __future__ import annotations

import re

import pytest

from deck.core.loader import load_deck, parse_deck
from deck.core.model import Confidence
from deck.core.view import view_slide
from deck.export import ExportOptions, export_deck

from ..conftest import ROOT

RULES = ROOT / "tests" / "decks" / "view-rules.yaml"
PACING = ROOT / "tests" / "decks" / "pacing.yaml"


def test_a_claim_says_its_level_in_words_only_where_it_differs_from_the_badge():
    view = view_slide(load_deck(RULES), 0)
    assert view.badge is Confidence.SPECULATIVE
    fact, rumour, estimate = view.claims
    assert (fact.shape, fact.word, fact.refs) == ("●", Confidence.CONFIRMED, (1,))
    assert (rumour.shape, rumour.word, rumour.refs) == ("○", Confidence.UNVERIFIED, (2,))
    assert (estimate.shape, estimate.word, estimate.refs) == ("•", None, ())


def test_under_the_filter_a_hidden_main_message_takes_its_badge_with_it():
    """The badge is the label of the slide's main message: where the filter hides that, no badge stands
    for it, and each claim still shown says its own level."""
    view = view_slide(load_deck(RULES), 0, minimum=Confidence.UNVERIFIED)
    assert view.badge is None
    assert [c.text for c in view.claims] == ["A fact", "A rumour"]
    assert [c.word for c in view.claims] == [Confidence.CONFIRMED, Confidence.UNVERIFIED]
    assert (view.hidden, view.hidden_levels) == (1, (Confidence.SPECULATIVE,))
    assert view.sources == ((1, "paper"), (2, "leak"))  # numbered as unfiltered


UNVERIFIED_SLIDE = (
    "title: T\nsources: {p: {title: P}, l: {title: L}}\nslides:\n  - title: S\n    confidence: unverified\n    notes: n\n    points:\n"
    "      - {text: A fact, confidence: confirmed, sources: [p]}\n      - {text: A rumour, confidence: unverified, sources: [l]}\n"
    "      - {text: A guess, confidence: speculative}\n"
)


@pytest.mark.parametrize("format_name", ["marp", "pandoc", "markdown", "reveal", "html"])
def test_no_export_repeats_the_badge_in_words_under_the_filter(format_name):
    """Marp, pandoc, reveal and the handout printed 'A rumour *(unverified)*' on a slide labelled
    UNVERIFIED under --min-confidence unverified; HTML did not."""
    deck = parse_deck(UNVERIFIED_SLIDE, "t.yaml").deck
    text = export_deck(deck, format_name, ExportOptions(min_confidence=Confidence.UNVERIFIED))
    assert "A rumour" in text and "A guess" not in text
    assert not re.search(r"A rumour[^\n]*unverified", text)
    assert re.search(r"A fact[^\n]*confirmed", text)


def test_two_columns_with_one_title_keep_their_own_widths():
    view = view_slide(load_deck(RULES), 1)
    assert [(c.title, c.width) for c in view.columns] == [("Same", 3), ("Same", 1)]
    pandoc = export_deck(load_deck(RULES), "pandoc")
    assert pandoc.index('width="75%"') < pandoc.index("The wide one") < pandoc.index('width="25%"') < pandoc.index("The narrow one")
    assert "grid-template-columns:3fr 1fr" in export_deck(load_deck(RULES), "html")


def test_a_reveal_slide_shows_its_claims_and_their_sources_step_by_step():
    deck = parse_deck(
        "title: T\nsources:\n  a: {title: A}\n  b: {title: B}\nslides:\n"
        "  - title: S\n    confidence: reported\n    reveal: true\n    notes: n\n"
        "    points:\n      - {text: one, sources: [a]}\n      - {text: two, sources: [b]}\n",
        "t.yaml",
    ).deck
    assert deck is not None
    first = view_slide(deck, 0, step=0)
    assert (first.step, first.last_step, first.claims, first.sources) == (0, 2, (), ())
    second = view_slide(deck, 0, step=1)
    assert [c.text for c in second.claims] == ["one"] and second.sources == ((1, "a"),)
    whole = view_slide(deck, 0)
    assert whole.complete and [c.step for c in whole.claims] == [1, 2] and whole.sources == ((1, "a"), (2, "b"))


def test_a_continuation_page_keeps_its_slides_numbers():
    import dataclasses

    deck = load_deck(RULES)
    slide = deck.slides[0]
    part = dataclasses.replace(slide, points=slide.points[1:])
    view = view_slide(deck, 0, part=part)
    assert [c.refs for c in view.claims] == [(2,), ()]  # [2] as on the whole slide, not [1]


def test_a_title_slide_makes_no_claims():
    deck = load_deck(PACING)
    index = next(i for i, s in enumerate(deck.slides) if s.layout is not None)
    view = view_slide(deck, index, minimum=Confidence.CONFIRMED)
    assert view.divider and view.badge is None and view.claims == () and view.last_step == 0


def test_a_reveal_slide_at_step_0_shows_no_sources_under_nothing():
    """Found by a newcomer: a reveal slide with no body opened on its sources alone."""
    loaded = parse_deck(
        "title: T\nsources:\n  s: {title: A source, kind: press}\nslides:\n"
        "  - {title: R, confidence: reported, reveal: true, points: [one, two], sources: [s]}\n",
        "t.yaml",
    )
    assert loaded.deck is not None
    assert view_slide(loaded.deck, 0, step=0).sources == ()
    assert view_slide(loaded.deck, 0, step=1).sources == ((1, "s"),)
