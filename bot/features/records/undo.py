"""/undo: take back the last record (a dose taken or skipped, or a check-in's answers) made
within the last day, after a confirmation. The record changes; what it said is kept as a
correction, so the report shows both."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LdnContext
from bot.features.records import texts
from bot.features.records.buttons import UNDO, UNDO_CANCEL
from bot.features.records.recording import close_question, local, locked_patient, reschedule_after
from bot.registry import Registry
from storage.models import Checkin, Correction, Night, Patient
from storage.nights import MISSED, SENT, SKIPPED, TAKEN
from storage.records import RecordsRepository

WITHIN = timedelta(days=1)
NIGHT = "night"
CHECKIN = "checkin"


@dataclass(frozen=True)
class LastRecord:
    kind: str  # NIGHT | CHECKIN
    row_id: int
    day: date
    outcome: str  # the night's outcome ("answered" for a check-in)


def last_record(session: Session, patient: Patient, now: datetime) -> LastRecord | None:
    """The patient's latest record of the last day: a night or a check-in, whichever is later."""
    records = RecordsRepository(session)
    night = records.latest_recorded_night(patient.id, since=now - WITHIN)
    checkin = records.latest_completed_checkin(patient.id, since=now - WITHIN)
    night_at = night.recorded_at if night is not None else None
    checkin_at = checkin.completed_at if checkin is not None else None
    if (
        checkin is not None
        and checkin_at is not None
        and (night_at is None or checkin_at > night_at)
    ):
        return LastRecord(CHECKIN, checkin.id, checkin.local_date, "answered")
    if night is not None:
        return LastRecord(NIGHT, night.id, night.local_date, night.outcome)
    return None


async def undo_command(update: Update, context: LdnContext) -> None:
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    services = context.services
    now = services.now()

    def work(session: Session) -> LastRecord | None:
        patient = locked_patient(session, chat.id)
        return last_record(session, patient, now) if patient is not None else None

    found = await services.db.run(work)
    if found is None:
        await message.reply_text(texts.nothing_to_undo())
        return
    if found.kind == NIGHT:
        question = texts.undo_night_question(found.day, found.outcome)
    else:
        question = texts.undo_checkin_question(found.day)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.undo_button(), callback_data=UNDO.data(found.kind, found.row_id)
                ),
                InlineKeyboardButton(texts.undo_cancel_button(), callback_data=UNDO_CANCEL.data()),
            ]
        ]
    )
    await message.reply_text(question, reply_markup=markup)


def _undo_night(
    session: Session, patient: Patient, night: Night, now: datetime, context: LdnContext
) -> str:
    services = context.services
    before = night.outcome
    cutoff = timedelta(hours=services.settings.reminders.missed_after_hours)
    corrected = _last_history_correction(session, patient, night)
    if corrected is not None and corrected.before in (TAKEN, SKIPPED, MISSED):
        # The last record was a correction from /history: undoing it puts back what it changed.
        after = corrected.before
        night.outcome = after
        night.recorded_at = night.due_at if after == TAKEN else None
        if after == MISSED:
            night.missed_at = now
    elif night.sent_at is None and night.due_at > now:
        # Recorded before its reminder: the row goes, and the reminder comes as usual.
        after = "none"
        session.delete(night)
        session.flush()
    elif night.sent_at is not None and now <= night.due_at + cutoff:
        after = SENT  # the reminder is out and still open
        night.outcome = SENT
        night.recorded_at = None
    else:
        after = MISSED
        night.outcome = MISSED
        night.recorded_at = None
        night.missed_at = now
    RecordsRepository(session).add_correction(
        patient.id,
        kind=NIGHT,
        local_date=night.local_date,
        before=before,
        after=after,
        recorded_at=None,
        via="undo",
        now=now,
    )
    reply = texts.undone_night(night.local_date, texts.correction_state(after))
    if after == SENT:
        reply += "\n" + texts.undone_still_open()
    if after == "none":
        reschedule_after(session, patient, now, services.registry)
        if patient.next_reminder_at is not None:
            reply += "\n" + texts.undone_reminder_back(local(patient, patient.next_reminder_at))
    return reply


def _last_history_correction(session: Session, patient: Patient, night: Night) -> Correction | None:
    """The /history correction that made this night what it is now, if that was the last
    thing to change it."""
    for correction in reversed(RecordsRepository(session).corrections(patient.id)):
        if correction.kind == NIGHT and correction.local_date == night.local_date:
            return correction if correction.via == "history" else None
    return None


def _undo_checkin(session: Session, patient: Patient, checkin: Checkin, now: datetime) -> str:
    # The answers stay in the row (and the export); the check-in no longer counts as answered.
    checkin.completed_at = None
    checkin.skipped_at = now
    RecordsRepository(session).add_correction(
        patient.id,
        kind=CHECKIN,
        local_date=checkin.local_date,
        before="answered",
        after="withdrawn",
        recorded_at=None,
        via="undo",
        now=now,
    )
    return texts.undone_checkin(checkin.local_date)


async def on_undo(update: Update, context: LdnContext) -> None:
    """Confirmed: undo the record the button was offered for, if it is still the last one."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    services = context.services
    now = services.now()
    read = UNDO.read(query.data)

    def work(session: Session) -> str | None:
        if read is None:
            return None
        patient = locked_patient(session, chat_id)
        if patient is None:
            return None
        latest = last_record(session, patient, now)
        if latest is None or (latest.kind, latest.row_id) != tuple(read):
            return None
        if latest.kind == NIGHT:
            night = session.get(Night, latest.row_id)
            assert night is not None and night.patient_id == patient.id
            return _undo_night(session, patient, night, now, context)
        checkin = session.get(Checkin, latest.row_id)
        assert checkin is not None and checkin.patient_id == patient.id
        return _undo_checkin(session, patient, checkin, now)

    done = await services.db.run(work)
    await close_question(query, done, texts.undo_expired())


async def on_undo_cancel(update: Update, context: LdnContext) -> None:
    assert update.callback_query is not None
    await close_question(update.callback_query, texts.undo_cancelled(), texts.undo_expired())


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("undo", undo_command))
    application.add_handler(CallbackQueryHandler(on_undo, pattern=UNDO.pattern))
    application.add_handler(CallbackQueryHandler(on_undo_cancel, pattern=UNDO_CANCEL.pattern))
