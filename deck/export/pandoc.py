"""Slides for pandoc (reveal.js, PowerPoint, Beamer): a level-2 heading per slide, `::: notes` for notes."""

from __future__ import annotations

import json

from ..model import Deck
from . import ExportOptions
from .common import block, inline
from .slides_common import content_lines, meta_line

# A heading inside a body would start a new slide, and ':::' would close a div early.
FORBIDDEN = ("#", ":::")


def export(deck: Deck, options: ExportOptions) -> str:
    # pagetitle names the HTML page without adding a title slide: one slide per deck slide.
    # pandoc reads metadata as Markdown: the title goes in escaped like any other deck text
    out = ["---", f"pagetitle: {json.dumps(inline(deck.title), ensure_ascii=False)}", "---", ""]
    for slide in deck.slides:
        out += [f"## {inline(slide.title)}", "", meta_line(slide), ""]
        out += content_lines(
            deck,
            slide,
            options,
            FORBIDDEN,
            columns_open=":::: {.columns}",
            column_open=lambda n: f'::: {{.column width="{100 // n}%"}}',
            close=("::::", ":::"),
        )
        if options.notes and slide.notes:
            out += ["::: notes", "", block(slide.notes, FORBIDDEN), "", ":::", ""]
    return "\n".join(out).rstrip("\n") + "\n"
