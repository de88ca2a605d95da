"""How tall a slide's Markdown renders at a type size: the one estimate behind the Marp export's size
classes and the HTML export's printed type size (the page measures itself on screen).

The estimate is checked by rendering with Marp CLI and measuring every slide in Chromium, and by reading
the PDF's pages back (tests/export/test_real_readers.py, tests/export/test_html.py).
"""

from __future__ import annotations

GLYPH_WIDTH = 0.56  # an average character's width, in ems, in the sans-serif fonts slides are set in
LINE_HEIGHT = 1.45  # a line's height, in ems

# Marp's fitting rule: a slide's type is made smaller, by its estimated height, until it fits above the
# footer (sizes in px for a 1280x720 slide). The estimate is checked by rendering with Marp CLI and
# measuring every slide in Chromium.
SIZES = (26, 22, 19, 16, 14, 12)
WIDTH_PX, HEIGHT_PX = 1280 - 2 * 56, 720 - 40 - 70  # inside the padding, above the footer
IMAGE_PX = 260
MARGIN = 0.8  # the estimate is rough (fonts, tables, headings): leave a fifth to spare


def estimated_height(lines: list[str], size: int) -> float:
    """About how tall the slide's Markdown renders at `size` px: wrapped lines, headings, gaps."""
    per_line = max(20, int(WIDTH_PX / (size * GLYPH_WIDTH)))
    rows = 0.0
    in_code = False
    for line in "\n".join(lines).split("\n"):  # a body comes as one string of several lines
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            in_code = not in_code
            rows += 0.8  # a code block's padding
        elif in_code:
            rows += 1.1 * max(1, -(-len(line) // per_line))
        elif not stripped:
            rows += 0.45  # the gap between blocks
        elif stripped.startswith("![bg"):
            pass  # Marp's background, beside the words: it takes no line of its own
        elif stripped.startswith("!["):
            rows += IMAGE_PX / (size * LINE_HEIGHT)  # an image: at most this tall (the style's max-height)
        elif stripped[0] == "#" or not stripped.strip("=-\\ "):
            rows += 1.8 * max(1, -(-len(line) // int(per_line / 1.35)))  # headings, and setext underlines
        elif stripped.startswith("|"):
            cells = stripped.strip("|").split(" | ")
            cell_width = max(8, per_line // max(1, len(cells)) - 2)
            rows += 1.35 * max(sum(max(1, -(-len(part) // cell_width)) for part in cell.split("<br>")) for cell in cells)
        else:
            rows += max(1, -(-len(line) // per_line))
    return rows * size * LINE_HEIGHT
