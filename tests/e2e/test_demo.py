"""`ldn-bot demo` moves its own clock: a newcomer sees the nightly reminder, the morning
check-in and a step-up offer within a minute, and every photo and document the bot sends is
saved into a folder whose path is printed."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.demo import DemoClock, _chat, next_wall_time, parse_later
from bot.features.reminders.scheduling import reschedule
from bot.features.settings import timezones
from bot.registry import Registry
from storage.db import Database
from tests.factories import make_patient

BERLIN = ZoneInfo("Europe/Berlin")
CHAT = 1001


def test_later_reads_days_hours_minutes_and_weeks() -> None:
    assert parse_later("1d") == timedelta(days=1)
    assert parse_later("1d12h") == timedelta(days=1, hours=12)
    assert parse_later("90m") == timedelta(minutes=90)
    assert parse_later("2w") == timedelta(weeks=2)
    for wrong in ("", "0m", "yesterday", "-1d", "1x", "5000d"):
        assert parse_later(wrong) is None, wrong


def test_at_is_the_next_such_wall_time_in_the_zone() -> None:
    morning = datetime(2026, 11, 25, 9, 0, tzinfo=BERLIN)
    at_22 = next_wall_time(morning, dt_time(22, 0), BERLIN)
    assert at_22.astimezone(BERLIN) == datetime(2026, 11, 25, 22, 0, tzinfo=BERLIN)
    assert next_wall_time(at_22, dt_time(22, 0), BERLIN).astimezone(BERLIN) == datetime(
        2026, 11, 26, 22, 0, tzinfo=BERLIN
    )
    # 02:30 does not exist the night the clocks go forward: it is read as 03:30 summer time.
    spring = next_wall_time(datetime(2026, 3, 28, 23, 0, tzinfo=BERLIN), dt_time(2, 30), BERLIN)
    assert spring == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def script(lines: list[str]) -> Iterator[str]:
    yield from lines


async def test_a_newcomer_sees_a_night_a_morning_and_a_step_up_within_a_minute(
    tmp_path: Path,
) -> None:
    database = tmp_path / "demo.sqlite3"
    files = tmp_path / "demo-files"
    start = datetime(2026, 11, 25, 12, 0, tzinfo=BERLIN)
    db = Database(f"sqlite:///{database}")
    db.upgrade()
    with db.session() as session:  # a patient who just finished setup (setup is tested apart)
        patient = make_patient(CHAT, start, session=session, timezone="Europe/Berlin")
        reschedule(session, patient, start, Registry())
    db.dispose()
    timezones.warm_up()

    lines = script(
        [
            "!now",
            "!at 22:00",
            "/taken",
            "!at 09:00",
            "!later 14d",
            "!at 22:00",
            "/stats",
            "/report",
            "!at",
        ]
    )
    typed: list[str] = []

    async def read_line(prompt: str) -> str | None:
        line = next(lines, None)
        if line is not None:
            typed.append(line)
        return line

    out = io.StringIO()
    began = time.monotonic()
    screen = await _chat(
        database,
        CHAT,
        files=files,
        clock=DemoClock.starting_at(start),
        read_line=read_line,
        out=out,
    )
    took = time.monotonic() - began
    shown = out.getvalue()

    assert took < 60, f"the demo took {took:.0f} s"
    assert "(clock: Wed 25 Nov 2026 12:00 Europe/Berlin)" in shown
    night = shown.index("(clock: Wed 25 Nov 2026 22:00 Europe/Berlin)")
    morning = shown.index("(clock: Thu 26 Nov 2026 09:00 Europe/Berlin)")
    two_weeks = shown.index("(clock: Thu 10 Dec 2026 22:00 Europe/Berlin)")
    assert "1.5 mg" in shown[night:morning] and "tonight" in shown[night:morning]
    assert "quick check-in" in shown[morning:two_weeks]
    assert "Go up to 3 mg tonight?" in shown[two_weeks:]
    assert "usage: !at HH:MM" in shown  # "!at" alone

    # The chart and the PDF report were saved, and the screen says where.
    assert [path.suffix for path in screen.saved] == [".png", ".pdf"]
    chart, report = screen.saved
    assert chart.read_bytes().startswith(b"\x89PNG") and f"saved to {chart}" in shown
    assert report.parent == files.resolve() and report.read_bytes().startswith(b"%PDF")
    assert f"saved to {report}" in shown
    assert str(files.resolve()) in shown  # the banner names the folder
