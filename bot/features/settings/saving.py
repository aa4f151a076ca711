"""Saving a changed setting: the patient's row, no typed answer awaited any more, the usual
plan, form and start date filled in after a one-line command, and the next reminder
rescheduled, all in one unit of work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.context import LdnContext
from bot.domain.plans import STANDARD, Plan, plan_from_patient, plan_to_columns
from bot.domain.schedule import night_of
from bot.domain.setting_answers import local_today
from bot.domain.titration import StepChoice, tonight
from bot.features.reminders.scheduling import reschedule, why_no_reminders
from bot.registry import Registry
from storage.models import Patient
from storage.nights import NightRepository
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
    # (dose before, dose after, when it is due): the change lowered the next dose
    lower_dose: tuple[Decimal, Decimal, datetime] | None = None


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


# More work in the same unit of work (the patient's step answers, for instance).
Also = Callable[[Session, Patient, datetime], None]


async def save_answer(
    context: LdnContext, chat_id: int, fields: dict[str, Any], also: Also | None = None
) -> Saved:
    """Save an answer to a question (a button, or text typed while it was awaited)."""
    return await _save(context, chat_id, fields, _nothing_more, also)


async def save_command(
    context: LdnContext, chat_id: int, fields: dict[str, Any], also: Also | None = None
) -> Saved:
    """Save a one-line command's setting, then fill in the usual defaults once the time zone
    and time are known and setup is not finished."""
    return await _save(context, chat_id, fields, _fill_defaults_once_zone_and_time_known, also)


def next_dose(session: Session, patient: Patient, due: datetime | None) -> Decimal | None:
    """The dose of the night `due` falls in, by the patient's plan and step answers; None
    before the plan, the start date and the time zone are known."""
    if due is None or patient.plan is None or patient.start_date is None:
        return None
    if patient.timezone is None:
        return None
    night = night_of(due, ZoneInfo(patient.timezone))
    decisions = [
        StepChoice(row.step_index, row.decision, row.decided_on)  # type: ignore[arg-type]
        for row in NightRepository(session).decisions(patient.id)
    ]
    return tonight(plan_from_patient(patient), patient.start_date, decisions, night).dose_mg


async def _save(
    context: LdnContext,
    chat_id: int,
    fields: dict[str, Any],
    then: Callable[[Patient, datetime], bool],
    also: Also | None,
) -> Saved:
    """Save `fields` for the patient of `chat_id` (creating them), stop awaiting a typed
    answer, apply `then` and `also`, and reschedule the next reminder."""
    services = context.services
    now = services.now()

    def save(session: Session) -> Saved:
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat_id, now=now)
        before = next_dose(session, patient, patient.next_reminder_at)
        patients.update(patient, awaiting=None, **fields)
        filled = then(patient, now)
        if also is not None:
            also(session, patient, now)
        due = reschedule(session, patient, now, services.registry)
        after = next_dose(session, patient, due)
        lower = (before, after, due) if before and after and due and after < before else None
        return _snapshot(
            session,
            patient,
            services.registry,
            defaults_filled=filled,
            due=due,
            lower_dose=lower,
        )

    return await services.db.run(save)


def _snapshot(
    session: Session,
    patient: Patient,
    registry: Registry,
    *,
    defaults_filled: bool,
    due: datetime | None,
    lower_dose: tuple[Decimal, Decimal, datetime] | None = None,
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
        lower_dose=lower_dose,
    )
