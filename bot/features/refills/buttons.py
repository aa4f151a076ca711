"""The refills feature's button actions (bot/callbacks.py), for the features that show them.

Declared here so /settings can offer "Refill count" without spelling this feature's prefix;
the refills handlers adopt these actions for their own handlers.
"""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("refill")
ASK_COUNT = BUTTONS.action("ask")  # the supply count is typed next
