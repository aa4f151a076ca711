"""Webhook mode: the sandbox POSTs updates to the bot; without Telegram's secret token the
bot answers 403 and does nothing."""

from __future__ import annotations

import asyncio
import signal
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from bot.app import ALLOWED_UPDATES, LdnApplication, build_application, build_services
from bot.config import Settings
from bot.runtime.webhook import MAX_UPDATE_BYTES, webhook_serving
from bot.sandbox import BotApiSandbox
from storage.patients import PatientRepository
from tests.conftest import Clock, make_settings
from tests.e2e.harness import start_bot_process, with_sandbox

SECRET = "s3cret-from_the-config"
CHAT = 7001


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def webhook_settings(tmp_path: Path, port: int) -> Settings:
    return make_settings(
        tmp_path,
        telegram={
            "mode": "webhook",
            "webhook": {
                "listen": "127.0.0.1",
                "port": port,
                "url": f"http://127.0.0.1:{port}/tg-hook",
                "secret_token": SECRET,
            },
        },
    )


@asynccontextmanager
async def webhook_bot(
    settings: Settings, sandbox: BotApiSandbox, clock: Any
) -> AsyncIterator[LdnApplication]:
    """What `run()` does in webhook mode, without waiting for a stop signal."""
    settings = with_sandbox(settings, sandbox)
    services = build_services(settings, clock=clock)
    services.db.upgrade()
    application = build_application(settings, services)
    async with webhook_serving(
        application, settings.telegram.webhook, allowed_updates=ALLOWED_UPDATES
    ):
        yield application


def start_update(update_id: int, chat_id: int) -> dict[str, Any]:
    """A raw /start message, as Telegram would POST it."""
    user = {"id": chat_id, "is_bot": False, "first_name": "Eve"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private", "first_name": "Eve"},
            "from": user,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


async def test_updates_without_the_secret_are_refused_and_not_handled(
    tmp_path: Path, clock: Clock
) -> None:
    settings = webhook_settings(tmp_path, free_port())
    async with (
        BotApiSandbox(token=settings.token) as sandbox,
        webhook_bot(settings, sandbox, clock) as application,
    ):
        assert sandbox.webhook is not None
        assert sandbox.webhook["url"] == settings.telegram.webhook.url
        assert sandbox.webhook["secret_token"] == SECRET

        forger = 7666
        assert await sandbox.post_to_webhook(start_update(9001, forger), secret=None) == 403
        assert await sandbox.post_to_webhook(start_update(9002, forger), secret="wrong") == 403
        await sandbox.wait_until_idle()
        assert sandbox.calls("sendMessage", chat_id=forger) == []
        services = application.bot_data["services"]
        with services.db.session() as session:
            assert PatientRepository(session).find(forger) is None

        # Telegram's own delivery carries the secret: the patient is answered.
        sandbox.send_text(CHAT, "/start")
        greeting = await sandbox.wait_for_message(CHAT, contains="LDN companion")
        assert "not medical advice" in greeting.text
        assert sandbox.webhook_deliveries[-1].status == 200
        assert sandbox.calls("getUpdates") == []  # no polling in webhook mode


async def test_ldn_bot_run_in_webhook_mode_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    async with BotApiSandbox(token="123456:WEBHOOKRUN") as sandbox:
        config = tmp_path / "config.toml"
        config.write_text(
            "[telegram]\n"
            f'token = "{sandbox.token}"\n'
            f'base_url = "{sandbox.base_url}"\n'
            'mode = "webhook"\n'
            "[telegram.webhook]\n"
            'listen = "127.0.0.1"\n'
            f"port = {port}\n"
            f'url = "http://127.0.0.1:{port}/hook/path"\n'
            f'secret_token = "{SECRET}"\n'
            "[observability]\n"
            'log_level = "DEBUG"\n',
            encoding="utf-8",
        )
        process = await start_bot_process(config)
        try:
            for _ in range(300):  # the bot registers its webhook once it is up
                if sandbox.webhook is not None:
                    break
                await asyncio.sleep(0.05)
            assert sandbox.webhook is not None, "the bot never called setWebhook"
            assert urlparse(sandbox.webhook["url"]).path == "/hook/path"
            # Telegram is asked for new messages and button presses only (no edits).
            assert sandbox.webhook["allowed_updates"] == ["message", "callback_query"]
            assert await sandbox.post_to_webhook(start_update(1, 7667), secret=None) == 403
            sandbox.send_text(CHAT, "/start")
            await sandbox.wait_for_message(CHAT, contains="LDN companion", timeout=30)
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
        log = output.decode()
        assert process.returncode == 0, log
        assert sandbox.calls("sendMessage", chat_id=7667) == []
        assert sandbox.token not in log
        assert SECRET not in log


# ------------------------------------------------------------------ at the socket


async def raw_request(port: int, head: str, chunks: list[bytes] | None = None) -> tuple[bytes, int]:
    """Send a request head, then body chunks for as long as no answer has come and the
    server reads them; return what the server answered before closing, and how many body
    bytes got sent."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    received = bytearray()
    answered = asyncio.Event()

    async def read_all() -> None:
        try:
            while block := await reader.read(65536):
                received.extend(block)
                answered.set()
        except ConnectionResetError:  # closed with our unread chunks in its buffer
            pass
        answered.set()

    reading = asyncio.create_task(read_all())
    sent = 0
    try:
        writer.write(head.encode())
        await writer.drain()
        for chunk in chunks or []:
            if answered.is_set():
                break
            try:
                writer.write(chunk)
                await asyncio.wait_for(writer.drain(), 5)
            except (ConnectionResetError, BrokenPipeError):
                break
            sent += len(chunk)
        await asyncio.wait_for(reading, 5)  # the server closes: no waiting for more
    finally:
        reading.cancel()
        writer.close()
    return bytes(received), sent


def head(path: str, *, secret: str | None, length: int | None = None) -> str:
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    if secret is not None:
        lines.append(f"X-Telegram-Bot-Api-Secret-Token: {secret}")
    if length is None:
        lines.append("Transfer-Encoding: chunked")
    else:
        lines.append(f"Content-Length: {length}")
    return "\r\n".join(lines) + "\r\n\r\n"


def chunked(total: int, size: int = 64 * 1024) -> list[bytes]:
    piece = f"{size:x}\r\n".encode() + b"x" * size + b"\r\n"
    return [piece] * (total // size)


@pytest.mark.parametrize("secret", [None, "wrong-but-long-enough-0"])
async def test_a_request_without_the_secret_is_refused_before_its_body(
    tmp_path: Path, clock: Clock, secret: str | None
) -> None:
    port = free_port()
    settings = webhook_settings(tmp_path, port)
    async with (
        BotApiSandbox(token=settings.token) as sandbox,
        webhook_bot(settings, sandbox, clock),
    ):
        # Headers announcing 100 MB, and not one byte of it: the answer comes anyway.
        response, _ = await raw_request(port, head("/tg-hook", secret=secret, length=100_000_000))
        assert response.startswith(b"HTTP/1.1 403"), response[:200]
        # Chunked, without end: refused at the headers too, the rest is never read.
        response, sent = await raw_request(
            port, head("/tg-hook", secret=secret), chunked(8 * MAX_UPDATE_BYTES)
        )
        assert response.startswith(b"HTTP/1.1 403"), response[:200]
        assert sent < 8 * MAX_UPDATE_BYTES


async def test_a_body_larger_than_any_update_is_refused_without_buffering_it(
    tmp_path: Path, clock: Clock
) -> None:
    port = free_port()
    settings = webhook_settings(tmp_path, port)
    async with (
        BotApiSandbox(token=settings.token) as sandbox,
        webhook_bot(settings, sandbox, clock),
    ):
        too_long = head("/tg-hook", secret=SECRET, length=MAX_UPDATE_BYTES + 1)
        response, _ = await raw_request(port, too_long)
        assert response.startswith(b"HTTP/1.1 413"), response[:200]

        # A chunked upload over the bound is cut off: 413, and the connection is closed
        # long before the 8 MB the sender meant to send.
        response, sent = await raw_request(
            port, head("/tg-hook", secret=SECRET), chunked(8 * MAX_UPDATE_BYTES)
        )
        assert response.startswith(b"HTTP/1.1 413"), response[:200]
        assert sent < 8 * MAX_UPDATE_BYTES

        # Telegram's own delivery still works on the same server.
        sandbox.send_text(CHAT, "/start")
        await sandbox.wait_for_message(CHAT, contains="LDN companion")
