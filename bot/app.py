"""The composition root: build the Application and its services from the settings."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from telegram import LinkPreviewOptions
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults
from telegram.request import BaseRequest

from bot.config import Settings
from bot.context import LdnContext, Services, services_of
from bot.features.admin import handlers as admin
from bot.features.caregivers import handlers as caregivers
from bot.features.chat import buttons
from bot.features.chat import free_text as text
from bot.features.chat.errors import report_error
from bot.features.checkins import handlers as checkins
from bot.features.faq_chat import handlers as faq_chat
from bot.features.language import handlers as language
from bot.features.milestones import handlers as milestones
from bot.features.records import handlers as records
from bot.features.refills import handlers as refills
from bot.features.reminders import handlers as reminders
from bot.features.screening import handlers as screening
from bot.features.settings import handlers as settings_feature
from bot.features.setup import handlers as setup
from bot.features.start import handlers as start
from bot.features.start.handlers import ACTED_ON_UPDATES
from bot.features.start.menu import bot_commands
from bot.registry import Registry
from bot.runtime import observability, pacing
from bot.runtime.chat_order import PerChatUpdateProcessor
from bot.runtime.memory import freeze_long_lived
from bot.runtime.rate_limit import PriorityRateLimiter
from bot.runtime.transport import AiohttpRequest, make_request
from bot.runtime.webhook import serve_webhook
from faq.catalog import load_faq
from faq.multilingual import MultilingualFaq
from faq.semantic import SentenceEncoder, load_encoder
from faq.triage import SecondNet
from faq.triage_net import load_safety_net
from storage.clock import utcnow
from storage.db import Database

log = logging.getLogger(__name__)

LdnApplication = Application[Any, LdnContext, Any, Any, Any, Any]
# A feature's `register(application, registry)`: its handlers and jobs into the application,
# its hooks, setup steps, awaited-text routes and reminder gates into the registry.
Register = Callable[[LdnApplication, Registry], None]

# The handler groups, in the order PTB runs them (an update goes through each group; in a
# group the first handler that matches answers):
#   -1000 observability.COUNT_UPDATES_GROUP  counts every update (metrics)
#    -110 start.UPDATE_KINDS_GROUP           drops the update kinds the bot does not act on
#    -100 start.PRIVATE_ONLY_GROUP           private chats only; a group is told so and left
#     -95 language.LANGUAGE_GROUP            the chat's language for everything this update sends
#     -90 buttons.BUTTON_GUARD_GROUP         a button counts only in the chat it was sent to
#       0 (default)                          the features' commands and buttons, in FEATURES order
#      10 text.FREE_TEXT_GROUP               free text: safety first, awaited answers, the FAQ
#
# The features, in the order they register (the guards and /start first; the "expired button"
# fallback and free text last):
FEATURES: tuple[Register, ...] = (
    pacing.register,  # the per-chat flood cap on the update processor
    observability.register,  # metrics: the update counter, the /metrics server
    caregivers.register,  # /caregivers, /caring, invitation links (before /start's handler)
    start.register,  # /start, /help, the update-kind and private-chat guards
    language.register,  # the language each chat is written to in (group -95); /language
    buttons.register,  # the button guard (the chat that owns the message)
    settings_feature.register,  # /settings and the setup questions (time zone ... start date)
    setup.register,  # going on, starting over or stopping setup halfway (its buttons)
    reminders.register,  # nightly reminders and their buttons, /pause /resume
    admin.register,  # /admin for operators
    faq_chat.register,  # /ask, FAQ answers to free text, suggestions and votes
    records.register,  # /taken /skip /undo /history, /stats, /report (PDF), /export, /delete
    screening.register,  # the safety questions; gates reminders until opioids are cleared
    checkins.register,  # side-effect check-ins, their advice and notes
    milestones.register,  # liver-test reminders and what-to-expect notices
    refills.register,  # supply count and refill warnings
    buttons.register_fallback,  # a press no feature claimed: "this button has expired"
    start.register_unknown_command,  # a command no feature claimed: "type /help"
    text.register,  # free text (group 10)
)

# The update kinds asked of Telegram (getUpdates/setWebhook): what the bot acts on.
ALLOWED_UPDATES = list(ACTED_ON_UPDATES)

# Updates handled at once (different chats; one chat's updates stay in order, one at a time).
MAX_CONCURRENT_UPDATES = 32


class StoppingApplication(Application):  # type: ignore[type-arg]
    """PTB's Application, whose stop first ends the rate limiter's waits: a send waiting for
    its turn or for a 429 (retry_after of 30 s and more) is not made (the reminder dispatcher
    gives it back), so SIGTERM stops in seconds, well inside systemd's stop timeout."""

    async def stop(self) -> None:
        limiter = self.bot.rate_limiter
        if isinstance(limiter, PriorityRateLimiter):
            limiter.stop_waiting()
        await super().stop()


def file_url_for(base_url: str) -> str:
    """The file endpoint beside a Bot API base URL ('…/bot' -> '…/file/bot')."""
    if base_url.endswith("/bot"):
        return base_url[: -len("/bot")] + "/file/bot"
    return base_url.rstrip("/") + "/file/bot"


@dataclass(frozen=True)
class FaqServices:
    """The FAQ, the triage's net and their encoder: costly to build (about a second) and never
    changed once built (their only memory is of vectors and spelling corrections, the same
    whoever asks), so Applications built in one process with the same `faq_shape` may share
    them (the e2e tests do)."""

    faq: MultilingualFaq
    safety_net: SecondNet | None
    encoder: SentenceEncoder | None


def faq_shape(settings: Settings) -> tuple[Path | None, bool, bool]:
    """The settings `build_faq` reads: equal shapes, equal FAQs (an FAQ file's path, not its
    content: the file is read when it is built)."""
    return settings.faq.path, settings.faq.semantic, settings.safety.semantic_net


def build_faq(settings: Settings) -> FaqServices:
    """The FAQ in every language and the triage's net, as `faq_shape(settings)` asks."""
    path, semantic, semantic_net = faq_shape(settings)
    # Loaded once per process (about a second) before the event loop runs; the FAQ and the
    # triage's net share the one encoder (load_encoder() returns the same object).
    encoder = load_encoder() if semantic else None
    safety_net = load_safety_net() if semantic_net else None
    # The shipped FAQ comes in every language it is written in; an operator's own FAQ file
    # (faq.path) is English only.
    faq = MultilingualFaq.build(
        load_faq(path),
        languages=None if path is None else ("en",),
        safety_net=safety_net,
        encoder=encoder,
    )
    return FaqServices(faq, safety_net, encoder)


def build_services(
    settings: Settings,
    *,
    db: Database | None = None,
    clock: Callable[[], datetime] = utcnow,
    faq: FaqServices | None = None,
) -> Services:
    """`faq`: one already built with this `faq_shape(settings)` (else it is built here)."""
    storage = settings.storage
    database = db or Database(
        storage.url or "",
        echo=storage.echo_sql,
        timeout_seconds=storage.timeout_seconds,
        connect_timeout_seconds=storage.connect_timeout_seconds,
    )
    faq = faq or build_faq(settings)
    return Services(
        settings=settings,
        db=database,
        clock=clock,
        faq=faq.faq,
        safety_net=faq.safety_net,
        encoder=faq.encoder,
    )


def build_application(settings: Settings, services: Services | None = None) -> LdnApplication:
    """Everything the bot is, wired once: HTTP, rate limits, handlers, jobs."""
    services = services or build_services(settings)
    telegram = settings.telegram
    builder = (
        ApplicationBuilder()
        .application_class(StoppingApplication)
        .token(settings.token)
        .base_url(telegram.base_url)
        .base_file_url(telegram.base_file_url or file_url_for(telegram.base_url))
        .context_types(ContextTypes(context=LdnContext))
        .defaults(Defaults(link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
    )
    transports: list[BaseRequest] = []
    if telegram.http_client == "aiohttp":
        transports = [
            make_request(
                "aiohttp",
                connection_pool_size=telegram.connection_pool_size,
                timeout=telegram.request_timeout_seconds,
            ),
            AiohttpRequest(),  # getUpdates: its own instance, PTB's polling defaults
        ]
        builder = builder.request(transports[0]).get_updates_request(transports[1])
    else:
        builder = (
            builder.connection_pool_size(telegram.connection_pool_size)
            .read_timeout(telegram.request_timeout_seconds)
            .write_timeout(telegram.request_timeout_seconds)
            .connect_timeout(telegram.request_timeout_seconds)
            .pool_timeout(telegram.request_timeout_seconds)
        )
    if telegram.messages_per_second > 0:
        builder = builder.rate_limiter(
            PriorityRateLimiter(
                telegram.messages_per_second,
                reserved_for_replies_per_second=telegram.reserved_for_replies_per_second,
                max_retries=3,
                # A test's clock: jumping it a day ahead gives each chat its allowance back.
                clock=None if services.clock is utcnow else services.clock,
            )
        )
    application: LdnApplication = builder.build()
    # This Application's own registry: nothing is shared with another one in the process.
    services.registry = Registry()
    application.bot_data["services"] = services
    # Closed in post_shutdown even when start-up failed (PTB skips the bot's shutdown then).
    application.bot_data["transports"] = transports
    for register in FEATURES:
        register(application, services.registry)
    application.add_error_handler(report_error)
    return application


async def _post_init(application: LdnApplication) -> None:
    await application.bot.set_my_commands(bot_commands())
    for hook in services_of(application).registry.startup_hooks:
        await hook(application)
    freeze_long_lived("start-up")


async def _post_shutdown(application: LdnApplication) -> None:
    for hook in services_of(application).registry.shutdown_hooks:
        await hook(application)
    for transport in application.bot_data.get("transports", []):
        await transport.shutdown()
    services_of(application).db.dispose()


def run(settings: Settings) -> None:
    """Migrate, then serve: long polling by default, or a webhook."""
    services = build_services(settings)
    services.db.upgrade()
    application = build_application(settings, services)
    telegram = settings.telegram
    if telegram.mode == "webhook":
        asyncio.run(serve_webhook(application, telegram.webhook, allowed_updates=ALLOWED_UPDATES))
    else:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
