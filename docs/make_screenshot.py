"""Regenerate the README's screenshot of the presenter: python docs/make_screenshot.py"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from deck.core.loader import load_deck  # noqa: E402
from deck.core.paths import bundled_deck  # noqa: E402
from deck.tui.app import make_app  # noqa: E402

SLIDE = 6  # "V4 as described": an UNVERIFIED slide whose points carry labels of their own, with its notes


async def main() -> None:
    app = make_app(load_deck(bundled_deck()), notes=True, start=SLIDE - 1, clock=lambda: 0.0, today=dt.date(2026, 4, 10))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.save_screenshot(filename="presenter.svg", path=str(HERE))


asyncio.run(main())
