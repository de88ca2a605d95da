"""Every slide, a line each, drawn only where it shows: the overview's list costs the same for 10 slides
as for 10,000 (an option list measured every row before it opened)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...core.model import Deck
from ..themes import Palette


class SlideList(ScrollView, can_focus=True):
    """One line per slide: its number, its label, its title, and a section's name at the section's first
    slide. ↑↓ PgUp PgDn Home End move; Enter or a click picks."""

    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("enter", "pick", "Go", show=False),
    ]
    COMPONENT_CLASSES = {"slide-list--cursor"}
    DEFAULT_CSS = """
    SlideList { height: 1fr; }
    SlideList > .slide-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    """

    highlighted: reactive[int] = reactive(0)

    class Picked(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, deck: Deck, palette: Palette, current: int = 0, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.deck, self.palette = deck, palette
        self.numbers = [deck.position(i).split(" / ")[0] for i in range(len(deck.slides))]  # '7', or 'A2' in the appendix
        self.number_width = max(len(n) for n in self.numbers)
        self.virtual_size = Size(0, len(deck.slides))
        self.set_reactive(SlideList.highlighted, current)

    @property
    def row_count(self) -> int:
        return len(self.deck.slides)

    def row_text(self, index: int, width: int) -> Text:
        """The line for slide `index`, `width` cells wide."""
        slide = self.deck.slides[index]
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(f"{self.numbers[index]:>{self.number_width}}  ", style="dim")
        if slide.confidence is not None:
            line.append(f"{slide.confidence.label:<15}", style=self.palette.of(slide.confidence))
        else:
            line.append(f"{slide.layout or '':<15}", style="dim italic")
        line.append(slide.name)
        previous = self.deck.slides[index - 1].section if index else None
        section = slide.section if slide.section and slide.section != previous else ""
        if section:  # a section's name at its first slide, at the right, apart from the titles
            room = max(0, width - Text(section).cell_len - 2)  # in cells: a wide script takes two a character
            line.truncate(room, overflow="ellipsis", pad=True)
            line.append("  " + section, style="dim italic")
        line.truncate(width, overflow="ellipsis", pad=True)
        return line

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = y + scroll_y
        width = self.scrollable_content_region.width
        if not 0 <= index < self.row_count or width <= 0:
            return Strip.blank(self.size.width, self.rich_style)
        text = self.row_text(index, width)
        if index == self.highlighted:  # the cursor's background, bold; each label keeps its colour
            text.stylize(Style(bgcolor=self.get_component_rich_style("slide-list--cursor").bgcolor, bold=True))
        segments = list(Segment.apply_style(text.render(self.app.console), self.rich_style))
        return Strip(segments, width).crop(scroll_x, scroll_x + self.size.width)

    def watch_highlighted(self, old: int, new: int) -> None:
        self.refresh(Region(0, old - self.scroll_offset.y, self.size.width, 1))
        self.refresh(Region(0, new - self.scroll_offset.y, self.size.width, 1))
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, immediate=True)

    def validate_highlighted(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1))

    def action_move(self, step: int) -> None:
        self.highlighted += step

    def action_page(self, pages: int) -> None:
        self.highlighted += pages * max(1, self.scrollable_content_region.height - 1)

    def action_move_to(self, index: int) -> None:
        self.highlighted = index if index >= 0 else self.row_count - 1

    def action_pick(self) -> None:
        self.post_message(self.Picked(self.highlighted))

    def on_click(self, event: events.Click) -> None:
        index = event.y + self.scroll_offset.y
        if 0 <= index < self.row_count:
            self.highlighted = index
            self.post_message(self.Picked(index))
