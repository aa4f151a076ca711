"""The language feature's buttons, declared once (bot/callbacks.py). /settings imports SHOW."""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("language")
CHOOSE = BUTTONS.action("set", str)  # the language code
SHOW = BUTTONS.action("show")  # the choice of languages, as /language shows it
