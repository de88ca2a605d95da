"""Live reload: from a save of the deck file to the new version on screen.

    python benchmarks/bench_reload.py

Goal: within 150 ms at 1,000 slides (the speed issue). The watcher polls every 25 ms and reads a file
once it has held still for one poll: a save waits 25 to 50 ms to be read. Each save here edits the first
slide's title: the edited slide alone is parsed again (deck/incremental.py), and every slide after it
moved in the file (the worst case for that: 999 slides' places shifted).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import deck_text  # noqa: E402

from deck.core.document import DeckDocument  # noqa: E402
from deck.tui.app import make_app  # noqa: E402

SAVES = 20


async def reload_times(slides: int) -> list[float]:
    path = Path(tempfile.mkdtemp()) / "deck.yaml"
    text = deck_text(slides)
    path.write_text(text)
    app = make_app(DeckDocument.load(path), watch=True)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for i in range(SAVES):
            title = f"Saved {i}"
            started = time.perf_counter()
            path.write_text(text.replace("Slide 1 about something", title, 1))
            while app.presenter.deck.slides[0].title != title:
                await pilot.pause(0.002)
            painted = asyncio.Event()
            app.presenter.call_after_refresh(painted.set)
            await painted.wait()
            times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    for slides in (30, 1_000):
        times = asyncio.run(reload_times(slides))
        print(
            f"{slides:>5,} slides, {SAVES} saves: median {statistics.median(times):.0f} ms, "
            f"max {max(times):.0f} ms from save to screen (goal: within 150 ms at 1,000 slides)"
        )


if __name__ == "__main__":
    main()
