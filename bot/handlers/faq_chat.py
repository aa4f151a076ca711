"""Questions in the chat: free text and /ask go to the FAQ; answers carry 👍 / 👎."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import LdnContext
from bot.handlers import text
from bot.handlers.buttons import callback_args, callback_data
from bot.messages import faq as texts
from storage.faq_questions import FaqQuestionRepository
from storage.patients import PatientRepository


def _vote_buttons(question_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.HELPFUL, callback_data=callback_data("faq", "vote", question_id, "up")
                ),
                InlineKeyboardButton(
                    texts.NOT_HELPFUL,
                    callback_data=callback_data("faq", "vote", question_id, "down"),
                ),
            ]
        ]
    )


def _count(context: LdnContext, kind: str) -> None:
    metrics = context.services.extras.get("metrics")
    if metrics is not None:
        metrics.faq_replies.labels(kind).inc()


async def answer_question(
    update: Update, context: LdnContext, question: str, *, patient_id: int | None = None
) -> None:
    """Answer from the FAQ, offer a choice when unsure, or say honestly it isn't covered.

    `patient_id`: the chat's patient when the caller already found it (else found or created).
    """
    chat = update.effective_chat
    message = update.effective_message
    services = context.services
    assert chat is not None and message is not None and services.faq is not None
    # The sentence model takes a few ms of CPU and releases the GIL: run it beside the loop.
    reply = await asyncio.to_thread(services.faq.ask, question)
    with services.db.session() as session:
        if patient_id is None:
            patient, _ = PatientRepository(session).get_or_create(chat.id, now=services.now())
            patient_id = patient.id
        asked_id = FaqQuestionRepository(session).record(
            patient_id=patient_id,
            text=question,
            kind=reply.kind,
            entry_id=reply.id,
            score=reply.score,
            now=services.now(),
        )
    _count(context, reply.kind)
    if reply.kind == "answer":
        await message.reply_text(reply.text, reply_markup=_vote_buttons(asked_id))
    elif reply.kind == "clarify":
        choices = [
            [
                InlineKeyboardButton(
                    suggestion.question,
                    callback_data=callback_data("faq", "pick", asked_id, suggestion.id),
                )
            ]
            for suggestion in reply.suggestions[:3]
        ]
        await message.reply_text(reply.text, reply_markup=InlineKeyboardMarkup(choices))
    else:
        await message.reply_text(reply.text)


async def ask_command(update: Update, context: LdnContext) -> None:
    assert update.effective_message is not None
    question = " ".join(context.args or []).strip()
    if not question:
        await update.effective_message.reply_text(texts.ASK_HOW)
        return
    if await text.send_safety_message_if_needed(update, context, question):
        return
    await answer_question(update, context, question)


async def pick_suggestion(update: Update, context: LdnContext) -> None:
    """The patient chose one of the "did you mean" entries."""
    query = update.callback_query
    assert query is not None and query.message is not None
    services = context.services
    question_id, entry_id = [*callback_args(query.data), "", ""][:2]
    entry = services.faq.entry(entry_id) if services.faq else None
    with services.db.session() as session:
        patient = PatientRepository(session).find(query.message.chat.id)
        asked = (
            FaqQuestionRepository(session).owned_by(int(question_id), patient.id)
            if patient is not None and question_id.isdigit()
            else None
        )
        if asked is not None and entry is not None:
            asked.entry_id = entry.id
    if asked is None or entry is None:
        await query.answer(texts.NOT_FOUND)
        return
    await query.answer()
    await query.edit_message_reply_markup(reply_markup=None)
    await context.bot.send_message(
        query.message.chat.id, entry.answer, reply_markup=_vote_buttons(asked.id)
    )


async def vote(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    services = context.services
    args = callback_args(query.data)
    question_id, direction = [*args, "", ""][:2]
    with services.db.session() as session:
        patient = PatientRepository(session).find(query.message.chat.id)
        asked = (
            FaqQuestionRepository(session).owned_by(int(question_id), patient.id)
            if patient is not None and question_id.isdigit() and direction in ("up", "down")
            else None
        )
        already = asked is not None and asked.vote is not None
        if asked is not None and not already:
            asked.vote = 1 if direction == "up" else -1
    if asked is None:
        await query.answer(texts.NOT_FOUND)
        return
    if already:
        await query.answer(texts.ALREADY_VOTED)
        return
    await query.answer(texts.THANKS_UP if direction == "up" else texts.NOTED)
    await query.edit_message_reply_markup(reply_markup=None)
    if direction == "down":
        await context.bot.send_message(query.message.chat.id, texts.THANKS_DOWN)


async def not_text(update: Update, context: LdnContext) -> None:
    """A sticker, photo, voice note...: say kindly that only words can be read."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(texts.NOT_TEXT)


# A new private message with nothing to read: not text, not a shared location (settings reads
# those), not a service message (a pinned message, a chat photo change...).
NOT_TEXT_MESSAGE = (
    filters.ChatType.PRIVATE
    & filters.UpdateType.MESSAGE
    & ~filters.TEXT
    & ~filters.LOCATION
    & ~filters.StatusUpdate.ALL
)


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("ask", ask_command))
    application.add_handler(MessageHandler(NOT_TEXT_MESSAGE, not_text), group=text.FREE_TEXT_GROUP)
    application.add_handler(CallbackQueryHandler(pick_suggestion, pattern=r"^faq:pick:"))
    application.add_handler(CallbackQueryHandler(vote, pattern=r"^faq:vote:"))
    text.set_free_text_fallback(answer_question)
