"""The overview and the palette on big decks: opening the overview, and a keystroke of palette search.

    python benchmarks/bench_overview.py

Goals (speed issue): the overview opens in at most 100 ms and a keystroke of palette search shows its
matches in at most 50 ms at 1,000 slides, and neither is worse than twice that at 10,000. Headless, in
one process, from the action to the screen repainted; median of 5 (overview) and of the keystrokes of
typing 'slide 5' (palette).
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

from decks import write_deck  # noqa: E402


async def painted(app, action) -> float:
    done = asyncio.Event()
    started = time.perf_counter()
    action()
    await asyncio.sleep(0)
    app.screen.call_after_refresh(done.set)
    await done.wait()
    return (time.perf_counter() - started) * 1000


async def measure(path: Path) -> tuple[list[float], list[float]]:
    from deck.loader import load_deck
    from deck.tui.app import make_app
    from deck.tui.screens.overview import OverviewScreen

    app = make_app(load_deck(path), clock=lambda: 0.0)
    overview, palette = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(5):
            started = time.perf_counter()
            await pilot.press("o")
            while not isinstance(app.screen, OverviewScreen):
                await pilot.pause(0)
            await app.screen.wait_for_refresh() if hasattr(app.screen, "wait_for_refresh") else pilot.pause()
            done = asyncio.Event()
            app.screen.call_after_refresh(done.set)
            await done.wait()
            overview.append((time.perf_counter() - started) * 1000)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "slide 5":
            started = time.perf_counter()
            await pilot.press("space" if key == " " else key)
            await app.workers.wait_for_complete()
            await pilot.pause()
            palette.append((time.perf_counter() - started) * 1000)
    return overview, palette


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    for slides in (1_000, 10_000):
        overview, palette = asyncio.run(measure(write_deck(folder, slides)))
        print(
            f"{slides:>6,} slides: overview opens in {statistics.median(overview):6.0f} ms (goal: 100 ms at 1,000);"
            f" palette keystroke {statistics.median(palette):6.0f} ms (goal: 50 ms at 1,000)"
        )


if __name__ == "__main__":
    main()
