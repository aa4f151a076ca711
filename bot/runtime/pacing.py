"""One chat cannot make the bot do more than `telegram.flood_cap_per_minute` a minute.

Each message or button tap is counted as it arrives (`bot/runtime/chat_order.py`'s screen),
before it waits for its chat's turn. Beyond the cap the first one is answered with one polite "slow
down" (in the chat's turn, after the answers before it) and the rest are dropped: never handled,
so never answered and stored nowhere. Other updates (a patient blocking the bot, ...) pass.
The cap counts by the services' clock (`bot.domain.flood_cap`).
"""

from __future__ import annotations

import logging
from collections.abc import Coroutine
from typing import Any

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application

from bot.context import Services, services_of
from bot.domain.flood_cap import FloodCap
from bot.i18n import use_language
from bot.registry import Registry
from bot.runtime import pacing_texts as texts
from bot.runtime.chat_order import DROP, PerChatUpdateProcessor
from storage.db import DatabaseUnavailable
from storage.patients import PatientRepository

log = logging.getLogger(__name__)


def _counted(update: object) -> int | None:
    """The chat of a message, an edit or a button tap; None for anything else."""
    if not isinstance(update, Update):
        return None
    if update.message or update.edited_message or update.callback_query:
        chat = update.effective_chat
        return chat.id if chat is not None else None
    return None


# A flood does not wait long on a silent database for the one "slow down".
LOOKUP_SECONDS = 0.5


def _zone_and_language(session: Session, chat_id: int) -> tuple[str | None, str | None]:
    patient = PatientRepository(session).find(chat_id)
    return (patient.timezone, patient.language) if patient is not None else (None, None)


def flood_screen(
    application: Application[Any, Any, Any, Any, Any, Any], services: Services, cap: FloodCap
) -> Any:
    """The screen for PerChatUpdateProcessor: None, DROP, or the "slow down" to send."""

    async def slow_down(chat: int) -> None:
        # In the patient's language, with the emergency number where they are (a New York
        # patient is never told to dial 112); the operator's default when unknown.
        zone, language = None, None
        try:
            zone, language = await services.db.run(
                lambda session: _zone_and_language(session, chat), within_seconds=LOOKUP_SECONDS
            )
        except DatabaseUnavailable:
            log.warning("slow down: the database is unavailable, the default number is used")
        with use_language(language):
            text = texts.slow_down(services.safety_numbers(zone).emergency)
        try:
            await application.bot.send_message(chat, text)
        except Exception as error:  # nothing to tell: this chat is sending too much already
            log.warning("could not ask a chat to slow down: %s", type(error).__name__)

    def screen(update: object) -> Coroutine[Any, Any, None] | str | None:
        chat = _counted(update)
        if chat is None:
            return None
        verdict = cap.arrive(chat, services.now().timestamp())
        if verdict == "answer":
            return None
        if verdict == "slow_down" and chat > 0:  # a private chat; groups get nothing
            log.info("a chat went over %d messages a minute: asked to slow down", cap.per_minute)
            return slow_down(chat)
        return DROP

    return screen


def register(application: Application[Any, Any, Any, Any, Any, Any], registry: Registry) -> None:
    services = services_of(application)
    per_minute = services.settings.telegram.flood_cap_per_minute
    processor = application.update_processor
    if per_minute and isinstance(processor, PerChatUpdateProcessor):
        processor.screen = flood_screen(application, services, FloodCap(per_minute))
