"""The setup questions for time zone, reminder time, form, plan and start date: each sends
its question with buttons and, where typing works too, marks the answer as awaited."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from decimal import Decimal

from sqlalchemy.orm import Session
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.callbacks import ButtonAction
from bot.context import LdnContext
from bot.domain.plans import STANDARD, format_mg, plan_from_patient
from bot.domain.schedule import local_today
from bot.features.settings import actions, texts
from bot.i18n import clock_time_of_day, number
from storage.models import Patient
from storage.patients import PatientRepository

AWAIT_TIMEZONE = "setup:timezone"
AWAIT_TIME = "setup:time"
AWAIT_FORM = "setup:form"
AWAIT_PLAN = "setup:plan"
AWAIT_FIXED_DOSE = "setup:fixed_dose"
AWAIT_CUSTOM_PLAN = "setup:custom_plan"
AWAIT_START_DATE = "setup:start_date"
AWAIT_STRENGTH = "setup:strength"
AWAIT_CURRENT_DOSE = "setup:current_dose"
AWAIT_STARTED_ON = "setup:started_on"

QUICK_TIMES = ("21:00", "21:30", "22:00", "22:30", "23:00", "23:30", "00:00")
FIXED_DOSES = ("1.5", "3", "4.5")


def button(label: str, action: ButtonAction, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=action.data(*args))


# The answers whose buttons carry `asked_state`, and the setting it fingerprints: a press is
# refused when the setting changed after the question was asked. A time zone is a choice
# among places and stands on its own.
CHECKED_SETTINGS: dict[ButtonAction, str] = {
    actions.PLAN: "plan",
    actions.FIXED_DOSE: "plan",
    actions.START: "start",
    actions.CURRENT_DOSE: "start",
    actions.STARTED_UNSURE: "start",
    actions.FORM: "form",
    actions.TIME: "time",
}


def asked_state(patient: Patient | None, setting: str, now: datetime) -> str:
    """A short fingerprint of `setting` as it is now (for "start", also the patient's date,
    which "Today" and "Tomorrow" depend on)."""
    if patient is None:
        value = "-"
    elif setting == "plan":
        value = json.dumps([patient.plan, patient.plan_steps], sort_keys=True, default=str)
    elif setting == "start":
        today: date = local_today(now, patient.timezone)
        value = f"{today}|{patient.start_date}"
    elif setting == "form":
        value = str(patient.form)
    else:
        value = str(patient.reminder_time)
    return hashlib.blake2s(value.encode(), digest_size=3).hexdigest()


async def set_awaiting(
    context: LdnContext, chat_id: int, awaiting: str | None, *, state_of: str | None = None
) -> str:
    """Remember which typed answer this chat's next message is (creating the patient); with
    `state_of`, return that setting's `asked_state` for the question's buttons."""
    services = context.services
    now = services.now()

    def remember(session: Session) -> str:
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat_id, now=now)
        patients.update(patient, awaiting=awaiting)
        return asked_state(patient, state_of, now) if state_of else ""

    return await services.db.run(remember)


def location_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.share_location_button(), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


NO_KEYBOARD = ReplyKeyboardRemove()


async def ask_timezone(context: LdnContext, chat_id: int) -> None:
    await set_awaiting(context, chat_id, AWAIT_TIMEZONE)
    await context.bot.send_message(chat_id, texts.ask_timezone(), reply_markup=location_keyboard())


async def change_timezone(context: LdnContext, chat_id: int) -> None:
    """The time zone asked from /settings or by /timezone alone: not setup's first question."""
    await set_awaiting(context, chat_id, AWAIT_TIMEZONE)
    await context.bot.send_message(
        chat_id, texts.change_timezone(), reply_markup=location_keyboard()
    )


async def ask_timezone_again(context: LdnContext, chat_id: int) -> None:
    """After "That's not my time": the time zone is typed again."""
    await set_awaiting(context, chat_id, AWAIT_TIMEZONE)
    await context.bot.send_message(
        chat_id, texts.retype_timezone(), reply_markup=location_keyboard()
    )


def not_my_time_markup() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[button(texts.not_my_time_button(), actions.NOT_MY_TIME)]])


def _hhmm(moment: time) -> str:
    return f"{moment.hour:02d}{moment.minute:02d}"


def time_buttons(state: str) -> InlineKeyboardMarkup:
    quick = [button(clock, actions.TIME, clock.replace(":", ""), state) for clock in QUICK_TIMES]
    return InlineKeyboardMarkup(
        [quick[:4], quick[4:], [button(texts.other_time_button(), actions.OTHER_TIME)]]
    )


def morning_or_evening_buttons(morning: time, evening: time, state: str) -> InlineKeyboardMarkup:
    # "01:00 in the morning" / "13:00 in the afternoon": CLDR's day period for each hour
    return InlineKeyboardMarkup(
        [
            [
                button(clock_time_of_day(morning), actions.TIME, _hhmm(morning), state),
                button(clock_time_of_day(evening), actions.TIME, _hhmm(evening), state),
            ]
        ]
    )


async def ask_time(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_TIME, state_of="time")
    await context.bot.send_message(chat_id, texts.ask_time(), reply_markup=time_buttons(state))


def form_buttons(state: str) -> InlineKeyboardMarkup:
    """The form question's buttons, for the asked state `state`."""
    return InlineKeyboardMarkup(
        [
            [
                button(texts.capsule_button(), actions.FORM, "capsule", state),
                button(texts.liquid_button(), actions.FORM, "liquid", state),
            ]
        ]
    )


async def ask_form(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_FORM, state_of="form")
    await context.bot.send_message(chat_id, texts.ask_form(), reply_markup=form_buttons(state))


async def ask_plan(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_PLAN, state_of="plan")
    await context.bot.send_message(
        chat_id, texts.ask_plan(texts.plan_description(STANDARD)), reply_markup=plan_buttons(state)
    )


def plan_buttons(state: str) -> InlineKeyboardMarkup:
    """The plan question's buttons, for the asked state `state`."""

    def plan(kind: str) -> InlineKeyboardButton:
        return button(texts.plan_button(kind), actions.PLAN, kind, state)

    return InlineKeyboardMarkup(
        [[plan("standard")], [plan("gentle")], [plan("fixed"), plan("custom")]]
    )


async def ask_fixed_dose(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_FIXED_DOSE, state_of="plan")
    markup = InlineKeyboardMarkup(
        [[button(texts.dose_button(mg), actions.FIXED_DOSE, mg, state) for mg in FIXED_DOSES]]
    )
    await context.bot.send_message(chat_id, texts.ask_fixed_dose(), reply_markup=markup)


async def ask_custom_plan(context: LdnContext, chat_id: int) -> None:
    await set_awaiting(context, chat_id, AWAIT_CUSTOM_PLAN)
    await context.bot.send_message(chat_id, texts.ask_custom_steps())


def start_date_buttons(state: str) -> InlineKeyboardMarkup:
    """Today, Tomorrow, I already take LDN: for the asked state `state`."""
    return InlineKeyboardMarkup(
        [
            [
                button(texts.today_button(), actions.START, "today", state),
                button(texts.tomorrow_button(), actions.START, "tomorrow", state),
            ],
            [button(texts.already_taking_button(), actions.START, "already", state)],
        ]
    )


async def ask_start_date(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_START_DATE, state_of="start")
    await context.bot.send_message(
        chat_id, texts.ask_start_date(), reply_markup=start_date_buttons(state)
    )


async def ask_current_dose(context: LdnContext, chat_id: int) -> None:
    """For a patient already on LDN: the dose they take now (their plan's doses as buttons)."""
    services = context.services
    now = services.now()

    def remember(session: Session) -> tuple[str, list[str]]:
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat_id, now=now)
        patients.update(patient, awaiting=AWAIT_CURRENT_DOSE)
        doses = [format_mg(step.mg) for step in plan_from_patient(patient).steps]
        return asked_state(patient, "start", now), list(dict.fromkeys(doses))

    state, doses = await services.db.run(remember)
    rows = [doses[i : i + 3] for i in range(0, len(doses), 3)]
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.dose_button(number(Decimal(mg))), actions.CURRENT_DOSE, mg, state)
                for mg in row
            ]
            for row in rows
        ]
    )
    await context.bot.send_message(chat_id, texts.ask_current_dose(), reply_markup=markup)


async def ask_started_on(context: LdnContext, chat_id: int) -> None:
    """For a patient already on LDN: since when (any date back to long ago)."""
    state = await set_awaiting(context, chat_id, AWAIT_STARTED_ON, state_of="start")
    await context.bot.send_message(
        chat_id, texts.ask_started_on(), reply_markup=not_sure_buttons(state)
    )


def not_sure_buttons(state: str) -> InlineKeyboardMarkup:
    """ "Not sure" when they started, for the asked state `state`."""
    return InlineKeyboardMarkup([[button(texts.not_sure_button(), actions.STARTED_UNSURE, state)]])


async def ask_strength(context: LdnContext, chat_id: int) -> None:
    await set_awaiting(context, chat_id, AWAIT_STRENGTH)
    await context.bot.send_message(chat_id, texts.ask_strength())


# What "change" on the /settings summary opens, by setting.
ASKERS = {
    "tz": change_timezone,
    "time": ask_time,
    "form": ask_form,
    "plan": ask_plan,
    "start": ask_start_date,
    "strength": ask_strength,
}
