"""Pacing and layout: reveal steps, title and section slides, the appendix, chrome, duration."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest
from textual.widgets import Static

from deck.core.document import DeckDocument
from deck.core.loader import load_deck, parse_deck
from deck.core.model import Confidence
from deck.core.reveal import at_step, body_parts, last_step
from deck.export import ExportOptions, export_deck
from deck.tui.app import make_app

from ..conftest import ROOT, until
from ..export.test_real_readers import NPM_HINT, marp_page, run, tool

PACING = ROOT / "tests" / "decks" / "pacing.yaml"


def app_for(**kwargs):
    kwargs.setdefault("clock", lambda: 0.0)
    return make_app(load_deck(PACING), **kwargs)


def content(app) -> str:
    from rich.console import Console

    console = Console(width=120, color_system=None)
    with console.capture() as capture:
        console.print(app.presenter.query_one("#slide-content").content)
        console.print(app.presenter.query_one("#slide-tail").content)  # the sources, below a slide's image
    return capture.get()


def save(path: Path, text: str) -> None:
    """Write `path` as an editor does (a new file renamed over it): a watcher never sees it half written."""
    part = path.with_suffix(".part")
    part.write_text(text)
    part.replace(path)


def one_speculative(folder) -> Path:
    """The pacing deck with its reveal slide's first point ("One") speculative, written to `folder`."""
    path = folder / "pacing.yaml"
    path.write_text(PACING.read_text().replace("      - One\n", "      - text: One\n        confidence: speculative\n"))
    return path


def status(app) -> str:
    from rich.console import Console

    console = Console(width=120, color_system=None)
    with console.capture() as capture:
        console.print(app.presenter.query_one("#status").render())
    return capture.get()


# -- the model ---------------------------------------------------------------------------------------
def test_steps_count_pauses_then_points():
    deck = load_deck(PACING)
    steps = deck.slides[2]
    assert body_parts(steps.body) == ["First part.", "Second part."]
    assert last_step(steps) == 1 + 3  # one pause, three points
    assert at_step(steps, 0).body == "First part." and at_step(steps, 0).points == 0
    assert at_step(steps, 1).body == "First part.\n\nSecond part." and at_step(steps, 1).points == 0
    assert at_step(steps, 4).points == 3
    assert last_step(deck.slides[3]) == 3  # columns reveal column by column: L1, L2, R1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  - {title: T, layout: title, points: [x]}\n", "a title slide makes no claims, so it takes no 'points'"),
        ("  - {title: T, layout: chapter}\n", "layout must be one of: title, section"),
        ("  - {title: T, confidence: reported, reveal: yes please}\n", "reveal must be true or false"),
        ("  - {title: T, confidence: reported, likelihood: likely}\n", "'likelihood' is the deck's own judgement"),
        ("  - {title: A, confidence: reported, appendix: true}\n  - {title: B, confidence: reported}\n", "comes after an appendix slide"),
    ],
)
def test_format_errors_at_their_place(text, message):
    loaded = parse_deck("title: D\nslides:\n" + text, "d.yaml")
    assert loaded.deck is None
    assert any(message in d.message for d in loaded.errors), loaded.errors
    assert all(d.line >= 3 for d in loaded.errors)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("duration: soon\n", "duration must be a length like 20m"),
        ("layout: {max_width: 5}\n", "layout.max_width must be a whole number from 40 to 400"),
        ("layout: {align: middle}\n", "layout.align must be one of: center, left"),
        ("chrome: maybe\n", "chrome must be true or false"),
    ],
)
def test_deck_level_errors(text, message):
    loaded = parse_deck("title: D\n" + text + "slides:\n  - {title: A, confidence: reported}\n", "d.yaml")
    assert any(message in d.message and d.line == 2 for d in loaded.errors), loaded.errors


def test_durations_are_read_as_people_write_them():
    for written, seconds in [("20m", 1200), ("1h30m", 5400), ("90s", 90), ("45", 2700)]:
        deck = parse_deck(f"title: D\nduration: {written}\nslides:\n  - {{title: A, confidence: reported}}\n").deck
        assert deck is not None and deck.duration_s == seconds


# -- the presenter -----------------------------------------------------------------------------------
async def test_next_reveals_then_moves_and_previous_hides_then_moves_back_complete():
    app = app_for(start=2)  # started on a slide: it shows complete
    async with app.run_test(size=(120, 40)) as pilot:
        presenter = app.presenter
        assert presenter.step == 4 and "Three" in content(app)
        await pilot.press("home", "right", "right")  # from the start, forward onto step 0
        assert (presenter.index, presenter.step) == (2, 0)
        assert "First part." in content(app) and "Second part." not in content(app) and "One" not in content(app)
        assert "3 / 4 · 0/4" in status(app)
        await pilot.press("right", "right")
        assert "Second part." in content(app) and "One" in content(app) and "Two" not in content(app)
        assert "3 / 4 · 2/4" in status(app)
        await pilot.press("left")
        assert presenter.step == 1 and "One" not in content(app)
        await pilot.press("right", "right", "right", "right")
        assert (presenter.index, presenter.step) == (3, 0)  # the next slide, from its first step
        await pilot.press("left")
        assert (presenter.index, presenter.step) == (2, 4)  # back onto a revealed slide: complete


async def test_go_to_and_overview_land_complete():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "enter")
        assert (app.presenter.index, app.presenter.step) == (2, 4)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert (app.presenter.index, app.presenter.step) == (3, 3)


async def test_the_filter_counts_hidden_claims_the_same_at_every_step(tmp_path):
    path = one_speculative(tmp_path)
    app = make_app(load_deck(path), clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "right")
        assert "1 claim hidden" in content(app)  # at step 0, before any point is revealed
        await pilot.press("right", "right", "right")
        assert "1 claim hidden" in content(app) and "One" not in content(app)


async def test_title_and_section_slides_draw_their_words_and_no_badge():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = content(app)
        assert "▁" not in shown  # no title rule: the words are the slide
        assert not any(level.label in shown for level in Confidence)  # no badge (the legend names levels in lower case)
        assert "Reveal test" in shown and "Steps and dividers" in shown and "Tester · as of 2026-11-01" in shown
        await pilot.press("right")
        assert "Part one" in content(app)


async def test_the_appendix_is_counted_apart_and_end_stops_before_it():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end")
        assert app.presenter.index == 3 and "4 / 4" in status(app)
        await pilot.press("end")
        assert app.presenter.index == 4 and "A1 / A1" in status(app)


async def test_z_hides_the_chrome_and_the_deck_can_start_without_it(tmp_path):
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("z")
        assert not app.presenter.query_one("#status").display and not app.presenter.query_one("#keys").display
        await pilot.press("z")
        assert app.presenter.query_one("#status").display
    path = tmp_path / "bare.yaml"
    path.write_text(PACING.read_text().replace("duration: 20m\n", "duration: 20m\nchrome: false\n"))
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.presenter.query_one("#status").display


async def test_a_deck_sets_its_reading_width():
    app = app_for(start=2)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        assert app.presenter.query_one("#slide-content").region.width == 90


async def test_the_speaker_view_marks_revealed_points_and_steps_both_views(tmp_path, monkeypatch):
    from deck.core.document import DeckDocument
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = tmp_path / "pacing.yaml"
    path.write_text(PACING.read_text())
    document = DeckDocument.load(path)
    audience = make_app(document, clock=lambda: 0.0, link=True, start=1)
    speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with audience.run_test(size=(120, 40)) as a, speaker.run_test(size=(120, 40)) as s:
        await until(s, lambda: speaker.speaker.connected and speaker.speaker.index == 1)
        await until(a, lambda: not audience.presenter.query_one("#status").display)  # chrome hidden while a speaker is on
        await s.press("right", "right", "right")  # onto Steps, then reveal the second part and point One
        await until(a, lambda: (audience.presenter.index, audience.presenter.step) == (2, 2))
        await until(s, lambda: speaker.speaker.step == 2)
        notes = str(speaker.speaker.query_one("#speaker-notes-text").content.renderables[0])
        assert "✓ One" in notes and "▶ Two" in notes and "· Three" in notes
        await s.press("b")
        await until(a, lambda: type(audience.screen).__name__ == "BlankScreen")
        await s.press("b", "c")
        await until(a, lambda: audience.presenter.minimum is not None)


async def test_the_talks_clock_starts_at_the_first_move():
    """Found by a newcomer: the timer ran from launch, minutes before the talk began."""
    now = [0.0]
    app = app_for(clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        now[0] = 300.0
        app.presenter.refresh_status()
        assert "◷ 00:00" in status(app)
        await pilot.press("right")
        now[0] = 330.0
        app.presenter.refresh_status()
        assert "◷ 00:30" in status(app)


def test_pace_says_time_left_and_ahead_or_behind():
    from deck.tui.screens.speaker import pace

    deck = load_deck(PACING)  # 20 minutes, 4 main slides: 5 minutes a slide
    assert pace(deck, 0, 0) == "20:00 left · on time"
    assert pace(deck, 1, 600) == "10:00 left · 05:00 behind"
    assert pace(deck, 3, 300) == "15:00 left · 10:00 ahead"
    assert pace(deck, 3, 20 * 60 + 16) == "00:16 over time"  # it said "-00:16 left"


async def test_next_stops_at_the_end_of_the_talk_and_the_appendix_is_reached_on_purpose():
    app = app_for(start=3)  # the last main slide
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "4 / 4 · 3/3 · end" in status(app)
        assert not app.presenter.check_action("next", ())
        await pilot.press("right", "space")
        assert app.presenter.index == 3  # it ran into the appendix
        await pilot.press("end", "end")
        assert app.presenter.index == 4 and "end" not in status(app)
        await pilot.press("left")
        assert app.presenter.index == 3


async def test_the_speaker_view_says_the_end_of_the_talk_the_appendix_and_the_audiences_state(tmp_path, monkeypatch):
    from deck.core.document import DeckDocument
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = tmp_path / "pacing.yaml"
    path.write_text(PACING.read_text())
    audience = make_app(DeckDocument.load(path), clock=lambda: 0.0, link=True, start=3)
    speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with audience.run_test(size=(120, 40)) as a, speaker.run_test(size=(120, 40)) as s:
        await until(s, lambda: speaker.speaker.connected and speaker.speaker.index == 3)
        side = str(speaker.speaker.query_one("#speaker-next").content)
        assert side.startswith("End of the talk.")
        now = str(speaker.speaker.query_one("#speaker-now").content)
        assert now.startswith("Now, as the audience sees it\nColumns")  # the slide the audience sees, before Next
        await s.press("b")
        await until(s, lambda: speaker.speaker.audience_blank)
        assert "AUDIENCE BLANK" in str(speaker.speaker.query_one("#speaker-clock").content)
        assert "a blank screen" in str(speaker.speaker.query_one("#speaker-now").content)
        await s.press("b", "c")
        await until(s, lambda: not speaker.speaker.audience_blank and speaker.speaker.audience_minimum is not None)
        assert "audience: hide speculative" in str(speaker.speaker.query_one("#speaker-clock").content)
        await a.press("2", "enter")  # the presenter goes back to slide 2: the next slide is a main one
        await until(s, lambda: speaker.speaker.index == 1)
        assert str(speaker.speaker.query_one("#speaker-next").content).startswith("Next\n")


# -- the exports, by the real tools ---------------------------------------------------------------------
def test_marp_shows_a_reveal_slide_in_fragments(tmp_path):
    page = marp_page(export_deck(load_deck(PACING), "marp"), tmp_path).read_text(encoding="utf-8")
    assert len(re.findall(r"<section\b", page)) == 5 + 1  # and a build for the body's pause
    assert len(re.findall(r"data-marpit-fragment", page)) >= 6  # One, Two, Three, L1, L2, R1


def test_pandoc_reveal_has_fragments_and_a_pause(tmp_path):
    pandoc = tool("pandoc", "apt-get install -y pandoc")
    source = tmp_path / "deck.md"
    source.write_text(export_deck(load_deck(PACING), "pandoc"), encoding="utf-8")
    result = run(pandoc, "-t", "revealjs", "-s", str(source), "-o", str(tmp_path / "deck.html"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="slide level2[ "]', page)) == 5
    assert page.count('class="fragment"') >= 6
    assert "&lt;!-- pause" not in page and "<!-- pause" not in page


def test_the_handout_shows_everything_with_the_appendix_after_a_heading():
    text = export_deck(load_deck(PACING), "markdown")
    assert "First part.\n\nSecond part." in text and "pause" not in text
    assert text.index("## Appendix") < text.index("## A1. Back matter")


def test_markdownlint_is_clean_on_the_pacing_handout(tmp_path):
    lint = tool("markdownlint", NPM_HINT)
    out = tmp_path / "handout.md"
    out.write_text(export_deck(load_deck(PACING), "markdown"), encoding="utf-8")
    result = subprocess.run([lint, "--disable", "MD013", "--", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


async def test_the_overview_numbers_the_appendix_as_the_status_bar_does():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        from deck.tui.widgets.slide_list import SlideList

        assert app.screen.query_one(SlideList).row_text(4, 100).plain.strip().startswith("A1")


class _CountingSlides(tuple):
    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


def test_numbering_every_slide_walks_the_deck_once_not_once_per_slide():
    """'7 / 16' and 'A2 / A4' need the count of main slides; counting it again for each slide made the
    exports and the overview quadratic (1,000,000 steps for 1,000 slides)."""
    deck = parse_deck(
        "title: T\nslides:\n"
        + "".join(f"  - {{title: S{i}, confidence: reported}}\n" for i in range(50))
        + "  - {title: Extra, confidence: reported, appendix: true}\n"
    ).deck
    assert deck is not None
    deck = dataclasses.replace(deck, slides=_CountingSlides(deck.slides))
    numbers = [deck.position(i) for i in range(len(deck.slides))]
    assert numbers[0] == "1 / 50" and numbers[-1] == "A1 / A1"
    assert _CountingSlides.walks == 1


async def test_with_the_filter_on_every_press_on_a_reveal_slide_shows_something(tmp_path):
    """A point the filter hides is not a step: before, one press on this slide showed nothing new, and a
    presenter took the frozen-looking screen for a hang."""
    path = one_speculative(tmp_path)
    app = make_app(load_deck(path), clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "right")  # hide speculative; onto "Steps", at its first step
        assert app.presenter.slide.title == "Steps" and "3 / 4 · 0/3" in status(app)  # two parts, two points shown
        seen = [content(app)]
        for _ in range(3):
            await pilot.press("right")
            assert content(app) != seen[-1], f"a press showed nothing new at step {app.presenter.step}"
            seen.append(content(app))
        assert "Two" in seen[2] and "Three" not in seen[2] and "Three" in seen[3]
        assert "One" not in seen[3] and "1 claim hidden" in seen[3]
        await pilot.press("right")
        assert app.presenter.slide.title == "Columns"


async def test_changing_the_filter_keeps_what_has_been_revealed(tmp_path):
    path = one_speculative(tmp_path)
    app = make_app(load_deck(path), clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "right", "right", "right")  # filtered: the second part, then "Two"
        assert "Two" in content(app) and "Three" not in content(app)
        await pilot.press("c", "c")  # the filter off again: "One" was passed, so it shows; "Three" still waits
        shown = content(app)
        assert "One" in shown and "Two" in shown and "Three" not in shown
        assert "3 / 4 · 3/4" in status(app)
        await pilot.press("c")  # hide speculative again: one step back in the count, nothing else changes
        assert "Two" in content(app) and "Three" not in content(app) and "· 2/3" in status(app)


async def test_the_speaker_view_steps_over_what_the_audiences_filter_hides(tmp_path, monkeypatch):
    from deck.core.document import DeckDocument
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = one_speculative(tmp_path)
    audience = make_app(DeckDocument.load(path), clock=lambda: 0.0, link=True, start=2)
    speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with audience.run_test(size=(120, 40)) as a, speaker.run_test(size=(120, 40)) as s:
        await until(s, lambda: speaker.speaker.connected and speaker.speaker.index == 2)
        await s.press("c")  # the audience hides speculative claims
        await until(s, lambda: speaker.speaker.audience_minimum is not None)
        await s.press("home", "right", "right", "right")  # Steps at step 1: the second part
        await until(a, lambda: (audience.presenter.index, audience.presenter.step) == (2, 1))
        await s.press("right")  # the next press shows "Two": "One" is hidden, so no press is spent on it
        await until(a, lambda: audience.presenter.step == 2)
        await until(s, lambda: speaker.speaker.step == 2)
        assert "Two" in content(audience) and "One" not in content(audience)
        notes = str(speaker.speaker.query_one("#speaker-notes-text").content.renderables[0])
        assert "⊘ One" in notes and "✓ Two" in notes and "▶ Three" in notes


def test_a_filtered_html_export_spends_no_step_on_a_claim_it_leaves_out(tmp_path):
    """Found in review: the presenter stepped over hidden claims, the HTML export still counted them."""
    path = one_speculative(tmp_path)
    html = export_deck(load_deck(path), "html", ExportOptions(min_confidence=Confidence.UNVERIFIED))
    steps = html[html.index('data-index="2"') :]
    steps = steps[: steps.index("</section>")]
    assert 'data-steps="3"' in steps  # the second part, Two, Three
    assert re.findall(r'class="step" data-step="(\d+)"', steps) == ["1", "2", "3"]  # no step shows nothing


ROUND_TRIP = """\
title: Filters
slides:
  - title: Five claims
    confidence: speculative
    reveal: true
    points:
      - {text: Alpha, confidence: reported}
      - {text: Bravo, confidence: unverified}
      - {text: Charlie, confidence: reported}
      - {text: Delta, confidence: speculative}
      - {text: Echo, confidence: reported}
  - title: Body in parts
    confidence: reported
    body: "One.\\n\\n<!-- pause -->\\n\\nTwo.\\n\\n<!-- pause -->\\n\\nThree."
  - title: Four points
    confidence: reported
    reveal: true
    points: [c1, c2, c3, c4]
"""


async def test_cycling_the_filter_through_every_level_keeps_what_the_audience_has_seen(tmp_path):
    """Found by a newcomer: 2/5, then the filter three times round, came back 1/5 with Bravo gone."""
    path = tmp_path / "f.yaml"
    path.write_text(ROUND_TRIP)
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("left", "left", "left")  # from the slide complete (5/5) back to Alpha and Bravo shown
        assert "1 / 3 · 2/5" in status(app)
        counters = []
        for _ in range(3):
            await pilot.press("c")
            counters.append(status(app).split("1 / 3 · ")[1].split()[0])
        assert counters == ["2/4", "1/3", "2/5"]  # hide speculative; hide unverified too (Bravo hidden); all again
        shown = content(app)
        assert "Alpha" in shown and "Bravo" in shown and "Charlie" not in shown


async def test_after_the_slide_shown_is_deleted_the_next_one_is_shown_complete(tmp_path):
    """Found by a newcomer: deleting a slide at its second step landed on a reveal slide at step 2."""
    path = tmp_path / "f.yaml"
    path.write_text(ROUND_TRIP)
    app = make_app(DeckDocument.load(path), watch=True, clock=lambda: 0.0, start=1)  # "Body in parts", complete (2/2)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "2 / 3 · 2/2" in status(app)
        path.write_text(ROUND_TRIP.replace(ROUND_TRIP[ROUND_TRIP.index("  - title: Body") : ROUND_TRIP.index("  - title: Four")], ""))
        await until(pilot, lambda: app.presenter.slide.title == "Four points")
        assert "2 / 2 · 4/4" in status(app) and "c4" in content(app)


async def test_keys_pressed_faster_than_the_audience_view_answers_all_count(tmp_path, monkeypatch):
    """Found by a newcomer: three quick → in the speaker view moved the audience one slide, since each
    went on from where the audience view had last said it was."""
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = tmp_path / "pacing.yaml"
    path.write_text(PACING.read_text())
    audience = make_app(DeckDocument.load(path), clock=lambda: 0.0, link=True, start=0)
    speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with audience.run_test(size=(120, 40)) as a, speaker.run_test(size=(120, 40)) as s:
        await until(s, lambda: speaker.speaker.connected and speaker.speaker.index == 0)
        for _ in range(3):  # one after another, with no chance for an answer in between
            speaker.speaker.action_next()
        await until(a, lambda: (audience.presenter.index, audience.presenter.step) == (2, 1))  # Part one, Steps, its second part
        await until(s, lambda: (speaker.speaker.index, speaker.speaker.step) == (2, 1))


async def test_the_hidden_line_names_the_levels_of_the_claims_it_hides(tmp_path):
    """Found by a newcomer: at the strictest filter the line said '(unverified, speculative)' when both
    hidden claims were speculative: the filter's levels, not the claims'."""
    path = tmp_path / "f.yaml"
    path.write_text(ROUND_TRIP.replace("      - {text: Bravo, confidence: unverified}\n", ""))
    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c", "c")  # hide speculative and unverified
        assert "1 claim hidden by the confidence filter (speculative)" in content(app)


async def test_with_a_speaker_view_the_audience_sees_no_editing_messages(tmp_path, monkeypatch):
    """Found by a newcomer: with the speaker view on, a broken save put the error bar, with the file's
    full path, on the audience's screen, and each reload a toast. The speaker view reports them."""
    from deck.tui.app import DeckApp
    from deck.tui.speaker_app import make_speaker_app
    from deck.tui.widgets.error_bar import ErrorBar

    from ..conftest import notified

    read: list[bool] = []  # what the audience view's watcher has handed it: loaded or not
    handler = DeckApp.on_deck_file_changed
    monkeypatch.setattr(
        DeckApp, "on_deck_file_changed", lambda app, message: (read.append(message.loaded.deck is not None), handler(app, message))[1]
    )
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = tmp_path / "pacing.yaml"
    text = PACING.read_text()
    path.write_text(text)
    audience = make_app(DeckDocument.load(path), clock=lambda: 0.0, link=True, watch=True, start=2)
    speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with audience.run_test(size=(120, 40)) as a, speaker.run_test(size=(120, 40)) as s:
        await until(s, lambda: speaker.speaker.connected)
        await until(a, lambda: audience.speakers == 1)
        save(path, text.replace("confidence: reported\n    reveal: true\n    body", "confidence: sure\n    reveal: true\n    body"))
        await until(s, lambda: speaker.speaker.broken is not None)  # said above its slides
        await until(a, lambda: bool(read) and not any(read))  # read, and broken (a slow write may be seen half-done first)
        assert not [bar for bar in audience.presenter.query(ErrorBar) if bar.has_class("-shown")]
        save(path, text.replace("Say the steps.", "Say the steps slowly."))
        await until(a, lambda: audience.presenter.deck.slides[2].notes == "Say the steps slowly.")
        await until(s, lambda: "Reloaded" in notified(speaker))
        assert not [bar for bar in audience.presenter.query(ErrorBar) if bar.has_class("-shown")]
        assert not [m for m in notified(audience) if "Reloaded" in m or "sure" in m]


async def test_a_point_added_above_the_revealed_ones_hides_none_of_them(tmp_path):
    """Found by a newcomer: at 4/5, a point added above by a live edit made it 4/6, and a point the
    audience had seen vanished."""
    path = tmp_path / "pacing.yaml"
    text = PACING.read_text()
    path.write_text(text)
    app = make_app(DeckDocument.load(path), watch=True, clock=lambda: 0.0, start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "right", "right", "right")  # Steps: the second part, One, Two
        assert "3 / 4 · 3/4" in status(app) and "Two" in content(app) and "Three" not in content(app)
        path.write_text(text.replace("      - One\n", "      - Zero\n      - One\n"))
        await until(pilot, lambda: len(app.presenter.slide.points) == 4)
        shown = content(app)
        assert "Zero" in shown and "One" in shown and "Two" in shown and "Three" not in shown
        assert "3 / 4 · 4/5" in status(app)


async def test_a_speaker_view_started_during_the_talk_takes_the_talks_time(tmp_path, monkeypatch):
    """Found by a newcomer: a speaker view (re)started mid-talk counted the talk from zero, so its time
    left and ahead/behind were wrong; the audience view's clock said 03:46."""
    from deck.tui.speaker_app import make_speaker_app

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    path = tmp_path / "pacing.yaml"
    path.write_text(PACING.read_text())
    now = [0.0]
    audience = make_app(DeckDocument.load(path), clock=lambda: now[0], link=True, start=2)
    async with audience.run_test(size=(120, 40)) as a:
        await a.pause()
        now[0] = 100.0  # the deck was opened early: the talk starts at the first move
        await a.press("right")
        now[0] = 326.0  # 3:46 into the talk
        speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 5000.0)
        async with speaker.run_test(size=(120, 40)) as s:
            await until(s, lambda: speaker.speaker.connected)
            await until(s, lambda: "talk 03:46" in str(speaker.speaker.query_one("#speaker-clock", Static).content))
            assert "16:14 left" in str(speaker.speaker.query_one("#speaker-clock", Static).content)  # 20 minutes, less 3:46
