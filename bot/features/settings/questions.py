"""The setup questions for time zone, reminder time, form, plan and start date: each sends
its question with buttons and, where typing works too, marks the answer as awaited."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

from sqlalchemy.orm import Session
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.context import LdnContext
from bot.domain.plans import STANDARD
from bot.domain.schedule import local_today
from bot.features.chat.buttons import callback_data
from bot.features.settings import texts
from storage.models import Patient
from storage.patients import PatientRepository

FEATURE = "settings"

AWAIT_TIMEZONE = "setup:timezone"
AWAIT_TIME = "setup:time"
AWAIT_FORM = "setup:form"
AWAIT_PLAN = "setup:plan"
AWAIT_FIXED_DOSE = "setup:fixed_dose"
AWAIT_CUSTOM_PLAN = "setup:custom_plan"
AWAIT_START_DATE = "setup:start_date"
AWAIT_STRENGTH = "setup:strength"

QUICK_TIMES = ("21:00", "21:30", "22:00", "22:30", "23:00", "23:30", "00:00")
FIXED_DOSES = ("1.5", "3", "4.5")


def button(label: str, action: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callback_data(FEATURE, action, *args))


# The settings whose answer buttons carry `asked_state`: a press is refused when the setting
# changed after the question was asked (the plan and its dose, the start date, the form, the
# time). A time zone is a choice among places and stands on its own.
CHECKED_SETTINGS = {
    "plan": "plan",
    "fixed": "plan",
    "start": "start",
    "form": "form",
    "time": "time",
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
        [[KeyboardButton(texts.SHARE_LOCATION, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


NO_KEYBOARD = ReplyKeyboardRemove()


async def ask_timezone(context: LdnContext, chat_id: int) -> None:
    await set_awaiting(context, chat_id, AWAIT_TIMEZONE)
    await context.bot.send_message(chat_id, texts.ASK_TIMEZONE, reply_markup=location_keyboard())


def time_buttons(state: str) -> InlineKeyboardMarkup:
    quick = [button(clock, "time", clock.replace(":", ""), state) for clock in QUICK_TIMES]
    return InlineKeyboardMarkup([quick[:4], quick[4:], [button(texts.OTHER_TIME, "time", "other")]])


async def ask_time(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_TIME, state_of="time")
    await context.bot.send_message(chat_id, texts.ASK_TIME, reply_markup=time_buttons(state))


async def ask_form(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_FORM, state_of="form")
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.FORM_CAPSULE, "form", "capsule", state),
                button(texts.FORM_LIQUID, "form", "liquid", state),
            ]
        ]
    )
    await context.bot.send_message(chat_id, texts.ASK_FORM, reply_markup=markup)


async def ask_plan(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_PLAN, state_of="plan")
    markup = InlineKeyboardMarkup(
        [
            [button(texts.PLAN_STANDARD, "plan", "standard", state)],
            [button(texts.PLAN_GENTLE, "plan", "gentle", state)],
            [
                button(texts.PLAN_FIXED, "plan", "fixed", state),
                button(texts.PLAN_CUSTOM, "plan", "custom", state),
            ],
        ]
    )
    await context.bot.send_message(
        chat_id, texts.ask_plan(STANDARD.describe()), reply_markup=markup
    )


async def ask_fixed_dose(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_FIXED_DOSE, state_of="plan")
    markup = InlineKeyboardMarkup([[button(f"{mg} mg", "fixed", mg, state) for mg in FIXED_DOSES]])
    await context.bot.send_message(chat_id, texts.ASK_FIXED_DOSE, reply_markup=markup)


async def ask_custom_plan(context: LdnContext, chat_id: int) -> None:
    await set_awaiting(context, chat_id, AWAIT_CUSTOM_PLAN)
    await context.bot.send_message(chat_id, texts.ASK_CUSTOM_STEPS)


async def ask_start_date(context: LdnContext, chat_id: int) -> None:
    state = await set_awaiting(context, chat_id, AWAIT_START_DATE, state_of="start")
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.TODAY, "start", "today", state),
                button(texts.TOMORROW, "start", "tomorrow", state),
            ]
        ]
    )
    await context.bot.send_message(chat_id, texts.ASK_START_DATE, reply_markup=markup)


async def ask_strength(context: LdnContext, chat_id: int) -> None:
    await set_awaiting(context, chat_id, AWAIT_STRENGTH)
    await context.bot.send_message(chat_id, texts.ASK_STRENGTH)


# What "change" on the /settings summary opens, by setting.
ASKERS = {
    "tz": ask_timezone,
    "time": ask_time,
    "form": ask_form,
    "plan": ask_plan,
    "start": ask_start_date,
    "strength": ask_strength,
}
