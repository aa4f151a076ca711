"""Replies: a patient who writes while the nightly wave of reminders goes out is answered at
once, and a patient's quick messages are answered in the order they were typed while other
chats are handled alongside.

Real time: the wave is a couple of hundred reminders under the sandbox's 30 messages/s flood
limit, which takes several seconds to drain, and the reply must not wait for it.
"""

from __future__ import annotations

import asyncio
import time as wall
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from faq.catalog import load_faq
from storage.models import FaqQuestion, Patient
from tests.conftest import Clock
from tests.e2e.harness import BotHarness
from tests.factories import make_patient

WAVE = 200
FIRST_WAVE_CHAT = 7_000_000
NOW = datetime(2026, 3, 10, 21, 0, tzinfo=UTC)

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def seed_due_patients(bot: BotHarness, count: int) -> None:
    """`count` set-up patients whose reminder fell due a second ago."""
    due = NOW - timedelta(seconds=1)
    with bot.services.db.session() as session:
        session.add_all(
            make_patient(
                FIRST_WAVE_CHAT + i,
                due - timedelta(days=1),
                reminder_time=time(due.hour, due.minute),
                start_date=due.date(),
                next_reminder_at=due,
            )
            for i in range(count)
        )


def wave_sent(bot: BotHarness) -> int:
    return sum(
        1
        for call in bot.sandbox.calls("sendMessage")
        if call.status == 200 and isinstance(call.chat_id, int) and call.chat_id >= FIRST_WAVE_CHAT
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
        deadline = wall.monotonic() + 10
        while wave_sent(bot) < 20:  # the wave is under way, dozens of sends queued
            assert wall.monotonic() < deadline, "the wave did not start"
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


async def test_quick_messages_are_answered_in_the_order_they_were_typed(bot: BotHarness) -> None:
    matcher = bot.services.faq
    assert matcher is not None
    answered = [e for e in load_faq() if matcher.ask(e.question).text == e.answer]
    entries = list({entry.answer: entry for entry in answered}.values())[:8]
    assert len(entries) == 8
    others = [bot.chat_id + 1 + i for i in range(8)]
    # The first answer is slow to send: the next ones must wait for it, other chats must not.
    bot.sandbox.fail_next("sendMessage", status=200, delay=1.5, chat_id=bot.chat_id)
    for entry, other in zip(entries, others, strict=True):
        bot.sandbox.send_text(bot.chat_id, entry.question)
        bot.sandbox.send_text(other, entries[0].question)  # other chats, handled alongside

    for other in others:
        await bot.sandbox.wait_for_message(other, contains=entries[0].answer[:40])
    deadline = wall.monotonic() + 10
    while len(bot.sandbox.messages(bot.chat_id)) < len(entries):
        assert wall.monotonic() < deadline, bot.transcript()
        await asyncio.sleep(0.02)

    mine = bot.sandbox.messages(bot.chat_id)
    assert [message.text for message in mine] == [entry.answer for entry in entries]
    # The other chats were answered while this chat's slow first answer was on its way.
    answered_others = max(bot.sandbox.messages(other)[0].seq for other in others)
    assert answered_others < mine[0].seq
    with bot.services.db.session() as session:
        patient_id = session.scalar(select(Patient.id).where(Patient.chat_id == bot.chat_id))
        recorded = session.scalars(
            select(FaqQuestion.entry_id)
            .where(FaqQuestion.patient_id == patient_id)
            .order_by(FaqQuestion.id)
        ).all()
    assert recorded == [entry.id for entry in entries]
