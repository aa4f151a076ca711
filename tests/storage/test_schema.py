"""The migrations build exactly the schema the models describe, on both backends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from storage.base import Base
from storage.db import SCHEMA_REVISION, Database, alembic_config


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_upgrade_twice_changes_nothing(db: Database) -> None:
    db.upgrade()
    tables = set(inspect(db.engine).get_table_names())
    assert {"patients", "nights", "checkins", "faq_questions"} <= tables


def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db: Database) -> None:
    with sqlite_db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_the_code_knows_alembics_newest_revision() -> None:
    """A new migration must move `SCHEMA_REVISION` too, or a bot started on an old database
    would skip it."""
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head == SCHEMA_REVISION


def test_a_database_behind_is_still_upgraded(db: Database) -> None:
    with db.engine.begin() as connection:
        config = alembic_config(db.url)
        config.attributes["connection"] = connection
        command.downgrade(config, "0003_caregivers")
    assert db.schema_revision() == "0003_caregivers"
    db.upgrade()
    assert db.schema_revision() == SCHEMA_REVISION
    assert "language" in {column["name"] for column in inspect(db.engine).get_columns("patients")}


def test_a_bot_started_on_an_up_to_date_database_leaves_alembic_unloaded(
    sqlite_db: Database,
) -> None:
    """Importing Alembic costs a running bot about 10 MB; with nothing to migrate it is not
    imported at all."""
    started = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from storage.db import Database; Database(sys.argv[1]).upgrade(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))",
            sqlite_db.url,
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert started.stdout.strip() == "[]"
