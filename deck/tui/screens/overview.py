"""All slides at a glance, each with its label; pick one with the keys or the mouse."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...model import Deck
from ..themes import Palette


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
        numbers = [self.deck.position(i).split(" / ")[0] for i in range(len(self.deck.slides))]  # '7', or 'A2' in the appendix
        width = max(len(n) for n in numbers)
        options = []
        section = None
        for i, slide in enumerate(self.deck.slides):
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{numbers[i]:>{width}}  ", style="dim")
            if slide.confidence is not None:
                line.append(f"{slide.confidence.label:<15}", style=self.palette.levels[slide.confidence])
            else:
                line.append(f"{slide.layout or '':<15}", style="dim italic")
            line.append(slide.title)
            row = Table.grid(expand=True, padding=(0, 2))
            row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
            row.add_column(no_wrap=True, justify="right")
            # a section's name at its first slide, apart from the titles
            row.add_row(line, Text(slide.section or "", style="dim italic") if slide.section != section else Text())
            section = slide.section or section
            options.append(Option(row, id=str(i)))
        with Vertical(id="overview-box"):
            yield Static(f"{self.deck.title} — {len(self.deck.slides)} slides", id="overview-title", markup=False)
            yield OptionList(*options, id="overview-list")
            yield Static("↑↓ move · a number, or Enter or click: go to slide · Esc: back", id="overview-help", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_key(self, event: events.Key) -> None:
        """Digits then Enter pick a slide by number, as in the presenter."""
        if event.character and event.character.isdecimal() and event.character.isascii():
            event.stop()
            self.typed = (self.typed + event.character)[-6:]
            number = int(self.typed)
            if 1 <= number <= len(self.deck.slides):
                self.query_one(OptionList).highlighted = number - 1
            self.query_one("#overview-help", Static).update(f"go to: {self.typed} · Enter: go · Esc: back")
        elif event.key == "enter" and self.typed:
            event.stop()
            number, self.typed = int(self.typed), ""
            if 1 <= number <= len(self.deck.slides):
                self.dismiss(number - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_close(self) -> None:
        self.dismiss(None)
