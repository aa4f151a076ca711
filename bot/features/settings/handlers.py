"""Setup steps 10-50 (time zone, reminder time, form, plan, start date), /settings, and the
one-line setting commands (/timezone, /time, /form, /plan, /startdate, and /strength for the
liquid's mg per mL, assumed 1 until set).

Every answer is saved as it is given and the next reminder is rescheduled in the same unit of
work (`saving`). An answer to a question (a button, or text typed while it is awaited) moves
setup on, or shows the updated /settings summary once setup is done. A one-line command
confirms in a line; once the time zone and time are known it fills in the usual plan, form and
start date, so `/timezone Berlin` and `/time 22:00` alone are enough for tonight's reminder
(`replies`). Each setting's flow has its module (`timezone`, `reminder_time`, `form`, `plan`,
`start_date`); the questions are in `questions`, the buttons in `buttons`, the summary in
`summary`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from bot.context import LdnContext
from bot.features.settings import buttons
from bot.features.settings.city_index import warm_up
from bot.features.settings.form import read_form_answer, read_form_at_the_question, read_strength
from bot.features.settings.plan import (
    read_custom_plan_answer,
    read_fixed_dose_answer,
    read_plan_answer,
    read_plan_at_the_question,
)
from bot.features.settings.questions import (
    AWAIT_CURRENT_DOSE,
    AWAIT_CUSTOM_PLAN,
    AWAIT_FIXED_DOSE,
    AWAIT_FORM,
    AWAIT_PLAN,
    AWAIT_START_DATE,
    AWAIT_STARTED_ON,
    AWAIT_STRENGTH,
    AWAIT_TIME,
    AWAIT_TIMEZONE,
    ask_current_dose,
    ask_custom_plan,
    ask_fixed_dose,
    ask_form,
    ask_plan,
    ask_start_date,
    ask_started_on,
    ask_strength,
    ask_time,
    ask_timezone,
    change_timezone,
)
from bot.features.settings.reminder_time import read_time
from bot.features.settings.start_date import (
    read_current_dose,
    read_start_date,
    read_started_on,
)
from bot.features.settings.summary import send_summary, setup_finished
from bot.features.settings.timezone import read_timezone, shared_location
from bot.features.settings.typed import one_line_command, typed_answer
from bot.features.setup.handlers import remind_of_setup
from bot.registry import Registry, SetupStep
from storage.models import Patient
from storage.nights import NightRepository


async def show_settings(update: Update, context: LdnContext) -> None:
    """The settings summary; during setup, then the question it waits for, again."""
    chat = update.effective_chat
    assert chat is not None
    await send_summary(context, chat.id)
    await remind_of_setup(context, chat.id)


def _is_set(column: str):  # type: ignore[no-untyped-def]
    def is_done(session: Session, patient: Patient) -> bool:
        return getattr(patient, column) is not None

    return is_done


def _clear(*columns: str):  # type: ignore[no-untyped-def]
    def forget(session: Session, patient: Patient) -> None:
        for column in columns:
            setattr(patient, column, None)

    return forget


def _forget_start(session: Session, patient: Patient) -> None:
    """The start date, and the steps recorded as taken for a patient already on LDN."""
    patient.start_date = None
    NightRepository(session).forget_decisions(patient.id)


SETUP_STEPS = (
    SetupStep("timezone", 10, _is_set("timezone"), ask_timezone, _clear("timezone")),
    SetupStep("time", 20, _is_set("reminder_time"), ask_time, _clear("reminder_time")),
    SetupStep("form", 30, _is_set("form"), ask_form, _clear("form", "liquid_mg_per_ml")),
    SetupStep("plan", 40, _is_set("plan"), ask_plan, _clear("plan", "plan_steps")),
    SetupStep("start_date", 50, _is_set("start_date"), ask_start_date, _forget_start),
)

COMMANDS = {
    "timezone": one_line_command(change_timezone, read_timezone),
    "time": one_line_command(ask_time, read_time),
    "form": one_line_command(ask_form, read_form_answer),
    "plan": one_line_command(ask_plan, read_plan_answer),
    "startdate": one_line_command(ask_start_date, read_start_date),
    "strength": one_line_command(ask_strength, read_strength),
}


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("settings", show_settings))
    for name, handler in COMMANDS.items():
        application.add_handler(CommandHandler(name, handler))
    for button_handler in buttons.handlers():
        application.add_handler(button_handler)
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.LOCATION, shared_location)
    )
    for step in SETUP_STEPS:
        registry.add_setup_step(step)
    registry.on_setup_complete(setup_finished)
    for awaiting, read, ask in (
        (AWAIT_TIMEZONE, read_timezone, ask_timezone),
        (AWAIT_TIME, read_time, ask_time),
        (AWAIT_FORM, read_form_at_the_question, ask_form),
        (AWAIT_PLAN, read_plan_at_the_question, ask_plan),
        (AWAIT_FIXED_DOSE, read_fixed_dose_answer, ask_fixed_dose),
        (AWAIT_CUSTOM_PLAN, read_custom_plan_answer, ask_custom_plan),
        (AWAIT_START_DATE, read_start_date, ask_start_date),
        (AWAIT_STRENGTH, read_strength, ask_strength),
        (AWAIT_CURRENT_DOSE, read_current_dose, ask_current_dose),
        (AWAIT_STARTED_ON, read_started_on, ask_started_on),
    ):
        registry.when_awaiting(awaiting, typed_answer(read), ask_again=ask)
    registry.at_startup(warm_up)
