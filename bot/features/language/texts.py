"""What the bot says about the language it writes in (/language)."""

from __future__ import annotations

from bot.i18n import _


def choose() -> str:
    return _("Which language should I write to you in?")


def only_english() -> str:
    return _(
        "English is the only language I can write in so far. I'll tell you when another "
        "language is ready."
    )


def changed(language: str) -> str:
    return _("From now on I'll write to you in {language}.", language=language)
