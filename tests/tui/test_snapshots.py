"""SVG snapshots of what the eye must see. The clock and the date are frozen so they are stable.

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`, and review the diff.
"""

from __future__ import annotations

import datetime as dt

import pytest

from deck.core.diagnostics import Diagnostic
from deck.core.document import DeckDocument
from deck.core.loader import load_deck
from deck.tui.app import make_app

from ..conftest import ROOT, until

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


# -- every other screen ----------------------------------------------------------------------------


def editable_showcase(tmp_path):
    """The showcase as a file of its own (the editor, dialogs and watcher work on a file)."""
    path = tmp_path / "showcase.yaml"
    path.write_text(SHOWCASE.read_text(encoding="utf-8"), encoding="utf-8")
    return DeckDocument.load(path)


def test_notes_below_the_slide_at_80x24(snap_compare):
    assert snap_compare(showcase_app(notes=True, start=1), terminal_size=(80, 24))


def test_centred_on_a_wide_terminal(snap_compare):
    assert snap_compare(showcase_app(start=1), terminal_size=(200, 60))


def test_after_a_theme_switch(snap_compare):
    async def switch(pilot):
        pilot.app.theme = "light"
        await pilot.pause()

    assert snap_compare(showcase_app(start=1), terminal_size=SIZE, run_before=switch)


def test_read_only_help_lists_no_edit_keys(snap_compare, tmp_path):
    app = make_app(editable_showcase(tmp_path), read_only=True, clock=lambda: 0.0, today=dt.date(2026, 4, 10))
    assert snap_compare(app, terminal_size=SIZE, press=["question_mark"])


def test_error_bar(snap_compare, tmp_path):
    document = editable_showcase(tmp_path)

    async def broken_on_disk(pilot):
        errors = [
            Diagnostic(12, 17, "unknown confidence 'sure' (expected one of: confirmed, reported, unverified, speculative)", path="showcase.yaml")
        ]
        errors.append(Diagnostic(30, 3, "unknown key 'note' in slide 3 — did you mean 'notes'?", path="showcase.yaml"))
        pilot.app.presenter.show_errors(errors)
        await pilot.pause()

    assert snap_compare(make_app(document, clock=lambda: 0.0, today=dt.date(2026, 4, 10), start=1), terminal_size=SIZE, run_before=broken_on_disk)


async def _editor_checked(pilot):
    from deck.tui.screens.editor import EditorScreen

    await until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, EditorScreen)
            and "valid" in str(pilot.app.screen.query_one("#editor-problems").content)
            or bool(getattr(pilot.app.screen, "problems", []))
        ),
    )


def test_slide_editor_valid(snap_compare, tmp_path):
    async def open_editor(pilot):
        await pilot.press("e")
        await _editor_checked(pilot)

    app = make_app(editable_showcase(tmp_path), clock=lambda: 0.0, today=dt.date(2026, 4, 10), start=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=open_editor)


def test_slide_editor_with_errors(snap_compare, tmp_path):
    async def break_it(pilot):
        from textual.widgets import TextArea

        await pilot.press("e")
        await _editor_checked(pilot)
        area = pilot.app.screen.query_one(TextArea)
        area.text = area.text.replace("confidence: speculative", "confidence: sure").replace("points:", "pionts:")
        await until(pilot, lambda: any(d.is_error for d in pilot.app.screen.problems))

    app = make_app(editable_showcase(tmp_path), clock=lambda: 0.0, today=dt.date(2026, 4, 10), start=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=break_it)


def test_conflict_dialog(snap_compare, tmp_path):
    document = editable_showcase(tmp_path)

    async def conflict(pilot):
        from textual.widgets import TextArea

        from deck.tui.screens.confirm import ConfirmScreen

        await pilot.press("e")
        await _editor_checked(pilot)
        area = pilot.app.screen.query_one(TextArea)
        area.text = area.text.replace("Points with their own labels", "Points, edited here")
        document.path.write_text(document.text.replace("Showcase deck\nsubtitle", "Showcase deck, edited elsewhere\nsubtitle"), encoding="utf-8")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))

    app = make_app(document, clock=lambda: 0.0, today=dt.date(2026, 4, 10), start=1)
    assert snap_compare(app, terminal_size=SIZE, run_before=conflict)


def speaker_app(tmp_path, **kwargs):
    from deck.tui.speaker_app import make_speaker_app

    return make_speaker_app(editable_showcase(tmp_path), clock=lambda: 0.0, wall_clock=lambda: 1_780_000_000.0, **kwargs)


def test_speaker_view(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")
    assert snap_compare(speaker_app(tmp_path), terminal_size=SIZE, press=["right"])


def test_speaker_view_help(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")
    assert snap_compare(speaker_app(tmp_path), terminal_size=SIZE, press=["question_mark"])


def test_speaker_view_after_a_theme_switch(snap_compare, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("TZ", "UTC")

    async def switch(pilot):
        pilot.app.theme = "light"
        await pilot.pause()

    assert snap_compare(speaker_app(tmp_path), terminal_size=SIZE, run_before=switch)


# -- pacing: title, section, a half-revealed slide, chrome hidden -----------------------------------
PACING = ROOT / "tests" / "decks" / "pacing.yaml"


def pacing_app(**kwargs):
    return make_app(load_deck(PACING), clock=lambda: 0.0, today=dt.date(2026, 11, 29), **kwargs)


def test_title_layout_slide(snap_compare):
    assert snap_compare(pacing_app(), terminal_size=SIZE)


def test_section_layout_slide(snap_compare):
    assert snap_compare(pacing_app(start=1), terminal_size=SIZE)


def test_half_revealed_slide(snap_compare):
    assert snap_compare(pacing_app(start=1), terminal_size=SIZE, press=["right", "right", "right"])


def test_chrome_hidden(snap_compare):
    assert snap_compare(pacing_app(start=3), terminal_size=SIZE, press=["z"])


FIGURES = ROOT / "tests" / "decks" / "figures.yaml"


@pytest.mark.parametrize("theme", ["dark", "mono"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("slide", [0, 2, 3, 5], ids=["bar-chart", "timeline", "image-fallback", "column-chart"])
def test_pictures(snap_compare, monkeypatch, slide, size, theme):
    """A bar chart, a timeline, a column chart and an image's alt text where it cannot be drawn (textual-image not asked:
    the same in every run, whichever test imported it first)."""
    import sys

    from deck.tui.widgets.picture import IMAGE_MODULE

    monkeypatch.delitem(sys.modules, IMAGE_MODULE, raising=False)
    app = make_app(load_deck(FIGURES), clock=lambda: 0.0, today=dt.date(2026, 4, 10), theme=theme, start=slide)
    assert snap_compare(app, terminal_size=size)
