"""The feature modules, in the order their handlers are registered.

Each module has `register(application)`; start-up and shutdown hooks are added there too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram.ext import Application

from bot.features.admin import handlers as admin
from bot.features.chat import buttons
from bot.features.chat import free_text as text
from bot.features.checkins import handlers as checkins
from bot.features.faq_chat import handlers as faq_chat
from bot.features.milestones import handlers as milestones
from bot.features.records import handlers as records
from bot.features.refills import handlers as refills
from bot.features.reminders import handlers as reminders
from bot.features.screening import handlers as screening
from bot.features.settings import handlers as settings
from bot.features.start import handlers as start
from bot.runtime import observability, pacing

LifecycleHook = Callable[[Application[Any, Any, Any, Any, Any, Any]], Awaitable[None]]

_startup: list[LifecycleHook] = []
_shutdown: list[LifecycleHook] = []

# Ordered: the private-chat guard and /start first, free text last.
FEATURES = (
    pacing,
    observability,
    start,
    buttons,
    settings,
    reminders,
    admin,
    faq_chat,
    records,
    screening,
    checkins,
    milestones,
    refills,
    text,
)


def at_startup(hook: LifecycleHook) -> None:
    if hook not in _startup:
        _startup.append(hook)


def at_shutdown(hook: LifecycleHook) -> None:
    if hook not in _shutdown:
        _shutdown.append(hook)


def startup_hooks() -> tuple[LifecycleHook, ...]:
    return tuple(_startup)


def shutdown_hooks() -> tuple[LifecycleHook, ...]:
    return tuple(_shutdown)


def register_all(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    for feature in FEATURES:
        feature.register(application)
    buttons.register_fallback(application)
