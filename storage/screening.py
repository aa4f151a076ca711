"""Safety-screening answers: one per patient and topic, saved as given.

`answers` is read several times per reminder (the gate in `reschedule`, the caution note), so
it is memoised per session in `session.info`; `preload` fills the memo for a whole claim
batch with one query. Every write here drops the patient's memo, and a rollback drops all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, event, select
from sqlalchemy.orm import Session

from storage.models import ScreeningAnswer

# An unanswered topic is absent; `None` means the patient answered "not sure".
Answers = dict[str, bool | None]

_MEMO = "screening_answers"


def _memo(session: Session) -> dict[int, Answers]:
    return session.info.setdefault(_MEMO, {})  # type: ignore[no-any-return]


@event.listens_for(Session, "after_soft_rollback")
def _forget_memo(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(_MEMO, None)


class ScreeningRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def answers(self, patient_id: int) -> Answers:
        memo = _memo(self.session)
        found = memo.get(patient_id)
        if found is None:
            rows = self.session.scalars(
                select(ScreeningAnswer).where(ScreeningAnswer.patient_id == patient_id)
            )
            found = memo[patient_id] = {row.topic: row.answer for row in rows}
        return dict(found)

    def preload(self, patient_ids: Iterable[int]) -> None:
        """Read the answers of many patients with one query (into the session's memo)."""
        ids = list(patient_ids)
        if not ids:
            return
        memo = _memo(self.session)
        loaded: dict[int, Answers] = {patient_id: {} for patient_id in ids}
        rows = self.session.execute(
            select(ScreeningAnswer.patient_id, ScreeningAnswer.topic, ScreeningAnswer.answer).where(
                ScreeningAnswer.patient_id.in_(ids)
            )
        )
        for patient_id, topic, answer in rows:
            loaded[patient_id][topic] = answer
        memo.update(loaded)

    def save(self, patient_id: int, topic: str, answer: bool | None, *, now: datetime) -> None:
        """Save (or change) the answer to one topic."""
        _memo(self.session).pop(patient_id, None)
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
        _memo(self.session).pop(patient_id, None)
        self.session.execute(
            delete(ScreeningAnswer).where(
                ScreeningAnswer.patient_id == patient_id, ScreeningAnswer.topic == topic
            )
        )
