"""The start date: 'today', 'tomorrow', a typed date, or a button."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from bot.context import LdnContext
from bot.domain.clock_times import parse_date, start_date_problem
from bot.domain.setting_answers import local_today, shown
from bot.features.settings import texts
from bot.features.settings.questions import AWAIT_START_DATE
from bot.features.settings.replies import Change, Correction
from bot.features.settings.saving import Saved
from bot.features.settings.summary import describe_day
from storage.patients import PatientRepository


async def patient_today(context: LdnContext, chat_id: int) -> date:
    services = context.services

    def zone_of(session: Session) -> str | None:
        patient = PatientRepository(session).find(chat_id)
        return patient.timezone if patient is not None else None

    return local_today(await services.db.run(zone_of), services.now())


def start_date_change(start: date, today: date) -> Change | Correction:
    """Starting on `start`, or why not (too far back or ahead of `today`)."""
    problem = start_date_problem(start, today)
    if problem is not None:
        day = describe_day(start)
        text = (
            texts.start_date_too_early(day)
            if problem == "too_early"
            else texts.start_date_too_late(day)
        )
        return Correction(text, AWAIT_START_DATE)

    def say(saved: Saved, now: datetime) -> list[str]:
        day = describe_day(start)
        if start == today:
            day = f"{day} ({texts.TODAY.lower()})"
        return [texts.start_date_set(day)]

    return Change({"start_date": start}, say)


async def read_start_date(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    today = await patient_today(context, chat_id)
    start = parse_date(typed, today)
    if start is None:
        return Correction(texts.date_not_understood(shown(typed)), AWAIT_START_DATE)
    return start_date_change(start, today)


async def start_on(context: LdnContext, chat_id: int, day: str) -> Change | Correction:
    """The "Today" or "Tomorrow" button."""
    today = await patient_today(context, chat_id)
    return start_date_change(today if day == "today" else today + timedelta(days=1), today)
