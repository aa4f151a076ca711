"""/history: the last 14 nights, each one correctable with buttons (taken at the reminder
time / skipped / not taken). A correction changes the night and is kept beside it as a
correction (storage/records.py), shown in /history, the report and the export."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LdnContext
from bot.domain.schedule import night_of
from bot.features.records import texts
from bot.features.records.buttons import CORRECT, LEAVE, SET, TAKEN_AT
from bot.features.records.recording import close_question, dose_text, local, locked_patient, zone_of
from bot.registry import Registry
from storage.models import Night, Patient
from storage.nights import MISSED, OPEN, SKIPPED, TAKEN, NightRepository
from storage.records import RecordsRepository

DAYS = 14
PER_ROW = 3
CORRECTABLE = (TAKEN, SKIPPED, MISSED)
# "Taken" is offered at about these times: the reminder's, an hour before it, up to three after.
TAKEN_OFFSETS = (-60, 0, 60, 120, 180)


def history_line(patient: Patient, night: Night, corrected: set[date]) -> str:
    at = local(patient, night.recorded_at) if night.recorded_at else None
    return texts.history_line(
        night.local_date,
        dose_text(patient, night),
        night.outcome,
        at,
        corrected=night.local_date in corrected,
    )


def _corrected_nights(session: Session, patient: Patient) -> set[date]:
    return {
        c.local_date
        for c in RecordsRepository(session).corrections(patient.id)
        if c.kind == "night"
    }


def _correctable(patient: Patient, night_date: date, now: datetime) -> bool:
    """One of the last 14 nights, up to the current one (never a night still to come)."""
    current = night_of(now, zone_of(patient))
    return current - timedelta(days=DAYS - 1) <= night_date <= current


async def history_command(update: Update, context: LdnContext) -> None:
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    services = context.services
    now = services.now()

    def work(session: Session) -> tuple[list[str], list[date]]:
        patient = locked_patient(session, chat.id)
        if patient is None:
            return [], []
        nights = NightRepository(session).history(patient.id, limit=DAYS)
        corrected = _corrected_nights(session, patient)
        lines = [history_line(patient, n, corrected) for n in nights]
        days = [n.local_date for n in nights if _correctable(patient, n.local_date, now)]
        return lines, days

    lines, days = await services.db.run(work)
    if not lines:
        await message.reply_text(texts.history_empty())
        return
    buttons = [
        InlineKeyboardButton(texts.night_button(day), callback_data=CORRECT.data(day.toordinal()))
        for day in days
    ]
    rows = [buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)]
    body = [texts.history_title(), *lines]
    if rows:
        body += ["", texts.history_hint()]
    await message.reply_text(
        "\n".join(body), reply_markup=InlineKeyboardMarkup(rows) if rows else None
    )


def _night_for_press(
    session: Session, chat_id: int, ordinal: int, now: datetime
) -> tuple[Patient, Night] | None:
    if not 1 <= ordinal <= date.max.toordinal():
        return None
    patient = locked_patient(session, chat_id)
    if patient is None:
        return None
    night_date = date.fromordinal(ordinal)
    if not _correctable(patient, night_date, now):
        return None
    night = NightRepository(session).for_night(patient.id, night_date)
    return (patient, night) if night is not None else None


async def on_correct(update: Update, context: LdnContext) -> None:
    """A night's date was tapped: ask what happened, with the three answers."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    services = context.services
    now = services.now()
    read = CORRECT.read(query.data)

    def work(session: Session) -> tuple[str, InlineKeyboardMarkup] | None:
        found = _night_for_press(session, chat_id, read[0], now) if read else None
        if found is None:
            return None
        patient, night = found
        line = history_line(patient, night, _corrected_nights(session, patient))
        ordinal = night.local_date.toordinal()
        due = local(patient, night.due_at)
        taken = [
            InlineKeyboardButton(
                texts.set_taken_at_button(due + timedelta(minutes=offset)),
                callback_data=TAKEN_AT.data(ordinal, offset),
            )
            for offset in TAKEN_OFFSETS
        ]
        markup = InlineKeyboardMarkup(
            [
                taken[:3],
                taken[3:],
                [
                    InlineKeyboardButton(
                        texts.set_skipped_button(), callback_data=SET.data(ordinal, SKIPPED)
                    ),
                    InlineKeyboardButton(
                        texts.set_missed_button(), callback_data=SET.data(ordinal, MISSED)
                    ),
                ],
                [
                    InlineKeyboardButton(
                        texts.keep_as_is_button(), callback_data=LEAVE.data(ordinal)
                    )
                ],
            ]
        )
        return texts.correct_question(line), markup

    asked = await services.db.run(work)
    if asked is None:
        await query.answer(texts.correction_expired(), show_alert=True)
        return
    await query.answer()
    await context.bot.send_message(chat_id, asked[0], reply_markup=asked[1])


def correct_night(
    session: Session,
    patient: Patient,
    night: Night,
    outcome: str,
    now: datetime,
    *,
    via: str,
    taken_at: datetime | None = None,
) -> None:
    """Set the night to `outcome` and keep the change as a correction. `taken_at`: when the
    patient says they took it (else the time already recorded, else the reminder's)."""
    before = night.outcome
    if outcome == TAKEN:
        if taken_at is not None:
            night.recorded_at = taken_at
        elif before != TAKEN:
            night.recorded_at = night.due_at
    elif outcome == SKIPPED:
        night.recorded_at = now
    else:
        night.recorded_at = None
        night.missed_at = now
    night.outcome = outcome
    night.snoozed_until = None
    RecordsRepository(session).add_correction(
        patient.id,
        kind="night",
        local_date=night.local_date,
        before=before,
        after=outcome,
        recorded_at=night.recorded_at if outcome == TAKEN else None,
        via=via,
        now=now,
    )


async def on_set(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    services = context.services
    now = services.now()
    read = SET.read(query.data)

    def work(session: Session) -> tuple[str, tuple[int, str] | None] | None:
        """(the reply, the night's open reminder to edit and its new text)"""
        if read is None or read[1] not in CORRECTABLE:
            return None
        return _set(session, read[0], read[1], None, chat_id=chat_id, now=now)

    await _answer_set(update, context, work)


async def on_taken_at(update: Update, context: LdnContext) -> None:
    """ "Taken", at about the time on the button."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    now = context.services.now()
    read = TAKEN_AT.read(query.data)

    def work(session: Session) -> tuple[str, tuple[int, str] | None] | None:
        if read is None or read[1] not in TAKEN_OFFSETS:
            return None
        return _set(session, read[0], TAKEN, read[1], chat_id=chat_id, now=now)

    await _answer_set(update, context, work)


def _set(
    session: Session,
    ordinal: int,
    outcome: str,
    offset: int | None,
    *,
    chat_id: int,
    now: datetime,
) -> tuple[str, tuple[int, str] | None] | None:
    """Correct the pressed night; (the reply, the night's open reminder to edit and its new
    text), or None when the press no longer fits."""
    found = _night_for_press(session, chat_id, ordinal, now)
    if found is None:
        return None
    patient, night = found
    taken_at = night.due_at + timedelta(minutes=offset) if offset is not None else None
    if night.outcome == outcome and (taken_at is None or night.recorded_at == taken_at):
        return texts.kept_as_is(), None
    was_open = night.outcome in OPEN
    correct_night(session, patient, night, outcome, now, via="history", taken_at=taken_at)
    line = history_line(patient, night, _corrected_nights(session, patient))
    # The reminder's buttons would otherwise still offer to record this night.
    edit = (night.message_id, line) if was_open and night.message_id is not None else None
    return texts.corrected(line), edit


async def _answer_set(
    update: Update,
    context: LdnContext,
    work: Callable[[Session], tuple[str, tuple[int, str] | None] | None],
) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    found = await context.services.db.run(work)
    done, edit = found if found is not None else (None, None)
    if edit is not None:
        with contextlib.suppress(BadRequest, Forbidden):
            await context.bot.edit_message_text(edit[1], chat_id=chat_id, message_id=edit[0])
    await close_question(query, done, texts.correction_expired())


async def on_leave(update: Update, context: LdnContext) -> None:
    assert update.callback_query is not None
    await close_question(update.callback_query, texts.kept_as_is(), texts.correction_expired())


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("history", history_command))
    application.add_handler(CallbackQueryHandler(on_correct, pattern=CORRECT.pattern))
    application.add_handler(CallbackQueryHandler(on_set, pattern=SET.pattern))
    application.add_handler(CallbackQueryHandler(on_taken_at, pattern=TAKEN_AT.pattern))
    application.add_handler(CallbackQueryHandler(on_leave, pattern=LEAVE.pattern))
