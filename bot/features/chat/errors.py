"""The error handler: log first, then tell the patient something short and true."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden

from bot.context import LdnContext
from bot.features.start import texts as start_texts
from bot.runtime.rate_limit import StoppedWaiting
from storage.db import DatabaseUnavailable

log = logging.getLogger(__name__)


async def report_error(update: object, context: LdnContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(error, StoppedWaiting):
        # Stopping: a send still waiting its turn was not made (bot/runtime/rate_limit.py).
        log.warning("stopping: a message for update %s was not sent", update_id)
        return
    if isinstance(error, DatabaseUnavailable):  # an outage, not a bug: no traceback
        log.warning("update %s not handled: database not answering (%s)", update_id, error)
    else:
        log.error(
            "error while handling update %s: %s",
            update_id,
            type(error).__name__,
            exc_info=error,
        )
    if isinstance(error, Forbidden) or not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    try:
        await context.bot.send_message(chat.id, start_texts.error())
    except Exception:  # the chat may be unreachable too; the log above already has it
        log.warning("could not tell chat about the error")
