"""Edit one slide's own YAML, checked as you type; ctrl+s splices it into the file.

Checking parses the whole deck (the edited slide spliced in), which on a big deck takes longer than
a frame: it runs in a worker thread, and only the newest check's answer is shown.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static, TextArea

from ...core import edit
from ...core.cursor import follow
from ...core.diagnostics import Diagnostic
from ...core.document import DeckDocument
from ...core.loader import parse_slide
from ...core.model import Span

CHECK_DELAY_S = 0.15  # check once typing pauses, not at every key


class EditorScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save this slide into the file (refused if the deck would be invalid)"),
        # priority: the code editor would otherwise take the first Escape to release its focus
        Binding("escape", "leave", "Back", priority=True, tooltip="Back to the slides (asks first if there are unsaved changes)"),
    ]
    DEFAULT_CSS = """
    EditorScreen { layout: vertical; }
    #editor-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    #editor-area { height: 1fr; }
    #editor-problems { height: auto; max-height: 8; padding: 0 1; background: $surface; }
    #editor-problems.-errors { background: $error 30%; }
    #editor-keys { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

    class SaveRequested(Message):
        """Ctrl+S: the app saves `new_text` (made from `document`) in a worker and reports back."""

        def __init__(self, document: DeckDocument, new_text: str, index: int, source: str) -> None:
            self.document = document
            self.new_text = new_text
            self.index = index
            self.source = source  # the slide's text as saved: typing may go on before the save lands
            super().__init__()

    class Checked(Message):
        def __init__(self, source: str, problems: list[Diagnostic]) -> None:
            self.source = source
            self.problems = problems
            super().__init__()

    def __init__(self, document: DeckDocument, index: int) -> None:
        super().__init__()
        self.document = document
        self.index = index
        span = document.deck.slides[index].span
        assert span is not None
        self.span: Span = span
        self.saved_source = edit.slide_source(document.text, span)
        self.problems: list[Diagnostic] = []
        self._check_timer: Timer | None = None
        self.detached = False
        self._shown = False  # whether the problems panel has been drawn yet
        self._disk_errors_for: str | None = None  # the text for which the disk's errors are shown

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self._title(), id="editor-title", markup=False)
            yield TextArea.code_editor(self.saved_source, language="yaml", id="editor-area", soft_wrap=True)
            yield Static(id="editor-problems", markup=False)
            yield Static("ctrl+s save into the file · esc back to the slides · ctrl+z undo", id="editor-keys", markup=False)

    def _title(self) -> str:
        return f"Editing slide {self.index + 1} of {self.document.path.name} (line {self.span.start_line})"

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()
        self.check()

    @property
    def source(self) -> str:
        return self.query_one(TextArea).text

    @property
    def modified(self) -> bool:
        return self.source != self.saved_source

    def new_text(self) -> str:
        return edit.replace_slide(self.document.text, self.span, self.source)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_DELAY_S, self.check)

    def check(self) -> None:
        """Check what is typed, in a thread; the answer arrives as a Checked message."""
        self._check(self.document, self.span, self.source, self.index)

    @work(thread=True, exclusive=True, group="check")
    def _check(self, document: DeckDocument, span: Span, source: str, index: int) -> None:
        # the slide alone, against the deck's sources: as fast on a 1,000-slide deck as on a short one
        # (the save parses the whole file, once, and refuses what would break it)
        problems = parse_slide(source, index, document.deck.sources, str(document.path), span.start_line)
        self.post_message(self.Checked(source, problems))

    def on_editor_screen_checked(self, message: Checked) -> None:
        if message.source != self.source:
            return  # an answer about older text is not shown
        if self._disk_errors_for == message.source:
            return  # the file on disk's errors stay in view until the text changes
        self.show_problems(message.problems)

    def editor_line(self, d: Diagnostic) -> int:
        """A diagnostic's line in the editor (the text before the slide is unchanged by the edit)."""
        return d.line - self.span.start_line + 1

    def show_problems(self, problems: list[Diagnostic], jump: bool = False, lead: str | None = None) -> None:
        """The slide's problems under the text (`lead`: a first line saying what happened, like a refused save)."""
        if problems == self.problems and self._shown and not jump and lead is None:
            return  # the same answer as before: no update, so no new layout of the editor
        self.problems = problems
        self._shown = True
        panel = self.query_one("#editor-problems", Static)
        errors = [d for d in problems if d.is_error]
        panel.set_class(bool(errors), "-errors")
        if not problems:
            panel.update(Text("✓ valid: ctrl+s saves this slide into the file", style="bold"))
            return
        text = Text(f"{lead}\n", style="bold") if lead else Text()
        for d in problems[:8]:
            line = self.editor_line(d)
            where = f"line {line}" if 1 <= line <= self.source.count("\n") + 1 else f"file line {d.line}"
            text.append(f"{where}: ", style="bold")
            text.append(f"{d.severity}: {d.message}\n")
        panel.update(text)
        if jump and errors and self.editor_line(errors[0]) >= 1:
            self.query_one(TextArea).move_cursor((self.editor_line(errors[0]) - 1, 0))

    def show_disk_errors(self, errors: list[Diagnostic]) -> None:
        """Reload was asked for, but the file on disk is broken: say so here, where the user is."""
        self._shown = False
        self._disk_errors_for = self.source
        panel = self.query_one("#editor-problems", Static)
        panel.set_class(True, "-errors")
        text = Text("Not reloaded: the file on disk has errors (fix it there, or save this version over it):\n", style="bold")
        for d in errors[:6]:
            text.append(f"{d}\n")
        panel.update(text)

    def action_save(self) -> None:
        if self.detached:
            self.notify("Not saved: the slide this edit was for is no longer in the file.", severity="error", timeout=6)
            return
        self.post_message(self.SaveRequested(self.document, self.new_text(), self.index, self.source))

    def saved(self, document: DeckDocument, source: str | None = None) -> None:
        """The app saved the file (`source`: the text that went into it): this slide's place may have moved."""
        self.document = document
        span = document.deck.slides[self.index].span
        assert span is not None
        self.span = span
        self.saved_source = self.source if source is None else source
        self.query_one("#editor-title", Static).update(self._title())
        if self._disk_errors_for is not None:  # the file on disk is this slide's saved version now: its old errors are gone
            self._disk_errors_for = None
            self.check()

    def reloaded(self, document: DeckDocument, _index: int) -> None:
        """The file was reloaded from disk (after a conflict): edit on top of it, keeping what is typed."""
        title = self.document.deck.slides[self.index].title
        if title not in [s.title for s in document.deck.slides]:
            self.detached = True
            self.query_one("#editor-title", Static).update(f"Slide no longer in {self.document.path.name}: copy your text, then Escape")
            self.notify(
                f"Reloaded from disk. The slide '{title}' is no longer in the file (renamed or removed), so this edit cannot be "
                "saved; what you typed is still in the editor to copy.",
                title="Reloaded",
                severity="error",
                timeout=12,
            )
            return
        before = self.saved_source
        self.index = follow(self.document.deck, self.index, document.deck)  # the same slide, wherever it went
        self.document = document
        span = document.deck.slides[self.index].span
        assert span is not None
        self.span = span
        self.query_one("#editor-title", Static).update(self._title())
        changed_here = edit.slide_source(document.text, span) != before
        self.notify(
            "Reloaded from disk. What you typed is still in the editor, not saved. "
            + (
                "This slide was changed on disk too: saving replaces that change with yours."
                if changed_here
                else "Saving now replaces only this slide; the other changes on disk stay."
            ),
            title="Reloaded",
            severity="warning" if changed_here else "information",
            timeout=10,
        )
        self.check()

    def action_leave(self) -> None:
        if not self.modified:
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("This slide has unsaved changes.", [("keep", "Keep editing"), ("discard", "Discard changes")]),
            answered,
        )
