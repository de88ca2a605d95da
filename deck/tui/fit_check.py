"""Which slides do not fit a terminal, found by drawing them as the presenter does (for `deck check`).

Each slide is drawn complete, with its heading and sources, at the width the presenter gives it in a
terminal of `columns` x `rows` (its reading width, inside the view's padding), and its lines counted
against the rows the view has (the screen less the status and key bars and the padding). A picture counts
as the rows it is drawn in. Nothing here starts an app.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..core.model import Confidence, Deck
from ..core.view import view_slide
from .render import Heading, badge_text, mix_text, render_slide_parts
from .themes import Palette

PADDING_ROWS, PADDING_COLUMNS = 2, 8  # SlideView's padding: 1 row above and below, 4 columns each side
BARS = 2  # the status bar and the key bar
PICTURE_ROWS = 16  # about how tall a picture is drawn


def terminal_overflows(deck: Deck, columns: int = 120, rows: int = 40) -> list[tuple[int, int, int]]:
    """(slide index, rows it needs, rows there are) for each slide taller than the view."""
    palette = Palette(levels={level: "bold" for level in Confidence})
    width = min(deck.max_width, columns - PADDING_COLUMNS)
    room = rows - BARS - PADDING_ROWS
    console = Console(width=width, color_system=None, force_terminal=False, legacy_windows=False, record=False)
    found = []
    for index, slide in enumerate(deck.slides):
        if slide.centred and slide.layout is not None:
            continue  # a title or section slide: a few centred lines
        view = view_slide(deck, index)
        main, tail = render_slide_parts(view, palette)
        badge = badge_text(view.badge, palette) if view.badge is not None else Text()
        parts = [Heading(view.title, badge, palette, False, mix_text(view, palette)), main, tail] if view.title or view.badge else [main, tail]
        needed = sum(len(console.render_lines(part, console.options.update_width(width), pad=False)) for part in parts)
        needed += PICTURE_ROWS * (any(p.place != "right" for p in view.images) + any(c.images for c in view.columns))  # a row each
        if needed > room:
            found.append((index, needed, room))
    return found
