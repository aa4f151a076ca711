"""Check-ins, screening answers, notices and refill counts on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from storage.checkins import CheckinRepository
from storage.db import Database
from storage.models import Night, Notice, Patient, StepDecision
from storage.notices import NoticeRepository
from storage.patients import PatientRepository
from storage.refills import RefillRepository
from storage.screening import ScreeningRepository

NOW = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def new_patient(db: Database, chat_id: int = 1) -> int:
    with db.session() as session:
        patient, _ = PatientRepository(session).get_or_create(chat_id, now=NOW)
        return patient.id


def test_a_check_in_is_created_claimed_once_and_sent(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        CheckinRepository(session).start(pid, date(2026, 12, 2), now=NOW)
    with db.session() as session:
        first = CheckinRepository(session).claim_unsent(now=NOW, lease_seconds=60, limit=10)
        assert [chat for _, chat in first] == [1]
        checkin_id = first[0][0].id
    with db.session() as session:
        assert CheckinRepository(session).claim_unsent(now=NOW, lease_seconds=60, limit=10) == []
    later = NOW + timedelta(seconds=61)
    with db.session() as session:  # never confirmed: claimed again after the lease
        again = CheckinRepository(session).claim_unsent(now=later, lease_seconds=60, limit=10)
        assert [c.id for c, _ in again] == [checkin_id]
        CheckinRepository(session).mark_sent(checkin_id, now=later, message_id=77)
    with db.session() as session:
        repo = CheckinRepository(session)
        assert repo.claim_unsent(now=later + timedelta(hours=1), lease_seconds=60, limit=10) == []
        assert repo.last_planned_day(pid) == date(2026, 12, 2)


def test_a_released_check_in_is_due_again_at_once(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        CheckinRepository(session).start(pid, date(2026, 12, 2), now=NOW)
    with db.session() as session:
        ((checkin, _),) = CheckinRepository(session).claim_unsent(
            now=NOW, lease_seconds=60, limit=10
        )
        CheckinRepository(session).release(checkin.id)
    with db.session() as session:
        assert len(CheckinRepository(session).claim_unsent(now=NOW, lease_seconds=60, limit=10))


def test_old_unsent_check_ins_expire_and_blocked_patients_are_left_out(db: Database) -> None:
    pid = new_patient(db)
    blocked = new_patient(db, chat_id=2)
    with db.session() as session:
        repo = CheckinRepository(session)
        repo.start(pid, date(2026, 12, 1), now=NOW - timedelta(hours=13))
        repo.start(blocked, date(2026, 12, 2), now=NOW)
        session.get(Patient, blocked).blocked_at = NOW
    with db.session() as session:
        repo = CheckinRepository(session)
        assert repo.expire_unsent(created_before=NOW - timedelta(hours=12), now=NOW) == 1
        assert repo.claim_unsent(now=NOW, lease_seconds=60, limit=10) == []


def test_recent_completed_newest_first_and_step_ups(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        repo = CheckinRepository(session)
        for n in range(4):
            checkin = repo.start(pid, date(2026, 12, 2 + n), now=NOW, sent=True)
            checkin.vivid_dreams = n
            checkin.completed_at = NOW + timedelta(days=n)
        session.add(
            StepDecision(
                patient_id=pid,
                step_index=1,
                decision="up",
                decided_on=date(2026, 12, 15),
                created_at=NOW,
            )
        )
        session.add(
            StepDecision(
                patient_id=pid,
                step_index=2,
                decision="stay",
                decided_on=date(2026, 12, 29),
                created_at=NOW,
            )
        )
    with db.session() as session:
        repo = CheckinRepository(session)
        assert [c.vivid_dreams for c in repo.recent_completed(pid)] == [3, 2, 1]
        assert repo.step_up_days(pid) == [date(2026, 12, 15)]


def test_screening_answers_are_saved_changed_and_forgotten(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        answers = ScreeningRepository(session)
        answers.save(pid, "opioids", True, now=NOW)
        answers.save(pid, "opioids_cleared", False, now=NOW)
        answers.save(pid, "autoimmune", None, now=NOW)
    with db.session() as session:
        answers = ScreeningRepository(session)
        assert answers.answers(pid) == {
            "opioids": True,
            "opioids_cleared": False,
            "autoimmune": None,
        }
        answers.save(pid, "opioids_cleared", True, now=NOW)
        answers.forget(pid, "autoimmune")
    with db.session() as session:
        assert ScreeningRepository(session).answers(pid) == {
            "opioids": True,
            "opioids_cleared": True,
        }


def test_a_notice_kind_exists_once_per_patient(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        NoticeRepository(session).add(pid, "lft:0", NOW)
    with pytest.raises(IntegrityError), db.session() as session:
        NoticeRepository(session).add(pid, "lft:0", NOW)


def test_notices_are_claimed_when_due_snoozed_and_done(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        notices = NoticeRepository(session)
        notices.add(pid, "lft:0", NOW)
        notices.add(pid, "lft:3", NOW + timedelta(days=90))
    with db.session() as session:
        claimed = NoticeRepository(session).claim_due(now=NOW, lease_seconds=60, limit=10)
        assert [n.kind for n, _ in claimed] == ["lft:0"]
        NoticeRepository(session).mark_sent(claimed[0][0].id, now=NOW, message_id=5)
    with db.session() as session:
        notices = NoticeRepository(session)
        assert notices.claim_due(now=NOW, lease_seconds=60, limit=10) == []
        notice = notices.by_kind(pid)["lft:0"]
        notices.remind_later(notice, due_at=NOW + timedelta(days=3))
    with db.session() as session:
        notices = NoticeRepository(session)
        assert notices.claim_due(now=NOW + timedelta(days=2), lease_seconds=60, limit=10) == []
        ((again, _),) = notices.claim_due(now=NOW + timedelta(days=3), lease_seconds=60, limit=10)
        assert again.kind == "lft:0" and again.message_id == 5
        notices.mark_done(again, now=NOW)
    with db.session() as session:
        notices = NoticeRepository(session)
        assert notices.claim_due(now=NOW + timedelta(days=4), lease_seconds=600, limit=10) == []
        notices.drop_unsent(pid, ["lft:0", "lft:3"])
    with db.session() as session:
        assert set(NoticeRepository(session).by_kind(pid)) == {"lft:0"}
        assert session.get(Notice, again.id) is not None


def test_refill_counts_subtract_taken_nights_since_the_count(db: Database) -> None:
    pid = new_patient(db)
    with db.session() as session:
        patient = session.get(Patient, pid)
        assert patient is not None
        RefillRepository(session).count(patient, Decimal(30), now=NOW)
        for n, outcome in enumerate(["taken", "skipped", "taken", "missed"]):
            session.add(
                Night(
                    patient_id=pid,
                    local_date=date(2026, 12, 2 + n),
                    due_at=NOW + timedelta(days=n),
                    dose_mg=Decimal("1.5"),
                    outcome=outcome,
                    recorded_at=NOW + timedelta(days=n, hours=14),
                )
            )
        session.add(  # taken before the count: already not in the bottle
            Night(
                patient_id=pid,
                local_date=date(2026, 12, 1),
                due_at=NOW - timedelta(days=1),
                dose_mg=Decimal("1.5"),
                outcome="taken",
                recorded_at=NOW - timedelta(hours=10),
            )
        )
    with db.session() as session:
        patient = session.get(Patient, pid)
        assert patient is not None
        refills = RefillRepository(session)
        state = refills.state(patient)
        assert state is not None
        assert state.on_hand == 30 and state.taken_doses_mg == [Decimal("1.5")] * 2
        assert state.latest_dose_mg == Decimal("1.5")
        assert [p.id for p in refills.not_yet_warned()] == [pid]
        patient.supply_warned_at = NOW + timedelta(days=1)
    with db.session() as session:
        refills = RefillRepository(session)
        assert refills.not_yet_warned() == []
        patient = session.get(Patient, pid)
        assert patient is not None
        refills.count(patient, Decimal(60), now=NOW + timedelta(days=2))
    with db.session() as session:
        assert [p.id for p in RefillRepository(session).not_yet_warned()] == [pid]


def test_sent_check_ins_wait_for_typed_answers_without_taking_over_another_question(
    db: Database,
) -> None:
    waiting, busy, unsent = new_patient(db, 1), new_patient(db, 2), new_patient(db, 3)
    with db.session() as session:
        repo = CheckinRepository(session)
        sent = [
            repo.start(pid, date(2026, 12, 2), now=NOW, sent=True).id for pid in (waiting, busy)
        ]
        repo.start(unsent, date(2026, 12, 2), now=NOW)
        patients = PatientRepository(session)
        patients.update(session.get(Patient, busy), awaiting="setup:time")  # type: ignore[arg-type]
    with db.session() as session:
        CheckinRepository(session).await_answers(sent, "checkin:answer")
    with db.session() as session:
        awaiting = {p: session.get(Patient, p).awaiting for p in (waiting, busy, unsent)}  # type: ignore[union-attr]
        assert awaiting == {waiting: "checkin:answer", busy: "setup:time", unsent: None}
        repo = CheckinRepository(session)
        assert repo.open_checkin(waiting) is not None and repo.open_checkin(unsent) is None
        opened = repo.open_checkin(waiting)
        assert opened is not None
        opened.completed_at = NOW
    with db.session() as session:
        assert CheckinRepository(session).open_checkin(waiting) is None
