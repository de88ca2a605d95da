"""`deck share` for a room, or a company: how long from the presenter's move to every follower's page.

    python benchmarks/bench_share.py [--followers 1000,5000] [--moves 20] [--workers 2]

A stand-in presenter (the speaker link's audience side, as `deck present` runs it) listens on the deck's
socket; `deck share` runs as its own process and follows it; N simulated followers (aiohttp streams of
server-sent events, spread over worker processes, as N browsers' EventSource would hold them) connect.
The presenter then moves M times, each move once every follower has seen the last one, and the time
from the move (its message written to the socket) to each follower's receipt is recorded with the
machine's monotonic clock, which every process here shares. Printed: p50, p99 and max over all
followers and moves, and the server's resident memory with N streams open, beside the floor in the same
run: benchmarks/floor_share.py, the same broadcast with no deck work (no secret, page, Host check or
state). The followers run on this machine too, so both figures include their own work.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from deck.link import AudienceLink, socket_path  # noqa: E402

GOAL_P99_MS = 250.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- followers, in worker processes -------------------------------------------------------------------


def follower_worker(url: str, count: int, conn: Connection) -> None:
    asyncio.run(_followers(url, count, conn))


async def _followers(url: str, count: int, conn: Connection) -> None:
    import aiohttp

    seen: list[dict[int, int]] = [{} for _ in range(count)]  # per follower: slide -> receipt time (ns)
    arrived: dict[int, int] = {}
    waiters: dict[int, asyncio.Event] = {}

    async def follow(n: int, session: aiohttp.ClientSession) -> None:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=None)) as response:
            async for line in response.content:
                if line.startswith(b"data: "):
                    now = time.monotonic_ns()
                    slide = json.loads(line[6:])["slide"]
                    if slide not in seen[n]:
                        seen[n][slide] = now
                        arrived[slide] = arrived.get(slide, 0) + 1
                        if arrived[slide] == count and slide in waiters:
                            waiters[slide].set()

    loop = asyncio.get_running_loop()
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(connector=connector) as session:
        tasks = [asyncio.create_task(follow(n, session)) for n in range(count)]
        waiters[0] = asyncio.Event()
        if arrived.get(0) == count:
            waiters[0].set()
        await waiters[0].wait()  # every stream open, and told the first slide
        conn.send("ready")
        while True:
            command = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                break
            slide = int(command)
            waiters[slide] = asyncio.Event()
            if arrived.get(slide) == count:
                waiters[slide].set()
            await waiters[slide].wait()
            conn.send([s[slide] for s in seen])
        for task in tasks:
            task.cancel()


# -- one measurement ----------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def measure(server_cmd: list[str], url: str, deck: Path, followers: int, moves: int, workers: int) -> tuple[list[float], float]:
    where = [0, 0]
    link = AudienceLink(socket_path(deck), current=lambda: (where[0], where[1]), on_goto=lambda i, s: None, on_count=lambda n: None)
    assert await link.start()
    server = subprocess.Popen(server_cmd, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        line = await asyncio.to_thread(server.stderr.readline)  # printed once it listens
        if url == "":
            url = line.split(" at ", 1)[1].strip() + "events"
        while not link.followers:  # the server has said it follows
            await asyncio.sleep(0.01)
        pipes, processes = [], []
        share = [followers // workers + (1 if n < followers % workers else 0) for n in range(workers)]
        for count in share:
            mine, theirs = multiprocessing.Pipe()
            process = multiprocessing.Process(target=follower_worker, args=(url, count, theirs), daemon=True)
            process.start()
            pipes.append(mine)
            processes.append(process)
        for pipe in pipes:
            assert await asyncio.to_thread(pipe.recv) == "ready"
        memory = rss_mb(server.pid)
        latencies: list[float] = []
        for move in range(1, moves + 1):
            slide = move  # a new number each move: a share passes any slide number on (the page clamps it)
            for pipe in pipes:
                pipe.send(slide)
            where[:] = [slide, 0]
            started = time.monotonic_ns()
            link.broadcast(slide, 0)
            for pipe in pipes:
                receipts = await asyncio.to_thread(pipe.recv)
                latencies += [(t - started) / 1e6 for t in receipts]
        for pipe in pipes:
            pipe.send("stop")
        for process in processes:
            process.join(timeout=30)
        return latencies, memory
    finally:
        server.terminate()
        server.wait(timeout=30)
        deadline = time.monotonic() + 10
        while link.followers and time.monotonic() < deadline:  # the server's end of the link closes with it
            await asyncio.sleep(0.01)
        await link.close()


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--followers", default="1000,5000", help="comma-separated numbers of followers")
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="processes holding the followers' streams")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("XDG_RUNTIME_DIR", str(folder))
    from deck.core.paths import bundled_deck

    deck = folder / "briefing.yaml"
    deck.write_bytes(Path(bundled_deck()).read_bytes())
    for followers in (int(n) for n in args.followers.split(",")):
        results = {}
        for name in ("floor", "deck"):
            port = free_port()
            if name == "deck":
                cmd = [sys.executable, "-m", "deck", "share", str(deck), "--port", str(port), "--max-viewers", str(followers + 10)]
                url = ""
            else:
                cmd = [sys.executable, str(HERE / "floor_share.py"), str(deck), str(port)]
                url = f"http://127.0.0.1:{port}/events"
            results[name] = asyncio.run(measure(cmd, url, deck, followers, args.moves, args.workers))
        print(f"{followers:,} followers, {args.moves} moves, {args.workers} follower processes (this machine: {os.cpu_count()} cores):")
        for name in ("deck", "floor"):
            latencies, memory = results[name]
            print(
                f"  {name:5}  p50 {statistics.median(latencies):7.1f} ms   p99 {p99(latencies):7.1f} ms   max {max(latencies):7.1f} ms"
                f"   server memory {memory:6.1f} MB" + (f"   (goal: p99 within {GOAL_P99_MS:.0f} ms)" if name == "deck" else "")
            )


if __name__ == "__main__":
    main()
