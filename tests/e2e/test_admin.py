"""/admin: the operator's overview for listed chats; everyone else sees nothing of it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from bot.features.start.menu import COMMANDS
from storage.db import Database
from storage.models import FaqQuestion, Night
from tests.conftest import Clock, make_settings
from tests.e2e.harness import BotHarness, running_bot
from tests.factories import make_patient

ADMIN = 4100
PATIENT = 4200


@pytest.fixture
async def bot_with_admin(tmp_path: Path, clock: Clock, db: Database) -> AsyncIterator[BotHarness]:
    """On SQLite, and on PostgreSQL when it is configured (the aggregates are SQL)."""
    settings = make_settings(tmp_path, admin={"chat_ids": [ADMIN]})
    async with running_bot(settings, clock=clock, db=db) as harness:
        yield harness


def seed(harness: BotHarness) -> None:
    now = harness.services.now()
    with harness.services.db.session() as session:
        done = {"set_up": False, "setup_completed_at": now}  # finished setup, no settings
        active = [make_patient(5000 + i, now, **done) for i in range(3)]
        paused = make_patient(5100, now, **done, paused=True)
        blocked = make_patient(5200, now, **done, paused=True, blocked_at=now)
        new = make_patient(5300, now, set_up=False)
        session.add_all([*active, paused, blocked, new])
        session.flush()
        outcomes = ["taken"] * 6 + ["skipped", "missed"]
        for day, outcome in enumerate(outcomes):
            session.add(
                Night(
                    patient_id=active[0].id,
                    local_date=date(2026, 11, 1) + timedelta(days=day),
                    due_at=now - timedelta(days=len(outcomes) - day),
                    dose_mg=Decimal("1.5"),
                    outcome=outcome,
                )
            )
        # An old night outside the 30-day window.
        session.add(
            Night(
                patient_id=active[1].id,
                local_date=date(2026, 1, 1),
                due_at=now - timedelta(days=300),
                dose_mg=Decimal("1.5"),
                outcome="missed",
            )
        )
        # Asked by three different patients: shown. Asked by one (five times) or by two:
        # never shown, whatever the count.
        for asker, text, kind in [
            (active[0], "Can I take LDN with grapefruit juice?", "unknown"),
            (active[1], "can i take ldn with grapefruit juice? ", "unknown"),
            (active[2], "can I take LDN with grapefruit juice?", "unknown"),
            (active[0], "Does LDN help with tinnitus?", "unknown"),
            (active[1], "Does LDN help with tinnitus?", "unknown"),
            *[(active[2], "I am Jane Roe of 12 Elm St, is LDN ok with my HIV meds?", "unknown")]
            * 5,
            (active[2], "What is LDN?", "answer"),
        ]:
            session.add(
                FaqQuestion(patient_id=asker.id, text=text, kind=kind, score=0.1, created_at=now)
            )


async def test_admin_sees_patients_adherence_and_unanswered_questions(
    bot_with_admin: BotHarness,
) -> None:
    seed(bot_with_admin)
    reply = await bot_with_admin.say("/admin", chat_id=ADMIN)
    text = reply.text
    assert "active: 3" in text
    assert "paused: 1" in text
    assert "blocked the bot: 1" in text
    # The admin's own chat has no patient row until /start; 5 seeded + nothing else.
    assert "Patients: 6" in text
    assert "last 30 days: 75% (6 taken, 1 skipped, 1 missed)" in text
    assert "all time: 67% (6 taken, 1 skipped, 2 missed)" in text
    lines = text.splitlines()
    top = lines.index("Top unanswered FAQ questions (each asked by 3 or more patients):")
    assert "3×" in lines[top + 1] and "grapefruit" in lines[top + 1].lower()
    assert lines[top + 2 :] == []
    assert "What is LDN?" not in text
    # One patient's own words never reach the operator, however often they asked.
    assert "Jane" not in text and "tinnitus" not in text


async def test_admin_threshold_is_the_operators_to_set(
    tmp_path: Path, clock: Clock, db: Database
) -> None:
    settings = make_settings(
        tmp_path, admin={"chat_ids": [ADMIN]}, privacy={"show_questions_asked_by": 2}
    )
    async with running_bot(settings, clock=clock, db=db) as harness:
        seed(harness)
        text = (await harness.say("/admin", chat_id=ADMIN)).text
    assert "(each asked by 2 or more patients)" in text
    assert "  2× Does LDN help with tinnitus?" in text
    assert "Jane" not in text


async def test_admin_on_an_empty_bot_says_so(bot_with_admin: BotHarness) -> None:
    reply = await bot_with_admin.say("/admin", chat_id=ADMIN)
    assert "Patients: 0" in reply.text
    assert "no recorded nights yet" in reply.text


async def test_others_get_no_hint_that_admin_exists(bot_with_admin: BotHarness) -> None:
    seed(bot_with_admin)
    sandbox = bot_with_admin.sandbox
    await bot_with_admin.say("/start", chat_id=PATIENT)
    await sandbox.wait_until_idle()

    def replies(chat: int) -> list[str]:
        return [m.body for m in sandbox.messages(chat)]

    before = replies(PATIENT)
    # Every unknown command gets a short reply (issue 13 item 7): wait for it, as the per-chat
    # send limit may hold the second one for about a second.
    await bot_with_admin.say("/admin", chat_id=PATIENT)
    await sandbox.wait_until_idle()
    after_admin = replies(PATIENT)[len(before) :]
    await bot_with_admin.say("/nosuchcommand", chat_id=PATIENT)
    await sandbox.wait_until_idle()
    after_unknown = replies(PATIENT)[len(before) + len(after_admin) :]
    assert after_admin == after_unknown  # exactly what any unknown command gets
    assert not any("Patients:" in text or "admin" in text.lower() for text in after_admin)
    assert "admin" not in [name for name, _ in COMMANDS]
    assert "/admin" not in (await bot_with_admin.say("/help", chat_id=PATIENT)).text


async def test_admin_in_a_group_is_not_answered_with_data(bot_with_admin: BotHarness) -> None:
    seed(bot_with_admin)
    group = -100555
    sandbox = bot_with_admin.sandbox
    sandbox.send_text(group, "/admin", chat_type="group", user_id=ADMIN)
    await sandbox.wait_until_idle()
    assert not any("Patients:" in m.body for m in sandbox.messages(group))
    # Nor in the admin's private chat: asking in a group sends the overview nowhere.
    assert sandbox.messages(ADMIN) == []
    assert sandbox.calls("sendMessage", chat_id=ADMIN) == []
    # The same admin asking in private does get it (so the checks above could fail).
    reply = await bot_with_admin.say("/admin", chat_id=ADMIN)
    assert "Patients:" in reply.text
