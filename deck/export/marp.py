"""A Marp deck: front matter, one slide per deck slide, notes as one HTML comment at each slide's end."""

from __future__ import annotations

import functools
import html
import json
import re
import urllib.parse
from pathlib import Path

import emoji

from ..core.imagefile import CODE
from ..core.model import Deck, Picture, Slide
from ..core.reveal import last_step, pauses
from ..core.view import legend, view_slide
from . import ExportOptions
from .common import comment_text, inline
from .figures_md import image_target, picture_markdown, svg_figures
from .fit import SIZES, fitting_size, fitting_with_figures
from .slides_common import content_lines, divider_lines, meta_line, pieces

# Marp reads a comment that parses as YAML directives as directives; a first line that is
# not `key: value` keeps the notes from ever being taken for one.
NOTES_LEAD = "Speaker notes."


STYLE = """\
  section { font-size: 26px; padding: 40px 56px 70px; justify-content: flex-start; align-content: start; }
  section h2 { font-size: 1.35em; margin: 0 0 .3em; }
  section p, section ul, section ol, section table, section pre { margin: .25em 0; }
  section li { margin: 0; }
  section.lead { justify-content: center; align-content: center; }
  section img { max-height: 260px; max-width: 100%; }
  section img[src*=".figures/chart-"], section img[src*=".figures/timeline-"] { max-height: none; }
""" + "".join(f"  section.fit{size} {{ font-size: {size}px; }}\n" for size in SIZES[1:])


_BLOCK_LINE = re.compile(r"^(?: {4}|\s{0,3}(?:[#>|<*+-]|\d+[.)]|```|~~~|\[\d+\]))")


def join_soft_breaks(text: str) -> str:
    """Lines of one paragraph joined by a space. A deck's YAML body breaks its lines where the author's
    editor wrapped them; Markdown reads that as one paragraph, but Marp turns every break into <br>."""
    out: list[str] = []
    fence = False
    plain_before = False
    for line in text.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
            out.append(line)
            plain_before = False
            continue
        plain = not fence and bool(line.strip()) and not _BLOCK_LINE.match(line)
        if plain and plain_before:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        plain_before = plain
    return "\n".join(out)


_ALT = re.compile(r"!\[((?:[wh]:\d+ )?)(?!bg\b)((?:[^\]\\\n]|\\.)*)\]\(")
# the words Marp reads as a picture's keywords (marpit's image and background parsers): 'bg' makes it a
# background; the rest size or tint it
_KEYWORD = re.compile(
    r"bg|(?:\d*\.)?\d+%|(?:w|width|h|height):\S*|(?:blur|brightness|contrast|drop-shadow|grayscale|hue-rotate|invert|opacity|saturate|sepia)(?::\S*)?"
)


def alt_as_words(text: str) -> str:
    """A picture's alt text as words: Marp reads each word of it as a keyword where it can ('bg' makes the
    picture a background, 'sepia' tints it), so such a word gets a zero-width space after its first letter."""
    if "![" not in text:
        return text
    out, last = [], 0
    for code in CODE.finditer(text):  # a picture shown as code is left as written
        out += [_ALT.sub(_as_words, text[last : code.start()]), code.group(0)]
        last = code.end()
    return "".join([*out, _ALT.sub(_as_words, text[last:])])


def _as_words(match: re.Match[str]) -> str:
    words = re.split(r"(\s+)", match.group(2))
    return f"![{match.group(1)}{''.join(w[0] + ZERO_WIDTH + w[1:] if _KEYWORD.fullmatch(w) else w for w in words)}]("


ZERO_WIDTH = "\u200b"  # not white space to Marp (its words are split at \s): the word is no keyword, and reads the same


def emoji_as_text(text: str) -> str:
    """Emoji outside code written as character references: Marp draws a literal emoji as a Twemoji picture
    fetched from the web (broken offline, and a request from the audience's page); a reference it leaves as
    text, which the viewer's own font draws."""
    if text.isascii():
        return text
    out, last = [], 0
    for code in CODE.finditer(text):  # code shows a reference as written: there, text presentation (U+FE0E)
        out += [_references(text[last : code.start()]), emoji.replace_emoji(code.group(0), replace=_text_presentation)]
        last = code.end()
    return "".join([*out, _references(text[last:])])


def _references(text: str) -> str:
    return emoji.replace_emoji(text, replace=lambda chars, _: "".join(f"&#x{ord(c):X};" for c in chars))


def _text_presentation(chars: str, _: object) -> str:
    return chars.replace("\ufe0f", "") + "\ufe0e"


def fitting_class(lines: list[str]) -> str | None:
    """The size class that makes the slide fit (None: the theme's size already does)."""
    size = fitting_size(lines)
    return None if size == SIZES[0] else f"fit{size}"


def export(deck: Deck, options: ExportOptions) -> str:
    shapes = " ".join(f"{level.glyph} {level.value}" for level, _ in legend(deck))  # the labels' shapes, where the deck has labels
    footer = " · ".join(x for x in (f"As of {deck.as_of.isoformat()}" if deck.as_of else "", shapes) if x)
    front = [
        "---",
        "marp: true",
        f"title: {json.dumps(deck.title, ensure_ascii=False)}",
        "paginate: true",
        f"footer: {json.dumps(footer, ensure_ascii=False)}",  # the labels' legend on every slide
        "style: |",
        STYLE.rstrip("\n"),
        "---",
        "",
    ]
    slides = []
    for index, slide in enumerate(deck.slides):
        if slide.layout is not None:
            pages = [["<!-- _class: lead -->", "", *divider_lines(deck, slide)]]
        else:
            found = pieces(deck, index, functools.partial(_words, deck, index, options=options), options.min_confidence)
            pages = _builds(deck, index, options) if len(found) == 1 else [_page(deck, index, piece, options) for piece in found]
        pages = [emoji_as_text(alt_as_words("\n".join(page))).split("\n") for page in pages]
        if options.notes and slide.notes:
            for page in pages if pages[-1][0] == HOLD else pages[:1]:  # on each build: the speaker sees them throughout
                page += ["<!--", NOTES_LEAD, "", comment_text(slide.notes), "-->", ""]
        slides += [join_soft_breaks("\n".join(page)).rstrip("\n") for page in pages]
    return "\n".join(front) + "\n\n---\n\n".join(slides) + "\n"


HOLD = "<!-- _paginate: hold -->"  # Marp: this slide keeps the page number of the one before


def _builds(deck: Deck, index: int, options: ExportOptions) -> list[list[str]]:
    """The slide, and before it the slide as far as each of its pauses (a body's or a column's `<!-- pause -->`)
    reveals it, as the core's view shows it at that step: Marp steps only list items, so each pause is a
    build, a slide of its own that keeps the page number and the complete slide's type size (and its
    drawings' heights). Steps that change nothing Marp shows (a code block's next lines: Marp shows the
    code whole) make no build."""
    slide = deck.slides[index]
    fitted = _fitted(deck, index, slide, options)
    complete = _page(deck, index, slide, options, fitted=fitted)
    # the steps Marp cannot take itself: pauses in a body or column, and between points (presenterm's
    # `- <!-- pause -->`); a `reveal: true` slide's points are Marp's own fragments
    steps = pauses(slide, options.min_confidence) if slide.reveal else last_step(slide, options.min_confidence)
    if not steps:
        return [complete]
    builds: list[list[str]] = []
    for step in range(steps):
        page = _page(deck, index, slide, options, step=step, fitted=fitted)
        if page != (builds[-1] if builds else None) and page != complete:
            builds.append(page)
    return [builds[0], *([HOLD, "", *page] for page in [*builds[1:], complete])] if builds else [complete]


Fitted = tuple[str | None, list[float]]  # a slide's size class (None: the theme's size), and its drawings' heights


def _fitted(deck: Deck, index: int, piece: Slide, options: ExportOptions) -> Fitted:
    """The size class that makes the slide fit, and where its charts and timelines are drawn (as files
    beside the export), the height each gets in the room its words leave; no heights where they are
    tables (to standard output, or too tall to read at any size)."""
    if options.drawings:
        fitted = fitting_with_figures(_words(deck, index, piece, options, drawn=True))
        if fitted is not None and fitted[1]:
            return (None if fitted[0] == SIZES[0] else f"fit{fitted[0]}"), fitted[1]
    return fitting_class(_words(deck, index, piece, options)), []


def _page(deck: Deck, index: int, piece: Slide, options: ExportOptions, step: int | None = None, fitted: Fitted | None = None) -> list[str]:
    """One Marp slide: the deck slide `index`, or a continuation of it (`piece` holds some of its points);
    at `step`, as far as the slide's pauses reveal it there; in the type (and its drawings at the heights)
    of `fitted`, the complete slide's."""
    size, heights = fitted if fitted is not None else _fitted(deck, index, piece, options)
    out = _words(deck, index, piece, options, step, drawn=bool(heights))
    if heights:
        kinds = iter(_kinds(out))
        drawn = iter(heights)
        out = [_drawing(deck, index, next(kinds), line, next(drawn), options) if line.startswith("<svg") else line for line in out]
    classes = " ".join(c for c in ("lead" if piece.align == "center" else "", size or "") if c)  # Marp's lead: centred
    return [f"<!-- _class: {classes} -->", "", *out] if classes else out


def _words(deck: Deck, index: int, piece: Slide, options: ExportOptions, step: int | None = None, drawn: bool = False) -> list[str]:
    minimum = options.min_confidence
    out = ([f"## {inline(piece.title)}", ""] if piece.title else []) + [meta_line(view_slide(deck, index, minimum=minimum)), ""]
    # Marp shows a list written with '*' one item per step (a fragmented list)
    view = view_slide(deck, index, minimum=minimum, part=piece if step is None else None, step=step)
    return out + content_lines(
        view,
        options,
        forbidden=(),
        reveal_list=lambda lines: ["*" + line[1:] for line in lines],
        columns_table=True,
        sized=lambda alt, target, percent: f"![w:{round(percent * 11.68)} {alt}]({target})",  # Marp's size: px of its 1168
        beside=lambda words, pictures: _split(deck, pictures, options) + words,
        figures=svg_figures if drawn else None,
    )


def _kinds(lines: list[str]) -> list[str]:
    return ["timeline" if 'aria-labelledby="timeline' in line else "chart" for line in lines if line.startswith("<svg")]


def drawings_folder(options: ExportOptions) -> str:
    """Where a Marp export's charts and timelines are written, beside it, named after it: 'talk.figures'
    for talk.marp.md (so that two exports in one folder never share one)."""
    name = Path(options.out_name or "deck").name
    base = name[: -len(".marp.md")] if name.lower().endswith(".marp.md") else Path(name).stem
    return f"{base}.figures"


_TITLE = re.compile(r"<title[^>]*>([^<]*)</title>")


def drawing_name(options: ExportOptions, index: int, kind: str) -> str:
    """A drawing's file, by the slide's number (its chart, or its timeline)."""
    return f"{drawings_folder(options)}/{kind}-{index + 1}.svg"


def _drawing(deck: Deck, index: int, kind: str, svg: str, height: float, options: ExportOptions) -> str:
    """A chart or timeline as Marp's image of its file (Marp takes no SVG inside the page), as tall as
    the room its slide leaves it; its description, the drawing's own, as the alt text."""
    said = _TITLE.search(svg)
    words = html.unescape(said.group(1)).replace("\\", "\\\\") if said else f"a {kind}"  # a backslash at its end would escape the ]
    alt = inline(words).replace("[", "\\[").replace("]", "\\]")
    return f"![h:{height:.0f} {alt}]({urllib.parse.quote(drawing_name(options, index, kind))})"


def drawing_files(deck: Deck, options: ExportOptions, text: str) -> dict[str, bytes]:
    """The charts and timelines the Marp export `text` refers to, by path relative to it (a slide whose
    drawings are too tall to read at any size has tables instead, and no file)."""
    files: dict[str, bytes] = {}
    folder = re.escape(urllib.parse.quote(drawings_folder(options)))
    for found in re.finditer(rf"\]\({folder}/(chart|timeline)-(\d+)\.svg\)", text):
        kind, index = found.group(1), int(found.group(2)) - 1
        svgs = [line for line in svg_figures(view_slide(deck, index, minimum=options.min_confidence)) if line.startswith("<svg")]
        svg = next(line for line, of in zip(svgs, _kinds(svgs), strict=True) if of == kind)
        # a picture of its own takes no font from the page: the page's sans-serif, said
        files[drawing_name(options, index, kind)] = svg.replace("<svg ", '<svg font-family="system-ui, sans-serif" ', 1).encode("utf-8")
    return files


def _split(deck: Deck, pictures: tuple[Picture, ...], options: ExportOptions) -> list[str]:
    """Pictures beside the words: Marp's split background, on the right, the slide's words narrowed to
    the rest (a picture whose file is not usable is said in words instead)."""
    share = next((p.percent for p in pictures if p.percent is not None), 40)
    out, first = [], True
    for picture in pictures:
        target = image_target(deck, picture, options)
        if target is None:
            out.append(picture_markdown(deck, picture, options))
            continue
        keywords = f"bg right:{share}% contain" + (" vertical" if len(pictures) > 1 else "") if first else "bg"
        out.append(f"![{keywords}]({target})")
        first = False
    return [*out, ""]
