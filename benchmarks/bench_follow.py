"""Speaker view follow latency: a key handled in the audience view to the speaker view repainted.

    python benchmarks/bench_follow.py

Goal: within 50 ms. The two views run as they do for real, in two processes talking over the Unix
socket: the audience view in a child process (headless, pressing → every 300 ms and printing the
wall-clock time at which each move is sent), the speaker view here, timing each repaint. The
machine's clock is shared, so the two times compare directly. As a same-run baseline, the speaker
view's own repaint for a move made locally is timed too.
"""

from __future__ import annotations

import asyncio
import json
import os
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

from deck.core.document import DeckDocument  # noqa: E402
from deck.core.paths import bundled_deck  # noqa: E402

MOVES = 20


def audience_child() -> None:
    """The audience view: press → MOVES times; print when each move goes out on the socket."""
    from deck.tui.app import make_app

    app = make_app(DeckDocument.load(bundled_deck()), link=True)

    async def drive(pilot) -> None:
        while app.link is None or not app.link.writers:
            await pilot.pause(0.05)
        broadcast = app.link.broadcast

        def timed(index: int, step: int = 0) -> None:
            broadcast(index, step)
            print(json.dumps({"slide": index, "sent": time.time()}), flush=True)

        app.link.broadcast = timed
        for _ in range(MOVES):
            await pilot.press("right")
            await pilot.pause(0.3)
        app.exit()

    app.run(headless=True, size=(120, 40), auto_pilot=drive)


async def painted(screen) -> None:
    done = asyncio.Event()
    screen.call_after_refresh(done.set)
    await done.wait()


async def speaker_side() -> tuple[list[float], list[float]]:
    from deck.tui.speaker_app import make_speaker_app

    speaker = make_speaker_app(DeckDocument.load(bundled_deck()))
    shown: dict[int, float] = {}
    local: list[float] = []
    async with speaker.run_test(size=(120, 40)) as s:
        for index in (3, 4, 5, 6, 7):  # baseline: this view's own repaint, no socket
            started = time.time()
            speaker.speaker.show(index)
            await painted(speaker.speaker)
            local.append((time.time() - started) * 1000)
        speaker.speaker.show(0)
        await s.pause()
        child = await asyncio.create_subprocess_exec(
            sys.executable, __file__, "--audience", stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=child_env()
        )
        original = speaker.speaker.show

        def show(index: int, step: int = 0) -> None:
            original(index, step)
            speaker.speaker.call_after_refresh(lambda: shown.setdefault(index, time.time()))

        speaker.speaker.show = show  # type: ignore[method-assign]
        sent: dict[int, float] = {}
        assert child.stdout is not None
        while line := await child.stdout.readline():
            message = json.loads(line)
            sent[message["slide"]] = message["sent"]
        await child.wait()
        await s.pause(0.1)
    follow = [(shown[i] - sent[i]) * 1000 for i in sent if i in shown]
    return follow, local


def main() -> None:
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp())
    follow, local = asyncio.run(speaker_side())
    print(f"speaker view's own repaint (baseline): median {statistics.median(local):.1f} ms")
    print(
        f"audience key → speaker repainted, two processes: median {statistics.median(follow):.1f} ms, "
        f"max {max(follow):.1f} ms over {len(follow)} moves (goal: within 50 ms)"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--audience"]:
        audience_child()
    else:
        main()
