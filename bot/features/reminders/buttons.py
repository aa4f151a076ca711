"""The reminder's buttons, declared once (see `bot.callbacks`): other features import these
actions instead of writing the "night" prefix themselves."""

from __future__ import annotations

from decimal import Decimal

from bot.callbacks import Buttons

BUTTONS = Buttons("night")
TAKEN = BUTTONS.action("taken", int)  # night id
SKIP = BUTTONS.action("skip", int)  # night id
SNOOZE = BUTTONS.action("snooze", int)  # night id
# The step buttons carry the dose they were offered for (night id, mg), to be checked against
# the plan, the answers and the check-ins at the time of the press.
GO_UP = BUTTONS.action("up", int, Decimal)
STAY = BUTTONS.action("stay", int, Decimal)
KEEP = BUTTONS.action("keep", int, Decimal)
# Step buttons of reminders sent before they carried the dose: answered as outdated.
OLD_GO_UP = BUTTONS.action("up", int)
OLD_STAY = BUTTONS.action("stay", int)
OLD_KEEP = BUTTONS.action("keep", int)
