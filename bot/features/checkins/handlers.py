"""Side-effect check-ins: sent on the mornings the cadence names (and with /checkin any time),
answered by taps in one message edited step by step, then answered with the guide's advice.

Due check-ins live in the database (`patients.next_checkin_at`, unsent `checkins` rows); a
JobQueue tick claims them, so none is sent twice or lost across a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.config import Settings
from bot.context import LdnContext
from bot.domain.adherence import hold_from_checkins
from bot.domain.checkins import next_checkin_at
from bot.domain.numbers import callback_number
from bot.domain.schedule import local_today
from bot.domain.side_effects import (
    SIDE_EFFECTS,
    Severity,
    effects_at_least,
    is_early_flare,
    reported_effects,
)
from bot.features.care_plan.planning import (
    REPLANS_PER_TICK,
    Delivery,
    Outgoing,
    cadence_of,
    check_settings_once,
    deliver_all,
    replan_changed,
)
from bot.features.chat.buttons import callback_args, callback_data
from bot.features.checkins import texts
from bot.registry import Registry
from storage.checkins import CheckinRepository
from storage.models import Checkin, Night, Patient
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

FEATURE = "checkin"
AWAITING_NOTE = "checkin:note"
# A scheduled check-in that could not go out within this long is dropped (the day moved on).
EXPIRES_AFTER = timedelta(hours=12)
NOTE_MAX_CHARS = 2000
MAX_DOSE_MG = 4.5  # the top of every plan: no next step to hold
BENEFIT_WINDOW_DAYS = 12 * 7
AUTOIMMUNE_BENEFIT_WINDOW_DAYS = 183


# ------------------------------------------------------------------------ the message


def _button(label: str, action: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=callback_data(FEATURE, action, *args))


def render(checkin: Checkin) -> tuple[str, InlineKeyboardMarkup | None]:
    """The check-in message as it stands: what's answered, then the next question."""
    answered = []
    for effect in SIDE_EFFECTS:
        value = getattr(checkin, effect.key)
        if value is not None:
            answered.append((effect.label, texts.SEVERITY_LABELS[value]))
    if checkin.symptom_score is not None:
        answered.append(("Symptom score", f"{checkin.symptom_score}/10"))
    head = [texts.OPENING]
    if answered:
        head += ["", texts.progress(answered)]
    if checkin.skipped_at is not None:
        return "\n".join([*head, "", texts.SKIPPED]), None
    if checkin.completed_at is not None:
        if checkin.note:
            head += [texts.NOTE_SAVED]
        return "\n".join(head), None
    skip = [_button(texts.SKIP, "skip", checkin.id)]
    for index, effect in enumerate(SIDE_EFFECTS):
        if getattr(checkin, effect.key) is None:
            labels = texts.SEVERITY_LABELS
            rows = [
                [_button(labels[s], "rate", checkin.id, index, s) for s in (0, 1)],
                [_button(labels[s], "rate", checkin.id, index, s) for s in (2, 3)],
                skip,
            ]
            text = "\n".join([*head, "", texts.QUESTIONS[effect.key]])
            return text, InlineKeyboardMarkup(rows)
    if checkin.symptom_score is None:
        rows = [
            [_button(str(n), "score", checkin.id, n) for n in range(0, 6)],
            [_button(str(n), "score", checkin.id, n) for n in range(6, 11)],
            skip,
        ]
        return "\n".join([*head, "", texts.SCORE_QUESTION]), InlineKeyboardMarkup(rows)
    rows = [
        [_button(texts.ADD_NOTE, "note", checkin.id), _button(texts.NO_NOTE, "done", checkin.id)]
    ]
    return "\n".join([*head, "", texts.NOTE_QUESTION]), InlineKeyboardMarkup(rows)


# ------------------------------------------------------------------------ the advice


def _days_on_ldn(patient: Patient, checkin: Checkin) -> int | None:
    if patient.start_date is None:
        return None
    return (checkin.local_date - patient.start_date).days


def _at_top_dose(session: Session, patient: Patient) -> bool:
    if patient.plan == "fixed":
        return True
    latest = session.scalar(
        select(Night.dose_mg)
        .where(Night.patient_id == patient.id)
        .order_by(Night.local_date.desc())
        .limit(1)
    )
    return latest is not None and float(latest) >= MAX_DOSE_MG


def replies_after(
    session: Session, patient: Patient, checkin: Checkin, emergency_number: str
) -> list[str]:
    """What the bot says once a check-in is complete: advice, the safety note for anything
    severe, and why a step up now waits."""
    reported = reported_effects(checkin)
    noticed = effects_at_least(reported, Severity.MILD)
    days = _days_on_ldn(patient, checkin)
    lines = [texts.THANKS if noticed else texts.ALL_CLEAR]
    for effect in noticed:
        key = effect.key
        if key == "symptom_flare":
            key = "symptom_flare_early" if is_early_flare(days) else "symptom_flare_later"
        lines += ["", texts.ADVICE[key]]
    repo = CheckinRepository(session)
    recent = repo.recent_completed(patient.id, limit=4)
    if checkin.symptom_score is not None:
        previous = next(
            (c.symptom_score for c in recent if c.id != checkin.id and c.symptom_score is not None),
            None,
        )
        lines += ["", texts.score_line(checkin.symptom_score, previous)]
    window = AUTOIMMUNE_BENEFIT_WINDOW_DAYS if patient.autoimmune else BENEFIT_WINDOW_DAYS
    if days is not None and days < window:
        lines += [
            "",
            texts.BENEFIT_TAKES_TIME_AUTOIMMUNE if patient.autoimmune else texts.BENEFIT_TAKES_TIME,
        ]
    lines += ["", texts.PRESCRIBER]
    replies = ["\n".join(lines)]
    severe = effects_at_least(reported, Severity.SEVERE)
    if severe:
        replies.append(texts.severe_note(severe, emergency_number))
    if effects_at_least(reported, Severity.MODERATE) and not _at_top_dose(session, patient):
        held = hold_from_checkins(recent, today=checkin.local_date)
        if held is not None:
            replies.append(texts.step_hold(held))
    return replies


# ------------------------------------------------------------------------ starting one


def _local_today(patient: Patient, now: datetime) -> date:
    return local_today(now, patient.timezone)


async def checkin_command(update: Update, context: LdnContext) -> None:
    """/checkin: a check-in now, whatever the schedule."""
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    services = context.services
    now = services.now()

    def start_checkin(session: Session) -> tuple[Checkin, str, InlineKeyboardMarkup | None] | None:
        patient = PatientRepository(session).find(chat.id)
        if patient is None or patient.setup_completed_at is None:
            return None
        patient.awaiting = None if patient.awaiting == AWAITING_NOTE else patient.awaiting
        checkin = CheckinRepository(session).start(
            patient.id, _local_today(patient, now), now=now, sent=True
        )
        return checkin, *render(checkin)

    started = await services.db.run(start_checkin)
    if started is None:
        await update.effective_message.reply_text(texts.NOT_SET_UP)
        return
    checkin, text, markup = started
    message = await update.effective_message.reply_text(text, reply_markup=markup)
    await services.db.run(
        lambda session: CheckinRepository(session).mark_sent(
            checkin.id, now=now, message_id=message.message_id
        )
    )


# ------------------------------------------------------------------------ the tick


async def checkin_tick(context: LdnContext) -> None:
    """Plan whoever's schedule changed, create the check-ins that are due, send the unsent."""
    services = context.services
    settings = services.settings
    now = services.now()
    batch = settings.reminders.claim_batch
    await check_settings_once(services)

    def claim(session: Session) -> list[Outgoing]:
        replan_changed(session, settings, now, limit=REPLANS_PER_TICK)
        repo = CheckinRepository(session)
        repo.expire_unsent(created_before=now - EXPIRES_AFTER, now=now)
        if settings.checkins.enabled:
            due = repo.claim_due_patients(now=now, limit=batch)
            step_ups = repo.step_up_days_of([p.id for p in due])
            for patient in due:
                _create_due(session, patient, settings, now, step_ups[patient.id])
        claimed = repo.claim_unsent(
            now=now, lease_seconds=settings.reminders.claim_lease_seconds, limit=batch
        )
        return [(c.id, chat_id, *render(c)) for c, chat_id in claimed]

    outgoing = await services.db.run(claim)
    if not outgoing:
        return
    await deliver_all(context, outgoing, _record_checkin_deliveries)


def _record_checkin_deliveries(
    session: Session, results: Sequence[tuple[int, Delivery]], now: datetime
) -> None:
    repo = CheckinRepository(session)
    repo.mark_sent_many(
        [(row_id, r.message_id) for row_id, r in results if r.message_id is not None], now=now
    )
    for checkin_id, result in results:
        if result.outcome == "retry":
            repo.release(checkin_id)
        elif result.outcome != "sent":
            checkin = session.get(Checkin, checkin_id)
            if checkin is not None:
                checkin.skipped_at = now


def _create_due(
    session: Session, patient: Patient, settings: Settings, now: datetime, step_ups: list[date]
) -> None:
    """Create the check-in that is due for this patient (written with the tick's next flush)
    and plan the next one."""
    due = patient.next_checkin_at
    assert due is not None
    if patient.timezone is None or patient.start_date is None:
        patient.next_checkin_at = None
        return
    zone = ZoneInfo(patient.timezone)
    day = due.astimezone(zone).date()
    repo = CheckinRepository(session)
    if now - due <= EXPIRES_AFTER and not patient.paused:
        repo.start(patient.id, day, now=now, flush=False)
    upcoming = next_checkin_at(
        now=now,
        zone=zone,
        at=settings.checkins.time,
        start_date=patient.start_date,
        step_ups=step_ups,
        cadence=cadence_of(settings),
        last_planned=day,
    )
    patient.next_checkin_at = upcoming[1] if upcoming else None


# ------------------------------------------------------------------------ the buttons


async def on_button(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None and query.data is not None
    action = query.data.split(":")[1]
    args = callback_args(query.data)
    # The check-in's id, then small numbers (an effect's index, a severity, a score).
    parsed = [callback_number(a, low=1 if i == 0 else 0) for i, a in enumerate(args)]
    numbers = [n for n in parsed if n is not None]
    if not numbers or len(numbers) != len(args):
        await query.answer()
        return
    checkin_id = numbers[0]
    chat_id = query.message.chat.id
    services = context.services
    now = services.now()

    def tap(session: Session) -> str | tuple[bool, str, InlineKeyboardMarkup | None, list[str]]:
        """(changed, the edited check-in, its buttons, replies), or the answer to a press
        that changes nothing ("" for a stale one)."""
        patient = PatientRepository(session).find(chat_id)
        checkin = CheckinRepository(session).find(checkin_id, patient.id) if patient else None
        if patient is None or checkin is None:
            return ""
        if checkin.completed_at is not None or checkin.skipped_at is not None:
            return texts.ALREADY_DONE
        changed = _apply(checkin, patient, action, numbers[1:], now)
        replies: list[str] = []
        if checkin.completed_at is not None:
            emergency = services.safety_numbers(patient.timezone).emergency
            replies = replies_after(session, patient, checkin, emergency)
        text, markup = render(checkin)
        if action == "note" and patient.awaiting == AWAITING_NOTE:
            text += "\n\n" + texts.ASK_FOR_NOTE
            markup = InlineKeyboardMarkup([[_button(texts.NO_NOTE, "done", checkin.id)]])
        return changed, text, markup, replies

    outcome = await services.db.run(tap)
    if isinstance(outcome, str):
        await query.answer(outcome or None)
        return
    changed, text, markup, replies = outcome
    # A stale press (a question answered already) changes nothing and says so.
    await query.answer(None if changed else texts.ALREADY_ANSWERED)
    if changed:
        await query.edit_message_text(text, reply_markup=markup)
    for reply in replies:
        await context.bot.send_message(chat_id, reply)


def _apply(checkin: Checkin, patient: Patient, action: str, args: list[int], now: datetime) -> bool:
    """Save one tap on the check-in; False when it was a stale or malformed press."""
    if action == "rate" and len(args) == 2:
        index, severity = args
        pending = [e for e in SIDE_EFFECTS if getattr(checkin, e.key) is None]
        if not pending or not 0 <= index < len(SIDE_EFFECTS) or severity not in range(4):
            return False
        if SIDE_EFFECTS[index] != pending[0]:
            return False  # an older button for a question already answered
        setattr(checkin, SIDE_EFFECTS[index].key, severity)
        return True
    if action == "score" and len(args) == 1 and 0 <= args[0] <= 10:
        if checkin.symptom_score is not None or checkin.symptom_flare is None:
            return False
        checkin.symptom_score = args[0]
        return True
    if action in ("note", "done") and checkin.symptom_score is not None:
        if action == "note":
            patient.awaiting = AWAITING_NOTE
        else:
            patient.awaiting = None if patient.awaiting == AWAITING_NOTE else patient.awaiting
            checkin.completed_at = now
        return True
    if action == "skip":
        checkin.skipped_at = now
        return True
    return False


async def on_note(update: Update, context: LdnContext, text: str) -> None:
    """The typed note of a check-in (safety triage has already looked at it)."""
    chat = update.effective_chat
    assert chat is not None and update.effective_message is not None
    services = context.services
    now = services.now()

    def save_note(session: Session) -> tuple[int | None, str, list[str]] | bool:
        """(the check-in's message, its new text, the replies); False: no check-in waits
        for a note; True: no patient."""
        patient = PatientRepository(session).find(chat.id)
        if patient is None:
            return True
        patient.awaiting = None
        checkin = CheckinRepository(session).awaiting_note(patient.id)
        if checkin is None:
            return False
        checkin.note = text.replace("\x00", "")[:NOTE_MAX_CHARS]  # PostgreSQL refuses NUL
        checkin.completed_at = now
        emergency = services.safety_numbers(patient.timezone).emergency
        replies = [texts.NOTE_SAVED, *replies_after(session, patient, checkin, emergency)]
        return checkin.message_id, render(checkin)[0], replies

    saved = await services.db.run(save_note)
    if saved is True:
        return
    if saved is False:
        await update.effective_message.reply_text(texts.NOTHING_TO_NOTE)
        return
    message_id, edited, replies = saved
    if message_id is not None:
        try:
            await context.bot.edit_message_text(edited, chat_id=chat.id, message_id=message_id)
        except Exception:  # the old message may be gone; the note is saved either way
            log.debug("could not update the check-in message")
    for reply in replies:
        await update.effective_message.reply_text(reply)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("checkin", checkin_command))
    application.add_handler(
        CallbackQueryHandler(on_button, pattern=r"^checkin:(rate|score|note|done|skip):")
    )
    registry.when_awaiting(AWAITING_NOTE, on_note, also_after_safety_message=True)
    assert application.job_queue is not None
    interval = application.bot_data["services"].settings.reminders.tick_seconds
    application.job_queue.run_repeating(
        checkin_tick, interval=interval, first=interval, name="checkins"
    )
