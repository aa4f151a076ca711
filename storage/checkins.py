"""Check-ins: when they are due, who is answering one, and the side effects reported."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Checkin, Patient, StepDecision


class CheckinRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def recent_completed(self, patient_id: int, *, limit: int = 3) -> Sequence[Checkin]:
        """The patient's last completed check-ins, newest first."""
        return self.session.scalars(
            select(Checkin)
            .where(Checkin.patient_id == patient_id, Checkin.completed_at.is_not(None))
            .order_by(Checkin.completed_at.desc(), Checkin.id.desc())
            .limit(limit)
        ).all()

    def start(
        self,
        patient_id: int,
        local_date: date,
        *,
        now: datetime,
        sent: bool = False,
        flush: bool = True,
    ) -> Checkin:
        """A new check-in for the morning of `local_date` (sent now, or left for the tick).
        `flush=False`: written with the next flush (no id until then), for a batch."""
        checkin = Checkin(
            patient_id=patient_id,
            local_date=local_date,
            created_at=now,
            sent_at=now if sent else None,
        )
        self.session.add(checkin)
        if flush:
            self.session.flush()
        return checkin

    def find(self, checkin_id: int, patient_id: int) -> Checkin | None:
        """The check-in, only if it belongs to this patient."""
        return self.session.scalar(
            select(Checkin).where(Checkin.id == checkin_id, Checkin.patient_id == patient_id)
        )

    def last_planned_day(self, patient_id: int) -> date | None:
        """The latest morning that already has a check-in."""
        return self.session.scalar(
            select(func.max(Checkin.local_date)).where(Checkin.patient_id == patient_id)
        )

    def last_planned_days(self, patient_ids: Sequence[int]) -> dict[int, date]:
        """`last_planned_day` of several patients in one query (absent: none yet)."""
        if not patient_ids:
            return {}
        rows = self.session.execute(
            select(Checkin.patient_id, func.max(Checkin.local_date))
            .where(Checkin.patient_id.in_(list(patient_ids)))
            .group_by(Checkin.patient_id)
        )
        return {patient_id: day for patient_id, day in rows}

    def awaiting_note(self, patient_id: int) -> Checkin | None:
        """The check-in whose optional note the patient is about to type."""
        return self.session.scalar(
            select(Checkin)
            .where(
                Checkin.patient_id == patient_id,
                Checkin.symptom_score.is_not(None),
                Checkin.completed_at.is_(None),
            )
            .order_by(Checkin.id.desc())
            .limit(1)
        )

    def open_checkin(self, patient_id: int) -> Checkin | None:
        """The patient's latest check-in that was sent and is still being answered."""
        return self.session.scalar(
            select(Checkin)
            .where(
                Checkin.patient_id == patient_id,
                Checkin.sent_at.is_not(None),
                Checkin.completed_at.is_(None),
                Checkin.skipped_at.is_(None),
            )
            .order_by(Checkin.id.desc())
            .limit(1)
        )

    def await_answers(self, checkin_ids: Sequence[int], awaiting: str) -> None:
        """The patients of these check-ins now wait to answer them (typed words are read as
        answers), unless they already wait for another answer."""
        if checkin_ids:
            self.session.execute(
                update(Patient)
                .where(
                    Patient.id.in_(
                        select(Checkin.patient_id).where(Checkin.id.in_(list(checkin_ids)))
                    ),
                    Patient.awaiting.is_(None),
                )
                .values(awaiting=awaiting)
                .execution_options(synchronize_session=False)
            )

    def step_up_days(self, patient_id: int) -> list[date]:
        """The local dates the patient chose to step up."""
        return list(
            self.session.scalars(
                select(StepDecision.decided_on).where(
                    StepDecision.patient_id == patient_id, StepDecision.decision == "up"
                )
            )
        )

    def step_up_days_of(self, patient_ids: Sequence[int]) -> dict[int, list[date]]:
        """`step_up_days` of several patients in one query (none: an empty list)."""
        days: dict[int, list[date]] = {patient_id: [] for patient_id in patient_ids}
        if patient_ids:
            rows = self.session.execute(
                select(StepDecision.patient_id, StepDecision.decided_on).where(
                    StepDecision.patient_id.in_(list(patient_ids)), StepDecision.decision == "up"
                )
            )
            for patient_id, decided_on in rows:
                days[patient_id].append(decided_on)
        return days

    def claim_due_patients(self, *, now: datetime, limit: int) -> Sequence[Patient]:
        """Patients whose next check-in is due, locked so no other worker plans it too."""
        return self.session.scalars(
            select(Patient)
            .where(Patient.next_checkin_at <= now, Patient.blocked_at.is_(None))
            .order_by(Patient.next_checkin_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()

    def claim_unsent(
        self, *, now: datetime, lease_seconds: int, limit: int
    ) -> list[tuple[Checkin, int]]:
        """Check-ins created but not yet sent, claimed for `lease_seconds`, with chat ids."""
        stale = now - timedelta(seconds=lease_seconds)
        rows = self.session.execute(
            select(Checkin, Patient.chat_id)
            .join(Patient, Patient.id == Checkin.patient_id)
            .where(
                Checkin.sent_at.is_(None),
                Checkin.skipped_at.is_(None),
                Checkin.completed_at.is_(None),
                or_(Checkin.claimed_at.is_(None), Checkin.claimed_at < stale),
                Patient.blocked_at.is_(None),
            )
            .order_by(Checkin.created_at)
            .limit(limit)
            .with_for_update(of=Checkin, skip_locked=True)
        ).all()
        for checkin, _chat_id in rows:
            checkin.claimed_at = now
        self.session.flush()
        return [(checkin, chat_id) for checkin, chat_id in rows]

    def expire_unsent(self, *, created_before: datetime, now: datetime) -> int:
        """Give up on check-ins that could not be sent in time (the morning has passed)."""
        result = self.session.execute(
            update(Checkin)
            .where(
                Checkin.sent_at.is_(None),
                Checkin.skipped_at.is_(None),
                Checkin.completed_at.is_(None),
                Checkin.created_at < created_before,
            )
            .values(skipped_at=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def mark_sent(self, checkin_id: int, *, now: datetime, message_id: int) -> None:
        checkin = self.session.get(Checkin, checkin_id)
        if checkin is not None:
            checkin.sent_at = now
            checkin.message_id = message_id

    def mark_sent_many(self, sent: Sequence[tuple[int, int]], *, now: datetime) -> None:
        """Several check-ins sent: (id, message id) each, in one executemany UPDATE."""
        if sent:
            self.session.execute(
                update(Checkin),
                [{"id": i, "sent_at": now, "message_id": message_id} for i, message_id in sent],
            )

    def release(self, checkin_id: int) -> None:
        """Sending failed for a passing reason: due again at the next tick."""
        checkin = self.session.get(Checkin, checkin_id)
        if checkin is not None:
            checkin.claimed_at = None
