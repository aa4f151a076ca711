"""The reminder's buttons (Taken, Snooze, Skip, Go up / Stay), /pause /resume, and the
repeating dispatcher tick (bot/features/reminders/dispatcher.py). /taken /skip /history are
the records feature's (bot/features/records/nights.py, history.py)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import ButtonAction
from bot.config import Settings
from bot.context import LdnContext
from bot.domain.numbers import callback_number, typed_number
from bot.domain.schedule import night_of
from bot.domain.titration import RE_OFFER_AFTER_DAYS
from bot.features.chat.buttons import unknown_button
from bot.features.checkins.texts import effect_name
from bot.features.records.recording import (
    local,
    locked_patient,
    record,
    recorded_text,
    zone_of,
)
from bot.features.reminders import buttons, texts
from bot.features.reminders.compose import (
    hold_for,
    render,
    snoozed_markup,
    when_next_reminder,
    where_tonight,
)
from bot.features.reminders.dispatcher import start_ticking
from bot.features.reminders.scheduling import next_night, reschedule
from bot.i18n import number
from bot.registry import Registry
from storage.models import Night, Patient
from storage.nights import OPEN, SKIPPED, TAKEN, NightRepository

MAX_PAUSE_DAYS = 90
NOON = time(12, 0)


# ------------------------------------------------------------------ buttons


@dataclass(frozen=True)
class Press:
    """What a press of a reminder button comes to."""

    answer: str | None = None  # the answer to the press (a toast, or an alert)
    edit: tuple[str, InlineKeyboardMarkup | None] | None = None  # the reminder's new look
    alert: bool = False  # a refusal the patient has to read, not a passing toast


# (session, patient, night, the press's other arguments, now, settings) -> Press
PressWork = Callable[[Session, Patient, Night, tuple[Any, ...], datetime, Settings], Press]


def on_press(action: ButtonAction, work: PressWork) -> CallbackQueryHandler:  # type: ignore[type-arg]
    """The handler of one reminder button: reads the press with `action`, checks the night
    is the presser's, and runs `work` on it in one unit of work."""

    async def handler(update: Update, context: LdnContext) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        args = action.read(query.data)
        if args is None or callback_number(str(args[0])) is None:
            await unknown_button(update, context)  # forged or mangled: "expired"
            return
        night_id, *rest = args
        services = context.services
        now = services.now()
        chat_id = query.message.chat.id

        def tap(session: Session) -> Press:
            patient = locked_patient(session, chat_id)
            night = NightRepository(session).get(night_id) if patient is not None else None
            if patient is None or night is None or night.patient_id != patient.id:
                return Press(texts.not_your_night())
            return work(session, patient, night, tuple(rest), now, services.settings)

        press = await services.db.run(tap)
        await query.answer(press.answer, show_alert=press.alert or None)
        if press.edit is not None:
            text, markup = press.edit
            with contextlib.suppress(BadRequest):  # "message is not modified"
                await query.edit_message_text(text, reply_markup=markup)

    return CallbackQueryHandler(handler, pattern=action.pattern)


def _taken_or_skip(outcome: str) -> PressWork:
    def work(
        session: Session,
        patient: Patient,
        night: Night,
        args: tuple[Any, ...],
        now: datetime,
        settings: Settings,
    ) -> Press:
        if night.outcome == outcome or (night.outcome == TAKEN and outcome == SKIPPED):
            shown = recorded_text(patient, night)
            return Press(texts.already(shown), (shown, None))
        late = record(night, outcome, now)
        return Press(edit=(recorded_text(patient, night, late=late), None))

    return work


def _snooze(
    session: Session,
    patient: Patient,
    night: Night,
    args: tuple[Any, ...],
    now: datetime,
    settings: Settings,
) -> Press:
    if night.outcome not in OPEN:
        return Press(texts.night_closed())
    until = now + timedelta(minutes=settings.reminders.snooze_minutes)
    night.snoozed_until = until
    return Press(edit=(texts.snoozed(local(patient, until)), snoozed_markup(night)))


def _step(decision: str) -> PressWork:
    """Go up / Stay / Stay for good, checked against the state at the press first."""

    def work(
        session: Session,
        patient: Patient,
        night: Night,
        args: tuple[Any, ...],
        now: datetime,
        settings: Settings,
    ) -> Press:
        (shown,) = args
        refusal = _stale_step_press(session, patient, night, decision, shown, settings, now)
        if refusal is not None:
            return refusal
        return _step_answer(session, patient, night, decision, now, settings)

    return work


def _outdated_step(
    session: Session,
    patient: Patient,
    night: Night,
    args: tuple[Any, ...],
    now: datetime,
    settings: Settings,
) -> Press:
    """A step button from before they carried the dose offered: nothing changes."""
    current = _current_reminder(session, patient, night, settings, now)
    return Press(texts.step_button_outdated(), current, alert=True)


def _decided_on(night: Night) -> date:
    # Answered after the night was recorded: it applies from the next night.
    return night.local_date if night.outcome in OPEN else night.local_date + timedelta(days=1)


def _step_answer(
    session: Session,
    patient: Patient,
    night: Night,
    decision: str,
    now: datetime,
    settings: Settings,
) -> Press:
    repo = NightRepository(session)
    open_night = night.outcome in OPEN
    decided_on = _decided_on(night)
    where = where_tonight(patient, decided_on, repo.decisions(patient.id))
    if decision == "keep":
        if where.staying_for_good or where.next_step_index is None:
            return Press(texts.step_already_answered())
        repo.add_decision(patient.id, where.next_step_index, "keep", decided_on, now)
        note = texts.kept(number(where.dose_mg))
    else:
        if where.offer is None:
            return Press(texts.step_already_answered())
        repo.add_decision(patient.id, where.offer.step_index, decision, decided_on, now)
        if decision == "up":
            note = texts.went_up(number(where.offer.to_mg))
        else:
            note = texts.stayed(number(where.dose_mg), RE_OFFER_AFTER_DAYS)
    after = where_tonight(patient, decided_on, repo.decisions(patient.id))
    if open_night:
        night.dose_mg = after.dose_mg
        night.step_index = after.step_index
        night.offers_step_up = False
        reminder = render(
            patient=patient,
            night=night,
            where=after,
            hold=None,
            settings=settings,
            note=note,
            offer_keep=decision == "stay",
            just_kept=decision == "keep",
        )
        return Press(edit=(reminder.text, reminder.markup))
    if decision == "up" and after.is_last_step:
        note += "\n" + texts.titration_complete(number(after.dose_mg))
    return Press(edit=(recorded_text(patient, night) + "\n" + note, None))


def _stale_step_press(
    session: Session,
    patient: Patient,
    night: Night,
    decision: str,
    shown: Decimal,
    settings: Settings,
    now: datetime,
) -> Press | None:
    """Why a Go up / Stay / Stay for good press no longer fits the patient's state (and the
    reminder as it should read now), or None when it still does."""
    decided_on = _decided_on(night)
    decisions = NightRepository(session).decisions(patient.id)
    where = where_tonight(patient, decided_on, decisions)

    def refused(answer: str) -> Press:
        return Press(answer, _current_reminder(session, patient, night, settings, now), True)

    if decision == "keep":
        if where.staying_for_good or where.next_step_index is None:
            return None  # answered already: said so by the caller
        if shown != where.dose_mg:
            return refused(texts.step_plan_changed(number(where.dose_mg)))
        return None
    if where.offer is None:
        if any(d.decided_on == decided_on for d in decisions):
            return None  # answered already: said so by the caller
        return refused(texts.step_plan_changed(number(where.dose_mg)))
    if shown != where.offer.to_mg:
        return refused(texts.step_plan_changed(number(where.dose_mg)))
    if decision == "up":
        hold = hold_for(session, patient, now)
        if hold is not None:
            return refused(texts.step_up_held(number(where.offer.to_mg), effect_name(hold.key)))
    return None


def _current_reminder(
    session: Session, patient: Patient, night: Night, settings: Settings, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """The open night's reminder as it reads now (the step-up offer gone if it is held or
    the plan changed); None for a night already recorded."""
    if night.outcome not in OPEN:
        return None
    where = where_tonight(patient, night.local_date, NightRepository(session).decisions(patient.id))
    hold = hold_for(session, patient, now) if where.offer is not None else None
    reminder = render(patient=patient, night=night, where=where, hold=hold, settings=settings)
    return reminder.text, reminder.markup


# ------------------------------------------------------------------ commands


async def pause_command(update: Update, context: LdnContext) -> None:
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    args = context.args or []
    days: int | None = None
    if args:
        days = typed_number(args[0], low=1, high=MAX_PAUSE_DAYS)
        if days is None:
            await message.reply_text(texts.pause_usage())
            return
    services = context.services
    now = services.now()

    def pause(session: Session) -> str:
        patient = locked_patient(session, chat.id)
        if patient is None:
            return texts.not_set_up()
        reminded = patient.next_reminder_at is not None
        patient.paused = True
        patient.paused_until = None
        reply = texts.paused()
        if days is not None:
            zone = zone_of(patient)
            resume_night = night_of(now, zone) + timedelta(days=days)
            # Back on from noon local of that day, in time for its evening reminder.
            patient.paused_until = datetime.combine(resume_night, NOON, zone)
            first = _first_after(session, patient, patient.paused_until) if reminded else None
            when = when_next_reminder(first, patient.timezone, now) if first else None
            reply = texts.paused_for(days, resume_night, when)
        reschedule(session, patient, now, services.registry)
        return reply

    await message.reply_text(await services.db.run(pause))


def _first_after(session: Session, patient: Patient, moment: datetime) -> datetime | None:
    """When the first reminder after `moment` is due (as the tick will find it)."""
    if patient.timezone is None or patient.reminder_time is None:
        return None
    repo = NightRepository(session)
    return next_night(patient, moment, lambda night: repo.has_night(patient.id, night))[1]


async def resume_command(update: Update, context: LdnContext) -> None:
    chat = update.effective_chat
    message = update.effective_message
    assert chat is not None and message is not None
    services = context.services
    now = services.now()

    def resume(session: Session) -> str:
        patient = locked_patient(session, chat.id)
        if patient is None:
            return texts.not_set_up()
        if not patient.paused:
            return texts.not_paused()
        patient.paused = False
        patient.paused_until = None
        due = reschedule(session, patient, now, services.registry)
        return texts.resumed(when_next_reminder(due, patient.timezone, now) if due else None)

    await message.reply_text(await services.db.run(resume))


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    for action, work in (
        (buttons.TAKEN, _taken_or_skip(TAKEN)),
        (buttons.SKIP, _taken_or_skip(SKIPPED)),
        (buttons.SNOOZE, _snooze),
        (buttons.GO_UP, _step("up")),
        (buttons.STAY, _step("stay")),
        (buttons.KEEP, _step("keep")),
        (buttons.OLD_GO_UP, _outdated_step),
        (buttons.OLD_STAY, _outdated_step),
        (buttons.OLD_KEEP, _outdated_step),
    ):
        application.add_handler(on_press(action, work))
    application.add_handler(CommandHandler("pause", pause_command))
    application.add_handler(CommandHandler("resume", resume_command))
    registry.at_startup(start_ticking)


__all__ = ["hold_for", "register"]
