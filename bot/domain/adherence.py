"""Adherence from a patient's nights: counts per window, the current streak; and the step-up
hold, the one rule for whether side effects hold a step up (see `step_up_hold`).

A night counts once it is decided (taken, skipped or missed). A night still "sending" or
"sent" is pending: tonight's is shown as such, an older one is simply not counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from bot.domain.side_effects import ReportedEffects, Severity, SideEffect, reported_effects

TAKEN = "taken"
SKIPPED = "skipped"
MISSED = "missed"
DECIDED = (TAKEN, SKIPPED, MISSED)


@dataclass(frozen=True)
class NightRecord:
    """One night as adherence sees it: the patient's local date, its outcome, the dose."""

    local_date: date
    outcome: str
    dose_mg: float

    @property
    def decided(self) -> bool:
        return self.outcome in DECIDED


@dataclass(frozen=True)
class Counts:
    taken: int = 0
    skipped: int = 0
    missed: int = 0

    @property
    def decided(self) -> int:
        return self.taken + self.skipped + self.missed

    @property
    def percent_taken(self) -> int | None:
        """Taken nights as a whole percentage of decided nights; None when none is decided."""
        if self.decided == 0:
            return None
        return round(100 * self.taken / self.decided)


@dataclass(frozen=True)
class Adherence:
    last_7: Counts
    last_30: Counts
    since_start: Counts
    current_streak: int  # consecutive taken nights ending at the latest decided night
    tonight: str | None  # tonight's outcome ("sent" while pending), None when no reminder yet
    first_night: date | None
    latest_decided: date | None
    nights_before_tonight: bool  # False on the first night: the windows hold nothing yet


def count(nights: Iterable[NightRecord]) -> Counts:
    outcomes = [n.outcome for n in nights]
    return Counts(
        taken=outcomes.count(TAKEN), skipped=outcomes.count(SKIPPED), missed=outcomes.count(MISSED)
    )


def in_window(nights: Iterable[NightRecord], *, last_night: date, days: int) -> list[NightRecord]:
    """The nights of the `days` local dates ending with `last_night` (inclusive)."""
    first = last_night - timedelta(days=days - 1)
    return [n for n in nights if first <= n.local_date <= last_night]


def current_streak(nights: Sequence[NightRecord]) -> int:
    """Taken nights in a row, counted back from the latest decided night.

    A date with no night at all (a pause, a gap), or a night not taken, ends the streak.
    """
    decided = {n.local_date: n.outcome for n in nights if n.decided}
    if not decided:
        return 0
    day = max(decided)
    streak = 0
    while decided.get(day) == TAKEN:
        streak += 1
        day -= timedelta(days=1)
    return streak


def adherence(nights: Sequence[NightRecord], *, today: date) -> Adherence:
    """Adherence as of the patient's local date `today`.

    The 7- and 30-day windows end with last night (today - 1); tonight, once decided,
    counts since the start and in the streak.
    """
    last_night = today - timedelta(days=1)
    past = [n for n in nights if n.local_date <= today]
    tonight = next((n.outcome for n in past if n.local_date == today), None)
    decided = [n for n in past if n.decided]
    return Adherence(
        last_7=count(in_window(decided, last_night=last_night, days=7)),
        last_30=count(in_window(decided, last_night=last_night, days=30)),
        since_start=count(decided),
        current_streak=current_streak(decided),
        tonight=tonight,
        first_night=min((n.local_date for n in past), default=None),
        latest_decided=max((n.local_date for n in decided), default=None),
        nights_before_tonight=any(n.local_date < today for n in past),
    )


# ---------------------------------------------------------------- the step-up hold

HOLD_WINDOW_DAYS = 14  # a check-in older than this no longer holds a step up
SETTLED_AFTER_CHECKINS = 2  # later check-ins without a moderate or severe effect that settle it


@dataclass(frozen=True)
class CheckinEffects:
    """One completed check-in as the hold sees it: its local date and what it reported."""

    on: date
    reported: ReportedEffects


def step_up_hold(recent: Sequence[CheckinEffects], *, today: date) -> SideEffect | None:
    """The side effect that holds a step up on `today`, or None: the one rule used by the
    reminder, the step-up button, /stats and the report.

    The latest check-in that reported an effect as moderate or severe holds the step while it
    is recent (within HOLD_WINDOW_DAYS of `today`) and until SETTLED_AFTER_CHECKINS later
    check-ins reported none at moderate or worse. `recent` is newest first.
    """
    for checkin in recent[:SETTLED_AFTER_CHECKINS]:  # an older one has settled since
        if (today - checkin.on).days > HOLD_WINDOW_DAYS:
            return None
        worst = checkin.reported.worst()
        if worst is not None and worst[1] >= Severity.MODERATE:
            return worst[0]
    return None


def hold_from_checkins(checkins: Iterable[object], *, today: date) -> SideEffect | None:
    """`step_up_hold` over stored check-ins (anything with `local_date` and one attribute per
    side effect), newest first."""
    return step_up_hold(
        [CheckinEffects(c.local_date, reported_effects(c)) for c in checkins],  # type: ignore[attr-defined]
        today=today,
    )
