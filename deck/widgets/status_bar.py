"""The status bar: deck, section, position, elapsed time and how old the content is."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True)
class Status:
    deck_title: str
    where: str  # section or slide title
    index: int
    total: int
    elapsed_s: float
    as_of: str | None = None
    stale_days: int | None = None  # set when the as-of date is stale
    filter_label: str | None = None
    typed: str = ""  # digits typed for go-to


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class StatusBar(Static):
    def show(self, status: Status) -> None:
        left = Text(no_wrap=True, overflow="ellipsis")
        left.append(status.deck_title, style="bold")
        left.append(f"  ›  {status.where}")
        right = Text(no_wrap=True, justify="right")
        if status.typed:
            right.append(f" go to: {status.typed}▏ ", style="reverse")
            right.append("  ")
        if status.filter_label:
            right.append(f"filter: {status.filter_label}  ", style="italic")
        if status.as_of:
            if status.stale_days is not None:
                right.append(f"as of {status.as_of} (stale: {status.stale_days} days)", style="bold reverse")
            else:
                right.append(f"as of {status.as_of}")
            right.append("  ")
        right.append(f"◷ {format_elapsed(status.elapsed_s)}  ")
        right.append(f"{status.index + 1} / {status.total}", style="bold")
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(left, right)
        self.update(grid)
