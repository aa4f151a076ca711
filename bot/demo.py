"""`ldn-bot demo`: chat with the real bot in this terminal, offline.

A Bot API sandbox runs on loopback and the real bot polls it, storing its data in a local
SQLite file — the same code path as with Telegram, minus Telegram. Type messages; tap
buttons by typing their number.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bot.app import build_application, build_services
from bot.config import parse_settings
from bot.sandbox import BotApiSandbox, ChatMessage

BANNER = """\
LDN companion — offline demo (no Telegram, no token; data in {database})
Type a message and press Enter. Buttons are numbered: type the number to tap one.
Share a location with: !location 52.52 13.40     Quit with: !quit (or Ctrl-D)
Start with /start.
"""


@dataclass
class DemoScreen:
    """Prints the bot's messages and remembers the buttons that can be tapped by number."""

    out: object = sys.stdout
    buttons: list[tuple[int, str, str]] = field(default_factory=list)  # (message_id, text, data)

    def show(self, message: ChatMessage) -> None:
        lines = []
        prefix = "bot (edited)>" if message.edited else "bot>"
        if message.photo is not None:
            lines.append(f"{prefix} [chart image, {len(message.photo):,} bytes]")
            prefix = "    "
        if message.document is not None:
            lines.append(f"{prefix} [file {message.filename}, {len(message.document):,} bytes]")
            prefix = "    "
        if message.body:
            body = message.body.replace("\n", "\n     ")
            lines.append(f"{prefix} {body}")
        inline = [(text, data) for text, data in message.buttons if not data.startswith("http")]
        if inline:
            self.buttons = [(message.message_id, text, data) for text, data in inline]
            lines.append(
                "     "
                + "   ".join(f"[{n}] {text}" for n, (_, text, _) in enumerate(self.buttons, 1))
            )
        elif any(message_id == message.message_id for message_id, _, _ in self.buttons):
            self.buttons = []  # the buttons on that message are gone after the edit
        if message.keyboard:
            lines.append("     (keyboard: " + " | ".join(message.keyboard) + ")")
        print("\n".join(lines), file=self.out, flush=True)  # type: ignore[call-overload]


async def _read_line(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def _chat(database: Path, chat_id: int) -> None:
    database = await asyncio.to_thread(database.resolve)
    async with BotApiSandbox() as sandbox:
        settings = parse_settings(
            {
                "telegram": {
                    "token": sandbox.token,
                    "base_url": sandbox.base_url,
                    "base_file_url": sandbox.base_file_url,
                    "messages_per_second": 0,
                },
                "storage": {"url": f"sqlite:///{database}"},
                "reminders": {"tick_seconds": 5},
            },
            config_dir=database.parent,
            environ={},
        )
        services = build_services(settings)
        services.db.upgrade()
        application = build_application(settings, services)
        screen = DemoScreen()
        sandbox.on_message = lambda message: (
            screen.show(message) if message.chat_id == chat_id else None
        )
        async with application:
            assert application.post_init is not None and application.updater is not None
            await application.post_init(application)
            await application.updater.start_polling(poll_interval=0.0, timeout=10)
            await application.start()
            print(BANNER.format(database=database), flush=True)
            try:
                await _conversation(sandbox, screen, chat_id)
            finally:
                await application.updater.stop()
                await application.stop()
                if application.post_shutdown is not None:
                    await application.post_shutdown(application)


async def _conversation(sandbox: BotApiSandbox, screen: DemoScreen, chat_id: int) -> None:
    while True:
        line = await _read_line("you> ")
        if line is None or line.strip() in ("!quit", "!exit"):
            return
        line = line.strip()
        if not line:
            continue
        if line.isdigit() and 1 <= int(line) <= len(screen.buttons):
            message_id, _text, data = screen.buttons[int(line) - 1]
            sandbox.tap(chat_id, message_id, data)
        elif line.startswith("!location"):
            try:
                _, latitude, longitude = line.split()
                sandbox.share_location(chat_id, float(latitude), float(longitude))
            except ValueError:
                print("     usage: !location LATITUDE LONGITUDE, e.g. !location 52.52 13.40")
                continue
        else:
            sandbox.send_text(chat_id, line)
        with contextlib.suppress(AssertionError):
            await sandbox.wait_until_idle(quiet=0.3, timeout=10)


def run_demo(*, database: Path, chat_id: int) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_chat(database, chat_id))
    print("\nbye — your demo data is in", database)
    return 0
