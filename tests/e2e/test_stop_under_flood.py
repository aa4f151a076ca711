"""SIGTERM while Telegram makes every chat wait 60 s (a flood wait far longer than a stop
should take): `ldn-bot run` stops within 10 s, exits 0, records what went out and gives back
what it did not send; after a restart every patient has exactly one reminder.

Real processes and real time: `ldn-bot run` against `python -m bot.sandbox`, on SQLite and
PostgreSQL.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from storage.clock import utcnow
from storage.db import Database
from storage.models import Night
from tests.e2e.crash_rig import BotProcess, SandboxProcess, seed_due_patients, write_config
from tests.e2e.test_crash_recovery import (
    outcomes,
    reminders_per_chat,
    start_and_wait_polling,
    wait_until_all_delivered,
)

pytestmark = pytest.mark.slow

WAVE = 300
FLOOD_WAIT_SECONDS = 60
STOP_WITHIN_SECONDS = 10


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxProcess]:
    process = SandboxProcess(token="123456:FLOODSTOP")
    await process.start("--latency", "0.02")
    try:
        yield process
    finally:
        await process.stop()


def in_doubt(db_url: str) -> int:
    """Nights claimed and not recorded: they may or may not have reached the patient."""
    database = Database(db_url)
    try:
        with database.session() as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(Night)
                    .where(Night.outcome == "sending", Night.claimed_at.is_not(None))
                )
                or 0
            )
    finally:
        database.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'flood.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


async def test_sigterm_during_a_long_flood_wait_stops_within_10_s_and_loses_nothing(
    tmp_path: Path, sandbox: SandboxProcess, db_url: str
) -> None:
    chats = seed_due_patients(db_url, WAVE, due_at=utcnow() - timedelta(seconds=5))
    config = write_config(
        tmp_path / "config.toml",
        sandbox,
        db_url,  # the default rate limiter: 30 messages a second
        reminders="tick_seconds = 0.5\nclaim_lease_seconds = 10\nsend_concurrency = 64",
        observability='log_level = "INFO"',
    )
    bot = BotProcess(config)
    await bot.start()
    try:
        deadline = time.monotonic() + 60
        while sum((await reminders_per_chat(sandbox)).values()) < 30:  # the wave is under way
            assert time.monotonic() < deadline, bot.output()[-3000:]
            await asyncio.sleep(0.05)
        # Telegram: every chat must now wait a minute. The wave is held mid-way.
        await sandbox.config(flood_wait={"chat_id": None, "seconds": FLOOD_WAIT_SECONDS})
        deadline = time.monotonic() + 30
        while (await sandbox.stats())["flood_429"] < 1:
            assert time.monotonic() < deadline, bot.output()[-3000:]
            await asyncio.sleep(0.05)
        await asyncio.sleep(1.0)  # well into the wait

        stop_started = time.monotonic()
        code = await bot.terminate(timeout=FLOOD_WAIT_SECONDS * 3)
        stop_seconds = time.monotonic() - stop_started
    finally:
        if bot.process is not None and bot.process.returncode is None:
            await bot.kill()
    after_stop = outcomes(db_url)
    delivered = sum((await reminders_per_chat(sandbox)).values())
    print(
        f"SIGTERM during a {FLOOD_WAIT_SECONDS} s flood wait: stopped in {stop_seconds:.2f} s, "
        f"{delivered} delivered before it, nights {after_stop}"
    )
    assert code == 0, bot.output()[-3000:]
    assert stop_seconds < STOP_WITHIN_SECONDS, bot.output()[-3000:]
    # Nothing left in doubt: a night still "sending" was released (known not to have gone
    # out, due again plainly), none holds a claim that a restart would re-send as a recovery.
    assert in_doubt(db_url) == 0, after_stop
    assert after_stop.get("sent", 0) == delivered  # every message that went out is recorded
    assert 0 < delivered < WAVE

    # No error from the bot's own code (APScheduler may log a tick it cancelled at shutdown).
    assert " ERROR bot." not in bot.output(), bot.output()[-3000:]

    await sandbox.config(flood_wait={"chat_id": None, "seconds": 0})  # the wait is over
    restarted = BotProcess(config)
    await start_and_wait_polling(restarted, sandbox)
    try:
        final = await wait_until_all_delivered(sandbox, db_url, chats, timeout=90)
        per_chat = await reminders_per_chat(sandbox)
    finally:
        assert await restarted.terminate() == 0, restarted.output()[-3000:]
    assert sorted({per_chat.get(chat, 0) for chat in chats}) == [1]  # none lost, none twice
    assert final.get("sent", 0) == WAVE
