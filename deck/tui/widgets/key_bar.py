"""The footer: the keys that act now, in one line, each clickable.

Textual's Footer builds a widget per key; on a presenter whose footer changes at every first and
last slide that cost about 45 ms at start-up. This is one widget that draws the same hints. Its
colours come from component classes, read at each draw, so a theme switch restyles it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

PALETTE_HINT = "^p palette"


class KeyBar(Widget, can_focus=False):
    COMPONENT_CLASSES = {"key-bar--key"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._spans: list[tuple[int, int, str]] = []  # start, end, key to simulate on a click

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        line = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not (binding.show and active.enabled) or binding.action in seen:
                continue
            if self.app.is_web and binding.action in ("quit", "app.quit"):
                continue  # in a browser the tab is closed instead: q only says so
            seen.add(binding.action)
            start = len(line)
            line.append(f" {self.app.get_key_display(binding)} ", style=key_style)
            line.append(f"{binding.description} ")
            spans.append((start, len(line), binding.key.split(",")[0]))
        if self.app.ENABLE_COMMAND_PALETTE:
            gap = max(1, self.size.width - len(line) - len(PALETTE_HINT) - 1)
            line.append(" " * gap)
            start = len(line)
            line.append(PALETTE_HINT, style=key_style)
            spans.append((start, len(line), self.app.COMMAND_PALETTE_BINDING))
        self._spans = spans
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
