"""A new patient's typed answers that setup did not expect, as they tap through it in the chat:
an answer to the form question that is not a form gets the two buttons again, in the chat's
language, never the /form command's syntax."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.features.language import handlers as language_handlers
from bot.sandbox import ChatMessage
from tests.e2e.harness import PATIENT, BotHarness
from tests.e2e.test_setup_detours import labels, saved, up_to_the_time_question


@pytest.fixture(autouse=True)
def spanish_and_german_offered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(language_handlers, "offered_languages", lambda: ("en", "de", "es"))
    yield


async def up_to_the_form_question(bot: BotHarness) -> ChatMessage:
    question = await up_to_the_time_question(bot)
    await bot.tap(question, "22:00", contains="Reminder time set")
    return await bot.sandbox.wait_for_message(PATIENT, contains="Which form")


@pytest.mark.parametrize("typed", ["tablets", "the small ones", "2"])
async def test_an_answer_at_the_form_question_that_is_not_a_form_gets_the_buttons_again(
    bot: BotHarness, typed: str
) -> None:
    await up_to_the_form_question(bot)
    reply = await bot.say(typed, contains="capsules or a liquid")
    text = reply.text or ""
    assert "/form" not in text
    assert f"“{typed}”" in text
    assert labels(reply) == ["Capsules", "Liquid"]
    assert saved(bot, "form") is None
    await bot.tap(reply, "Liquid", contains="Form set")
    await bot.sandbox.wait_for_message(PATIENT, contains="Which plan")
    assert saved(bot, "form") == "liquid"


async def test_a_typed_form_still_counts_after_one_not_understood(bot: BotHarness) -> None:
    await up_to_the_form_question(bot)
    await bot.say("tablets", contains="capsules or a liquid")
    await bot.say("capsules", contains="Form set")
    assert saved(bot, "form") == "capsule"


@pytest.mark.parametrize(
    ("language", "typed", "asked", "buttons"),
    [
        ("es", "comprimidos", "¿Tu LDN es en cápsulas o líquida?", ["Cápsulas", "Líquida"]),
        ("de", "Tabletten", "Kapseln oder als Lösung?", ["Kapseln", "Lösung"]),
    ],
)
async def test_the_form_buttons_come_again_in_spanish_and_german(
    bot: BotHarness, language: str, typed: str, asked: str, buttons: list[str]
) -> None:
    bot.sandbox.set_app_language(PATIENT, language)
    await bot.say("/start")
    await bot.sandbox.wait_until_idle()
    time_question = await bot.say("Berlin", predicate=lambda m: "22:00" in labels(m))
    await bot.tap(time_question, "22:00", predicate=lambda m: labels(m) == buttons)
    reply = await bot.say(typed, contains=asked)
    assert "/form" not in (reply.text or "")
    assert labels(reply) == buttons
