"""Guided setup after /start, and the one-line setting commands, as a patient goes through
them. Setup steps after the start date (order 60+, the safety questions) belong to another
feature: these tests check the chat and the database up to the start date only."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from storage.models import Patient
from storage.patients import PatientRepository
from tests.e2e.harness import PATIENT, BotHarness

# The test clock starts at 2026-11-25 12:00 UTC: 13:00 in Berlin.
TONIGHT_22_BERLIN_UTC = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)


def patient(bot: BotHarness) -> Patient:
    with bot.services.db.session() as session:
        found = PatientRepository(session).find(PATIENT)
        assert found is not None
        return found


@pytest.fixture
def no_reminder_gates(bot: BotHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    """Take other features' gates (e.g. safety questions not answered yet) out of the way."""
    monkeypatch.setattr(bot.services.registry, "reminder_gates", [])


async def test_a_new_patient_sets_everything_up_by_buttons(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    assert question.reply_markup is not None
    assert question.reply_markup["keyboard"][0][0]["request_location"] is True

    suggestion = await bot.say("Berlln", contains="Did you mean")
    assert "couldn't find a place called “Berlln”" in suggestion.text
    confirmed = await bot.tap(suggestion, "Berlin, Germany", contains="Time zone set")
    assert confirmed.text.startswith(
        "Time zone set: Berlin time (Central European Time). It's 13:00 there now."
    )

    time_question = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    labels = [label for label, _ in time_question.buttons]
    assert labels == ["21:00", "21:30", "22:00", "22:30", "23:00", "23:30", "00:00", "Other time…"]
    await bot.tap(time_question, "22:00", contains="Reminder time set: 22:00.")

    form_question = await bot.sandbox.wait_for_message(PATIENT, contains="Which form")
    await bot.tap(form_question, "Capsules", contains="Form set: capsules.")

    plan_question = await bot.sandbox.wait_for_message(PATIENT, contains="Which plan")
    assert "1.5 mg weeks 1–2 → 3 mg weeks 3–4 → 4.5 mg from week 5" in plan_question.text
    await bot.tap(plan_question, "Standard", contains="Plan set: Standard")

    start_question = await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    started = await bot.tap(start_question, "Today", contains="Start date set")
    assert "Wed 25 Nov 2026 (today)" in started.text

    saved = patient(bot)
    assert saved.timezone == "Europe/Berlin"
    assert saved.reminder_time == time(22, 0)
    assert saved.form == "capsule"
    assert saved.plan == "standard"
    assert saved.start_date == date(2026, 11, 25)
    # The answered questions lost their buttons, so an old one can't be pressed by mistake.
    for answered in (time_question, form_question, plan_question, start_question):
        assert bot.sandbox.message(PATIENT, answered.message_id).buttons == []

    summary = await bot.say("/settings", contains="Your settings:")
    assert "Time zone: Berlin time (Central European Time), 13:00 there now" in summary.text
    assert "Reminder time: 22:00" in summary.text
    assert "Form: capsules" in summary.text
    assert "Plan: Standard — 1.5 mg weeks 1–2" in summary.text
    assert "Start date: Wed 25 Nov 2026" in summary.text
    buttons = dict(summary.buttons)
    assert buttons["Safety answers"] == "screening:review"
    assert buttons["Refill count"] == "refill:ask"


async def test_an_interrupted_setup_resumes_at_the_next_question(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    await bot.say("New York", contains="Time zone set: New York time (Eastern Time)")
    time_question = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(time_question, "Other time…", contains="Type the time")
    await bot.say("10:30 pm", contains="Reminder time set: 22:30.")
    await bot.sandbox.wait_for_message(PATIENT, contains="Which form")

    # The patient wanders off and comes back with /start: going on, not the welcome again.
    offer = await bot.say("/start", contains="partway through")
    resumed = await bot.tap(offer, "Go on where I left off", contains="Which form")
    await bot.sandbox.wait_until_idle()
    asked_again = [
        m for m in bot.sandbox.messages(PATIENT) if m.seq > resumed.seq and "time zone" in m.body
    ]
    assert asked_again == []
    saved = patient(bot)
    assert (saved.timezone, saved.reminder_time) == ("America/New_York", time(22, 30))
    await bot.say("liquid", contains="Form set: liquid, 1 mg per mL")
    await bot.sandbox.wait_for_message(PATIENT, contains="Which plan")


async def test_timezone_and_time_alone_schedule_tonights_reminder(bot: BotHarness) -> None:
    reply = await bot.say("/timezone Europe/Berlin", contains="Time zone set")
    assert reply.text == "Time zone set: Berlin time (Central European Time). It's 13:00 there now."
    reply = await bot.say("/time 22:00", contains="Reminder time set")
    assert "Tonight at 22:00 I'll remind you: 1.5 mg." in reply.text
    assert "Standard plan from today" in reply.text

    saved = patient(bot)
    assert saved.next_reminder_at == TONIGHT_22_BERLIN_UTC
    assert (saved.plan, saved.form, saved.start_date) == ("standard", "capsule", date(2026, 11, 25))
    # The questions the defaults answered are not asked; the safety questions are.
    await bot.sandbox.wait_for_message(PATIENT, contains="opioid medicine")
    bodies = " ".join(m.body for m in bot.sandbox.messages(PATIENT))
    assert "Which form" not in bodies
    assert "Which plan" not in bodies
    assert "When do you start" not in bodies


async def test_tonights_reminder_cautions_while_the_opioid_question_is_open(
    bot: BotHarness,
) -> None:
    await bot.say("/time 22:00", contains="Reminder time set")
    await bot.say("/timezone berlin", contains="Time zone set: Berlin time")
    assert patient(bot).next_reminder_at == TONIGHT_22_BERLIN_UTC
    bot.services.clock.set(TONIGHT_22_BERLIN_UTC)  # type: ignore[attr-defined]
    await bot.run_jobs()
    reminder = await bot.sandbox.wait_for_message(PATIENT, contains="1.5 mg")
    assert "wait until your prescriber has cleared you" in reminder.text


async def test_a_bare_command_asks_the_question_with_buttons(bot: BotHarness) -> None:
    reply = await bot.say("/time", contains="What time")
    at_ten = next(data for label, data in reply.buttons if label == "22:00")
    assert at_ten.startswith("settings:time:2200:")
    reply = await bot.say("/plan", contains="Which plan")
    assert [label for label, _ in reply.buttons][:2] == ["Standard", "Gentle start"]


async def test_a_shared_location_sets_the_time_zone(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    bot.sandbox.share_location(PATIENT, 27.7172, 85.324)
    reply = await bot.sandbox.wait_for_message(PATIENT, contains="Time zone set")
    # 12:00 UTC is 17:45 in Kathmandu (UTC+05:45).
    assert reply.text == "Time zone set: Kathmandu time (Nepal Time). It's 17:45 there now."
    assert patient(bot).timezone == "Asia/Kathmandu"
    await bot.sandbox.wait_for_message(PATIENT, contains="What time")


async def test_an_ambiguous_city_offers_a_choice(bot: BotHarness) -> None:
    choice = await bot.say("/timezone Portland", contains="more than one “Portland”")
    assert "like “Portland, Oregon”" in choice.text
    labels = [label for label, _ in choice.buttons]
    assert labels[0] == "Portland, Oregon: 04:00 now"
    assert "Portland, Maine: 07:00 now" in labels
    await bot.tap(choice, "Maine", contains="Time zone set: New York time (Eastern Time)")
    assert patient(bot).timezone == "America/New_York"


async def test_an_offset_sets_a_zone_with_that_offset(bot: BotHarness) -> None:
    reply = await bot.say("/timezone UTC+2", contains="Time zone set")
    assert reply.text.startswith("Time zone set: UTC+02:00. It's 14:00 there now.")
    assert "stays the same all year" in reply.text
    assert patient(bot).timezone == "Etc/GMT-2"
    reply = await bot.say("/timezone GMT+05:30", contains="Time zone set")
    assert reply.text == "Time zone set: Kolkata time (India Standard Time). It's 17:30 there now."


async def test_a_time_outside_bedtime_is_kept_after_a_short_note(bot: BotHarness) -> None:
    reply = await bot.say("/time 8am", contains="Reminder time set: 08:00.")
    assert "usually taken at bedtime" in reply.text
    assert patient(bot).reminder_time == time(8, 0)


async def test_a_question_asked_during_setup_is_answered_and_setup_waits(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    reply = await bot.say("What if I miss a dose?")
    assert "couldn't find a place" not in reply.text
    assert patient(bot).awaiting == "setup:timezone"
    await bot.say("Berlin", contains="Time zone set: Berlin time")


async def test_when_the_last_question_is_answered_the_summary_follows(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, no_reminder_gates: None
) -> None:
    # Only this feature's steps (10-50), whatever other features add after them.
    registry = bot.services.registry
    monkeypatch.setattr(registry, "setup_steps", [s for s in registry.setup_steps if s.order <= 50])
    await bot.say("/timezone Berlin", contains="Time zone set")
    time_question = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(time_question, "21:30", contains="Reminder time set: 21:30.")
    await bot.tap(
        await bot.sandbox.wait_for_message(PATIENT, contains="Which form"),
        "Liquid",
        contains="Form set: liquid",
    )
    plan_question = await bot.sandbox.wait_for_message(PATIENT, contains="Which plan")
    await bot.tap(plan_question, "Gentle start", contains="Plan set: Gentle start")
    start_question = await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    await bot.tap(start_question, "Tomorrow", contains="Start date set: Thu 26 Nov 2026.")
    done = await bot.sandbox.wait_for_message(PATIENT, contains="You're all set")
    assert "• Form: liquid, 1 mg per mL" in done.text
    assert "• Plan: Gentle start — 0.5 mg weeks 1–2" in done.text
    assert "• Reminders: on — next tomorrow night at 21:30" in done.text
    saved = patient(bot)
    assert saved.setup_completed_at is not None
    assert saved.next_reminder_at == datetime(2026, 11, 26, 20, 30, tzinfo=UTC)


async def test_yes_or_no_at_the_time_zone_question_asks_for_the_place_again(
    bot: BotHarness,
) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    for typed in ("yes", "sí", "no"):  # were Yasuj (Iran), Slovenia and Norway
        again = await bot.say(typed, contains="Type your city")
        assert again.text.startswith("To time your reminders I need to know where you are.")
        assert patient(bot).timezone is None
    await bot.say("I live in Berlin", contains="Time zone set: Berlin time")
    assert patient(bot).timezone == "Europe/Berlin"
