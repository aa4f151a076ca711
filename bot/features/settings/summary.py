"""The /settings summary (every setting, a button to change each) and how nights, doses and
plans are described in it and in confirmations."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.context import LdnContext
from bot.domain.plans import Plan, dose_volume_ml, liquid_strength, plan_from_patient
from bot.features.language.buttons import SHOW
from bot.features.language.offer import native_name, offered_languages
from bot.features.refills.buttons import ASK_COUNT
from bot.features.reminders.compose import when_next_reminder
from bot.features.reminders.scheduling import reschedule, why_no_reminders
from bot.features.screening.buttons import REVIEW
from bot.features.settings import actions, texts, timezones
from bot.features.settings.questions import button
from bot.i18n import clock_time, current_language, number
from bot.registry import Registry
from storage.models import Patient
from storage.patients import PatientRepository


def describe_when(due: datetime, zone: str, now: datetime) -> str:
    """'tonight at 22:00', 'tomorrow at 08:30'...: the reminders' one wording of the next one."""
    return when_next_reminder(due, zone, now)


def describe_dose(mg: Any, form: str | None, mg_per_ml: Decimal | None = None) -> str:
    volume = dose_volume_ml(mg, form, mg_per_ml)
    return texts.dose(number(mg), number(volume) if volume is not None else None)


def describe_plan(plan: Plan) -> str:
    return texts.plan_summary(plan.kind, texts.plan_description(plan))


def _reminders_state(patient: Patient, reason: str | None, now: datetime) -> str:
    if patient.paused:
        return texts.reminders_paused()
    if patient.timezone is None or patient.reminder_time is None:
        return texts.reminders_not_set_up()
    if reason is not None or patient.next_reminder_at is None:
        return texts.reminders_on_hold_state()
    return texts.reminders_on(describe_when(patient.next_reminder_at, patient.timezone, now))


def summary(
    session: Session, patient: Patient, now: datetime, registry: Registry
) -> tuple[str, InlineKeyboardMarkup]:
    """The /settings message: every setting, and a button to change each."""
    zone = texts.not_set()
    if patient.timezone:
        zone = texts.zone_with_time(
            texts.zone_name(timezones.zone_names(patient.timezone, now)),
            now.astimezone(ZoneInfo(patient.timezone)),
        )
    lines = texts.summary_lines(
        zone=zone,
        reminder_time=(
            clock_time(patient.reminder_time) if patient.reminder_time else texts.not_set()
        ),
        form=texts.form_name(patient.form, number(liquid_strength(patient.liquid_mg_per_ml)))
        or texts.not_set(),
        plan=describe_plan(plan_from_patient(patient)) if patient.plan else texts.not_set(),
        start_date=texts.day(patient.start_date) if patient.start_date else texts.not_set(),
        reminders=_reminders_state(patient, why_no_reminders(session, patient, registry), now),
    )
    # Shown once there is a choice: a second language is offered (issue 15's triage gate).
    languages = len(offered_languages()) > 1
    if languages:
        lines.append(texts.language_line(native_name(current_language())))
    text = "\n".join([texts.summary_title(), *lines, "", texts.summary_footer()])

    def change(setting: str) -> InlineKeyboardButton:
        return button(texts.setting_button(setting), actions.CHANGE, setting)

    markup = InlineKeyboardMarkup(
        [
            [change("tz"), change("time")],
            [change("form"), change("plan")],
            [change("start"), *([change("strength")] if patient.form == "liquid" else [])],
            [
                InlineKeyboardButton(texts.safety_button(), callback_data=REVIEW.data()),
                InlineKeyboardButton(texts.refill_button(), callback_data=ASK_COUNT.data()),
            ],
            *(
                [[InlineKeyboardButton(texts.language_button(), callback_data=SHOW.data())]]
                if languages
                else []
            ),
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
    await send_summary(context, chat_id, intro=texts.all_set())
