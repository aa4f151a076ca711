"""Nights: claiming due reminders, recording what the patient did, and their history.

Claims lock rows with `FOR UPDATE SKIP LOCKED` (ignored on SQLite, where one process is the
rule), so two dispatchers on one PostgreSQL database never take the same patient or night.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Night, Patient, StepDecision

SENDING = "sending"
SENT = "sent"
TAKEN = "taken"
SKIPPED = "skipped"
MISSED = "missed"
OPEN = (SENDING, SENT)  # a reminder is out (or going out) and nothing is recorded yet
OUTCOMES = (SENDING, SENT, TAKEN, SKIPPED, MISSED)


def _reachable() -> tuple[ColumnElement[bool], ...]:
    return (Patient.blocked_at.is_(None), Patient.paused.is_(False))


class NightRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ---------------------------------------------------------------- reading

    def get(self, night_id: int) -> Night | None:
        return self.session.get(Night, night_id)

    def for_night(self, patient_id: int, local_date: date) -> Night | None:
        return self.session.scalar(
            select(Night).where(Night.patient_id == patient_id, Night.local_date == local_date)
        )

    def history(self, patient_id: int, *, limit: int = 14) -> Sequence[Night]:
        """The patient's last nights, newest first."""
        return self.session.scalars(
            select(Night)
            .where(Night.patient_id == patient_id)
            .order_by(Night.local_date.desc())
            .limit(limit)
        ).all()

    def has_taken_a_dose(self, patient_id: int) -> bool:
        """Whether the patient has recorded any dose as taken."""
        found = self.session.scalar(
            select(Night.id).where(Night.patient_id == patient_id, Night.outcome == TAKEN).limit(1)
        )
        return found is not None

    def decisions(self, patient_id: int) -> Sequence[StepDecision]:
        return self.session.scalars(
            select(StepDecision)
            .where(StepDecision.patient_id == patient_id)
            .order_by(StepDecision.decided_on, StepDecision.id)
        ).all()

    def decisions_of(self, patient_ids: Iterable[int]) -> dict[int, list[StepDecision]]:
        """Step decisions for many patients in one query."""
        found: dict[int, list[StepDecision]] = {}
        ids = list(patient_ids)
        if not ids:
            return found
        for decision in self.session.scalars(
            select(StepDecision)
            .where(StepDecision.patient_id.in_(ids))
            .order_by(StepDecision.decided_on, StepDecision.id)
        ):
            found.setdefault(decision.patient_id, []).append(decision)
        return found

    def night_dates(self, patient_ids: Iterable[int], since: date) -> dict[int, set[date]]:
        """The local dates of every night from `since` on, per patient, for many patients."""
        ids = list(patient_ids)
        found: dict[int, set[date]] = {patient_id: set() for patient_id in ids}
        if not ids:
            return found
        rows = self.session.execute(
            select(Night.patient_id, Night.local_date).where(
                Night.patient_id.in_(ids), Night.local_date >= since
            )
        )
        for patient_id, local_date in rows:
            found[patient_id].add(local_date)
        return found

    def has_night(self, patient_id: int, local_date: date) -> bool:
        return (
            self.session.scalar(
                select(Night.id).where(
                    Night.patient_id == patient_id, Night.local_date == local_date
                )
            )
            is not None
        )

    # ---------------------------------------------------------------- writing

    def add(
        self,
        patient: Patient,
        local_date: date,
        *,
        due_at: datetime,
        dose_mg: Decimal,
        step_index: int,
        outcome: str,
        now: datetime,
        offers_step_up: bool = False,
        follow_up_at: datetime | None = None,
    ) -> Night:
        night = Night(
            patient_id=patient.id,
            local_date=local_date,
            due_at=due_at,
            dose_mg=dose_mg,
            step_index=step_index,
            outcome=outcome,
            claimed_at=now if outcome == SENDING else None,
            send_attempts=1 if outcome == SENDING else 0,
            offers_step_up=offers_step_up,
            follow_up_at=follow_up_at,
            missed_at=now if outcome == MISSED else None,
            recorded_at=now if outcome in (TAKEN, SKIPPED) else None,
        )
        self.session.add(night)
        return night

    def add_decision(
        self, patient_id: int, step_index: int, decision: str, decided_on: date, now: datetime
    ) -> StepDecision:
        row = StepDecision(
            patient_id=patient_id,
            step_index=step_index,
            decision=decision,
            decided_on=decided_on,
            created_at=now,
        )
        self.session.add(row)
        self.session.flush()
        return row

    def forget_decisions(self, patient_id: int) -> None:
        """A new plan starts afresh: earlier step answers no longer apply."""
        for row in self.decisions(patient_id):
            self.session.delete(row)
        self.session.flush()

    # ---------------------------------------------------------------- claiming

    def claim_due_patients(self, *, now: datetime, limit: int) -> Sequence[Patient]:
        """Patients whose next reminder is due, locked against other dispatchers."""
        return self.session.scalars(
            select(Patient)
            .where(Patient.next_reminder_at <= now, *_reachable())
            .order_by(Patient.next_reminder_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()

    def claim_unsent(
        self,
        *,
        now: datetime,
        lease_seconds: int,
        cutoff_before: datetime,
        limit: int,
        exclude: Iterable[int] = (),
    ) -> list[tuple[Night, Patient, bool]]:
        """Nights left "sending": released after a passing failure (claimed_at is None, a plain
        reminder) or whose claim is older than the lease (a crash between send and record: it
        may have reached the patient, so the re-send is worded as a recovery -> True)."""
        stale = now - timedelta(seconds=lease_seconds)
        skip = list(exclude)
        rows = self.session.execute(
            select(Night, Patient)
            .join(Patient, Patient.id == Night.patient_id)
            .where(
                Night.id.not_in(skip) if skip else Night.id.is_not(None),
                Night.outcome == SENDING,
                or_(Night.claimed_at.is_(None), Night.claimed_at < stale),
                Night.due_at > cutoff_before,
                *_reachable(),
            )
            .order_by(Night.due_at)
            .limit(limit)
            .with_for_update(of=Night, skip_locked=True)
        ).all()
        claimed = []
        for night, patient in rows:
            recovery = night.claimed_at is not None
            night.claimed_at = now
            night.send_attempts = (night.send_attempts or 0) + 1
            claimed.append((night, patient, recovery))
        self.session.flush()
        return claimed

    def claim_follow_ups(
        self, *, now: datetime, cutoff_before: datetime, limit: int
    ) -> list[tuple[Night, Patient]]:
        """Sent, unanswered nights whose one follow-up is due. Marked as sent here, before the
        send: a follow-up is a gentle nudge, so at most once beats at least once."""
        rows = self.session.execute(
            select(Night, Patient)
            .join(Patient, Patient.id == Night.patient_id)
            .where(
                Night.outcome == SENT,
                Night.follow_up_sent_at.is_(None),
                Night.follow_up_at <= now,
                Night.snoozed_until.is_(None),
                Night.due_at > cutoff_before,
                *_reachable(),
            )
            .order_by(Night.follow_up_at)
            .limit(limit)
            .with_for_update(of=Night, skip_locked=True)
        ).all()
        for night, _patient in rows:
            night.follow_up_sent_at = now
        self.session.flush()
        return [(night, patient) for night, patient in rows]

    def claim_snoozed(
        self, *, now: datetime, cutoff_before: datetime, follow_up_after: timedelta, limit: int
    ) -> list[tuple[Night, Patient]]:
        """Snoozed nights whose snooze is over (at most once, like follow-ups)."""
        rows = self.session.execute(
            select(Night, Patient)
            .join(Patient, Patient.id == Night.patient_id)
            .where(
                Night.outcome == SENT,
                Night.snoozed_until <= now,
                Night.due_at > cutoff_before,
                *_reachable(),
            )
            .order_by(Night.snoozed_until)
            .limit(limit)
            .with_for_update(of=Night, skip_locked=True)
        ).all()
        for night, _patient in rows:
            night.snoozed_until = None
            if night.follow_up_sent_at is None:
                night.follow_up_at = now + follow_up_after
        self.session.flush()
        return [(night, patient) for night, patient in rows]

    def mark_missed(self, *, now: datetime, cutoff_before: datetime) -> int:
        """Open nights past the cutoff: recorded as missed, without another message."""
        result = self.session.execute(
            update(Night)
            .where(Night.outcome.in_(OPEN), Night.due_at <= cutoff_before)
            .values(outcome=MISSED, missed_at=now, snoozed_until=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def record_sent(self, sent: Sequence[tuple[int, int]], *, now: datetime) -> None:
        """(night_id, message_id) pairs Telegram accepted."""
        if not sent:
            return
        self.session.execute(
            update(Night),
            [
                {"id": night_id, "message_id": message_id, "sent_at": now}
                for night_id, message_id in sent
            ],
        )
        self.session.execute(
            update(Night)
            .where(Night.id.in_([night_id for night_id, _ in sent]), Night.outcome == SENDING)
            .values(outcome=SENT)
        )

    def release(self, night_ids: Sequence[int]) -> None:
        """Not delivered for a passing reason: due again at the next tick, worded plainly."""
        if night_ids:
            self.session.execute(
                update(Night)
                .where(Night.id.in_(list(night_ids)), Night.outcome == SENDING)
                .values(claimed_at=None)
            )

    def unclaim(self, night_ids: Sequence[int]) -> None:
        """Claimed this tick and never sent (the bot is stopping): the night rows go and their
        patients are due again at that time, so the next tick anywhere sends them plainly."""
        if not night_ids:
            return
        rows = self.session.execute(
            select(Night.id, Night.patient_id, Night.due_at).where(
                Night.id.in_(list(night_ids)), Night.outcome == SENDING
            )
        ).all()
        if not rows:
            return
        self.session.execute(delete(Night).where(Night.id.in_([row.id for row in rows])))
        for _id, patient_id, due_at in rows:
            # Still reachable and scheduled later (not blocked, paused or held since the claim).
            self.session.execute(
                update(Patient)
                .where(
                    Patient.id == patient_id,
                    Patient.next_reminder_at > due_at,
                    *_reachable(),
                )
                .values(next_reminder_at=due_at)
            )

    def release_for_recovery(
        self, night_ids: Sequence[int], *, now: datetime, lease_seconds: int
    ) -> None:
        """Re-claimed after a lost claim and not sent (the bot is stopping): the lease is made
        stale again, so the next tick re-sends them promptly, still worded as a recovery."""
        if night_ids:
            self.session.execute(
                update(Night)
                .where(Night.id.in_(list(night_ids)), Night.outcome == SENDING)
                .values(claimed_at=now - timedelta(seconds=lease_seconds + 1))
            )

    # ---------------------------------------------------------------- patients

    def block(self, patient_ids: Sequence[int], *, now: datetime) -> None:
        """Telegram says these patients blocked the bot: nothing more until /start."""
        if patient_ids:
            self.session.execute(
                update(Patient)
                .where(Patient.id.in_(list(patient_ids)))
                .values(blocked_at=now, next_reminder_at=None)
            )

    def pauses_over(self, *, now: datetime) -> Sequence[Patient]:
        """Paused patients whose "/pause N" days are over."""
        return self.session.scalars(
            select(Patient)
            .where(Patient.paused.is_(True), Patient.paused_until <= now)
            .with_for_update(skip_locked=True)
        ).all()
