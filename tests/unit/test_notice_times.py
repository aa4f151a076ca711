"""When the dated notices (liver tests, milestones) are planned: none lands at once on a
patient who has just set up; the baseline liver test comes at the next notice time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.features.care_plan.planning import first_moment_after, notices_to_plan
from tests.conftest import make_settings
from tests.factories import make_patient

BERLIN = ZoneInfo("Europe/Berlin")


def test_the_first_notice_time_after_a_moment() -> None:
    ten = time(10, 0)
    morning = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    assert first_moment_after(morning, ten, BERLIN) == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    afternoon = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # 13:00 in Berlin
    assert first_moment_after(afternoon, ten, BERLIN) == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    exactly = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert first_moment_after(exactly, ten, BERLIN) == exactly


def plan_for(
    tmp_path: Path, set_up_at: datetime, start: date, now: datetime
) -> dict[str, datetime]:
    patient = make_patient(
        1, set_up_at, timezone="Europe/Berlin", start_date=start, setup_completed_at=set_up_at
    )
    return dict(notices_to_plan(patient, make_settings(tmp_path), now, kept=set()))


def test_set_up_in_the_afternoon_of_the_start_day_the_baseline_comes_next_morning(
    tmp_path: Path,
) -> None:
    set_up_at = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    planned = plan_for(tmp_path, set_up_at, date(2026, 11, 25), set_up_at)
    assert planned["lft:0"] == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
    # Later notices keep their own dates; replanning later gives the same time.
    assert planned["lft:3"] == datetime(2026, 2, 25, 9, 0, tzinfo=UTC).replace(year=2027)
    again = plan_for(
        tmp_path, set_up_at, date(2026, 11, 25), datetime(2026, 11, 26, 9, 0, 30, tzinfo=UTC)
    )
    assert again["lft:0"] == planned["lft:0"]


def test_set_up_before_the_notice_time_the_baseline_comes_that_morning(
    tmp_path: Path,
) -> None:
    set_up_at = datetime(2026, 11, 25, 7, 0, tzinfo=UTC)  # 08:00 in Berlin
    planned = plan_for(tmp_path, set_up_at, date(2026, 11, 25), set_up_at)
    assert planned["lft:0"] == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def test_starting_tomorrow_the_baseline_keeps_its_date(tmp_path: Path) -> None:
    set_up_at = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)
    planned = plan_for(tmp_path, set_up_at, date(2026, 11, 26), set_up_at)
    assert planned["lft:0"] == datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
