"""The body of one slide in the slide formats (Marp, pandoc, reveal.js): label, claims, sources."""

from __future__ import annotations

from collections.abc import Callable

from ..core.filtering import Shown
from ..core.model import Deck, Point, Slide
from . import ExportOptions
from .common import Kept, block, inline, keep, left_out_line
from .figures_md import figure_tables, image_lines


def point_line(point: Point, slide: Slide, numbers: dict[str, int]) -> str:
    line = f"- {inline(point.text)}"
    if point.confidence is not slide.label:
        line += f" *({point.confidence.value})*"
    refs = "".join(f"[{numbers[s]}]" for s in point.sources if s in numbers)
    return f"{line} {refs}" if refs else line


def columns_as_table(kept: Kept, slide: Slide, numbers: dict[str, int]) -> list[str]:
    """Columns side by side as a one-row table: a title per column, then its body and points as lines of
    one cell (joined by <br>, which Marp allows without raw HTML)."""
    header = "| " + " | ".join(f"**{inline(title, table=True)}**" for title, _, _ in kept.columns) + " |"
    cells = []
    for _, body, points in kept.columns:
        lines = [inline(line, table=True) for line in (body or "").splitlines() if line.strip()]
        for point in points:
            glyph = point.confidence.glyph if point.labelled or point.confidence is not slide.label else "•"
            line = f"{glyph} {inline(point.text, table=True)}"
            if point.confidence is not slide.label:
                line += f" *({point.confidence.value})*"
            refs = "".join(f"[{numbers[s]}]" for s in point.sources if s in numbers)
            lines.append(f"{line} {refs}" if refs else line)
        cells.append("<br>".join(lines))
    return [header, "| " + " | ".join("---" for _ in kept.columns) + " |", "| " + " | ".join(cells) + " |"]


def divider_lines(deck: Deck, slide: Slide) -> list[str]:
    """A title or section slide: its words, no claims."""
    if slide.layout == "title":
        out = [f"# {inline(slide.title)}", ""]
        subtitle = slide.subtitle or deck.subtitle
        out += [f"*{inline(subtitle)}*", ""] if subtitle else []
        facts = " · ".join(x for x in (inline(deck.author) if deck.author else None, f"as of {deck.as_of.isoformat()}" if deck.as_of else None) if x)
        out += [facts, ""] if facts else []
        return out
    out = [f"# {inline(slide.title)}", ""]
    return out + ([f"*{inline(slide.subtitle)}*", ""] if slide.subtitle else [])


def meta_line(deck: Deck, index: int, options: ExportOptions) -> str:
    """The label of what is kept, then 'Appendix A2' on appendix slides (one slide per deck slide, so no
    heading slide), then the section."""
    slide = deck.slides[index]
    label = keep(slide, options).label
    parts = [f"**{label.label}**"] if label is not None else []
    parts += [f"Appendix {deck.position(index).split(' / ')[0]}"] if slide.appendix else []
    parts += [inline(slide.section)] if slide.section else []
    return " · ".join(parts)


def sources_line(deck: Deck, numbers: dict[str, int]) -> str:
    return "Sources: " + "; ".join(f"[{n}] {inline(deck.sources[sid].title)}" for sid, n in numbers.items())


def content_lines(
    deck: Deck,
    slide: Slide,
    options: ExportOptions,
    forbidden: tuple[str, ...],
    columns_open: str | None = None,
    column_open: Callable[[int], str] | None = None,  # given the column's share of the width, in percent
    close: tuple[str, str] | None = None,
    raw_separators: bool = False,
    pause: str | None = None,
    reveal_list: Callable[[list[str]], list[str]] | None = None,
    heading_floor: int | None = None,
    columns_table: bool = False,
    numbered_as: Slide | None = None,
    figures: Callable[[Shown, Slide, dict[str, int]], list[str]] | None = None,
) -> list[str]:
    """Subtitle, body, points and columns; columns use the format's own wrappers when it has them.

    `pause`: the format's pause between a body's parts (pandoc's '. . .'); without one the parts run on.
    `reveal_list`: how the format makes a list appear item by item, for slides with `reveal: true`.
    `figures`: how the format draws a chart and a timeline (default: as tables)."""
    kept: Kept = keep(slide, options)
    numbers = deck.source_numbers(numbered_as or slide)  # a continuation keeps its slide's numbers
    cited = dict(sorted(((sid, numbers[sid]) for sid in kept.sources if sid in numbers), key=lambda item: item[1]))  # [1] first
    out: list[str] = []
    if kept.left_out:
        out += [f"*{left_out_line(kept.left_out, options)}*", ""]
    if slide.subtitle:
        out += [f"*{inline(slide.subtitle)}*", ""]
    listed: Callable[[list[str]], list[str]] = reveal_list if (slide.reveal and reveal_list) else (lambda lines: lines)
    if kept.body and pause and len(kept.body_parts) > 1:
        for i, part in enumerate(kept.body_parts):
            out += ([pause, ""] if i else []) + [block(part, forbidden, raw_separators, heading_floor), ""]
    elif kept.body:
        out += [block(kept.body, forbidden, raw_separators, heading_floor), ""]
    if kept.view is not None:
        out += figures(kept.view, slide, numbers) if figures else figure_tables(kept.view, slide, numbers)
    if kept.points:
        out += listed([point_line(p, slide, numbers) for p in kept.points]) + [""]
    if kept.columns and columns_table and not slide.reveal:
        out += columns_as_table(kept, slide, numbers) + [""]
    elif kept.columns:
        if columns_open:
            out += [columns_open, ""]
        widths = {c.title: c.width for c in slide.columns}
        total = sum(widths.get(title, 1) for title, _, _ in kept.columns)
        for title, body, points in kept.columns:
            if column_open:
                out += [column_open(100 * widths.get(title, 1) // total), ""]
            out += [f"**{inline(title)}:**", ""]
            if body:
                out += [block(body, forbidden, raw_separators, heading_floor), ""]
            if points:
                out += listed([point_line(p, slide, numbers) for p in points]) + [""]
            if close:
                out += [close[1], ""]
        if close:
            out += [close[0], ""]
    if kept.view is not None:
        out += image_lines(deck, kept.view.image, options)  # after the claims, as on screen
    if cited:
        out += [sources_line(deck, cited), ""]
    return out
