"""The test factory makes the same patient rows the bot makes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from storage.db import Database
from storage.patients import PatientRepository
from tests.factories import make_patient

NOW = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)


def test_a_set_up_patient_is_saved_with_a_plan_from_their_local_day(db: Database) -> None:
    with db.session() as session:
        made = make_patient(7001, NOW, timezone="Pacific/Auckland", session=session)
        assert made.id is not None
    with db.session() as session:
        patient = PatientRepository(session).find(7001)
        assert patient is not None
        assert (patient.setup_completed_at, patient.timezone) == (NOW, "Pacific/Auckland")
        assert (patient.form, patient.plan, patient.reminder_time) == (
            "capsule",
            "standard",
            time(22, 0),
        )
        assert patient.start_date == date(2026, 11, 21)  # already the 21st in Auckland


def test_a_new_patient_is_what_start_records(db: Database) -> None:
    with db.session() as session:
        made = make_patient(7002, NOW, set_up=False, paused=True)
        assert made.id is None  # not saved without a session
        session.add(made)
        session.flush()
        by_bot, _ = PatientRepository(session).get_or_create(7003, now=NOW)
        columns = ("created_at", "setup_completed_at", "timezone", "plan", "start_date")
        assert [getattr(made, c) for c in columns] == [getattr(by_bot, c) for c in columns]
        assert made.paused and not by_bot.paused
