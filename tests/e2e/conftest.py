from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from tests.conftest import Clock
from tests.e2e.harness import BotHarness, running_bot

# These modules run with both HTTP transports (aiohttp, the default, and PTB's httpx):
# plain messages, buttons, the reminder wave, and uploads (sendPhoto/sendDocument).
BOTH_HTTP_CLIENTS = {"test_start_and_help", "test_reminders", "test_records"}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "http_client" in metafunc.fixturenames:
        module = metafunc.module.__name__.rsplit(".", 1)[-1]
        if module in BOTH_HTTP_CLIENTS:
            metafunc.parametrize("http_client", ["aiohttp", "httpx"])


@pytest.fixture
def http_client(settings: Settings) -> str:
    return settings.telegram.http_client


@pytest.fixture
async def bot(settings: Settings, clock: Clock, http_client: str) -> AsyncIterator[BotHarness]:
    telegram = settings.telegram.model_copy(update={"http_client": http_client})
    settings = settings.model_copy(update={"telegram": telegram})
    async with running_bot(settings, clock=clock) as harness:
        yield harness
