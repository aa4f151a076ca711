"""The nightly reminder through the sandbox, with the test's clock: sending, buttons,
follow-ups, step-up offers, Telegram errors, restarts and crashes.

The guided setup (/timezone, /time) is another module; these tests put the patient's
settings straight into the database and call `reschedule`, as that setup does.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.features.reminders.dispatcher import dispatch_due
from bot.features.reminders.scheduling import reschedule
from bot.sandbox import ChatMessage, SentCall
from storage.models import Checkin, Night, Patient, StepDecision
from storage.nights import NightRepository
from tests.conftest import Clock, make_settings
from tests.e2e.harness import PATIENT, BotHarness, running_bot
from tests.factories import make_patient

BERLIN = "Europe/Berlin"


def add_patient(
    harness: BotHarness,
    *,
    chat_id: int = PATIENT,
    zone: str = BERLIN,
    at: time = time(22, 0),
    start: date | None = None,
    form: str = "capsule",
    plan: str = "standard",
) -> None:
    """A patient who finished setup (the setup flow is another module's)."""
    now = harness.services.now()
    with harness.services.db.session() as session:
        patient = make_patient(
            chat_id,
            now,
            session=session,
            timezone=zone,
            reminder_time=at,
            form=form,
            plan=plan,
            start_date=start or now.astimezone(ZoneInfo(zone)).date(),
        )
        reschedule(session, patient, now, harness.services.registry)


def nights(harness: BotHarness, chat_id: int = PATIENT) -> list[Night]:
    with harness.services.db.session() as session:
        return list(
            session.scalars(
                select(Night)
                .join(Patient, Patient.id == Night.patient_id)
                .where(Patient.chat_id == chat_id)
                .order_by(Night.local_date)
            )
        )


def patient_row(harness: BotHarness, chat_id: int = PATIENT) -> Patient:
    with harness.services.db.session() as session:
        patient = session.scalar(select(Patient).where(Patient.chat_id == chat_id))
        assert patient is not None
        return patient


def _is_reminder(call: SentCall) -> bool:
    return "night:" in json.dumps(call.params.get("reply_markup"))


def mine(harness: BotHarness, chat_id: int = PATIENT) -> list[ChatMessage]:
    """The reminder messages in the chat as they look now (other features send too)."""
    ids = [
        c.message_id
        for c in harness.sandbox.calls("sendMessage", chat_id)
        if c.status == 200 and c.message_id is not None and _is_reminder(c)
    ]
    return [harness.sandbox.message(chat_id, i) for i in ids]


def bot_texts(harness: BotHarness, chat_id: int = PATIENT) -> list[str]:
    return [m.body for m in mine(harness, chat_id)]


def reminders_in(harness: BotHarness, chat_id: int = PATIENT) -> list[str]:
    return [t for t in bot_texts(harness, chat_id) if "tonight" in t.lower()]


async def at(bot: BotHarness, clock: Clock, moment: datetime) -> None:
    clock.set(moment)
    await bot.run_jobs()


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZoneInfo(BERLIN))


# ------------------------------------------------------------------ the evening


async def test_new_patient_gets_tonights_reminder_taps_taken_and_sees_it_recorded(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot, at=time(21, 2))
    await bot.run_jobs()
    assert mine(bot) == []  # not yet

    clock.advance(minutes=2)
    await bot.run_jobs()
    reminder = await bot.sandbox.wait_for_message(PATIENT, contains="1.5 mg")
    assert "Time for tonight's LDN: 1.5 mg" in reminder.body
    assert "Week 1 of your plan" in reminder.body
    assert [label for label, _ in reminder.buttons] == [
        "✅ Taken",
        "⏰ Snooze 30 min",
        "Skip tonight",
    ]

    clock.advance(minutes=2)
    edited = await bot.tap(reminder, "Taken", contains="✅ Taken at 21:04")
    assert edited.message_id == reminder.message_id and edited.buttons == []
    assert edited.body == "✅ Taken at 21:04 — 1.5 mg"
    [night] = nights(bot)
    assert (night.outcome, night.dose_mg, night.local_date) == (
        "taken",
        Decimal("1.5"),
        date(2026, 11, 25),
    )
    assert night.recorded_at == clock()
    # The next reminder is tomorrow's, and nothing more comes tonight.
    assert patient_row(bot).next_reminder_at == berlin(26, 21, 2)
    await at(bot, clock, berlin(26, 1, 0))
    assert len(mine(bot)) == 1


async def test_liquid_reminder_gives_the_volume_too(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot, form="liquid", plan="gentle")
    await at(bot, clock, berlin(25, 22, 0))
    reminder = await bot.sandbox.wait_for_message(PATIENT, contains="mg")
    assert "0.5 mg (0.5 mL of your 1 mg/mL liquid)" in reminder.body


async def test_no_answer_one_follow_up_then_missed_without_nagging(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    await at(bot, clock, berlin(25, 22, 44))
    assert len(mine(bot)) == 1
    await at(bot, clock, berlin(25, 22, 45))
    follow_up = mine(bot)[-1]
    assert "gentle nudge" in follow_up.body and "1.5 mg" in follow_up.body
    for minute in (23 * 60, 24 * 60, 25 * 60 + 59, 26 * 60 + 1, 27 * 60):
        await at(bot, clock, berlin(25, 0) + timedelta(minutes=minute))
    assert len(mine(bot)) == 2  # one reminder, one follow-up, no more
    [night] = nights(bot)
    assert night.outcome == "missed"


async def test_snooze_brings_the_reminder_back_once_and_the_cutoff_still_holds(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    edited = await bot.tap(reminder, "Snooze", contains="Snoozed")
    assert "22:30" in edited.body
    await at(bot, clock, berlin(25, 22, 29))
    assert len(mine(bot)) == 1
    await at(bot, clock, berlin(25, 22, 30))
    again = mine(bot)[-1]
    assert "reminder again" in again.body and "1.5 mg" in again.body
    await at(bot, clock, berlin(25, 22, 40))
    assert len(mine(bot)) == 2
    await bot.tap(again, "Taken", contains="✅ Taken at 22:40")
    await at(bot, clock, berlin(26, 3, 0))
    assert len(mine(bot)) == 2
    assert nights(bot)[0].outcome == "taken"


async def test_skip_is_recorded_with_a_kind_note(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    edited = await bot.tap(mine(bot)[0], "Skip", contains="Skipped")
    assert "don't take extra" in edited.body
    assert nights(bot)[0].outcome == "skipped"


async def test_a_late_tap_after_missed_still_records_taken(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    await at(bot, clock, berlin(26, 2, 30))
    assert nights(bot)[0].outcome == "missed"
    clock.set(berlin(26, 8, 15))
    edited = await bot.tap(mine(bot)[0], "Taken", contains="recorded late")
    assert "08:15" in edited.body
    assert nights(bot)[0].outcome == "taken"


async def test_taken_command_before_the_reminder_means_no_reminder_tonight(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 30))
    add_patient(bot)
    reply = await bot.say("/taken", contains="Taken")
    assert reply.body == "✅ Taken at 21:30 — 1.5 mg"
    await at(bot, clock, berlin(25, 22, 0))
    await at(bot, clock, berlin(25, 23, 0))
    assert mine(bot) == []
    [night] = nights(bot)
    assert (night.outcome, night.sent_at) == ("taken", None)


async def test_taken_command_edits_the_reminder(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    clock.set(berlin(25, 22, 7))
    await bot.say("/taken", contains="✅ Taken at 22:07")
    assert bot.sandbox.message(PATIENT, reminder.message_id).body == "✅ Taken at 22:07 — 1.5 mg"
    reply = await bot.say("/skip", contains="already recorded as taken")
    assert "didn't skip" in reply.body


async def test_a_forged_night_id_changes_nothing(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    add_patient(bot, chat_id=777)
    await at(bot, clock, berlin(25, 22, 0))
    theirs = nights(bot, 777)[0]
    reminder = mine(bot)[0]
    sandbox = bot.sandbox
    chat = sandbox._chat(PATIENT)  # a hand-made press: the sandbox refuses unknown data
    sandbox._open_callbacks.add("forged")
    sandbox.push_update(
        {
            "callback_query": {
                "id": "forged",
                "from": sandbox._user(chat, None),
                "message": sandbox._message_dict(
                    chat, sandbox.message(PATIENT, reminder.message_id)
                ),
                "chat_instance": "1",
                "data": f"night:taken:{theirs.id}",
            }
        }
    )
    await bot.sandbox.wait_until_idle()
    assert nights(bot, 777)[0].outcome == "sent"
    assert nights(bot, PATIENT)[0].outcome == "sent"
    assert bot.sandbox.message(PATIENT, reminder.message_id).body == reminder.body


async def test_history_shows_the_last_nights(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(20, 21, 0))
    add_patient(bot)
    for day in range(20, 26):
        await at(bot, clock, berlin(day, 22, 0))
        reminder = mine(bot)[-1]
        if day % 2 == 0:
            await bot.tap(reminder, "Taken", contains="Taken at")
        elif day == 21:
            await bot.tap(reminder, "Skip", contains="Skipped")
    await at(bot, clock, berlin(26, 12, 30))
    reply = await bot.say("/history", contains="last 14 nights")
    lines = reply.body.splitlines()
    assert lines[1] == "Wed 25 Nov — 1.5 mg — ❌ not recorded"
    assert lines[2] == "Tue 24 Nov — 1.5 mg — ✅ taken at 22:00"
    assert "Sat 21 Nov — 1.5 mg — ⏭ skipped" in lines
    assert len([line for line in lines if " — " in line]) == 6


async def test_pause_and_resume(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot)
    reply = await bot.say("/pause", contains="paused")
    assert "/resume" in reply.body and "prescriber" in reply.body
    await at(bot, clock, berlin(25, 22, 0))
    await at(bot, clock, berlin(26, 22, 0))
    assert mine(bot) == []
    clock.set(berlin(27, 9, 0))
    reply = await bot.say("/resume", contains="back on")
    assert "Your next reminder: tonight at 22:00." in reply.body
    await at(bot, clock, berlin(27, 22, 0))
    assert "1.5 mg" in mine(bot)[-1].body


async def test_pause_for_some_days_resumes_by_itself(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot)
    reply = await bot.say("/pause 2", contains="paused for 2 nights")
    assert "Fri 27 Nov" in reply.body
    for day in (25, 26):
        await at(bot, clock, berlin(day, 22, 0))
    assert mine(bot) == []
    await at(bot, clock, berlin(27, 12, 5))
    await at(bot, clock, berlin(27, 22, 0))
    assert "Time for tonight's LDN" in mine(bot)[-1].body


# ------------------------------------------------------------------ step up


async def test_step_up_is_offered_on_night_15_and_going_up_changes_tonights_dose(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))  # tonight is night 15
    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    assert "You've been on 1.5 mg for 2 weeks. Go up to 3 mg tonight?" in reminder.body
    assert "Time for tonight's LDN: 1.5 mg" in reminder.body
    assert [b for b, _ in reminder.buttons][:2] == ["⬆️ Go up to 3 mg", "Stay at 1.5 mg"]
    edited = await bot.tap(reminder, "Go up", contains="Going up")
    assert "Time for tonight's LDN: 3 mg" in edited.body
    assert "Go up to" not in " ".join(b for b, _ in edited.buttons)
    assert nights(bot)[0].dose_mg == Decimal("3")
    await bot.tap(edited, "Taken", contains="✅ Taken at 22:00 — 3 mg")
    await at(bot, clock, berlin(26, 22, 0))
    assert "Time for tonight's LDN: 3 mg" in mine(bot)[-1].body


async def test_staying_asks_again_in_a_week_and_for_good_never(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))
    await at(bot, clock, berlin(25, 22, 0))
    edited = await bot.tap(mine(bot)[0], "Stay at 1.5", contains="Staying")
    assert "ask again in 7 days" in edited.body and "1.5 mg" in edited.body
    for day in range(26, 31):
        await at(bot, clock, berlin(day, 22, 0))
        assert "Go up" not in mine(bot)[-1].body
    await at(bot, clock, berlin(2, 22, 0, month=12))
    offer = mine(bot)[-1]
    assert "Go up to 3 mg tonight?" in offer.body
    edited = await bot.tap(offer, "Stay at 1.5", contains="Staying")
    kept = await bot.tap(edited, "for good", contains="won't suggest going up again")
    assert "/plan" in kept.body
    for day in range(3, 31):
        await at(bot, clock, berlin(day, 22, 0, month=12))
    assert not any("Go up" in t for t in bot_texts(bot)[-28:])
    with bot.services.db.session() as session:
        decisions = [d.decision for d in session.scalars(select(StepDecision))]
    assert decisions == ["stay", "stay", "keep"]


async def test_a_recent_moderate_side_effect_holds_the_step(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))
    with bot.services.db.session() as session:
        patient = session.scalar(select(Patient))
        assert patient is not None
        session.add(
            Checkin(
                patient_id=patient.id,
                local_date=date(2026, 11, 24),
                created_at=clock(),
                completed_at=clock(),
                vivid_dreams=2,
            )
        )
    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    assert "Go up" not in reminder.body
    assert "on hold" in reminder.body and "vivid dreams" in reminder.body
    assert "prescriber" in reminder.body
    assert [b for b, _ in reminder.buttons] == ["✅ Taken", "⏰ Snooze 30 min", "Skip tonight"]


# ------------------------------------------------------------------ Telegram errors


async def test_a_patient_who_blocked_the_bot_gets_nothing_until_start(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot)
    bot.sandbox.block(PATIENT)
    await at(bot, clock, berlin(25, 22, 0))
    patient = patient_row(bot)
    assert patient.blocked_at is not None and patient.next_reminder_at is None
    await at(bot, clock, berlin(26, 22, 0))
    refused = [c for c in bot.sandbox.calls("sendMessage", PATIENT) if _is_reminder(c)]
    assert [c.status for c in refused] == [403]
    bot.sandbox.unblock(PATIENT)
    clock.set(berlin(27, 12, 0))
    await bot.say("/start", contains="")
    await at(bot, clock, berlin(27, 22, 0))
    assert "Time for tonight's LDN" in mine(bot)[-1].body


@pytest.fixture
async def unlimited_bot(tmp_path: Path, clock: Clock) -> AsyncIterator[BotHarness]:
    """No PTB rate limiter, short timeouts: the dispatcher's own retries are on show."""
    settings = make_settings(
        tmp_path, telegram={"messages_per_second": 0, "request_timeout_seconds": 0.3}
    )
    async with running_bot(settings, clock=clock) as harness:
        yield harness


class FakeSleep:
    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def test_retry_after_waits_and_sends_once_without_the_rate_limiter(
    unlimited_bot: BotHarness, clock: Clock
) -> None:
    bot = unlimited_bot
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    bot.sandbox.fail_next("sendMessage", status=429, retry_after=3)
    sleep = FakeSleep()
    clock.set(berlin(25, 22, 0))
    result = await dispatch_due(bot.application, clock(), sleep=sleep)
    assert result.flood_waits == 1 and result.sent == 1
    assert sleep.waits and 2 < sleep.waits[0] <= 3.1
    assert len(mine(bot)) == 1
    assert nights(bot)[0].outcome == "sent"


async def test_retry_after_with_the_rate_limiter_is_retried_by_it(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    bot.sandbox.fail_next("sendMessage", status=429, retry_after=1)
    await at(bot, clock, berlin(25, 22, 0))  # the limiter waits the 1 s itself
    assert len(mine(bot)) == 1
    calls = [c for c in bot.sandbox.calls("sendMessage", PATIENT) if _is_reminder(c)]
    assert [c.status for c in calls] == [429, 200]
    assert nights(bot)[0].outcome == "sent"


async def test_server_errors_retry_with_backoff_then_wait_for_the_next_tick(
    unlimited_bot: BotHarness, clock: Clock
) -> None:
    bot = unlimited_bot
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    retries = bot.services.settings.reminders.send_retries
    bot.sandbox.fail_next("sendMessage", status=500, times=retries + 1)
    sleep = FakeSleep()
    clock.set(berlin(25, 22, 0))
    result = await dispatch_due(bot.application, clock(), sleep=sleep)
    assert sleep.waits == [0.5, 1.0, 2.0][:retries]
    assert result.released == 1 and mine(bot) == []
    clock.set(berlin(25, 22, 0) + timedelta(seconds=15))
    result = await dispatch_due(bot.application, clock(), sleep=sleep)
    [message] = mine(bot)
    assert message.body.startswith("🌙 Time for tonight's LDN")  # plain: none arrived before
    assert nights(bot)[0].outcome == "sent"


async def test_a_timed_out_send_is_retried_worded_as_a_recovery(
    unlimited_bot: BotHarness, clock: Clock
) -> None:
    bot = unlimited_bot
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    # The server takes the message but answers too late: the bot cannot know it arrived.
    bot.sandbox.fail_next("sendMessage", status=200, delay=0.6)
    sleep = FakeSleep()
    clock.set(berlin(25, 22, 0))
    await dispatch_due(bot.application, clock(), sleep=sleep)
    await bot.sandbox.wait_until_idle(quiet=0.7)
    first, second = mine(bot)
    assert first.body.startswith("🌙")
    assert second.body.startswith("In case my earlier reminder didn't reach you")
    assert "don't take another" in second.body
    assert nights(bot)[0].message_id == second.message_id


# ------------------------------------------------------------------ durability


async def test_restart_mid_evening_sends_the_due_reminder_once(
    tmp_path: Path, clock: Clock
) -> None:
    settings = make_settings(tmp_path)
    clock.set(berlin(25, 21, 0))
    async with running_bot(settings, clock=clock) as first:
        add_patient(first)
        await first.run_jobs()
    clock.set(berlin(25, 22, 40))  # the bot was down at 22:00
    async with running_bot(settings, clock=clock) as second:
        await second.run_jobs()
        await second.run_jobs()
        [reminder] = mine(second)
        assert "1.5 mg" in reminder.body
    clock.set(berlin(25, 22, 44))  # before the follow-up
    async with running_bot(settings, clock=clock) as third:
        await third.run_jobs()
        assert mine(third) == []
        assert [n.outcome for n in nights(third)] == ["sent"]


async def test_restart_after_the_cutoff_records_missed_without_a_message(
    tmp_path: Path, clock: Clock
) -> None:
    settings = make_settings(tmp_path)
    clock.set(berlin(25, 21, 0))
    async with running_bot(settings, clock=clock) as first:
        add_patient(first)
    clock.set(berlin(26, 2, 30))
    async with running_bot(settings, clock=clock) as second:
        await second.run_jobs()
        assert mine(second) == []
        [night] = nights(second)
        assert (night.outcome, night.local_date) == ("missed", date(2026, 11, 25))
        assert patient_row(second).next_reminder_at == berlin(26, 22, 0)


async def test_a_crash_between_send_and_record_resends_once_as_a_recovery(
    bot: BotHarness, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    with monkeypatch.context() as crash:
        crash.setattr(NightRepository, "record_sent", lambda self, sent, now: None)
        await at(bot, clock, berlin(25, 22, 0))  # sent, but the record is lost
    assert nights(bot)[0].outcome == "sending"
    lease = bot.services.settings.reminders.claim_lease_seconds
    await at(bot, clock, berlin(25, 22, 0) + timedelta(seconds=lease - 1))
    assert len(mine(bot)) == 1  # within the lease: no re-send
    await at(bot, clock, berlin(25, 22, 0) + timedelta(seconds=lease + 1))
    await at(bot, clock, berlin(25, 22, 10))
    first, second = mine(bot)
    assert first.body.startswith("🌙 Time for tonight's LDN: 1.5 mg")
    assert second.body.startswith("In case my earlier reminder didn't reach you")
    assert "If you've already taken it, don't take another" in second.body
    assert nights(bot)[0].outcome == "sent"


# ------------------------------------------------------------------ daylight saving


@pytest.mark.parametrize(
    ("zone", "nights_to_walk"),
    [
        (
            "Europe/Berlin",
            [date(2026, 3, 28), date(2026, 3, 29), date(2026, 10, 24), date(2026, 10, 25)],
        ),
        (
            "America/New_York",
            [date(2026, 3, 7), date(2026, 3, 8), date(2026, 10, 31), date(2026, 11, 1)],
        ),
        (
            "Australia/Lord_Howe",
            [date(2026, 4, 4), date(2026, 4, 5), date(2026, 10, 3), date(2026, 10, 4)],
        ),
    ],
)
async def test_dst_nights_remind_at_22_00_local_exactly_once(
    bot: BotHarness, clock: Clock, zone: str, nights_to_walk: list[date]
) -> None:
    tz = ZoneInfo(zone)
    for first in (nights_to_walk[0], nights_to_walk[2]):
        bot.sandbox.reset_records()
        clock.set(datetime.combine(first, time(12, 0), tz))
        chat = 9000 + first.month
        add_patient(bot, chat_id=chat, zone=zone, start=first - timedelta(days=1))
        received: list[str] = []
        end = clock() + timedelta(days=2, hours=12)
        while clock() < end:
            before = len(bot.sandbox.calls("sendMessage", chat))
            await dispatch_due(bot.application, clock())
            for call in bot.sandbox.calls("sendMessage", chat)[before:]:
                if "Time for tonight" in call.params["text"]:
                    received.append(clock().astimezone(tz).strftime("%Y-%m-%d %H:%M"))
            clock.advance(minutes=15)
        expected = [f"{first + timedelta(days=d)} 22:00" for d in range(3)]
        assert received == expected


# ------------------------------------------------------------------ issue 13: the step up


def add_checkin(bot: BotHarness, clock: Clock, on: date, **severities: int) -> None:
    """A completed check-in on the morning of `on` (none of the side effects unless given)."""
    effects = {"vivid_dreams": 0, "sleep_disturbance": 0, "nausea": 0, "symptom_flare": 0}
    with bot.services.db.session() as session:
        patient = session.scalar(select(Patient))
        assert patient is not None
        session.add(
            Checkin(
                patient_id=patient.id,
                local_date=on,
                created_at=clock(),
                completed_at=clock(),
                **(effects | severities),
            )
        )


async def test_the_hold_ends_after_two_later_check_ins_without_side_effects(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))
    add_checkin(bot, clock, date(2026, 11, 20), nausea=2)
    add_checkin(bot, clock, date(2026, 11, 22))
    await at(bot, clock, berlin(25, 22, 0))
    held = mine(bot)[-1]
    assert "on hold" in held.body and "nausea" in held.body  # one later check-in: still held
    assert "Go up" not in " ".join(b for b, _ in held.buttons)
    stats = await bot.say("/stats", contains="Your LDN record")  # /stats agrees (one rule)
    assert "on hold while nausea settles" in stats.text
    assert "is offered" not in stats.text

    add_checkin(bot, clock, date(2026, 11, 26))  # the second: the nausea has settled
    await at(bot, clock, berlin(26, 22, 0))
    offer = mine(bot)[-1]
    assert "on hold" not in offer.body
    assert "Go up to 3 mg tonight?" in offer.body
    stats = await bot.say("/stats", contains="Your LDN record")
    assert "A step up to 3 mg is offered" in stats.text and "on hold" not in stats.text
    edited = await bot.tap(offer, "Go up", contains="Going up")  # the button agrees
    assert "Time for tonight's LDN: 3 mg" in edited.body


async def test_an_old_side_effect_no_longer_holds_the_step(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))
    add_checkin(bot, clock, date(2026, 11, 8), vivid_dreams=3)  # 17 days before tonight
    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[-1]
    assert "on hold" not in reminder.body
    assert [b for b, _ in reminder.buttons][:2] == ["⬆️ Go up to 3 mg", "Stay at 1.5 mg"]


async def test_the_last_step_says_titration_is_complete_and_reminders_go_on(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 10, 28))
    with bot.services.db.session() as session:
        patient = session.scalar(select(Patient))
        assert patient is not None
        NightRepository(session).add_decision(patient.id, 1, "up", date(2026, 11, 11), clock())
    await at(bot, clock, berlin(25, 22, 0))
    offer = mine(bot)[-1]
    assert "Go up to 4.5 mg tonight?" in offer.body
    edited = await bot.tap(offer, "Go up", contains="Going up")
    assert "Time for tonight's LDN: 4.5 mg" in edited.body
    assert "Titration complete" in edited.body
    assert "4–12 weeks" in edited.body and "3–6 months" in edited.body
    await bot.tap(edited, "Taken", contains="✅ Taken")

    for day in (26, 27):
        await at(bot, clock, berlin(day, 22, 0))
        later = mine(bot)[-1]
        assert "Time for tonight's LDN: 4.5 mg" in later.body
        assert "Titration complete" not in later.body  # said once, not every night
        assert "Go up" not in later.body and "Next step" not in later.body
        assert [b for b, _ in later.buttons] == ["✅ Taken", "⏰ Snooze 30 min", "Skip tonight"]


async def test_stay_for_good_is_confirmed_once(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))
    await at(bot, clock, berlin(25, 22, 0))
    edited = await bot.tap(mine(bot)[0], "Stay at 1.5", contains="Staying")
    kept = await bot.tap(edited, "for good", contains="won't suggest going up again")
    assert "You're staying at 1.5 mg" not in kept.body
    assert kept.body.count("stay at 1.5 mg") == 1 and kept.body.count("/plan") == 1
