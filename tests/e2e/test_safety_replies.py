"""A red flag gets the reply that fits it, with the numbers for where the patient is."""

from __future__ import annotations

import pytest

from faq.triage import CONCERNS
from storage.models import Patient
from tests.conftest import Clock
from tests.e2e.harness import BotHarness
from tests.e2e.test_checkins import answer_effects, is_checkin, set_up_patient

OVERDOSE = "I accidentally took 10 capsules at once, what do I do"
RED_FLAG_REPLY = "reminder bot and can't help with emergencies"


async def set_zone(bot: BotHarness, zone: str) -> None:
    await bot.say(f"/timezone {zone}", contains="Time zone set")
    await bot.sandbox.wait_until_idle()  # setup goes on to its next question


async def test_a_new_york_patient_is_told_911_and_poison_help_not_112(bot: BotHarness) -> None:
    await set_zone(bot, "America/New_York")
    reply = await bot.say(OVERDOSE, contains=RED_FLAG_REPLY)
    assert "911" in reply.text and "112" not in reply.text
    assert "1-800-222-1222" in reply.text
    assert reply.buttons == []


async def test_a_berlin_patient_is_told_112(bot: BotHarness) -> None:
    await set_zone(bot, "Europe/Berlin")
    reply = await bot.say("my face and lips are swelling up", contains=RED_FLAG_REPLY)
    assert "call 112 now" in reply.text


async def test_a_london_patient_in_crisis_gets_samaritans_and_999(bot: BotHarness) -> None:
    await set_zone(bot, "Europe/London")
    reply = await bot.say("I want to die", contains=RED_FLAG_REPLY)
    assert "Samaritans on 116 123" in reply.text and "999" in reply.text
    assert "112" not in reply.text


async def test_a_patient_with_no_time_zone_gets_the_operators_default(bot: BotHarness) -> None:
    reply = await bot.say(OVERDOSE, contains=RED_FLAG_REPLY)
    assert bot.services.settings.safety.emergency_number in reply.text
    assert "a poison information service" in reply.text


async def test_liver_red_flags_go_to_the_prescriber_not_a_poison_service(bot: BotHarness) -> None:
    await set_zone(bot, "Australia/Sydney")
    reply = await bot.say("my skin and eyes have turned yellow", contains=RED_FLAG_REPLY)
    assert "prescriber" in reply.text and "000" in reply.text
    assert "poison" not in reply.text.lower()


async def test_opioid_withdrawal_says_not_to_take_more_opioid(bot: BotHarness) -> None:
    await set_zone(bot, "America/Chicago")
    reply = await bot.say(
        "I took my LDN and now I'm in withdrawal, shaking and sweating", contains=RED_FLAG_REPLY
    )
    assert "911" in reply.text
    assert "don't take more opioid to push through the block" in reply.text


async def test_a_severe_check_in_answer_gives_the_local_number(
    bot: BotHarness, clock: Clock
) -> None:
    patient_id = set_up_patient(bot, clock)
    with bot.services.db.session() as session:
        patient = session.get(Patient, patient_id)
        assert patient is not None
        patient.timezone = "America/New_York"
    checkin = await bot.say("/checkin", predicate=is_checkin)
    score = await answer_effects(bot, checkin, "None", "None", "Severe", "None")
    note = await bot.tap(score, "2")
    await bot.tap(note, "No note")
    safety = await bot.sandbox.wait_for_message(bot.chat_id, contains="severe")
    assert "call 911 now" in safety.text and "112" not in safety.text


# Detection of these concerns comes with branch `triage`; until it is merged they are skipped.
NEW_CONCERNS = {"child-ingestion", "pet-ingestion", "opioid-co-use", "pregnancy"}
needs_new_triage = pytest.mark.skipif(
    not set(CONCERNS) >= NEW_CONCERNS, reason="the triage rules for these come with branch triage"
)


@needs_new_triage
async def test_a_child_who_swallowed_a_capsule_gets_poison_control_and_911(
    bot: BotHarness,
) -> None:
    await set_zone(bot, "America/Denver")
    reply = await bot.say("my 3 year old swallowed one of my capsules", contains=RED_FLAG_REPLY)
    assert "child" in reply.text
    assert "1-800-222-1222" in reply.text and "911" in reply.text


@needs_new_triage
async def test_a_dog_that_ate_a_capsule_gets_the_vet_not_the_human_text(bot: BotHarness) -> None:
    await set_zone(bot, "America/New_York")
    reply = await bot.say("my dog ate one of my ldn capsules", contains="vet")
    assert "(888) 426-4435" in reply.text
    assert "911" not in reply.text and "prescribed dose" not in reply.text


@needs_new_triage
async def test_ldn_with_an_opioid_says_not_to_take_more_opioid(bot: BotHarness) -> None:
    await set_zone(bot, "Europe/London")
    reply = await bot.say(
        "i just took my ldn and i took tramadol an hour ago", contains=RED_FLAG_REPLY
    )
    assert "don't take more opioid to push through the block" in reply.text
    assert "999" in reply.text


@needs_new_triage
async def test_a_pregnancy_gets_contact_your_prescriber_soon_not_an_faq_menu(
    bot: BotHarness,
) -> None:
    await set_zone(bot, "Europe/Berlin")
    reply = await bot.say("i just found out im pregnant and im on ldn", contains="prescriber")
    assert "contact your prescriber soon" in reply.text and "isn't an emergency" in reply.text
    assert reply.buttons == []
    await bot.sandbox.wait_until_idle()
    assert bot.sandbox.messages(bot.chat_id)[-1].message_id == reply.message_id  # nothing else
