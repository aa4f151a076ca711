"""Refills: the patient says how much LDN they have (/refill 30, /refill 25 ml, or the
/settings button); what's left goes down with each dose taken, and a warning comes once,
some days before it runs out, since compounded LDN takes time to prepare."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LdnContext
from bot.domain.milestones import days_of_supply, should_warn, supply_left, used_since_count
from bot.domain.plans import liquid_strength
from bot.domain.schedule import local_today
from bot.features.care_plan.planning import deliver, mark_blocked
from bot.features.refills import texts
from bot.registry import Registry
from storage.models import Patient
from storage.patients import PatientRepository
from storage.refills import RefillRepository

log = logging.getLogger(__name__)

AWAITING_COUNT = "refill:count"
MAX_AMOUNT = Decimal(10000)
FIRST_STEP_MG = Decimal("1.5")  # the guide's usual first dose, when nothing better is known
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


def per_night(patient: Patient, latest_dose_mg: Decimal | None) -> Decimal:
    """What one night uses: a capsule, or the dose in mL of the liquid at its strength."""
    if patient.form != "liquid":
        return Decimal(1)
    mg = FIRST_STEP_MG
    steps = patient.plan_steps or []
    if latest_dose_mg is not None and latest_dose_mg > 0:
        mg = latest_dose_mg
    elif steps and steps[0].get("mg"):
        mg = Decimal(str(steps[0]["mg"]))
    return mg / liquid_strength(patient.liquid_mg_per_ml)


def remaining(session: Session, patient: Patient) -> tuple[Decimal, int] | None:
    """What's left now and how many nights it covers, or None when never counted."""
    state = RefillRepository(session).state(patient)
    if state is None:
        return None
    left = supply_left(
        state.on_hand,
        used_since_count(patient.form, state.taken_doses_mg, patient.liquid_mg_per_ml),
    )
    return left, days_of_supply(left, per_night(patient, state.latest_dose_mg))


async def _save_count(update: Update, context: LdnContext, text: str) -> None:
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    value = parse_amount(text)
    if value is None:
        await update.effective_message.reply_text(texts.NOT_A_NUMBER)
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
        return remaining(session, patient), patient.form

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

    def look(session: Session) -> tuple[tuple[Decimal, int] | None, str | None]:
        patient = PatientRepository(session).find(chat.id)
        if patient is None:
            return None, None
        return remaining(session, patient), patient.form

    left, form = await context.services.db.run(look)
    if left is None:
        await update.effective_message.reply_text(texts.NONE_COUNTED)
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
    await context.bot.send_message(query.message.chat.id, texts.ASK)


async def refill_tick(context: LdnContext) -> None:
    """Warn, once per count, whoever's supply runs out within the configured days."""
    services = context.services
    settings = services.settings
    now = services.now()
    warn_days = settings.refills.warn_days_before

    def claim(session: Session) -> list[tuple[int, int, str]]:
        outgoing: list[tuple[int, int, str]] = []
        refills = RefillRepository(session)
        for patient in refills.not_yet_warned():
            state = refills.state(patient)
            if state is None:
                continue
            left = supply_left(
                state.on_hand,
                used_since_count(patient.form, state.taken_doses_mg, patient.liquid_mg_per_ml),
            )
            nightly = per_night(patient, state.latest_dose_mg)
            today = local_today(now, patient.timezone)
            if should_warn(today, left, nightly, warn_days):
                patient.supply_warned_at = now  # claimed: one warning per count
                days = days_of_supply(left, nightly)
                outgoing.append(
                    (patient.id, patient.chat_id, texts.warning(left, patient.form, days))
                )
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
    application.add_handler(CallbackQueryHandler(ask_count, pattern=r"^refill:ask$"))
    registry.when_awaiting(AWAITING_COUNT, _save_count)
    assert application.job_queue is not None
    first = application.bot_data["services"].settings.reminders.tick_seconds
    application.job_queue.run_repeating(
        refill_tick, interval=CHECK_EVERY_SECONDS, first=first, name="refills"
    )
