"""PDF export time for the briefing and for 100 generated slides, beside a floor in the same run:
WeasyPrint printing the same words (each slide's title and points) on plain 1280x720 pages, without
deck's style. Goal: 100 slides under 5 s.

python benchmarks/bench_pdf.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from decks import write_deck  # noqa: E402

from deck.core.loader import load_deck  # noqa: E402
from deck.core.model import Deck  # noqa: E402
from deck.core.paths import bundled_deck  # noqa: E402
from deck.export import export_bytes, pdf  # noqa: E402


def median_s(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def plain_page(deck: Deck) -> str:
    """The floor: each slide's title and points on a page of its own, no style but the page's size."""
    pages = "".join(
        f'<section style="break-after: page"><h2>{html.escape(s.title)}</h2>'
        + "".join(f"<p>{html.escape(p.text)}</p>" for p in s.all_points())
        + (f"<p>{html.escape(s.body)}</p>" if s.body else "")
        + "</section>"
        for s in deck.slides
    )
    return f"<!doctype html><style>@page {{ size: 1280px 720px; }}</style>{pages}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    if not pdf.available():
        sys.exit("WeasyPrint is needed: pip install '.[pdf]'")
    import weasyprint

    briefing = load_deck(bundled_deck())
    hundred = load_deck(write_deck(Path(tempfile.mkdtemp()), 100))
    for label, deck in (("briefing", briefing), ("100 slides", hundred)):
        floor = median_s(lambda: weasyprint.HTML(string=plain_page(deck)).write_pdf(), rounds)
        ours = median_s(lambda: export_bytes(deck, "pdf"), rounds)
        print(f"{label:<11} deck export --format pdf: {ours:5.2f} s   floor, the same words on plain pages: {floor:5.2f} s   ({ours / floor:.2f}x)")


if __name__ == "__main__":
    main()
