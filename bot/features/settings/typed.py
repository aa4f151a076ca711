"""Typed answers: text sent while a setting's question waits for its answer, and the one-line
setting commands (/timezone, /time, /form, /plan, /startdate, /strength)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from bot.context import LdnContext
from bot.domain.setting_answers import looks_like_a_question
from bot.features.chat import free_text
from bot.features.settings.replies import Correction, Outcome, reply_to_answer, reply_to_command
from bot.features.setup.handlers import back_to_setup
from bot.i18n import current_language

# (context, chat id, what was typed): what one setting's flow makes of it.
Reader = Callable[[LdnContext, int, str], Awaitable[Outcome]]
# (context, chat id): ask a setting's question.
Asker = Callable[[LdnContext, int], Awaitable[None]]
Handler = Callable[[Update, LdnContext], Coroutine[Any, Any, None]]


async def _asked_a_question(update: Update, context: LdnContext, typed: str) -> bool:
    """Answer a question typed while a setting is awaited; the setting stays awaited."""
    if not looks_like_a_question(typed):
        return False
    return await free_text.answer_as_free_text(update, context, typed)


# Fewer words than this are an attempt at the answer ("the small ones" at the form question), not
# something to tell the FAQ.
TOLD_WORDS = 4


async def _told_the_faq(update: Update, context: LdnContext, typed: str) -> bool:
    """'i feel sick after taking it' typed at a setting's question, and not readable as its
    answer: when the FAQ answers it directly, that answer instead of a correction."""
    faq = context.services.faq
    if faq is None or len(typed.split()) < TOLD_WORDS:
        return False
    reply = await asyncio.to_thread(faq.ask, typed, current_language(), triaged=True)
    if reply.kind != "answer":
        return False
    return await free_text.answer_as_free_text(update, context, typed)


def typed_answer(read: Reader) -> free_text.AwaitingHandler:
    """The free-text handler while a setting's question waits for its answer: a question
    the patient asks instead goes to the FAQ, and so does something they tell that is not the
    answer but that the FAQ answers; anything else is that setting's answer."""

    async def typed(update: Update, context: LdnContext, text: str) -> None:
        assert update.effective_chat is not None
        chat_id = update.effective_chat.id
        if await _asked_a_question(update, context, text):
            # During setup, the question it waits for comes back under the answer.
            await back_to_setup(context, chat_id)
            return
        outcome = await read(context, chat_id, text)
        if isinstance(outcome, Correction) and await _told_the_faq(update, context, text):
            await back_to_setup(context, chat_id)
            return
        await reply_to_answer(context, chat_id, outcome)

    return typed


def one_line_command(ask: Asker, read: Reader) -> Handler:
    """A one-line command: with text, set it; alone, ask the question with buttons."""

    async def handle(update: Update, context: LdnContext) -> None:
        chat = update.effective_chat
        assert chat is not None
        typed = " ".join(context.args or ())
        if not typed.strip():
            await ask(context, chat.id)
            return
        await reply_to_command(context, chat.id, await read(context, chat.id, typed))

    return handle
