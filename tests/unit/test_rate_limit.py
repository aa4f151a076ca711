"""The priority rate limiter: the overall rate holds, replies overtake a queue of bulk sends,
429s are waited out and retried. Real time, but fast rates keep the whole file under a second."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.runtime.rate_limit import (
    BULK,
    HOLD_ALL_AFTER_CHATS,
    PriorityRateLimiter,
    StoppedWaiting,
    retry_after_seconds,
)

# RetryAfter's own message reads the deprecated int form of retry_after.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class Recorder:
    """Stands in for the HTTP call: records which call went out when (loop time)."""

    def __init__(self, retry_after: int = 0) -> None:
        self.sent: list[tuple[str, float]] = []
        self.refuse: dict[str, int] = {}
        self.retry_after = retry_after

    async def call(self, name: str) -> dict[str, Any]:
        if self.refuse.get(name, 0) > 0:
            self.refuse[name] -= 1
            self.sent.append((f"429 {name}", asyncio.get_running_loop().time()))
            raise RetryAfter(self.retry_after)
        self.sent.append((name, asyncio.get_running_loop().time()))
        return {"ok": name}

    def names(self) -> list[str]:
        return [name for name, _ in self.sent]


async def send(
    limiter: PriorityRateLimiter,
    recorder: Recorder,
    name: str,
    chat_id: int | str | None,
    rate_limit_args: dict[str, Any] | None = None,
) -> Any:
    data = {} if chat_id is None else {"chat_id": chat_id}
    return await limiter.process_request(
        recorder.call, (name,), {}, "sendMessage", data, rate_limit_args
    )


async def test_the_overall_rate_holds_for_replies_and_bulk_sends_together() -> None:
    limiter = PriorityRateLimiter(100, reserved_for_replies_per_second=20, overall_burst=5)
    recorder = Recorder()
    calls = [send(limiter, recorder, f"bulk {i}", 1000 + i, BULK) for i in range(10)]
    calls += [send(limiter, recorder, f"reply {i}", 2000 + i) for i in range(10)]
    await asyncio.gather(*calls)

    times = sorted(t for _, t in recorder.sent)
    assert len(times) == 20
    # 100/s after a burst of 5: the n-th call no earlier than (n - 5) / 100 s after the first.
    for n, sent_at in enumerate(times):
        assert sent_at - times[0] >= (n - 5) / 100 - 0.002, (n, sent_at - times[0])
    assert times[-1] - times[0] >= 0.14


async def test_bulk_sends_stay_below_the_overall_rate_leaving_room_for_replies() -> None:
    limiter = PriorityRateLimiter(100, reserved_for_replies_per_second=50)
    recorder = Recorder()
    await asyncio.gather(*(send(limiter, recorder, f"bulk {i}", 1000 + i, BULK) for i in range(8)))

    times = [t for _, t in recorder.sent]
    # 100/s overall minus 50/s reserved: bulk sends go out at most 50 a second.
    assert times[-1] - times[0] >= 7 * 0.019


@pytest.mark.parametrize("reserve", [0, 5])
async def test_a_reply_overtakes_a_queue_of_bulk_sends(reserve: float) -> None:
    limiter = PriorityRateLimiter(50, reserved_for_replies_per_second=reserve)
    recorder = Recorder()
    wave = [
        asyncio.create_task(send(limiter, recorder, f"bulk {i}", 1000 + i, BULK)) for i in range(20)
    ]
    await asyncio.sleep(0.05)  # the wave is under way, most of it still queued
    sent_before = len(recorder.sent)
    await send(limiter, recorder, "reply", 42)
    position = recorder.names().index("reply")
    await asyncio.gather(*wave)

    assert sent_before < 10
    assert position <= sent_before + 1  # at most the one bulk send already granted goes first
    assert recorder.names()[-1].startswith("bulk")


async def test_without_a_reserve_bulk_sends_use_the_whole_rate() -> None:
    limiter = PriorityRateLimiter(20)  # the default: nothing set aside for replies
    recorder = Recorder()
    await asyncio.gather(*(send(limiter, recorder, f"bulk {i}", 1000 + i, BULK) for i in range(5)))

    times = [t for _, t in recorder.sent]
    # 4 gaps at 20/s: 0.2 s, where a reserve of 5/s would make it 0.27 s.
    assert 0.19 <= times[-1] - times[0] < 0.235


async def test_a_patients_replies_keep_to_the_chat_s_rate_after_a_short_burst() -> None:
    limiter = PriorityRateLimiter(
        1000, reserved_for_replies_per_second=10, private_chat_per_second=10
    )
    recorder = Recorder()
    await asyncio.gather(*(send(limiter, recorder, f"reply {i}", 42) for i in range(5)))
    replies = [t for _, t in recorder.sent]
    assert recorder.names() == [f"reply {i}" for i in range(5)]  # in order
    assert replies[2] - replies[0] < 0.02  # a reply of two or three messages: at once
    # Then one every 0.1 s at 10/s: the 5th goes 0.2 s after the 3rd.
    assert replies[4] - replies[2] >= 0.19

    started = asyncio.get_running_loop().time()
    await asyncio.gather(
        *(
            limiter.process_request(
                recorder.call, (f"edit {i}",), {}, "editMessageText", {"chat_id": 42}, None
            )
            for i in range(5)
        )
    )
    assert asyncio.get_running_loop().time() - started < 0.05  # edits are not held back

    await send(limiter, recorder, "reminder", 42, BULK)
    assert recorder.sent[-1][1] - replies[-1] >= 0.09  # the scheduled one keeps its distance
    await send(limiter, recorder, "reminder elsewhere", 43, BULK)
    assert recorder.sent[-1][1] - recorder.sent[-2][1] < 0.05  # another chat is not held


async def test_a_group_gets_its_own_per_minute_limit() -> None:
    limiter = PriorityRateLimiter(1000, reserved_for_replies_per_second=10, group_per_minute=120)
    recorder = Recorder()
    # 120 a minute is a burst of 120, so these pass at once; the next one would wait 0.5 s.
    await asyncio.gather(*(send(limiter, recorder, f"g {i}", -100) for i in range(120)))
    task = asyncio.create_task(send(limiter, recorder, "one too many", -100))
    await asyncio.sleep(0.1)
    assert "one too many" not in recorder.names()
    await send(limiter, recorder, "another chat", 7)  # other chats are not held
    assert recorder.names()[-1] == "another chat"
    task.cancel()


async def test_a_429_is_waited_out_and_retried() -> None:
    limiter = PriorityRateLimiter(1000, reserved_for_replies_per_second=10, max_retries=2)
    recorder = Recorder()
    recorder.refuse["reply"] = 2
    assert await send(limiter, recorder, "reply", 42) == {"ok": "reply"}
    assert recorder.names() == ["429 reply", "429 reply", "reply"]
    assert recorder.sent[-1][1] - recorder.sent[0][1] >= 0.2  # paused 0.1 s each time


async def test_a_429_beyond_max_retries_reaches_the_caller() -> None:
    limiter = PriorityRateLimiter(1000, reserved_for_replies_per_second=10, max_retries=1)
    recorder = Recorder()
    recorder.refuse["reminder"] = 5
    with pytest.raises(RetryAfter):
        await send(limiter, recorder, "reminder", 42, {"bulk": True, "max_retries": 0})
    assert recorder.names() == ["429 reminder"]


async def test_calls_without_a_chat_are_not_held() -> None:
    limiter = PriorityRateLimiter(2, reserved_for_replies_per_second=1)
    recorder = Recorder()
    await send(limiter, recorder, "first message", 42)
    start = asyncio.get_running_loop().time()
    await send(limiter, recorder, "answer a button", None)
    assert asyncio.get_running_loop().time() - start < 0.05


def test_the_reserve_must_leave_room_for_bulk_sends() -> None:
    with pytest.raises(ValueError, match="reserved"):
        PriorityRateLimiter(5, reserved_for_replies_per_second=5)


async def test_a_send_given_up_while_waiting_does_not_hold_the_others() -> None:
    limiter = PriorityRateLimiter(50, reserved_for_replies_per_second=10, overall_burst=1)
    recorder = Recorder()
    await send(limiter, recorder, "first", 1, BULK)
    given_up = asyncio.create_task(send(limiter, recorder, "given up", 2, BULK))
    queued = [
        asyncio.create_task(send(limiter, recorder, f"bulk {i}", 3 + i, BULK)) for i in range(3)
    ]
    await asyncio.sleep(0)
    given_up.cancel()
    await asyncio.gather(*queued)

    assert recorder.names() == ["first", "bulk 0", "bulk 1", "bulk 2"]
    assert recorder.sent[-1][1] - recorder.sent[0][1] < 0.2  # 3 more at 40/s, no stall


@pytest.mark.parametrize("opted_in", ["1", "false"])
def test_telegram_s_wait_is_read_in_either_of_ptb_s_forms(
    opted_in: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", opted_in)  # timedelta, or the deprecated int
    assert retry_after_seconds(RetryAfter(12)) == 12.0


async def test_a_429_in_one_chat_holds_that_chat_only() -> None:
    limiter = PriorityRateLimiter(1000, max_retries=1)
    recorder = Recorder(retry_after=1)
    recorder.refuse["flooded chat"] = 1
    held = asyncio.create_task(send(limiter, recorder, "flooded chat", 42))
    await asyncio.sleep(0.05)
    started = asyncio.get_running_loop().time()
    await send(limiter, recorder, "another patient", 43)
    assert asyncio.get_running_loop().time() - started < 0.05  # not held by chat 42's 429
    assert not held.done()
    assert await held == {"ok": "flooded chat"}  # retried once chat 42's wait was over
    assert recorder.sent[-1][1] - recorder.sent[0][1] >= 1.0


async def test_429s_in_several_chats_at_once_hold_every_chat() -> None:
    limiter = PriorityRateLimiter(1000, max_retries=1)
    recorder = Recorder(retry_after=1)
    chats = range(1, HOLD_ALL_AFTER_CHATS + 1)
    for chat in chats:
        recorder.refuse[f"chat {chat}"] = 1
    refused = [asyncio.create_task(send(limiter, recorder, f"chat {c}", c)) for c in chats]
    await asyncio.sleep(0.05)
    started = asyncio.get_running_loop().time()
    await send(limiter, recorder, "another chat", 99)  # the bot-wide limit: it waits too
    assert asyncio.get_running_loop().time() - started >= 0.9
    await asyncio.gather(*refused)


async def test_a_scheduled_send_to_a_chat_held_long_is_refused_at_once() -> None:
    limiter = PriorityRateLimiter(1000, max_retries=0)
    recorder = Recorder(retry_after=30)
    recorder.refuse["reply"] = 1
    with pytest.raises(RetryAfter):
        await send(limiter, recorder, "reply", 42)
    started = asyncio.get_running_loop().time()
    with pytest.raises(RetryAfter) as refused:
        await send(limiter, recorder, "reminder", 42, {"bulk": True, "max_retries": 3})
    assert asyncio.get_running_loop().time() - started < 0.05
    assert 29 < retry_after_seconds(refused.value) <= 30.1
    assert recorder.names() == ["429 reply"]  # the reminder never reached Telegram


async def test_stopping_ends_the_waits_and_sends_nothing_that_waited() -> None:
    limiter = PriorityRateLimiter(1000, private_chat_per_second=0.5)
    recorder = Recorder(retry_after=30)
    recorder.refuse["held"] = 1
    held = asyncio.create_task(send(limiter, recorder, "held", 42))  # waits out 30 s
    queued = [asyncio.create_task(send(limiter, recorder, f"paced {i}", 43)) for i in range(5)]
    await asyncio.sleep(0.05)
    assert recorder.names() == ["429 held", "paced 0", "paced 1", "paced 2"]

    started = asyncio.get_running_loop().time()
    limiter.stop_waiting()
    outcomes = await asyncio.gather(held, *queued, return_exceptions=True)
    assert asyncio.get_running_loop().time() - started < 0.05
    assert [type(o) for o in outcomes] == [StoppedWaiting] * 1 + [dict] * 3 + [StoppedWaiting] * 2
    assert recorder.names() == ["429 held", "paced 0", "paced 1", "paced 2"]  # nothing more
    assert await send(limiter, recorder, "at once", 44) == {"ok": "at once"}  # no wait: goes


async def test_a_test_clock_moved_a_day_ahead_gives_each_chat_its_allowance_back() -> None:
    moment = [datetime(2026, 11, 25, 22, 0, tzinfo=UTC)]
    limiter = PriorityRateLimiter(1000, private_chat_per_second=0.1, clock=lambda: moment[0])
    recorder = Recorder()
    started = asyncio.get_running_loop().time()
    for night in range(3):
        # A night's messages to one chat: its whole burst of three (one every 10 s after).
        await asyncio.gather(
            *(send(limiter, recorder, f"night {night} #{i}", 42, BULK) for i in range(3))
        )
        moment[0] += timedelta(days=1)
    assert len(recorder.sent) == 9
    # Without the test's clock, nights 2 and 3 would each wait 30 s of real time.
    assert asyncio.get_running_loop().time() - started < 0.5


async def test_without_a_test_clock_the_chat_s_rate_is_real_time() -> None:
    moment = [datetime(2026, 11, 25, 22, 0, tzinfo=UTC)]
    limiter = PriorityRateLimiter(1000, private_chat_per_second=10, clock=lambda: moment[0])
    recorder = Recorder()
    # The test clock stands still: real time still refills the chat (5 sends: 0.2 s).
    await asyncio.gather(*(send(limiter, recorder, f"#{i}", 42, BULK) for i in range(5)))
    times = [t for _, t in recorder.sent]
    assert 0.18 <= times[-1] - times[0] < 0.5
