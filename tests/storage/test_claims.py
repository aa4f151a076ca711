"""Claiming due reminders: what is due, leases, and two dispatchers on one PostgreSQL
database never sending the same reminder twice."""

from __future__ import annotations

import asyncio
import threading
import time as wall
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, insert, select

from bot.app import build_application, build_services
from bot.features.reminders.dispatcher import DispatchResult, dispatch_due
from bot.sandbox import BotApiSandbox
from storage.db import Database
from storage.models import Night, Patient
from storage.nights import NightRepository
from tests.conftest import make_settings
from tests.e2e.harness import with_sandbox

NOW = datetime(2026, 11, 25, 21, 0, 30, tzinfo=UTC)  # 22:00:30 in Berlin
DUE = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)


def seed(db: Database, count: int, *, due: datetime = DUE, first_chat: int = 1000) -> None:
    rows = [
        {
            "chat_id": first_chat + i,
            "created_at": NOW,
            "setup_completed_at": NOW,
            "paused": False,
            "timezone": "Europe/Berlin",
            "reminder_time": time(22, 0),
            "plan": "standard",
            "start_date": date(2026, 11, 20),
            "next_reminder_at": due,
        }
        for i in range(count)
    ]
    with db.engine.begin() as connection:
        connection.execute(insert(Patient), rows)


def test_only_due_reachable_patients_are_claimed(db: Database) -> None:
    seed(db, 3)
    seed(db, 1, due=NOW + timedelta(minutes=1), first_chat=2000)
    with db.session() as session:
        paused, blocked = session.scalars(select(Patient).order_by(Patient.id).limit(2))
        paused.paused = True
        blocked.blocked_at = NOW
    with db.session() as session:
        claimed = NightRepository(session).claim_due_patients(now=NOW, limit=10)
        assert [p.chat_id for p in claimed] == [1002]


def _night(session, patient: Patient, **fields) -> Night:  # type: ignore[no-untyped-def]
    night = Night(
        patient_id=patient.id,
        local_date=date(2026, 11, 25),
        due_at=DUE,
        dose_mg=Decimal("1.5"),
        step_index=0,
        **fields,
    )
    session.add(night)
    session.flush()
    return night


def test_an_unsent_night_is_re_claimed_after_the_lease_as_a_recovery(db: Database) -> None:
    seed(db, 2)
    with db.session() as session:
        first, second = session.scalars(select(Patient).order_by(Patient.id))
        _night(session, first, outcome="sending", claimed_at=NOW, send_attempts=1)
        _night(session, second, outcome="sending", claimed_at=None, send_attempts=1)
    cutoff = NOW - timedelta(hours=4)
    with db.session() as session:
        repo = NightRepository(session)
        claimed = repo.claim_unsent(now=NOW, lease_seconds=120, cutoff_before=cutoff, limit=10)
        assert [(n.patient_id, recovery) for n, _p, recovery in claimed] == [(2, False)]
    later = NOW + timedelta(seconds=121)
    with db.session() as session:
        repo = NightRepository(session)
        claimed = repo.claim_unsent(now=later, lease_seconds=120, cutoff_before=cutoff, limit=10)
        # Both claims are stale now (the second was claimed a moment ago and not recorded).
        assert [(n.patient_id, recovery) for n, _p, recovery in claimed] == [(1, True), (2, True)]


def test_recording_sent_never_overwrites_what_the_patient_recorded(db: Database) -> None:
    seed(db, 1)
    with db.session() as session:
        patient = session.scalars(select(Patient)).one()
        night = _night(session, patient, outcome="sending", claimed_at=NOW)
        night.outcome = "taken"  # /taken arrived before the send was recorded
        night_id = night.id
    with db.session() as session:
        NightRepository(session).record_sent([(night_id, 42)], now=NOW)
    with db.session() as session:
        night = session.get(Night, night_id)
        assert night is not None and (night.outcome, night.message_id) == ("taken", 42)


def test_open_nights_past_the_cutoff_become_missed(db: Database) -> None:
    seed(db, 2)
    with db.session() as session:
        first, second = session.scalars(select(Patient).order_by(Patient.id))
        _night(session, first, outcome="sent")
        _night(session, second, outcome="taken")
    with db.session() as session:
        count = NightRepository(session).mark_missed(now=NOW, cutoff_before=DUE)
    assert count == 1
    with db.session() as session:
        assert sorted(session.scalars(select(Night.outcome))) == ["missed", "taken"]


def test_a_locked_patient_is_skipped_not_waited_for(postgres_url: str) -> None:
    first_db, second_db = Database(postgres_url), Database(postgres_url)
    first_db.upgrade()
    seed(first_db, 10)
    holding = threading.Event()
    release = threading.Event()
    taken: dict[str, list[int]] = {}

    def hold_five() -> None:
        with first_db.session() as session:
            claimed = NightRepository(session).claim_due_patients(now=NOW, limit=5)
            taken["first"] = [p.id for p in claimed]
            holding.set()
            release.wait(5)

    thread = threading.Thread(target=hold_five)
    thread.start()
    assert holding.wait(5)
    started = wall.monotonic()
    with second_db.session() as session:
        taken["second"] = [
            p.id for p in NightRepository(session).claim_due_patients(now=NOW, limit=10)
        ]
    waited = wall.monotonic() - started
    release.set()
    thread.join()
    first_db.dispose()
    second_db.dispose()
    assert waited < 1.0
    assert len(taken["first"]) == 5 and len(taken["second"]) == 5
    assert not set(taken["first"]) & set(taken["second"])


async def test_two_dispatchers_on_postgresql_never_send_a_reminder_twice(
    postgres_url: str, tmp_path: Path
) -> None:
    patients = 400
    Database(postgres_url).upgrade()
    seeding = Database(postgres_url)
    seed(seeding, patients)
    settings = make_settings(
        tmp_path,
        telegram={"messages_per_second": 0},
        storage={"url": postgres_url},
        reminders={"claim_batch": 25, "send_concurrency": 16},
    )
    results: list[DispatchResult] = []

    def dispatcher(base: BotApiSandbox) -> None:
        async def run() -> None:
            services = build_services(with_sandbox(settings, base), clock=lambda: NOW)
            application = build_application(with_sandbox(settings, base), services)
            await application.initialize()
            try:
                results.append(await dispatch_due(application, NOW))
            finally:
                await application.shutdown()
                services.db.dispose()

        asyncio.run(run())

    async with BotApiSandbox(token=settings.token) as sandbox:
        await asyncio.gather(
            asyncio.to_thread(dispatcher, sandbox), asyncio.to_thread(dispatcher, sandbox)
        )
        sent = Counter(c.chat_id for c in sandbox.calls("sendMessage") if c.status == 200)
    assert len(sent) == patients and set(sent.values()) == {1}
    assert sum(r.claimed for r in results) == patients
    print("claimed per dispatcher:", [r.claimed for r in results])
    with seeding.session() as session:
        per_patient = session.execute(
            select(Night.patient_id, func.count()).group_by(Night.patient_id)
        ).all()
        outcomes = Counter(session.scalars(select(Night.outcome)))
    seeding.dispose()
    assert len(per_patient) == patients and {count for _, count in per_patient} == {1}
    assert outcomes == {"sent": patients}
