"""Export time for 10 and 1,000 slides in every format, in the same run.

python benchmarks/bench_export.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import child_env, write_deck  # noqa: E402

from deck.core.loader import load_deck  # noqa: E402
from deck.export import TEXT_FORMATS, ExportOptions, export_deck  # noqa: E402


def best_ms(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    small, big = load_deck(write_deck(folder, 10)), load_deck(write_deck(folder, 1_000))
    print(f"{'format':<10} {'10 slides':>10} {'1,000 slides':>13} {'per slide, 10':>14} {'per slide, 1,000':>17} {'1,000 / 10 per slide':>21}")
    big_ms = {}
    for name in TEXT_FORMATS:
        a = best_ms(lambda: export_deck(small, name))
        b = big_ms[name] = best_ms(lambda: export_deck(big, name))
        print(f"{name:<10} {a:>8.2f}ms {b:>11.1f}ms {a / 10:>12.3f}ms {b / 1000:>15.3f}ms {b / 1000 / (a / 10):>20.2f}x")
    import yaml

    text = (folder / "deck-1000.yaml").read_text(encoding="utf-8")
    parse = best_ms(lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    indented = best_ms(lambda: export_deck(big, "json", ExportOptions(indent=2)))
    print(f"JSON at 1,000 slides, compact (the C encoder): {big_ms['json']:.1f} ms; a bare libyaml parse of the same file: {parse:.1f} ms")
    print(f"  ({big_ms['json'] / parse:.2f}x; goal: within 1.2x); indented with --indent 2: {indented:.1f} ms")
    print(f"HTML against JSON at 1,000 slides: {big_ms['html'] / indented:.2f}x the indented JSON the goal was set against (goal: within 1.5x),")
    print(f"  {big_ms['html'] / big_ms['json']:.2f}x the compact JSON that is now the default")
    print()
    print("`deck export` as a command (process start, load and export), best of 7 (noise only adds time):")
    paths = {10: folder / "deck-10.yaml", 1_000: folder / "deck-1000.yaml"}
    print(f"{'format':<10} {'10 slides':>10} {'1,000 slides':>13} {'ratio':>7}   (goal: within 3x)")
    for name in TEXT_FORMATS:
        times = {}
        for n, path in paths.items():
            cmd = [sys.executable, "-m", "deck", "export", str(path), "--format", name]
            runs = []
            subprocess.run(cmd, capture_output=True, check=True, env=child_env())  # warm-up
            for _ in range(7):
                started = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True, env=child_env())
                runs.append((time.perf_counter() - started) * 1000)
            times[n] = min(runs)
        print(f"{name:<10} {times[10]:>8.0f}ms {times[1_000]:>11.0f}ms {times[1_000] / times[10]:>6.2f}x")


if __name__ == "__main__":
    main()
