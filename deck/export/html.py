"""A native HTML deck: one self-contained file (inline CSS and script, no network at all), one slide per
screen, keyboard navigation, reveal steps, a notes toggle, labels as word-and-shape badges, and a fitting
rule that shrinks a dense slide's type until nothing is cut off. A print stylesheet puts one slide on
each page, complete."""

from __future__ import annotations

import json
import re

from ..core.config import deck_theme
from ..core.fences import Fences
from ..core.imagefile import ImageProblem, read_image
from ..core.linesteps import is_marker, opening, spec
from ..core.markdown import block_html as _block
from ..core.markdown import inline_html as _inline
from ..core.model import Confidence, Deck, Picture, Slide
from ..core.text import html_text as _text
from ..core.themefile import DEFAULT_COLOURS, DEFAULT_VARIABLES, ThemeSpec, css_colour
from ..core.view import Claim, ShownSlide, legend, view_slide
from . import ExportOptions
from .body_images import SVG_MARK, data_uri
from .common import left_out_line, legend_lines
from .continued import pages
from .fit import GLYPH_WIDTH, IMAGE_PX, LINE_HEIGHT, estimated_height, figure_height
from .highlight import code_css, highlight_blocks
from .slides_common import columns_as_table
from .svg import chart_svg, timeline_svg


def _badge(level: Confidence) -> str:
    return f'<span class="badge level-{level.value}">{_text(level.label)}</span>'


_OWN = {level: f' <em class="own level-{level.value}">{level.glyph} {level.value}</em>' for level in Confidence}
_GLYPH = {level: f'<span class="glyph level-{level.value}">{level.glyph}</span> ' for level in Confidence}
_BULLET = {level: f'<span class="glyph level-{level.value}">•</span> ' for level in Confidence}


def _theme_css(spec: ThemeSpec | None) -> str:
    """The page's colours from the deck's theme, each checked as a hex colour by the theme reader."""
    page = {key: spec.page_colour(key) if spec else DEFAULT_COLOURS[key] for key in DEFAULT_COLOURS}
    levels = {level.value: colour for level, colour in _colours(spec).items()}
    badge_text = css_colour(spec.variables.get("confidence-text") if spec else None, DEFAULT_VARIABLES["confidence-text"])
    names = [f"--{key}:{value}" for key, value in page.items()] + [f"--{name}:{value}" for name, value in levels.items()]
    rules = "".join(
        f".level-{name}{{color:var(--{name})}} .badge.level-{name}{{background:var(--{name});color:var(--badge-text)}}" for name in levels
    )
    return ":root{" + ";".join([*names, f"--badge-text:{badge_text}"]) + "}\n" + rules + "\n"


def _colours(spec: ThemeSpec | None) -> dict[Confidence, str]:
    return {level: spec.level_colour(level.value) if spec else DEFAULT_VARIABLES[f"confidence-{level.value}"] for level in Confidence}


def _claim(claim: Claim) -> str:
    """A claim as a list item: its shape, the claim, its label in words where it differs, its sources."""
    level = claim.level
    refs = "".join(f"[{n}]" for n in claim.refs)
    start = f'<li class="step" data-step="{claim.step}">' if claim.step is not None else "<li>"
    glyph = '<span class="glyph">•</span> ' if level is None else _BULLET[level] if claim.shape == "•" else _GLYPH[level]
    own = _OWN[claim.word] if claim.word is not None else ""
    likely = f' <em class="own level-{level.value}">{_text(claim.likelihood)}</em>' if claim.likelihood and level is not None else ""
    label = f"{own}{likely}{f' <span class=refs>{refs}</span>' if refs else ''}"
    # the label is kept whole and on the claim's last line: it never wraps apart
    return f"{start}{glyph}{_inline(claim.text)}{f'<span class=label>{label}</span>' if label else ''}</li>"


def _slide(deck: Deck, index: int, options: ExportOptions, colours: dict[Confidence, str], page: Slide | None = None) -> str:
    """Slide `index` as a section of the page; `page`: one printed page of a slide too long for one (a
    section the screen never shows)."""
    view = view_slide(deck, index, minimum=options.min_confidence, part=page)
    slide = view.slide
    position = view.position
    figures = _figures(view, colours)
    # the print size, estimated as for Marp (no script runs when printing to PDF): the screen refits by measuring
    fitting = _print_size(view, figures)
    size = fitting or PRINT_SIZES[-1]
    style = f' style="--print-size:{size}px"'
    kind = " divider" if slide.layout else " centred" if slide.align == "center" else ""
    kind += " long" if not fitting else ""  # too tall for a page even at the smallest type: printed as its pages
    printed = _print_pages(deck, index, options, colours) if not fitting and page is None and slide.layout is None else []
    kind += " paged" if len(printed) > 1 else ""  # printed as these pages instead
    section = "print-page slide" if page is not None else "slide"
    parts = [f'<section class="{section}{kind}" data-index="{index}" data-steps="{view.last_step}"{style}>']
    parts.append('<div class="content">')
    if slide.layout is not None:
        parts += _divider(deck, slide)
    else:
        badge = _badge(view.badge) if view.badge is not None else ""
        if view.badge is not None and view.likelihood:
            badge += f'<span class="mix level-{view.badge.value}">{_text(view.likelihood)}</span>'
        if view.mixed:  # the mix of the claims shown, by shape, where it holds more than the badge says
            counts = " ".join(f'<span class="level-{level.value}">{level.glyph}{n}</span>' for level, n in view.mixed)
            badge += f'<span class="mix" title="claims on this slide, by label">{counts}</span>'
        if slide.title or badge:
            parts.append(f"<header><h2>{_text(slide.title)}</h2>{badge}</header>" if slide.title else f"<header><span></span>{badge}</header>")
        meta = " · ".join(
            x for x in (_text(slide.section) if slide.section else "", f"Appendix {position.split(' / ')[0]}" if slide.appendix else "") if x
        )
        if meta:
            parts.append(f'<p class="meta">{meta}</p>')
        words: list[str] = []
        if view.hidden:
            words.append(f'<p class="left-out">{_text(left_out_line(view.hidden, options))}</p>')
        if slide.subtitle:
            words.append(f'<p class="subtitle">{_text(slide.subtitle)}</p>')
        blocks: list[int] = []  # the slide's code blocks whose lines are highlighted a group at a time
        base = len(blocks)  # the blocks of the texts before this one (a marker counts its own text's)
        for i, part in enumerate(view.body_parts):
            step = f' class="step" data-step="{i}"' if i else ""
            if (marker := is_marker(part)) is not None:
                words.append(f'<i class="step lines-step" data-step="{i}" data-block="{base + marker[0] + 1}" data-group="{marker[1]}"></i>')
            elif part:  # an empty first part: the slide opens on its title
                words.append(f"<div{step}>{_code_lines(part, _block(part), blocks)}</div>")
        words += figures
        if view.claims:
            words.append('<ul class="points">' + "".join(_claim(c) for c in view.claims) + "</ul>")
        if view.columns:
            template = " ".join(f"{column.width}fr" for column in view.columns)
            words.append(f'<div class="columns" style="grid-template-columns:{template}">')
            for column in view.columns:
                base = len(blocks)
                words.append(f"<div><h3>{_text(column.title)}</h3>" if column.title else "<div>")
                for step_number, part in column.parts:  # the column's pauses step as the body's do
                    step = f' class="step" data-step="{step_number}"' if step_number else ""
                    if (marker := is_marker(part)) is not None:
                        words.append(
                            f'<i class="step lines-step" data-step="{step_number}" data-block="{base + marker[0] + 1}" data-group="{marker[1]}"></i>'
                        )
                    else:
                        words.append(f"<div{step}>{_code_lines(part, _block(part), blocks)}</div>")
                if column.claims:
                    words.append('<ul class="points">' + "".join(_claim(c) for c in column.claims) + "</ul>")
                words += _images(deck, column.images)
                words.append("</div>")
            words.append("</div>")
        if view.below:
            step = f' step" data-step="{view.last_step}' if view.last_step else ""  # once the slide's steps are done
            words.append(f'<div class="below{step}">{_block(view.below)}</div>')
        right = tuple(p for p in view.images if p.place == "right")
        words += _images(deck, tuple(p for p in view.images if p.place != "right"))  # after the claims, as on screen
        if right:  # beside the words, on the right, at the first's width (else 40%)
            share = next((p.percent for p in right if p.percent is not None), 40)
            words = [f'<div class="beside" style="grid-template-columns:1fr {share}%"><div>', *words, "</div>"]
            words += ['<div class="pictures right">', *(_images(deck, right, row=False)), "</div></div>"]
        parts += words
        if view.sources:
            items = "".join(f"<li>[{n}] {_text(deck.sources[sid].title)}</li>" for n, sid in view.sources)
            parts.append(f'<ol class="sources">{items}</ol>')
    parts.append("</div>")
    if options.notes and slide.notes:
        parts.append(f'<aside class="notes">{_block(slide.notes)}</aside>')
    parts.append(f"<footer>{_text(deck.title)} · {position}{f' · as of {deck.as_of.isoformat()}' if deck.as_of else ''}</footer>")
    parts.append("</section>")
    if len(printed) > 1:
        parts += [_slide(deck, index, options, colours, piece) for piece in printed]
    return "\n".join(parts)


def _print_pages(deck: Deck, index: int, options: ExportOptions, colours: dict[Confidence, str]) -> list[Slide]:
    """A slide too long for a printed page at the smallest type, cut into pages that each fit (see `continued`)."""

    def fits(piece: Slide) -> bool:  # at a type still read on paper (the smallest is for a slide that just misses)
        view = view_slide(deck, index, minimum=options.min_confidence, part=piece)
        return _page_height(view, _figures(view, colours), PAGED_SIZE) * 1.15 <= 600

    return pages(deck.slides[index], deck.slides[index].name, fits)


PRINT_SIZES = (22, 19, 16, 14, 12, 10)
PAGED_SIZE = 14  # the type a slide cut into printed pages is cut for: about 9 points on A4
_CODE_START = re.compile(r'<pre><code class="language-([A-Za-z0-9_+#.-]{1,40})">')


def _code_lines(markdown: str, rendered: str, blocks: list[int]) -> str:
    """`rendered` (the HTML of `markdown`) with each code block whose lines are highlighted a group at a
    time marked for the page's script: its groups, and its number on the slide (counted in `blocks`, as
    `reveal.body_parts` numbers them: every closed block of several groups, with a language or not)."""
    if "{" not in markdown:
        return rendered
    marks: list[tuple[str, str] | None] = []  # for each closed fence with a language, in order: (groups, block number), or None
    reader = Fences()
    pending: tuple[bool, list[frozenset[int] | None]] = (False, [])  # the open fence: has it a language, its groups
    for line in markdown.split("\n"):
        kind = reader.step(line)
        if kind == "opens":
            pending = (bool(line.strip().lstrip("`~").split(" ")[0].split("{")[0]), opening(line) or [])
        elif kind == "closes":
            has_language, found = pending
            number = "0"
            if len(found) > 1:
                blocks.append(len(blocks))
                number = str(len(blocks))
            if has_language:
                marks.append(("|".join(spec(g) for g in found), number) if found else None)
    counted = iter(marks)

    def marked(match: re.Match[str]) -> str:
        mark = next(counted, None)
        if mark is None:
            return match.group(0)
        groups, number = mark  # one group: highlighted from the start, no step (block "0")
        return f'<pre data-lines="{groups}" data-block="{number}"><code class="language-{match.group(1)}">'

    return _CODE_START.sub(marked, rendered)


def _figures(view: ShownSlide, colours: dict[Confidence, str]) -> list[str]:
    """The chart and the timeline as inline SVG."""
    slide, numbers = view.slide, view.numbers
    out = []
    if view.bars and slide.chart is not None:
        caption = f"<figcaption>{_text(slide.chart.title)}</figcaption>" if slide.chart.title else ""
        arrow = "↕" if slide.chart.kind == "column" else "↔"  # the way the values run
        axis = f'<figcaption class="axis">{arrow} {_text(slide.chart.axis)}</figcaption>' if slide.chart.axis else ""
        out.append(f'<figure class="chart">{caption}{chart_svg(slide.chart, view.bars, numbers, f"chart{slide.pos.line}", colours)}{axis}</figure>')
    if view.events:
        out.append(f'<figure class="timeline">{timeline_svg(view.events, numbers, f"timeline{slide.pos.line}", colours)}</figure>')
    return out


def _images(deck: Deck, pictures: tuple[Picture, ...], row: bool = True) -> list[str]:
    """The pictures embedded as data URIs (the file stays whole, and reaches for nothing); several side by
    side in a row."""
    out = []
    for image in pictures:
        try:
            _, info, data = read_image(deck.path, image.path)
        except ImageProblem as exc:
            out.append(f'<p class="image-missing">▨ {_text(image.alt)} <em>(image not available: {_text(str(exc))})</em></p>')
        else:
            source = data_uri(info.mime, data)
            width = f' style="width:{image.percent}%"' if image.percent is not None else ""
            # an SVG's background set on its root is not drawn in an <img> (nor printed): the page draws it
            background = f' style="background:{css_colour(info.background, "transparent")}"' if info.background else ""
            out.append(f'<figure class="image"{width}><img src="{source}" alt="{_text(image.alt)}"{background}></figure>')
    return ['<div class="pictures">', *out, "</div>"] if row and len(out) > 1 else out


def _print_size(view: ShownSlide, figures: list[str]) -> int:
    """The type size that fits the slide on a printed page (0: none does), by Marp's estimate (wrapped
    lines, headings, gaps), worked out from the slide's parts: its lines of plain text are counted, not
    written out."""
    if view.divider:
        return PRINT_SIZES[0]
    return next((size for size in PRINT_SIZES if _page_height(view, figures, size) * 1.15 <= 600), 0)  # with room to spare


def _page_height(view: ShownSlide, figures: list[str], size: int) -> float:
    """About how tall the slide's content is on the page at type `size`, in px (600 fit)."""
    deck, slide = view.deck, view.slide
    plain = [len(slide.section or "") + 16]  # the label and the section; then each line as the slide formats write it
    if view.hidden:
        plain.append(60)
    if slide.subtitle:
        plain.append(len(slide.subtitle))
    for claim in view.claims:  # '- text *(label)* [1]'
        length = 2 + len(claim.text)
        if claim.word is not None:
            length += _LABEL_LENGTH[claim.word]
        if claim.point.sources:
            length += 1 + 3 * len(claim.point.sources)
        plain.append(length)
    if view.sources:
        plain.append(9 + sum(len(deck.sources[sid].title) + 6 for _, sid in view.sources))  # 'Sources: [1] a; [2] b'
    gaps = (
        2
        + bool(view.hidden)
        + bool(slide.subtitle)
        + bool(view.claims)
        + bool(view.body)
        + bool(view.below)
        + bool(view.columns)
        + bool(view.sources)
    )
    blocks = [text for text in (view.body, view.below) if text]
    if view.columns:
        blocks += columns_as_table(view, lambda picture: "")
    # a chart or timeline is drawn to the page's width (1100 px for its 1000 units), at most 60% of its height
    drawn = sum(figure_height(f, 1100) for f in figures)
    drawn += IMAGE_PX * (any(p.place != "right" for p in view.images) + any(c.images for c in view.columns))  # a row of pictures
    title = len(slide.title) + 3
    per_line = max(20, int(1100 / (size * GLYPH_WIDTH)))
    rows = 1.8 * max(1, -(-title // int(per_line / 1.35))) + 0.45 * gaps
    for length in plain:
        rows += max(1, -(-length // per_line))
    return rows * size * LINE_HEIGHT + (estimated_height(blocks, size) if blocks else 0.0) + drawn


OVER = 1.3  # the estimate is rough and leans tall: a slide is said not to fit only when clearly past the page


def page_overflows(deck: Deck) -> list[int]:
    """The slides clearly too tall for a 1280x720 page even at the smallest type, by the one estimate (the
    page then scrolls such a slide on screen, and prints it as `(cont.)` pages)."""
    colours = _colours(deck_theme(deck))
    found = []
    for index, slide in enumerate(deck.slides):
        if slide.layout is None:
            view = view_slide(deck, index)
            if _page_height(view, _figures(view, colours), PRINT_SIZES[-1]) > 600 * OVER:
                found.append(index)
    return found


_LABEL_LENGTH = {level: len(level.value) + 5 for level in Confidence}


def _divider(deck: Deck, slide: Slide) -> list[str]:
    out = [f"<h1>{_text(slide.title)}</h1>"]
    subtitle = slide.subtitle or (deck.subtitle if slide.layout == "title" else None)
    if subtitle:
        out.append(f'<p class="subtitle">{_text(subtitle)}</p>')
    if slide.layout == "title":
        facts = " · ".join(deck.facts())
        if facts:
            out.append(f'<p class="meta">{_text(facts)}</p>')
        if deck.uses_labels:
            out.append('<p class="legend">' + " ".join(_badge(level) for level, _ in legend(deck)) + "</p>")
    return out


def export(deck: Deck, options: ExportOptions) -> str:
    spec = deck_theme(deck)  # the page follows the deck's theme, as the presenter does
    colours = _colours(spec)
    slides = "\n".join(_slide(deck, i, options, colours) for i in range(len(deck.slides)))
    lines = "".join(f"<li>{_inline(line)}</li>" for line in legend_lines(deck))
    return PAGE.format(
        title=_text(deck.title),
        style=_theme_css(spec) + STYLE + code_css(spec.dark if spec else True),
        slides=highlight_blocks(slides).replace(f'src="{SVG_MARK}', 'src="data:image/svg+xml;base64,'),  # only as a picture's source
        legend=f'<details class="legend-box"><summary>How to read the labels</summary><ul class="points">{lines}</ul>'
        if lines
        else '<details class="legend-box"><summary>Keys</summary>',
        script=SCRIPT,
        count=json.dumps(len(deck.slides)),
        main=json.dumps(deck.main_count),
    )


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>{style}</style>
</head>
<body data-count={count} data-main={main}>
<main>
{slides}
</main>
{legend}
<p>Keys: → Space next · ← previous · Home End · a number then Enter · n notes</p></details>
<script>{script}</script>
</body>
</html>
"""

STYLE = """
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: var(--background); color: var(--foreground); font-family: system-ui, sans-serif; }
.slide { display: none; position: relative; width: 100vw; height: 100vh; padding: 4vh 6vw 7vh; overflow: hidden; }
.slide.current { display: flex; flex-direction: column; }
.slide .content { flex: 1; min-height: 0; font-size: 22px; line-height: 1.35; max-width: 1100px; width: 100%; margin: 0 auto; }
.slide .content.scrolls { overflow: auto; }
.centred .content { display: flex; flex-direction: column; justify-content: center; text-align: center; }
.centred header { justify-content: center; border-bottom: none; }
.divider .content { display: flex; flex-direction: column; justify-content: center; text-align: center; }
h1 { font-size: 2.2em; margin: 0 0 .4em; color: var(--accent); }
header { display: flex; align-items: baseline; gap: 1em; border-bottom: 2px solid var(--panel); margin-bottom: .6em; }
h2 { flex: 1; margin: 0 0 .3em; color: var(--accent); font-size: 1.4em; }
h3 { margin: .4em 0 .2em; color: var(--accent); font-size: 1em; }
.badge { font-weight: bold; padding: .1em .5em; white-space: nowrap; }
.legend .badge { margin: 0 .3em; }
.meta, .subtitle, .left-out { opacity: .75; font-style: italic; margin: .2em 0; }
ul { margin: .4em 0; }
li { margin: .15em 0; }
ul.points { list-style: none; padding-left: 0; }  /* a claim's own mark is its bullet; ordinary lists keep theirs */
ul.points > li { padding-left: 1.3em; text-indent: -1.3em; }
.glyph { display: inline-block; width: 1.2em; }
.own { font-size: .85em; }
.label { white-space: nowrap; }
.mix { font-size: .8em; white-space: nowrap; margin-left: .6em; }
.refs, .sources { opacity: .75; }
.sources { list-style: none; padding: 0; font-size: .8em; margin-top: .8em; }
.columns { display: grid; gap: 2em; }
figure { margin: .5em 0; }
figcaption { font-weight: bold; margin-bottom: .2em; }
figcaption.axis { font-weight: normal; font-style: italic; opacity: .8; margin: .2em 0 0; }
figure.image img { display: block; max-width: 100%; max-height: 45vh; margin: 0 auto; }
.content p img, .content li img, .content td img { max-width: 100%; max-height: 45vh; vertical-align: middle; }  /* a picture in the words: as one of its own */
.pictures { display: flex; gap: 1em; justify-content: center; align-items: flex-start; }
figure.image { margin: .5em auto; }
figure.image[style] img { width: 100%; }
.pictures > figure.image { flex: 1 1 0; min-width: 0; margin: 0; }
.pictures > figure.image[style] { flex: 0 1 auto; }
.pictures.right { flex-direction: column; }
.pictures.right > figure.image { flex: none; width: 100% !important; }
.pictures.right img { max-height: 60vh; }
.beside { display: grid; gap: 1.5em; align-items: start; }
svg.figure { display: block; }
.image-missing { opacity: .75; font-style: italic; }
table { border-collapse: collapse; } td, th { padding: .1em .6em; border-bottom: 1px solid var(--panel); }
pre { background: var(--surface); padding: .5em; white-space: pre-wrap; overflow-wrap: anywhere; }
a { color: var(--primary); }
.step.hidden { visibility: hidden; }
pre .ln.dim { opacity: .4; }  /* a code block's lines not highlighted at this step */
.notes { display: none; position: absolute; right: 1vw; bottom: 7vh; width: 40vw; max-height: 60vh; overflow: auto;
  background: var(--panel); border: 1px solid var(--primary); padding: .6em 1em; font-size: 16px; }
body.show-notes .slide.current .notes { display: block; }
footer { position: absolute; left: 6vw; right: 6vw; bottom: 2vh; opacity: .75; font-size: 14px; }
.legend-box { position: fixed; right: 1vw; top: 1vh; opacity: .85; font-size: 13px; max-width: 40vw; }
@media print {
  @page { size: 1280px 720px; margin: 0; }
  /* paper is white whatever the deck's theme: colours that read on it (a dark or mono theme's white or
     yellow would vanish), each at 4.5:1 or better against white */
  :root { --accent: #8a3c00; --primary: #004a9f; --panel: #bbbbbb; --surface: #f2f2f2; --foreground: #000; --background: #fff;
    --confirmed: #1a7f45; --reported: #1f5fa8; --unverified: #8a5200; --speculative: #86307f; --analysis: #2c6b67; --badge-text: #fff; }
  html, body { background: #fff; color: #000; height: auto; }
  /* a page's words laid out as blocks (WeasyPrint's flex layout measures every line again: twice the time);
     a title, section or centred slide keeps its flex column, to stand in the middle of the page */
  .slide { display: block !important; width: 1280px; height: 720px; page-break-after: always; break-after: page; }
  .slide.divider, .slide.centred { display: flex !important; flex-direction: column; }
  header { display: block; } header h2 { display: inline; } header > :not(h2) { margin-left: .8em; }  /* after the title: no flex, no float (each doubles the time to print) */
  .glyph { display: inline; }
  .slide .content { font-size: var(--print-size, 22px) !important; }
  footer { color: #555; }
  .step.hidden { visibility: visible; }
  pre .ln.dim { opacity: 1; }
  .notes, .legend-box { display: none !important; }
  /* a slide too tall for one page even at the smallest type is printed as its pages, "(cont.)" after the
     first (or, where no cut fits, runs on to the next page instead of being cut) */
  .slide.long.paged { display: none !important; }
  .slide.long { display: block !important; height: auto; min-height: 720px; page-break-inside: auto; break-inside: auto; }
  .slide.long .content { overflow: visible; }
  .slide.long footer { position: static; margin-top: 1em; }
}
"""

# Next/previous step through a slide's reveal steps, then move; a slide reached backwards, by number,
# Home or End shows complete. The fitting rule: a slide whose content overflows gets smaller type,
# step by step, down to 55%.
SCRIPT = r"""
(function () {
  const slides = Array.from(document.querySelectorAll('.slide:not(.print-page)'));  // a long slide's printed pages are for paper
  let index = 0, step = 0, typed = '';
  const steps = (s) => parseInt(s.dataset.steps || '0', 10);
  function fit(slide) {
    const content = slide.querySelector('.content');
    let size = 22;
    content.style.fontSize = size + 'px';
    while ((content.scrollHeight > content.clientHeight || content.scrollWidth > content.clientWidth) && size > 12) {
      size -= 1;
      content.style.fontSize = size + 'px';
    }
    // still too long at the smallest type (a long code listing): it scrolls rather than being cut off
    content.classList.toggle('scrolls', content.scrollHeight > content.clientHeight + 1 || content.scrollWidth > content.clientWidth + 1);
  }
  function show(i, s) {
    index = Math.max(0, Math.min(i, slides.length - 1));
    const slide = slides[index];
    step = (s === null) ? steps(slide) : Math.max(0, Math.min(s, steps(slide)));
    slides.forEach((el, n) => el.classList.toggle('current', n === index));
    slide.querySelectorAll('.step').forEach((el) => el.classList.toggle('hidden', parseInt(el.dataset.step, 10) > step));
    // code highlighted a group at a time: the group of the last step reached, the other lines dimmed
    slide.querySelectorAll('pre[data-lines]').forEach((pre) => {
      const groups = pre.dataset.lines.split('|');
      let reached = 0;
      slide.querySelectorAll('.lines-step[data-block="' + pre.dataset.block + '"]').forEach((m) => {
        if (!m.classList.contains('hidden')) reached = Math.max(reached, parseInt(m.dataset.group, 10));
      });
      const wanted = new Set();
      if (groups[reached] !== 'all') groups[reached].split(',').forEach((run) => {
        const [a, b] = run.split('-').map((n) => parseInt(n, 10));
        for (let n = a; n <= (b || a); n++) wanted.add(n);
      });
      pre.querySelectorAll('.ln').forEach((line, n) => line.classList.toggle('dim', wanted.size > 0 && !wanted.has(n + 1)));
    });
    fit(slide);
    document.body.dataset.index = index;
    document.body.dataset.step = step;
    history.replaceState(null, '', '#' + (index + 1));  // the address names the slide: a reload comes back to it
  }
  const main = parseInt(document.body.dataset.main || String(slides.length), 10);  // slides before the appendix
  // → stops at the end of the talk (the last main slide, complete); End goes there, End again to the appendix's end
  function next() { if (step < steps(slides[index])) show(index, step + 1); else if (index + 1 < slides.length && index + 1 !== main) show(index + 1, 0); }
  function previous() { if (step > 0) show(index, step - 1); else if (index > 0) show(index - 1, null); }
  document.addEventListener('keydown', (e) => {
    if (/^[0-9]$/.test(e.key)) { typed += e.key; return; }
    if (e.key === 'Enter' && typed) { show(parseInt(typed, 10) - 1, null); typed = ''; return; }
    typed = '';
    if (['ArrowRight', ' ', 'PageDown', 'l'].includes(e.key)) { e.preventDefault(); next(); }
    else if (['ArrowLeft', 'PageUp', 'h', 'Backspace'].includes(e.key)) { e.preventDefault(); previous(); }
    else if (e.key === 'Home') show(0, null);
    else if (e.key === 'End') show(index < main - 1 ? main - 1 : slides.length - 1, null);
    else if (e.key === 'n') document.body.classList.toggle('show-notes');
  });
  // a click moves as in the terminal: the right half on, the left half back (links, the legend and
  // buttons keep their own clicks; selecting text is not a click)
  document.addEventListener('click', (e) => {
    if (e.target.closest('a, button, details, summary') || String(window.getSelection())) return;
    if (e.clientX >= window.innerWidth / 2) next(); else previous();
  });
  window.addEventListener('resize', () => fit(slides[index]));
  window.deckFit = fit;
  window.deckShow = show;  // deck share's page follows the presenter through it
  const named = parseInt((location.hash || '').slice(1), 10);
  show(Number.isFinite(named) ? named - 1 : 0, null);
})();
"""
