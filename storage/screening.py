"""Safety-screening answers: one per patient and topic, saved as given."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from storage.models import ScreeningAnswer

# An unanswered topic is absent; `None` means the patient answered "not sure".
Answers = dict[str, bool | None]


class ScreeningRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def answers(self, patient_id: int) -> Answers:
        rows = self.session.scalars(
            select(ScreeningAnswer).where(ScreeningAnswer.patient_id == patient_id)
        )
        return {row.topic: row.answer for row in rows}

    def save(self, patient_id: int, topic: str, answer: bool | None, *, now: datetime) -> None:
        """Save (or change) the answer to one topic."""
        row = self.session.scalar(
            select(ScreeningAnswer).where(
                ScreeningAnswer.patient_id == patient_id, ScreeningAnswer.topic == topic
            )
        )
        if row is None:
            self.session.add(
                ScreeningAnswer(patient_id=patient_id, topic=topic, answer=answer, answered_at=now)
            )
        else:
            row.answer = answer
            row.answered_at = now
        self.session.flush()

    def forget(self, patient_id: int, topic: str) -> None:
        """Drop an answer so the question is asked again."""
        self.session.execute(
            delete(ScreeningAnswer).where(
                ScreeningAnswer.patient_id == patient_id, ScreeningAnswer.topic == topic
            )
        )
