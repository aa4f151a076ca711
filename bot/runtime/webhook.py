"""Webhook mode: the HTTP endpoint Telegram POSTs updates to, and the bot's life around it.

PTB's own webhook server (tornado) reads a request's whole body (up to 100 MB) before it looks
at the secret header, and compares the secret with `!=`. This one, on aiohttp:

- refuses a request whose `X-Telegram-Bot-Api-Secret-Token` header is missing or wrong with
  403 as soon as the headers are in, before reading any of the body, and closes the
  connection instead of draining whatever the sender keeps sending;
- compares the secret in constant time (`hmac.compare_digest`);
- refuses a body over `MAX_UPDATE_BYTES` with 413: at once when Content-Length says so, and
  while reading otherwise (a chunked upload is cut off at the bound, never buffered whole).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager, suppress
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from aiohttp import web
from telegram import Update

if TYPE_CHECKING:
    from bot.app import LdnApplication
    from bot.config import WebhookSettings

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# A Telegram update is a few kilobytes (a 4,096-character message with its entities and a
# reply it quotes stays well under 100 KB); anything over this is not from Telegram.
MAX_UPDATE_BYTES = 1024 * 1024


class WebhookServer:
    """Receives Telegram's POSTs on `path` and queues each update for the Application."""

    def __init__(
        self,
        application: LdnApplication,
        *,
        listen: str,
        port: int,
        path: str,
        secret: str,
        max_body_bytes: int = MAX_UPDATE_BYTES,
    ) -> None:
        if not secret:
            raise ValueError("a webhook needs a secret token")
        self._application = application
        self._listen = listen
        self._port = port
        self._path = "/" + path.lstrip("/")
        self._secret = secret.encode()
        self._max_body_bytes = max_body_bytes
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=self._max_body_bytes)
        app.router.add_post(self._path, self._receive)
        # No lingering: an unread body is not drained after the answer, the connection closes.
        self._runner = web.AppRunner(app, access_log=None, lingering_time=0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._listen, self._port).start()
        log.info("webhook: listening on %s:%s", self._listen, self._port)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    def _has_the_secret(self, request: web.Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode()
        return hmac.compare_digest(given, self._secret)

    @staticmethod
    def _refuse(status: HTTPStatus) -> web.Response:
        response = web.Response(status=status, text=status.phrase)
        response.force_close()  # whatever body follows is never read
        return response

    async def _receive(self, request: web.Request) -> web.Response:
        if not self._has_the_secret(request):
            log.debug("webhook: refused a request without the secret token")
            return self._refuse(HTTPStatus.FORBIDDEN)
        length = request.content_length
        if length is not None and length > self._max_body_bytes:
            return self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            body = await request.read()  # stops at client_max_size
        except web.HTTPRequestEntityTooLarge:
            return self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        try:
            update = Update.de_json(json.loads(body), self._application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("webhook: a request with the secret token did not hold an update")
            return web.Response(status=HTTPStatus.BAD_REQUEST)
        await self._application.update_queue.put(update)
        return web.Response(status=HTTPStatus.OK)


@asynccontextmanager
async def webhook_serving(
    application: LdnApplication,
    webhook: WebhookSettings,
    *,
    allowed_updates: Sequence[str],
) -> AsyncIterator[WebhookServer]:
    """The bot's life in webhook mode, in PTB's order: initialize, post_init, listen and
    setWebhook, start; then stop listening, stop, post_stop, shutdown, post_shutdown."""
    assert webhook.url is not None and webhook.secret_token is not None
    secret = webhook.secret_token.get_secret_value()
    server = WebhookServer(
        application,
        listen=webhook.listen,
        port=webhook.port,
        path=urlparse(webhook.url).path,
        secret=secret,
    )
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await server.start()
        await application.bot.set_webhook(
            url=webhook.url, secret_token=secret, allowed_updates=allowed_updates
        )
        await application.start()
        yield server
    finally:
        await server.stop()
        if application.running:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def serve_webhook(
    application: LdnApplication,
    webhook: WebhookSettings,
    *,
    allowed_updates: Sequence[str],
    stop_signals: Sequence[signal.Signals] = (signal.SIGINT, signal.SIGTERM),
) -> None:
    """Serve until one of `stop_signals` arrives, then shut down cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in stop_signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        async with webhook_serving(application, webhook, allowed_updates=allowed_updates):
            await stop.wait()
            log.info("webhook: stop signal received, shutting down")
    finally:
        for sig in stop_signals:
            with suppress(ValueError, RuntimeError):
                loop.remove_signal_handler(sig)
