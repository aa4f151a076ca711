"""Event-loop time of the check-in and notice ticks with many patients on PostgreSQL.

Fills a fresh PostgreSQL schema (INSERT ... SELECT generate_series, so 1,000,000 patients take
about a minute) with set-up patients in the steady state: check-ins and notices planned, two
past check-ins and two sent notices each, a step up for half of them. Then runs the real tick
coroutines (`checkin_tick`, `notices_tick`) against a bot whose sends return at once:

  idle   nothing due and nobody's plan changed (most ticks of the day)
  busy   DUE check-ins / notices due and REPLANS patients whose start date moved

"claim" is the time until the first message would go out (plan, create, claim); "tick" the
whole tick including recording the sends (wall time: mostly waiting for PostgreSQL in the
database's worker threads); "bot CPU" the event loop's own time in it (the CPU time of the
loop's thread), which is what other patients' replies wait behind.

Run: LDN_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/test \
     python benchmarks/bench_ticks.py --patients 1000000 [--due 50] [--replans 5]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from bot.config import parse_settings  # noqa: E402
from bot.context import Services  # noqa: E402
from bot.features.care_plan import planning as care_plan  # noqa: E402
from bot.features.checkins.handlers import checkin_tick  # noqa: E402
from bot.features.milestones.handlers import notices_tick  # noqa: E402
from storage.db import Database, normalise_url  # noqa: E402

TOKEN = "123456:BENCH"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class InstantBot:
    """Accepts every send at once; notes when the first one came."""

    rate_limiter = None

    def __init__(self) -> None:
        self.first_send: float | None = None
        self.sent = 0

    async def send_message(self, chat_id: int, text: str, **_: Any) -> Any:
        if self.first_send is None:
            self.first_send = time.perf_counter()
        self.sent += 1
        return SimpleNamespace(message_id=self.sent)


def fill(db: Database, patients: int, digest: str) -> None:
    """The steady state: every patient planned with the current settings, nothing due."""
    has_stale_flag = _has_column(db, "patients", "care_plan_stale")
    # Where the tick's code keeps a "plan is stale" flag, every plan here is up to date.
    flag_column, flag_value = (", care_plan_stale", ", false") if has_stale_flag else ("", "")
    statements = [
        # A step up for every other patient (counted in the care plan key).
        f"""INSERT INTO step_decisions (patient_id, step_index, decision, decided_on, created_at)
            SELECT i, 1, 'up', DATE '2026-07-01', :now FROM generate_series(2, {patients}, 2) i""",
        f"""INSERT INTO patients (id, chat_id, created_at, setup_completed_at, paused, timezone,
                reminder_time, form, plan, start_date, autoimmune, next_reminder_at,
                next_checkin_at, care_plan_key{flag_column})
            SELECT i, 10000000 + i, :now, :now, false, 'Europe/Berlin', TIME '22:00',
                'capsule', 'standard', DATE '2026-06-01' + (i % 150), (i % 3 = 0),
                :now + interval '8 hours',
                :now + interval '21 hours' + (i % 7) * interval '1 day',
                to_char(DATE '2026-06-01' + (i % 150), 'YYYY-MM-DD') || '|Europe/Berlin|'
                    || CASE WHEN i % 3 = 0 THEN 'True' ELSE 'False' END || '|'
                    || CASE WHEN i % 2 = 0 THEN '1' ELSE '0' END || '|' || :digest
                {flag_value}
            FROM generate_series(1, {patients}) i""",
        f"""INSERT INTO checkins (patient_id, local_date, created_at, sent_at, completed_at,
                vivid_dreams, sleep_disturbance, nausea, symptom_flare, symptom_score)
            SELECT i, DATE '2026-11-01' + d, :now - (25 - d) * interval '1 day',
                :now - (25 - d) * interval '1 day', :now - (25 - d) * interval '1 day',
                0, 1, 0, 0, 6
            FROM generate_series(1, {patients}) i, (VALUES (10), (17)) AS days(d)""",
        f"""INSERT INTO notices (patient_id, kind, due_at, sent_at, message_id, done_at)
            SELECT i, k, :now - interval '30 days', :now - interval '30 days', 1,
                CASE WHEN k = 'lft:0' THEN :now - interval '29 days' END
            FROM generate_series(1, {patients}) i,
                (VALUES ('lft:0'), ('milestone:week:4')) AS kinds(k)""",
        f"""INSERT INTO notices (patient_id, kind, due_at)
            SELECT i, 'lft:3', :now + interval '2 days' + (i % 60) * interval '1 day'
            FROM generate_series(1, {patients}) i""",
    ]
    with db.engine.begin() as connection:
        # step_decisions references patients: insert patients first.
        for statement in [statements[1], statements[0], *statements[2:]]:
            connection.execute(text(statement), {"now": NOW, "digest": digest})
        for table in ("patients", "step_decisions", "checkins", "notices"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))
    if has_stale_flag:
        print("  (this version keeps patients.care_plan_stale)", flush=True)


def _has_column(db: Database, table: str, column: str) -> bool:
    with db.engine.connect() as connection:
        return bool(
            connection.execute(
                text(
                    "SELECT count(*) FROM information_schema.columns "
                    "WHERE table_schema = current_schema() AND table_name = :t AND column_name = :c"
                ),
                {"t": table, "c": column},
            ).scalar()
        )


def make_due(db: Database, round_no: int, due: int, replans: int, patients: int) -> None:
    """`due` check-ins and notices due now, and `replans` patients whose start date moved
    (as /startdate does: through the ORM, so whatever marks a plan as changed runs)."""
    from storage.models import Patient

    step = patients // max(due, 1)
    due_ids = [1 + (round_no * 7 + k * step) % patients for k in range(due)]
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE patients SET next_checkin_at = :past WHERE id = ANY(:ids)"),
            {"past": NOW - timedelta(minutes=1), "ids": due_ids},
        )
        connection.execute(
            text(
                "UPDATE notices SET due_at = :past WHERE kind = 'lft:3' AND patient_id = ANY(:ids)"
            ),
            {"past": NOW - timedelta(minutes=1), "ids": due_ids},
        )
    moved = [
        1 + (round_no * 13 + 3 + k * (patients // max(replans, 1))) % patients
        for k in range(replans)
    ]
    with db.session() as session:
        for patient in session.query(Patient).filter(Patient.id.in_(moved)):
            patient.start_date = patient.start_date + timedelta(days=1)  # type: ignore[operator]


async def run_tick(tick: Any, services: Services) -> tuple[float, float, int, float]:
    """(claim ms, tick ms, messages sent, the bot's own CPU ms in the tick)."""
    bot = InstantBot()
    context = SimpleNamespace(services=services, bot=bot)
    cpu = time.thread_time()
    started = time.perf_counter()
    await tick(context)
    ended = time.perf_counter()
    cpu = time.thread_time() - cpu
    claim = (bot.first_send or ended) - started
    return claim * 1000, (ended - started) * 1000, bot.sent, cpu * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patients", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=50, help="check-ins and notices due per tick")
    parser.add_argument("--replans", type=int, default=5, help="plans changed per busy tick")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base = os.environ.get("LDN_BENCH_POSTGRES_URL") or os.environ.get("LDN_TEST_POSTGRES_URL")
    if not base:
        sys.exit("set LDN_BENCH_POSTGRES_URL (a PostgreSQL server the bench may use)")
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{normalise_url(base)}?options=-csearch_path%3D{schema}"
    db = Database(url)
    # Filling a million patients takes minutes: past the bot's statement limit (5 s).
    filler = Database(url, timeout_seconds=300)
    try:
        db.upgrade()
        settings = parse_settings(
            {"telegram": {"token": TOKEN}, "storage": {"url": url}},
            config_dir=Path(tempfile.gettempdir()),
            environ={},
        )
        services = Services(settings=settings, db=db, clock=lambda: NOW)
        started = time.perf_counter()
        fill(filler, args.patients, care_plan.settings_digest(settings))
        print(f"filled {args.patients:,} patients in {time.perf_counter() - started:.0f} s")
        loop = asyncio.new_event_loop()
        if hasattr(care_plan, "check_settings_once"):
            # A process's first tick compares every plan with the settings, in a worker thread
            # (not event-loop time): measured once here, then left out of the ticks.
            started = time.perf_counter()
            loop.run_until_complete(care_plan.check_settings_once(services))
            print(
                f"settings check (first tick, worker thread): "
                f"{(time.perf_counter() - started) * 1000:.0f} ms",
                flush=True,
            )
        for name, tick in (("check-in", checkin_tick), ("notice", notices_tick)):
            runs = [loop.run_until_complete(run_tick(tick, services)) for _ in range(args.rounds)]
            idle = [run[1] for run in runs]
            cpu = [run[3] for run in runs]
            print(
                f"{name} tick, idle: median {statistics.median(idle):.1f} ms, "
                f"max {max(idle):.1f} ms over {args.rounds} ticks "
                f"(bot CPU median {statistics.median(cpu):.1f} ms)",
                flush=True,
            )
        for round_no in range(args.rounds):
            make_due(filler, round_no, args.due, args.replans, args.patients)
            for name, tick in (("check-in", checkin_tick), ("notice", notices_tick)):
                claim, whole, sent, cpu = loop.run_until_complete(run_tick(tick, services))
                print(
                    f"{name} tick, busy (round {round_no}): claim {claim:.1f} ms, "
                    f"tick {whole:.1f} ms (bot CPU {cpu:.1f} ms), {sent} sent",
                    flush=True,
                )
        loop.close()
    finally:
        db.dispose()
        filler.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


if __name__ == "__main__":
    main()
