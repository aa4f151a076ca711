"""Guided setup: each feature adds the steps it needs to the Application's registry; setup
asks the first one missing.

Every answer is saved as it is given, so an interrupted setup resumes where it stopped. A
patient who steps outside it is brought back: /start halfway offers to go on or start over,
/help asks the open question again after the help, and "stop" typed at a question says how to
stop (setup, /pause, /delete) instead of being read as the answer.
"""

from __future__ import annotations

import contextlib

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler

from bot.callbacks import Buttons
from bot.context import LdnContext
from bot.domain.setting_answers import asks_to_stop
from bot.features.setup import texts
from bot.registry import Registry, SetupCompleteHook, SetupStep
from storage.db import DatabaseUnavailable
from storage.patients import PatientRepository

__all__ = [
    "SetupCompleteHook",
    "SetupStep",
    "back_to_setup",
    "continue_setup",
    "halfway",
    "not_readable_at_a_question",
    "offer_to_go_on",
    "remind_of_setup",
    "resume_setup",
    "stop_asked",
]

BUTTONS = Buttons("setup")
GO_ON = BUTTONS.action("goon")
START_OVER = BUTTONS.action("over")
STOP = BUTTONS.action("stop")

# The questions "stop" is read at (setup's own and the safety questions): others, like a
# check-in's, have their own way out ("skip").
_SETUP_QUESTIONS = ("setup:", "screening:")
# Setup stopped halfway: no question open (typed text goes to the FAQ), /start offers to go on.
STOPPED = "setup:stopped"


async def continue_setup(context: LdnContext, chat_id: int) -> None:
    """Ask the next unanswered setup question, or finish setup when none is left."""
    services = context.services
    registry = services.registry

    def next_step(session: Session) -> tuple[SetupStep | None, bool] | None:
        """(the first unanswered step, whether setup is finishing now); None: no patient."""
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        missing = next((s for s in registry.setup_steps if not s.is_done(session, patient)), None)
        finishing = missing is None and patient.setup_completed_at is None
        if finishing:
            patient.setup_completed_at = services.now()
        return missing, finishing

    found = await services.db.run(next_step)
    if found is None:
        return
    missing, finishing = found
    if missing is not None:
        await missing.ask(context, chat_id)
        return
    if finishing:
        for hook in registry.setup_complete_hooks:
            await hook(context, chat_id)


async def _awaited(context: LdnContext, chat_id: int) -> str | None:
    found = await context.services.db.run(
        lambda session: PatientRepository(session).awaiting(chat_id)
    )
    return found[1] if found else None


async def resume_setup(context: LdnContext, chat_id: int) -> None:
    """Ask the open question again as it was asked (the fixed dose, not the plan), or the
    next setup question when none is open."""
    awaiting = await _awaited(context, chat_id)
    ask = context.services.registry.askers.get(awaiting) if awaiting else None
    if ask is not None:
        await ask(context, chat_id)
        return
    await continue_setup(context, chat_id)


async def question_open(context: LdnContext, chat_id: int) -> bool:
    """Whether a setup or safety question waits for this chat's answer."""
    awaiting = await _awaited(context, chat_id)
    return awaiting is not None and awaiting.startswith(_SETUP_QUESTIONS) and awaiting != STOPPED


async def not_readable_at_a_question(context: LdnContext, chat_id: int) -> bool:
    """A sticker, photo or voice note while a setup question waits: say so and ask the
    question again (True), instead of the FAQ's "type your question" (False: none waits)."""
    if not await question_open(context, chat_id):
        return False
    await context.bot.send_message(chat_id, texts.not_text_at_a_question())
    await resume_setup(context, chat_id)
    return True


def halfway(session: Session, chat_id: int, registry: Registry) -> bool:
    """Whether this chat's patient is in the middle of setup's questions (or stopped them):
    the first answered, a question open, setup not finished. (A later step may count as done
    before it is reached: no opioids, no clearance asked.)"""
    patient = PatientRepository(session).find(chat_id)
    if patient is None or patient.setup_completed_at is not None or not registry.setup_steps:
        return False
    in_setup = patient.awaiting is not None and patient.awaiting.startswith(_SETUP_QUESTIONS)
    return in_setup and registry.setup_steps[0].is_done(session, patient)


def _go_on_buttons(*, stop: bool = False) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(texts.continue_button(), callback_data=GO_ON.data())],
        [InlineKeyboardButton(texts.start_over_button(), callback_data=START_OVER.data())],
    ]
    if stop:
        rows[1] = [InlineKeyboardButton(texts.stop_setup_button(), callback_data=STOP.data())]
    return InlineKeyboardMarkup(rows)


async def offer_to_go_on(context: LdnContext, chat_id: int) -> bool:
    """/start halfway through setup: offer to go on or start over (True), instead of the
    welcome again (False: setup not begun, or finished)."""
    registry = context.services.registry
    partway = await context.services.db.run(lambda session: halfway(session, chat_id, registry))
    if not partway:
        return False
    await context.bot.send_message(chat_id, texts.setup_halfway(), reply_markup=_go_on_buttons())
    return True


async def back_to_setup(context: LdnContext, chat_id: int) -> None:
    """After an answer to a question asked mid-setup: the open setup question again."""

    def unfinished(session: Session) -> bool:
        return _unfinished(session, chat_id)

    if await context.services.db.run(unfinished):
        await context.bot.send_message(chat_id, texts.back_to_the_question())
        await resume_setup(context, chat_id)


# /help answers without the database; the reminder after it waits no longer than this.
REMINDER_LOOKUP_SECONDS = 2.0


async def remind_of_setup(context: LdnContext, chat_id: int) -> None:
    """After /help or /settings during setup: the open question again (or how to go on after
    stopping). Nothing when the database does not answer at once: the help stands alone."""

    def state(session: Session) -> tuple[bool, str | None] | None:
        patient = PatientRepository(session).find(chat_id)
        if patient is None or patient.setup_completed_at is not None:
            return None
        return True, patient.awaiting

    try:
        found = await context.services.db.run(state, within_seconds=REMINDER_LOOKUP_SECONDS)
    except DatabaseUnavailable:
        return
    if found is None:
        return
    _unfinished, awaiting = found
    if awaiting in (None, STOPPED):
        await context.bot.send_message(chat_id, texts.setup_stopped_help())
        return
    await context.bot.send_message(chat_id, texts.setup_not_finished())
    await resume_setup(context, chat_id)


async def stop_asked(update: Update, context: LdnContext, awaiting: str | None) -> bool:
    """'stop', 'cancel', 'parar', 'aufhören' typed at a setup or safety question: how to stop
    (True), rather than reading it as the answer (False: not such a question)."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or awaiting is None:
        return False
    if not awaiting.startswith(_SETUP_QUESTIONS) or not asks_to_stop(message.text or ""):
        return False

    def setup_done(session: Session) -> bool:
        patient = PatientRepository(session).find(chat.id)
        if patient is not None and patient.setup_completed_at is not None:
            patient.awaiting = None  # a setting being changed: it stays as it was
            return True
        return False

    if await context.services.db.run(setup_done):
        await message.reply_text(texts.stop_after_setup())
        return True
    await message.reply_text(texts.stop_during_setup(), reply_markup=_go_on_buttons(stop=True))
    return True


def _start_over(session: Session, chat_id: int, registry: Registry) -> bool:
    patient = PatientRepository(session).find(chat_id)
    if patient is None or patient.setup_completed_at is not None:
        return False
    for step in registry.setup_steps:
        if step.forget is not None:
            step.forget(session, patient)
    patient.awaiting = None
    return True


async def _pressed(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    if query is None or query.message is None:
        return
    chat_id = query.message.chat.id
    await query.answer()
    with contextlib.suppress(BadRequest):  # the choice is made: its buttons go
        await query.edit_message_reply_markup(reply_markup=None)
    registry = context.services.registry
    if START_OVER.read(query.data) is not None:
        restarted = await context.services.db.run(
            lambda session: _start_over(session, chat_id, registry)
        )
        if not restarted:
            await context.bot.send_message(chat_id, texts.setup_already_done())
            return
        await context.bot.send_message(chat_id, texts.starting_over())
        await continue_setup(context, chat_id)
        return
    if STOP.read(query.data) is not None:

        def stop(session: Session) -> None:
            patient = PatientRepository(session).find(chat_id)
            if patient is not None and patient.setup_completed_at is None:
                patient.awaiting = STOPPED

        await context.services.db.run(stop)
        await context.bot.send_message(chat_id, texts.setup_stopped())
        return
    if not await context.services.db.run(lambda session: _unfinished(session, chat_id)):
        await context.bot.send_message(chat_id, texts.setup_already_done())
        return
    await resume_setup(context, chat_id)


def _unfinished(session: Session, chat_id: int) -> bool:
    patient = PatientRepository(session).find(chat_id)
    return patient is not None and patient.setup_completed_at is None


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    for action in (GO_ON, START_OVER, STOP):
        application.add_handler(CallbackQueryHandler(_pressed, pattern=action.pattern))
