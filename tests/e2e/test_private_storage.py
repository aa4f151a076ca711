"""What a patient typed stays out of the logs and, once they erase it, off the disk.

- a failed write logs no statement parameters and no PostgreSQL "DETAIL: Failing row
  contains (...)", at any level, on either backend;
- the SQLite file and its -wal/-shm are readable by the bot's user only, whatever the umask;
- after /delete the patient's words are found neither in the SQLite file nor in its WAL;
- with no `storage.url`, the SQLite file goes to systemd's StateDirectory when it is set.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from bot.features.start.texts import error
from bot.sandbox import BotApiSandbox
from storage.db import Database
from tests.conftest import Clock, make_settings
from tests.e2e.harness import running_bot, start_bot_process

SECRET = "QUOKKA-5531"
QUESTION = f"does my {SECRET} knee pain mean the dose is wrong?"


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def refuse_questions(database: Database) -> None:
    """Make every stored question fail to insert, the way a full disk or a bad migration
    would: a trigger on SQLite, a check constraint on PostgreSQL (whose error quotes the row)."""
    with database.engine.begin() as connection:
        if database.is_sqlite:
            connection.execute(
                text(
                    "CREATE TRIGGER refuse_questions BEFORE INSERT ON faq_questions "
                    "BEGIN SELECT RAISE(ABORT, 'questions refused'); END"
                )
            )
        else:
            connection.execute(
                text(
                    "ALTER TABLE faq_questions "
                    "ADD CONSTRAINT refuse_questions CHECK (length(text) < 1)"
                )
            )


async def test_a_failed_write_logs_neither_parameters_nor_the_failing_row(
    db: Database, tmp_path: Path, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    refuse_questions(db)
    settings = make_settings(tmp_path, storage={"echo_sql": True})
    caplog.set_level(logging.DEBUG)
    async with running_bot(settings, clock=clock, db=db) as harness:
        await harness.say("/start")
        reply = await harness.say(QUESTION, contains=error()[:30])
        await harness.sandbox.wait_until_idle()
    assert reply.text == error()  # the patient hears something short and true
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    assert failures, "the failed insert was not logged"
    assert "refuse" in caplog.text  # the log still says what failed: the trigger/constraint
    database_lines = [
        caplog.handler.format(r)
        for r in caplog.records
        if r.levelno >= logging.WARNING or r.name.startswith("sqlalchemy")
    ]
    assert database_lines
    leaked = [line for line in database_lines if SECRET in line]
    assert not leaked, leaked[0]


def secure_delete_off(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA secure_delete=OFF")


def file_mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def on_disk(*paths: Path) -> bytes:
    """The bytes of these files, as anyone who can read them would see them."""
    return b"".join(path.read_bytes() for path in paths if path.exists())


async def test_sqlite_files_are_private_and_an_erase_leaves_no_trace_on_disk(
    tmp_path: Path, clock: Clock, umask_022: None
) -> None:
    settings = make_settings(tmp_path, storage={"url": "sqlite:///patients.sqlite3"})
    main = tmp_path / "patients.sqlite3"
    wal, shm = Path(f"{main}-wal"), Path(f"{main}-shm")
    database = Database(settings.storage.url or "")
    # Many SQLite builds (Debian's among them) turn secure_delete on by default, others leave
    # it off: start every connection from "off", so the bot must turn it on itself.
    event.listen(database.engine, "connect", secure_delete_off, insert=True)
    async with running_bot(settings, clock=clock, db=database) as harness:
        await harness.say("/start")
        await harness.say(QUESTION)
        await harness.sandbox.wait_until_idle()
        assert {name.name: file_mode(name) for name in (main, wal, shm)} == {
            main.name: 0o600,
            wal.name: 0o600,
            shm.name: 0o600,
        }
        assert SECRET.encode() in on_disk(main, wal)  # the question really reached the disk

        # (the setup question asked again under the answer may come after the idle moment)
        prompt = await harness.say("/delete", contains="can't be undone")
        await harness.tap(prompt, "Yes", contains="deleted")
        await harness.sandbox.wait_until_idle()
        assert SECRET.encode() not in on_disk(main)
        assert SECRET.encode() not in on_disk(wal)


def test_the_default_database_goes_to_the_state_directory(tmp_path: Path) -> None:
    from bot.config import parse_settings

    data = {"telegram": {"token": "123456:TEST"}}
    state = tmp_path / "state"
    settings = parse_settings(
        data, config_dir=tmp_path / "etc", environ={"STATE_DIRECTORY": f"{state}:/other"}
    )
    assert settings.storage.url == f"sqlite:///{state / 'ldn-bot.sqlite3'}"
    beside = parse_settings(data, config_dir=tmp_path / "etc", environ={})
    assert beside.storage.url == f"sqlite:///{tmp_path / 'etc' / 'ldn-bot.sqlite3'}"


async def test_ldn_bot_run_under_systemd_keeps_its_database_in_the_state_directory(
    tmp_path: Path, umask_022: None
) -> None:
    """As the shipped unit runs it: the config directory is not the bot's to write in (here a
    directory already sits where the old default file would go), $STATE_DIRECTORY is."""
    etc, state = tmp_path / "etc", tmp_path / "state"
    etc.mkdir()
    state.mkdir(mode=0o700)
    (etc / "ldn-bot.sqlite3").mkdir()  # "unable to open database file" if opened here
    async with BotApiSandbox(token="123456:STATEDIR") as sandbox:
        config = etc / "config.toml"
        config.write_text(
            f'[telegram]\ntoken = "{sandbox.token}"\nbase_url = "{sandbox.base_url}"\n',
            encoding="utf-8",
        )
        process = await start_bot_process(config, env={"STATE_DIRECTORY": str(state)})
        try:
            sandbox.send_text(4243, "/start")
            await sandbox.wait_for_message(4243, contains="LDN companion", timeout=30)
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == 0, output.decode()[-3000:]
    database = state / "ldn-bot.sqlite3"
    assert database.is_file()
    assert file_mode(database) == 0o600
