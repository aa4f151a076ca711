"""Each red flag gets a reply that fits it, with the patient's local numbers."""

from __future__ import annotations

import pytest

from bot.features.safety.numbers import LocalNumbers, SafetyNumbers
from bot.features.safety.texts import safety_reply
from faq.triage import CONCERNS

US = SafetyNumbers(default_emergency="112", default_crisis_line="a crisis line").for_country("US")
NOWHERE = LocalNumbers(None, "112", "your local crisis line")
EVERY_CONCERN = [*CONCERNS, "child-ingestion", "pet-ingestion", "opioid-co-use", "pregnancy"]


@pytest.mark.parametrize("concern", EVERY_CONCERN)
def test_every_reply_is_short_plain_and_calm(concern: str) -> None:
    text = safety_reply(concern, US)
    assert len(text) <= 480, len(text)
    assert "!" not in text
    assert "112" not in text


def test_suicidal_thoughts_get_the_crisis_line_and_the_emergency_number_warmly() -> None:
    text = safety_reply("suicidal", US)
    assert "988" in text and "911" in text
    assert text.startswith("I'm so sorry")
    assert "poison" not in text.lower()


def test_a_child_who_swallowed_ldn_gets_poison_control_and_emergency_services() -> None:
    text = safety_reply("child-ingestion", US)
    assert "child" in text
    assert "1-800-222-1222" in text and "911" in text
    assert text != safety_reply("overdose", US)


def test_a_child_reply_without_a_known_poison_line_still_names_both() -> None:
    text = safety_reply("child-ingestion", NOWHERE)
    assert "poison information service" in text and "112" in text


def test_a_pet_gets_a_vet_and_an_animal_poison_line_not_the_human_overdose_text() -> None:
    text = safety_reply("pet-ingestion", US)
    assert "vet" in text and "(888) 426-4435" in text
    assert "911" not in text and "prescribed dose" not in text
    assert "vet" in safety_reply("pet-ingestion", NOWHERE)


def test_liver_red_flags_go_to_the_prescriber_or_emergency_care_not_a_poison_service() -> None:
    text = safety_reply("jaundice", US)
    assert "prescriber" in text and "emergency care" in text and "911" in text
    assert "poison" not in text.lower()


@pytest.mark.parametrize("concern", ["opioid-withdrawal", "opioid-co-use"])
def test_opioid_replies_seek_help_and_warn_against_more_opioid(concern: str) -> None:
    text = safety_reply(concern, US)
    assert "don't take more opioid to push through the block" in text
    assert "911" in text


def test_pregnancy_is_not_an_emergency_but_goes_to_the_prescriber_soon() -> None:
    text = safety_reply("pregnancy", US)
    assert "isn't an emergency" in text
    assert "contact your prescriber soon" in text
    assert "911" not in text and "can't help with emergencies" not in text


def test_an_overdose_names_the_local_poison_line() -> None:
    assert "Poison Help on 1-800-222-1222" in safety_reply("overdose", US)
    assert "a poison information service" in safety_reply("overdose", NOWHERE)


def test_an_unknown_concern_gets_the_general_emergency_reply() -> None:
    assert "call 911 now" in safety_reply("something-new", US)
