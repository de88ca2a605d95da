"""SVG snapshots of what the eye must see. The clock and the date are frozen so they are stable.

Update after a deliberate change with `pytest tests/test_snapshots.py --snapshot-update`, and review the diff.
"""

from __future__ import annotations

import datetime as dt

import pytest

from deck.app import make_app
from deck.loader import load_deck

from .conftest import ROOT

SIZE = (120, 40)
SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"


def showcase_app(**kwargs):
    kwargs.setdefault("clock", lambda: 0.0)
    kwargs.setdefault("today", dt.date(2026, 4, 10))
    return make_app(load_deck(SHOWCASE), **kwargs)


def test_title_slide(snap_compare):
    assert snap_compare(showcase_app(), terminal_size=SIZE)


def test_content_slide_with_notes(snap_compare):
    assert snap_compare(showcase_app(notes=True, start=1), terminal_size=SIZE)


def test_overview(snap_compare):
    assert snap_compare(showcase_app(start=2), terminal_size=SIZE, press=["o"])


def test_columns_slide(snap_compare):
    assert snap_compare(showcase_app(start=2), terminal_size=SIZE)


def test_body_with_table_and_code(snap_compare):
    assert snap_compare(showcase_app(start=3), terminal_size=SIZE)


def test_help_screen(snap_compare):
    assert snap_compare(showcase_app(), terminal_size=SIZE, press=["question_mark"])


@pytest.mark.parametrize("theme", ["dark", "light", "high-contrast", "mono"])
def test_each_theme(snap_compare, theme):
    assert snap_compare(showcase_app(theme=theme, start=1), terminal_size=SIZE)


def test_tiny_terminal(snap_compare):
    assert snap_compare(showcase_app(start=1), terminal_size=(40, 12))


def test_stale_status_and_filter(snap_compare):
    app = showcase_app(today=dt.date(2026, 11, 29), start=1)
    assert snap_compare(app, terminal_size=SIZE, press=["c"])
