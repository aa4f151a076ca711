"""Issue 13, as a patient meets it in the chat: time zones by abbreviation or a city's short
name, "That's not my time", hours that may be morning or evening, a time correction that
shows the times it mentions, unknown commands, a patient already on LDN, and a plan change
that lowers the next dose."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from bot.domain.plans import plan_from_patient
from bot.features.reminders.scheduling import reschedule
from bot.features.settings.saving import next_dose
from storage.models import Patient
from storage.patients import PatientRepository
from tests.e2e.harness import PATIENT, BotHarness

# The test clock starts at 2026-11-25 12:00 UTC: 13:00 in Berlin, 04:00 in Los Angeles.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def patient(bot: BotHarness) -> Patient:
    with bot.services.db.session() as session:
        found = PatientRepository(session).find(PATIENT)
        assert found is not None
        return found


def tonight_dose(bot: BotHarness) -> Decimal | None:
    with bot.services.db.session() as session:
        row = PatientRepository(session).find(PATIENT)
        assert row is not None
        return next_dose(session, row, row.next_reminder_at)


@pytest.fixture
def set_up(bot: BotHarness) -> BotHarness:
    """A patient in Berlin, set up: 22:00, capsules, a fixed 3 mg plan from 20 November."""
    with bot.services.db.session() as session:
        patients = PatientRepository(session)
        row, _ = patients.get_or_create(PATIENT, now=NOW)
        patients.update(
            row,
            timezone="Europe/Berlin",
            reminder_time=time(22, 0),
            form="capsule",
            plan="fixed",
            plan_steps=[{"mg": 3.0, "weeks": None}],
            start_date=date(2026, 11, 20),
            setup_completed_at=NOW,
        )
        reschedule(session, row, NOW, bot.services.registry)
    return bot


@pytest.mark.parametrize(
    ("typed", "zone", "named", "local"),
    [
        (
            "LA",
            "America/Los_Angeles",
            "Los Angeles time (Pacific Time)",
            "04:00",
        ),  # was Asia/Vientiane (Laos), 15 hours off
        ("NYC", "America/New_York", "New York time (Eastern Time)", "07:00"),
        (
            "EST",
            "America/New_York",
            "New York time (Eastern Time)",
            "07:00",
        ),  # was a fixed offset without summer time
        (
            "PST",
            "America/Los_Angeles",
            "Los Angeles time (Pacific Time)",
            "04:00",
        ),  # was a town in Hungary
        ("CET", "Europe/Berlin", "Berlin time (Central European Time)", "13:00"),
        ("AEST", "Australia/Sydney", "Sydney time (Australian Eastern Time)", "23:00"),
    ],
)
async def test_a_time_zone_by_abbreviation_is_the_real_place_with_its_time_now(
    bot: BotHarness, typed: str, zone: str, named: str, local: str
) -> None:
    reply = await bot.say(f"/timezone {typed}", contains="Time zone set")
    assert reply.text.startswith(f"Time zone set: {named}. It's {local} there now.")
    assert [label for label, _ in reply.buttons] == ["That's not my time"]
    assert patient(bot).timezone == zone


async def test_an_ambiguous_abbreviation_is_asked_with_buttons(bot: BotHarness) -> None:
    choice = await bot.say("/timezone CST", contains="means different time zones")
    labels = [label for label, _ in choice.buttons]
    # Each with the time there now: 12:00 UTC is 06:00 in Chicago and 20:00 in Shanghai.
    assert labels == [
        "Central Time: 06:00 now",
        "China Time: 20:00 now",
    ]
    reply = await bot.tap(choice, "China", contains="Time zone set")
    assert reply.text.startswith("Time zone set: Shanghai time (China Time). It's 20:00 there now.")
    assert patient(bot).timezone == "Asia/Shanghai"

    choice = await bot.say("/timezone IST", contains="means different time zones")
    assert "India Time: 17:30 now" in [label for label, _ in choice.buttons]


async def test_thats_not_my_time_asks_again_and_the_new_answer_is_confirmed(
    bot: BotHarness,
) -> None:
    wrong = await bot.say("/timezone MST", contains="Time zone set: Denver time (Mountain Time)")
    assert "It's 05:00 there now." in wrong.text  # an Arizona patient sees it is not 05:00
    again = await bot.tap(wrong, "That's not my time", contains="Type your city")
    assert again.reply_markup is not None
    assert again.reply_markup["keyboard"][0][0]["request_location"] is True
    assert bot.sandbox.message(PATIENT, wrong.message_id).buttons == []  # done its job
    fixed = await bot.say("Phoenix", contains="Time zone set")
    assert fixed.text.startswith(
        "Time zone set: Phoenix time (Mountain Time). It's 05:00 there now."
    )
    assert patient(bot).timezone == "America/Phoenix"


async def test_the_setup_answer_offers_thats_not_my_time_too(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    confirmed = await bot.say("LA", contains="Time zone set: Los Angeles time")
    await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    current = bot.sandbox.message(PATIENT, confirmed.message_id)
    assert [label for label, _ in current.buttons] == ["That's not my time"]


@pytest.mark.parametrize(
    ("typed", "first", "second", "chosen"),
    [
        ("/time 11", "11:00 in the morning", "23:00 at night", "23:00"),
        ("/time at 9", "09:00 in the morning", "21:00 at night", "21:00"),
        # 13:00 is the afternoon: no button may call it "in the evening".
        ("/time 1", "01:00 in the morning", "13:00 in the afternoon", "01:00"),
    ],
)
async def test_an_hour_without_am_or_pm_is_asked_not_guessed(
    set_up: BotHarness, typed: str, first: str, second: str, chosen: str
) -> None:
    bot = set_up
    question = await bot.say(typed, contains="Which time do you mean by “")
    assert [label for label, _ in question.buttons] == [first, second]
    assert patient(bot).reminder_time == time(22, 0)  # nothing chosen silently
    label = first if first.startswith(chosen) else second
    await bot.tap(question, label, contains=f"Reminder time set: {chosen}.")
    hour, minute = map(int, chosen.split(":"))
    assert patient(bot).reminder_time == time(hour, minute)


async def test_an_hour_typed_during_setup_is_asked_too(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    await bot.say("Berlin", contains="Time zone set")
    await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    question = await bot.say("10", contains="Which time do you mean by “10”?")
    await bot.tap(question, "22:00 at night", contains="Reminder time set: 22:00.")
    await bot.sandbox.wait_for_message(PATIENT, contains="Which form")


async def test_a_time_not_understood_shows_the_times_it_offers(set_up: BotHarness) -> None:
    bot = set_up
    reply = await bot.say("/time soonish", contains="couldn't read “soonish” as a time")
    assert "tap one of these times" in reply.text
    labels = [label for label, _ in reply.buttons]
    assert labels[:3] == ["21:00", "21:30", "22:00"]
    await bot.tap(reply, "22:30", contains="Reminder time set: 22:30.")
    assert patient(bot).reminder_time == time(22, 30)


@pytest.mark.parametrize("command", ["/foo", "/undoo", "/Settings_now"])
async def test_an_unknown_command_points_to_help(set_up: BotHarness, command: str) -> None:
    bot = set_up
    reply = await bot.say(command)
    assert reply.text == "I don't know that command. Type /help to see what I can do."


async def test_a_known_command_gets_only_its_own_reply(set_up: BotHarness) -> None:
    bot = set_up
    await bot.say("/help", contains="Here's what I can do")
    await bot.sandbox.wait_until_idle()
    assert not any("don't know that command" in m.body for m in bot.sandbox.messages(PATIENT))


async def test_a_patient_already_on_ldn_gives_their_dose_and_an_old_start_date(
    bot: BotHarness,
) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    await bot.say("Berlin", contains="Time zone set")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(question, "22:00", contains="Reminder time set")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="Which form")
    await bot.tap(question, "Capsules", contains="Form set")
    question = await bot.sandbox.wait_for_message(PATIENT, contains="Which plan")
    await bot.tap(question, "Standard", contains="Plan set")
    start = await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    assert [label for label, _ in start.buttons] == ["Today", "Tomorrow", "I already take LDN"]

    dose = await bot.tap(start, "I already take LDN", contains="What dose do you take")
    assert [label for label, _ in dose.buttons] == ["1.5 mg", "3 mg", "4.5 mg"]
    noted = await bot.tap(dose, "3 mg", contains="you take 3 mg now")
    assert "When the next step is due, I'll ask you first." in noted.text
    await bot.sandbox.wait_for_message(PATIENT, contains="when did you start LDN")
    # More than 30 days ago (a year and a half): accepted.
    await bot.say("2025-06-01", contains="Start date set: Sun 1 Jun 2025.")

    saved = patient(bot)
    assert saved.start_date == date(2025, 6, 1)
    assert saved.plan == "standard"
    assert tonight_dose(bot) == Decimal("3")  # not 1.5 mg: tonight follows their dose


async def test_a_dose_outside_the_plan_becomes_a_fixed_plan(bot: BotHarness) -> None:
    await bot.say("/timezone Berlin", contains="Time zone set")
    await bot.say("/time 22:00", contains="Reminder time set")
    question = await bot.say("/startdate", contains="When do you start")
    dose = await bot.tap(question, "I already take LDN", contains="What dose")
    assert [label for label, _ in dose.buttons] == ["1.5 mg", "3 mg", "4.5 mg"]
    await bot.say("2.5", contains="you take 2.5 mg now")
    unsure = await bot.sandbox.wait_for_message(PATIENT, contains="when did you start")
    await bot.tap(unsure, "Not sure", contains="Start date set: Wed 25 Nov 2026 (today).")
    assert plan_from_patient(patient(bot)).steps[0].mg == Decimal("2.5")
    assert tonight_dose(bot) == Decimal("2.5")


async def test_a_plan_change_that_lowers_the_next_dose_says_so(set_up: BotHarness) -> None:
    bot = set_up
    assert tonight_dose(bot) == Decimal("3")
    reply = await bot.say("/plan standard", contains="Plan set: Standard")
    assert "your next dose is 1.5 mg (tonight at 22:00), lower than the 3 mg you had" in reply.text
    assert "change it back with /plan or /startdate before then" in reply.text
    # A change that raises it or keeps it says nothing of the kind.
    reply = await bot.say("/plan fixed 3", contains="Plan set: Fixed dose")
    assert "lower than" not in reply.text
