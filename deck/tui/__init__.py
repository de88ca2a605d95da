"""Everything that draws: the Textual apps, their screens and widgets, themes and rendering."""

import os

# Textual paints on a grid of this many frames a second, and a key pressed within two frames of the last
# paint (the clock's, once a second) waits for the grid: up to 33 ms at Textual's 60, 8 ms at 240 (p99
# next slide at 10,000 slides: 30 ms at 60). Nothing in deck animates, so a finer grid costs nothing
# while the screen is still. Textual reads it once, when first imported; a TEXTUAL_FPS of the user's wins.
FRAME_RATE = 240


def _paint_grid() -> None:
    if "TEXTUAL_FPS" in os.environ:
        return
    os.environ["TEXTUAL_FPS"] = str(FRAME_RATE)
    try:
        import textual.constants  # noqa: F401
    finally:
        del os.environ["TEXTUAL_FPS"]  # not passed on to an editor or a shell deck starts


_paint_grid()
