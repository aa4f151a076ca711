"""The /settings summary (every setting, a button to change each) and how dates, nights,
doses and plans are described in it and in confirmations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import LdnContext
from bot.domain.clock_times import format_clock_time
from bot.domain.plans import Plan, dose_volume_ml, format_mg, liquid_strength, plan_from_patient
from bot.features.chat.buttons import callback_data
from bot.features.reminders.compose import when_next_reminder
from bot.features.reminders.scheduling import reschedule, why_no_reminders
from bot.features.settings import texts, timezones
from bot.features.settings.questions import button
from bot.registry import Registry
from storage.models import Patient
from storage.patients import PatientRepository


def describe_day(day: date) -> str:
    """'Wed 25 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def describe_when(due: datetime, zone: str, now: datetime) -> str:
    """'tonight at 22:00', 'tomorrow at 08:30'...: the reminders' one wording of the next one."""
    return when_next_reminder(due, zone, now)


def describe_dose(mg: Any, form: str | None, mg_per_ml: Decimal | None = None) -> str:
    volume = dose_volume_ml(mg, form, mg_per_ml)
    dose = f"{format_mg(mg)} mg"
    return f"{dose} ({format_mg(volume)} mL)" if volume is not None else dose


def describe_plan(plan: Plan) -> str:
    return f"{texts.PLAN_NAMES[plan.kind]} — {plan.describe()}"


def _reminders_state(patient: Patient, reason: str | None, now: datetime) -> str:
    if patient.paused:
        return texts.REMINDERS_PAUSED
    if patient.timezone is None or patient.reminder_time is None:
        return texts.REMINDERS_NOT_SET_UP
    if reason is not None or patient.next_reminder_at is None:
        return texts.REMINDERS_ON_HOLD
    return texts.reminders_on(describe_when(patient.next_reminder_at, patient.timezone, now))


def summary(
    session: Session, patient: Patient, now: datetime, registry: Registry
) -> tuple[str, InlineKeyboardMarkup]:
    """The /settings message: every setting, and a button to change each."""
    zone = texts.NOT_SET
    if patient.timezone:
        local = now.astimezone(ZoneInfo(patient.timezone))
        zone = texts.zone_with_time(
            timezones.zone_display_name(patient.timezone, now), f"{local:%H:%M}"
        )
    lines = texts.summary_lines(
        zone=zone,
        reminder_time=(
            format_clock_time(patient.reminder_time) if patient.reminder_time else texts.NOT_SET
        ),
        form=texts.form_name(patient.form, format_mg(liquid_strength(patient.liquid_mg_per_ml)))
        or texts.NOT_SET,
        plan=describe_plan(plan_from_patient(patient)) if patient.plan else texts.NOT_SET,
        start_date=describe_day(patient.start_date) if patient.start_date else texts.NOT_SET,
        reminders=_reminders_state(patient, why_no_reminders(session, patient, registry), now),
    )
    text = "\n".join([texts.SUMMARY_TITLE, *lines, "", texts.SUMMARY_FOOTER])
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.BUTTON_TIMEZONE, "change", "tz"),
                button(texts.BUTTON_TIME, "change", "time"),
            ],
            [
                button(texts.BUTTON_FORM, "change", "form"),
                button(texts.BUTTON_PLAN, "change", "plan"),
            ],
            [
                button(texts.BUTTON_START_DATE, "change", "start"),
                *(
                    [button(texts.BUTTON_STRENGTH, "change", "strength")]
                    if patient.form == "liquid"
                    else []
                ),
            ],
            [
                InlineKeyboardButton(
                    texts.BUTTON_SAFETY, callback_data=callback_data("screening", "review")
                ),
                InlineKeyboardButton(
                    texts.BUTTON_REFILL, callback_data=callback_data("refill", "ask")
                ),
            ],
        ]
    )
    return text, markup


async def send_summary(context: LdnContext, chat_id: int, *, intro: str | None = None) -> None:
    services = context.services
    now = services.now()

    def summarise(session: Session) -> tuple[str, InlineKeyboardMarkup]:
        patient, _new = PatientRepository(session).get_or_create(chat_id, now=now)
        return summary(session, patient, now, services.registry)

    text, markup = await services.db.run(summarise)
    if intro:
        text = f"{intro}\n\n{text}"
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def setup_finished(context: LdnContext, chat_id: int) -> None:
    """When the last setup question is answered: everything at a glance."""
    services = context.services
    now = services.now()

    def reschedule_after_setup(session: Session) -> None:
        patient = PatientRepository(session).find(chat_id)
        if patient is not None:
            # Some gates hold reminders only while setup is unfinished.
            reschedule(session, patient, now, services.registry)

    await services.db.run(reschedule_after_setup)
    await send_summary(context, chat_id, intro=texts.ALL_SET)
