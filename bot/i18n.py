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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime, time
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
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
# The one formatter: every date and clock time a patient reads goes through these.


def _locale() -> Locale:
    return Locale.parse(current_language())


def day_and_month(day: date) -> str:
    """``30 Nov``."""
    return format_date(day, "d MMM", locale=_locale())


def weekday_day_month(day: date) -> str:
    """``Mon 30 Nov``."""
    return format_date(day, "EEE d MMM", locale=_locale())


def weekday_day_month_year(day: date) -> str:
    """``Mon 30 Nov 2026``: a date that may be in another year (settings, start dates)."""
    return format_date(day, "EEE d MMM y", locale=_locale())


def long_date(day: date) -> str:
    """``Monday 30 November``: for a date further than a week away."""
    return format_date(day, "EEEE d MMMM", locale=_locale())


def full_date(day: date) -> str:
    """``30 November 2026``: reports and exports."""
    return format_date(day, "d MMMM y", locale=_locale())


def clock_time(moment: time | datetime) -> str:
    """``22:00``: the 24-hour clock, as the bot has always shown times."""
    return format_time(moment, "HH:mm", locale=_locale())


def weekday(day: date) -> str:
    """``Monday``."""
    return format_date(day, "EEEE", locale=_locale())
