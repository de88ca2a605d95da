"""What a presenter feels, through a real terminal: deck against the floor app (benchmarks/floor_app.py).

    python benchmarks/bench_keys.py [--presses N] [--rounds N]

Each app runs in a pseudo-terminal of 120x40, as it would in a terminal window. Measured from outside:
- first frame: from starting the process to the first slide's title written to the terminal;
- next slide: from the → key written to the terminal to the next slide's title written back, the keys
  a random pause apart (the same pauses for both apps), since Textual lays out on a grid of frames.
Both apps paint at 240 frames a second, deck's own setting (deck/tui/__init__.py); Textual's default is 60.
deck and the floor alternate, round by round, on the same deck file, so the machine's noise falls on
both. Medians (and p99 for the next slide); goals from the speed issue: next slide within 1.2x of the
floor, first frame within 1.15x.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import child_env, write_deck  # noqa: E402

RIGHT = b"\x1b[C"


class Terminal:
    """A process in a pseudo-terminal, and everything it has written."""

    def __init__(self, argv: list[str], size: tuple[int, int] = (120, 40)) -> None:
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the program
            # both apps paint on the grid deck uses (deck.tui.FRAME_RATE): the ratio measures what they draw
            env = {**child_env(), "TERM": "xterm-256color", "COLUMNS": str(size[0]), "LINES": str(size[1]), "TEXTUAL_FPS": "240"}
            os.execvpe(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.output = bytearray()

    def wait_for(self, text: bytes, since: int, timeout: float = 20.0) -> float:
        """Read until `text` appears in what was written after offset `since`; the time it appeared."""
        deadline = time.perf_counter() + timeout
        while text not in self.output[since:]:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{text!r} never appeared")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    raise TimeoutError("the program ended") from None
                self.output += chunk
        return time.perf_counter()

    def drain(self, quiet: float = 0.15) -> None:
        """Read until the program has written nothing for `quiet` seconds (it has settled)."""
        while True:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            try:
                self.output += os.read(self.fd, 65536)
            except OSError:
                return

    def press(self, key: bytes) -> tuple[float, int]:
        since = len(self.output)
        started = time.perf_counter()
        os.write(self.fd, key)
        return started, since

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def titles(deck_path: Path) -> list[bytes]:
    from deck.core.loader import load_deck

    return [slide.title[:24].encode("utf-8") for slide in load_deck(deck_path).slides]


def run(argv: list[str], names: list[bytes], presses: int, seed: int = 0) -> tuple[float, list[float]]:
    term = Terminal(argv)
    pauses = random.Random(seed)  # the same pauses for deck and the floor in a round
    try:
        first = (term.wait_for(names[0], 0) - term.started) * 1000
        term.drain()
        times = []
        for n in range(1, presses + 1):
            started, since = term.press(RIGHT)
            times.append((term.wait_for(names[n % len(names)] if n < len(names) else names[-1], since) - started) * 1000)
            term.drain(0.03)  # let the frame finish before the next key, as a presenter would
            # Textual lays out on a grid (60 Hz by default, 240 here): a key that comes within a period or
            # two of the last update waits for the grid. Keys at a fixed pace fall on the same phase each
            # time, for one app more often than the other; a presenter's keys fall anywhere.
            time.sleep(pauses.uniform(0, 2 / 60))
        return first, times
    finally:
        term.close()


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] if len(values) >= 100 else max(values)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="briefing,1000", help="comma-separated: briefing, or a number of generated slides")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    for size in args.sizes.split(","):
        if size == "briefing":
            from deck.core.paths import bundled_deck

            path = Path(bundled_deck())
        else:
            path = write_deck(folder, int(size))
        names = titles(path)
        presses = min(args.presses, len(names) - 1)
        deck_cmd = [sys.executable, "-m", "deck", "present", str(path), "--no-watch"]
        floor_cmd = [sys.executable, str(HERE / "floor_app.py"), str(path)]
        results: dict[str, tuple[list[float], list[float]]] = {"deck": ([], []), "floor": ([], [])}
        for round_ in range(args.rounds):
            for name, cmd in (("floor", floor_cmd), ("deck", deck_cmd)):
                first, times = run(cmd, names, presses, seed=round_)
                results[name][0].append(first)
                results[name][1].extend(times)
        label = "the briefing" if size == "briefing" else f"{int(size):,} slides"
        (df, dn), (ff, fn) = results["deck"], results["floor"]
        print(f"{label}, 120x40, {args.rounds} alternated rounds of {presses} presses:")
        print(
            f"  first frame   deck {statistics.median(df):6.0f} ms   floor {statistics.median(ff):6.0f} ms   {statistics.median(df) / statistics.median(ff):.2f}x (goal: within 1.15x)"
        )
        print(
            f"  next slide    deck {statistics.median(dn):6.1f} ms   floor {statistics.median(fn):6.1f} ms   {statistics.median(dn) / statistics.median(fn):.2f}x (goal: within 1.2x)"
            f"   p99 deck {p99(dn):.1f} ms, floor {p99(fn):.1f} ms"
        )


if __name__ == "__main__":
    main()
