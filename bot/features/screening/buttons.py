"""The safety questions' buttons, declared once (bot/callbacks.py). /settings imports REVIEW."""

from __future__ import annotations

from bot.callbacks import Buttons
from bot.domain.typed_answers import YesNo

BUTTONS = Buttons("screening")
# (topic, answer, the answers it was asked in: see handlers.asked_in)
SET = BUTTONS.action("set", str, YesNo, str)
# A button of an older version, without the answers it was asked in: refused, never saved.
SET_UNSTATED = BUTTONS.action("set", str, YesNo)
REVIEW = BUTTONS.action("review")
CHANGE = BUTTONS.action("change", str)  # topic
