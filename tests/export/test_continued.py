"""A slide too long for one printed page, printed as pages ("… (cont.)" after the first): cut between
blocks, list items and points, and inside a code listing between its lines; nothing lost or repeated, and
the screen still shows the one slide (it scrolls)."""

from __future__ import annotations

import re

import pytest

from deck.core.loader import parse_deck
from deck.core.model import Confidence
from deck.export import ExportOptions, export_deck
from deck.export.continued import pages


def deck_of(slide: str):
    result = parse_deck("title: T\nsources:\n  src: A source\nslides:\n" + slide, "talk.yaml")
    assert result.deck is not None, [str(d) for d in result.diagnostics]
    return result.deck


def test_a_short_slide_is_one_page():
    deck = deck_of("  - title: S\n    points: [a, b]\n")
    assert pages(deck.slides[0], "S", lambda piece: True) == [deck.slides[0]]


def test_points_and_list_items_are_cut_between_never_lost_or_repeated():
    body = "\n".join(f"      - item {n}" for n in range(30))
    points = "\n".join(f"      - point {n}" for n in range(30))
    deck = deck_of(f"  - title: Many\n    subtitle: Sub\n    body: |\n{body}\n    points:\n{points}\n")
    found = pages(deck.slides[0], "Many", lambda piece: len((piece.body or "").splitlines()) + len(piece.points) <= 12)
    assert [p.title for p in found] == ["Many"] + ["Many (cont.)"] * (len(found) - 1)
    assert found[0].subtitle == "Sub" and all(p.subtitle is None for p in found[1:])
    items = [line for p in found for line in (p.body or "").splitlines()]
    assert items == [f"- item {n}" for n in range(30)]  # each page's items one tight list
    assert [point.text for p in found for point in p.points] == [f"point {n}" for n in range(30)]


def test_a_long_listing_goes_on_in_one_code_block_per_page():
    code = "\n".join(f"      line {n}" for n in range(50))
    deck = deck_of(f"  - title: Code\n    body: |\n      Before.\n\n      ```python\n{code}\n      ```\n\n      After.\n")
    found = pages(deck.slides[0], "Code", lambda piece: len((piece.body or "").splitlines()) <= 16)
    assert len(found) > 3
    for piece in found:
        text = piece.body or ""
        closing = sum(1 for line in text.splitlines() if line == "```")
        assert text.count("```python") == closing == (1 if "line" in text else 0)  # each page's lines in one block
    lines = [int(n) for p in found for n in re.findall(r"^line (\d+)$", p.body or "", re.M)]
    assert lines == list(range(50))
    assert found[0].body.startswith("Before.") and found[-1].body.endswith("After.")


def test_the_html_page_shows_the_one_slide_and_prints_its_pages():
    code = "\n".join(f"      line {n} of a listing" for n in range(150))
    deck = deck_of(f"  - title: Listing\n    sources: [src]\n    body: |\n      ```text\n{code}\n      ```\n")
    page = export_deck(deck, "html")
    assert page.count('<section class="slide') == 1 and 'class="slide long paged"' in page  # the screen's one slide
    printed = re.findall(r'<section class="print-page slide[^"]*"[^>]*>\s*<div class="content">\s*<header><h2>([^<]*)</h2>', page)
    assert printed[0] == "Listing" and set(printed[1:]) == {"Listing (cont.)"} and len(printed) > 2


@pytest.mark.parametrize("name", ["marp", "reveal", "pandoc"])
def test_a_split_slide_shares_out_the_points_the_filter_shows_and_keeps_its_notes_first(name):
    # a fresh review: with --min-confidence the first '(cont.)' piece held only hidden points, and pandoc put
    # the notes on the last piece
    weak = "".join(f"      - {{text: 'speculation number {n} goes on for a while to fill the line', confidence: speculative}}\n" for n in range(30))
    strong = "".join(
        f"      - {{text: 'a confirmed point, number {n}, written long enough to need two lines on a slide', confidence: confirmed}}\n"
        for n in range(30)
    )
    deck = parse_deck(
        f"title: T\nslides:\n  - title: Dense\n    confidence: reported\n    notes: The notes.\n    points:\n{weak}{strong}", "t.yaml"
    ).deck
    text = export_deck(deck, name, ExportOptions(min_confidence=Confidence.REPORTED))
    heading = "## Dense" if name != "pandoc" else "## Dense {"
    pieces = re.split(r"^## ", text, flags=re.M)[1:]
    assert len(pieces) >= 2 and pieces[0].startswith(heading[3:])
    assert "a confirmed point, number 0," in pieces[0]  # the first piece shows points, not only 'left out'
    assert "The notes." in pieces[0] and all("The notes." not in piece for piece in pieces[1:])
