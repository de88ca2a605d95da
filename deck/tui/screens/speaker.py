"""The speaker's view: this slide's points (marked as revealed or not) and notes, the next slide, the
label and sources, and the clocks, with time left against the talk's target length."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ...core.model import Confidence, Deck, Slide
from ...core.reveal import at_step
from ...core.view import ShownSlide, view_slide
from ..inline import inline_text
from ..render import badge_text, mix_text, render_notes, render_sources
from ..themes import Palette, palette_for
from ..widgets.key_bar import KeyBar
from ..widgets.status_bar import format_elapsed
from .navigation import NAVIGATION_BINDINGS, SlideNavigation
from .presenter import FILTER_NAMES


def pace(deck: Deck, index: int, elapsed_s: float) -> str | None:
    """'12:30 left · 1:10 behind': time left against `duration`, judged by the share of main slides done."""
    if deck.duration_s is None:
        return None
    left = deck.duration_s - elapsed_s
    main = max(1, deck.main_count)
    expected = deck.duration_s * min(index, main) / main  # where the talk should be on reaching this slide
    drift = elapsed_s - expected
    if left < 0:
        return f"{format_elapsed(-left)} over time"
    said = f"{format_elapsed(left)} left"
    if abs(drift) >= 30:
        said += f" · {format_elapsed(abs(drift))} {'behind' if drift > 0 else 'ahead'}"
    else:
        said += " · on time"
    return said


class SpeakerScreen(SlideNavigation, Screen[None]):
    """Every move here moves the audience view too; see `move`."""

    BINDINGS = [
        *NAVIGATION_BINDINGS,
        Binding("down,j", "scroll_notes(3)", "Scroll", show=False, tooltip="Scroll the notes down"),
        Binding("up,k", "scroll_notes(-3)", "Scroll", show=False, tooltip="Scroll the notes up"),
        Binding("b", "audience('blank')", "Blank", tooltip="Blank the audience's screen (press again to show it)"),
        Binding("c", "audience('filter')", "Filter", tooltip="Cycle the audience's confidence filter"),
        Binding(
            "ctrl+e",
            "audience('run')",
            "Run",
            show=False,
            tooltip="Run (or stop) the slide's code block on the audience's screen (if it was started with --run-code)",
        ),
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
    #speaker-link.-broken { display: block; height: auto; background: $error; color: $text; }
    """

    index: reactive[int] = reactive(0, init=False)
    step: reactive[int] = reactive(0, init=False)
    connected: reactive[bool] = reactive(False, init=False)
    typed: reactive[str] = reactive("", init=False)
    audience_minimum: reactive[Confidence | None] = reactive(None, init=False)  # the audience's filter, told by the link
    audience_blank: reactive[bool] = reactive(False, init=False)  # the audience's screen is blank, told by the link
    broken: reactive[str | None] = reactive(None, init=False)  # the saved deck's first error, until a save that loads

    def __init__(
        self,
        deck: Deck,
        *,
        clock: Callable[[], float],
        wall_clock: Callable[[], float],
        request_goto: Callable[[int, int | None], bool],
        request: Callable[[str], bool] = lambda name: False,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.clock = clock
        self.wall_clock = wall_clock
        self.request_goto = request_goto  # asks the audience view to move; False when it is not there
        self.request = request  # asks the audience view to blank or cycle its filter
        self.talk_started = 0.0
        self._talk_told = False
        self.slide_started = 0.0
        self.wanted = (0, 0)  # the slide and step last asked for, kept across a reload

    def compose(self) -> ComposeResult:
        yield Static(id="speaker-link", classes="-waiting", markup=False)
        yield Static(id="speaker-head", markup=False)
        with Horizontal(id="speaker-body"):
            with VerticalScroll(id="speaker-notes"):
                yield Static(id="speaker-notes-text", markup=False)
            with VerticalScroll(id="speaker-side"):
                yield Static(id="speaker-now", markup=False)
                yield Static(id="speaker-next", markup=False)
        yield Static(id="speaker-clock", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.slide_started = self.clock()
        if not self._talk_told:  # the audience view may have said how long the talk has run, before this mounted
            self.talk_started = self.slide_started
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
        last = self.last_step_of(self.index)
        where = deck.position(self.index) + (f" · {self.step}/{last}" if last else "")
        head.add_row(Text.assemble((f"{where}  ", "bold"), (slide.name, "bold")), self.badge(palette))
        numbers = deck.source_numbers(slide)
        self.query_one("#speaker-head", Static).update(Group(head, render_sources(deck, numbers, palette)) if numbers else head)
        parts: list[RenderableType] = []
        if last:
            parts += [self.revealed_points(slide, palette), Text()]
        parts.append(render_notes(slide, None, palette, show_next=False) if slide.notes else Text("No notes for this slide.", style="italic"))
        self.query_one("#speaker-notes-text", Static).update(Group(*parts))
        self.query_one("#speaker-now", Static).update(self.now_slide(palette))
        self.query_one("#speaker-next", Static).update(self.next_slide(palette))
        self.query_one("#speaker-notes").scroll_home(animate=False)
        self.refresh_clock()

    def badge(self, palette: Palette) -> Text:
        """The badge as the audience sees it (under its filter), with the mix of what it sees."""
        slide = self.deck.slides[self.index]
        view = view_slide(self.deck, self.index, minimum=self.audience_minimum)
        if slide.confidence is None:
            return Text(slide.layout or "")
        if view.badge is None:  # the audience's filter hides the slide's main message, and its badge
            badge = Text(f"{slide.confidence.glyph} {slide.confidence.value}: hidden by the audience's filter", style=f"italic {palette.dim}")
        else:
            badge = badge_text(view.badge, palette)
        mix = mix_text(view, palette)
        return Text.assemble(badge, " ", mix) if mix else badge

    def revealed_points(self, slide: Slide, palette: Palette) -> Text:
        """Every point of an incremental slide: ✓ shown to the audience, ▶ the next press, · still hidden,
        ⊘ hidden by the audience's filter (no press shows it)."""
        minimum = self.audience_minimum
        reached = at_step(slide, self.step, minimum)
        count = reached.points if reached.points is not None else len(slide.all_points())
        text = Text()
        upcoming = True
        for i, point in enumerate(slide.all_points()):
            if not point.kept_by(minimum):
                mark, style = "⊘ ", palette.dim
            elif i < count:
                mark, style = "✓ ", palette.dim
            elif upcoming:
                mark, style, upcoming = "▶ ", "bold", False
            else:
                mark, style = "· ", palette.dim
            text.append(mark, style=style)
            words = inline_text(point.text).copy()  # styled as the audience sees it, not '**' marks
            if i < count or mark == "⊘ ":
                words.stylize(palette.dim)
            text.append_text(words)
            text.append("\n")
        return text

    def next_slide(self, palette: Palette) -> Text:
        side = Text()
        if self.index + 1 >= len(self.deck.slides):
            side.append("Last slide.", style="bold")
            return side
        if self.cursor.at_end_of_talk:
            side.append("End of the talk.\n", style="bold")
            side.append("→ stops here; the appendix follows by End (twice), go-to or the overview.\n", style=palette.dim)
            return side
        view = view_slide(self.deck, self.index + 1, minimum=self.audience_minimum)  # as the audience will see it
        side.append("Next (appendix)\n" if view.slide.appendix else "Next\n", style="bold")
        return self._preview(side, view, palette)

    def now_slide(self, palette: Palette) -> Text:
        """What the audience sees now: this slide at its step, under its filter, or a blank screen."""
        side = Text()
        side.append("Now, as the audience sees it\n", style="bold")
        if self.audience_blank:
            side.append("a blank screen (b shows the slide)\n\n", style=f"bold {palette.accent}")
            return side
        view = view_slide(self.deck, self.index, minimum=self.audience_minimum, step=self.step)
        self._preview(side, view, palette)
        if not view.complete:
            side.append(f"(step {view.step} of {view.last_step}: more to reveal)\n", style=f"italic {palette.dim}")
        side.append("\n")
        return side

    def _preview(self, side: Text, view: ShownSlide, palette: Palette) -> Text:
        """A slide in a few lines: title, badge, its first claims, what else it shows."""
        side.append(f"{view.slide.name}\n", style="bold")
        if view.badge is not None:
            side.append(f"{view.badge.label}\n\n", style=palette.of(view.badge))
        for claim in view.all_claims[:4]:
            side.append(f"{claim.shape} ", style=palette.of(claim.level))
            side.append_text(inline_text(claim.text))
            said = " ".join(x for x in (claim.word.value if claim.word is not None else "", claim.likelihood or "") if x)
            side.append(f"  {said}\n" if said else "\n", style=f"italic {palette.of(claim.level)}")
        kind = "columns" if view.slide.chart is not None and view.slide.chart.kind == "column" else "bars"
        pictures = [f"a chart of {len(view.bars)} {kind}" if view.bars else "", f"a timeline of {len(view.events)} events" if view.events else ""]
        pictures += [f"a picture: {picture.alt}" for picture in view.pictures]
        for picture in filter(None, pictures):  # what else is on it, in a word
            side.append(f"▨ {picture}\n", style=palette.dim)
        if view.hidden:
            side.append(f"({view.hidden} hidden by the audience's filter)\n", style=f"italic {palette.dim}")
        return side

    def talk_has_run(self, seconds: int) -> None:
        """The talk has run `seconds` by the audience view's clock: the talk timer and the pace follow it."""
        self.talk_started, self._talk_told = self.clock() - seconds, True
        if self.is_mounted:
            self.refresh_clock()

    def refresh_clock(self) -> None:
        now = self.clock()
        line = Text()
        line.append(f"talk {format_elapsed(now - self.talk_started)}", style="bold")
        line.append(f"   this slide {format_elapsed(now - self.slide_started)}")
        line.append(f"   {time.strftime('%H:%M', time.localtime(self.wall_clock()))}")
        paced = pace(self.deck, self.index, now - self.talk_started)
        if paced:
            line.append(f"   {paced}", style="bold reverse" if paced.endswith("over time") else "bold")
        if self.audience_blank:
            line.append("   AUDIENCE BLANK (b shows it)", style="bold reverse")
        if self.audience_minimum is not None:
            line.append(f"   audience: {FILTER_NAMES.get(self.audience_minimum, 'filtered')}", style="italic")
        if self.typed:
            line.append(f"   go to: {self.typed}▏", style="reverse")
        self.query_one("#speaker-clock", Static).update(line)

    def show_link(self) -> None:
        """The bar above the slides: a saved deck that does not load (it stays until a save that does), else
        an audience view that is not running."""
        bar = self.query_one("#speaker-link", Static)
        bar.set_class(self.broken is not None, "-broken")
        bar.set_class(not self.connected and self.broken is None, "-waiting")
        if self.broken is not None:
            bar.update(f"The saved deck has errors; the audience sees the last good version. {self.broken}")
        else:
            bar.update("" if self.connected else "The audience view is not running: waiting for `deck present` of this deck…")

    def watch_broken(self) -> None:
        self.show_link()

    def watch_connected(self) -> None:
        self.show_link()

    @property
    def shown_minimum(self) -> Confidence | None:
        return self.audience_minimum

    def watch_audience_minimum(self) -> None:
        self.refresh_slide()
        self.refresh_clock()

    def watch_audience_blank(self) -> None:
        self.refresh_clock()
        if self.is_mounted:
            self.query_one("#speaker-now", Static).update(self.now_slide(palette_for(self.app)))

    def set_deck(self, deck: Deck) -> None:
        self.deck = deck
        # the audience view may have asked for a slide this view's older deck did not have yet
        index, step = self.wanted
        self.set_reactive(SpeakerScreen.index, max(0, min(index, len(deck.slides) - 1)))
        self.set_reactive(SpeakerScreen.step, min(step, self.last_step_of(self.index)))
        self.refresh_slide()

    def show(self, index: int, step: int = 0) -> None:
        """The audience view moved (or this view, while alone)."""
        self.wanted = (index, step)
        index = max(0, min(index, len(self.deck.slides) - 1))
        step = max(0, min(step, self.last_step_of(index)))
        if index != self.index:
            self.slide_started = self.clock()
        self.set_reactive(SpeakerScreen.index, index)
        self.set_reactive(SpeakerScreen.step, step)
        self.refresh_slide()

    def move(self, index: int, step: int | None = None) -> None:
        index = max(0, min(index, len(self.deck.slides) - 1))
        step = self.last_step_of(index) if step is None else step
        self.request_goto(index, step)  # the audience view, if it is there, moves and says where it is
        # here at once, so that a key pressed before the audience view answers goes on from here (three
        # quick presses moved one slide); alone, the audience view takes its own slide when it returns
        self.show(index, step)

    def action_audience(self, name: str) -> None:
        if not self.request(name):
            self.notify("The audience view is not running.", severity="warning", timeout=3)

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
