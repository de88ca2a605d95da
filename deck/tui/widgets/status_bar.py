"""The status bar: deck, section, position, elapsed time and how old the content is."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual.widget import Widget


@dataclass(frozen=True)
class Status:
    deck_title: str
    where: str  # section or slide title
    position: str  # '7 / 16 · 2/4', or 'A1 / A4' in the appendix
    elapsed_s: float
    as_of: str | None = None
    stale_days: int | None = None  # set when the as-of date is stale
    filter_label: str | None = None
    typed: str = ""  # digits typed for go-to
    mode: str | None = None  # e.g. 'talk mode: editing off'


def format_elapsed(seconds: float) -> str:
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


MIN_LEFT = 12  # room kept for the deck and section, before less important parts give way


class StatusBar(Widget):
    """Redrawn in place once a second (the clock): a repaint of one line, never a new layout."""

    _status: Status | None = None

    def show(self, status: Status) -> None:
        if status != self._status:
            self._status = status
            self.refresh()

    def render(self) -> RenderableType:
        if self._status is None:
            return Text()
        return self._render_for(self.size.width or 120)

    def _render_for(self, width: int) -> Text:
        status = self._status
        assert status is not None
        counter = Text(status.position, style="bold")
        # the right-hand parts, most important first; the last ones give way on narrow terminals
        parts: list[list[Text]] = [[counter]]
        if status.typed:
            parts.append([Text(f" go to: {status.typed}▏ ", style="reverse")])
        parts.append([Text(f"◷ {format_elapsed(status.elapsed_s)}")])
        if status.filter_label:  # what the audience is shown comes before how old the content is
            parts.append([Text(f"filter: {status.filter_label}", style="italic"), Text("filtered", style="italic")])
        if status.as_of and status.stale_days is not None:
            parts.append(
                [
                    Text(f"as of {status.as_of} (stale: {status.stale_days} days)", style="bold reverse"),
                    Text(f"stale: {status.stale_days} days", style="bold reverse"),
                ]
            )
        elif status.as_of:
            parts.append([Text(f"as of {status.as_of}")])
        if status.mode:
            parts.append([Text(status.mode, style="italic"), Text("editing off", style="italic")])
        right = _fit(parts, max(0, width - MIN_LEFT))
        room = max(0, width - right.cell_len - 2)  # the left part gives way, ending in an ellipsis
        left = Text(no_wrap=True, overflow="ellipsis")
        left.append(status.deck_title, style="bold")
        if status.where:
            left.append(f"  ›  {status.where}")
            if left.cell_len > room:  # too narrow for both: the section says more than the deck's title
                left = Text(status.where, no_wrap=True, overflow="ellipsis")
        left.truncate(room, overflow="ellipsis", pad=True)
        return Text.assemble(left, "  ", right, no_wrap=True)


def _fit(parts: list[list[Text]], width: int) -> Text:
    """Each part in its longest form that fits, in order of importance; shown left to right reversed."""
    chosen: list[Text] = []
    used = 0
    for forms in parts:
        for form in forms:
            needed = form.cell_len + (2 if chosen else 0)
            if used + needed <= width or not chosen:
                chosen.append(form)
                used += needed
                break
    return Text("  ").join(reversed(chosen))
