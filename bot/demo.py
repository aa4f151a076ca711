"""`ldn-bot demo`: chat with the real bot in this terminal, offline.

A Bot API sandbox runs on loopback and the real bot polls it, storing its data in a local
SQLite file — the same code path as with Telegram, minus Telegram. Type messages; tap
buttons by typing their number.

The demo has its own clock, which only moves forward: `!at 22:00` jumps to the next 22:00 in
the patient's time zone, `!later 1d` (or 2h, 30m, 2w, 1d12h) jumps ahead, and the bot's ticks
run at once, so a newcomer sees the nightly reminder, the morning check-in and a step-up offer
within a minute. Every photo and document the bot sends is saved into a folder, and its path
printed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.app import LdnApplication, build_application, build_services
from bot.config import parse_settings
from bot.context import Services
from bot.domain.clock_times import parse_clock_time
from bot.sandbox import BotApiSandbox, ChatMessage
from storage.clock import utcnow
from storage.patients import PatientRepository

BANNER = """\
LDN companion — offline demo (no Telegram, no token; data in {database})
Type a message and press Enter. Buttons are numbered: type the number to tap one.
Share a location with: !location 52.52 13.40     Quit with: !quit (or Ctrl-D)
Move the clock: !at 22:00 (the next 22:00 in your time zone), !later 1d (or 2h, 30m, 2w),
!now shows it. Photos and documents the bot sends are saved in {files}
Start with /start.
"""

HELP_CLOCK = "     usage: !at HH:MM (e.g. !at 22:00) or !later 1d / 2h / 30m / 2w / 1d12h"
_DURATION = re.compile(r"(\d+)\s*([wdhm])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
MAX_JUMP = timedelta(days=400)

ReadLine = Callable[[str], Awaitable[str | None]]


def parse_later(text: str) -> timedelta | None:
    """'1d', '2h', '30m', '2w', '1d12h' -> a positive timedelta; None if it isn't one."""
    cleaned = text.strip().lower().replace(" ", "")
    if not cleaned or _DURATION.sub("", cleaned):
        return None
    delta = timedelta()
    for amount, unit in _DURATION.findall(cleaned):
        delta += timedelta(**{_UNITS[unit]: int(amount)})
    return delta if timedelta() < delta <= MAX_JUMP else None


def next_wall_time(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first moment after `now` whose wall clock in `zone` reads `at` (UTC)."""
    local = now.astimezone(zone)
    day = local.date()
    for _ in range(3):
        moment = datetime.combine(day, at).replace(tzinfo=zone).astimezone(UTC)
        if moment > now:
            return moment
        day += timedelta(days=1)
    raise AssertionError("unreachable: a wall time comes within two days")


@dataclass
class DemoClock:
    """Real time plus an offset the demo moves forward; the bot's and the sandbox's clock."""

    offset: timedelta = timedelta()

    @classmethod
    def starting_at(cls, moment: datetime) -> DemoClock:
        return cls(offset=moment - utcnow())

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def timestamp(self) -> float:
        """For the sandbox: the dates on messages follow the demo's clock."""
        return self().timestamp()

    def move_to(self, moment: datetime) -> None:
        now = self()
        if moment > now:
            self.offset += moment - now


@dataclass
class DemoScreen:
    """Prints the bot's messages, remembers the buttons that can be tapped by number, and
    saves every photo and document into `files`."""

    out: TextIO = field(default_factory=lambda: sys.stdout)
    files: Path | None = None
    buttons: list[tuple[int, str, str]] = field(default_factory=list)  # (message_id, text, data)
    saved: list[Path] = field(default_factory=list)

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def show(self, message: ChatMessage) -> None:
        lines = []
        prefix = "bot (edited)>" if message.edited else "bot>"
        if message.photo is not None:
            where = self._save(message, message.photo, f"chart{_extension(message.photo)}")
            lines.append(f"{prefix} [chart image, {len(message.photo):,} bytes{where}]")
            prefix = "    "
        if message.document is not None:
            name = Path(message.filename or "").name
            where = self._save(message, message.document, name or "document")
            lines.append(
                f"{prefix} [file {message.filename}, {len(message.document):,} bytes{where}]"
            )
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
        self.say("\n".join(lines))

    def _save(self, message: ChatMessage, content: bytes, name: str) -> str:
        """Write a photo or document the bot sent (once, not again on an edit); ', saved to
        PATH' for the screen."""
        if self.files is None or message.edited:
            return ""
        path = self.files / f"{message.message_id:04d}-{name}"
        self.files.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.saved.append(path)
        return f", saved to {path}"


def _extension(content: bytes) -> str:
    if content.startswith(b"\x89PNG"):
        return ".png"
    if content.startswith(b"\xff\xd8"):
        return ".jpg"
    return ".img"


async def _read_line(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


async def _chat(
    database: Path,
    chat_id: int,
    *,
    files: Path,
    clock: DemoClock | None = None,
    read_line: ReadLine = _read_line,
    out: TextIO | None = None,
) -> DemoScreen:
    database = await asyncio.to_thread(database.resolve)
    files = await asyncio.to_thread(files.resolve)
    clock = clock or DemoClock()
    async with BotApiSandbox(clock=clock.timestamp) as sandbox:
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
        services = build_services(settings, clock=clock)
        services.db.upgrade()
        application = build_application(settings, services)
        screen = DemoScreen(out=out or sys.stdout, files=files)
        sandbox.on_message = lambda message: (
            screen.show(message) if message.chat_id == chat_id else None
        )
        async with application:
            assert application.post_init is not None and application.updater is not None
            await application.post_init(application)
            await application.updater.start_polling(poll_interval=0.0, timeout=10)
            await application.start()
            screen.say(BANNER.format(database=database, files=files))
            demo = _Demo(sandbox, application, services, clock, screen, chat_id)
            try:
                await demo.converse(read_line)
            finally:
                await application.updater.stop()
                await application.stop()
                if application.post_shutdown is not None:
                    await application.post_shutdown(application)
    return screen


@dataclass
class _Demo:
    sandbox: BotApiSandbox
    application: LdnApplication
    services: Services
    clock: DemoClock
    screen: DemoScreen
    chat_id: int

    async def converse(self, read_line: ReadLine) -> None:
        while True:
            line = await read_line("you> ")
            if line is None or line.strip() in ("!quit", "!exit"):
                return
            line = line.strip()
            if not line:
                continue
            if line.isdigit() and 1 <= int(line) <= len(self.screen.buttons):
                message_id, _text, data = self.screen.buttons[int(line) - 1]
                self.sandbox.tap(self.chat_id, message_id, data)
            elif line.startswith("!location"):
                try:
                    _, latitude, longitude = line.split()
                    self.sandbox.share_location(self.chat_id, float(latitude), float(longitude))
                except ValueError:
                    self.screen.say(
                        "     usage: !location LATITUDE LONGITUDE, e.g. !location 52.52 13.40"
                    )
                    continue
            elif line.startswith(("!at", "!later", "!now")):
                await self.move_clock(line)
                continue
            else:
                self.sandbox.send_text(self.chat_id, line)
            await self.settle()

    async def settle(self) -> None:
        with contextlib.suppress(AssertionError):
            await self.sandbox.wait_until_idle(quiet=0.3, timeout=10)

    async def move_clock(self, line: str) -> None:
        command, _, argument = line.partition(" ")
        zone = await self.zone()
        now = self.clock()
        if command == "!at" and (at := parse_clock_time(argument)) is not None:
            self.clock.move_to(next_wall_time(now, at, zone))
        elif command == "!later" and (delta := parse_later(argument)) is not None:
            self.clock.move_to(now + delta)
        elif command != "!now":
            self.screen.say(HELP_CLOCK)
            return
        shown = self.clock().astimezone(zone)
        self.screen.say(f"     (clock: {shown:%a %d %b %Y %H:%M} {zone.key})")
        await self.run_ticks()

    async def zone(self) -> ZoneInfo:
        """The patient's time zone once set up (UTC before)."""

        def find(session: Any) -> str | None:
            patient = PatientRepository(session).find(self.chat_id)
            return patient.timezone if patient is not None else None

        name = await self.services.db.run(find)
        try:
            return ZoneInfo(name or "UTC")
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")

    async def run_ticks(self) -> None:
        """Every scheduled job once, now (by the demo's clock), as its timer would."""
        job_queue = self.application.job_queue
        if job_queue is not None:
            for job in job_queue.jobs():
                await job.run(self.application)
        await self.settle()


def run_demo(*, database: Path, chat_id: int, files: Path | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    files = files or database.parent / f"{database.stem}-files"
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_chat(database, chat_id, files=files))
    print("\nbye — your demo data is in", database, "and what the bot sent you in", files)
    return 0
