from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

VALID = textwrap.dedent(
    """\
    title: Test deck
    as_of: 2026-04-03
    sources:
      paper: {title: "A paper", kind: paper, date: 2026-01-13}
      leak: {title: "A deleted post", kind: community}
    slides:
      - title: First
        confidence: confirmed
        points:
          - A confirmed point
        notes: Say the first thing.
        sources: [paper]
      - title: Second
        confidence: speculative
        points:
          - text: Rumour
            confidence: unverified
            sources: [leak]
          - text: Estimate
        notes: Say the second thing.
    """
)


@pytest.fixture
def deck_file(tmp_path: Path):
    """Write YAML text to a deck file and return its path."""

    def write(text: str = VALID, name: str = "deck.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _no_color_env(monkeypatch):
    """Tests see the same colours whatever the developer's shell sets."""
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture(autouse=True)
def _debug(monkeypatch):
    """DECK_DEBUG=1: a bug that a catch-all would turn into a polite message fails the test instead."""
    monkeypatch.setenv("DECK_DEBUG", "1")


async def until(pilot, condition, timeout: float = 30.0, step: float = 0.02) -> None:
    """Let the app run (Pilot's pause) until `condition()` holds: a file watcher or a socket peer
    reacts on its own time, so there is no single event to await. The timeout only ends a test that
    would never pass; it is generous so that a busy machine is never mistaken for a failure."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app never reached the expected state"
        await pilot.pause(step)


@pytest.fixture(autouse=True)
def _record_notifications(monkeypatch):
    """Every message an app shows with `notify`, kept on the app for `notified(app)` (public API only)."""
    from textual.app import App

    original = App.notify

    def notify(self, message, *args, **kwargs):
        self.__dict__.setdefault("_test_notified", []).append(str(message))
        return original(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", notify)


def notified(app) -> list[str]:
    return app.__dict__.get("_test_notified", [])


@pytest.fixture
def private_runtime_dir(tmp_path, monkeypatch):
    """A runtime folder of the test's own (mode 0700), where the speaker link's socket goes."""
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder
