"""Incremental reveal: which part of a slide shows at each step.

A slide's body, and each column's, may hold pause markers on their own line (`<!-- pause -->`, as
presenterm writes them, also as a list item: `- <!-- pause -->`): step 0 shows each text up to its
first pause, each "next" the following part: the body's parts, then the first column's, and so on. A
pause before anything else makes the slide open with its title alone. A code block
whose fence ends in line groups (`{1,3-4|5}`) highlights them one per "next" (see `linesteps`). A slide with
`reveal: true` then shows its points one per "next" (the slide's points, then each column's, column by
column). The last step shows the slide complete; the overview and go-to land there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fences import Fences
from .linesteps import opening, show_lines, step_marker
from .model import Confidence, Slide

PAUSE = re.compile(r"^[ \t]*(?:[-*+][ \t]+)?<!--\s*pause\s*-->[ \t]*$", re.MULTILINE)


def body_parts(body: str | None) -> list[str]:
    """The body split at its pause markers (the markers themselves never show). A marker inside a
    code fence is code, not a pause; parts with nothing in them (a marker at the end, two in a row) are
    dropped, except an empty first part: a pause before anything else opens the slide on its title."""
    if not body:
        return []
    parts: list[list[str]] = [[]]
    reader = Fences()
    grouped = 0  # the code blocks so far whose lines are highlighted a group at a time
    waiting: list[str] = []  # their further groups: steps after the part that shows them
    found: list[frozenset[int] | None] = []  # the groups of the block open now (counted once it closes)
    for line in body.split("\n"):
        kind = reader.step(line)
        if kind == "opens":
            found = opening(line) or []
        elif kind == "closes":
            waiting += [step_marker(grouped, n) for n in range(1, len(found))]
            grouped += len(found) > 1
        elif kind == "outside" and PAUSE.fullmatch(line):
            parts += [[marker] for marker in waiting] + [[]]
            waiting = []
            continue
        parts[-1].append(line)
    parts += [[marker] for marker in waiting]
    texts = ["\n".join(part).strip("\n") for part in parts]
    kept = [text for text in texts if text.strip()]
    if len(texts) > 1 and not texts[0].strip() and kept:
        return ["", *kept]
    return kept or [""]


def without_pauses(body: str | None) -> str | None:
    """The whole body, for what shows everything at once (exports, the complete slide)."""
    if body is None:
        return None
    return show_lines("\n\n".join(part for part in body_parts(body) if part))


def texts_that_pause(slide: Slide) -> tuple[str | None, ...]:
    """The texts whose pauses are steps, in order: the body, then each column's body."""
    return (slide.body, *(column.body for column in slide.columns))


def pause_counts(slide: Slide) -> tuple[int, ...]:
    """How many pauses each of `texts_that_pause` holds."""
    return tuple(max(0, len(body_parts(text)) - 1) if text else 0 for text in texts_that_pause(slide))


def pauses(slide: Slide, minimum: Confidence | None = None) -> int:
    """The slide's pauses, where the filter leaves its words (the slide's main message): hidden words'
    pauses are no steps, since a press must show something."""
    return sum(pause_counts(slide)) if slide.own_kept_by(minimum) else 0


def point_breaks(slide: Slide, minimum: Confidence | None = None) -> tuple[int, ...]:
    """Where the points pause (`<!-- pause -->` among them), on a slide that does not reveal them one by
    one: each break is a point index, the first point of a group shown by one press. A group the filter
    empties is no step; the columns' points come with the last press."""
    if slide.reveal or not slide.point_pauses:
        return ()
    count = len(slide.points)
    starts = [p for p in slide.point_pauses if 0 <= p < count]
    breaks = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else count
        if any(point.kept_by(minimum) for point in slide.points[start:end]):
            breaks.append(start)
    return tuple(breaks)


def last_step(slide: Slide, minimum: Confidence | None = None) -> int:
    """How many "next" presses a slide takes before the next slide (0 for most slides). With a minimum
    confidence, a point the filter hides is not a step: a press always shows something."""
    steps = sum(1 for point in slide.all_points() if point.kept_by(minimum)) if slide.reveal else len(point_breaks(slide, minimum))
    return pauses(slide, minimum) + steps


@dataclass(frozen=True)
class Step:
    body: str | None  # the body as far as it is revealed
    points: int | None  # how many of slide.all_points() show (None: all)
    columns: tuple[str | None, ...] = ()  # each column's body as far as it is revealed


def _revealed_texts(slide: Slide, budget: int) -> list[str | None]:
    """Each text that pauses, as far as `budget` pauses reveal (the body's first, then each column's)."""
    shown: list[str | None] = []
    for text, count in zip(texts_that_pause(slide), pause_counts(slide), strict=True):
        if text is None:
            shown.append(None)
            continue
        parts = body_parts(text)
        shown.append("\n\n".join(part for part in parts[: min(budget, count) + 1] if part) or None)
        budget = max(0, budget - count)
    return shown


def at_step(slide: Slide, step: int, minimum: Confidence | None = None) -> Step:
    """What shows at `step`; with a minimum confidence, each step shows the next point the filter leaves
    (the hidden points before it count as revealed: they are never drawn)."""
    last = last_step(slide, minimum)
    step = max(0, min(step, last))
    paused = pauses(slide, minimum)
    body, *columns = _revealed_texts(slide, min(step, paused) if paused else sum(pause_counts(slide)))
    if not slide.reveal:
        breaks = point_breaks(slide, minimum)
        group = step - paused  # the point groups shown beyond the first
        if not breaks or group >= len(breaks) or step == last:
            return Step(body, None, tuple(columns))
        return Step(body, breaks[max(0, group)], tuple(columns))
    every = slide.all_points()
    if step == last:
        return Step(body, len(every), tuple(columns))
    wanted, points = max(0, step - paused), 0  # the points the audience sees at this step
    while wanted:
        wanted -= every[points].kept_by(minimum)
        points += 1
    return Step(body, points, tuple(columns))


def step_showing(slide: Slide, step: int, revealed: int | None, minimum: Confidence | None) -> int:
    """The step that shows, under the filter `minimum`, the points of `slide.all_points()[:revealed]`
    it leaves (`step` is where the slide was: its body stays as revealed)."""
    paused = pauses(slide, minimum)
    if revealed is None or step <= paused:
        return min(step, last_step(slide, minimum))
    if not slide.reveal:  # points that pause: the groups whose first point was shown
        return paused + sum(1 for start in point_breaks(slide, minimum) if start < revealed)
    return paused + sum(1 for point in slide.all_points()[:revealed] if point.kept_by(minimum))
