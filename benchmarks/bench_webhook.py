"""The webhook endpoint: PTB's tornado server (what `run_webhook` used) against the bot's own
(`bot/runtime/webhook.py`).

- accepted: updates per second POSTed with the secret (16 connections), queued for the bot;
- refused at the headers: a request without the secret announcing 100 MB, no body sent —
  time until the answer (PTB's waits for the body, so it is cut at the timeout);
- refused while sending: 20 MB without the secret, sent as fast as the server reads it —
  bytes the server took before answering.

    python benchmarks/bench_webhook.py [--updates 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from aiohttp import ClientSession, TCPConnector
from telegram import Bot
from telegram.ext._utils.webhookhandler import WebhookAppClass
from telegram.ext._utils.webhookhandler import WebhookServer as TornadoServer

from bot.runtime.webhook import WebhookServer

SECRET = "benchmark-secret-0123456789"
PATH = "/hook"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def update(update_id: int) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": 1000 + update_id % 200, "type": "private", "first_name": "Pat"},
            "from": {"id": 1000 + update_id % 200, "is_bot": False, "first_name": "Pat"},
            "text": "how long does LDN take to work?",
        },
    }


class _App:
    """What the bot's server needs of an Application: the bot and the update queue."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.update_queue: asyncio.Queue[object] = asyncio.Queue()


async def start(kind: str, port: int, bot: Bot) -> tuple[Any, asyncio.Queue[object]]:
    if kind == "ptb":
        queue: asyncio.Queue[object] = asyncio.Queue()
        app = WebhookAppClass(PATH, bot, queue, secret_token=SECRET)
        server = TornadoServer("127.0.0.1", port, app, None, None)
        ready = asyncio.Event()
        asyncio.get_running_loop().create_task(server.serve_forever(ready=ready))
        await ready.wait()
        return server, queue
    application = _App(bot)
    ours = WebhookServer(application, listen="127.0.0.1", port=port, path=PATH, secret=SECRET)  # type: ignore[arg-type]
    await ours.start()
    return ours, application.update_queue


async def accepted_per_second(port: int, queue: asyncio.Queue[object], count: int) -> float:
    bodies = [json.dumps(update(i + 1)).encode() for i in range(count)]
    headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET}
    url = f"http://127.0.0.1:{port}{PATH}"
    async with ClientSession(connector=TCPConnector(limit=16)) as client:
        semaphore = asyncio.Semaphore(16)

        async def post(body: bytes) -> None:
            async with semaphore, client.post(url, data=body, headers=headers) as response:
                assert response.status == 200, response.status
                await response.read()

        started = time.perf_counter()
        await asyncio.gather(*(post(b) for b in bodies))
        elapsed = time.perf_counter() - started
    assert queue.qsize() == count, queue.qsize()
    return count / elapsed


async def refused_at_the_headers(port: int) -> float:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 100000000\r\n\r\n"
    )
    started = time.perf_counter()
    writer.write(head.encode())
    await writer.drain()
    try:
        await asyncio.wait_for(reader.readline(), 5.0)
        return time.perf_counter() - started
    except TimeoutError:
        return float("inf")
    finally:
        writer.close()


async def bytes_taken_before_refusal(port: int, total: int = 20 * 1024 * 1024) -> tuple[int, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {total}\r\n\r\n"
    )
    writer.write(head.encode())
    answer = asyncio.create_task(reader.readline())
    chunk = b"x" * 65536
    sent = 0
    try:
        while sent < total and not answer.done():
            writer.write(chunk)
            await asyncio.wait_for(writer.drain(), 10)
            sent += len(chunk)
        status = (await asyncio.wait_for(answer, 10)).decode().strip()
    except (ConnectionError, TimeoutError) as error:
        status = answer.result().decode().strip() if answer.done() else repr(error)
    finally:
        writer.close()
    return sent, status


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--updates", type=int, default=2000)
    args = parser.parse_args()
    bot = Bot("123456:BENCHMARK")
    for kind in ("ptb", "ours"):
        port = free_port()
        server, queue = await start(kind, port, bot)
        try:
            rate = await accepted_per_second(port, queue, args.updates)
            refused = await refused_at_the_headers(port)
            taken, status = await bytes_taken_before_refusal(port)
        finally:
            await server.stop() if kind == "ours" else await server.shutdown()
        name = "PTB run_webhook (tornado)" if kind == "ptb" else "bot/runtime/webhook.py (aiohttp)"
        print(f"{name}:")
        print(f"  accepted: {rate:,.0f} updates/s ({args.updates} POSTs, 16 connections)")
        shown = "no answer within 5 s" if refused == float("inf") else f"{refused * 1000:.1f} ms"
        print(f"  no secret, 100 MB announced, no body: {shown}")
        print(f"  no secret, 20 MB sent: server took {taken / 1e6:.1f} MB, then {status!r}")


if __name__ == "__main__":
    asyncio.run(main())
