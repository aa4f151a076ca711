"""Typed answers: text sent while a setting's question waits for its answer, and the one-line
setting commands (/timezone, /time, /form, /plan, /startdate, /strength)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update

from bot.context import LdnContext
from bot.domain.setting_answers import looks_like_a_question
from bot.features.chat import free_text
from bot.features.settings.replies import Outcome, reply_to_answer, reply_to_command
from bot.features.setup.handlers import back_to_setup

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


def typed_answer(read: Reader) -> free_text.AwaitingHandler:
    """The free-text handler while a setting's question waits for its answer: a question
    the patient asks instead goes to the FAQ; anything else is that setting's answer."""

    async def typed(update: Update, context: LdnContext, text: str) -> None:
        assert update.effective_chat is not None
        if await _asked_a_question(update, context, text):
            # During setup, the question it waits for comes back under the answer.
            await back_to_setup(context, update.effective_chat.id)
            return
        chat_id = update.effective_chat.id
        await reply_to_answer(context, chat_id, await read(context, chat_id, text))

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
