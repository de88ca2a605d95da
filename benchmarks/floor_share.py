"""The floor for bench_share.py: the same broadcast with no deck work.

    python benchmarks/floor_share.py DECK PORT

Follows the audience view of DECK over the speaker link, as `deck share` does, and forwards each line
it is told, as it is, to every `GET /events` stream (server-sent events, one asyncio task per page, the
same wake-up as deck's). No secret, no Host check, no page, no state: what any broadcast costs here.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deck.link import socket_path


class Floor:
    def __init__(self) -> None:
        self.message = b""
        self.sequence = 0
        self.changed = asyncio.Event()

    async def events(self, request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        await response.prepare(request)
        sent = 0
        try:
            while True:
                changed = self.changed
                if sent != self.sequence:
                    sent = self.sequence
                    await response.write(self.message)
                    continue
                await changed.wait()
        except (ConnectionError, RuntimeError):
            pass
        return response

    async def follow(self, deck: str) -> None:
        reader, writer = await asyncio.open_unix_connection(str(socket_path(deck)))
        writer.write(b'{"follow":1}\n')
        while line := await reader.readline():
            self.message = b"data: " + line.strip() + b"\n\n"
            self.sequence += 1
            changed, self.changed = self.changed, asyncio.Event()
            changed.set()


async def main(deck: str, port: int) -> None:
    floor = Floor()
    app = web.Application()
    app.router.add_get("/events", floor.events)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port, backlog=4096).start()
    print(f"floor at http://127.0.0.1:{port}/events", file=sys.stderr, flush=True)
    await floor.follow(deck)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
