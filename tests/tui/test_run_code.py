"""Ctrl+E: a slide's +exec block runs only under --run-code, streams its output, and is stopped by a
second press, by leaving the slide or by its timeout, with the presenter answering keys throughout."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from pathlib import Path

import pytest
from textual.worker import WorkerCancelled

from deck.core.document import DeckDocument
from deck.core.loader import load_deck
from deck.tui.app import make_app

from ..conftest import notified, until
from .test_presenter import content

DECK = """\
title: Demo
run_timeout: {timeout}
slides:
  - title: Runs
    body: |
      ```bash +exec
      {code}
      ```
  - title: After
    body: Nothing runs here.
"""


def write(tmp_path: Path, code: str, timeout: float = 30) -> Path:
    path = tmp_path / "demo.yaml"
    path.write_text(DECK.format(code=code, timeout=timeout))
    return path


def app_for(path: Path, **kwargs):
    return make_app(load_deck(path), clock=lambda: 0.0, today=dt.date(2026, 12, 7), **kwargs)


async def ended(runner) -> None:
    """Wait for a run's worker to end, however it ends (a stopped run is a cancelled worker)."""
    with contextlib.suppress(WorkerCancelled):
        await runner.wait()


async def run_once(pilot) -> None:
    """Press Ctrl+E and wait for the run to end (its worker), then for the screen to draw it."""
    await pilot.press("ctrl+e")
    runner = pilot.app.presenter._runner
    assert runner is not None, "nothing started"
    await runner.wait()
    await pilot.pause()


async def test_without_the_flag_nothing_runs_and_the_screen_says_how(tmp_path):
    marker = tmp_path / "ran"
    app = app_for(write(tmp_path, f"touch {marker}"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.presenter._runner is None
        assert any("Running code is off" in m and "--run-code" in m for m in notified(app))
    assert not marker.exists()


async def test_a_block_runs_in_the_decks_folder_and_its_output_shows_under_it(tmp_path):
    app = app_for(write(tmp_path, 'printf "hello from %s\\n" "$(basename "$PWD")"; printf "\\033[31mred\\033[0m\\n"'), run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_once(pilot)
        shown = content(app)
        assert f"hello from {tmp_path.name}" in shown
        lines = [line.strip() for line in shown.splitlines()]
        assert lines[lines.index(f"hello from {tmp_path.name}") + 1] == "red"  # its colour codes gone, not spelled out
        assert "── exit 0 ──" in shown
        assert shown.index("basename") < shown.index(f"hello from {tmp_path.name}")  # under the code


async def test_a_failing_program_shows_its_exit_status(tmp_path):
    app = app_for(write(tmp_path, "echo oops >&2; exit 3"), run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_once(pilot)
        assert "oops" in content(app) and "── exit 3 ──" in content(app)


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie has ended, waiting for its reaper


async def test_a_runaway_is_killed_at_its_timeout_with_what_it_started_and_keys_still_work(tmp_path):
    pids = tmp_path / "child.pid"
    app = app_for(write(tmp_path, f"sleep 300 & echo $! > {pids}; echo started; wait", timeout=1), run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+e")
        runner = app.presenter._runner
        await until(pilot, lambda: "started" in content(app))
        await runner.wait()  # (that the presenter answers while a program runs: the next test, with no 1 s deadline to race)
        await pilot.pause()
        assert "killed: still running after 1 s (run_timeout)" in content(app)
    child = int(pids.read_text())
    deadline = time.monotonic() + 30  # a killed process ends at the kernel's pace; only a survivor waits this long
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(child), "the program's own child outlived it"


async def test_leaving_the_slide_or_pressing_again_stops_it(tmp_path):
    app = app_for(write(tmp_path, "echo waiting; sleep 300"), run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+e")
        runner = app.presenter._runner
        await until(pilot, lambda: "waiting" in content(app))
        assert "running…" in content(app)
        await pilot.press("s")  # the presenter answers while the program runs
        assert app.presenter.notes_visible
        await pilot.press("right")
        await ended(runner)
        assert app.presenter.index == 1
        await pilot.press("left")
        assert "waiting" in content(app) and "── stopped ──" in content(app)
        await pilot.press("ctrl+e")  # runs again; a second press stops it
        runner = app.presenter._runner
        await until(pilot, lambda: "running…" in content(app))
        await pilot.press("ctrl+e")
        await ended(runner)
        await pilot.pause()
        assert "── stopped ──" in content(app)


async def test_a_missing_interpreter_is_said_on_the_slide(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no bash here
    app = app_for(write(tmp_path, "echo hi"), run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_once(pilot)
        assert "not run: 'bash' is not installed here (not found on PATH)" in content(app)


REPLACE = """\
title: Replace
slides:
  - title: Only the output
    body: |
      ```sh +exec_replace
      echo "the output, not the code"
      ```
"""


@pytest.mark.parametrize("allowed", [True, False])
async def test_a_replace_block_runs_on_arrival_only_when_allowed(tmp_path, allowed):
    path = tmp_path / "replace.yaml"
    path.write_text(REPLACE)
    app = app_for(path, run_code=allowed)
    async with app.run_test(size=(100, 30)) as pilot:
        runner = app.presenter._runner
        if allowed:
            assert runner is not None
            await ended(runner)
            await pilot.pause()
            assert "the output, not the code" in content(app) and "echo" not in content(app)
        else:
            assert runner is None and 'echo "the output, not the code"' in content(app)


async def test_a_rehearsal_records_the_output_and_the_export_shows_it_without_running(tmp_path, capsys):
    from deck.cli import main

    counter = tmp_path / "runs"
    path = write(tmp_path, f"echo run >> {counter}; echo counted")
    app = make_app(DeckDocument.load(path), clock=lambda: 0.0, today=dt.date(2026, 12, 7), run_code=True, record_output=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_once(pilot)
        await app.workers.wait_for_complete()  # the record is written by a worker
    record = tmp_path / "demo.outputs.json"
    assert '"output": "counted"' in record.read_text()
    assert main(["export", str(path), "--with-output", "-f", "markdown"]) == 0
    exported = capsys.readouterr().out
    assert "counted\n── exit 0 · recorded 2026-12-07 ──" in exported
    assert counter.read_text() == "run\n"  # the rehearsal ran it once; the export never


def test_an_export_with_output_but_no_record_says_how_to_make_one(tmp_path, capsys):
    from deck.cli import main

    path = write(tmp_path, "echo hi")
    assert main(["export", str(path), "--with-output"]) == 2
    assert "deck present --run-code --record-output" in capsys.readouterr().err


def test_record_output_needs_run_code(tmp_path, capsys):
    from deck.cli import main

    assert main(["present", str(write(tmp_path, "echo hi")), "--record-output"]) == 2
    assert "give both" in capsys.readouterr().err


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_nothing_ever_runs_from_check_or_any_export(tmp_path, capsys):
    """A hostile deck's blocks, through every command that reads a deck without --run-code."""
    from deck.cli import main
    from deck.export import FORMATS, missing

    marker = tmp_path / "pwned"
    path = tmp_path / "hostile.yaml"
    path.write_text(
        "title: Hostile\nslides:\n"
        + "".join(
            f"  - title: S{n}\n    body: |\n      ```{lang} +exec{kind}\n      {code}\n      ```\n"
            for n, (lang, kind, code) in enumerate(
                [("bash", "", f"touch {marker}"), ("sh", "_replace", f"touch {marker}"), ("python", "", f"open('{marker}', 'w')")]
            )
        )
    )
    assert main(["check", str(path)]) == 0
    for name, export_format in FORMATS.items():
        if missing(name) is not None:  # WeasyPrint for the PDF, pandoc for PowerPoint
            continue
        out = tmp_path / f"out{export_format.extension}"
        assert main(["export", str(path), "-f", name, "-o", str(out)]) == 0, name
    assert not marker.exists()


async def test_the_speaker_views_ctrl_e_runs_the_block_on_the_audiences_screen(tmp_path, monkeypatch):
    from deck.tui.speaker_app import make_speaker_app

    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    path = write(tmp_path, "echo from-the-speaker")
    audience = make_app(DeckDocument.load(path), clock=lambda: 0.0, link=True, run_code=True)
    speaker = make_speaker_app(DeckDocument.load(path), clock=lambda: 0.0, wall_clock=lambda: 0.0)
    async with audience.run_test(size=(100, 30)) as a, speaker.run_test(size=(100, 30)) as s:
        await until(s, lambda: speaker.speaker.connected)
        await s.press("ctrl+e")
        await until(a, lambda: audience.presenter._runner is not None)
        await ended(audience.presenter._runner)
        await a.pause()
        lines = [line.strip() for line in content(audience).splitlines()]
        assert "from-the-speaker" in lines and "── exit 0 ──" in lines  # the output, under the code, on the audience's screen


async def test_what_a_block_starts_in_the_background_ends_with_its_run(tmp_path):
    """Found in review: `sleep 300 &` outlived the run (and Ctrl+E, the timeout and deck itself) once the
    block's own program had exited."""
    pids = tmp_path / "child.pid"
    app = app_for(write(tmp_path, f"sleep 300 > /dev/null 2>&1 & echo $! > {pids}; echo started"), run_code=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_once(pilot)
        assert "── exit 0 ──" in content(app)
    child = int(pids.read_text())
    deadline = time.monotonic() + 30
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not alive(child)
