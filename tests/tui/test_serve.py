"""`deck serve`: the deck in a real browser (headless Chromium), read-only, on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest

from deck.cli import main
from deck.core.document import DeckDocument
from deck.tui.app import make_app

from ..conftest import ROOT

SHOWCASE = ROOT / "tests" / "decks" / "showcase.yaml"
NODE_MODULES = ROOT / ".ci" / "tools" / "node_modules"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else "server exited"
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)  # a separate process: polling its port is the only way to know it is up
    raise AssertionError("deck serve never started listening")


def serve(tmp_path, port: int, *extra: str) -> subprocess.Popen:
    """`deck serve` of the showcase in a process of its own, listening once this returns."""
    server = subprocess.Popen(
        [sys.executable, "-m", "deck", "serve", str(SHOWCASE), "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    wait_for_port(port, server)
    return server


def test_served_deck_in_headless_chromium(tmp_path):
    if shutil.which("node") is None or not (NODE_MODULES / "playwright-core").is_dir():
        pytest.skip("node and playwright-core are needed: npm install --prefix .ci/tools (or run bash .ci/run)")
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is needed: apt-get install -y chromium (or set CHROMIUM)")
    port = free_port()
    server = serve(tmp_path, port)
    try:
        result = subprocess.run(
            [
                "node",
                str(ROOT / "tests" / "browser" / "serve_check.js"),
                f"http://127.0.0.1:{port}",
                "Showcase deck",
                "ArrowRight",
                "Points with their own labels",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        )
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        assert outcome["ok"], outcome.get("error") or result.stderr
        assert outcome["seen"] == ["Showcase deck", "Points with their own labels"]
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not list(tmp_path.iterdir())  # a served session writes nothing


def test_serve_listens_on_loopback_and_warns_loudly_otherwise(monkeypatch, capsys):
    started = []

    class FakeServer:
        def __init__(self, command, host, port, title, max_sessions, allow_hosts=()):
            started.append((command, host, port, title))

        def serve(self):
            pass

    monkeypatch.setattr("deck.tui.serve.GuardedServer", FakeServer)
    assert main(["serve", str(SHOWCASE)]) == 0
    command, host, port, title = started[-1]
    assert (host, port, title) == ("127.0.0.1", 8000, "Showcase deck")
    assert command.endswith(f"present {SHOWCASE} --read-only --audience")  # no speaker notes unless asked
    assert "WARNING" not in capsys.readouterr().err
    assert main(["serve", str(SHOWCASE), "--notes"]) == 0
    assert started[-1][0].endswith(f"present {SHOWCASE} --read-only")
    assert main(["serve", str(SHOWCASE), "--host", "0.0.0.0", "--port", "9000"]) == 0
    assert started[-1][1:3] == ("0.0.0.0", 9000)
    assert "WARNING: listening on 0.0.0.0" in capsys.readouterr().err


async def test_a_read_only_session_cannot_edit_or_export():
    app = make_app(DeckDocument.load(SHOWCASE), read_only=True, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        for action in ("edit_slide", "edit_external", "structural_edit", "undo"):
            assert app.check_action(action, ()) is False  # hidden: the keys do nothing
        await pilot.press("e", "a", "X")
        await pilot.pause()
        assert app.screen is app.presenter  # no editor, no confirmation opened
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not [t for t in titles if t.startswith(("export:", "edit:"))]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"own labels", "enter")  # going to a slide by its title is still offered
        await pilot.pause()
        assert app.presenter.index == 1


def test_serve_on_a_busy_port_says_so_before_any_banner(monkeypatch, capsys):
    import socket

    monkeypatch.setattr("deck.tui.serve.GuardedServer", lambda *a, **k: pytest.fail("no server may start"))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", str(SHOWCASE), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "serving" not in err


async def test_an_audience_presenter_never_shows_the_notes():
    app = make_app(DeckDocument.load(SHOWCASE), read_only=True, audience=True, notes=True, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        presenter = app.presenter
        assert not presenter.notes_visible  # --notes is overruled
        await pilot.press("s")
        await pilot.pause()
        assert not presenter.notes_visible and not presenter.query_one("#notes").display
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not [t for t in titles if "notes" in t.lower()]
        keys = str(presenter.query_one("#keys").render())
        assert "Notes" not in keys


def http_status(port: int, path: str, headers: dict[str, str]) -> int:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


WEBSOCKET = {"Connection": "Upgrade", "Upgrade": "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="}


def test_serve_refuses_other_hosts_and_origins(tmp_path):
    """A page on another origin must not read the deck, and DNS rebinding (Host: evil) must not work."""
    port = free_port()
    server = serve(tmp_path, port, "--max-sessions", "1")
    try:
        own = f"127.0.0.1:{port}"
        assert http_status(port, "/", {"Host": own}) == 200
        assert http_status(port, "/", {"Host": f"localhost:{port}"}) == 200
        assert http_status(port, "/", {"Host": "evil.example"}) == 421
        assert http_status(port, "/", {"Host": f"evil.example:{port}"}) == 421
        assert http_status(port, "/ws", {"Host": own, "Origin": "http://evil.example", **WEBSOCKET}) == 403
        assert http_status(port, "/ws", {"Host": own, **WEBSOCKET}) == 403  # no origin: not a page of ours
        assert http_status(port, "/ws?width=20000&height=20000", {"Host": own, "Origin": f"http://{own}", **WEBSOCKET}) == 101
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_terminal_sizes_from_the_browser_are_bounded():
    from deck.tui.serve import MAX_COLUMNS, MAX_ROWS, allowed_hosts, clamp_size

    assert clamp_size("20000", "20000") == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size("nan", None) == (80, 24)
    assert clamp_size("-5", "10") == (1, 10)
    assert allowed_hosts("127.0.0.1", 8000) >= {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert "evil.example:8000" not in allowed_hosts("127.0.0.1", 8000)
    assert allowed_hosts("192.0.2.7", 9000) == {"192.0.2.7", "192.0.2.7:9000"}


def test_on_every_address_the_page_points_its_websocket_where_the_browser_came_from(tmp_path):
    """`--host 0.0.0.0`: a browser on another machine reaches the page by this machine's address, and the
    page must send its websocket there (it said ws://0.0.0.0, which only this machine can reach)."""
    import http.client

    port = free_port()
    server = serve(tmp_path, port, "--host", "0.0.0.0", "--allow-host", "192.0.2.7")
    try:
        assert http_status(port, "/", {"Host": f"evil.example:{port}"}) == 421  # DNS rebinding, on every address too
        assert http_status(port, "/", {"Host": f"127.0.0.1:{port}"}) == 200
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.putrequest("GET", "/", skip_host=True)
        connection.putheader("Host", f"192.0.2.7:{port}")
        connection.endheaders()
        page = connection.getresponse().read().decode("utf-8")
        connection.close()
        assert f"ws://192.0.2.7:{port}/ws" in page and "0.0.0.0" not in page
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_served_page_asks_nothing_of_the_network(tmp_path):
    """textual-serve's page asked fonts.googleapis.com for its font: nothing in a deck reaches the network."""
    import http.client

    port = free_port()
    server = serve(tmp_path, port)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        page = response.read().decode("utf-8")
        policy = response.getheader("Content-Security-Policy") or ""
        connection.close()
        assert "googleapis" not in page and "https://" not in page
        assert "default-src 'self'" in policy and f"connect-src 'self' ws://127.0.0.1:{port}" in policy
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_opened_as_localhost_the_page_points_at_localhost(tmp_path):
    """Opened at http://localhost:PORT, the page's script and websocket pointed at 127.0.0.1, another origin
    its content security policy refuses: a dead page (found in review)."""
    import http.client

    port = free_port()
    server = serve(tmp_path, port)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/", headers={"Host": f"localhost:{port}"})
        page = connection.getresponse().read().decode("utf-8")
        connection.close()
        assert f"localhost:{port}" in page and f"127.0.0.1:{port}" not in page
    finally:
        server.terminate()
        server.wait(timeout=10)


async def test_q_in_a_browser_keeps_the_talk_and_says_to_close_the_tab(monkeypatch):
    # q ended a viewer's session: textual-serve showed "Session ended" and the talk was gone from the tab
    from deck.tui.app import DeckApp
    from deck.tui.screens.help import HelpScreen

    from ..conftest import notified, until

    monkeypatch.setattr(DeckApp, "is_web", property(lambda self: True))
    app = make_app(DeckDocument.load(SHOWCASE), read_only=True, audience=True, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Quit" not in str(app.presenter.query_one("#keys").render())
        await pilot.press("q")
        await until(pilot, lambda: any("close the tab" in message for message in notified(app)))
        assert app.is_running and app.return_code is None
        assert not [c for c in app.get_system_commands(app.screen) if "Quit" in c.title]
        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        from .test_presenter import _plain

        help_text = _plain(app, "#help-table")
        assert "Blank the screen" in help_text and "Quit" not in help_text
