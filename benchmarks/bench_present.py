"""The presenter against the smallest Textual app that paints one Markdown slide, in the same run.

    python benchmarks/bench_present.py

Measures, each as the median of interleaved runs in fresh processes:
- time to first frame (process start to the first screen painted, headless), goal within 1.25x of bare;
- first frame on a 1,000-slide deck against a 10-slide deck, goal within 1.3x;
- peak memory (max RSS) at first frame, goal within 1.3x of bare;
and in one process, next-slide latency (action to the screen repainted), goal median under 16 ms.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import child_env  # noqa: E402

RUNS = 7
SLIDE_MD = """# TL;DR

- Not officially launched as of March 20, 2026
- Community-named 'V4 Lite' appeared March 9 with 1M context window
- New conditional memory architecture
"""


def child(mode: str, deck_path: str) -> None:
    """Run one app headless; print the seconds since the epoch at its first frame, and max RSS."""

    async def first_frame(pilot) -> None:
        await pilot.pause()
        rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({"t": time.time(), "rss_kb": rss_kb}), flush=True)
        pilot.app.exit()

    if mode == "bare":
        from textual.app import App
        from textual.widgets import Markdown

        class Bare(App):
            def compose(self):
                yield Markdown(SLIDE_MD)

        app = Bare()
    else:
        from deck.core.loader import load_deck
        from deck.tui.app import make_app

        app = make_app(load_deck(deck_path))
    app.run(headless=True, size=(120, 40), auto_pilot=first_frame)


def measure(mode: str, deck_path: str = "") -> dict[str, float]:
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", mode, deck_path], capture_output=True, text=True, check=True, env=child_env())
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return {"ms": (result["t"] - started) * 1000, "rss_mb": result["rss_kb"] / 1024}


async def next_slide_latency(deck_path: str, presses: int = 60) -> list[float]:
    from deck.core.loader import load_deck
    from deck.tui.app import make_app

    app = make_app(load_deck(deck_path))
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        presenter = app.screen
        for i in range(presses):
            painted = asyncio.Event()
            started = time.perf_counter()
            presenter.action_next() if i % 2 == 0 else presenter.go((i + 1) % len(presenter.deck.slides))
            presenter.call_after_refresh(painted.set)  # runs once the screen has been repainted
            await painted.wait()
            times.append((time.perf_counter() - started) * 1000)
            await pilot.pause()
    return times


def main() -> None:
    from decks import write_deck

    from deck.core.paths import bundled_deck

    folder = Path(tempfile.mkdtemp())
    small, big = write_deck(folder, 10), write_deck(folder, 1_000)
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "briefing": [], "10 slides": [], "1,000 slides": []}
    measure("bare"), measure("deck", str(small))  # warm-up: bytecode written, files in the page cache
    for _ in range(RUNS):  # interleaved, so that the machine's noise falls on every variant alike
        runs["bare"].append(measure("bare"))
        runs["briefing"].append(measure("deck", str(bundled_deck())))
        runs["10 slides"].append(measure("deck", str(small)))
        runs["1,000 slides"].append(measure("deck", str(big)))
    med = {name: {k: statistics.median(r[k] for r in rs) for k in ("ms", "rss_mb")} for name, rs in runs.items()}
    print(f"First frame and peak memory, median of {RUNS} fresh processes (headless, 120x40):")
    for name, m in med.items():
        print(f"  {name:<14} {m['ms']:7.0f} ms   {m['rss_mb']:6.1f} MB")
    bare = med["bare"]
    print(f"  briefing / bare first frame: {med['briefing']['ms'] / bare['ms']:.2f}x (goal: within 1.25x)")
    print(f"  1,000 / 10 slides first frame: {med['1,000 slides']['ms'] / med['10 slides']['ms']:.2f}x (goal: within 1.3x)")
    print(f"  briefing / bare peak memory: {med['briefing']['rss_mb'] / bare['rss_mb']:.2f}x (goal: within 1.3x)")
    times = asyncio.run(next_slide_latency(str(bundled_deck())))
    print(
        f"Next slide on the briefing, {len(times)} presses: median {statistics.median(times):.1f} ms, "
        f"p90 {statistics.quantiles(times, n=10)[-1]:.1f} ms, max {max(times):.1f} ms (goal: median under 16 ms)"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")
    else:
        main()
