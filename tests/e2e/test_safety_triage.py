"""Indirect emergencies typed by a patient get the safety message, and nothing from the FAQ."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import ConfigError
from storage.models import FaqQuestion
from tests.conftest import make_settings
from tests.e2e.harness import BotHarness

INDIRECT_EMERGENCIES = [
    # (what the patient types, what the safety reply must carry)
    ("what should i do i took like 8 of my capsules", "emergency_number"),
    ("my toddler got into the bottle", "emergency_number"),
    ("i just dont want to wake up anymore", "crisis_line"),
    ("everyone would be better off without me", "crisis_line"),
    ("not sure if its an allergy but my lips are swelling", "emergency_number"),
    ("i took my ldn an hour ago and then a tramadol for my back", "emergency_number"),
]


@pytest.mark.parametrize(("message", "number"), INDIRECT_EMERGENCIES)
async def test_an_indirect_emergency_gets_the_safety_message_and_no_faq(
    bot: BotHarness, message: str, number: str
) -> None:
    reply = await bot.say(message)
    await bot.sandbox.wait_until_idle(quiet=0.2)
    assert getattr(bot.services.settings.safety, number) in reply.text
    assert reply.buttons == []  # no FAQ answer's votes, no "did you mean" entries
    assert [m.text for m in bot.sandbox.messages(bot.chat_id)] == [reply.text]
    with bot.services.db.session() as session:
        assert session.scalars(select(FaqQuestion)).all() == []


async def test_a_look_alike_still_gets_the_faq(bot: BotHarness) -> None:
    reply = await bot.say("my doctor doubled my dose to 3mg, when should i take it?")
    assert bot.services.settings.safety.emergency_number not in reply.text
    with bot.services.db.session() as session:
        assert len(session.scalars(select(FaqQuestion)).all()) == 1


async def test_the_bot_runs_the_semantic_net_beside_the_rules(bot: BotHarness) -> None:
    assert bot.services.safety_net is not None
    reply = await bot.say("my whole body is itchy and my eyes are puffing up")  # rules miss it
    assert bot.services.settings.safety.emergency_number in reply.text
    assert reply.buttons == []


@pytest.mark.parametrize("typed", ["{question}", "/ask {question}"])
async def test_a_question_is_triaged_once_then_answered(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """The rules and the net read a question once, before the FAQ answers it (they ran
    twice, once more inside the FAQ: the same verdict for twice the CPU)."""
    import faq.triage_lang

    question = "my sister wants to know if ldn causes insomnia"
    read: list[str] = []
    every_language = faq.triage_lang.every_language
    monkeypatch.setattr(
        faq.triage_lang,
        "every_language",
        lambda text, *args: read.append(text) or every_language(text, *args),
    )
    net = bot.services.safety_net
    assert net is not None
    asked: list[str] = []
    concern = net.concern
    monkeypatch.setattr(net, "concern", lambda text: asked.append(text) or concern(text))

    reply = await bot.say(typed.format(question=question))
    assert bot.services.settings.safety.emergency_number not in reply.text
    assert reply.buttons  # the FAQ's answer or its "did you mean"
    assert read == [question]
    assert asked == [question]  # it names someone: the net reads it too, once


def test_the_operator_can_turn_the_semantic_net_off(tmp_path: Path) -> None:
    from bot.app import build_services

    on = build_services(make_settings(tmp_path))
    off = build_services(make_settings(tmp_path, safety={"semantic_net": False}))
    assert on.safety_net is not None and on.faq is not None
    assert on.faq.safety_net is on.safety_net
    assert off.safety_net is None and off.faq is not None and off.faq.safety_net is None
    with pytest.raises(ConfigError, match=r"safety\.semantic_net"):
        make_settings(tmp_path, safety={"semantic_net": "sometimes"})
