"""Doses as a Spanish or German patient reads them: "1,5 mg" with the decimal comma in the
nightly reminder, the plan in /settings and /stats, while the buttons' data keep "1.5" and an
English patient still reads "1.5 mg". Through the sandbox, with the real catalogs."""

from __future__ import annotations

from datetime import date, time

import pytest

from tests.conftest import Clock
from tests.e2e.harness import BotHarness
from tests.e2e.test_reminders import add_patient, at, berlin, mine
from tests.e2e.test_typed_in_language import (  # autouse: both languages offered here too
    spanish_and_german_offered,  # noqa: F401
    speaks,
)

# (language, how 1.5 and 4.5 are written, the one written the other way)
LANGUAGES = [("es", "1,5", "4,5", "1.5"), ("de", "1,5", "4,5", "1.5"), ("en", "1.5", "4.5", "1,5")]


@pytest.mark.parametrize(("language", "low", "high", "foreign"), LANGUAGES)
async def test_the_nightly_reminder_settings_and_stats_write_the_dose_in_the_patients_language(
    bot: BotHarness, clock: Clock, language: str, low: str, high: str, foreign: str
) -> None:
    clock.set(berlin(25, 21, 0))
    add_patient(bot, at=time(22, 0), plan="standard", form="liquid")  # night 1: 1.5 mg
    speaks(bot, language)

    await at(bot, clock, berlin(25, 22, 0))
    reminder = mine(bot)[0]
    assert f"{low} mg" in reminder.body and f"{low} mL" in reminder.body
    assert foreign not in reminder.body

    settings = await bot.say("/settings", contains=f"{high} mg")
    assert f"{low} mg" in settings.text
    assert foreign not in settings.text

    await bot.tap(reminder, "✅")  # taken: /stats has a night to show
    stats = await bot.say("/stats", contains=f"{high} mg")
    assert f"{low} mg" in stats.text
    assert foreign not in stats.text


@pytest.mark.parametrize(("language", "half"), [("es", "0,5"), ("de", "0,5"), ("en", "0.5")])
async def test_the_step_up_buttons_show_the_dose_in_the_patients_language_and_still_work(
    bot: BotHarness, clock: Clock, language: str, half: str
) -> None:
    clock.set(berlin(25, 12, 0))
    add_patient(bot, plan="gentle", form="capsule", start=date(2026, 11, 11))  # 0.5 -> 1 mg
    speaks(bot, language)
    await at(bot, clock, berlin(25, 22, 0))
    offer = mine(bot)[0]
    assert f"{half} mg" in offer.body
    stay = [text for text, _data in offer.buttons if f"{half} mg" in text]
    assert stay, offer.buttons

    await bot.tap(offer, stay[0])
    await bot.sandbox.wait_until_idle()
    after = bot.sandbox.message(bot.chat_id, offer.message_id)
    keep = [(text, data) for text, data in after.buttons if f"{half} mg" in text]
    assert keep, after.buttons  # "stay on 0,5 mg for good"
    # The button's data keeps the plain number the handler reads, whatever the language.
    assert "0.5" in keep[0][1] and "0,5" not in keep[0][1]
