"""Patient-facing text: gettext catalogs through Babel, and one formatter for dates and times.

Every sentence the bot sends is written in English in a feature's ``texts.py`` and wrapped in
``_()`` (``ngettext`` for counts, ``pgettext`` where one English word needs two translations).
The English sentence is the key: ``make messages`` (``pybabel extract``) collects every key into
``bot/locales/messages.pot``, and a language is one ``bot/locales/<code>/LC_MESSAGES/messages.po``
— adding a language is adding a catalog, not editing code. ``tests/unit/test_i18n.py`` fails when
the template is out of date, or a catalog misses a key or changes a ``{placeholder}``.

The language of a message is the one in force where it is rendered: ``use_language(code)`` sets it
for a block (a handler for one patient, a scheduled send for one patient); it is a context
variable, so concurrent updates for different patients never see each other's language.

Placeholders are named and filled by the call: ``_("Week {week} of your plan.", week=3)``.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)


@cache
def available_languages() -> tuple[str, ...]:
    """English (the source language) and every language with a catalog, sorted."""
    found = {p.parent.parent.name for p in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po")}
    return tuple(sorted(found | {DEFAULT_LANGUAGE}))


def current_language() -> str:
    return _language.get()


def set_language(code: str | None) -> str:
    """Write in ``code`` for the rest of this task (one update); English when unknown."""
    chosen = code if code in available_languages() else DEFAULT_LANGUAGE
    _language.set(chosen)
    return chosen


@contextmanager
def use_language(code: str | None) -> Iterator[str]:
    """Render everything inside the block in ``code`` (English when unknown or None)."""
    chosen = code if code in available_languages() else DEFAULT_LANGUAGE
    token = _language.set(chosen)
    try:
        yield chosen
    finally:
        _language.reset(token)


@cache
def _catalog(code: str) -> NullTranslations:
    """The catalog for ``code``, read from its .po file (no compile step at install)."""
    po = LOCALES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == DEFAULT_LANGUAGE or not po.exists():
        return NullTranslations()
    with po.open("rb") as source:
        catalog = read_po(source, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


def _fill(text: str, values: dict[str, object]) -> str:
    return text.format(**values) if values else text


def _(message: str, /, **values: object) -> str:
    """``message`` in the current language, its ``{placeholders}`` filled from ``values``."""
    return _fill(_catalog(current_language()).gettext(message), values)


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form for ``n`` in the current language; ``{n}`` is always available."""
    text = _catalog(current_language()).ngettext(singular, plural, n)
    return _fill(text, {"n": n, **values})


def pgettext(context: str, message: str, /, **values: object) -> str:
    """``message`` as used in ``context`` (a button, a chart label...)."""
    return _fill(str(_catalog(current_language()).pgettext(context, message)), values)


def N_(message: str, /) -> str:
    """Mark a module-level constant for extraction; translate it with ``_()`` where it is used."""
    return message


# ---------------------------------------------------------------- dates, times, numbers
# The one formatter: every date, clock time and number a patient reads goes through these.


@cache
def _parsed(code: str) -> Locale:
    return Locale.parse(code)


def _locale() -> Locale:
    return _parsed(current_language())


# Each shape of date in the pattern its language writes it in (CLDR patterns). English keeps the
# bot's own ("Mon 30 Nov"); a language not listed gets CLDR's skeleton for the same fields.
_PATTERNS: dict[str, dict[str, str]] = {
    "day_and_month": {"en": "d MMM", "de": "d. MMM", "es": "d MMM"},
    "weekday_day_month": {"en": "EEE d MMM", "de": "EEE, d. MMM", "es": "EEE d MMM"},
    "weekday_day_month_year": {"en": "EEE d MMM y", "de": "EEE, d. MMM y", "es": "EEE d MMM y"},
    "long_date": {"en": "EEEE d MMMM", "de": "EEEE, d. MMMM", "es": "EEEE d 'de' MMMM"},
    "full_date": {"en": "d MMMM y", "de": "d. MMMM y", "es": "d 'de' MMMM 'de' y"},
}
_SKELETONS = {
    "day_and_month": "MMMd",
    "weekday_day_month": "MMMEd",
    "weekday_day_month_year": "yMMMEd",
    "long_date": "MMMMEEEEd",
    "full_date": "yMMMMd",
}


def _date(shape: str, day: date) -> str:
    locale = _locale()
    pattern = _PATTERNS[shape].get(locale.language)
    if pattern is None:
        return format_skeleton(_SKELETONS[shape], day, locale=locale)
    return format_date(day, pattern, locale=locale)


def day_and_month(day: date) -> str:
    """``30 Nov`` (``30. Nov.``, ``30 nov``)."""
    return _date("day_and_month", day)


def weekday_day_month(day: date) -> str:
    """``Mon 30 Nov``."""
    return _date("weekday_day_month", day)


def weekday_day_month_year(day: date) -> str:
    """``Mon 30 Nov 2026``: a date that may be in another year (settings, start dates)."""
    return _date("weekday_day_month_year", day)


def long_date(day: date) -> str:
    """``Monday 30 November``: for a date further than a week away."""
    return _date("long_date", day)


def full_date(day: date) -> str:
    """``30 November 2026``: reports and exports."""
    return _date("full_date", day)


def clock_time(moment: time | datetime) -> str:
    """``22:00``: the 24-hour clock, as the bot has always shown times."""
    return format_time(moment, "HH:mm", locale=_locale())


def clock_time_of_day(moment: time) -> str:
    """``13:00 in the afternoon`` (``13:00 de la tarde``, ``13:00 nachmittags``): CLDR's day
    period for the hour, so 13:00 is "in the afternoon", never "in the evening"."""
    return format_time(moment, "HH:mm BBBB", locale=_locale())


def weekday(day: date) -> str:
    """``Monday``."""
    return format_date(day, "EEEE", locale=_locale())


def short_month(day: date) -> str:
    """``Dec`` (``Dez``, ``dic``): a month on its own, as on a chart's axis."""
    return format_date(day, "LLL", locale=_locale())


def short_month_and_year(day: date) -> str:
    """``Dec 2026`` (``Dez. 2026``, ``dic 2026``)."""
    return format_skeleton("yMMM", day, locale=_locale())


def number(value: Decimal | float | int) -> str:
    """A dose, volume or count as the patient's language writes it, in its shortest form:
    1.50 -> ``1.5`` (``1,5`` in Spanish and German), 3.00 -> ``3``, 0.25 -> ``0.25``.
    Only for reading: callback data, storage, exports for machines and logs keep
    ``bot.domain.plans.format_mg``."""
    exact = value if isinstance(value, Decimal) else Decimal(str(value))
    places = max(0, -int(exact.normalize().as_tuple().exponent))
    # Babel's pattern would round to three places; keep every digit the value has.
    pattern = "0." + "#" * places if places else "0"
    return format_decimal(exact, format=pattern, locale=_locale(), decimal_quantization=False)


# ---------------------------------------------------------------- reading what patients type


def folded(text: str) -> str:
    """``text`` as typed words are compared in every language: lower case, accents and
    umlauts off, the typographic apostrophe straight ("Sí" -> "si", "Mañana" -> "manana",
    "weiß" -> "weiss", "nö" -> "no")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def day_first(code: str | None = None) -> bool:
    """Whether ``code`` (by default the current language) writes numeric dates day first
    ("1/12/26" is 1 December in Spanish, 12 January in US English): CLDR's short pattern."""
    pattern = _parsed(code or current_language()).date_formats["short"].pattern
    return pattern.lstrip("'").lower().startswith("d")
