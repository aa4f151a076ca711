"""Telegram and the database misbehaving while reminders are due: 429, 500s, timeouts,
Forbidden, SQLite locked, PostgreSQL connections dropped. The bot keeps running, nothing due
is lost, and nothing is sent twice (a timed-out send that did arrive is followed by one
recovery worded "in case my earlier reminder didn't reach you")."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from datetime import time as clock_time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from bot.sandbox import ChatMessage
from storage.db import Database, normalise_url
from storage.models import Night, Patient
from tests.conftest import POSTGRES_URL, Clock, make_settings
from tests.e2e.harness import BotHarness, running_bot
from tests.factories import make_patient

PATIENTS = [8101, 8102, 8103]


def seed_due(harness: BotHarness, chats: list[int]) -> None:
    now = harness.services.now()
    due = now - timedelta(seconds=30)
    with harness.services.db.session() as session:
        session.add_all(
            make_patient(
                chat,
                now - timedelta(days=1),
                reminder_time=clock_time(due.hour, due.minute),
                start_date=due.date(),
                next_reminder_at=due,
            )
            for chat in chats
        )


def reminders(harness: BotHarness, chat: int) -> list[ChatMessage]:
    """The bedtime reminders in a chat (messages with a Taken button)."""
    return [
        m
        for m in harness.sandbox.messages(chat)
        if any(data.startswith("night:taken:") for _, data in m.buttons)
    ]


def night_outcomes(harness: BotHarness) -> list[str]:
    with harness.services.db.session() as session:
        return list(session.scalars(select(Night.outcome).order_by(Night.id)))


@pytest.fixture
async def bot(tmp_path: Path, clock: Clock) -> AsyncIterator[BotHarness]:
    settings = make_settings(
        tmp_path,
        telegram={"request_timeout_seconds": 1.0},
        reminders={"claim_lease_seconds": 60, "send_retries": 2},
    )
    async with running_bot(settings, clock=clock) as harness:
        yield harness


async def test_429_with_retry_after_is_waited_out_and_sent_once(bot: BotHarness) -> None:
    seed_due(bot, PATIENTS)
    bot.sandbox.fail_next("sendMessage", status=429, retry_after=1, times=2)
    await bot.run_jobs()
    assert [len(reminders(bot, chat)) for chat in PATIENTS] == [1, 1, 1]
    assert night_outcomes(bot) == ["sent"] * 3
    await bot.run_jobs()
    assert [len(reminders(bot, chat)) for chat in PATIENTS] == [1, 1, 1]


async def test_500s_past_the_retries_leave_it_due_for_the_next_tick(
    bot: BotHarness, clock: Clock
) -> None:
    seed_due(bot, PATIENTS[:1])
    bot.sandbox.fail_next("sendMessage", status=500, times=20)
    await bot.run_jobs()
    assert reminders(bot, PATIENTS[0]) == []
    assert night_outcomes(bot) == ["sending"]  # kept, not lost
    bot.sandbox._faults.clear()  # Telegram is back
    clock.advance(seconds=15)
    await bot.run_jobs()
    await bot.run_jobs()
    assert len(reminders(bot, PATIENTS[0])) == 1
    assert night_outcomes(bot) == ["sent"]
    assert "In case" not in reminders(bot, PATIENTS[0])[0].text  # it never arrived before


async def test_a_timed_out_send_that_arrived_gets_one_recovery_not_a_plain_repeat(
    bot: BotHarness, clock: Clock
) -> None:
    seed_due(bot, PATIENTS[:1])
    # Telegram takes the message but answers after the bot stopped waiting, every time.
    bot.sandbox.fail_next("sendMessage", status=200, delay=1.5, times=3)
    await bot.run_jobs()
    await asyncio.sleep(1.6)  # the slow answers land
    arrived = len(reminders(bot, PATIENTS[0]))
    assert arrived >= 1
    clock.advance(seconds=61)  # the claim's lease is over
    await bot.run_jobs()
    await bot.run_jobs()
    got = reminders(bot, PATIENTS[0])
    assert night_outcomes(bot) == ["sent"]
    assert got[-1].text.startswith("In case my earlier reminder didn't reach you")
    assert all("In case" in m.text for m in got[1:])  # every repeat says so
    assert len(got) <= 1 + 3  # bounded by the attempts that timed out


async def test_a_patient_who_blocked_the_bot_is_not_retried_and_others_still_get_theirs(
    bot: BotHarness, clock: Clock
) -> None:
    seed_due(bot, PATIENTS)
    bot.sandbox.block(PATIENTS[0])
    await bot.run_jobs()
    assert [len(reminders(bot, chat)) for chat in PATIENTS] == [0, 1, 1]
    with bot.services.db.session() as session:
        blocked = session.scalar(select(Patient).where(Patient.chat_id == PATIENTS[0]))
        assert blocked is not None and blocked.blocked_at is not None
    calls_before = len(bot.sandbox.calls("sendMessage", chat_id=PATIENTS[0]))
    clock.advance(days=1)
    await bot.run_jobs()
    assert len(bot.sandbox.calls("sendMessage", chat_id=PATIENTS[0])) == calls_before
    assert (await bot.say("/help", chat_id=PATIENTS[1])).text  # still answering


async def test_sqlite_locked_during_a_tick_delays_the_reminder_but_keeps_the_bot_up(
    bot: BotHarness,
) -> None:
    seed_due(bot, PATIENTS[:2])
    path = bot.services.db.engine.url.database
    assert path
    locked = threading.Event()
    release = threading.Event()

    def hold_the_lock() -> None:
        connection = sqlite3.connect(path, timeout=0)
        connection.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(10)
        connection.rollback()
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert locked.wait(5)
    try:
        loop = asyncio.get_running_loop()
        # Past the 5 s busy timeout the tick gives up; the lock goes right after.
        loop.call_later(5.6, release.set)
        await bot.run_jobs()
    finally:
        release.set()
        holder.join()
    await bot.run_jobs()
    assert [len(reminders(bot, chat)) for chat in PATIENTS[:2]] == [1, 1]
    assert night_outcomes(bot) == ["sent", "sent"]
    assert (await bot.say("/help", chat_id=PATIENTS[0])).text


@pytest.mark.skipif(not POSTGRES_URL, reason="LDN_TEST_POSTGRES_URL is not set")
async def test_postgresql_connections_dropped_are_replaced_and_nothing_is_lost(
    tmp_path: Path, clock: Clock, postgres_url: str
) -> None:
    database = Database(postgres_url)
    settings = make_settings(tmp_path)
    async with running_bot(settings, clock=clock, db=database) as harness:
        seed_due(harness, PATIENTS[:1])
        await harness.run_jobs()
        # The bot's own pooled connections (never anyone else's on the shared server).
        connections = [database.engine.connect() for _ in range(3)]
        pids = [c.execute(text("SELECT pg_backend_pid()")).scalar() for c in connections]
        for connection in connections:
            connection.close()
        assert POSTGRES_URL is not None
        admin = create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            for pid in pids:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        admin.dispose()
        seed_due(harness, PATIENTS[1:])  # works again at once: pool_pre_ping reconnects
        await harness.run_jobs()
        assert [len(reminders(harness, chat)) for chat in PATIENTS] == [1, 1, 1]
        assert (await harness.say("/help", chat_id=PATIENTS[0])).text
    database.dispose()
