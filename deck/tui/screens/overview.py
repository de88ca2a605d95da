"""All slides at a glance, each with its label; pick one with the keys or the mouse."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ...core.model import Deck
from ..themes import Palette
from ..widgets.slide_list import SlideList


class OverviewScreen(ModalScreen[int | None]):
    """Dismisses with the chosen slide's index, or None."""

    BINDINGS = [
        Binding("escape,o,q", "close", "Close", tooltip="Back to the slide"),
    ]
    DEFAULT_CSS = """
    OverviewScreen { align: center middle; }
    #overview-box {
        width: 90%; max-width: 110; height: 90%; padding: 0 1;
        background: $surface; border: round $primary;
    }
    #overview-title { text-style: bold; color: $accent; margin-bottom: 1; }
    #overview-list { height: 1fr; border: none; }
    #overview-help { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, deck: Deck, current: int, palette: Palette) -> None:
        super().__init__()
        self.deck = deck
        self.current = current
        self.palette = palette
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="overview-box"):
            yield Static(f"{self.deck.title} — {len(self.deck.slides)} slides", id="overview-title", markup=False)
            yield SlideList(self.deck, self.palette, self.current, id="overview-list")
            yield Static("↑↓ move · a number, or Enter or click: go to slide · Esc: back", id="overview-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(SlideList).focus()

    def on_key(self, event: events.Key) -> None:
        """Digits then Enter pick a slide by number, as in the presenter."""
        if event.character and event.character.isdecimal() and event.character.isascii():
            event.stop()
            self.typed = (self.typed + event.character)[-6:]
            number = int(self.typed)
            if 1 <= number <= len(self.deck.slides):
                self.query_one(SlideList).highlighted = number - 1
            self.query_one("#overview-help", Static).update(f"go to: {self.typed} · Enter: go · Esc: back")
        elif event.key == "enter" and self.typed:
            event.stop()
            number, self.typed = int(self.typed), ""
            if 1 <= number <= len(self.deck.slides):
                self.dismiss(number - 1)

    def on_slide_list_picked(self, event: SlideList.Picked) -> None:
        self.dismiss(event.index)

    def action_close(self) -> None:
        self.dismiss(None)
