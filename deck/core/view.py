"""What a slide shows: one answer for the presenter, the speaker view and every export.

`view_slide(deck, index, minimum=..., step=...)` decides, once, what slide `index` shows at reveal step
`step` under the confidence filter `minimum`: its badge, each claim with the mark drawn before it, its
label in words where that differs from the badge and its source numbers, the columns with their widths,
the body as far as it is revealed, the figures, what the filter hid, and the sources, numbered. The
renderers (the terminal, Markdown, HTML, JSON) only format this answer.

The rules it applies live beside it: what survives the filter in `filtering`, the reveal steps in
`reveal`; the numbering of a slide's sources is the deck's (`Deck.source_numbers`), the same filtered
or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .filtering import Shown, ShownColumn, shown
from .linesteps import show_lines
from .model import Bar, Confidence, Deck, Event, Picture, Point, Slide
from .reveal import at_step, body_parts, last_step, pause_counts, pauses, point_breaks
from .runcode import Output, with_outputs
from .text import without_html


@dataclass(frozen=True)
class Claim:
    """A point as it is drawn: `shape` before it, `word` after it (None: the badge says it), then `refs`."""

    point: Point
    shape: str  # the glyph of its level where it carries its own label or differs from the badge, else "•"
    word: Confidence | None  # its level in words, where it differs from the slide's badge
    refs: tuple[int, ...]  # the numbers of its sources on this slide
    step: int | None  # the reveal step that shows it (None: the slide does not reveal its points)

    @property
    def text(self) -> str:
        return self.point.text

    @property
    def level(self) -> Confidence | None:
        """Its level (None: words on a slide without a label, not a claim)."""
        return self.point.confidence

    @property
    def likelihood(self) -> str | None:
        """An analysis's judgement in words, always said where it is given."""
        return self.point.likelihood


@dataclass(frozen=True)
class ColumnView:
    title: str
    width: int  # the column's share of the slide's width
    body: str | None  # as far as it is revealed, as it shows (a runnable block without its marks, with its output)
    claims: tuple[Claim, ...]
    written: str | None = None  # the body as written
    parts: tuple[tuple[int, str], ...] = ()  # the whole body's parts between pauses, each with the step that shows it
    images: tuple[Picture, ...] = ()  # drawn in the column, under its words


@dataclass(frozen=True)
class ShownSlide:
    """Slide `index` as it shows at `step` under `minimum` (see the module's docstring)."""

    deck: Deck
    index: int
    slide: Slide
    minimum: Confidence | None
    step: int  # the reveal step shown (last_step: complete)
    last_step: int
    badge: Confidence | None  # the label of what shows (None: a title or section slide)
    body: str | None  # as far as it is revealed, without pause markers
    body_parts: tuple[
        str, ...
    ]  # the whole body's parts between pauses (for formats that pause); part i shows at step i ("" first: a slide that opens on its title)
    claims: tuple[Claim, ...]  # the slide's points that show
    columns: tuple[ColumnView, ...]  # columns with something left to show
    bars: tuple[Bar, ...]
    events: tuple[Event, ...]
    images: tuple[Picture, ...]  # the slide's own pictures (a column's are in its ColumnView)
    hidden: int  # claims the filter leaves out
    hidden_levels: tuple[Confidence, ...]  # their levels, strongest first
    sources: tuple[tuple[int, str], ...]  # (number, source id) cited by what shows, [1] first
    own_refs: tuple[int, ...]  # the numbers of the slide's own sources, where its own claim shows
    numbers: dict[str, int]  # the slide's numbering of every source it cites (figures look theirs up here)
    mix: tuple[tuple[Confidence, int], ...] = ()  # how many claims of each level show, in the scale's order
    below: str | None = None  # the words after the points and columns, once the slide is complete

    @property
    def mixed(self) -> tuple[tuple[Confidence, int], ...]:
        """The mix of levels to show beside the badge: where the claims shown hold more than the badge says
        (nothing on a slide whose claims are all at its badge's level)."""
        return self.mix if [level for level, _ in self.mix] not in ([], [self.badge]) else ()

    @property
    def likelihood(self) -> str | None:
        """The main message's likelihood, where it is an analysis that gives one."""
        return self.slide.likelihood if self.badge is not None else None

    @property
    def title(self) -> str:
        return self.slide.title

    @property
    def divider(self) -> bool:
        """A title or section slide: words, no claims."""
        return self.slide.layout is not None

    @property
    def complete(self) -> bool:
        return self.step >= self.last_step

    @property
    def position(self) -> str:
        return self.deck.position(self.index)

    @property
    def pictures(self) -> tuple[Picture, ...]:
        """Every picture that shows: the slide's, then each column's."""
        return self.images + tuple(p for column in self.columns for p in column.images)

    @property
    def all_claims(self) -> tuple[Claim, ...]:
        """The slide's claims, then each column's, in reading order."""
        return self.claims + tuple(c for column in self.columns for c in column.claims)


def view_slide(
    deck: Deck,
    index: int,
    *,
    minimum: Confidence | None = None,
    step: int | None = None,
    part: Slide | None = None,
    outputs: Mapping[str, Output] | None = None,
) -> ShownSlide:
    """Slide `index` at reveal `step` (None: complete) under the filter `minimum` (None: everything).

    `part`: some of the slide's content (a continuation page of an export), numbered as the slide.
    `outputs`: what the slide's runnable blocks printed, by block (None: what a rehearsal recorded, if
    the deck was given any); each shows under its code."""
    ran = deck.outputs if outputs is None else outputs
    slide = part or deck.slides[index]
    numbers = deck.source_numbers(deck.slides[index])  # the same numbers filtered or not
    last = last_step(slide, minimum) if slide.layout is None else 0
    step = last if step is None else max(0, min(step, last))
    if slide.layout is not None:
        return ShownSlide(deck, index, slide, minimum, step, last, None, None, (), (), (), (), (), (), 0, (), (), (), numbers)
    kept: Shown = shown(slide, minimum)
    badge = kept.confidence
    reached = at_step(slide, step, minimum)
    every = slide.all_points()
    revealed = {id(p) for p in every[: reached.points]} if reached.points is not None else None
    paused = pauses(slide, minimum)
    order = {id(p): n for n, p in enumerate(p for p in every if p.kept_by(minimum))}
    breaks = point_breaks(slide, minimum)
    place = {id(p): n for n, p in enumerate(every)} if breaks else {}  # only a slide whose points pause needs it

    def step_of(point: Point) -> int | None:
        """The press that shows `point` (None: shown from the start)."""
        if slide.reveal:
            return paused + order[id(point)] + 1
        if not breaks:
            return None
        group = sum(1 for start in breaks if start <= place[id(point)])
        return paused + group if group else None

    def claim(point: Point) -> Claim:
        level = point.confidence
        word = level if level is not None and level is not badge else None
        shape = level.glyph if level is not None and (point.labelled or word is not None) else "•"
        refs = tuple(numbers[s] for s in point.sources if s in numbers)
        return Claim(point, shape, word, refs, step_of(point))

    def showing(points: tuple[Point, ...]) -> tuple[Claim, ...]:
        return tuple(claim(p) for p in points if revealed is None or id(p) in revealed)

    claims = showing(kept.points)
    # each column's words as far as revealed, and its parts with the step that shows each (its pauses come
    # after the body's and the columns' before it)
    number = {id(column): n for n, column in enumerate(slide.columns)}
    counts = pause_counts(slide)

    def column_view(c: ShownColumn) -> ColumnView:
        n = number[id(c.column)]
        shown_body = reached.columns[n] if c.body is not None and n < len(reached.columns) else None
        first = sum(counts[: n + 1])  # the body's pauses and the earlier columns'
        steps = (
            tuple((first + i if i else 0, without_html(with_outputs(part, ran)) or "") for i, part in enumerate(body_parts(c.body)) if part)
            if c.body
            else ()
        )
        return ColumnView(
            c.column.title, c.column.width, without_html(show_lines(with_outputs(shown_body, ran))), showing(c.points), c.body, steps, c.images
        )

    columns = tuple(column_view(c) for c in kept.columns)
    # a source shows once a claim that cites it does: the sources must not give away what is to come
    ids = set(kept.sources)
    if revealed is not None:
        drawn = claims + tuple(c for column in columns for c in column.claims)
        figures = tuple(b.claim for b in kept.bars) + tuple(e.claim for e in kept.events)  # drawn at every step
        anything = bool(drawn or figures or reached.body or kept.images)  # a reveal slide at step 0 may show nothing yet
        own = set(slide.sources) if anything else set()  # then its sources wait too (they showed alone, under nothing)
        ids &= own | {s for c in drawn for s in c.point.sources} | {s for p in figures for s in p.sources}
    sources = tuple((numbers[sid], sid) for sid in kept.sources if sid in ids and sid in numbers)
    own_kept = slide.own_kept_by(minimum)
    own_refs = tuple(numbers[s] for s in slide.sources if s in numbers) if own_kept else ()
    parts = tuple(without_html(with_outputs(part, ran)) or "" for part in body_parts(kept.body)) if kept.body else ()
    body = without_html(show_lines(with_outputs(reached.body, ran))) if kept.body is not None else None
    shown_levels = [c.level for c in claims + tuple(c for column in columns for c in column.claims)]
    shown_levels += [b.claim.confidence for b in kept.bars] + [e.claim.confidence for e in kept.events]
    mix = tuple((level, n) for level in Confidence if (n := shown_levels.count(level)))
    return ShownSlide(
        deck,
        index,
        slide,
        minimum,
        step,
        last,
        badge,
        body,
        parts,
        claims,
        columns,
        kept.bars,
        kept.events,
        kept.images,
        kept.hidden,
        kept.hidden_levels,
        tuple(sorted(sources)),
        own_refs,
        numbers,
        mix,
        without_html(with_outputs(kept.below, ran)) if step >= last else None,
    )


def legend(deck: Deck) -> tuple[tuple[Confidence, str], ...]:
    """The deck's one legend, for every view and export: the levels it uses, each with what it means in
    this deck (its own `labels:` words, else the built-in ones). Empty for a deck that labels nothing."""
    if not deck.uses_labels:
        return ()
    return tuple((level, deck.meaning(level)) for level in deck.levels_used())
