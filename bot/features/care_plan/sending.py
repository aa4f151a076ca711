"""One send policy for every scheduled message: the nightly reminders and their nudges (the
dispatcher), check-ins, notices and refill warnings. Sending only: what became of a message
comes back as a `Delivery`, and the caller does its own bookkeeping with it.

- Forbidden, or "chat not found": "blocked" (the patient blocked the bot or is gone).
- RetryAfter holds sends to that chat (to every chat, when several chats were refused at once;
  kept across ticks in `services.extras["reminder_flood_holds"]`) for `retry_after`, then the
  send is retried, at most MAX_FLOOD_WAITS times. With the rate limiter on, which tells one
  chat's 429 from the bot-wide limit, a 429 reaching us holds only its chat. A hold longer
  than BULK_MAX_HOLD_SECONDS is not waited out: "retry" (due again at the next tick).
- NetworkError: retried with exponential backoff, at most `reminders.send_retries` times,
  then "retry". TimedOut is the same, except that it may have arrived: any further try uses
  `retry_text` (the recovery wording), and running out of tries is "uncertain".
- Another BadRequest: "failed" (Telegram refused this message for good).
- The bot stopping (`stopping()`, or the limiter's StoppedWaiting): "stopped", not sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.context import Services
from bot.runtime.rate_limit import (
    BULK_MAX_HOLD_SECONDS,
    HOLD_ALL_AFTER_CHATS,
    FloodHolds,
    StoppedWaiting,
    bulk,
    retry_after_seconds,
)

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]
ShouldStop = Callable[[], bool]
Outcome = Literal["sent", "blocked", "retry", "uncertain", "failed", "stopped"]

MAX_FLOOD_WAITS = 5
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 8.0


@dataclass(frozen=True)
class Delivery:
    """What became of one scheduled message.

    "sent" (with its message id); "blocked"; "retry" (not delivered for a passing reason:
    send it again later, worded plainly); "uncertain" (timed out: it may have arrived);
    "failed" (refused for good); "stopped" (not sent: the bot is stopping).
    """

    outcome: Outcome
    message_id: int | None = None
    flood_waits: int = 0  # 429s met on the way


def flood_holds(bot: Any, services: Services) -> FloodHolds:
    """The holds Telegram's 429s put on scheduled sends, one per application, across ticks."""
    holds = services.extras.get("reminder_flood_holds")
    if holds is None:
        # With the rate limiter on, it has already told one chat's 429 from the bot-wide limit:
        # a RetryAfter reaching us then holds only that chat.
        limited = getattr(bot, "rate_limiter", None) is not None
        holds = FloodHolds(hold_all_after_chats=None if limited else HOLD_ALL_AFTER_CHATS)
        services.extras["reminder_flood_holds"] = holds
    return holds  # type: ignore[no-any-return]


class ScheduledSender:
    """Sends scheduled messages with one application's bot and services under the one policy
    (see the module)."""

    def __init__(
        self,
        bot: Any,
        services: Services,
        *,
        sleep: Sleep = asyncio.sleep,
        stopping: ShouldStop | None = None,
    ) -> None:
        self.bot = bot
        self.retries = services.settings.reminders.send_retries
        self.holds = flood_holds(bot, services)
        self.sleep = sleep
        self.stopping: ShouldStop = stopping or (lambda: False)

    def _now(self) -> float:
        return asyncio.get_running_loop().time()

    async def send(
        self,
        chat_id: int,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
        *,
        retry_text: str | None = None,
        what: str = "a scheduled message",
    ) -> Delivery:
        """Send one message with bounded retries and say what became of it; never raises for
        Telegram. `retry_text`: the wording of a try after a timeout; `what`: for the logs."""
        attempts = 0
        floods = 0
        uncertain = False
        while True:
            held = self.holds.left(chat_id, self._now())
            if held > BULK_MAX_HOLD_SECONDS:
                # Telegram holds this chat (or every chat) a long time: not sent now, nor asked
                # again; due at a later tick, and the rest of the wave goes on meanwhile.
                return Delivery("retry", flood_waits=floods)
            if held > 0:
                if self.stopping():
                    return Delivery("stopped", flood_waits=floods)
                await self.sleep(held)
            try:
                message = await self.bot.send_message(
                    chat_id,
                    retry_text if uncertain and retry_text is not None else text,
                    reply_markup=markup,
                    rate_limit_args=bulk(self.bot),
                )
            except StoppedWaiting:
                # The limiter gave up waiting for its turn or a 429 because the bot is
                # stopping: not sent. (After a timeout it may have arrived.)
                return Delivery("uncertain" if uncertain else "stopped", flood_waits=floods)
            except Forbidden:
                return Delivery("blocked", flood_waits=floods)
            except RetryAfter as error:
                floods += 1
                self.holds.hold(chat_id, retry_after_seconds(error), self._now())
                if floods > MAX_FLOOD_WAITS:
                    return Delivery("retry", flood_waits=floods)
                continue
            except TimedOut:
                uncertain = True  # it may have arrived: any retry says so
                attempts += 1
            except BadRequest as error:
                if "chat not found" in str(error).lower():
                    return Delivery("blocked", flood_waits=floods)
                log.error("%s refused: %s", what, error)
                return Delivery("failed", flood_waits=floods)
            except NetworkError as error:
                log.warning("%s not sent: %s", what, error)
                attempts += 1
            else:
                return Delivery("sent", message.message_id, flood_waits=floods)
            if attempts > self.retries:
                return Delivery("uncertain" if uncertain else "retry", flood_waits=floods)
            if self.stopping():
                return Delivery("uncertain" if uncertain else "stopped", flood_waits=floods)
            await self.sleep(min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempts - 1)))
