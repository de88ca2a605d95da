"""Pictures: what a chart, a timeline and an image cost the presenter.

    python benchmarks/bench_figures.py

1. Repaint at 120x40: the slide's content laid out and rendered to lines at its width (what Textual does
   on every repaint), for a 12-bar chart, a 12-event timeline and, as the baseline in the same run, a
   slide with the same 12 claims as points. Goal: under 5 ms per repaint.
2. Move to the slide, action to the screen repainted, in the app (same three slides).
3. An image: the longest the event loop goes without running a 5 ms ticker, from the move to a slide with
   a 24-megapixel JPEG of noise (the worst case to paint: no two neighbouring cells alike) until the picture
   is on screen, against the same move to a slide without one. Goal: no block over 16 ms. Drawn in
   half-blocks (no graphics terminal here), then as Sixel; what encoding Sixel on the loop would cost is
   printed for comparison.
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

ITEMS = 12
LEVELS = ["confirmed", "reported", "unverified", "speculative"]


def figures_deck() -> str:
    lines = ["title: Figures benchmark", "sources:", "  a: A source", "slides:"]
    lines += ["  - title: Points", "    confidence: speculative", "    notes: n", "    points:"]
    lines += [f"      - {{text: 'Item {i} with **bold**', confidence: {LEVELS[i % 4]}, sources: [a]}}" for i in range(ITEMS)]
    lines += ["  - title: Chart", "    confidence: speculative", "    notes: n", "    chart:", "      unit: GB", "      items:"]
    lines += [
        f"        - {{label: 'Item {i} with **bold**', value: {i * 7.5 - 20}, confidence: {LEVELS[i % 4]}, sources: [a]}}" for i in range(ITEMS)
    ]
    lines += ["  - title: Timeline", "    confidence: speculative", "    notes: n", "    timeline:"]
    lines += [
        f"      - {{date: 2026-{1 + i % 12:02d}, text: 'Event {i} with **bold**', confidence: {LEVELS[i % 4]}, sources: [a]}}" for i in range(ITEMS)
    ]
    lines += ["  - title: Picture", "    confidence: reported", "    notes: n", "    image: {path: big.jpg, alt: a big picture}"]
    return "\n".join(lines) + "\n"


def repaint_ms(deck, index: int, rounds: int = 200) -> float:
    from rich.console import Console

    from deck.core.view import view_slide
    from deck.tui.render import render_slide
    from deck.tui.themes import Palette

    palette = Palette(levels={level: "red" for level in __import__("deck.core.model", fromlist=["Confidence"]).Confidence})
    console = Console(width=110, color_system="truecolor", file=open("/dev/null", "w"))
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        renderable = render_slide(view_slide(deck, index), palette)  # as a move builds it
        console.render_lines(renderable, console.options)  # as a repaint draws it
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def moves(deck, rounds: int = 5) -> dict[int, list[float]]:
    from deck.tui.app import make_app

    found: dict[int, list[float]] = {0: [], 1: [], 2: []}
    for _ in range(rounds):
        app = make_app(deck, clock=lambda: 0.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for index in (1, 2, 0) * 4:
                painted = asyncio.Event()
                started = time.perf_counter()
                app.presenter.move(index, None)
                app.presenter.call_after_refresh(painted.set)
                await painted.wait()
                found[index].append((time.perf_counter() - started) * 1000)
                await pilot.pause()
    return found


async def longest_block(deck, index: int) -> float:
    """The longest gap between runs of a 5 ms ticker, from a move to `index` until the screen settles
    (for the image slide: until its picture is mounted and painted)."""
    from deck.tui.app import make_app
    from deck.tui.widgets.picture import PictureView

    app = make_app(deck, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        gaps: list[float] = []
        last = time.perf_counter()

        def tick() -> None:
            nonlocal last
            now = time.perf_counter()
            gaps.append((now - last) * 1000)
            last = now

        timer = app.set_interval(0.005, tick)
        await pilot.pause(0.05)
        gaps.clear()
        last = time.perf_counter()
        app.presenter.move(index, None)
        view = app.presenter.query_one(PictureView)
        for _ in range(400):  # until the picture is in (or 2 s)
            await pilot.pause(0.005)
            if index == 0 or view.query(".picture"):
                break
        await pilot.pause(0.1)  # and painted, with the ticker still running
        timer.stop()
        return max(gaps)


def sixel_ms(picture) -> float:
    """What textual-image's Sixel encoding costs the loop for a 110x20-cell picture (1100x400 pixels)."""
    import io

    from rich.console import Console
    from textual_image.renderable.sixel import Image as Sixel

    scaled = picture.resize((1100, 400))
    console = Console(width=120, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    started = time.perf_counter()
    list(console.render(Sixel(scaled, 110, 20), console.options))
    return (time.perf_counter() - started) * 1000


def main() -> None:
    import textual_image.widget  # noqa: F401  as `deck` does before the app starts, for a deck with images
    from PIL import Image

    from deck.core.loader import parse_deck

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "figures.yaml"
        path.write_text(figures_deck(), encoding="utf-8")
        # a photograph's worst case for drawing: no two neighbouring cells of one colour
        noise = Image.effect_noise((6000, 4000), 90).convert("L")
        picture = Image.merge("RGB", (noise, noise.transpose(Image.Transpose.FLIP_TOP_BOTTOM), noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
        picture.save(Path(folder) / "big.jpg", quality=70)  # 13.6 MB
        loaded = parse_deck(path.read_text(encoding="utf-8"), str(path))
        deck = loaded.deck
        assert deck is not None, loaded.diagnostics
        print(f"repaint at 120x40, {ITEMS} claims, median of 200 (goal: under 5 ms):")
        for index, name in ((0, "points (baseline)"), (1, "bar chart"), (2, "timeline")):
            print(f"  {name:18} {repaint_ms(deck, index):.2f} ms")
        found = asyncio.run(moves(deck))
        print("move to the slide, action to repaint, in the app (median of 20):")
        for index, name in ((0, "points (baseline)"), (1, "bar chart"), (2, "timeline")):
            print(f"  {name:18} {statistics.median(found[index]):.1f} ms")
        shown = parse_deck(path.read_text(encoding="utf-8").replace("  - title: Points", "  - title: First"), str(path)).deck
        assert shown is not None
        baseline = [asyncio.run(longest_block(shown, 0)) for _ in range(3)]
        image = [asyncio.run(longest_block(shown, 3)) for _ in range(3)]
        print("longest event-loop block (5 ms ticker), 3 runs (goal: no block over 16 ms):")
        print(f"  move to a slide without an image (baseline): {', '.join(f'{x:.1f}' for x in baseline)} ms")
        print(
            f"  move to a 6000x4000 JPEG until it is drawn:  {', '.join(f'{x:.1f}' for x in image)} ms (drawn in half-blocks, rendered in a worker)"
        )
        from deck.tui.widgets import picture as picture_widget

        picture_widget.drawing = lambda: "sixel"  # as in a Sixel terminal: encoded in the worker, drawn from that
        sixel = [asyncio.run(longest_block(shown, 3)) for _ in range(3)]
        print(f"  the same as Sixel (encoded in the worker):    {', '.join(f'{x:.1f}' for x in sixel)} ms")
        print(f"  (encoding that picture as Sixel on the loop, as textual-image's widget would: {sixel_ms(picture):.1f} ms)")


if __name__ == "__main__":
    main()
