"""The rule for which night a /taken or /skip is for (bot/features/records/which_night.py)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.features.records.which_night import Ask, Decided, may_record, which_night

WED = date(2026, 11, 25)
TUE = date(2026, 11, 24)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 25, hour, minute)


@pytest.mark.parametrize("last", [None, "sent", "missed", "taken", "skipped"])
def test_before_noon_it_is_last_night_whatever_was_recorded(last: str | None) -> None:
    assert which_night(at(11, 59), tonight_outcome=None, last_night_outcome=last) == Decided(TUE)


@pytest.mark.parametrize("last", ["sending", "sent", "missed"])
def test_from_noon_an_unrecorded_last_night_means_asking(last: str) -> None:
    assert which_night(at(12, 0), tonight_outcome=None, last_night_outcome=last) == Ask(TUE, WED)


@pytest.mark.parametrize("last", [None, "taken", "skipped"])
def test_from_noon_with_last_night_settled_it_is_tonight(last: str | None) -> None:
    assert which_night(at(15), tonight_outcome=None, last_night_outcome=last) == Decided(WED)


def test_once_tonights_reminder_is_out_it_is_tonight() -> None:
    assert which_night(at(22, 5), tonight_outcome="sent", last_night_outcome="missed") == Decided(
        WED
    )


def test_a_choice_is_good_for_last_night_and_tonight_only() -> None:
    assert may_record(at(13), TUE) and may_record(at(13), WED)
    assert not may_record(at(13), date(2026, 11, 23))
    assert not may_record(at(13), date(2026, 11, 26))
