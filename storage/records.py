"""A patient's record: the rows /stats, /report and /export show, the patient's own
corrections of it (/undo, /history), and erasure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from storage.base import Base
from storage.caregivers import CaregiverRepository
from storage.models import (
    Checkin,
    Correction,
    FaqQuestion,
    Night,
    Notice,
    Patient,
    ScreeningAnswer,
    StepDecision,
)
from storage.patients import PatientRepository


@dataclass(frozen=True)
class TableRows:
    """One table's rows about a patient, as plain values in column order."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


class RecordsRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def nights(self, patient_id: int) -> Sequence[Night]:
        return self.session.scalars(
            select(Night).where(Night.patient_id == patient_id).order_by(Night.local_date)
        ).all()

    def completed_checkins(self, patient_id: int) -> Sequence[Checkin]:
        """Check-ins the patient answered, oldest first."""
        return self.session.scalars(
            select(Checkin)
            .where(Checkin.patient_id == patient_id, Checkin.completed_at.is_not(None))
            .order_by(Checkin.local_date, Checkin.id)
        ).all()

    def step_decisions(self, patient_id: int) -> Sequence[StepDecision]:
        return self.session.scalars(
            select(StepDecision)
            .where(StepDecision.patient_id == patient_id)
            .order_by(StepDecision.decided_on, StepDecision.id)
        ).all()

    def screening(self, patient_id: int) -> Sequence[ScreeningAnswer]:
        return self.session.scalars(
            select(ScreeningAnswer)
            .where(ScreeningAnswer.patient_id == patient_id)
            .order_by(ScreeningAnswer.answered_at, ScreeningAnswer.id)
        ).all()

    def notices(self, patient_id: int, *, kind_prefix: str = "") -> Sequence[Notice]:
        query = select(Notice).where(Notice.patient_id == patient_id)
        if kind_prefix:
            query = query.where(Notice.kind.startswith(kind_prefix, autoescape=True))
        return self.session.scalars(query.order_by(Notice.due_at, Notice.id)).all()

    def corrections(self, patient_id: int) -> Sequence[Correction]:
        """The patient's corrections, oldest first."""
        return self.session.scalars(
            select(Correction)
            .where(Correction.patient_id == patient_id)
            .order_by(Correction.created_at, Correction.id)
        ).all()

    def add_correction(
        self,
        patient_id: int,
        *,
        kind: str,
        local_date: date,
        before: str,
        after: str,
        recorded_at: datetime | None,
        via: str,
        now: datetime,
    ) -> Correction:
        row = Correction(
            patient_id=patient_id,
            created_at=now,
            kind=kind,
            local_date=local_date,
            before=before,
            after=after,
            recorded_at=recorded_at,
            via=via,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def latest_recorded_night(self, patient_id: int, *, since: datetime) -> Night | None:
        """The night the patient last recorded (taken or skipped) at or after `since`."""
        return self.session.scalar(
            select(Night)
            .where(
                Night.patient_id == patient_id,
                Night.outcome.in_(("taken", "skipped")),
                Night.recorded_at >= since,
            )
            .order_by(Night.recorded_at.desc(), Night.id.desc())
            .limit(1)
        )

    def latest_completed_checkin(self, patient_id: int, *, since: datetime) -> Checkin | None:
        """The check-in the patient last finished answering at or after `since`."""
        return self.session.scalar(
            select(Checkin)
            .where(Checkin.patient_id == patient_id, Checkin.completed_at >= since)
            .order_by(Checkin.completed_at.desc(), Checkin.id.desc())
            .limit(1)
        )

    def faq_questions(self, patient_id: int) -> Sequence[FaqQuestion]:
        return self.session.scalars(
            select(FaqQuestion)
            .where(FaqQuestion.patient_id == patient_id)
            .order_by(FaqQuestion.created_at, FaqQuestion.id)
        ).all()

    def export_tables(self, patient: Patient) -> list[TableRows]:
        """Every row about the patient, one entry per table: their row in `patients`, then
        every table that hangs off it (found from the schema, so a new table is included)."""
        tables: list[TableRows] = [self._rows(Patient.__table__, Patient.id == patient.id)]  # type: ignore[arg-type]
        for table in Base.metadata.sorted_tables:
            if table.name != "patients" and "patient_id" in table.c:
                tables.append(self._rows(table, table.c.patient_id == patient.id))
        return tables

    def caregiving(self, chat_id: int) -> TableRows:
        """What is kept about this chat as somebody's caregiver."""
        columns, rows = CaregiverRepository(self.session).export_as_caregiver(chat_id)
        return TableRows(name="caregiving", columns=columns, rows=tuple(rows))

    def _rows(self, table: Table, where: Any) -> TableRows:
        primary = list(table.primary_key.columns)
        result = self.session.execute(select(table).where(where).order_by(*primary))
        return TableRows(
            name=table.name,
            columns=tuple(result.keys()),
            rows=tuple(tuple(row) for row in result),
        )


def erase_patient(session: Session, chat_id: int) -> bool:
    """Erase the patient of this chat and, by the cascades, every row about them, and the
    links this chat has as somebody's caregiver.

    True when there was something to erase.
    """
    forgotten = CaregiverRepository(session).forget_caregiver(chat_id)
    patients = PatientRepository(session)
    patient = patients.find(chat_id)
    if patient is None:
        return forgotten > 0
    patients.delete(patient)
    return True
