"""Liver-test reminders, milestones and refill run-out: dates and numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bot.domain.milestones import (
    PlannedNotice,
    add_months,
    days_of_supply,
    parse_kind,
    planned_notices,
    runs_out_on,
    should_warn,
    supply_left,
    used_since_count,
)

START = date(2026, 12, 1)


def plan(autoimmune: bool | None) -> list[PlannedNotice]:
    return planned_notices(
        start_date=START,
        lft_months=[0, 3, 6],
        milestone_weeks=[4, 8, 12],
        autoimmune_months=[3, 6],
        autoimmune=autoimmune,
    )


def test_liver_tests_at_the_start_three_and_six_months() -> None:
    lft = [(n.on, n.kind) for n in plan(False) if n.kind.startswith("lft")]
    assert lft == [
        (date(2026, 12, 1), "lft:0"),
        (date(2027, 3, 1), "lft:3"),
        (date(2027, 6, 1), "lft:6"),
    ]


def test_milestones_at_weeks_4_8_12() -> None:
    weeks = [(n.on, n.kind) for n in plan(False) if "week" in n.kind]
    assert weeks == [
        (date(2026, 12, 29), "milestone:week:4"),
        (date(2027, 1, 26), "milestone:week:8"),
        (date(2027, 2, 23), "milestone:week:12"),
    ]


@pytest.mark.parametrize(("autoimmune", "expected"), [(True, 2), (False, 0), (None, 0)])
def test_month_milestones_only_for_autoimmune(autoimmune: bool | None, expected: int) -> None:
    assert len([n for n in plan(autoimmune) if "month" in n.kind]) == expected


def test_notices_come_in_date_order() -> None:
    notices = plan(True)
    assert [n.on for n in notices] == sorted(n.on for n in notices)


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_parse_kind() -> None:
    assert parse_kind("lft:3") == ("lft", 3)
    assert parse_kind("milestone:week:8") == ("week", 8)
    assert parse_kind("milestone:month:6") == ("month", 6)


def test_capsules_go_down_one_per_dose_and_liquid_by_the_dose_in_ml() -> None:
    doses = [Decimal("1.5"), Decimal("1.5"), Decimal("3")]
    assert used_since_count("capsule", doses) == 3
    assert used_since_count("liquid", doses) == Decimal("6")
    assert supply_left(Decimal(30), Decimal(3)) == 27
    assert supply_left(Decimal(2), Decimal(3)) == 0


def test_run_out_date_and_warning() -> None:
    today = date(2026, 12, 10)
    assert days_of_supply(Decimal(12), Decimal(1)) == 12
    assert days_of_supply(Decimal(10), Decimal("4.5")) == 2
    assert runs_out_on(today, Decimal(12), Decimal(1)) == date(2026, 12, 22)
    assert not should_warn(today, Decimal(11), Decimal(1), 10)
    assert should_warn(today, Decimal(10), Decimal(1), 10)
    with pytest.raises(ValueError):
        days_of_supply(Decimal(5), Decimal(0))
