"""`<!-- pause -->` wherever a talk writes it: in the body (also as a list item, also first), in a column's
body, and among the points (presenterm's habit). Each is a step, in the presenter and the HTML export,
and never shows as text."""

from __future__ import annotations

import re

import pytest

from deck.core.loader import parse_deck
from deck.core.model import Confidence
from deck.core.reveal import last_step
from deck.core.view import view_slide
from deck.export import export_deck


def one_slide(fields: str):
    loaded = parse_deck(f"title: T\nslides:\n  - title: S\n{fields}", "t.yaml")
    assert loaded.deck is not None, loaded.diagnostics
    return loaded.deck, loaded.diagnostics


def shown(deck, step, minimum=None):
    view = view_slide(deck, 0, step=step, minimum=minimum)
    return view.body, [c.text for c in view.all_claims], [c.body for c in view.columns]


def test_a_pause_written_as_a_list_item_in_the_body_is_a_step():
    deck, _ = one_slide('    body: "- one\\n- <!-- pause -->\\n- two"\n')
    assert last_step(deck.slides[0]) == 1
    assert shown(deck, 0)[0] == "- one"
    assert shown(deck, 1)[0] == "- one\n\n- two"
    assert "&lt;!--" not in export_deck(deck, "html")


def test_a_pause_before_anything_opens_the_slide_on_its_title():
    deck, _ = one_slide('    body: "<!-- pause -->\\nHello"\n')
    assert last_step(deck.slides[0]) == 1
    assert shown(deck, 0)[0] is None and shown(deck, 1)[0] == "Hello"
    assert re.search(r'<div class="step" data-step="1"><p>Hello</p>', export_deck(deck, "html"))


def test_pauses_in_columns_step_after_the_bodys():
    deck, _ = one_slide(
        '    body: "x\\n\\n<!-- pause -->\\n\\ny"\n'
        "    columns:\n"
        '      - {title: Left, body: "a\\n\\n<!-- pause -->\\n\\nb"}\n'
        '      - {title: Right, body: "c"}\n'
    )
    assert last_step(deck.slides[0]) == 2
    assert shown(deck, 0) == ("x", [], ["a", "c"])
    assert shown(deck, 1) == ("x\n\ny", [], ["a", "c"])
    assert shown(deck, 2) == ("x\n\ny", [], ["a\n\nb", "c"])
    page = export_deck(deck, "html")
    assert '<div class="step" data-step="2"><p>b</p>' in page and "&lt;!-- pause" not in page


def test_a_pause_among_the_points_is_a_pause_not_a_point():
    deck, found = one_slide("    points:\n      - First\n      - <!-- pause -->\n      - Second\n      - Third\n")
    assert found == []  # deck check has nothing to say: it is a pause
    assert [p.text for p in deck.slides[0].points] == ["First", "Second", "Third"]
    assert last_step(deck.slides[0]) == 1
    assert shown(deck, 0)[1] == ["First"]
    assert shown(deck, 1)[1] == ["First", "Second", "Third"]
    assert '<li class="step" data-step="1">' in export_deck(deck, "html")
    for name in ("markdown", "marp", "pandoc", "reveal", "ledger", "csv", "json"):
        out = export_deck(deck, name)
        assert "<!-- pause" not in out and "&lt;!-- pause" not in out and '"text":"<!--' not in out, name


def test_a_group_the_filter_empties_is_no_step():
    deck, _ = one_slide(
        "    confidence: reported\n"
        "    points:\n"
        "      - A\n"
        "      - <!-- pause -->\n"
        "      - {text: B, confidence: unverified}\n"
        "      - <!-- pause -->\n"
        "      - C\n"
    )
    assert last_step(deck.slides[0]) == 2
    assert last_step(deck.slides[0], Confidence.REPORTED) == 1
    assert shown(deck, 0, Confidence.REPORTED)[1] == ["A"]
    assert shown(deck, 1, Confidence.REPORTED)[1] == ["A", "C"]


def test_a_pause_among_a_columns_points_is_said_and_dropped():
    loaded = parse_deck("title: T\nslides:\n  - title: S\n    columns:\n      - {title: L, points: [a, <!-- pause -->, b]}\n", "t.yaml")
    assert loaded.deck is not None
    assert [p.text for p in loaded.deck.slides[0].columns[0].points] == ["a", "b"]
    (warning,) = loaded.diagnostics
    assert (warning.line, warning.severity) == (5, "warning") and "write the column's words as its body" in warning.message


@pytest.mark.parametrize("marker", ["<!-- pause -->", "* <!-- pause -->", "  - <!--pause-->"])
def test_each_way_of_writing_the_marker(marker):
    deck, _ = one_slide(f'    body: "one\\n{marker}\\ntwo"\n')
    assert last_step(deck.slides[0]) == 1
