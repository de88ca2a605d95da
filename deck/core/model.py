"""The deck model: plain dataclasses. Nothing here knows about YAML files or the UI."""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .runcode import Output


class Confidence(enum.Enum):
    """How well a claim is established: four levels of what sources say, strongest first, and the deck's
    own reasoning (`analysis`), which stands apart from them: no filter hides it."""

    CONFIRMED = "confirmed"
    REPORTED = "reported"
    UNVERIFIED = "unverified"
    SPECULATIVE = "speculative"
    ANALYSIS = "analysis"

    @property
    def rank(self) -> int:
        """0 for the strongest level, 3 for the weakest."""
        return _RANKS[self]

    @property
    def is_analysis(self) -> bool:
        return self is Confidence.ANALYSIS

    def is_stronger_than(self, other: Confidence) -> bool:
        """A source level above another (analysis is on no such scale: never stronger, never weaker)."""
        return not (self.is_analysis or other.is_analysis) and self.rank < other.rank

    def meets(self, minimum: Confidence | None) -> bool:
        """True when this level is `minimum` or stronger (None: no minimum). The filter is about what the
        sources say: the deck's own analysis always meets it."""
        return minimum is None or self.is_analysis or self.rank <= minimum.rank

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]

    @property
    def glyph(self) -> str:
        """A shape per level, so that no reader depends on colour alone."""
        return _GLYPHS[self]

    @property
    def label(self) -> str:
        """The label in words with its glyph, e.g. '◐ REPORTED'."""
        return f"{_GLYPHS[self]} {self.value.upper()}"

    @classmethod
    def names(cls) -> list[str]:
        return [level.value for level in cls]

    @classmethod
    def source_levels(cls) -> tuple[Confidence, ...]:
        """The levels of what sources say, strongest first (what a filter's minimum can be)."""
        return tuple(level for level in cls if not level.is_analysis)


_RANKS = {level: rank for rank, level in enumerate(Confidence)}
_GLYPHS = {
    Confidence.CONFIRMED: "●",
    Confidence.REPORTED: "◐",
    Confidence.UNVERIFIED: "○",
    Confidence.SPECULATIVE: "◌",
    Confidence.ANALYSIS: "◆",
}
_MEANINGS = {
    Confidence.CONFIRMED: "official or verifiable: a paper, a commit, an announcement",
    Confidence.REPORTED: "credible reporting, not officially confirmed",
    Confidence.UNVERIFIED: "leaks, single anonymous sources",
    Confidence.SPECULATIVE: "estimates, extrapolation",
    Confidence.ANALYSIS: "our own reasoning (arithmetic, inference, a reading of the sources), apart from what the sources say",
}


def glyph_of(level: Confidence | None) -> str:
    """The shape drawn for a level; a plain bullet for words that are not a claim."""
    return level.glyph if level is not None else "•"


# An analysis may say how likely it judges something, in one fixed scale of words (as intelligence
# analysis does, ICD 203), from least to most likely.
LIKELIHOODS = ("almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely", "almost certain")


class Pos(NamedTuple):
    """A place in the deck file: 1-based line and column, 0-based character offset."""

    line: int = 1
    col: int = 1
    offset: int = 0


@dataclass(frozen=True)
class Span:
    """Where a slide stands in the file.

    [start, end) are character offsets of the slide's own text: from its first key (or its '{')
    to the end of its last line of content, without trailing blank or comment lines. `indent` is
    the column its keys stand at (0-based). `item_start` is where its list item's line begins
    (the line with '- '), or None when the slides are a flow list ('[...]').
    """

    start: int
    end: int
    start_line: int
    end_line: int
    indent: int = 0
    item_start: int | None = None


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str | None = None
    date: dt.date | None = None
    url: str | None = None
    note: str | None = None
    pos: Pos = Pos()


@dataclass(frozen=True)
class Point:
    """A point of a slide. `confidence` is effective: its own label, or its slide's; None on a slide
    without a label, for a point without one of its own: then it is words, not a claim."""

    text: str
    confidence: Confidence | None
    labelled: bool = False  # True when the point carries its own label
    sources: tuple[str, ...] = ()
    pos: Pos = Pos()
    likelihood: str | None = None  # an analysis's judgement, a word of LIKELIHOODS

    @property
    def is_claim(self) -> bool:
        return self.confidence is not None

    def kept_by(self, minimum: Confidence | None) -> bool:
        """Shown under the filter `minimum`: words and analysis always are."""
        return self.confidence is None or self.confidence.meets(minimum)


@dataclass(frozen=True)
class Column:
    title: str
    body: str | None = None
    points: tuple[Point, ...] = ()
    pos: Pos = Pos()
    width: int = 1  # a share of the slide's width: 2 and 1 make a 2:1 split
    images: tuple[Picture, ...] = ()  # drawn in the column, under its words


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a claim (its label is the claim's text) with a value."""

    claim: Point
    value: float

    @property
    def value_text(self) -> str:
        """The value as a person writes it: 90, 80.8, -3, 1.5e+20."""
        value = float(self.value)
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)


def with_unit(value: str, unit: str) -> str:
    """A chart value with its unit, one way on screen and in every export: '40%', '1.8x', '37 billion'."""
    if not unit:
        return value
    return f"{value}{unit}" if not unit[:1].isalnum() else f"{value} {unit}"


def bar_geometry(values: list[float]) -> tuple[float, list[float]]:
    """Where a chart's zero axis stands, and each bar's signed length from it, as fractions of the track:
    the longest bar reaches an end, negative ones go left. All zero: the axis at 0 and no bars. One rule for
    the terminal (in cells) and the exports (in SVG units)."""
    biggest = max((abs(v) for v in values), default=0.0)
    if not biggest or not math.isfinite(biggest):
        return 0.0, [0.0 for _ in values]
    scaled = [v / biggest for v in values]  # in [-1, 1]: no overflow below, whatever the values
    low, high = min(0.0, *scaled), max(0.0, *scaled)
    span = high - low
    return -low / span, [v / span for v in scaled]


CHART_KINDS = ("bar", "column")  # horizontal bars, or vertical ones (columns) standing on the axis


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    unit: str = ""
    kind: str = "bar"
    pos: Pos = Pos()
    title: str | None = None  # what the chart shows, above it ("Monthly active users, millions")
    axis: str | None = None  # what its values measure, under it ("tokens a second; higher is better")


TIME_ONLY_DAY = dt.date(2000, 1, 1)  # the day a time of day alone ('14:07') stands on: a timeline of one day's times


@dataclass(frozen=True)
class When:
    """A day, a month, a quarter or a year, as written ('2026-01-20', '2026-02', '2026-Q2', '2026'),
    with the first and last day it covers; or a moment, a day's time ('2026-09-14 14:07') or a time alone
    ('14:07', a day's events of an incident)."""

    text: str
    first: dt.date
    last: dt.date
    minute: int | None = None  # a moment's minute of its day (None: the whole of every day it covers)

    @property
    def time_only(self) -> bool:
        return self.minute is not None and self.first == TIME_ONLY_DAY and ":" in self.text and "-" not in self.text

    @property
    def start_minute(self) -> int:
        """Where it starts, in minutes from the calendar's first day."""
        return self.first.toordinal() * 1440 + (self.minute or 0)

    @property
    def end_minute(self) -> int:
        """Where it ends (a moment: its minute; a day or longer: its last day's end)."""
        return self.last.toordinal() * 1440 + (self.minute + 1 if self.minute is not None else 1440)


@dataclass(frozen=True)
class Event:
    """One event of a timeline: a claim with a date, or a span (`from`/`to`)."""

    claim: Point
    start: When
    end: When | None = None  # the last period of a span

    @property
    def when_text(self) -> str:
        return self.start.text if self.end is None else f"{self.start.text} – {self.end.text}"

    @property
    def first(self) -> dt.date:
        return self.start.first

    @property
    def last(self) -> dt.date:
        return (self.end or self.start).last

    @property
    def point(self) -> bool:
        """One day or one moment: drawn as a point on the track, not a span."""
        return self.end is None and (self.start.minute is not None or self.start.first == self.start.last)


def track_places(events: tuple[Event, ...]) -> list[tuple[float, float]]:
    """Each event's place on a timeline's track, from its start to its end as shares (0 to 1) of the track,
    which runs from the first event's start to the last one's end: the one rule of the terminal and the SVG."""
    start = min(e.start.start_minute for e in events)
    end = max((e.end or e.start).end_minute for e in events)
    length = max(1, end - start)
    return [((e.start.start_minute - start) / length, min(1.0, ((e.end or e.start).end_minute - start) / length)) for e in events]


def track_ends(events: tuple[Event, ...]) -> tuple[str, str]:
    """What the track's two ends are called: the first and last days, or times where the timeline is one day's."""
    first = min(events, key=lambda e: e.start.start_minute).start
    last = max(events, key=lambda e: (e.end or e.start).end_minute)
    last_when = last.end or last.start
    if first.minute is not None and last_when.minute is not None and first.first == last_when.last:
        return f"{first.minute // 60:02d}:{first.minute % 60:02d}", f"{last_when.minute // 60:02d}:{last_when.minute % 60:02d}"
    return first.first.isoformat(), last_when.last.isoformat()


PLACES = ("below", "right")  # where a slide's picture goes: under its words, or beside them on the right
MAX_PICTURES = 6  # a slide's (or a column's) pictures: more would each be too small to read


@dataclass(frozen=True)
class Picture:
    """An image: a local file, its path as written (relative to the deck's folder), and what it shows."""

    path: str
    alt: str
    pos: Pos = Pos()
    path_pos: Pos = Pos()
    width: str | None = None  # how wide it is drawn: '40%' of the slide's width, or '30' terminal cells (None: as wide as fits)
    place: str = "below"  # 'below' the slide's words, or 'right' of them (beside the points); a column's pictures are in the column

    def cells(self, room: int) -> int:
        """Its width in terminal cells where the slide has `room` cells."""
        if self.width is None:
            return room
        if self.width.endswith("%"):
            return max(1, min(room, room * int(self.width[:-1]) // 100))
        return max(1, min(room, int(self.width)))

    @property
    def percent(self) -> int | None:
        """Its width as a share of the slide's (a number of cells counts about 1% of a 110-cell slide each)."""
        if self.width is None:
            return None
        return int(self.width[:-1]) if self.width.endswith("%") else max(1, min(100, round(int(self.width) * 100 / 110)))


TITLE_LAYOUT = "title"  # the deck's title, subtitle, author and as_of: makes no claim
SECTION_LAYOUT = "section"  # a divider naming a section: makes no claim
LAYOUTS = (TITLE_LAYOUT, SECTION_LAYOUT)


@dataclass(frozen=True)
class Slide:
    title: str
    confidence: Confidence | None  # None only on title and section slides, which make no claim
    subtitle: str | None = None
    section: str | None = None
    body: str | None = None
    points: tuple[Point, ...] = ()
    columns: tuple[Column, ...] = ()
    below: str | None = None  # Markdown after the points and columns (presenterm's words after `reset_layout`)
    notes: str | None = None
    sources: tuple[str, ...] = ()
    pos: Pos = Pos()
    confidence_pos: Pos = Pos()
    span: Span | None = None
    layout: str | None = None  # 'title' or 'section'; None for an ordinary slide
    reveal: bool = False  # points appear one per "next"
    appendix: bool = False  # after the main slides; counted apart (A1 / A4)
    chart: Chart | None = None
    timeline: tuple[Event, ...] = ()  # in date order (the loader sorts it)
    images: tuple[Picture, ...] = ()  # `image:`, one picture or a list: under the words, or beside them
    likelihood: str | None = None  # where the main message is an analysis: how likely it judges it (LIKELIHOODS)
    point_pauses: tuple[int, ...] = ()  # a pause before each of these points (`<!-- pause -->` among the points)
    align: str | None = None  # 'center': the slide's words in the middle, across and down (a lead slide); 'left' or None: as usual

    @property
    def centred(self) -> bool:
        """A title or section slide, or one that asks to be centred."""
        return self.layout is not None or self.align == "center"

    @property
    def label(self) -> Confidence | None:
        """The label of the slide's main message (None: the slide makes no claim of its own)."""
        return self.confidence

    @property
    def name(self) -> str:
        """What lists call the slide (the overview, go-to, notes, messages): its title, or for a slide
        without one its first words, in parentheses."""
        if self.title:
            return self.title
        words = next((text for text in (self.subtitle, self.body, *(p.text for p in self.all_points())) if text and text.strip()), "")
        first = " ".join(re.sub(r"[#*_`>|\-]+", " ", words).split())
        return f"({first[:40].rstrip()}…)" if len(first) > 40 else f"({first or 'untitled'})"

    def own_kept_by(self, minimum: Confidence | None) -> bool:
        """The slide's own claim (its body, its image, its own sources) is shown under `minimum`."""
        return self.confidence is None or self.confidence.meets(minimum)

    def pictures(self) -> tuple[Picture, ...]:
        """The slide's pictures, then each column's."""
        return self.images + tuple(p for column in self.columns for p in column.images)

    def all_points(self) -> tuple[Point, ...]:
        """The slide's points, then each column's points."""
        return self.points + tuple(p for column in self.columns for p in column.points)

    def figure_claims(self) -> tuple[Point, ...]:
        """The chart's bars, then the timeline's events, as claims."""
        bars = tuple(bar.claim for bar in self.chart.bars) if self.chart is not None else ()
        return bars + tuple(event.claim for event in self.timeline)

    def claims(self) -> tuple[Point, ...]:
        """Every claim the slide makes one by one, in the order it shows them: its chart's bars and its
        timeline's events, then its points and its columns' points (so sources are numbered as read).
        Points without a level (on a slide without a label) are words, not claims."""
        return tuple(p for p in self.figure_claims() + self.all_points() if p.is_claim)

    def cited(self) -> tuple[str, ...]:
        """Every source id the slide cites, in order of first use."""
        return self._cited

    @cached_property  # frozen: worked out once (the filter, the numbering and every export ask for it)
    def _cited(self) -> tuple[str, ...]:
        ids = list(self.sources) + [s for p in self.figure_claims() + self.all_points() for s in p.sources]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class Deck:
    title: str
    slides: tuple[Slide, ...]
    subtitle: str | None = None
    as_of: dt.date | None = None
    author: str | None = None
    theme: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    path: str = "<deck>"
    as_of_pos: Pos = Pos()
    theme_pos: Pos = Pos()
    max_width: int = 110  # the slide's reading width, in columns
    align: str = "center"  # 'center' or 'left' on terminals wider than max_width
    chrome: bool = True  # status and key bars shown (z toggles them)
    duration_s: int | None = None  # the talk's target length
    labels: dict[str, str] = field(default_factory=dict)  # the deck's own legend: level name -> what it means here
    run_timeout_s: float | None = None  # how long a runnable block may run on stage (None: the default)
    event: str | None = None  # where the talk is given (a conference, a meeting): on the title slide
    date: dt.date | None = None  # when it is given (as_of dates the content; this dates the talk)
    outputs: Mapping[str, Output] = field(default_factory=dict)  # what a rehearsal recorded, for `export --with-output`

    @cached_property
    def uses_labels(self) -> bool:
        """Whether the deck labels anything: a deck that labels nothing is an ordinary talk (no badges, no
        legend, none of a briefing's checks)."""
        return any(slide.confidence is not None or any(p.labelled for p in slide.claims()) for slide in self.slides)

    def levels_used(self) -> tuple[Confidence, ...]:
        """The levels the deck's slides and claims use, in the scale's order."""
        used = {slide.confidence for slide in self.slides} | {p.confidence for slide in self.slides for p in slide.claims()}
        return tuple(level for level in Confidence if level in used)

    def facts(self) -> tuple[str, ...]:
        """What the title slide says under the title, in every view: author, event, date, as of."""
        when = f"{self.date.day} {self.date:%B %Y}" if self.date else None
        return tuple(x for x in (self.author, self.event, when, f"as of {self.as_of.isoformat()}" if self.as_of else None) if x)

    def meaning(self, level: Confidence) -> str:
        """What `level` means in this deck: its own words (`labels:`), else the built-in ones."""
        return self.labels.get(level.value) or level.meaning

    @cached_property  # frozen, with a tuple of slides: counted once (position() per slide was quadratic)
    def main_count(self) -> int:
        """Slides before the appendix (N / M counts these)."""
        return sum(1 for slide in self.slides if not slide.appendix)

    def position(self, index: int) -> str:
        """'7 / 16' for a main slide, 'A2 / A4' in the appendix."""
        main = self.main_count
        if index < main:
            return f"{index + 1} / {main}"
        return f"A{index - main + 1} / A{len(self.slides) - main}"

    def cited(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for slide in self.slides for s in slide.cited()))

    def source_numbers(self, slide: Slide) -> dict[str, int]:
        """Each source `slide` cites -> its number on that slide, in order of first use."""
        return {sid: n for n, sid in enumerate(slide.cited(), 1) if sid in self.sources}

    def is_stale(self, today: dt.date, max_age_days: int = 90) -> bool:
        return self.as_of is not None and (today - self.as_of).days > max_age_days
