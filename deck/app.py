"""The Textual app: wires the presenter screen, themes, bindings and commands together."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Callable, Iterable

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.color import Color, ColorParseError
from textual.screen import Screen

from .document import DeckDocument
from .editing import Editing
from .model import Confidence, Deck
from .paths import is_bundled, themes_dir
from .render import Palette
from .widgets.error_bar import ErrorBar
from .screens.presenter import FILTER_NAMES, FILTERS, PresenterScreen
from .themes import DEFAULT_THEME, VARIABLE_DEFAULTS, confidence_variable, load_themes

MONO_THEME = "mono"


class DeckApp(Editing, App[int]):
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
    ) -> None:
        super().__init__()
        self.deck = deck
        self.document = document
        self._watch = watch and document is not None and not document.read_only
        self.clock = clock
        self.today = today or dt.date.today()
        self._start = start
        self._notes = notes
        found = load_themes(themes_folder or themes_dir())
        self.theme_problems = list(found.problems)
        for loaded in found.themes.values():
            self.register_theme(loaded)
        self.deck_theme_names = list(found.themes)
        self.theme = self._choose_theme(theme, deck.theme)

    def _choose_theme(self, asked: str | None, from_deck: str | None) -> str:
        fallback = MONO_THEME if "NO_COLOR" in os.environ and MONO_THEME in self.available_themes else DEFAULT_THEME
        if fallback not in self.available_themes:
            fallback = "textual-dark"
        for name, where in ((asked, "--theme"), (from_deck, "the deck's 'theme'")):
            if not name:
                continue
            if name in self.available_themes:
                return name
            known = ", ".join(self.deck_theme_names)
            self.theme_problems.append(f"unknown theme '{name}' (from {where}); using '{fallback}'. Themes: {known}")
            return fallback
        return fallback

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(VARIABLE_DEFAULTS)

    def get_default_screen(self) -> Screen:
        return PresenterScreen(self.deck, self._start, self._notes)

    def on_mount(self) -> None:
        if self._watch:
            self.follow_deck_file()
        for problem in self.theme_problems:
            self.notify(problem, title="Theme", severity="warning", timeout=8)

    @property
    def presenter(self) -> PresenterScreen:
        return self.query_one_screen()

    def query_one_screen(self) -> PresenterScreen:
        for screen in self.screen_stack:
            if isinstance(screen, PresenterScreen):
                return screen
        raise LookupError("no presenter screen")

    def error_bar(self) -> ErrorBar:
        return self.query_one_screen().query_one(ErrorBar)

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

    def palette(self) -> Palette:
        variables = self.theme_variables
        return Palette(
            levels={level: variables.get(confidence_variable(level), VARIABLE_DEFAULTS[confidence_variable(level)]) for level in Confidence},
            dim=_muted(variables.get("foreground", "#e0e0e0"), variables.get("background", "#000000")),
            accent=f"bold {variables.get('accent', '')}".strip(),
            code_theme="monokai" if self.current_theme.dark else "default",
        )

    def watch_theme(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, PresenterScreen) and screen.is_mounted:
                screen.refresh_slide()

    def help_bindings(self) -> Iterable[Binding]:
        yield from (b for b in self.BINDINGS if isinstance(b, Binding))
        yield Binding("ctrl+p", "command_palette", "Commands", tooltip="Command palette: every action by name, go to any slide, themes")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        presenter = self.query_one_screen()
        for i, slide in enumerate(presenter.deck.slides):
            yield SystemCommand(f"slide: Go to {slide.title}", f"Slide {i + 1} · {slide.confidence.value}", lambda i=i: presenter.go(i), discover=False)
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

        for name in FORMATS:
            yield SystemCommand(f"export: {name}", f"Write {export_path(presenter.deck, name).name}", lambda name=name: self.export_to(name))
        yield SystemCommand("presenter: Blank screen", "b", presenter.action_blank)
        yield SystemCommand("presenter: Reset timer", "t", presenter.action_reset_timer)
        yield SystemCommand("presenter: Help", "?: every key", presenter.action_help)
        yield SystemCommand("edit: This slide", "e: edit the slide's YAML here", presenter.action_edit)
        yield SystemCommand("edit: In $EDITOR", "E: open the file at this slide in your editor", presenter.action_edit_external)
        yield SystemCommand("edit: New slide after this one", "a: a template with every field", lambda: self.structural_edit("add"))
        yield SystemCommand("edit: Duplicate this slide", "D", lambda: self.structural_edit("duplicate"))
        yield SystemCommand("edit: Delete this slide", "X: asks first", lambda: self.structural_edit("delete"))
        yield SystemCommand("edit: Move this slide up", "[", lambda: self.structural_edit("up"))
        yield SystemCommand("edit: Move this slide down", "]", lambda: self.structural_edit("down"))
        yield SystemCommand("app: Quit", "q", self.action_quit)


    @work(thread=True, exclusive=True, group="export")
    def export_to(self, name: str) -> None:
        """Export the deck shown now; a thread, so the presenter never stalls on a big deck."""
        from .export import export_deck
        from .files import write_atomic

        deck = self.query_one_screen().deck
        target = export_path(deck, name)
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


def _muted(foreground: str, background: str) -> str:
    """Text between foreground and background, as a colour Rich understands."""
    try:
        return Color.parse(background).blend(Color.parse(foreground), 0.65).hex
    except ColorParseError:
        return "dim"


def make_app(
    deck: Deck | DeckDocument, *, notes: bool = False, theme: str | None = None, watch: bool = False, start: int = 0, **kwargs
) -> DeckApp:
    """The one way the CLI and the tests build the presenter: from a deck, or a document to edit and watch."""
    if isinstance(deck, DeckDocument):
        return DeckApp(deck.deck, notes=notes, theme=theme, start=start, document=deck, watch=watch, **kwargs)
    return DeckApp(deck, notes=notes, theme=theme, start=start, **kwargs)
