"""Edit one slide's own YAML, checked as you type; ctrl+s splices it into the file."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static, TextArea

from .. import edit
from ..diagnostics import Diagnostic
from ..document import DeckDocument
from ..model import Span

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

    def __init__(self, document: DeckDocument, index: int) -> None:
        super().__init__()
        self.document = document
        self.index = index
        span = document.deck.slides[index].span
        assert span is not None
        self.span: Span = span
        self.saved_source = edit.slide_source(document.text, span)
        self.problems: list[Diagnostic] = []
        self._check_timer = None
        self.detached = False

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

    def check(self) -> list[Diagnostic]:
        loaded = self.document.check(self.new_text())
        self.problems = loaded.diagnostics
        self._show_problems()
        return loaded.errors

    def editor_line(self, d: Diagnostic) -> int:
        """A diagnostic's line in the editor (the text before the slide is unchanged by the edit)."""
        return d.line - self.span.start_line + 1

    def _show_problems(self) -> None:
        panel = self.query_one("#editor-problems", Static)
        errors = [d for d in self.problems if d.is_error]
        panel.set_class(bool(errors), "-errors")
        if not self.problems:
            panel.update(Text("✓ valid: ctrl+s saves this slide into the file", style="bold"))
            return
        text = Text()
        for d in self.problems[:8]:
            line = self.editor_line(d)
            where = f"line {line}" if 1 <= line <= self.source.count("\n") + 1 else f"file line {d.line}"
            text.append(f"{where}: ", style="bold")
            text.append(f"{d.severity}: {d.message}\n")
        panel.update(text)

    def action_save(self) -> None:
        if self.detached:
            self.notify("Not saved: the slide this edit was for is no longer in the file.", severity="error", timeout=6)
            return
        errors = self.check()
        if errors:
            self.notify(f"Not saved: {errors[0].message}", title="The deck would be invalid", severity="error", timeout=6)
            first = self.editor_line(errors[0])
            if first >= 1:
                self.query_one(TextArea).move_cursor((first - 1, 0))
            return
        new_text = self.new_text()
        loaded = self.document.check(new_text)
        if loaded.deck is None or not edit.only_slide_changed(
            self.document.text, self.document.deck.slides, new_text, loaded.deck.slides, self.index
        ):
            self.notify("Not saved: the edit would change more than this slide; check its indentation.", severity="error", timeout=8)
            return
        self.app.save_edit(self.document, new_text, self.index, on_saved=self._saved)

    def _saved(self, document: DeckDocument) -> None:
        """The app saved the file: this slide's place in it may have moved."""
        self.document = document
        span = document.deck.slides[self.index].span
        assert span is not None
        self.span = span
        self.saved_source = self.source
        self.query_one("#editor-title", Static).update(self._title())

    def detach(self) -> None:
        """The slide being edited is gone from the file: keep the text, refuse to save it."""
        self.detached = True
        self.query_one("#editor-title", Static).update(f"Slide no longer in {self.document.path.name}: copy your text, then Escape")

    def rebase(self, document: DeckDocument, index: int) -> None:
        """Edit on top of a reloaded file, keeping what is typed."""
        self.document = document
        self.index = max(0, min(index, len(document.deck.slides) - 1))
        span = document.deck.slides[self.index].span
        assert span is not None
        self.span = span
        self.query_one("#editor-title", Static).update(self._title())
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
