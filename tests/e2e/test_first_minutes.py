"""A new English-speaking patient's first minutes, as they tap through setup in the chat: not
knowing their plan, a country with several time zones, and a calm first night (the baseline
liver-test reminder not on top of setup or the first nightly reminder)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sandbox import ChatMessage
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness

LIVER = "liver blood tests"
REMINDER = "Time for tonight's LDN"


async def up_to_the_plan_question(bot: BotHarness, place: str = "Berlin") -> ChatMessage:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    await bot.say(place, contains="Time zone set")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(question, "22:00", contains="Reminder time set")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="Which form")
    await bot.tap(question, "Capsules", contains="Form set")
    return await bot.sandbox.wait_for_message(PATIENT, contains="Which plan")


async def set_up_by_chat(bot: BotHarness) -> None:
    """Setup as a patient taps it: Berlin, 22:00, capsules, standard, starting today, and the
    safety questions answered No."""
    plan = await up_to_the_plan_question(bot)
    await bot.tap(plan, "Standard", contains="Plan set")
    start = await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    await bot.tap(start, "Today", contains="Start date set")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="opioid")
    for following in ("liver disease", "pregnant", "immune system", "autoimmune"):
        await bot.tap(question, "No")
        question = await bot.sandbox.wait_for_message(PATIENT, contains=following)
    await bot.tap(question, "No")
    await bot.sandbox.wait_for_message(PATIENT, contains="You're all set")


def said(bot: BotHarness, text: str) -> list[ChatMessage]:
    return [m for m in bot.sandbox.messages(PATIENT) if text in m.body]


@pytest.mark.parametrize("typed", ["I dont know", "not sure", "no idea", "idk"])
async def test_a_patient_who_does_not_know_their_plan_is_told_where_to_find_it(
    bot: BotHarness, typed: str
) -> None:
    await up_to_the_plan_question(bot)
    reply = await bot.say(typed, contains="prescription")
    text = reply.text or ""
    assert "/plan fixed 3" not in text  # not the command's syntax
    assert "prescriber" in text
    assert "1.5 mg weeks 1–2 → 3 mg weeks 3–4 → 4.5 mg from week 5" in text
    assert "/settings" in text
    # The plan can be chosen right there, and setup goes on.
    assert [label for label, _ in reply.buttons] == [
        "Standard",
        "Gentle start",
        "Fixed dose",
        "Custom steps",
    ]
    await bot.tap(reply, "Standard", contains="Plan set: Standard")
    await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    with bot.services.db.session() as session:
        saved = PatientRepository(session).find(PATIENT)
        assert saved is not None and saved.plan == "standard"


async def test_a_plan_typed_after_not_knowing_it_still_counts(bot: BotHarness) -> None:
    await up_to_the_plan_question(bot)
    await bot.say("not sure", contains="prescription")
    await bot.say("gentle", contains="Plan set: Gentle")


async def test_usa_offers_every_main_us_time_zone_with_the_time_there(
    bot: BotHarness, clock: Clock
) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    choices = await bot.say("USA", contains="more than one time zone")
    labels = [label for label, _ in choices.buttons]
    # 12:00 UTC on 25 Nov: winter time everywhere.
    assert labels == [
        "Eastern Time (New York City): 07:00 now",
        "Central Time (Chicago): 06:00 now",
        "Mountain Time (Denver): 05:00 now",
        "Mountain Time (Arizona): 05:00 now",
        "Pacific Time (Los Angeles): 04:00 now",
        "Alaska Time: 03:00 now",
        "Hawaii Time: 02:00 now",
    ]
    await bot.tap(choices, "Arizona", contains="Time zone set")
    with bot.services.db.session() as session:
        saved = PatientRepository(session).find(PATIENT)
        assert saved is not None and saved.timezone == "America/Phoenix"


async def test_the_first_night_brings_one_message_and_the_liver_test_comes_next_morning(
    bot: BotHarness, clock: Clock
) -> None:
    # Set up at 13:00 in Berlin, starting tonight: the baseline liver test (due at 10:00
    # on the start day) is not sent on top of setup, nor with the first reminder.
    await set_up_by_chat(bot)
    await bot.run_jobs()
    assert said(bot, LIVER) == []
    clock.set(datetime(2026, 11, 25, 21, 0, tzinfo=UTC))  # 22:00 in Berlin
    await bot.run_jobs()
    await bot.sandbox.wait_for_message(PATIENT, contains=REMINDER)
    assert said(bot, LIVER) == []
    clock.set(datetime(2026, 11, 26, 8, 59, tzinfo=UTC))  # 09:59 the next morning
    await bot.run_jobs()
    assert said(bot, LIVER) == []
    clock.set(datetime(2026, 11, 26, 9, 0, tzinfo=UTC))  # 10:00: the notice time
    await bot.run_jobs()
    await bot.sandbox.wait_for_message(PATIENT, contains=LIVER)
    clock.set(datetime(2026, 11, 26, 12, 0, tzinfo=UTC))
    await bot.run_jobs()
    assert len(said(bot, LIVER)) == 1  # never twice
    assert len(said(bot, REMINDER)) == 1


async def test_not_knowing_the_fixed_dose_is_not_read_as_a_bad_number(bot: BotHarness) -> None:
    plan = await up_to_the_plan_question(bot)
    await bot.tap(plan, "Fixed dose", contains="What dose")
    reply = await bot.say("idk", contains="prescription")
    assert "couldn't read" not in (reply.text or "")
    await bot.tap(reply, "Standard", contains="Plan set: Standard")


@pytest.mark.parametrize("typed", ["hello", "Hi!", "good evening"])
async def test_a_greeting_at_the_time_zone_question_is_not_taken_for_a_place(
    bot: BotHarness, typed: str
) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    reply = await bot.say(typed, contains="I need to know where you are")
    assert reply.buttons == []  # no Bello, Colombia
    await bot.say("Denver", contains="Time zone set: Denver time (Mountain Time)")
