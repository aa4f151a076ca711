"""Shared fixtures: settings, a migrated database (SQLite always, PostgreSQL when
LDN_TEST_POSTGRES_URL is set), and a controllable clock."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from bot.config import Settings, parse_settings
from storage.db import Database, normalise_url

# As `ldn-bot` itself does (bot/cli.py): PTB's time spans as timedeltas, without its warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")

POSTGRES_URL = os.environ.get("LDN_TEST_POSTGRES_URL")
NO_POSTGRES = "LDN_TEST_POSTGRES_URL is not set (.ci/run sets it); PostgreSQL tests skipped"


class Clock:
    """A clock the test moves by hand; handed to the bot as its `clock`."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment.astimezone(UTC)

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 25, 12, 0, tzinfo=UTC))


def make_settings(tmp_path: Path, **sections: dict[str, Any]) -> Settings:
    data: dict[str, Any] = {"telegram": {"token": "123456:TEST"}}
    for name, values in sections.items():
        data[name] = {**data.get(name, {}), **values}
    return parse_settings(data, config_dir=tmp_path, environ={})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


def _sqlite_database(tmp_path: Path) -> Database:
    return Database(f"sqlite:///{tmp_path / 'test.sqlite3'}")


def postgres_schema_url(schema: str) -> str:
    assert POSTGRES_URL is not None
    base = normalise_url(POSTGRES_URL)
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options=-csearch_path%3D{schema}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty schema on the test PostgreSQL server, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield postgres_schema_url(schema)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated database on each backend."""
    if request.param == "sqlite":
        database = _sqlite_database(tmp_path)
    else:
        database = Database(request.getfixturevalue("postgres_url"))
    database.upgrade()
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = _sqlite_database(tmp_path)
    database.upgrade()
    try:
        yield database
    finally:
        database.dispose()
