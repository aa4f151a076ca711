"""What the bot says about buttons and errors, whatever the feature."""

from __future__ import annotations

from bot.i18n import _


def not_yours() -> str:
    """A button pressed by someone else than the chat's patient (an alert)."""
    return _("This button isn't yours, so I didn't change anything.")


def expired() -> str:
    """A press no feature can read: forged, or from a message of an older version."""
    return _("That button has expired. Type /help to see what I can do.")


def something_went_wrong() -> str:
    return _(
        "Sorry — something went wrong on my side and I couldn't finish that. "
        "Please try again in a minute."
    )
