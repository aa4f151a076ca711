"""The one-line start-up errors hide bot tokens and leave addresses alone."""

from __future__ import annotations

import pytest

from bot.cli import _without_tokens


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://api.telegram.org/bot123456:ABC-def_ghi/getMe", "…/bot[token]/getMe"),
        ("7123456789:AAH3kdjfhe_-sdkfjsdlkfjsldkfjsldkfj rejected", "[token] rejected"),
        ("Cannot connect to host 127.0.0.1:9 ssl:default", "host 127.0.0.1:9 ssl"),
        ("Cannot connect to host [::1]:8443", "[::1]:8443"),
        ("Cannot connect to host 10.0.0.12:65535", "10.0.0.12:65535"),
        ("Cannot connect to host db.example.org:5432", "db.example.org:5432"),
    ],
)
def test_tokens_are_hidden_and_host_port_is_not(text: str, shown: str) -> None:
    scrubbed = _without_tokens(text)
    assert shown.removeprefix("…") in scrubbed
    assert "ABC-def_ghi" not in scrubbed and "AAH3kdjfhe" not in scrubbed
