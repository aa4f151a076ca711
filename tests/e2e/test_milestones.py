"""Liver-test reminders, what-to-expect milestones and refill warnings through the chat."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from bot.sandbox import ChatMessage
from storage.models import Night, Patient
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness

START = date(2026, 11, 25)  # the clock fixture starts at 12:00 UTC that day


def set_up_patient(bot: BotHarness, clock: Clock, *, autoimmune: bool | None = None) -> int:
    with bot.services.db.session() as session:
        patient, _ = PatientRepository(session).get_or_create(bot.chat_id, now=clock())
        patient.timezone = "Europe/Berlin"
        patient.reminder_time = time(22, 0)
        patient.form = "capsule"
        patient.plan = "standard"
        patient.start_date = START
        patient.autoimmune = autoimmune
        patient.setup_completed_at = clock()
        return patient.id


def bodies(bot: BotHarness, text: str) -> list[ChatMessage]:
    return [m for m in bot.sandbox.messages(bot.chat_id) if text in m.body]


async def test_liver_test_reminder_at_the_start_later_again_then_done(
    bot: BotHarness, clock: Clock
) -> None:
    set_up_patient(bot, clock)  # at 13:00 in Berlin on the start day
    await bot.run_jobs()
    assert bodies(bot, "liver function test") == []  # not at once, on top of setup
    clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))  # 10:00 the next morning
    await bot.run_jobs()
    lft = await bot.sandbox.wait_for_message(bot.chat_id, contains="liver function test")
    assert "baseline" in lft.text and "prescriber" in lft.text
    later = await bot.tap(lft, "Remind me later")
    assert "in 3 days" in later.text and not later.buttons

    clock.advance(days=2, hours=23)
    await bot.run_jobs()
    assert len(bodies(bot, "liver function test")) == 1
    clock.advance(hours=1)
    await bot.run_jobs()
    again = await bot.sandbox.wait_for_message(bot.chat_id, contains="liver function test")
    assert again.message_id != lft.message_id
    done = await bot.tap(again, "Done")
    assert "noted" in done.text

    clock.advance(days=5)
    await bot.run_jobs()
    assert len(bodies(bot, "liver function test")) == 2


async def test_milestones_come_once_and_autoimmune_hears_about_months(
    bot: BotHarness, clock: Clock
) -> None:
    set_up_patient(bot, clock, autoimmune=True)
    await bot.run_jobs()
    clock.set(datetime(2026, 12, 23, 9, 0, tzinfo=UTC))  # week 4, 10:00 in Berlin
    await bot.run_jobs()
    week4 = await bot.sandbox.wait_for_message(bot.chat_id, contains="Four weeks")
    assert "4 and 12 weeks" in week4.text
    await bot.run_jobs()
    assert len(bodies(bot, "Four weeks")) == 1

    clock.set(datetime(2027, 2, 25, 9, 0, tzinfo=UTC))  # three months, 10:00 in Berlin
    await bot.run_jobs()
    months = await bot.sandbox.wait_for_message(
        bot.chat_id, contains="With an autoimmune condition"
    )
    assert "3–6 months" in months.text
    assert bodies(bot, "Eight weeks") and bodies(bot, "Twelve weeks")  # came on their dates
    assert len(bodies(bot, "about 3 months on LDN")) == 1  # the 3-month liver test too


async def test_no_month_milestones_when_not_autoimmune(bot: BotHarness, clock: Clock) -> None:
    set_up_patient(bot, clock, autoimmune=False)
    await bot.run_jobs()
    clock.set(datetime(2027, 5, 26, 9, 0, tzinfo=UTC))
    await bot.run_jobs()
    await bot.sandbox.wait_until_idle()
    assert not bodies(bot, "months on LDN. With an autoimmune")
    assert not bodies(bot, "For autoimmune conditions the guide puts")


def take_nights(bot: BotHarness, patient_id: int, nights: int, at: datetime) -> None:
    with bot.services.db.session() as session:
        for n in range(nights):
            session.add(
                Night(
                    patient_id=patient_id,
                    local_date=START + timedelta(days=n),
                    due_at=at,
                    dose_mg=Decimal("1.5"),
                    outcome="taken",
                    recorded_at=at + timedelta(days=n),
                )
            )


async def test_refill_counts_down_and_warns_once(bot: BotHarness, clock: Clock) -> None:
    patient_id = set_up_patient(bot, clock)
    none = await bot.say("/refill", contains="don't know how much")
    assert "/refill 30" in none.text
    saved = await bot.say("/refill 12", contains="Saved")
    assert "12 capsules" in saved.text and "12 nights" in saved.text
    await bot.run_jobs()
    assert not bodies(bot, "order your refill")

    take_nights(bot, patient_id, 2, clock() + timedelta(hours=1))
    clock.advance(days=2)
    left = await bot.say("/refill", contains="left")
    assert "10 capsules" in left.text
    await bot.run_jobs()
    warning = await bot.sandbox.wait_for_message(bot.chat_id, contains="order your refill")
    assert "10 capsules" in warning.text and "Compounded" in warning.text
    await bot.run_jobs()
    assert len(bodies(bot, "order your refill")) == 1

    # A new count after the refill arrives can warn again, later.
    with bot.services.db.session() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None and patient.supply_warned_at is not None
    await bot.say("/refill 40", contains="Saved: 40 capsules")
    await bot.run_jobs()
    assert len(bodies(bot, "order your refill")) == 1


async def test_refill_by_the_settings_button_and_typed_liquid(
    bot: BotHarness, clock: Clock
) -> None:
    patient_id = set_up_patient(bot, clock)
    with bot.services.db.session() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        patient.form = "liquid"
    summary = await bot.say(
        "/settings", predicate=lambda m: any(d == "refill:ask" for _, d in m.buttons)
    )
    asked = await bot.tap(summary, "Refill", contains="How much LDN")
    assert "mL" in asked.text
    saved = await bot.say("25 ml", contains="Saved")
    assert "25 mL" in saved.text and "16 nights" in saved.text  # 1.5 mL a night
    take_nights(bot, patient_id, 3, clock() + timedelta(hours=1))
    clock.advance(days=3)
    left = await bot.say("/refill", contains="left")
    assert "20.5 mL" in left.text
