"""`deck serve`: textual-serve behind the checks a page on a loopback port needs.

textual-serve checks neither `Host` nor `Origin`: any web page could open its websocket and read the
deck (DNS rebinding included), and every websocket starts a process of whatever size the URL asks.
This server accepts only `Host` values naming the bound address (and localhost on loopback), the
websocket only from the page's own origin, terminals of at most MAX_COLUMNS x MAX_ROWS, and at most
`max_sessions` sessions at once.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from ..core.hosts import HOST as _HOST
from ..core.hosts import allowed_hosts

MAX_COLUMNS = 500
MAX_ROWS = 200
DEFAULT_SESSIONS = 8

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


_FONT_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>", re.IGNORECASE)


def _local_only(response: web.StreamResponse, host: str) -> web.StreamResponse:
    """textual-serve's page asks a public font service for its font: the link goes (the terminal's monospace
    font serves), and a content security policy keeps the page to this server alone."""
    if isinstance(response, web.Response) and response.content_type == "text/html" and response.text is not None:
        response.text = _FONT_LINK.sub("", response.text)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            f"img-src 'self' data:; font-src 'self' data:; connect-src 'self' ws://{host}"
        )
    return response


def clamp_size(width: Any, height: Any) -> tuple[int, int]:
    """A terminal size from the browser, bounded (a huge one would cost gigabytes)."""

    def number(value: Any, default: int, most: int) -> int:
        try:
            return max(1, min(int(value), most))
        except (TypeError, ValueError, OverflowError):
            return default

    return number(width, 80, MAX_COLUMNS), number(height, 24, MAX_ROWS)


class GuardedServer(Server):
    def __init__(
        self, command: str, host: str, port: int, title: str, max_sessions: int = DEFAULT_SESSIONS, allow_hosts: tuple[str, ...] = ()
    ) -> None:
        super().__init__(command, host=host, port=port, title=title)
        # on every address (asked for, and warned about), still only this machine's names and addresses and
        # those given with --allow-host: a Host of any other name is DNS rebinding
        self.hosts = allowed_hosts(host, port, allow_hosts)
        self.max_sessions = max_sessions
        self.sessions = 0

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        host = request.headers.get("Host", "").lower()
        if host not in self.hosts:
            return web.Response(status=421, text="deck serve: this server answers only to its own address\n")
        if request.path != "/ws":
            if _HOST.fullmatch(host):
                # the page tells the browser where its script, styles and websocket are: at the address the browser
                # asked for (on every address the page said ws://0.0.0.0, which only this machine can reach; opened
                # as localhost it said 127.0.0.1, another origin that the page's policy refuses). Set just before
                # the page is made, in the same step of the event loop.
                self.public_url = f"http://{host}"
            return _local_only(await handler(request), host)
        origin = request.headers.get("Origin", "").lower()
        scheme, _, origin_host = origin.partition("://")
        if scheme not in ("http", "https") or origin_host not in self.hosts:
            return web.Response(status=403, text="deck serve: the deck opens only from its own page\n")
        if self.sessions >= self.max_sessions:
            return web.Response(status=503, text=f"deck serve: {self.max_sessions} sessions already open (--max-sessions)\n")
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        request = request.clone(rel_url=request.rel_url.with_query({"width": str(width), "height": str(height)}))
        self.sessions += 1
        try:
            return await handler(request)
        finally:
            self.sessions -= 1

    async def _process_messages(self, websocket: web.WebSocketResponse, app_service: AppService) -> None:
        """textual-serve's message loop, with resizes bounded and malformed messages ignored."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()
