"""The settings buttons' actions, declared once (bot/callbacks.py): the data each button
carries and the anchored pattern its handler matches.

The answers to questions whose setting can change meanwhile (time, form, plan, fixed dose,
start date, current dose) carry the setting's `asked_state` as their last argument: a press
is refused when the setting changed after the question was asked.
"""

from __future__ import annotations

from bot.callbacks import Buttons

BUTTONS = Buttons("settings")

CHANGE = BUTTONS.action("change", str)  # a setting's question, from the /settings summary
TIMEZONE = BUTTONS.action("tz", str)  # a zone picked among places
TIMEZONE_AFTER_COMMAND = BUTTONS.action("tzc", str)  # the same, after a one-line /timezone
NOT_MY_TIME = BUTTONS.action("tzwrong")  # "That's not my time": ask the time zone again
OTHER_TIME = BUTTONS.action("othertime")  # the time is typed
TIME = BUTTONS.action("time", str, str)  # "2200", asked state
FORM = BUTTONS.action("form", str, str)  # "capsule" | "liquid", asked state
PLAN = BUTTONS.action("plan", str, str)  # plan kind, asked state
FIXED_DOSE = BUTTONS.action("fixed", str, str)  # mg, asked state
START = BUTTONS.action("start", str, str)  # "today" | "tomorrow" | "already", asked state
CURRENT_DOSE = BUTTONS.action("dose", str, str)  # mg taken now, asked state
STARTED_UNSURE = BUTTONS.action("since", str)  # "Not sure" when they started, asked state
