"""/healthz and /metrics on the observability port, plus the "updates handled" counter.

The server is an aiohttp app started by a start-up hook and stopped by a shutdown hook;
`[observability] port` unset means off, 0 picks a free port (tests).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application, TypeHandler

from bot.context import LdnContext, Services, services_of
from bot.registry import Registry
from bot.runtime.metrics import BotMetrics, metrics_of
from storage.admin import count_due_reminders, oldest_due_reminder
from storage.db import DatabaseUnavailable

log = logging.getLogger(__name__)

COUNT_UPDATES_GROUP = -1000
# /healthz answers within a second, whatever the database does.
DB_PROBE_TIMEOUT_SECONDS = 0.6
SERVER_KEY = "observability_server"


@dataclass(frozen=True)
class Health:
    ok: bool
    reasons: list[str]
    lag_seconds: float | None


@dataclass
class ObservabilityServer:
    runner: web.AppRunner
    port: int
    started_at: datetime


async def _probe_database(services: Services, now: datetime) -> tuple[float, int]:
    """(dispatcher lag in seconds, reminders waiting); raises if the database is unreachable."""
    lease = services.settings.reminders.claim_lease_seconds

    def read(session: Session) -> tuple[datetime | None, int]:
        oldest = oldest_due_reminder(session, now=now, lease_seconds=lease)
        return oldest, count_due_reminders(session, now=now, lease_seconds=lease)

    oldest, waiting = await services.db.run(
        read, within_seconds=DB_PROBE_TIMEOUT_SECONDS, aside=True
    )
    lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return lag, waiting


async def check_health(services: Services, *, started_at: datetime) -> Health:
    """Healthy when the database answers, the oldest due reminder is not older than
    `max_dispatch_lag_seconds`, and the dispatcher ticked within that time too."""
    settings = services.settings
    metrics = metrics_of(services)
    now = services.now()
    max_lag = settings.observability.max_dispatch_lag_seconds
    reasons: list[str] = []
    lag: float | None = None
    try:
        lag, waiting = await _probe_database(services, now)
    except DatabaseUnavailable as error:
        reasons.append(f"database not answering ({error})")
    except Exception as error:  # any failure to read is "unreachable" to the operator
        reasons.append(f"database unreachable ({type(error).__name__})")
    else:
        metrics.dispatcher_lag.set(lag)
        metrics.reminders_due.set(waiting)
        if lag > max_lag:
            reasons.append(
                f"dispatcher lagging: oldest due reminder waiting {lag:.0f}s (max {max_lag:.0f}s)"
            )
    # A tick must have run recently (before the first one, count from start-up).
    stale_after = max(max_lag, 3 * settings.reminders.tick_seconds)
    last_tick = metrics.last_tick_at or started_at
    since_tick = (now - last_tick).total_seconds()
    if since_tick > stale_after:
        reasons.append(
            f"dispatcher stalled: no tick for {since_tick:.0f}s (max {stale_after:.0f}s)"
        )
    return Health(ok=not reasons, reasons=reasons, lag_seconds=lag)


def _web_app(services: Services, started_at: datetime) -> web.Application:
    metrics = metrics_of(services)

    async def healthz(request: web.Request) -> web.Response:
        health = await check_health(services, started_at=started_at)
        if health.ok:
            return web.Response(text="ok\n")
        log.warning("health check failed: %s", "; ".join(health.reasons))
        return web.Response(status=503, text="\n".join(health.reasons) + "\n")

    async def prometheus(request: web.Request) -> web.Response:
        # Refreshes the due / lag gauges from the database (a failure leaves the last values).
        await check_health(services, started_at=started_at)
        body = generate_latest(metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", prometheus)
    return app


async def start_server(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services = services_of(application)
    settings = services.settings.observability
    if settings.port is None:
        return
    started_at = services.now()
    runner = web.AppRunner(_web_app(services, started_at), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, settings.listen, settings.port)
    await site.start()
    port = settings.port
    server = getattr(site, "_server", None)
    if server is not None and server.sockets:
        port = server.sockets[0].getsockname()[1]
    services.extras[SERVER_KEY] = ObservabilityServer(runner, port, started_at)
    log.info("observability on http://%s:%s (/healthz, /metrics)", settings.listen, port)


async def stop_server(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    server = services_of(application).extras.pop(SERVER_KEY, None)
    if isinstance(server, ObservabilityServer):
        await server.runner.cleanup()


def observability_port(services: Services) -> int | None:
    """The port the server listens on (the real one when the config said 0)."""
    server = services.extras.get(SERVER_KEY)
    return server.port if isinstance(server, ObservabilityServer) else None


async def count_update(update: object, context: LdnContext) -> None:
    metrics_of(context.services).updates_handled.inc()


def _count_dispatch(metrics: BotMetrics) -> Callable[[Any, datetime], None]:
    """A listener for the reminder dispatcher's per-tick result (features/reminders/dispatcher)."""

    def listener(result: Any, now: datetime) -> None:
        metrics.reminders_claimed.inc(result.claimed)
        metrics.reminders_sent.inc(result.sent)
        metrics.reminders_failed.labels("blocked").inc(result.blocked)
        metrics.reminders_failed.labels("retry").inc(result.released + result.uncertain)
        metrics.reminders_failed.labels("error").inc(result.failed)

    return listener


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    services = services_of(application)
    metrics = metrics_of(services)  # created before any feature needs it
    services.extras.setdefault("reminder_listeners", []).append(_count_dispatch(metrics))
    application.add_handler(TypeHandler(Update, count_update), group=COUNT_UPDATES_GROUP)
    registry.at_startup(start_server)
    registry.at_shutdown(stop_server)
