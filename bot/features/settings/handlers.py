"""Setup steps 10-50 (time zone, reminder time, form, plan, start date), /settings, and the
one-line setting commands (/timezone, /time, /form, /plan, /startdate, and /strength for the
liquid's mg per mL, assumed 1 until set).

Every answer is saved as it is given and the next reminder is rescheduled in the same unit of
work. An answer to a question (a button, or text typed while it is awaited) moves setup on,
or shows the updated /settings summary once setup is done. A one-line command confirms in a
line; once the time zone and time are known it fills in the usual plan, form and start date,
so `/timezone Berlin` and `/time 22:00` alone are enough for tonight's reminder.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardRemove,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import LdnContext
from bot.domain.clock_times import (
    format_clock_time,
    is_usual_bedtime,
    parse_clock_time,
    parse_date,
    start_date_problem,
)
from bot.domain.plans import (
    GENTLE,
    STANDARD,
    Plan,
    dose_volume_ml,
    fixed_plan,
    format_mg,
    liquid_strength,
    parse_custom_steps,
    parse_liquid_strength,
    plan_from_patient,
    plan_to_columns,
)
from bot.domain.schedule import night_of
from bot.domain.titration import tonight
from bot.features.chat import free_text
from bot.features.chat.buttons import EXPIRED, callback_args, callback_data
from bot.features.reminders.scheduling import reschedule, why_no_reminders
from bot.features.settings import texts, timezones
from bot.features.settings.questions import (
    ASKERS,
    AWAIT_CUSTOM_PLAN,
    AWAIT_FIXED_DOSE,
    AWAIT_FORM,
    AWAIT_PLAN,
    AWAIT_START_DATE,
    AWAIT_STRENGTH,
    AWAIT_TIME,
    AWAIT_TIMEZONE,
    CHECKED_SETTINGS,
    FEATURE,
    NO_KEYBOARD,
    ask_custom_plan,
    ask_fixed_dose,
    ask_form,
    ask_plan,
    ask_start_date,
    ask_strength,
    ask_time,
    ask_timezone,
    asked_state,
    button,
    set_awaiting,
)
from bot.features.setup.handlers import continue_setup
from bot.registry import AwaitingHandler, Registry, SetupStep
from bot.runtime.memory import freeze_long_lived
from storage.models import Patient
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

# "question": a button or typed answer to a question; "command": a one-line command.
Source = Literal["question", "command"]

DEFAULT_PLAN = STANDARD
DEFAULT_FORM = "capsule"


_QUESTION_WORDS = frozenset(
    {"what", "how", "why", "can", "could", "should", "is", "are", "does", "do", "will"}
    | {"would", "may", "which", "who", "when", "where", "whats", "hows", "whos", "wheres"}
)


def looks_like_a_question(typed: str) -> bool:
    """'what if I miss a dose?' typed in the middle of setup: for the FAQ, not a setting."""
    words = typed.strip().lower().split()
    if not words:
        return False
    # "what's", "how’s": the word before the apostrophe
    first = words[0].replace("’", "'").split("'")[0]
    return typed.strip().endswith("?") or (len(words) >= 3 and first in _QUESTION_WORDS)


async def _asked_a_question(update: Update, context: LdnContext, typed: str) -> bool:
    """Answer a question typed while a setting is awaited; the setting stays awaited."""
    if not looks_like_a_question(typed):
        return False
    return await free_text.answer_as_free_text(update, context, typed)


# No setting answer is longer; anything longer is refused without being read.
LONGEST_ANSWER = 200
SHOWN_CHARACTERS = 40


def shown(typed: str) -> str:
    """The patient's words as quoted back in a correction: one line, at most 40 characters."""
    flat = " ".join(typed.split())
    return flat if len(flat) <= SHOWN_CHARACTERS else flat[: SHOWN_CHARACTERS - 1] + "…"


# ------------------------------------------------------------------------ saving


@dataclass(frozen=True)
class Saved:
    """What the patient's settings are after a change, for the reply."""

    setup_complete: bool
    defaults_filled: bool
    zone: str | None
    reminder_time: time | None
    form: str | None
    liquid_mg_per_ml: Decimal | None
    plan: Plan
    plan_kind: str | None
    start_date: date | None
    next_reminder_at: datetime | None
    why_no_reminders: str | None


def local_today(zone: str | None, now: datetime) -> date:
    """The patient's calendar date now (UTC until they have a zone)."""
    return now.astimezone(ZoneInfo(zone)).date() if zone else now.date()


def _fill_defaults(patient: Patient, now: datetime) -> bool:
    """Standard plan, capsules, from today: whatever of these is still unset. True if any."""
    filled = False
    if patient.plan is None:
        patient.plan, patient.plan_steps = plan_to_columns(DEFAULT_PLAN)
        filled = True
    if patient.form is None:
        patient.form = DEFAULT_FORM
        filled = True
    if patient.start_date is None:
        patient.start_date = local_today(patient.timezone, now)
        filled = True
    return filled


async def save_settings(context: LdnContext, chat_id: int, source: Source, **fields: Any) -> Saved:
    """Save `fields` for the patient of `chat_id` (creating them), stop awaiting a typed
    answer, fill in the usual defaults after a command, and reschedule the next reminder."""
    services = context.services
    now = services.now()

    def save(session: Session) -> Saved:
        patients = PatientRepository(session)
        patient, _new = patients.get_or_create(chat_id, now=now)
        patients.update(patient, awaiting=None, **fields)
        filled = False
        if (
            source == "command"
            and patient.setup_completed_at is None
            and patient.timezone is not None
            and patient.reminder_time is not None
        ):
            filled = _fill_defaults(patient, now)
        due = reschedule(session, patient, now, services.registry)
        return _snapshot(session, patient, services.registry, defaults_filled=filled, due=due)

    return await services.db.run(save)


def _snapshot(
    session: Session,
    patient: Patient,
    registry: Registry,
    *,
    defaults_filled: bool,
    due: datetime | None,
) -> Saved:
    return Saved(
        setup_complete=patient.setup_completed_at is not None,
        defaults_filled=defaults_filled,
        zone=patient.timezone,
        reminder_time=patient.reminder_time,
        form=patient.form,
        liquid_mg_per_ml=patient.liquid_mg_per_ml,
        plan=plan_from_patient(patient),
        plan_kind=patient.plan,
        start_date=patient.start_date,
        next_reminder_at=due,
        why_no_reminders=why_no_reminders(session, patient, registry),
    )


# ------------------------------------------------------------------------ describing


def describe_day(day: date) -> str:
    """'Wed 25 Nov 2026'."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def describe_when(due: datetime, zone: str, now: datetime) -> str:
    """'Tonight', 'Tomorrow night' or 'On Tue 1 Dec 2026' for the night a reminder is due."""
    place = ZoneInfo(zone)
    night = night_of(due, place)
    days = (night - now.astimezone(place).date()).days
    if days <= 0:
        return texts.TONIGHT
    if days == 1:
        return texts.TOMORROW_NIGHT
    return texts.on_night(describe_day(night))


def describe_dose(mg: Any, form: str | None, mg_per_ml: Decimal | None = None) -> str:
    volume = dose_volume_ml(mg, form, mg_per_ml)
    dose = f"{format_mg(mg)} mg"
    return f"{dose} ({format_mg(volume)} mL)" if volume is not None else dose


def describe_plan(plan: Plan) -> str:
    return f"{texts.PLAN_NAMES[plan.kind]} — {plan.describe()}"


def _reminder_line(saved: Saved, now: datetime, source: Source) -> str | None:
    """The line about the next reminder that follows a confirmation, if one is due."""
    if saved.defaults_filled:
        plan_name = texts.PLAN_NAMES[saved.plan.kind]
        strength = format_mg(liquid_strength(saved.liquid_mg_per_ml))
        form = texts.form_name(saved.form, strength) or saved.form or ""
        if saved.next_reminder_at is None or saved.zone is None:
            line = texts.defaults_without_reminder(plan_name, form)
            if saved.why_no_reminders is not None and not saved.setup_complete:
                line = f"{line}\n\n{texts.reminders_on_hold(saved.why_no_reminders)}"
            return line
        assert saved.start_date is not None and saved.reminder_time is not None
        night = night_of(saved.next_reminder_at, ZoneInfo(saved.zone))
        dose = tonight(saved.plan, saved.start_date, (), night).dose_mg
        return texts.reminder_with_defaults(
            describe_when(saved.next_reminder_at, saved.zone, now),
            format_clock_time(saved.reminder_time),
            describe_dose(dose, saved.form, saved.liquid_mg_per_ml),
            plan_name,
            form,
        )
    if (
        source == "command"
        and saved.setup_complete
        and saved.next_reminder_at is not None
        and saved.zone is not None
        and saved.reminder_time is not None
    ):
        return texts.next_reminder(
            describe_when(saved.next_reminder_at, saved.zone, now),
            format_clock_time(saved.reminder_time),
        )
    return None


def _reminders_state(patient: Patient, reason: str | None, now: datetime) -> str:
    if patient.paused:
        return texts.REMINDERS_PAUSED
    if patient.timezone is None or patient.reminder_time is None:
        return texts.REMINDERS_NOT_SET_UP
    if reason is not None or patient.next_reminder_at is None:
        return texts.REMINDERS_ON_HOLD
    return texts.reminders_on(
        describe_when(patient.next_reminder_at, patient.timezone, now),
        format_clock_time(patient.reminder_time),
    )


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


# ------------------------------------------------------------------------ after a change


async def confirm(
    context: LdnContext,
    chat_id: int,
    saved: Saved,
    source: Source,
    lines: list[str],
    *,
    remove_keyboard: bool = False,
) -> None:
    """Say what was saved, then move setup on or show the updated summary."""
    reminder = _reminder_line(saved, context.services.now(), source)
    if reminder:
        lines = [*lines, reminder]
    markup: ReplyKeyboardRemove | None = NO_KEYBOARD if remove_keyboard else None
    await context.bot.send_message(chat_id, "\n\n".join(lines), reply_markup=markup)
    if not saved.setup_complete:
        await continue_setup(context, chat_id)
    elif source == "question":
        await send_summary(context, chat_id)


async def _correct(
    context: LdnContext,
    chat_id: int,
    text: str,
    awaiting: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """A friendly correction; the question stays open for a typed answer."""
    await set_awaiting(context, chat_id, awaiting)
    await context.bot.send_message(chat_id, text, reply_markup=markup)


# ------------------------------------------------------------------------ time zone


async def set_timezone(context: LdnContext, chat_id: int, zone: str, source: Source) -> None:
    saved = await save_settings(context, chat_id, source, timezone=zone)
    now = context.services.now()
    local = now.astimezone(ZoneInfo(zone))
    lines = [texts.timezone_set(timezones.zone_display_name(zone, now), f"{local:%H:%M}")]
    if timezones.is_fixed_offset(zone):
        lines.append(texts.FIXED_OFFSET_NOTE)
    await confirm(context, chat_id, saved, source, lines, remove_keyboard=True)


async def answer_timezone(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    if len(typed) > LONGEST_ANSWER:
        await _correct(context, chat_id, texts.place_not_found(shown(typed)), AWAIT_TIMEZONE)
        return
    lookup = await asyncio.to_thread(timezones.find_time_zone, typed, context.services.now())
    if lookup.found is not None:
        await set_timezone(context, chat_id, lookup.found.zone, source)
        return
    query = shown(lookup.query or typed)
    if lookup.bad_offset:
        await _correct(context, chat_id, texts.offset_not_in_use(query), AWAIT_TIMEZONE)
        return
    if not lookup.suggestions:
        await _correct(context, chat_id, texts.place_not_found(query), AWAIT_TIMEZONE)
        return
    if lookup.kind == "country":
        text = texts.country_has_several_zones(query)
    elif lookup.kind == "city":
        text = texts.place_ambiguous(query, lookup.suggestions[0].place)
    else:
        text = texts.place_did_you_mean(query)
    action = "tzc" if source == "command" else "tz"
    markup = InlineKeyboardMarkup(
        [[button(choice.label, action, choice.zone)] for choice in lookup.suggestions]
    )
    await _correct(context, chat_id, text, AWAIT_TIMEZONE, markup)


async def shared_location(update: Update, context: LdnContext) -> None:
    """A shared location sets the time zone, whenever it comes."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.location is None:
        return
    location = message.location
    zone = await asyncio.to_thread(timezones.zone_at, location.latitude, location.longitude)
    if zone is None:
        await _correct(context, chat.id, texts.LOCATION_UNKNOWN, AWAIT_TIMEZONE)
        return
    awaiting = await context.services.db.run(
        lambda session: PatientRepository(session).awaiting(chat.id)
    )
    awaited = awaiting is not None and awaiting[1] == AWAIT_TIMEZONE
    await set_timezone(context, chat.id, zone, "question" if awaited else "command")


# ------------------------------------------------------------------------ reminder time


async def set_time(context: LdnContext, chat_id: int, moment: time, source: Source) -> None:
    saved = await save_settings(context, chat_id, source, reminder_time=moment)
    lines = [texts.time_set(format_clock_time(moment))]
    if not is_usual_bedtime(moment):
        lines.append(texts.OUTSIDE_BEDTIME_NOTE)
    await confirm(context, chat_id, saved, source, lines)


async def answer_time(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    moment = parse_clock_time(typed)
    if moment is None:
        await _correct(context, chat_id, texts.time_not_understood(shown(typed)), AWAIT_TIME)
        return
    await set_time(context, chat_id, moment, source)


# ------------------------------------------------------------------------ form

_FORMS = {
    "capsule": "capsule",
    "capsules": "capsule",
    "caps": "capsule",
    "pill": "capsule",
    "pills": "capsule",
    "liquid": "liquid",
    "solution": "liquid",
    "drops": "liquid",
}


async def set_form(context: LdnContext, chat_id: int, form: str, source: Source) -> None:
    saved = await save_settings(context, chat_id, source, form=form)
    lines = [texts.form_set(form, format_mg(liquid_strength(saved.liquid_mg_per_ml)))]
    if form == "capsule" and saved.plan_kind == "gentle":
        lines.append(texts.CAPSULES_ON_GENTLE)
    await confirm(context, chat_id, saved, source, lines)


async def answer_form(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    words = typed.strip().lower().split()
    form = _FORMS.get(words[0]) if words else None
    if form is None:
        await _correct(context, chat_id, texts.FORM_NOT_UNDERSTOOD, AWAIT_FORM)
        return
    await set_form(context, chat_id, form, source)


# ------------------------------------------------------------------------ liquid strength


async def answer_strength(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    """'/strength 2': the mg per mL on the bottle's label; every liquid dose follows it."""
    try:
        strength = parse_liquid_strength(typed[:LONGEST_ANSWER])
    except ValueError as problem:
        await _correct(context, chat_id, str(problem), AWAIT_STRENGTH)
        return
    saved = await save_settings(context, chat_id, source, liquid_mg_per_ml=strength)
    text = texts.strength_set(format_mg(strength), saved.form == "liquid")
    await confirm(context, chat_id, saved, source, [text])


# ------------------------------------------------------------------------ plan


async def set_plan(context: LdnContext, chat_id: int, plan: Plan, source: Source) -> None:
    kind, steps = plan_to_columns(plan)
    saved = await save_settings(context, chat_id, source, plan=kind, plan_steps=steps)
    lines = [texts.plan_set(texts.PLAN_NAMES[plan.kind], plan.describe())]
    if plan.kind == "gentle" and saved.form == "capsule":
        lines.append(texts.CAPSULES_ON_GENTLE)
    await confirm(context, chat_id, saved, source, lines)


async def answer_plan(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    """'standard', 'gentle', 'fixed 3', 'custom 0.5x2 1x2 1.5', or the steps alone."""
    cleaned = typed.strip()
    if len(cleaned) > LONGEST_ANSWER:
        await _correct(context, chat_id, texts.plan_not_understood(shown(cleaned)), AWAIT_PLAN)
        return
    head, _, rest = cleaned.partition(" ")
    head, rest = head.lower(), rest.strip()
    if head == "standard":
        await set_plan(context, chat_id, STANDARD, source)
        return
    if head == "gentle":
        await set_plan(context, chat_id, GENTLE, source)
        return
    if head in ("fixed", "custom") and not rest:
        await (ask_fixed_dose if head == "fixed" else ask_custom_plan)(context, chat_id)
        return
    if head == "fixed":
        await answer_fixed_dose(context, chat_id, rest, source)
        return
    if head == "custom":
        await answer_custom_plan(context, chat_id, rest, source)
        return
    if cleaned[:1].isdigit():
        await answer_custom_plan(context, chat_id, cleaned, source, awaiting=AWAIT_PLAN)
        return
    await _correct(context, chat_id, texts.plan_not_understood(shown(cleaned)), AWAIT_PLAN)


async def answer_fixed_dose(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    dose = typed.strip().lower().removesuffix("mg").strip()[:LONGEST_ANSWER]
    try:
        plan = fixed_plan(dose)
    except ValueError as problem:
        await _correct(context, chat_id, str(problem), AWAIT_FIXED_DOSE)
        return
    await set_plan(context, chat_id, plan, source)


async def answer_custom_plan(
    context: LdnContext,
    chat_id: int,
    typed: str,
    source: Source,
    *,
    awaiting: str = AWAIT_CUSTOM_PLAN,
) -> None:
    if len(typed) > LONGEST_ANSWER:
        await _correct(context, chat_id, texts.plan_not_understood(shown(typed)), awaiting)
        return
    try:
        plan = parse_custom_steps(typed)
    except ValueError as problem:
        await _correct(context, chat_id, str(problem), awaiting)
        return
    await set_plan(context, chat_id, plan, source)


# ------------------------------------------------------------------------ start date


async def _patient_today(context: LdnContext, chat_id: int) -> date:
    services = context.services

    def zone_of(session: Session) -> str | None:
        patient = PatientRepository(session).find(chat_id)
        return patient.timezone if patient is not None else None

    return local_today(await services.db.run(zone_of), services.now())


async def set_start_date(context: LdnContext, chat_id: int, start: date, source: Source) -> None:
    today = await _patient_today(context, chat_id)
    problem = start_date_problem(start, today)
    if problem is not None:
        day = describe_day(start)
        text = (
            texts.start_date_too_early(day)
            if problem == "too_early"
            else texts.start_date_too_late(day)
        )
        await _correct(context, chat_id, text, AWAIT_START_DATE)
        return
    saved = await save_settings(context, chat_id, source, start_date=start)
    day = describe_day(start)
    if start == today:
        day = f"{day} ({texts.TODAY.lower()})"
    await confirm(context, chat_id, saved, source, [texts.start_date_set(day)])


async def answer_start_date(context: LdnContext, chat_id: int, typed: str, source: Source) -> None:
    start = parse_date(typed, await _patient_today(context, chat_id))
    if start is None:
        await _correct(context, chat_id, texts.date_not_understood(shown(typed)), AWAIT_START_DATE)
        return
    await set_start_date(context, chat_id, start, source)


# ------------------------------------------------------------------------ buttons


async def pressed(update: Update, context: LdnContext) -> None:
    """Every "settings:…" button: an answer, "other time", or "change" from the summary."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    chat_id = query.message.chat.id
    parts = (query.data or "").split(":")
    action = parts[1] if len(parts) > 1 else ""
    args = callback_args(query.data)
    arg = ":".join(args)

    if action == "change" and arg in ASKERS:
        await query.answer()
        await ASKERS[arg](context, chat_id)
        return
    if action == "time" and arg == "other":
        await query.answer()
        await set_awaiting(context, chat_id, AWAIT_TIME)
        await context.bot.send_message(chat_id, texts.TYPE_TIME)
        return

    refusal: str | None = None
    if action in CHECKED_SETTINGS:
        if len(args) < 2:
            refusal = texts.OUTDATED_BUTTON
        else:
            arg, asked = ":".join(args[:-1]), args[-1]
            refusal = await _changed_since(context, chat_id, CHECKED_SETTINGS[action], asked)
    answer = _button_answer(action, arg)
    if answer is None:
        await query.answer(EXPIRED)
        return
    if isinstance(query.message, Message) and query.message.reply_markup is None:
        await query.answer()
        return  # a second press on a question already answered: it was saved the first time
    if refusal is not None:
        await query.answer(refusal, show_alert=True)
        with contextlib.suppress(BadRequest):  # the old question's buttons go
            await query.edit_message_reply_markup(reply_markup=None)
        return
    await query.answer()
    # The question is answered: its buttons go, so an old one can't be pressed by mistake.
    with contextlib.suppress(BadRequest):  # two quick presses: the buttons are already gone
        await query.edit_message_reply_markup(reply_markup=None)
    await answer(context, chat_id)


async def _changed_since(context: LdnContext, chat_id: int, setting: str, asked: str) -> str | None:
    """Why an answer button no longer fits (the setting changed after it was asked, or its
    "Today" is another day now), or None when it still does."""
    services = context.services
    now = services.now()

    def state_now(session: Session) -> str:
        return asked_state(PatientRepository(session).find(chat_id), setting, now)

    if await services.db.run(state_now) == asked:
        return None
    return texts.START_DATE_CHANGED_SINCE if setting == "start" else texts.CHANGED_SINCE


def _button_answer(action: str, arg: str):  # type: ignore[no-untyped-def]
    """What a pressed answer button does, or None for data no version of the bot sends."""
    if action in ("tz", "tzc") and timezones.is_known_zone(arg):
        source: Source = "command" if action == "tzc" else "question"
        return lambda context, chat_id: set_timezone(context, chat_id, arg, source)
    if action == "time" and len(arg) == 4 and arg.isdigit():
        moment = parse_clock_time(arg)
        if moment is not None:
            return lambda context, chat_id: set_time(context, chat_id, moment, "question")
    if action == "form" and arg in ("capsule", "liquid"):
        return lambda context, chat_id: set_form(context, chat_id, arg, "question")
    if action == "plan" and arg in ("standard", "gentle", "fixed", "custom"):
        return lambda context, chat_id: answer_plan(context, chat_id, arg, "question")
    if action == "fixed":
        return lambda context, chat_id: answer_fixed_dose(context, chat_id, arg, "question")
    if action == "start" and arg in ("today", "tomorrow"):

        async def start_on(context: LdnContext, chat_id: int) -> None:
            today = await _patient_today(context, chat_id)
            start = today if arg == "today" else today + timedelta(days=1)
            await set_start_date(context, chat_id, start, "question")

        return start_on
    return None


# ------------------------------------------------------------------------ commands


def _command_text(context: LdnContext) -> str:
    return " ".join(context.args or ())


def _command(asker, answerer):  # type: ignore[no-untyped-def]
    """A one-line command: with text, set it; alone, ask the question with buttons."""

    async def handle(update: Update, context: LdnContext) -> None:
        chat = update.effective_chat
        assert chat is not None
        typed = _command_text(context)
        if not typed.strip():
            await asker(context, chat.id)
            return
        await answerer(context, chat.id, typed, "command")

    return handle


async def show_settings(update: Update, context: LdnContext) -> None:
    chat = update.effective_chat
    assert chat is not None
    await send_summary(context, chat.id)


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


async def _warm_up(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Start building the city index (about two seconds, in a worker thread and a child
    process) so that the first patient who types a city does not wait for it. The bot answers
    meanwhile; a lookup made before it is ready waits for it."""
    task = asyncio.get_running_loop().create_task(
        asyncio.to_thread(timezones.warm_up), name="city index warm-up"
    )
    application.bot_data[_WARM_UP] = task  # held, so the task is not collected half-way
    task.add_done_callback(_report_warm_up)


_WARM_UP = "settings.city_index_warm_up"


def _report_warm_up(task: asyncio.Task[None]) -> None:
    if task.cancelled():
        return
    if task.exception() is not None:
        log.error("Building the city index failed", exc_info=task.exception())
    else:
        freeze_long_lived("city index")
        log.info("City index ready")


# ------------------------------------------------------------------------ typed answers

# (context, chat id, what was typed, where it came from): an answer to one setting's question.
Answer = Callable[[LdnContext, int, str, Source], Awaitable[None]]


def _typed(answer: Answer) -> AwaitingHandler:
    """The free-text handler while a setting's question waits for its answer: a question
    the patient asks instead goes to the FAQ; anything else is that setting's answer."""

    async def typed(update: Update, context: LdnContext, text: str) -> None:
        assert update.effective_chat is not None
        if await _asked_a_question(update, context, text):
            return
        await answer(context, update.effective_chat.id, text, "question")

    return typed


# ------------------------------------------------------------------------ registration


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
    "timezone": _command(ask_timezone, answer_timezone),
    "time": _command(ask_time, answer_time),
    "form": _command(ask_form, answer_form),
    "plan": _command(ask_plan, answer_plan),
    "startdate": _command(ask_start_date, answer_start_date),
    "strength": _command(ask_strength, answer_strength),
}


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    for step in SETUP_STEPS:
        registry.add_setup_step(step)
    registry.on_setup_complete(setup_finished)
    registry.when_awaiting(AWAIT_TIMEZONE, _typed(answer_timezone))
    registry.when_awaiting(AWAIT_TIME, _typed(answer_time))
    registry.when_awaiting(AWAIT_FORM, _typed(answer_form))
    registry.when_awaiting(AWAIT_PLAN, _typed(answer_plan))
    registry.when_awaiting(AWAIT_FIXED_DOSE, _typed(answer_fixed_dose))
    registry.when_awaiting(AWAIT_CUSTOM_PLAN, _typed(answer_custom_plan))
    registry.when_awaiting(AWAIT_START_DATE, _typed(answer_start_date))
    registry.when_awaiting(AWAIT_STRENGTH, _typed(answer_strength))
    application.add_handler(CommandHandler("settings", show_settings))
    for name, handler in COMMANDS.items():
        application.add_handler(CommandHandler(name, handler))
    application.add_handler(CallbackQueryHandler(pressed, pattern=rf"^{FEATURE}:"))
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.LOCATION, shared_location)
    )
    registry.at_startup(_warm_up)
