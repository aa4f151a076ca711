"""Patients: found by their chat, created on first contact, settings saved as given."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import GroupChat, Patient


class PatientRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, chat_id: int) -> Patient | None:
        return self.session.scalar(select(Patient).where(Patient.chat_id == chat_id))

    def get_or_create(self, chat_id: int, *, now: datetime) -> tuple[Patient, bool]:
        """The patient of this chat, and whether they are new."""
        patient = self.find(chat_id)
        if patient is not None:
            return patient, False
        patient = Patient(chat_id=chat_id, created_at=now, paused=False)
        self.session.add(patient)
        self.session.flush()
        return patient, True

    def update(self, patient: Patient, **fields: Any) -> Patient:
        for name, value in fields.items():
            if not hasattr(Patient, name):
                raise AttributeError(f"Patient has no setting {name!r}")
            setattr(patient, name, value)
        self.session.flush()
        return patient

    def delete(self, patient: Patient) -> None:
        """Erase the patient and, through the cascades, every row about them."""
        self.session.delete(patient)
        self.session.flush()


class GroupChatRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def mark_notified(self, chat_id: int, *, now: datetime) -> bool:
        """Remember that this group was told; True only the first time."""
        if self.session.get(GroupChat, chat_id) is not None:
            return False
        self.session.add(GroupChat(chat_id=chat_id, notified_at=now))
        self.session.flush()
        return True
