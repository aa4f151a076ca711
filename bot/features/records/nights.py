"""/taken and /skip: record a night from the chat, for the night the rule in which_night.py
names; from noon on, with last night still unrecorded, the patient chooses with two buttons."""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LdnContext
from bot.domain.schedule import night_of
from bot.features.records import texts
from bot.features.records.buttons import FOR_NIGHT
from bot.features.records.recording import (
    local,
    locked_patient,
    new_night,
    record,
    recorded_text,
    reschedule_after,
    zone_of,
)
from bot.features.records.which_night import Ask, may_record, which_night
from bot.features.reminders import texts as night_texts
from bot.registry import Registry
from storage.models import Patient
from storage.nights import SKIPPED, TAKEN, NightRepository

# (the reply, its buttons, the reminder message to edit and its new text)
Outcome = tuple[str, InlineKeyboardMarkup | None, tuple[int, str] | None]


def record_night(
    session: Session,
    patient: Patient,
    night_date: date,
    outcome: str,
    now: datetime,
    registry: Registry,
    *,
    last_night: bool,
) -> Outcome:
    """Record `outcome` for the night of `night_date` (creating its row if there is none)."""
    night = NightRepository(session).for_night(patient.id, night_date)
    if night is None:
        night = new_night(session, patient, night_date, outcome=outcome, now=now)
        reschedule_after(session, patient, now, registry)
        late = last_night and outcome == TAKEN
        reply = recorded_text(patient, night, late=late, last_night=last_night)
        return _noting_last_night(patient, reply, night_date, last_night, now)
    if night.outcome == TAKEN and outcome == SKIPPED:
        if last_night:
            return texts.nothing_to_skip_on(night_date), None, None
        return night_texts.nothing_to_skip(), None, None
    if night.outcome == outcome:
        return night_texts.already(recorded_text(patient, night)), None, None
    late = record(night, outcome, now) or (last_night and outcome == TAKEN)
    reply = recorded_text(patient, night, late=late, last_night=last_night)
    edit = (night.message_id, reply) if night.message_id is not None else None
    text, markup, _ = _noting_last_night(patient, reply, night_date, last_night, now)
    return text, markup, edit


def _noting_last_night(
    patient: Patient, reply: str, night_date: date, last_night: bool, now: datetime
) -> Outcome:
    if not last_night:
        return reply, None, None
    text = texts.for_last_night(reply, night_date)
    due = patient.next_reminder_at
    if due is not None and due > now and night_of(due, zone_of(patient)) > night_date:
        text += "\n" + texts.tonight_still_comes(local(patient, due))
    return text, None, None


def which_night_buttons(outcome: str, ask: Ask) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.last_night_button(ask.last_night),
                    callback_data=FOR_NIGHT.data(outcome, ask.last_night.toordinal()),
                ),
                InlineKeyboardButton(
                    texts.tonight_button(ask.tonight),
                    callback_data=FOR_NIGHT.data(outcome, ask.tonight.toordinal()),
                ),
            ]
        ]
    )


async def record_command(update: Update, context: LdnContext, outcome: str) -> None:
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    services = context.services
    now = services.now()

    def work(session: Session) -> Outcome:
        patient = locked_patient(session, chat.id)
        if patient is None or patient.timezone is None or patient.setup_completed_at is None:
            # Halfway through setup there is no plan yet, so no dose to record.
            return texts.not_set_up_to_record(), None, None
        local_now = local(patient, now)
        repo = NightRepository(session)
        today = local_now.date()
        tonight_row = repo.for_night(patient.id, today)
        last_row = repo.for_night(patient.id, today - timedelta(days=1))
        choice = which_night(
            local_now,
            tonight_outcome=tonight_row.outcome if tonight_row else None,
            last_night_outcome=last_row.outcome if last_row else None,
        )
        if isinstance(choice, Ask):
            question = texts.which_night_question(outcome, choice.last_night, choice.tonight)
            return question, which_night_buttons(outcome, choice), None
        return record_night(
            session,
            patient,
            choice.night,
            outcome,
            now,
            services.registry,
            last_night=False,  # the morning after, or tonight: nothing to point out
        )

    reply, markup, edit = await services.db.run(work)
    if edit is not None:
        with contextlib.suppress(BadRequest, Forbidden):
            await context.bot.edit_message_text(edit[1], chat_id=chat.id, message_id=edit[0])
    await message.reply_text(reply, reply_markup=markup)


async def taken_command(update: Update, context: LdnContext) -> None:
    await record_command(update, context, TAKEN)


async def skip_command(update: Update, context: LdnContext) -> None:
    await record_command(update, context, SKIPPED)


async def on_which_night(update: Update, context: LdnContext) -> None:
    """The patient chose last night or tonight; checked against the clock at the press."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    services = context.services
    now = services.now()
    read = FOR_NIGHT.read(query.data)

    def work(session: Session) -> Outcome | None:
        if read is None:
            return None
        outcome, ordinal = read
        if outcome not in (TAKEN, SKIPPED) or not 1 <= ordinal <= date.max.toordinal():
            return None
        patient = locked_patient(session, chat_id)
        night_date = date.fromordinal(ordinal)
        if patient is None or not may_record(local(patient, now), night_date):
            return None
        last_night = night_date < local(patient, now).date()
        return record_night(
            session, patient, night_date, outcome, now, services.registry, last_night=last_night
        )

    done = await services.db.run(work)
    if done is None:
        await query.answer(texts.which_night_expired(), show_alert=True)
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(None)
        return
    reply, _, edit = done
    await query.answer()
    if edit is not None:
        with contextlib.suppress(BadRequest, Forbidden):
            await context.bot.edit_message_text(edit[1], chat_id=chat_id, message_id=edit[0])
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(reply)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("taken", taken_command))
    application.add_handler(CommandHandler("skip", skip_command))
    application.add_handler(CallbackQueryHandler(on_which_night, pattern=FOR_NIGHT.pattern))
