"""CPU time the Bot API sandbox process spends per call (its own cost, not the bot's).

Starts `python -m bot.sandbox` from a checkout, sends `--calls` sendMessage (HTML, 50 chats,
16 at a time) and then takes `--updates` injected updates one getUpdates at a time through
PTB's real HTTP stack, and reports the sandbox process's CPU milliseconds per call
(/proc/PID/stat), which a busy machine disturbs far less than wall-clock rates.

Run: python benchmarks/bench_sandbox.py [--calls 2000 --updates 300 --rounds 3 --repo PATH]
(--repo: another checkout, e.g. the code before a change, to compare.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
from pathlib import Path

import aiohttp
from telegram import Bot
from telegram.request import HTTPXRequest

HERE = Path(__file__).resolve()
TOKEN = "123456:BENCH"


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def one_round(repo: Path, calls: int, updates: int) -> tuple[float, float]:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.sandbox",
        "--port",
        str(port),
        "--token",
        TOKEN,
        cwd=repo,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        await process.stdout.readline()  # "Bot API sandbox listening: ..."
        base = f"http://127.0.0.1:{port}"
        request = HTTPXRequest(connection_pool_size=16)
        async with Bot(TOKEN, base_url=base + "/bot", request=request) as bot:
            limit = asyncio.Semaphore(16)

            async def send(i: int) -> None:
                async with limit:
                    await bot.send_message(1 + i % 50, f"<b>Dose</b> {i}", parse_mode="HTML")

            before = process_cpu_seconds(process.pid)
            await asyncio.gather(*(send(i) for i in range(calls)))
            per_send = (process_cpu_seconds(process.pid) - before) / calls
            specs = [{"kind": "text", "chat_id": 7, "text": f"hi {i}"} for i in range(updates)]
            async with (
                aiohttp.ClientSession() as http,
                http.post(base + "/_sandbox/updates", json=specs) as response,
            ):
                assert response.status == 200
            before = process_cpu_seconds(process.pid)
            offset = 0
            for _ in range(updates):
                (update,) = await bot.get_updates(offset=offset, limit=1, timeout=0)
                offset = update.update_id + 1
            per_poll = (process_cpu_seconds(process.pid) - before) / updates
        return per_send * 1e3, per_poll * 1e3
    finally:
        process.terminate()
        await process.wait()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--updates", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=HERE.parents[1])
    args = parser.parse_args()
    results = [await one_round(args.repo, args.calls, args.updates) for _ in range(args.rounds)]
    sends = sorted(r[0] for r in results)
    polls = sorted(r[1] for r in results)
    print(f"sandbox from {args.repo}, {args.rounds} rounds (best / median):")
    print(f"  sendMessage: {sends[0]:.2f} / {sends[len(sends) // 2]:.2f} ms CPU per call")
    print(f"  getUpdates : {polls[0]:.2f} / {polls[len(polls) // 2]:.2f} ms CPU per call")


if __name__ == "__main__":
    asyncio.run(main())
