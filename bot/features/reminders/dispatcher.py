"""The reminder tick: what is due comes from the database, never from in-memory jobs.

Each tick (`dispatch_due`, driven by one JobQueue `run_repeating` job):

1. ends "/pause N" pauses that are over, and records open nights past the cutoff as missed;
2. claims due patients (`patients.next_reminder_at <= now`) in batches, row-locked with
   `FOR UPDATE SKIP LOCKED` on PostgreSQL. For each, a `nights` row is inserted — "missed"
   if the cutoff has passed (a reminder due while the bot was down is then not sent), else
   "sending" — and `next_reminder_at` moves on to the following night; then commit. The
   unique (patient_id, local_date) makes a second row for the same night impossible;
3. sends the claimed reminders in chunks of `send_concurrency` (concurrently within a chunk)
   with no transaction open, and records "sent" with the message ids after each chunk, so a
   crash leaves at most one chunk sent and unrecorded;
4. sends due snoozed reminders and the one gentle follow-up.

Stopping (SIGTERM): the JobQueue tick checks `application.running` between chunks. Once the
application is stopping, it finishes the chunk in flight, records it, gives back the nights it
claimed and did not send (new ones are un-claimed: the row goes and the patient is due again
at once; re-claimed ones stay due for the next tick, a recovery still worded as one), and
returns, so shutdown takes about one chunk rather than the rest of the wave. A send of the
chunk in flight still waiting (for its turn at the rate limiter, for a 429 to pass, or to retry)
is not made: the limiter's waits end with StoppedWaiting as the application stops, and the
reminder is given back like the rest. So a flood wait of 30 s or more does not hold up a stop.

Claiming is batched: the screening answers (for the gate and the caution note), the step
decisions and the existing nights of a whole claim batch are read with one query each, and
the batch is flushed once.

Exactly once is impossible across a crash between the send and its record: Telegram has no
idempotency key. A night left "sending" longer than `claim_lease_seconds` may or may not
have reached the patient, so it is sent again, worded as a recovery ("In case my earlier
reminder didn't reach you … If you've already taken it, don't take another — just tap
✅ Taken.") rather than as a second plain reminder. A send that timed out is retried with the
same wording, for the same reason. Duplicates are thus bounded by the sends in flight at the
crash, and harmless. A send known not to have arrived (RetryAfter, a 5xx reply, no
connection) is retried plainly. Snoozed reminders and follow-ups are marked before they are
sent: at most once, since losing a nudge is better than doubling it.

Telegram errors: Forbidden marks the patient blocked (nothing more until /start). RetryAfter
holds this dispatcher's sends to that chat (to every chat, when several chats were refused at
once; kept across ticks) for `retry_after`, and the send is retried without losing the message
(when the rate limiter is on it has already waited and retried up to its own limit). A hold
longer than `BULK_MAX_HOLD_SECONDS` is not waited out in the tick: the night is released, due
again at the next tick, so one flooded chat does not hold up the wave. (With the rate limiter
on, which tells one chat's 429 from the bot-wide limit, the dispatcher holds only that chat.)
NetworkError/TimedOut retry with exponential backoff, at most `send_retries` times, then the
night is left for the next tick.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application

from bot.config import Settings
from bot.context import Services, services_of
from bot.domain.schedule import next_due, night_of
from bot.features.reminders.compose import (
    Kind,
    dose_text,
    hold_for,
    render,
    reworded,
    where_tonight,
)
from bot.features.reminders.scheduling import reminder_note, reschedule, why_no_reminders
from bot.registry import Registry
from bot.runtime.rate_limit import (
    BULK_MAX_HOLD_SECONDS,
    HOLD_ALL_AFTER_CHATS,
    FloodHolds,
    StoppedWaiting,
    bulk,
    retry_after_seconds,
)
from storage.models import Night, Patient
from storage.nights import MISSED, SENDING, NightRepository
from storage.screening import ScreeningRepository

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[Any]]
ShouldStop = Callable[[], bool]
Claim = Literal["new", "released", "lease"]  # how the night came to be sent in this tick

BACKFILL_DAYS = 14  # nights missed while the bot was down are recorded this far back
MAX_FLOOD_WAITS = 5
BACKOFF_BASE_SECONDS = 0.5
BACKOFF_MAX_SECONDS = 8.0


@dataclass
class DispatchResult:
    claimed: int = 0  # new reminders claimed to send
    sent: int = 0  # reminders (first, recovery, snoozed) Telegram accepted
    recoveries: int = 0  # re-sends after a lost claim or a timeout
    follow_ups: int = 0
    missed: int = 0
    blocked: int = 0
    released: int = 0  # not delivered, due again at the next tick
    uncertain: int = 0  # timed out: may have arrived; re-sent as a recovery after the lease
    failed: int = 0
    given_back: int = 0  # claimed and not sent because the bot is stopping
    flood_waits: int = 0
    resumed: int = 0
    # Now minus the oldest reminder that was due and unclaimed when the tick began.
    lag_seconds: float = 0.0

    def add(self, other: DispatchResult) -> None:
        for name in self.__dataclass_fields__:
            if name != "lag_seconds":
                setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class ReminderStats:
    """Counters over the process's life: a seam for metrics (services.extras["reminder_stats"])."""

    ticks: int = 0
    total: DispatchResult = field(default_factory=DispatchResult)
    last: DispatchResult | None = None
    last_tick_at: datetime | None = None


@dataclass
class Outgoing:
    night_id: int
    patient_id: int
    chat_id: int
    kind: Kind
    text: str
    dose: str  # as worded in `text`, to reword it as a recovery
    markup: InlineKeyboardMarkup | None
    record: bool = True  # store "sent" and the message id
    claim: Claim = "new"

    @property
    def recovery_text(self) -> str:
        if self.kind == "recovery":
            return self.text
        return reworded(self.text, dose=self.dose, kind=self.kind)


@dataclass
class _Sent:
    delivered: list[tuple[Outgoing, int]] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)
    released: list[int] = field(default_factory=list)
    given_back: list[Outgoing] = field(default_factory=list)  # not sent: the bot is stopping


class _FloodGate:
    """After a RetryAfter, this dispatcher's sends to that chat (to every chat, when several
    were refused at once) wait until Telegram allows them; kept from one tick to the next."""

    def __init__(self, sleep: Sleep, holds: FloodHolds) -> None:
        self.sleep = sleep
        self.holds = holds

    def hold(self, chat: int, seconds: float) -> None:
        self.holds.hold(chat, seconds, asyncio.get_running_loop().time())

    def left(self, chat: int) -> float:
        return self.holds.left(chat, asyncio.get_running_loop().time())

    async def wait(self, chat: int) -> None:
        remaining = self.left(chat)
        if remaining > 0:
            await self.sleep(remaining)


def stats_of(services: Services) -> ReminderStats:
    stats = services.extras.get("reminder_stats")
    if stats is None:
        stats = services.extras["reminder_stats"] = ReminderStats()
    return stats  # type: ignore[no-any-return]


async def dispatch_due(
    application: Application[Any, Any, Any, Any, Any, Any],
    now: datetime,
    *,
    sleep: Sleep = asyncio.sleep,
    should_stop: ShouldStop | None = None,
) -> DispatchResult:
    """One tick: everything due at `now` is claimed, sent and recorded (or, once
    `should_stop()`, what was claimed and not sent is given back; see the module)."""
    stopping: ShouldStop = should_stop or (lambda: False)
    services = services_of(application)
    settings = services.settings
    cfg = settings.reminders
    result = DispatchResult()
    holds = services.extras.get("reminder_flood_holds")
    if holds is None:
        # With the rate limiter on, it has already told one chat's 429 from the bot-wide limit:
        # a RetryAfter reaching the dispatcher then holds only that chat.
        limited = application.bot.rate_limiter is not None
        holds = FloodHolds(hold_all_after_chats=None if limited else HOLD_ALL_AFTER_CHATS)
        services.extras["reminder_flood_holds"] = holds
    gate = _FloodGate(sleep, holds)
    cutoff_before = now - timedelta(hours=cfg.missed_after_hours)

    def tidy_up(session: Session) -> None:
        """Pauses that are over end; open nights past the cutoff are missed; the lag."""
        repo = NightRepository(session)
        for patient in repo.pauses_over(now=now):
            patient.paused = False
            patient.paused_until = None
            reschedule(session, patient, now, services.registry)
            result.resumed += 1
        result.missed += repo.mark_missed(now=now, cutoff_before=cutoff_before)
        oldest = (
            session.query(Patient.next_reminder_at)
            .filter(
                Patient.next_reminder_at <= now,
                Patient.blocked_at.is_(None),
                Patient.paused.is_(False),
            )
            .order_by(Patient.next_reminder_at)
            .limit(1)
            .scalar()
        )
        if oldest is not None:
            result.lag_seconds = (now - oldest).total_seconds()

    await services.db.run(tidy_up)

    # Leftovers from earlier ticks first; what fails in this tick waits for the next one.
    attempted: set[int] = set()

    def claim_leftovers(session: Session) -> list[Outgoing]:
        repo = NightRepository(session)
        unsent = repo.claim_unsent(
            now=now,
            lease_seconds=cfg.claim_lease_seconds,
            cutoff_before=cutoff_before,
            limit=cfg.claim_batch,
            exclude=attempted,
        )
        batch = []
        attempted.update(night.id for night, _, _ in unsent)
        decisions = repo.decisions_of(patient.id for _, patient, _ in unsent)
        for night, patient, recovery in unsent:
            item = _outgoing(
                session,
                patient,
                night,
                settings,
                "recovery" if recovery else "reminder",
                decisions=decisions.get(patient.id, []),
            )
            item.claim = "lease" if recovery else "released"
            batch.append(item)
            result.recoveries += recovery
        return batch

    while not stopping():
        batch = await services.db.run(claim_leftovers)
        if not batch:
            break
        await _send_and_record(application, batch, now, settings, gate, sleep, result, stopping)
        if len(batch) < cfg.claim_batch:
            break

    while not stopping():
        claimed = await services.db.run(
            lambda session: _claim_new(
                session, now, settings, services.registry, cutoff_before, result
            )
        )
        if claimed is None:
            break
        await _send_and_record(application, claimed, now, settings, gate, sleep, result, stopping)

    if stopping():
        _report(services, result, now)
        return result

    # Nudges are marked before they are sent (at most once), so this batch is not cut short.
    def claim_nudges(session: Session) -> tuple[list[Outgoing], list[Outgoing]]:
        """(snoozed reminders due again, follow-ups due)"""
        repo = NightRepository(session)
        follow_up_after = timedelta(minutes=cfg.follow_up_after_minutes)
        nudges = [
            _outgoing(session, patient, night, settings, "snoozed")
            for night, patient in repo.claim_snoozed(
                now=now,
                cutoff_before=cutoff_before,
                follow_up_after=follow_up_after,
                limit=cfg.claim_batch,
            )
        ]
        follow_ups = [
            _outgoing(session, patient, night, settings, "follow_up", record=False)
            for night, patient in repo.claim_follow_ups(
                now=now, cutoff_before=cutoff_before, limit=cfg.claim_batch
            )
        ]
        return nudges, follow_ups

    nudges, follow_ups = await services.db.run(claim_nudges)
    if nudges or follow_ups:
        await _send_and_record(
            application, nudges + follow_ups, now, settings, gate, sleep, result, stopping
        )
        result.follow_ups += len(follow_ups)

    _report(services, result, now)
    return result


def _report(services: Services, result: DispatchResult, now: datetime) -> None:
    stats = stats_of(services)
    stats.ticks += 1
    stats.total.add(result)
    stats.last = result
    stats.last_tick_at = now
    for listener in services.extras.get("reminder_listeners", ()):
        listener(result, now)
    metrics = services.extras.get("metrics")
    if metrics is not None and hasattr(metrics, "tick_done"):
        metrics.tick_done(now)


def _claim_new(
    session: Any,
    now: datetime,
    settings: Settings,
    registry: Registry,
    cutoff_before: datetime,
    result: DispatchResult,
) -> list[Outgoing] | None:
    """Claim a batch of due patients; their new nights, with the messages to send. None when
    nothing was due."""
    cfg = settings.reminders
    repo = NightRepository(session)
    patients = repo.claim_due_patients(now=now, limit=cfg.claim_batch)
    if not patients:
        return None
    ids = [p.id for p in patients]
    decisions = repo.decisions_of(ids)
    ScreeningRepository(session).preload(ids)  # the gate in reschedule, the caution note
    follow_up_after = timedelta(minutes=cfg.follow_up_after_minutes)
    backfill_floor = now - timedelta(days=BACKFILL_DAYS)
    oldest_due = min(p.next_reminder_at for p in patients if p.next_reminder_at is not None)
    # Local dates are at most a day off UTC ones; nights never move backwards.
    existing = repo.night_dates(
        ids, since=min(oldest_due, backfill_floor).date() - timedelta(days=2)
    )
    created: list[tuple[Patient, Night, Any, Any, str | None]] = []
    # One flush for the batch: gates and notes read the database (screening answers, check-ins)
    # but never the nights pending here.
    with session.no_autoflush:
        _claim_patients(
            session,
            registry,
            repo,
            patients,
            now,
            cutoff_before,
            backfill_floor,
            follow_up_after,
            decisions,
            existing,
            created,
            result,
        )
    session.flush()
    outgoing = []
    for patient, night, where, hold, note in created:
        reminder = render(
            patient=patient, night=night, where=where, hold=hold, settings=settings, note=note
        )
        outgoing.append(
            Outgoing(
                night.id,
                patient.id,
                patient.chat_id,
                "reminder",
                reminder.text,
                dose_text(night.dose_mg, patient.form, patient.liquid_mg_per_ml),
                reminder.markup,
            )
        )
    return outgoing


def _claim_patients(
    session: Any,
    registry: Registry,
    repo: NightRepository,
    patients: Sequence[Patient],
    now: datetime,
    cutoff_before: datetime,
    backfill_floor: datetime,
    follow_up_after: timedelta,
    decisions: dict[int, list[Any]],
    existing: set[tuple[int, Any]],
    created: list[tuple[Patient, Night, Any, Any, str | None]],
    result: DispatchResult,
) -> None:
    for patient in patients:
        zone = ZoneInfo(patient.timezone or "UTC")
        for _ in range(BACKFILL_DAYS + 2):
            due = patient.next_reminder_at
            if due is None or due > now:
                break
            night_date = night_of(due, zone)
            if patient.start_date is None:
                patient.start_date = night_date  # the plan starts with the first reminder
            if (patient.id, night_date) in existing:
                _reschedule(session, registry, patient, due + timedelta(seconds=1), existing)
                continue
            existing.add((patient.id, night_date))
            where = where_tonight(patient, night_date, decisions.get(patient.id, []))
            if due <= cutoff_before:
                repo.add(
                    patient,
                    night_date,
                    due_at=due,
                    dose_mg=where.dose_mg,
                    step_index=where.step_index,
                    outcome=MISSED,
                    now=now,
                )
                result.missed += 1
                _reschedule(
                    session,
                    registry,
                    patient,
                    max(due + timedelta(seconds=1), backfill_floor),
                    existing,
                )
                continue
            hold = hold_for(session, patient) if where.offer is not None else None
            night = repo.add(
                patient,
                night_date,
                due_at=due,
                dose_mg=where.dose_mg,
                step_index=where.step_index,
                outcome=SENDING,
                now=now,
                offers_step_up=where.offer is not None and hold is None,
                follow_up_at=due + follow_up_after,
            )
            _reschedule(session, registry, patient, due + timedelta(seconds=1), existing)
            created.append((patient, night, where, hold, reminder_note(session, patient, registry)))
            result.claimed += 1
            break


def _reschedule(
    session: Any,
    registry: Registry,
    patient: Patient,
    after: datetime,
    existing: set[tuple[int, Any]],
) -> None:
    """`scheduling.reschedule` for a claim batch: the same gates and DST-safe `next_due`,
    with the batch's nights (read once, plus those added since) instead of a query a patient."""
    if why_no_reminders(session, patient, registry) is not None:
        patient.next_reminder_at = None
        return
    assert patient.timezone is not None and patient.reminder_time is not None
    zone = ZoneInfo(patient.timezone)
    while True:
        night, due = next_due(
            reminder_time=patient.reminder_time,
            zone=zone,
            after=after,
            start_date=patient.start_date,
        )
        if (patient.id, night) not in existing:
            patient.next_reminder_at = due
            return
        after = due + timedelta(seconds=1)


def _outgoing(
    session: Any,
    patient: Patient,
    night: Night,
    settings: Settings,
    kind: Kind,
    *,
    record: bool = True,
    decisions: Sequence[Any] | None = None,
) -> Outgoing:
    if decisions is None:
        decisions = NightRepository(session).decisions(patient.id)
    where = where_tonight(patient, night.local_date, decisions)
    hold = hold_for(session, patient) if where.offer is not None else None
    message = render(
        patient=patient, night=night, where=where, hold=hold, settings=settings, kind=kind
    )
    return Outgoing(
        night.id,
        patient.id,
        patient.chat_id,
        kind,
        message.text,
        dose_text(night.dose_mg, patient.form, patient.liquid_mg_per_ml),
        message.markup,
        record,
    )


async def _send_and_record(
    application: Application[Any, Any, Any, Any, Any, Any],
    batch: Sequence[Outgoing],
    now: datetime,
    settings: Settings,
    gate: _FloodGate,
    sleep: Sleep,
    result: DispatchResult,
    stopping: ShouldStop | None = None,
) -> None:
    """Send in chunks of `send_concurrency`, recording each chunk before the next; once
    `stopping()`, give back what is left instead."""
    size = settings.reminders.send_concurrency
    for start in range(0, len(batch), size):
        if stopping is not None and stopping():
            await _give_back(application, batch[start:], now, settings, result)
            return
        chunk = batch[start : start + size]
        outcome = _Sent()
        await asyncio.gather(
            *(
                _send(application, item, settings, gate, sleep, outcome, result, stopping)
                for item in chunk
            )
        )
        await _record(application, outcome, now, result)
        if outcome.given_back:
            await _give_back(application, outcome.given_back, now, settings, result)


async def _record(
    application: Application[Any, Any, Any, Any, Any, Any],
    outcome: _Sent,
    now: datetime,
    result: DispatchResult,
) -> None:
    delivered = [
        (item.night_id, message_id) for item, message_id in outcome.delivered if item.record
    ]

    def record(session: Session) -> None:
        repo = NightRepository(session)
        repo.record_sent(delivered, now=now)
        repo.release(outcome.released)
        repo.block(sorted(set(outcome.blocked)), now=now)

    await services_of(application).db.run(record)
    result.sent += sum(1 for item, _ in outcome.delivered if item.kind != "follow_up")
    result.blocked += len(set(outcome.blocked))
    result.released += len(outcome.released)


async def _give_back(
    application: Application[Any, Any, Any, Any, Any, Any],
    items: Sequence[Outgoing],
    now: datetime,
    settings: Settings,
    result: DispatchResult,
) -> None:
    """The bot is stopping: claimed nights not sent are due again at once, for any replica."""
    # Nudges (snoozed reminders, follow-ups) were marked before sending: nothing to give back.
    records = [item for item in items if item.record and item.kind in ("reminder", "recovery")]

    def give_back(session: Session) -> None:
        repo = NightRepository(session)
        repo.unclaim([item.night_id for item in records if item.claim == "new"])
        repo.release([item.night_id for item in records if item.claim == "released"])
        repo.release_for_recovery(
            [item.night_id for item in records if item.claim == "lease"],
            now=now,
            lease_seconds=settings.reminders.claim_lease_seconds,
        )

    await services_of(application).db.run(give_back)
    result.given_back += len(records)
    log.info("stopping: %d claimed reminders given back unsent", len(records))


async def _send(
    application: Application[Any, Any, Any, Any, Any, Any],
    item: Outgoing,
    settings: Settings,
    gate: _FloodGate,
    sleep: Sleep,
    outcome: _Sent,
    result: DispatchResult,
    stopping: ShouldStop | None = None,
) -> None:
    """Send one message with bounded retries; file the outcome."""
    attempts = 0
    floods = 0
    uncertain = False
    while True:
        held = gate.left(item.chat_id)
        if held > BULK_MAX_HOLD_SECONDS:
            # Telegram holds this chat (or every chat) a long time: not sent now, nor asked
            # again; due at a later tick, and the rest of the wave goes on meanwhile.
            if item.record:
                outcome.released.append(item.night_id)
            return
        if held > 0 and stopping is not None and stopping():
            _not_sent(item, outcome)
            return
        await gate.wait(item.chat_id)
        text = item.recovery_text if uncertain else item.text
        try:
            message = await application.bot.send_message(
                item.chat_id, text, reply_markup=item.markup, rate_limit_args=bulk(application.bot)
            )
        except StoppedWaiting:
            # The limiter gave up waiting for its turn or a 429 because the bot is stopping:
            # it was not sent. (After a timeout it may have arrived: the claim stays.)
            if uncertain:
                result.uncertain += 1
            else:
                _not_sent(item, outcome)
            return
        except Forbidden:
            log.info("patient %s blocked the bot; reminders stop until /start", item.patient_id)
            outcome.blocked.append(item.patient_id)
            return
        except RetryAfter as error:
            floods += 1
            result.flood_waits += 1
            seconds = retry_after_seconds(error)
            gate.hold(item.chat_id, seconds)
            if floods > MAX_FLOOD_WAITS:
                if item.record:
                    outcome.released.append(item.night_id)
                return
            continue
        except TimedOut:
            uncertain = True  # it may have arrived: any retry says so
            attempts += 1
        except BadRequest as error:
            if "chat not found" in str(error).lower():
                outcome.blocked.append(item.patient_id)
                return
            log.error("reminder for night %s refused: %s", item.night_id, error)
            result.failed += 1
            return  # left "sending": retried after the lease, missed at the cutoff
        except NetworkError as error:
            log.warning("reminder for night %s not sent: %s", item.night_id, error)
            attempts += 1
        else:
            outcome.delivered.append((item, message.message_id))
            return
        if attempts > settings.reminders.send_retries:
            if uncertain:
                result.uncertain += 1  # the claim stays; re-sent as a recovery after the lease
            elif item.record:
                outcome.released.append(item.night_id)
            return
        if stopping is not None and stopping():
            if uncertain:
                result.uncertain += 1
            else:
                _not_sent(item, outcome)
            return
        await sleep(min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** (attempts - 1)))


def _not_sent(item: Outgoing, outcome: _Sent) -> None:
    """The bot is stopping and this was not sent: a reminder is given back; a nudge (marked
    before it is sent) is dropped, since losing one is better than doubling it."""
    if item.kind in ("reminder", "recovery"):
        outcome.given_back.append(item)


async def reminder_tick(context: Any) -> None:
    """The JobQueue job: one dispatch at the services' clock, cut short once the application
    is stopping (`Application.stop()` clears `running`, then waits for running jobs)."""
    application = context.application
    if not application.running:
        return  # a tick that fires while the bot stops
    await dispatch_due(
        application, context.services.now(), should_stop=lambda: not application.running
    )


async def start_ticking(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At start-up: one repeating tick; the first soon, so reminders missed while the bot was
    down go out promptly."""
    job_queue = application.job_queue
    if job_queue is None:
        log.warning("no JobQueue: reminders will not be sent")
        return
    settings = services_of(application).settings
    job_queue.run_repeating(
        reminder_tick,
        interval=settings.reminders.tick_seconds,
        first=1.0,
        name="reminders",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )
