"""Notices: one-off messages on a date (liver-test reminders, milestones), each at most once
per patient and kind."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from storage.models import Notice, Patient


class NoticeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_kind(self, patient_id: int) -> dict[str, Notice]:
        rows = self.session.scalars(select(Notice).where(Notice.patient_id == patient_id))
        return {row.kind: row for row in rows}

    def add(self, patient_id: int, kind: str, due_at: datetime) -> Notice:
        """Plan a notice (written with the next flush or commit)."""
        notice = Notice(patient_id=patient_id, kind=kind, due_at=due_at)
        self.session.add(notice)
        return notice

    def drop_unsent(self, patient_id: int, kinds: Sequence[str]) -> None:
        """Forget planned notices that were never sent (their dates are planned again)."""
        if kinds:
            self.session.execute(
                delete(Notice).where(
                    Notice.patient_id == patient_id,
                    Notice.kind.in_(kinds),
                    Notice.sent_at.is_(None),
                    Notice.done_at.is_(None),
                )
            )

    def drop_never_sent(self, patient_ids: Sequence[int]) -> dict[int, set[str]]:
        """Forget these patients' planned notices that never went out (they are planned
        again); the kinds each one keeps (sent or answered), in two statements in all."""
        kept: dict[int, set[str]] = {patient_id: set() for patient_id in patient_ids}
        if not patient_ids:
            return kept
        never_sent = (
            Notice.patient_id.in_(list(patient_ids)),
            Notice.message_id.is_(None),
            Notice.sent_at.is_(None),
            Notice.done_at.is_(None),
        )
        self.session.execute(
            delete(Notice).where(*never_sent).execution_options(synchronize_session=False)
        )
        rows = self.session.execute(
            select(Notice.patient_id, Notice.kind).where(Notice.patient_id.in_(list(patient_ids)))
        )
        for patient_id, kind in rows:
            kept[patient_id].add(kind)
        return kept

    def claim_due(
        self, *, now: datetime, lease_seconds: int, limit: int
    ) -> list[tuple[Notice, int]]:
        """Due notices nobody is sending, claimed for `lease_seconds`, with their chat ids.

        A claim that was never confirmed (a crash mid-send) is taken again after the lease.
        """
        stale = now - timedelta(seconds=lease_seconds)
        rows = self.session.execute(
            select(Notice, Patient.chat_id)
            .join(Patient, Patient.id == Notice.patient_id)
            .where(
                Notice.due_at <= now,
                Notice.sent_at.is_(None),
                Notice.done_at.is_(None),
                or_(Notice.claimed_at.is_(None), Notice.claimed_at < stale),
                Patient.blocked_at.is_(None),
            )
            .order_by(Notice.due_at)
            .limit(limit)
            .with_for_update(of=Notice, skip_locked=True)
        ).all()
        for notice, _chat_id in rows:
            notice.claimed_at = now
        self.session.flush()
        return [(notice, chat_id) for notice, chat_id in rows]

    def find(self, notice_id: int, patient_id: int) -> Notice | None:
        """The notice, only if it belongs to this patient."""
        return self.session.scalar(
            select(Notice).where(Notice.id == notice_id, Notice.patient_id == patient_id)
        )

    def mark_sent(self, notice_id: int, *, now: datetime, message_id: int) -> None:
        notice = self.session.get(Notice, notice_id)
        if notice is not None:
            notice.sent_at = now
            notice.message_id = message_id

    def mark_sent_many(self, sent: Sequence[tuple[int, int]], *, now: datetime) -> None:
        """Several notices sent: (id, message id) each, in one executemany UPDATE."""
        if sent:
            self.session.execute(
                update(Notice),
                [{"id": i, "sent_at": now, "message_id": message_id} for i, message_id in sent],
            )

    def release(self, notice_id: int) -> None:
        """Sending failed for a passing reason: due again at the next tick."""
        notice = self.session.get(Notice, notice_id)
        if notice is not None:
            notice.claimed_at = None

    def remind_later(self, notice: Notice, *, due_at: datetime) -> None:
        """Due again at `due_at` (the earlier message_id stays: it was sent before)."""
        notice.due_at = due_at
        notice.sent_at = None
        notice.claimed_at = None

    def mark_done(self, notice: Notice, *, now: datetime) -> None:
        notice.done_at = now
