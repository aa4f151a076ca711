"""Caregiver links on SQLite and PostgreSQL: invitations are single use and expire, only the
token's hash is kept, each missed night is told once (also with two claimers at once), and a
caregiver's reads are confined to their own links."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from storage.caregivers import CaregiverRepository, token_hash
from storage.db import Database
from storage.models import CaregiverLink, Night, Patient
from tests.factories import make_patient

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PAT, KIM = 800_001, 800_002
SAM, LEE = 900_001, 900_002
DAY = timedelta(days=1)


def linked(db: Database, patient_chat: int, caregiver_chat: int, name: str) -> Patient:
    with db.session() as session:
        patient = make_patient(patient_chat, NOW - DAY, session=session)
        repo = CaregiverRepository(session)
        token = repo.invite(patient, name=name, now=NOW - DAY, valid_for=timedelta(hours=48))
        assert repo.accept(token, caregiver_chat_id=caregiver_chat, name="C", now=NOW).outcome == (
            "linked"
        )
        return patient


def missed_night(db: Database, patient_id: int, day: date, *, sent: bool = True) -> None:
    due = datetime.combine(day, datetime.min.time(), tzinfo=UTC) + timedelta(hours=21)
    with db.session() as session:
        session.add(
            Night(
                patient_id=patient_id,
                local_date=day,
                due_at=due,
                dose_mg=Decimal("1.5"),
                outcome="missed",
                sent_at=due if sent else None,
                missed_at=due + timedelta(hours=4),
            )
        )


def test_an_invitation_works_once_before_it_expires_and_keeps_only_a_hash(db: Database) -> None:
    with db.session() as session:
        patient = make_patient(PAT, NOW, session=session)
        repo = CaregiverRepository(session)
        replaced = repo.invite(patient, name="Pat", now=NOW, valid_for=timedelta(hours=48))
        token = repo.invite(patient, name="Pat", now=NOW, valid_for=timedelta(hours=48))
        stored = session.scalars(select(CaregiverLink.token_hash)).all()
        assert stored == [token_hash(token)]  # the earlier one is gone; no token kept
        assert repo.accept(replaced, caregiver_chat_id=SAM, name="Sam", now=NOW).outcome == (
            "invalid"
        )
        assert repo.accept(token, caregiver_chat_id=PAT, name="Pat", now=NOW).outcome == "own"
        assert repo.accept(token, caregiver_chat_id=SAM, name="Sam", now=NOW).outcome == "linked"
        assert repo.accept(token, caregiver_chat_id=LEE, name="Lee", now=NOW).outcome == "invalid"
        late = repo.invite(patient, name="Pat", now=NOW, valid_for=timedelta(hours=48))
        expired = NOW + timedelta(hours=48)
        assert repo.accept(late, caregiver_chat_id=LEE, name="Lee", now=expired).outcome == (
            "invalid"
        )
        assert repo.forget_expired_invitations(now=expired) == 1
        assert [link.caregiver_chat_id for link in repo.of_patient(patient.id, now=NOW)] == [SAM]


def test_each_missed_night_is_told_once_to_its_own_caregiver(db: Database) -> None:
    pat = linked(db, PAT, SAM, "Pat")
    kim = linked(db, KIM, LEE, "Kim")
    missed_night(db, pat.id, date(2026, 11, 25))
    missed_night(db, kim.id, date(2026, 11, 25), sent=False)  # the bot was down
    missed_night(db, pat.id, date(2026, 11, 23))  # before Sam joined
    later = NOW + 2 * DAY
    with db.session() as session:
        told = CaregiverRepository(session).claim_missed(now=later)
    assert [(t.caregiver_chat_id, t.patient_name, t.local_dates) for t in told] == [
        (SAM, "Pat", (date(2026, 11, 25),))
    ]
    with db.session() as session:
        assert CaregiverRepository(session).claim_missed(now=later + DAY) == []


def test_two_claimers_at_once_tell_a_night_once(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("SQLite serves one bot process, its units of work one at a time")
    pat = linked(db, PAT, SAM, "Pat")
    missed_night(db, pat.id, date(2026, 11, 25))
    later = NOW + 2 * DAY
    barrier = threading.Barrier(2)
    results: list[int] = []

    def claim() -> None:
        barrier.wait()
        with db.session() as session:
            results.append(len(CaregiverRepository(session).claim_missed(now=later)))

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]


def test_a_caregiver_reads_only_through_their_own_links(db: Database) -> None:
    linked(db, PAT, SAM, "Pat")
    linked(db, KIM, LEE, "Kim")
    with db.session() as session:
        repo = CaregiverRepository(session)
        kims = repo.followed_by(LEE)[0]
        assert repo.caregivers_link(SAM, kims.id) is None
        assert repo.caregivers_link(LEE, kims.id) is kims
        pats_patient_id = repo.followed_by(SAM)[0].patient_id
        assert repo.patients_link(pats_patient_id, kims.id) is None
        assert repo.export_as_caregiver(SAM)[1] == [("Pat", "C", NOW, False)]
        assert repo.forget_caregiver(SAM) == 1
        assert repo.followed_by(SAM) == [] and repo.followed_by(LEE) == [kims]
