"""The records feature's buttons, declared once (see bot/callbacks.py)."""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("records")
# /delete: the patient row it was offered for (id, created_at in microseconds)
DELETE = BUTTONS.action("delete", int, int)
KEEP = BUTTONS.action("keep", int, int)
# /taken or /skip from noon on, last night unrecorded: the outcome and the night (ordinal)
FOR_NIGHT = BUTTONS.action("for", str, int)
# /history: open a night to correct (ordinal); set it (ordinal, outcome); leave it
CORRECT = BUTTONS.action("fix", int)
SET = BUTTONS.action("set", int, str)
# Taken, at about the reminder time plus this many minutes (one of TAKEN_OFFSETS).
TAKEN_AT = BUTTONS.action("took", int, int)
LEAVE = BUTTONS.action("leave", int)
# /undo: what it was offered for ("night" or "checkin", the row id)
UNDO = BUTTONS.action("undo", str, int)
UNDO_CANCEL = BUTTONS.action("undo_no")
