"""The Textual app: wires the presenter screen, themes, bindings and commands together."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from pathlib import Path
from typing import Callable, Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from .document import DeckDocument
from .editing import Editing
from .model import Deck
from .paths import is_bundled
from .widgets.error_bar import ErrorBar
from .screens.presenter import FILTER_NAMES, FILTERS, PresenterScreen
from .notifying import PlainNotifications
from .theming import Themed


class DeckApp(Editing, Themed, PlainNotifications, App[int]):
    CSS_PATH = "deck.tcss"
    TITLE = "deck"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit the presenter"),
    ]

    def __init__(
        self,
        deck: Deck,
        *,
        notes: bool = False,
        theme: str | None = None,
        start: int = 0,
        clock: Callable[[], float] = time.monotonic,
        today: dt.date | None = None,
        themes_folder: Path | None = None,
        document: DeckDocument | None = None,
        watch: bool = False,
        link: bool = False,
        read_only: bool = False,
    ) -> None:
        super().__init__()
        self.read_only = read_only
        self._link_wanted = link and document is not None
        self.link = None  # the AudienceLink, while listening
        self._notes_hidden_for_speaker = False
        self._first_deck = deck  # what the presenter opens with; it holds the deck shown since
        self.document = document
        self._watch = watch and document is not None and not document.read_only
        self.clock = clock
        self.today = today or dt.date.today()
        self._start = start
        self._notes = notes
        self.setup_themes(theme, deck.theme, themes_folder)

    def get_default_screen(self) -> Screen:
        return PresenterScreen(self._first_deck, self._start, self._notes)

    def on_mount(self) -> None:
        if self._watch:
            self.follow_deck_file()
        if self._link_wanted:
            self.run_audience_link()
        self.report_theme_problems()

    @work(exclusive=True, group="link")
    async def run_audience_link(self) -> None:
        """Listen for speaker views on this deck's socket until the app closes."""
        from .link import AudienceLink, socket_path  # only presenters with a file open the link

        assert self.document is not None
        try:
            path = socket_path(self.document.path)
        except OSError as exc:
            self.notify(f"No speaker view link: {exc}", severity="warning", timeout=8)
            return
        link = AudienceLink(
            path,
            current=lambda: self.presenter.index if self.screen_stack else 0,
            on_goto=lambda index: self.presenter.go(index),
            on_count=self._speakers_changed,
        )
        try:
            try:
                started = await link.start()
            except OSError as exc:
                self.notify(f"No speaker view link: {exc.strerror or exc}", severity="warning", timeout=8)
                return
            if not started:
                self.notify("Another audience view of this deck is running; speaker views follow that one.", severity="warning")
                return
            self.link = link
            await asyncio.Event().wait()  # until the app closes and cancels this worker
        finally:
            self.link = None
            await link.close()

    def slide_shown(self, index: int) -> None:
        """The presenter moved: speaker views follow."""
        if self.link is not None:
            self.link.broadcast(index)

    def _speakers_changed(self, count: int) -> None:
        if not (self.is_running and self.screen_stack):
            return  # closing
        presenter = self.presenter
        if count and presenter.notes_visible:
            self._notes_hidden_for_speaker = True
            presenter.notes_visible = False
            self.notify("Speaker view connected: the notes are shown there.", timeout=3)
        elif not count and self._notes_hidden_for_speaker:
            self._notes_hidden_for_speaker = False
            presenter.notes_visible = True

    @property
    def presenter(self) -> PresenterScreen:
        """The presenter screen, wherever it stands in the stack (an editor or dialog may be on top)."""
        for screen in self.screen_stack:
            if isinstance(screen, PresenterScreen):
                return screen
        raise LookupError("no presenter screen")

    def error_bar(self) -> ErrorBar:
        """The presenter's error bar, mounted the first time it is needed (most talks never need it)."""
        presenter = self.presenter
        bars = presenter.query(ErrorBar)
        if bars:
            return bars.first()
        bar = ErrorBar(id="error-bar")
        presenter.mount(bar, before="#status")
        return bar

    async def action_quit(self) -> None:
        from .screens.confirm import ConfirmScreen
        from .screens.editor import EditorScreen

        unsaved = [s for s in self.screen_stack if isinstance(s, EditorScreen) and s.modified]
        if not unsaved:
            self.exit(0)
            return

        def answered(answer: str | None) -> None:
            if answer == "quit":
                self.exit(0)

        self.push_screen(ConfirmScreen("A slide has unsaved changes. Quit anyway?", [("stay", "Keep editing"), ("quit", "Quit and discard")]), answered)

    def watch_theme(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, PresenterScreen) and screen.is_mounted:
                screen.refresh_slide()

    def help_bindings(self) -> Iterable[Binding]:
        yield from (b for b in self.BINDINGS if isinstance(b, Binding))
        yield Binding("ctrl+p", "command_palette", "Commands", tooltip="Command palette: every action by name, go to any slide, themes")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        presenter = self.presenter
        for i, slide in enumerate(presenter.deck.slides):
            title = escape(slide.title)  # a palette entry is markup; a deck's title never is
            yield SystemCommand(f"go to slide: {title}", f"Slide {i + 1} · {slide.confidence.value}", lambda i=i: presenter.go(i), discover=False)
        for name in self.deck_theme_names:
            yield SystemCommand(f"theme: {name.replace('-', ' ').capitalize()}", f"Switch to the {name} theme", lambda name=name: setattr(self, "theme", name))
        yield SystemCommand("presenter: Next slide", "→, Space, l, n, PgDn", presenter.action_next)
        yield SystemCommand("presenter: Previous slide", "←, h, p, PgUp, Backspace", presenter.action_previous)
        yield SystemCommand("presenter: First slide", "Home, g", presenter.action_first)
        yield SystemCommand("presenter: Last slide", "End, G", presenter.action_last)
        yield SystemCommand("presenter: Overview", "o: all slides with their labels", presenter.action_overview)
        yield SystemCommand("presenter: Toggle speaker notes", "s", presenter.action_toggle_notes)
        for minimum in FILTERS:
            yield SystemCommand(f"filter: {FILTER_NAMES[minimum].capitalize()}", "c cycles the confidence filter", lambda m=minimum: setattr(presenter, "minimum", m))
        from .export import FORMATS  # exporters load only when the palette is opened

        for name in FORMATS if not self.read_only else ():
            yield SystemCommand(f"export: {name}", f"Write {escape(export_path(presenter.deck, name).name)}", lambda name=name: self.export_to(name, presenter.deck))
        yield SystemCommand("presenter: Blank screen", "b", presenter.action_blank)
        yield SystemCommand("presenter: Reset timer", "t", presenter.action_reset_timer)
        yield SystemCommand("presenter: Help", "?: every key", presenter.action_help)
        if self.read_only:
            yield SystemCommand("app: Quit", "q", self.action_quit)
            return
        yield SystemCommand("edit: This slide", "e: edit the slide's YAML here", presenter.action_edit)
        yield SystemCommand("edit: In $EDITOR", "E: open the file at this slide in your editor", presenter.action_edit_external)
        yield SystemCommand("edit: New slide after this one", "a: a template with every field", lambda: self.structural_edit("add"))
        yield SystemCommand("edit: Duplicate this slide", "D", lambda: self.structural_edit("duplicate"))
        yield SystemCommand("edit: Delete this slide", "X: asks first", lambda: self.structural_edit("delete"))
        yield SystemCommand("edit: Move this slide up", "[", lambda: self.structural_edit("up"))
        yield SystemCommand("edit: Move this slide down", "]", lambda: self.structural_edit("down"))
        yield SystemCommand("app: Quit", "q", self.action_quit)


    @work(thread=True, exclusive=True, group="export")
    def export_to(self, name: str, deck: Deck) -> None:
        """Export `deck` (taken from the screen before this thread starts: a thread never reads widgets)."""
        from .export import export_deck
        from .files import same_file, write_atomic

        target = export_path(deck, name)
        if same_file(target, deck.path):
            self.call_from_thread(self.notify, f"Not exported: {target.name} is the deck itself", title="Export", severity="error")
            return
        try:
            write_atomic(target, export_deck(deck, name).encode("utf-8"))
        except OSError as exc:
            self.call_from_thread(self.notify, f"Could not write {target}: {exc.strerror or exc}", title="Export", severity="error")
            return
        self.call_from_thread(self.notify, f"Wrote {target}", title=f"Export: {name}")


def export_path(deck: Deck, name: str) -> Path:
    """Beside the deck; in the current folder for the bundled briefing, which is read-only."""
    from .export import EXTENSIONS

    source = Path(deck.path)
    folder = Path.cwd() if is_bundled(source) or not source.parent.exists() else source.parent
    return folder / (source.stem + EXTENSIONS[name])


def make_app(
    deck: Deck | DeckDocument, *, notes: bool = False, theme: str | None = None, watch: bool = False, start: int = 0, **kwargs
) -> DeckApp:
    """The one way the CLI and the tests build the presenter: from a deck, or a document to edit and watch."""
    if isinstance(deck, DeckDocument):
        return DeckApp(deck.deck, notes=notes, theme=theme, start=start, document=deck, watch=watch, **kwargs)
    return DeckApp(deck, notes=notes, theme=theme, start=start, **kwargs)
