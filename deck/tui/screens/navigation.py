"""Moving through slides, shared by the presenter and the speaker view: keys and go-to by number."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.timer import Timer

from ...core.cursor import Cursor
from ...core.model import Confidence, Deck

NAVIGATION_BINDINGS = [
    Binding("right,space,l,n,pagedown", "next", "Next", key_display="→", id="next", tooltip="Next slide"),
    Binding("left,h,p,pageup", "previous", "Prev", key_display="←", id="previous", tooltip="Previous slide"),
    Binding("backspace", "backspace", "Prev", show=False, id="backspace", tooltip="Previous slide, or erase the last digit typed for go-to"),
    Binding("home,g", "first", "First", show=False, id="first", tooltip="First slide"),
    Binding("end,G", "last", "Last", show=False, id="last", tooltip="Last main slide; pressed again, the last slide of the appendix"),
]
MAX_TYPED = 6
TYPED_TIMEOUT_S = 3.0  # a number typed and left this long is forgotten


class SlideNavigation:
    """Mixed into a Screen with `deck`, `index`, `step` and `typed` (reactive, shown somewhere), and `move`.

    "Next" first reveals what an incremental slide still hides, then moves on (onto the next slide's
    first step); "previous" hides the last revealed part, then moves back onto the previous slide
    complete, as presenterm and Marp do. Go-to, first and last land on a slide complete.
    Typed digits count only until the next move, Escape, or a pause of TYPED_TIMEOUT_S: `1 → 2 Enter`
    goes to slide 2, not 12.
    """

    deck: Deck
    index: int
    step: int
    typed: str
    _typed_timer: Timer | None = None

    def move(self, index: int, step: int | None = None) -> None:
        """Show slide `index` at `step` (None: complete)."""
        raise NotImplementedError

    @property
    def shown_minimum(self) -> Confidence | None:
        """The audience's confidence filter: a claim it hides is not a step to press through."""
        return None

    @property
    def cursor(self) -> Cursor:
        """Where the talk is, as the core moves it."""
        return Cursor(self.deck, self.index, self.step, self.shown_minimum)

    def last_step_of(self, index: int) -> int:
        return self.cursor.last_step_of(index)

    def go(self, index: int) -> None:
        self.move(index, None)

    @property
    def slide_count(self) -> int:
        return len(self.deck.slides)

    def next_place(self) -> tuple[int, int] | None:
        """Where "next" goes from here: (slide, step), or None at the end."""
        place = self.cursor.next()
        return (place.index, place.step) if place is not None else None

    def previous_place(self) -> tuple[int, int] | None:
        """Where "previous" goes from here: (slide, step), or None at the start."""
        place = self.cursor.previous()
        return (place.index, place.step) if place is not None else None

    def action_next(self) -> None:
        self.typed = ""
        place = self.next_place()
        if place is not None:
            self.move(*place)

    def action_previous(self) -> None:
        self.typed = ""
        place = self.previous_place()
        if place is not None:
            self.move(*place)

    def action_backspace(self) -> None:
        if self.typed:  # Backspace edits the go-to number while one is being typed
            self.typed = self.typed[:-1]
            return
        self.action_previous()

    def action_first(self) -> None:
        self.typed = ""
        self.move(0, None)

    def action_last(self) -> None:
        """The last main slide; pressed there (or in the appendix), the last slide of the appendix."""
        self.typed = ""
        self.move(self.cursor.last().index, None)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdecimal() and event.character.isascii():
            event.stop()
            self.typed = (self.typed + event.character)[:MAX_TYPED]
            if self._typed_timer is not None:
                self._typed_timer.stop()
            self._typed_timer = self.set_timer(TYPED_TIMEOUT_S, self._forget_typed)  # type: ignore[attr-defined]
        elif event.key == "enter" and self.typed:
            event.stop()
            number, self.typed = int(self.typed), ""
            if 1 <= number <= self.slide_count:
                self.move(number - 1, None)
            else:
                self.notify(f"No slide {number}: this deck has slides 1 to {self.slide_count}", severity="warning", timeout=3)  # type: ignore[attr-defined]

    def _forget_typed(self) -> None:
        self.typed = ""
