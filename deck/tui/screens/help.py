"""Every key a screen answers to, generated from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close"),
        Binding("down,j", "scroll(3)", "Scroll down", show=False),
        Binding("up,k", "scroll(-3)", "Scroll up", show=False),
        Binding("pagedown,space", "scroll(10)", "Page down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box {
        width: 90; max-width: 95%; height: 90%; padding: 1 2;
        background: $surface; border: round $primary; scrollbar-size-vertical: 1;
    }
    #help-title { text-style: bold; color: $accent; margin-bottom: 1; }
    #help-footer { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, bindings: list[Binding], extra: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings_shown = bindings
        self.extra = extra

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for binding in self.bindings_shown:
            table.add_row(Text(self.key_names(binding)), Text(binding.tooltip or binding.description))
        for keys, what in self.extra:
            table.add_row(Text(keys), Text(what))
        with VerticalScroll(id="help-box"):
            yield Static("Keys", id="help-title")
            yield Static(table, id="help-table")
            yield Static("↓↑ j k scroll · Esc or ? to close", id="help-footer")

    def key_names(self, binding: Binding) -> str:
        """Each key of the binding as the footer shows it (Textual's own key display)."""
        keys = [key.strip() for key in binding.key.split(",")]
        if binding.key_display and len(keys) == 1:
            return binding.key_display
        return ", ".join(self.app.get_key_display(Binding(key, binding.action)) for key in keys)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#help-box").scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
