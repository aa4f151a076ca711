"""Seed many set-up patients, fast (one multi-row INSERT per chunk), for benchmarks."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import insert

from bot.domain.schedule import next_due
from storage.db import Database
from storage.models import Patient

FIRST_CHAT = 10_000_000


def seed_patients(
    db: Database,
    count: int,
    *,
    now: datetime,
    zone: str = "Europe/Berlin",
    reminder_time: time = time(22, 0),
    start_date: date | None = None,
    first_chat: int = FIRST_CHAT,
    chunk: int = 5_000,
) -> datetime:
    """`count` patients who finished setup, all due at the same next reminder; returns it."""
    tz = ZoneInfo(zone)
    start = start_date or now.astimezone(tz).date()
    _night, due = next_due(reminder_time=reminder_time, zone=tz, after=now, start_date=start)
    rows = [
        {
            "chat_id": first_chat + i,
            "created_at": now,
            "setup_completed_at": now,
            "paused": False,
            "timezone": zone,
            "reminder_time": reminder_time,
            "form": "capsule",
            "plan": "standard",
            "start_date": start,
            "next_reminder_at": due,
        }
        for i in range(count)
    ]
    with db.engine.begin() as connection:
        for offset in range(0, count, chunk):
            connection.execute(insert(Patient), rows[offset : offset + chunk])
    return due
