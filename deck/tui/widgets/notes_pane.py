"""The speaker-notes pane: this slide's notes and the next slide's title."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.model import Slide
from ..render import render_notes
from ..themes import Palette


class NotesPane(VerticalScroll, can_focus=False):
    def compose(self) -> ComposeResult:
        yield Static("Speaker notes", id="notes-heading", markup=False)
        yield Static(id="notes-body", markup=False)

    def show(self, slide: Slide, following: Slide | None, palette: Palette) -> None:
        self.query_one("#notes-body", Static).update(render_notes(slide, following, palette))
        self.scroll_home(animate=False)
