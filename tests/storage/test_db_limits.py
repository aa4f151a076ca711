"""Every wait on the database is bounded, and the event loop stays free while it waits."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.db import Database, DatabaseUnavailable

LIMIT = 1.0  # timeout_seconds of the databases under test


async def ticks_while(awaitable: object) -> tuple[int, BaseException | None, float]:
    """(how often a 50 ms ticker ran, what the awaitable raised, how long it took)."""
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.05)
            ticks += 1

    running = asyncio.create_task(ticker())
    started = time.monotonic()
    error: BaseException | None = None
    try:
        await awaitable  # type: ignore[misc]
    except Exception as raised:
        error = raised
    took = time.monotonic() - started
    running.cancel()
    return ticks, error, took


def test_sqlite_connections_wait_for_a_lock_as_long_as_configured(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'db.sqlite3'}", timeout_seconds=2.5)
    try:
        with database.engine.connect() as connection:
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 2500
            assert connection.execute(text("PRAGMA secure_delete")).scalar() == 1
    finally:
        database.dispose()


async def test_a_locked_sqlite_file_fails_within_the_limit_without_blocking_the_loop(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    database = Database(f"sqlite:///{path}", timeout_seconds=LIMIT)
    database.upgrade()
    other = sqlite3.connect(path, isolation_level=None)  # e.g. a backup script holding a lock
    other.execute("BEGIN EXCLUSIVE")
    try:
        write = database.run(lambda session: session.execute(text("DELETE FROM patients")))
        ticks, error, took = await ticks_while(write)
        assert error is not None, "the write did not wait for the lock"
        assert took < LIMIT + 1.0
        assert ticks >= 0.5 * took / 0.05, f"the loop ran {ticks} ticks in {took:.2f}s"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert await database.run(lambda session: session.execute(text("SELECT 1")).scalar()) == 1
    database.dispose()


@pytest.fixture
def postgres(postgres_url: str) -> Database:
    return Database(postgres_url, timeout_seconds=LIMIT)


async def test_postgres_statements_are_bounded_on_the_server_and_the_client(
    postgres: Database,
) -> None:
    try:
        with postgres.engine.connect() as connection:
            assert connection.execute(text("SHOW statement_timeout")).scalar() == "1s"
            # The operator's own options (here the test schema) are kept.
            assert connection.execute(text("SHOW search_path")).scalar().startswith("t_")
        slow = postgres.run(lambda session: session.execute(text("SELECT pg_sleep(30)")))
        ticks, error, took = await ticks_while(slow)
        assert error is not None
        assert took < LIMIT + 1.5
        assert ticks >= 0.5 * took / 0.05
        # A unit of work longer than the limit is given up by the client too.
        limited = postgres.run(
            lambda session: session.execute(text("SELECT pg_sleep(0.4)")), within_seconds=0.2
        )
        _, error, took = await ticks_while(limited)
        assert isinstance(error, DatabaseUnavailable)
        assert took < 0.5
        assert await postgres.run(lambda session: session.execute(text("SELECT 1")).scalar()) == 1
    finally:
        postgres.dispose()
