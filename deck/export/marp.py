"""A Marp deck: front matter, one slide per deck slide, notes as one HTML comment at each slide's end."""

from __future__ import annotations

import json

from ..model import Confidence, Deck
from . import ExportOptions
from .common import comment_text, inline
from .slides_common import content_lines, divider_lines, meta_line

# Marp reads a comment that parses as YAML directives as directives; a first line that is
# not `key: value` keeps the notes from ever being taken for one.
NOTES_LEAD = "Speaker notes."


def export(deck: Deck, options: ExportOptions) -> str:
    legend = " ".join(f"{level.glyph} {level.value}" for level in Confidence)
    footer = (f"As of {deck.as_of.isoformat()} · " if deck.as_of else "") + legend
    front = [
        "---",
        "marp: true",
        f"title: {json.dumps(deck.title, ensure_ascii=False)}",
        "paginate: true",
        f"footer: {json.dumps(footer, ensure_ascii=False)}",  # the labels' legend on every slide
        "---",
        "",
    ]
    slides = []
    for index, slide in enumerate(deck.slides):
        if slide.layout is not None:
            out = ["<!-- _class: lead -->", "", *divider_lines(deck, slide)]
        else:
            out = [f"## {inline(slide.title)}", "", meta_line(deck, index, options), ""]
            # Marp shows a list written with '*' one item per step (a fragmented list)
            out += content_lines(deck, slide, options, forbidden=(), reveal_list=lambda lines: ["*" + line[1:] for line in lines])
        if options.notes and slide.notes:
            out += ["<!--", NOTES_LEAD, "", comment_text(slide.notes), "-->", ""]
        slides.append("\n".join(out).rstrip("\n"))
    return "\n".join(front) + "\n\n---\n\n".join(slides) + "\n"
