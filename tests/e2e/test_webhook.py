"""Webhook mode: the sandbox POSTs updates to the bot; without Telegram's secret token the
bot answers 403 and does nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from telegram import Update

from bot.app import LdnApplication, build_application, build_services
from bot.config import Settings
from bot.sandbox import BotApiSandbox
from storage.patients import PatientRepository
from tests.conftest import Clock, make_settings
from tests.e2e.harness import with_sandbox

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
    """What `run()` does in webhook mode, without run_webhook's blocking loop."""
    settings = with_sandbox(settings, sandbox)
    services = build_services(settings, clock=clock)
    services.db.upgrade()
    application = build_application(settings, services)
    webhook = settings.telegram.webhook
    assert webhook.url is not None and webhook.secret_token is not None
    await application.initialize()
    assert application.post_init is not None and application.updater is not None
    await application.post_init(application)
    await application.updater.start_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=urlparse(webhook.url).path.lstrip("/"),
        webhook_url=webhook.url,
        secret_token=webhook.secret_token.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
    )
    await application.start()
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        assert application.post_shutdown is not None
        await application.post_shutdown(application)


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
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            "--config",
            str(config),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            for _ in range(300):  # the bot registers its webhook once it is up
                if sandbox.webhook is not None:
                    break
                await asyncio.sleep(0.05)
            assert sandbox.webhook is not None, "the bot never called setWebhook"
            assert urlparse(sandbox.webhook["url"]).path == "/hook/path"
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
