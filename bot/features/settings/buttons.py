"""The settings buttons: one handler per action (`actions`), each matched by the action's
anchored pattern and reading its arguments through it. Data none of them claims (from an older
version, or forged) goes to the shared fallback, which says the button has expired.

An answer button is used once: its buttons go when it is pressed, and a second press on a
question already answered does nothing (it was saved the first time). The answers in
CHECKED_SETTINGS carry the setting's `asked_state`; a press is refused when the setting
changed after the question was asked.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Coroutine
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler

from bot.callbacks import ButtonAction
from bot.context import LdnContext
from bot.domain.clock_times import parse_clock_time
from bot.features.chat.texts import expired
from bot.features.settings import actions, texts, timezones
from bot.features.settings.form import form_change
from bot.features.settings.plan import read_fixed_dose_answer, read_plan_answer
from bot.features.settings.questions import (
    ASKERS,
    AWAIT_TIME,
    CHECKED_SETTINGS,
    ask_timezone_again,
    asked_state,
    set_awaiting,
)
from bot.features.settings.reminder_time import time_change
from bot.features.settings.replies import reply_to_answer, reply_to_command
from bot.features.settings.start_date import (
    current_dose_change,
    patient_today,
    start_on,
    started_unsure,
)
from bot.features.settings.timezone import timezone_change
from storage.patients import PatientRepository

# What pressing an answer does, for the chat: saves and replies.
Answer = Callable[[LdnContext, int], Awaitable[None]]
Handler = Callable[[Update, LdnContext], Coroutine[Any, Any, None]]


async def change(update: Update, context: LdnContext) -> None:
    """ "Change …" on the /settings summary: that setting's question."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    read = actions.CHANGE.read(query.data)
    ask = ASKERS.get(read[0]) if read else None
    if ask is None:
        await query.answer(expired())
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
    await context.bot.send_message(chat_id, texts.type_time())


async def not_my_time(update: Update, context: LdnContext) -> None:
    """ "That's not my time" under a time zone confirmation: the time zone is asked again."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    await query.answer()
    with contextlib.suppress(BadRequest):  # the button goes: it has done its job
        await query.edit_message_reply_markup(reply_markup=None)
    await ask_timezone_again(context, query.message.chat.id)


def _timezone(zone: str) -> Answer | None:
    if not timezones.is_known_zone(zone):
        return None
    return lambda context, chat_id: reply_to_answer(context, chat_id, timezone_change(zone))


def _timezone_for_command(zone: str) -> Answer | None:
    """A place picked among the suggestions after a one-line /timezone."""
    if not timezones.is_known_zone(zone):
        return None
    return lambda context, chat_id: reply_to_command(context, chat_id, timezone_change(zone))


def _time(hhmm: str) -> Answer | None:
    moment = parse_clock_time(hhmm) if len(hhmm) == 4 and hhmm.isdigit() else None
    if moment is None:
        return None
    return lambda context, chat_id: reply_to_answer(context, chat_id, time_change(moment))


def _form(form: str) -> Answer | None:
    if form not in ("capsule", "liquid"):
        return None
    return lambda context, chat_id: reply_to_answer(context, chat_id, form_change(form))


def _plan(kind: str) -> Answer | None:
    if kind not in ("standard", "gentle", "fixed", "custom"):
        return None

    async def answer(context: LdnContext, chat_id: int) -> None:
        await reply_to_answer(context, chat_id, await read_plan_answer(context, chat_id, kind))

    return answer


def _fixed_dose(mg: str) -> Answer | None:
    async def answer(context: LdnContext, chat_id: int) -> None:
        outcome = await read_fixed_dose_answer(context, chat_id, mg)
        await reply_to_answer(context, chat_id, outcome)

    return answer


def _start(day: str) -> Answer | None:
    if day not in ("today", "tomorrow", "already"):
        return None

    async def answer(context: LdnContext, chat_id: int) -> None:
        await reply_to_answer(context, chat_id, await start_on(context, chat_id, day))

    return answer


def _current_dose(mg: str) -> Answer | None:
    try:
        dose = Decimal(mg)
    except ArithmeticError:
        return None
    if not dose.is_finite() or not Decimal("0.1") <= dose <= Decimal("4.5"):
        return None

    async def answer(context: LdnContext, chat_id: int) -> None:
        today = await patient_today(context, chat_id)
        await reply_to_answer(context, chat_id, current_dose_change(dose.normalize(), today))

    return answer


async def _started_unsure(context: LdnContext, chat_id: int) -> None:
    await reply_to_answer(context, chat_id, await started_unsure(context, chat_id))


def _answer_button(action: ButtonAction, read: Callable[..., Answer | None]) -> Handler:
    """The handler for one action's answer buttons: `read` tells what the arguments do, or
    None for data no version of the bot sends. A checked action's last argument is the
    asked state."""
    checked = CHECKED_SETTINGS.get(action)

    async def pressed(update: Update, context: LdnContext) -> None:
        query = update.callback_query
        if query is None or query.message is None:
            return
        arguments = action.read(query.data)
        if arguments is None:  # PTB lets a press with empty data through any pattern
            await query.answer(expired())
            return
        chat_id = query.message.chat.id
        refusal: str | None = None
        if checked is not None:
            *arguments, asked = arguments
            refusal = await _changed_since(context, chat_id, checked, asked)
        answer = read(*arguments)
        if answer is None:
            await query.answer(expired())
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
    return texts.start_date_changed_since() if setting == "start" else texts.changed_since()


_ANSWERS: dict[ButtonAction, Callable[..., Answer | None]] = {
    actions.TIMEZONE: _timezone,
    actions.TIMEZONE_AFTER_COMMAND: _timezone_for_command,
    actions.TIME: _time,
    actions.FORM: _form,
    actions.PLAN: _plan,
    actions.FIXED_DOSE: _fixed_dose,
    actions.START: _start,
    actions.CURRENT_DOSE: _current_dose,
    actions.STARTED_UNSURE: lambda: _started_unsure,
}


def handlers() -> list[CallbackQueryHandler]:  # type: ignore[type-arg]
    """Every settings button's handler, one per action, in the order they are tried."""
    return [
        CallbackQueryHandler(change, pattern=actions.CHANGE.pattern),
        CallbackQueryHandler(other_time, pattern=actions.OTHER_TIME.pattern),
        CallbackQueryHandler(not_my_time, pattern=actions.NOT_MY_TIME.pattern),
        *(
            CallbackQueryHandler(_answer_button(action, read), pattern=action.pattern)
            for action, read in _ANSWERS.items()
        ),
    ]
