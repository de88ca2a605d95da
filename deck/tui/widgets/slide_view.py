"""The slide itself: title, confidence badge and content, scrolling when it does not fit."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ...filtering import shown
from ...model import Confidence, Deck, Slide
from ..render import Drawn, render_slide_parts
from ..themes import Palette
from .picture import PictureView


def badge_text(level: Confidence, palette: Palette) -> Text:
    """The label as a word with its shape, on the level's colour: drawn, not a CSS class to swap."""
    return Text(f" {level.label} ", style=f"bold {palette.badge_text} on {palette.levels[level]}")


class SlideView(VerticalScroll, can_focus=False):
    """Shows one slide. Clicking its right part asks for the next slide, its left part the previous."""

    class Clicked(Message):
        def __init__(self, forward: bool) -> None:
            self.forward = forward
            super().__init__()

    def compose(self) -> ComposeResult:
        with Horizontal(id="slide-heading"):
            yield Static(id="slide-title", markup=False)
            yield Static(id="slide-badge", classes="badge", markup=False)
        yield Static(id="slide-content", markup=False)
        yield PictureView(id="slide-picture")
        yield Static(id="slide-tail", markup=False)

    def show(self, deck: Deck, slide: Slide, palette: Palette, minimum: Confidence | None, compact: bool = False, step: int | None = None) -> None:
        heading = self.query_one("#slide-heading")
        heading.display = slide.layout is None  # a title or section slide draws its words itself
        self.query_one("#slide-title", Static).update(Text(slide.title))  # Text: never read as markup
        view = shown(slide, minimum)  # what the filter leaves: once a move
        # with a filter on, the badge says the weakest level still shown, not the level of hidden claims
        badge = badge_text(view.confidence, palette) if slide.confidence is not None else Text()
        self.query_one("#slide-badge", Static).update(badge)
        main, tail = render_slide_parts(deck, slide, palette, minimum, compact, step)
        picture = view.image if slide.layout is None else None
        # the sources go below the picture; without one they stay in the content: one widget fewer to lay out
        self.query_one("#slide-content", Static).update(Drawn(main) if picture else Drawn(main, tail))  # drawn once a width
        self.query_one(PictureView).show(deck, picture)
        tail_widget = self.query_one("#slide-tail", Static)
        tail_widget.display = picture is not None
        if picture is not None:
            tail_widget.update(tail)
        self.scroll_home(animate=False)

    def on_click(self, event: Click) -> None:
        if event.widget is not None and self.size.width:
            self.post_message(self.Clicked(forward=event.screen_x - self.region.x >= self.size.width // 2))
