"""`deck share`: the secret, no notes in any byte, following the presenter (late join, restart,
reconnect, blank, filter, live edit), bounded viewers, and a real browser following a real presenter."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator

import aiohttp
import pytest

from deck.core.model import Confidence
from deck.link import AudienceLink, socket_path
from deck.share import Share

from ..conftest import ROOT

NODE_MODULES = ROOT / ".ci" / "tools" / "node_modules"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WAIT_S = 30.0  # only ends a test that would never pass

DECK = """\
title: {title}
sources:
  s: {{title: A source, kind: press}}
slides:
  - title: One
    confidence: reported
    points: [First point]
    sources: [s]
    notes: "NOTE-XYZZY one"
  - title: Two
    confidence: reported
    points:
      - text: A rumour
        confidence: unverified
      - Kept
    sources: [s]
    notes: "NOTE-XYZZY two"
  - title: Three
    confidence: reported
    reveal: true
    points: [a, b]
    sources: [s]
    notes: "NOTE-XYZZY three"
"""


pytestmark = pytest.mark.usefixtures("private_runtime_dir")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def deck_path(tmp_path):
    path = tmp_path / "talk.yaml"
    path.write_text(DECK.format(title="Shared talk"))
    return path


@contextlib.asynccontextmanager
async def running(share: Share) -> AsyncIterator[Share]:
    ready = asyncio.Event()
    task = asyncio.create_task(share.run(lambda _: ready.set()))
    await asyncio.wait_for(ready.wait(), WAIT_S)
    try:
        yield share
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


class Stream:
    """A page's event stream, read as a browser's EventSource would."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response

    async def until(self, condition) -> dict:
        async def read() -> dict:
            async for line in self.response.content:
                if line.startswith(b"data: "):
                    state = json.loads(line[6:])
                    if condition(state):
                        return state
            raise AssertionError("the stream ended")

        return await asyncio.wait_for(read(), WAIT_S)


@contextlib.asynccontextmanager
async def stream(session: aiohttp.ClientSession, share: Share) -> AsyncIterator[Stream]:
    async with session.get(share.url + "events") as response:
        assert response.status == 200 and response.headers["Content-Type"] == "text/event-stream"
        yield Stream(response)


async def test_without_the_secret_nothing_is_served(deck_path):
    share = Share(str(deck_path), port=free_port())
    async with running(share), aiohttp.ClientSession() as session:
        base = f"http://127.0.0.1:{share.port}"
        for path in ("/", "/events", f"/{share.secret[:-1]}/", f"/{share.secret}x/events", "/favicon.ico", f"/x/{share.secret}/"):
            async with session.get(base + path) as response:
                assert response.status == 403, path
                assert await response.read() == b"", path
        async with session.get(share.url, headers={"Host": "evil.example:80"}) as response:
            assert response.status == 421  # DNS rebinding: another name for this address
        async with session.get(share.url + "events", headers={"Origin": "http://evil.example"}) as response:
            assert response.status == 403
        async with session.get(share.url) as response:
            assert response.status == 200
            assert response.headers["Referrer-Policy"] == "no-referrer"  # a source link never carries the secret away
            assert "connect-src 'self'" in response.headers["Content-Security-Policy"]
            assert "Shared talk" in await response.text()


async def test_no_byte_sent_holds_the_notes_under_any_filter(deck_path):
    share = Share(str(deck_path), port=free_port())
    async with running(share), aiohttp.ClientSession() as session:
        sent = b""
        for rank in (-1, Confidence.UNVERIFIED.rank, Confidence.REPORTED.rank):
            share.follow({"slide": 1, "step": 0, "shown": rank})
            async with session.get(share.url) as response:
                sent += await response.read()
            async with stream(session, share) as events:
                sent += json.dumps(await events.until(lambda state: True)).encode()
        assert b"NOTE-XYZZY" not in sent
        assert b"A rumour" in sent  # all claims, then filtered: the pages differ
        assert sent.count(b"A rumour") < 3


async def test_pages_follow_the_presenter_through_late_joins_restarts_and_reconnects(deck_path):
    where = [0, 0]
    counted = []
    blank = [False]

    def presenter() -> AudienceLink:
        return AudienceLink(
            socket_path(deck_path),
            current=lambda: (where[0], where[1]),
            on_goto=lambda index, step: None,
            on_count=counted.append,
            blanked=lambda: blank[0],
        )

    link = presenter()
    assert await link.start()
    share = Share(str(deck_path), port=free_port())
    async with running(share), aiohttp.ClientSession() as session:
        async with stream(session, share) as first:
            assert (await first.until(lambda s: s["live"]))["slide"] == 0
            where[:] = [2, 1]
            link.broadcast(2, 1)
            state = await first.until(lambda s: s["slide"] == 2)
            assert (state["step"], state["blank"]) == (1, False)
            blank[0] = True
            link.broadcast(2, 1)
            assert (await first.until(lambda s: s["blank"]))["slide"] == 2
            blank[0] = False
            link.broadcast(2, 1)
            await first.until(lambda s: not s["blank"])
            async with stream(session, share) as late:  # a late joiner lands where the talk is
                state = await late.until(lambda s: True)
                assert (state["slide"], state["step"], state["live"]) == (2, 1, True)
            await link.close()  # the presenter quits...
            assert not (await first.until(lambda s: not s["live"]))["blank"]
            where[:] = [1, 0]
            link = presenter()  # ...and starts again, on another slide
            assert await link.start()
            state = await first.until(lambda s: s["live"])
            assert (state["slide"], state["step"]) == (1, 0)
        async with stream(session, share) as again:  # a viewer whose connection dropped comes back
            state = await again.until(lambda s: True)
            assert (state["slide"], state["live"]) == (1, True)
    await link.close()
    assert counted == []  # a share is never counted as a speaker view: the audience's screen never changed for it


async def test_a_live_edit_reaches_the_pages_and_a_broken_one_keeps_the_last_good(deck_path):
    said = []
    share = Share(str(deck_path), port=free_port(), on_reload=said.append)
    async with running(share), aiohttp.ClientSession() as session:
        async with stream(session, share) as events:
            await events.until(lambda s: s["version"] == 1)
            deck_path.write_text(DECK.format(title="Edited live"))
            await events.until(lambda s: s["version"] == 2)
            async with session.get(share.url) as response:
                assert "Edited live" in await response.text()
            deck_path.write_text("title: [broken\n")
            deadline = time.monotonic() + WAIT_S
            while not any("not reloaded" in s for s in said):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)  # the watch looks at the file on its own time
            assert "talk.yaml:2:1: error: YAML syntax" in said[-1]
            async with session.get(share.url) as response:
                assert "Edited live" in await response.text()
            assert share.state.version == 2


async def test_viewers_are_bounded(deck_path):
    share = Share(str(deck_path), port=free_port(), max_viewers=1)
    async with running(share), aiohttp.ClientSession() as session, stream(session, share) as events:
        await events.until(lambda s: True)
        async with session.get(share.url + "events") as response:
            assert response.status == 503


def test_share_of_a_broken_deck_says_where_and_listens_nowhere(tmp_path, capsys):
    from deck.cli import main

    path = tmp_path / "broken.yaml"
    path.write_text("title: x\nslides: 3\n")
    assert main(["share", str(path), "--port", str(free_port())]) == 1
    assert f"{path}:2:" in capsys.readouterr().err


def test_share_listens_on_loopback_by_default(deck_path, monkeypatch):
    from deck.cli import main

    started = []
    monkeypatch.setattr("deck.share.serve", started.append)
    assert main(["share", str(deck_path)]) == 0
    (share,) = started
    assert (share.host, share.port) == ("127.0.0.1", 8000)
    assert share.url.startswith("http://127.0.0.1:8000/") and len(share.secret) >= 22


# -- a real browser following a real presenter --------------------------------------------------------


class Viewer:
    """share_check.js in headless Chromium: what its page shows, line by line."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen(
            ["node", str(ROOT / "tests" / "browser" / "share_check.js"), url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        )
        self.lines: queue.Queue[dict] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.last: dict = {}

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(json.loads(line))

    def until(self, condition) -> dict:
        """The first state the page reports that meets `condition` (each line is a change it saw)."""
        if self.last and condition(self.last):
            return self.last
        deadline = time.monotonic() + 60
        while True:
            state = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            assert "error" not in state, state
            self.last = state
            if condition(state):
                return state

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def close(self) -> dict:
        self.send("quit")
        while True:
            state = self.lines.get(timeout=60)
            if "requests" in state:
                self.process.wait(timeout=30)
                return state


def test_a_browser_follows_three_moves_of_a_real_presenter(deck_path, tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; apt-get install -y tmux")
    if shutil.which("node") is None or not (NODE_MODULES / "playwright-core").is_dir():
        pytest.skip("node and playwright-core are needed: npm install --prefix .ci/tools (or run bash .ci/run)")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is needed: apt-get install -y chromium (or set CHROMIUM)")
    socket_file = tmp_path / "tmux.sock"
    name = f"share-{uuid.uuid4().hex[:8]}"
    env = f"XDG_RUNTIME_DIR={os.environ['XDG_RUNTIME_DIR']}"
    tmux = ["tmux", "-S", str(socket_file)]
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", f"env {env} {sys.executable} -m deck present {deck_path}; sleep 30"],
        check=True,
    )
    port = free_port()
    share = subprocess.Popen([sys.executable, "-m", "deck", "share", str(deck_path), "--port", str(port)], stderr=subprocess.PIPE, text=True)
    viewer = None
    try:
        assert share.stderr is not None
        line = share.stderr.readline()  # the link, printed once it listens
        url = line.split(" at ", 1)[1].strip()
        viewer = Viewer(url)
        viewer.until(lambda s: s.get("live") and s["index"] == 0)

        def press(*keys: str) -> None:
            subprocess.run([*tmux, "send-keys", "-t", name, *keys], check=True)

        press("Right")
        viewer.until(lambda s: s["index"] == 1)
        press("Right")
        state = viewer.until(lambda s: s["index"] == 2)
        assert state["step"] == 0  # a reveal slide, as the audience sees it: nothing revealed yet
        press("Right")
        viewer.until(lambda s: s["index"] == 2 and s["step"] == 1)
        press("b")
        viewer.until(lambda s: s["blank"])
        press("x")
        viewer.until(lambda s: not s["blank"])
        viewer.send("press Home")  # the viewer looks back on their own page
        state = viewer.until(lambda s: s["index"] == 0)
        assert not state["following"]
        press("Left")  # the presenter moves on; the viewer stays where they are
        viewer.send("press f")  # until they follow again
        state = viewer.until(lambda s: s["following"] and s["index"] == 2 and s["step"] == 0)
        viewer.send("reload")  # a reload lands where the talk is
        viewer.until(lambda s: s["index"] == 2 and s["following"])
        outcome = viewer.close()
        viewer = None
        assert outcome["requests"] == []  # the page reached nothing but its own server
    finally:
        if viewer is not None:
            viewer.process.kill()
        share.terminate()
        share.wait(timeout=10)
        subprocess.run([*tmux, "kill-server"], capture_output=True)


async def test_pages_asked_together_are_rendered_once_and_nothing_says_what_this_is(deck_path, monkeypatch):
    """Found in review: after a live edit every page rendered its own copy (40 asks, 40 renders), and a
    request without the secret but with a foreign Host was told what the server is."""
    import deck.share as share_module

    renders = []
    real = share_module.shared_page
    monkeypatch.setattr(share_module, "shared_page", lambda *args: renders.append(args) or real(*args))
    share = Share(str(deck_path), port=free_port())
    async with running(share), aiohttp.ClientSession() as session:
        assert len(renders) == 1  # the first page, at start
        share.state.version += 1
        responses = await asyncio.gather(*(session.get(share.url) for _ in range(20)))
        assert [r.status for r in responses] == [200] * 20 and len(renders) == 2
        for response in responses:
            response.release()
        async with session.get(f"http://127.0.0.1:{share.port}/", headers={"Host": "evil.example"}) as response:
            assert response.status == 403 and await response.read() == b""


async def test_a_reader_that_stalls_is_dropped(deck_path, monkeypatch):
    """Found in review: a reader that never read held a whole copy of the page (200 of them: 960 MB)."""
    import deck.share as share_module

    monkeypatch.setattr(share_module, "WRITE_S", 0.5)
    share = Share(str(deck_path), port=free_port())
    big = b"x" * 16_000_000  # far more than the kernel's buffers take: the writes must wait for the reader

    async def page(rank: int) -> bytes:
        return big

    monkeypatch.setattr(share, "page", page)
    async with running(share):
        reader, writer = await asyncio.open_connection("127.0.0.1", share.port)
        writer.write(f"GET /{share.secret}/ HTTP/1.1\r\nHost: 127.0.0.1:{share.port}\r\n\r\n".encode())
        await writer.drain()
        deadline = time.monotonic() + WAIT_S
        while share._downloads == 0 and time.monotonic() < deadline:
            await asyncio.sleep(0.01)  # the server's own task: there is no event to wait on from here
        assert share._downloads == 1
        while share._downloads and time.monotonic() < deadline:
            await asyncio.sleep(0.05)  # we never read: the server must give up on us
        assert share._downloads == 0
        received = 0
        while chunk := await asyncio.wait_for(reader.read(1 << 20), WAIT_S):
            received += len(chunk)
        assert received < len(big)  # the connection was closed part way
        writer.close()
