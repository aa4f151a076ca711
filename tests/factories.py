"""Rows a test needs before the conversation it is about: one way to make a patient."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from storage.models import Patient
from storage.patients import PatientRepository


def make_patient(
    chat_id: int,
    now: datetime,
    *,
    set_up: bool = True,
    session: Session | None = None,
    **settings: Any,
) -> Patient:
    """A patient who joined at `now`. Set up (the default): finished setup then, on the standard
    capsule plan from that day, reminded at 22:00 UTC. `set_up=False`: only what /start records.
    Keyword arguments override any column. With a session, the patient is saved through
    `PatientRepository` (the id is set); without one, the row is returned unsaved (for add_all).
    """
    fields: dict[str, Any] = {"created_at": now, "paused": False}
    if set_up:
        zone = settings.get("timezone", "UTC")
        fields |= {
            "setup_completed_at": now,
            "timezone": zone,
            "reminder_time": time(22, 0),
            "form": "capsule",
            "plan": "standard",
            "start_date": now.astimezone(ZoneInfo(zone)).date(),
        }
    fields |= settings
    if session is None:
        return Patient(chat_id=chat_id, **fields)
    patients = PatientRepository(session)
    patient, new = patients.get_or_create(chat_id, now=fields.pop("created_at"))
    assert new, f"chat {chat_id} already has a patient"
    return patients.update(patient, **fields)
