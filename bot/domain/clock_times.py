"""Reading the times and dates patients type, in English, Spanish and German: '22:00', '10pm',
'22.30', '2230', '22 Uhr', 'halb elf abends', 'a las 10 de la noche', '22 h'; '2026-12-01',
'tomorrow', 'mañana', 'gestern', '1 Dec', '1. Dezember', '1 de diciembre', '1.12.', 'Montag'.

Month and weekday names come from CLDR (Babel), in every language the bot knows at once; an
hour of the twelve-hour clock with nothing saying morning or evening is asked about, in every
language alike ('at 9', 'um 9', 'a las 9')."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache

from babel.dates import get_day_names, get_month_names

from bot.i18n import current_language, day_first, folded

BEDTIME_STARTS = time(21, 0)
BEDTIME_ENDS = time(0, 0)  # midnight, inclusive

# A start date may be long ago (a patient already on LDN for years); further back than this
# it is a typo in the year.
MAX_YEARS_BACK = 30
MAX_DAYS_AHEAD = 365

# The languages whose month, weekday and clock words are read (each patient's, and the others).
READ_LANGUAGES = ("en", "es", "de")

_TIME = re.compile(
    r"^(?P<hour>\d{1,2})(?:\s*[:.h]\s*(?P<minute>\d{2})|(?P<compact>\d{2}))?\s*"
    r"(?P<half>a\.?m\.?|p\.?m\.?)?$"
)


@dataclass(frozen=True)
class MorningOrEvening:
    """'11' or 'at 9': an hour of the twelve-hour clock without am or pm; ask which."""

    morning: time
    evening: time


# Hours in words, for 'halb elf', 'a las diez', 'ten pm' (Babel has no spelled-out numbers).
_HOUR_WORDS = {
    word: hour
    for words in (
        [
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ],
        [
            "una",
            "dos",
            "tres",
            "cuatro",
            "cinco",
            "seis",
            "siete",
            "ocho",
            "nueve",
            "diez",
            "once",
            "doce",
        ],
        [
            "eins",
            "zwei",
            "drei",
            "vier",
            "funf",
            "sechs",
            "sieben",
            "acht",
            "neun",
            "zehn",
            "elf",
            "zwolf",
        ],
    )
    for hour, word in enumerate(words, start=1)
} | {"uno": 1, "ein": 1, "fuenf": 5, "zwoelf": 12}
_HOUR = r"(\d{1,2}|" + "|".join(sorted(_HOUR_WORDS, key=len, reverse=True)) + r")"

# What says which part of the day an hour is in (after `folded`: no accents). Morning: as it
# is; evening: twelve hours on; night: late evening or small hours ('2 Uhr nachts' is 02:00);
# afternoon: twelve hours on, 12 is noon.
_DAY_PARTS = (
    ("morning", r"(?:de|por|en) la manana|de madrugada|de la madrugada|in the morning"),
    ("morning", r"am morgen|(?:in der )?(?:fruh|frueh)|morgens|vormittags?|am vormittag"),
    ("afternoon", r"(?:de|por|en) la tarde|in the afternoon|nachmittags|am nachmittag|mittags"),
    ("afternoon", r"del mediodia"),
    ("evening", r"in the evening|this evening|tonight|abends|am abend|heute abend"),
    ("night", r"(?:de|por|en) la noche|esta noche|at night|nachts|in der nacht"),
)
_NOON = frozenset({"noon", "midday", "mittag", "mediodia", "12 del mediodia"})
_MIDNIGHT = frozenset({"midnight", "mitternacht", "medianoche", "12 de la noche"})
# Said before a time: 'at', 'um', 'gegen', 'a las'; and 'mañana' / 'morgen' / 'today' before
# it is the day, not the morning (the reminder time is every day's).
_BEFORE = re.compile(
    r"^(?:(?:manana|morgen|tomorrow|today|hoy|heute)\s+)?"
    r"(?:(?:at|@|um|gegen|so um|around|about|ca|circa|a las|a la|sobre las|hacia las|las|la)"
    r"\s*)?"
)
_AFTER = re.compile(r"\s*(?:o'clock|oclock|en punto|uhr|horas|hora|hrs|hs|h)$")


@dataclass(frozen=True)
class _Reading:
    moment: time
    twelve_hour: bool  # an hour 1-12 with nothing saying which half of the day: ask


def _words_to_digits(text: str) -> str:
    return re.sub(
        r"\b[a-z]+\b", lambda m: str(_HOUR_WORDS.get(m.group(0), m.group(0))), text
    ).strip()


def _fraction(text: str) -> tuple[int, int] | None:
    """'halb elf' (10:30), 'viertel nach 10', 'viertel vor 11', '10 y media', '11 menos cuarto',
    'half past 10', 'quarter to 11': (hour on the twelve-hour clock, minute)."""
    patterns = (
        (rf"^halb {_HOUR}$", -1, 30),
        (rf"^dreiviertel {_HOUR}$", -1, 45),
        (rf"^viertel nach {_HOUR}$", 0, 15),
        (rf"^viertel vor {_HOUR}$", -1, 45),
        (rf"^{_HOUR} y media$", 0, 30),
        (rf"^{_HOUR} y cuarto$", 0, 15),
        (rf"^{_HOUR} menos cuarto$", -1, 45),
        (rf"^half past {_HOUR}$", 0, 30),
        (rf"^half {_HOUR}$", 0, 30),  # British 'half ten' is 10:30 (German 'halb zehn' 9:30)
        (rf"^(?:a )?quarter past {_HOUR}$", 0, 15),
        (rf"^(?:a )?quarter to {_HOUR}$", -1, 45),
    )
    for pattern, shift, minute in patterns:
        match = re.match(pattern, text)
        if match is None:
            continue
        hour = int(_words_to_digits(match.group(1)))
        if not 1 <= hour <= 12:
            return None
        return (hour + shift - 1) % 12 + 1, minute
    return None


def _on_the_clock(hour: int, minute: int, part: str) -> time | None:
    """An hour of the twelve-hour clock said with the part of the day it is in."""
    if not 1 <= hour <= 12 or minute > 59:
        return None
    if part == "morning":
        return None if hour == 12 else time(hour, minute)
    if part == "small hours":  # am
        return time(hour % 12, minute)
    if part == "afternoon":
        return time(hour % 12 + 12, minute)
    if part == "night" and hour <= 5:
        return time(hour, minute)
    return time((hour + 12) % 24 if hour != 12 else 0, minute)


def _read_time(text: str) -> _Reading | None:
    cleaned = " ".join(folded(text).strip(" !?¡¿").split())
    if cleaned.endswith(".") and not re.search(r"[ap]\.?m\.$", cleaned):
        cleaned = cleaned[:-1]  # 'a las 10 de la noche.'
    if cleaned in _MIDNIGHT:
        return _Reading(time(0, 0), twelve_hour=False)
    if cleaned in _NOON:
        return _Reading(time(12, 0), twelve_hour=False)
    parts: set[str] = set()
    for said, pattern in _DAY_PARTS:
        cleaned, found = re.subn(rf"\b(?:{pattern})\b", " ", cleaned)
        if found:
            parts.add(said)
    if len(parts) > 1:
        return None
    part: str | None = parts.pop() if parts else None
    cleaned = " ".join(cleaned.split())
    cleaned = _BEFORE.sub("", cleaned, count=1)
    # '22 Uhr 30' / '22 h 30' -> '22:30'; '22 Uhr', '22 h', '10 o'clock' -> '22', '10'
    cleaned = re.sub(r"^(\d{1,2})\s*(?:uhr|h)\s*(\d{2})$", r"\1:\2", cleaned)
    cleaned = _AFTER.sub("", cleaned).strip()
    half_said = re.search(r"\s*([ap])\.?m\.?$", cleaned)
    fraction = _fraction(cleaned[: half_said.start()] if half_said else cleaned)
    if fraction is not None:
        hour, minute = fraction
        if half_said is not None:  # 'half past ten pm'
            if part is not None:
                return None
            part = "afternoon" if half_said.group(1) == "p" else "small hours"
        if part is None:
            return _Reading(time(hour % 12 if hour == 12 else hour, minute), twelve_hour=True)
        moment = _on_the_clock(hour, minute, part)
        return None if moment is None else _Reading(moment, twelve_hour=False)
    match = _TIME.match(_words_to_digits(cleaned))
    if match is None:
        return None
    hour = int(match["hour"])
    minute = int(match["minute"] or match["compact"] or 0)
    half = (match["half"] or "").replace(".", "")
    if minute > 59:
        return None
    if half:
        if part is not None or not 1 <= hour <= 12:
            return None
        return _Reading(time(hour % 12 + (12 if half == "pm" else 0), minute), twelve_hour=False)
    if part is not None and 1 <= hour <= 12 and not match["hour"].startswith("0"):
        moment = _on_the_clock(hour, minute, part)
        return None if moment is None else _Reading(moment, twelve_hour=False)
    if part is not None and hour <= 12:
        return None  # '09 abends', '0 de la noche': not a time
    if part == "morning" or hour > 23:
        return None  # '22 Uhr morgens'
    twelve_hour = 1 <= hour <= 12 and not match["hour"].startswith("0")
    return _Reading(time(hour, minute), twelve_hour=twelve_hour and part is None)


def read_clock_time(text: str) -> time | MorningOrEvening | None:
    """What a typed time means: a time ('22:00', '10pm', '21', '09:30', '22 Uhr', 'a las 10 de
    la noche'), the two it may be ('11', '9:30', 'at 9', 'um 9', 'halb elf': one to twelve
    without am/pm, a part of the day or a leading zero), or None."""
    reading = _read_time(text)
    if reading is None:
        return None
    moment = reading.moment
    if not reading.twelve_hour:
        return moment
    if moment.hour in (0, 12):  # 12 is noon or midnight
        return MorningOrEvening(time(12, moment.minute), time(0, moment.minute))
    return MorningOrEvening(moment, time(moment.hour + 12, moment.minute))


def parse_clock_time(text: str) -> time | None:
    """A wall-clock time from '22:00', '22.30', '2230', '10pm', '10:30 pm', '12 am', 'at 22',
    '22 Uhr', 'halb elf abends', 'a las 10 de la noche'; None if it isn't one. An hour without
    am/pm or a part of the day is read on the 24-hour clock."""
    reading = _read_time(text)
    return None if reading is None else reading.moment


def is_usual_bedtime(moment: time) -> bool:
    """Whether a reminder time falls in the usual LDN window, 21:00 to midnight."""
    return moment >= BEDTIME_STARTS or moment == BEDTIME_ENDS


def _names(found: Mapping[int, str], plus: dict[str, int]) -> None:
    for number, name in found.items():
        umlauts = name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
        for spelling in (name, umlauts):  # 'März': 'marz' and 'maerz'
            plus.setdefault(folded(spelling).rstrip("."), number)


@cache
def _months() -> dict[str, int]:
    """'dec', 'december', 'dic', 'diciembre', 'dez', 'dezember', 'marz', 'sept' -> the month:
    CLDR's wide and abbreviated names in every language read, and any unambiguous start of
    three letters or more of a wide name."""
    months: dict[str, int] = {}
    wide: dict[str, int] = {}
    for language in READ_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                _names(get_month_names(width, context, language), months)
        _names(get_month_names("wide", "format", language), wide)
    starts: dict[str, set[int]] = {}
    for name, number in wide.items():
        for length in range(3, len(name)):
            starts.setdefault(name[:length], set()).add(number)
    for start, numbers in starts.items():
        if len(numbers) == 1:
            months.setdefault(start, numbers.pop())
    return months


@cache
def _weekdays() -> dict[str, int]:
    """'monday', 'mon', 'lunes', 'lun', 'montag', 'mo', 'miercoles' -> 0..6 (Monday is 0)."""
    weekdays: dict[str, int] = {}
    for language in READ_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                _names(get_day_names(width, context, language), weekdays)
    return weekdays


_RELATIVE_DAYS = {
    "today": 0,
    "tonight": 0,
    "heute": 0,
    "hoy": 0,
    "tomorrow": 1,
    "morgen": 1,
    "manana": 1,
    "yesterday": -1,
    "gestern": -1,
    "ayer": -1,
    "day after tomorrow": 2,
    "ubermorgen": 2,
    "uebermorgen": 2,
    "pasado manana": 2,
    "day before yesterday": -2,
    "vorgestern": -2,
    "anteayer": -2,
    "antier": -2,
    "antes de ayer": -2,
}
# Said before a date ('on', 'ab', 'am', 'el', 'desde') or after it ('mañana por la mañana',
# 'heute Abend'): not part of the date.
_DATE_BEFORE = re.compile(
    r"^(?:(?:on|from|starting|start|since|ab|am|vom|seit|den|el|desde|a partir de|"
    r"a partir del|empezando|del)\s+)+"
)
_DATE_AFTER = re.compile(
    r"\s+(?:in the (?:morning|evening|afternoon)|at night|tonight|evening|night|morning|"
    r"fruh|frueh|abend|abends|morgens|nachts|nacht|(?:por|de|en) la (?:manana|tarde|noche))$"
)
_NEXT = frozenset({"next", "this", "coming", "nachsten", "naechsten", "kommenden", "diesen"})
_NEXT |= {"proximo", "este"}
_LAST = frozenset({"last", "letzten", "vergangenen", "pasado"})
_ISO = re.compile(r"^(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})$")
_DOTTED = re.compile(r"^(?P<day>\d{1,2})\.(?P<month>\d{1,2})(?:\.(?P<year>\d{4}|\d{2})?)?$")
_SLASHED = re.compile(r"^(?P<day>\d{1,2})[/-](?P<month>\d{1,2})(?:[/-](?P<year>\d{4}|\d{2}))?$")
_DAY_MONTH = re.compile(
    r"^(?P<day>\d{1,2})(?:st|nd|rd|th|o|\.)?\s*(?:de\s+)?(?P<month>[a-z]+)\.?"
    r"(?:\s+(?:de\s+|del\s+)?(?P<year>\d{4}))?$"
)
_MONTH_DAY = re.compile(
    r"^(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?P<year>\d{4}))?$"
)


# 'about 2 weeks ago', 'hace unas 3 semanas', 'vor zwei Wochen', 'in 3 days', 'a month ago':
# a count of days, weeks or months back or ahead.
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "dia": 1, "semana": 7, "tag": 1, "woche": 7}
_UNIT_MONTHS = frozenset({"month", "mes", "monat"})
_ENDINGS = ("en", "es", "e", "s", "n")  # weeks, meses, Wochen, Tagen, Monate, Monaten
_ONE = frozenset({"a", "an", "one", "un", "una", "uno", "ein", "eine", "einen", "einer", "einem"})
_ROUGHLY = (
    r"(?:(?:about|around|roughly|approximately|approx|like|maybe|almost|nearly|over|just over"
    r"|unos|unas|como|casi|mas de|etwa|ungefahr|ungefaehr|ca|circa|fast|knapp|rund|gut|so)\s+)?"
)
_COUNT = r"(?P<count>\d{1,3}|a couple of|a couple|couple of|[a-z]+)"
_SPAN = _ROUGHLY + _COUNT + r"\s+(?P<unit>[a-z]+)"
_STARTED = (
    r"(?:(?:i\s+)?(?:started|began|begun|start(?:ed)? (?:it|ldn|taking it|taking ldn))\s+"
    r"|(?:empece|comence)\s+|(?:ich habe |hab |habe )?(?:angefangen|begonnen)\s+)?"
)
_AGO = tuple(
    re.compile(rf"^{_STARTED}{span}$")
    for span in (
        rf"{_SPAN}\s+ago",
        rf"hace\s+{_SPAN}",
        rf"vor\s+{_SPAN}(?:\s+(?:angefangen|begonnen))?",
    )
)
_AHEAD = re.compile(rf"^(?:in|en|dentro de)\s+{_SPAN}$")


def _count_of(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _ONE:
        return 1
    if word.startswith(("a couple", "couple")):
        return 2
    found = _HOUR_WORDS.get(word)
    return found if isinstance(found, int) else None


def _span(count_word: str, unit_word: str, today: date, sign: int) -> date | None:
    """`count` days, weeks or months from today, back (`sign` -1) or ahead (+1)."""
    count = _count_of(count_word)
    unit = next(
        (
            stem
            for stem in (*_UNIT_DAYS, *_UNIT_MONTHS)
            if unit_word == stem or any(unit_word == stem + end for end in _ENDINGS)
        ),
        None,
    )
    if count is None or unit is None or count > 500:
        return None
    if unit in _UNIT_DAYS:
        return today + timedelta(days=sign * count * _UNIT_DAYS[unit])
    months = today.year * 12 + today.month - 1 + sign * count
    year, month = divmod(months, 12)
    last_day = (date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - timedelta(days=1)).day
    return _date_or_none(year, month + 1, min(today.day, last_day))


def _relative_span(cleaned: str, today: date) -> date | None:
    """'2 weeks ago', 'i started about a month ago', 'hace 10 dias', 'vor 3 Wochen',
    'in 3 days', 'en una semana'."""
    for ago in _AGO:
        match = ago.match(cleaned)
        if match is not None:
            return _span(match["count"], match["unit"], today, -1)
    match = _AHEAD.match(cleaned)
    if match is not None:
        return _span(match["count"], match["unit"], today, 1)
    return None


def parse_date(
    text: str, today: date, *, looking_back: bool = False, language: str | None = None
) -> date | None:
    """A date from 'today', 'tomorrow', 'mañana', 'gestern', '2026-12-01', '1.12.2026', '1.12.',
    '1 Dec', '1st December 2026', '1. Dezember', '1 de diciembre', 'December 1', a weekday
    ('Monday', 'el lunes', 'nächsten Montag') or a span ('2 weeks ago', 'hace un mes', 'vor
    drei Wochen', 'in 3 days'); None if it isn't one. A date without a year is
    the nearest one; a weekday the coming one (the last one when `looking_back`). '1/12/2026'
    is read only in a language that writes the day first (`language`: the patient's)."""
    cleaned = " ".join(folded(text).replace(",", " ").split())
    cleaned = _DATE_BEFORE.sub("", cleaned)
    cleaned = _DATE_AFTER.sub("", cleaned)
    if cleaned in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[cleaned])
    span = _relative_span(cleaned, today)
    if span is not None:
        return span
    weekday = _weekday(cleaned, today, looking_back)
    if weekday is not None:
        return weekday
    words = cleaned.split()
    if len(words) > 1 and words[0].rstrip(".") in _weekdays():
        cleaned = " ".join(words[1:])  # 'Montag, 1. Dezember': the date says it
    match = _ISO.match(cleaned)
    if match is not None:
        return _date_or_none(int(match["year"]), int(match["month"]), int(match["day"]))
    match = _DOTTED.match(cleaned)
    if match is None and day_first(language or current_language()):
        match = _SLASHED.match(cleaned)
    if match is not None:
        return _nearest(today, int(match["month"]), int(match["day"]), match["year"])
    match = _DAY_MONTH.match(cleaned) or _MONTH_DAY.match(cleaned)
    if match is None:
        return None
    month = _months().get(match["month"])
    if month is None:
        return None
    return _nearest(today, month, int(match["day"]), match["year"])


def _weekday(cleaned: str, today: date, looking_back: bool) -> date | None:
    """'monday', 'el lunes', 'am Montag', 'next Monday', 'el lunes pasado', 'letzten Montag'."""
    coming = cleaned.endswith(" que viene")  # 'el lunes que viene': next week's
    words = [w for w in cleaned.removesuffix(" que viene").split() if w not in ("el", "am", "on")]
    if not words:
        return None
    back = looking_back and not coming
    strictly = coming
    if words[0] in _NEXT | _LAST and len(words) == 2:
        back, strictly = words[0] in _LAST, words[0] not in ("this", "este", "diesen")
        words = words[1:]
    elif len(words) == 2 and words[1] in _LAST:
        back, strictly = True, True
        words = words[:1]
    if len(words) != 1:
        return None
    wanted = _weekdays().get(words[0].rstrip("."))
    if wanted is None:
        return None
    if back:
        days = (today.weekday() - wanted) % 7 or (7 if strictly else 0)
        return today - timedelta(days=days)
    days = (wanted - today.weekday()) % 7 or (7 if strictly else 0)
    return today + timedelta(days=days)


def _nearest(today: date, month: int, day: int, year: str | None) -> date | None:
    """That day of that month: in `year` ('26' is 2026), else the nearest to today."""
    if year:
        return _date_or_none(int(year) + (2000 if len(year) == 2 else 0), month, day)
    candidates = [
        candidate
        for year_ in (today.year - 1, today.year, today.year + 1)
        if (candidate := _date_or_none(year_, month, day)) is not None
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
