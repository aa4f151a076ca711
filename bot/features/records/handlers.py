"""A patient's own record: /stats (text and a chart), /report (a PDF for the prescriber),
/export (a zip of CSVs) and /delete (erase everything, after a confirmation button); the
nights themselves (/taken /skip in nights.py, /history in history.py, /undo in undo.py).

Every command reads only the rows of the patient whose chat it is; the delete button names
the patient row it was offered for, so a stale or forged press erases nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import date

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LdnContext
from bot.domain.schedule import local_today
from bot.domain.side_effects import SIDE_EFFECTS
from bot.features.checkins.texts import effect_name
from bot.features.records import history, nights, texts, undo
from bot.features.records.buttons import DELETE, KEEP
from bot.features.records.export import readable_files
from bot.features.records.record import PatientRecord, export_zip, load_record, patient_zone
from bot.features.settings.texts import plan_description
from bot.registry import Registry
from storage.models import Patient
from storage.patients import PatientRepository
from storage.records import RecordsRepository, TableRows, erase_patient

log = logging.getLogger(__name__)


async def _load(context: LdnContext, chat_id: int) -> PatientRecord | None:
    services = context.services
    now = services.now()

    def load(session: Session) -> PatientRecord | None:
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        return load_record(session, patient, now=now)

    return await services.db.run(load)


def stats_message(record: PatientRecord) -> str:
    extra = []
    if record.checkins:
        latest = record.checkins[-1]
        reported = [
            (effect_name(effect.key), latest.severities[effect.key])
            for effect in SIDE_EFFECTS
            if effect.key in latest.severities
        ]
        if reported:
            extra.append(texts.side_effects_line(latest.local_date, reported))
    score = texts.score_line(
        [c.symptom_score for c in record.checkins if c.symptom_score is not None]
    )
    if score:
        extra.append(score)
    plan = texts.plan_text(
        plan_description(record.plan),
        record.position,
        start_date=record.start_date,
        on_hold_for=effect_name(record.hold.key) if record.hold is not None else None,
    )
    return texts.stats_text(record.adherence, plan=plan, extra=extra)


async def show_stats(update: Update, context: LdnContext) -> None:
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    record = await _load(context, chat.id)
    if record is None:
        await message.reply_text(texts.not_set_up())
        return
    if not record.has_history:
        await message.reply_text(texts.no_history())
        return
    from bot.features.records.charts import (
        record_chart,  # matplotlib (~60 MB) loads on the first chart
    )

    # Rendering takes a few hundred ms: keep it off the event loop.
    chart = await asyncio.to_thread(record_chart, record)
    await message.reply_text(stats_message(record))
    await message.reply_photo(chart, caption=texts.chart_caption())


def build_report(record: PatientRecord) -> bytes:
    from bot.features.records.charts import (
        record_chart,  # matplotlib and fpdf load on the first report
    )
    from bot.features.records.report_pdf import report_pdf

    chart = record_chart(record, title=texts.pdf_chart_title()) if record.has_history else None
    return report_pdf(record, chart_png=chart)


async def send_report(update: Update, context: LdnContext) -> None:
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    record = await _load(context, chat.id)
    if record is None:
        await message.reply_text(texts.not_set_up())
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_DOCUMENT)
    pdf = await asyncio.to_thread(build_report, record)
    await message.reply_document(
        pdf, filename=texts.report_filename(record.today), caption=texts.report_caption()
    )


async def send_export(update: Update, context: LdnContext) -> None:
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    services = context.services
    now = services.now()

    def export(session: Session) -> tuple[list[TableRows], list[tuple[str, str]], date] | None:
        patient = PatientRepository(session).find(chat.id)
        caregiving = RecordsRepository(session).caregiving(chat.id)
        if patient is None:  # perhaps somebody's caregiver only
            return ([caregiving], [], now.date()) if caregiving.rows else None
        today = local_today(now, patient_zone(patient))
        tables = RecordsRepository(session).export_tables(patient)
        readable = [(f.name, f.text()) for f in readable_files(session, patient)]
        return tables + ([caregiving] if caregiving.rows else []), readable, today

    found = await services.db.run(export)
    if found is None or not found[0]:
        await message.reply_text(texts.not_set_up())
        return
    tables, readable, today = found
    archive = export_zip(tables, readme=texts.export_readme(), readable=readable)
    await message.reply_document(
        archive, filename=texts.export_filename(today), caption=texts.export_caption()
    )


def _patient_token(patient: Patient) -> tuple[int, int]:
    """Names this patient row for good: SQLite reuses the id of an erased row, so an old
    button must also match when the row was created (in microseconds)."""
    return patient.id, int(patient.created_at.timestamp() * 1_000_000)


def _token_of(session: Session, chat_id: int) -> tuple[int, int] | None:
    patient = PatientRepository(session).find(chat_id)
    if patient is None:  # somebody's caregiver only: their links are all there is to erase
        return (0, 0) if RecordsRepository(session).caregiving(chat_id).rows else None
    return _patient_token(patient)


async def ask_to_delete(update: Update, context: LdnContext) -> None:
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    token = await context.services.db.run(lambda session: _token_of(session, chat.id))
    if token is None:
        await message.reply_text(texts.nothing_to_delete())
        return
    buttons = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.delete_yes(), callback_data=DELETE.data(*token))],
            [InlineKeyboardButton(texts.delete_cancel(), callback_data=KEEP.data(*token))],
        ]
    )
    await message.reply_text(texts.delete_prompt(), reply_markup=buttons)


async def answer_delete(update: Update, context: LdnContext) -> None:
    """The confirmation buttons. The guard already made sure the presser owns this chat;
    the patient id in the data must still be this chat's patient now."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    erase = DELETE.read(query.data)
    args = erase if erase is not None else KEEP.read(query.data)
    database = context.services.db

    def confirm(session: Session) -> tuple[bool, bool]:
        """(the buttons are this chat's patient's, the patient was erased)"""
        token = _token_of(session, chat_id)
        current = token is not None and args == token
        return current, current and erase is not None and erase_patient(session, chat_id)

    current, erased = await database.run(confirm)
    if erased:
        await database.call(database.forget_erased)
    if not current:
        await query.answer(texts.delete_expired(), show_alert=True)
        with contextlib.suppress(BadRequest):  # already without buttons
            await query.edit_message_reply_markup(None)
        return
    await query.answer()
    if erased:
        log.info("a patient erased their data")
        await query.edit_message_text(texts.deleted())
    else:
        await query.edit_message_text(texts.delete_cancelled())


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("stats", show_stats))
    application.add_handler(CommandHandler("report", send_report))
    application.add_handler(CommandHandler("export", send_export))
    application.add_handler(CommandHandler("delete", ask_to_delete))
    application.add_handler(CallbackQueryHandler(answer_delete, pattern=DELETE.pattern))
    application.add_handler(CallbackQueryHandler(answer_delete, pattern=KEEP.pattern))
    nights.register(application, registry)
    history.register(application, registry)
    undo.register(application, registry)
