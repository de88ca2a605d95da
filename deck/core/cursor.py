"""Where a talk is: a slide and its reveal step, and where each move takes it.

"Next" first reveals what an incremental slide still hides, then moves on (onto the next slide's first
step); "previous" hides the last revealed part, then moves back onto the previous slide complete, as
presenterm and Marp do. Go-to, first and last land on a slide complete. Under the audience's filter a
claim it hides is not a step: every press shows something. "Next" stops at the end of the talk (the
last main slide, complete): the appendix is reached by "last" pressed twice, go-to or the overview, and
inside it "next" and "previous" move as anywhere else. The presenter, the speaker view and the
HTML export's stepping all move this way.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Confidence, Deck
from .reveal import last_step


@dataclass(frozen=True)
class Cursor:
    deck: Deck
    index: int = 0
    step: int = 0  # reveal steps shown on this slide (last_step: complete)
    minimum: Confidence | None = None  # the audience's filter

    def last_step_of(self, index: int) -> int:
        return last_step(self.deck.slides[index], self.minimum)

    def at(self, index: int, step: int | None = None) -> Cursor:
        """Slide `index` (kept within the deck) at `step` (None: complete; kept within the slide's steps)."""
        index = follow_index(index, len(self.deck.slides))
        last = self.last_step_of(index)
        return Cursor(self.deck, index, last if step is None else max(0, min(step, last)), self.minimum)

    def next(self) -> Cursor | None:
        """Where "next" goes, or None at the end of the talk or of the deck."""
        if self.step < self.last_step_of(self.index):
            return Cursor(self.deck, self.index, self.step + 1, self.minimum)
        if self.at_end_of_talk:
            return None
        return Cursor(self.deck, self.index + 1, 0, self.minimum) if self.index + 1 < len(self.deck.slides) else None

    @property
    def at_end_of_talk(self) -> bool:
        """On the last main slide, complete, with an appendix after it."""
        main = self.deck.main_count
        return 0 < main < len(self.deck.slides) and self.index == main - 1 and self.step >= self.last_step_of(self.index)

    def previous(self) -> Cursor | None:
        """Where "previous" goes, or None at the start."""
        if self.step > 0:
            return Cursor(self.deck, self.index, self.step - 1, self.minimum)
        return self.at(self.index - 1) if self.index > 0 else None

    def first(self) -> Cursor:
        return self.at(0)

    def last(self) -> Cursor:
        """The last main slide; from there (or in the appendix), the last slide of the appendix."""
        last_main = self.deck.main_count - 1
        return self.at(last_main if self.index < last_main else len(self.deck.slides) - 1)


def follow_index(index: int, count: int) -> int:
    """`index` kept within a deck of `count` slides."""
    return max(0, min(index, count - 1))


def follow(old: Deck, index: int, new: Deck) -> int:
    """Where the slide shown at `index` of `old` is in `new` (a reload): by title, nearest first; else by position."""
    title = old.slides[index].title if index < len(old.slides) else None
    matches = [i for i, slide in enumerate(new.slides) if slide.title == title]
    if matches:
        return min(matches, key=lambda i: abs(i - index))
    return follow_index(index, len(new.slides))
