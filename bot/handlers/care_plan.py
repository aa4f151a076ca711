"""Plans each patient's follow-ups: the next check-in (`patients.next_checkin_at`) and the
dated notices (liver tests, milestones).

They depend on the start date, time zone, step ups, the autoimmune answer and the operator's
settings. A key of those is kept on the patient; a tick replans whoever's key changed, so no
other feature has to call in when it moves a start date or records a step up.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.config import Settings
from bot.domain.checkins import Cadence, local_moment, next_checkin_at
from bot.domain.milestones import planned_notices
from bot.rate_limit import bulk
from storage.checkins import CheckinRepository
from storage.models import Patient, StepDecision
from storage.notices import NoticeRepository

log = logging.getLogger(__name__)

# A notice whose date passed this long before it was planned is not sent at all (a patient
# who set up months after starting does not get "four weeks on LDN").
STALE_NOTICE = timedelta(days=3)
# Planning costs a few ms a patient; a mass replan (a settings change) spreads over ticks.
REPLANS_PER_TICK = 200


def cadence_of(settings: Settings) -> Cadence:
    checkins = settings.checkins
    return Cadence(
        first_nights=checkins.first_nights,
        days_after_step_up=checkins.days_after_step_up,
        every_days=checkins.weekly_every_days,
    )


def settings_digest(settings: Settings) -> str:
    relevant = repr((settings.checkins, settings.monitoring))
    return hashlib.sha256(relevant.encode()).hexdigest()[:8]


def plan_next_checkin(
    session: Session, patient: Patient, settings: Settings, now: datetime
) -> None:
    """Set `next_checkin_at` to the next check-in morning that has none yet."""
    if not settings.checkins.enabled or patient.start_date is None or patient.timezone is None:
        patient.next_checkin_at = None
        return
    if patient.next_checkin_at is not None and patient.next_checkin_at <= now:
        return  # due and not yet created: the tick creates it, then plans the next
    checkins = CheckinRepository(session)
    upcoming = next_checkin_at(
        now=now,
        zone=ZoneInfo(patient.timezone),
        at=settings.checkins.time,
        start_date=patient.start_date,
        step_ups=checkins.step_up_days(patient.id),
        cadence=cadence_of(settings),
        last_planned=checkins.last_planned_day(patient.id),
    )
    patient.next_checkin_at = upcoming[1] if upcoming else None


def plan_notices(session: Session, patient: Patient, settings: Settings, now: datetime) -> None:
    """(Re)plan the liver-test reminders and milestones; sent ones are never sent again."""
    if patient.start_date is None or patient.timezone is None:
        return
    monitoring = settings.monitoring
    zone = ZoneInfo(patient.timezone)
    notices = NoticeRepository(session)
    wanted = planned_notices(
        start_date=patient.start_date,
        lft_months=monitoring.lft_months,
        milestone_weeks=monitoring.milestone_weeks,
        autoimmune_months=monitoring.autoimmune_milestone_months,
        autoimmune=patient.autoimmune,
    )
    existing = notices.by_kind(patient.id)
    notices.drop_unsent(
        patient.id, [k for k, n in existing.items() if n.message_id is None and n.sent_at is None]
    )
    kept = {k for k, n in existing.items() if n.message_id is not None or n.sent_at is not None}
    for notice in wanted:
        if notice.kind in kept:
            continue
        due = local_moment(notice.on, monitoring.time, zone)
        if due < now - STALE_NOTICE:
            continue
        notices.add(patient.id, notice.kind, due)


def replan_changed(session: Session, settings: Settings, now: datetime, *, limit: int) -> int:
    """Replan every set-up patient whose key changed; returns how many were replanned."""
    digest = settings_digest(settings)
    ups = (
        select(StepDecision.patient_id, func.count(StepDecision.id).label("ups"))
        .where(StepDecision.decision == "up")
        .group_by(StepDecision.patient_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Patient.id,
            Patient.start_date,
            Patient.timezone,
            Patient.autoimmune,
            Patient.care_plan_key,
            func.coalesce(ups.c.ups, 0),
        )
        .outerjoin(ups, ups.c.patient_id == Patient.id)
        .where(
            Patient.setup_completed_at.is_not(None),
            Patient.start_date.is_not(None),
            Patient.timezone.is_not(None),
            Patient.blocked_at.is_(None),
        )
    ).all()
    changed = [
        (row[0], key)
        for row in rows
        if (key := f"{row[1]}|{row[2]}|{row[3]}|{row[5]}|{digest}") != row[4]
    ][:limit]
    for patient_id, key in changed:
        patient = session.get(Patient, patient_id, with_for_update={"skip_locked": True})
        if patient is None:
            continue
        plan_next_checkin(session, patient, settings, now)
        plan_notices(session, patient, settings, now)
        patient.care_plan_key = key
    if changed:
        log.info("planned check-ins and notices for %d patients", len(changed))
    return len(changed)


# ---------------------------------------------------------------------------- sending


@dataclass(frozen=True)
class Delivery:
    # "sent"; "blocked" (the patient blocked the bot); "retry" (a passing network problem:
    # leave it due); "failed" (Telegram refused this message for good)
    outcome: Literal["sent", "blocked", "retry", "failed"]
    message_id: int | None = None


async def deliver(
    bot: Any, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Delivery:
    """Send one scheduled message and say what became of it; never raises for Telegram."""
    try:
        message = await bot.send_message(
            chat_id, text, reply_markup=markup, rate_limit_args=bulk(bot)
        )
    except Forbidden:
        return Delivery("blocked")
    except BadRequest as error:
        log.warning("a scheduled message was refused: %s", error.message)
        return Delivery("failed")
    except (NetworkError, RetryAfter):
        return Delivery("retry")
    return Delivery("sent", message.message_id)


def mark_blocked(session: Session, chat_id: int, now: datetime) -> None:
    patient = session.scalar(select(Patient).where(Patient.chat_id == chat_id))
    if patient is not None and patient.blocked_at is None:
        patient.blocked_at = now


# (row id, chat id, text, buttons) of a claimed scheduled message.
Outgoing = tuple[int, int, str, InlineKeyboardMarkup | None]
# Records what became of one message, in its own unit of work: (session, row id, delivery, now).
RecordDelivery = Callable[[Session, int, Delivery, datetime], None]


async def deliver_all(context: Any, outgoing: Sequence[Outgoing], record: RecordDelivery) -> None:
    """Send claimed scheduled messages concurrently and record each one as it returns; a
    patient who blocked the bot is marked so nothing more is sent to them."""
    services = context.services
    limit = asyncio.Semaphore(services.settings.reminders.send_concurrency)
    # Not sent (a 429, the network, the bot stopping): released together at the end, in one
    # unit of work, so a stop that ends hundreds of waiting sends is not hundreds of commits.
    not_sent: list[tuple[int, Delivery]] = []

    async def send(
        row_id: int, chat_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> None:
        async with limit:
            result = await deliver(context.bot, chat_id, text, markup)
        if result.outcome == "retry":
            not_sent.append((row_id, result))
            return
        with services.db.session() as session:
            record(session, row_id, result, services.now())
            if result.outcome == "blocked":
                mark_blocked(session, chat_id, services.now())

    try:
        await asyncio.gather(*(send(*item) for item in outgoing))
    finally:
        if not_sent:
            with services.db.session() as session:
                for row_id, result in not_sent:
                    record(session, row_id, result, services.now())
