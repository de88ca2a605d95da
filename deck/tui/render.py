"""Slides as Rich renderables. Deck text is always Text or Markdown, never Rich markup."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from ..core.model import Confidence, Deck, Slide, glyph_of
from ..core.view import Claim, ColumnView, ShownSlide, legend
from .figures import Timeline, chart_of
from .inline import inline_text
from .themes import Palette


def point_marker(level: Confidence, palette: Palette) -> Text:
    return Text(f" {level.glyph} {level.value}", style=f"italic {palette.of(level)}")


def mix_text(view: ShownSlide, palette: Palette) -> Text:
    """The mix of the claims a slide shows, by shape ('●2 ◐1 ◆1'), where it holds more than its badge says."""
    text = Text()
    for level, count in view.mixed:
        text.append(f"{' ' if text else ''}{level.glyph}{count}", style=palette.of(level))
    return text


_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#!\\|~&]|^\s*(?:[-+]\s|\d+[.)]\s)|\n")


def _markdown(text: str, palette: Palette, centred: bool = False) -> RenderableType:
    if not _MARKDOWN_SYNTAX.search(text):
        return Text(text, justify="center" if centred else None)  # plain words: no need for a Markdown parser (about 0.6 ms each)
    # Inline code takes the code theme too, so that it matches light and dark themes alike.
    from .markdown import SlideMarkdown  # Rich's Markdown, imported when a slide first needs it

    return SlideMarkdown(
        text,
        code_theme=palette.code_theme,
        inline_code_lexer="text",
        inline_code_theme=palette.code_theme,
        justify="center" if centred else None,
    )


def render_claims(claims: tuple[Claim, ...], palette: Palette) -> list[RenderableType]:
    return [Claims(claims, palette)] if claims else []


WORDS_MIN_WIDTH = 44  # narrower than this, a point's label is its glyph alone, to leave room for the claim


DRAWN_WIDTHS = 3  # widths a drawing is kept at: the slide's, a column's, and one resize back


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
            if len(cache) >= DRAWN_WIDTHS:
                del cache[next(iter(cache))]  # a terminal resized again and again keeps only its last widths
            cache[width] = [segment for line in self.lines(console, width) for segment in console.render(line, options)]
        return cache[width]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.draw(console, options)


class Claims(Drawn):
    """Claims as rows: the shape the view gives each, then the claim followed by its label: its level in
    words where the view says it differs from the badge, an analysis's likelihood, its source numbers. The
    label is never broken from itself or across lines: it goes whole on the claim's last line, or on a line
    of its own. In a narrow column the words give way to the level's shape, with a legend of the shapes."""

    def __init__(self, claims: tuple[Claim, ...], palette: Palette) -> None:
        self.claims, self.palette = claims, palette
        self.texts = [inline_text(claim.text) for claim in claims]  # parsed once per text, drawn at any width

    def lines(self, console: Console, width: int) -> Iterable[RenderableType]:
        words = width >= WORDS_MIN_WIDTH
        for claim, text in zip(self.claims, self.texts):
            label = Text()
            if claim.word is not None and words:
                label.append_text(point_marker(claim.word, self.palette))
            if claim.likelihood:
                label.append(
                    f" {claim.likelihood}" if claim.word is not None and words else f" ({claim.likelihood})",
                    style=f"italic {self.palette.of(claim.level)}",
                )
            if claim.refs:
                label.append(" " + "".join(f"[{n}]" for n in claim.refs), style=self.palette.dim)
            # the shape where list bullets stand (the level's glyph where the word gave way), the claim beside it
            shape = glyph_of(claim.level) if claim.word is not None and not words else claim.shape
            yield from hanging(console, Text(" " + shape + " ", style=self.palette.of(claim.level)), text, width, label)
        dropped = [c.word for c in self.claims if c.word is not None] if not words else []
        if dropped:  # the words gave way: say what the shapes mean, here on the slide
            key = Text()
            for level in Confidence:
                if level in dropped:
                    key.append(f"{' · ' if key else ''}{level.glyph} {level.value}", style=f"italic {self.palette.of(level)}")
            yield from hanging(console, Text("   "), key, width)


def hanging(console: Console, head: Text, body: Text, width: int, label: Text | None = None) -> Iterable[Text]:
    """`head`, then `body` wrapped beside it, its later lines indented under its first: a list item drawn
    as lines of text (a table per slide cost a layout pass per move). `label` follows the body, whole: on
    its last line where it fits, else on a line of its own (cut, never broken, where even that is too narrow)."""
    indent = head.cell_len
    room = max(1, width - indent)
    lines = list(body.wrap(console, room, overflow="fold"))
    if label:
        last = lines[-1].copy() if lines else Text()
        last.rstrip()
        if last.cell_len + label.cell_len <= room:
            lines[-1:] = [Text.assemble(last, label)]
        else:
            alone = label[1:] if label.plain.startswith(" ") else label  # its own line: no leading gap
            alone.truncate(room, overflow="crop")
            lines.append(alone)
    blank = Text(" " * indent)
    for i, line in enumerate(lines):
        yield Text.assemble(head if i == 0 else blank, line, end="\n")


def badge_text(level: Confidence, palette: Palette) -> Text:
    """The label as a word with its shape, on the level's colour."""
    return Text(f" {level.label} ", style=f"bold {palette.badge_text} on {palette.levels[level]}")


BADGE_GAP = 2  # columns between a title and its badge
MIN_TITLE_WIDTH = 8  # narrower than this beside the badge, the badge goes below the title
MIX_MIN_TITLE = 30  # the mix of a slide's claims shows beside its badge where the title keeps this many columns


class Heading:
    """A slide's title, wrapped, with its badge two columns right of its first line, a rule under the
    title, and a blank line below unless `compact`. Text in the slide's content: as three widgets of their
    own (a row, the title, the badge) they cost a share of every move's layout."""

    def __init__(self, title: str, badge: Text, palette: Palette, compact: bool = False, mix: Text | None = None) -> None:
        self.title, self.palette, self.compact = title, palette, compact
        self.label, self.mix = badge, mix or Text()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        # the mix of the slide's claims goes beside the badge where the title keeps room for a few words
        with_mix = Text.assemble(self.label, " " if self.label else "", self.mix) if self.mix else self.label
        self.badge = with_mix if width - with_mix.cell_len - BADGE_GAP >= MIX_MIN_TITLE else self.label
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


def render_column(column: ColumnView, palette: Palette) -> RenderableType:
    parts: list[RenderableType] = [Text(column.title, style=palette.accent)] if column.title else []
    if column.body:
        parts.append(_markdown(column.body, palette))
    parts += render_claims(column.claims, palette)
    return Group(*parts)


def render_slide(view: ShownSlide, palette: Palette, compact: bool = False) -> RenderableType:
    """Everything below the slide's title: subtitle, body, chart, timeline, points, columns, source
    references (an image is a widget of its own: see SlideView)."""
    main, tail = render_slide_parts(view, palette, compact)
    return Group(main, tail)


def render_slide_parts(
    view: ShownSlide, palette: Palette, compact: bool = False, below_after_pictures: bool = False
) -> tuple[RenderableType, RenderableType]:
    """The slide's content, and what goes below its image: the filter's notice and the sources
    (`below_after_pictures`: the words below the columns too, after the columns' pictures)."""
    deck, slide = view.deck, view.slide
    if view.divider:
        return render_divider(deck, slide, palette), Group()
    parts: list[RenderableType] = []
    centred = slide.align == "center"
    if slide.subtitle:
        parts += [Text(slide.subtitle, style=f"italic {palette.dim}", justify="center" if centred else None), Text()]
    if view.body:
        parts += [_markdown(view.body, palette, centred), Text()]
    if view.bars and slide.chart is not None:
        parts += [Text(slide.chart.title, style="bold")] if slide.chart.title else []
        parts += [chart_of(slide.chart, view.bars, palette, view.numbers)]
        arrow = "↕" if slide.chart.kind == "column" else "↔"  # the way the values run
        parts += [Text(f"{arrow} {slide.chart.axis}", style=f"italic {palette.dim}")] if slide.chart.axis else []
        parts.append(Text())
    if view.events:
        parts += [Timeline(view.events, palette, view.numbers), Text()]
    if view.claims:
        parts += render_claims(view.claims, palette)
        parts.append(Text())
    if view.columns:
        grid = Table.grid(padding=(0, 3), expand=True)
        for column in view.columns:
            grid.add_column(ratio=column.width)
        grid.add_row(*(render_column(c, palette) for c in view.columns))
        parts += [grid, Text()]
    tail: list[RenderableType] = []
    if view.below:
        (tail if below_after_pictures else parts).extend([_markdown(view.below, palette, centred), Text()])
    if view.hidden:
        tail += [hidden_notice(view.hidden, view.hidden_levels, palette), Text()]
    if view.sources:
        cited = {sid: n for n, sid in view.sources}
        tail.append(render_sources_line(deck, cited, palette) if compact else render_sources(deck, cited, palette))
    return Group(*parts), Group(*tail)


def render_divider(deck: Deck, slide: Slide, palette: Palette) -> RenderableType:
    """A title or section slide: no claims, large words, centred (the view centres it up and down)."""
    lines: list[RenderableType] = []
    if slide.layout == "title":
        lines.append(Text(slide.title, style=f"bold {palette.accent}", justify="center"))
        subtitle = slide.subtitle or deck.subtitle
        if subtitle:
            lines += [Text(), Text(subtitle, style="italic", justify="center")]
        facts = " · ".join(deck.facts())
        if facts:
            lines += [Text(), Text(facts, style=palette.dim, justify="center")]
        key = Text(justify="center")
        for level, _ in legend(deck):  # only where the deck uses labels
            key.append(f" {level.glyph} {level.value} ", style=palette.of(level))
        lines += [Text(), Text(), key] if key else []
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
        parts.append(Text.assemble(("Next: ", "bold"), following.name, (label, palette.dim)))
    else:
        parts.append(Text("Last slide.", style="bold"))
    return Group(*parts)
