"""Every key the presenter answers to, generated from the bindings themselves."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

_KEY_NAMES = {
    "right": "→", "left": "←", "up": "↑", "down": "↓", "shift+up": "Shift+↑", "shift+down": "Shift+↓", "space": "Space", "pagedown": "PgDn", "pageup": "PgUp",
    "backspace": "Backspace", "home": "Home", "end": "End", "escape": "Esc", "question_mark": "?", "ctrl+p": "Ctrl+P",
    "ctrl+s": "Ctrl+S", "enter": "Enter", "left_square_bracket": "[", "right_square_bracket": "]",
}


def key_names(keys: str) -> str:
    return ", ".join(_KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, bindings: list[Binding], extra: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings_shown = bindings
        self.extra = extra

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 3))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for binding in self.bindings_shown:
            table.add_row(Text(key_names(binding.key)), Text(binding.tooltip or binding.description))
        for keys, what in self.extra:
            table.add_row(Text(keys), Text(what))
        with VerticalScroll(id="help-box"):
            yield Static("Keys", id="help-title")
            yield Static(table, id="help-table")
            yield Static("Esc or ? to close", id="help-footer")

    def action_close(self) -> None:
        self.dismiss(None)
