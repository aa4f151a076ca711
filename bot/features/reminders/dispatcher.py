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

Telegram errors are handled by the one send policy for every scheduled message
(`bot.features.care_plan.sending`): a patient who blocked the bot is marked blocked (nothing
more until /start); a 429 holds the chat and the send is retried, or the night is released
(due again at the next tick) when the hold is long; network errors are retried with backoff,
then the night is left for the next tick. The tick does the bookkeeping of what came back.

One `Tick` object holds what a tick shares (the time, the cutoff, the sender, the result).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup
from telegram.ext import Application

from bot.context import Services, services_of
from bot.domain.schedule import night_of
from bot.features.care_plan.sending import (
    Delivery,
    ScheduledSender,
    ShouldStop,
    Sleep,
)
from bot.features.reminders.compose import (
    Kind,
    dose_text,
    hold_for,
    render,
    reworded,
    where_tonight,
)
from bot.features.reminders.scheduling import NewNight, add_night, reminder_note, reschedule
from bot.i18n import use_language
from storage.models import Night, Patient, StepDecision
from storage.nights import MISSED, SENDING, NightRepository
from storage.screening import ScreeningRepository

log = logging.getLogger(__name__)

Claim = Literal["new", "released", "lease"]  # how the night came to be sent in this tick

BACKFILL_DAYS = 14  # nights missed while the bot was down are recorded this far back


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
    language: str | None = None  # the patient's: a recovery is reworded in it

    @property
    def recovery_text(self) -> str:
        if self.kind == "recovery":
            return self.text
        with use_language(self.language):
            return reworded(self.text, dose=self.dose, kind=self.kind)

    @property
    def is_reminder(self) -> bool:
        """A reminder (first or recovery) is given back when not sent; a nudge (snoozed,
        follow-up) was marked before it was sent, and is dropped: at most once."""
        return self.kind in ("reminder", "recovery")


@dataclass
class _Chunk:
    """What became of one chunk of sends, for its bookkeeping."""

    delivered: list[tuple[Outgoing, int]] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)
    released: list[int] = field(default_factory=list)
    given_back: list[Outgoing] = field(default_factory=list)  # not sent: the bot is stopping


def stats_of(services: Services) -> ReminderStats:
    stats = services.extras.get("reminder_stats")
    if stats is None:
        stats = services.extras["reminder_stats"] = ReminderStats()
    return stats  # type: ignore[no-any-return]


class Tick:
    """One dispatch at `now`: everything due is claimed, sent and recorded (see the module)."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        now: datetime,
        *,
        sleep: Sleep = asyncio.sleep,
        should_stop: ShouldStop | None = None,
    ) -> None:
        self.application = application
        self.services = services_of(application)
        self.settings = self.services.settings
        self.config = self.settings.reminders
        self.registry = self.services.registry
        self.now = now
        self.stopping: ShouldStop = should_stop or (lambda: False)
        self.sender = ScheduledSender(
            application.bot, self.services, sleep=sleep, stopping=self.stopping
        )
        self.cutoff_before = now - timedelta(hours=self.config.missed_after_hours)
        self.follow_up_after = timedelta(minutes=self.config.follow_up_after_minutes)
        self.backfill_floor = now - timedelta(days=BACKFILL_DAYS)
        self.result = DispatchResult()
        self._attempted: set[int] = set()  # leftovers tried in this tick

    async def run(self) -> DispatchResult:
        await self.services.db.run(self.tidy_up)
        # Leftovers from earlier ticks first; what fails in this tick waits for the next one.
        while not self.stopping():
            batch = await self.services.db.run(self.claim_leftovers)
            if not batch:
                break
            await self.send_and_record(batch)
            if len(batch) < self.config.claim_batch:
                break
        while not self.stopping():
            claimed = await self.services.db.run(self.claim_new)
            if claimed is None:
                break
            await self.send_and_record(claimed)
        if not self.stopping():
            # Nudges are marked before they are sent (at most once): no cutting short here.
            nudges, follow_ups = await self.services.db.run(self.claim_nudges)
            if nudges or follow_ups:
                await self.send_and_record(nudges + follow_ups)
                self.result.follow_ups += len(follow_ups)
        self.report()
        return self.result

    # ---------------------------------------------------------------- units of work

    def tidy_up(self, session: Session) -> None:
        """Pauses that are over end; open nights past the cutoff are missed; the lag."""
        repo = NightRepository(session)
        for patient in repo.pauses_over(now=self.now):
            patient.paused = False
            patient.paused_until = None
            reschedule(session, patient, self.now, self.registry)
            self.result.resumed += 1
        self.result.missed += repo.mark_missed(now=self.now, cutoff_before=self.cutoff_before)
        oldest = (
            session.query(Patient.next_reminder_at)
            .filter(
                Patient.next_reminder_at <= self.now,
                Patient.blocked_at.is_(None),
                Patient.paused.is_(False),
            )
            .order_by(Patient.next_reminder_at)
            .limit(1)
            .scalar()
        )
        if oldest is not None:
            self.result.lag_seconds = (self.now - oldest).total_seconds()

    def claim_leftovers(self, session: Session) -> list[Outgoing]:
        """Nights left "sending" by earlier ticks: released ones, and lost claims (sent again
        as a recovery)."""
        repo = NightRepository(session)
        unsent = repo.claim_unsent(
            now=self.now,
            lease_seconds=self.config.claim_lease_seconds,
            cutoff_before=self.cutoff_before,
            limit=self.config.claim_batch,
            exclude=self._attempted,
        )
        self._attempted.update(night.id for night, _, _ in unsent)
        decisions = repo.decisions_of(patient.id for _, patient, _ in unsent)
        batch = []
        for night, patient, recovery in unsent:
            item = self.outgoing(
                session,
                patient,
                night,
                "recovery" if recovery else "reminder",
                decisions=decisions.get(patient.id, []),
            )
            item.claim = "lease" if recovery else "released"
            batch.append(item)
            self.result.recoveries += recovery
        return batch

    def claim_new(self, session: Session) -> list[Outgoing] | None:
        """Claim a batch of due patients; their new nights, with the messages to send. None
        when nothing was due."""
        repo = NightRepository(session)
        patients = repo.claim_due_patients(now=self.now, limit=self.config.claim_batch)
        if not patients:
            return None
        ids = [p.id for p in patients]
        decisions = repo.decisions_of(ids)
        ScreeningRepository(session).preload(ids)  # the gate in reschedule, the caution note
        oldest_due = min(p.next_reminder_at for p in patients if p.next_reminder_at is not None)
        # Local dates are at most a day off UTC ones; nights never move backwards.
        since = min(oldest_due, self.backfill_floor).date() - timedelta(days=2)
        existing = repo.night_dates(ids, since=since)
        outgoing = []
        # One flush for the batch: gates and notes read the database (screening answers,
        # check-ins) but never the nights pending here.
        with session.no_autoflush:
            for patient in patients:
                with use_language(patient.language):  # the reminder note is worded here
                    claimed = self.claim_patient(
                        session, patient, decisions.get(patient.id, []), existing[patient.id]
                    )
                if claimed is not None:
                    outgoing.append((patient, *claimed))
        session.flush()  # the new nights get their ids, for the buttons
        return [self.reminder(patient, new, note) for patient, new, note in outgoing]

    def claim_patient(
        self,
        session: Session,
        patient: Patient,
        decisions: Sequence[StepDecision],
        nights: set[date],
    ) -> tuple[NewNight, str | None] | None:
        """Add the patient's due night (missed ones past the cutoff are recorded on the way)
        and move their next reminder on; the night to remind now and its note, or None."""
        zone = ZoneInfo(patient.timezone or "UTC")
        for _ in range(BACKFILL_DAYS + 2):
            due = patient.next_reminder_at
            if due is None or due > self.now:
                return None
            night_date = night_of(due, zone)
            if patient.start_date is None:
                patient.start_date = night_date  # the plan starts with the first reminder
            if night_date in nights:
                reschedule(
                    session, patient, due + timedelta(seconds=1), self.registry, nights=nights
                )
                continue
            nights.add(night_date)
            if due <= self.cutoff_before:
                add_night(
                    session,
                    patient,
                    night_date,
                    due_at=due,
                    outcome=MISSED,
                    now=self.now,
                    decisions=decisions,
                )
                self.result.missed += 1
                after = max(due + timedelta(seconds=1), self.backfill_floor)
                reschedule(session, patient, after, self.registry, nights=nights)
                continue
            new = add_night(
                session,
                patient,
                night_date,
                due_at=due,
                outcome=SENDING,
                now=self.now,
                decisions=decisions,
                follow_up_at=due + self.follow_up_after,
            )
            reschedule(session, patient, due + timedelta(seconds=1), self.registry, nights=nights)
            self.result.claimed += 1
            return new, reminder_note(session, patient, self.registry)
        return None

    def reminder(self, patient: Patient, new: NewNight, note: str | None) -> Outgoing:
        """Tonight's reminder for a night just claimed, in the patient's language."""
        with use_language(patient.language):
            message = render(
                patient=patient,
                night=new.night,
                where=new.where,
                hold=new.hold,
                settings=self.settings,
                note=note,
            )
            dose = dose_text(new.night.dose_mg, patient.form, patient.liquid_mg_per_ml)
        return Outgoing(
            new.night.id,
            patient.id,
            patient.chat_id,
            "reminder",
            message.text,
            dose,
            message.markup,
            language=patient.language,
        )

    def claim_nudges(self, session: Session) -> tuple[list[Outgoing], list[Outgoing]]:
        """(snoozed reminders due again, follow-ups due), marked as sent already."""
        repo = NightRepository(session)
        nudges = [
            self.outgoing(session, patient, night, "snoozed")
            for night, patient in repo.claim_snoozed(
                now=self.now,
                cutoff_before=self.cutoff_before,
                follow_up_after=self.follow_up_after,
                limit=self.config.claim_batch,
            )
        ]
        follow_ups = [
            self.outgoing(session, patient, night, "follow_up", record=False)
            for night, patient in repo.claim_follow_ups(
                now=self.now, cutoff_before=self.cutoff_before, limit=self.config.claim_batch
            )
        ]
        return nudges, follow_ups

    def outgoing(
        self,
        session: Session,
        patient: Patient,
        night: Night,
        kind: Kind,
        *,
        record: bool = True,
        decisions: Sequence[StepDecision] | None = None,
    ) -> Outgoing:
        """The message for an open night, as it reads now."""
        if decisions is None:
            decisions = NightRepository(session).decisions(patient.id)
        where = where_tonight(patient, night.local_date, decisions)
        hold = hold_for(session, patient, self.now) if where.offer is not None else None
        with use_language(patient.language):
            message = render(
                patient=patient,
                night=night,
                where=where,
                hold=hold,
                settings=self.settings,
                kind=kind,
            )
            dose = dose_text(night.dose_mg, patient.form, patient.liquid_mg_per_ml)
        return Outgoing(
            night.id,
            patient.id,
            patient.chat_id,
            kind,
            message.text,
            dose,
            message.markup,
            record,
            language=patient.language,
        )

    # ---------------------------------------------------------------- sending

    async def send_and_record(self, batch: Sequence[Outgoing]) -> None:
        """Send in chunks of `send_concurrency`, recording each chunk before the next; once
        stopping, give back what is left instead."""
        size = self.config.send_concurrency
        for start in range(0, len(batch), size):
            if self.stopping():
                await self.give_back(batch[start:])
                return
            chunk = batch[start : start + size]
            deliveries = await asyncio.gather(*(self.send(item) for item in chunk))
            done = _Chunk()
            for item, delivery in zip(chunk, deliveries, strict=True):
                self.file(item, delivery, done)
            await self.record(done)
            if done.given_back:
                await self.give_back(done.given_back)

    async def send(self, item: Outgoing) -> Delivery:
        return await self.sender.send(
            item.chat_id,
            item.text,
            item.markup,
            retry_text=item.recovery_text,
            what=f"{item.kind} for night {item.night_id}",
        )

    def file(self, item: Outgoing, delivery: Delivery, done: _Chunk) -> None:
        """The bookkeeping a delivery calls for, gathered for the chunk's one unit of work."""
        self.result.flood_waits += delivery.flood_waits
        match delivery.outcome:
            case "sent":
                assert delivery.message_id is not None
                done.delivered.append((item, delivery.message_id))
            case "blocked":
                log.info("patient %s blocked the bot; reminders stop until /start", item.patient_id)
                done.blocked.append(item.patient_id)
            case "retry":
                if item.record:
                    done.released.append(item.night_id)
            case "uncertain":
                self.result.uncertain += 1  # the claim stays; a recovery after the lease
            case "failed":
                self.result.failed += 1  # left "sending": retried after the lease
            case "stopped":
                if item.is_reminder:
                    done.given_back.append(item)

    async def record(self, done: _Chunk) -> None:
        delivered = [
            (item.night_id, message_id) for item, message_id in done.delivered if item.record
        ]
        blocked = sorted(set(done.blocked))

        def record(session: Session) -> None:
            repo = NightRepository(session)
            repo.record_sent(delivered, now=self.now)
            repo.release(done.released)
            repo.block(blocked, now=self.now)

        await self.services.db.run(record)
        self.result.sent += sum(1 for item, _ in done.delivered if item.kind != "follow_up")
        self.result.blocked += len(blocked)
        self.result.released += len(done.released)

    async def give_back(self, items: Sequence[Outgoing]) -> None:
        """The bot is stopping: claimed nights not sent are due again at once, for any
        replica. (Nudges were marked before sending: nothing to give back.)"""
        records = [item for item in items if item.record and item.is_reminder]

        def give_back(session: Session) -> None:
            repo = NightRepository(session)
            repo.unclaim([item.night_id for item in records if item.claim == "new"])
            repo.release([item.night_id for item in records if item.claim == "released"])
            repo.release_for_recovery(
                [item.night_id for item in records if item.claim == "lease"],
                now=self.now,
                lease_seconds=self.config.claim_lease_seconds,
            )

        await self.services.db.run(give_back)
        self.result.given_back += len(records)
        log.info("stopping: %d claimed reminders given back unsent", len(records))

    def report(self) -> None:
        stats = stats_of(self.services)
        stats.ticks += 1
        stats.total.add(self.result)
        stats.last = self.result
        stats.last_tick_at = self.now
        for listener in self.services.extras.get("reminder_listeners", ()):
            listener(self.result, self.now)
        metrics = self.services.extras.get("metrics")
        if metrics is not None and hasattr(metrics, "tick_done"):
            metrics.tick_done(self.now)


async def dispatch_due(
    application: Application[Any, Any, Any, Any, Any, Any],
    now: datetime,
    *,
    sleep: Sleep = asyncio.sleep,
    should_stop: ShouldStop | None = None,
) -> DispatchResult:
    """One tick: everything due at `now` is claimed, sent and recorded (or, once
    `should_stop()`, what was claimed and not sent is given back; see the module)."""
    return await Tick(application, now, sleep=sleep, should_stop=should_stop).run()


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
