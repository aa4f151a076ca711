"""Stopping mid-wave: the chunk in flight is finished and recorded, the rest is given back
and goes out once, plainly, at the next tick."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.features.reminders.dispatcher import dispatch_due
from bot.features.reminders.scheduling import reschedule
from storage.models import Night, Patient
from tests.conftest import Clock, make_settings
from tests.e2e.harness import running_bot
from tests.factories import make_patient

FIRST = 7_000_000


async def test_stopping_after_a_chunk_records_it_and_gives_the_rest_back(
    tmp_path: Path, clock: Clock
) -> None:
    clock.set(datetime(2026, 3, 10, 19, 0, tzinfo=UTC))
    settings = make_settings(
        tmp_path,
        telegram={"messages_per_second": 0},
        reminders={"send_concurrency": 3, "claim_batch": 50},
    )
    async with running_bot(settings, clock=clock) as bot:
        now = bot.services.now()
        chats = list(range(FIRST, FIRST + 10))
        with bot.services.db.session() as session:
            for chat in chats:
                patient = make_patient(chat, now, reminder_time=time(20, 0), session=session)
                reschedule(session, patient, now, bot.services.registry)
        clock.advance(hours=1, minutes=1)

        def sent() -> int:
            return len(bot.sandbox.calls("sendMessage"))

        first = await dispatch_due(bot.application, clock(), should_stop=lambda: sent() >= 3)
        assert (first.sent, first.given_back) == (3, 7)
        reached = [chat for chat in chats if bot.sandbox.messages(chat)]
        assert len(reached) == 3
        with bot.services.db.session() as session:
            outcomes = sorted(n.outcome for n in session.scalars(select(Night)))
            assert outcomes == ["sent"] * 3  # the rest were un-claimed, nothing left "sending"
            due = session.scalars(
                select(Patient.next_reminder_at).where(Patient.chat_id.not_in(reached))
            ).all()
            assert len(due) == 7 and all(d is not None and d <= clock() for d in due)

        again = await dispatch_due(bot.application, clock() + timedelta(seconds=15))
        assert again.sent == 7
        for chat in chats:
            (message,) = bot.sandbox.messages(chat)
            assert message.text.startswith("🌙 Time for tonight's LDN")  # plain, not a recovery
