"""Code on stage, through a real terminal: does a running demo slow the presenter down?

    python benchmarks/bench_run_code.py [--rounds N]

`deck present --run-code` in a pseudo-terminal of 120x40 (bench_keys.py's Terminal), on a deck of three
slides: a demo that floods output (a Python loop printing as fast as it can), a quick command, and a
plain slide. Each round measures, from the key written to the terminal to the answer written back:
- next slide, idle: → from the demo slide with nothing running (the floor, in the same run);
- next slide, while the demo floods: → from the demo slide after Ctrl+E, once its output streams
  (leaving the slide stops the demo, so this includes stopping it);
- quick command: Ctrl+E on `echo` to its exit status on screen (the goal: within a second).
Medians and maxima over the rounds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_keys import Terminal  # noqa: E402

RIGHT, LEFT, CTRL_E = b"\x1b[C", b"\x1b[D", b"\x05"

DECK = """\
title: Run-code benchmark
run_timeout: 120
slides:
  - title: Flood demo
    body: |
      ```python +exec
      import itertools
      for n in itertools.count():
          print("flood", n, flush=True)
      ```
  - title: Quick demo
    body: |
      ```sh +exec
      echo quick-done
      ```
  - title: Plain slide
    body: Nothing runs here.
"""


def one_round(path: Path) -> tuple[float, float, float]:
    term = Terminal([sys.executable, "-m", "deck", "present", str(path), "--no-watch", "--run-code"])
    try:
        term.wait_for(b"Flood demo", 0)
        term.drain()
        started, since = term.press(RIGHT)
        idle = (term.wait_for(b"Quick demo", since) - started) * 1000
        term.drain()
        started, since = term.press(LEFT)
        term.wait_for(b"Flood demo", since)
        term.drain()
        _, since = term.press(CTRL_E)
        term.wait_for(b"earlier lines", since, timeout=60)  # into the flood: more lines than show, redrawn as they stream
        started, since = term.press(RIGHT)
        busy = (term.wait_for(b"Quick demo", since) - started) * 1000
        term.drain()
        started, since = term.press(CTRL_E)
        quick = (term.wait_for(b"exit 0", since) - started) * 1000
        return idle, busy, quick
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "run-code.yaml"
    path.write_text(DECK, encoding="utf-8")
    rounds = [one_round(path) for _ in range(args.rounds)]
    idle, busy, quick = (list(values) for values in zip(*rounds, strict=True))
    print(f"deck present --run-code, 120x40, {args.rounds} rounds (median, max):")
    print(f"  next slide, idle (floor)        {statistics.median(idle):7.1f} ms  {max(idle):7.1f} ms")
    print(
        f"  next slide, while a demo floods {statistics.median(busy):7.1f} ms  {max(busy):7.1f} ms"
        f"   {statistics.median(busy) / statistics.median(idle):.2f}x the floor"
    )
    print(f"  quick command to its exit shown {statistics.median(quick):7.1f} ms  {max(quick):7.1f} ms   (goal: within 1000 ms)")


if __name__ == "__main__":
    main()
