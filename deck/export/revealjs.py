"""reveal.js Markdown (its markdown plugin): slides split by `---`, notes after `Note:`."""

from __future__ import annotations

from ..core.model import Deck
from ..core.view import view_slide
from . import ExportOptions
from .common import block, inline
from .figures_md import svg_figures
from .slides_common import content_lines, divider_lines, meta_line

# reveal.js splits slides on '---' and '--' lines and starts notes at 'Note:'/'Notes:'.
FORBIDDEN = ("--", "note:", "notes:")


def export(deck: Deck, options: ExportOptions) -> str:
    slides = []
    for index, slide in enumerate(deck.slides):
        if slide.layout is not None:
            out = divider_lines(deck, slide)
        else:
            view = view_slide(deck, index, minimum=options.min_confidence)
            out = ([f"## {inline(slide.title)}", ""] if slide.title else []) + [meta_line(view), ""]
            # reveal.js's Markdown plugin makes an element a fragment with this comment after it
            fragments = lambda lines: [line + ' <!-- .element: class="fragment" -->' for line in lines]  # noqa: E731
            out += content_lines(view, options, FORBIDDEN, raw_separators=True, reveal_list=fragments, figures=svg_figures)
        if options.notes and slide.notes:
            out += ["Note:", "", block(slide.notes, FORBIDDEN, raw_separators=True), ""]
        slides.append("\n".join(out).rstrip("\n"))
    return "\n\n---\n\n".join(slides) + "\n"
