"""Follow-up planning as patients and operators meet it: a moved start date moves the
check-ins, new settings replan everyone at the next start, and the ticks only ever look at
the patients whose plan changed (never the whole table)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text

from storage.db import Database
from storage.models import Notice, Patient
from tests.conftest import Clock, make_settings
from tests.e2e.harness import BotHarness, running_bot
from tests.e2e.test_checkins import is_checkin, set_up_patient
from tests.factories import make_patient


def _checkins_seen(bot: BotHarness) -> int:
    return len([m for m in bot.sandbox.messages(bot.chat_id) if is_checkin(m)])


async def _run(bot: BotHarness, *names: str) -> None:
    assert bot.application.job_queue is not None
    for job in bot.application.job_queue.jobs():
        if job.name in names:
            await job.run(bot.application)
    await bot.sandbox.wait_until_idle()


async def test_a_moved_start_date_moves_the_first_check_in(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    async with running_bot(make_settings(tmp_path), clock=clock, db=db) as bot:
        set_up_patient(bot, clock)  # starts 25 Nov: first check-in the morning of 26 Nov
        await bot.run_jobs()
        await bot.say("/startdate 2026-12-01", contains="Start date set")
        await bot.run_jobs()
        clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # 09:00 in Berlin
        await bot.run_jobs()
        assert _checkins_seen(bot) == 0  # not on the old date
        clock.set(datetime(2026, 12, 2, 8, 0, tzinfo=UTC))  # the morning after the new start
        await bot.run_jobs()
        await bot.sandbox.wait_for_message(bot.chat_id, predicate=is_checkin)
        assert _checkins_seen(bot) == 1


async def test_new_settings_replan_everyone_at_the_next_start(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    first = make_settings(tmp_path, monitoring={"milestone_weeks": [4]})
    async with running_bot(first, clock=clock, db=db) as bot:
        set_up_patient(bot, clock)
        await bot.run_jobs()
    second = make_settings(
        tmp_path, monitoring={"milestone_weeks": [5]}, checkins={"time": "07:30"}
    )
    async with running_bot(second, clock=clock, db=db) as bot:
        await bot.run_jobs()
        with db.session() as session:
            kinds = set(session.scalars(select(Notice.kind).where(Notice.kind.like("milestone%"))))
        assert kinds == {"milestone:week:5"}
        clock.set(datetime(2026, 11, 26, 6, 30, tzinfo=UTC))  # 07:30 in Berlin, the new time
        await bot.run_jobs()
        await bot.sandbox.wait_for_message(bot.chat_id, predicate=is_checkin)


async def test_the_ticks_never_scan_a_whole_table(tmp_path: Path, clock: Clock) -> None:
    """With nothing changed and nothing due, every statement of the check-in and notice ticks
    reads through an index (SQLite's plan says SEARCH, not SCAN): a tick's cost does not grow
    with the number of patients."""
    db = Database(f"sqlite:///{tmp_path / 'ticks.sqlite3'}")
    async with running_bot(make_settings(tmp_path), clock=clock, db=db) as bot:
        now = clock()
        with db.session() as session:
            for i in range(300):
                session.add(
                    make_patient(
                        900_000 + i,
                        now,
                        timezone="Europe/Berlin",
                        start_date=now.date() - timedelta(days=i % 40),
                        reminder_time=None,
                    )
                )
        for _ in range(3):  # plan them all (at most 200 a tick)
            await _run(bot, "checkins", "notices")
        with db.session() as session:
            assert (
                session.scalar(select(func.count()).where(Patient.next_checkin_at.is_(None))) == 0
            )

        statements: list[tuple[str, Any]] = []

        def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
                statements.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", record)
        try:
            await _run(bot, "checkins", "notices")
        finally:
            event.remove(db.engine, "before_cursor_execute", record)
        assert statements
        scans = []
        with db.engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            for statement, parameters in statements:
                plan = raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
                scans += [(row[3], statement) for row in plan if row[3].startswith("SCAN ")]
        assert not scans, scans
    db.dispose()


def test_sqlite_plans_are_read_as_expected(tmp_path: Path) -> None:
    """The check above would pass vacuously if SQLite stopped saying SCAN for a full scan."""
    db = Database(f"sqlite:///{tmp_path / 'plan.sqlite3'}")
    db.upgrade()
    with db.engine.connect() as connection:
        plan = connection.execute(
            text("EXPLAIN QUERY PLAN SELECT id FROM patients WHERE care_plan_key = 'x'")
        ).fetchall()
    db.dispose()
    assert any(row[3].startswith("SCAN patients") for row in plan)


async def test_scheduled_messages_meet_telegram_errors_like_reminders(
    bot: BotHarness, clock: Clock
) -> None:
    """One send policy (care_plan/sending.py): a passing 502 or a short 429 on a check-in is
    retried within the tick, as the reminder dispatcher does, instead of waiting a tick."""
    set_up_patient(bot, clock)
    await bot.run_jobs()
    clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))  # the morning after the first night
    bot.sandbox.fail_next("sendMessage", status=502)
    bot.sandbox.fail_next("sendMessage", status=429, retry_after=1)
    await _run(bot, "checkins")
    assert _checkins_seen(bot) == 1
