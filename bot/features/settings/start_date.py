"""The start date: 'today', 'tomorrow', a typed date (long ago is fine), or a button; and for
a patient already on LDN, the dose they take now and since when.

A patient already on LDN says the dose they take now. When that dose is a step of their plan,
the plan goes on from that step (the steps up to it are recorded as taken, tonight); when it
is not, their plan becomes that dose every night. Then the start date: a typed date, however
long ago, or "Not sure" (today).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from bot.context import LdnContext
from bot.domain.clock_times import parse_date, start_date_problem
from bot.domain.plans import PlanError, fixed_plan, plan_from_patient, plan_to_columns
from bot.domain.setting_answers import LONGEST_ANSWER, local_today, shown
from bot.domain.typed_answers import says_unsure
from bot.features.settings import texts
from bot.features.settings.questions import (
    AWAIT_CURRENT_DOSE,
    AWAIT_START_DATE,
    AWAIT_STARTED_ON,
    ask_current_dose,
    ask_started_on,
    not_sure_buttons,
    start_date_buttons,
)
from bot.features.settings.replies import Change, Correction
from bot.features.settings.saving import Saved
from bot.i18n import number
from storage.models import Patient
from storage.nights import NightRepository
from storage.patients import PatientRepository


async def patient_today(context: LdnContext, chat_id: int) -> date:
    services = context.services

    def zone_of(session: Session) -> str | None:
        patient = PatientRepository(session).find(chat_id)
        return patient.timezone if patient is not None else None

    return local_today(await services.db.run(zone_of), services.now())


def start_date_change(
    start: date, today: date, *, question: str = AWAIT_START_DATE
) -> Change | Correction:
    """Starting on `start`, or why not (a typo in the year, or more than a year ahead)."""
    problem = start_date_problem(start, today)
    if problem is not None:
        text = (
            texts.start_date_too_early(start)
            if problem == "too_early"
            else texts.start_date_too_late(start)
        )
        return Correction(text, question)

    def say(saved: Saved, now: datetime) -> list[str]:
        return [texts.start_date_set(start, is_today=start == today)]

    return Change({"start_date": start}, say)


async def read_start_date(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    today = await patient_today(context, chat_id)
    start = parse_date(typed, today)
    if start is None:
        # Not knowing is an answer too: what the start date is, and the buttons again.
        text = (
            texts.start_date_unknown()
            if says_unsure(typed)
            else texts.date_not_understood(shown(typed))
        )
        return Correction(text, AWAIT_START_DATE, state_of="start", choices=start_date_buttons)
    return start_date_change(start, today)


async def start_on(context: LdnContext, chat_id: int, day: str) -> Change | Correction | None:
    """The "Today", "Tomorrow" or "I already take LDN" button."""
    if day == "already":
        await ask_current_dose(context, chat_id)
        return None
    today = await patient_today(context, chat_id)
    return start_date_change(today if day == "today" else today + timedelta(days=1), today)


def current_dose_change(mg: Decimal, today: date) -> Change:
    """Already on LDN at `mg`: the plan goes on from that dose, from today until the start
    date is given."""
    on_plan: list[bool] = []

    def from_that_dose(session: Session, patient: Patient, now: datetime) -> None:
        plan = plan_from_patient(patient)
        doses = [step.mg for step in plan.steps]
        if mg not in doses:
            patient.plan, patient.plan_steps = plan_to_columns(fixed_plan(mg))
            on_plan.append(False)
            return
        nights = NightRepository(session)
        for index in range(1, doses.index(mg) + 1):
            nights.add_decision(patient.id, index, "up", today, now)
        on_plan.append(True)

    def say(saved: Saved, now: datetime) -> list[str]:
        shown_mg = number(mg)
        if on_plan and on_plan[0]:
            return [texts.current_dose_on_plan(shown_mg)]
        return [texts.current_dose_set(shown_mg)]

    return Change({"start_date": today}, say, also=from_that_dose, then=ask_started_on)


async def read_current_dose(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    """'3', '4.5 mg': the dose a patient already on LDN takes now."""
    try:
        plan = fixed_plan(typed.strip().lower().removesuffix("mg").strip()[:LONGEST_ANSWER])
    except PlanError as problem:
        return Correction(texts.plan_problem(problem), AWAIT_CURRENT_DOSE)
    return current_dose_change(plan.steps[0].mg, await patient_today(context, chat_id))


async def read_started_on(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    """When a patient already on LDN started: any date up to today, long ago included."""
    today = await patient_today(context, chat_id)
    start = parse_date(typed, today, looking_back=True)  # 'Monday' is the last one
    if start is None:
        text = (
            texts.started_on_unknown()
            if says_unsure(typed)
            else texts.start_not_understood(shown(typed))
        )
        return Correction(text, AWAIT_STARTED_ON, state_of="start", choices=not_sure_buttons)
    return start_date_change(min(start, today), today, question=AWAIT_STARTED_ON)


async def started_unsure(context: LdnContext, chat_id: int) -> Change | Correction:
    """ "Not sure": today stands as the start date."""
    today = await patient_today(context, chat_id)
    return start_date_change(today, today, question=AWAIT_STARTED_ON)
