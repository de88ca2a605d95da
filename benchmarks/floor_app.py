"""The floor deck is measured against: the least a Textual presenter can do to show the same slides.

    python benchmarks/floor_app.py DECK.yaml

One `Static` holding the slide as Rich Markdown (its title and its points), a status line and a key
line; → shows the next slide. It reads the deck with libyaml and nothing else: no labels, no sources,
no checks, no theme. What deck does beyond this is what its figures pay for.
"""

from __future__ import annotations

import sys

import yaml
from rich.markdown import Markdown
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


def slide_markdown(slide: dict) -> str:
    lines = [f"# {slide.get('title', '')}", ""]
    for point in slide.get("points") or []:
        lines.append(f"- {point['text'] if isinstance(point, dict) else point}")
    return "\n".join(lines)


class Floor(App[None]):
    BINDINGS = [Binding("right", "next", "Next"), Binding("q", "quit", "Quit")]

    def __init__(self, path: str) -> None:
        super().__init__()
        with open(path, encoding="utf-8") as handle:
            self.slides = yaml.load(handle, Loader=yaml.CSafeLoader)["slides"]
        self.index = 0

    def compose(self) -> ComposeResult:
        yield Static(Markdown(slide_markdown(self.slides[0])), id="slide")
        yield Static(self.status(), id="status")
        yield Static("→ Next  q Quit", id="keys")

    def status(self) -> str:
        return f"{self.index + 1} / {len(self.slides)}"

    def action_next(self) -> None:
        self.index = min(self.index + 1, len(self.slides) - 1)
        self.query_one("#slide", Static).update(Markdown(slide_markdown(self.slides[self.index])))
        self.query_one("#status", Static).update(self.status())


if __name__ == "__main__":
    Floor(sys.argv[1]).run()
