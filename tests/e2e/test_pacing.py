"""One chat cannot delay everyone: replies keep to Telegram's one message a second in a chat,
a 429 for one chat holds only that chat, and a chat sending more than the flood cap gets one
"slow down" and nothing else (what it sent beyond the cap is answered and stored nowhere).

Real time where the limiter paces (a few seconds); the flood cap counts by the test's clock.
"""

from __future__ import annotations

import asyncio
import time as wall
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.features.reminders.dispatcher import dispatch_due
from faq.catalog import load_faq
from storage.db import Database
from storage.models import FaqQuestion
from tests.conftest import Clock, make_settings
from tests.e2e.harness import BotHarness, running_bot
from tests.e2e.test_reply_priority import FIRST_WAVE_CHAT, NOW, seed_due_patients
from tests.factories import make_patient

FLOODER = 5552001
OTHER = 5552002
MISSED_DOSE = next(e for e in load_faq() if "miss" in e.question.lower())
SLOW_DOWN = "faster than I can answer"

pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


def questions_stored(bot: BotHarness) -> int:
    with bot.services.db.session() as session:
        return int(session.scalar(select(func.count()).select_from(FaqQuestion)) or 0)


def refused(bot: BotHarness) -> list[int | str | None]:
    return [call.chat_id for call in bot.sandbox.calls() if call.status == 429]


async def wait_for(condition: object, timeout: float, what: str) -> None:  # noqa: ASYNC109
    deadline = wall.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert wall.monotonic() < deadline, what
        await asyncio.sleep(0.02)


async def test_a_chat_flooding_500_messages_under_a_429_does_not_delay_another_patient(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    settings = make_settings(tmp_path)  # the defaults: 30 messages/s, flood cap 30 a minute
    cap = settings.telegram.flood_cap_per_minute
    async with running_bot(settings, clock=clock, db=db) as bot:
        # Telegram holds the flooding chat (only that chat) for 30 s, and it floods on.
        bot.sandbox.flood_wait(FLOODER, 30)
        for _ in range(500):
            bot.sandbox.send_text(FLOODER, MISSED_DOSE.question)
        await wait_for(
            lambda: not bot.sandbox.stats()["pending_updates"] and refused(bot),
            10,
            "the bot did not take the flood in and try to answer it",
        )

        asked = wall.monotonic()
        await bot.say("/help", chat_id=OTHER, contains="Here's what I can do", timeout=10)
        waited = wall.monotonic() - asked
        print(f"the other patient's /help answered in {waited * 1000:.0f} ms during the flood")
        assert waited < 1.0, f"/help waited {waited:.2f} s behind the flooding chat"
        assert set(refused(bot)) == {FLOODER}  # only the flooding chat was ever refused
        assert bot.sandbox.messages(FLOODER) == []  # nothing reached it during its hold
        stopping = wall.monotonic()
    stopped_in = wall.monotonic() - stopping
    # Stopping did not wait out the 30 s hold, and beyond the cap nothing was stored.
    assert stopped_in < 10, f"stopping took {stopped_in:.1f} s"
    with db.session() as session:
        stored = session.scalar(select(func.count()).select_from(FaqQuestion))
    assert stored is not None and 1 <= stored <= cap


async def test_beyond_the_cap_one_slow_down_and_the_rest_is_ignored(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    settings = make_settings(tmp_path, telegram={"flood_cap_per_minute": 5})
    async with running_bot(settings, clock=clock, db=db) as bot:
        for _ in range(20):
            bot.sandbox.send_text(FLOODER, MISSED_DOSE.question)
        await bot.sandbox.wait_for_message(FLOODER, contains=SLOW_DOWN, timeout=20)
        await bot.sandbox.wait_until_idle(quiet=0.5, timeout=20)

        texts = [message.text for message in bot.sandbox.messages(FLOODER)]
        assert texts[:5] == [MISSED_DOSE.answer] * 5  # the first five, answered in order
        assert len(texts) == 6 and SLOW_DOWN in texts[5]  # then one "slow down", nothing more
        assert bot.services.settings.safety.emergency_number in texts[5]
        assert questions_stored(bot) == 5  # the 15 beyond the cap are stored nowhere

        # A minute later the patient is answered again.
        clock.advance(minutes=1)
        reply = await bot.say(MISSED_DOSE.question, chat_id=FLOODER, timeout=10)
        assert reply.text == MISSED_DOSE.answer
        assert questions_stored(bot) == 6


async def test_the_slow_down_gives_the_number_where_the_patient_is(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    settings = make_settings(tmp_path, telegram={"flood_cap_per_minute": 5})
    assert settings.safety.emergency_number == "112"  # the operator's default
    async with running_bot(settings, clock=clock, db=db) as bot:
        with bot.services.db.session() as session:
            make_patient(FLOODER, clock(), session=session, timezone="America/New_York")
        for _ in range(8):
            bot.sandbox.send_text(FLOODER, MISSED_DOSE.question)
        slow = await bot.sandbox.wait_for_message(FLOODER, contains=SLOW_DOWN, timeout=20)
        assert "call 911" in slow.text and "112" not in slow.text


async def test_replies_keep_to_telegram_s_limit_in_one_chat(tmp_path: Path, clock: Clock) -> None:
    settings = make_settings(tmp_path)
    async with running_bot(settings, clock=clock) as bot:
        bot.sandbox.per_chat_limit = 1.0  # Telegram: about one message a second in a chat
        entries = list({e.answer: e for e in load_faq() if "?" in e.question}.values())[:6]
        matcher = bot.services.faq
        assert matcher is not None
        entries = [e for e in entries if matcher.ask(e.question).text == e.answer]
        for entry in entries:
            bot.sandbox.send_text(FLOODER, entry.question)
        await wait_for(
            lambda: len(bot.sandbox.messages(FLOODER)) >= len(entries),
            20,
            "not every question was answered",
        )
        answers = [message.text for message in bot.sandbox.messages(FLOODER)]
        assert answers == [entry.answer for entry in entries]  # in order, each once
        assert refused(bot) == []  # and never over Telegram's limit for the chat


async def test_a_chat_held_by_a_429_does_not_hold_up_the_nightly_wave(
    tmp_path: Path, clock: Clock
) -> None:
    settings = make_settings(tmp_path)  # the default limiter
    async with running_bot(settings, clock=clock) as bot:
        clock.set(NOW)
        seed_due_patients(bot, 10)
        held = [FIRST_WAVE_CHAT + 3, FIRST_WAVE_CHAT + 5, FIRST_WAVE_CHAT + 8]
        for chat in held:
            bot.sandbox.flood_wait(chat, 6)  # Telegram holds these patients' chats for 6 s

        started = wall.monotonic()
        first = await dispatch_due(bot.application, clock())
        took = wall.monotonic() - started
        assert (first.sent, first.released) == (7, 3)
        assert took < 3, f"the wave waited {took:.1f} s for the held chats"
        assert all(bot.sandbox.messages(chat) == [] for chat in held)
        assert set(refused(bot)) == set(held)

        # Once the hold is over, a later tick sends them, once and plainly.
        await asyncio.sleep(6.5)
        again = await dispatch_due(bot.application, clock() + timedelta(seconds=15))
        assert again.sent == 3
        for chat in held:
            (reminder,) = bot.sandbox.messages(chat)
            assert reminder.text.startswith("🌙 Time for tonight's LDN")
