"""Updates: chats run concurrently, one chat's updates one at a time and in arrival order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.runtime.chat_order import PerChatUpdateProcessor

_ids = iter(range(1, 10_000))


def text_update(chat_id: int) -> Update:
    update_id = next(_ids)
    chat = Chat(chat_id, Chat.PRIVATE)
    message = Message(update_id, datetime(2026, 1, 1, tzinfo=UTC), chat, text=str(update_id))
    return Update(update_id, message=message)


class Log:
    def __init__(self) -> None:
        self.events: list[tuple[str, int, int]] = []  # ("start"|"end", chat, n)
        self.running: dict[int, int] = {}
        self.most_at_once = 0

    async def handle(self, chat: int, n: int, seconds: float) -> None:
        self.events.append(("start", chat, n))
        self.running[chat] = self.running.get(chat, 0) + 1
        self.most_at_once = max(self.most_at_once, sum(self.running.values()))
        assert self.running[chat] == 1, "two updates of one chat at once"
        await asyncio.sleep(seconds)
        self.running[chat] -= 1
        self.events.append(("end", chat, n))

    def started(self, chat: int) -> list[int]:
        return [n for kind, c, n in self.events if kind == "start" and c == chat]


async def deliver(processor: PerChatUpdateProcessor, log: Log, plan: list[tuple[int, float]]):
    """Like the Application: one task per update, created in arrival order."""
    tasks = []
    for n, (chat, seconds) in enumerate(plan):
        coroutine = log.handle(chat, n, seconds)
        tasks.append(asyncio.create_task(processor.process_update(text_update(chat), coroutine)))
    await asyncio.gather(*tasks)
    return tasks


async def test_a_chats_updates_are_handled_in_order_even_when_earlier_ones_are_slower() -> None:
    processor = PerChatUpdateProcessor(8)
    log = Log()
    # Chat 1's first message is the slowest to handle; its later ones must still wait.
    plan = [(1, 0.05), (2, 0.01), (1, 0.0), (3, 0.02), (1, 0.01), (2, 0.0), (1, 0.0)]
    await deliver(processor, log, plan)

    assert log.started(1) == [0, 2, 4, 6]
    assert log.started(2) == [1, 5]
    ends = [(c, n) for kind, c, n in log.events if kind == "end"]
    assert ends.index((1, 0)) < ends.index((1, 2))  # the next began only after it ended
    assert log.most_at_once == 3  # the three chats ran side by side


async def test_other_chats_are_not_held_behind_a_slow_one() -> None:
    processor = PerChatUpdateProcessor(8)
    log = Log()
    plan = [(1, 0.2)] + [(10 + i, 0.0) for i in range(5)]
    task = asyncio.create_task(deliver(processor, log, plan))
    await asyncio.sleep(0.05)
    assert [c for kind, c, _ in log.events if kind == "end"] == [10, 11, 12, 13, 14]
    await task


async def test_the_concurrency_limit_holds_and_order_survives_it() -> None:
    processor = PerChatUpdateProcessor(2)
    log = Log()
    plan = [(chat, 0.005) for _ in range(4) for chat in (1, 2, 3, 4)]
    await deliver(processor, log, plan)

    assert log.most_at_once == 2
    for chat in (1, 2, 3, 4):
        assert log.started(chat) == sorted(log.started(chat))
        assert len(log.started(chat)) == 4


async def test_an_update_cancelled_while_waiting_does_not_let_the_next_overtake() -> None:
    processor = PerChatUpdateProcessor(8)
    log = Log()
    first = asyncio.create_task(processor.process_update(text_update(1), log.handle(1, 0, 0.05)))
    second = asyncio.create_task(processor.process_update(text_update(1), log.handle(1, 1, 0)))
    third = asyncio.create_task(processor.process_update(text_update(1), log.handle(1, 2, 0)))
    await asyncio.sleep(0.01)
    second.cancel()
    await asyncio.gather(first, third, return_exceptions=True)

    assert log.started(1) == [0, 2]
    assert log.events.index(("end", 1, 0)) < log.events.index(("start", 1, 2))


async def test_a_screen_drops_an_update_or_handles_something_else_in_the_chat_s_turn() -> None:
    from bot.runtime.chat_order import DROP

    handled: list[str] = []
    seen = 0

    async def handle(name: str, seconds: float = 0.0) -> None:
        await asyncio.sleep(seconds)
        handled.append(name)

    def screen(update: object) -> object:
        nonlocal seen
        seen += 1
        return None if seen <= 2 else handle("slow down") if seen == 3 else DROP

    processor = PerChatUpdateProcessor(8, screen=screen)  # type: ignore[arg-type]
    tasks = [
        asyncio.create_task(processor.process_update(text_update(1), handle(f"m{n}", 0.02)))
        for n in range(6)
    ]
    await asyncio.gather(*tasks)
    # Two handled, then the screen's own message in their turn, the rest never handled.
    assert handled == ["m0", "m1", "slow down"]
