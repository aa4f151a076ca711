"""A wrong config stops with one line that names the key; the token never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from bot.config import ConfigError, load_settings

MINIMAL = """
[telegram]
token = "123456:ABC-secret-token"
base_url = "https://api.telegram.org/bot"
[storage]
url = "sqlite:///ldn-bot.sqlite3"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_minimal_file_is_enough(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, MINIMAL), environ={})
    assert settings.token == "123456:ABC-secret-token"
    assert settings.telegram.mode == "polling"
    assert settings.storage.url == f"sqlite:///{tmp_path.resolve() / 'ldn-bot.sqlite3'}"
    assert settings.reminders.follow_up_after_minutes == 45


def test_the_example_file_is_valid_and_complete(tmp_path: Path) -> None:
    example = Path(__file__).parents[2] / "config.example.toml"
    settings = load_settings(example, environ={})
    assert settings.telegram.token is not None


def test_the_token_may_come_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, "[storage]\n")
    settings = load_settings(path, environ={"LDN_BOT_TOKEN": "999:FROM-ENV"})
    assert settings.token == "999:FROM-ENV"


def test_one_chat_is_capped_at_30_a_minute_unless_set_to_0(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[telegram]\ntoken = "1:x"\n'), environ={})
    assert settings.telegram.flood_cap_per_minute == 30
    off = '[telegram]\ntoken = "1:x"\nflood_cap_per_minute = 0\n'
    assert load_settings(write(tmp_path, off), environ={}).telegram.flood_cap_per_minute == 0


def test_storage_defaults_to_sqlite_beside_the_config(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, '[telegram]\ntoken = "1:x"\n'), environ={})
    assert settings.storage.url == f"sqlite:///{tmp_path.resolve() / 'ldn-bot.sqlite3'}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[telegram]\ntoken = "1:x"\n[reminders]\nfollow_up_after_minutes = "soon"\n',
            "reminders.follow_up_after_minutes",
        ),
        (
            '[telegram]\ntoken = "1:x"\n[reminders]\nfolow_up = 3\n',
            "reminders.folow_up: unknown key",
        ),
        ('[telegram]\ntoken = "1:x"\n[colours]\n', "colours: unknown key"),
        ('[telegram]\ntoken = "1:x"\nmode = "carrier-pigeon"\n', "telegram.mode"),
        ('[telegram]\ntoken = "1:x"\nmode = "webhook"\n', "telegram.webhook.url is required"),
        (
            '[telegram]\ntoken = "1:x"\nmode = "webhook"\n'
            '[telegram.webhook]\nurl = "https://bot.example.org/hook"\n',
            "telegram.webhook.secret_token: required when telegram.mode = 'webhook'",
        ),
        (
            '[telegram]\ntoken = "1:x"\nmode = "webhook"\n[telegram.webhook]\n'
            'url = "https://bot.example.org/hook"\nsecret_token = "only-15-chars-x"\n',
            "telegram.webhook.secret_token: at least 16 characters",
        ),
        ("[storage]\n", "telegram.token: missing"),
        ('[telegram]\ntoken = "nocolon"\n', "telegram.token: does not look like a bot token"),
        ('[telegram\ntoken = "1:x"\n', "not valid TOML"),
        (
            '[telegram]\ntoken = "1:x"\nflood_cap_per_minute = -1\n',
            "telegram.flood_cap_per_minute",
        ),
    ],
)
def test_a_wrong_config_names_the_key(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(write(tmp_path, text), environ={})
    assert expected in str(raised.value)


def test_check_config_prints_one_line_and_no_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        '[telegram]\ntoken = "123456:TOPSECRET"\nrequest_timeout_seconds = -1\n',
    )
    assert main(["check-config", "--config", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "telegram.request_timeout_seconds" in lines[0]
    assert "TOPSECRET" not in captured.err + captured.out


def test_check_config_on_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-config", "--config", str(write(tmp_path, MINIMAL))]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "ABC-secret" not in out


def test_check_config_refuses_a_webhook_without_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        '[telegram]\ntoken = "123456:TOPSECRET"\nmode = "webhook"\n'
        '[telegram.webhook]\nurl = "https://bot.example.org/hook"\n',
    )
    assert main(["check-config", "--config", str(path)]) == 2
    captured = capsys.readouterr()
    assert "OK" not in captured.out
    assert captured.err.startswith("config error: telegram.webhook.secret_token: required")


def test_the_webhook_listens_on_loopback_unless_told_otherwise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        '[telegram]\ntoken = "1:x"\nmode = "webhook"\n[telegram.webhook]\n'
        'url = "https://bot.example.org/hook"\nsecret_token = "sixteen-chars-ok"\n'
    )
    path = write(tmp_path, text)
    settings = load_settings(path, environ={})
    assert settings.telegram.webhook.listen == "127.0.0.1"
    assert main(["check-config", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    assert "webhook: listening on 127.0.0.1:8443" in out and "sixteen-chars-ok" not in out


def test_a_missing_config_file_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--config", str(tmp_path / "nope.toml")]) == 2
    assert "no such config file" in capsys.readouterr().err
