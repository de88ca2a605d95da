"""Charts and timelines drawn with text cells, at the width they are given. Each bar and event shows its
label by shape (● ◐ ○ ◌) and by fill (█ ▓ ▒ ░) as well as by colour, so a monochrome terminal, NO_COLOR
and a black-and-white projector lose nothing."""

from __future__ import annotations

import math

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

from ..core.model import Bar, Chart, Confidence, Event, bar_geometry, glyph_of, track_ends, track_places, with_unit
from .inline import inline_text
from .themes import Palette

FILLS = {
    Confidence.CONFIRMED: "█",
    Confidence.REPORTED: "▓",
    Confidence.UNVERIFIED: "▒",
    Confidence.SPECULATIVE: "░",
    Confidence.ANALYSIS: "▞",
}


def fill(level: Confidence | None) -> str:
    return FILLS[level] if level is not None else "■"  # data on a slide without labels


NARROW = 44  # narrower than this, a chart's labels take less room
TEXT_MIN = 28  # a timeline keeps its track only while its events' text has this many columns


def legend(levels: list[Confidence | None], palette: Palette, width: int) -> Text:
    """The fills and shapes of the levels drawn, entries broken between, never inside, on a narrow slide."""
    line = Text()
    used = 0
    for level in Confidence:
        if level not in levels:
            continue
        entry = f"{FILLS[level] * 2} {level.glyph} {level.value}"
        if used and used + 3 + len(entry) > width:
            line.append("\n")
            used = 0
        elif used:
            line.append("   ")
            used += 3
        line.append(entry, style=palette.of(level))
        used += len(entry)
    return line


def refs(claim_sources: tuple[str, ...], numbers: dict[str, int]) -> str:
    found = [numbers[s] for s in claim_sources if s in numbers]
    return " " + "".join(f"[{n}]" for n in found) if found else ""


def bar_cells(values: list[float], track: int) -> list[tuple[int, int]]:
    """Each value as (first cell, cell count) on a track of `track` cells, zero where the axis stands.
    Never outside the track, whatever the values (all zero, negative, huge)."""
    if track <= 0:
        return [(0, 0) for _ in values]
    axis, lengths = bar_geometry(values)
    zero = round(axis * track)
    out = []
    for v in lengths:
        length = round(abs(v) * track)
        if v and not length:
            length = 1  # a value that is not zero shows
        start = zero if v >= 0 else zero - length
        start = max(0, min(start, track))
        length = max(0, min(length, track - start))
        out.append((start, length))
    return out


def chart_of(chart: Chart, bars: tuple[Bar, ...], palette: Palette, numbers: dict[str, int]) -> BarChart | ColumnChart:
    """The chart drawn in its kind: bars across, or columns up."""
    return (ColumnChart if chart.kind == "column" else BarChart)(chart, bars, palette, numbers)


class BarChart:
    """Horizontal bars: the label's shape, the label, the bar in its level's fill, the value and unit,
    the source numbers."""

    def __init__(self, chart: Chart, bars: tuple[Bar, ...], palette: Palette, numbers: dict[str, int]) -> None:
        self.chart, self.bars, self.palette, self.numbers = chart, bars, palette, numbers
        self.labels = [inline_text(bar.claim.text) for bar in bars]
        self.values = [with_unit(bar.value_text, chart.unit) for bar in bars]
        self.refs = [refs(bar.claim.sources, numbers) for bar in bars]  # a column of their own: the values line up

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        value_width = max((len(v) for v in self.values), default=0) + max((len(r) for r in self.refs), default=0) + (1 if any(self.refs) else 0)
        label_width = min(max((label.cell_len for label in self.labels), default=1), max(8, int(width * (0.25 if width < NARROW else 0.35))))
        track = max(4, width - 2 - label_width - value_width - 3)
        cells = bar_cells([bar.value for bar in self.bars], track)
        negative = any(bar.value < 0 for bar in self.bars)
        zero = next((start for (start, _), bar in zip(cells, self.bars) if bar.value >= 0), None) if negative else None
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(width=label_width, overflow="fold")  # a long label wraps; no word of a claim is cut
        grid.add_column(width=track, no_wrap=True)
        grid.add_column(no_wrap=True, justify="right")
        if any(self.refs):
            grid.add_column(no_wrap=True)
        for bar, label, value, ref, (start, length) in zip(self.bars, self.labels, self.values, self.refs, cells):
            level = bar.claim.confidence
            line = Text(" " * start + fill(level) * length + " " * (track - start - length), style=self.palette.of(level))
            if zero is not None and zero < track and line.plain[zero] == " ":
                line = line[:zero] + Text("│", style=self.palette.dim) + line[zero + 1 :]
            row = [Text(glyph_of(level), style=self.palette.of(level)), label, line, Text(value)]
            grid.add_row(*row, *([Text(ref.strip(), style=self.palette.dim)] if any(self.refs) else []))
        yield grid
        yield legend([bar.claim.confidence for bar in self.bars], self.palette, width)


class Timeline:
    """Events in date order: when, the label's shape, a track from the first date to the last with the
    event's place on it (a span in its level's fill), then what happened and its sources."""

    def __init__(self, events: tuple[Event, ...], palette: Palette, numbers: dict[str, int]) -> None:
        self.events = events  # in date order, as the loader keeps them
        self.palette, self.numbers = palette, numbers
        self.texts = []
        for event in self.events:
            text = inline_text(event.claim.text).copy()
            text.append(refs(event.claim.sources, numbers), style=palette.dim)
            self.texts.append(text)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        when_width = max((len(e.when_text) for e in self.events), default=4)
        track = max(10, min(40, int(width * 0.3)))
        if width - when_width - 5 - track < TEXT_MIN:
            track = 0  # the events' words come first: no track where it would squeeze them
        places = track_places(self.events)
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=when_width, no_wrap=True)
        grid.add_column(width=1, no_wrap=True)
        if track:
            grid.add_column(width=track, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        if track:
            ends = _ends(*track_ends(self.events), track)
            grid.add_row(Text(), Text(), Text(ends, style=self.palette.dim), Text())
        for event, text, place in zip(self.events, self.texts, places, strict=True):
            level = event.claim.confidence
            glyph = Text(glyph_of(level), style=self.palette.of(level))
            row = [Text(event.when_text, style=self.palette.dim), glyph]
            if track:
                row.append(self._track(event, place, track))
            grid.add_row(*row, text)
        yield grid
        yield legend([e.claim.confidence for e in self.events], self.palette, width)

    def _track(self, event: Event, place: tuple[float, float], track: int) -> Text:
        level = event.claim.confidence
        first = min(track - 1, int(place[0] * track))
        last = max(first, min(track - 1, math.ceil(place[1] * track) - 1))
        line = Text("·" * track, style=self.palette.dim)
        if event.point:  # one day or one moment: a point
            line = line[:first] + Text(glyph_of(level), style=self.palette.of(level)) + line[first + 1 :]
        else:
            line = line[:first] + Text(fill(level) * (last - first + 1), style=self.palette.of(level)) + line[last + 1 :]
        return line


def _ends(left: str, right: str, track: int) -> str:
    """The track's first and last days (or times), at its two ends; a day shortened to its month where both do not fit."""
    if len(left) + len(right) + 1 > track:
        left, right = left[:7], right[:7]
    if len(left) + len(right) + 1 > track:
        return left[:track]
    return left + " " * (track - len(left) - len(right)) + right


COLUMN_ROWS = 8  # a column chart's height, in rows, from its lowest value to its highest
COLUMN_WIDTH = 12  # a column's width, in cells, where the slide has room (a wider value widens it)


class ColumnChart(BarChart):
    """Vertical bars standing on a zero axis, each under its value, in its level's fill; under the axis
    each column's label shape and number, then a key of the numbers: the label, its sources. A label is
    never cut: a key line wraps."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        count = len(self.bars)
        numbers = [str(n) for n in range(1, count + 1)]
        room = max(1, width // max(1, count) - 1)  # each column's share of the width, less the gap
        cell = max(len(numbers[-1]) + 2, min(max(COLUMN_WIDTH, *(len(v) for v in self.values)), room))
        gap = 1
        if count * (cell + gap) > width:  # too many to stand side by side here: drawn across instead
            yield from super().__rich_console__(console, options)
            return
        cells = bar_cells([bar.value for bar in self.bars], COLUMN_ROWS)  # (first row from the bottom, rows)
        zero = round(bar_geometry([bar.value for bar in self.bars])[0] * COLUMN_ROWS)  # the axis's row (all negative: the top)
        top = [start + length for start, length in cells]
        rows: list[Text] = []
        for row in range(COLUMN_ROWS, -2, -1):  # a row above the highest column (and below the lowest) holds values too
            line = Text(no_wrap=True, overflow="crop")
            for (start, length), bar, value, peak in zip(cells, self.bars, self.values, top):
                level = bar.claim.confidence
                if start <= row < start + length:
                    line.append(fill(level) * cell, style=self.palette.of(level))
                elif (row == peak and bar.value >= 0 or row == start - 1 and bar.value < 0) and len(value) <= cell:
                    line.append(value.center(cell), style="bold")  # the value just above (or below) its column; the key has it too
                else:
                    line.append(" " * cell)
                line.append(" " * gap)
            rows.append(line)
            if row == zero:
                rows.append(Text("─" * min(width, count * (cell + gap)), style=self.palette.dim))
        for line in rows:
            if line.plain.strip():
                yield line
        marks = Text(no_wrap=True, overflow="crop")
        for bar, number in zip(self.bars, numbers):
            level = bar.claim.confidence
            marks.append(f"{glyph_of(level)}{number}".center(cell), style=self.palette.of(level))
            marks.append(" " * gap)
        yield marks
        key = Table.grid(padding=(0, 1))
        key.add_column(no_wrap=True, justify="right")
        key.add_column(overflow="fold")
        for bar, number, label, value, ref in zip(self.bars, numbers, self.labels, self.values, self.refs):
            key.add_row(Text(number, style=self.palette.of(bar.claim.confidence)), Text.assemble(label, f" · {value}", (ref, self.palette.dim)))
        yield key
        yield legend([bar.claim.confidence for bar in self.bars], self.palette, width)
