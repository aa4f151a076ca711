"""The setup questions for time zone, reminder time, form, plan and start date: each sends
its question with buttons and, where typing works too, marks the answer as awaited."""

from __future__ import annotations

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from bot.context import LdnContext
from bot.domain.plans import STANDARD
from bot.handlers.buttons import callback_data
from bot.messages import settings as texts
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


def set_awaiting(context: LdnContext, chat_id: int, awaiting: str | None) -> None:
    """Remember which typed answer this chat's next message is (creating the patient)."""
    services = context.services
    with services.db.session() as session:
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat_id, now=services.now())
        patients.update(patient, awaiting=awaiting)


def location_keyboard() -> ReplyKeyboardMarkup:
    return ReplyKeyboardMarkup(
        [[KeyboardButton(texts.SHARE_LOCATION, request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


NO_KEYBOARD = ReplyKeyboardRemove()


async def ask_timezone(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_TIMEZONE)
    await context.bot.send_message(chat_id, texts.ASK_TIMEZONE, reply_markup=location_keyboard())


def time_buttons() -> InlineKeyboardMarkup:
    quick = [button(clock, "time", clock.replace(":", "")) for clock in QUICK_TIMES]
    return InlineKeyboardMarkup([quick[:4], quick[4:], [button(texts.OTHER_TIME, "time", "other")]])


async def ask_time(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_TIME)
    await context.bot.send_message(chat_id, texts.ASK_TIME, reply_markup=time_buttons())


async def ask_form(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_FORM)
    markup = InlineKeyboardMarkup(
        [
            [
                button(texts.FORM_CAPSULE, "form", "capsule"),
                button(texts.FORM_LIQUID, "form", "liquid"),
            ]
        ]
    )
    await context.bot.send_message(chat_id, texts.ASK_FORM, reply_markup=markup)


async def ask_plan(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_PLAN)
    markup = InlineKeyboardMarkup(
        [
            [button(texts.PLAN_STANDARD, "plan", "standard")],
            [button(texts.PLAN_GENTLE, "plan", "gentle")],
            [
                button(texts.PLAN_FIXED, "plan", "fixed"),
                button(texts.PLAN_CUSTOM, "plan", "custom"),
            ],
        ]
    )
    await context.bot.send_message(
        chat_id, texts.ask_plan(STANDARD.describe()), reply_markup=markup
    )


async def ask_fixed_dose(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_FIXED_DOSE)
    markup = InlineKeyboardMarkup([[button(f"{mg} mg", "fixed", mg) for mg in FIXED_DOSES]])
    await context.bot.send_message(chat_id, texts.ASK_FIXED_DOSE, reply_markup=markup)


async def ask_custom_plan(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_CUSTOM_PLAN)
    await context.bot.send_message(chat_id, texts.ASK_CUSTOM_STEPS)


async def ask_start_date(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_START_DATE)
    markup = InlineKeyboardMarkup(
        [[button(texts.TODAY, "start", "today"), button(texts.TOMORROW, "start", "tomorrow")]]
    )
    await context.bot.send_message(chat_id, texts.ASK_START_DATE, reply_markup=markup)


async def ask_strength(context: LdnContext, chat_id: int) -> None:
    set_awaiting(context, chat_id, AWAIT_STRENGTH)
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
