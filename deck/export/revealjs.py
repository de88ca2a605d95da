"""reveal.js Markdown (its markdown plugin): slides split by `---`, notes after `Note:`, each slide's type
sized to fit a 1280x720 slide by the fitting rule (`fit.py`), as the ready page (`reveal_page.py`) shows it."""

from __future__ import annotations

import functools

from ..core.model import Deck, Slide
from ..core.view import view_slide
from . import ExportOptions
from .common import block, inline
from .figures_md import svg_figures
from .fit import HEIGHT_PX, IMAGE_PX, SIZES, WIDTH_PX, fitting_with_figures
from .slides_common import content_lines, divider_lines, meta_line, pieces

# reveal.js splits slides on '---' and '--' lines and starts notes at 'Note:'/'Notes:'.
FORBIDDEN = ("--", "note:", "notes:")


def export(deck: Deck, options: ExportOptions) -> str:
    slides = []
    for index, slide in enumerate(deck.slides):
        if slide.layout is not None:
            pages = [['<!-- .slide: class="center" -->', "", *divider_lines(deck, slide)]]  # reveal.js centres it
        else:
            pages = [
                _page(deck, index, piece, options)
                for piece in pieces(deck, index, functools.partial(_words, deck, index, options=options), options.min_confidence)
            ]
        if options.notes and slide.notes:
            pages[0] += ["Note:", "", block(slide.notes, FORBIDDEN, raw_separators=True), ""]
        slides += ["\n".join(page).rstrip("\n") for page in pages]
    return "\n\n---\n\n".join(slides) + "\n"


def _page(deck: Deck, index: int, piece: Slide, options: ExportOptions) -> list[str]:
    """One reveal.js slide, its type size set on the slide (a px size: the slide is 1280x720 at 26 px)."""
    words = _words(deck, index, piece, options)
    centred = ' class="center"' if piece.align == "center" else ""
    fitted = fitting_with_figures(words)
    if fitted is None:  # drawings no size leaves room to read (a 60-bar chart): as tables, which wrap
        words = _words(deck, index, piece, options, drawn=False)
        fitted = fitting_with_figures(words)
        assert fitted is not None  # without drawings a size always fits (the smallest, at worst)
    size, heights = fitted
    if heights:  # each chart or timeline drawn in the room the slide's words leave it
        drawn = iter(heights)
        words = [_drawn_in(line, next(drawn)) if line.startswith("<svg") else line for line in words]
    return [f'<!-- .slide: style="font-size: {size}px"{centred} -->', "", *words]


def _drawn_in(svg: str, height: float) -> str:
    return svg.replace('style="max-height:60vh"', f'style="max-height:{height:.0f}px"', 1)


def _words(deck: Deck, index: int, piece: Slide, options: ExportOptions, drawn: bool = True) -> list[str]:
    view = view_slide(deck, index, minimum=options.min_confidence, part=piece)
    out = ([f"## {inline(piece.title)}", ""] if piece.title else []) + [meta_line(view_slide(deck, index, minimum=options.min_confidence)), ""]
    # reveal.js's Markdown plugin makes the element before this comment a fragment: at the item's start, after
    # a zero-width space (a comment first would start raw HTML), so that it is the item, not a link or label in it
    fragments = lambda lines: [line[:2] + '&#8203;<!-- .element: class="fragment" -->' + line[2:] for line in lines]  # noqa: E731
    return out + content_lines(
        view,
        options,
        FORBIDDEN,
        raw_separators=True,
        reveal_list=fragments,
        figures=svg_figures if drawn else None,
        columns_table=True,  # columns side by side, as in Marp
        pause='<div class="fragment">',  # the rest of the body, a fragment per pause (the blank line after it: Markdown inside)
        pause_end="</div>",
    )


# The slide the fitting rule measures for, in reveal.js (the page's, and pandoc's reveal.js output): 1280x720
# at the rule's first size, inside the padding it counts (fit.WIDTH_PX x fit.HEIGHT_PX), with type, line
# height and lists as in Marp's default theme, for which the rule's estimate is made. reveal.js scales the
# slide to the window. Colours are the page's (or the reveal.js theme's).
STYLE = f"""
.reveal {{ font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: {SIZES[0]}px;
  line-height: 1.5; }}
.reveal .slides {{ text-align: left; }}
.reveal .slides section {{ box-sizing: border-box; height: 720px; padding: 40px {(1280 - WIDTH_PX) // 2}px {720 - 40 - HEIGHT_PX}px; }}
.reveal .slides section.center {{ text-align: center; height: auto; }}
.reveal h1, .reveal h2, .reveal h3, .reveal h4 {{ font-family: inherit; line-height: 1.25; margin: 0 0 .3em; text-transform: none; letter-spacing: normal; }}
.reveal h1 {{ font-size: 2em; }}
.reveal h2 {{ font-size: 1.35em; }}
.reveal h3, .reveal h4 {{ font-size: 1em; }}
.reveal p, .reveal ul, .reveal ol, .reveal table, .reveal pre {{ margin: .25em 0; }}
.reveal ul, .reveal ol {{ display: block; padding-left: 2em; margin-left: 0; }}
.reveal li + li {{ margin-top: .25em; }}
.reveal img {{ max-height: {IMAGE_PX}px; max-width: 100%; margin: 0; }}
.reveal table {{ border-collapse: collapse; font-size: 1em; }}
.reveal th, .reveal td {{ padding: .1em .5em; text-align: left; }}
.reveal pre {{ width: 100%; padding: .4em .6em; font-size: .8em; white-space: pre-wrap; box-shadow: none; }}
.reveal pre code {{ max-height: none; padding: 0; }}
.reveal code {{ font-family: ui-monospace, monospace; }}
""" + "".join(f".reveal .slides section.fit{size} {{ font-size: {size}px; }}\n" for size in SIZES)  # pandoc's slides: a class
