"""Slides as Rich renderables. Deck text is always Text or Markdown, never Rich markup."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..core.filtering import ShownColumn, shown
from ..core.model import Confidence, Deck, Point, Slide
from ..core.reveal import at_step, last_step
from .figures import BarChart, Timeline
from .inline import inline_text
from .themes import Palette


def point_marker(level: Confidence, palette: Palette) -> Text:
    return Text(f" {level.glyph} {level.value}", style=f"italic {palette.levels[level]}")


_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#!\\|~&]|^\s*(?:[-+]\s|\d+[.)]\s)|\n")


def _markdown(text: str, palette: Palette) -> RenderableType:
    if not _MARKDOWN_SYNTAX.search(text):
        return Text(text)  # plain words: no need for a Markdown parser (about 0.6 ms each)
    # Inline code takes the code theme too, so that it matches light and dark themes alike.
    from .markdown import SlideMarkdown  # Rich's Markdown, imported when a slide first needs it

    return SlideMarkdown(text, code_theme=palette.code_theme, inline_code_lexer="text", inline_code_theme=palette.code_theme)


def render_points(
    points: tuple[Point, ...],
    label: Confidence,
    palette: Palette,
    numbers: dict[str, int],
) -> list[RenderableType]:
    return [Claims(points, label, palette, numbers)] if points else []


WORDS_MIN_WIDTH = 44  # narrower than this, a point's label is its glyph alone, to leave room for the claim


class Drawn:
    """A renderable drawn once per width: Textual measures a slide's height and draws it several times for
    one move (8 renders of its points, measured), and the lines come out the same each time."""

    def __init__(self, *renderables: RenderableType) -> None:
        self.renderables = renderables

    def lines(self, console: Console, width: int) -> Iterable[RenderableType]:
        return self.renderables

    def draw(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        cache: dict[int, list[Segment]] = self.__dict__.setdefault("_drawn", {})
        width = options.max_width
        if width not in cache:
            cache[width] = [segment for line in self.lines(console, width) for segment in console.render(line, options)]
        return cache[width]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.draw(console, options)


class Claims(Drawn):
    """Points as rows: the glyph of each point's label, then the claim followed by its label in words
    where it differs from the slide's, and its source numbers. Laid out for the width it is given: in a
    narrow column the words give way to the glyph, which still tells the levels apart."""

    def __init__(self, points: tuple[Point, ...], label: Confidence, palette: Palette, numbers: dict[str, int]) -> None:
        self.points, self.label, self.palette, self.numbers = points, label, palette, numbers
        self.texts = [inline_text(point.text) for point in points]  # parsed once per text, drawn at any width

    def lines(self, console: Console, width: int) -> Iterable[RenderableType]:
        words = width >= WORDS_MIN_WIDTH
        for point, claim in zip(self.points, self.texts):
            differs = point.confidence is not self.label
            line = claim.copy()
            if differs and words:
                line.append_text(point_marker(point.confidence, self.palette))
            refs = [self.numbers[s] for s in point.sources if s in self.numbers]
            if refs:
                line.append(" " + "".join(f"[{n}]" for n in refs), style=self.palette.dim)
            # the glyph of the point's own label where list bullets stand, the claim hanging beside it
            glyph = point.confidence.glyph if point.labelled or (differs and not words) else "•"
            yield from hanging(console, Text(" " + glyph + " ", style=self.palette.levels[point.confidence]), line, width)


def hanging(console: Console, head: Text, body: Text, width: int) -> Iterable[Text]:
    """`head`, then `body` wrapped beside it, its later lines indented under its first: a list item drawn
    as lines of text (a table per slide cost a layout pass per move)."""
    indent = head.cell_len
    lines = body.wrap(console, max(1, width - indent), overflow="fold")
    blank = Text(" " * indent)
    for i, line in enumerate(lines):
        yield Text.assemble(head if i == 0 else blank, line, end="\n")


def badge_text(level: Confidence, palette: Palette) -> Text:
    """The label as a word with its shape, on the level's colour."""
    return Text(f" {level.label} ", style=f"bold {palette.badge_text} on {palette.levels[level]}")


BADGE_GAP = 2  # columns between a title and its badge
MIN_TITLE_WIDTH = 8  # narrower than this beside the badge, the badge goes below the title


class Heading:
    """A slide's title, wrapped, with its badge two columns right of its first line, a rule under the
    title, and a blank line below unless `compact`. Text in the slide's content: as three widgets of their
    own (a row, the title, the badge) they cost a share of every move's layout."""

    def __init__(self, title: str, badge: Text, palette: Palette, compact: bool = False) -> None:
        self.title, self.badge, self.palette, self.compact = title, badge, palette, compact

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        beside = bool(self.badge) and width - self.badge.cell_len - BADGE_GAP >= MIN_TITLE_WIDTH
        room = width - self.badge.cell_len - BADGE_GAP if beside else width
        for i, line in enumerate(Text(self.title, style=self.palette.accent).wrap(console, room, overflow="fold")):
            line.truncate(room, pad=True)  # in cells: a wide character takes two
            yield Text.assemble(line, " " * BADGE_GAP, self.badge, end="\n") if i == 0 and beside else Text.assemble(line, end="\n")
        if self.badge and not beside:
            yield Text.assemble(self.badge, end="\n", no_wrap=True, overflow="crop")  # on a tiny screen cut, never broken over lines
        yield Text("▁" * room, style=self.palette.rule, end="\n")
        if not self.compact:
            yield Text(end="\n")


def hidden_notice(count: int, levels: tuple[Confidence, ...], palette: Palette) -> Text:
    """How many claims the filter hides, and their levels (not the filter's: both hidden claims may be
    speculative under a filter that hides unverified ones too)."""
    noun = "claim" if count == 1 else "claims"
    return Text(
        f"⋯ {count} {noun} hidden by the confidence filter ({', '.join(level.value for level in levels)})",  # the audience reads this: no key advice
        style=f"italic {palette.dim}",
    )


def render_column(column: ShownColumn, label: Confidence, palette: Palette, numbers: dict[str, int]) -> RenderableType:
    parts: list[RenderableType] = [Text(column.column.title, style=palette.accent)]
    if column.body:
        parts.append(_markdown(column.body, palette))
    parts += render_points(column.points, label, palette, numbers)
    return Group(*parts)


def render_slide(
    deck: Deck, slide: Slide, palette: Palette, minimum: Confidence | None = None, compact: bool = False, step: int | None = None
) -> RenderableType:
    """Everything below the slide's title: subtitle, body, chart, timeline, points, columns, source
    references (an image is a widget of its own: see SlideView).

    With a minimum confidence, hidden claims take their sources and empty column headings with them.
    `step`: how far an incremental slide is revealed (None: complete)."""
    main, tail = render_slide_parts(deck, slide, palette, minimum, compact, step)
    return Group(main, tail)


def render_slide_parts(
    deck: Deck, slide: Slide, palette: Palette, minimum: Confidence | None = None, compact: bool = False, step: int | None = None
) -> tuple[RenderableType, RenderableType]:
    """The slide's content, and what goes below its image: the filter's notice and the sources."""
    if slide.layout is not None:
        return render_divider(deck, slide, palette), Group()
    view = shown(slide, minimum)
    reached = at_step(slide, step if step is not None else last_step(slide, minimum), minimum)
    if reached.points is not None:  # points not yet revealed are not drawn (the filter's count stays the same)
        revealed = {id(p) for p in slide.all_points()[: reached.points]}
        points = tuple(p for p in view.points if id(p) in revealed)
        columns = tuple(dataclasses.replace(c, points=tuple(p for p in c.points if id(p) in revealed)) for c in view.columns)
        # a source shows once a claim that cites it does: the sources must not give away what is to come
        cited_now = set(slide.sources) | {s for p in points for s in p.sources} | {s for c in columns for p in c.points for s in p.sources}
        view = dataclasses.replace(view, points=points, columns=columns, sources=tuple(s for s in view.sources if s in cited_now))
    if view.body is not None:
        view = dataclasses.replace(view, body=reached.body)
    numbers = deck.source_numbers(slide)  # the same numbers, filtered or not
    cited = {sid: numbers[sid] for sid in view.sources if sid in numbers}
    parts: list[RenderableType] = []
    if slide.subtitle:
        parts += [Text(slide.subtitle, style=f"italic {palette.dim}"), Text()]
    if view.body:
        parts += [_markdown(view.body, palette), Text()]
    if view.bars and slide.chart is not None:
        parts += [BarChart(slide.chart, view.bars, palette, numbers), Text()]
    if view.events:
        parts += [Timeline(view.events, palette, numbers), Text()]
    if view.points:
        parts += render_points(view.points, view.confidence, palette, numbers)
        parts.append(Text())
    if view.columns:
        grid = Table.grid(padding=(0, 3), expand=True)
        for column in view.columns:
            grid.add_column(ratio=column.column.width)
        grid.add_row(*(render_column(c, view.confidence, palette, numbers) for c in view.columns))
        parts += [grid, Text()]
    tail: list[RenderableType] = []
    if view.hidden:
        tail += [hidden_notice(view.hidden, view.hidden_levels, palette), Text()]
    if cited:
        tail.append(render_sources_line(deck, cited, palette) if compact else render_sources(deck, cited, palette))
    return Group(*parts), Group(*tail)


def render_divider(deck: Deck, slide: Slide, palette: Palette) -> RenderableType:
    """A title or section slide: no claims, large words, centred."""
    lines: list[RenderableType] = [Text(), Text()]
    if slide.layout == "title":
        lines.append(Text(slide.title, style=f"bold {palette.accent}", justify="center"))
        subtitle = slide.subtitle or deck.subtitle
        if subtitle:
            lines += [Text(), Text(subtitle, style="italic", justify="center")]
        facts = " · ".join(x for x in (deck.author, f"as of {deck.as_of.isoformat()}" if deck.as_of else None) if x)
        if facts:
            lines += [Text(), Text(facts, style=palette.dim, justify="center")]
        legend = Text(justify="center")
        for level in Confidence:
            legend.append(f" {level.glyph} {level.value} ", style=palette.levels[level])
        lines += [Text(), Text(), legend]
    else:
        lines.append(Text(slide.title, style=f"bold {palette.accent}", justify="center"))
        if slide.subtitle:
            lines += [Text(), Text(slide.subtitle, style="italic", justify="center")]
    return Group(*lines)


def render_sources_line(deck: Deck, numbers: dict[str, int], palette: Palette) -> RenderableType:
    """The sources as one wrapped paragraph, for short terminals."""
    line = Text("Sources: ", style=f"bold {palette.dim}")
    for sid, n in numbers.items():
        if n > 1:
            line.append(" · ", style=palette.dim)
        line.append(f"[{n}] {deck.sources[sid].title}", style=palette.dim)
    return line


def render_sources(deck: Deck, numbers: dict[str, int], palette: Palette) -> RenderableType:
    """The slide's sources, one a line, numbered as the points refer to them."""
    return Group(Text("Sources", style=f"bold {palette.dim}"), SourceLines(deck, numbers, palette))


class SourceLines(Drawn):
    """'[1] title (kind, date)', each wrapped under its own start."""

    def __init__(self, deck: Deck, numbers: dict[str, int], palette: Palette) -> None:
        self.deck, self.numbers, self.palette = deck, numbers, palette

    def lines(self, console: Console, width: int) -> Iterable[RenderableType]:
        tag_width = max(len(f"[{n}] ") for n in self.numbers.values())
        for sid, n in self.numbers.items():
            source = self.deck.sources[sid]
            extra = ", ".join(x for x in (source.kind, source.date.isoformat() if source.date else None) if x)
            head = Text(f"[{n}]".ljust(tag_width), style=self.palette.dim)
            yield from hanging(console, head, Text(source.title + (f" ({extra})" if extra else ""), style=self.palette.dim), width)


def render_notes(slide: Slide, following: Slide | None, palette: Palette, show_next: bool = True) -> RenderableType:
    parts: list[RenderableType] = []
    if slide.notes:
        parts.append(_markdown(slide.notes, palette))
    else:
        parts.append(Text("No speaker notes for this slide.", style=f"italic {palette.dim}"))
    if not show_next:
        return Group(*parts)
    parts.append(Text())
    if following is not None:
        label = f"  {following.confidence.label}" if following.confidence is not None else ""
        parts.append(Text.assemble(("Next: ", "bold"), following.title, (label, palette.dim)))
    else:
        parts.append(Text("Last slide.", style="bold"))
    return Group(*parts)
