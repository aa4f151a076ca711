"""Which mornings get a side-effect check-in, and when that morning's check-in is due.

A check-in comes the morning after each of the first nights (counted from the start date),
for some days after each step up, and then at a steady interval. Pure: dates in, dates out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.schedule import local_today

# How far ahead `next_checkin_day` looks before giving up (a weekly cadence always finds one).
_HORIZON_DAYS = 400


@dataclass(frozen=True)
class Cadence:
    first_nights: int = 14
    days_after_step_up: int = 7
    every_days: int = 7


def is_checkin_day(
    day: date, *, start_date: date, step_ups: Iterable[date], cadence: Cadence
) -> bool:
    """True when the morning of `day` gets a check-in."""
    since_start = (day - start_date).days
    if since_start < 1:
        return False  # nothing before the morning after the first night
    if since_start <= cadence.first_nights:
        return True
    for stepped_on in step_ups:
        if 1 <= (day - stepped_on).days <= cadence.days_after_step_up:
            return True
    return (since_start - cadence.first_nights) % cadence.every_days == 0


def next_checkin_day(
    after: date, *, start_date: date, step_ups: Iterable[date], cadence: Cadence
) -> date | None:
    """The first check-in morning strictly after `after`."""
    steps = tuple(step_ups)
    day = max(after, start_date) + timedelta(days=1)
    for _ in range(_HORIZON_DAYS):
        if is_checkin_day(day, start_date=start_date, step_ups=steps, cadence=cadence):
            return day
        day += timedelta(days=1)
    return None


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `zone` (a skipped time moves past the
    jump; a repeated time is its first occurrence)."""
    wall = datetime.combine(day, at).replace(tzinfo=zone, fold=0)
    return wall.astimezone(UTC)


def next_checkin_at(
    *,
    now: datetime,
    zone: ZoneInfo,
    at: time,
    start_date: date,
    step_ups: Iterable[date],
    cadence: Cadence,
    last_planned: date | None = None,
) -> tuple[date, datetime] | None:
    """The next check-in (its local date and UTC due time) that is not before `now` and
    comes after `last_planned`, the last morning that already has one."""
    steps = tuple(step_ups)
    today = local_today(now, zone)
    after = today - timedelta(days=1)
    if last_planned is not None and last_planned > after:
        after = last_planned
    while True:
        day = next_checkin_day(after, start_date=start_date, step_ups=steps, cadence=cadence)
        if day is None:
            return None
        due = local_moment(day, at, zone)
        if due >= now:
            return day, due
        after = day
