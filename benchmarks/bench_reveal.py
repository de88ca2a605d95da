"""Reveal step to repaint: one "next" on an incremental slide, action to the screen repainted.

    python benchmarks/bench_reveal.py

Goal: median under 16 ms. The same run times a move to the next slide (whole slide redrawn) as the
baseline a step is compared with: a step redraws the same slide with one more point.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

STEPS = 12


def reveal_deck(points: int = STEPS) -> str:
    lines = ["title: Reveal benchmark", "slides:"]
    for n in range(2):
        lines += [f"  - title: Slide {n}", "    confidence: reported", "    reveal: true", "    notes: n", "    points:"]
        lines += [f"      - A point that says something about step {i} with **bold** and `code`" for i in range(points)]
    return "\n".join(lines) + "\n"


async def timed(app, action) -> float:
    painted = asyncio.Event()
    started = time.perf_counter()
    action()
    app.presenter.call_after_refresh(painted.set)
    await painted.wait()
    return (time.perf_counter() - started) * 1000


async def run() -> tuple[list[float], list[float]]:
    from deck.core.loader import parse_deck
    from deck.tui.app import make_app

    deck = parse_deck(reveal_deck()).deck
    assert deck is not None
    steps, moves = [], []
    for _ in range(5):
        app = make_app(deck)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            presenter = app.presenter
            presenter.move(0, 0)
            await pilot.pause()
            for _ in range(STEPS):
                steps.append(await timed(app, presenter.action_next))
                await pilot.pause()
            moves.append(await timed(app, lambda: presenter.move(1, None)))
            await pilot.pause()
            moves.append(await timed(app, lambda: presenter.move(0, None)))
    return steps, moves


def main() -> None:
    steps, moves = asyncio.run(run())
    print(f"reveal step to repaint, {len(steps)} steps: median {statistics.median(steps):.1f} ms, max {max(steps):.1f} ms (goal: median under 16 ms)")
    print(f"baseline, whole slide to repaint, {len(moves)} moves: median {statistics.median(moves):.1f} ms")


if __name__ == "__main__":
    main()
