"""The speaker's view: this slide's notes, large, the next slide, the label and sources, and the clocks."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ...model import Deck
from ..render import render_notes, render_sources
from ..themes import palette_for
from ..widgets.key_bar import KeyBar
from ..widgets.status_bar import format_elapsed
from .navigation import NAVIGATION_BINDINGS, SlideNavigation


class SpeakerScreen(SlideNavigation, Screen[None]):
    """Every move here moves the audience view too; see `go`."""

    BINDINGS = [
        *NAVIGATION_BINDINGS,
        Binding("down,j", "scroll_notes(3)", "Scroll", show=False, tooltip="Scroll the notes down"),
        Binding("up,k", "scroll_notes(-3)", "Scroll", show=False, tooltip="Scroll the notes up"),
        Binding("t", "reset_timers", "Timers", tooltip="Reset the talk and slide timers"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Show every key"),
        Binding("q", "app.quit", "Quit", tooltip="Quit the speaker view (the audience view goes on)"),
    ]
    DEFAULT_CSS = """
    SpeakerScreen { layout: vertical; }
    #speaker-head { height: auto; padding: 0 2; background: $panel; }
    #speaker-body { height: 1fr; }
    #speaker-notes { width: 2fr; padding: 1 3; }
    #speaker-notes-text { text-style: bold; }
    #speaker-side { width: 1fr; padding: 1 2; background: $surface; border-left: vkey $primary 50%; }
    #speaker-clock { height: 1; padding: 0 2; background: $panel; }
    #speaker-link { height: 1; padding: 0 2; background: $warning; color: $background; display: none; }
    #speaker-link.-waiting { display: block; }
    """

    index: reactive[int] = reactive(0, init=False)
    connected: reactive[bool] = reactive(False, init=False)
    typed: reactive[str] = reactive("", init=False)

    def __init__(
        self,
        deck: Deck,
        *,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        request_goto: Callable[[int], bool],
    ) -> None:
        super().__init__()
        self.deck = deck
        self.clock = clock
        self.wall_clock = wall_clock
        self.request_goto = request_goto  # asks the audience view to move; False when it is not there
        self.talk_started = 0.0
        self.slide_started = 0.0
        self.wanted = 0  # the slide last asked for, kept across a reload

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-link", classes="-waiting", markup=False)
        yield Static(id="speaker-head", markup=False)
        with Horizontal(id="speaker-body"):
            with VerticalScroll(id="speaker-notes"):
                yield Static(id="speaker-notes-text", markup=False)
            with VerticalScroll(id="speaker-side"):
                yield Static(id="speaker-next", markup=False)
        yield Static(id="speaker-clock", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.talk_started = self.slide_started = self.clock()
        self.show_link()
        self.refresh_slide()
        self.set_interval(1.0, self.refresh_clock)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_slide())

    def refresh_slide(self) -> None:
        deck, palette = self.deck, palette_for(self.app)
        slide = deck.slides[self.index]
        head = Table.grid(expand=True)
        head.add_column(ratio=1)
        head.add_column(justify="right", no_wrap=True)
        head.add_row(
            Text.assemble((f"{self.index + 1} / {len(deck.slides)}  ", "bold"), (slide.title, "bold")),
            Text(f" {slide.confidence.label} ", style=f"bold reverse {palette.levels[slide.confidence]}"),
        )
        numbers = deck.source_numbers(slide)
        self.query_one("#speaker-head", Static).update(Group(head, render_sources(deck, numbers, palette)) if numbers else head)
        self.query_one("#speaker-notes-text", Static).update(
            render_notes(slide, None, palette, show_next=False) if slide.notes else Text("No notes for this slide.", style="italic")
        )
        following = deck.slides[self.index + 1] if self.index + 1 < len(deck.slides) else None
        side = Text()
        if following is None:
            side.append("Last slide.", style="bold")
        else:
            side.append("Next\n", style="bold")
            side.append(f"{following.title}\n", style="bold")
            side.append(f"{following.confidence.label}\n\n", style=palette.levels[following.confidence])
            for point in following.all_points()[:4]:
                differs = point.confidence is not following.confidence
                side.append(f"{point.confidence.glyph if differs or point.labelled else '•'} ", style=palette.levels[point.confidence])
                side.append(point.text)
                side.append(f"  {point.confidence.value}\n" if differs else "\n", style=f"italic {palette.levels[point.confidence]}")
        self.query_one("#speaker-next", Static).update(side)
        self.query_one("#speaker-notes").scroll_home(animate=False)
        self.refresh_clock()

    def refresh_clock(self) -> None:
        now = self.clock()
        line = Text()
        line.append(f"talk {format_elapsed(now - self.talk_started)}", style="bold")
        line.append(f"   this slide {format_elapsed(now - self.slide_started)}")
        line.append(f"   {time.strftime('%H:%M', time.localtime(self.wall_clock()))}")
        if self.typed:
            line.append(f"   go to: {self.typed}▏", style="reverse")
        self.query_one("#speaker-clock", Static).update(line)

    def show_link(self) -> None:
        bar = self.query_one("#speaker-link", Static)
        bar.set_class(not self.connected, "-waiting")
        bar.update("" if self.connected else "The audience view is not running: waiting for `deck present` of this deck…")

    def watch_connected(self) -> None:
        self.show_link()

    def watch_index(self) -> None:
        self.slide_started = self.clock()
        self.refresh_slide()

    def set_deck(self, deck: Deck) -> None:
        self.deck = deck
        # the audience view may have asked for a slide this view's older deck did not have yet
        self.set_reactive(SpeakerScreen.index, max(0, min(self.wanted, len(deck.slides) - 1)))
        self.refresh_slide()

    def show(self, index: int) -> None:
        """The audience view moved (or this view, while alone)."""
        self.wanted = index
        self.index = max(0, min(index, len(self.deck.slides) - 1))

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.deck.slides) - 1))
        if not self.request_goto(index):
            self.show(index)  # alone: move here; the audience view takes its own slide when it returns

    @property
    def slide_count(self) -> int:
        return len(self.deck.slides)

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(
            HelpScreen([b for b in self.BINDINGS if isinstance(b, Binding)], [("0–9, Enter", "Go to slide by number, on both views")])
        )

    def action_scroll_notes(self, lines: int) -> None:
        self.query_one("#speaker-notes").scroll_relative(y=lines, animate=False)

    def action_reset_timers(self) -> None:
        self.talk_started = self.slide_started = self.clock()
        self.refresh_clock()

    def watch_typed(self) -> None:
        self.refresh_clock()
