"""The slide itself: title, confidence badge and content, scrolling when it does not fit."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.css.scalar import Scalar
from textual.events import Click
from textual.message import Message
from textual.widgets import Static

from ...core.model import Confidence, Deck, Picture
from ...core.runcode import Output, slide_blocks
from ...core.view import ShownSlide, view_slide
from ..render import Drawn, Heading, badge_text, mix_text, render_slide_parts
from ..themes import Palette
from .picture import PictureRow

BESIDE_HEIGHT_SHARE = 0.8  # of the screen's height, that pictures beside the words share

KEPT = 8  # slides whose drawing is kept: this one, the ones either side, and a few more


@dataclass(frozen=True)
class Pictures:
    """Where a slide's pictures go: below its words (a row), beside them on the right (a stack in `share`%
    of the width), and under each column (a row of the columns' shares)."""

    below: tuple[Picture, ...] = ()
    right: tuple[Picture, ...] = ()
    columns: tuple[tuple[Picture | None, int], ...] = ()  # (picture, share of the slide's width) slots, in column order
    share: int = 40  # the right stack's share of the slide's width

    @property
    def under(self) -> bool:
        """Pictures under the words: the sources then go below them."""
        return bool(self.below or self.columns)


def _pictures(view: ShownSlide) -> Pictures:
    below = tuple(p for p in view.images if p.place != "right")
    right = tuple(p for p in view.images if p.place == "right")
    slots: list[tuple[Picture | None, int]] = []
    if any(column.images for column in view.columns):
        total = sum(column.width for column in view.columns)
        for column in view.columns:
            share = 100 * column.width // total
            slots += [(p, share // len(column.images)) for p in column.images] or [(None, share)]
    share = next((p.percent for p in right if p.percent is not None), 40)
    return Pictures(below, right, tuple(slots), share)


def _draw(
    deck: Deck, index: int, palette: Palette, minimum: Confidence | None, compact: bool, step: int | None, outputs: Mapping[str, Output] | None = None
) -> tuple[Drawn, Pictures, RenderableType]:
    view = view_slide(deck, index, minimum=minimum, step=step, outputs=outputs)
    picture = _pictures(view)
    main, tail = render_slide_parts(view, palette, compact, below_after_pictures=bool(picture.columns))  # words below stay below
    parts = [main] if picture.under else [main, tail]  # the sources go below pictures
    if not view.divider and (view.title or view.badge is not None):  # a title or section slide draws its words itself
        badge = badge_text(view.badge, palette) if view.badge is not None else Text()
        if view.likelihood and view.badge is not None:
            badge.append(f" {view.likelihood}", style=f"italic {palette.of(view.badge)}")
        if view.slide.align == "center":  # a lead slide: the title in the middle, its label under it
            lead = [Text(view.title, style=f"bold {palette.accent}", justify="center")] if view.title else []
            lead += [Text.assemble(badge, justify="center")] if badge else []
            parts[0:0] = [*lead, Text()]
        else:
            parts.insert(0, Heading(view.title, badge, palette, compact, mix_text(view, palette)))
    return Drawn(*parts), picture, tail


class SlideView(VerticalScroll, can_focus=False):
    """Shows one slide. Clicking its right part asks for the next slide, its left part the previous.

    The heading, the content and (without a picture) the sources are one widget: each widget more is a
    share of the layout that every move pays for."""

    class Clicked(Message):
        def __init__(self, forward: bool) -> None:
            self.forward = forward
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._kept: dict[tuple[int, Confidence | None, bool, int | None], tuple[Drawn, Pictures, RenderableType]] = {}
        self._kept_for: tuple[Deck | None, Palette | None] = (None, None)

    def compose(self) -> ComposeResult:
        yield PictureRow(id="slide-beside", classes="-stack")  # docked on the right: it stays as the words scroll
        yield Static(id="slide-content", markup=False)
        yield PictureRow(id="slide-column-pictures")
        yield PictureRow(id="slide-pictures")
        yield Static(id="slide-tail", markup=False)

    def show(
        self,
        deck: Deck,
        index: int,
        palette: Palette,
        minimum: Confidence | None,
        compact: bool = False,
        step: int | None = None,
        outputs: Mapping[str, Output] | None = None,
    ) -> None:
        """Draw slide `index`; `outputs`: what its runnable blocks printed on stage (drawn afresh each time)."""
        slide = deck.slides[index]
        if outputs and any(b.key in outputs for b in slide_blocks(slide.body, tuple(c.body for c in slide.columns))):
            content, picture, tail = _draw(deck, index, palette, minimum, compact, step, outputs)
        else:
            content, picture, tail = self._drawing(deck, index, palette, minimum, compact, step)
        self.query_one("#slide-content", Static).update(content)
        beside = self.query_one("#slide-beside", PictureRow)
        if picture.right and beside.styles.width != Scalar.parse(f"{picture.share}%"):
            beside.styles.width = f"{picture.share}%"
        beside.show(deck, [(p, picture.share) for p in picture.right], BESIDE_HEIGHT_SHARE / max(1, len(picture.right)))
        self.query_one("#slide-column-pictures", PictureRow).show(deck, list(picture.columns))
        below = len(picture.below)
        self.query_one("#slide-pictures", PictureRow).show(deck, [(p, 100 // below) for p in picture.below])
        self.set_class(not picture.under, "-text")
        self.set_class(slide.centred, "-divider")  # a title or section slide, or `align: center`: centred, up and down too
        tail_widget = self.query_one("#slide-tail", Static)
        tail_widget.display = picture.under
        if picture.under:
            tail_widget.update(tail)
        self.scroll_home(animate=False)

    def prepare(self, deck: Deck, places: list[tuple[int, int]], palette: Palette, minimum: Confidence | None, compact: bool = False) -> None:
        """Draw the slides the presenter may go to next, at this width, while nothing else is happening:
        the move then only lays them out (drawing a slide took about as long as laying out the screen)."""
        width = self.query_one("#slide-content").size.width
        for index, step in places:
            content, _, _ = self._drawing(deck, index, palette, minimum, compact, step)
            if width:
                content.draw(self.app.console, self.app.console_options.update_width(width).update(highlight=False))

    def _drawing(
        self, deck: Deck, index: int, palette: Palette, minimum: Confidence | None, compact: bool, step: int | None
    ) -> tuple[Drawn, Pictures, RenderableType]:
        """The slide's content (heading, words, and the sources unless below a picture), its picture, and
        what goes below that; kept for the last few slides, which are drawn once per width."""
        if deck is not self._kept_for[0] or palette != self._kept_for[1]:
            self._kept, self._kept_for = {}, (deck, palette)
        key = (index, minimum, compact, step)  # kept for this deck only
        if key not in self._kept:
            if len(self._kept) >= KEPT:
                del self._kept[next(iter(self._kept))]  # the oldest
            self._kept[key] = _draw(deck, index, palette, minimum, compact, step)
        return self._kept[key]

    def on_click(self, event: Click) -> None:
        if event.widget is not None and self.size.width:
            self.post_message(self.Clicked(forward=event.screen_x - self.region.x >= self.size.width // 2))
