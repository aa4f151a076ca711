"""What the bot says about doses, as a patient reads it: the liver caution, dose limits that
don't question the prescription, the gentle plan as the bot's example, and the liquid's
strength (assumed 1 mg/mL until the patient sets their bottle's)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.features.reminders import texts as reminder_texts
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, BotHarness
from tests.e2e.test_reminders import add_patient, at, berlin, mine
from tests.e2e.test_screening import answer, has_button, patient_ready_for_screening
from tests.e2e.test_settings import patient, set_up  # noqa: F401 - the fixture


async def test_the_liver_answer_keeps_the_guides_caution(bot: BotHarness, clock: Clock) -> None:
    patient_ready_for_screening(bot, clock)
    opioids = await bot.say("/start", predicate=has_button("Yes"))
    liver = await answer(bot, opioids, "No", next_has="Yes")
    await answer(bot, liver, "Yes", next_has="Yes")
    explained = bot.sandbox.message(bot.chat_id, liver.message_id).text or ""
    assert "caution" in explained and "monitoring" in explained and "prescriber" in explained
    assert "can be used" not in explained


async def test_a_dose_outside_the_range_is_the_bots_limit_not_a_wrong_prescription(
    set_up: BotHarness,  # noqa: F811
) -> None:
    refused = await set_up.say("/plan fixed 6", contains="can't use 6 mg")
    assert "limit of this bot" in refused.text
    assert "prescriber's dose is the one to follow" in refused.text
    assert "check the dose" not in refused.text
    assert patient(set_up).plan == "standard"


async def test_every_gentle_step_up_offer_says_the_steps_are_an_example(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, plan="gentle", form="liquid", start=date(2026, 11, 11))  # night 15
    await at(bot, clock, berlin(25, 22, 0))
    offer = mine(bot)[0]
    assert "Go up to 1 mg tonight?" in offer.body
    assert reminder_texts.gentle_is_an_example() in offer.body
    assert "capsules" not in offer.body  # a liquid user needs no word on capsule sizes


async def test_a_capsule_user_on_the_gentle_plan_hears_the_guides_capsule_sizes(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, plan="gentle", form="capsule", start=date(2026, 11, 11))
    await at(bot, clock, berlin(25, 22, 0))
    offer = mine(bot)[0]
    assert reminder_texts.gentle_is_an_example() in offer.body
    assert "1.5, 3 and 4.5 mg capsules, and the liquid for very small doses" in offer.body


async def test_choosing_the_gentle_plan_on_capsules_says_what_the_guide_names(
    set_up: BotHarness,  # noqa: F811
) -> None:
    chosen = await set_up.say("/plan gentle", contains="Plan set: Gentle start")
    assert "example" in chosen.text
    assert "1.5, 3 and 4.5 mg capsules" in chosen.text and "liquid" in chosen.text
    plain = await set_up.say("/plan standard", contains="Plan set: Standard")
    assert "capsules" not in plain.text


async def test_liquid_reminders_state_the_strength_and_follow_the_bottles(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot, form="liquid", plan="standard")
    chosen = await bot.say("/form liquid", contains="Form set: liquid, 1 mg per mL")
    assert "/strength" in chosen.text  # offered

    refused = await bot.say("/strength 50", contains="can't use 50")
    assert "label" in refused.text
    refused = await bot.say("/strength strong", contains="couldn't read")
    set_to = await bot.say("/strength 2 mg/ml", contains="Liquid strength set: 2 mg per mL")
    assert "mL" in set_to.text
    with bot.services.db.session() as session:
        row = PatientRepository(session).find(PATIENT)
        assert row is not None and row.liquid_mg_per_ml == Decimal("2")

    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    assert "1.5 mg (0.75 mL of your 2 mg/mL liquid)" in reminder.body

    summary = await bot.say("/settings", contains="Your settings:")
    assert "• Form: liquid, 2 mg per mL" in summary.text
    assert "Liquid strength" in [label for label, _ in summary.buttons]


async def test_the_strength_can_be_changed_from_settings(bot: BotHarness, clock: Clock) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot, form="liquid", plan="standard")
    summary = await bot.say("/settings", contains="Your settings:")
    assert "• Form: liquid, 1 mg per mL" in summary.text
    asked = await bot.tap(summary, "Liquid strength", contains="mg per mL")
    assert "label" in asked.text
    await bot.say("0,5", contains="Liquid strength set: 0.5 mg per mL")
    summary = await bot.sandbox.wait_for_message(PATIENT, contains="liquid, 0.5 mg per mL")
    assert "Your settings:" in summary.text


async def test_a_refill_in_ml_counts_nights_at_the_bottles_strength(
    bot: BotHarness, clock: Clock
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot, form="liquid", plan="fixed")
    with bot.services.db.session() as session:
        row = PatientRepository(session).find(PATIENT)
        assert row is not None
        row.plan_steps = [{"mg": 1.5, "weeks": None}]
    await bot.say("/strength 3", contains="Liquid strength set: 3 mg per mL")
    saved = await bot.say("/refill 30 ml", contains="Saved")
    assert "30 mL" in saved.text and "about 60 nights" in saved.text  # 0.5 mL a night
