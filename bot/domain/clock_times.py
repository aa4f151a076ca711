"""Reading the times and dates patients type: '22:00', '10pm', '22.30', '2230';
'2026-12-01', 'tomorrow', '1 Dec', 'December 1'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

BEDTIME_STARTS = time(21, 0)
BEDTIME_ENDS = time(0, 0)  # midnight, inclusive

# A start date may be long ago (a patient already on LDN for years); further back than this
# it is a typo in the year.
MAX_YEARS_BACK = 30
MAX_DAYS_AHEAD = 365

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2})|(?P<compact>\d{2}))?\s*"
    r"(?P<half>a\.?m\.?|p\.?m\.?)?$"
)


@dataclass(frozen=True)
class MorningOrEvening:
    """'11' or 'at 9': an hour of the twelve-hour clock without am or pm; ask which."""

    morning: time
    evening: time


def read_clock_time(text: str) -> time | MorningOrEvening | None:
    """What a typed time means: a time ('22:00', '10pm', '21', '09:30'), the two it may be
    ('11', '9:30', 'at 9': one to twelve without am/pm or a leading zero), or None."""
    moment = parse_clock_time(text)
    if moment is None:
        return None
    match = _TIME.match(_cleaned(text))
    if match is None or match["half"] or match["hour"].startswith("0"):
        return moment
    hour = int(match["hour"])
    if not 1 <= hour <= 12:
        return moment
    if hour == 12:  # 12 is noon or midnight
        return MorningOrEvening(time(12, moment.minute), time(0, moment.minute))
    return MorningOrEvening(time(hour, moment.minute), time(hour + 12, moment.minute))


def _cleaned(text: str) -> str:
    cleaned = text.strip().lower().replace("o'clock", "").strip()
    return re.sub(r"^(?:at|@)\s*", "", cleaned)


def parse_clock_time(text: str) -> time | None:
    """A wall-clock time from '22:00', '22.30', '2230', '10pm', '10:30 pm', '12 am', 'at 22';
    None if it isn't one. An hour without am/pm is read on the 24-hour clock."""
    cleaned = _cleaned(text)
    if cleaned in ("midnight",):
        return time(0, 0)
    if cleaned in ("noon", "midday"):
        return time(12, 0)
    match = _TIME.match(cleaned)
    if match is None:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or match["compact"] or 0)
    half = (match["half"] or "").replace(".", "")
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23:
        return None
    return time(hour, minute)


def is_usual_bedtime(moment: time) -> bool:
    """Whether a reminder time falls in the usual LDN window, 21:00 to midnight."""
    return moment >= BEDTIME_STARTS or moment == BEDTIME_ENDS


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})$")
_DAY_MONTH = re.compile(
    r"^(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[a-z]+)\.?(?:\s+(?P<year>\d{4}))?$"
)
_MONTH_DAY = re.compile(
    r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?P<year>\d{4}))?$"
)


def parse_date(text: str, today: date) -> date | None:
    """A date from 'today', 'tomorrow', '2026-12-01', '1 Dec', '1st December 2026' or
    'December 1'; None if it isn't one. A date without a year is the nearest one."""
    cleaned = " ".join(text.strip().lower().replace(",", " ").split())
    if cleaned == "today":
        return today
    if cleaned == "tomorrow":
        return today + timedelta(days=1)
    if cleaned == "yesterday":
        return today - timedelta(days=1)
    match = _ISO.match(cleaned)
    if match is not None:
        return _date_or_none(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _DAY_MONTH.match(cleaned) or _MONTH_DAY.match(cleaned)
    if match is None:
        return None
    month = _MONTHS.get(match["month"])
    if month is None:
        return None
    day = int(match["day"])
    if match["year"]:
        return _date_or_none(int(match["year"]), month, day)
    candidates = [
        candidate
        for year in (today.year - 1, today.year, today.year + 1)
        if (candidate := _date_or_none(year, month, day)) is not None
    ]
    return min(candidates, key=lambda d: abs(d - today), default=None)


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def start_date_problem(start: date, today: date) -> str | None:
    """'too_early' more than 30 years back (a typo in the year), 'too_late' more than a year
    ahead, else None."""
    if start < today.replace(year=today.year - MAX_YEARS_BACK, day=min(today.day, 28)):
        return "too_early"
    if start > today + timedelta(days=MAX_DAYS_AHEAD):
        return "too_late"
    return None
