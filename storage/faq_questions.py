"""The questions patients asked, how the FAQ answered, and their votes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, case, delete, func, insert, select
from sqlalchemy.orm import Session

from storage.models import FaqQuestion


@dataclass(frozen=True)
class AskedOften:
    text: str
    times: int
    last_asked: datetime


@dataclass(frozen=True)
class DownVoted:
    entry_id: str
    down_votes: int
    up_votes: int
    example_questions: tuple[str, ...]


_RECORD = insert(FaqQuestion).returning(FaqQuestion.id)
# Keep a patient's latest `keep` questions: delete theirs up to the (keep + 1)-th newest.
_TRIM = delete(FaqQuestion).where(
    FaqQuestion.patient_id == bindparam("patient_id"),
    FaqQuestion.id
    <= select(FaqQuestion.id)
    .where(FaqQuestion.patient_id == bindparam("patient_id"))
    .order_by(FaqQuestion.id.desc())
    .limit(1)
    .offset(bindparam("keep"))
    .scalar_subquery(),
)


def _asked_by_enough(min_patients: int) -> ColumnElement[bool]:
    """HAVING clause: the question's text was asked by at least `min_patients` patients."""
    return func.count(func.distinct(FaqQuestion.patient_id)) >= min_patients


class FaqQuestionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        *,
        patient_id: int | None,
        text: str,
        kind: str,
        entry_id: str | None,
        score: float,
        now: datetime,
        keep_per_patient: int | None = None,
    ) -> int:
        """Store one asked question; its id. Every free-text message comes here, so it is a
        prepared INSERT ... RETURNING on the session's connection, with no FaqQuestion object.
        With `keep_per_patient`, the patient's older questions beyond that many are deleted."""
        values = {
            "patient_id": patient_id,
            "text": text.replace("\x00", "")[:4096],  # PostgreSQL's text refuses NUL
            "kind": kind,
            "entry_id": entry_id,
            "score": score,
            "created_at": now,
        }
        connection = self.session.connection()
        question_id = int(connection.execute(_RECORD, values).scalar_one())
        if keep_per_patient is not None and patient_id is not None:
            connection.execute(_TRIM, {"patient_id": patient_id, "keep": keep_per_patient})
        return question_id

    def forget_older_than(self, cutoff: datetime, *, limit: int) -> int:
        """Delete up to `limit` questions asked before `cutoff` (oldest first); how many."""
        oldest = (
            select(FaqQuestion.id)
            .where(FaqQuestion.created_at < cutoff)
            .order_by(FaqQuestion.created_at)
            .limit(limit)
        )
        ids = list(self.session.scalars(oldest))
        if ids:
            self.session.execute(delete(FaqQuestion).where(FaqQuestion.id.in_(ids)))
        return len(ids)

    def owned_by(self, question_id: int, patient_id: int) -> FaqQuestion | None:
        """The question, only if it is this patient's own."""
        question = self.session.get(FaqQuestion, question_id)
        if question is None or question.patient_id != patient_id:
            return None
        return question

    def most_unanswered(self, limit: int = 20, *, min_patients: int = 1) -> Sequence[AskedOften]:
        """Questions the FAQ had no answer for, most frequent first (case and spacing folded),
        only those asked by at least `min_patients` different patients."""
        folded = func.lower(func.trim(FaqQuestion.text))
        rows = self.session.execute(
            select(folded, func.count(), func.max(FaqQuestion.created_at))
            .where(FaqQuestion.kind == "unknown")
            .group_by(folded)
            .having(_asked_by_enough(min_patients))
            .order_by(func.count().desc(), func.max(FaqQuestion.created_at).desc())
            .limit(limit)
        ).all()
        return [AskedOften(text, times, last) for text, times, last in rows]

    def most_down_voted(self, limit: int = 20, *, min_patients: int = 1) -> Sequence[DownVoted]:
        """FAQ entries with down votes, most down-voted first, with what was asked: only
        questions that at least `min_patients` different patients asked and voted down."""
        down = func.sum(case((FaqQuestion.vote < 0, 1), else_=0))
        up = func.sum(case((FaqQuestion.vote > 0, 1), else_=0))
        rows = self.session.execute(
            select(FaqQuestion.entry_id, down, up)
            .where(FaqQuestion.vote.is_not(None), FaqQuestion.entry_id.is_not(None))
            .group_by(FaqQuestion.entry_id)
            .having(down > 0)
            .order_by(down.desc(), FaqQuestion.entry_id)
            .limit(limit)
        ).all()
        result = []
        folded = func.lower(func.trim(FaqQuestion.text))
        for entry_id, down_votes, up_votes in rows:
            examples = self.session.scalars(
                select(func.min(FaqQuestion.text))
                .where(FaqQuestion.entry_id == entry_id, FaqQuestion.vote < 0)
                .group_by(folded)
                .having(_asked_by_enough(min_patients))
                .order_by(func.max(FaqQuestion.created_at).desc())
                .limit(3)
            ).all()
            result.append(DownVoted(entry_id, int(down_votes), int(up_votes), tuple(examples)))
        return result
