"""A real `ldn-bot run` process against an out-of-process sandbox, for crash tests and
benchmarks: start, kill, restart, and read the sandbox's control API."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import aiohttp

from storage.db import Database
from tests.factories import make_patient

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class SandboxProcess:
    """`python -m bot.sandbox` in its own process, driven through /_sandbox/."""

    token: str
    port: int = field(default_factory=free_port)
    process: asyncio.subprocess.Process | None = None
    http: aiohttp.ClientSession | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self, *args: str) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.sandbox",
            "--port",
            str(self.port),
            "--token",
            self.token,
            *args,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            cwd=REPO,
        )
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), 30)
        assert b"listening" in line, line
        self.http = aiohttp.ClientSession(f"http://127.0.0.1:{self.port}")

    async def stop(self) -> None:
        if self.http is not None:
            await self.http.close()
        if self.process is not None and self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(self.process.wait(), 30)

    async def stats(self) -> dict[str, Any]:
        assert self.http is not None
        async with self.http.get("/_sandbox/stats") as response:
            return (await response.json())["result"]  # type: ignore[no-any-return]

    async def config(self, **values: Any) -> None:
        assert self.http is not None
        async with self.http.post("/_sandbox/config", json=values) as response:
            assert response.status == 200

    async def updates(self, specs: list[dict[str, Any]]) -> None:
        assert self.http is not None
        async with self.http.post("/_sandbox/updates", json=specs) as response:
            assert response.status == 200, await response.text()

    async def sent(self, since: int = 0, method: str | None = None) -> dict[str, Any]:
        assert self.http is not None
        params: dict[str, Any] = {"since": since}
        if method:
            params["method"] = method
        async with self.http.get("/_sandbox/sent", params=params) as response:
            return await response.json()  # type: ignore[no-any-return]


@dataclass
class BotProcess:
    """`ldn-bot run --config PATH` as an operator starts it."""

    config: Path
    process: asyncio.subprocess.Process | None = None
    log: Path | None = None
    repo: Path = REPO  # the checkout whose bot runs (a benchmark's "before": another one)

    async def start(self) -> None:
        self.log = self.config.with_suffix(f".{os.getpid()}.{id(self)}.log")
        handle = self.log.open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            "--config",
            str(self.config),
            stdout=handle,
            stderr=asyncio.subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            cwd=self.repo,
        )
        handle.close()

    async def kill(self) -> None:
        assert self.process is not None
        self.process.kill()  # SIGKILL: no shutdown, no cleanup
        await self.process.wait()

    async def terminate(self, timeout: float = 60) -> int:  # noqa: ASYNC109
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), timeout)

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log else ""


def write_config(path: Path, sandbox: SandboxProcess, db_url: str, **sections: str) -> Path:
    """A config file for the bot against the sandbox; extra TOML per section name."""
    text = (
        "[telegram]\n"
        f'token = "{sandbox.token}"\n'
        f'base_url = "{sandbox.base_url}"\n'
        f"{sections.pop('telegram', '')}\n"
        "[storage]\n"
        f'url = "{db_url}"\n'
    )
    for name, body in sections.items():
        text += f"[{name}]\n{body}\n"
    path.write_text(text, encoding="utf-8")
    return path


def seed_due_patients(
    db_url: str, count: int, *, due_at: datetime, first_chat: int = 10_000_000
) -> list[int]:
    """`count` set-up patients whose reminder fell due at `due_at` (UTC time zone)."""
    database = Database(db_url)
    database.upgrade()
    chats = list(range(first_chat, first_chat + count))
    with database.session() as session:
        session.add_all(
            make_patient(
                chat,
                due_at - timedelta(days=1),
                reminder_time=time(due_at.hour, due_at.minute),
                start_date=due_at.date(),
                next_reminder_at=due_at,
            )
            for chat in chats
        )
    database.dispose()
    return chats
