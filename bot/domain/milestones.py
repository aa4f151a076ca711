"""Dates of the one-off notices (liver-test reminders, expectation milestones) and how long
a supply of LDN lasts. Pure: dates and numbers in, dates and numbers out."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the 31st becomes the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True, order=True)
class PlannedNotice:
    on: date  # the patient's local date it is due
    kind: str  # "lft:<months>" | "milestone:week:<n>" | "milestone:month:<n>"


def lft_kind(months: int) -> str:
    return f"lft:{months}"


def planned_notices(
    *,
    start_date: date,
    lft_months: Iterable[int],
    milestone_weeks: Iterable[int],
    autoimmune_months: Iterable[int],
    autoimmune: bool | None,
) -> list[PlannedNotice]:
    """Every notice for a patient who starts on `start_date`, in date order."""
    notices = [PlannedNotice(add_months(start_date, m), lft_kind(m)) for m in set(lft_months)]
    notices += [
        PlannedNotice(start_date + timedelta(weeks=w), f"milestone:week:{w}")
        for w in set(milestone_weeks)
    ]
    if autoimmune:
        notices += [
            PlannedNotice(add_months(start_date, m), f"milestone:month:{m}")
            for m in set(autoimmune_months)
        ]
    return sorted(notices)


def parse_kind(kind: str) -> tuple[str, int]:
    """("lft", 3) from "lft:3", ("week", 4) from "milestone:week:4", ("month", 3) ..."""
    parts = kind.split(":")
    return parts[-2], int(parts[-1])


# ---------------------------------------------------------------------------- refills


def supply_left(on_hand: Decimal, used_since: Decimal) -> Decimal:
    """What is left of a counted supply after what was used since; never below zero."""
    return max(Decimal(0), on_hand - used_since)


def used_since_count(
    form: str | None, taken_doses_mg: Sequence[Decimal], mg_per_ml: Decimal | None = None
) -> Decimal:
    """Capsules: one per dose taken. Liquid: the doses in mL at its strength (else 1 mg/mL)."""
    if form == "liquid":
        used = sum(taken_doses_mg, Decimal(0)) / (mg_per_ml or Decimal(1))
        return used.quantize(Decimal("0.01"))
    return Decimal(len(taken_doses_mg))


def days_of_supply(left: Decimal, per_night: Decimal) -> int:
    """Whole nights the supply still covers."""
    if per_night <= 0:
        raise ValueError("a night uses some LDN")
    return int((left / per_night).to_integral_value(rounding=ROUND_FLOOR))


def runs_out_on(today: date, left: Decimal, per_night: Decimal) -> date:
    """The first night with not enough left, counting tonight as the first night."""
    return today + timedelta(days=days_of_supply(left, per_night))


def should_warn(today: date, left: Decimal, per_night: Decimal, warn_days_before: int) -> bool:
    """True when the supply runs out within `warn_days_before` days."""
    return (runs_out_on(today, left, per_night) - today).days <= warn_days_before
