"""The questions patients asked, how the FAQ answered, and their votes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, insert, select
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
    ) -> int:
        """Store one asked question; its id. Every free-text message comes here, so it is a
        prepared INSERT ... RETURNING on the session's connection, with no FaqQuestion object."""
        values = {
            "patient_id": patient_id,
            "text": text[:4096],
            "kind": kind,
            "entry_id": entry_id,
            "score": score,
            "created_at": now,
        }
        return int(self.session.connection().execute(_RECORD, values).scalar_one())

    def owned_by(self, question_id: int, patient_id: int) -> FaqQuestion | None:
        """The question, only if it is this patient's own."""
        question = self.session.get(FaqQuestion, question_id)
        if question is None or question.patient_id != patient_id:
            return None
        return question

    def most_unanswered(self, limit: int = 20) -> Sequence[AskedOften]:
        """Questions the FAQ had no answer for, most frequent first (case and spacing folded)."""
        folded = func.lower(func.trim(FaqQuestion.text))
        rows = self.session.execute(
            select(folded, func.count(), func.max(FaqQuestion.created_at))
            .where(FaqQuestion.kind == "unknown")
            .group_by(folded)
            .order_by(func.count().desc(), func.max(FaqQuestion.created_at).desc())
            .limit(limit)
        ).all()
        return [AskedOften(text, times, last) for text, times, last in rows]

    def most_down_voted(self, limit: int = 20) -> Sequence[DownVoted]:
        """FAQ entries with down votes, most down-voted first, with what was asked."""
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
        for entry_id, down_votes, up_votes in rows:
            examples = self.session.scalars(
                select(FaqQuestion.text)
                .where(FaqQuestion.entry_id == entry_id, FaqQuestion.vote < 0)
                .order_by(FaqQuestion.created_at.desc())
                .limit(3)
            ).all()
            result.append(DownVoted(entry_id, int(down_votes), int(up_votes), tuple(examples)))
        return result
