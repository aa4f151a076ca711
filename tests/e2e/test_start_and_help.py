"""A patient's first contact, /help, and a group, through the sandbox."""

from __future__ import annotations

from bot.features.start.menu import COMMANDS
from tests.e2e.harness import BotHarness


async def test_start_greets_and_says_the_bot_is_not_medical_advice(bot: BotHarness) -> None:
    reply = await bot.say("/start", contains="LDN companion")
    assert "not medical advice" in reply.text
    assert "prescriber" in reply.text


async def test_help_lists_what_the_bot_can_do(bot: BotHarness) -> None:
    reply = await bot.say("/help", contains="Here's what I can do")
    for name, _ in COMMANDS:
        assert f"/{name}" in reply.text


async def test_the_command_menu_is_registered(bot: BotHarness) -> None:
    assert [c["command"] for c in bot.sandbox.commands] == [name for name, _ in COMMANDS]


async def test_a_group_is_told_once_and_then_the_bot_stays_quiet(bot: BotHarness) -> None:
    group = -100777
    bot.sandbox.send_text(group, "/start", chat_type="group", user_id=42)
    notice = await bot.sandbox.wait_for_message(group, contains="only work in private chats")
    bot.sandbox.send_text(group, "/help", chat_type="group", user_id=42)
    bot.sandbox.send_text(group, "what is LDN?", chat_type="group", user_id=43)
    await bot.sandbox.wait_until_idle()
    assert [m.message_id for m in bot.sandbox.messages(group)] == [notice.message_id]
