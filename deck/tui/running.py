"""Ctrl+E on stage: run the slide's runnable (`+exec`) blocks, one per press, only under `--run-code`.

A block runs in its own process group, in the deck's folder, with the presenter's environment; its
output (stdout and stderr together) streams under its code, through `OutputBuffer`'s cleaning and caps.
Pressing Ctrl+E again, leaving the slide or reaching the deck's `run_timeout` stops it. The process is
awaited by asyncio, so the event loop only draws what arrives.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import Any

from textual.timer import Timer
from textual.worker import Worker

from ..core.runcode import DEFAULT_TIMEOUT_S, RUNNING, Block, NoInterpreter, Output, OutputBuffer, command, slide_blocks

REFRESH_S = 0.05  # output arriving faster than this is drawn together
OFF = "Running code is off: start the presenter with `deck present --run-code` to run this slide's blocks"


class CodeRunning:
    """The presenter's part that runs code. Mixed into PresenterScreen (needs `app`, `deck`, `index`,
    `slide`, `run_worker`, `set_timer`, `notify` and `refresh_slide`)."""

    outputs: dict[str, Output]
    _runner: Worker[None] | None
    _running_on: int | None
    _next_block: dict[int, int]
    _redraw: Timer | None

    def init_running(self) -> None:
        self.outputs = {}  # by block: what it printed last, shown under its code until the app closes
        self._runner = None
        self._running_on = None  # the slide whose block is running
        self._next_block = {}  # by slide: which of its blocks Ctrl+E runs next
        self._redraw = None

    @property
    def running(self) -> bool:
        return self._runner is not None and self._runner.is_running

    def runnable_blocks(self) -> list[Block]:
        slide = self.slide  # type: ignore[attr-defined]
        return slide_blocks(slide.body, tuple(column.body for column in slide.columns))

    def action_run_code(self) -> None:
        """Ctrl+E: stop the block running, or run this slide's next block (if allowed)."""
        if self.running:
            self.stop_code()
            return
        found = self.runnable_blocks()
        if not found:
            self.notify("This slide has no runnable block (a fence such as ```bash +exec)", timeout=4)  # type: ignore[attr-defined]
            return
        if not getattr(self.app, "run_code", False):  # type: ignore[attr-defined]
            self.notify(OFF, severity="warning", timeout=8)  # type: ignore[attr-defined]
            return
        index: int = self.index  # type: ignore[attr-defined]
        number = self._next_block.get(index, 0) % len(found)
        self._next_block[index] = number + 1
        self._start(index, found[number])

    def _start(self, index: int, block: Block) -> None:
        self._running_on = index
        self._runner = self.run_worker(self._run(block), group="run-code", exclusive=True, exit_on_error=False)  # type: ignore[attr-defined]

    def stop_code(self) -> None:
        """Stop the block running (leaving its slide, or Ctrl+E): its process group is killed."""
        if self._runner is not None and self._runner.is_running:
            self._runner.cancel()

    def arrive_at(self, index: int) -> None:
        """The presenter shows slide `index`: a block running on another slide stops, and under --run-code
        a block that shows only its output (+exec_replace) runs on its own, once, as presenterm's does."""
        if self._running_on is not None and index != self._running_on:
            self.stop_code()
        if self.running or not getattr(self.app, "run_code", False):  # type: ignore[attr-defined]
            return
        waiting = [block for block in self.runnable_blocks() if block.replace and block.key not in self.outputs]
        if waiting:
            self._start(index, waiting[0])

    async def _run(self, block: Block) -> None:
        deck = self.deck  # type: ignore[attr-defined]
        timeout = deck.run_timeout_s or DEFAULT_TIMEOUT_S
        try:
            argv = command(block)
        except NoInterpreter as exc:
            self._show(block, Output("", f"not run: {exc}"))
            return
        folder = Path(deck.path).resolve().parent
        buffer = OutputBuffer()
        self._show(block, Output("", RUNNING))
        try:
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.STDOUT,
                cwd=folder if folder.is_dir() else None,
                start_new_session=True,  # its own process group: stopping it stops what it started
            )
        except OSError as exc:
            self._show(block, Output("", f"could not start {Path(argv[0]).name}: {exc.strerror or exc}"))
            return
        status = "stopped"
        try:
            status = await self._stream(process, block, buffer, timeout)
        finally:
            _kill(process)  # always: what it started in the background (`sleep 300 &`) outlives the program itself
            self._show(block, Output(buffer.text(), status), now=True)
            recorder = getattr(self.app, "record_outputs", None)  # type: ignore[attr-defined]
            if recorder is not None:  # a rehearsal under --record-output keeps it for the exports
                recorder(deck, dict(self.outputs))

    async def _stream(self, process: asyncio.subprocess.Process, block: Block, buffer: OutputBuffer, timeout: float) -> str:
        """Read until the program ends or the deadline passes; how it ended, in words."""
        assert process.stdout is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        killed = f"killed: still running after {timeout:g} s (run_timeout)"
        while True:
            try:
                chunk = await asyncio.wait_for(process.stdout.read(65536), max(0.0, deadline - loop.time()))
            except TimeoutError:
                return killed
            if not chunk:
                break
            buffer.feed(chunk)
            self._show(block, Output(buffer.text(), RUNNING))
        try:
            code = await asyncio.wait_for(process.wait(), max(0.0, deadline - loop.time()))
        except TimeoutError:
            return killed
        return f"exit {code}" if code >= 0 else f"ended by signal {-code}"

    def _show(self, block: Block, output: Output, now: bool = False) -> None:
        """Keep the output, and draw it (at most every REFRESH_S while it streams)."""
        self.outputs[block.key] = output
        if now or not output.running:
            self._draw_output()
        elif self._redraw is None:
            self._redraw = self.set_timer(REFRESH_S, self._draw_output)  # type: ignore[attr-defined]

    def _draw_output(self) -> None:
        self._redraw = None
        app: Any = self.app  # type: ignore[attr-defined]
        if app.is_running:
            self.refresh_slide()  # type: ignore[attr-defined]


def _kill(process: asyncio.subprocess.Process) -> None:
    """Kill everything left of the run, its process group: the program if it still runs, and whatever it
    started, even after the program itself ended (a block's run ends with everything it started in it);
    asyncio reaps the program."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
