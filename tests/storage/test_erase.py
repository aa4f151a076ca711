"""Erasing a patient leaves nothing about them in any table; another patient keeps everything.

`add_patient_with_history` is shared with the records e2e tests: it writes rows straight
through SQLAlchemy, so these tests do not depend on the features that fill the tables.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Session

from bot.features.records.record import load_record
from storage.base import Base
from storage.db import Database
from storage.models import (
    CaregiverLink,
    Checkin,
    Correction,
    FaqQuestion,
    GroupChat,
    Night,
    Notice,
    Patient,
    ScreeningAnswer,
    StepDecision,
)
from storage.records import RecordsRepository, erase_patient
from tests.factories import make_patient

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ALICE = 700_111_222
BOB = 700_333_444


def add_patient_with_history(
    session: Session,
    chat_id: int,
    *,
    now: datetime = NOW,
    nights: int = 20,
    note: str | None = None,
    timezone: str = "Europe/Berlin",
) -> Patient:
    """A set-up patient on the standard plan with `nights` nights ending last night (every
    5th skipped, every 7th missed), a check-in every 3 days, screening, notices, a question
    and a caregiver (chat `chat_id + 900_000_000`).
    """
    zone_today = now.astimezone(UTC).date()
    start = zone_today - timedelta(days=nights)
    patient = make_patient(
        chat_id,
        now - timedelta(days=nights + 1),
        session=session,
        timezone=timezone,
        start_date=start,
        autoimmune=False,
    )
    for i in range(nights):
        night = start + timedelta(days=i)
        outcome = "missed" if i % 7 == 6 else "skipped" if i % 5 == 4 else "taken"
        due = datetime.combine(night, time(21, 0), tzinfo=UTC)
        session.add(
            Night(
                patient_id=patient.id,
                local_date=night,
                due_at=due,
                dose_mg=Decimal("1.5") if i < 14 else Decimal("3.0"),
                step_index=0 if i < 14 else 1,
                outcome=outcome,
                sent_at=due,
                message_id=1000 + i,
                recorded_at=due + timedelta(minutes=5) if outcome != "missed" else None,
            )
        )
        if i % 3 == 0:
            session.add(
                Checkin(
                    patient_id=patient.id,
                    local_date=night,
                    created_at=due,
                    sent_at=due,
                    completed_at=due + timedelta(minutes=10),
                    vivid_dreams=min(3, i // 4),
                    sleep_disturbance=1 if i % 2 else 0,
                    nausea=0,
                    symptom_flare=1 if i < 7 else 0,
                    symptom_score=max(0, 7 - i // 3),
                    note=note if i == 3 else None,
                )
            )
    if nights > 14:
        session.add(
            StepDecision(
                patient_id=patient.id,
                step_index=1,
                decision="up",
                decided_on=start + timedelta(days=14),
                created_at=now - timedelta(days=nights - 14),
            )
        )
    for topic, answer in (("opioids", False), ("liver", False), ("pregnancy", False)):
        session.add(
            ScreeningAnswer(patient_id=patient.id, topic=topic, answer=answer, answered_at=now)
        )
    session.add(
        Notice(
            patient_id=patient.id,
            kind="lft:0",
            due_at=now - timedelta(days=nights),
            sent_at=now - timedelta(days=nights),
            done_at=now - timedelta(days=nights - 2),
        )
    )
    session.add(Notice(patient_id=patient.id, kind="lft:3", due_at=now + timedelta(days=70)))
    if nights > 6:
        # The patient said the 7th night (missed) was not taken, from /history.
        session.add(
            Correction(
                patient_id=patient.id,
                created_at=now,
                kind="night",
                local_date=start + timedelta(days=6),
                before="missed",
                after="missed",
                via="history",
            )
        )
    session.add(
        FaqQuestion(
            patient_id=patient.id,
            text=f"question from {chat_id}",
            kind="answer",
            entry_id="missed-dose",
            score=0.9,
            created_at=now,
        )
    )
    session.add(
        CaregiverLink(
            patient_id=patient.id,
            patient_name="Pat",
            created_at=now - timedelta(days=2),
            expires_at=now,
            accepted_at=now - timedelta(days=1),
            caregiver_chat_id=chat_id + 900_000_000,
            caregiver_name="Sam",
            shares_checkins=False,
        )
    )
    session.flush()
    return patient


def rows_mentioning(session: Session, *, chat_id: int, patient_id: int) -> list[str]:
    """Every row, in every table, with a column holding the chat id (or the patient id, in a
    table with patient_id)."""
    found = []
    for table in Base.metadata.sorted_tables:
        for row in session.execute(select(table)).mappings():
            for column in table.columns:
                value = row[column.name]
                if value is None:
                    continue
                if isinstance(column.type, Integer) and value == chat_id:
                    found.append(f"{table.name}.{column.name}")
                if isinstance(column.type, String | Text) and str(chat_id) in str(value):
                    found.append(f"{table.name}.{column.name}")
                if column.name == "patient_id" and value == patient_id:
                    found.append(f"{table.name}.patient_id")
    return found


def count_rows(session: Session) -> dict[str, int]:
    return {
        table.name: len(session.execute(select(table)).all())
        for table in Base.metadata.sorted_tables
    }


def test_erase_leaves_nothing_about_the_patient_in_any_table(db: Database) -> None:
    with db.session() as session:
        alice = add_patient_with_history(session, ALICE, note=f"felt dizzy {ALICE}")
        bob = add_patient_with_history(session, BOB, note="Bob's own note")
        session.add(GroupChat(chat_id=-100_555, notified_at=NOW))
        alice_id, bob_id = alice.id, bob.id
    with db.session() as session:
        before = rows_mentioning(session, chat_id=ALICE, patient_id=alice_id)
        # The scan itself finds Alice in every table that holds a row about her.
        assert {name.split(".")[0] for name in before} >= {
            "patients",
            "nights",
            "checkins",
            "step_decisions",
            "screening_answers",
            "notices",
            "faq_questions",
        }
        bob_before = rows_mentioning(session, chat_id=BOB, patient_id=bob_id)
        counts_before = count_rows(session)

    with db.session() as session:
        assert erase_patient(session, ALICE)

    with db.session() as session:
        assert rows_mentioning(session, chat_id=ALICE, patient_id=alice_id) == []
        assert rows_mentioning(session, chat_id=BOB, patient_id=bob_id) == bob_before
        counts_after = count_rows(session)
    for table, count in counts_before.items():
        if table == "group_chats":
            assert counts_after[table] == count
        else:
            assert count, f"{table}: the history has no row here, so erasing it is untested"
            # Alice and Bob had the same history, so exactly half is left.
            assert counts_after[table] == count // 2, table


def test_erasing_someone_unknown_changes_nothing(db: Database) -> None:
    with db.session() as session:
        add_patient_with_history(session, BOB)
    with db.session() as session:
        before = count_rows(session)
        assert not erase_patient(session, ALICE)
    with db.session() as session:
        assert count_rows(session) == before


def test_a_new_start_after_erasure_is_a_new_patient(db: Database) -> None:
    with db.session() as session:
        old_id = add_patient_with_history(session, ALICE).id
    with db.session() as session:
        erase_patient(session, ALICE)
    with db.session() as session:
        fresh = make_patient(ALICE, NOW, set_up=False, session=session)
        records = RecordsRepository(session)
        assert records.nights(fresh.id) == []
        assert records.completed_checkins(fresh.id) == []
        assert records.nights(old_id) == []


def test_export_holds_every_row_about_the_patient_and_none_of_anyone_else(db: Database) -> None:
    with db.session() as session:
        alice = add_patient_with_history(session, ALICE, nights=20)
        add_patient_with_history(session, BOB, nights=20, note=f"bob-secret {BOB}")
        tables = {t.name: t for t in RecordsRepository(session).export_tables(alice)}
    expected: dict[str, Any] = {
        "patients": 1,
        "nights": 20,
        "checkins": 7,  # days 0, 3, ..., 18
        "step_decisions": 1,
        "screening_answers": 3,
        "notices": 2,
        "faq_questions": 1,
        "caregiver_links": 1,
        "corrections": 1,
    }
    assert {name: len(t.rows) for name, t in tables.items()} == expected
    assert tables["patients"].rows[0][tables["patients"].columns.index("chat_id")] == ALICE
    everything = repr([t.rows for t in tables.values()])
    assert str(BOB) not in everything and "bob-secret" not in everything


def test_a_day_with_no_checkin_answer_is_not_a_completed_checkin(db: Database) -> None:
    with db.session() as session:
        patient = add_patient_with_history(session, ALICE, nights=3)
        session.add(
            Checkin(
                patient_id=patient.id,
                local_date=date(2026, 11, 24),
                created_at=NOW,
                sent_at=NOW,
            )
        )
        session.flush()
        assert len(RecordsRepository(session).completed_checkins(patient.id)) == 1


def test_the_record_reads_the_same_on_every_backend(db: Database) -> None:
    with db.session() as session:
        alice = add_patient_with_history(session, ALICE, note="réveil à 3 h — 夢")
        add_patient_with_history(session, BOB)
        record = load_record(session, alice, now=NOW)
    assert record.today == date(2026, 11, 25)  # 13:00 in Berlin
    assert len(record.nights) == 20 and len(record.checkins) == 7
    assert record.adherence.since_start.taken == 14
    assert [t.months for t in record.liver_tests] == [0, 3]
    assert record.checkins[1].note == "réveil à 3 h — 夢"
    assert record.position is not None and record.position.dose_mg == 3
