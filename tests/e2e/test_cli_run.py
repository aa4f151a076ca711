"""`ldn-bot run` as an operator starts it: a real process polling the sandbox."""

from __future__ import annotations

import asyncio
import signal
import socket
from pathlib import Path

import pytest

from bot.sandbox import BotApiSandbox
from tests.e2e.harness import start_bot_process

CHAT = 4242


async def test_ldn_bot_run_answers_start_and_help_and_stops_on_sigterm(tmp_path: Path) -> None:
    async with BotApiSandbox(token="123456:RUNTEST") as sandbox:
        config = tmp_path / "config.toml"
        config.write_text(
            "[telegram]\n"
            f'token = "{sandbox.token}"\n'
            f'base_url = "{sandbox.base_url}"\n'
            "[storage]\n"
            'url = "sqlite:///bot.sqlite3"\n'
            "[observability]\n"
            'log_level = "DEBUG"\n',
            encoding="utf-8",
        )
        process = await start_bot_process(config)
        try:
            sandbox.send_text(CHAT, "/start")
            greeting = await sandbox.wait_for_message(CHAT, contains="LDN companion", timeout=30)
            assert "not medical advice" in greeting.text
            sandbox.send_text(CHAT, "/help")
            await sandbox.wait_for_message(CHAT, contains="/settings", timeout=10)
            # Telegram is asked for new messages and button presses only (no edits).
            polls = sandbox.calls("getUpdates")
            assert polls[-1].params["allowed_updates"] == ["message", "callback_query"]
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = await asyncio.wait_for(process.communicate(), timeout=30)
        assert process.returncode == 0, output.decode()
        assert (tmp_path / "bot.sqlite3").exists()  # migrated at start, beside the config
        assert sandbox.token not in output.decode()  # even at DEBUG
        assert sandbox.token.split(":")[1] not in output.decode()


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_bot_api_that_cannot_be_reached_is_one_clear_line_without_noise(
    tmp_path: Path, mode: str
) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    token = "123456:UNREACHABLE-token"
    webhook = (
        "[telegram.webhook]\n"
        f"port = {port}\n"
        f'url = "https://bot.example.org/hook"\n'
        'secret_token = "a-long-enough-secret-0123"\n'
    )
    config = tmp_path / "config.toml"
    config.write_text(
        "[telegram]\n"
        f'token = "{token}"\n'
        f'base_url = "http://127.0.0.1:{port}/bot"\n'
        f'mode = "{mode}"\n' + (webhook if mode == "webhook" else "") + "[storage]\n"
        'url = "sqlite:///bot.sqlite3"\n',
        encoding="utf-8",
    )
    process = await start_bot_process(config, stderr_apart=True)
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    stderr = err.decode()
    assert process.returncode == 1, stderr
    (line,) = [line for line in stderr.splitlines() if line.startswith("cannot reach")]
    assert f"127.0.0.1:{port}" in line  # the address as it is, not '127.0.0.[token]'
    assert "[token]" not in line
    assert "Unclosed client session" not in stderr
    assert "Unclosed connector" not in stderr
    assert token not in stderr + out.decode()
    assert token.split(":")[1] not in stderr + out.decode()
