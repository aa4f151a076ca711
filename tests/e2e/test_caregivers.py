"""A caregiver, end to end through the sandbox with two (and three) chats and the test clock:
a patient invites with a one-time link, the caregiver hears of a missed night after its
cutoff and sees the patient's nights (check-ins only when allowed, notes never), either side
ends it, /delete and /export cover the links, and no caregiver ever sees another patient."""

from __future__ import annotations

import asyncio
import io
import itertools
import re
import zipfile
from datetime import time
from typing import Any

from sqlalchemy import select

from bot.features.caregivers.buttons import VIEW
from bot.sandbox import ChatMessage
from storage.models import CaregiverLink, Checkin, Patient
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness
from tests.e2e.test_fuzz import push_forged_press
from tests.e2e.test_reminders import add_patient, at, berlin

CAREGIVER = 5552002
OTHER_PATIENT = 5553003
OTHER_CAREGIVER = 5554004
STRANGER = 5555005
_presses = itertools.count()


async def say(bot: BotHarness, chat: int, text: str, name: str, **wait: Any) -> ChatMessage:
    bot.sandbox.send_text(chat, text, first_name=name)
    return await bot.sandbox.wait_for_message(chat, **wait)


async def invite(bot: BotHarness, chat: int = PATIENT, name: str = "Pat") -> str:
    """The patient asks for an invitation; returns the link the bot gave them."""
    panel = await say(
        bot, chat, "/caregivers", name, predicate=lambda m: "care:invite" in str(m.buttons)
    )
    bot.sandbox.tap(chat, panel.message_id, _data(panel, "Invite a caregiver"))
    message = await bot.sandbox.wait_for_message(chat, contains="t.me/")
    found = re.search(r"https://t\.me/ldn_sandbox_bot\?start=(\S+)", message.body)
    assert found, message.body
    assert "works once, within 48 hours" in message.body
    return found.group(0)


async def open_link(bot: BotHarness, chat: int, link: str, name: str) -> ChatMessage:
    """What Telegram sends when someone opens a t.me/<bot>?start=<payload> link."""
    payload = link.split("?start=", 1)[1]
    return await say(bot, chat, f"/start {payload}", name)


def _data(message: ChatMessage, label: str) -> str:
    matches = [data for text, data in message.buttons if label in text]
    assert matches, f"no button {label!r}: {message.buttons}"
    return matches[0]


async def press(bot: BotHarness, chat: int, message_id: int, data: str) -> dict[str, Any]:
    """A press in `chat` with `data`, on a button of that message or forged (as a modified
    client could send it); returns how the bot answered it."""
    query_id = f"forged{next(_presses)}"
    push_forged_press(
        bot.sandbox, query_id, chat, chat, bot.sandbox.message(chat, message_id), data
    )
    for _ in range(500):
        if query_id in bot.sandbox.answered_callbacks:
            break
        await asyncio.sleep(0.01)
    await bot.sandbox.wait_until_idle()
    return bot.sandbox.answered_callbacks[query_id]


def bodies(bot: BotHarness, chat: int) -> list[str]:
    return [m.body for m in bot.sandbox.messages(chat)]


def links(bot: BotHarness) -> list[CaregiverLink]:
    with bot.services.db.session() as session:
        return list(session.scalars(select(CaregiverLink).order_by(CaregiverLink.id)))


def labels(message: ChatMessage) -> list[str]:
    return [label for label, _ in message.buttons]


async def linked(bot: BotHarness, clock: Clock) -> None:
    """Pat (Berlin, 22:00) is set up and Sam follows Pat's nights."""
    clock.set(berlin(25, 12, 0))
    add_patient(bot, at=time(22, 0))
    link = await invite(bot)
    welcome = await open_link(bot, CAREGIVER, link, "Sam")
    assert "You now follow Pat's LDN nights" in welcome.body
    assert "medical advice" in welcome.body and "prescriber" in welcome.body
    joined = await bot.sandbox.wait_for_message(PATIENT, contains="opened your invitation")
    assert joined.body.startswith("Sam opened your invitation")


async def night_goes_unrecorded(bot: BotHarness, clock: Clock, day: int = 25) -> None:
    await at(bot, clock, berlin(day, 22, 0))  # the reminder
    await at(bot, clock, berlin(day + 1, 2, 30))  # past the 4-hour cutoff: missed
    await bot.run_jobs()  # whichever tick ran first, both have now seen it


async def test_caregiver_hears_once_of_a_missed_night_and_sees_the_nights(
    bot: BotHarness, clock: Clock
) -> None:
    await linked(bot, clock)
    await at(bot, clock, berlin(25, 22, 0))
    assert not any("hasn't recorded" in b for b in bodies(bot, CAREGIVER))  # not before the cutoff
    await at(bot, clock, berlin(26, 1, 30))
    assert not any("hasn't recorded" in b for b in bodies(bot, CAREGIVER))

    await at(bot, clock, berlin(26, 2, 30))
    await bot.run_jobs()
    notice = await bot.sandbox.wait_for_message(CAREGIVER, contains="hasn't recorded")
    assert notice.body.startswith("Pat hasn't recorded their LDN dose for the night of Wed 25 Nov.")
    for _ in range(3):  # told once
        clock.advance(minutes=5)
        await bot.run_jobs()
    assert sum("hasn't recorded" in b for b in bodies(bot, CAREGIVER)) == 1

    # The next night Pat taps Taken; Sam looks at Pat's nights.
    before = bot.sandbox.last_seq
    await at(bot, clock, berlin(26, 22, 0))
    # That night's reminder, not the baseline liver test (due that morning, sent in the same run).
    reminder = await bot.sandbox.wait_for_message(
        PATIENT, predicate=lambda m: any("Taken" in label for label in labels(m)), after=before
    )
    await bot.tap(reminder, "Taken")
    answer = await press(bot, CAREGIVER, notice.message_id, _data(notice, "Pat's nights"))
    assert not answer.get("show_alert")
    view = await bot.sandbox.wait_for_message(CAREGIVER, contains="recent nights:")
    assert "Thu 26 Nov: ✅ taken" in view.body
    assert "Wed 25 Nov: ❌ not recorded" in view.body
    assert "Taken on 1 of the last 2 nights." in view.body
    assert "Their check-ins are private." in view.body
    assert "mg" not in view.body  # adherence, not the dose


async def test_check_ins_are_shown_only_when_allowed_and_notes_never(
    bot: BotHarness, clock: Clock
) -> None:
    await linked(bot, clock)
    with bot.services.db.session() as session:
        patient = session.scalar(select(Patient).where(Patient.chat_id == PATIENT))
        assert patient is not None
        now = clock()
        session.add(
            Checkin(
                patient_id=patient.id,
                local_date=berlin(25, 9).date(),
                created_at=now,
                completed_at=now,
                vivid_dreams=2,
                sleep_disturbance=0,
                nausea=0,
                symptom_flare=1,
                symptom_score=4,
                note="private: argued with my sister",
            )
        )
    await night_goes_unrecorded(bot, clock)
    following = await say(bot, CAREGIVER, "/caring", "Sam", contains="You follow")
    await press(bot, CAREGIVER, following.message_id, _data(following, "Pat's nights"))
    private = await bot.sandbox.wait_for_message(CAREGIVER, contains="recent nights:")
    assert "Their check-ins are private." in private.body
    assert "vivid dreams" not in private.body

    panel = await say(bot, PATIENT, "/caregivers", "Pat", contains="Following your nights")
    assert "Sam, since Wed 25 Nov — sees your nights" in panel.body
    await bot.tap(panel, "Show my check-ins to Sam")
    shared = bot.sandbox.message(PATIENT, panel.message_id)
    assert shared.body.startswith("Sam can now see your check-in answers")
    assert "sees your nights and your check-in answers" in shared.body

    await press(bot, CAREGIVER, following.message_id, _data(following, "Pat's nights"))
    view = await bot.sandbox.wait_for_message(CAREGIVER, contains="recent nights:")
    assert "Latest check-in (Wed 25 Nov):" in view.body
    assert "vivid dreams: moderate" in view.body and "symptom flare: mild" in view.body
    assert "symptoms today: 4 out of 10" in view.body
    assert "sister" not in view.body and "private" not in view.body

    await bot.tap(shared, "Hide my check-ins from Sam")
    await press(bot, CAREGIVER, following.message_id, _data(following, "Pat's nights"))
    hidden = await bot.sandbox.wait_for_message(CAREGIVER, contains="recent nights:")
    assert "vivid dreams" not in hidden.body and "Their check-ins are private." in hidden.body


async def test_the_link_works_once_within_48_hours_and_not_for_the_patient(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot)
    link = await invite(bot)
    own = await open_link(bot, PATIENT, link, "Pat")
    assert "That's your own invitation link" in own.body
    first = await open_link(bot, CAREGIVER, link, "Sam")
    assert "You now follow Pat's LDN nights" in first.body
    again = await open_link(bot, STRANGER, link, "Eve")
    assert "expired or was already used" in again.body

    late = await invite(bot)
    clock.advance(hours=48, minutes=1)
    expired = await open_link(bot, STRANGER, late, "Eve")
    assert "expired or was already used" in expired.body
    forged = await say(bot, STRANGER, "/start cg_notarealtoken123", "Eve")
    assert "expired or was already used" in forged.body
    # The stranger follows nobody, and was not made a patient by opening links.
    following = await say(bot, STRANGER, "/caring", "Eve")
    assert "You don't follow anyone's nights" in following.body
    with bot.services.db.session() as session:
        assert session.scalar(select(Patient).where(Patient.chat_id == STRANGER)) is None
    assert len(links(bot)) == 2  # the expired invitation, until the next tick
    await bot.run_jobs()
    assert [link.caregiver_chat_id for link in links(bot)] == [CAREGIVER]
    assert all(link.token_hash is None or len(link.token_hash) == 64 for link in links(bot))


async def test_patient_removes_a_caregiver_who_hears_no_more(bot: BotHarness, clock: Clock) -> None:
    await linked(bot, clock)
    following = await say(bot, CAREGIVER, "/caring", "Sam", contains="You follow")
    panel = await say(bot, PATIENT, "/caregivers", "Pat", contains="Following your nights")
    await bot.tap(panel, "Remove Sam")
    edited = bot.sandbox.message(PATIENT, panel.message_id)
    assert edited.body.startswith("Removed: Sam no longer follows your nights.")
    assert "Nobody follows your nights yet." in edited.body
    told = await bot.sandbox.wait_for_message(CAREGIVER, contains="stopped sharing")
    assert told.body.startswith("Pat has stopped sharing their nights with you")

    await night_goes_unrecorded(bot, clock)
    assert not any("hasn't recorded" in b for b in bodies(bot, CAREGIVER))
    answer = await press(bot, CAREGIVER, following.message_id, _data(following, "Pat's nights"))
    assert answer.get("show_alert") is True and "expired" in answer["text"]
    assert not any("recent nights:" in b for b in bodies(bot, CAREGIVER))


async def test_caregiver_leaves_and_the_patient_is_told(bot: BotHarness, clock: Clock) -> None:
    await linked(bot, clock)
    following = await say(bot, CAREGIVER, "/caring", "Sam", contains="You follow")
    await bot.tap(following, "Stop following Pat", chat_id=CAREGIVER)
    assert bot.sandbox.message(CAREGIVER, following.message_id).body == (
        "You no longer follow Pat's nights."
    )
    told = await bot.sandbox.wait_for_message(PATIENT, contains="no longer follows")
    assert told.body == "Sam no longer follows your nights."
    assert links(bot) == []
    await night_goes_unrecorded(bot, clock)
    assert not any("hasn't recorded" in b for b in bodies(bot, CAREGIVER))


async def test_no_caregiver_ever_sees_another_patient(bot: BotHarness, clock: Clock) -> None:
    await linked(bot, clock)  # Sam follows Pat
    add_patient(bot, chat_id=OTHER_PATIENT, at=time(21, 0))  # Kim, followed by Lee
    link = await invite(bot, OTHER_PATIENT, "Kim")
    await open_link(bot, OTHER_CAREGIVER, link, "Lee")
    kims_link = next(link.id for link in links(bot) if link.caregiver_chat_id == OTHER_CAREGIVER)

    # Both patients miss the night: each caregiver hears only of their own patient.
    await at(bot, clock, berlin(25, 21, 0))
    await night_goes_unrecorded(bot, clock)
    sam = [b for b in bodies(bot, CAREGIVER) if "hasn't recorded" in b]
    lee = [b for b in bodies(bot, OTHER_CAREGIVER) if "hasn't recorded" in b]
    assert len(sam) == 1 and sam[0].startswith("Pat ")
    assert len(lee) == 1 and lee[0].startswith("Kim ")
    assert "Kim" not in " ".join(bodies(bot, CAREGIVER))

    # Sam forges presses naming Kim's link: nothing of Kim's is shown, nothing changes.
    following = await say(bot, CAREGIVER, "/caring", "Sam", contains="You follow")
    assert "Kim" not in following.body
    for data in (VIEW.data(kims_link), f"care:leave:{kims_link}", f"care:remove:{kims_link}"):
        answer = await press(bot, CAREGIVER, following.message_id, data)
        assert answer.get("show_alert") is True and "expired" in answer["text"]
    share = await press(bot, CAREGIVER, following.message_id, f"care:share:{kims_link}:1")
    assert share.get("show_alert") is True
    assert "Kim" not in " ".join(bodies(bot, CAREGIVER))
    assert not any("recent nights:" in b for b in bodies(bot, CAREGIVER))
    kim = next(link for link in links(bot) if link.id == kims_link)
    assert kim.caregiver_chat_id == OTHER_CAREGIVER and kim.shares_checkins is False

    # And Pat cannot remove Kim's caregiver either.
    panel = await say(bot, PATIENT, "/caregivers", "Pat", contains="Following your nights")
    answer = await press(bot, PATIENT, panel.message_id, f"care:remove:{kims_link}")
    assert answer.get("show_alert") is True
    assert any(link.id == kims_link for link in links(bot))


async def test_delete_and_export_cover_the_links(bot: BotHarness, clock: Clock) -> None:
    await linked(bot, clock)
    # The caregiver (not a patient) exports what is kept about them, then erases it.
    bot.sandbox.send_text(CAREGIVER, "/export", first_name="Sam")
    export = await bot.sandbox.wait_for_message(
        CAREGIVER, predicate=lambda m: m.document is not None
    )
    assert export.document is not None
    with zipfile.ZipFile(io.BytesIO(export.document)) as archive:
        caregiving = archive.read("caregiving.csv").decode()
    assert "patient_name,caregiver_name" in caregiving and "Pat,Sam" in caregiving

    # The patient's own export holds the link too.
    bot.sandbox.send_text(PATIENT, "/export", first_name="Pat")
    mine = await bot.sandbox.wait_for_message(PATIENT, predicate=lambda m: m.document is not None)
    assert mine.document is not None
    with zipfile.ZipFile(io.BytesIO(mine.document)) as archive:
        assert "Sam" in archive.read("caregiver_links.csv").decode()

    prompt = await say(bot, CAREGIVER, "/delete", "Sam", contains="erases everything")
    done = await bot.tap(prompt, "Yes, delete everything", chat_id=CAREGIVER)
    assert "everything I stored about you is deleted" in done.body
    assert links(bot) == []
    following = await say(bot, CAREGIVER, "/caring", "Sam")
    assert "You don't follow anyone's nights" in following.body

    # A patient's /delete removes their caregivers' links with them.
    link = await invite(bot)
    await open_link(bot, CAREGIVER, link, "Sam")
    assert len(links(bot)) == 1
    await bot.sandbox.wait_for_message(PATIENT, contains="opened your invitation")
    prompt = await say(bot, PATIENT, "/delete", "Pat", contains="erases everything")
    await bot.tap(prompt, "Yes, delete everything")
    assert links(bot) == []


async def test_nights_the_bot_was_down_for_are_not_told_as_missed(
    bot: BotHarness, clock: Clock
) -> None:
    await linked(bot, clock)
    await at(bot, clock, berlin(27, 12, 0))  # no tick ran for two nights: no reminder reached Pat
    await bot.run_jobs()
    assert not any("hasn't recorded" in b for b in bodies(bot, CAREGIVER))
    await night_goes_unrecorded(bot, clock, day=27)  # a reminder Pat got and did not answer
    notice = await bot.sandbox.wait_for_message(CAREGIVER, contains="hasn't recorded")
    assert "the night of Fri 27 Nov." in notice.body


async def test_one_open_invitation_which_the_patient_can_cancel(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot)
    first = await invite(bot)
    second = await invite(bot)
    replaced = await open_link(bot, CAREGIVER, first, "Sam")
    assert "expired or was already used" in replaced.body

    panel = await say(bot, PATIENT, "/caregivers", "Pat", contains="invitation not used yet")
    assert panel.body.count("invitation not used yet") == 1
    assert "(valid until Fri 27 Nov 12:00)" in panel.body  # 48 hours, in Pat's time zone
    await bot.tap(panel, "Cancel the open invitation")
    cancelled = bot.sandbox.message(PATIENT, panel.message_id)
    assert cancelled.body.startswith("Cancelled: that invitation link no longer works.")
    assert "Nobody follows your nights yet." in cancelled.body
    refused = await open_link(bot, CAREGIVER, second, "Sam")
    assert "expired or was already used" in refused.body
    assert links(bot) == []
