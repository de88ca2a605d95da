"""A slide's pictures in the Markdown formats: a chart and a timeline as tables (one row per claim, with its
label and sources), an image as a Markdown image whose path is relative to where the export is written."""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from ..core.imagefile import ImageProblem, locate
from ..core.model import Confidence, Deck, Picture, with_unit
from ..core.view import ShownSlide
from . import ExportOptions
from .common import inline, table_row
from .svg import chart_svg, timeline_svg


def _refs(ids: tuple[str, ...], numbers: dict[str, int], escaped: bool) -> str:
    found = [numbers[s] for s in ids if s in numbers]
    mark = "\\[{}\\]" if escaped else "[{}]"
    return "".join(mark.format(n) for n in found) or "—"


def _level(level: Confidence | None) -> str:
    return f"{level.glyph} {level.value}" if level is not None else "—"


def _chart_title(title: str) -> str:
    """A chart's title leading into it, 'Chart: **title**' (a paragraph of emphasis alone reads to
    Markdown's linters, and to people, as a heading put wrongly)."""
    return f"Chart: **{inline(title)}**"


def figure_tables(view: ShownSlide, escaped: bool = False) -> list[str]:
    """The chart's and the timeline's tables, each followed by a blank line. `escaped`: write source numbers
    as \\[1\\] (the handout, where [1] next to a title could read as a link)."""
    out: list[str] = []
    slide, numbers = view.slide, view.numbers
    if view.bars and slide.chart is not None:
        out += [_chart_title(slide.chart.title), ""] if slide.chart.title else []
        out += [table_row(["Item", "Value", "Confidence", "Sources"]), "| --- | ---: | --- | --- |"]
        for bar in view.bars:
            level = bar.claim.confidence
            value = inline(with_unit(bar.value_text, slide.chart.unit), table=True)
            out.append(table_row([inline(bar.claim.text, table=True), value, _level(level), _refs(bar.claim.sources, numbers, escaped)]))
        out.append("")
        out += [f"Values: *{inline(slide.chart.axis)}*", ""] if slide.chart.axis else []
    if view.events:
        out += [table_row(["When", "Event", "Confidence", "Sources"]), table_row(["---"] * 4)]
        for event in view.events:
            level = event.claim.confidence
            when = event.when_text.replace(" – ", "–")  # a dash between spaces could read as a list
            out.append(table_row([when, inline(event.claim.text, table=True), _level(level), _refs(event.claim.sources, numbers, escaped)]))
        out.append("")
    return out


def figure_lists(view: ShownSlide) -> list[str]:
    """The chart and the timeline as lists, one item per bar or event with its label and sources: for a
    reader that starts a new slide after a table (pandoc's PowerPoint). Their items start with '*', so
    that the points' list after them ('-') stays a list of its own."""
    out: list[str] = []
    slide, numbers = view.slide, view.numbers
    if view.bars and slide.chart is not None:
        out += [_chart_title(slide.chart.title), ""] if slide.chart.title else []
        for bar in view.bars:
            value = inline(with_unit(bar.value_text, slide.chart.unit))
            out.append(f"* **{value}** {inline(bar.claim.text)}{_said(bar.claim.confidence, bar.claim.sources, numbers)}")
        out.append("")
        out += [f"Values: *{inline(slide.chart.axis)}*", ""] if slide.chart.axis else []
    if view.events:
        for event in view.events:
            when = inline(event.when_text)
            out.append(f"* **{when}** {inline(event.claim.text)}{_said(event.claim.confidence, event.claim.sources, numbers)}")
        out.append("")
    return out


def _said(level: Confidence | None, sources: tuple[str, ...], numbers: dict[str, int]) -> str:
    """' · ○ unverified [1]': an item's label and sources, where it has them."""
    refs = "".join(f"[{numbers[s]}]" for s in sources if s in numbers)
    said = " ".join(x for x in (_level(level) if level is not None else "", refs) if x)
    return f" · {said}" if said else ""


def svg_figures(view: ShownSlide) -> list[str]:
    """The chart and the timeline as inline SVG, for formats that take HTML (one line each: a blank line
    inside would end the HTML block)."""
    out = []
    slide, numbers = view.slide, view.numbers
    if view.bars and slide.chart is not None:
        out += [_chart_title(slide.chart.title), ""] if slide.chart.title else []
        out += [chart_svg(slide.chart, view.bars, numbers, f"chart{slide.pos.line}"), ""]
        out += [f"Values: *{inline(slide.chart.axis)}*", ""] if slide.chart.axis else []
    if view.events:
        out += [timeline_svg(view.events, numbers, f"timeline{slide.pos.line}"), ""]
    return out


def image_target(deck: Deck, picture: Picture, options: ExportOptions) -> str | None:
    """The image's path from the export's folder, as a URL path; None when the file is not usable. (A
    picture already inside the export, as a data URI, is itself.)"""
    if picture.path.startswith("data:"):
        return picture.path
    try:
        found = locate(deck.path, picture.path)
    except ImageProblem:
        return None
    base = Path(options.out_dir) if options.out_dir else Path.cwd()
    try:
        relative = os.path.relpath(found, base.resolve())
    except ValueError:  # another drive
        relative = str(found)
    return urllib.parse.quote(Path(relative).as_posix())


def image_lines(deck: Deck, pictures: tuple[Picture, ...], options: ExportOptions, sized: Callable[[str, str, int], str] | None = None) -> list[str]:
    """The pictures as Markdown, side by side in one paragraph; `sized` writes one at a share of the slide's
    width in the format's own syntax (Marp's, pandoc's), where the deck gives a `width`."""
    if not pictures:
        return []
    return [" ".join(picture_markdown(deck, picture, options, sized) for picture in pictures), ""]


def picture_markdown(deck: Deck, picture: Picture, options: ExportOptions, sized: Callable[[str, str, int], str] | None = None) -> str:
    """One picture as Markdown, or its alt text where the file is not usable."""
    alt = inline(picture.alt).replace("[", "\\[").replace("]", "\\]")
    target = image_target(deck, picture, options)
    if target is None:
        return f"*\\[image not available: {alt}\\]*"
    if picture.percent is not None and sized is not None:
        return sized(alt, target, picture.percent)
    return f"![{alt}]({target})"
