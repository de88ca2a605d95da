"""What of a slide survives a minimum confidence: one rule for the presenter and every export.

Hidden claims take with them their sources and any column heading left with nothing under it; where
the slide's main message (its body, image and own sources, under its label) is hidden, its badge goes
too. Words that are not claims (points on a slide without a label) and the deck's own analysis are
never hidden. Source numbers are not changed by the filter: [3] is the
same source filtered or not (some numbers are then simply absent).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Bar, Column, Confidence, Event, Picture, Point, Slide


@dataclass(frozen=True)
class ShownColumn:
    column: Column
    body: str | None
    points: tuple[Point, ...]
    images: tuple[Picture, ...] = ()  # go with the column's words, the slide's main message


@dataclass(frozen=True)
class Shown:
    points: tuple[Point, ...]
    columns: tuple[ShownColumn, ...]
    body: str | None
    hidden: int  # claims left out: points, and the body (one claim, at the slide's level)
    sources: tuple[str, ...]  # ids cited by what is shown, in the slide's order
    confidence: Confidence | None  # the slide's label, where its main message is shown (None: hidden, or no label)
    bars: tuple[Bar, ...] = ()  # the chart's bars that are shown
    events: tuple[Event, ...] = ()  # the timeline's events that are shown
    images: tuple[Picture, ...] = ()  # go with the slide's own claim, as the body does
    hidden_levels: tuple[Confidence, ...] = ()  # the levels of the claims left out, strongest first
    below: str | None = None  # the words after the points and columns: the main message, as the body


def shown(slide: Slide, minimum: Confidence | None) -> Shown:
    if minimum is None:
        every = tuple(ShownColumn(c, c.body, c.points, c.images) for c in slide.columns)
        bars = slide.chart.bars if slide.chart is not None else ()
        return Shown(slide.points, every, slide.body, 0, slide.cited(), slide.label, bars, slide.timeline, slide.images, (), slide.below)
    slide_kept = slide.own_kept_by(minimum)  # the body, the image and the slide's own sources are its main message
    points = tuple(p for p in slide.points if p.kept_by(minimum))
    all_bars = slide.chart.bars if slide.chart is not None else ()
    bars = tuple(b for b in all_bars if b.claim.kept_by(minimum))
    events = tuple(e for e in slide.timeline if e.claim.kept_by(minimum))
    hidden = (
        len(slide.points) - len(points) + (1 if slide.body and not slide_kept else 0) + (1 if (slide.images or slide.below) and not slide_kept else 0)
    )
    hidden += len(all_bars) - len(bars) + len(slide.timeline) - len(events)
    columns: list[ShownColumn] = []
    for column in slide.columns:
        kept = tuple(p for p in column.points if p.kept_by(minimum))
        hidden += len(column.points) - len(kept)
        body = column.body if slide_kept else None
        images = column.images if slide_kept else ()
        hidden += 1 if (column.body or column.images) and not slide_kept else 0  # a column's words are the slide's main message
        if kept or body or images:
            columns.append(ShownColumn(column, body, kept, images))
    all_kept = points + tuple(p for c in columns for p in c.points) + tuple(b.claim for b in bars) + tuple(e.claim for e in events)
    ids = list(slide.sources if slide_kept else ()) + [s for p in all_kept for s in p.sources]
    order = {sid: n for n, sid in enumerate(slide.cited())}
    sources = tuple(sorted(dict.fromkeys(ids), key=lambda sid: order.get(sid, len(order))))
    images = slide.images if slide_kept else ()
    left_out = [c.confidence for c in slide.claims() if c.confidence is not None and not c.confidence.meets(minimum)]
    own_words = slide.body or slide.below or slide.pictures() or any(c.body for c in slide.columns)
    left_out += [slide.label] if slide.label is not None and not slide_kept and own_words else []
    hidden_levels = tuple(sorted(set(left_out), key=lambda level: level.rank))
    # the badge is the main message's label: where the filter hides the main message, no badge stands for it
    badge = slide.label if slide_kept else None
    return Shown(
        points,
        tuple(columns),
        slide.body if slide_kept else None,
        hidden,
        sources,
        badge,
        bars,
        events,
        images,
        hidden_levels,
        slide.below if slide_kept else None,
    )
