"""/start, /help, and the one notice a group gets."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import LdnContext
from bot.features.reminders.scheduling import reschedule
from bot.features.setup.handlers import (
    continue_setup,
    halfway,
    offer_to_go_on,
    remind_of_setup,
)
from bot.features.start import texts
from bot.registry import Registry
from storage.patients import GroupChatRepository, PatientRepository

UPDATE_KINDS_GROUP = -110
PRIVATE_ONLY_GROUP = -100

# What the bot acts on: new messages and button presses. An edited message (a command or an
# answer changed after the fact, a live location moving) and a business-account message are
# not asked of Telegram (`app.ALLOWED_UPDATES`) and change nothing if they come anyway.
ACTED_ON_UPDATES = (Update.MESSAGE, Update.CALLBACK_QUERY)


async def start(update: Update, context: LdnContext) -> None:
    """Greet, state what the bot is and is not, then pick up setup where it stands."""
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    services = context.services
    now = services.now()

    def greet(session: Session) -> tuple[bool, bool]:
        """(set up, halfway through setup)."""
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat.id, now=now)
        was_blocked = patient.blocked_at is not None
        partway = halfway(session, chat.id, services.registry)
        # Halfway, the open question stays open: an answer typed next still counts.
        patients.update(patient, blocked_at=None, **({} if partway else {"awaiting": None}))
        if was_blocked:  # back from blocking the bot: reminders resume
            reschedule(session, patient, now, services.registry)
        return patient.setup_completed_at is not None, partway

    set_up, partway = await services.db.run(greet)
    if set_up:
        await update.effective_message.reply_text(texts.welcome_back())
        return
    if partway:
        await offer_to_go_on(context, chat.id)
        return
    await update.effective_message.reply_text(texts.welcome())
    await continue_setup(context, chat.id)


async def show_help(update: Update, context: LdnContext) -> None:
    """What the bot can do; during setup, then the question it waits for, again."""
    assert update.effective_message is not None and update.effective_chat is not None
    await update.effective_message.reply_text(texts.help_text())
    await remind_of_setup(context, update.effective_chat.id)


async def only_new_messages_and_presses(update: Update, context: LdnContext) -> None:
    """Stop every update that is not a new message or a button press, before any feature."""
    if update.message is None and update.callback_query is None:
        raise ApplicationHandlerStop


async def private_chats_only(update: Update, context: LdnContext) -> None:
    """Outside private chats, tell a group once that the bot works in private, then stay quiet."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if chat.type in (ChatType.GROUP, ChatType.SUPERGROUP):
        now = context.services.now()
        first_time = await context.services.db.run(
            lambda session: GroupChatRepository(session).mark_notified(chat.id, now=now)
        )
        if first_time:
            await context.bot.send_message(chat.id, texts.group_notice())
    raise ApplicationHandlerStop


async def unknown_command(update: Update, context: LdnContext) -> None:
    """A command no feature handles (/undo, /foo): a short reply pointing to /help."""
    assert update.effective_message is not None
    await update.effective_message.reply_text(texts.unknown_command())


def register_unknown_command(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    """Added after every feature's commands, so it only answers commands none of them took."""
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.COMMAND, unknown_command)
    )


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(
        TypeHandler(Update, only_new_messages_and_presses), group=UPDATE_KINDS_GROUP
    )
    application.add_handler(TypeHandler(Update, private_chats_only), group=PRIVATE_ONLY_GROUP)
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", show_help))
