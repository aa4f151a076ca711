"""Which language a chat is written to in: the patient's choice, their app's, else English."""

from __future__ import annotations

import pytest

from bot.features.language.offer import (
    language_for,
    language_of_app,
    native_name,
    offered_languages,
)

OFFERED = ("en", "de", "es")


@pytest.mark.parametrize(
    ("app", "expected"),
    [("de", "de"), ("de-AT", "de"), ("es_MX", "es"), ("ES", "es"), ("pt-BR", None), ("", None)],
)
def test_the_apps_language_when_offered(app: str, expected: str | None) -> None:
    assert language_of_app(app, OFFERED) == expected


def test_a_stored_choice_wins_over_the_app() -> None:
    assert language_for("en", "de", OFFERED) == "en"
    assert language_for(None, "de", OFFERED) == "de"
    # A stored language no longer offered (its catalog removed): the app's, else English.
    assert language_for("fr", "es", OFFERED) == "es"
    assert language_for("fr", "pt", OFFERED) == "en"


def test_languages_are_named_in_themselves() -> None:
    assert [native_name(code) for code in OFFERED] == ["English", "Deutsch", "Español"]


def test_english_is_always_offered_first() -> None:
    assert offered_languages()[0] == "en"
