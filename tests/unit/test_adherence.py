"""Adherence numbers against histories counted by hand."""

from __future__ import annotations

from datetime import date, timedelta

from bot.domain.adherence import Counts, NightRecord, adherence, current_streak

TODAY = date(2026, 11, 25)


def history(*outcomes: str | None, last: date = TODAY) -> list[NightRecord]:
    """Nights ending on `last`, oldest first; None is a date with no night at all (a gap)."""
    first = last - timedelta(days=len(outcomes) - 1)
    return [
        NightRecord(first + timedelta(days=i), outcome, 1.5)
        for i, outcome in enumerate(outcomes)
        if outcome is not None
    ]


def test_no_nights_means_nothing_to_count() -> None:
    result = adherence([], today=TODAY)
    assert result.since_start == Counts(0, 0, 0)
    assert result.since_start.percent_taken is None
    assert result.current_streak == 0
    assert result.tonight is None and result.first_night is None


def test_a_skipped_night_breaks_the_streak() -> None:
    # Nov 19..25: T T S T T T, tonight (Nov 25) still pending.
    nights = history("taken", "taken", "skipped", "taken", "taken", "taken", "sent")
    result = adherence(nights, today=TODAY)
    assert result.current_streak == 3
    assert result.tonight == "sent"
    assert result.last_7 == Counts(taken=5, skipped=1, missed=0)
    assert result.last_7.percent_taken == 83  # 5 of 6
    assert result.since_start == Counts(taken=5, skipped=1, missed=0)
    assert result.latest_decided == date(2026, 11, 24)


def test_tonight_pending_is_not_counted_and_does_not_break_the_streak() -> None:
    nights = history("taken", "taken", "sending")
    result = adherence(nights, today=TODAY)
    assert result.since_start.decided == 2
    assert result.current_streak == 2


def test_tonight_taken_counts_since_the_start_and_in_the_streak_not_in_last_7() -> None:
    nights = history("taken", "taken", "taken")
    result = adherence(nights, today=TODAY)
    assert result.current_streak == 3
    assert result.since_start.taken == 3
    assert result.last_7.taken == 2  # the window ends with last night


def test_a_gap_ends_the_streak_but_not_the_counts() -> None:
    # Nov 16..24: T T T, gap, gap, T T M T; nothing tonight yet.
    outcomes = ("taken", "taken", "taken", None, None, "taken", "taken", "missed", "taken")
    nights = history(*outcomes, last=TODAY - timedelta(days=1))
    result = adherence(nights, today=TODAY)
    assert result.current_streak == 1
    assert result.tonight is None
    # Window Nov 18..24: T(18) T(21) T(22) M(23) T(24).
    assert result.last_7 == Counts(taken=4, skipped=0, missed=1)
    assert result.last_7.percent_taken == 80
    assert result.since_start == Counts(taken=6, skipped=0, missed=1)
    assert result.first_night == date(2026, 11, 16)


def test_windows_of_7_and_30_days_and_since_start() -> None:
    # 40 nights ending last night: the oldest 10 missed, then 30 with every 5th skipped.
    outcomes = ["missed"] * 10 + ["skipped" if i % 5 == 0 else "taken" for i in range(30)]
    nights = history(*outcomes, last=TODAY - timedelta(days=1))
    result = adherence(nights, today=TODAY)
    # Last 30 = the 30 after the missed ones: i = 0,5,...,25 skipped (6), 24 taken.
    assert result.last_30 == Counts(taken=24, skipped=6, missed=0)
    assert result.last_30.percent_taken == 80
    # Last 7 = i 23..29: skipped at 25 only.
    assert result.last_7 == Counts(taken=6, skipped=1, missed=0)
    assert result.since_start == Counts(taken=24, skipped=6, missed=10)
    assert result.since_start.percent_taken == 60
    # i 26..29 taken after the skip at 25.
    assert result.current_streak == 4


def test_an_old_night_never_answered_is_not_counted() -> None:
    nights = history("taken", "sent", "taken", last=TODAY - timedelta(days=1))
    result = adherence(nights, today=TODAY)
    assert result.since_start == Counts(taken=2)
    assert result.current_streak == 1  # the unanswered night is not a taken one


def test_nights_after_today_are_ignored() -> None:
    nights = [*history("taken"), NightRecord(TODAY + timedelta(days=1), "sending", 1.5)]
    assert adherence(nights, today=TODAY).tonight == "taken"


def test_the_streak_ends_at_the_latest_decided_night_in_any_order() -> None:
    nights = list(reversed(history("missed", "taken", "taken")))
    assert current_streak(nights) == 2
    assert current_streak(history("taken", "missed")) == 0
