"""Plans each patient's follow-ups: the next check-in (`patients.next_checkin_at`) and the
dated notices (liver tests, milestones).

They depend on the start date, time zone, step ups, the autoimmune answer and the operator's
settings. A key of those is kept on the patient. Whatever changes one of them marks the
patient (`patients.care_plan_stale`, by a listener in storage.models; new settings at the
first tick),
so no other feature has to call in when it moves a start date or records a step up, and a
tick reads only the marked patients, through an index, however many there are.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup

from bot.config import Settings
from bot.domain.checkins import Cadence, local_moment, next_checkin_at
from bot.domain.milestones import planned_notices
from bot.features.care_plan.sending import Delivery, ScheduledSender
from storage.checkins import CheckinRepository
from storage.models import Patient
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
    patient: Patient,
    settings: Settings,
    now: datetime,
    *,
    step_ups: list[date],
    last_planned: date | None,
) -> None:
    """Set `next_checkin_at` to the next check-in morning that has none yet (`last_planned`:
    the latest morning that already has a check-in)."""
    if not settings.checkins.enabled or patient.start_date is None or patient.timezone is None:
        patient.next_checkin_at = None
        return
    if patient.next_checkin_at is not None and patient.next_checkin_at <= now:
        return  # due and not yet created: the tick creates it, then plans the next
    upcoming = next_checkin_at(
        now=now,
        zone=ZoneInfo(patient.timezone),
        at=settings.checkins.time,
        start_date=patient.start_date,
        step_ups=step_ups,
        cadence=cadence_of(settings),
        last_planned=last_planned,
    )
    patient.next_checkin_at = upcoming[1] if upcoming else None


def notices_to_plan(
    patient: Patient, settings: Settings, now: datetime, *, kept: set[str]
) -> list[tuple[str, datetime]]:
    """The liver-test reminders and milestones to plan, (kind, due), besides the `kept` kinds
    (sent ones are never sent again); dates long past are left out."""
    if patient.start_date is None or patient.timezone is None:
        return []
    monitoring = settings.monitoring
    zone = ZoneInfo(patient.timezone)
    wanted = planned_notices(
        start_date=patient.start_date,
        lft_months=monitoring.lft_months,
        milestone_weeks=monitoring.milestone_weeks,
        autoimmune_months=monitoring.autoimmune_milestone_months,
        autoimmune=patient.autoimmune,
    )
    # Nothing dated before the end of setup is sent at once: it waits for the next morning's
    # notice time (the baseline liver test of a patient who set up in the afternoon of the
    # start day comes the next morning, not on top of setup or the first night's reminder).
    earliest = (
        first_moment_after(patient.setup_completed_at, monitoring.time, zone)
        if patient.setup_completed_at is not None
        else None
    )
    planned = []
    for notice in wanted:
        if notice.kind in kept:
            continue
        due = local_moment(notice.on, monitoring.time, zone)
        if due < now - STALE_NOTICE:
            continue
        if earliest is not None and due < earliest:
            due = earliest
        planned.append((notice.kind, due))
    return planned


def first_moment_after(moment: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first wall-clock `at` in `zone` at or after `moment` (today's, else tomorrow's)."""
    day = moment.astimezone(zone).date()
    candidate = local_moment(day, at, zone)
    return candidate if candidate >= moment else local_moment(day + timedelta(days=1), at, zone)


def care_plan_key(patient: Patient, step_ups: int, digest: str) -> str:
    """What the plan is made from: when it differs from `patient.care_plan_key`, replan."""
    return f"{patient.start_date}|{patient.timezone}|{patient.autoimmune}|{step_ups}|{digest}"


def replan_changed(session: Session, settings: Settings, now: datetime, *, limit: int) -> int:
    """Replan up to `limit` patients whose plan was marked stale (`care_plan_stale`: an input
    changed, see storage.models); returns how many were replanned. Only marked rows are read,
    through their index, so a tick with nothing changed costs the same at any size."""
    digest = settings_digest(settings)
    stale = session.scalars(
        select(Patient)
        .where(Patient.care_plan_stale)
        .order_by(Patient.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    ).all()
    if not stale:
        return 0
    ready = [
        p
        for p in stale
        if p.setup_completed_at is not None
        and p.start_date is not None
        and p.timezone is not None
        and p.blocked_at is None
    ]
    step_ups = CheckinRepository(session).step_up_days_of([p.id for p in ready])
    changed = []
    for patient in stale:
        # Not set up, or blocked: nothing to plan until that changes (which marks it again).
        patient.care_plan_stale = False
        if patient not in ready:
            continue
        key = care_plan_key(patient, len(step_ups[patient.id]), digest)
        if key != patient.care_plan_key:
            patient.care_plan_key = key
            changed.append(patient)
    # A few statements for the whole batch, not a few per patient.
    ids = [patient.id for patient in changed]
    last_planned = CheckinRepository(session).last_planned_days(ids)
    notices = NoticeRepository(session)
    kept = notices.drop_never_sent(ids)
    for patient in changed:
        plan_next_checkin(
            patient,
            settings,
            now,
            step_ups=step_ups[patient.id],
            last_planned=last_planned.get(patient.id),
        )
        for kind, due in notices_to_plan(patient, settings, now, kept=kept[patient.id]):
            notices.add(patient.id, kind, due)
    replanned = len(changed)
    if replanned:
        log.info("planned check-ins and notices for %d patients", replanned)
    return replanned


def mark_stale_after_settings_change(session: Session, settings: Settings) -> int:
    """Mark every set-up patient planned under other [checkins]/[monitoring] settings (or
    never planned); run once per process. How many were marked."""
    digest = settings_digest(settings)
    result = session.execute(
        update(Patient)
        .where(
            Patient.care_plan_stale.is_(False),
            Patient.setup_completed_at.is_not(None),
            or_(Patient.care_plan_key.is_(None), Patient.care_plan_key.not_like(f"%|{digest}")),
        )
        .values(care_plan_stale=True)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def check_settings_once(services: Any) -> None:
    """At a process's first tick: mark the care plans made under other settings. The one
    full look at the patients table, off the event loop like all database work."""
    if services.extras.get("care_plans_checked"):
        return
    services.extras["care_plans_checked"] = True

    def mark(session: Session) -> int:
        return mark_stale_after_settings_change(session, services.settings)

    try:
        marked = await services.db.run(mark)
    except BaseException:
        services.extras["care_plans_checked"] = False  # the next tick tries again
        raise
    if marked:
        log.info("%d care plans to redo under the current settings", marked)


# ---------------------------------------------------------------------------- sending


async def deliver(
    context: Any, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Delivery:
    """Send one scheduled message under the one send policy (`sending.ScheduledSender`) and
    say what became of it: "sent", "blocked", "retry" (leave it due) or "failed"."""
    delivery = await _sender(context).send(chat_id, text, markup)
    return _as_care_plan(delivery)


def _sender(context: Any) -> ScheduledSender:
    application = getattr(context, "application", None)
    stopping = (lambda: not application.running) if application is not None else None
    return ScheduledSender(context.bot, context.services, stopping=stopping)


def _as_care_plan(delivery: Delivery) -> Delivery:
    # A check-in or notice not sent (the bot stopping) or that may not have arrived (timed
    # out) is left due, as before: its claim is released and a later tick sends it.
    if delivery.outcome in ("uncertain", "stopped"):
        return Delivery("retry", flood_waits=delivery.flood_waits)
    return delivery


def mark_blocked(session: Session, chat_id: int, now: datetime) -> None:
    patient = session.scalar(select(Patient).where(Patient.chat_id == chat_id))
    if patient is not None and patient.blocked_at is None:
        patient.blocked_at = now


# (row id, chat id, text, buttons) of a claimed scheduled message.
Outgoing = tuple[int, int, str, InlineKeyboardMarkup | None]
# Records what became of a chunk of messages, in one unit of work:
# (session, [(row id, delivery), ...], now).
RecordDeliveries = Callable[[Session, Sequence[tuple[int, Delivery]], datetime], None]


async def deliver_all(context: Any, outgoing: Sequence[Outgoing], record: RecordDeliveries) -> None:
    """Send claimed scheduled messages, `send_concurrency` at a time, under the one send
    policy, and record each chunk in one unit of work as it returns (a crash repeats at most
    one chunk, as for reminders); a patient who blocked the bot is marked so nothing more is
    sent to them."""
    services = context.services
    sender = _sender(context)
    chunk = services.settings.reminders.send_concurrency
    for start in range(0, len(outgoing), chunk):
        batch = outgoing[start : start + chunk]
        results = await asyncio.gather(
            *(sender.send(chat_id, text, markup) for _, chat_id, text, markup in batch)
        )
        delivered = [
            (item, _as_care_plan(result)) for item, result in zip(batch, results, strict=True)
        ]
        await services.db.run(partial(_record_chunk, record, delivered, services.now()))


def _record_chunk(
    record: RecordDeliveries,
    delivered: Sequence[tuple[Outgoing, Delivery]],
    now: datetime,
    session: Session,
) -> None:
    record(session, [(item[0], result) for item, result in delivered], now)
    for (_row_id, chat_id, _text, _markup), result in delivered:
        if result.outcome == "blocked":
            mark_blocked(session, chat_id, now)
