"""DECK_DEBUG=1: for whoever works on deck, the catch-alls that keep a talk going say what they caught.

With it set, the loader's last-resort net re-raises (the traceback behind "cannot read this file as a
deck; please report it"), a worker's unforeseen failure is raised as well as reported, and the
incremental reread says on stderr when it falls back to a whole parse. The test suite sets it.
"""

from __future__ import annotations

import os
import sys


def debugging() -> bool:
    return os.environ.get("DECK_DEBUG") == "1"


def note(message: str) -> None:
    """A line on stderr for the developer, only under DECK_DEBUG=1 (in the app: `textual console`)."""
    if debugging():
        print(f"deck: {message}", file=sys.stderr)
