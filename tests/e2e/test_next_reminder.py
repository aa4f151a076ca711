"""Issue 13 item 6: the next reminder is worded by one function everywhere (today / tonight /
tomorrow / a weekday and date), and the words agree with when it is actually sent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.features.reminders.scheduling import reschedule
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness
from tests.factories import make_patient

BERLIN = "Europe/Berlin"


@pytest.fixture
def set_up(bot: BotHarness, clock: Clock) -> BotHarness:
    """A patient in Berlin reminded at 22:00; it is 20:00 there (19:00 UTC)."""
    clock.set(datetime(2026, 11, 25, 19, 0, tzinfo=UTC))
    now = clock()
    with bot.services.db.session() as session:
        patient = make_patient(
            PATIENT, now, session=session, timezone=BERLIN, start_date=date(2026, 11, 20)
        )
        reschedule(session, patient, now, bot.services.registry)
    return bot


def reminders(bot: BotHarness) -> list[str]:
    return [m.text for m in bot.sandbox.messages(PATIENT) if "Time for tonight's LDN" in m.text]


async def test_a_morning_time_set_in_the_evening_is_tomorrow_and_comes_then(
    set_up: BotHarness, clock: Clock
) -> None:
    bot = set_up
    reply = await bot.say("/time 08:30", contains="08:30")
    assert "tomorrow at 08:30" in reply.text
    assert "tonight" not in reply.text.lower()
    summary = await bot.say("/settings", contains="Your settings:")
    assert "• Reminders: on — next tomorrow at 08:30" in summary.text

    clock.set(datetime(2026, 11, 25, 22, 0, tzinfo=UTC))  # 23:00: not "tonight" after all
    await bot.run_jobs()
    clock.set(datetime(2026, 11, 26, 7, 29, tzinfo=UTC))  # 08:29 in Berlin
    await bot.run_jobs()
    assert reminders(bot) == []
    clock.advance(minutes=1)
    await bot.run_jobs()
    await bot.sandbox.wait_for_message(PATIENT, contains="Time for tonight's LDN")
    assert len(reminders(bot)) == 1


async def test_resume_and_settings_word_the_next_reminder_the_same_way(
    set_up: BotHarness, clock: Clock
) -> None:
    bot = set_up
    await bot.say("/pause", contains="paused")
    clock.advance(hours=3)  # 23:00 in Berlin: tonight's 22:00 has gone by
    resumed = await bot.say("/resume", contains="back on")
    assert "Your next reminder: tomorrow night at 22:00." in resumed.text
    summary = await bot.say("/settings", contains="Your settings:")
    assert "• Reminders: on — next tomorrow night at 22:00" in summary.text


async def test_a_pause_says_when_the_next_reminder_really_comes(
    set_up: BotHarness, clock: Clock
) -> None:
    bot = set_up
    await bot.say("/time 08:30", contains="08:30")
    reply = await bot.say("/pause 2", contains="paused for 2 nights")
    # Back on from noon on Fri 27 Nov: the first 08:30 after that is on Saturday.
    assert "your next reminder is on Sat 28 Nov at 08:30" in reply.text
    for day, hour in ((26, 7), (27, 7), (27, 11)):
        clock.set(datetime(2026, 11, day, hour, 31, tzinfo=UTC))
        await bot.run_jobs()
    assert reminders(bot) == []
    clock.set(datetime(2026, 11, 28, 7, 30, tzinfo=UTC))
    await bot.run_jobs()
    await bot.sandbox.wait_for_message(PATIENT, contains="Time for tonight's LDN")
