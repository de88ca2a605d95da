"""The link between an audience view and its speaker views: a Unix socket private to the user.

The audience view (`deck present`) listens; speaker views (`deck speaker`) connect. Messages are
JSON lines: a speaker view says {"hello": 1} first, {"goto": N, "step": S} to move, and {"blank": 1}
or {"filter": 1} to blank the audience's screen or cycle its filter, {"run": 1} to run (or stop) the slide's
code block there (which runs only if that presenter was started with --run-code); the audience view sends
{"slide": N, "step": S, "shown": F} on connect and at every change (the step of an incremental slide; F the
audience's filter, the rank of the weakest level shown, -1 for all; "blanked": 1 while its screen is blank), with "talk": T on connect (the seconds
since the talk started, by the audience view's clock: a speaker view started late keeps the same time). Only a peer that said hello counts as a
speaker view (a probe that connects and leaves does not). A follower (`deck share`) says {"follow": 1}
instead: it is told every change, as a speaker view is, but is not one (the audience's screen does not
change for it) and may ask for nothing. No network port is ever opened: the socket lives in a folder only the user can
enter, and is itself mode 0600.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import re
import socket
import stat
import struct
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

MAX_LINE = 4096
MAX_VALUE = 10**9  # more slides, steps or seconds (31 years) than any talk has
KEYS = (
    "slide",
    "goto",
    "step",
    "hello",
    "follow",
    "blank",
    "filter",
    "run",
    "shown",
    "talk",
    "blanked",
)  # a message is a few bytes; anything longer is not from a deck view


def runtime_dir() -> Path:
    """The user's runtime folder ($XDG_RUNTIME_DIR/deck, else a private folder in the temp dir).

    In the shared temp dir another user could plant a link where the folder should be: the folder is
    looked at without following links (lstat, then opened O_NOFOLLOW|O_DIRECTORY and checked again
    through the open descriptor), and must be a real folder of ours, mode 0700."""
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "deck" if base and Path(base).is_dir() else Path(tempfile.gettempdir()) / f"deck-{os.getuid()}"
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(folder)
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise PermissionError(f"{folder} is not a folder (a link or a file stands there); remove it")
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        opened = os.fstat(fd)
    finally:
        os.close(fd)
    if (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
        raise PermissionError(f"{folder} changed while it was checked; try again")
    if opened.st_uid != os.getuid() or stat.S_IMODE(opened.st_mode) & 0o077:
        raise PermissionError(f"{folder} must belong to you and be private (mode 0700)")
    return folder


def peer_is_us(writer: asyncio.StreamWriter) -> bool:
    """True when the process at the other end of a Unix socket runs as this user (SO_PEERCRED)."""
    sock = writer.get_extra_info("socket")
    if sock is None or not hasattr(socket, "SO_PEERCRED"):
        return True  # not Linux: the folder's 0700 mode is the guard
    creds = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return bool(uid == os.getuid())


def socket_path(deck_path: str | os.PathLike[str]) -> Path:
    """One socket per deck file, named for it, so that two decks can be presented at once."""
    resolved = str(Path(deck_path).resolve())
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(resolved).stem)[:40]
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:12]
    folder = runtime_dir()
    path = folder / f"{stem}-{digest}.sock"
    # a socket's path is limited (104 bytes on macOS, 108 on Linux): keep only the digest if need be
    return path if len(str(path).encode()) < 100 else folder / f"{digest}.sock"


def encode(message: dict[str, int]) -> bytes:
    return (json.dumps(message, separators=(",", ":")) + "\n").encode("ascii")


def decode(line: bytes) -> dict[str, int] | None:
    """A message, or None for anything that is not one (never an exception)."""
    try:
        data = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    # every value a deck view sends is a slide, a step, a rank or seconds: a number past these bounds is not from one
    return {k: v for k, v in data.items() if k in KEYS and isinstance(v, int) and not isinstance(v, bool) and -1 <= v <= MAX_VALUE}


class AudienceLink:
    """The listening side, owned by the audience view."""

    def __init__(
        self,
        path: Path,
        current: Callable[[], tuple[int, int]],
        on_goto: Callable[[int, int | None], None],
        on_count: Callable[[int], None],
        on_command: Callable[[str], None] = lambda name: None,
        shown: Callable[[], int] = lambda: -1,
        talk: Callable[[], int] = lambda: 0,
        blanked: Callable[[], bool] = lambda: False,
    ) -> None:
        self.path = path
        self.blanked = blanked  # the audience's screen is blank
        self.current = current  # (slide, step)
        self.shown = shown  # the audience's filter: the rank of the weakest level it shows, -1 for all
        self.talk = talk  # seconds since the talk started
        self.on_goto = on_goto
        self.on_command = on_command  # 'blank', 'filter' or 'run', asked by a speaker view
        self.on_count = on_count  # told how many speaker views are connected, whenever it changes
        self.writers: set[asyncio.StreamWriter] = set()  # speaker views
        self.followers: set[asyncio.StreamWriter] = set()  # `deck share`: told, never heard
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> bool:
        """Listen; False if another audience view of the same deck is already listening."""
        if self.path.exists():
            if await _alive(self.path):
                return False
            self.path.unlink()  # left behind by a view that did not close it
        self.server = await asyncio.start_unix_server(self._serve, path=str(self.path), limit=MAX_LINE)
        os.chmod(self.path, 0o600)
        return True

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not peer_is_us(writer):
            writer.close()
            return
        try:
            index, step = self.current()
            writer.write(encode({"slide": index, "step": step, "shown": self.shown(), "talk": self.talk(), "blanked": int(self.blanked())}))
            await writer.drain()
            while line := await reader.readline():
                message = decode(line)
                if message and "follow" in message and writer not in self.writers:
                    self.followers.add(writer)
                elif message and "hello" in message and writer not in self.writers and writer not in self.followers:
                    self.writers.add(writer)
                    self.on_count(len(self.writers))
                elif message and "goto" in message and writer in self.writers:  # only a speaker view that said hello
                    self.on_goto(message["goto"], message.get("step"))
                elif message and writer in self.writers:
                    for name in ("blank", "filter", "run"):
                        if name in message:
                            self.on_command(name)
        except (ConnectionError, asyncio.LimitOverrunError, ValueError):
            pass  # a speaker view went away or sent garbage: drop it, keep presenting
        finally:
            writer.close()
            self.followers.discard(writer)
            if writer in self.writers:
                self.writers.discard(writer)
                self.on_count(len(self.writers))

    def broadcast(self, index: int, step: int = 0) -> None:
        data = encode({"slide": index, "step": step, "shown": self.shown(), "blanked": int(self.blanked())})
        for peers in (self.writers, self.followers):
            for writer in list(peers):
                if writer.is_closing():
                    peers.discard(writer)
                    continue
                writer.write(data)

    async def close(self) -> None:
        for writer in list(self.writers | self.followers):
            writer.close()
        if self.server is not None:
            self.server.close()
            with contextlib.suppress(OSError):
                await self.server.wait_closed()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


async def _alive(path: Path) -> bool:
    try:
        _, writer = await asyncio.open_unix_connection(str(path))
    except (ConnectionRefusedError, FileNotFoundError, OSError):
        return False
    writer.close()
    return True


class SpeakerLink:
    """The connecting side, owned by a speaker view: follows the audience view, reconnecting forever.

    Whoever reconnects adopts the other side's position: a new speaker view takes the audience view's
    slide; when the audience view comes back (restarted), it is sent to the slide the speaker is on.
    """

    RETRY_S = 0.25

    def __init__(
        self,
        path: Path,
        on_slide: Callable[[int, int], Awaitable[None] | None],
        on_connected: Callable[[bool], None],
        current: Callable[[], tuple[int, int]] | None = None,
        on_shown: Callable[[int], None] = lambda rank: None,
        on_talk: Callable[[int], None] = lambda seconds: None,
        on_blanked: Callable[[bool], None] = lambda blanked: None,
    ) -> None:
        self.path = path
        self.on_blanked = on_blanked  # the audience's screen was blanked or shown again
        self.on_talk = on_talk  # how long the talk has run, told once on connecting
        self.on_slide = on_slide
        self.on_shown = on_shown  # the audience's filter, as it changes
        self.on_connected = on_connected
        self.current = current
        self.writer: asyncio.StreamWriter | None = None
        self.was_connected = False

    async def run(self) -> None:
        while True:
            try:
                reader, self.writer = await asyncio.open_unix_connection(str(self.path), limit=MAX_LINE)
            except (ConnectionRefusedError, FileNotFoundError, OSError):
                await asyncio.sleep(self.RETRY_S)
                continue
            if not peer_is_us(self.writer):  # a socket another user put there: never follow it
                self.writer.close()
                self.writer = None
                await asyncio.sleep(self.RETRY_S)
                continue
            self.writer.write(encode({"hello": 1}))
            # the audience view came back: it takes our slide, and its first word (its own start) is stale
            resume = self.was_connected and self.current is not None
            if resume and self.current is not None:
                index, step = self.current()
                self.writer.write(encode({"goto": index, "step": step}))
            self.was_connected = True
            self.on_connected(True)
            try:
                while line := await reader.readline():
                    message = decode(line)
                    if resume and message and "slide" in message:
                        resume = False
                        continue
                    if message and "shown" in message:
                        self.on_shown(message["shown"])
                    if message and "blanked" in message:
                        self.on_blanked(bool(message["blanked"]))
                    if message and "talk" in message and message["talk"] >= 0:
                        self.on_talk(message["talk"])
                    if message and "slide" in message:
                        result = self.on_slide(message["slide"], message.get("step", 0))
                        if asyncio.iscoroutine(result):
                            await result
            except (ConnectionError, asyncio.LimitOverrunError, ValueError):
                pass
            finally:
                self.writer = None
                self.on_connected(False)

    def goto(self, index: int, step: int | None = None) -> bool:
        """Ask the audience view to show slide `index` at `step` (None: complete); False when not connected."""
        return self.send({"goto": index} if step is None else {"goto": index, "step": step})

    def send(self, message: dict[str, int]) -> bool:
        if self.writer is None or self.writer.is_closing():
            return False
        self.writer.write(encode(message))
        return True


class Follower:
    """The connecting side of `deck share`: told where the audience view is, reconnecting forever; it
    never asks the audience view for anything."""

    RETRY_S = 0.25

    def __init__(self, path: Path, on_state: Callable[[dict[str, int]], None], on_connected: Callable[[bool], None]) -> None:
        self.path = path
        self.on_state = on_state  # every message: slide, step, shown, blanked
        self.on_connected = on_connected

    async def run(self) -> None:
        while True:
            try:
                reader, writer = await asyncio.open_unix_connection(str(self.path), limit=MAX_LINE)
            except (ConnectionRefusedError, FileNotFoundError, OSError):
                await asyncio.sleep(self.RETRY_S)
                continue
            if not peer_is_us(writer):  # a socket another user put there: never follow it
                writer.close()
                await asyncio.sleep(self.RETRY_S)
                continue
            writer.write(encode({"follow": 1}))
            heard = False
            try:
                while line := await reader.readline():
                    message = decode(line)
                    if message and "slide" in message:
                        self.on_state(message)
                        if not heard:  # connected once the audience view has said where it is
                            heard = True
                            self.on_connected(True)
            except (ConnectionError, asyncio.LimitOverrunError, ValueError):
                pass
            finally:
                writer.close()
                if heard:
                    self.on_connected(False)
            await asyncio.sleep(self.RETRY_S)
