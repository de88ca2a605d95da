"""A blank screen, for when the audience should look at the speaker. Any key or click returns."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.screen import Screen


class BlankScreen(Screen[None]):
    DEFAULT_CSS = "BlankScreen { background: black; }"

    class Changed(Message):
        """The audience's screen was blanked or shown again (speaker views and shares are told)."""

    def on_mount(self) -> None:
        self.app.post_message(self.Changed())

    def on_unmount(self) -> None:
        self.app.post_message(self.Changed())

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        self.dismiss(None)
