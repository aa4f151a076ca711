"""The real bot, polling a Bot API sandbox on loopback, with a clock the test controls.

The JobQueue's own timer is paused: a test moves the clock and calls `run_jobs()`, which
runs every scheduled job once, exactly as its timer would.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.app import (
    FaqServices,
    LdnApplication,
    build_application,
    build_faq,
    build_services,
    faq_shape,
)
from bot.config import Settings
from bot.context import Services
from bot.features.settings import timezones
from bot.sandbox import BotApiSandbox, ChatMessage
from storage.db import Database

PATIENT = 5551001
STICKER = {
    "file_id": "sticker-1",
    "file_unique_id": "s1",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
    "emoji": "👍",
}


@dataclass
class BotHarness:
    sandbox: BotApiSandbox
    application: LdnApplication
    services: Services
    chat_id: int = PATIENT

    async def say(self, text: str, *, chat_id: int | None = None, **wait: Any) -> ChatMessage:
        """The patient sends `text`; returns the bot's first reply (matching `contains=`)."""
        chat = chat_id or self.chat_id
        self.sandbox.send_text(chat, text)
        return await self.sandbox.wait_for_message(chat, **wait)

    def send_without_text(self, content: dict[str, Any], *, message_id: int = 900) -> None:
        """The patient sends something with no text: `{"sticker": STICKER}`, a voice note..."""
        person = {"first_name": "Pat"}
        self.sandbox.push_update(
            {
                "message": {
                    "message_id": message_id,
                    "date": 1_800_000_000,
                    "chat": {"id": self.chat_id, "type": "private", **person},
                    "from": {"id": self.chat_id, "is_bot": False, **person},
                    **content,
                }
            }
        )

    async def tap(
        self, message: ChatMessage, label: str, *, chat_id: int | None = None, **wait: Any
    ) -> ChatMessage:
        """The patient taps the button whose text contains `label`; returns the next reply."""
        chat = chat_id or self.chat_id
        current = self.sandbox.message(chat, message.message_id)
        matches = [(text, data) for text, data in current.buttons if label in text]
        assert matches, f"no button {label!r} on message: {current.buttons}"
        self.sandbox.tap(chat, message.message_id, matches[0][1])
        return await self.sandbox.wait_for_message(chat, **wait)

    async def run_jobs(self) -> None:
        """Run every scheduled job once, now (by the test's clock)."""
        assert self.application.job_queue is not None
        for job in self.application.job_queue.jobs():
            await job.run(self.application)
        await self.sandbox.wait_until_idle()

    def transcript(self, chat_id: int | None = None) -> str:
        return self.sandbox.format_transcript(chat_id or self.chat_id)


async def start_bot_process(
    config: Path, *, env: dict[str, str] | None = None, stderr_apart: bool = False
) -> asyncio.subprocess.Process:
    """`ldn-bot run --config CONFIG` as a real process, its output piped (stderr into stdout
    unless `stderr_apart`), with `env` added to this process's environment."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        "--config",
        str(config),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE if stderr_apart else asyncio.subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )


# The FAQs built so far in this test process, by `faq_shape`: built once (about 0.9 s), then
# shared by every bot started with the same shape (`FaqServices` is never changed once built).
_BUILT_FAQS: dict[tuple[Path | None, bool, bool], FaqServices] = {}


def shared_faq(settings: Settings) -> FaqServices | None:
    """The FAQ `build_services` would build for `settings`, built once per shape; None (built
    by `build_services` each time) for a test's own FAQ file, which it may write again."""
    if settings.faq.path is not None:
        return None
    shape = faq_shape(settings)
    built = _BUILT_FAQS.get(shape)
    if built is None:
        built = _BUILT_FAQS[shape] = build_faq(settings)
    return built


def with_sandbox(settings: Settings, sandbox: BotApiSandbox) -> Settings:
    telegram = settings.telegram.model_copy(
        update={"base_url": sandbox.base_url, "base_file_url": sandbox.base_file_url}
    )
    return settings.model_copy(update={"telegram": telegram})


@asynccontextmanager
async def running_bot(
    settings: Settings,
    *,
    clock: Any,
    db: Database | None = None,
    sandbox: BotApiSandbox | None = None,
) -> AsyncIterator[BotHarness]:
    """Start the sandbox (unless given) and the real Application polling it; stop both after.
    The FAQ is the one shared by every test with the same `faq_shape` (`shared_faq`): a test of
    building it calls `build_services` itself (or runs `ldn-bot run`)."""
    own_sandbox = sandbox is None
    sandbox = sandbox or BotApiSandbox(token=settings.token)
    if own_sandbox:
        await sandbox.start()
    settings = with_sandbox(settings, sandbox)
    services = build_services(settings, db=db, clock=clock, faq=shared_faq(settings))
    services.db.upgrade()
    application = build_application(settings, services)
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    # Start-up builds the city index in the background; a patient's first city would wait for
    # it (about 2 s once per test process). Tests start with a warmed-up bot, so their waits
    # for a reply measure the bot and not that build.
    await asyncio.to_thread(timezones.warm_up)
    assert application.updater is not None
    await application.updater.start_polling(poll_interval=0.0, timeout=1)
    await application.start()
    if application.job_queue is not None:
        application.job_queue.scheduler.pause()
    try:
        yield BotHarness(sandbox, application, services)
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        if own_sandbox:
            await sandbox.stop()
