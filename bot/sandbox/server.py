"""``BotApiSandbox``: the Bot API, the patient driver and the control API on one port."""

from __future__ import annotations

import asyncio
import contextlib
import socket

from aiohttp import web

from bot.sandbox.api import BotApi
from bot.sandbox.control import ControlApi


class BotApiSandbox(ControlApi, BotApi):
    """A loopback Bot API server that records what the bot does and injects patient updates.

    Use ``async with BotApiSandbox() as sandbox:`` (or ``start()``/``stop()``) inside the same
    event loop as the bot.
    """

    @property
    def base_url(self) -> str:
        """Give this to ``ApplicationBuilder.base_url`` / ``Bot(base_url=...)``."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Give this to ``ApplicationBuilder.base_file_url`` (the bot never downloads files)."""
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def control_url(self) -> str:
        """Root of the JSON control API (``/_sandbox/``)."""
        return f"http://{self.host}:{self.port}/_sandbox/"

    async def start(self) -> None:
        """Bind the port (``port=0`` picks a free one) and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.add_api_routes(app)
        self.add_control_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._closing = False

    async def stop(self) -> None:
        """Release pending long polls, stop webhook delivery and close the server."""
        self._closing = True
        self._wake_poll("closing")
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._client is not None:
            await self._client.close()
            self._client = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        for waiter in self._event_waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def __aenter__(self) -> BotApiSandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()
