"""Aggregates for the operator: /admin, /healthz and /metrics. Counts only, no patient rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from storage.models import FaqQuestion, Night, Patient


@dataclass(frozen=True)
class PatientCounts:
    active: int
    paused: int
    blocked: int
    not_set_up: int

    @property
    def total(self) -> int:
        return self.active + self.paused + self.blocked + self.not_set_up


@dataclass(frozen=True)
class Adherence:
    taken: int
    skipped: int
    missed: int

    @property
    def answered_nights(self) -> int:
        return self.taken + self.skipped + self.missed

    @property
    def rate(self) -> float | None:
        """Taken over nights that have an outcome; None before the first one."""
        return self.taken / self.answered_nights if self.answered_nights else None


def patient_counts(session: Session) -> PatientCounts:
    """Blocked wins over paused; paused wins over not set up."""
    blocked = Patient.blocked_at.is_not(None)
    paused = and_(Patient.blocked_at.is_(None), Patient.paused.is_(True))
    not_set_up = and_(
        Patient.blocked_at.is_(None),
        Patient.paused.is_not(True),
        Patient.setup_completed_at.is_(None),
    )

    def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    row = session.execute(
        select(
            func.count(Patient.id),
            count_if(blocked),
            count_if(paused),
            count_if(not_set_up),
        )
    ).one()
    total, n_blocked, n_paused, n_not_set_up = (int(v) for v in row)
    active = total - n_blocked - n_paused - n_not_set_up
    return PatientCounts(active=active, paused=n_paused, blocked=n_blocked, not_set_up=n_not_set_up)


def adherence(session: Session, *, since: datetime | None = None) -> Adherence:
    """Nights taken, skipped and missed (all patients), due on or after `since`."""
    query = select(Night.outcome, func.count(Night.id)).where(
        Night.outcome.in_(("taken", "skipped", "missed"))
    )
    if since is not None:
        query = query.where(Night.due_at >= since)
    counts = {outcome: n for outcome, n in session.execute(query.group_by(Night.outcome))}
    return Adherence(
        taken=int(counts.get("taken", 0)),
        skipped=int(counts.get("skipped", 0)),
        missed=int(counts.get("missed", 0)),
    )


def top_unanswered_questions(
    session: Session, *, limit: int = 5, since: datetime | None = None, min_patients: int = 1
) -> list[tuple[str, int]]:
    """The questions the FAQ could not answer, most asked first (same text, any case), only
    those at least `min_patients` different patients asked; never who asked."""
    normalised = func.lower(func.trim(FaqQuestion.text))
    query = select(func.min(FaqQuestion.text), func.count(FaqQuestion.id)).where(
        FaqQuestion.kind == "unknown"
    )
    if since is not None:
        query = query.where(FaqQuestion.created_at >= since)
    rows = session.execute(
        query.group_by(normalised)
        .having(func.count(func.distinct(FaqQuestion.patient_id)) >= min_patients)
        .order_by(func.count(FaqQuestion.id).desc(), func.min(FaqQuestion.text))
        .limit(limit)
    )
    return [(text, int(count)) for text, count in rows]


def _unsent_night(stale: datetime) -> ColumnElement[bool]:
    """A night still "sending": released after a passing failure (no claim), or claimed by a
    sender that died (claim older than the lease)."""
    return and_(
        Night.outcome == "sending",
        or_(Night.claimed_at.is_(None), Night.claimed_at <= stale),
    )


def oldest_due_reminder(
    session: Session, *, now: datetime, lease_seconds: float
) -> datetime | None:
    """When the oldest reminder still waiting to be sent fell due: an unclaimed
    `patients.next_reminder_at`, or a night left unsent (see `_unsent_night`)."""
    patient_due = session.scalar(
        select(func.min(Patient.next_reminder_at)).where(Patient.next_reminder_at <= now)
    )
    stale = now - timedelta(seconds=lease_seconds)
    night_due = session.scalar(select(func.min(Night.due_at)).where(_unsent_night(stale)))
    candidates = [t for t in (patient_due, night_due) if t is not None]
    return min(candidates) if candidates else None


def count_due_reminders(session: Session, *, now: datetime, lease_seconds: float) -> int:
    """How many reminders are waiting to be sent (see `oldest_due_reminder`)."""
    patients = session.scalar(select(func.count(Patient.id)).where(Patient.next_reminder_at <= now))
    stale = now - timedelta(seconds=lease_seconds)
    nights = session.scalar(select(func.count(Night.id)).where(_unsent_night(stale)))
    return int(patients or 0) + int(nights or 0)
