"""Updates from different chats are handled concurrently; one chat's updates one at a time,
in the order Telegram sent them.

A patient who types three messages quickly gets three answers in that order, and a handler
never runs twice at once for the same patient (so reading a row, talking to Telegram and
writing it back needs no locking between one chat's updates). Meanwhile other patients are
not kept waiting behind a slow reply.

An optional `screen` sees each update as it arrives, before it waits for its chat's turn: it
may drop it (DROP: never handled, nothing stored) or handle something else in its place (a
coroutine run in the chat's turn instead of the handlers), as `bot/runtime/pacing.py` does
for a chat sending more than the bot should answer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine, Hashable
from typing import Any, Final

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def chat_of(update: object) -> Hashable:
    """What orders an update: its chat (None for the few updates that have none)."""
    if isinstance(update, Update) and update.effective_chat is not None:
        return update.effective_chat.id
    return None


DROP: Final = "drop"
# What a screen says of an arriving update: None (handle it), DROP, or what to run instead.
Screen = Callable[[object], Coroutine[Any, Any, Any] | str | None]


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """At most `max_concurrent_updates` at once, never two of the same chat."""

    __slots__ = ("_last", "screen")

    def __init__(self, max_concurrent_updates: int, screen: Screen | None = None) -> None:
        super().__init__(max_concurrent_updates)
        # Per chat: done when its latest update so far has been handled.
        self._last: dict[Hashable, asyncio.Future[None]] = {}
        self.screen = screen

    async def process_update(  # type: ignore[misc]  # @final in PTB, for typing only
        self, update: object, coroutine: Awaitable[Any]
    ) -> None:
        """Take this chat's turn before anything else, then PTB's concurrency limit.

        The Application starts one task per update in arrival order, and everything up to
        the first `await` runs at once, so the turns are taken in arrival order, whatever
        order the concurrency limit later wakes its waiters in.
        """
        if self.screen is not None:
            instead = self.screen(update)
            if instead is not None:
                if asyncio.iscoroutine(coroutine):
                    coroutine.close()
                if instead == DROP or not asyncio.iscoroutine(instead):
                    return
                coroutine = instead
        chat = chat_of(update)
        previous = self._last.get(chat)
        mine: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._last[chat] = mine
        started = False
        try:
            if previous is not None:
                await asyncio.shield(previous)
            started = True
            await super().process_update(update, coroutine)
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting its turn

            def release(_: object = None) -> None:
                if not mine.done():
                    mine.set_result(None)
                if self._last.get(chat) is mine:
                    del self._last[chat]

            if previous is not None and not previous.done():
                # Cancelled early: the next update of this chat still waits for the previous.
                previous.add_done_callback(release)
            else:
                release()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await coroutine

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
