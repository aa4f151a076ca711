"""A PostgreSQL server that stops answering (packets dropped, the connection left open) stalls
nothing that does not need it: a real `ldn-bot run` keeps answering /help, `/healthz` says 503
with the reason within a second, SIGTERM stops it within seconds, and once the database
answers again the bot works again without a restart.

The outage is a small TCP proxy in front of PostgreSQL that, when told, keeps every
connection open but forwards nothing: what the bot sends is read and dropped, so its kernel
sees its bytes acknowledged and no TCP timeout ever fires. Only the bot's own bounds help.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot.sandbox import BotApiSandbox
from tests.e2e.crash_rig import free_port
from tests.e2e.harness import start_bot_process

CHAT = 4251
TIMEOUT_SECONDS = 2  # [storage] timeout_seconds and connect_timeout_seconds of the bot


class BlackholeProxy:
    """Forwards 127.0.0.1:port to the target until `blackhole()`; then drops every byte both
    ways without closing anything, until `forward()`."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.forwarding = True
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._writers: list[asyncio.StreamWriter] = []

    async def __aenter__(self) -> BlackholeProxy:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._server is not None
        self._server.close()
        for writer in self._writers:
            writer.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    def blackhole(self) -> None:
        self.forwarding = False

    def forward(self) -> None:
        self.forwarding = True

    async def _accept(self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter):  # type: ignore[no-untyped-def]
        server_in, server_out = await asyncio.open_connection(*self.target)
        self._writers += [client_out, server_out]
        for source, sink in ((client_in, server_out), (server_in, client_out)):
            task = asyncio.create_task(self._pump(source, sink))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await source.read(65536):
                if self.forwarding:
                    sink.write(data)
                    await sink.drain()
        # One side closed: close the other, as a real network path would carry the FIN.
        sink.close()


@pytest.fixture
async def proxy() -> AsyncIterator[BlackholeProxy]:
    async with BlackholeProxy("127.0.0.1", 5432) as running:
        yield running


async def healthz(port: int) -> tuple[int, str, float]:
    started = time.monotonic()
    timeout = aiohttp.ClientTimeout(total=10)
    async with (
        aiohttp.ClientSession(timeout=timeout) as http,
        http.get(f"http://127.0.0.1:{port}/healthz") as response,
    ):
        body = await response.text()
    return response.status, body, time.monotonic() - started


async def wait_for_health(port: int, status: int, within: float) -> str:
    deadline = time.monotonic() + within
    while True:
        got, body, _ = await healthz(port)
        if got == status:
            return body
        assert time.monotonic() < deadline, f"/healthz still {got} after {within}s: {body}"
        await asyncio.sleep(0.2)


class Output:
    """The bot's output, read line by line as it comes."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.lines: list[str] = []
        self.task = asyncio.create_task(self._read(stream))

    async def _read(self, stream: asyncio.StreamReader) -> None:
        while line := await stream.readline():
            self.lines.append(line.decode(errors="replace"))

    async def wait_for(self, text: str, within: float) -> None:
        deadline = time.monotonic() + within
        while not any(text in line for line in self.lines):
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.text()[-3000:]}"
            await asyncio.sleep(0.1)

    def text(self) -> str:
        return "".join(self.lines)


async def test_a_silent_database_stalls_nothing_that_does_not_need_it(
    tmp_path: Path, postgres_url: str, proxy: BlackholeProxy
) -> None:
    proxied = make_url(postgres_url).set(host="127.0.0.1", port=proxy.port)
    health_port = free_port()
    async with BotApiSandbox(token="123456:OUTAGE") as sandbox:
        config = tmp_path / "config.toml"
        config.write_text(
            "[telegram]\n"
            f'token = "{sandbox.token}"\n'
            f'base_url = "{sandbox.base_url}"\n'
            "[storage]\n"
            f'url = "{proxied.render_as_string(hide_password=False)}"\n'
            f"timeout_seconds = {TIMEOUT_SECONDS}\n"
            f"connect_timeout_seconds = {TIMEOUT_SECONDS}\n"
            "[reminders]\n"
            "tick_seconds = 0.5\n"  # the ticks keep going to the database during the outage
            "[observability]\n"
            f"port = {health_port}\n",
            encoding="utf-8",
        )
        process = await start_bot_process(config)
        assert process.stdout is not None
        output = Output(process.stdout)
        stopped_in: float | None = None
        try:
            sandbox.send_text(CHAT, "/start")
            await sandbox.wait_for_message(CHAT, contains="LDN companion", timeout=30)
            await wait_for_health(health_port, 200, within=10)

            proxy.blackhole()
            await asyncio.sleep(1.0)  # ticks are now waiting on the silent database
            status, body, took = await healthz(health_port)
            assert status == 503, body
            assert "database not answering" in body
            assert took < 1.0, f"/healthz took {took:.2f}s"

            sandbox.send_text(CHAT, "/help")
            await sandbox.wait_for_message(CHAT, contains="/settings", timeout=2)
            # A question needs the database: a short apology, not silence.
            sandbox.send_text(CHAT, "what if I miss a dose?")
            await sandbox.wait_for_message(
                CHAT, contains="something went wrong", timeout=TIMEOUT_SECONDS + 5
            )

            proxy.forward()
            await wait_for_health(health_port, 200, within=3 * TIMEOUT_SECONDS + 5)
            sandbox.send_text(CHAT, "what if I miss a dose?")
            answer = await sandbox.wait_for_message(CHAT, timeout=TIMEOUT_SECONDS + 5)
            assert "something went wrong" not in answer.text

            # (Stopping while the city index is still being built waits for that build,
            # which has nothing to do with the database: let it finish first.)
            await output.wait_for("City index ready", within=120)
            proxy.blackhole()  # and down again for the stop
            await asyncio.sleep(1.0)
            started = time.monotonic()
            process.send_signal(signal.SIGTERM)
            await asyncio.wait_for(process.wait(), timeout=30)
            stopped_in = time.monotonic() - started
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
            await output.task
    log = output.text()
    print(f"/healthz answered 503 in {took:.2f}s; SIGTERM during the outage: {stopped_in:.1f}s")
    assert process.returncode == 0, log[-3000:]
    assert stopped_in is not None and stopped_in < TIMEOUT_SECONDS + 4, (
        f"SIGTERM took {stopped_in:.1f}s\n{log[-4000:]}"
    )
