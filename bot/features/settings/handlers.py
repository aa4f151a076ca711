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
from bot.features.settings.form import read_form_answer, read_strength
from bot.features.settings.plan import (
    read_custom_plan_answer,
    read_fixed_dose_answer,
    read_plan_answer,
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
    ask_form,
    ask_plan,
    ask_start_date,
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
from bot.registry import Registry, SetupStep
from storage.models import Patient


async def show_settings(update: Update, context: LdnContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    await send_summary(context, chat.id)


def _is_set(column: str):  # type: ignore[no-untyped-def]
    def is_done(session: Session, patient: Patient) -> bool:
        return getattr(patient, column) is not None

    return is_done


SETUP_STEPS = (
    SetupStep("timezone", 10, _is_set("timezone"), ask_timezone),
    SetupStep("time", 20, _is_set("reminder_time"), ask_time),
    SetupStep("form", 30, _is_set("form"), ask_form),
    SetupStep("plan", 40, _is_set("plan"), ask_plan),
    SetupStep("start_date", 50, _is_set("start_date"), ask_start_date),
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
    registry.when_awaiting(AWAIT_TIMEZONE, typed_answer(read_timezone))
    registry.when_awaiting(AWAIT_TIME, typed_answer(read_time))
    registry.when_awaiting(AWAIT_FORM, typed_answer(read_form_answer))
    registry.when_awaiting(AWAIT_PLAN, typed_answer(read_plan_answer))
    registry.when_awaiting(AWAIT_FIXED_DOSE, typed_answer(read_fixed_dose_answer))
    registry.when_awaiting(AWAIT_CUSTOM_PLAN, typed_answer(read_custom_plan_answer))
    registry.when_awaiting(AWAIT_START_DATE, typed_answer(read_start_date))
    registry.when_awaiting(AWAIT_STRENGTH, typed_answer(read_strength))
    registry.when_awaiting(AWAIT_CURRENT_DOSE, typed_answer(read_current_dose))
    registry.when_awaiting(AWAIT_STARTED_ON, typed_answer(read_started_on))
    registry.at_startup(warm_up)
