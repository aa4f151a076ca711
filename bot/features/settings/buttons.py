"""The settings buttons, one handler per action, each matched by an anchored pattern on its
callback data ("settings:<action>:<arg>[:<asked state>]"). Data none of them claims (from an
older version, or forged) goes to the shared fallback, which says the button has expired.

An answer button is used once: its buttons go when it is pressed, and a second press on a
question already answered does nothing (it was saved the first time). The answers to the
questions in CHECKED_SETTINGS carry the setting's `asked_state`; a press is refused when the
setting changed after the question was asked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.context import LdnContext
from bot.domain.clock_times import parse_clock_time
from bot.features.chat.buttons import EXPIRED, callback_args
from bot.features.settings import texts, timezones
from bot.features.settings.form import form_change
from bot.features.settings.plan import read_fixed_dose_answer, read_plan_answer
from bot.features.settings.questions import (
    ASKERS,
    AWAIT_TIME,
    CHECKED_SETTINGS,
    FEATURE,
    asked_state,
    set_awaiting,
)
from bot.features.settings.reminder_time import time_change
from bot.features.settings.replies import reply_to_answer, reply_to_command
from bot.features.settings.start_date import start_on
from bot.features.settings.timezone import timezone_change
from storage.patients import PatientRepository

# What pressing an answer does, for the chat: saves and replies.
Answer = Callable[[LdnContext, int], Awaitable[None]]


async def change(update: Update, context: LdnContext) -> None:
    """ "Change …" on the /settings summary: that setting's question."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    args = callback_args(query.data)
    ask = ASKERS.get(args[0]) if args else None
    if ask is None:
        # PTB hands a press with empty data to the first CallbackQueryHandler whatever its
        # pattern: this one, as it is added first.
        await query.answer(EXPIRED)
        return
    await query.answer()
    await ask(context, query.message.chat.id)


async def other_time(update: Update, context: LdnContext) -> None:
    """ "Other time": the time is typed."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    chat_id = query.message.chat.id
    await query.answer()
    await set_awaiting(context, chat_id, AWAIT_TIME)
    await context.bot.send_message(chat_id, texts.TYPE_TIME)


def _timezone(arg: str) -> Answer | None:
    if not timezones.is_known_zone(arg):
        return None
    return lambda context, chat_id: reply_to_answer(context, chat_id, timezone_change(arg))


def _timezone_for_command(arg: str) -> Answer | None:
    """A place picked among the suggestions after a one-line /timezone."""
    if not timezones.is_known_zone(arg):
        return None
    return lambda context, chat_id: reply_to_command(context, chat_id, timezone_change(arg))


def _time(arg: str) -> Answer | None:
    moment = parse_clock_time(arg) if len(arg) == 4 and arg.isdigit() else None
    if moment is None:
        return None
    return lambda context, chat_id: reply_to_answer(context, chat_id, time_change(moment))


def _form(arg: str) -> Answer | None:
    if arg not in ("capsule", "liquid"):
        return None
    return lambda context, chat_id: reply_to_answer(context, chat_id, form_change(arg))


def _plan(arg: str) -> Answer | None:
    if arg not in ("standard", "gentle", "fixed", "custom"):
        return None

    async def answer(context: LdnContext, chat_id: int) -> None:
        await reply_to_answer(context, chat_id, await read_plan_answer(context, chat_id, arg))

    return answer


def _fixed_dose(arg: str) -> Answer | None:
    async def answer(context: LdnContext, chat_id: int) -> None:
        outcome = await read_fixed_dose_answer(context, chat_id, arg)
        await reply_to_answer(context, chat_id, outcome)

    return answer


def _start(arg: str) -> Answer | None:
    if arg not in ("today", "tomorrow"):
        return None

    async def answer(context: LdnContext, chat_id: int) -> None:
        await reply_to_answer(context, chat_id, await start_on(context, chat_id, arg))

    return answer


def _answer_button(
    action: str, read: Callable[[str], Answer | None]
) -> Callable[[Update, LdnContext], Coroutine[Any, Any, None]]:
    """The handler for one action's answer buttons: `read` tells what the argument does, or
    None for data no version of the bot sends."""
    checked = CHECKED_SETTINGS.get(action)

    async def pressed(update: Update, context: LdnContext) -> None:
        query = update.callback_query
        if query is None or query.message is None:
            return
        if not query.data:  # PTB lets a press with empty data through any pattern
            await query.answer(EXPIRED)
            return
        chat_id = query.message.chat.id
        args = callback_args(query.data)
        arg = ":".join(args)
        refusal: str | None = None
        if checked is not None:
            if len(args) < 2:
                refusal = texts.OUTDATED_BUTTON
            else:
                arg, asked = ":".join(args[:-1]), args[-1]
                refusal = await _changed_since(context, chat_id, checked, asked)
        answer = read(arg)
        if answer is None:
            await query.answer(EXPIRED)
            return
        if isinstance(query.message, Message) and query.message.reply_markup is None:
            await query.answer()
            return  # a second press on a question already answered: it was saved the first time
        if refusal is not None:
            await query.answer(refusal, show_alert=True)
            with contextlib.suppress(BadRequest):  # the old question's buttons go
                await query.edit_message_reply_markup(reply_markup=None)
            return
        await query.answer()
        # The question is answered: its buttons go, so an old one can't be pressed by mistake.
        with contextlib.suppress(BadRequest):  # two quick presses: the buttons are already gone
            await query.edit_message_reply_markup(reply_markup=None)
        await answer(context, chat_id)

    return pressed


async def _changed_since(context: LdnContext, chat_id: int, setting: str, asked: str) -> str | None:
    """Why an answer button no longer fits (the setting changed after it was asked, or its
    "Today" is another day now), or None when it still does."""
    services = context.services
    now = services.now()

    def state_now(session: Session) -> str:
        return asked_state(PatientRepository(session).find(chat_id), setting, now)

    if await services.db.run(state_now) == asked:
        return None
    return texts.START_DATE_CHANGED_SINCE if setting == "start" else texts.CHANGED_SINCE


_ANSWERS: dict[str, Callable[[str], Answer | None]] = {
    "tz": _timezone,
    "tzc": _timezone_for_command,
    "time": _time,
    "form": _form,
    "plan": _plan,
    "fixed": _fixed_dose,
    "start": _start,
}


def handlers() -> list[CallbackQueryHandler]:  # type: ignore[type-arg]
    """Every settings button's handler, in the order they are tried."""
    changeable = "|".join(ASKERS)
    return [
        CallbackQueryHandler(change, pattern=rf"^{FEATURE}:change:({changeable})$"),
        CallbackQueryHandler(other_time, pattern=rf"^{FEATURE}:time:other$"),
        *(
            CallbackQueryHandler(_answer_button(action, read), pattern=rf"^{FEATURE}:{action}:")
            for action, read in _ANSWERS.items()
        ),
    ]
