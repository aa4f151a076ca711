"""Keeps `patients.next_reminder_at` true: call `reschedule` after any change that moves it
(time zone, time, start date, plan, pause, block, screening).

The features' gates and notes come from the Application's registry (`services.registry`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.schedule import next_due
from bot.registry import Registry
from storage.models import Night, Patient


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


def reschedule(
    session: Session, patient: Patient, now: datetime, registry: Registry
) -> datetime | None:
    """Set and return the patient's next reminder: the first night from now that has no
    reminder yet, or None while reminders are off."""
    if why_no_reminders(session, patient, registry) is not None:
        patient.next_reminder_at = None
        return None
    assert patient.timezone is not None and patient.reminder_time is not None
    zone = ZoneInfo(patient.timezone)
    after = now
    while True:
        night, due = next_due(
            reminder_time=patient.reminder_time,
            zone=zone,
            after=after,
            start_date=patient.start_date,
        )
        already = session.scalar(
            select(Night.id).where(Night.patient_id == patient.id, Night.local_date == night)
        )
        if already is None:
            patient.next_reminder_at = due
            return due
        after = due + timedelta(seconds=1)
