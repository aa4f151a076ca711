"""The caregivers feature's buttons, declared once (bot/callbacks.py)."""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("care")
# The patient's side: a new invitation; remove a caregiver or cancel an invitation (link id);
# show or hide check-ins (link id, 1 to show / 0 to hide).
INVITE = BUTTONS.action("invite")
REMOVE = BUTTONS.action("remove", int)
SHARE = BUTTONS.action("share", int, int)
# The caregiver's side: a patient's recent nights; stop following (link id).
VIEW = BUTTONS.action("view", int)
LEAVE = BUTTONS.action("leave", int)
