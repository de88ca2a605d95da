"""`deck speaker`: the presenter's view in a second terminal, following the audience view."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import work
from textual.screen import Screen

from ..core.document import DeckDocument
from ..core.model import Confidence
from ..link import SpeakerLink, socket_path
from .screens.speaker import SpeakerScreen
from .themes import Themed
from .watcher import DeckFileChanged, FileWatching


class SpeakerApp(FileWatching, Themed):
    TITLE = "deck speaker"

    def __init__(
        self,
        document: DeckDocument,
        *,
        theme: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        themes_folder: Path | None = None,
        default_theme: str | None = None,
    ) -> None:
        super().__init__()
        self.document: DeckDocument = document
        self.clock = clock
        self.wall_clock = wall_clock
        self.link: SpeakerLink | None = None
        self.setup_themes(theme, document.deck.theme, themes_folder, deck_path=str(document.path), default=default_theme)

    def get_default_screen(self) -> Screen[Any]:
        return SpeakerScreen(self.document.deck, clock=self.clock, wall_clock=self.wall_clock, request_goto=self.request_goto, request=self.request)

    @property
    def speaker(self) -> SpeakerScreen:
        return self.screen_of(SpeakerScreen)

    def on_mount(self) -> None:
        self.report_theme_problems()
        self.follow_audience()
        if not self.document.read_only:
            self.follow_deck_file()

    def on_deck_file_changed(self, message: DeckFileChanged) -> None:
        """The deck was saved: show the new version (the audience view reloads it too, and says where it is)."""
        if message.loaded.deck is None:  # said above the slides until a save that loads: a toast would go unseen
            first = message.loaded.errors[0] if message.loaded.errors else None
            self.speaker.broken = str(first) if first is not None else "(the file could not be read)"
            return
        self.document = DeckDocument.from_text(message.path, message.text, message.loaded.deck)
        self.speaker.broken = None
        self.speaker.set_deck(message.loaded.deck)
        self.notify("Reloaded", timeout=1.5)

    @work(exclusive=True, group="link")
    async def follow_audience(self) -> None:
        try:
            path = socket_path(self.document.path)
        except OSError as exc:
            self.notify(f"No link to the audience view: {exc}", severity="error", timeout=10)
            return
        self.link = SpeakerLink(
            path,
            on_slide=self._show,
            on_connected=self._connected,
            current=lambda: (self.speaker.index, self.speaker.step),
            on_shown=self._filter,
            on_talk=self._talk,
            on_blanked=self._blanked,
        )
        await self.link.run()

    def _show(self, index: int, step: int) -> None:
        if self.is_running and self.screen_stack:
            self.speaker.show(index, step)

    def _talk(self, seconds: int) -> None:
        """The talk has run `seconds` by the audience view's clock: the talk timer and the pace follow it."""
        if self.is_running and self.screen_stack:
            self.speaker.talk_has_run(seconds)

    def _blanked(self, blanked: bool) -> None:
        if self.is_running and self.screen_stack:
            self.speaker.audience_blank = blanked

    def _filter(self, rank: int) -> None:
        """The audience's filter: the next slide is previewed as the audience will see it."""
        if self.is_running and self.screen_stack:
            levels = list(Confidence)
            self.speaker.audience_minimum = levels[rank] if 0 <= rank < len(levels) else None

    def _connected(self, connected: bool) -> None:
        if not (self.is_running and self.screen_stack):
            return  # closing: nothing to tell
        self.speaker.connected = connected
        if not connected:
            self.notify("The audience view closed; reconnecting when it returns.", severity="warning", timeout=4)

    def request_goto(self, index: int, step: int | None = None) -> bool:
        """Ask the audience view to move; False when it is not there."""
        return self.link is not None and self.link.goto(index, step)

    def request(self, name: str) -> bool:
        """Ask the audience view to blank its screen or cycle its filter; False when it is not there."""
        return self.link is not None and self.link.send({name: 1})


def make_speaker_app(document: DeckDocument, **kwargs: Any) -> SpeakerApp:
    return SpeakerApp(document, **kwargs)
