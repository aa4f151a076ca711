"""Refills: the patient says how much LDN they have (/refill 30, /refill 25 ml, or the
/settings button); what's left goes down with each dose taken, and a warning comes once,
some days before it runs out, since compounded LDN takes time to prepare."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LdnContext
from bot.domain.milestones import days_of_supply, should_warn, supply_left, used_since_count
from bot.domain.plans import liquid_strength, plan_from_patient
from bot.domain.schedule import local_today
from bot.domain.titration import DECISIONS, StepChoice, tonight
from bot.features.care_plan.planning import deliver, mark_blocked
from bot.features.refills import texts
from bot.features.refills.buttons import ASK_COUNT
from bot.i18n import use_language
from bot.registry import Registry
from storage.models import Patient, StepDecision
from storage.nights import NightRepository
from storage.patients import PatientRepository
from storage.refills import RefillRepository

log = logging.getLogger(__name__)

AWAITING_COUNT = "refill:count"
MAX_AMOUNT = Decimal(10000)
# Run-out is measured in days, so the check need not run every few seconds.
CHECK_EVERY_SECONDS = 600.0

_AMOUNT = re.compile(
    r"^\s*(\d{1,5}(?:[.,]\d{1,2})?)\s*(ml|mls|millilitres?|milliliters?)?\s*\w*\s*$"
)


def parse_amount(text: str) -> Decimal | None:
    match = _AMOUNT.match(text.casefold())
    if match is None:
        return None
    try:
        value = Decimal(match.group(1).replace(",", "."))
    except InvalidOperation:
        return None
    return value if Decimal(0) <= value <= MAX_AMOUNT else None


def nightly_mg(patient: Patient, decisions: Sequence[StepDecision], today: date) -> Decimal:
    """Tonight's dose from the patient's current plan step (the first step before the start)."""
    choices = [
        StepChoice(d.step_index, d.decision, d.decided_on)  # type: ignore[arg-type]
        for d in decisions
        if d.decision in DECISIONS
    ]
    start = patient.start_date or today
    return tonight(plan_from_patient(patient), start, choices, max(today, start)).dose_mg


def per_night(patient: Patient, dose_mg: Decimal) -> Decimal:
    """What one night uses: a capsule, or the dose in mL of the liquid at its strength."""
    if patient.form != "liquid":
        return Decimal(1)
    return dose_mg / liquid_strength(patient.liquid_mg_per_ml)


def _today(patient: Patient, now: datetime) -> date:
    try:
        return local_today(now, patient.timezone)
    except (ValueError, KeyError):  # a zone this machine's tz database does not know
        return local_today(now, None)


def remaining(session: Session, patient: Patient, now: datetime) -> tuple[Decimal, int] | None:
    """What's left now and how many nights it covers, or None when never counted."""
    state = RefillRepository(session).state(patient)
    if state is None:
        return None
    left = supply_left(
        state.on_hand,
        used_since_count(patient.form, state.taken_doses_mg, patient.liquid_mg_per_ml),
    )
    mg = nightly_mg(patient, NightRepository(session).decisions(patient.id), _today(patient, now))
    return left, days_of_supply(left, per_night(patient, mg))


async def _save_count(update: Update, context: LdnContext, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    value = parse_amount(text)
    if value is None:
        await update.effective_message.reply_text(texts.not_a_number())
        return
    services = context.services
    now = services.now()

    def save(session: Session) -> tuple[tuple[Decimal, int] | None, str | None] | None:
        """(what's left, the patient's form); None: no patient."""
        patient = PatientRepository(session).find(chat.id)
        if patient is None:
            return None
        if patient.awaiting == AWAITING_COUNT:
            patient.awaiting = None
        RefillRepository(session).count(patient, value, now=now)
        return remaining(session, patient, now), patient.form

    saved = await services.db.run(save)
    if saved is None:
        return
    left, form = saved
    days = left[1] if left else None
    await update.effective_message.reply_text(texts.saved(value, form, days))


async def refill_command(update: Update, context: LdnContext) -> None:
    """/refill 30 saves a count; /refill alone shows what's left."""
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    args = " ".join(context.args or [])
    if args:
        await _save_count(update, context, args)
        return

    now = context.services.now()

    def look(session: Session) -> tuple[tuple[Decimal, int] | None, str | None]:
        patient = PatientRepository(session).find(chat.id)
        if patient is None:
            return None, None
        return remaining(session, patient, now), patient.form

    left, form = await context.services.db.run(look)
    if left is None:
        await update.effective_message.reply_text(texts.none_counted())
        return
    await update.effective_message.reply_text(texts.left(left[0], form, left[1]))


async def ask_count(update: Update, context: LdnContext) -> None:
    """The /settings button "refill:ask": the count is typed next."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id

    def await_count(session: Session) -> None:
        patient = PatientRepository(session).find(chat_id)
        if patient is not None:
            patient.awaiting = AWAITING_COUNT

    await context.services.db.run(await_count)
    await query.answer()
    await context.bot.send_message(query.message.chat.id, texts.ask())


async def refill_tick(context: LdnContext) -> None:
    """Warn, once per count, whoever's supply runs out within the configured days."""
    services = context.services
    settings = services.settings
    now = services.now()
    warn_days = settings.refills.warn_days_before

    def claim(session: Session) -> list[tuple[int, int, str]]:
        outgoing: list[tuple[int, int, str]] = []
        refills = RefillRepository(session)
        patients = refills.not_yet_warned()
        decisions = NightRepository(session).decisions_of(p.id for p in patients)
        for patient in patients:
            state = refills.state(patient)
            if state is None:
                continue
            left = supply_left(
                state.on_hand,
                used_since_count(patient.form, state.taken_doses_mg, patient.liquid_mg_per_ml),
            )
            today = _today(patient, now)
            nightly = per_night(patient, nightly_mg(patient, decisions.get(patient.id, []), today))
            if should_warn(today, left, nightly, warn_days):
                patient.supply_warned_at = now  # claimed: one warning per count
                days = days_of_supply(left, nightly)
                with use_language(patient.language):
                    warning = texts.warning(left, patient.form, days)
                outgoing.append((patient.id, patient.chat_id, warning))
        return outgoing

    for patient_id, chat_id, text in await services.db.run(claim):
        result = await deliver(context, chat_id, text)
        if result.outcome == "retry":
            await services.db.run(lambda session, p=patient_id: _unwarn(session, p, now))
        elif result.outcome == "blocked":
            blocked_at = services.now()
            await services.db.run(
                lambda session, c=chat_id, at=blocked_at: mark_blocked(session, c, at)
            )


def _unwarn(session: Session, patient_id: int, warned_at: datetime) -> None:
    patient = session.get(Patient, patient_id)
    if patient is not None and patient.supply_warned_at == warned_at:
        patient.supply_warned_at = None


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("refill", refill_command))
    application.add_handler(CallbackQueryHandler(ask_count, pattern=ASK_COUNT.pattern))
    registry.when_awaiting(AWAITING_COUNT, _save_count)
    assert application.job_queue is not None
    first = application.bot_data["services"].settings.reminders.tick_seconds
    application.job_queue.run_repeating(
        refill_tick, interval=CHECK_EVERY_SECONDS, first=first, name="refills"
    )
