"""Patients: found by their chat, created on first contact, settings saved as given."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from storage.models import GroupChat, Patient

_AWAITING = select(Patient.id, Patient.awaiting).where(Patient.chat_id == bindparam("chat_id"))


class PatientRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, chat_id: int) -> Patient | None:
        return self.session.scalar(select(Patient).where(Patient.chat_id == chat_id))

    def awaiting(self, chat_id: int) -> tuple[int, str | None] | None:
        """(patient id, the answer the bot waits for) of this chat, or None for a stranger.

        Every free-text message asks this first, so it is one prepared SELECT of two columns
        on the session's connection: no Patient object, and this session's unflushed changes
        are not seen.
        """
        row = self.session.connection().execute(_AWAITING, {"chat_id": chat_id}).first()
        return None if row is None else (row.id, row.awaiting)

    def language(self, chat_id: int) -> tuple[bool, str | None]:
        """(whether this chat has a patient, the language they write in or None)."""
        row = self.session.execute(
            select(Patient.id, Patient.language).where(Patient.chat_id == chat_id)
        ).first()
        return (False, None) if row is None else (True, row.language)

    def languages(self, chat_ids: Iterable[int]) -> dict[int, str | None]:
        """chat id -> the language its patient reads (None: not known, English)."""
        ids = list(set(chat_ids))
        if not ids:
            return {}
        rows = self.session.execute(
            select(Patient.chat_id, Patient.language).where(Patient.chat_id.in_(ids))
        )
        return {row.chat_id: row.language for row in rows}

    def set_language(self, chat_id: int, language: str) -> bool:
        """Store the patient's language; False when the chat has no patient."""
        patient = self.find(chat_id)
        if patient is None:
            return False
        patient.language = language
        self.session.flush()
        return True

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
