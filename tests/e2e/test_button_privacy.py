"""A patient sees and changes only their own data: forged and replayed button presses change
nothing, and health details stay out of the logs at INFO."""

from __future__ import annotations

import itertools
import logging
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from bot.features.chat.texts import not_yours
from bot.features.checkins.handlers import AWAITING_NOTE
from storage.base import Base
from storage.models import Checkin, FaqQuestion, Night, Notice, Patient
from tests.e2e.harness import BotHarness
from tests.storage.test_erase import add_patient_with_history

BOB = 5551002
OTHER_USER = 777_000_111
_query_ids = itertools.count(1)


def snapshot(bot: BotHarness) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table."""
    with bot.services.db.session() as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def setup_two_patients(bot: BotHarness) -> dict[str, int]:
    """The chat's patient (Alice) and Bob, each with a history; Bob also has tonight's reminder
    and a check-in still open, so a press that reached his rows would change something."""
    now = bot.services.now()
    with bot.services.db.session() as session:
        alice = add_patient_with_history(session, bot.chat_id, now=now, note="alice's note")
        bob = add_patient_with_history(session, BOB, now=now, note="bob's private note")
        night = Night(
            patient_id=bob.id,
            local_date=date(2026, 11, 25),
            due_at=now + timedelta(hours=9),
            dose_mg=Decimal("3"),
            step_index=1,
            outcome="sent",
            sent_at=now,
            message_id=4242,
        )
        checkin = Checkin(
            patient_id=bob.id, local_date=date(2026, 11, 25), created_at=now, sent_at=now
        )
        session.add_all([night, checkin])
        session.flush()
        notice = session.scalar(
            select(Notice).where(Notice.patient_id == bob.id, Notice.done_at.is_(None))
        )
        question = session.scalar(select(FaqQuestion).where(FaqQuestion.patient_id == bob.id))
        assert notice is not None and question is not None
        created = int(bob.created_at.timestamp() * 1_000_000)
        return {
            "alice": alice.id,
            "bob": bob.id,
            "bob_created": created,
            "night": night.id,
            "checkin": checkin.id,
            "notice": notice.id,
            "question": question.id,
        }


def forged_press(bot: BotHarness, *, chat_id: int, message_id: int, data: str, user_id: int) -> str:
    """Push a callback query the sandbox's tap() would refuse to make (data not on the
    message, or another chat's message); returns its id."""
    query_id = f"forged{next(_query_ids)}"
    # tap() registers its queries as open; a raw update must too, or answering it fails.
    bot.sandbox._open_callbacks.add(query_id)
    message = bot.sandbox.message(chat_id, message_id)
    bot.sandbox.push_update(
        {
            "callback_query": {
                "id": query_id,
                "from": {"id": user_id, "is_bot": False, "first_name": "Mallory"},
                "message": {
                    "message_id": message.message_id,
                    "date": message.date,
                    "chat": {"id": chat_id, "type": "private", "first_name": "Pat"},
                    "from": bot.sandbox.bot_user,
                    "text": message.text or "",
                },
                "chat_instance": str(chat_id * 7919),
                "data": data,
            }
        }
    )
    return query_id


async def test_a_button_pressed_by_someone_else_is_refused(bot: BotHarness) -> None:
    setup_two_patients(bot)
    prompt = await bot.say("/delete", contains="erases everything")
    before = snapshot(bot)
    data = next(d for label, d in prompt.buttons if label.startswith("Yes"))
    bot.sandbox.tap(bot.chat_id, prompt.message_id, data, user_id=OTHER_USER)
    await bot.sandbox.wait_until_idle()
    assert snapshot(bot) == before
    answer = list(bot.sandbox.answered_callbacks.values())[-1]
    assert answer["text"] == not_yours()
    assert bot.sandbox.message(bot.chat_id, prompt.message_id).buttons == prompt.buttons


async def test_a_press_in_another_patients_chat_is_refused(bot: BotHarness) -> None:
    ids = setup_two_patients(bot)
    await bot.say("/start", chat_id=BOB, contains="Welcome back")
    bobs_message = bot.sandbox.messages(BOB)[-1]
    before = snapshot(bot)
    query_id = forged_press(
        bot,
        chat_id=BOB,
        message_id=bobs_message.message_id,
        data=f"records:delete:{ids['bob']}:{ids['bob_created']}",
        user_id=bot.chat_id,  # Alice, pressing in Bob's chat
    )
    await bot.sandbox.wait_until_idle()
    assert snapshot(bot) == before
    assert bot.sandbox.answered_callbacks[query_id]["text"] == not_yours()


@pytest.mark.parametrize(
    "template",
    [
        "records:delete:{bob}:{bob_created}",
        "records:keep:{bob}:{bob_created}",
        "night:taken:{night}",
        "night:skip:{night}",
        "night:snooze:{night}",
        "night:up:{night}",
        "checkin:skip:{checkin}",
        "checkin:rate:{checkin}:0:3",
        "checkin:score:{checkin}:9",
        "lft:done:{notice}",
        "lft:later:{notice}",
        "faq:vote:{question}:down",
    ],
)
async def test_a_forged_row_id_of_another_patient_changes_nothing(
    bot: BotHarness, template: str
) -> None:
    ids = setup_two_patients(bot)
    shown = await bot.say("/help", contains="Here")
    await bot.sandbox.wait_until_idle()
    before = snapshot(bot)
    events_before = bot.sandbox.last_seq
    query_id = forged_press(
        bot,
        chat_id=bot.chat_id,
        message_id=shown.message_id,
        data=template.format(**ids),
        user_id=bot.chat_id,  # Alice herself, in her own chat: past the owner guard
    )
    await bot.sandbox.wait_until_idle()
    assert snapshot(bot) == before, template
    assert query_id in bot.sandbox.answered_callbacks  # the spinner stops
    # Nothing new in either chat: no edit, no message, nothing of Bob's shown to Alice.
    new = [e for e in bot.sandbox._events[events_before:] if e.from_bot]
    assert new == [], bot.transcript()


async def test_a_forged_delete_answers_that_the_button_expired(bot: BotHarness) -> None:
    ids = setup_two_patients(bot)
    shown = await bot.say("/help", contains="Here")
    query_id = forged_press(
        bot,
        chat_id=bot.chat_id,
        message_id=shown.message_id,
        data=f"records:delete:{ids['bob']}:{ids['bob_created']}",
        user_id=bot.chat_id,
    )
    await bot.sandbox.wait_until_idle()
    assert "expired" in bot.sandbox.answered_callbacks[query_id]["text"]
    with bot.services.db.session() as session:
        assert session.scalar(select(Patient).where(Patient.chat_id == BOB)) is not None
        assert session.scalar(select(Patient).where(Patient.chat_id == bot.chat_id)) is not None


async def test_free_text_and_notes_stay_out_of_info_logs(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    ids = setup_two_patients(bot)
    caplog.set_level(logging.INFO)
    marker = "zebra-pancreas-7731"
    bot.sandbox.send_text(bot.chat_id, f"I feel awful after my dose {marker}, what now?")
    await bot.sandbox.wait_for_message(bot.chat_id)
    # A check-in note being typed: the check-in asked for it and waits for the text.
    now = bot.services.now()
    with bot.services.db.session() as session:
        checkin = Checkin(
            patient_id=ids["alice"],
            local_date=date(2026, 11, 25),
            created_at=now,
            sent_at=now,
            vivid_dreams=2,
            sleep_disturbance=1,
            nausea=0,
            symptom_flare=0,
            symptom_score=4,
        )
        session.add(checkin)
        session.flush()
        checkin_id = checkin.id
        patient = session.get(Patient, ids["alice"])
        assert patient is not None
        patient.awaiting = AWAITING_NOTE
    bot.sandbox.send_text(bot.chat_id, f"the nightmares scare me {marker}-note")
    await bot.sandbox.wait_for_message(bot.chat_id)
    await bot.sandbox.wait_until_idle()
    with bot.services.db.session() as session:
        saved = session.get(Checkin, checkin_id)
        assert saved is not None
    assert saved.note == f"the nightmares scare me {marker}-note"
    await bot.say("/stats", contains="Your LDN record")
    await bot.sandbox.wait_until_idle()
    info = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    assert not [m for m in info if marker in m or "alice's note" in m]
