"""Slides for pandoc (reveal.js, PowerPoint, Beamer): a level-2 heading per slide, `::: notes` for notes."""

from __future__ import annotations

import functools
import json

from ..core.model import Deck, Picture, Slide
from ..core.view import view_slide
from . import ExportOptions
from .common import block, inline
from .figures_md import figure_lists, picture_markdown
from .fit import fitting_size
from .powerpoint import shaped
from .revealjs import STYLE
from .slides_common import content_lines, divider_lines, meta_line, pieces

# ':::' would close a div early. (A heading inside a body would start a new slide: bodies' headings are
# made level 3 or deeper instead, below the slides' level 2.)
FORBIDDEN = (":::",)


def _beside(deck: Deck, words: list[str], pictures: tuple[Picture, ...], options: ExportOptions) -> list[str]:
    """Pictures on the right of the slide's words: two of pandoc's columns."""
    share = next((p.percent for p in pictures if p.percent is not None), 40)
    shown = [picture_markdown(deck, p, options, lambda alt, target, percent: f"![{alt}]({target})") for p in pictures]
    return [
        ":::: {.columns}",
        "",
        f'::: {{.column width="{100 - share}%"}}',
        "",
        *words,
        ":::",
        "",
        f'::: {{.column width="{share}%"}}',
        "",
        *(line for picture in shown for line in (picture, "")),
        ":::",
        "",
        "::::",
        "",
    ]


def _row(deck: Deck, pictures: tuple[Picture, ...], options: ExportOptions) -> list[str]:
    """Two pictures side by side as two columns. (PowerPoint takes at most two columns, and starts a new
    slide at a paragraph's second picture: three or more stay one paragraph, for reveal.js and Beamer.)"""
    shown = [picture_markdown(deck, p, options, lambda alt, target, percent: f'![{alt}]({target}){{width="{percent}%"}}') for p in pictures]
    if len(pictures) != 2:
        return [" ".join(shown), ""]
    return [":::: {.columns}", "", *(line for picture in shown for line in ('::: {.column width="50%"}', "", picture, "", ":::", "")), "::::", ""]


def export(deck: Deck, options: ExportOptions) -> str:
    return markdown(deck, options)


def markdown(deck: Deck, options: ExportOptions, powerpoint: bool = False) -> str:
    """The deck as pandoc's slides; `powerpoint`: each slide shaped for pandoc's PowerPoint writer
    (`powerpoint.py`), its chart and timeline written as lists."""
    # pagetitle names the HTML page without adding a title slide: one slide per deck slide.
    # pandoc reads metadata as Markdown: the title goes in escaped like any other deck text. The slide's size
    # and style are reveal.js's (other formats ignore them): the slide the fitting rule measures for.
    out = [
        "---",
        f"pagetitle: {json.dumps(inline(deck.title), ensure_ascii=False)}",
        "width: 1280",
        "height: 720",
        "center: false",
        "header-includes: |",
        "  ```{=html}",
        "  <style>",
        *(f"  {line}" for line in STYLE.strip().splitlines()),
        "  </style>",
        "  ```",
        "---",
        "",
    ]
    for index, slide in enumerate(deck.slides):
        if slide.layout is not None:  # a level-2 heading like every slide: one slide per deck slide
            words = divider_lines(deck, slide)
            out += [f"## {inline(slide.title)} {{.center}}", "", *words[2:]]
        else:
            page = functools.partial(_words, deck, index, options=options, powerpoint=powerpoint)
            for n, piece in enumerate(pieces(deck, index, page, options.min_confidence)):
                words = page(piece)
                # the type size the fitting rule gives, as a class of the slide (pandoc would put a style on the
                # heading too); a slide without a title gets an empty heading
                centred = " .center" if piece.align == "center" else ""
                out += [f"{words[0]} {{.fit{fitting_size(words)}{centred}}}", *words[1:]]
                out += _notes(slide.notes, options) if n == 0 else []  # with the slide's first piece, as in Marp
            continue
        out += _notes(slide.notes, options)
    return "\n".join(out).rstrip("\n") + "\n"


def _notes(notes: str | None, options: ExportOptions) -> list[str]:
    return ["::: notes", "", block(notes, FORBIDDEN, headings=False), "", ":::", ""] if options.notes and notes else []


def _words(deck: Deck, index: int, piece: Slide, options: ExportOptions, powerpoint: bool = False) -> list[str]:
    """A slide, or a piece of one too dense for any size: its heading, then its words."""
    view = view_slide(deck, index, minimum=options.min_confidence, part=piece)
    words = [
        meta_line(view_slide(deck, index, minimum=options.min_confidence)),
        "",
        *content_lines(
            view,
            options,
            FORBIDDEN,
            columns_open=":::: {.columns}",
            column_open=lambda percent: f'::: {{.column width="{percent}%"}}',
            close=("::::", ":::"),
            pause=None if powerpoint else ". . .",  # PowerPoint shows pandoc's pause as text: the parts run on
            reveal_list=None if powerpoint else (lambda lines: ["::: incremental", "", *lines, "", ":::"]),  # PowerPoint: no steps
            heading_floor=3,
            sized=lambda alt, target, percent: f'![{alt}]({target}){{width="{percent}%"}}',
            beside=lambda words, pictures: _beside(deck, words, pictures, options),
            row=lambda pictures: _row(deck, pictures, options),
            figures=figure_lists if powerpoint else None,
        ),
    ]
    return [f"## {inline(piece.title)}" if piece.title else "##", "", *(shaped(words) if powerpoint else words)]
