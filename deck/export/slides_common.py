"""The body of one slide in the slide formats (Marp, pandoc, reveal.js): label, claims, sources."""

from __future__ import annotations

from collections.abc import Callable

from ..model import Deck, Point, Slide
from . import ExportOptions
from .common import Kept, block, inline, keep, kept_numbers, left_out_line


def point_line(point: Point, slide: Slide, numbers: dict[str, int]) -> str:
    line = f"- {inline(point.text)}"
    if point.confidence is not slide.label:
        line += f" *({point.confidence.value})*"
    refs = "".join(f"[{numbers[s]}]" for s in point.sources if s in numbers)
    return f"{line} {refs}" if refs else line


def meta_line(slide: Slide) -> str:
    parts = [f"**{slide.confidence.label}**"] if slide.confidence is not None else []
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
    column_open: Callable[[int], str] | None = None,
    close: tuple[str, str] | None = None,
    raw_separators: bool = False,
) -> list[str]:
    """Subtitle, body, points and columns; columns use the format's own wrappers when it has them."""
    kept: Kept = keep(slide, options)
    numbers = deck.source_numbers(slide)
    cited = kept_numbers(deck, slide, kept)
    out: list[str] = []
    if kept.left_out:
        out += [f"*{left_out_line(kept.left_out, options)}*", ""]
    if slide.subtitle:
        out += [f"*{inline(slide.subtitle)}*", ""]
    if kept.body:
        out += [block(kept.body, forbidden, raw_separators), ""]
    if kept.points:
        out += [point_line(p, slide, numbers) for p in kept.points] + [""]
    if kept.columns:
        if columns_open:
            out += [columns_open, ""]
        for title, body, points in kept.columns:
            if column_open:
                out += [column_open(len(kept.columns)), ""]
            out += [f"**{inline(title)}:**", ""]
            if body:
                out += [block(body, forbidden, raw_separators), ""]
            if points:
                out += [point_line(p, slide, numbers) for p in points] + [""]
            if close:
                out += [close[1], ""]
        if close:
            out += [close[0], ""]
    if cited:
        out += [sources_line(deck, cited), ""]
    return out
