"""Slides as Rich renderables. Deck text is always Text or Markdown, never Rich markup."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from .model import Column, Confidence, Deck, Point, Slide



@dataclass(frozen=True)
class Palette:
    """Colours for the parts of a slide that Rich draws: one per confidence level, plus dim text."""

    levels: dict[Confidence, str]
    dim: str = "dim"
    accent: str = "bold"
    code_theme: str = "monokai"



def point_marker(level: Confidence, palette: Palette) -> Text:
    return Text(f" {level.glyph} {level.value}", style=f"italic {palette.levels[level]}")



_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#!\\|~&]|^\s*(?:[-+]\s|\d+[.)]\s)|\n")


def _inline(text: str, palette: Palette) -> RenderableType:
    if not _MARKDOWN_SYNTAX.search(text):
        return Text(text)  # plain words: no need for a Markdown parser (about 0.6 ms each)
    # Inline code takes the code theme too, so that it matches light and dark themes alike.
    return Markdown(text, code_theme=palette.code_theme, inline_code_lexer="text", inline_code_theme=palette.code_theme)


def render_points(
    points: tuple[Point, ...],
    slide: Slide,
    palette: Palette,
    numbers: dict[str, int],
    minimum: Confidence | None,
) -> list[RenderableType]:
    shown = [p for p in points if p.confidence.meets(minimum)]
    rows: list[RenderableType] = []
    if shown:
        rows.append(Claims(tuple(shown), slide, palette, numbers))
    hidden = len(points) - len(shown)
    if hidden:
        rows.append(hidden_notice(hidden, minimum, palette))
    return rows


WORDS_MIN_WIDTH = 44  # narrower than this, a point's label is its glyph alone, to leave room for the claim


class Claims:
    """Points as rows: the glyph of each point's label, the claim, then its label in words where it
    differs from the slide's, and its source numbers. Laid out for the width it is given: in a
    narrow column the words give way to the glyph, which still tells the levels apart."""

    def __init__(self, points: tuple[Point, ...], slide: Slide, palette: Palette, numbers: dict[str, int]) -> None:
        self.points, self.slide, self.palette, self.numbers = points, slide, palette, numbers
        self.texts = [_inline(point.text, palette) for point in points]  # built once, drawn at any width

    def __rich_console__(self, console, options):
        words = options.max_width >= WORDS_MIN_WIDTH
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=1, no_wrap=True)  # bullet: the glyph of the point's own label
        grid.add_column(ratio=1)  # the claim
        grid.add_column(no_wrap=True, justify="right")  # its label where it differs, and references
        for point, claim in zip(self.points, self.texts):
            differs = point.confidence is not self.slide.confidence
            tail = Text()
            if differs and words:
                tail.append_text(point_marker(point.confidence, self.palette))
            refs = [self.numbers[s] for s in point.sources if s in self.numbers]
            if refs:
                tail.append((" " if tail else "") + "".join(f"[{n}]" for n in refs), style=self.palette.dim)
            glyph = point.confidence.glyph if point.labelled or (differs and not words) else "•"
            bullet = Text(glyph, style=self.palette.levels[point.confidence])
            grid.add_row(bullet, claim, tail)
        yield grid


def hidden_notice(count: int, minimum: Confidence | None, palette: Palette) -> Text:
    weaker = [level.value for level in Confidence if minimum is not None and not level.meets(minimum)]
    noun = "claim" if count == 1 else "claims"
    return Text(
        f"⋯ {count} {noun} hidden by the confidence filter ({', '.join(weaker)}); c changes the filter",
        style=f"italic {palette.dim}",
    )


def render_column(column: Column, slide: Slide, palette: Palette, numbers: dict[str, int], minimum: Confidence | None) -> RenderableType:
    parts: list[RenderableType] = [Text(column.title, style=palette.accent)]
    if column.body and slide.confidence.meets(minimum):
        parts.append(_inline(column.body, palette))
    parts += render_points(column.points, slide, palette, numbers, minimum)
    return Group(*parts)


def render_slide(
    deck: Deck, slide: Slide, palette: Palette, minimum: Confidence | None = None, compact: bool = False
) -> RenderableType:
    """Everything below the slide's title: subtitle, body, points, columns, source references."""
    numbers = deck.source_numbers(slide)
    parts: list[RenderableType] = []
    if slide.subtitle:
        parts += [Text(slide.subtitle, style=f"italic {palette.dim}"), Text()]
    if slide.body:
        if slide.confidence.meets(minimum):
            parts += [_inline(slide.body, palette), Text()]
        else:
            parts += [hidden_notice(1, minimum, palette), Text()]
    if slide.points:
        parts += render_points(slide.points, slide, palette, numbers, minimum)
        parts.append(Text())
    if slide.columns:
        grid = Table.grid(padding=(0, 3), expand=True)
        for _ in slide.columns:
            grid.add_column(ratio=1)
        grid.add_row(*(render_column(c, slide, palette, numbers, minimum) for c in slide.columns))
        parts += [grid, Text()]
    if numbers:
        parts.append(render_sources_line(deck, numbers, palette) if compact else render_sources(deck, numbers, palette))
    return Group(*parts)


def render_sources_line(deck: Deck, numbers: dict[str, int], palette: Palette) -> RenderableType:
    """The sources as one wrapped paragraph, for short terminals."""
    line = Text("Sources: ", style=f"bold {palette.dim}")
    for sid, n in numbers.items():
        if n > 1:
            line.append(" · ", style=palette.dim)
        line.append(f"[{n}] {deck.sources[sid].title}", style=palette.dim)
    return line


def render_sources(deck: Deck, numbers: dict[str, int], palette: Palette) -> RenderableType:
    """The slide's sources, one a line, numbered as the points refer to them."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=palette.dim)
    grid.add_column(style=palette.dim)
    for sid, n in numbers.items():
        source = deck.sources[sid]
        extra = ", ".join(x for x in (source.kind, source.date.isoformat() if source.date else None) if x)
        grid.add_row(f"[{n}]", Text(source.title + (f" ({extra})" if extra else "")))
    return Group(Text("Sources", style=f"bold {palette.dim}"), grid)


def render_notes(slide: Slide, following: Slide | None, palette: Palette, show_next: bool = True) -> RenderableType:
    parts: list[RenderableType] = []
    if slide.notes:
        parts.append(_inline(slide.notes, palette))
    else:
        parts.append(Text("No speaker notes for this slide.", style=f"italic {palette.dim}"))
    if not show_next:
        return Group(*parts)
    parts.append(Text())
    if following is not None:
        parts.append(Text.assemble(("Next: ", "bold"), following.title, (f"  {following.confidence.label}", palette.dim)))
    else:
        parts.append(Text("Last slide.", style="bold"))
    return Group(*parts)
