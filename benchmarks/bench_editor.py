"""The slide editor on a big deck: is the event loop ever blocked while typing, checking and saving?

    python benchmarks/bench_editor.py [SLIDES]

A timer ticks every 5 ms on the event loop while a burst of keys is typed into the slide editor of a
1,000-slide deck (each pause after typing starts a check of the whole deck) and Ctrl+S saves. The
longest gap between ticks is how long the loop was blocked (goal: at most 16 ms, one frame at 60 Hz).
The same burst in a bare Textual app with only a TextArea is the floor, measured in the same run.
Parses per save are counted by wrapping the loader.
"""

from __future__ import annotations

import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import write_deck  # noqa: E402

TICK_S = 0.005
KEYS = list("a note ") * 4


class Ticker:
    def __init__(self) -> None:
        self.times: list[float] = []

    def tick(self) -> None:
        self.times.append(time.perf_counter())

    def longest_gap_ms(self) -> float:
        gaps = [b - a for a, b in zip(self.times, self.times[1:])]
        return max(gaps) * 1000 if gaps else 0.0


async def burst(pilot, ticker: Ticker) -> None:
    for key in KEYS:
        await pilot.press(key)
        if key == " ":
            await pilot.pause(0.2)  # a pause in typing: the editor checks the deck


async def run_deck(path: Path) -> tuple[float, float, int]:
    import deck.core.document as document_module
    import deck.core.loader as loader_module
    from deck.core.document import DeckDocument
    from deck.tui.app import make_app
    from deck.tui.screens.editor import EditorScreen

    parses = 0
    original = loader_module.parse_deck

    def counting(*args, **kwargs):
        nonlocal parses
        parses += 1
        return original(*args, **kwargs)

    document_module.parse_deck = counting  # DeckDocument.check and .load parse through this name
    app = make_app(DeckDocument.load(path), start=500)
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kwargs: (said.append(str(message)), notify(message, **kwargs))[1]  # type: ignore[method-assign]
    ticker = Ticker()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("e")
        while not isinstance(app.screen, EditorScreen):
            await pilot.pause(0.01)
        await pilot.pause(0.5)
        await pilot.press("end")  # type at the end of the title line: the deck stays valid
        app.set_interval(TICK_S, ticker.tick)
        await pilot.pause(0.05)
        await burst(pilot, ticker)
        typing_gap = ticker.longest_gap_ms()
        await pilot.pause(0.5)  # let the last check land
        ticker.times.clear()
        parses = 0
        await pilot.press("ctrl+s")
        while not any(m.startswith("Saved") for m in said):
            await pilot.pause(0.01)
        save_gap = ticker.longest_gap_ms()
        save_parses = parses
    document_module.parse_deck = original
    return typing_gap, save_gap, save_parses


async def run_floor() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import TextArea

    class Floor(App[None]):
        def compose(self) -> ComposeResult:
            yield TextArea.code_editor("title: A slide\nconfidence: reported\n", language="yaml")

    app = Floor()
    ticker = Ticker()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.3)
        app.set_interval(TICK_S, ticker.tick)
        await pilot.pause(0.05)
        await burst(pilot, ticker)
    return ticker.longest_gap_ms()


def main() -> None:
    slides = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as folder:
        path = write_deck(Path(folder), slides)
        floors, typing, saving, parses = [], [], [], []
        for _ in range(3):
            gc.collect()  # each round starts without the last round's garbage
            floors.append(asyncio.run(run_floor()))
            gc.collect()
            t, s, p = asyncio.run(run_deck(path))
            typing.append(t)
            saving.append(s)
            parses.append(p)
    print(f"slide editor, {slides:,} slides, typing bursts with pauses (3 rounds, alternated with the floor)")
    print(f"  longest event-loop block while typing: median {statistics.median(typing):.1f} ms, worst {max(typing):.1f} ms (goal <= 16 ms)")
    print(f"  floor (bare Textual TextArea, same keys): median {statistics.median(floors):.1f} ms, worst {max(floors):.1f} ms")
    print(f"  longest block during Ctrl+S: median {statistics.median(saving):.1f} ms, worst {max(saving):.1f} ms")
    print(f"  parses per save: {sorted(set(parses))} (goal: 1)")


if __name__ == "__main__":
    main()
