"""How tall a slide's Markdown renders at a type size: the one estimate behind the Marp export's size
classes and the HTML export's printed type size (the page measures itself on screen).

The estimate is checked by rendering with Marp CLI and measuring every slide in Chromium, and by reading
the PDF's pages back (tests/export/test_real_readers.py, tests/export/test_html.py).
"""

from __future__ import annotations

import re

GLYPH_WIDTH = 0.56  # an average character's width, in ems, in the sans-serif fonts slides are set in
LINE_HEIGHT = 1.45  # a line's height, in ems

# Marp's fitting rule: a slide's type is made smaller, by its estimated height, until it fits above the
# footer (sizes in px for a 1280x720 slide). The estimate is checked by rendering with Marp CLI and
# measuring every slide in Chromium.
SIZES = (26, 22, 19, 16, 14, 12)
WIDTH_PX, HEIGHT_PX = 1280 - 2 * 56, 720 - 40 - 70  # inside the padding, above the footer
IMAGE_PX = 260
MARGIN = 0.9  # the estimate leans tall (measured in Chromium: rendered slides 0.65 to 0.95 of it): a tenth to spare


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


def estimated_height(lines: list[str], size: int) -> float:
    """About how tall the slide's Markdown renders at `size` px: wrapped lines, headings, gaps, tables."""
    per_line = max(20, int(WIDTH_PX / (size * GLYPH_WIDTH)))
    rows = 0.0
    in_code = False
    table: list[str] = []
    for line in [*"\n".join(lines).split("\n"), ""]:  # a body comes as one string of several lines; "" ends a last table
        stripped = line.strip()
        if table and not (stripped.startswith("|") and not in_code):
            rows += table_rows(table, per_line)
            table = []
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
        elif "![" in stripped:  # an image inside a paragraph: its line is as tall as the image (its address, a data URI in HTML, draws nothing)
            words = _IMAGE.sub(" ", line)
            rows += IMAGE_PX / (size * LINE_HEIGHT) + (max(1, -(-len(words) // per_line)) if words.strip() else 0)
        elif stripped[0] == "#" or not stripped.strip("=-\\ "):
            rows += 1.8 * max(1, -(-len(line) // int(per_line / 1.35)))  # headings, and setext underlines
        elif stripped.startswith("|"):
            table.append(stripped)
        else:
            rows += max(1, -(-len(line) // per_line))
    return rows * size * LINE_HEIGHT


def table_rows(table: list[str], per_line: int) -> float:
    """How many lines a Markdown table takes: its columns as wide as their longest cell (as a browser lays
    a table out), shared out in proportion where they do not all fit; the row under the header draws none."""
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table]
    rows = [row for row in rows if not all(cell and not cell.strip("-: ") for cell in row)]  # the |---| row
    if not rows:
        return 0.0
    count = max(len(row) for row in rows)
    natural = [
        max((max((len(part) for part in row[n].split("<br>")), default=0) for row in rows if n < len(row)), default=0) + 2 for n in range(count)
    ]
    room = per_line - 2 * count  # each cell's padding
    widths = natural if sum(natural) <= room else [max(6, room * width // max(1, sum(natural))) for width in natural]
    total = 0.0
    for row in rows:
        lines = max(sum(max(1, -(-len(part) // max(1, widths[n]))) for part in cell.split("<br>")) for n, cell in enumerate(row))
        total += lines + 0.35  # its lines, and the cell's padding
    return total
