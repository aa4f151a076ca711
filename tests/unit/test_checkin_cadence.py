"""Which mornings get a check-in: the first nights, after a step up, then weekly."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.checkins import Cadence, is_checkin_day, next_checkin_at, next_checkin_day

START = date(2026, 12, 1)
DEFAULT = Cadence(first_nights=14, days_after_step_up=7, every_days=7)
BERLIN = ZoneInfo("Europe/Berlin")


def mornings(until: date, *, step_ups: tuple[date, ...] = (), cadence: Cadence = DEFAULT):
    day, found = START - timedelta(days=3), []
    while day <= until:
        if is_checkin_day(day, start_date=START, step_ups=step_ups, cadence=cadence):
            found.append(day)
        day += timedelta(days=1)
    return found


def test_the_morning_after_each_of_the_first_14_nights_then_weekly() -> None:
    days = mornings(START + timedelta(days=40))
    assert days[:14] == [START + timedelta(days=n) for n in range(1, 15)]
    assert days[14:] == [START + timedelta(days=n) for n in (21, 28, 35)]


def test_no_check_in_before_the_first_night_is_over() -> None:
    assert not is_checkin_day(START, start_date=START, step_ups=(), cadence=DEFAULT)
    assert not is_checkin_day(
        START - timedelta(days=1), start_date=START, step_ups=(), cadence=DEFAULT
    )


def test_seven_mornings_after_a_step_up() -> None:
    stepped = START + timedelta(days=23)
    days = mornings(START + timedelta(days=40), step_ups=(stepped,))
    after = [d for d in days if d > stepped]
    assert after[:7] == [stepped + timedelta(days=n) for n in range(1, 8)]
    assert after[7:] == [START + timedelta(days=n) for n in (35,)]


def test_the_cadence_follows_the_settings() -> None:
    cadence = Cadence(first_nights=3, days_after_step_up=0, every_days=10)
    assert mornings(START + timedelta(days=30), cadence=cadence) == [
        START + timedelta(days=n) for n in (1, 2, 3, 13, 23)
    ]


def test_next_day_skips_to_the_weekly_one() -> None:
    after = START + timedelta(days=14)
    assert next_checkin_day(
        after, start_date=START, step_ups=(), cadence=DEFAULT
    ) == START + timedelta(days=21)


def test_first_check_in_is_at_nine_local_the_morning_after_the_first_night() -> None:
    now = datetime(2026, 12, 1, 20, 0, tzinfo=UTC)  # set up on the evening of the start date
    day, due = next_checkin_at(
        now=now, zone=BERLIN, at=time(9, 0), start_date=START, step_ups=(), cadence=DEFAULT
    )
    assert day == date(2026, 12, 2)
    assert due == datetime(2026, 12, 2, 8, 0, tzinfo=UTC)  # 09:00 in Berlin (UTC+1)


def test_a_morning_already_planned_is_not_planned_again() -> None:
    now = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)
    day, _ = next_checkin_at(
        now=now,
        zone=BERLIN,
        at=time(9, 0),
        start_date=START,
        step_ups=(),
        cadence=DEFAULT,
        last_planned=date(2026, 12, 2),
    )
    assert day == date(2026, 12, 3)


def test_a_check_in_time_already_passed_today_moves_to_the_next_morning() -> None:
    now = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # 11:00 in Berlin
    day, _ = next_checkin_at(
        now=now, zone=BERLIN, at=time(9, 0), start_date=START, step_ups=(), cadence=DEFAULT
    )
    assert day == date(2026, 12, 4)


def test_nine_local_across_the_spring_change() -> None:
    start = date(2027, 3, 20)
    _, before = next_checkin_at(
        now=datetime(2027, 3, 27, 0, tzinfo=UTC),
        zone=BERLIN,
        at=time(9, 0),
        start_date=start,
        step_ups=(),
        cadence=DEFAULT,
    )
    _, after = next_checkin_at(
        now=datetime(2027, 3, 28, 0, tzinfo=UTC),
        zone=BERLIN,
        at=time(9, 0),
        start_date=start,
        step_ups=(),
        cadence=DEFAULT,
    )
    assert before.astimezone(BERLIN).hour == 9 and after.astimezone(BERLIN).hour == 9
    assert after - before == timedelta(hours=23)
