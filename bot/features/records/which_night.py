"""Which night a /taken or /skip belongs to: one rule, told to the patient when it matters.

A night is named by its evening. The rule, on the patient's local clock:

- **Before noon** a record is for last night (the night that began yesterday evening): the
  morning after is when people say "I took it".
- **From noon** it is for tonight, the coming evening. Except when last night is still not
  recorded (its reminder unanswered, or marked missed) and tonight's reminder has not come yet:
  then either night is plausible, so the patient is asked with two buttons.
- Once tonight's reminder is out, or tonight is already recorded, it is tonight.

A record for last night never touches tonight: tonight keeps its reminder.
Plain Python (no Telegram, no database): the handler passes the outcomes it found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

NOON_HOUR = 12
UNRECORDED = ("sending", "sent", "missed")


@dataclass(frozen=True)
class Decided:
    night: date  # the night to record


@dataclass(frozen=True)
class Ask:
    last_night: date
    tonight: date


def which_night(
    local_now: datetime, *, tonight_outcome: str | None, last_night_outcome: str | None
) -> Decided | Ask:
    """The night a record made at `local_now` is for, or the two nights to ask about.

    `tonight_outcome` / `last_night_outcome`: the stored outcome of the evening of today and of
    yesterday (None: no row, e.g. before the start, paused, or not due yet)."""
    today = local_now.date()
    if local_now.hour < NOON_HOUR:
        return Decided(today - timedelta(days=1))
    if tonight_outcome is not None:
        return Decided(today)
    if last_night_outcome in UNRECORDED:
        return Ask(last_night=today - timedelta(days=1), tonight=today)
    return Decided(today)


def may_record(local_now: datetime, night: date) -> bool:
    """Whether a button offered for `night` can still be used: it is last night or tonight."""
    today = local_now.date()
    return night in (today, today - timedelta(days=1))
