"""The screening feature's button actions (bot/callbacks.py), for the features that show them.

Declared here so /settings can offer "Safety answers" without spelling this feature's prefix;
the screening handlers adopt these actions for their own handlers.
"""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("screening")
REVIEW = BUTTONS.action("review")  # the answers so far, with a button to change each
