"""Faults a live talk meets: each tested as the presenter shows it."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.widgets import Static

from deck.core import edit
from deck.core.document import DeckDocument
from deck.core.loader import load_deck, parse_deck
from deck.core.model import Confidence
from deck.export import ExportOptions, export_deck
from deck.tui.app import make_app
from deck.tui.inline import inline_text
from deck.tui.screens.confirm import ConfirmScreen
from deck.tui.watcher import SETTLE_POLLS, DeckFileChanged, Settling
from deck.tui.widgets.error_bar import ErrorBar

from ..conftest import ROOT, notified, until

AWKWARD = ROOT / "tests" / "decks" / "presenter-awkward.yaml"
SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"


def screen_text(app, selector: str = "#slide-content, #slide-tail", width: int = 200) -> str:
    """What the widgets `selector` names show, as plain text (by default the slide's content and, below its
    image, its sources)."""
    console = Console(width=width, color_system=None)
    with console.capture() as capture:
        for widget in app.presenter.query(selector):
            console.print(widget.content if isinstance(widget, Static) else widget.render(), markup=False)
    return capture.get()


def overlaps(a, b) -> bool:
    return a.region.overlaps(b.region)


# -- nothing docked paints over anything else ---------------------------------------------------
async def test_the_error_bar_shows_its_whole_message_above_the_status_and_key_bars(tmp_path):
    document = DeckDocument.load(SHOWCASE)
    app = make_app(document, clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        errors = parse_deck("title: T\nslides:\n  - {title: A, confidence: sure}\n  - {title: B, confidence: sure}\n", "talk.yaml").errors
        app.presenter.show_errors(errors)
        await pilot.pause()
        bar = app.presenter.query_one(ErrorBar)
        for other in ("#status", "#keys"):
            assert not overlaps(bar, app.presenter.query_one(other))
        assert "(+1 more)" in str(bar.content) and "showing the last good version" in str(bar.content)
        assert bar.region.height >= 2  # the message wraps at 80 columns and still shows whole


async def test_the_speaker_views_clock_is_not_under_its_key_bar(tmp_path, monkeypatch):
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    app = make_speaker_app(DeckDocument.load(SHOWCASE), clock=lambda: 0.0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        speaker = app.speaker
        clock, keys = speaker.query_one("#speaker-clock"), speaker.query_one("#keys")
        assert clock.region.height == 1 and not overlaps(clock, keys)
        assert "go to: 4" in str(clock.render())


# -- typed digits count only until the next move, Escape or a pause ------------------------------
async def test_a_move_forgets_typed_digits():
    app = make_app(load_deck(SHOWCASE), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "right", "right", "2", "enter")
        assert app.presenter.index == 1  # slide 2, not slide 12


async def test_typed_digits_are_forgotten_after_a_pause():
    # the real 3 s pause: a shorter one could run out on a busy machine before the first assertion
    app = make_app(load_deck(SHOWCASE), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert app.presenter.typed == "3"
        await until(pilot, lambda: app.presenter.typed == "")
        assert "go to" not in screen_text(app, "#status")  # shown only while it counts


# -- a point is one line of inline text -----------------------------------------------------------
@pytest.mark.parametrize("point", ["1. Install the CLI", "# of GPUs: 8", "- starts with a dash", "> not a quote", "+ plus"])
def test_points_that_look_like_blocks_stay_text(point):
    assert inline_text(point).plain == point


def test_inline_markdown_in_points_is_styled_not_shown():
    text = inline_text("**Cost:** about `$0`, see [the docs](https://example.com/docs)")
    assert text.plain == "Cost: about $0, see the docs"
    assert any(span.style and "bold" in str(span.style) for span in text.spans)


async def test_awkward_points_keep_their_words_on_screen():
    app = make_app(load_deck(AWKWARD), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        for words in ("1. Install the CLI", "# of GPUs: 8", "- starts with a dash", "> not a quote", "Cost: about $0"):
            assert words in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 60)])
async def test_the_awkward_deck_presents_at_every_size(size):
    app = make_app(load_deck(AWKWARD), clock=lambda: 0.0)
    async with app.run_test(size=size) as pilot:
        for _ in range(3):
            await pilot.pause()
            content = app.presenter.query_one("#slide-content")
            assert content.region.width <= 110 and content.region.right <= size[0]  # a readable width, on screen
            await pilot.press("right")
        assert app.presenter.index == 2
        assert "深度求索发布了新模型" in screen_text(app) and "Launch 🚀 soon" in screen_text(app)


async def test_slides_are_centred_on_a_wide_terminal():
    app = make_app(load_deck(SHOWCASE), clock=lambda: 0.0)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        content = app.presenter.query_one("#slide-content").region
        left, right = content.x, 200 - content.right
        assert content.width == 110 and abs(left - right) <= 2


# -- a write in steps is followed from before its first step ------------------------------------
def test_a_changed_file_is_read_only_once_it_holds_still():
    settling = Settling()
    assert not settling.observe((1, 10, 7))  # changed: wait
    assert settling.observe((1, 10, 7)) if SETTLE_POLLS == 2 else True
    assert not settling.observe((1, 10, 7))  # read already
    assert not settling.observe((2, 20, 7))  # growing
    assert not settling.observe((3, 30, 7))  # still growing
    assert settling.observe((3, 30, 7))  # held still: read
    assert not settling.observe(None)  # gone mid-rename: nothing to read


async def test_a_transient_valid_file_does_not_move_the_presenter(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    document = DeckDocument.load(path)
    app = make_app(document, clock=lambda: 0.0, start=2)  # on "Confirmed against rumoured"
    async with app.run_test(size=(120, 40)) as pilot:
        full = document.text.replace("A launch is expected next month", "A launch is expected soon")
        # a writer's first step: a valid deck with only the first slide; the presenter has to land somewhere
        first_step = full[: full.index("  - title: Points with their own labels")]
        app.post_message(DeckFileChanged(path, first_step, parse_deck(first_step, str(path))))
        await pilot.pause()
        assert app.presenter.index == 0
        app.post_message(DeckFileChanged(path, full, parse_deck(full, str(path))))
        await pilot.pause()
        assert app.presenter.index == 2  # back where the talk was before the write began


# -- reload from disk says why not, where the user is ---------------------------------------------
async def test_reload_onto_a_broken_file_shows_its_errors_in_the_editor(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    document = DeckDocument.load(path)
    app = make_app(document, clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        from textual.widgets import TextArea

        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        area = editor.query_one(TextArea)
        area.text = area.text.replace("Points with their own labels", "Points, edited")
        path.write_text(document.text.replace("confidence: reported\n    subtitle", "confidence: sure\n    subtitle"))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()
        await pilot.click("#answer-reload")
        await until(pilot, lambda: "Not reloaded" in str(editor.query_one("#editor-problems").content))
        editor.check()  # a check of the typed text landing after it leaves the disk's errors in view
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "Not reloaded" in str(editor.query_one("#editor-problems").content)
        assert "unknown confidence 'sure'" in str(editor.query_one("#editor-problems").content)
        assert any("not reloaded" in m for m in notified(app))
        assert area.text.count("Points, edited") == 1  # what was typed is kept
        # fixed on disk, then saved: the editor no longer says the file was not reloaded (found by a newcomer)
        path.write_text(document.text)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "valid" in str(editor.query_one("#editor-problems").content))
        assert "Not reloaded" not in str(editor.query_one("#editor-problems").content)
        assert "Points, edited" in path.read_text()


async def test_a_structural_edit_conflict_is_worded_for_no_editor(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    document = DeckDocument.load(path)
    app = make_app(document, clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        path.write_text(document.text.replace("Showcase deck\nsubtitle", "Showcase, elsewhere\nsubtitle"))
        await pilot.press("D")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        question = str(app.screen.query_one("#confirm-question").render())
        assert "what you typed" not in question and "'Slide duplicated' was not done" in question


# -- hidden claims take their sources and badge along -------------------------------------------
async def test_the_filter_hides_the_sources_and_label_of_hidden_claims():
    app = make_app(load_deck(SHOWCASE), clock=lambda: 0.0, start=2)  # confirmed points on an unverified slide
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "c")  # hide speculative and unverified
        shown = screen_text(app)
        assert "A deleted forum post" not in shown  # cited only by the hidden rumours
        assert "Rumoured" not in shown  # the column heading left with nothing under it
        assert "A published paper" in shown
        heading = shown.splitlines()[0]  # the title, and beside it no badge: the slide's main message (unverified) is hidden
        assert "UNVERIFIED" not in heading and "CONFIRMED" not in heading and "●" in heading  # the mix of what shows: confirmed claims


def test_a_filtered_export_drops_unused_sources_and_empty_columns():
    deck = load_deck(SHOWCASE)
    options = ExportOptions(min_confidence=Confidence.REPORTED)
    for name in ("markdown", "marp", "pandoc", "reveal"):
        text = export_deck(deck, name, options)
        assert "A deleted forum post" not in text, name
        assert "Rumoured" not in text, name
    assert "A deleted forum post" in export_deck(deck, "markdown")


# -- the palette's export follows the filter and asks before replacing ---------------------------
async def test_palette_export_uses_the_filter_and_asks_before_replacing(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    target = tmp_path / "talk.handout.md"
    target.write_text("my own notes")
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "c")
        app.export_to("markdown")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()
        assert target.read_text() == "my own notes"
        await pilot.click("#answer-replace")
        await until(pilot, lambda: target.read_text() != "my own notes")
        assert "A deleted forum post" not in target.read_text()


async def test_palette_export_never_follows_a_planted_symlink(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA")
    (tmp_path / "talk.handout.md").symlink_to(victim)
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.export_to("markdown")
        await pilot.pause()
        assert victim.read_text() == "ssh-ed25519 AAAA"
        assert any("symbolic link" in m for m in notified(app))


# -- structural edits keep the file's layout and can be undone -----------------------------------
def test_an_added_slide_is_set_apart_like_the_others():
    text = "title: T\nslides:\n  - title: A\n    confidence: reported\n\n  - title: B\n    confidence: reported\n"
    deck = parse_deck(text).deck
    new = edit.insert_after(text, deck.slides[0].span, "title: N\nconfidence: reported\n")
    assert "reported\n\n  - title: N\n    confidence: reported\n\n  - title: B" in new
    again = parse_deck(new).deck
    assert edit.delete(new, again.slides, 1) == text  # and a delete takes its blank line with it


async def test_u_undoes_the_last_structural_edit_byte_for_byte(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    original = path.read_bytes()
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket")
        await until(pilot, lambda: path.read_bytes() != original)
        await pilot.press("u")
        await until(pilot, lambda: path.read_bytes() == original)
        assert app.presenter.deck.slides[1].title == "Points with their own labels"


# -- 9 and 12: the command line ---------------------------------------------------------------------
def test_deck_file_presents_that_file(monkeypatch):
    from deck import cli

    seen = {}
    monkeypatch.setattr(cli, "cmd_present", lambda args: seen.setdefault("args", args) and 0)
    assert cli.main([str(SHOWCASE), "--notes", "--slide", "2"]) == 0
    args = seen["args"]
    assert (args.path, args.notes, args.slide) == (str(SHOWCASE), True, 2)


def test_check_takes_several_files_and_json(capsys, tmp_path):
    import json

    from deck.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text("title: T\nslides:\n  - {title: A, confidence: likely, notes: n}\n")
    themed = tmp_path / "themed.yaml"
    themed.write_text("title: T\ntheme: drak\nslides:\n  - {title: A, confidence: reported, notes: n}\n")
    assert main(["check", str(SHOWCASE), str(bad), str(themed), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [r["ok"] for r in report] == [True, False, True]
    assert "'confidence: analysis' with 'likelihood: likely'" in report[1]["diagnostics"][0]["message"]  # a judgement word
    warning = report[2]["diagnostics"][0]
    assert (warning["line"], warning["col"], warning["severity"]) == (2, 8, "warning")
    assert "unknown theme 'drak' — did you mean 'dark'?" in warning["message"]


def test_check_says_a_repeated_fault_once_with_a_count(capsys, tmp_path):
    from deck.cli import main

    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("a: &a [x]\ntitle: T\nslides:\n" + "".join(f"  - {{title: S{i}, confidence: reported, points: *a}}\n" for i in range(40)))
    assert main(["check", str(bomb)]) == 1
    out = capsys.readouterr().out
    assert out.count("found alias '*a'") == 1
    assert "... and 39 more like this" in out


def test_subcommand_usage_errors_print_the_subcommands_usage(capsys):
    from deck.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "nope"])
    assert exit_info.value.code == 2
    assert "usage: deck export" in capsys.readouterr().err


def test_theme_help_lists_the_themes(capsys):
    from deck.cli import main

    with pytest.raises(SystemExit):
        main(["present", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "dark, high-contrast, light, mono" in out


# -- found by a newcomer's trial -------------------------------------------------------------------------
def test_collapsed_repeats_still_say_where_they_are(capsys, tmp_path):
    from deck.cli import main

    path = tmp_path / "conf.yaml"
    path.write_text("title: T\nslides:\n" + "".join(f"  - {{title: S{i}, confidence: rumoured, notes: n}}\n" for i in range(4)))
    assert main(["check", str(path)]) == 1
    assert "... and 3 more like this (lines 4, 5, 6)" in capsys.readouterr().out


def test_min_confidence_takes_the_words_the_loader_takes(capsys):
    from deck.cli import main

    assert main(["export", str(SHOWCASE), "--min-confidence", "rumour"]) == 0
    assert "A deleted forum post" in capsys.readouterr().out  # rumour = unverified: the leak stays


@pytest.mark.parametrize(
    ("point", "hint"),
    [("- # Keep a doc", "YAML comment: put it in quotes"), ("- - imp removed", "a list inside the list"), ("- * unittest", "put the text in quotes")],
)
def test_points_that_yaml_reads_otherwise_get_a_hint(point, hint):
    loaded = parse_deck(f"title: T\nslides:\n  - title: A\n    confidence: reported\n    points:\n      {point}\n")
    assert any(hint in d.message for d in loaded.errors), loaded.errors


async def test_the_palette_does_not_open_over_a_question(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("X")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_a_deleted_deck_file_is_said_in_the_error_bar(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        # a save the watcher reports: from then on it has read the file, and knows its signature
        saved = tmp_path / "saved.yaml"
        saved.write_text(SHOWCASE.read_text().replace("title:", "title: Saved", 1))
        saved.rename(path)
        await until(pilot, lambda: "Reloaded" in notified(app))
        path.rename(tmp_path / "moved.yaml")
        await until(pilot, lambda: bool(app.presenter.query(ErrorBar)) and "moved or deleted" in str(app.presenter.query_one(ErrorBar).content))
        (tmp_path / "moved.yaml").rename(path)
        await until(pilot, lambda: not app.presenter.query_one(ErrorBar).has_class("-shown"))


def test_long_code_lines_wrap_with_their_indent():
    from deck.tui.markdown import wrap_code

    code = "def f():\n    configure(strict=True, warn_on_fallback=True, log=logging.getLogger(__name__))"
    wrapped = wrap_code(code, 40).splitlines()
    assert wrapped[0] == "def f():" and all(len(line) <= 40 for line in wrapped)
    assert all(line.startswith("        ") for line in wrapped[2:])  # never back at column 0
    assert "".join(line.strip() for line in wrapped[1:]) == "configure(strict=True, warn_on_fallback=True, log=logging.getLogger(__name__))"


async def test_a_table_in_a_body_has_no_blank_rows_of_its_own():
    app = make_app(load_deck(SHOWCASE), clock=lambda: 0.0, start=3)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        lines = screen_text(app, width=110).splitlines()
        header = next(i for i, line in enumerate(lines) if "Figure" in line)
        assert lines[header - 1].strip() == "" and lines[header - 2].strip() != ""  # one blank line, not two


# -- found by a code review ------------------------------------------------------------------------------
async def test_undo_never_throws_away_a_later_save(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        await until(pilot, lambda: "New slide" in path.read_text())
        later = path.read_text().replace("Showcase deck\nsubtitle", "Saved later\nsubtitle")
        path.write_text(later)  # another program (or the slide editor) saves after the add
        await until(pilot, lambda: app.presenter.deck.title == "Saved later")
        await pilot.press("u")
        await until(pilot, lambda: any("Nothing to undo" in m for m in notified(app)))
        assert path.read_text() == later


async def test_typing_during_a_save_is_not_marked_saved(tmp_path):
    from textual.widgets import TextArea

    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        editor = app.screen
        area = editor.query_one(TextArea)
        area.text = area.text.replace("Points with their own labels", "Saved title")
        editor.action_save()
        area.text = area.text.replace("Saved title", "Typed after the save")  # before the save lands
        await until(pilot, lambda: "Saved title" in path.read_text())
        await pilot.pause()
        assert editor.modified  # Escape will still ask


async def test_quick_structural_edits_never_raise_a_false_conflict(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(SHOWCASE.read_text())
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await until(pilot, lambda: not app.saving)
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)
        assert load_deck(path).slides[0].title != "Showcase deck"  # at least one move landed, cleanly


def test_pause_markers_in_code_are_code_and_a_trailing_one_adds_no_step():
    from deck.core.reveal import body_parts

    assert body_parts("a\n\n<!-- pause -->\n\nb\n\n<!-- pause -->\n") == ["a", "b"]
    assert body_parts("```\nx\n<!-- pause -->\n```") == ["```\nx\n<!-- pause -->\n```"]


def test_structural_edits_keep_the_appendix_whole(tmp_path):
    from deck.core import session
    from deck.core.session import Refused, Saved, StructuralEdit

    path = tmp_path / "p.yaml"
    path.write_text((ROOT / "tests" / "decks" / "pacing.yaml").read_text())
    document = DeckDocument.load(path)
    added = session.structural(document, StructuralEdit.ADD, 4)  # on the appendix slide
    assert isinstance(added, Saved) and added.document.deck.slides[5].appendix
    assert isinstance(session.structural(added.document, StructuralEdit.MOVE_UP, 4), Refused)


def test_an_in_place_save_keeps_its_backup_private_and_never_follows_a_link(tmp_path):
    import os

    from deck.core.files import write_atomic

    path = tmp_path / "deck.yaml"
    path.write_text("old")
    os.link(path, tmp_path / "other.yaml")  # hard links: written in place, with a backup
    victim = tmp_path / "victim"
    victim.write_text("keep me")
    (tmp_path / ".deck.yaml.deck-backup").symlink_to(victim)
    write_atomic(path, b"new")
    assert path.read_text() == "new" and victim.read_text() == "keep me"
    assert not (tmp_path / ".deck.yaml.deck-backup").exists()


async def test_restoring_a_file_after_it_was_not_utf8_clears_the_error_bar(tmp_path):
    path = tmp_path / "talk.yaml"
    good = SHOWCASE.read_text()
    path.write_text(good)
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, watch=True)
    async with app.run_test(size=(120, 40)) as pilot:
        path.write_bytes(b"title: \xff\n")
        await until(pilot, lambda: bool(app.presenter.query(ErrorBar)) and app.presenter.query_one(ErrorBar).has_class("-shown"))
        path.write_text(good)
        await until(pilot, lambda: not app.presenter.query_one(ErrorBar).has_class("-shown"))


async def test_reloads_do_not_grow_the_frozen_heap(tmp_path):
    """Each reload used to gc.freeze() the new deck on top of the old ones: cyclic garbage of every old
    deck stayed in the permanent generation for good (26 MB over 150 reloads of a 200-slide deck)."""
    import gc

    path = tmp_path / "talk.yaml"
    first = SHOWCASE.read_text()
    second = first.replace("title:", "title: x", 1)
    path.write_text(first)
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        counts = []
        for i in range(40):
            text = second if i % 2 == 0 else first
            app.on_deck_file_changed(DeckFileChanged(path, text, parse_deck(text, str(path))))
            await pilot.pause()
            counts.append(gc.get_freeze_count())
        growth = counts[-1] - counts[9]  # after the first reloads have warmed every cache
        assert growth < 2_000, f"the frozen heap grew by {growth} objects over 30 reloads"


def test_a_file_cut_to_the_start_of_the_last_text_is_held_back_a_while():
    from deck.tui import watcher

    holding = watcher.Holding()
    full = "title: T\nslides:\n  - title: A\n  - title: B\n"
    first_half = full[:20]
    assert [holding.show(first_half, full) for _ in range(watcher.PARTIAL_READS)] == [False] * (watcher.PARTIAL_READS - 1) + [True]
    assert holding.show(full + "  - title: C\n", full)  # grown: shown at once
    assert holding.show("title: U\n", full)  # changed, not cut: shown at once


async def test_a_deck_written_in_two_steps_is_never_shown_half_written(tmp_path, monkeypatch):
    """Found by a newcomer: the first half of a file written with a pause showed the audience a deck cut short."""
    from deck.tui import watcher

    monkeypatch.setattr(watcher, "PARTIAL_READS", 10**9)  # held for as long as the test needs: it waits for the watcher, not a clock
    path = tmp_path / "talk.yaml"
    text = SHOWCASE.read_text()
    path.write_text(text)
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, watch=True, start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        shown: list[str] = []
        real = type(app).on_deck_file_changed  # Textual finds a handler on the class

        def seen(self, message):
            shown.append(message.text)
            return real(self, message)

        monkeypatch.setattr(type(app), "on_deck_file_changed", seen)
        await until(pilot, lambda: app._holding is not None)
        full = text.replace("Compare the two columns.", "Compare the two columns, left to right.")  # an edit in slide 3
        path.write_text(full[: full.index("  - title: Points with their own labels")])  # the writer's first step: a valid deck, cut short
        await until(pilot, lambda: app._holding is not None and app._holding.reads >= 2)  # the watcher has read it, and holds it
        path.write_text(full)  # the rest
        await until(pilot, lambda: full in shown)
        assert shown == [full] and app.presenter.index == 2  # the cut deck was never shown
