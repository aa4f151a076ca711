"""Recording a night from the chat (/taken, /skip, the which-night buttons, corrections):
the patient's row, the night's row, and the words for what was recorded."""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import CallbackQuery
from telegram.error import BadRequest

from bot.domain.plans import dose_volume_ml, liquid_strength, plan_from_patient
from bot.domain.schedule import due_at
from bot.domain.titration import DECISIONS, StepChoice, tonight
from bot.features.records import texts
from bot.features.reminders import texts as night_texts
from bot.i18n import number
from bot.registry import Registry
from storage.models import Night, Patient
from storage.nights import MISSED, SKIPPED, TAKEN, NightRepository


def zone_of(patient: Patient) -> ZoneInfo:
    try:
        return ZoneInfo(patient.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def locked_patient(session: Session, chat_id: int) -> Patient | None:
    """The chat's patient, row-locked so a dispatcher on another process waits for us."""
    return session.scalar(select(Patient).where(Patient.chat_id == chat_id).with_for_update())


def dose_text(patient: Patient, night: Night) -> str:
    """'1.5 mg', or '1.5 mg (0.75 mL of your 2 mg/mL liquid)' at the patient's strength."""
    mg_per_ml = patient.liquid_mg_per_ml
    ml = dose_volume_ml(night.dose_mg, patient.form, mg_per_ml)
    if ml is None:
        return texts.dose(number(night.dose_mg), None)
    return texts.dose(number(night.dose_mg), number(ml), number(liquid_strength(mg_per_ml)))


def local(patient: Patient, moment: datetime) -> datetime:
    return moment.astimezone(zone_of(patient))


def recorded_text(
    patient: Patient, night: Night, *, late: bool = False, last_night: bool = False
) -> str:
    dose = dose_text(patient, night)
    if night.outcome == TAKEN:
        at = local(patient, night.recorded_at or night.due_at)
        return night_texts.taken_late(at, dose) if late else night_texts.taken(at, dose)
    if night.outcome == SKIPPED:
        return texts.skipped_night(dose) if last_night else night_texts.skipped(dose)
    return texts.outcome_word(night.outcome)


def record(night: Night, outcome: str, now: datetime) -> bool:
    """Record taken/skipped; returns whether it was late (after the night was missed)."""
    late = night.outcome == MISSED
    night.outcome = outcome
    night.recorded_at = now
    night.snoozed_until = None
    return late


def night_due(patient: Patient, night: date, now: datetime) -> datetime:
    """When the reminder for `night` is (or was) due; `now` without a reminder time."""
    if patient.reminder_time is None:
        return now
    return due_at(night, patient.reminder_time, zone_of(patient))


def new_night(
    session: Session,
    patient: Patient,
    night_date: date,
    *,
    outcome: str,
    now: datetime,
    recorded_at: datetime | None = None,
) -> Night:
    """A night recorded without a reminder (the patient told us first, or corrected it);
    the dispatcher sees the row and sends nothing for it."""
    repo = NightRepository(session)
    if patient.start_date is None:
        patient.start_date = night_date
    choices = [
        StepChoice(d.step_index, d.decision, d.decided_on)  # type: ignore[arg-type]
        for d in repo.decisions(patient.id)
        if d.decision in DECISIONS
    ]
    where = tonight(plan_from_patient(patient), patient.start_date, choices, night_date)
    night = repo.add(
        patient,
        night_date,
        due_at=night_due(patient, night_date, now),
        dose_mg=where.dose_mg,
        step_index=where.step_index,
        outcome=outcome,
        now=now,
    )
    if recorded_at is not None:
        night.recorded_at = recorded_at
    session.flush()
    return night


def reschedule_after(session: Session, patient: Patient, now: datetime, registry: Registry) -> None:
    # Imported here: the reminders feature owns the schedule; records only asks it to redo.
    from bot.features.reminders.scheduling import reschedule

    reschedule(session, patient, now, registry)


async def close_question(query: CallbackQuery, done: str | None, expired: str) -> None:
    """Answer a press on a question the bot asked (/history, /undo): edit the question into
    `done`, or, when the press no longer fits (None), say `expired` and take its buttons off."""
    if done is None:
        await query.answer(expired, show_alert=True)
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(None)
        return
    await query.answer()
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(done)
