"""The refills feature's buttons, declared once (see bot/callbacks.py)."""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("refill")
# The /settings summary's "Refill count": the count is typed next.
ASK_COUNT = BUTTONS.action("ask")
