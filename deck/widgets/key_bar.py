"""The footer: the keys that act now, in one line, each clickable.

Textual's Footer builds a widget per key; on a presenter whose footer changes at every first
and last slide that cost about 45 ms at start-up. This is one Static that draws the same hints.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Static

PALETTE_HINT = "^p palette"


class KeyBar(Static, can_focus=False):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # start, end, key to simulate on a click

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh_keys())
        self.refresh_keys()

    def refresh_keys(self) -> None:
        key_style = f"bold {self.app.theme_variables.get('footer-key-foreground', '')}".strip()
        line = Text(no_wrap=True, overflow="ellipsis")
        spans: list[tuple[int, int, str]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not (binding.show and active.enabled) or binding.action in seen:
                continue
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
        self.update(line)

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_keys()

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
