"""Patients: found by their chat, created on first contact, settings saved as given."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from storage.models import GroupChat, Patient

_AWAITING = select(Patient.id, Patient.awaiting).where(Patient.chat_id == bindparam("chat_id"))
_AT_A_GLANCE = select(Patient.id, Patient.language, Patient.awaiting).where(
    Patient.chat_id == bindparam("chat_id")
)
_FIRST_LANGUAGE = (
    update(Patient)
    .where(Patient.chat_id == bindparam("chat"), Patient.language.is_(None))
    .values(language=bindparam("first_language"))
)


class AtAGlance(NamedTuple):
    """What every update of a chat needs to know of its patient."""

    id: int
    language: str | None  # None: not known yet
    awaiting: str | None  # the free-text answer the bot waits for


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

    def at_a_glance(self, chat_id: int) -> AtAGlance | None:
        """The chat's patient's id, language and awaited answer (None for a stranger).

        Read at the start of an update whose chat's language is not known: one prepared
        SELECT on the session's connection, like `awaiting` (unflushed changes are not seen).
        """
        row = self.session.connection().execute(_AT_A_GLANCE, {"chat_id": chat_id}).first()
        return None if row is None else AtAGlance(row.id, row.language, row.awaiting)

    def set_first_language(self, chat_id: int, language: str) -> bool:
        """Store the language of a patient who has none yet (their app's, at their first
        update); False when the chat has no such patient. One UPDATE on the connection: a
        Patient this session has loaded does not see it."""
        values = {"chat": chat_id, "first_language": language}
        return bool(self.session.connection().execute(_FIRST_LANGUAGE, values).rowcount)

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
