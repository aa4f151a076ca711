from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.config import Settings
from tests.conftest import Clock
from tests.e2e.harness import BotHarness, running_bot


@pytest.fixture
async def bot(settings: Settings, clock: Clock) -> AsyncIterator[BotHarness]:
    async with running_bot(settings, clock=clock) as harness:
        yield harness
