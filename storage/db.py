"""The database: one engine, a session per unit of work, migrations at start.

Every wait on the database is bounded: connecting (`connect_timeout_seconds`), a pool slot, a
statement and a whole unit of work (`timeout_seconds`), and on PostgreSQL TCP keepalives and
`tcp_user_timeout` notice a peer that went silent. Code on the event loop runs its unit of
work with `await db.run(work)`: the work runs in a small pool of threads, so a slow or silent
database holds up only the callers that need it; when the time is up the caller gets
`DatabaseUnavailable` at once and the work's connection is cut, which frees its thread.

Nothing a patient typed reaches a log through the database layer: statement parameters are
hidden and PostgreSQL's error details (which quote the failing row) are dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Engine, ExceptionContext, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The schema this code is written for: the newest migration's revision
# (tests/storage/test_schema.py checks it is Alembic's head). A database already there is not
# handed to Alembic at start-up, so a running bot never imports it (Alembic and its templates
# hold about 10 MB a process).
SCHEMA_REVISION = "0006"
DEFAULT_TIMEOUT_SECONDS = 5.0
DEFAULT_CONNECT_TIMEOUT_SECONDS = 5.0
# Threads that run database work on PostgreSQL; also the size of the connection pool. SQLite
# gets one: its units of work then run one at a time, in order, as the code expects of it.
DEFAULT_WORKERS = 8

T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database did not answer within the time allowed."""


def normalise_url(url: str) -> str:
    """Use psycopg 3 for a bare postgresql:// URL."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for PostgreSQL or an in-memory database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def create_private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (SQLite gives its -wal and -shm
    files the mode of the database file); tighten an existing one."""
    try:
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    except OSError:
        return  # no such directory, not writable: SQLite says so when it opens the file
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(OSError):  # not there yet, or not ours to change
            if name.stat().st_mode & 0o077:
                os.chmod(name, 0o600)


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        # Deleted rows are overwritten with zeros, so an erased patient's text leaves the file.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return on_connect


def _postgres_url(url: URL, *, timeout_seconds: float) -> URL:
    """Server-side limits in the start-up packet, after any `options` the operator gave."""
    milliseconds = int(timeout_seconds * 1000)
    limits = (
        f"-c statement_timeout={milliseconds} -c lock_timeout={milliseconds} "
        f"-c idle_in_transaction_session_timeout={milliseconds * 6}"
    )
    given = url.query.get("options")
    given = " ".join(given) if isinstance(given, tuple) else given
    return url.update_query_dict({"options": f"{given} {limits}" if given else limits})


def _without_error_details(context: ExceptionContext) -> None:
    """PostgreSQL's messages quote values ("DETAIL: Failing row contains (...)", "invalid
    input syntax for type integer: ..."): keep only the error's class, SQLSTATE and the names
    of the table, column and constraint involved."""
    original = context.original_exception
    sqlstate = getattr(original, "sqlstate", None)
    diag = getattr(original, "diag", None)
    if not sqlstate or diag is None:
        return  # a client-side or connection error: no row data in it
    names = [
        f"{label} {value}"
        for label, value in (
            ("table", diag.table_name),
            ("column", diag.column_name),
            ("constraint", diag.constraint_name),
        )
        if value
    ]
    safe = f"SQLSTATE {sqlstate}" + (f" ({', '.join(names)})" if names else "")
    original.args = (safe,)
    wrapped = context.sqlalchemy_exception
    if wrapped is not None:
        kind = type(original)
        wrapped.args = (f"({kind.__module__}.{kind.__name__}) {safe}",)


def create_db_engine(
    url: str,
    *,
    echo: bool = False,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    connect_timeout_seconds: float = DEFAULT_CONNECT_TIMEOUT_SECONDS,
    workers: int = DEFAULT_WORKERS,
) -> Engine:
    parsed = make_url(normalise_url(url))
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_path(url)
        if path is not None:
            create_private_file(path)
        engine = create_engine(
            parsed,
            echo=echo,
            hide_parameters=True,
            connect_args={"check_same_thread": False, "timeout": timeout_seconds},
        )
        event.listen(engine, "connect", _sqlite_pragmas(int(timeout_seconds * 1000)))
        return engine
    engine = create_engine(
        _postgres_url(parsed, timeout_seconds=timeout_seconds),
        echo=echo,
        hide_parameters=True,
        pool_size=workers,
        max_overflow=workers,
        pool_timeout=timeout_seconds,
        connect_args={
            "connect_timeout": max(1, round(connect_timeout_seconds)),
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
            # Unacknowledged data for this long (packets dropped) breaks the connection.
            "tcp_user_timeout": int(timeout_seconds * 1000),
        },
    )
    event.listen(engine, "handle_error", _without_error_details)
    return engine


@dataclass(eq=False)
class _Work:
    """One call running in the pool: the connections it holds, so they can be cut."""

    connections: list[Any] = field(default_factory=list)
    abandoned: bool = False


class Database:
    """Owns the engine; hands out sessions that commit on success and roll back on error."""

    def __init__(
        self,
        url: str,
        *,
        echo: bool = False,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        connect_timeout_seconds: float = DEFAULT_CONNECT_TIMEOUT_SECONDS,
        workers: int = DEFAULT_WORKERS,
    ) -> None:
        self.url = normalise_url(url)
        self.timeout_seconds = timeout_seconds
        self.engine = create_db_engine(
            self.url,
            echo=echo,
            timeout_seconds=timeout_seconds,
            connect_timeout_seconds=connect_timeout_seconds,
            workers=workers,
        )
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._workers = 1 if self.is_sqlite else workers
        self._threads: ThreadPoolExecutor | None = None
        self._aside: ThreadPoolExecutor | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._running: set[_Work] = set()
        event.listen(self.engine, "checkout", self._on_checkout)
        event.listen(self.engine, "checkin", self._on_checkin)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commit at the end, roll back on any exception.

        Blocking: on the event loop use `await db.run(...)` instead."""
        with self._sessions() as session, session.begin():
            yield session

    async def run(
        self,
        work: Callable[[Session], T],
        *,
        within_seconds: float | None = None,
        aside: bool = False,
    ) -> T:
        """Run `work(session)` as one unit of work off the event loop; its result.

        Raises DatabaseUnavailable when the database does not finish it within `within_seconds`
        (default `timeout_seconds`). `aside`: on a thread of its own, not queued behind other
        work (a health check's read)."""

        def unit_of_work() -> T:
            with self.session() as session:
                return work(session)

        return await self.call(unit_of_work, within_seconds=within_seconds, aside=aside)

    async def call(
        self, blocking: Callable[[], T], *, within_seconds: float | None = None, aside: bool = False
    ) -> T:
        """Run any blocking database call off the event loop, bounded like `run`."""
        limit = self.timeout_seconds if within_seconds is None else within_seconds
        running = _Work()
        if self._threads is None or self._aside is None:
            self._threads = ThreadPoolExecutor(self._workers, thread_name_prefix="ldn-db")
            self._aside = ThreadPoolExecutor(1, thread_name_prefix="ldn-db-aside")
        threads = self._aside if aside else self._threads
        loop = asyncio.get_running_loop()
        # The caller's context goes along (as asyncio.to_thread does): what the work renders is
        # in the language of the update or the patient it runs for (bot/i18n.py).
        context = contextvars.copy_context()
        future = loop.run_in_executor(threads, context.run, self._in_thread, running, blocking)
        try:
            async with asyncio.timeout(limit):
                return await future
        except TimeoutError:
            self._abandon(running)
            raise DatabaseUnavailable(f"no answer within {limit:g}s") from None
        except asyncio.CancelledError:
            self._abandon(running)
            raise

    def _in_thread(self, running: _Work, blocking: Callable[[], T]) -> T:
        with self._lock:
            if running.abandoned:
                raise DatabaseUnavailable("abandoned before it started")
            self._running.add(running)
        self._local.work = running
        try:
            return blocking()
        finally:
            self._local.work = None
            with self._lock:
                self._running.discard(running)
                running.connections.clear()

    def _on_checkout(self, dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        running: _Work | None = getattr(self._local, "work", None)
        if running is not None:
            with self._lock:
                if running.abandoned:
                    raise DatabaseUnavailable("abandoned")
                running.connections.append(dbapi_connection)
        if self.is_sqlite:
            return
        # pool_pre_ping's check, but after the connection is known, so it can be cut too.
        try:
            self.engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            if running is not None and running.abandoned:
                raise DatabaseUnavailable("abandoned") from None
            raise DisconnectionError(type(error).__name__) from None

    def _on_checkin(self, dbapi_connection: Any, _record: Any) -> None:
        running: _Work | None = getattr(self._local, "work", None)
        if running is None or dbapi_connection is None:
            return
        with self._lock, contextlib.suppress(ValueError):
            running.connections.remove(dbapi_connection)

    def _abandon(self, running: _Work) -> None:
        """Stop waiting for this work: cut the connections it holds, so its thread (stuck
        reading from a silent server) gets an error and is free again."""
        # Under the lock: a connection being handed back (checkin) is still this work's, so
        # the cut never reaches one that another thread has checked out since.
        with self._lock:
            running.abandoned = True
            for connection in running.connections:
                self._cut(connection)

    def _cut(self, dbapi_connection: Any) -> None:
        with contextlib.suppress(Exception):  # already closed: nothing to cut
            if self.is_sqlite:
                dbapi_connection.interrupt()
                return
            descriptor = os.dup(dbapi_connection.pgconn.socket)
            with socket.socket(fileno=descriptor) as duplicate:
                duplicate.shutdown(socket.SHUT_RDWR)

    def upgrade(self, revision: str = "head") -> None:
        """Bring the schema up to date with the Alembic migrations."""
        if revision == "head" and self.schema_revision() == SCHEMA_REVISION:
            return
        from alembic import command

        with self.engine.begin() as connection:
            if not self.is_sqlite:  # a migration may rewrite a big table: no statement limit
                connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
            config = alembic_config(self.url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

    def schema_revision(self) -> str | None:
        """The migration the database is at, as Alembic recorded it; None before the first."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            found = versions.scalars().all()
        return found[0] if len(found) == 1 else None

    def ping(self) -> None:
        """Raise if the database cannot be reached."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def forget_erased(self) -> None:
        """After an erase: move the WAL into the database file (where secure_delete has
        zeroed the rows) and empty it, so no copy of the erased rows stays on disk."""
        if not self.is_sqlite:
            return
        with self.engine.connect() as connection:
            for _attempt in range(5):
                busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
                if not busy:
                    return
                time.sleep(0.05)  # a reader (the health check) is in the way for a moment
            log.warning("could not empty the SQLite WAL after an erase; it will be reused")

    def dispose(self) -> None:
        """Close every connection; work still running is cut off rather than waited for."""
        with self._lock:
            running = list(self._running)
        for work in running:
            self._abandon(work)
        for threads in (self._threads, self._aside):
            if threads is not None:
                threads.shutdown(wait=False, cancel_futures=True)
        self._threads = self._aside = None
        self.engine.dispose()


def alembic_config(url: str) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
