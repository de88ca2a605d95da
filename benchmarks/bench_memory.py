"""Peak memory loading a 10 MB deck (the size limit), against a plain `yaml.safe_load` of the same file.

    python benchmarks/bench_memory.py

Each load runs in a fresh process; the figure is its peak resident memory (ru_maxrss) less that of
the same process before loading. Goal (issue 13): under 300 MB for a 10 MB deck.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import child_env, deck_text  # noqa: E402


def child(mode: str, path: str) -> None:
    import yaml

    from deck.core.loader import load_deck

    text = Path(path).read_text(encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if mode == "yaml":
        yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    else:
        load_deck(path)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"mb": (after - before) / 1024}))


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    slides = 1
    while len(deck_text(slides).encode()) < 9.5 * 1024 * 1024:
        slides *= 2
    lo, hi = slides // 2, slides
    while hi - lo > 50:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if len(deck_text(mid).encode()) < 9.9 * 1024 * 1024 else (lo, mid)
    path = folder / "big.yaml"
    path.write_text(deck_text(lo), encoding="utf-8")
    size = path.stat().st_size / 1024 / 1024
    results = {}
    for mode in ("yaml", "deck"):
        out = subprocess.run([sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True, check=True, env=child_env())
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])["mb"]
    print(f"a {size:.1f} MB deck of {lo:,} slides, peak memory added by loading it:")
    print(f"  yaml.safe_load (libyaml), plain Python objects: {results['yaml']:.0f} MB")
    print(f"  deck's loader (positions, checks, the model):   {results['deck']:.0f} MB  (goal: under 300 MB)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
