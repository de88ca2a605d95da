"""Slides for pandoc (reveal.js, PowerPoint, Beamer): a level-2 heading per slide, `::: notes` for notes."""

from __future__ import annotations

import json

from ..core.model import Deck
from ..core.view import view_slide
from . import ExportOptions
from .common import block, inline
from .slides_common import content_lines, divider_lines, meta_line

# ':::' would close a div early. (A heading inside a body would start a new slide: bodies' headings are
# made level 3 or deeper instead, below the slides' level 2.)
FORBIDDEN = (":::",)


def export(deck: Deck, options: ExportOptions) -> str:
    # pagetitle names the HTML page without adding a title slide: one slide per deck slide.
    # pandoc reads metadata as Markdown: the title goes in escaped like any other deck text
    out = ["---", f"pagetitle: {json.dumps(inline(deck.title), ensure_ascii=False)}", "---", ""]
    for index, slide in enumerate(deck.slides):
        if slide.layout is not None:  # a level-2 heading like every slide: one slide per deck slide
            words = divider_lines(deck, slide)
            out += [f"## {inline(slide.title)}", "", *words[2:]]
        else:
            view = view_slide(deck, index, minimum=options.min_confidence)
            # a slide without a title starts at a rule, as pandoc reads one
            out += [f"## {inline(slide.title)}" if slide.title else "---", "", meta_line(view), ""]
            out += content_lines(
                view,
                options,
                FORBIDDEN,
                columns_open=":::: {.columns}",
                column_open=lambda percent: f'::: {{.column width="{percent}%"}}',
                close=("::::", ":::"),
                pause=". . .",
                reveal_list=lambda lines: ["::: incremental", "", *lines, "", ":::"],
                heading_floor=3,
                sized=lambda alt, target, percent: f'![{alt}]({target}){{width="{percent}%"}}',
            )
        if options.notes and slide.notes:
            out += ["::: notes", "", block(slide.notes, FORBIDDEN, headings=False), "", ":::", ""]
    return "\n".join(out).rstrip("\n") + "\n"
