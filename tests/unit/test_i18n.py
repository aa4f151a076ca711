"""The text keys: the template is current, catalogs match it, and the formatter speaks English."""

from __future__ import annotations

import re
import string
from datetime import date, time

import pytest
from babel.messages.pofile import read_po

from bot import i18n
from bot.i18n import _, ngettext, use_language
from scripts.messages import TEMPLATE, extract, render


def test_the_template_holds_every_sentence_in_the_source() -> None:
    # Fails when a sentence was added or changed without `make messages`.
    assert TEMPLATE.read_bytes() == render(extract()), "run `make messages`"


def _placeholders(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _catalogs() -> list[str]:
    return [code for code in i18n.available_languages() if code != i18n.DEFAULT_LANGUAGE]


@pytest.mark.parametrize("code", _catalogs() or [pytest.param("none", marks=pytest.mark.skip)])
def test_every_catalog_has_every_key_with_the_same_placeholders(code: str) -> None:
    template = {m.id if isinstance(m.id, str) else m.id[0]: m for m in extract() if m.id}
    path = i18n.LOCALES / code / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=code)
    found = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    assert set(found) - set(template) == set(), f"{code}: keys no longer in the source"
    assert set(template) - set(found) == set(), f"{code}: keys without a translation"
    for key, message in found.items():
        translations = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(translations), f"{code}: empty translation for {key!r}"
        for translated in translations:
            assert _placeholders(translated) <= _placeholders(key) | {"n"}, (code, key)


def test_placeholders_are_filled_by_name() -> None:
    assert _("Week {week} of your plan.", week=3) == "Week 3 of your plan."
    assert ngettext("{n} night", "{n} nights", 1) == "1 night"
    assert ngettext("{n} night", "{n} nights", 6) == "6 nights"


def test_an_unknown_language_falls_back_to_english() -> None:
    with use_language("xx") as chosen:
        assert chosen == "en"
        assert i18n.current_language() == "en"


def test_dates_and_times_in_english() -> None:
    monday = date(2026, 11, 30)
    assert i18n.weekday_day_month(monday) == "Mon 30 Nov"
    assert i18n.day_and_month(monday) == "30 Nov"
    assert i18n.long_date(monday) == "Monday 30 November"
    assert i18n.full_date(monday) == "30 November 2026"
    assert i18n.clock_time(time(22, 5)) == "22:05"


def test_no_sentence_is_built_with_an_f_string_inside_a_key() -> None:
    # `_(f"...")` would make the key change with the values and never match a catalog.
    offenders = []
    for path in (i18n.LOCALES.parent).rglob("*.py"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\b(_|ngettext|pgettext)\(\s*f[\"']", line):
                offenders.append(f"{path}:{number}")
    assert offenders == []


@pytest.mark.parametrize(
    ("code", "short", "long"),
    [
        ("de", "Do., 3. Dez.", "Donnerstag, 3. Dezember"),
        ("es", "jue 3 dic", "jueves 3 de diciembre"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(code: str, short: str, long: str) -> None:
    thursday = date(2026, 12, 3)
    with use_language(code):
        assert i18n.weekday_day_month(thursday) == short
        assert i18n.long_date(thursday) == long
        assert i18n.clock_time(time(22, 5)) == "22:05"


@pytest.mark.parametrize("code", ["de", "es"])
def test_a_reminder_reads_in_the_language(code: str) -> None:
    from bot.features.reminders import texts

    with use_language(code):
        worded = texts.reminder("1.5 mg")
    assert worded != "🌙 Time for tonight's LDN: 1.5 mg." and "1.5 mg" in worded
