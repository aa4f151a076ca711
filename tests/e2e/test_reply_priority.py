"""A patient who writes while the nightly wave of reminders goes out is answered at once.

Real time: the wave is a couple of hundred reminders under the sandbox's 30 messages/s flood
limit, which takes several seconds to drain, and the reply must not wait for it.
"""

from __future__ import annotations

import asyncio
import time as wall
from datetime import UTC, datetime, time, timedelta

import pytest

from storage.models import Patient
from tests.conftest import Clock
from tests.e2e.harness import BotHarness

WAVE = 200
FIRST_WAVE_CHAT = 7_000_000
NOW = datetime(2026, 3, 10, 21, 0, tzinfo=UTC)

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def seed_due_patients(bot: BotHarness, count: int) -> None:
    """`count` set-up patients whose reminder fell due a second ago."""
    due = NOW - timedelta(seconds=1)
    with bot.services.db.session() as session:
        session.add_all(
            Patient(
                chat_id=FIRST_WAVE_CHAT + i,
                created_at=due - timedelta(days=1),
                setup_completed_at=due - timedelta(days=1),
                paused=False,
                timezone="UTC",
                reminder_time=time(due.hour, due.minute),
                form="capsule",
                plan="standard",
                start_date=due.date(),
                next_reminder_at=due,
            )
            for i in range(count)
        )


def wave_sent(bot: BotHarness) -> int:
    return sum(
        1
        for call in bot.sandbox.calls("sendMessage")
        if call.status == 200
        and isinstance(call.chat_id, int)
        and call.chat_id >= FIRST_WAVE_CHAT
    )


async def test_help_is_answered_within_a_second_while_a_reminder_wave_is_going_out(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(NOW)
    seed_due_patients(bot, WAVE)
    bot.sandbox.flood_limit = 30  # Telegram's overall limit
    assert bot.application.job_queue is not None
    (reminders,) = bot.application.job_queue.get_jobs_by_name("reminders")
    wave = asyncio.create_task(reminders.run(bot.application))
    try:
        while wave_sent(bot) < 20:  # the wave is under way, dozens of sends queued
            await asyncio.sleep(0.05)

        asked = wall.monotonic()
        reply = await bot.say("/help", contains="Here's what I can do", timeout=10)
        waited = wall.monotonic() - asked
        sent_by_then = wave_sent(bot)

        await asyncio.wait_for(wave, 30)
    finally:
        wave.cancel()
    assert "/help" in reply.text
    assert waited < 1.0, f"the reply waited {waited:.1f} s behind the wave"
    assert sent_by_then < WAVE / 2  # the wave was still going when the reply went out
    # Every reminder went out, and the bot never went over Telegram's limit doing it.
    assert wave_sent(bot) == WAVE
    assert bot.sandbox.stats()["flood_429"] == 0
