"""Safety screening during setup: each answer saved, a "yes" explained, and an opioid "yes"
holding the reminders until the patient confirms their prescriber cleared them."""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from bot.sandbox import ChatMessage
from storage.models import Patient
from storage.nights import NightRepository
from storage.patients import PatientRepository
from storage.screening import ScreeningRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness


def patient_ready_for_screening(bot: BotHarness, clock: Clock) -> None:
    """A patient who answered the setup questions before the safety ones."""
    with bot.services.db.session() as session:
        patient, _ = PatientRepository(session).get_or_create(bot.chat_id, now=clock())
        patient.timezone = "Europe/Berlin"
        patient.reminder_time = time(22, 0)
        patient.form = "capsule"
        patient.plan = "standard"
        patient.start_date = date(2026, 11, 26)


def stored(bot: BotHarness) -> tuple[Patient, dict[str, bool | None]]:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None
        return patient, ScreeningRepository(session).answers(patient.id)


def has_button(label: str):  # type: ignore[no-untyped-def]
    return lambda m: any(label in text for text, _ in m.buttons)


async def answer(bot: BotHarness, question: ChatMessage, label: str, next_has: str) -> ChatMessage:
    """Tap `label` on `question`; return the next question (the message with `next_has`)."""
    await bot.tap(question, label)
    return await bot.sandbox.wait_for_message(bot.chat_id, predicate=has_button(next_has))


async def test_opioid_yes_holds_reminders_until_the_prescriber_clears_them(
    bot: BotHarness, clock: Clock
) -> None:
    patient_ready_for_screening(bot, clock)
    opioids = await bot.say("/start", predicate=has_button("Yes"))
    for name in ("tramadol", "codeine", "oxycodone", "morphine", "fentanyl", "methadone"):
        assert name in opioids.text

    clearance = await answer(bot, opioids, "Yes", next_has="cleared me")
    explained = bot.sandbox.message(bot.chat_id, opioids.message_id).text or ""
    assert "withdrawal" in explained and "7–10 days" in explained
    assert "withdrawal" in clearance.text and "7–10 days" in clearance.text
    assert stored(bot)[0].next_reminder_at is None

    liver = await answer(bot, clearance, "Not yet", next_has="No")
    assert "liver" in liver.text.lower()
    pregnancy = await answer(bot, liver, "No", next_has="No")
    immuno = await answer(bot, pregnancy, "No", next_has="No")
    autoimmune = await answer(bot, immuno, "No", next_has="Not sure")
    await bot.tap(autoimmune, "Not sure")
    held = await bot.sandbox.wait_for_message(bot.chat_id, contains="on hold")

    patient, answers = stored(bot)
    assert answers == {
        "opioids": True,
        "opioids_cleared": False,
        "liver": False,
        "pregnancy": False,
        "immunosuppressants": False,
        "autoimmune": None,
    }
    assert patient.setup_completed_at is not None
    assert patient.next_reminder_at is None  # no reminder until cleared

    review = await bot.tap(held, "Safety answers", contains="Your safety answers")
    assert "on hold" in review.text
    again = await bot.tap(review, "Prescriber cleared", predicate=has_button("cleared me"))
    cleared = await bot.tap(again, "cleared me", contains="can start")
    assert "prescriber" in cleared.text

    patient, answers = stored(bot)
    assert answers["opioids_cleared"] is True
    assert patient.next_reminder_at is not None


async def test_each_yes_gets_its_explanation_and_answers_can_be_changed(
    bot: BotHarness, clock: Clock
) -> None:
    patient_ready_for_screening(bot, clock)
    opioids = await bot.say("/start", predicate=has_button("Yes"))
    liver = await answer(bot, opioids, "No", next_has="Yes")
    pregnancy = await answer(bot, liver, "Yes", next_has="Yes")
    assert "monitoring" in (bot.sandbox.message(bot.chat_id, liver.message_id).text or "")
    immuno = await answer(bot, pregnancy, "Yes", next_has="Yes")
    assert "not been established" in (
        bot.sandbox.message(bot.chat_id, pregnancy.message_id).text or ""
    )
    autoimmune = await answer(bot, immuno, "Yes", next_has="Not sure")
    assert "interactions" in (bot.sandbox.message(bot.chat_id, immuno.message_id).text or "")
    await bot.tap(autoimmune, "Yes")
    await bot.sandbox.wait_until_idle()

    patient, answers = stored(bot)
    assert answers == {
        "opioids": False,
        "liver": True,
        "pregnancy": True,
        "immunosuppressants": True,
        "autoimmune": True,
    }
    assert patient.autoimmune is True
    assert patient.setup_completed_at is not None
    assert patient.next_reminder_at is not None  # nothing holds the reminders
    assert not [m for m in bot.sandbox.messages(bot.chat_id) if "on hold" in (m.text or "")]

    # Later, from /settings > Safety answers: a new opioid "yes" asks for the clearance again.
    settings = await bot.say("/settings", predicate=has_button("Safety answers"))
    review = await bot.tap(settings, "Safety answers", contains="Your safety answers")
    question = await bot.tap(review, "Opioid medicines: No", predicate=has_button("Yes"))
    await bot.tap(question, "Yes", predicate=has_button("cleared me"))
    patient, answers = stored(bot)
    assert answers["opioids"] is True and "opioids_cleared" not in answers
    assert patient.next_reminder_at is None


async def test_after_a_logged_dose_the_clearance_asks_about_the_next_dose_not_the_first(
    bot: BotHarness, clock: Clock
) -> None:
    """Issue 13 item 11: "Before your first dose…" is not asked once a dose was logged."""
    patient_ready_for_screening(bot, clock)
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None
        patient.setup_completed_at = clock()
        for topic in ("opioids", "liver", "pregnancy", "immunosuppressants", "autoimmune"):
            ScreeningRepository(session).save(patient.id, topic, False, now=clock())
        NightRepository(session).add(
            patient,
            date(2026, 11, 24),
            due_at=clock() - timedelta(hours=14),
            dose_mg=Decimal("1.5"),
            step_index=0,
            outcome="taken",
            now=clock(),
        )
    settings = await bot.say("/settings", predicate=has_button("Safety answers"))
    review = await bot.tap(settings, "Safety answers", contains="Your safety answers")
    question = await bot.tap(review, "Opioid medicines: No", predicate=has_button("Yes"))
    clearance = await bot.tap(question, "Yes", predicate=has_button("cleared me"))
    assert clearance.text.startswith("Before your next dose")
    assert "first dose" not in clearance.text and "7–10 days" in clearance.text
