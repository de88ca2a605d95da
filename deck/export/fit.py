"""How tall a slide's Markdown renders at a type size: the one estimate behind the type size of every
slide format (Marp's size classes, reveal.js's and pandoc's slide sizes) and the HTML export's printed
type size (the page measures itself on screen).

The estimate is checked by rendering with Marp CLI and measuring every slide in Chromium, and by reading
the PDF's pages back (tests/export/test_real_readers.py, tests/export/test_html.py).
"""

from __future__ import annotations

import math
import re

GLYPH_WIDTH = 0.56  # an average character's width, in ems, in the sans-serif fonts slides are set in
LINE_HEIGHT = 1.45  # a line's height, in ems

# The fitting rule of the slide formats: a slide's type is made smaller, by its estimated height, until it
# fits above the footer (sizes in px for a 1280x720 slide). The estimate is checked by rendering with Marp
# CLI, reveal.js and pandoc and measuring every slide in Chromium.
SIZES = (26, 22, 19, 16, 14, 12)
WIDTH_PX, HEIGHT_PX = 1280 - 2 * 56, 720 - 40 - 70  # inside the padding, above the footer
IMAGE_PX = 260
MARGIN = 0.9  # the estimate leans tall (measured in Chromium: rendered slides 0.65 to 0.95 of it): a tenth to spare


FIGURE_MAX_PX = 432.0  # the HTML page's chart or timeline (SVG): drawn to the page's width, at most 60% of its height
SLIDE_FIGURE_PX = 360.0  # a slide format's (reveal.js): at most half a 720 px slide, so that its words keep their size
_VIEWBOX = re.compile(r'viewBox="0 0 ([\d.]+) ([\d.]+)"')


def figure_height(svg: str, width: float = WIDTH_PX, most: float = FIGURE_MAX_PX) -> float:
    """How tall a chart or timeline drawn as SVG is at `width` px, at most `most` (its type scales with it,
    not with the slide's)."""
    found = _VIEWBOX.search(svg)
    if found is None or not float(found.group(1)):
        return most
    return min(most, width * float(found.group(2)) / float(found.group(1)))


def fitting_size(lines: list[str]) -> int:
    """The largest of SIZES at which the slide's Markdown fits (the smallest where none does)."""
    return next((size for size in SIZES if fits(lines, size)), SIZES[-1])


DRAWING_TYPE = 18 / 1000  # a chart's or timeline's type over its width (svg.FONT / svg.WIDTH: tested equal)
LEGIBLE = 0.9  # a drawing's type is kept at least this share of the words' (or the drawing at its full size)


def fitting_with_figures(lines: list[str]) -> tuple[int, list[float]] | None:
    """For a slide with charts or timelines drawn as SVG, whose type scales with the drawing, not with the
    slide's: the largest size at which the room its words leave draws them at their full size, or with
    type at least LEGIBLE of the words'; and the height each drawing gets (its share of that room). None
    where no size leaves them room to be read (a 60-bar chart): the slide shows them as words instead."""
    split = "\n".join(lines).split("\n")
    drawings = [line.strip() for line in split if line.strip().startswith("<svg")]
    if not drawings:
        return fitting_size(lines), []
    words = [line for line in split if not line.strip().startswith("<svg")]
    natural = [figure_height(svg, WIDTH_PX, math.inf) for svg in drawings]  # drawn across the slide, however tall
    total = sum(natural) or 1.0
    full_type = DRAWING_TYPE * WIDTH_PX  # a drawing's type, drawn across the slide
    for size in SIZES:
        scale = min(1.0, max(0.0, HEIGHT_PX * MARGIN - estimated_height(words, size)) / total)
        if scale >= min(1.0, LEGIBLE * size / full_type):
            return size, [height * scale for height in natural]
    return None


def fits(lines: list[str], size: int = SIZES[-1]) -> bool:
    """Whether the slide's Markdown fits at `size` (by default at the smallest size: at all)."""
    return estimated_height(lines, size) <= HEIGHT_PX * MARGIN


_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_UNSEEN = re.compile(r"<!--.*?-->|&#8203;")  # a comment on a line of its own or after the words (a reader's directive), drawn as nothing


def estimated_height(lines: list[str], size: int, width: float = WIDTH_PX) -> float:
    """About how tall the slide's Markdown renders at `size` px in `width` px: wrapped lines, headings, gaps,
    tables, and pandoc's columns (side by side: as tall as the tallest)."""
    lines, columns = _without_columns("\n".join(lines).split("\n"), size, width)
    per_line = max(20, int(width / (size * GLYPH_WIDTH)))
    rows = columns / (size * LINE_HEIGHT)
    in_code = False
    table: list[str] = []
    for line in [*lines, ""]:  # "" ends a last table
        if "<!--" in line and not in_code:
            line = _UNSEEN.sub("", line)
            if not line.strip():
                continue
        stripped = line.strip()
        if stripped.startswith((":::", '<div class="fragment">', "</div>")) and not in_code:
            continue  # a pandoc div's fence (incremental, a column's end), reveal.js's fragment: drawn as nothing
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
        elif stripped.startswith("<svg"):
            rows += figure_height(stripped, width, SLIDE_FIGURE_PX) / (size * LINE_HEIGHT)
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


_COLUMNS = re.compile(r"(:{4,}) *\{\.columns\}")
_COLUMN = re.compile(r':{3} *\{\.column(?: width="(\d+)%")?\}')


def _without_columns(lines: list[str], size: int, width: float) -> tuple[list[str], float]:
    """The lines outside pandoc's columns, and how tall the columns are: each estimated at its share of
    the width, the tallest counting."""
    out: list[str] = []
    drawn = 0.0
    at = 0
    while at < len(lines):
        opened = _COLUMNS.fullmatch(lines[at].strip())
        if opened is None:
            out.append(lines[at])
            at += 1
            continue
        end = next((n for n in range(at + 1, len(lines)) if lines[n].strip() == opened.group(1)), len(lines))
        shares: list[tuple[int, list[str]]] = []
        for line in lines[at + 1 : end]:
            column = _COLUMN.fullmatch(line.strip())
            if column is not None:
                shares.append((int(column.group(1) or 100 // 2), []))
            elif shares and line.strip() != ":::":
                shares[-1][1].append(line)
        drawn += max((estimated_height(words, size, width * share / 100) for share, words in shares), default=0.0)
        at = end + 1
    return out, drawn


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
