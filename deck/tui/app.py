"""The presenter app: wires the presenter screen, themes, editing, the speaker link and the palette."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.markup import escape
from textual.screen import Screen

from ..core.document import DeckDocument
from ..core.files import same_file
from ..core.model import Confidence, Deck
from ..core.paths import is_bundled
from .commands import SlideCommands
from .editing import EditingApp, settle_heap
from .screens.presenter import FILTER_NAMES, FILTERS, PresenterScreen
from .themes import Themed

EDIT_ACTIONS = ("edit_slide", "edit_external", "structural_edit", "undo")


class DeckApp(EditingApp, Themed):
    CSS_PATH = "deck.tcss"
    TITLE = "deck"
    COMMANDS = App.COMMANDS | {SlideCommands}
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
        audience: bool = False,
        default_theme: str | None = None,
        chrome: bool = True,
        run_code: bool = False,
        record_output: bool = False,
        talk: bool = False,
    ) -> None:
        super().__init__()
        self.read_only = read_only
        self.talk = talk  # talk mode: no key edits the deck (the speaker view, running code and exports still work)
        self.speakers = 0
        self.run_code = run_code  # Ctrl+E runs a slide's +exec blocks only when the presenter was started so
        self._record = run_code and record_output and document is not None
        self.audience = audience  # a served deck: the speaker notes are never shown
        self._link_wanted = link and document is not None
        self.link: Any = None  # the AudienceLink, while listening
        self._notes_hidden_for_speaker = False
        self._first_deck = deck  # what the presenter opens with; it holds the deck shown since
        self.document = document
        self.undo_stack = []
        self._watch = watch and document is not None and not document.read_only
        self.clock = clock
        self.today = today or dt.date.today()
        self._start = start
        self._notes = notes
        self._chrome = chrome  # the user's configuration may start without the bars, as a deck may
        self.setup_themes(theme, deck.theme, themes_folder, deck_path=deck.path, default=default_theme)

    def get_default_screen(self) -> Screen[Any]:
        return PresenterScreen(
            self._first_deck,
            self._start,
            self._notes and not self.audience,
            clock=self.clock,
            today=self.today,
            notes_allowed=not self.audience,
            chrome=self._chrome,
        )

    def on_mount(self) -> None:
        self.call_after_refresh(settle_heap)  # after the first frame: the deck and the widgets are built
        if self._watch:
            self.follow_deck_file()
        if self._link_wanted:
            self.run_audience_link()
        self.report_theme_problems()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette":
            from textual.screen import ModalScreen

            return not isinstance(self.screen, ModalScreen)  # no palette over a question: answers never stack
        if action in EDIT_ACTIONS:
            # hidden in a served (read-only) session and for a deck not read from a file; the bundled
            # deck keeps them, so that pressing one says how to make an editable copy. In talk mode, and
            # while a speaker view is connected (the speaker edits from there), no key changes the deck.
            return not self.read_only and self.document is not None and not self.editing_off
        return True

    @property
    def editing_off(self) -> str | None:
        """Why the keys that edit the deck are off in front of the audience, or None."""
        if self.talk:
            return "talk mode: editing off"
        if self.speakers:
            return "editing off: the speaker view edits"
        return None

    @work(exclusive=True, group="link")
    async def run_audience_link(self) -> None:
        """Listen for speaker views on this deck's socket until the app closes."""
        from ..link import AudienceLink, socket_path  # only presenters with a file open the link

        assert self.document is not None
        try:
            path = socket_path(self.document.path)
        except OSError as exc:
            self.notify(f"No speaker view link: {exc}", severity="warning", timeout=8)
            return
        link = AudienceLink(
            path,
            current=lambda: (self.presenter.index, self.presenter.step) if self.screen_stack else (0, 0),
            on_goto=lambda index, step: self.presenter.move(index, step),
            on_count=self._speakers_changed,
            on_command=self._speaker_command,
            shown=lambda: self.presenter.minimum.rank if self.screen_stack and self.presenter.minimum is not None else -1,
            talk=lambda: max(0, int(self.presenter.elapsed())) if self.screen_stack else 0,
            blanked=self._blanked,
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

    def on_presenter_screen_slide_shown(self, message: PresenterScreen.SlideShown) -> None:
        """The presenter moved: speaker views follow."""
        if self.link is not None:
            self.link.broadcast(message.index, message.step)

    def _blanked(self) -> bool:
        from .screens.blank import BlankScreen

        return any(isinstance(screen, BlankScreen) for screen in self.screen_stack)

    def on_blank_screen_changed(self) -> None:
        """Blanked or shown again: speaker views and shares follow."""
        if self.link is not None and self.screen_stack:
            self.link.broadcast(self.presenter.index, self.presenter.step)

    def _speakers_changed(self, count: int) -> None:
        if not (self.is_running and self.screen_stack):
            return  # closing
        presenter = self.presenter
        self.speakers = count
        presenter.refresh_bindings()  # the editing keys go (or come back) with the speaker view
        presenter.refresh_status()
        presenter.hide_chrome_for_speaker(bool(count))
        if count:
            presenter.show_errors([])  # the speaker view says what is wrong with the file, not the audience's screen
        if count and presenter.notes_visible:
            self._notes_hidden_for_speaker = True
            presenter.notes_visible = False
            self.notify("Speaker view connected: the notes are shown there.", timeout=3)
        elif not count and self._notes_hidden_for_speaker:
            self._notes_hidden_for_speaker = False
            presenter.notes_visible = True

    def _speaker_command(self, name: str) -> None:
        """A speaker view asked to blank this screen or cycle its filter."""
        if not (self.is_running and self.screen_stack):
            return
        if name == "blank":
            from .screens.blank import BlankScreen

            if isinstance(self.screen, BlankScreen):
                self.screen.dismiss(None)
            else:
                self.presenter.action_blank()
        elif name == "filter":
            self.presenter.action_cycle_filter()
        elif name == "run":
            self.presenter.action_run_code()

    def record_outputs(self, deck: Deck, outputs: dict[str, Any]) -> None:
        """Under --record-output: keep what the blocks printed beside the deck, for `export --with-output`."""
        if self._record:
            self._write_record(deck, outputs, self.today)

    @work(thread=True, exclusive=True, group="record", exit_on_error=False)
    def _write_record(self, deck: Deck, outputs: dict[str, Any], today: dt.date) -> None:
        from ..core.files import write_atomic
        from ..core.runcode import RecordProblem, load_record, record_json, record_path, slide_blocks

        path = record_path(deck.path)
        earlier: dict[str, Any] = {}
        try:
            earlier = load_record(deck.path)  # another rehearsal's, kept
        except (OSError, RecordProblem):
            pass
        known = {b.key: b for slide in deck.slides for b in slide_blocks(slide.body, tuple(c.body for c in slide.columns))}
        try:
            write_atomic(path, record_json({**earlier, **outputs}, known, today).encode("utf-8"))
        except OSError as exc:
            self.notify(f"Output not recorded: {path.name}: {exc.strerror or exc}", severity="error", timeout=8)

    @property
    def presenter(self) -> PresenterScreen:
        return self.screen_of(PresenterScreen)

    async def action_quit(self) -> None:
        from .screens.confirm import ConfirmScreen
        from .screens.editor import EditorScreen

        if self.is_web:
            # a page in a browser (`deck serve`): quitting would leave the viewer on textual-serve's
            # "Session ended", with the talk gone; the tab is theirs to close
            self.notify("This talk is a page in your browser: close the tab to leave it.", title="Quit", timeout=6)
            return
        unsaved = [s for s in self.screen_stack if isinstance(s, EditorScreen) and s.modified]
        if not unsaved:
            self.exit(0)
            return

        def answered(answer: str | None) -> None:
            if answer == "quit":
                self.exit(0)

        self.push_screen(
            ConfirmScreen("A slide has unsaved changes. Quit anyway?", [("stay", "Keep editing"), ("quit", "Quit and discard")]), answered
        )

    def keys_of(self, binding: Binding) -> str:
        """A binding's keys as the footer shows them: '→, Space, l, n, PgDn'."""
        return ", ".join(self.get_key_display(Binding(key.strip(), binding.action)) for key in binding.key.split(","))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        presenter = self.presenter  # slides are offered by SlideCommands, found by words as typed
        for name in self.deck_theme_names:
            yield SystemCommand(
                f"theme: {name.replace('-', ' ').capitalize()}", f"Switch to the {name} theme", lambda name=name: setattr(self, "theme", name)
            )
        for minimum in FILTERS:
            yield SystemCommand(
                f"filter: {FILTER_NAMES[minimum].capitalize()}", "c cycles the confidence filter", lambda m=minimum: setattr(presenter, "minimum", m)
            )
        if not self.read_only:
            from ..export import FORMATS  # exporters load only when the palette is opened

            for name, export_format in FORMATS.items():
                yield SystemCommand(
                    f"export: {name}",
                    f"Write {escape(export_path(presenter.deck, name).name)}, {export_format.note} (with the filter shown)",
                    lambda name=name: self.export_to(name),
                )
        # every key's action by name, described by its keys (from the bindings, not a copy of them)
        for binding in presenter.BINDINGS:
            if not isinstance(binding, Binding) or not binding.tooltip:
                continue
            group = "edit" if binding.action.startswith("app.") else "presenter"
            target = self if binding.action.startswith("app.") else presenter
            action = binding.action.removeprefix("app.")
            if action in ("next", "previous", "first", "last", "backspace", "clear_typed"):
                pass  # always offered: at an end they simply do nothing
            elif not target.check_action(*parse_action(action)[1:]):
                continue  # e.g. edits in a read-only session, notes for an audience
            yield SystemCommand(f"{group}: {binding.tooltip}", self.keys_of(binding), lambda a=action, t=target: self.run_action(a, t))
        if not self.is_web:
            yield SystemCommand("app: Quit", "q", self.action_quit)

    def export_to(self, name: str) -> None:
        """The palette's export: beside the deck, with the filter on screen; asks before replacing a file."""
        from ..export import ExportOptions, missing

        lacking = missing(name)
        if lacking is not None:
            self.notify(f"Not exported: {lacking}", title="Export", severity="warning", timeout=8)
            return
        presenter = self.presenter
        deck = presenter.deck
        target = export_path(deck, name)
        # image paths from there; Marp's charts and timelines as files beside it, named after it
        options = ExportOptions(min_confidence=presenter.minimum, out_dir=str(target.parent.resolve()), drawings=True, out_name=target.name)
        if target.is_symlink():
            self.notify(
                f"Not exported: {target.name} is a symbolic link (to {target.readlink()}); export from the command line with -o",
                title="Export",
                severity="error",
                timeout=10,
            )
            return
        if same_file(target, deck.path):
            self.notify(f"Not exported: {target.name} is the deck itself", title="Export", severity="error")
            return
        if not target.exists():
            self._write_export(name, deck, options, target)
            return
        from .screens.confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "replace":
                self._write_export(name, deck, options, target)

        self.push_screen(
            ConfirmScreen(f"{target} already exists. Replace it with this export?", [("keep", "Keep it"), ("replace", "Replace")]), answered
        )

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _write_export(self, name: str, deck: Deck, options: Any, target: Path) -> None:
        """Export `deck` (taken from the screen before this thread starts: a thread never reads widgets).
        An unforeseen failure is reported by `on_worker_state_changed`; the talk goes on."""
        from ..core.files import write_atomic
        from ..export import export_bytes, side_files, unsafe_place, write_side_files

        try:
            data = export_bytes(deck, name, options)
            files = side_files(deck, name, options, data)  # Marp's charts and timelines, beside it
            if unsafe_place(options.out_dir, files) is not None:
                data, files = export_bytes(deck, name, dataclasses.replace(options, drawings=False)), {}  # as tables: no link followed
            write_atomic(target, data, follow_symlinks=False)
            write_side_files(options.out_dir, files)
        except OSError as exc:
            where = exc.filename or target  # the export's own file, or one of its drawings
            self.notify(f"Could not write {where}: {exc.strerror or exc}", title="Export", severity="error")  # notify is thread-safe
            return
        except RuntimeError as exc:  # the program that writes it (pandoc) failed
            self.notify(f"Not exported: {exc}", title="Export", severity="error")
            return
        self.notify(f"Wrote {target}", title=f"Export: {name}")


def export_path(deck: Deck, name: str) -> Path:
    """Beside the deck; in the current folder for the bundled briefing, which is read-only."""
    from ..export import FORMATS

    source = Path(deck.path)
    folder = Path.cwd() if is_bundled(source) or not source.parent.exists() else source.parent
    return folder / (source.stem + FORMATS[name].extension)


def make_app(
    deck: Deck | DeckDocument,
    *,
    notes: bool = False,
    theme: str | None = None,
    watch: bool = False,
    start: int = 0,
    **kwargs: Any,
) -> DeckApp:
    """The one way the CLI and the tests build the presenter: from a deck, or a document to edit and watch."""
    if isinstance(deck, DeckDocument):
        return DeckApp(deck.deck, notes=notes, theme=theme, start=start, document=deck, watch=watch, **kwargs)
    return DeckApp(deck, notes=notes, theme=theme, start=start, **kwargs)


__all__ = ["DeckApp", "make_app", "export_path", "Confidence"]
