"""A bar that says why the file on disk is not being shown: the deck there has errors."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...core.diagnostics import Diagnostic


class ErrorBar(Static):
    DEFAULT_CSS = """
    ErrorBar {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $error;
        color: $text;
        display: none;
    }
    ErrorBar.-shown { display: block; }
    """

    def show_errors(self, errors: list[Diagnostic]) -> None:
        if not errors:
            self.clear()
            return
        line = Text(str(errors[0]), style="bold")
        more = len(errors) - 1
        line.append(f" (+{more} more)" if more else "", style="")
        line.append(" — showing the last good version until the file is fixed")
        self.update(line)
        self.add_class("-shown")

    def clear(self) -> None:
        self.update("")
        self.remove_class("-shown")
