"""Saving a changed setting: the patient's row, no typed answer awaited any more, the usual
plan, form and start date filled in after a one-line command, and the next reminder
rescheduled, all in one unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from bot.context import LdnContext
from bot.domain.plans import STANDARD, Plan, plan_from_patient, plan_to_columns
from bot.domain.setting_answers import local_today
from bot.features.reminders.scheduling import reschedule, why_no_reminders
from bot.registry import Registry
from storage.models import Patient
from storage.patients import PatientRepository

DEFAULT_PLAN = STANDARD
DEFAULT_FORM = "capsule"


@dataclass(frozen=True)
class Saved:
    """What the patient's settings are after a change, for the reply."""

    setup_complete: bool
    defaults_filled: bool
    zone: str | None
    reminder_time: time | None
    form: str | None
    liquid_mg_per_ml: Decimal | None
    plan: Plan
    plan_kind: str | None
    start_date: date | None
    next_reminder_at: datetime | None
    why_no_reminders: str | None


def _fill_defaults(patient: Patient, now: datetime) -> bool:
    """Standard plan, capsules, from today: whatever of these is still unset. True if any."""
    filled = False
    if patient.plan is None:
        patient.plan, patient.plan_steps = plan_to_columns(DEFAULT_PLAN)
        filled = True
    if patient.form is None:
        patient.form = DEFAULT_FORM
        filled = True
    if patient.start_date is None:
        patient.start_date = local_today(patient.timezone, now)
        filled = True
    return filled


def _fill_defaults_once_zone_and_time_known(patient: Patient, now: datetime) -> bool:
    """After a command: `/timezone Berlin` and `/time 22:00` alone are enough for tonight."""
    if (
        patient.setup_completed_at is None
        and patient.timezone is not None
        and patient.reminder_time is not None
    ):
        return _fill_defaults(patient, now)
    return False


def _nothing_more(patient: Patient, now: datetime) -> bool:
    return False


async def save_answer(context: LdnContext, chat_id: int, fields: dict[str, Any]) -> Saved:
    """Save an answer to a question (a button, or text typed while it was awaited)."""
    return await _save(context, chat_id, fields, _nothing_more)


async def save_command(context: LdnContext, chat_id: int, fields: dict[str, Any]) -> Saved:
    """Save a one-line command's setting, then fill in the usual defaults once the time zone
    and time are known and setup is not finished."""
    return await _save(context, chat_id, fields, _fill_defaults_once_zone_and_time_known)


async def _save(
    context: LdnContext,
    chat_id: int,
    fields: dict[str, Any],
    then: Callable[[Patient, datetime], bool],
) -> Saved:
    """Save `fields` for the patient of `chat_id` (creating them), stop awaiting a typed
    answer, apply `then`, and reschedule the next reminder."""
    services = context.services
    now = services.now()

    def save(session: Session) -> Saved:
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat_id, now=now)
        patients.update(patient, awaiting=None, **fields)
        filled = then(patient, now)
        due = reschedule(session, patient, now, services.registry)
        return _snapshot(session, patient, services.registry, defaults_filled=filled, due=due)

    return await services.db.run(save)


def _snapshot(
    session: Session,
    patient: Patient,
    registry: Registry,
    *,
    defaults_filled: bool,
    due: datetime | None,
) -> Saved:
    return Saved(
        setup_complete=patient.setup_completed_at is not None,
        defaults_filled=defaults_filled,
        zone=patient.timezone,
        reminder_time=patient.reminder_time,
        form=patient.form,
        liquid_mg_per_ml=patient.liquid_mg_per_ml,
        plan=plan_from_patient(patient),
        plan_kind=patient.plan,
        start_date=patient.start_date,
        next_reminder_at=due,
        why_no_reminders=why_no_reminders(session, patient, registry),
    )
