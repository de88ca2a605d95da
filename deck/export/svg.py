"""Charts and timelines as inline SVG, drawn by deck: no script, no library, no network. Each bar and event
carries its label's shape (● ◐ ○ ◌ drawn as circles) and a fill per level (solid, hatched, dotted,
outlined), so print and a black-and-white copy keep them apart. Text takes the page's colour."""

from __future__ import annotations

import html
import re
import textwrap

from ..core.markdown import inline_html
from ..core.model import Bar, Chart, Confidence, Event, bar_geometry, track_ends, track_places, with_unit
from ..core.text import html_text
from ..core.themefile import DEFAULT_VARIABLES
from .fit import GLYPH_WIDTH

Colours = dict[Confidence, str]
COLOURS: Colours = {level: DEFAULT_VARIABLES[f"confidence-{level.value}"] for level in Confidence}  # the default theme's
# The drawings also go inside Markdown (reveal.js, Marp): text in them must read as nothing to a Markdown
# reader (no link, emphasis or code), and hold no line break (a blank line would end the HTML block, and a
# line of '---' or 'Note:' split the slide or start its notes; with no line break, '-', ':' and '|' start nothing).
_MARKDOWN_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "[]()*_`!\\~"} | {"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x85": " "})


def _text(value: str) -> str:
    return html_text(value).translate(_MARKDOWN_INERT)


WIDTH = 1000
FONT = 18
LINE = 24  # a text line's height
ROW_GAP = 10
CHARS_PER_PX = 1 / (FONT * GLYPH_WIDTH)  # about how many characters fit in a pixel of width


def _lines(text: str, width_px: int) -> list[str]:
    return textwrap.wrap(_words(text), max(8, int(width_px * CHARS_PER_PX)), break_long_words=True) or [""]


def _words(text: str) -> str:
    """A claim's words without its Markdown marks (SVG text takes no markup): what the slide shows."""
    return html.unescape(re.sub(r"<[^>]+>", "", inline_html(text)))  # the page's own rendering, tags dropped


def _defs(uid: str, c: Colours) -> str:
    """One fill per level: solid, hatched, dotted, and (speculative) an outline with a light tint."""
    return (
        "<defs>"
        f'<pattern id="{uid}-reported" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{c[Confidence.REPORTED]}" opacity=".35"/><rect width="4" height="8" fill="{c[Confidence.REPORTED]}"/></pattern>'
        f'<pattern id="{uid}-unverified" width="7" height="7" patternUnits="userSpaceOnUse">'
        f'<rect width="7" height="7" fill="{c[Confidence.UNVERIFIED]}" opacity=".25"/><circle cx="3.5" cy="3.5" r="2.2" fill="{c[Confidence.UNVERIFIED]}"/></pattern>'
        "</defs>"
    )


def _fill(level: Confidence | None, uid: str, c: Colours) -> str:
    if level is None:
        return 'fill="currentColor" fill-opacity=".6"'  # data on a slide without labels: no level to show
    if level is Confidence.CONFIRMED:
        return f'fill="{c[level]}"'
    if level is Confidence.ANALYSIS:
        return f'fill="{c[level]}" fill-opacity=".45" stroke="{c[level]}" stroke-width="2"'
    if level is Confidence.SPECULATIVE:
        return f'fill="{c[level]}" fill-opacity=".15" stroke="{c[level]}" stroke-width="2" stroke-dasharray="6 4"'
    return f'fill="url(#{uid}-{level.value})" stroke="{c[level]}" stroke-width="1"'


def shape(level: Confidence | None, cx: float, cy: float, r: float = 7, c: Colours = COLOURS) -> str:
    """The label's glyph drawn: ● filled, ◐ half, ○ open, ◌ dashed, ◆ a diamond (our analysis); a small dot for data with no label."""
    if level is None:
        return f'<circle cx="{cx}" cy="{cy}" r="{r / 2}" fill="currentColor" fill-opacity=".6"/>'
    colour = c[level]
    ring = f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{colour}" stroke-width="2"'
    if level is Confidence.CONFIRMED:
        return f'<circle cx="{cx}" cy="{cy}" r="{r + 1}" fill="{colour}"/>'
    if level is Confidence.REPORTED:
        return ring + f'/><path d="M{cx} {cy - r} A{r} {r} 0 0 0 {cx} {cy + r} Z" fill="{colour}"/>'
    if level is Confidence.UNVERIFIED:
        return ring + "/>"
    if level is Confidence.ANALYSIS:
        return f'<path d="M{cx} {cy - r - 1} L{cx + r + 1} {cy} L{cx} {cy + r + 1} L{cx - r - 1} {cy} Z" fill="{colour}"/>'
    return ring + ' stroke-dasharray="3 3"/>'


def _legend(levels: set[Confidence | None], y: float, uid: str, c: Colours) -> str:
    parts: list[str] = []
    x = 0.0
    for level in Confidence:
        if level in levels:
            parts.append(f'<rect x="{x}" y="{y}" width="28" height="14" {_fill(level, uid, c)}/>')
            parts.append(shape(level, x + 44, y + 7, 6, c))
            parts.append(f'<text x="{x + 58}" y="{y + 12}">{level.value}</text>')
            x += 58 + len(level.value) * FONT * 0.6 + 30
    return "".join(parts)


def _svg(uid: str, height: float, title: str, body: str, c: Colours) -> str:
    return (
        f'<svg class="figure" role="img" aria-labelledby="{uid}-t" viewBox="0 0 {WIDTH} {height:.0f}" width="100%" '
        f'style="max-height:60vh" font-size="{FONT}" fill="currentColor" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{uid}-t">{_text(title)}</title>{_defs(uid, c)}{body}</svg>'
    )


MONO = 0.6  # a monospace character's width, in ems: numbers and dates are set in it, so their width is known


def _mono(text: str, x: float, y: float, size: int = FONT, right: bool = False, extra: str = "") -> str:
    """Numbers and dates in monospace; `right`: ending at x. (Placed by their known width, not by
    text-anchor, which WeasyPrint draws wrongly with a font size of its own.)"""
    start = x - len(text) * MONO * size if right else x
    return f'<text x="{start:.1f}" y="{y:.1f}" font-family="monospace" font-size="{size}"{extra}>{_text(text)}</text>'


def _refs(ids: tuple[str, ...], numbers: dict[str, int]) -> str:
    found = [numbers[s] for s in ids if s in numbers]
    return " " + "".join(f"[{n}]" for n in found) if found else ""


def chart_svg(chart: Chart, bars: tuple[Bar, ...], numbers: dict[str, int], uid: str, c: Colours = COLOURS) -> str:
    """Horizontal bars from a zero axis, the value and unit at each bar's end, the label's shape before it;
    or, for a chart of kind `column`, columns standing on the axis (`column_svg`)."""
    if chart.kind == "column" and len(bars) <= MOST_COLUMNS:
        return column_svg(chart, bars, numbers, uid, c)
    values = [with_unit(b.value_text, chart.unit) + _refs(b.claim.sources, numbers) for b in bars]
    label_w = 300
    value_w = int(max(len(v) for v in values) * FONT * MONO) + 12
    value_w = min(value_w, WIDTH // 3)  # a value with many source numbers runs on, it does not eat the track
    track_x, track_w = 30 + label_w + 12, max(120, WIDTH - (30 + label_w + 12) - value_w)
    axis, lengths = bar_geometry([b.value for b in bars])
    zero = track_x + axis * track_w
    parts, y = [], 0.0
    for bar, value, s in zip(bars, values, lengths):
        lines = _lines(bar.claim.text, label_w)
        row = max(LINE * len(lines), LINE + 6)
        mid = y + 12  # level with the label's first line
        level = bar.claim.confidence
        parts.append(shape(level, 10, mid, c=c))
        for i, line in enumerate(lines):
            parts.append(f'<text x="30" y="{y + 18 + i * LINE}">{_text(line)}</text>')
        length = abs(s) * track_w
        x = zero if s >= 0 else zero - length
        parts.append(f'<rect x="{x:.1f}" y="{mid - 10:.1f}" width="{max(length, 1 if s else 0):.1f}" height="20" {_fill(level, uid, c)}/>')
        parts.append(_mono(value, WIDTH, y + 18, right=True))
        y += row + ROW_GAP
    parts.append(f'<line x1="{zero:.1f}" y1="0" x2="{zero:.1f}" y2="{y - ROW_GAP:.1f}" stroke="currentColor" stroke-opacity=".5"/>')
    parts.append(_legend({b.claim.confidence for b in bars}, y + 6, uid, c))
    title = "Bar chart: " + "; ".join(f"{_words(b.claim.text)}: {v}{_level_words(b.claim.confidence)}" for b, v in zip(bars, values))
    return _svg(uid, y + 30, title, "".join(parts), c)


COLUMN_TRACK = 260  # a column chart's height from its lowest value to its highest, in its units
MOST_COLUMNS = 10  # more columns than this leave no room for their labels: the chart is drawn across


def column_svg(chart: Chart, bars: tuple[Bar, ...], numbers: dict[str, int], uid: str, c: Colours = COLOURS) -> str:
    """Columns standing on a zero axis (those below zero hanging from it), each with its value and unit at
    its end, and under the axis its label's shape and its label, wrapped to the column's width."""
    values = [with_unit(b.value_text, chart.unit) + _refs(b.claim.sources, numbers) for b in bars]
    step = WIDTH / max(1, len(bars))
    bar_w = min(120.0, step * 0.6)
    axis, lengths = bar_geometry([b.value for b in bars])
    top = 10 + LINE  # room for a value over the highest column
    zero = top + (1 - axis) * COLUMN_TRACK
    size = max(10, min(FONT, int(step / (max(len(v) for v in values) * MONO + 1))))  # a value fits its column's width
    parts: list[str] = []
    base = top + COLUMN_TRACK + (LINE + 6 if any(s < 0 for s in lengths) else 0)  # under the lowest column and its value
    shape_y, labels_y = base + 18, base + 18 + LINE
    deepest = labels_y
    for n, (bar, value, s) in enumerate(zip(bars, values, lengths)):
        level = bar.claim.confidence
        centre = step * n + step / 2
        height = abs(s) * COLUMN_TRACK
        y = zero - height if s >= 0 else zero
        parts.append(
            f'<rect x="{centre - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{max(height, 1 if s else 0):.1f}" {_fill(level, uid, c)}/>'
        )
        value_y = y - 6 if s >= 0 else zero + height + size + 4
        parts.append(_mono(value, centre + len(value) * MONO * size / 2, value_y, size, right=True))
        parts.append(shape(level, centre, shape_y, c=c))
        lines = _lines(bar.claim.text, int(step) - 8)
        for i, line in enumerate(lines):
            parts.append(f'<text x="{centre:.1f}" y="{labels_y + 4 + i * LINE:.1f}" text-anchor="middle">{_text(line)}</text>')
        deepest = max(deepest, labels_y + len(lines) * LINE)
    parts.append(f'<line x1="0" y1="{zero:.1f}" x2="{WIDTH}" y2="{zero:.1f}" stroke="currentColor" stroke-opacity=".5"/>')
    parts.append(_legend({b.claim.confidence for b in bars}, deepest + 6, uid, c))
    title = "Column chart: " + "; ".join(f"{_words(b.claim.text)}: {v}{_level_words(b.claim.confidence)}" for b, v in zip(bars, values))
    return _svg(uid, deepest + 30, title, "".join(parts), c)


def timeline_svg(events: tuple[Event, ...], numbers: dict[str, int], uid: str, c: Colours = COLOURS) -> str:
    """Events in date order: when, the label's shape, a track from the first date to the last with the
    event's place (a span as a bar in its level's fill), then what happened."""
    when_w = int(max(len(e.when_text) for e in events) * FONT * MONO) + 10
    track_x = when_w + 44
    track_w = 300
    text_x = track_x + track_w + 16
    left, right = track_ends(events)
    parts = [
        _mono(left, track_x, 16, 14, extra=' opacity=".7"'),
        _mono(right, track_x + track_w, 16, 14, right=True, extra=' opacity=".7"'),
    ]
    y = 26.0
    for event, (start, end) in zip(events, track_places(events), strict=True):
        lines = _lines(event.claim.text + _refs(event.claim.sources, numbers), WIDTH - text_x)
        row = max(LINE * len(lines), LINE + 6)
        mid = y + 12  # level with the text's first line
        level = event.claim.confidence
        parts.append(_mono(event.when_text, 0, y + 18, extra=' opacity=".8"'))
        parts.append(shape(level, when_w + 14, mid, c=c))
        parts.append(f'<line x1="{track_x}" y1="{mid}" x2="{track_x + track_w}" y2="{mid}" stroke="currentColor" stroke-opacity=".3"/>')
        x0 = track_x + start * track_w
        x1 = track_x + end * track_w
        if event.point:
            parts.append(shape(level, round(x0, 1), mid, 6, c))
        else:
            parts.append(f'<rect x="{x0:.1f}" y="{mid - 8:.1f}" width="{max(x1 - x0, 3):.1f}" height="16" {_fill(level, uid, c)}/>')
        for i, line in enumerate(lines):
            parts.append(f'<text x="{text_x}" y="{y + 18 + i * LINE}">{_text(line)}</text>')
        y += row + ROW_GAP
    parts.append(_legend({e.claim.confidence for e in events}, y + 6, uid, c))
    title = "Timeline: " + "; ".join(f"{e.when_text}: {_words(e.claim.text)}{_level_words(e.claim.confidence)}" for e in events)
    return _svg(uid, y + 30, title, "".join(parts), c)


def _level_words(level: Confidence | None) -> str:
    return f" ({level.value})" if level is not None else ""
