"""The presenter: one slide at a time, a notes pane, a status bar, and the keys to drive them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen

from ...core.diagnostics import Diagnostic
from ...core.model import Confidence, Deck, Slide
from ...core.reveal import at_step, step_showing
from ...core.view import legend
from ..running import CodeRunning
from ..themes import Palette, palette_for
from ..widgets.error_bar import ErrorBar
from ..widgets.key_bar import KeyBar
from ..widgets.notes_pane import NotesPane
from ..widgets.slide_view import SlideView
from ..widgets.status_bar import Status, StatusBar
from .navigation import NAVIGATION_BINDINGS, SlideNavigation

# The confidence filter cycles through these minimum levels.
FILTERS: list[Confidence | None] = [None, Confidence.UNVERIFIED, Confidence.REPORTED]
FILTER_NAMES = {None: "all claims", Confidence.UNVERIFIED: "hide speculative", Confidence.REPORTED: "hide speculative and unverified"}


class PresenterScreen(CodeRunning, SlideNavigation, Screen[None]):
    BINDINGS = [
        *NAVIGATION_BINDINGS,
        Binding("down,j", "scroll('slide', 3)", "Scroll", show=False, id="scroll-down", tooltip="Scroll the slide down (when it does not fit)"),
        Binding("up,k", "scroll('slide', -3)", "Scroll", show=False, id="scroll-up", tooltip="Scroll the slide up"),
        Binding("shift+down,J", "scroll('notes', 3)", "Scroll notes", show=False, id="notes-down", tooltip="Scroll the notes down"),
        Binding("shift+up,K", "scroll('notes', -3)", "Scroll notes", show=False, id="notes-up", tooltip="Scroll the notes up"),
        Binding("o", "overview", "Overview", id="overview", tooltip="All slides with their labels; pick one"),
        Binding("s", "toggle_notes", "Notes", id="notes", tooltip="Show or hide the speaker notes"),
        Binding("c", "cycle_filter", "Filter", id="filter", tooltip="Minimum confidence: all, hide speculative, hide speculative and unverified"),
        Binding("b", "blank", "Blank", show=False, id="blank", tooltip="Blank the screen (any key returns)"),
        Binding("t", "reset_timer", "Timer", show=False, id="timer", tooltip="Reset the timer"),
        Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip="Show every key"),
        Binding("escape", "clear_typed", "Clear", show=False, id="clear", tooltip="Forget the digits typed for go-to"),
        Binding("e", "app.edit_slide", "Edit", show=False, id="edit", tooltip="Edit this slide's YAML here (ctrl+s saves)"),
        Binding(
            "E", "app.edit_external", "Editor", show=False, id="edit-external", tooltip="Open the file at this slide in $VISUAL or $EDITOR (else vi)"
        ),
        Binding("a", "app.structural_edit('add')", "Add", show=False, id="add", tooltip="Add a new slide after this one"),
        Binding("D", "app.structural_edit('duplicate')", "Duplicate", show=False, id="duplicate", tooltip="Duplicate this slide"),
        Binding("X", "app.structural_edit('delete')", "Delete", show=False, id="delete", tooltip="Delete this slide (asks first)"),
        Binding(
            "left_square_bracket", "app.structural_edit('up')", "Move up", show=False, key_display="[", id="move-up", tooltip="Move this slide up"
        ),
        Binding(
            "right_square_bracket",
            "app.structural_edit('down')",
            "Move down",
            show=False,
            key_display="]",
            id="move-down",
            tooltip="Move this slide down",
        ),
        Binding("u", "app.undo", "Undo", show=False, id="undo", tooltip="Undo the last add, duplicate, delete or move"),
        Binding("z", "toggle_chrome", "Chrome", show=False, id="chrome", tooltip="Hide or show the status and key bars (for the audience)"),
        Binding("ctrl+e", "run_code", "Run", show=False, id="run", tooltip="Run this slide's code block (+exec), or stop it; only under --run-code"),
    ]

    # narrower than 100 columns the notes go below the slide; shorter than 30 rows, tighter spacing
    # and a one-paragraph source list (Textual sets these classes on every resize)
    HORIZONTAL_BREAKPOINTS = [(0, "-compact"), (60, "-medium"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    class SlideShown(Message):
        """The presenter moved to slide `index`, revealed to `step` (speaker views follow)."""

        def __init__(self, index: int, step: int) -> None:
            self.index = index
            self.step = step
            super().__init__()

    index: reactive[int] = reactive(0, init=False)
    step: reactive[int] = reactive(0, init=False)  # how far an incremental slide is revealed
    chrome: reactive[bool] = reactive(True, init=False)  # the status and key bars
    minimum: reactive[Confidence | None] = reactive(None, init=False)
    notes_visible: reactive[bool] = reactive(False, init=False)
    typed: reactive[str] = reactive("", init=False)

    def __init__(
        self,
        deck: Deck,
        start: int = 0,
        notes: bool = False,
        *,
        clock: Callable[[], float],
        today: dt.date,
        notes_allowed: bool = True,
        chrome: bool = True,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.notes_allowed = notes_allowed
        self.clock = clock
        self.today = today
        self.set_reactive(PresenterScreen.index, max(0, min(start, len(deck.slides) - 1)))
        self.set_reactive(PresenterScreen.notes_visible, notes)
        self.set_reactive(PresenterScreen.step, self.last_step_of(self.index))  # a start slide shows complete
        self.set_reactive(PresenterScreen.chrome, deck.chrome and chrome)
        self._chrome_hidden_for_speaker = False
        self._revealed: int | None = None  # of this slide's points, how many the audience has seen (set at each move)
        self.started = 0.0
        self.begun = False  # the talk's clock starts at the first move (a deck is often opened well before the talk)
        self.init_running()
        self._binding_state = self._edges()  # the footer's first composition already reflects this

    def compose(self) -> ComposeResult:
        with Horizontal(id="stage"):
            yield SlideView(id="slide", classes="-text")  # as most slides are: no restyle for the first
            yield NotesPane(id="notes")
        yield StatusBar(id="status")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.started = self.clock()
        self.query_one(NotesPane).display = self.notes_visible
        self._apply_chrome()
        self._apply_width()
        self._short = self.has_class("-short")
        self._remember_revealed()
        self.refresh_slide()
        self.set_interval(1.0, self.refresh_status)
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_slide())

    # -- what is shown ---------------------------------------------------------------------------
    @property
    def slide(self) -> Slide:
        return self.deck.slides[self.index]

    def refresh_slide(self) -> None:
        palette = palette_for(self.app)
        self.arrive_at(self.index)
        self.query_one(SlideView).show(
            self.deck, self.index, palette, self.minimum, compact=self.has_class("-short"), step=self.step, outputs=self.outputs
        )
        self.refresh_notes()
        self.refresh_status()
        self._refresh_bindings_if_needed()
        self.call_after_refresh(self._prepare_neighbours, palette)

    def _prepare_neighbours(self, palette: Palette) -> None:
        """Once this slide is on screen, draw where next and previous go, ready for the key."""
        places = [place for place in (self.next_place(), self.previous_place()) if place is not None]
        self.query_one(SlideView).prepare(self.deck, places, palette, self.minimum, compact=self.has_class("-short"))

    def _remember_revealed(self) -> None:
        """The points of this slide the audience has been shown: a filter change keeps them revealed."""
        self._revealed = at_step(self.slide, self.step, self.minimum).points

    def _refresh_bindings_if_needed(self) -> None:
        # The footer rebuilds itself on every refresh_bindings; only what check_action answers
        # changes it, and that changes only at the ends or while typing.
        state = self._edges()
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    def refresh_notes(self) -> None:
        if self.notes_visible:
            following = self.deck.slides[self.index + 1] if self.index + 1 < len(self.deck.slides) else None
            self.query_one(NotesPane).show(self.slide, following, palette_for(self.app))

    def refresh_status(self) -> None:
        deck = self.deck
        stale = deck.is_stale(self.today) if deck.as_of else False
        last = self.last_step_of(self.index)
        self.query_one(StatusBar).show(
            Status(
                deck_title=deck.title,
                where=self.slide.section or (self.slide.title if self.slide.title != deck.title else ""),  # not the deck's title twice
                position=deck.position(self.index) + (f" · {self.step}/{last}" if last else "") + (" · end" if self.cursor.at_end_of_talk else ""),
                elapsed_s=self.elapsed(),
                as_of=deck.as_of.isoformat() if deck.as_of else None,
                stale_days=(self.today - deck.as_of).days if stale and deck.as_of else None,
                filter_label=FILTER_NAMES[self.minimum] if self.minimum else None,
                typed=self.typed,
                mode=getattr(self.app, "editing_off", None),
            )
        )

    def set_deck(self, deck: Deck, index: int) -> None:
        """Show another version of the deck (after a reload), on slide `index`. The slide shown before,
        edited, keeps every point the audience has seen (and one added above them); another slide (the
        one shown was deleted or renamed) is shown complete."""
        before, seen = self.slide, self._revealed
        self.deck = deck
        self.set_reactive(PresenterScreen.index, max(0, min(index, len(deck.slides) - 1)))
        if self.slide.title != before.title:
            step = self.last_step_of(self.index)
        elif seen is None or not self.slide.reveal:
            step = min(self.step, self.last_step_of(self.index))
        else:
            shown = {point.text for point in before.all_points()[:seen]}
            revealed = max((i + 1 for i, point in enumerate(self.slide.all_points()) if point.text in shown), default=0)
            step = step_showing(self.slide, self.step, revealed, self.minimum)
        self.set_reactive(PresenterScreen.step, step)
        self._remember_revealed()
        self._apply_width()
        self.refresh_slide()
        self.post_message(self.SlideShown(self.index, self.step))

    def show_errors(self, errors: list[Diagnostic]) -> None:
        """Why the file on disk is not shown (its errors), or nothing when it is fine again."""
        bars = self.query(ErrorBar)
        if not errors and not bars:
            return  # most talks never need the bar: it is mounted the first time it has something to say
        if bars:
            bar = bars.first()
        else:
            bar = ErrorBar(id="error-bar")
            self.mount(bar, before="#status")
        bar.show_errors(errors)

    def _edges(self) -> tuple[bool, bool, bool, bool]:
        at_end = self.cursor.next() is None
        return (self.index == 0 and self.step == 0, at_end, self.index == len(self.deck.slides) - 1, bool(self.typed))

    def move(self, index: int, step: int | None = None) -> None:
        """Slide `index` at `step` (None: complete), one refresh whatever changed."""
        index = max(0, min(index, len(self.deck.slides) - 1))
        last = self.last_step_of(index)
        step = last if step is None else max(0, min(step, last))
        if (index, step) == (self.index, self.step):
            return
        self._begin()
        self.set_reactive(PresenterScreen.index, index)
        self.set_reactive(PresenterScreen.step, step)
        self._remember_revealed()
        self.refresh_slide()
        self.post_message(self.SlideShown(index, step))

    def watch_index(self) -> None:  # set directly (tests, the link): land complete
        self._begin()
        self.set_reactive(PresenterScreen.step, self.last_step_of(self.index))
        self._remember_revealed()
        self.refresh_slide()
        self.post_message(self.SlideShown(self.index, self.step))

    def watch_chrome(self) -> None:
        self._apply_chrome()

    def _apply_chrome(self) -> None:
        for selector in ("#status", "#keys"):
            self.query_one(selector).display = self.chrome

    def _apply_width(self) -> None:
        """The deck's reading width and alignment (layout: {max_width, align})."""
        view = self.query_one(SlideView)
        for part in view.query("#slide-content, #slide-pictures, #slide-column-pictures, #slide-tail"):
            part.styles.max_width = self.deck.max_width
        view.styles.align_horizontal = "center" if self.deck.align == "center" else "left"

    def hide_chrome_for_speaker(self, hidden: bool) -> None:
        """While a speaker view is connected the timers belong to it: the audience sees only slides."""
        if hidden and self.chrome:
            self._chrome_hidden_for_speaker = True
            self.chrome = False
        elif not hidden and self._chrome_hidden_for_speaker:
            self._chrome_hidden_for_speaker = False
            self.chrome = True

    @property
    def shown_minimum(self) -> Confidence | None:
        return self.minimum

    def watch_minimum(self, after: Confidence | None) -> None:
        # what the audience has seen of this slide stays revealed (through any number of filter changes),
        # and no press is spent on a point the filter hides
        self.set_reactive(PresenterScreen.step, step_showing(self.slide, self.step, self._revealed, after))
        self.refresh_slide()
        self.post_message(self.SlideShown(self.index, self.step))  # speaker views learn the filter too

    def watch_typed(self) -> None:
        self.refresh_status()
        self._refresh_bindings_if_needed()

    def watch_notes_visible(self, visible: bool) -> None:
        self.query_one(NotesPane).display = visible
        self.refresh_notes()

    def on_resize(self, event: events.Resize) -> None:
        if self.has_class("-short") != self._short:  # the sources are drawn differently when short
            self._short = self.has_class("-short")
            self.refresh_slide()

    # -- keys ------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.cursor.next() is not None
        if action == "last":
            return self.index < len(self.deck.slides) - 1
        if action == "previous":
            return self.index > 0 or self.step > 0
        if action == "first":
            return self.index > 0
        if action == "backspace":
            return self.index > 0 or self.step > 0 or bool(self.typed)
        if action == "clear_typed":
            return bool(self.typed)
        if not self.notes_allowed and (action == "toggle_notes" or (action == "scroll" and parameters[:1] == ("notes",))):
            return False
        return True

    def action_scroll(self, pane: str, lines: int) -> None:
        self.query_one(f"#{pane}").scroll_relative(y=lines, animate=False)

    def action_toggle_chrome(self) -> None:
        self._chrome_hidden_for_speaker = False
        self.chrome = not self.chrome

    def action_toggle_notes(self) -> None:
        if self.notes_allowed:
            self.notes_visible = not self.notes_visible

    def validate_notes_visible(self, visible: bool) -> bool:
        return visible and self.notes_allowed  # an audience view never shows the notes, however asked

    def action_cycle_filter(self) -> None:
        self.minimum = FILTERS[(FILTERS.index(self.minimum) + 1) % len(FILTERS)]  # the status bar says which

    def action_clear_typed(self) -> None:
        self.typed = ""

    def action_reset_timer(self) -> None:
        self.started, self.begun = self.clock(), True
        self.refresh_status()

    def elapsed(self) -> float:
        """How long the talk has run: from the first move (or `t`), 0 before."""
        return self.clock() - self.started if self.begun else 0.0

    def _begin(self) -> None:
        if not self.begun:
            self.started, self.begun = self.clock(), True

    # The other screens load when first opened: a talk starts faster without them.
    def action_blank(self) -> None:
        from .blank import BlankScreen

        self.app.push_screen(BlankScreen())

    def action_overview(self) -> None:
        from .overview import OverviewScreen

        def chosen(index: int | None) -> None:
            if index is not None:
                self.go(index)

        self.app.push_screen(OverviewScreen(self.deck, self.index, palette_for(self.app)), chosen)

    def action_help(self) -> None:
        from .help import HelpScreen

        # in a browser (`deck serve`) the tab is closed instead of quitting: q only says so
        app_bindings = [b for b in self.app.BINDINGS if isinstance(b, Binding) and not (self.app.is_web and b.action == "quit")]
        bindings = [b for b in self.BINDINGS if isinstance(b, Binding) and self._runnable(b)] + app_bindings
        bindings.append(Binding("ctrl+p", "command_palette", "Commands", tooltip="Command palette: every action by name, go to any slide, themes"))
        extra = [("0–9, Enter", "Go to slide by number"), ("Click", "Right half: next slide; left half: previous")]
        extra += [(f"{level.glyph} {level.value}", meaning) for level, meaning in legend(self.deck)]  # the deck's own words
        self.app.push_screen(HelpScreen(bindings, extra))

    def _runnable(self, binding: Binding) -> bool:
        """Edit keys are listed only where they can run (not in a served, read-only presenter), and the
        notes' keys only where the notes may show (not in a served deck without --notes)."""
        if binding.action == "toggle_notes" or binding.action.startswith("scroll('notes'"):
            return self.notes_allowed
        if not binding.action.startswith("app."):
            return True
        return bool(self.app.check_action(binding.action.removeprefix("app.").split("(")[0], ()))

    def on_slide_view_clicked(self, message: SlideView.Clicked) -> None:
        self.action_next() if message.forward else self.action_previous()
