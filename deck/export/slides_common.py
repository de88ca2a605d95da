"""The body of one slide in the slide formats (Marp, pandoc, reveal.js): label, claims, sources."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from ..core.linesteps import is_marker
from ..core.model import Confidence, Deck, Picture, Slide
from ..core.reveal import point_breaks
from ..core.view import Claim, ShownSlide
from . import ExportOptions
from .common import block, inline, left_out_line
from .figures_md import figure_tables, image_lines, picture_markdown
from .fit import fits


def claim_line(claim: Claim, refs: str = "[{}]", autolink: bool = False) -> str:
    """'- text *(label)* [1]': the claim's label in words where the view says it differs from the badge."""
    line = f"- {inline(claim.text, autolink=autolink)}"
    said = label_words(claim)
    marks = "".join(refs.format(n) for n in claim.refs)
    # the label's parts are joined by no-break spaces: a reader never wraps the label apart
    label = NBSP.join(x for x in (f"*({said})*" if said else "", marks) if x)
    return f"{line}{NBSP}{label}" if label else line


NBSP = "\u00a0"


def label_words(claim: Claim) -> str:
    """'unverified', 'analysis, likely', 'likely': a claim's level where it differs from the badge, and an
    analysis's likelihood, always."""
    return ", ".join(x for x in (claim.word.value if claim.word is not None else "", claim.likelihood or "") if x)


def columns_as_table(view: ShownSlide, picture: Callable[[Picture], str]) -> list[str]:
    """Columns side by side as a one-row table: a title per column, then its body, points and pictures as
    lines of one cell (joined by <br>, which Marp allows without raw HTML)."""
    header = "| " + " | ".join(f"**{inline(column.title, table=True)}**" if column.title else " " for column in view.columns) + " |"
    cells = []
    for column in view.columns:
        lines = [inline(line, table=True) for line in (column.body or "").splitlines() if line.strip()]
        for claim in column.claims:
            line = f"{claim.shape} {inline(claim.text, table=True)}"
            said = label_words(claim)
            refs = "".join(f"[{n}]" for n in claim.refs)
            label = NBSP.join(x for x in (f"*({said})*" if said else "", refs) if x)
            lines.append(f"{line}{NBSP}{label}" if label else line)
        lines += [picture(p).replace("|", "\\|") for p in column.images]
        cells.append("<br>".join(lines))
    return [header, "| " + " | ".join("---" for _ in view.columns) + " |", "| " + " | ".join(cells) + " |"]


def divider_lines(deck: Deck, slide: Slide) -> list[str]:
    """A title or section slide: its words, no claims."""
    if slide.layout == "title":
        out = [f"# {inline(slide.title)}", ""]
        subtitle = slide.subtitle or deck.subtitle
        out += [f"*{inline(subtitle)}*", ""] if subtitle else []
        facts = " · ".join(inline(fact) for fact in deck.facts())
        out += [facts, ""] if facts else []
        return out
    out = [f"# {inline(slide.title)}", ""]
    return out + ([f"*{inline(slide.subtitle)}*", ""] if slide.subtitle else [])


def meta_line(view: ShownSlide) -> str:
    """The label of what shows, then 'Appendix A2' on appendix slides (one slide per deck slide, so no
    heading slide), then the section."""
    slide = view.slide
    parts = [f"**{view.badge.label}**" + (f" *({view.likelihood})*" if view.likelihood else "")] if view.badge is not None else []
    parts += [f"Appendix {view.position.split(' / ')[0]}"] if slide.appendix else []
    parts += [inline(slide.section)] if slide.section else []
    return " · ".join(parts)


def _points_in_steps(view: ShownSlide, pause: str, pause_end: str | None) -> list[str]:
    """The points, a group per step (each after a pause between points), with the format's pause between
    groups: each group its own list."""
    slide = view.slide
    breaks = point_breaks(slide, view.minimum)
    out: list[str] = []
    group = 0
    for claim in view.claims:
        at = next((n for n, point in enumerate(slide.points) if point is claim.point), 0)
        reached = sum(1 for start in breaks if start <= at)
        if reached > group and out:
            out += ["", pause, ""]
        group = max(group, reached)
        out.append(claim_line(claim))
    opened = out.count(pause)
    return [*out, "", *([pause_end, ""] * opened if pause_end else [])]


def sources_line(deck: Deck, view: ShownSlide) -> str:
    return "Sources: " + "; ".join(f"[{n}] {inline(deck.sources[sid].title)}" for n, sid in view.sources)


def content_lines(
    view: ShownSlide,
    options: ExportOptions,
    forbidden: tuple[str, ...],
    columns_open: str | None = None,
    column_open: Callable[[int], str] | None = None,  # given the column's share of the width, in percent
    close: tuple[str, str] | None = None,
    raw_separators: bool = False,
    pause: str | None = None,
    pause_end: str | None = None,
    reveal_list: Callable[[list[str]], list[str]] | None = None,
    heading_floor: int | None = None,
    columns_table: bool = False,
    figures: Callable[[ShownSlide], list[str]] | None = None,
    sized: Callable[[str, str, int], str] | None = None,  # a picture at a share of the width: (alt, target, percent)
    beside: Callable[[list[str], tuple[Picture, ...]], list[str]] | None = None,
    row: Callable[[tuple[Picture, ...]], list[str]] | None = None,
) -> list[str]:
    """Subtitle, body, points and columns of `view`; columns use the format's own wrappers when it has them.

    `pause`: the format's pause between a body's parts (pandoc's '. . .'); without one the parts run on.
    `pause_end`: what closes each pause after the body, for a format whose pause opens a block (reveal.js's
    fragment <div>).
    `reveal_list`: how the format makes a list appear item by item, for slides with `reveal: true`.
    `figures`: how the format draws a chart and a timeline (default: as tables).
    `beside`: how the format puts pictures (`place: right`) beside the slide's words, given those words'
    lines; without one (or on a slide with columns, which no format nests) they go below like the rest.
    `row`: how the format sets several pictures side by side (default: one paragraph of them)."""
    deck, slide = view.deck, view.slide
    out: list[str] = []
    if view.hidden:
        out += [f"*{left_out_line(view.hidden, options)}*", ""]
    if slide.subtitle:
        out += [f"*{inline(slide.subtitle)}*", ""]
    listed: Callable[[list[str]], list[str]] = reveal_list if (slide.reveal and reveal_list) else (lambda lines: lines)
    if view.body and pause and len(view.body_parts) > 1:
        opened = 0
        for i, part in enumerate(view.body_parts):
            if is_marker(part) is not None:
                continue  # a code block's next highlighted lines: the format shows the code whole
            opened += bool(i)
            out += ([pause, ""] if i else []) + ([block(part, forbidden, raw_separators, heading_floor), ""] if part else [])
        out += [pause_end, ""] * opened if pause_end else []
    elif view.body:
        out += [block(view.body, forbidden, raw_separators, heading_floor), ""]
    out += figures(view) if figures else figure_tables(view)
    if view.claims and pause and not slide.reveal and point_breaks(slide, view.minimum):
        out += _points_in_steps(view, pause, pause_end)  # presenterm's '- <!-- pause -->' among the points
    elif view.claims:
        out += listed([claim_line(c) for c in view.claims]) + [""]
    if view.columns and columns_table and not slide.reveal:
        out += columns_as_table(view, lambda picture: picture_markdown(deck, picture, options, sized)) + [""]
    elif view.columns:
        if columns_open:
            out += [columns_open, ""]
        total = sum(column.width for column in view.columns)
        for column in view.columns:
            if column_open:
                out += [column_open(100 * column.width // total), ""]
            out += [f"**{inline(column.title)}:**", ""] if column.title else []
            if column.body:
                out += [block(column.body, forbidden, raw_separators, heading_floor), ""]
            if column.claims:
                out += listed([claim_line(c) for c in column.claims]) + [""]
            out += image_lines(deck, column.images, options, sized)
            if close:
                out += [close[1], ""]
        if close:
            out += [close[0], ""]
    if view.below:
        out += [block(view.below, forbidden, raw_separators, heading_floor), ""]
    right = tuple(p for p in view.images if p.place == "right") if beside is not None and not view.columns else ()
    below = tuple(p for p in view.images if p not in right)
    out += row(below) if row is not None and len(below) > 1 else image_lines(deck, below, options, sized)  # after the claims, as on screen
    if right:
        assert beside is not None
        out = beside(out, right)
    if view.sources:
        out += [sources_line(deck, view), ""]
    return out


def pieces(deck: Deck, index: int, page: Callable[[Slide], list[str]], minimum: Confidence | None = None) -> list[Slide]:
    """The last resort of the fitting rule: a slide too dense even at the smallest type is split between
    its points into '(cont.)' slides (the first keeps the body and columns; every piece keeps its label and
    its source numbers). `page`: the format's Markdown of a slide or a piece of one; `minimum`: the filter
    it is shown under, whose points are the ones shared out (a piece never holds only hidden ones)."""
    return _pieces(deck, index, deck.slides[index], page, minimum)


def _pieces(deck: Deck, index: int, slide: Slide, page: Callable[[Slide], list[str]], minimum: Confidence | None) -> list[Slide]:
    shown = [n for n, point in enumerate(slide.points) if point.kept_by(minimum)]
    if len(shown) < 2 or fits(page(slide)):
        return [slide]  # nearly always: rendered once
    half = shown[len(shown) // 2]  # the first piece keeps half the points the filter shows
    first = dataclasses.replace(slide, points=slide.points[:half], below=None)  # the words below go after the last point
    rest = dataclasses.replace(slide, points=slide.points[half:], subtitle=None, body=None, columns=(), images=())
    found = _pieces(deck, index, first, page, minimum) + _pieces(deck, index, rest, page, minimum)
    return [found[0], *(dataclasses.replace(p, title=f"{deck.slides[index].name} (cont.)") for p in found[1:])]
