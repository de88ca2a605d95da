"""A claims ledger: one row per claim (a point, a bar, an event, a slide's own words), with its slide, its
level (what the sources say) or our analysis (with its likelihood), and its sources."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Confidence, Deck, Point, Slide, with_unit
from ..core.reveal import without_pauses
from ..core.text import without_html
from . import ExportOptions
from .common import inline, table_row


@dataclass(frozen=True)
class Claim:
    slide_number: int
    slide: Slide
    point: Point
    column: str | None

    @property
    def sources(self) -> tuple[str, ...]:
        """The sources the point itself cites."""
        return self.point.sources

    @property
    def slide_sources(self) -> tuple[str, ...]:
        """The slide's own sources, shown apart: they back the slide, not necessarily this claim."""
        return self.slide.sources


def claims(deck: Deck, options: ExportOptions) -> list[Claim]:
    rows = []
    for n, slide in enumerate(deck.slides, 1):  # in the order a slide shows them: body, chart, timeline, points, columns
        if slide.confidence is not None and slide.layout is None:  # the slide's main message: its own words, else its title
            words = (without_html(without_pauses(slide.body)) or "").strip() or slide.title if slide.body else slide.title  # as it shows
            rows.append(Claim(n, slide, Point(words, slide.confidence, True, slide.sources, slide.pos, slide.likelihood), "main message"))
        if slide.chart is not None:
            rows += [Claim(n, slide, bar.claim, f"chart: {with_unit(bar.value_text, slide.chart.unit)}") for bar in slide.chart.bars]
        rows += [Claim(n, slide, event.claim, f"timeline: {event.when_text}") for event in slide.timeline]
        for point in slide.points:
            rows.append(Claim(n, slide, point, None))
        for column in slide.columns:
            rows += [Claim(n, slide, p, column.title) for p in column.points]
    return [row for row in rows if row.point.is_claim and row.point.kept_by(options.min_confidence)]


def level_cells(point: Point) -> tuple[str, str]:
    """The claim's source level, and our analysis with its likelihood: one of the two is '—'."""
    level = point.confidence
    if level is Confidence.ANALYSIS:
        return "—", f"{level.glyph} analysis" + (f": {point.likelihood}" if point.likelihood else "")
    return (f"{level.glyph} {level.value}" if level is not None else "—"), "—"


def source_titles(deck: Deck, ids: tuple[str, ...]) -> str:
    return "; ".join(deck.sources[s].title for s in ids if s in deck.sources)


def export(deck: Deck, options: ExportOptions) -> str:
    out = [f"# Claims ledger: {inline(deck.title)}", ""]
    if deck.as_of:
        out += [f"As of {deck.as_of.isoformat()}. One row per claim; a claim without its own label takes its slide's.", ""]
    out += [table_row(["#", "Slide", "Claim", "Sources say", "Our analysis", "Sources"]), table_row(["---"] * 6)]
    for i, row in enumerate(claims(deck, options), 1):
        slide = f"{row.slide_number}. {row.slide.name}" + (f" ({row.column})" if row.column else "")
        cells = [
            str(i),
            inline(slide, table=True),
            inline(row.point.text, table=True),
            *level_cells(row.point),
            inline(source_titles(deck, row.sources), table=True)
            or (f"— (slide: {inline(source_titles(deck, row.slide_sources), table=True)})" if row.slide_sources else "—"),
        ]
        out.append(table_row(cells))
    return "\n".join(out) + "\n"
