from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from storage.db import Database
from storage.faq_questions import FaqQuestionRepository
from storage.models import FaqQuestion, Night, Patient
from storage.patients import GroupChatRepository, PatientRepository

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)


def test_a_patient_is_created_once_per_chat(db: Database) -> None:
    with db.session() as session:
        first, new = PatientRepository(session).get_or_create(42, now=NOW)
        assert new
    with db.session() as session:
        again, new = PatientRepository(session).get_or_create(42, now=NOW)
        assert not new and again.id == first.id
        assert again.created_at == NOW  # stays an aware UTC datetime on every backend


def test_settings_are_saved_as_given(db: Database) -> None:
    with db.session() as session:
        patients = PatientRepository(session)
        patient, _ = patients.get_or_create(7, now=NOW)
        patients.update(
            patient,
            timezone="Asia/Kathmandu",
            plan="custom",
            plan_steps=[{"mg": 0.5, "weeks": 2}, {"mg": 1.0, "weeks": None}],
        )
    with db.session() as session:
        patient = PatientRepository(session).find(7)
        assert patient is not None
        assert patient.timezone == "Asia/Kathmandu"
        assert patient.plan_steps == [{"mg": 0.5, "weeks": 2}, {"mg": 1.0, "weeks": None}]


def test_deleting_a_patient_erases_their_nights(db: Database) -> None:
    with db.session() as session:
        patient, _ = PatientRepository(session).get_or_create(9, now=NOW)
        session.add(
            Night(
                patient_id=patient.id,
                local_date=date(2026, 11, 25),
                due_at=NOW,
                dose_mg=Decimal("1.5"),
            )
        )
    with db.session() as session:
        patients = PatientRepository(session)
        patient = patients.find(9)
        assert patient is not None
        patients.delete(patient)
    with db.session() as session:
        assert session.scalars(select(Night)).all() == []
        assert session.scalars(select(Patient)).all() == []


def test_a_group_is_told_only_once(db: Database) -> None:
    with db.session() as session:
        assert GroupChatRepository(session).mark_notified(-100, now=NOW)
    with db.session() as session:
        assert not GroupChatRepository(session).mark_notified(-100, now=NOW)


def test_an_erased_patients_id_is_never_given_to_a_new_patient(db: Database) -> None:
    with db.session() as session:
        patients = PatientRepository(session)
        old, _ = patients.get_or_create(11, now=NOW)
        old_id = old.id
        patients.delete(old)
    with db.session() as session:
        new, _ = PatientRepository(session).get_or_create(11, now=NOW)
        assert new.id != old_id


def test_what_a_chat_awaits_is_found_without_loading_the_patient(db: Database) -> None:
    with db.session() as session:
        patients = PatientRepository(session)
        patient, _ = patients.get_or_create(11, now=NOW)
        patients.update(patient, awaiting="checkin_note")
        other, _ = patients.get_or_create(12, now=NOW)
    with db.session() as session:
        patients = PatientRepository(session)
        assert patients.awaiting(11) == (patient.id, "checkin_note")
        assert patients.awaiting(12) == (other.id, None)
        assert patients.awaiting(13) is None  # a stranger


def test_an_asked_question_is_stored_with_its_id(db: Database) -> None:
    with db.session() as session:
        patient, _ = PatientRepository(session).get_or_create(14, now=NOW)
        questions = FaqQuestionRepository(session)
        first = questions.record(
            patient_id=patient.id,
            text="why at night?",
            kind="answer",
            entry_id="bedtime",
            score=0.93,
            now=NOW,
        )
        second = questions.record(
            patient_id=patient.id,
            text="x" * 5000,
            kind="unknown",
            entry_id=None,
            score=0.1,
            now=NOW,
        )
    assert second > first
    with db.session() as session:
        stored = session.get(FaqQuestion, first)
        assert stored is not None
        assert (stored.text, stored.kind, stored.entry_id, stored.created_at) == (
            "why at night?",
            "answer",
            "bedtime",
            NOW,
        )
        assert stored.patient_id == patient.id
        long = session.get(FaqQuestion, second)
        assert long is not None and len(long.text) == 4096
