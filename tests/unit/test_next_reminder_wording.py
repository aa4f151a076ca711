"""The one wording of the next reminder (issue 13 item 6), from the moment it is due."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.features.reminders.compose import when_next_reminder

BERLIN = ZoneInfo("Europe/Berlin")


def local(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(UTC)


@pytest.mark.parametrize(
    ("now", "due", "words"),
    [
        (local(25, 13), local(25, 22), "tonight at 22:00"),
        (local(25, 7), local(25, 8, 30), "today at 08:30"),
        (local(25, 20), local(26, 8, 30), "tomorrow at 08:30"),  # was "tonight at 08:30"
        (local(25, 23), local(26, 22), "tomorrow night at 22:00"),
        (local(25, 20), local(26, 0, 30), "tonight at 00:30"),  # after midnight, this night
        (local(25, 9), local(26, 0, 30), "tomorrow at 00:30"),
        (local(25, 13), local(29, 22), "on Sun 29 Nov at 22:00"),
    ],
)
def test_the_next_reminder_is_named_by_the_day_it_comes(
    now: datetime, due: datetime, words: str
) -> None:
    assert when_next_reminder(due, "Europe/Berlin", now) == words


def test_a_time_the_clock_skips_is_worded_as_sent() -> None:
    # 02:30 does not exist in Berlin on 29 March 2026: it is sent at 03:00, and said so.
    now = datetime(2026, 3, 28, 21, 0, tzinfo=UTC)  # 22:00 on the 28th
    due = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)  # 03:00 CEST
    assert when_next_reminder(due, "Europe/Berlin", now) == "tonight at 03:00"
