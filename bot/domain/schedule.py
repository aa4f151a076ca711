"""When a night's reminder is due, in the patient's own time zone.

A *night* is named by the evening it starts: a reminder at 22:00 or at 00:30 both belong to
the night of the evening before. Local wall-clock time is kept across daylight-saving
changes: 22:00 stays 22:00. On a change night, a time that does not exist (the clock jumps
over it) is sent at the moment the clock jumps, and a time that happens twice is sent at its
first occurrence, once.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

NIGHT_STARTS_AT = time(12, 0)  # a reminder before noon belongs to the night before
EVENING_FROM = time(17, 0)  # a reminder from 17:00 is "tonight"; earlier in the day, "today"
SMALL_HOURS_UNTIL = time(5, 0)  # 00:30 asked about in the evening is still "tonight"


def local_today(moment: datetime, zone: ZoneInfo | str | None) -> date:
    """The calendar date at `moment` in the patient's time zone (UTC while none is set): the
    one place "today for this patient" is computed."""
    if isinstance(zone, str):
        zone = ZoneInfo(zone)
    return moment.astimezone(zone or UTC).date()


def night_of(moment: datetime, zone: ZoneInfo) -> date:
    """The night (named by its evening) that a moment falls in, locally."""
    local = moment.astimezone(zone)
    return (local - timedelta(hours=NIGHT_STARTS_AT.hour)).date()


def due_at(night: date, reminder_time: time, zone: ZoneInfo) -> datetime:
    """The UTC moment the reminder for `night` is due."""
    day = night if reminder_time >= NIGHT_STARTS_AT else night + timedelta(days=1)
    wall = datetime.combine(day, reminder_time).replace(tzinfo=zone, fold=0)
    utc = wall.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != wall.replace(tzinfo=None):
        utc = _end_of_gap(wall, zone)
    return utc


def next_due(
    *,
    reminder_time: time,
    zone: ZoneInfo,
    after: datetime,
    start_date: date | None = None,
) -> tuple[date, datetime]:
    """The first night (not before `start_date`) whose reminder is due at or after `after`."""
    night = night_of(after, zone) - timedelta(days=1)
    if start_date is not None and night < start_date:
        night = start_date
    while True:
        moment = due_at(night, reminder_time, zone)
        if moment >= after:
            return night, moment
        night += timedelta(days=1)


def _end_of_gap(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant the clock jumps over a wall time that does not exist (spring forward)."""
    moment = wall.replace(fold=1).astimezone(UTC)  # an instant before the jump
    naive_wall = wall.replace(tzinfo=None)
    step = timedelta(minutes=1)
    while moment.astimezone(zone).replace(tzinfo=None) < naive_wall:
        moment += step
    return moment


class ReminderDay(enum.Enum):
    TODAY = "today"
    TONIGHT = "tonight"
    TOMORROW = "tomorrow"
    TOMORROW_NIGHT = "tomorrow night"
    LATER = "later"  # named by its weekday and date


@dataclass(frozen=True)
class ReminderWhen:
    day: ReminderDay
    at: datetime  # local


def reminder_when(due: datetime, zone: ZoneInfo | str, now: datetime) -> ReminderWhen:
    """How to name the day of a reminder due at `due` (UTC), seen at `now`, in the patient's
    zone: by the local calendar date it is actually sent on, so that a morning time set in
    the evening is "tomorrow", never "tonight"."""
    if isinstance(zone, str):
        zone = ZoneInfo(zone)
    local = due.astimezone(zone)
    local_now = now.astimezone(zone)
    days = (local.date() - local_now.date()).days
    at = local.time()
    evening = at >= EVENING_FROM
    if days == 1 and at < SMALL_HOURS_UNTIL and local_now.time() >= NIGHT_STARTS_AT:
        return ReminderWhen(ReminderDay.TONIGHT, local)  # just after midnight, this night
    if days <= 0:
        return ReminderWhen(ReminderDay.TONIGHT if evening else ReminderDay.TODAY, local)
    if days == 1:
        return ReminderWhen(ReminderDay.TOMORROW_NIGHT if evening else ReminderDay.TOMORROW, local)
    return ReminderWhen(ReminderDay.LATER, local)
