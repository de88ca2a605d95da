"""Provenance and content checks on a loaded deck: warnings, never errors."""

from __future__ import annotations

import datetime as dt

from .diagnostics import WARNING, Diagnostic, sort_diagnostics
from .model import Confidence, Deck, Pos

STALE_AFTER_DAYS = 90
# The one finding that depends on the calendar: `--strict` leaves it a warning, so that a
# deck's CI does not start failing on some date with no change to the deck.
STALE = "stale"


def lint_deck(deck: Deck, today: dt.date | None = None) -> list[Diagnostic]:
    """Every warning about `deck`, sorted by position."""
    found: list[Diagnostic] = []

    def warn(pos: Pos, message: str, code: str = "") -> None:
        found.append(Diagnostic(pos.line, pos.col, message, WARNING, deck.path, code))

    for number, slide in enumerate(deck.slides, 1):
        name = f"slide {number} ('{slide.title}')"
        weakest = max(slide.all_points(), key=lambda p: p.confidence.rank, default=None)
        if weakest is not None and slide.label.is_stronger_than(weakest.confidence):
            warn(
                slide.confidence_pos,
                f"{name} is labelled '{slide.label.value}' but has a '{weakest.confidence.value}' point "
                f"(line {weakest.pos.line}); label the slide '{weakest.confidence.value}' or the point stronger",
            )
        if slide.confidence is Confidence.CONFIRMED and not slide.cited():
            warn(slide.confidence_pos, f"{name} is labelled 'confirmed' but cites no source; add 'sources: [...]'")
        for point in slide.all_points():
            if point.labelled and point.confidence is Confidence.CONFIRMED and not (point.sources or slide.sources):
                warn(point.pos, "a 'confirmed' point cites no source; add 'sources: [...]' to it or to its slide")
        if not (slide.notes and slide.notes.strip()) and slide.layout is None:
            warn(slide.pos, f"{name} has no speaker notes; add 'notes: |'")
    cited = set(deck.cited())
    for source in deck.sources.values():
        if source.id not in cited:
            warn(source.pos, f"source '{source.id}' is defined but no slide cites it")
    if today is not None and deck.as_of is not None and deck.is_stale(today, STALE_AFTER_DAYS):
        age = (today - deck.as_of).days
        warn(deck.as_of_pos, f"as_of {deck.as_of} is {age} days old (over {STALE_AFTER_DAYS}); check the content still holds", STALE)
    return sort_diagnostics(found)
