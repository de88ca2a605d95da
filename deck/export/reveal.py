"""reveal.js Markdown (its markdown plugin): slides split by `---`, notes after `Note:`."""

from __future__ import annotations

from ..model import Deck
from . import ExportOptions
from .common import block, inline
from .slides_common import content_lines, meta_line

# reveal.js splits slides on '---' and '--' lines and starts notes at 'Note:'/'Notes:'.
FORBIDDEN = ("--", "note:", "notes:")


def export(deck: Deck, options: ExportOptions) -> str:
    slides = []
    for slide in deck.slides:
        out = [f"## {inline(slide.title)}", "", meta_line(slide), ""]
        out += content_lines(deck, slide, options, FORBIDDEN, raw_separators=True)
        if options.notes and slide.notes:
            out += ["Note:", "", block(slide.notes, FORBIDDEN, raw_separators=True), ""]
        slides.append("\n".join(out).rstrip("\n"))
    return "\n\n---\n\n".join(slides) + "\n"
