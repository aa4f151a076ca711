"""Reminder times in the patient's zone: DST nights, odd offsets, after-midnight times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.schedule import due_at, next_due, night_of

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
KATHMANDU = ZoneInfo("Asia/Kathmandu")


def local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@pytest.mark.parametrize(
    ("zone", "night"),
    [
        (BERLIN, date(2026, 3, 28)),  # spring forward the next morning
        (BERLIN, date(2026, 3, 29)),
        (BERLIN, date(2026, 10, 24)),  # fall back
        (BERLIN, date(2026, 10, 25)),
        (NEW_YORK, date(2026, 3, 8)),
        (NEW_YORK, date(2026, 11, 1)),
        (LORD_HOWE, date(2026, 4, 4)),  # half-hour change
        (LORD_HOWE, date(2026, 10, 4)),
    ],
)
def test_22_00_stays_22_00_local_across_dst(zone: ZoneInfo, night: date) -> None:
    assert local(due_at(night, time(22, 0), zone), zone) == f"{night} 22:00"


def test_berlin_winter_and_summer_in_utc() -> None:
    assert due_at(date(2026, 3, 28), time(22, 0), BERLIN) == datetime(2026, 3, 28, 21, tzinfo=UTC)
    assert due_at(date(2026, 3, 29), time(22, 0), BERLIN) == datetime(2026, 3, 29, 20, tzinfo=UTC)


def test_a_time_that_does_not_exist_is_sent_when_the_clock_jumps() -> None:
    # Berlin, 29 March 2026: 02:00 jumps to 03:00; 02:30 never happens.
    moment = due_at(date(2026, 3, 28), time(2, 30), BERLIN)
    assert moment == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert local(moment, BERLIN) == "2026-03-29 03:00"


def test_a_time_that_happens_twice_is_sent_at_its_first_occurrence() -> None:
    # Berlin, 25 October 2026: 02:30 happens at 00:30 UTC and again at 01:30 UTC.
    assert due_at(date(2026, 10, 24), time(2, 30), BERLIN) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )


def test_lord_howe_half_hour_gap() -> None:
    # Lord Howe, 4 October 2026: 02:00 jumps to 02:30.
    moment = due_at(date(2026, 10, 3), time(2, 15), LORD_HOWE)
    assert local(moment, LORD_HOWE) == "2026-10-04 02:30"


def test_kathmandu_quarter_hour_offset() -> None:
    assert due_at(date(2026, 11, 25), time(22, 0), KATHMANDU) == datetime(
        2026, 11, 25, 16, 15, tzinfo=UTC
    )


def test_after_midnight_reminders_belong_to_the_evening_before() -> None:
    moment = due_at(date(2026, 11, 25), time(0, 30), BERLIN)
    assert local(moment, BERLIN) == "2026-11-26 00:30"
    assert night_of(moment, BERLIN) == date(2026, 11, 25)


def test_next_due_is_tonight_when_still_ahead() -> None:
    after = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # 19:00 in Berlin
    assert next_due(reminder_time=time(22, 0), zone=BERLIN, after=after) == (
        date(2026, 11, 25),
        datetime(2026, 11, 25, 21, 0, tzinfo=UTC),
    )


def test_next_due_is_tomorrow_once_tonight_has_passed() -> None:
    after = datetime(2026, 11, 25, 21, 30, tzinfo=UTC)
    night, _ = next_due(reminder_time=time(22, 0), zone=BERLIN, after=after)
    assert night == date(2026, 11, 26)


def test_next_due_waits_for_the_start_date() -> None:
    after = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)
    night, _ = next_due(
        reminder_time=time(22, 0), zone=BERLIN, after=after, start_date=date(2026, 12, 1)
    )
    assert night == date(2026, 12, 1)


def test_next_due_finds_an_after_midnight_time_still_ahead_tonight() -> None:
    after = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)  # 23:00 Berlin on the 25th
    night, moment = next_due(reminder_time=time(0, 30), zone=BERLIN, after=after)
    assert night == date(2026, 11, 25)
    assert local(moment, BERLIN) == "2026-11-26 00:30"
