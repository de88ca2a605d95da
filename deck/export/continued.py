"""A slide too long for one printed page even at the smallest type, cut into pages: the first keeps its
title, the others are titled "… (cont.)", as the Marp export does. The cut falls between the slide's
blocks (paragraphs, list items, points, a figure, the columns) and inside a long code listing between its
lines, which each page shows as a code block of its own. Each page is a `Slide` with some of the slide's
content, drawn by the export as the slide itself would be (its sources numbered as the slide's).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.fences import Fences
from ..core.model import Slide
from ..core.reveal import without_pauses
from ..core.text import without_html

CODE_LINES = 4  # a code listing is cut between groups of this many lines
_ITEM = re.compile(r"^(?:[-*+]|\d{1,9}[.)])\s")


@dataclass(frozen=True)
class Unit:
    """One block the page may end after: some of the body's (or `below`'s) Markdown, or one of the slide's
    other parts (`field`: a point's index for points)."""

    field: str  # 'body', 'below', 'figures', 'points', 'columns' or 'images'
    lines: tuple[str, ...] = ()
    fence: tuple[int, str, str] | None = None  # a code listing's lines: (which listing, its opening line, its closing line)
    item: bool = False  # a list item (joined to the item before it without a gap)
    index: int = 0  # a point's place among the slide's points


def pages(slide: Slide, name: str, fits: Callable[[Slide], bool]) -> list[Slide]:
    """`slide` as one page or several (the later titled `name (cont.)`), each fitting where it can: a
    block too tall for a page alone gets a page of its own (and runs on from there)."""
    units = _units(slide)
    found: list[list[Unit]] = []
    current: list[Unit] = []
    for unit in units:
        if current and not fits(_piece(slide, [*current, unit], bool(found))):
            found.append(current)
            current = []
        current.append(unit)
    found.append(current)
    if len(found) == 1:
        return [slide]
    return [_piece(slide, page, n > 0, f"{name} (cont.)") for n, page in enumerate(found)]


def _units(slide: Slide) -> list[Unit]:
    units = _text_units("body", without_html(without_pauses(slide.body)), 0)  # as it shows: no comment is cut in two
    units += [Unit("figures")] if slide.chart is not None or slide.timeline else []
    units += [Unit("points", index=n) for n in range(len(slide.points))]
    units += [Unit("columns")] if slide.columns else []
    units += _text_units("below", without_html(slide.below), 1_000_000)
    units += [Unit("images")] if slide.images else []
    return units


def _text_units(field: str, text: str | None, first_listing: int) -> list[Unit]:
    """Markdown cut between its blocks, between the items of a list, and in a code listing between groups of lines."""
    if not text:
        return []
    units: list[Unit] = []
    block: list[str] = []
    fence: tuple[str, str] | None = None  # the open listing's marker and opening line
    code: list[str] = []
    listing = first_listing

    def flush() -> None:
        if block:
            units.append(Unit(field, tuple(block), item=bool(_ITEM.match(block[0]))))
            block.clear()

    reader = Fences()
    for line in text.split("\n"):
        stripped = line.strip()
        kind = reader.step(line)
        if kind == "closes" and fence is not None:
            for start in range(0, max(1, len(code)), CODE_LINES):
                units.append(Unit(field, tuple(code[start : start + CODE_LINES]), (listing, fence[1], line)))
            listing += 1
            fence, code = None, []
            continue
        if kind == "inside":
            code.append(line)
            continue
        if kind == "opens":
            flush()
            fence = (stripped, line)
            continue
        if not stripped:
            flush()
        elif _ITEM.match(line) and block:  # a new item of a list: the page may end before it
            flush()
            block.append(line)
        else:
            block.append(line)
    if fence is not None:  # a listing never closed: as written
        block += [fence[1], *code]
    flush()
    return units


def _piece(slide: Slide, units: list[Unit], continued: bool, title: str | None = None) -> Slide:
    """The page of `slide` that holds `units` (a continued page has no subtitle)."""
    fields = {unit.field for unit in units}
    return dataclasses.replace(
        slide,
        title=title if title is not None and continued else slide.title,
        subtitle=None if continued else slide.subtitle,
        body=_text([u for u in units if u.field == "body"]),
        chart=slide.chart if "figures" in fields else None,
        timeline=slide.timeline if "figures" in fields else (),
        points=tuple(slide.points[u.index] for u in units if u.field == "points"),
        point_pauses=(),
        reveal=False,
        columns=slide.columns if "columns" in fields else (),
        below=_text([u for u in units if u.field == "below"]),
        images=slide.images if "images" in fields else (),
        sources=slide.sources if not continued else (),
    )


def _text(units: list[Unit]) -> str | None:
    """The Markdown of some units: a listing's lines on one page in one code block, a list's items together."""
    out: list[str] = []
    previous: Unit | None = None
    for unit in units:
        if unit.fence is not None and previous is not None and previous.fence is not None and previous.fence[0] == unit.fence[0]:
            out[-1:] = [*unit.lines, unit.fence[2]]  # the same listing: its lines go on, inside the one block
        elif unit.fence is not None:
            out += ([""] if out else []) + [unit.fence[1], *unit.lines, unit.fence[2]]
        elif unit.item and previous is not None and previous.item and previous.fence is None:
            out += list(unit.lines)
        else:
            out += ([""] if out else []) + list(unit.lines)
        previous = unit
    return "\n".join(out) if out else None
