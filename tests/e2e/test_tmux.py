"""The installed `deck` command in a real terminal (tmux): launch, keys, screen content, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from ..conftest import ROOT

SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"


def deck_command() -> str:
    found = shutil.which("deck", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        pytest.skip("the deck command is not installed; pip install . first")
    return found


@pytest.fixture
def terminal(tmp_path_factory):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; apt-get install -y tmux")
    name = f"deck-e2e-{uuid.uuid4().hex[:8]}"
    # a server of its own, its socket in a folder of the test's (not /tmp/tmux-UID): removed with it
    socket = tmp_path_factory.mktemp("tmux") / "socket"

    class Terminal:
        def start(self, command: str) -> None:
            subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", name, "-x", "120", "-y", "40", command], check=True)

        def screen(self) -> str:
            result = subprocess.run(["tmux", "-S", str(socket), "capture-pane", "-p", "-t", name], capture_output=True, text=True)
            return result.stdout

        def keys(self, *keys: str) -> None:
            subprocess.run(["tmux", "-S", str(socket), "send-keys", "-t", name, *keys], check=True)

        def wait_for(self, text: str, timeout: float = 60.0) -> str:
            """Poll the screen until `text` shows (a real process: there is no event to await). The timeout
            only ends a test that would never pass."""
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                screen = self.screen()
                if text in screen:
                    return screen
                time.sleep(0.05)
            raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

    yield Terminal()
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True)  # a server of its own: no race with others
    socket.unlink(missing_ok=True)


def test_present_navigate_and_quit(terminal, tmp_path):
    marker = tmp_path / "exit-code"
    terminal.start(f"{deck_command()} present {SHOWCASE}; echo $? > {marker}; sleep 30")
    screen = terminal.wait_for("1 / 4")
    assert "Showcase deck" in screen and "REPORTED" in screen
    terminal.keys("Right")
    screen = terminal.wait_for("2 / 4")
    assert "Points with their own labels" in screen and "SPECULATIVE" in screen and "confirmed" in screen
    terminal.keys("s")
    terminal.wait_for("Speaker notes")
    terminal.keys("4", "Enter")
    screen = terminal.wait_for("4 / 4")
    assert "A body with a table and code" in screen
    terminal.keys("q")
    deadline = time.monotonic() + 20
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.read_text().strip() == "0"


def test_broken_deck_does_not_start_the_presenter(terminal, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: T\nslides:\n  - {title: A, confidence: sure}\n")
    terminal.start(f"{deck_command()} present {broken}; echo EXIT=$?; sleep 30")
    screen = terminal.wait_for("EXIT=")
    assert f"{broken}:3:28: error: unknown confidence 'sure'" in screen.replace("\n", "")
    assert "EXIT=1" in screen


def test_external_editor_opens_at_the_slide_and_the_deck_reloads(terminal, tmp_path):
    deck = tmp_path / "talk.yaml"
    deck.write_text(SHOWCASE.read_text())
    args = tmp_path / "editor-args"
    (tmp_path / "bin").mkdir()
    editor = tmp_path / "bin" / "vim"  # a name deck knows to take +LINE
    editor.write_text(f'#!/bin/sh\necho "$@" > {args}\nsed -i "s/Points with their own labels/Edited in the editor/" "$2"\n')
    editor.chmod(0o755)
    terminal.start(f"EDITOR={editor} {deck_command()} present {deck} --slide 2; sleep 30")
    terminal.wait_for("2 / 4")
    terminal.keys("E")
    screen = terminal.wait_for("Edited in the editor")
    assert "2 / 4" in screen
    start_line = SHOWCASE.read_text().splitlines().index("  - title: Points with their own labels") + 1
    assert args.read_text().split() == [f"+{start_line}", str(deck)]


@pytest.mark.parametrize("editor", ["nonexistent-editor", "false"])
def test_an_editor_that_cannot_start_or_fails_never_freezes_the_presenter(terminal, tmp_path, editor):
    """E with a missing editor once froze the terminal for good (the error escaped App.suspend)."""
    deck = tmp_path / "talk.yaml"
    deck.write_text(SHOWCASE.read_text())
    marker = tmp_path / "exit-code"
    terminal.start(f"env -u VISUAL EDITOR={editor} {deck_command()} present {deck} --slide 2; echo $? > {marker}; sleep 30")
    terminal.wait_for("2 / 4")
    terminal.keys("E")
    terminal.wait_for("Cannot open an editor" if editor != "false" else "exited with status 1")
    terminal.keys("Right")
    terminal.wait_for("3 / 4")  # still answering keys
    terminal.keys("q")
    deadline = time.monotonic() + 10
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.read_text().strip() == "0"


def test_an_editor_that_changed_nothing_says_so(terminal, tmp_path):
    deck = tmp_path / "talk.yaml"
    deck.write_text(SHOWCASE.read_text())
    (tmp_path / "bin").mkdir()
    editor = tmp_path / "bin" / "nano"
    editor.write_text("#!/bin/sh\nexit 0\n")
    editor.chmod(0o755)
    terminal.start(f"env -u VISUAL EDITOR={editor} {deck_command()} present {deck}; sleep 30")
    terminal.wait_for("1 / 4")
    terminal.keys("E")
    terminal.wait_for("The file was not changed")


def test_live_reload_in_a_real_terminal(terminal, tmp_path):
    deck = tmp_path / "talk.yaml"
    text = SHOWCASE.read_text()
    deck.write_text(text)
    terminal.start(f"{deck_command()} present {deck} --slide 3; sleep 30")
    terminal.wait_for("3 / 4")
    deck.write_text(text.replace("Confirmed against rumoured", "Renamed while presenting"))
    screen = terminal.wait_for("Renamed while presenting")
    assert "3 / 4" in screen
    deck.write_text(text.replace("confidence: unverified\n    columns", "confidence: sure\n    columns"))
    screen = terminal.wait_for("unknown confidence 'sure'")
    assert "Renamed while presenting" in screen  # the last good deck stays on screen


def test_reveal_steps_and_the_appendix_in_a_real_terminal(terminal):
    pacing = ROOT / "tests" / "decks" / "pacing.yaml"
    terminal.start(f"{deck_command()} {pacing} --slide 2; sleep 30")
    terminal.wait_for("Part one")
    terminal.keys("Right")
    screen = terminal.wait_for("3 / 4 · 0/4")
    assert "First part." in screen and "Second part." not in screen
    terminal.keys("Right", "Right")
    screen = terminal.wait_for("3 / 4 · 2/4")
    assert "One" in screen and "Two" not in screen
    terminal.keys("End", "End")
    terminal.wait_for("A1 / A1")


RUNNABLE = """\
title: Live demo
slides:
  - title: A demo
    body: |
      ```bash +exec
      echo "made $((6 * 7)) widgets"
      ```
"""


@pytest.mark.parametrize("allowed", [True, False])
def test_ctrl_e_runs_a_block_only_under_run_code(terminal, tmp_path, allowed):
    path = tmp_path / "demo.yaml"
    path.write_text(RUNNABLE)
    terminal.start(f"{deck_command()} present {path}{' --run-code' if allowed else ''}; sleep 30")
    terminal.wait_for("1 / 1")
    terminal.keys("C-e")
    if allowed:
        screen = terminal.wait_for("── exit 0 ──")
        assert "made 42 widgets" in screen
    else:
        screen = terminal.wait_for("Running code is off")
        assert "made 42 widgets" not in screen
