"""Recording nights from the chat, as a patient sees it: which night a late /taken is for,
/undo, and correcting a night from /history (kept as a correction, shown in the report)."""

from __future__ import annotations

import asyncio
import csv
import io
import zipfile
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
from sqlalchemy import select

from bot.features.reminders.scheduling import reschedule
from bot.sandbox import ChatMessage
from storage.models import Checkin, Correction, Night, Patient
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness
from tests.factories import make_patient

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


def add_patient(bot: BotHarness, *, start: date = date(2026, 11, 20)) -> None:
    now = bot.services.now()
    with bot.services.db.session() as session:
        patient = make_patient(
            PATIENT,
            now,
            session=session,
            timezone="Europe/Berlin",
            reminder_time=time(22, 0),
            form="capsule",
            plan="standard",
            start_date=start,
        )
        reschedule(session, patient, now, bot.services.registry)


async def at(bot: BotHarness, clock: Clock, moment: datetime) -> None:
    clock.set(moment)
    await bot.run_jobs()


def nights(bot: BotHarness) -> dict[date, Night]:
    with bot.services.db.session() as session:
        rows = session.scalars(
            select(Night).join(Patient).where(Patient.chat_id == PATIENT).order_by(Night.local_date)
        )
        return {n.local_date: n for n in rows}


def corrections(bot: BotHarness) -> list[tuple[str, date, str, str, str]]:
    with bot.services.db.session() as session:
        return [
            (c.kind, c.local_date, c.before, c.after, c.via)
            for c in session.scalars(select(Correction).order_by(Correction.id))
        ]


def reminders(bot: BotHarness) -> list[ChatMessage]:
    return [m for m in bot.sandbox.messages(PATIENT) if "Time for tonight's LDN" in m.body]


async def press(bot: BotHarness, message: ChatMessage, label: str) -> dict[str, Any]:
    """Tap a button; how the bot answered the press (a toast or an alert)."""
    current = bot.sandbox.message(PATIENT, message.message_id)
    data = next(d for text, d in current.buttons if label in text)
    answered = len(bot.sandbox.answered_callbacks)
    bot.sandbox.tap(PATIENT, message.message_id, data)
    for _ in range(500):
        if len(bot.sandbox.answered_callbacks) > answered:
            break
        await asyncio.sleep(0.01)
    await bot.sandbox.wait_until_idle()
    return list(bot.sandbox.answered_callbacks.values())[-1]


async def a_missed_night(bot: BotHarness, clock: Clock) -> None:
    """The reminder of Tue 24 Nov went unanswered and was marked missed overnight."""
    clock.set(berlin(24, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(24, 22, 0))
    await at(bot, clock, berlin(25, 3, 0))
    assert nights(bot)[date(2026, 11, 24)].outcome == "missed"


# ------------------------------------------------------------------ which night


async def test_taken_after_noon_with_last_night_unrecorded_asks_which_night(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(25, 13, 5))
    question = await bot.say("/taken", contains="Which night")
    assert "From noon on, /taken usually means tonight" in question.body
    assert [label for label, _ in question.buttons] == [
        "Last night (Tue 24 Nov)",
        "Tonight (Wed 25 Nov)",
    ]
    done = await bot.tap(question, "Last night", contains="last night")
    assert "recorded late at 13:05" in done.body
    assert "Tonight's reminder still comes at 22:00." in done.body
    assert nights(bot)[date(2026, 11, 24)].outcome == "taken"
    assert date(2026, 11, 25) not in nights(bot)

    # The late record for last night does not stand in for tonight: the reminder comes.
    await at(bot, clock, berlin(25, 22, 0))
    tonight = nights(bot)[date(2026, 11, 25)]
    assert tonight.outcome == "sent" and tonight.sent_at is not None
    [reminder] = reminders(bot)  # last night's was edited to show what was recorded
    assert reminder.message_id == tonight.message_id


async def test_choosing_tonight_records_tonight_and_no_reminder_comes(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(25, 20, 30))
    question = await bot.say("/taken", contains="Which night")
    await bot.tap(question, "Tonight", contains="Taken at 20:30")
    assert nights(bot)[date(2026, 11, 25)].outcome == "taken"
    assert nights(bot)[date(2026, 11, 24)].outcome == "missed"
    await at(bot, clock, berlin(25, 22, 0))
    assert len(reminders(bot)) == 1


async def test_taken_in_the_morning_is_for_last_night_without_asking(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(25, 8, 15))
    reply = await bot.say("/taken", contains="Taken")
    assert "recorded late at 08:15" in reply.body and reply.buttons == []
    assert nights(bot)[date(2026, 11, 24)].outcome == "taken"
    await at(bot, clock, berlin(25, 22, 0))
    tonight = nights(bot)[date(2026, 11, 25)]
    assert tonight.outcome == "sent" and tonight.sent_at is not None


async def test_after_noon_with_last_night_recorded_it_is_tonight(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(24, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(24, 22, 0))
    await bot.tap(reminders(bot)[0], "Taken", contains="Taken at")
    clock.set(berlin(25, 15, 0))
    reply = await bot.say("/skip", contains="Skipped")
    assert reply.buttons == []
    assert nights(bot)[date(2026, 11, 25)].outcome == "skipped"


async def test_skipping_last_night_from_the_afternoon_does_not_say_tonight(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(25, 16, 0))
    question = await bot.say("/skip", contains="Which night are you skipping?")
    done = await bot.tap(question, "Last night", contains="for last night")
    assert "tonight" not in done.body.split("\n")[0].lower()
    assert "That's for last night (Tue 24 Nov)." in done.body
    assert nights(bot)[date(2026, 11, 24)].outcome == "skipped"


async def test_a_which_night_button_two_days_later_changes_nothing(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(25, 13, 0))
    question = await bot.say("/taken", contains="Which night")
    clock.set(berlin(27, 13, 0))
    answer = await press(bot, question, "Last night")
    assert answer.get("show_alert") is True and "out of date" in answer["text"]
    assert nights(bot)[date(2026, 11, 24)].outcome == "missed"


# ------------------------------------------------------------------ /undo


async def test_undo_a_taken_before_the_reminder_brings_the_reminder_back(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await bot.say("/taken", contains="Taken at 21:00")
    clock.set(berlin(25, 21, 10))
    question = await bot.say("/undo", contains="Undo your last record")
    assert "✅ taken for the night of Wed 25 Nov" in question.body
    done = await bot.tap(question, "Yes, undo it", contains="Undone")
    assert "reminder for tonight is back on, at 22:00" in done.body
    assert date(2026, 11, 25) not in nights(bot)
    assert corrections(bot) == [("night", date(2026, 11, 25), "taken", "none", "undo")]
    await at(bot, clock, berlin(25, 22, 0))
    assert len(reminders(bot)) == 1


async def test_undo_after_the_reminder_reopens_it_and_cancel_keeps_it(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    await bot.tap(reminders(bot)[0], "Taken", contains="Taken at")
    question = await bot.say("/undo", contains="Undo")
    await bot.tap(question, "No, keep it", contains="nothing was undone")
    assert nights(bot)[date(2026, 11, 25)].outcome == "taken"
    question = await bot.say("/undo", contains="Undo")
    reopened = await bot.tap(question, "Yes, undo it", contains="not recorded yet")
    assert "Send /taken or /skip when you know." in reopened.body
    assert nights(bot)[date(2026, 11, 25)].outcome == "sent"
    # Undone records are not undone twice; a day later there is nothing left to undo.
    await bot.say("/undo", contains="nothing to undo")


async def test_undo_withdraws_the_last_check_in(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    now = bot.services.now()
    with bot.services.db.session() as session:
        patient = session.scalar(select(Patient).where(Patient.chat_id == PATIENT))
        assert patient is not None
        session.add(
            Checkin(
                patient_id=patient.id,
                local_date=date(2026, 11, 25),
                created_at=now - timedelta(hours=2),
                sent_at=now - timedelta(hours=2),
                completed_at=now - timedelta(hours=1),
                vivid_dreams=2,
                symptom_score=4,
            )
        )
    question = await bot.say("/undo", contains="check-in")
    await bot.tap(question, "Yes, undo it", contains="withdrawn")
    assert corrections(bot) == [("checkin", date(2026, 11, 25), "answered", "withdrawn", "undo")]
    await bot.say("/stats", contains="Nothing to chart yet")


# ------------------------------------------------------------------ /history corrections


async def test_history_corrects_a_night_and_the_report_shows_the_correction(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(26, 10, 0))
    listing = await bot.say("/history", contains="last 14 nights")
    assert "Tue 24 Nov — 1.5 mg — ❌ not recorded" in listing.body
    assert "To correct a night, tap its date below." in listing.body
    question = await bot.tap(listing, "Tue 24 Nov", contains="What happened that night?")
    # Taken, at about the time it was: the reminder's, an hour before, up to three after.
    assert [label for label, _ in question.buttons] == [
        "✅ 21:00",
        "✅ 22:00",
        "✅ 23:00",
        "✅ 00:00",
        "✅ 01:00",
        "⏭ Skipped",
        "❌ Not taken",
        "Keep as it is",
    ]
    done = await bot.tap(question, "✅ 23:00", contains="Corrected")
    assert done.body == "Corrected: Tue 24 Nov — 1.5 mg — ✅ taken at 23:00 (corrected)"
    assert corrections(bot) == [("night", date(2026, 11, 24), "missed", "taken", "history")]
    listing = await bot.say("/history", contains="last 14 nights")
    assert "Tue 24 Nov — 1.5 mg — ✅ taken at 23:00 (corrected)" in listing.body

    bot.sandbox.send_text(PATIENT, "/report")
    report = await bot.sandbox.wait_for_message(
        PATIENT, predicate=lambda m: m.document is not None, timeout=10
    )
    assert report.document is not None
    document = pdfium.PdfDocument(report.document)
    text = "\n".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    assert "Corrections made by the patient" in text
    assert "2026-11-26" in text and "not taken" in text and "taken at 23:00" in text

    bot.sandbox.send_text(PATIENT, "/export")
    export = await bot.sandbox.wait_for_message(
        PATIENT, predicate=lambda m: m.document is not None and m.filename.endswith(".zip")
    )
    assert export.document is not None
    archive = zipfile.ZipFile(io.BytesIO(export.document))
    rows = list(csv.DictReader(io.StringIO(archive.read("my-nights.csv").decode("utf-8-sig"))))
    assert rows[0]["Night"] == "24 November 2026"
    assert rows[0]["What happened"] == "taken"
    assert rows[0]["Recorded at"] == "23:00"
    assert rows[0]["Corrected"] == "was not taken, now taken"


async def test_correcting_an_open_night_takes_the_buttons_off_its_reminder(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(25, 22, 0))
    [reminder] = reminders(bot)
    listing = await bot.say("/history", contains="… waiting")
    question = await bot.tap(listing, "Wed 25 Nov", contains="What happened")
    await bot.tap(question, "Skipped", contains="Corrected")
    assert nights(bot)[date(2026, 11, 25)].outcome == "skipped"
    edited = bot.sandbox.message(PATIENT, reminder.message_id)
    assert edited.buttons == [] and "skipped" in edited.body


async def test_undo_after_a_history_correction_puts_the_night_back(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(24, 21, 0))
    add_patient(bot)
    await at(bot, clock, berlin(24, 22, 0))
    await bot.tap(reminders(bot)[0], "Taken", contains="Taken at 22:00")
    clock.set(berlin(26, 10, 0))  # more than a day later: the tap itself is past undoing
    listing = await bot.say("/history", contains="last 14 nights")
    question = await bot.tap(listing, "Tue 24 Nov", contains="What happened")
    await bot.tap(question, "Skipped", contains="Corrected")
    clock.set(berlin(26, 10, 5))
    undo = await bot.say("/undo", contains="⏭ skipped for the night of Tue 24 Nov")
    await bot.tap(undo, "Yes, undo it", contains="Undone")
    assert nights(bot)[date(2026, 11, 24)].outcome == "taken"
    assert corrections(bot) == [
        ("night", date(2026, 11, 24), "taken", "skipped", "history"),
        ("night", date(2026, 11, 24), "skipped", "taken", "undo"),
    ]


async def test_history_cannot_correct_a_night_outside_the_last_14(
    bot: BotHarness, clock: Clock
) -> None:
    await a_missed_night(bot, clock)
    clock.set(berlin(26, 10, 0))
    listing = await bot.say("/history", contains="last 14 nights")
    question = await bot.tap(listing, "Tue 24 Nov", contains="What happened")
    clock.set(datetime(2026, 12, 10, 10, 0, tzinfo=BERLIN))
    answer = await press(bot, question, "Skipped")
    assert answer.get("show_alert") is True and "no longer be corrected" in answer["text"]
    assert nights(bot)[date(2026, 11, 24)].outcome == "missed"
    assert corrections(bot) == []
