"""Load and check times for decks of 10, 1,000 and 10,000 slides; C parser against pure Python.

python benchmarks/bench_load.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from decks import child_env, write_deck

from deck.core.lint import lint_deck
from deck.core.loader import parse_deck, read_text


def best_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    print(f"libyaml available: {yaml.__with_libyaml__}")
    print(f"{'slides':>7} {'load (C)':>10} {'load (Python)':>14} {'speed-up':>9} {'lint':>8}")
    for n in (10, 1_000, 10_000):
        path = write_deck(folder, n)
        text = read_text(path)
        repeat = 5 if n <= 1_000 else 2
        fast = best_ms(lambda: parse_deck(text, str(path), yaml.CSafeLoader), repeat)
        slow = best_ms(lambda: parse_deck(text, str(path), yaml.SafeLoader), 2 if n <= 1_000 else 1)
        deck = parse_deck(text, str(path)).deck
        lint = best_ms(lambda: lint_deck(deck), repeat)
        print(f"{n:>7,} {fast:>8.1f}ms {slow:>12.1f}ms {slow / fast:>8.1f}x {lint:>6.1f}ms")
    print()
    print("`deck check` as a command (process start included), best of 7 (noise only adds time):")
    for label, extra in (("--no-fit", ["--no-fit"]), ("with the fit checks (every slide drawn at 120x40)", [])):
        results = {}
        print(f" {label}:")
        for n in (10, 1_000):
            path = write_deck(folder, n)
            cmd = [sys.executable, "-m", "deck", "check", *extra, str(path)]
            subprocess.run(cmd, capture_output=True, env=child_env())  # warm-up
            results[n] = best_ms(lambda: subprocess.run(cmd, capture_output=True, env=child_env()), 7 if extra else 3)
            print(f"  {n:>5,} slides: {results[n]:.0f} ms")
        print(f"  ratio 1,000 / 10: {results[1_000] / results[10]:.2f}x" + (" (goal: within 3x)" if extra else ""))


if __name__ == "__main__":
    main()
