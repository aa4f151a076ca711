"""/settings and the one-line commands for a patient who is already set up, and the
friendly corrections every mistake gets."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from bot.domain.plans import plan_from_patient
from bot.features.reminders.scheduling import reschedule
from storage.models import Patient
from storage.patients import PatientRepository
from tests.e2e.harness import PATIENT, BotHarness

# The test clock starts at 2026-11-25 12:00 UTC: 13:00 in Berlin.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def patient(bot: BotHarness) -> Patient:
    with bot.services.db.session() as session:
        found = PatientRepository(session).find(PATIENT)
        assert found is not None
        return found


@pytest.fixture
def set_up(bot: BotHarness) -> BotHarness:
    """A patient in Berlin, set up: 22:00, capsules, standard plan from 20 November."""
    with bot.services.db.session() as session:
        patients = PatientRepository(session)
        row, _ = patients.get_or_create(PATIENT, now=NOW)
        patients.update(
            row,
            timezone="Europe/Berlin",
            reminder_time=time(22, 0),
            form="capsule",
            plan="standard",
            start_date=date(2026, 11, 20),
            setup_completed_at=NOW,
        )
        reschedule(session, row, NOW, bot.services.registry)
    assert patient(bot).next_reminder_at == datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
    return bot


async def test_settings_lists_everything_with_a_button_for_each(set_up: BotHarness) -> None:
    bot = set_up
    summary = await bot.say("/settings", contains="Your settings:")
    assert summary.text.splitlines()[1:7] == [
        "• Time zone: Berlin time (Central European Time), 13:00 there now",
        "• Reminder time: 22:00",
        "• Form: capsules",
        "• Plan: Standard — 1.5 mg weeks 1–2 → 3 mg weeks 3–4 → 4.5 mg from week 5",
        "• Start date: Fri 20 Nov 2026",
        "• Reminders: on — next tonight at 22:00",
    ]
    assert [label for label, _ in summary.buttons] == [
        "Time zone",
        "Reminder time",
        "Form",
        "Plan",
        "Start date",
        "Safety answers",
        "Refill count",
    ]


async def test_changing_the_time_in_settings_moves_the_next_reminder(set_up: BotHarness) -> None:
    bot = set_up
    summary = await bot.say("/settings", contains="Your settings:")
    question = await bot.tap(summary, "Reminder time", contains="What time")
    await bot.tap(question, "23:30", contains="Reminder time set: 23:30.")
    updated = await bot.sandbox.wait_for_message(PATIENT, contains="Your settings:")
    assert "• Reminder time: 23:30" in updated.text
    assert "• Reminders: on — next tonight at 23:30" in updated.text
    assert patient(bot).next_reminder_at == datetime(2026, 11, 25, 22, 30, tzinfo=UTC)


async def test_changing_the_time_zone_by_command_moves_the_next_reminder(
    set_up: BotHarness,
) -> None:
    bot = set_up
    reply = await bot.say("/timezone new york", contains="Time zone set")
    assert reply.text == (
        "Time zone set: New York time (Eastern Time). It's 07:00 there now.\n\n"
        "Next reminder: tonight at 22:00."
    )
    # 22:00 in New York on 25 November is 03:00 UTC the next day.
    assert patient(bot).next_reminder_at == datetime(2026, 11, 26, 3, 0, tzinfo=UTC)


async def test_plan_form_and_start_date_change_in_one_line(set_up: BotHarness) -> None:
    bot = set_up
    reply = await bot.say("/plan gentle", contains="Plan set: Gentle start")
    assert "0.5 mg weeks 1–2" in reply.text
    reply = await bot.say("/plan fixed 3", contains="Plan set: Fixed dose")
    assert "3 mg every night" in reply.text
    assert plan_from_patient(patient(bot)).steps[0].mg == Decimal("3")
    reply = await bot.say("/plan custom 0.5x2 1x2 1.5", contains="Plan set: Custom")
    assert "0.5 mg weeks 1–2 → 1 mg weeks 3–4 → 1.5 mg from week 5" in reply.text
    await bot.say("/form liquid", contains="Form set: liquid, 1 mg per mL")
    reply = await bot.say("/startdate 2026-12-01", contains="Start date set: Tue 1 Dec 2026")
    assert "Next reminder: on Tue 1 Dec at 22:00." in reply.text
    saved = patient(bot)
    assert (saved.plan, saved.form, saved.start_date) == ("custom", "liquid", date(2026, 12, 1))
    assert saved.next_reminder_at == datetime(2026, 12, 1, 21, 0, tzinfo=UTC)


async def test_a_fixed_dose_is_chosen_by_buttons_or_typed(set_up: BotHarness) -> None:
    bot = set_up
    question = await bot.say("/plan", contains="Which plan")
    doses = await bot.tap(question, "Fixed dose", contains="What dose")
    assert [label for label, _ in doses.buttons] == ["1.5 mg", "3 mg", "4.5 mg"]
    refused = await bot.say("6", contains="can't use 6 mg")
    assert "prescriber" in refused.text
    assert patient(bot).plan == "standard"  # nothing changed
    await bot.say("2.5 mg", contains="Plan set: Fixed dose — 2.5 mg every night.")
    assert patient(bot).plan == "fixed"


@pytest.mark.parametrize(
    ("command", "correction", "what_works"),
    [
        ("/time 25:00", "couldn't read “25:00” as a time", "like 22:00"),
        ("/timezone Berlln", "Did you mean", "Europe/Berlin"),
        ("/timezone xyzzy qwv", "couldn't find a place called “xyzzy qwv”", "+01:00"),
        ("/timezone +15", "No place uses “+15”", "+05:30"),
        ("/form syrup", "choose capsule or liquid", "/form liquid"),
        ("/plan weekly", "couldn't read “weekly” as a plan", "/plan fixed 3"),
        ("/plan fixed 10", "can't use 10 mg", "prescriber"),
        ("/plan custom 1x2 0.5", "higher dose than the one before", "0.5x2 1x2"),
        ("/startdate 1926-09-01", "more than 30 years ago", "check the year"),
        ("/startdate 2028-01-01", "more than a year away", "within the next year"),
        ("/startdate 12/01", "couldn't read “12/01” as a date", "like 2026-12-01"),
    ],
)
async def test_every_mistake_gets_a_correction_and_nothing_is_lost(
    set_up: BotHarness, command: str, correction: str, what_works: str
) -> None:
    bot = set_up
    before = patient(bot)
    reply = await bot.say(command, contains=correction)
    assert what_works in reply.text
    after = patient(bot)
    for column in ("timezone", "reminder_time", "form", "plan", "plan_steps", "start_date"):
        assert getattr(after, column) == getattr(before, column), column
    assert after.next_reminder_at == before.next_reminder_at


async def test_after_a_correction_typing_the_answer_again_works(set_up: BotHarness) -> None:
    bot = set_up
    await bot.say("/startdate someday", contains="couldn't read “someday” as a date")
    await bot.say("1 Dec", contains="Start date set: Tue 1 Dec 2026")
    assert patient(bot).start_date == date(2026, 12, 1)


def press_raw(bot: BotHarness, message_id: int, data: str) -> str:
    """A press as Telegram delivers it for the message as it is now (even without buttons)."""
    sandbox = bot.sandbox
    current = sandbox.message(PATIENT, message_id)
    query_id = f"raw{message_id}{len(sandbox.sent)}"
    sandbox._open_callbacks.add(query_id)
    message: dict[str, object] = {
        "message_id": message_id,
        "date": current.date,
        "chat": {"id": PATIENT, "type": "private", "first_name": "Pat"},
        "from": sandbox.bot_user,
        "text": current.text,
    }
    if current.reply_markup:
        message["reply_markup"] = current.reply_markup
    sandbox.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": {"id": PATIENT, "is_bot": False, "first_name": "Pat"},
                "message": message,
                "chat_instance": "1",
                "data": data,
            }
        }
    )
    return query_id


async def test_a_second_press_on_an_answered_question_changes_nothing(set_up: BotHarness) -> None:
    bot = set_up
    question = await bot.say("/time", contains="What time")
    await bot.tap(question, "23:00", contains="Reminder time set: 23:00.")
    await bot.sandbox.wait_until_idle()
    count = len(bot.sandbox.messages(PATIENT))
    query_id = press_raw(bot, question.message_id, "settings:time:2130")
    await bot.sandbox.wait_until_idle()
    assert query_id in bot.sandbox.answered_callbacks  # no spinner left turning
    assert len(bot.sandbox.messages(PATIENT)) == count
    assert patient(bot).reminder_time == time(23, 0)


@pytest.mark.parametrize(
    "data",
    [
        "settings:tz:Not/AZone",
        "settings:time:9999",
        "settings:change:nothing",
        "settings:x",
        # shapes each action's anchored pattern must leave to the "expired" fallback
        "settings:change",
        "settings:change:tz:extra",
        "settings:time:other:extra",
        "settings:time:2200:ab:cd",
        "settings:tz",
        "settings:tzc:Not/AZone",
        "settings:form:tablet:abc",
        "settings:start:yesterday:abc",
        "settings:plan:weekly:abc",
        "settings:dose:9:abc",  # a current dose no plan has
        "settings:dose:lots:abc",
        "settings:tzwrong:extra",
        "settings:othertime:extra",
        "settings:since",
        "",  # PTB hands empty data to the first patterned handler
    ],
)
async def test_a_forged_press_is_answered_and_changes_nothing(
    set_up: BotHarness, data: str
) -> None:
    bot = set_up
    question = await bot.say("/time", contains="What time")
    before = patient(bot)
    query_id = press_raw(bot, question.message_id, data)
    await bot.sandbox.wait_until_idle()
    assert "expired" in str(bot.sandbox.answered_callbacks[query_id].get("text", ""))
    after = patient(bot)
    assert (after.timezone, after.reminder_time) == (before.timezone, before.reminder_time)


async def test_changing_the_time_zone_later_is_not_asked_as_setups_first_question(
    set_up: BotHarness,
) -> None:
    bot = set_up
    summary = await bot.say("/settings", contains="Your settings:")
    question = await bot.tap(summary, "Time zone", contains="Type your city")
    assert question.text.startswith("Which time zone should your reminders follow?")
    assert "First," not in question.text
    assert question.reply_markup is not None  # the location button comes with it
    assert question.reply_markup["keyboard"][0][0]["request_location"] is True
    alone = await bot.say("/timezone", contains="Type your city")
    assert alone.text.startswith("Which time zone should your reminders follow?")
    await bot.say("Paris", contains="Time zone set: Paris time")
    assert patient(bot).timezone == "Europe/Paris"
