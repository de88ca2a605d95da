"""Pilot tests: keys pressed, state and screen asserted."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static

from deck.core.loader import parse_deck
from deck.core.model import Confidence
from deck.tui.app import make_app
from deck.tui.screens.blank import BlankScreen
from deck.tui.screens.help import HelpScreen
from deck.tui.screens.overview import OverviewScreen
from deck.tui.screens.presenter import PresenterScreen
from deck.tui.themes import palette_for
from deck.tui.widgets.notes_pane import NotesPane
from deck.tui.widgets.slide_list import SlideList

from ..conftest import ROOT, notified, until

DECK = """\
title: Pilot deck
as_of: 2026-04-03
sources:
  paper: {title: The paper, kind: paper}
slides:
  - title: Opening
    section: Intro
    confidence: confirmed
    points: [We start here]
    notes: Opening notes.
    sources: [paper]
  - title: Mixed claims
    section: Body
    confidence: speculative
    points:
      - text: A confirmed claim
        confidence: confirmed
        sources: [paper]
      - text: A rumour
        confidence: unverified
      - An estimate
    notes: Mixed notes.
    sources: [paper]
  - title: Third
    confidence: reported
    body: "Some **body** text"
    notes: Third notes.
  - title: Fourth
    confidence: reported
    notes: Fourth notes.
  - title: Last one
    confidence: reported
    notes: Closing notes.
"""


def deck():
    loaded = parse_deck(DECK, "pilot.yaml")
    assert loaded.deck is not None, loaded.diagnostics
    return loaded.deck


def app_for(**kwargs):
    kwargs.setdefault("clock", lambda: 100.0)
    kwargs.setdefault("today", dt.date(2026, 4, 10))
    return make_app(deck(), **kwargs)


def content(app) -> str:
    """The slide's title, badge and body as plain text."""
    return "\n".join(_plain(app, selector) for selector in ("#slide-content", "#slide-tail"))


def heading(app) -> str:
    """The slide's first line: its title and badge."""
    return _plain(app, "#slide-content").splitlines()[0]


async def test_starts_on_the_first_slide_with_title_badge_and_status():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        presenter = app.screen
        assert isinstance(presenter, PresenterScreen)
        assert presenter.index == 0
        text = content(app)
        assert "Opening" in text and "CONFIRMED" in text and "We start here" in text
        assert "The paper" in text  # the source line


@pytest.mark.parametrize("key", ["right", "space", "l", "n", "pagedown"])
async def test_every_next_key(key):
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert app.screen.index == 1
        assert "Mixed claims" in content(app)


@pytest.mark.parametrize("key", ["left", "h", "p", "pageup", "backspace"])
async def test_every_previous_key(key):
    app = app_for(start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert app.screen.index == 1


@pytest.mark.parametrize("key, expected", [("home", 0), ("g", 0), ("end", 4), ("G", 4)])
async def test_first_and_last(key, expected):
    app = app_for(start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(key)
        assert app.screen.index == expected


async def test_next_stops_at_the_end_and_is_hidden_there():
    app = app_for(start=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right", "space")
        assert app.screen.index == 4
        assert app.screen.check_action("next", ()) is False
        assert app.screen.check_action("previous", ()) is True
        active = {b.binding.action for b in app.screen.active_bindings.values() if b.enabled}
        assert "next" not in active and "previous" in active


async def test_go_to_by_number():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        assert app.screen.typed == "4"
        assert "go to: 4" in _plain(app, "#status")
        await pilot.press("enter")
        assert app.screen.index == 3
        assert app.screen.typed == ""


async def test_go_to_out_of_range_says_so_and_stays():
    app = app_for(start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9", "9", "enter")
        await pilot.pause()
        assert app.screen.index == 1
        assert any("No slide 99" in m for m in notified(app))


async def test_backspace_edits_the_typed_number_then_goes_back():
    app = app_for(start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("1", "2", "backspace")
        assert app.screen.typed == "1" and app.screen.index == 2
        await pilot.press("escape")
        assert app.screen.typed == ""
        await pilot.press("backspace")
        assert app.screen.index == 1


async def test_overview_lists_every_slide_and_selects_with_keys():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        rows = app.screen.query_one(SlideList)
        assert rows.row_count == 5
        line = rows.row_text(1, 100).plain
        assert len(line) == 100 and "2  ◌ SPECULATIVE  Mixed claims" in line and line.rstrip().endswith("Body")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen) and app.screen.index == 2


async def test_overview_selects_with_the_mouse_and_escape_leaves_unchanged():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen) and app.screen.index == 0
        await pilot.press("o")
        await pilot.pause()
        region = app.screen.query_one(SlideList).region
        await pilot.click(SlideList, offset=(5, 3))  # the fourth line: slide 4
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen), region
        assert app.screen.index == 3


async def test_confidence_filter_hides_weaker_claims_and_says_how_many():
    app = app_for(start=1)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "An estimate" in content(app) and "A rumour" in content(app)
        await pilot.press("c")
        assert app.screen.minimum is Confidence.UNVERIFIED
        text = content(app)
        assert "An estimate" not in text and "A rumour" in text
        assert "1 claim hidden by the confidence filter (speculative)" in text
        await pilot.press("c")
        text = content(app)
        assert "A rumour" not in text and "A confirmed claim" in text
        assert "2 claims hidden by the confidence filter (unverified, speculative)" in text
        await pilot.press("c")
        assert app.screen.minimum is None and "An estimate" in content(app)


async def test_notes_toggle_shows_this_slides_notes_and_the_next_title():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        notes = app.screen.query_one(NotesPane)
        assert not notes.display
        await pilot.press("s")
        assert notes.display
        assert "Opening notes." in _plain(app, "#notes-body") and "Mixed claims" in _plain(app, "#notes-body")
        await pilot.press("right")
        assert "Mixed notes." in _plain(app, "#notes-body")
        await pilot.press("s")
        assert not notes.display


def _plain(app, selector: str) -> str:
    from rich.console import Console

    console = Console(width=200, color_system=None)  # wider than any widget here: what it draws, unwrapped
    with console.capture() as cap:
        widget = app.screen.query_one(selector)
        console.print(widget.content if isinstance(widget, Static) else widget.render(), markup=False)
    return cap.get()


async def test_notes_start_shown_with_the_flag_and_sit_below_on_narrow_terminals():
    app = app_for(notes=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        notes = app.screen.query_one(NotesPane)
        assert notes.display
        assert notes.region.y > app.screen.query_one("#slide").region.y  # below
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert notes.region.x > app.screen.query_one("#slide").region.x  # beside


async def test_blank_screen_returns_on_any_key():
    app = app_for(start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        assert isinstance(app.screen, BlankScreen)
        await pilot.press("x")
        assert isinstance(app.screen, PresenterScreen) and app.screen.index == 2


async def test_timer_counts_and_resets():
    now = [100.0]
    app = app_for(clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")  # the talk's clock starts at the first move
        now[0] = 100.0 + 125
        app.screen.refresh_status()
        assert "02:05" in _plain(app, "#status")
        await pilot.press("t")
        assert "00:00" in _plain(app, "#status")


async def test_status_bar_shows_position_section_and_stale_as_of():
    app = app_for(today=dt.date(2026, 11, 29))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("right")
        status = _plain(app, "#status")
        assert "Pilot deck" in status and "Body" in status and "2 / 5" in status
        assert "as of 2026-04-03 (stale: 240 days)" in status
    fresh = app_for(today=dt.date(2026, 4, 10))
    async with fresh.run_test(size=(120, 40)):
        assert "stale" not in _plain(fresh, "#status")


async def test_a_served_decks_help_lists_no_notes_keys():
    app = app_for(audience=True)  # `deck serve` without --notes: the notes never show, so their keys are not offered
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = _plain(app, "#help-table")
        assert "Blank the screen" in text and "speaker notes" not in text and "Scroll the notes" not in text


async def test_help_lists_every_key():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#help-table").region.height >= 20  # drawn, not collapsed
        text = _plain(app, "#help-table")
        for expected in (
            "→, Space, l, n, PgDn",
            "←, h, p, PgUp",
            "Backspace",
            "Home, g",
            "End, G",
            "0–9, Enter",
            "Show or hide the speaker notes",
            "Blank the screen",
            "Reset the timer",
            "Quit",
            "^p",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, PresenterScreen)


async def test_clicking_right_and_left_halves():
    app = app_for(start=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.click("#slide", offset=(100, 20))
        assert app.screen.index == 3
        await pilot.click("#slide", offset=(10, 20))
        assert app.screen.index == 2


async def test_theme_switch_restyles_and_unknown_theme_falls_back():
    app = app_for(theme="light")
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "light"
        app.theme = "high-contrast"
        await pilot.pause()
        assert palette_for(app).levels[Confidence.CONFIRMED] == "#00ff00"
    app = app_for(theme="nonesuch")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "dark"
        assert any("unknown theme 'nonesuch'" in m for m in notified(app))


async def test_broken_theme_file_is_reported_and_the_rest_load(tmp_path):
    (tmp_path / "good.yaml").write_text("name: good\nprimary: '#123456'\n")
    (tmp_path / "bad.yaml").write_text("name: bad\nprimary: not-a-colour\n")
    (tmp_path / "worse.yaml").write_text("name: [unclosed\n")
    app = app_for(theme="good", themes_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "good"
        messages = " ".join(notified(app))
        assert "'primary: not-a-colour' is not a colour" in messages and "worse.yaml" in messages


async def test_command_palette_goes_to_a_slide_by_title():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Go to Fourth")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PresenterScreen) and app.screen.index == 3


async def test_tiny_terminal_and_resize_do_not_crash():
    app = app_for(notes=True)
    async with app.run_test(size=(40, 12)) as pilot:
        for _ in range(5):
            await pilot.press("right")
        await pilot.resize_terminal(20, 6)
        await pilot.pause()
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        assert app.screen.index == 4
        assert app.screen.has_class("-compact") is False


async def test_quit():
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("q")
    assert app.return_code == 0


async def test_hostile_text_is_shown_as_text():
    text = DECK.replace("title: Third", 'title: "[bold red]Third[/] \\e[2J"')
    loaded = parse_deck(text, "hostile.yaml")
    app = make_app(loaded.deck, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end", "left", "left")
        assert "[bold red]Third[/]" in heading(app)
        assert "\x1b" not in heading(app)
        screen = app.export_screenshot()
        assert "[bold red]Third[/]" in screen.replace("&#160;", " ")


async def test_palette_exports_beside_the_deck(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(DECK)
    from deck.core.loader import load_deck

    app = make_app(load_deck(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export: marp")
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = tmp_path / "talk.marp.md"
        assert written.read_text().startswith("---\nmarp: true\n")
        assert any(f"Wrote {written}" in m for m in notified(app))
        assert path.read_text() == DECK


async def test_palette_marp_export_draws_charts_beside_it_and_never_through_a_link(tmp_path):
    from deck.core.loader import load_deck

    path = tmp_path / "talk.yaml"
    path.write_text("title: T\nslides:\n  - title: A\n    chart: {items: [{label: x, value: 1}, {label: y, value: 2}]}\n")

    async def export_marp() -> str:
        app = make_app(load_deck(path), clock=lambda: 0.0)
        there = (tmp_path / "talk.marp.md").exists()  # then the palette asks before replacing it
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"export: marp")
            await pilot.pause()
            await pilot.press("enter")
            if there:
                await until(pilot, lambda: bool(app.screen.query("#answer-replace")))
                await pilot.click("#answer-replace")
            await app.workers.wait_for_complete()
            await pilot.pause()
        return (tmp_path / "talk.marp.md").read_text()

    assert "](talk.figures/chart-1.svg)" in await export_marp()
    assert "<svg" in (tmp_path / "talk.figures" / "chart-1.svg").read_text()
    # a folder of that name that is a link elsewhere: the chart is a table, nothing is written there
    (tmp_path / "talk.figures" / "chart-1.svg").unlink()
    (tmp_path / "talk.figures").rmdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "talk.figures").symlink_to(tmp_path / "elsewhere")
    text = await export_marp()
    assert "talk.figures/" not in text and "| Item | Value |" in text and list((tmp_path / "elsewhere").iterdir()) == []


async def test_key_bar_shows_what_acts_now_and_clicks_run_it():
    app = app_for(start=3)
    async with app.run_test(size=(120, 40)) as pilot:
        keys = _plain(app, "#keys")
        assert "→ Next" in keys and "← Prev" in keys and "o Overview" in keys and "? Help" in keys
        await pilot.press("right")
        await pilot.pause()
        keys = _plain(app, "#keys")
        assert "Next" not in keys and "← Prev" in keys  # nothing follows the last slide
        start = keys.index("o Overview")
        await pilot.click("#keys", offset=(start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_no_color_picks_the_monochrome_theme(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.theme == "mono"
        assert "CONFIRMED" in content(app)  # the label still reads in words


async def test_keys_scroll_a_slide_that_does_not_fit_and_the_notes():
    app = app_for(notes=True, start=1)
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        slide = app.screen.query_one("#slide")
        assert slide.max_scroll_y > 0
        await pilot.press("down")
        assert slide.scroll_y > 0 and app.screen.index == 1
        await pilot.press("up")
        assert slide.scroll_y == 0
        notes = app.screen.query_one("#notes")
        assert notes.max_scroll_y > 0  # at 50x12 the notes cannot fit either
        await pilot.press("J")
        assert notes.scroll_y > 0


async def test_markup_in_deck_text_never_breaks_toasts_or_the_palette(tmp_path):
    from deck.core.document import DeckDocument

    text = DECK.replace("title: Pilot deck\n", 'title: Pilot deck\ntheme: "[/nope]"\n')
    text = text.replace("title: Fourth", 'title: "Fourth [/draft]"')
    path = tmp_path / "deck [v2].yaml"
    path.write_text(text)
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert any("unknown theme '[/nope]'" in m for m in notified(app))  # drawn as a toast, no crash
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"draft")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.index == 3
        await pilot.press("a")
        await pilot.pause()
        assert any("deck [v2].yaml" in m for m in notified(app))
        assert app.is_running


async def test_overview_of_a_big_deck_draws_only_the_rows_on_screen():
    """10,000 slides: the list is as long as the deck, and what is drawn is what shows (the option list it
    replaced took 3.7 s to open at this size)."""
    import yaml as _yaml

    from deck.core.loader import parse_deck

    text = _yaml.safe_dump(
        {"title": "Big", "slides": [{"title": f"Slide {i}", "confidence": "reported", "notes": "n"} for i in range(10_000)]}, sort_keys=False
    )
    big = parse_deck(text).deck
    app = make_app(big, clock=lambda: 0.0)
    drawn: list[int] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        rows = app.screen.query_one(SlideList)
        original = rows.row_text

        def counting(index: int, width: int):
            drawn.append(index)
            return original(index, width)

        rows.row_text = counting
        await pilot.press("end")
        await pilot.pause()
        assert rows.highlighted == 9_999 and rows.virtual_size.height == 10_000
        assert drawn and len(set(drawn)) <= 40 and max(drawn) == 9_999  # the last screenful, no more
        await pilot.press("enter")
        await pilot.pause()
        assert app.presenter.index == 9_999


async def test_palette_search_narrows_by_words_and_shows_few_rows_of_a_big_deck():
    """Words typed find slides by number and title; a big deck is never scored whole (10,000 slides took
    a second per keystroke)."""
    import yaml as _yaml

    from deck.core.loader import parse_deck
    from deck.tui.commands import MAX_HITS, SlideCommands

    slides = [{"title": f"Slide {i} about {'ducks' if i % 2 else 'geese'}", "confidence": "reported", "notes": "n"} for i in range(10_000)]
    big = parse_deck(_yaml.safe_dump({"title": "Big", "slides": slides}, sort_keys=False)).deck
    app = make_app(big, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)):
        provider = SlideCommands(app.screen)
        await provider.startup()
        hits = [hit async for hit in provider.search("geese 99")]
        assert len(hits) == MAX_HITS and all("geese" in hit.text and "99" in hit.text + hit.help for hit in hits)  # title or number
        narrowed = [hit.text async for hit in provider.search("geese 998")]  # from the last matches only
        fresh = SlideCommands(app.screen)
        await fresh.startup()
        assert narrowed == [hit.text async for hit in fresh.search("geese 998")] and "go to slide: Slide 998 about geese" in narrowed
        assert [hit async for hit in provider.search("swans")] == []


async def test_a_title_slide_does_not_repeat_the_decks_title_in_the_status_bar():
    """Found by a newcomer: 'Our Q3 infrastructure costs › Our Q3 infrastructure costs'."""
    deck = parse_deck("title: Talk\nslides:\n  - {title: Talk, layout: title}\n  - {title: Two, confidence: reported, notes: n}\n").deck
    app = make_app(deck, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Talk  ›" not in _plain(app, "#status") and "Talk" in _plain(app, "#status")
        await pilot.press("right")
        assert "Talk  ›  Two" in _plain(app, "#status")


def test_a_long_title_wraps_beside_its_badge_and_the_badge_drops_below_on_a_narrow_slide():
    from rich.console import Console

    from deck.tui.render import Heading, badge_text
    from deck.tui.themes import Palette

    palette = Palette(levels={level: "red" for level in Confidence})
    badge = badge_text(Confidence.SPECULATIVE, palette)  # " ◌ SPECULATIVE " (15 cells)

    def lines(width: int) -> list[str]:
        console = Console(width=width, color_system=None)
        with console.capture() as capture:
            console.print(Heading("How far to trust the sources behind each claim", badge, palette))
        return capture.get().splitlines()

    wide = lines(40)  # 23 columns for the title, 2 between, the badge
    assert wide[0] == "How far to trust the" + " " * 3 + " " * 2 + " ◌ SPECULATIVE "  # padded to 23, the gap, the badge
    assert wide[1].rstrip() == "sources behind each" and wide[2].rstrip() == "claim"
    assert wide[3] == "▁" * 23 and wide[4] == ""  # the rule under the title alone, then a blank line
    narrow = lines(20)  # 3 columns beside the badge would be too few: the badge goes below
    assert narrow[0].rstrip() == "How far to trust the" and "SPECULATIVE" in narrow[-3] and narrow[-2] == "▁" * 20


async def test_the_next_slide_is_drawn_before_its_key_is_pressed(monkeypatch):
    """Once a slide is on screen, the slides that next and previous go to are drawn (at this width);
    the key then only has to lay them out and paint them."""
    from textual.screen import Screen

    from deck.tui.widgets import slide_view

    events: list[str] = []
    draw = slide_view.render_slide_parts

    def drawing(view, *args, **kwargs):
        events.append(f"draw {view.title}")
        return draw(view, *args, **kwargs)

    paint = Screen._compositor_refresh

    def painted(screen):
        paint(screen)
        events.append("paint")

    monkeypatch.setattr(slide_view, "render_slide_parts", drawing)
    monkeypatch.setattr(Screen, "_compositor_refresh", painted)
    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "draw Mixed claims" in events  # prepared while "Opening" is on screen
        events.append("press")
        await pilot.press("right")
        await pilot.pause()
        after = events[events.index("press") :]
        assert "Mixed claims" in heading(app)
        assert after.index("paint") < after.index("draw Third")  # the one after is prepared once this is shown
        assert "draw Mixed claims" not in after


async def test_a_move_lays_the_screen_out_once():
    """A slide's content fills the view, so its size does not change from slide to slide: Textual lays the
    screen out once a move, not a second time for a new size (which the floor app pays too)."""
    from textual.screen import Screen

    app = app_for()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        layouts = []
        screen = app.presenter
        refresh_layout = screen._refresh_layout
        screen._refresh_layout = lambda *args, **kwargs: (layouts.append(1), refresh_layout(*args, **kwargs))[1]
        for _ in range(3):
            await pilot.press("right")
            await pilot.pause()
            await pilot.pause()
        assert isinstance(screen, Screen) and len(layouts) == 3


@pytest.mark.parametrize(
    "title",
    [
        "日本市場の反応",
        "Launch day 🚀🚀",
        "Pre\u0301fe\u0301rences re\u0301gionales a\u0300 Montre\u0301al et Que\u0301bec",
    ],  # wide, emoji, combining
)
def test_a_heading_measures_its_title_in_cells_not_characters(title):
    """Found in review: the title was padded by characters, so a wide character pushed the badge over the
    edge and a combining accent cut the title's last letters."""
    import unicodedata

    from rich.cells import cell_len
    from rich.console import Console

    from deck.tui.render import Heading, badge_text
    from deck.tui.themes import Palette

    palette = Palette(levels={level: "red" for level in Confidence})
    console = Console(width=36, color_system=None)
    with console.capture() as capture:
        console.print(Heading(title, badge_text(Confidence.REPORTED, palette), palette))
    lines = capture.get().splitlines()
    assert lines[0].rstrip().endswith(" ◐ REPORTED") and all(cell_len(line) <= 36 for line in lines)
    words = "".join(line.replace("◐ REPORTED", "") for line in lines if "▁" not in line).replace(" ", "")
    assert unicodedata.normalize("NFC", words) == unicodedata.normalize("NFC", title.replace(" ", ""))  # every letter kept


def test_on_a_tiny_slide_the_badge_is_cut_not_broken_over_lines():
    from rich.console import Console

    from deck.tui.render import Heading, badge_text
    from deck.tui.themes import Palette

    palette = Palette(levels={level: "red" for level in Confidence})
    console = Console(width=6, color_system=None)
    with console.capture() as capture:
        console.print(Heading("Hi", badge_text(Confidence.SPECULATIVE, palette), palette))
    lines = capture.get().splitlines()
    assert [line.rstrip() for line in lines] == ["Hi", " ◌ SPE", "▁" * 6, ""]


async def test_the_palette_offers_every_export_format_pdf_included(tmp_path):
    """The palette could not export PDF: the formats were listed in two places and PDF only in the CLI."""
    from deck.core.document import DeckDocument
    from deck.export import FORMATS

    path = tmp_path / "talk.yaml"
    path.write_text((ROOT / "tests" / "decks" / "showcase.yaml").read_text())
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert [t for t in titles if t.startswith("export: ")] == [f"export: {name}" for name in FORMATS]
        app.export_to("pdf")
        await until(pilot, lambda: any("Wrote" in n for n in notified(app)))
        assert (tmp_path / "talk.pdf").read_bytes().startswith(b"%PDF")


def test_at_80_columns_the_status_bar_keeps_the_section_and_the_filter_before_the_decks_title():
    """Found by a newcomer: at 80 columns the bar dropped the section and the filter level first."""
    from deck.tui.widgets.status_bar import Status, StatusBar

    bar = StatusBar()
    bar._status = Status(
        deck_title="Quarterly infrastructure review: the outage of September and what we changed",
        where="Root cause",
        position="7 / 18",
        elapsed_s=754,
        as_of="2026-09-14",
        stale_days=84,
        filter_label="hide speculative and unverified",
    )
    line = bar._render_for(80).plain
    assert "Root cause" in line and "filter" in line and "7 / 18" in line, line
    assert len(line) <= 80
