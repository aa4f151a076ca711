"""Caregivers: a patient's one-time invitations, the links they became, and what a caregiver
may read of the patient's record (nights; check-in answers only when the patient allows it).

Every read a caregiver makes goes through a link found by the caregiver's own chat id, so a
caregiver can never name another patient's rows.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session

from storage.models import CaregiverLink, Checkin, Night, Patient

MISSED = "missed"
NAME_LENGTH = 64


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """22 URL-safe characters (128 bits): fits a /start payload (A-Z a-z 0-9 _ -, ≤ 64)."""
    return secrets.token_urlsafe(16)


def _name(name: str | None) -> str | None:
    return (name.strip()[:NAME_LENGTH] or None) if name else None


@dataclass(frozen=True)
class Acceptance:
    """What opening an invitation did: `outcome` is "linked", "already", "own" (the patient's
    own link) or "invalid" (unknown, used or expired)."""

    outcome: str
    link: CaregiverLink | None = None
    patient_chat_id: int | None = None


@dataclass(frozen=True)
class MissedNights:
    """Nights of one patient a caregiver has not been told about yet."""

    link_id: int
    caregiver_chat_id: int
    patient_name: str | None
    local_dates: tuple[date, ...]


@dataclass(frozen=True)
class CaregiverView:
    """What one caregiver may see of one patient."""

    link: CaregiverLink
    timezone: str | None
    nights: tuple[Night, ...]  # newest first
    checkin: Checkin | None  # the latest answered check-in, only when shared


class CaregiverRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ------------------------------------------------------------ the patient's side

    def invite(
        self, patient: Patient, *, name: str | None, now: datetime, valid_for: timedelta
    ) -> str:
        """A new one-time invitation, in place of any the patient made before and nobody
        opened; returns its token (only its hash is kept)."""
        self.session.execute(
            delete(CaregiverLink).where(
                CaregiverLink.patient_id == patient.id, CaregiverLink.accepted_at.is_(None)
            )
        )
        token = new_token()
        self.session.add(
            CaregiverLink(
                patient_id=patient.id,
                token_hash=token_hash(token),
                patient_name=_name(name),
                created_at=now,
                expires_at=now + valid_for,
                shares_checkins=False,
            )
        )
        self.session.flush()
        return token

    def of_patient(self, patient_id: int, *, now: datetime) -> Sequence[CaregiverLink]:
        """The patient's caregivers, then their invitations still open (oldest first)."""
        links = self.session.scalars(
            select(CaregiverLink)
            .where(CaregiverLink.patient_id == patient_id)
            .order_by(CaregiverLink.created_at, CaregiverLink.id)
        ).all()
        accepted = [link for link in links if link.accepted_at is not None]
        pending = [link for link in links if link.accepted_at is None and link.expires_at > now]
        return accepted + pending

    def patients_link(self, patient_id: int, link_id: int) -> CaregiverLink | None:
        """The link `link_id` when it is this patient's."""
        return self.session.scalar(
            select(CaregiverLink).where(
                CaregiverLink.id == link_id, CaregiverLink.patient_id == patient_id
            )
        )

    # ------------------------------------------------------------ the caregiver's side

    def accept(
        self, token: str, *, caregiver_chat_id: int, name: str | None, now: datetime
    ) -> Acceptance:
        link = self.session.scalar(
            select(CaregiverLink)
            .where(CaregiverLink.token_hash == token_hash(token))
            .with_for_update()
        )
        if link is None or link.accepted_at is not None or link.expires_at <= now:
            return Acceptance("invalid")
        patient_chat_id = self.session.scalar(
            select(Patient.chat_id).where(Patient.id == link.patient_id)
        )
        if patient_chat_id == caregiver_chat_id:
            return Acceptance("own", link, patient_chat_id)
        existing = self.session.scalar(
            select(CaregiverLink).where(
                CaregiverLink.patient_id == link.patient_id,
                CaregiverLink.caregiver_chat_id == caregiver_chat_id,
            )
        )
        if existing is not None:
            self.session.delete(link)  # single use, even when it changed nothing
            self.session.flush()
            return Acceptance("already", existing, patient_chat_id)
        link.token_hash = None
        link.accepted_at = now
        link.caregiver_chat_id = caregiver_chat_id
        link.caregiver_name = _name(name)
        link.told_missed_until = now
        self.session.flush()
        return Acceptance("linked", link, patient_chat_id)

    def followed_by(self, caregiver_chat_id: int) -> Sequence[CaregiverLink]:
        return self.session.scalars(
            select(CaregiverLink)
            .where(CaregiverLink.caregiver_chat_id == caregiver_chat_id)
            .order_by(CaregiverLink.accepted_at, CaregiverLink.id)
        ).all()

    def caregivers_link(self, caregiver_chat_id: int, link_id: int) -> CaregiverLink | None:
        """The link `link_id` when this chat is its caregiver."""
        return self.session.scalar(
            select(CaregiverLink).where(
                CaregiverLink.id == link_id, CaregiverLink.caregiver_chat_id == caregiver_chat_id
            )
        )

    def view(self, link: CaregiverLink, *, since: date) -> CaregiverView:
        """The patient's nights from `since` and, when shared, their latest check-in."""
        patient = self.session.get(Patient, link.patient_id)
        assert patient is not None
        nights = self.session.scalars(
            select(Night)
            .where(Night.patient_id == link.patient_id, Night.local_date >= since)
            .order_by(Night.local_date.desc())
        ).all()
        checkin = None
        if link.shares_checkins:
            checkin = self.session.scalar(
                select(Checkin)
                .where(Checkin.patient_id == link.patient_id, Checkin.completed_at.is_not(None))
                .order_by(Checkin.completed_at.desc(), Checkin.id.desc())
                .limit(1)
            )
        return CaregiverView(link, patient.timezone, tuple(nights), checkin)

    def chat_of_patient(self, link: CaregiverLink) -> int | None:
        return self.session.scalar(select(Patient.chat_id).where(Patient.id == link.patient_id))

    def remove(self, link: CaregiverLink) -> None:
        self.session.delete(link)
        self.session.flush()

    # ------------------------------------------------------------ missed nights

    def claim_missed(self, *, now: datetime) -> list[MissedNights]:
        """Nights missed since each caregiver was last told (only nights due after they
        joined, whose reminder reached the patient); marks them told. The links are
        row-locked (skipped while another replica holds them) and read again once locked, so
        a night is told once."""
        candidates = self.session.scalars(self._missed().with_only_columns(CaregiverLink.id))
        ids = set(candidates)
        if not ids:
            return []
        links = {
            link.id: link
            for link in self.session.scalars(
                select(CaregiverLink)
                .where(CaregiverLink.id.in_(ids))
                .order_by(CaregiverLink.id)
                .with_for_update(skip_locked=True)
            )
        }
        found: dict[int, set[date]] = {}
        if links:  # what is new now that they are ours (another claimer may just have told)
            for link_id, local_date in self.session.execute(
                self._missed().where(CaregiverLink.id.in_(links))
            ):
                found.setdefault(link_id, set()).add(local_date)
        told: list[MissedNights] = []
        for link_id, dates in sorted(found.items()):
            link = links[link_id]
            link.told_missed_until = now
            if link.caregiver_chat_id is not None:
                told.append(
                    MissedNights(
                        link.id, link.caregiver_chat_id, link.patient_name, tuple(sorted(dates))
                    )
                )
        self.session.flush()
        return told

    @staticmethod
    def _missed() -> Select:  # type: ignore[type-arg]
        """(link id, local date) of missed nights its caregiver has not been told of."""
        since = func.coalesce(CaregiverLink.told_missed_until, CaregiverLink.accepted_at)
        return (
            select(CaregiverLink.id, Night.local_date)
            .join(Night, Night.patient_id == CaregiverLink.patient_id)
            .where(
                CaregiverLink.accepted_at.is_not(None),
                Night.outcome == MISSED,
                Night.sent_at.is_not(None),  # not a night the bot was down for
                Night.missed_at > since,
                Night.due_at >= CaregiverLink.accepted_at,
            )
        )

    def forget_expired_invitations(self, *, now: datetime) -> int:
        """Invitations nobody opened in time go (with the patient's name on them)."""
        result = self.session.execute(
            delete(CaregiverLink).where(
                CaregiverLink.accepted_at.is_(None), CaregiverLink.expires_at <= now
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    # ------------------------------------------------------------ /export and /delete

    def export_as_caregiver(self, caregiver_chat_id: int) -> tuple[tuple[str, ...], list[Any]]:
        """(columns, rows) of what is kept about this chat as a caregiver."""
        columns = ("patient_name", "caregiver_name", "accepted_at", "shares_checkins")
        rows = [
            (link.patient_name, link.caregiver_name, link.accepted_at, link.shares_checkins)
            for link in self.followed_by(caregiver_chat_id)
        ]
        return columns, rows

    def forget_caregiver(self, caregiver_chat_id: int) -> int:
        """Erase every link this chat has as a caregiver; returns how many."""
        result = self.session.execute(
            delete(CaregiverLink).where(CaregiverLink.caregiver_chat_id == caregiver_chat_id)
        )
        return int(getattr(result, "rowcount", 0) or 0)
