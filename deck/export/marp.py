"""A Marp deck: front matter, one slide per deck slide, notes as one HTML comment at each slide's end."""

from __future__ import annotations

import json

from ..model import Deck
from . import ExportOptions
from .common import comment_text, inline
from .slides_common import content_lines, meta_line

# Marp reads a comment that parses as YAML directives as directives; a first line that is
# not `key: value` keeps the notes from ever being taken for one.
NOTES_LEAD = "Speaker notes."


def export(deck: Deck, options: ExportOptions) -> str:
    front = ["---", "marp: true", f"title: {json.dumps(deck.title, ensure_ascii=False)}", "paginate: true", "---", ""]
    slides = []
    for slide in deck.slides:
        out = [f"## {inline(slide.title)}", "", meta_line(slide), ""]
        out += content_lines(deck, slide, options, forbidden=())
        if options.notes and slide.notes:
            out += ["<!--", NOTES_LEAD, "", comment_text(slide.notes), "-->", ""]
        slides.append("\n".join(out).rstrip("\n"))
    return "\n".join(front) + "\n\n---\n\n".join(slides) + "\n"
