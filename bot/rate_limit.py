"""Telegram's flood limits, with a priority lane: replies to patients go ahead of bulk sends.

Every call that names a `chat_id` passes the overall limit (about 30 messages a second for
the whole bot); a group chat also has its own 20 a minute. Scheduled messages sent from the
JobQueue ticks (reminders, follow-ups, check-ins, notices, refill warnings) are tagged with
`rate_limit_args=bulk(bot)`; they wait behind any reply queued at the overall limit, are spaced
one a second per private chat, and may be capped below the overall rate by a reserve kept for
replies (none by default: going first is enough for a reply not to wait behind a wave).
Everything else (a reply, an edit, answering a button) is interactive: it only waits for the
overall limit, and goes first there. So a wave of reminders never holds up a reply.

A 429 (RetryAfter) pauses every call for the time Telegram asks, then the call is retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# The `rate_limit_args` of a send made by a job rather than in answer to a patient.
BULK: dict[str, Any] = {"bulk": True}

_INTERACTIVE, _BULK = 0, 1
_MAX_IDLE_CHAT_LIMITS = 512
# Telegram tolerates short bursts in one chat (a reminder, a check-in and a notice at once).
PRIVATE_CHAT_BURST = 3.0
# Messages that may go out back to back overall (far below Telegram's 30 in one second).
OVERALL_BURST = 5.0

Result = bool | dict[str, Any] | list[dict[str, Any]]


def bulk(bot: Any) -> dict[str, Any] | None:
    """`rate_limit_args` for a scheduled send: BULK, or None when the bot has no limiter
    (`messages_per_second = 0`), since PTB refuses rate_limit_args without one."""
    return BULK if getattr(bot, "rate_limiter", None) is not None else None


class PriorityBucket:
    """A token bucket (`rate` a second, at most `capacity` saved up) whose waiters are served
    interactive first, then bulk, each in arrival order."""

    def __init__(self, rate: float, capacity: float = 1.0) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("a bucket needs a positive rate and a capacity of at least 1")
        self.rate = rate
        self.capacity = capacity
        self._tokens = capacity
        self._updated: float | None = None
        self._waiters: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (
            deque(),
            deque(),
        )
        self._timer: asyncio.TimerHandle | None = None

    def _refill(self, now: float) -> None:
        if self._updated is not None:
            elapsed = now - self._updated
            self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
        self._updated = now

    def idle(self) -> bool:
        """Full and nobody waiting: forgetting this bucket changes nothing."""
        self._refill(asyncio.get_running_loop().time())
        return self._tokens >= self.capacity and not any(self._waiters)

    def take_now(self) -> None:
        """Spend a token without waiting: a debt later callers wait out (at most `capacity`,
        so a chatty patient delays their own next reminder by seconds, not minutes)."""
        self._refill(asyncio.get_running_loop().time())
        self._tokens = max(self._tokens - 1, -self.capacity)

    async def acquire(self, lane: int = _INTERACTIVE) -> None:
        loop = asyncio.get_running_loop()
        self._refill(loop.time())
        ahead = self._waiters[_INTERACTIVE] or (lane == _BULK and self._waiters[_BULK])
        if self._tokens >= 1 and not ahead:
            self._tokens -= 1
            return
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters[lane].append(waiter)
        self._schedule(loop)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._tokens += 1  # granted just as it was cancelled: give the token back
                self._grant()
            raise

    def _grant(self) -> None:
        loop = asyncio.get_running_loop()
        if self._timer is not None:
            self._timer.cancel()  # called early (a cancelled waiter gave its token back)
        self._timer = None
        self._refill(loop.time())
        for queue in self._waiters:
            while queue and self._tokens >= 1:
                waiter = queue.popleft()
                if waiter.done():  # cancelled while waiting
                    continue
                self._tokens -= 1
                waiter.set_result(None)
            if queue:
                break  # bulk never passes an interactive waiter still queued
        self._schedule(loop)

    def _schedule(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._timer is not None or not any(self._waiters):
            return
        wait = max(0.0, (1 - self._tokens) / self.rate)
        self._timer = loop.call_later(wait, self._grant)


class PriorityRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """Flood limits for the whole bot, with replies ahead of bulk sends (see the module)."""

    def __init__(
        self,
        overall_per_second: float = 30.0,
        *,
        reserved_for_replies_per_second: float = 0.0,
        group_per_minute: float = 20.0,
        private_chat_per_second: float = 1.0,
        overall_burst: float = OVERALL_BURST,
        max_retries: int = 3,
    ) -> None:
        bulk_rate = overall_per_second - reserved_for_replies_per_second
        if overall_per_second <= 0 or reserved_for_replies_per_second < 0 or bulk_rate <= 0:
            raise ValueError(
                "the overall rate must be positive and above the rate reserved for replies"
            )
        # A reply of two or three messages goes out at once; the sustained rate stays at the
        # limit. Bulk sends are spaced evenly (no burst), so they never use the replies' room.
        self._overall = PriorityBucket(overall_per_second, max(1.0, overall_burst))
        self._bulk = PriorityBucket(bulk_rate)
        self._group_rate = group_per_minute / 60
        self._group_capacity = max(1.0, group_per_minute)
        self._private_rate = private_chat_per_second
        self._chats: dict[int | str, PriorityBucket] = {}
        self._max_retries = max_retries
        self._resume = asyncio.Event()
        self._resume.set()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def _chat_bucket(self, chat: int | str) -> PriorityBucket:
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) > _MAX_IDLE_CHAT_LIMITS:
                for key, old in list(self._chats.items()):
                    if old.idle():
                        del self._chats[key]
            group = isinstance(chat, str) or chat < 0
            bucket = (
                PriorityBucket(self._group_rate, self._group_capacity)
                if group
                else PriorityBucket(self._private_rate, PRIVATE_CHAT_BURST)
            )
            self._chats[chat] = bucket
        return bucket

    async def _wait_turn(self, chat: int | str | None, lane: int) -> None:
        if chat is None:
            return  # no chat (answering a button, polling): Telegram counts no message
        group = isinstance(chat, str) or chat < 0
        if group and self._group_rate:
            await self._chat_bucket(chat).acquire(lane)
        elif not group and self._private_rate:
            bucket = self._chat_bucket(chat)
            # A reply answers the patient at once; a scheduled message keeps its distance.
            if lane == _BULK:
                await bucket.acquire(lane)
            else:
                bucket.take_now()
        if lane == _BULK:
            await self._bulk.acquire(lane)
        await self._overall.acquire(lane)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> Result:
        """Wait for this call's turn, make it, and retry it after a 429 (up to max_retries)."""
        options = rate_limit_args or {}
        lane = _BULK if options.get("bulk") else _INTERACTIVE
        max_retries = int(options.get("max_retries", self._max_retries))
        chat: int | str | None = data.get("chat_id")
        if isinstance(chat, str):
            with contextlib.suppress(ValueError):
                chat = int(chat)
        if data.get("allow_paid_broadcast"):
            chat = None  # paid broadcasts have Telegram's own, much higher limit
        for attempt in range(max_retries + 1):
            await self._wait_turn(chat, lane)
            await self._resume.wait()
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == max_retries:
                    log.warning("%s still refused (429) after %d retries", endpoint, attempt)
                    raise
                seconds = retry_after_seconds(error)
                log.info("Telegram asked to slow down: pausing sends for %.1f s", seconds)
                self._resume.clear()
                try:
                    await asyncio.sleep(seconds + 0.1)
                finally:
                    self._resume.set()
        raise AssertionError("unreachable")  # pragma: no cover


def retry_after_seconds(error: RetryAfter) -> float:
    """Seconds Telegram asked to wait, whether PTB gives `retry_after` as an int (the
    deprecated form) or a timedelta (PTB_TIMEDELTA=1, and the future), without PTB's
    deprecation warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pause = error.retry_after
    return pause.total_seconds() if isinstance(pause, timedelta) else float(pause)
