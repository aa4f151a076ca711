"""Refills: the supply a patient counted and the doses taken since."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from storage.models import Night, Patient


@dataclass(frozen=True)
class SupplyState:
    on_hand: Decimal  # as counted
    counted_at: datetime
    taken_doses_mg: list[Decimal]  # doses recorded as taken since the count
    latest_dose_mg: Decimal | None  # the most recent night's dose


class RefillRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self, patient: Patient, amount: Decimal, *, now: datetime) -> None:
        """The patient counted `amount` (capsules or mL) now; a new count may warn again."""
        patient.supply_on_hand = amount
        patient.supply_counted_at = now
        patient.supply_warned_at = None
        self.session.flush()

    def state(self, patient: Patient) -> SupplyState | None:
        if patient.supply_on_hand is None or patient.supply_counted_at is None:
            return None
        taken = self.session.scalars(
            select(Night.dose_mg).where(
                Night.patient_id == patient.id,
                Night.outcome == "taken",
                Night.recorded_at > patient.supply_counted_at,
            )
        ).all()
        latest = self.session.scalar(
            select(Night.dose_mg)
            .where(Night.patient_id == patient.id)
            .order_by(Night.local_date.desc())
            .limit(1)
        )
        return SupplyState(
            on_hand=Decimal(patient.supply_on_hand),
            counted_at=patient.supply_counted_at,
            taken_doses_mg=[Decimal(d) for d in taken],
            latest_dose_mg=Decimal(latest) if latest is not None else None,
        )

    def not_yet_warned(self) -> Sequence[Patient]:
        """Patients with a counted supply who were not warned since they counted it."""
        return self.session.scalars(
            select(Patient)
            .where(
                Patient.supply_on_hand.is_not(None),
                Patient.supply_counted_at.is_not(None),
                Patient.blocked_at.is_(None),
                or_(
                    Patient.supply_warned_at.is_(None),
                    Patient.supply_warned_at < Patient.supply_counted_at,
                ),
            )
            .order_by(Patient.id)
            .with_for_update(skip_locked=True)
        ).all()
