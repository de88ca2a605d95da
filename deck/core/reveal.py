"""Incremental reveal: which part of a slide shows at each step.

A slide's body may hold pause markers on their own line (`<!-- pause -->`, as presenterm writes
them): step 0 shows the body up to the first pause, each "next" the following part. A slide with
`reveal: true` then shows its points one per "next" (the slide's points, then each column's, column by
column). The last step shows the slide complete; the overview and go-to land there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Confidence, Slide

PAUSE = re.compile(r"^[ \t]*<!--\s*pause\s*-->[ \t]*$", re.MULTILINE)


def body_parts(body: str | None) -> list[str]:
    """The body split at its pause markers (the markers themselves never show). A marker inside a
    code fence is code, not a pause; parts with nothing in them (a marker at the end) are dropped."""
    if not body:
        return []
    parts: list[list[str]] = [[]]
    fence: str | None = None
    for line in body.split("\n"):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None and PAUSE.fullmatch(line):
            parts.append([])
            continue
        parts[-1].append(line)
    texts = ["\n".join(part).strip("\n") for part in parts]
    return [text for text in texts if text.strip()] or [""]


def without_pauses(body: str | None) -> str | None:
    """The whole body, for what shows everything at once (exports, the complete slide)."""
    if body is None:
        return None
    return "\n\n".join(part for part in body_parts(body) if part)


def _pauses(slide: Slide, minimum: Confidence | None) -> int:
    """The body's pauses, where the filter leaves the body (the slide's main message): a hidden body's
    pauses are no steps, since a press must show something."""
    return max(0, len(body_parts(slide.body)) - 1) if slide.own_kept_by(minimum) else 0


def last_step(slide: Slide, minimum: Confidence | None = None) -> int:
    """How many "next" presses a slide takes before the next slide (0 for most slides). With a minimum
    confidence, a point the filter hides is not a step: a press always shows something."""
    pauses = _pauses(slide, minimum)
    return pauses + (sum(1 for point in slide.all_points() if point.kept_by(minimum)) if slide.reveal else 0)


@dataclass(frozen=True)
class Step:
    body: str | None  # the body as far as it is revealed
    points: int | None  # how many of slide.all_points() show (None: all)


def at_step(slide: Slide, step: int, minimum: Confidence | None = None) -> Step:
    """What shows at `step`; with a minimum confidence, each step shows the next point the filter leaves
    (the hidden points before it count as revealed: they are never drawn)."""
    last = last_step(slide, minimum)
    step = max(0, min(step, last))
    parts = body_parts(slide.body)
    pauses = _pauses(slide, minimum)
    shown_parts = parts[: min(step, pauses) + 1]
    body = "\n\n".join(part for part in shown_parts if part)
    if not slide.reveal:
        return Step(body or None, None)
    every = slide.all_points()
    if step == last:
        return Step(body or None, len(every))
    wanted, points = max(0, step - pauses), 0  # the points the audience sees at this step
    while wanted:
        wanted -= every[points].kept_by(minimum)
        points += 1
    return Step(body or None, points)


def step_showing(slide: Slide, step: int, revealed: int | None, minimum: Confidence | None) -> int:
    """The step that shows, under the filter `minimum`, the points of `slide.all_points()[:revealed]`
    it leaves (`step` is where the slide was: its body stays as revealed)."""
    pauses = _pauses(slide, minimum)
    if revealed is None or step <= pauses:
        return min(step, last_step(slide, minimum))
    return pauses + sum(1 for point in slide.all_points()[:revealed] if point.kept_by(minimum))
