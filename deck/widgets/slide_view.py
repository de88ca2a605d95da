"""The slide itself: title, confidence badge and content, scrolling when it does not fit."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ..model import Confidence, Deck, Slide
from ..render import Palette, render_slide


class SlideView(VerticalScroll, can_focus=False):
    """Shows one slide. Clicking its right part asks for the next slide, its left part the previous."""

    class Clicked(Message):
        def __init__(self, forward: bool) -> None:
            self.forward = forward
            super().__init__()

    def compose(self):
        with Horizontal(id="slide-heading"):
            yield Static(id="slide-title", markup=False)
            yield Static(id="slide-badge", classes="badge", markup=False)
        yield Static(id="slide-content", markup=False)

    def show(self, deck: Deck, slide: Slide, palette: Palette, minimum: Confidence | None, compact: bool = False) -> None:
        self.query_one("#slide-title", Static).update(Text(slide.title))  # Text: never read as markup
        badge = self.query_one("#slide-badge", Static)
        badge.update(slide.confidence.label)
        badge.set_classes(f"badge -{slide.confidence.value}")
        self.query_one("#slide-content", Static).update(render_slide(deck, slide, palette, minimum, compact))
        self.scroll_home(animate=False)

    def on_click(self, event: Click) -> None:
        if event.widget is not None and self.size.width:
            self.post_message(self.Clicked(forward=event.screen_x - self.region.x >= self.size.width // 2))
