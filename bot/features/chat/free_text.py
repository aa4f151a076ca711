"""Free text in a private chat: safety first, then the setup answer being waited for,
then the FAQ."""

from __future__ import annotations

import asyncio

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application, MessageHandler, filters

from bot.context import LdnContext
from bot.features.safety.texts import safety_reply
from bot.features.setup.handlers import stop_asked
from bot.registry import Registry
from faq.triage import SafetyConcern, triage
from storage.patients import PatientRepository

FREE_TEXT_GROUP = 10


async def answer_as_free_text(update: Update, context: LdnContext, text: str) -> bool:
    """Answer `text` as if nothing were awaited (the FAQ): for a question asked while a
    setup answer is awaited. False when nothing answers free text."""
    fallback = context.services.registry.free_text_fallback
    if fallback is None:
        return False
    await fallback(update, context, text)
    return True


async def concern_in(context: LdnContext, text: str) -> SafetyConcern | None:
    """The red flag `text` raises, if any."""
    net = context.services.safety_net
    # The rules take well under a millisecond; the semantic net's embedding a few, beside the loop.
    return await asyncio.to_thread(triage, text, net) if net is not None else triage(text)


async def send_safety_message_if_needed(update: Update, context: LdnContext, text: str) -> bool:
    """Answer a red flag at once with the safety message, in the numbers for where the
    patient is; True when it did."""
    concern = await concern_in(context, text)
    if concern is None:
        return False
    await send_safety_message(update, context, concern)
    return True


async def send_safety_message(update: Update, context: LdnContext, concern: SafetyConcern) -> None:
    """The safety message for `concern`, with the numbers for where the patient is."""
    services = context.services
    assert update.effective_message is not None and update.effective_chat is not None
    chat_id = update.effective_chat.id

    def zone_of(session: Session) -> str | None:
        patient = PatientRepository(session).find(chat_id)
        return patient.timezone if patient is not None else None

    # Only after a red flag: the time zone says which country's numbers to give.
    zone = await services.db.run(zone_of)
    await update.effective_message.reply_text(
        safety_reply(concern.id, services.safety_numbers(zone))
    )


async def route_free_text(update: Update, context: LdnContext) -> None:
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.text is None:
        return
    text = message.text
    concern = await concern_in(context, text)
    if context.patient_read:  # at the start of this update, with the chat's language
        patient_id, awaiting = (
            (context.patient.id, context.patient.awaiting) if context.patient else (None, None)
        )
    else:
        found = await context.services.db.run(
            lambda session: PatientRepository(session).awaiting(chat.id)
        )
        patient_id, awaiting = found or (None, None)
    registry = context.services.registry
    answered = registry.concern_answers.get(awaiting) if awaiting else None
    if concern is not None and answered is not None and answered(text, concern.id):
        concern = None  # the awaited question's own answer: "sometimes I take tramadol"
    red_flag = concern is not None
    if concern is not None:
        await send_safety_message(update, context, concern)
    if red_flag and awaiting not in registry.kept_after_safety:
        return
    if not red_flag and await stop_asked(update, context, awaiting):
        return  # "stop" at a setup question: how to stop, not an answer
    handler = registry.awaiting_routes.get(awaiting) if awaiting else None
    if handler is not None:
        await handler(update, context, text)
        return
    if red_flag:
        return
    if registry.free_text_fallback is not None:
        # Passed on so the FAQ need not look the patient up again (one chat's updates are
        # handled one at a time, so the row cannot have been erased meanwhile), nor triage
        # the text again (the rules and the net found nothing in it above).
        await registry.free_text_fallback(
            update, context, text, patient_id=patient_id, triaged=True
        )


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, route_free_text),
        group=FREE_TEXT_GROUP,
    )
