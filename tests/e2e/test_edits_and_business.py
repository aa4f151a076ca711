"""Edited messages, a moving live location and business-account messages change nothing:
only a new message or a button press does something. The sandbox delivers them (as
Telegram would to a bot that asked for every kind of update)."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from bot.sandbox import ChatMessage
from storage.models import Checkin, FaqQuestion, Patient
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness


def patient(bot: BotHarness, chat_id: int = PATIENT) -> Patient | None:
    with bot.services.db.session() as session:
        return PatientRepository(session).find(chat_id)


def set_up(bot: BotHarness, clock: Clock) -> None:
    with bot.services.db.session() as session:
        row, _ = PatientRepository(session).get_or_create(PATIENT, now=clock())
        row.timezone = "Europe/Berlin"
        row.reminder_time = time(22, 0)
        row.form = "capsule"
        row.plan = "standard"
        row.start_date = clock().date()
        row.setup_completed_at = clock()


def last_patient_message(bot: BotHarness) -> ChatMessage:
    return [m for m in bot.sandbox.messages(PATIENT, include_patient=True) if not m.from_bot][-1]


async def handled_so_far(bot: BotHarness) -> list[ChatMessage]:
    """Every update sent before this has been handled (one chat's updates are handled in
    order): returns the bot's messages up to the /help reply used to know that."""
    await bot.say("/help", contains="/settings")
    return bot.sandbox.messages(PATIENT)[:-1]


def faq_rows(bot: BotHarness) -> list[str]:
    with bot.services.db.session() as session:
        return list(session.scalars(select(FaqQuestion.text).order_by(FaqQuestion.id)))


async def test_editing_pause_3_into_pause_90_keeps_the_3_night_pause(
    bot: BotHarness, clock: Clock
) -> None:
    set_up(bot, clock)
    await bot.say("/pause 3", contains="paused for 3 nights")
    command = last_patient_message(bot)
    assert command.text == "/pause 3"
    before = patient(bot)
    assert before is not None and before.paused_until is not None
    assert before.paused_until - clock() < timedelta(days=4)

    sent_before = len(bot.sandbox.messages(PATIENT))
    bot.sandbox.edit_text(PATIENT, command.message_id, "/pause 90")
    replies = await handled_so_far(bot)

    assert len(replies) == sent_before, [m.body for m in replies[sent_before:]]
    after = patient(bot)
    assert after is not None and after.paused_until == before.paused_until


async def test_an_edited_question_is_not_answered_or_stored_again(bot: BotHarness) -> None:
    await bot.say("what will the weather be like in Lisbon tomorrow?", contains="prescriber")
    question = last_patient_message(bot)
    assert faq_rows(bot) == ["what will the weather be like in Lisbon tomorrow?"]

    sent_before = len(bot.sandbox.messages(PATIENT))
    bot.sandbox.edit_text(PATIENT, question.message_id, "and what about Porto on Sunday?")
    replies = await handled_so_far(bot)

    assert len(replies) == sent_before, [m.body for m in replies[sent_before:]]
    assert faq_rows(bot) == ["what will the weather be like in Lisbon tomorrow?"]


async def test_an_edited_check_in_note_does_not_become_an_faq_question(
    bot: BotHarness, clock: Clock
) -> None:
    set_up(bot, clock)
    message = await bot.say("/checkin", contains="quick check-in")
    for label in ("None", "None", "None", "None", "0"):
        message = await bot.tap(message, label)
    await bot.tap(message, "Add a note", contains="Type your note")
    await bot.say("slept badly, otherwise fine", contains="Note saved")
    await bot.sandbox.wait_for_message(PATIENT, contains="Thanks")
    note = last_patient_message(bot)

    sent_before = len(bot.sandbox.messages(PATIENT))
    bot.sandbox.edit_text(PATIENT, note.message_id, "how long does LDN take to work?")
    replies = await handled_so_far(bot)

    assert len(replies) == sent_before, [m.body for m in replies[sent_before:]]
    assert faq_rows(bot) == []
    with bot.services.db.session() as session:
        notes = session.scalars(select(Checkin.note)).all()
    assert notes == ["slept badly, otherwise fine"]


async def test_a_moving_live_location_sets_the_time_zone_once(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    live = bot.sandbox.share_live_location(PATIENT, 27.7172, 85.324)  # Kathmandu
    await bot.sandbox.wait_for_message(PATIENT, contains="Time zone set: Kathmandu time")
    await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    sent_before = len(bot.sandbox.messages(PATIENT))

    for step in range(3):  # a flight west: each position update is an edit of that message
        bot.sandbox.move_live_location(PATIENT, live, 40.7128 + step / 100, -74.006)
    replies = await handled_so_far(bot)

    assert len(replies) == sent_before, [m.body for m in replies[sent_before:]]
    found = patient(bot)
    assert found is not None and found.timezone == "Asia/Kathmandu"


async def test_business_messages_are_ignored(bot: BotHarness) -> None:
    bot.sandbox.send_business_text(PATIENT, "/start")
    bot.sandbox.send_business_text(PATIENT, "I took 10 capsules by mistake")
    replies = await handled_so_far(bot)

    assert replies == [], [m.body for m in replies]
    assert patient(bot) is None
    assert faq_rows(bot) == []


async def test_a_new_message_still_works_after_an_ignored_edit(
    bot: BotHarness, clock: Clock
) -> None:
    set_up(bot, clock)
    await bot.say("/pause 3", contains="paused for 3 nights")
    bot.sandbox.edit_text(PATIENT, last_patient_message(bot).message_id, "/pause 90")
    await bot.say("/pause 5", contains="paused for 5 nights")
    found = patient(bot)
    assert found is not None and found.paused_until is not None
    assert timedelta(days=4) < found.paused_until - clock() < timedelta(days=6)
