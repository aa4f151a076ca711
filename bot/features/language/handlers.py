"""The language each chat is written to in: set per update, chosen with /language.

Every update first runs `speak_the_chats_language` (group -95): it looks up the patient's
language (a small cache in front of the database) and sets it for the rest of the update, so
every text the features render is in that language (`bot/i18n.py`). A chat with no stored
language gets its Telegram app's language when the bot offers it, else English; an existing
patient's app language is stored the first time it is seen, so scheduled reminders use it too.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, TypeHandler

from bot.context import LdnContext
from bot.features.language import texts
from bot.features.language.buttons import CHOOSE, SHOW
from bot.features.language.offer import (
    language_for,
    language_of_app,
    native_name,
    offered_languages,
)
from bot.features.start.menu import bot_commands
from bot.i18n import DEFAULT_LANGUAGE, current_language, set_language, use_language
from bot.registry import Registry
from storage.db import DatabaseUnavailable
from storage.patients import AtAGlance, PatientRepository

log = logging.getLogger(__name__)
Callback = Callable[[Update, LdnContext], Awaitable[None]]

LANGUAGE_GROUP = -95
# A silent database delays no update by more than this: it goes on in the app's language
# (/help still answers at once; what needs the database apologises in that language).
LOOKUP_SECONDS = 0.5


class KnownLanguages:
    """chat id -> stored language, for a short while (a change on another replica shows within
    ``ttl`` seconds; a change here shows at once)."""

    def __init__(self, ttl: float = 60.0, size: int = 50_000) -> None:
        self._ttl = ttl
        self._size = size
        self._known: OrderedDict[int, tuple[str | None, float]] = OrderedDict()

    def get(self, chat_id: int) -> tuple[bool, str | None]:
        found = self._known.get(chat_id)
        if found is None or found[1] < time.monotonic():
            return False, None
        return True, found[0]

    def put(self, chat_id: int, language: str | None) -> None:
        self._known[chat_id] = (language, time.monotonic() + self._ttl)
        self._known.move_to_end(chat_id)
        while len(self._known) > self._size:
            self._known.popitem(last=False)


def _app_language(update: Update) -> str | None:
    user = update.effective_user
    return user.language_code if user is not None else None


def speak_the_chats_language(known: KnownLanguages) -> Callback:
    async def speak(update: Update, context: LdnContext) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        offered = offered_languages()
        app_language = _app_language(update)
        cached, stored = known.get(chat.id)
        if not cached:
            wanted = language_of_app(app_language, offered)

            def look_up(session: Session) -> AtAGlance | None:
                patients = PatientRepository(session)
                patient = patients.at_a_glance(chat.id)
                if patient is not None and patient.language is None and wanted is not None:
                    patients.set_first_language(chat.id, wanted)
                    return patient._replace(language=wanted)
                return patient

            try:
                patient = await context.services.db.run(look_up, within_seconds=LOOKUP_SECONDS)
            except DatabaseUnavailable:
                # The update goes on in the app's language; the feature that needs the
                # database apologises in it.
                log.warning("language look-up skipped: the database is unavailable")
            else:
                # Read in the same round trip: the free-text router's awaited answer.
                context.read_patient(patient)
                if patient is not None:  # a stranger is looked up again once a patient
                    stored = patient.language
                    known.put(chat.id, stored)
        set_language(language_for(stored, app_language, offered))

    return speak


def _keyboard(current: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    ("✓ " if code == current else "") + native_name(code),
                    callback_data=CHOOSE.data(code),
                )
            ]
            for code in offered_languages()
        ]
    )


async def show_languages(update: Update, context: LdnContext) -> None:
    """/language, or the Language button in /settings: the offered languages as buttons."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    assert update.effective_message is not None
    if len(offered_languages()) == 1:
        await update.effective_message.reply_text(texts.only_english())
        return
    await update.effective_message.reply_text(
        texts.choose(), reply_markup=_keyboard(current_language())
    )


def choose_language(known: KnownLanguages) -> Callback:
    async def choose(update: Update, context: LdnContext) -> None:
        query = update.callback_query
        assert query is not None and update.effective_chat is not None
        read = CHOOSE.read(query.data)
        if read is None or read[0] not in offered_languages():
            await query.answer()
            return
        (code,) = read
        chat_id = update.effective_chat.id
        await context.services.db.run(
            lambda session: PatientRepository(session).set_language(chat_id, code)
        )
        known.put(chat_id, code)
        set_language(code)
        await query.answer()
        await query.edit_message_text(texts.changed(native_name(code)))

    return choose


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    known = KnownLanguages()
    application.add_handler(
        TypeHandler(Update, speak_the_chats_language(known)), group=LANGUAGE_GROUP
    )
    application.add_handler(CommandHandler("language", show_languages))
    application.add_handler(CallbackQueryHandler(show_languages, pattern=SHOW.pattern))
    application.add_handler(CallbackQueryHandler(choose_language(known), pattern=CHOOSE.pattern))

    async def menus_per_language(app: Application) -> None:  # type: ignore[type-arg]
        # The default menu is English (app._post_init); each other language gets its own.
        for code in offered_languages():
            if code == DEFAULT_LANGUAGE:
                continue
            with use_language(code):
                await app.bot.set_my_commands(bot_commands(), language_code=code)

    registry.at_startup(menus_per_language)
