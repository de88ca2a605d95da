"""`deck share`: the deck's own HTML page in any number of browsers, following `deck present` live.

One process, one asyncio loop. The page is the HTML export without notes (rendered once per deck version
and filter, kept in memory); the live channel is server-sent events: every open page holds one
`GET <secret>/events` and is sent one small JSON message per change: the slide and step the audience view
shows, its filter, whether it is blanked, whether a presenter is there, and the deck's version. Why
server-sent events rather than websockets: the channel goes one way, from the presenter to the pages;
an EventSource reconnects by itself (a viewer's lost Wi-Fi, a restarted share) and is plain HTTP, which
any proxy or CDN in front passes.

The share follows the audience view through the speaker link as a follower (`deck.link.Follower`): it is
told every move and asks nothing, so the audience's terminal does not change for it. Everything it
serves sits under a random secret in the path; anything else gets 403 and no content. The `Host` rules
are `deck serve`'s (`deck.core.hosts`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import json
import os
import re
import secrets
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from .core.diagnostics import DeckError
from .core.hosts import allowed_hosts
from .core.loader import load_deck
from .core.model import Confidence, Deck
from .core.text import visible
from .export import ExportOptions
from .export.html import export as html_export
from .link import Follower, socket_path

KEEPALIVE_S = 15.0  # the state sent again this often when nothing changes: proxies keep the stream, gone pages are found
WATCH_S = 0.5  # how often the deck file is looked at for a live edit
DEFAULT_VIEWERS = 10_000
MAX_DOWNLOADS = 32  # pages being sent at once (a stalled reader is dropped after WRITE_S)
CHUNK, WRITE_S = 64 * 1024, 10.0
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
_HEADERS = {
    "Content-Security-Policy": CSP,
    "Referrer-Policy": "no-referrer",  # a source link followed never carries the secret away
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def level_of(rank: int) -> Confidence | None:
    """The filter as the link tells it (the rank of the weakest level shown; -1 for all)."""
    return next((level for level in Confidence.source_levels() if level.rank == rank), None)


@dataclass
class State:
    """What the audience sees, as every page is told it."""

    slide: int = 0
    step: int = 0
    shown: int = -1
    blanked: bool = False
    live: bool = False  # a presenter is there
    version: int = 1  # the deck's version: a page of another version reloads

    def message(self) -> bytes:
        data = {"slide": self.slide, "step": self.step, "shown": self.shown, "blank": self.blanked, "live": self.live, "version": self.version}
        return b"data: " + json.dumps(data, separators=(",", ":")).encode("ascii") + b"\n\n"


@dataclass
class Share:
    path: str
    host: str = "127.0.0.1"
    port: int = 8000
    allow_hosts: tuple[str, ...] = ()
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    max_viewers: int = DEFAULT_VIEWERS
    on_reload: Callable[[str], None] = lambda said: None  # told what a live edit did, in words

    def __post_init__(self) -> None:
        self.deck: Deck = load_deck(self.path)  # a broken deck is said here, before anything listens
        self.hosts = allowed_hosts(self.host, self.port, self.allow_hosts)
        self.state = State()
        self.viewers = 0
        self._pages: dict[tuple[int, int], asyncio.Future[bytes]] = {}  # (version, filter rank) -> the page, rendered once
        self._downloads = 0
        self._message = self.state.message()
        self._sequence = 0
        self._changed = asyncio.Event()
        self._closing = False
        self._stamp = _stamp(self.path)

    # -- the state, told to every page ------------------------------------------------------------
    def publish(self) -> None:
        """Every open page is sent the state: one message, written by each page's own task."""
        self._message = self.state.message()
        self._sequence += 1
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def follow(self, message: dict[str, int]) -> None:
        """The audience view moved, filtered or blanked."""
        self.state.slide = message.get("slide", self.state.slide)
        self.state.step = message.get("step", self.state.step)
        self.state.shown = message.get("shown", self.state.shown)
        self.state.blanked = bool(message.get("blanked", 0))
        self.publish()

    def connected(self, live: bool) -> None:
        self.state.live = live
        if not live:
            self.state.blanked = False  # a presenter gone shows no blank screen
        self.publish()

    # -- the page ---------------------------------------------------------------------------------
    async def page(self, rank: int) -> bytes:
        """The page for the deck's current version under filter `rank`, rendered once (off the loop): the
        pages that ask together, as all do after a live edit, wait for the one render."""
        key = (self.state.version, rank)
        if key not in self._pages:
            self._pages = {k: v for k, v in self._pages.items() if k[0] >= self.state.version}  # older versions go
            self._pages[key] = asyncio.ensure_future(asyncio.to_thread(shared_page, self.deck, level_of(rank), key[0], rank))
        return await asyncio.shield(self._pages[key])

    # -- the server -------------------------------------------------------------------------------
    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=1024)
        app.router.add_get(f"/{self.secret}/", self._page)
        app.router.add_get(f"/{self.secret}/events", self._events)
        return app

    @property
    def url(self) -> str:
        host = self.host if self.host not in ("0.0.0.0", "::", "") else _machine_name()
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{self.port}/{self.secret}/"

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        first = request.path.split("/")[1] if request.path.count("/") >= 2 else ""
        if not hmac.compare_digest(first.encode("utf-8", "replace"), self.secret.encode("ascii")):
            return web.Response(status=403)  # no content, not even what this is
        if request.headers.get("Host", "").lower() not in self.hosts:
            return web.Response(status=421)  # another name for this address: DNS rebinding
        origin = request.headers.get("Origin")
        if origin is not None and origin.lower().partition("://")[2] not in self.hosts:
            return web.Response(status=403)
        return await handler(request)

    async def _page(self, request: web.Request) -> web.StreamResponse:
        """The page, sent in pieces, each given WRITE_S to leave: a reader that stalls is dropped instead of
        holding a copy of the page, and at most MAX_DOWNLOADS pages are on their way at once."""
        if self._downloads >= MAX_DOWNLOADS:
            return web.Response(status=503, text="deck share: busy sending the page; try again\n")
        self._downloads += 1
        try:
            body = await self.page(self.state.shown)
            response = web.StreamResponse(headers=_HEADERS | {"Content-Type": "text/html; charset=utf-8"})
            response.content_length = len(body)
            await response.prepare(request)
            for start in range(0, len(body), CHUNK):
                await asyncio.wait_for(response.write(body[start : start + CHUNK]), WRITE_S)
            await response.write_eof()
            return response
        finally:
            self._downloads -= 1

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if self.viewers >= self.max_viewers:
            return web.Response(status=503, text=f"deck share: {self.max_viewers} viewers already (--max-viewers)\n")
        response = web.StreamResponse(headers=_HEADERS | {"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"})
        await response.prepare(request)
        self.viewers += 1
        sent = -1
        try:
            while not self._closing:
                changed = self._changed  # taken before the check: a change after it sets this one
                if sent != self._sequence:
                    sent = self._sequence
                    await response.write(self._message)  # the latest state: a slow page skips what it missed
                    continue
                await changed.wait()  # no timer per page: the keep-alive is one publish for all (keep_alive)
        except (ConnectionError, RuntimeError):
            pass  # the page went away
        finally:
            self.viewers -= 1
        return response

    async def keep_alive(self) -> None:
        """Every KEEPALIVE_S without a change, every page is sent the state again: proxies keep the
        stream open, and a page that went away is found (its write fails)."""
        while True:
            sequence = self._sequence
            await asyncio.sleep(KEEPALIVE_S)
            if sequence == self._sequence:
                self.publish()

    async def watch(self) -> None:
        """A live edit reaches the pages: a deck that loads becomes the next version (they reload);
        one with errors is said, and the last good version stays."""
        while True:
            await asyncio.sleep(WATCH_S)
            stamp = _stamp(self.path)
            if stamp == self._stamp:
                continue
            self._stamp = stamp
            try:
                deck = await asyncio.to_thread(load_deck, self.path)
            except DeckError as exc:
                self.on_reload(f"not reloaded, the pages keep the last good version: {exc.first}")
                continue
            except OSError as exc:
                self.on_reload(f"not reloaded: {visible(str(exc.strerror or exc))}")
                continue
            self.deck = deck
            self.state.version += 1
            self.publish()
            self.on_reload(f"reloaded: version {self.state.version}, {len(deck.slides)} slides")

    async def run(self, ready: Callable[[Share], None] = lambda share: None) -> None:
        """Serve until cancelled: the pages, the follower of `deck present`, and the file watch."""
        self.max_viewers = min(self.max_viewers, _open_files() - 64)  # each stream is a socket: never past the limit
        await self.page(-1)  # the first page, before the link is printed
        gc.freeze()  # what is loaded lives as long as the share: no collection rescans it while pages are told a move
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, backlog=1024)
        await site.start()
        follower = Follower(socket_path(self.path), self.follow, self.connected)
        tasks = [asyncio.create_task(follower.run()), asyncio.create_task(self.watch()), asyncio.create_task(self.keep_alive())]
        ready(self)
        try:
            await asyncio.Event().wait()
        finally:
            self._closing = True
            self.publish()  # every page's stream ends now, not at its next keep-alive
            for task in tasks:
                task.cancel()
            for task in tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            await runner.cleanup()


def _open_files() -> int:
    """How many files this process may open, raised to the system's hard limit first (the usual 1,024
    would refuse the 1,025th viewer with a flood of tracebacks)."""
    try:
        import resource
    except ImportError:  # not POSIX
        return DEFAULT_VIEWERS + 64
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        wanted = 1_048_576 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return max(65, soft if soft != resource.RLIM_INFINITY else DEFAULT_VIEWERS + 64)


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def _machine_name() -> str:
    import socket

    return socket.gethostname() or "localhost"


_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def shared_page(deck: Deck, minimum: Confidence | None, version: int, rank: int) -> bytes:
    """The HTML export without notes, filtered as the audience is, with the script that follows the
    presenter and the policy that lets it reach this server (and nothing else)."""
    html = html_export(deck, ExportOptions(min_confidence=minimum, notes=False))
    html = _CSP_META.sub(f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n<meta name="referrer" content="no-referrer">', html, count=1)
    follow = FOLLOW_SCRIPT.replace("__VERSION__", str(version)).replace("__SHOWN__", str(rank))
    html = html.replace("</body>", f"<style>{FOLLOW_STYLE}</style>\n<script>{follow}</script>\n</body>", 1)
    return html.encode("utf-8")


FOLLOW_STYLE = """
body.blanked main, body.blanked .legend-box { visibility: hidden; }
body.blanked { background: #000; }
#follow { position: fixed; left: 1vw; top: 1vh; z-index: 10; font: 13px system-ui, sans-serif; cursor: pointer;
  background: var(--panel); color: var(--foreground); border: 1px solid var(--primary); border-radius: 1em; padding: .2em .8em; }
#follow.paused { border-color: var(--accent); }
@media print { #follow { display: none; } }
"""

# Follows the presenter while `following`; any key that moves the page stops following (the viewer
# browses on their own) until F or a click on the pill. A message of another deck version or another
# filter reloads the page, which the server renders for the current ones.
FOLLOW_SCRIPT = r"""
(function () {
  const VERSION = __VERSION__, SHOWN = __SHOWN__;
  const pill = document.createElement('button');
  pill.id = 'follow';
  document.body.appendChild(pill);
  let following = true, last = null, live = false;
  function say() {
    pill.textContent = !live ? '○ Waiting for the presenter' : following ? '● Following the presenter' : '◌ On your own: press F or click to follow';
    pill.classList.toggle('paused', live && !following);
    document.body.dataset.following = following ? '1' : '0';
    document.body.dataset.live = live ? '1' : '0';
  }
  function apply() {
    if (!last) return;
    document.body.classList.toggle('blanked', !!last.blank);
    if (following && live) window.deckShow(last.slide, last.step);
  }
  function follow() { following = true; apply(); say(); }
  const source = new EventSource('events');
  source.onmessage = (e) => {
    let m;
    try { m = JSON.parse(e.data); } catch (err) { return; }
    if (m.version !== VERSION || m.shown !== SHOWN) { source.close(); location.reload(); return; }
    last = m; live = !!m.live; apply(); say();
  };
  source.onerror = () => {
    live = false; say();
    // refused for good (a share restarted with a new link answers 403): the stream will not come back
    if (source.readyState === EventSource.CLOSED) pill.textContent = '✕ This link has ended: ask the presenter for the new one';
  };
  document.addEventListener('keydown', (e) => {
    if (e.key === 'f' || e.key === 'F') { follow(); return; }
    if (['ArrowRight', ' ', 'PageDown', 'l', 'ArrowLeft', 'PageUp', 'h', 'Backspace', 'Home', 'End', 'Enter'].includes(e.key) || /^[0-9]$/.test(e.key)) {
      following = false; say();
    }
  }, true);
  pill.addEventListener('click', (e) => { e.stopPropagation(); follow(); });
  // a click or tap that moves the page (its own handler) is browsing too
  document.addEventListener('click', (e) => {
    if (!e.target.closest('#follow, a, button, details, summary')) { following = false; say(); }
  }, true);
  say();
})();
"""


def serve(share: Share) -> None:
    """Run `share` until Ctrl+C, printing the link and what live edits do."""

    def ready(running: Share) -> None:
        print(f"deck: sharing {visible(repr(running.deck.title))} at {running.url}", file=sys.stderr)
        print("deck: the link carries the secret: give it to your audience; no speaker notes are served. Ctrl+C stops.", file=sys.stderr)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(share.run(ready))


__all__ = ["Share", "State", "serve", "shared_page", "level_of"]
