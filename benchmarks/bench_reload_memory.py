"""Memory over many reloads: a presenter on a 200-slide deck reloaded 150 times.

    python benchmarks/bench_reload_memory.py

Each reload goes through the app's own reload path (the message the file watcher posts). The figure is
the growth of the process's resident memory and of the collector's frozen generation from the 10th reload
to the last, printed beside the floor: the same loop with the heap never frozen. Each run is a fresh
process. Goal: growth no larger than the floor's (a deck that is gone is freed).
"""

from __future__ import annotations

import asyncio
import gc
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import child_env, deck_text  # noqa: E402

RELOADS = 150
SLIDES = 200


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


async def reload_loop(floor: bool) -> dict[str, float]:
    from deck.core.document import DeckDocument
    from deck.core.loader import parse_deck
    from deck.tui import editing
    from deck.tui.app import make_app
    from deck.tui.watcher import DeckFileChanged

    if floor:
        editing.settle_heap = lambda: None
    path = Path(tempfile.mkdtemp()) / "deck.yaml"
    texts = [deck_text(SLIDES), deck_text(SLIDES).replace("Slide 1 about", "Slide one about", 1)]
    path.write_text(texts[0])
    app = make_app(DeckDocument.load(path))
    rss: list[float] = []
    frozen: list[int] = []
    settle_ms: list[float] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for i in range(RELOADS):
            text = texts[(i + 1) % 2]
            app.on_deck_file_changed(DeckFileChanged(path, text, parse_deck(text, str(path))))
            await pilot.pause()
            started = time.perf_counter()
            await pilot.pause()  # the heap is settled after the refresh that shows the new deck
            settle_ms.append((time.perf_counter() - started) * 1000)
            rss.append(rss_mb())
            frozen.append(gc.get_freeze_count())
    return {"rss": rss[-1] - rss[9], "frozen": frozen[-1] - frozen[9], "settle_ms": sorted(settle_ms)[len(settle_ms) // 2]}


def child(mode: str) -> None:
    print(json.dumps(asyncio.run(reload_loop(floor=mode == "floor"))))


def main() -> None:
    results = {}
    for mode in ("floor", "deck"):
        out = subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True, text=True, env=child_env(), check=True)
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    floor, deck = results["floor"], results["deck"]
    print(f"{SLIDES} slides, reloads 10 to {RELOADS}:")
    print(f"  resident memory growth: deck {deck['rss']:+.1f} MB, floor (never frozen) {floor['rss']:+.1f} MB")
    print(f"  frozen objects growth:  deck {deck['frozen']:+,.0f}, floor {floor['frozen']:+,.0f}")
    print(f"  median refresh after a reload (the heap settled in it): deck {deck['settle_ms']:.1f} ms, floor {floor['settle_ms']:.1f} ms")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
