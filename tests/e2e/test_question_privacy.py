"""What the bot keeps of the questions patients type: not forever, not without limit, and
never one patient's own words in the operator's report."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from storage.db import Database
from storage.models import FaqQuestion, Patient
from tests.conftest import Clock, make_settings
from tests.e2e.harness import running_bot
from tests.factories import make_patient

PATIENT = 7301
OTHER = 7302


def _patient(db: Database, chat_id: int, now: object) -> int:
    with db.session() as session:
        patient = make_patient(chat_id, now, set_up=False, setup_completed_at=now, session=session)
        return patient.id


def _ask(db: Database, patient_id: int, text: str, at: object, **extra: object) -> None:
    with db.session() as session:
        session.add(
            FaqQuestion(
                **{"kind": "unknown", **extra},
                patient_id=patient_id,
                text=text,
                score=0.1,
                created_at=at,
            )
        )


def _texts(db: Database, patient_id: int | None = None) -> list[str]:
    with db.session() as session:
        query = select(FaqQuestion.text).order_by(FaqQuestion.id)
        if patient_id is not None:
            query = query.where(FaqQuestion.patient_id == patient_id)
        return list(session.scalars(query))


async def test_questions_past_the_retention_are_deleted_by_the_tick(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    now = clock()
    settings = make_settings(tmp_path, privacy={"keep_questions_days": 30})
    async with running_bot(settings, clock=clock, db=db) as harness:
        patient = _patient(db, PATIENT, now)
        _ask(db, patient, "asked 31 days ago", now - timedelta(days=31))
        _ask(db, patient, "asked 29 days ago", now - timedelta(days=29))
        with db.session() as session:  # many old ones: more than one batch of the tick
            session.add_all(
                FaqQuestion(
                    patient_id=patient,
                    text=f"old {i}",
                    kind="answer",
                    score=1.0,
                    created_at=now - timedelta(days=40, minutes=i),
                )
                for i in range(1200)
            )
        await harness.run_jobs()
        assert _texts(db) == ["asked 29 days ago"]
        clock.advance(days=2)  # the last one passes 30 days too
        await harness.run_jobs()
        assert _texts(db) == []


async def test_the_retention_defaults_to_180_days(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    now = clock()
    async with running_bot(make_settings(tmp_path), clock=clock, db=db) as harness:
        patient = _patient(db, PATIENT, now)
        _ask(db, patient, "181 days", now - timedelta(days=181))
        _ask(db, patient, "179 days", now - timedelta(days=179))
        await harness.run_jobs()
    assert _texts(db) == ["179 days"]


async def test_only_each_patients_latest_questions_are_kept(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    settings = make_settings(tmp_path, privacy={"keep_questions_per_patient": 3})
    async with running_bot(settings, clock=clock, db=db) as harness:
        await harness.say("does LDN interact with grapefruit?", chat_id=OTHER)
        for n in range(1, 7):
            reply = await harness.say(f"question number {n} about tinnitus", chat_id=PATIENT)
            assert reply.text  # every one is still answered
        with db.session() as session:
            ids = dict(session.execute(select(Patient.chat_id, Patient.id)).all())
            per_patient = dict(
                session.execute(
                    select(FaqQuestion.patient_id, func.count()).group_by(FaqQuestion.patient_id)
                ).all()
            )
    assert _texts(db, ids[PATIENT]) == [f"question number {n} about tinnitus" for n in (4, 5, 6)]
    assert per_patient[ids[OTHER]] == 1  # another patient's questions are not touched


async def test_faq_report_shows_only_what_enough_patients_asked(tmp_path: Path) -> None:
    """`ldn-bot faq report`, a real process on the operator's database."""
    config = tmp_path / "config.toml"
    config.write_text(
        '[telegram]\ntoken = "123456:REPORT"\n[storage]\nurl = "sqlite:///bot.sqlite3"\n',
        encoding="utf-8",
    )
    db = Database(f"sqlite:///{tmp_path / 'bot.sqlite3'}")
    db.upgrade()
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    try:
        patients = [_patient(db, 9000 + i, now) for i in range(3)]
        for patient in patients:
            _ask(db, patient, "Is LDN safe with grapefruit?", now)
            _ask(db, patient, "not helpful at all", now, kind="answer", entry_id="dose", vote=-1)
        for _ in range(4):  # one patient, four times: still only their own words
            _ask(db, patients[0], "I am Jane Roe, 12 Elm St: LDN and my HIV meds?", now)
            _ask(
                db,
                patients[0],
                "Jane Roe again, dose?",
                now,
                kind="answer",
                entry_id="dose",
                vote=-1,
            )
    finally:
        db.dispose()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "faq",
        "report",
        "--config",
        str(config),
        "--json",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    output, _ = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, output.decode()
    assert "Jane" not in output.decode()
    report = json.loads(output)
    assert [(q["question"], q["times"]) for q in report["unanswered"]] == [
        ("is ldn safe with grapefruit?", 3)
    ]
    [dose] = report["down_voted"]
    assert dose["down_votes"] == 7  # the votes are counted; only the texts are withheld
    assert dose["examples"] == ["not helpful at all"]
