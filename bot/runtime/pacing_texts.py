"""What the bot says to a chat sending more than it can answer (bot/runtime/pacing.py)."""

from __future__ import annotations

from bot.i18n import _


def slow_down(emergency_number: str) -> str:
    return _(
        "You're sending me messages faster than I can answer them, so I'll skip new ones for "
        "a little while. Please wait a minute, then send what you need again, one message "
        "at a time.\n\n"
        "If you feel unwell or unsafe right now, don't wait for me: call {number}.",
        number=emergency_number,
    )
