"""/healthz and /metrics as an operator's monitoring sees them, and what the logs never hold."""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import AsyncIterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import aiohttp
import pytest

from bot.runtime.logs import configure_logging
from bot.runtime.metrics import metrics_of
from bot.runtime.observability import observability_port
from storage.models import Night
from tests.conftest import Clock, make_settings
from tests.e2e.harness import BotHarness, running_bot
from tests.factories import make_patient


@pytest.fixture
async def monitored(tmp_path: Path, clock: Clock) -> AsyncIterator[BotHarness]:
    settings = make_settings(tmp_path, observability={"port": 0, "max_dispatch_lag_seconds": 120})
    async with running_bot(settings, clock=clock) as harness:
        yield harness


async def get(harness: BotHarness, path: str) -> tuple[int, str]:
    port = observability_port(harness.services)
    assert port, "the observability server is not listening"
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


def sample(metrics_text: str, name: str, labels: str = "") -> float:
    pattern = re.escape(name + (f"{{{labels}}}" if labels else "")) + r" ([0-9.e+-]+)"
    match = re.search(r"^" + pattern + "$", metrics_text, re.MULTILINE)
    assert match, f"{name}{{{labels}}} not exported:\n{metrics_text}"
    return float(match.group(1))


def add_due_patient(harness: BotHarness, chat_id: int, due_ago: timedelta) -> None:
    now = harness.services.now()
    with harness.services.db.session() as session:
        session.add(make_patient(chat_id, now, set_up=False, next_reminder_at=now - due_ago))


async def test_healthy_bot_says_ok(monitored: BotHarness) -> None:
    status, body = await get(monitored, "/healthz")
    assert (status, body) == (200, "ok\n")


async def test_metrics_count_updates_and_faq_replies(monitored: BotHarness) -> None:
    await monitored.say("/start")
    await monitored.say("what is LDN?")
    await monitored.sandbox.wait_until_idle()
    status, body = await get(monitored, "/metrics")
    assert status == 200
    assert sample(body, "ldn_updates_handled_total") >= 2
    faq_total = sum(
        sample(body, "ldn_faq_replies_total", f'kind="{kind}"')
        for kind in ("answer", "clarify", "unknown")
    )
    assert faq_total == 1
    assert sample(body, "ldn_dispatcher_lag_seconds") == 0
    assert sample(body, "ldn_reminders_due") == 0
    for name in ("ldn_reminders_sent_total", "ldn_reminders_claimed_total"):
        assert sample(body, name) == 0
    assert sample(body, "ldn_reminders_failed_total", 'reason="blocked"') == 0


async def test_a_reminder_waiting_too_long_makes_health_fail_with_the_reason(
    monitored: BotHarness, clock: Clock
) -> None:
    metrics_of(monitored.services).tick_done(clock())
    add_due_patient(monitored, 9101, due_ago=timedelta(seconds=30))
    status, _ = await get(monitored, "/healthz")
    assert status == 200  # due, but well within the allowed lag

    add_due_patient(monitored, 9102, due_ago=timedelta(minutes=10))
    status, body = await get(monitored, "/healthz")
    assert status == 503
    assert "dispatcher lagging" in body and "600s" in body
    _, metrics = await get(monitored, "/metrics")
    assert sample(metrics, "ldn_dispatcher_lag_seconds") == 600
    assert sample(metrics, "ldn_reminders_due") == 2


async def test_a_dispatcher_that_stopped_ticking_makes_health_fail(
    monitored: BotHarness, clock: Clock
) -> None:
    metrics_of(monitored.services).tick_done(clock())
    clock.advance(seconds=119)
    assert (await get(monitored, "/healthz"))[0] == 200
    clock.advance(seconds=60)
    status, body = await get(monitored, "/healthz")
    assert status == 503
    assert "no tick for 179s" in body
    metrics_of(monitored.services).tick_done(clock())
    assert (await get(monitored, "/healthz"))[0] == 200


async def test_an_unreachable_database_makes_health_fail(monitored: BotHarness) -> None:
    database = monitored.services.db
    database.dispose()
    path = database.engine.url.database or ""
    os.rename(path, path + ".moved")  # the next connection finds no tables
    status, body = await get(monitored, "/healthz")
    assert status == 503
    assert "database unreachable" in body
    database.dispose()
    os.rename(path + ".moved", path)
    assert (await get(monitored, "/healthz"))[0] == 200


async def test_without_a_port_there_is_no_server(bot: BotHarness) -> None:
    assert observability_port(bot.services) is None


@pytest.mark.parametrize("transport", ["httpx", "aiohttp"])
async def test_logs_never_hold_the_token_nor_what_a_patient_typed(
    tmp_path: Path, clock: Clock, capsys: pytest.CaptureFixture[str], transport: str
) -> None:
    settings = make_settings(tmp_path, telegram={"http_client": transport})
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    configure_logging(level="DEBUG", fmt="json", secrets=[settings.token])
    # Worst case: an operator turns the HTTP client's request logging on too.
    logging.getLogger("httpx").setLevel(logging.DEBUG)
    try:
        async with running_bot(settings, clock=clock) as harness:
            await harness.say("/start")
            await harness.say("my knee pain XYZZY is worse at night, what is LDN?")
            await harness.sandbox.wait_until_idle()
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
        logging.getLogger("httpx").setLevel(logging.WARNING)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]
    # httpx itself logged the request URLs (which hold the token) when it was the transport,
    # so the scrubbing below is tested on them, not only on PTB's own lines.
    url_lines = [e for e in lines if e["logger"] == "httpx" and "/getUpdates" in e["message"]]
    assert bool(url_lines) == (transport == "httpx"), [e["logger"] for e in lines][:20]
    assert all("/bot[redacted]/getUpdates" in e["message"] for e in url_lines)
    assert any(e["logger"].startswith("telegram") and "getUpdates" in e["message"] for e in lines)
    everything = "\n".join(json.dumps(entry) for entry in lines)
    assert settings.token not in everything
    assert settings.token.split(":")[1] not in everything
    informative = [e for e in lines if e["level"] in ("INFO", "WARNING", "ERROR", "CRITICAL")]
    assert not [e for e in informative if "XYZZY" in json.dumps(e)]


async def test_a_reminder_claimed_by_a_sender_that_died_counts_as_due(
    monitored: BotHarness, clock: Clock
) -> None:
    metrics_of(monitored.services).tick_done(clock())
    now = clock()
    with monitored.services.db.session() as session:
        patient = make_patient(9201, now, set_up=False, session=session)
        session.add(
            Night(
                patient_id=patient.id,
                local_date=date(2026, 11, 25),
                due_at=now - timedelta(minutes=5),
                dose_mg=Decimal("1.5"),
                outcome="sending",
                claimed_at=now - timedelta(minutes=5),  # lease (120 s) long over
            )
        )
    status, body = await get(monitored, "/healthz")
    assert status == 503 and "300s" in body
    _, metrics = await get(monitored, "/metrics")
    assert sample(metrics, "ldn_reminders_due") == 1
