"""Provenance and content checks on a loaded deck: warnings, never errors."""

from __future__ import annotations

import datetime as dt
import re

from .diagnostics import WARNING, Diagnostic, sort_diagnostics
from .model import Confidence, Deck, Point, Pos, Slide

STALE_AFTER_DAYS = 90
# The one finding that depends on the calendar: `--strict` leaves it a warning, so that a
# deck's CI does not start failing on some date with no change to the deck.
STALE = "stale"


# An unclosed quote swallows the slides after it into one string: the keys show up inside the text.
_LOOKS_LIKE_YAML = re.compile(r"(?:^|\s)(?:- title|confidence|points|notes|sources|columns):\s", re.MULTILINE)


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + f"'{word}'"


def _kind(slide: Slide, claim: Point) -> str:
    if any(claim is p for p in slide.all_points()):
        return "point"
    return "timeline event" if any(claim is e.claim for e in slide.timeline) else "chart bar"


def lint_deck(deck: Deck, today: dt.date | None = None) -> list[Diagnostic]:
    """Every warning about `deck`, sorted by position."""
    found: list[Diagnostic] = []

    def warn(pos: Pos, message: str, code: str = "") -> None:
        found.append(Diagnostic(pos.line, pos.col, message, WARNING, deck.path, code))

    for number, slide in enumerate(deck.slides, 1):
        name = f"slide {number} ('{slide.name}')"
        for text, pos in [(slide.title, slide.pos), *((p.text, p.pos) for p in slide.figure_claims() + slide.all_points())]:
            if _LOOKS_LIKE_YAML.search(text):
                warn(pos, "this text holds what looks like more of the deck ('- title:', 'confidence:' ...): is a quote left open above?")
        for point in slide.claims():  # a point's own label is checked on any slide: what a deck labels, the rules apply to
            if point.labelled and point.confidence is Confidence.ANALYSIS and not (point.sources or slide.sources):
                warn(point.pos, "an analysis names what it rests on; add 'sources: [...]' to it or to its slide")
            if point.labelled and point.confidence is Confidence.CONFIRMED and not (point.sources or slide.sources):
                warn(point.pos, "a 'confirmed' point cites no source; add 'sources: [...]' to it or to its slide")
        label = slide.confidence
        if label is None:
            continue  # a slide without a label makes no claim of its own: a briefing's checks are for labelled slides
        # The badge is the label of the slide's main message; it says nothing true where every claim on the
        # slide is weaker than it (and the slide has no words of its own that it could be the label of).
        sourced = [p for p in slide.claims() if p.confidence is not None and not p.confidence.is_analysis]
        strongest = min(sourced, key=lambda p: p.confidence.rank if p.confidence else 0, default=None)
        if (
            strongest is not None
            and strongest.confidence is not None
            and not (slide.body or slide.below or slide.pictures() or any(column.body for column in slide.columns))  # words of its own
            and label.is_stronger_than(strongest.confidence)
        ):
            warn(
                slide.confidence_pos,
                f"{name} is labelled '{label.value}' but every claim on it is weaker (the strongest is {_a(strongest.confidence.value)} "
                f"{_kind(slide, strongest)}, line {strongest.pos.line}): nothing on the slide supports its label; label the slide "
                "by its main message",
            )
        if label.is_analysis and not slide.cited():
            warn(slide.confidence_pos, f"{name} is our analysis but names nothing it rests on; add 'sources: [...]'")
        if slide.confidence is Confidence.CONFIRMED and not slide.cited():
            warn(slide.confidence_pos, f"{name} is labelled 'confirmed' but cites no source; add 'sources: [...]'")
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
