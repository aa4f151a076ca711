"""Which languages a patient can choose, and which one a chat is written to in. No Telegram.

A language is offered only when all three exist for it: a complete text catalog
(`bot/locales/<code>`), the FAQ in that language (`faq/entries.<code>.toml`; English is
`faq/entries.toml`), and a safety triage that passes its targets (`faq.triage.LANGUAGES`,
asserted per language in tests/faq). A language that misses emergencies is worse than none.
"""

from __future__ import annotations

from babel import Locale

from bot.i18n import DEFAULT_LANGUAGE, available_languages
from faq.catalog import faq_languages
from faq.triage import LANGUAGES as TRIAGE_LANGUAGES


def offered_languages() -> tuple[str, ...]:
    """English first, then every other language that is complete, by code."""
    ready = set(available_languages()) & set(faq_languages()) & set(TRIAGE_LANGUAGES)
    ready.add(DEFAULT_LANGUAGE)
    return (DEFAULT_LANGUAGE, *sorted(ready - {DEFAULT_LANGUAGE}))


def language_of_app(language_code: str | None, offered: tuple[str, ...]) -> str | None:
    """The offered language matching a Telegram app language ("de-AT" -> "de"), or None."""
    if not language_code:
        return None
    primary = language_code.replace("_", "-").split("-")[0].lower()
    return primary if primary in offered else None


def language_for(stored: str | None, language_code: str | None, offered: tuple[str, ...]) -> str:
    """What to write to a chat in: the patient's choice, else their app's language, else English."""
    if stored in offered:
        return stored  # type: ignore[return-value]
    return language_of_app(language_code, offered) or DEFAULT_LANGUAGE


def native_name(code: str) -> str:
    """A language's name in that language, capitalised ("Deutsch", "Español", "English")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]
