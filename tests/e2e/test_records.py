"""A patient's record through the chat: /stats, /report, /export and /delete."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from datetime import UTC, datetime

import pypdfium2 as pdfium
import pytest
from PIL import Image
from sqlalchemy import select

from storage.models import Night, Patient
from storage.patients import PatientRepository
from storage.records import RecordsRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness
from tests.storage.test_erase import add_patient_with_history, count_rows, rows_mentioning

OTHER_PATIENT = 5551002
ALICE_NOTE = "Alice-note: woke at 3am with a pounding heart"
BOB_NOTE = "Bob-note: headache since Tuesday"


def add_history(bot: BotHarness, chat_id: int, *, note: str, nights: int = 20) -> int:
    with bot.services.db.session() as session:
        return add_patient_with_history(
            session, chat_id, now=bot.services.now(), nights=nights, note=note
        ).id


@pytest.fixture
def alice(bot: BotHarness) -> int:
    """The chat's patient with 20 nights (Nov 5..24, Berlin), and another patient beside."""
    add_history(bot, OTHER_PATIENT, note=BOB_NOTE)
    return add_history(bot, bot.chat_id, note=ALICE_NOTE)


def pdf_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


async def test_stats_shows_the_numbers_and_one_chart(bot: BotHarness, alice: int) -> None:
    reply = await bot.say("/stats", contains="Your LDN record")
    # Nights i = 0..19 (Nov 5..24): missed at i 6, 13; skipped at 4, 9, 14, 19.
    assert "Last 7 nights: 57% taken (4 taken, 2 skipped, 1 missed)" in reply.text
    assert "Last 30 nights: 70% taken (14 taken, 4 skipped, 2 missed)" in reply.text
    assert "Since you started: 70% taken (14 taken, 4 skipped, 2 missed)" in reply.text
    assert "streak" not in reply.text  # last night was skipped
    # Standard plan started Nov 5: week 3; one "up" decision -> 3 mg.
    assert "Now: 3 mg, week 3 of your plan." in reply.text
    # The last check-in (i = 18, Nov 23): vivid dreams severe, sleep none, score 1.
    assert "Last check-in (23 Nov): vivid dreams or nightmares severe." in reply.text
    assert "Symptom score: 1/10 now, 7/10 at your first check-in." in reply.text
    photo = await bot.sandbox.wait_for_message(bot.chat_id, predicate=lambda m: m.photo is not None)
    assert photo.photo is not None and photo.photo.startswith(b"\x89PNG")
    image = Image.open(io.BytesIO(photo.photo))
    assert image.size == (880, 990)
    # Not blank: the chart has the outcome colours in it.
    colours = {colour for _, colour in image.convert("RGB").getcolors(1_000_000)}
    assert (0x2E, 0x9E, 0x44) in colours and (0xD6, 0x27, 0x28) in colours
    assert len(bot.sandbox.calls("sendPhoto", bot.chat_id)) == 1


async def test_a_new_patient_gets_a_friendly_text_and_no_chart(bot: BotHarness) -> None:
    await bot.say("/start", contains="LDN companion")
    reply = await bot.say("/stats", contains="Nothing to chart yet")
    assert "normal" in reply.text
    await bot.sandbox.wait_until_idle()
    assert bot.sandbox.calls("sendPhoto") == []


async def test_someone_never_seen_is_pointed_to_start(bot: BotHarness) -> None:
    await bot.say("/stats", contains="/start")
    await bot.say("/export", contains="/start")
    await bot.say("/delete", contains="nothing to delete")
    with bot.services.db.session() as session:
        assert PatientRepository(session).find(bot.chat_id) is None  # reading created nobody


async def test_report_is_a_marked_pdf_with_the_patients_data_only(
    bot: BotHarness, alice: int
) -> None:
    bot.sandbox.send_text(bot.chat_id, "/report")
    message = await bot.sandbox.wait_for_message(
        bot.chat_id, predicate=lambda m: m.document is not None, timeout=10
    )
    assert message.filename == "ldn-report-2026-11-25.pdf"
    assert message.document is not None and message.document.startswith(b"%PDF")
    text = pdf_text(message.document)
    document = pdfium.PdfDocument(message.document)
    pages = len(document)
    first = document[0].render(scale=1).to_pil().convert("L")
    document.close()
    assert text.count("Patient-recorded data — not a medical record") == pages
    for heading in ("Plan and doses", "Adherence", "Side-effect check-ins", "Chart"):
        assert heading in text
    assert "Alice-note: woke at 3am" in text
    assert "Bob-note" not in text and str(OTHER_PATIENT) not in text
    assert "2026-11-05" in text and "Moved up" in text and "Baseline" in text
    # Page 1 is not blank: a good share of it is ink.
    dark = sum(first.histogram()[:128])
    assert dark > 0.01 * first.width * first.height


async def test_export_is_every_row_about_the_patient_as_csv(bot: BotHarness, alice: int) -> None:
    bot.sandbox.send_text(bot.chat_id, "/export")
    message = await bot.sandbox.wait_for_message(
        bot.chat_id, predicate=lambda m: m.document is not None
    )
    assert message.filename == "ldn-export-2026-11-25.zip"
    assert message.document is not None
    archive = zipfile.ZipFile(io.BytesIO(message.document))
    tables = {
        name.removesuffix(".csv"): list(csv.DictReader(io.StringIO(archive.read(name).decode())))
        for name in archive.namelist()
        if name.endswith(".csv") and not name.startswith("my-")
    }
    assert {name: len(rows) for name, rows in tables.items()} == {
        "patients": 1,
        "nights": 20,
        "step_decisions": 1,
        "screening_answers": 3,
        "checkins": 7,
        "corrections": 1,
        "notices": 2,
        "faq_questions": 1,
        "caregiver_links": 1,
    }
    assert tables["patients"][0]["chat_id"] == str(bot.chat_id)
    assert tables["patients"][0]["timezone"] == "Europe/Berlin"
    assert {
        row["patient_id"] for name, rows in tables.items() if name != "patients" for row in rows
    } == {str(alice)}
    assert any(row["note"] == ALICE_NOTE for row in tables["checkins"])
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Bob-note" not in everything and str(OTHER_PATIENT).encode() not in everything


def readable(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))


async def test_export_also_holds_nights_and_checkins_to_read_in_the_patients_zone(
    bot: BotHarness, alice: int
) -> None:
    bot.sandbox.send_text(bot.chat_id, "/export")
    message = await bot.sandbox.wait_for_message(
        bot.chat_id, predicate=lambda m: m.document is not None
    )
    assert message.document is not None
    archive = zipfile.ZipFile(io.BytesIO(message.document))
    assert archive.read("my-nights.csv").startswith("\ufeff".encode())  # opens as UTF-8
    nights = readable(archive, "my-nights.csv")
    assert len(nights) == 20
    # 21:00 UTC is 22:00 in Berlin: the patient's clock, not the server's.
    assert nights[0] == {
        "Night": "5 November 2026",
        "Reminder time": "22:00",
        "Dose": "1.5 mg",
        "What happened": "taken",
        "Recorded at": "22:05",
        "Corrected": "",
    }
    assert nights[6]["What happened"] == "not taken" and nights[6]["Recorded at"] == ""
    assert nights[4]["What happened"] == "skipped"
    assert nights[19]["Dose"] == "3 mg"
    checkins = readable(archive, "my-checkins.csv")
    assert len(checkins) == 7
    assert checkins[1]["Date"] == "8 November 2026"
    assert checkins[1]["Answered at"] == "22:10"
    assert checkins[1]["Sleep"] == "mild" and checkins[1]["Nausea"] == "none"
    assert checkins[1]["Note"] == ALICE_NOTE
    # No internal columns in the files to read.
    for rows in (nights, checkins):
        assert not {"id", "patient_id", "message_id", "claimed_at"} & set(rows[0])
    assert b"my-nights.csv" in archive.read("README.txt")


async def test_delete_erases_everything_and_the_bot_goes_quiet(
    bot: BotHarness, alice: int, clock: Clock
) -> None:
    # Both are due a reminder tonight at 22:00 Berlin.
    due = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
    with bot.services.db.session() as session:
        for chat_id in (bot.chat_id, OTHER_PATIENT):
            patient = PatientRepository(session).find(chat_id)
            assert patient is not None
            patient.next_reminder_at = due
    prompt = await bot.say("/delete", contains="erases everything")
    assert [label for label, _ in prompt.buttons] == ["Yes, delete everything", "Cancel"]
    done = await bot.tap(prompt, "Yes, delete everything", contains="deleted")
    assert done.message_id == prompt.message_id and done.buttons == []
    with bot.services.db.session() as session:
        assert rows_mentioning(session, chat_id=bot.chat_id, patient_id=alice) == []
        other = PatientRepository(session).find(OTHER_PATIENT)
        assert other is not None
        assert len(session.scalars(select(Night).where(Night.patient_id == other.id)).all()) == 20

    # Tonight's reminder time and the next morning come and go: nothing is sent to the chat.
    sent_before = len(bot.sandbox.messages(bot.chat_id))
    for moment in (
        datetime(2026, 11, 25, 21, 1, tzinfo=UTC),
        datetime(2026, 11, 26, 9, tzinfo=UTC),
    ):
        clock.set(moment)
        await bot.run_jobs()
    assert len(bot.sandbox.messages(bot.chat_id)) == sent_before
    assert bot.sandbox.messages(OTHER_PATIENT)  # the jobs did run: the other patient got theirs

    await bot.say("/start", contains="LDN companion")  # a fresh start, not "welcome back"
    with bot.services.db.session() as session:
        fresh = PatientRepository(session).find(bot.chat_id)
        assert fresh is not None and fresh.setup_completed_at is None
        assert RecordsRepository(session).nights(fresh.id) == []


async def test_cancel_deletes_nothing(bot: BotHarness, alice: int) -> None:
    with bot.services.db.session() as session:
        before = count_rows(session)
    prompt = await bot.say("/delete", contains="erases everything")
    reply = await bot.tap(prompt, "Cancel", contains="nothing was deleted")
    assert reply.buttons == []
    with bot.services.db.session() as session:
        assert count_rows(session) == before


async def test_an_old_delete_button_does_not_erase_a_new_start(
    bot: BotHarness, alice: int, clock: Clock
) -> None:
    first = await bot.say("/delete", contains="erases everything")
    second = await bot.say("/delete", contains="erases everything")
    await bot.tap(second, "Yes, delete everything", contains="deleted")
    clock.advance(minutes=5)
    await bot.say("/start", contains="LDN companion")
    # The first prompt's button still shows; it named the erased patient row.
    data = next(d for label, d in first.buttons if label.startswith("Yes"))
    bot.sandbox.tap(bot.chat_id, first.message_id, data)
    await bot.sandbox.wait_until_idle()
    with bot.services.db.session() as session:
        assert session.scalar(select(Patient).where(Patient.chat_id == bot.chat_id)) is not None
    answers = list(bot.sandbox.answered_callbacks.values())
    assert "expired" in answers[-1].get("text", ""), bot.transcript()


async def test_records_commands_log_no_notes(
    bot: BotHarness, alice: int, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await bot.say("/stats", contains="Your LDN record")
    bot.sandbox.send_text(bot.chat_id, "/report")
    await bot.sandbox.wait_for_message(
        bot.chat_id, predicate=lambda m: m.document is not None, timeout=10
    )
    bot.sandbox.send_text(bot.chat_id, "/export")
    await bot.sandbox.wait_for_message(bot.chat_id, predicate=lambda m: m.document is not None)
    prompt = await bot.say("/delete", contains="erases everything")
    await bot.tap(prompt, "Yes", contains="deleted")
    assert "Alice-note" not in caplog.text and "pounding" not in caplog.text
    assert "vivid" not in caplog.text.lower()
