"""Moving through slides, shared by the presenter and the speaker view: keys and go-to by number."""

from __future__ import annotations

from textual import events
from textual.binding import Binding

NAVIGATION_BINDINGS = [
    Binding("right,space,l,n,pagedown", "next", "Next", key_display="→", id="next", tooltip="Next slide"),
    Binding("left,h,p,pageup,backspace", "previous", "Prev", key_display="←", id="previous", tooltip="Previous slide"),
    Binding("home,g", "first", "First", show=False, id="first", tooltip="First slide"),
    Binding("end,G", "last", "Last", show=False, id="last", tooltip="Last slide"),
]
MAX_TYPED = 6


class SlideNavigation:
    """Mixed into a Screen with `index`, `typed` (reactive, shown somewhere), `slide_count` and `go`."""

    index: int
    typed: str

    @property
    def slide_count(self) -> int:
        raise NotImplementedError

    def go(self, index: int) -> None:
        raise NotImplementedError

    def action_next(self) -> None:
        self.go(self.index + 1)

    def action_previous(self) -> None:
        if self.typed:  # Backspace edits the go-to number while one is being typed
            self.typed = self.typed[:-1]
            return
        self.go(self.index - 1)

    def action_first(self) -> None:
        self.go(0)

    def action_last(self) -> None:
        self.go(self.slide_count - 1)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdecimal() and event.character.isascii():
            event.stop()
            self.typed = (self.typed + event.character)[:MAX_TYPED]
        elif event.key == "enter" and self.typed:
            event.stop()
            number, self.typed = int(self.typed), ""
            if 1 <= number <= self.slide_count:
                self.go(number - 1)
            else:
                self.notify(f"No slide {number}: this deck has slides 1 to {self.slide_count}", severity="warning", timeout=3)
