"""Questions in the chat: free text and /ask go to the FAQ; answers carry 👍 / 👎.

What was asked is kept for the operator's report, within `[privacy]`: each patient's latest
questions only, and none older than `keep_questions_days` (a tick deletes them).
"""

from __future__ import annotations

import asyncio
import enum
import logging
from datetime import timedelta

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import Buttons
from bot.context import LdnContext
from bot.domain.numbers import LARGEST_ID
from bot.features.chat import free_text as text
from bot.features.chat.texts import expired
from bot.features.faq_chat import texts
from bot.features.setup.handlers import not_readable_at_a_question
from bot.i18n import current_language
from bot.registry import Registry
from faq.matcher import Reply, Wording
from storage.faq_questions import FaqQuestionRepository
from storage.models import FaqQuestion
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

# Old questions are deleted in small batches, yielding to the event loop between them.
FORGET_EVERY_SECONDS = 300.0
FORGET_BATCH = 500
FORGET_BATCHES_PER_TICK = 10


class Vote(enum.Enum):
    UP = "up"
    DOWN = "down"


BUTTONS = Buttons("faq")
VOTE = BUTTONS.action("vote", int, Vote)  # the asked question's id
PICK = BUTTONS.action("pick", int, str)  # the asked question's id, the chosen entry's id


def _vote_buttons(question_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.helpful(), callback_data=VOTE.data(question_id, Vote.UP)
                ),
                InlineKeyboardButton(
                    texts.not_helpful(), callback_data=VOTE.data(question_id, Vote.DOWN)
                ),
            ]
        ]
    )


def _words_of(reply: Reply) -> str:
    """An entry's answer as written, or the bot's own words for the other replies."""
    return reply.text if reply.kind == "answer" else texts.unanswered(Wording(reply.text))


def _an_id(number: int) -> int | None:
    return number if 1 <= number <= LARGEST_ID else None


def _count(context: LdnContext, kind: str) -> None:
    metrics = context.services.extras.get("metrics")
    if metrics is not None:
        metrics.faq_replies.labels(kind).inc()


async def answer_question(
    update: Update,
    context: LdnContext,
    question: str,
    *,
    patient_id: int | None = None,
    triaged: bool = False,
) -> None:
    """Answer from the FAQ, offer a choice when unsure, or say honestly it isn't covered.

    `patient_id`: the chat's patient when the caller already found it (else found or created).
    `triaged`: the caller triaged `question` (`send_safety_message_if_needed`) and found nothing.
    """
    chat = update.effective_chat
    message = update.effective_message
    services = context.services
    assert chat is not None and message is not None and services.faq is not None
    # The triage runs once a message: the FAQ skips its own when the caller's used the same net
    # (it always does in the bot; a test may give the FAQ a net of its own).
    triaged = triaged and services.faq.safety_net is services.safety_net
    # The sentence model takes a few ms of CPU and releases the GIL: run it beside the loop.
    # Answered in the language the question is written in (the chat's when unclear).
    reply = await asyncio.to_thread(services.faq.ask, question, current_language(), triaged=triaged)
    now = services.now()

    def record(session: Session) -> int:
        asker = patient_id
        if asker is None:
            patient, _ = PatientRepository(session).get_or_create(chat.id, now=now)
            asker = patient.id
        return FaqQuestionRepository(session).record(
            patient_id=asker,
            text=question,
            kind=reply.kind,
            entry_id=reply.id,
            score=reply.score,
            now=now,
            keep_per_patient=services.settings.privacy.keep_questions_per_patient,
        )

    asked_id = await services.db.run(record)
    _count(context, reply.kind)
    if reply.kind == "answer":
        await message.reply_text(_words_of(reply), reply_markup=_vote_buttons(asked_id))
    elif reply.kind == "clarify":
        choices = [
            [
                InlineKeyboardButton(
                    suggestion.question, callback_data=PICK.data(asked_id, suggestion.id)
                )
            ]
            for suggestion in reply.suggestions[:3]
        ]
        await message.reply_text(_words_of(reply), reply_markup=InlineKeyboardMarkup(choices))
    else:
        await message.reply_text(_words_of(reply))


async def ask_command(update: Update, context: LdnContext) -> None:
    assert update.effective_message is not None
    question = " ".join(context.args or []).strip()
    if not question:
        await update.effective_message.reply_text(texts.ask_how())
        return
    if await text.send_safety_message_if_needed(update, context, question):
        return
    await answer_question(update, context, question, triaged=True)


async def pick_suggestion(update: Update, context: LdnContext) -> None:
    """The patient chose one of the "did you mean" entries: the question becomes its answer."""
    query = update.callback_query
    assert query is not None and query.message is not None
    services = context.services
    read = PICK.read(query.data)
    if read is None:
        await query.answer(expired())
        return
    question_id, entry_id = read
    entry = services.faq.entry(entry_id, current_language()) if services.faq else None
    chat_id = query.message.chat.id

    def choose(session: Session) -> tuple[int | None, bool]:
        """(the asked question's id, whether an entry was picked for it before)"""
        patient = PatientRepository(session).find(chat_id)
        asked = (
            FaqQuestionRepository(session).owned_by(asked_id, patient.id)
            if patient is not None and (asked_id := _an_id(question_id))
            else None
        )
        if asked is None:
            return None, False
        # One pick per "did you mean": a second (a quick double tap) would re-file the question.
        picked_before = asked.entry_id is not None
        if entry is not None and not picked_before:
            asked.entry_id = entry.id
        return asked.id, picked_before

    asked_id, picked_before = await services.db.run(choose)
    if asked_id is None or entry is None:
        await query.answer(texts.not_found())
        return
    if picked_before:
        await query.answer(texts.already_picked())
        return
    await query.answer()
    # The "tap one:" message turns into the chosen answer, so nothing is left hanging.
    await query.edit_message_text(entry.answer, reply_markup=_vote_buttons(asked_id))


async def vote(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    services = context.services
    read = VOTE.read(query.data)
    if read is None:
        await query.answer(expired())
        return
    question_id, direction = read
    chat_id = query.message.chat.id

    def record_vote(session: Session) -> tuple[FaqQuestion | None, bool]:
        patient = PatientRepository(session).find(chat_id)
        asked = (
            FaqQuestionRepository(session).owned_by(asked_id, patient.id)
            if patient is not None and (asked_id := _an_id(question_id))
            else None
        )
        already = asked is not None and asked.vote is not None
        if asked is not None and not already:
            asked.vote = 1 if direction is Vote.UP else -1
        return asked, already

    asked, already = await services.db.run(record_vote)
    if asked is None:
        await query.answer(texts.not_found())
        return
    if already:
        await query.answer(texts.already_voted())
        return
    await query.answer(texts.thanks_up() if direction is Vote.UP else texts.noted())
    await query.edit_message_reply_markup(reply_markup=None)
    if direction is Vote.DOWN:
        await context.bot.send_message(query.message.chat.id, texts.thanks_down())


async def forget_old_questions(context: LdnContext) -> None:
    """The retention tick: delete questions asked more than `keep_questions_days` ago."""
    services = context.services
    cutoff = services.now() - timedelta(days=services.settings.privacy.keep_questions_days)
    forgotten = 0

    def forget_a_batch(session: Session) -> int:
        return FaqQuestionRepository(session).forget_older_than(cutoff, limit=FORGET_BATCH)

    for _ in range(FORGET_BATCHES_PER_TICK):
        deleted = await services.db.run(forget_a_batch)
        forgotten += deleted
        if deleted < FORGET_BATCH:
            break
    if forgotten:
        log.info("deleted %d questions past their retention", forgotten)


async def not_text(update: Update, context: LdnContext) -> None:
    """A sticker, photo, voice note...: say kindly that only words can be read (and, while
    a setup question waits, ask it again)."""
    assert update.effective_message is not None and update.effective_chat is not None
    if await not_readable_at_a_question(context, update.effective_chat.id):
        return
    await update.effective_message.reply_text(texts.not_text())


# A new private message with nothing to read: not text, not a shared location (settings reads
# those), not a service message (a pinned message, a chat photo change...).
NOT_TEXT_MESSAGE = (
    filters.ChatType.PRIVATE
    & filters.UpdateType.MESSAGE
    & ~filters.TEXT
    & ~filters.LOCATION
    & ~filters.StatusUpdate.ALL
)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("ask", ask_command))
    assert application.job_queue is not None
    application.job_queue.run_repeating(
        forget_old_questions,
        interval=FORGET_EVERY_SECONDS,
        first=FORGET_EVERY_SECONDS,
        name="forget_old_questions",
    )
    application.add_handler(MessageHandler(NOT_TEXT_MESSAGE, not_text), group=text.FREE_TEXT_GROUP)
    application.add_handler(CallbackQueryHandler(pick_suggestion, pattern=PICK.pattern))
    application.add_handler(CallbackQueryHandler(vote, pattern=VOTE.pattern))
    registry.set_free_text_fallback(answer_question)
