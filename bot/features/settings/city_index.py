"""Building the city index at startup, so that the first patient who types a city does not
wait for it."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.ext import Application

from bot.features.settings import timezones
from bot.runtime.memory import freeze_long_lived

log = logging.getLogger(__name__)

_WARM_UP = "settings.city_index_warm_up"


async def warm_up(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start building the city index (about two seconds, in a worker thread and a child
    process). The bot answers meanwhile; a lookup made before it is ready waits for it."""
    task = asyncio.get_running_loop().create_task(
        asyncio.to_thread(timezones.warm_up), name="city index warm-up"
    )
    application.bot_data[_WARM_UP] = task  # held, so the task is not collected half-way
    task.add_done_callback(_report_warm_up)


def _report_warm_up(task: asyncio.Task[None]) -> None:
    if task.cancelled():
        return
    if task.exception() is not None:
        log.error("Building the city index failed", exc_info=task.exception())
    else:
        freeze_long_lived("city index")
        log.info("City index ready")
