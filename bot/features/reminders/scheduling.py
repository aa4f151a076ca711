"""Keeps `patients.next_reminder_at` true: call `reschedule` after any change that moves it
(time zone, time, start date, plan, pause, block, screening). `next_night` is the one way to
find the next night to remind, and `add_night` the one way a night row is added.

The features' gates and notes come from the Application's registry (`services.registry`)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.domain.schedule import next_due
from bot.domain.side_effects import SideEffect
from bot.domain.titration import Tonight
from bot.features.reminders.compose import hold_for, where_tonight
from bot.registry import Registry
from storage.models import Night, Patient, StepDecision
from storage.nights import SENDING, NightRepository


def reminder_note(session: Session, patient: Patient, registry: Registry) -> str | None:
    """The extra lines tonight's reminder carries for this patient, if any."""
    lines = [
        line for note in registry.reminder_notes if (line := note(session, patient)) is not None
    ]
    return "\n".join(lines) or None


def why_no_reminders(session: Session, patient: Patient, registry: Registry) -> str | None:
    """The reason reminders are not scheduled for this patient, or None when they are."""
    if patient.blocked_at is not None:
        return "blocked"
    if patient.paused:
        return "paused"
    if patient.timezone is None or patient.reminder_time is None:
        return "not set up"
    for gate in registry.reminder_gates:
        reason = gate(session, patient)
        if reason is not None:
            return reason
    return None


def next_night(
    patient: Patient, after: datetime, has_night: Callable[[date], bool]
) -> tuple[date, datetime]:
    """The first night whose reminder is due at or after `after` and that has no night row
    yet (`has_night`), with its due moment (DST-safe, see `bot.domain.schedule`)."""
    assert patient.timezone is not None and patient.reminder_time is not None
    zone = ZoneInfo(patient.timezone)
    while True:
        night, due = next_due(
            reminder_time=patient.reminder_time,
            zone=zone,
            after=after,
            start_date=patient.start_date,
        )
        if not has_night(night):
            return night, due
        after = due + timedelta(seconds=1)


def reschedule(
    session: Session,
    patient: Patient,
    now: datetime,
    registry: Registry,
    *,
    nights: Collection[date] | None = None,
) -> datetime | None:
    """Set and return the patient's next reminder: the first night from `now` that has no
    reminder yet, or None while reminders are off. `nights`: the patient's nights already
    known (a claim batch reads them once), instead of asking the database night by night."""
    if why_no_reminders(session, patient, registry) is not None:
        patient.next_reminder_at = None
        return None
    if nights is not None:
        _, due = next_night(patient, now, nights.__contains__)
    else:
        repo = NightRepository(session)
        _, due = next_night(patient, now, lambda night: repo.has_night(patient.id, night))
    patient.next_reminder_at = due
    return due


@dataclass(frozen=True)
class NewNight:
    night: Night
    where: Tonight  # the plan on that night
    hold: SideEffect | None  # what holds tonight's step up, when one is due


def add_night(
    session: Session,
    patient: Patient,
    local_date: date,
    *,
    due_at: datetime,
    outcome: str,
    now: datetime,
    decisions: Sequence[StepDecision] | None = None,
    follow_up_at: datetime | None = None,
) -> NewNight:
    """Add the patient's night row for `local_date` (the plan starts with the first night when
    no start date is set): a reminder going out ("sending"), a missed one, or one the patient
    recorded before any reminder. Not flushed: the caller flushes (once for a batch)."""
    repo = NightRepository(session)
    if patient.start_date is None:
        patient.start_date = local_date
    if decisions is None:
        decisions = repo.decisions(patient.id)
    where = where_tonight(patient, local_date, decisions)
    sending = outcome == SENDING
    hold = hold_for(session, patient, now) if sending and where.offer is not None else None
    night = repo.add(
        patient,
        local_date,
        due_at=due_at,
        dose_mg=where.dose_mg,
        step_index=where.step_index,
        outcome=outcome,
        now=now,
        offers_step_up=sending and where.offer is not None and hold is None,
        follow_up_at=follow_up_at,
    )
    return NewNight(night, where, hold)
