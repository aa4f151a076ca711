"""Every button press is checked first: only the patient whose chat it is may press it.

Callback data is written and read by each feature's declared actions (bot/callbacks.py); handlers
match the action's anchored pattern and must still check that any row id in it belongs to the
pressing patient.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationHandlerStop, CallbackQueryHandler

from bot.context import LdnContext
from bot.features.chat import texts
from bot.registry import Registry

log = logging.getLogger(__name__)

BUTTON_GUARD_GROUP = -90


async def only_the_chat_owner(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    if query is None:
        return
    message = query.message
    if message is None or message.chat.type != "private" or query.from_user.id != message.chat.id:
        log.warning("refused a button press from another user")
        await query.answer(texts.not_yours(), show_alert=True)
        raise ApplicationHandlerStop
    if not query.data:
        # PTB hands a press without data to the first patterned handler: no feature sees it.
        await query.answer(texts.expired())
        raise ApplicationHandlerStop


async def unknown_button(update: Update, context: LdnContext) -> None:
    """A press nothing else claimed: forged, or from a message of an older version."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.expired())


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CallbackQueryHandler(only_the_chat_owner), group=BUTTON_GUARD_GROUP)


def register_fallback(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    """Added after every feature, so it only sees presses no feature claimed."""
    application.add_handler(CallbackQueryHandler(unknown_button))
