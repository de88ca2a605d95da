"""Editing in the app, through real files: live reload, the slide editor, conflicts, structural edits."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from textual.widgets import TextArea

from deck.core.cursor import follow
from deck.core.document import DeckDocument
from deck.core.loader import parse_deck
from deck.core.session import EditorNotFound, editor_command
from deck.tui.app import make_app
from deck.tui.screens.confirm import ConfirmScreen
from deck.tui.screens.editor import EditorScreen
from deck.tui.screens.presenter import PresenterScreen
from deck.tui.widgets.error_bar import ErrorBar

from ..conftest import notified, until

DECK = """\
# A deck with comments, which every edit must keep.
title: Editing deck
slides:
  - title: One   # the first
    confidence: reported
    notes: One notes.

  # between one and two
  - title: Two
    confidence: reported
    points:
      - a point
    notes: Two notes.
  - {title: Three, confidence: reported, notes: Three notes.}
"""


@pytest.fixture
def deck_path(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(DECK)
    return path


def app_for(path, watch=False, start=0):
    return make_app(DeckDocument.load(path), watch=watch, start=start, clock=lambda: 0.0, today=dt.date(2026, 4, 10))


def titles(app) -> list[str]:
    return [s.title for s in app.presenter.deck.slides]


def error_shown(app) -> str:
    """The error bar's text while it is shown, else ''."""
    bars = app.presenter.query(ErrorBar)
    return str(bars.first().content) if bars and bars.first().has_class("-shown") else ""


def messages(app) -> str:
    return " | ".join(notified(app))


class TestLiveReload:
    async def test_a_saved_edit_reloads_on_the_same_slide(self, deck_path):
        app = app_for(deck_path, watch=True, start=1)
        async with app.run_test(size=(120, 40)) as pilot:
            deck_path.write_text(DECK.replace("      - a point", "      - an edited point"))
            await until(pilot, lambda: "an edited point" in str(app.presenter.deck.slides[1].points))
            assert app.presenter.index == 1
            assert "Reloaded" in messages(app)

    async def test_a_broken_save_keeps_the_last_good_deck_until_fixed(self, deck_path):
        app = app_for(deck_path, watch=True, start=1)
        async with app.run_test(size=(120, 40)) as pilot:
            deck_path.write_text(DECK.replace("confidence: reported\n    points", "confidence: sure\n    points"))
            await until(pilot, lambda: error_shown(app))
            assert f"{deck_path}:10:17: error: unknown confidence 'sure'" in error_shown(app)
            assert titles(app) == ["One", "Two", "Three"] and app.presenter.index == 1
            deck_path.write_text(DECK.replace("title: Two", "title: Two fixed"))
            await until(pilot, lambda: not error_shown(app))
            assert titles(app) == ["One", "Two fixed", "Three"]

    async def test_a_half_written_file_does_not_crash(self, deck_path):
        app = app_for(deck_path, watch=True)
        async with app.run_test(size=(120, 40)) as pilot:
            deck_path.write_text(DECK[: DECK.index("  - title: Two") + 9])
            await until(pilot, lambda: error_shown(app) or titles(app) != ["One", "Two", "Three"])
            deck_path.write_text(DECK)
            await until(pilot, lambda: titles(app) == ["One", "Two", "Three"] and not error_shown(app))

    async def test_reordered_slides_are_followed_by_title(self, deck_path):
        app = app_for(deck_path, watch=True, start=1)  # on "Two"
        async with app.run_test(size=(120, 40)) as pilot:
            moved = DECK.replace("  - {title: Three, confidence: reported, notes: Three notes.}\n", "")
            moved = moved.replace("slides:\n", "slides:\n  - {title: Three, confidence: reported, notes: Three notes.}\n")
            deck_path.write_text(moved)
            await until(pilot, lambda: titles(app) == ["Three", "One", "Two"])
            assert app.presenter.index == 2

    async def test_an_edit_of_one_slide_rereads_that_slide_and_later_edits_land_in_place(self, deck_path, monkeypatch):
        from deck.tui import watcher

        answers = []
        reparse = watcher.reparse
        monkeypatch.setattr(watcher, "reparse", lambda *args: answers.append(reparse(*args)) or answers[-1])
        app = app_for(deck_path, watch=True, start=2)
        async with app.run_test(size=(120, 40)) as pilot:
            edited = DECK.replace("      - a point\n", "      - a point\n      - a second point\n")
            deck_path.write_text(edited)
            await until(pilot, lambda: len(app.presenter.deck.slides[1].points) == 2)
            assert answers and answers[-1] is not None  # only slide Two was read again
            assert app.document is not None and app.document.deck == parse_deck(edited, str(deck_path)).deck
            await pilot.press("D")  # duplicate "Three", a line further down now: the splice must find it there
            await until(pilot, lambda: len(titles(app)) == 4)
            three = "  - {title: Three, confidence: reported, notes: Three notes.}\n"
            assert deck_path.read_text() == edited.replace(three, three + three)

    async def test_no_watch(self, deck_path):
        app = app_for(deck_path, watch=False)
        async with app.run_test(size=(120, 40)) as pilot:
            assert not [w for w in app.workers if w.group == "watch"]
            await pilot.pause()


def test_follow_by_title_then_position():
    old = parse_deck(DECK).deck
    new = parse_deck(DECK.replace("title: Two", "title: Renamed")).deck
    assert follow(old, 2, new) == 2
    assert follow(old, 1, new) == 1  # not found by title: same position


class TestSlideEditor:
    async def test_edit_and_save_changes_only_that_slide(self, deck_path):
        app = app_for(deck_path, start=1)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, EditorScreen)
            area = editor.query_one(TextArea)
            assert area.text == "title: Two\nconfidence: reported\npoints:\n  - a point\nnotes: Two notes."
            area.replace("Deux", (0, 7), (0, 10))
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert deck_path.read_text() == DECK.replace("title: Two", "title: Deux")
            assert titles(app) == ["One", "Deux", "Three"]
            await pilot.press("escape")
            assert isinstance(app.screen, PresenterScreen) and app.screen.index == 1

    async def test_an_invalid_save_is_refused_with_the_error_at_its_line(self, deck_path):
        app = app_for(deck_path, start=1)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            area = app.screen.query_one(TextArea)
            area.replace("sure", (1, 12), (1, 20))
            await pilot.press("ctrl+s")
            panel = app.screen.query_one("#editor-problems")
            await until(pilot, lambda: "Not saved" in str(panel.content))  # the save's answer, from its worker
            assert deck_path.read_text() == DECK
            problems = str(panel.content)
            assert problems.startswith("Not saved: the deck would be invalid.") and "line 2: error: unknown confidence 'sure'" in problems
            assert "Not saved" not in messages(app)  # said under the text, not in a toast that would lie over it

    async def test_checked_as_you_type(self, deck_path):
        app = app_for(deck_path, start=1)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            area = app.screen.query_one(TextArea)
            area.move_cursor((4, 0))
            await pilot.press(*"note: x", "enter")
            await until(pilot, lambda: "unknown key 'note'" in str(app.screen.query_one("#editor-problems").content))
            assert "line 5: error: unknown key 'note'" in str(app.screen.query_one("#editor-problems").content)

    async def test_escape_with_unsaved_changes_asks_first(self, deck_path):
        app = app_for(deck_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("end", *" changed")
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.click("#answer-keep")
            await pilot.pause()
            assert isinstance(app.screen, EditorScreen)
            await pilot.press("escape")
            await pilot.pause()
            await pilot.click("#answer-discard")
            await pilot.pause()
            assert isinstance(app.screen, PresenterScreen)
            assert deck_path.read_text() == DECK

    async def test_the_arrow_keys_move_between_a_questions_answers(self, deck_path):
        """Found by a newcomer: in the delete dialog, → then Enter kept the slide (→ did nothing)."""
        app = app_for(deck_path, start=1)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("X")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen) and app.screen.focused is not None
            assert app.screen.focused.id == "answer-keep"  # the safe answer first
            await pilot.press("right")
            assert app.screen.focused.id == "answer-delete"
            await pilot.press("left")
            assert app.screen.focused.id == "answer-keep"
            await pilot.press("right", "enter")
            await until(pilot, lambda: titles(app) == ["One", "Three"])

    async def test_quitting_with_unsaved_edits_asks_first(self, deck_path):
        app = app_for(deck_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            await pilot.press("end", *"x")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen) and app.is_running
            await pilot.click("#answer-quit")
            await pilot.pause()
        assert deck_path.read_text() == DECK

    async def test_a_file_changed_on_disk_is_not_overwritten_without_asking(self, deck_path):
        app = app_for(deck_path, start=2)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one(TextArea).replace("Drei", (0, 8), (0, 13))
            other = DECK.replace("title: One", "title: One, edited elsewhere")
            deck_path.write_text(other)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert deck_path.read_text() == other
            await pilot.click("#answer-reload")
            await pilot.pause()
            editor = app.screen
            assert isinstance(editor, EditorScreen) and "Drei" in editor.source
            assert titles(app)[0] == "One, edited elsewhere"
            await pilot.press("ctrl+s")  # now on top of the other change
            await pilot.pause()
            assert deck_path.read_text() == other.replace("{title: Three", "{title: Drei")

    async def test_overwrite_after_a_conflict(self, deck_path):
        app = app_for(deck_path, start=2)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one(TextArea).replace("Drei", (0, 8), (0, 13))
            deck_path.write_text(DECK.replace("title: One", "title: Elsewhere"))
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.click("#answer-overwrite")
            await pilot.pause()
            assert deck_path.read_text() == DECK.replace("{title: Three", "{title: Drei")


class TestStructuralEdits:
    async def test_add_duplicate_move_and_delete(self, deck_path):
        # each edit is saved by a worker: wait for what it shows, never a bare pause (it failed on a busy machine)
        app = app_for(deck_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("a")
            await until(pilot, lambda: titles(app) == ["One", "New slide", "Two", "Three"])
            assert app.screen.index == 1
            await pilot.press("D")
            await until(pilot, lambda: titles(app) == ["One", "New slide", "New slide", "Two", "Three"])
            await pilot.press("X")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.click("#answer-delete")
            await until(pilot, lambda: titles(app) == ["One", "New slide", "Two", "Three"])
            assert app.screen.index == 2  # the next slide moves up
            await pilot.press("left", "X")
            await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
            await pilot.click("#answer-delete")
            await until(pilot, lambda: titles(app) == ["One", "Two", "Three"])
            await until(pilot, lambda: deck_path.read_text() == DECK)  # every byte back
            await pilot.press("home", "right_square_bracket")
            await until(pilot, lambda: titles(app) == ["Two", "One", "Three"])
            assert app.screen.index == 1
            await pilot.press("left_square_bracket")
            await until(pilot, lambda: deck_path.read_text() == DECK)

    async def test_delete_asks_and_can_be_refused(self, deck_path):
        app = app_for(deck_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("X")
            await pilot.pause()
            await pilot.click("#answer-keep")
            await pilot.pause()
            assert deck_path.read_text() == DECK


async def test_the_bundled_briefing_says_how_to_make_an_editable_copy(monkeypatch):
    from deck.core.paths import bundled_deck

    monkeypatch.setattr("deck.core.document.is_bundled", lambda path: True)
    app = make_app(DeckDocument.load(bundled_deck()), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen)
        assert "deck new my-briefing.yaml --from-bundled" in messages(app)


def fake_programs(folder, *names):
    """Executables named `names` in `folder`: a PATH on which exactly these editors are installed."""
    for name in names:
        program = folder / name
        program.write_text("#!/bin/sh\nexit 0\n")
        program.chmod(0o755)
    return str(folder)


def test_editor_command_uses_visual_then_editor_and_passes_the_line_only_to_editors_that_take_it(tmp_path):
    path = tmp_path / "d.yaml"
    bin_dir = fake_programs(tmp_path, "code", "nano", "vi", "gedit")
    assert editor_command(path, 12, {"VISUAL": "code --wait", "EDITOR": "nano", "PATH": bin_dir}) == ["code", "--wait", "--goto", f"{path}:12"]
    assert editor_command(path, 3, {"EDITOR": "nano", "PATH": bin_dir}) == ["nano", "+3", str(path)]
    assert editor_command(path, 1, {"PATH": bin_dir}) == ["vi", "+1", str(path)]
    assert editor_command(path, 7, {"EDITOR": "gedit", "PATH": bin_dir}) == ["gedit", str(path)]  # not '+7', a file name to gedit


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"EDITOR": "nonexistent"}, "'nonexistent' is not installed"),
        ({"VISUAL": "vim --typo 'unclosed"}, "cannot read $VISUAL"),
        ({}, "no $VISUAL or $EDITOR is set, and 'vi' is not installed"),
    ],
)
def test_an_editor_that_cannot_start_is_found_out_before_the_terminal_is_handed_over(tmp_path, environ, expected):
    with pytest.raises(EditorNotFound, match=re.escape(expected)):
        editor_command(tmp_path / "d.yaml", 1, {**environ, "PATH": str(tmp_path)})


async def test_an_editor_that_cannot_start_leaves_the_presenter_running(deck_path, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITOR", "nonexistent-editor")
    monkeypatch.delenv("VISUAL", raising=False)
    app = app_for(deck_path, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        assert "'nonexistent-editor' is not installed" in messages(app)
        await pilot.press("right")
        assert app.presenter.index == 2  # still answering keys


async def rename_two_then_reload_and_save(deck_path, other: str):
    """Edit slide "Two" to "Deux"; meanwhile `other` is saved to disk; choose Reload, then save again."""
    app = app_for(deck_path, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(TextArea).replace("Deux", (0, 7), (0, 10))
        deck_path.write_text(other)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#answer-reload")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        return app, [s.title for s in app.presenter.deck.slides]


async def test_after_reload_the_editor_follows_its_slide_when_others_were_inserted(deck_path):
    other = DECK.replace("slides:\n", "slides:\n  - {title: Zero, confidence: reported, notes: z}\n")
    _, titles = await rename_two_then_reload_and_save(deck_path, other)
    assert deck_path.read_text() == other.replace("title: Two", "title: Deux")
    assert titles == ["Zero", "One", "Deux", "Three"]


async def test_after_reload_an_edit_of_a_slide_that_is_gone_cannot_be_saved(deck_path):
    other = DECK.replace("title: Two", "title: Renamed elsewhere")
    app, _ = await rename_two_then_reload_and_save(deck_path, other)
    assert deck_path.read_text() == other
    assert any("no longer in the file" in m for m in notified(app))


async def test_an_edit_in_the_external_editor_is_said_once(deck_path):
    """After `E`, the watcher saw the save and said "Reloaded", then the app read the file again and said
    "The file was not changed": two reload paths. The watcher is now the only one."""
    app = app_for(deck_path, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app._asked = (app.document.text, True)  # as `E` does before it hands the terminal to the editor
        saved = deck_path.with_name("saved.yaml")
        saved.write_text(DECK.replace("title: One", "title: Uno"))
        saved.rename(deck_path)  # the editor saves while the presenter waits
        await until(pilot, lambda: titles(app)[0] == "Uno")  # taken in while the editor is open
        app.reload_from_disk()  # the editor has closed
        await until(pilot, lambda: app._asked is None)  # the asked-for read has been answered
        await pilot.pause()
        assert [n for n in notified(app) if "Reloaded" in n or "not changed" in n] == ["Reloaded"]


async def test_reload_after_the_editor_changed_nothing_says_so(deck_path):
    app = app_for(deck_path)  # not watching: the app reads the file once when asked
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.reload_from_disk()
        await until(pilot, lambda: app._asked is None)
        assert "The file was not changed" in notified(app) and "Reloaded" not in notified(app)


async def test_an_unforeseen_failure_in_a_save_is_reported_and_frees_the_save(deck_path, monkeypatch):
    from deck.core import session

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(session, "structural", broken)
    app = app_for(deck_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("D")  # duplicate the slide
        await until(pilot, lambda: any("Not saved (RuntimeError: boom)" in n for n in notified(app)))
        assert not app.saving and app.is_running
        assert deck_path.read_text() == DECK
