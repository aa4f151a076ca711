"""Check-ins: the side effects a patient reported."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import Checkin


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
