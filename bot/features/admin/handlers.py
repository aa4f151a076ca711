"""/admin for the chats listed in `[admin] chat_ids`: counts, adherence, unanswered FAQ.

Anyone else's /admin is not claimed here, so it gets exactly what any unknown command gets:
no hint that it exists.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application, CommandHandler, filters

from bot.context import LdnContext, services_of
from bot.features.admin import texts
from bot.registry import Registry
from storage.admin import adherence, patient_counts, top_unanswered_questions

log = logging.getLogger(__name__)

ADHERENCE_WINDOW = timedelta(days=30)
TOP_QUESTIONS = 5


async def show_admin(update: Update, context: LdnContext) -> None:
    assert update.effective_message is not None
    services = context.services
    now = services.now()
    asked_by = services.settings.privacy.show_questions_asked_by

    def overview(session: Session) -> str:
        return texts.overview(
            patient_counts(session),
            adherence(session, since=now - ADHERENCE_WINDOW),
            adherence(session),
            top_unanswered_questions(session, limit=TOP_QUESTIONS, min_patients=asked_by),
            asked_by,
        )

    text = await services.db.run(overview)
    log.info("admin overview requested")
    await update.effective_message.reply_text(text)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    admins = services_of(application).settings.admin.chat_ids
    if not admins:
        return
    only_admins = filters.ChatType.PRIVATE & filters.Chat(chat_id=admins)
    application.add_handler(CommandHandler("admin", show_admin, filters=only_admins))
