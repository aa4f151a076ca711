"""Telegram's flood limits, with a priority lane: replies to patients go ahead of bulk sends.

Every call that names a `chat_id` passes the overall limit (about 30 messages a second for
the whole bot); a group chat also has its own 20 a minute, and a new message in a private chat
its one a second (after a burst of three: a reply of two or three messages goes out at once).
Scheduled messages sent from the JobQueue ticks (reminders, follow-ups, check-ins, notices,
refill warnings) are tagged with `rate_limit_args=bulk(bot)`; they wait behind any reply queued
at the overall limit, and may be capped below the overall rate by a reserve kept for replies
(none by default: going first is enough for a reply not to wait behind a wave). Everything else
(a reply, an edit, answering a button) is interactive: it goes first. Edits and button answers
do not count against a private chat's one a second. A chat waiting for its turn holds up only
that chat (its updates are handled one at a time, other chats alongside:
`bot/runtime/chat_order.py`).

A 429 (RetryAfter) for a call to one chat holds that chat only, for the time Telegram asks,
then the call is retried; 429s for several chats at once (or for a call with no chat) are the
bot-wide limit and hold every call (`FloodHolds`). A scheduled send to a chat held longer than
`BULK_MAX_HOLD_SECONDS` is refused at once (RetryAfter with the time left), so the nightly wave
moves on and that reminder is left for a later tick.

Stopping: `stop_waiting()` (called as the application stops) makes every call still waiting
for its turn or for a 429 to pass raise `StoppedWaiting` instead of waiting: nothing waiting
was sent, so the caller can give it back. Calls already on the wire finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import deque
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
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
# 429s for this many different chats within HOLD_ALL_WINDOW seconds: the bot-wide limit (a
# few chats held each on its own, e.g. by their own flood waits, are not).
HOLD_ALL_AFTER_CHATS = 5
HOLD_ALL_WINDOW = 1.0
# Added to Telegram's retry_after (whole seconds, rounded) before trying again.
HOLD_MARGIN = 0.1
# A scheduled send does not wait out a longer hold on its chat: it is refused at once.
BULK_MAX_HOLD_SECONDS = 5.0


class StoppedWaiting(RetryAfter):
    """The bot is stopping: this call was still waiting for its turn and was not sent. A
    RetryAfter, since it means the same to a caller: not sent, try again later."""

    def __init__(self) -> None:
        super().__init__(timedelta(0))
        self.message = "not sent: the bot is stopping"

    def __reduce__(self) -> tuple[type, tuple[()]]:  # type: ignore[override]
        return (StoppedWaiting, ())


def puts_a_message_in_the_chat(endpoint: str) -> bool:
    """sendMessage, sendPhoto, copyMessage, forwardMessage...: what Telegram's per-chat limit
    counts (not edits, deletions, chat actions or button answers)."""
    return endpoint.startswith(("send", "copy", "forward")) and endpoint != "sendChatAction"


Result = bool | dict[str, Any] | list[dict[str, Any]]


def bulk(bot: Any) -> dict[str, Any] | None:
    """`rate_limit_args` for a scheduled send: BULK, or None when the bot has no limiter
    (`messages_per_second = 0`), since PTB refuses rate_limit_args without one."""
    return BULK if getattr(bot, "rate_limiter", None) is not None else None


def _loop_time() -> float:
    return asyncio.get_running_loop().time()


def bucket_time(clock: Callable[[], datetime] | None) -> Callable[[], float]:
    """Seconds for the token buckets: the event loop's clock, moved ahead whenever `clock` (a
    test's clock, moved by hand) has moved further since the first call. A test that jumps a
    day ahead finds every chat's allowance back, as a day would give it, instead of waiting
    for it in real time; real time still counts, and this time never runs backwards."""
    if clock is None:
        return _loop_time
    start: tuple[float, datetime] | None = None
    ahead = 0.0

    def now() -> float:
        nonlocal start, ahead
        loop_now = _loop_time()
        moment = clock()
        if start is None:
            start = (loop_now, moment)
        moved = (moment - start[1]).total_seconds() - (loop_now - start[0])
        ahead = max(ahead, moved)
        return loop_now + ahead

    return now


class PriorityBucket:
    """A token bucket (`rate` a second, at most `capacity` saved up) whose waiters are served
    interactive first, then bulk, each in arrival order."""

    def __init__(
        self, rate: float, capacity: float = 1.0, now: Callable[[], float] | None = None
    ) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("a bucket needs a positive rate and a capacity of at least 1")
        self._now = now or _loop_time
        self.rate = rate
        self.capacity = capacity
        self._tokens = capacity
        self._updated: float | None = None
        self._waiters: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (
            deque(),
            deque(),
        )
        self._timer: asyncio.TimerHandle | None = None
        self.stopped = False

    def stop(self) -> None:
        """Every waiter raises StoppedWaiting; later callers too, unless a token is free."""
        self.stopped = True
        for queue in self._waiters:
            while queue:
                waiter = queue.popleft()
                if not waiter.done():
                    waiter.set_exception(StoppedWaiting())

    def _refill(self, now: float) -> None:
        if self._updated is not None:
            elapsed = now - self._updated
            self._tokens = min(self.capacity, self._tokens + elapsed * self.rate)
        self._updated = now

    def idle(self) -> bool:
        """Full and nobody waiting: forgetting this bucket changes nothing."""
        self._refill(self._now())
        return self._tokens >= self.capacity and not any(self._waiters)

    async def acquire(self, lane: int = _INTERACTIVE) -> None:
        loop = asyncio.get_running_loop()
        self._refill(self._now())
        ahead = self._waiters[_INTERACTIVE] or (lane == _BULK and self._waiters[_BULK])
        if self._tokens >= 1 and not ahead:
            self._tokens -= 1
            return
        if self.stopped:
            raise StoppedWaiting
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
        self._refill(self._now())
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


class FloodHolds:
    """Where Telegram's 429s hold sends, by the clock given (seconds): the chat refused, or
    every chat when several chats were refused within HOLD_ALL_WINDOW or the call had none."""

    def __init__(self, hold_all_after_chats: int | None = HOLD_ALL_AFTER_CHATS) -> None:
        """`hold_all_after_chats=None`: only a call without a chat holds every chat."""
        self._hold_all_after = hold_all_after_chats
        self._until: dict[int | str | None, float] = {}  # None: every chat
        self._recent: deque[tuple[float, int | str]] = deque()

    def hold(self, chat: int | str | None, seconds: float, now: float) -> bool:
        """Hold after a 429 asking for `seconds`; True when that holds every chat."""
        everyone = chat is None
        if chat is not None and self._hold_all_after is not None:
            self._recent.append((now, chat))
            while self._recent and self._recent[0][0] < now - HOLD_ALL_WINDOW:
                self._recent.popleft()
            everyone = len({c for _, c in self._recent}) >= self._hold_all_after
        scope = None if everyone else chat
        self._until[scope] = max(now + seconds + HOLD_MARGIN, self._until.get(scope, 0.0))
        if len(self._until) > _MAX_IDLE_CHAT_LIMITS:
            for key, until in list(self._until.items()):
                if until <= now:
                    del self._until[key]
        return everyone

    def left(self, chat: int | str | None, now: float, *, own_only: bool = False) -> float:
        """Seconds before a send to `chat` may go (`own_only`: its own hold, not every chat's)."""
        until = 0.0 if own_only else self._until.get(None, 0.0)
        if chat is not None:
            until = max(until, self._until.get(chat, 0.0))
        return until - now


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
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """`clock`: a test's clock (see `bucket_time`); None in production."""
        bulk_rate = overall_per_second - reserved_for_replies_per_second
        if overall_per_second <= 0 or reserved_for_replies_per_second < 0 or bulk_rate <= 0:
            raise ValueError(
                "the overall rate must be positive and above the rate reserved for replies"
            )
        # A reply of two or three messages goes out at once; the sustained rate stays at the
        # limit. Bulk sends are spaced evenly (no burst), so they never use the replies' room.
        self._now = bucket_time(clock)
        self._overall = PriorityBucket(overall_per_second, max(1.0, overall_burst), self._now)
        self._bulk = PriorityBucket(bulk_rate, now=self._now)
        self._group_rate = group_per_minute / 60
        self._group_capacity = max(1.0, group_per_minute)
        self._private_rate = private_chat_per_second
        self._chats: dict[int | str, PriorityBucket] = {}
        self._max_retries = max_retries
        self._holds = FloodHolds()  # by the event loop's clock
        self._stopping = False
        self._stopped = asyncio.Event()

    async def initialize(self) -> None:
        """Calls wait their turn again (after a stop, should the bot be started again)."""
        self._stopping = False
        self._stopped = asyncio.Event()
        for bucket in (self._overall, self._bulk, *self._chats.values()):
            bucket.stopped = False

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def stop_waiting(self) -> None:
        """The bot is stopping: calls waiting for their turn or for a 429 to pass raise
        StoppedWaiting (they were not sent); from now on, so does any call that would wait."""
        self._stopping = True
        self._stopped.set()
        for bucket in (self._overall, self._bulk, *self._chats.values()):
            bucket.stop()

    def _chat_bucket(self, chat: int | str) -> PriorityBucket:
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) > _MAX_IDLE_CHAT_LIMITS:
                for key, old in list(self._chats.items()):
                    if old.idle():
                        del self._chats[key]
            group = isinstance(chat, str) or chat < 0
            bucket = (
                PriorityBucket(self._group_rate, self._group_capacity, self._now)
                if group
                else PriorityBucket(self._private_rate, PRIVATE_CHAT_BURST, self._now)
            )
            bucket.stopped = self._stopping
            self._chats[chat] = bucket
        return bucket

    async def _wait_turn(self, chat: int | str | None, lane: int, endpoint: str) -> None:
        if chat is None:
            return  # no chat (answering a button, polling): Telegram counts no message
        group = isinstance(chat, str) or chat < 0
        if group and self._group_rate:
            await self._chat_bucket(chat).acquire(lane)
        elif (
            not group
            and self._private_rate
            and (lane == _BULK or puts_a_message_in_the_chat(endpoint))
        ):
            # A new message keeps to the chat's rate; a scheduled edit too, so a wave of them
            # stays spaced. A patient's own edits and button answers go at once.
            await self._chat_bucket(chat).acquire(lane)
        if lane == _BULK:
            await self._bulk.acquire(lane)
        await self._overall.acquire(lane)

    def _hold_left(self, chat: int | str | None, *, own_only: bool = False) -> float:
        return self._holds.left(chat, asyncio.get_running_loop().time(), own_only=own_only)

    async def _wait_out_holds(self, chat: int | str | None) -> None:
        while (left := self._hold_left(chat)) > 0:
            if self._stopping:
                raise StoppedWaiting
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopped.wait(), left)

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
            left = self._hold_left(chat, own_only=True)
            if lane == _BULK and left > BULK_MAX_HOLD_SECONDS:
                # One chat held long: not worth holding up the wave for. Refused at once, it is
                # left for a later tick (a hold on every chat is waited out: all must wait).
                raise RetryAfter(timedelta(seconds=left))
            await self._wait_turn(chat, lane, endpoint)
            await self._wait_out_holds(chat)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                seconds = retry_after_seconds(error)
                everyone = self._holds.hold(chat, seconds, asyncio.get_running_loop().time())
                if attempt == max_retries:
                    log.warning("%s still refused (429) after %d retries", endpoint, attempt)
                    raise
                log.info(
                    "Telegram asked to slow down: holding %s for %.1f s",
                    "every chat" if everyone else "one chat",
                    seconds,
                )
        raise AssertionError("unreachable")  # pragma: no cover


def retry_after_seconds(error: RetryAfter) -> float:
    """Seconds Telegram asked to wait, whether PTB gives `retry_after` as an int (the
    deprecated form) or a timedelta (PTB_TIMEDELTA=1, and the future), without PTB's
    deprecation warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pause = error.retry_after
    return pause.total_seconds() if isinstance(pause, timedelta) else float(pause)
