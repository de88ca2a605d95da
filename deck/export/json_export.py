"""The normalized model as JSON, for tools and tests."""

from __future__ import annotations

import json
from typing import Any

from ..core.model import Bar, Confidence, Deck, Picture, Point, Slide
from ..core.runcode import slide_blocks
from ..core.view import ShownSlide, view_slide
from . import ExportOptions


def export(deck: Deck, options: ExportOptions) -> str:
    """Compact by default, which the C encoder writes (`indent` selects the pure-Python one, several times
    slower); `--indent N` for people."""
    data = deck_dict(deck, options)
    if options.indent is None:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(data, ensure_ascii=False, indent=options.indent) + "\n"


def deck_dict(deck: Deck, options: ExportOptions = ExportOptions()) -> dict[str, Any]:
    views = [view_slide(deck, index, minimum=options.min_confidence) for index in range(len(deck.slides))]
    # with a filter, a source that only left-out claims cite is left out too, as in every other format
    cited = {sid for view in views for _, sid in view.sources} if options.min_confidence is not None else set(deck.sources)
    return {
        "title": deck.title,
        "subtitle": deck.subtitle,
        "as_of": deck.as_of.isoformat() if deck.as_of else None,
        "author": deck.author,
        "event": deck.event,
        "date": deck.date.isoformat() if deck.date else None,
        "theme": deck.theme,
        "max_width": deck.max_width,
        "align": deck.align,
        "chrome": deck.chrome,
        "duration_s": deck.duration_s,
        "run_timeout_s": deck.run_timeout_s,
        "labels": dict(deck.labels),  # the deck's own legend words, as written
        "sources": {
            s.id: {
                "title": s.title,
                "kind": s.kind,
                "date": s.date.isoformat() if s.date else None,
                "url": s.url,
                "note": s.note,
            }
            for s in deck.sources.values()
            if s.id in cited
        },
        "slides": [_slide(view, options) for view in views],
    }


def _points(points: tuple[Point, ...]) -> list[dict[str, Any]]:
    return [{"text": p.text, "confidence": _level(p.confidence), "likelihood": p.likelihood, "sources": list(p.sources)} for p in points]


def _level(level: Confidence | None) -> str | None:
    return level.value if level is not None else None


def _number(value: float) -> int | float:
    """90, not 90.0: a whole number as it was written."""
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _chart(slide: Slide, bars: tuple[Bar, ...]) -> dict[str, Any] | None:
    if slide.chart is None or not bars:
        return None
    items = [
        {"label": b.claim.text, "value": _number(b.value), "confidence": _level(b.claim.confidence), "sources": list(b.claim.sources)} for b in bars
    ]
    return {"title": slide.chart.title, "kind": slide.chart.kind, "unit": slide.chart.unit, "axis": slide.chart.axis, "items": items}


def _runnable(view: ShownSlide) -> list[dict[str, Any]]:
    """The blocks `deck present --run-code` would run, with the output a rehearsal recorded (never run here)."""
    found = slide_blocks(view.slide.body if view.body is not None else None, tuple(c.written for c in view.columns))
    runs = []
    for block in found:
        output = view.deck.outputs.get(block.key)
        recorded = {"text": output.text, "status": output.status, "recorded": output.recorded} if output else None
        runs.append({"language": block.language, "code": block.code, "replace": block.replace, "output": recorded})
    return runs


def _picture(picture: Picture) -> dict[str, Any]:
    return {"path": picture.path, "alt": picture.alt, "width": picture.width, "place": picture.place}


def _slide(view: ShownSlide, options: ExportOptions) -> dict[str, Any]:
    slide = view.slide  # the view applies the filter's one rule: hidden claims take their sources along
    return {
        "title": slide.title,
        "subtitle": slide.subtitle,
        "section": slide.section,
        "confidence": _level(view.badge),  # the label of what is shown (a filter that hides the main message drops it)
        "likelihood": view.likelihood,
        "layout": slide.layout,
        "reveal": slide.reveal,
        "align": slide.align,
        "point_pauses": list(slide.point_pauses),  # a pause before each of these points (as `<!-- pause -->` among them)
        "appendix": slide.appendix,
        "body": slide.body if view.body is not None else None,  # as written, pauses and all: this is data
        "points": _points(tuple(c.point for c in view.claims)),
        "columns": [
            {
                "title": c.title,
                "body": c.written,
                "points": _points(tuple(c.point for c in c.claims)),
                "width": c.width,
                "images": [_picture(p) for p in c.images],
            }
            for c in view.columns
        ],
        "below": view.below,
        "chart": _chart(slide, view.bars),
        "timeline": [
            {
                "text": e.claim.text,
                "date": e.start.text if e.end is None else None,
                "from": e.start.text if e.end is not None else None,
                "to": e.end.text if e.end is not None else None,
                "confidence": _level(e.claim.confidence),
                "sources": list(e.claim.sources),
            }
            for e in view.events
        ],
        "image": _picture(view.images[0]) if view.images else None,  # the first picture (as before a slide could have several)
        "images": [_picture(p) for p in view.images],
        "runnable": _runnable(view),
        "notes": slide.notes if options.notes else None,
        "sources": [s for s in slide.sources if s in {sid for _, sid in view.sources}],
    }
