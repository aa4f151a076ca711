"""A button pressed after the state it was offered in has changed is checked against the
state now: it changes nothing that no longer fits, and says why."""

from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from bot.features.reminders.scheduling import reschedule
from bot.sandbox import ChatMessage
from storage.models import Checkin, FaqQuestion, Notice, StepDecision
from storage.patients import PatientRepository
from storage.screening import ScreeningRepository
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness
from tests.e2e.test_reminders import add_patient, at, berlin, mine, nights


async def press(bot: BotHarness, message: ChatMessage, label: str) -> dict[str, Any]:
    """Tap the button whose text holds `label`; return how the bot answered the press."""
    current = bot.sandbox.message(PATIENT, message.message_id)
    data = next(d for text, d in current.buttons if label in text)
    answered = len(bot.sandbox.answered_callbacks)
    bot.sandbox.tap(PATIENT, message.message_id, data)
    for _ in range(500):
        if len(bot.sandbox.answered_callbacks) > answered:
            break
        await asyncio.sleep(0.01)
    await bot.sandbox.wait_until_idle()
    return list(bot.sandbox.answered_callbacks.values())[-1]


def decisions(bot: BotHarness) -> list[str]:
    with bot.services.db.session() as session:
        return [d.decision for d in session.scalars(select(StepDecision))]


async def reminder_offering_3_mg(bot: BotHarness, clock: Clock) -> ChatMessage:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, start=date(2026, 11, 11))  # tonight is night 15: the step up is offered
    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    assert "Go up to 3 mg tonight?" in reminder.body
    return reminder


async def test_go_up_after_a_check_in_put_the_step_on_hold_does_not_raise_the_dose(
    bot: BotHarness, clock: Clock
) -> None:
    reminder = await reminder_offering_3_mg(bot, clock)
    # Before going to bed the patient answers a check-in: vivid dreams, moderate.
    checkin = await bot.say("/checkin", contains="quick check-in")
    for label in ("Moderate", "None", "None", "None", "3", "No note"):
        checkin = await bot.tap(checkin, label)
    await bot.sandbox.wait_for_message(PATIENT, contains="step up")

    answer = await press(bot, reminder, "Go up to 3 mg")

    assert answer.get("show_alert") is True
    assert "didn't raise your dose" in answer["text"] and "on hold" in answer["text"]
    assert "vivid dreams" in answer["text"] and "prescriber" in answer["text"]
    assert decisions(bot) == []
    assert nights(bot)[0].dose_mg == Decimal("1.5")
    # The reminder now reads as it would be sent now: the hold, no Go up button.
    now_reads = bot.sandbox.message(PATIENT, reminder.message_id)
    assert "on hold" in now_reads.body
    assert not [text for text, _ in now_reads.buttons if "Go up" in text]
    await at(bot, clock, berlin(26, 22, 0))
    assert "Time for tonight's LDN: 1.5 mg" in mine(bot)[-1].body


async def test_go_up_after_the_plan_changed_does_not_raise_the_dose(
    bot: BotHarness, clock: Clock
) -> None:
    reminder = await reminder_offering_3_mg(bot, clock)
    await bot.say("/plan fixed 1.5", contains="1.5")

    answer = await press(bot, reminder, "Go up to 3 mg")

    assert answer.get("show_alert") is True
    assert "plan has changed" in answer["text"] and "didn't change your dose" in answer["text"]
    assert decisions(bot) == []
    assert nights(bot)[0].dose_mg == Decimal("1.5")
    now_reads = bot.sandbox.message(PATIENT, reminder.message_id)
    assert not [text for text, _ in now_reads.buttons if "Go up" in text]


async def test_stay_after_the_plan_changed_records_no_decision(
    bot: BotHarness, clock: Clock
) -> None:
    reminder = await reminder_offering_3_mg(bot, clock)
    await bot.say("/plan fixed 1.5", contains="1.5")

    answer = await press(bot, reminder, "Stay at 1.5")

    assert "plan has changed" in answer["text"]
    assert decisions(bot) == []


async def test_a_go_up_button_without_the_step_it_offered_changes_nothing(
    bot: BotHarness, clock: Clock
) -> None:
    """An older reminder's button (before the offered step travelled with it)."""
    reminder = await reminder_offering_3_mg(bot, clock)
    night_id = nights(bot)[0].id
    query_id = "cbq-old"
    bot.sandbox._open_callbacks.add(query_id)  # a press of a button sent before this version
    bot.sandbox.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": {"id": PATIENT, "is_bot": False, "first_name": "Pat"},
                "message": {
                    "message_id": reminder.message_id,
                    "date": reminder.date,
                    "chat": {"id": PATIENT, "type": "private", "first_name": "Pat"},
                    "text": reminder.body,
                },
                "chat_instance": "1",
                "data": f"night:up:{night_id}",
            }
        }
    )
    for _ in range(500):
        if query_id in bot.sandbox.answered_callbacks:
            break
        await asyncio.sleep(0.01)
    await bot.sandbox.wait_until_idle()
    assert "older version" in bot.sandbox.answered_callbacks[query_id]["text"]
    assert decisions(bot) == []
    assert nights(bot)[0].dose_mg == Decimal("1.5")


async def test_go_up_while_it_still_fits_goes_up(bot: BotHarness, clock: Clock) -> None:
    reminder = await reminder_offering_3_mg(bot, clock)
    answer = await press(bot, reminder, "Go up to 3 mg")
    assert not answer.get("show_alert")
    assert decisions(bot) == ["up"]
    assert nights(bot)[0].dose_mg == Decimal("3")


# ------------------------------------------------------------------ safety screening


def screened_patient(bot: BotHarness, clock: Clock) -> None:
    """Set up, every safety question answered "no" (nothing holds the reminders)."""
    add_patient(bot)
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(PATIENT)
        assert patient is not None
        answers = ScreeningRepository(session)
        for topic in ("opioids", "liver", "pregnancy", "immunosuppressants", "autoimmune"):
            answers.save(patient.id, topic, False, now=clock())
        reschedule(session, patient, clock(), bot.services.registry)


def screening_answers(bot: BotHarness) -> tuple[dict[str, bool | None], object]:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(PATIENT)
        assert patient is not None
        return ScreeningRepository(session).answers(patient.id), patient.next_reminder_at


def has_button(label: str):  # type: ignore[no-untyped-def]
    return lambda m: any(label in text for text, _ in m.buttons)


async def review(bot: BotHarness) -> ChatMessage:
    settings = await bot.say("/settings", predicate=has_button("Safety answers"))
    return await bot.tap(settings, "Safety answers", contains="Your safety answers")


async def test_an_older_opioid_question_cannot_lift_the_hold_a_newer_answer_set(
    bot: BotHarness, clock: Clock
) -> None:
    screened_patient(bot, clock)
    answers = await review(bot)
    older = await bot.tap(answers, "Opioid medicines: No", predicate=has_button("Yes"))
    newer = await bot.tap(answers, "Opioid medicines: No", predicate=has_button("Yes"))
    assert older.message_id != newer.message_id
    await bot.tap(newer, "Yes", predicate=has_button("cleared me"))
    held, next_reminder = screening_answers(bot)
    assert held["opioids"] is True and next_reminder is None

    refused = await press(bot, older, "No")

    assert refused.get("show_alert") is True
    assert "kept your current answer" in refused["text"] and "/settings" in refused["text"]
    still, next_reminder = screening_answers(bot)
    assert still["opioids"] is True and next_reminder is None  # reminders still held
    assert bot.sandbox.message(PATIENT, older.message_id).buttons == []


async def test_a_clearance_pressed_after_the_opioid_answer_changed_saves_nothing(
    bot: BotHarness, clock: Clock
) -> None:
    screened_patient(bot, clock)
    answers = await review(bot)
    opioids = await bot.tap(answers, "Opioid medicines: No", predicate=has_button("Yes"))
    clearance = await bot.tap(opioids, "Yes", predicate=has_button("cleared me"))
    answers = await review(bot)
    opioids = await bot.tap(answers, "Opioid medicines: Yes", predicate=has_button("No"))
    await bot.tap(opioids, "No", contains="Your answer: No")

    refused = await press(bot, clearance, "cleared me")

    assert refused.get("show_alert") is True
    assert "nothing to clear" in refused["text"]
    now, _ = screening_answers(bot)
    assert now["opioids"] is False and "opioids_cleared" not in now


async def test_a_screening_answer_still_works_when_nothing_changed(
    bot: BotHarness, clock: Clock
) -> None:
    screened_patient(bot, clock)
    answers = await review(bot)
    liver = await bot.tap(answers, "Liver", predicate=has_button("Yes"))
    answer = await press(bot, liver, "Yes")
    assert not answer.get("show_alert")
    now, _ = screening_answers(bot)
    assert now["liver"] is True


# ------------------------------------------------------------------ settings


def plan_of(bot: BotHarness) -> tuple[str | None, object]:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(PATIENT)
        assert patient is not None
        return patient.plan, patient.plan_steps


async def test_an_older_plan_question_cannot_undo_a_plan_changed_since(
    bot: BotHarness, clock: Clock
) -> None:
    add_patient(bot)
    question = await bot.say("/plan", contains="Which plan")
    await bot.say("/plan fixed 1.5", contains="1.5")
    fixed = plan_of(bot)
    assert fixed[0] == "fixed"

    refused = await press(bot, question, "Gentle start")

    assert refused.get("show_alert") is True
    assert "changed since" in refused["text"] and "/settings" in refused["text"]
    assert plan_of(bot) == fixed
    assert bot.sandbox.message(PATIENT, question.message_id).buttons == []


async def test_an_older_fixed_dose_question_cannot_set_a_dose_after_the_plan_changed(
    bot: BotHarness, clock: Clock
) -> None:
    add_patient(bot)
    doses = await bot.say("/plan fixed", predicate=has_button("4.5 mg"))
    await bot.say("/plan gentle", contains="Gentle")
    gentle = plan_of(bot)
    assert gentle[0] == "gentle"

    refused = await press(bot, doses, "4.5 mg")

    assert "changed since" in refused["text"]
    assert plan_of(bot) == gentle


async def test_start_today_pressed_on_another_day_changes_nothing(
    bot: BotHarness, clock: Clock
) -> None:
    add_patient(bot, start=date(2026, 11, 20))
    question = await bot.say("/startdate", predicate=has_button("Today"))
    clock.advance(days=2)

    refused = await press(bot, question, "Today")

    assert refused.get("show_alert") is True
    assert "another day" in refused["text"]
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(PATIENT)
        assert patient is not None and patient.start_date == date(2026, 11, 20)


async def test_a_plan_button_still_works_when_nothing_changed(
    bot: BotHarness, clock: Clock
) -> None:
    add_patient(bot)
    question = await bot.say("/plan", contains="Which plan")
    answer = await press(bot, question, "Gentle start")
    assert not answer.get("show_alert")
    assert plan_of(bot)[0] == "gentle"


# ------------------------------------------------------------------ check-ins, liver tests


async def press_raw(bot: BotHarness, message: ChatMessage, data: str) -> dict[str, Any]:
    """A press of `data` on `message` as it is now: an older version of its buttons (a
    quick second tap arrives after the first one has redrawn them)."""
    query_id = f"raw{message.message_id}-{len(bot.sandbox.answered_callbacks)}"
    bot.sandbox._open_callbacks.add(query_id)  # a press the sandbox's tap() would refuse
    current = bot.sandbox.message(PATIENT, message.message_id)
    bot.sandbox.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": {"id": PATIENT, "is_bot": False, "first_name": "Pat"},
                "message": {
                    "message_id": message.message_id,
                    "date": current.date,
                    "chat": {"id": PATIENT, "type": "private", "first_name": "Pat"},
                    "text": current.body,
                },
                "chat_instance": "1",
                "data": data,
            }
        }
    )
    for _ in range(500):
        if query_id in bot.sandbox.answered_callbacks:
            break
        await asyncio.sleep(0.01)
    await bot.sandbox.wait_until_idle()
    return bot.sandbox.answered_callbacks[query_id]


async def test_a_second_tap_on_a_check_in_question_keeps_the_first_answer(
    bot: BotHarness, clock: Clock
) -> None:
    add_patient(bot)
    checkin = await bot.say("/checkin", contains="quick check-in")
    first_data = next(d for text, d in checkin.buttons if text == "Moderate")
    await bot.tap(checkin, "Moderate")
    severe = first_data.rsplit(":", 1)[0] + ":3"  # the same question, "Severe"

    answer = await press_raw(bot, checkin, severe)

    assert "kept your first answer" in answer.get("text", "")
    with bot.services.db.session() as session:
        (saved,) = session.scalars(select(Checkin))
        assert saved.vivid_dreams == 2  # Moderate


async def test_a_liver_test_reminder_marked_done_says_so_when_pressed_again(
    bot: BotHarness, clock: Clock
) -> None:
    add_patient(bot)  # set up in the afternoon: the baseline liver test comes the next morning
    await at(bot, clock, berlin(26, 10, 0))
    lft = await bot.sandbox.wait_for_message(PATIENT, contains="liver function test")
    later_data = next(d for text, d in lft.buttons if "later" in text)
    await bot.tap(lft, "Done", contains="noted")

    answer = await press_raw(bot, lft, later_data)

    assert "already marked this one as done" in answer.get("text", "")
    with bot.services.db.session() as session:
        notice = session.get(Notice, int(later_data.rsplit(":", 1)[1]))
        assert notice is not None and notice.done_at is not None


async def test_a_second_did_you_mean_pick_does_not_refile_the_question(bot: BotHarness) -> None:
    choice = await bot.say("dose", predicate=lambda m: len(m.buttons) >= 2)
    (first_label, first), (_, second) = choice.buttons[:2]
    # The "did you mean" message itself becomes the chosen answer (issue 13 item 11).
    await bot.tap(choice, first_label, predicate=lambda m: m.message_id == choice.message_id)

    answer = await press_raw(bot, choice, second)

    assert "already picked" in answer.get("text", "")
    with bot.services.db.session() as session:
        (asked,) = session.scalars(select(FaqQuestion))
        assert asked.entry_id == first.rsplit(":", 1)[1]
