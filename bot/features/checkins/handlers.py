"""Side-effect check-ins: sent on the mornings the cadence names (and with /checkin any time),
answered by taps in one message edited step by step, then answered with the guide's advice.

Due check-ins live in the database (`patients.next_checkin_at`, unsent `checkins` rows); a
JobQueue tick claims them, so none is sent twice or lost across a restart.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import Buttons
from bot.config import Settings
from bot.context import LdnContext, Services
from bot.domain.adherence import hold_from_checkins
from bot.domain.checkins import next_checkin_at
from bot.domain.numbers import LARGEST_ID
from bot.domain.schedule import local_today
from bot.domain.setting_answers import looks_like_a_question
from bot.domain.side_effects import (
    SIDE_EFFECTS,
    Severity,
    effects_at_least,
    is_early_flare,
    reported_effects,
)
from bot.domain.typed_answers import (
    YesNo,
    asks_to_skip,
    read_score,
    read_severity,
    read_yes_no,
    says_nothing_more,
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
from bot.features.chat import free_text
from bot.features.chat.texts import expired
from bot.features.checkins import texts
from bot.i18n import use_language
from bot.registry import Registry
from storage.checkins import CheckinRepository
from storage.models import Checkin, Night, Patient
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

BUTTONS = Buttons("checkin")
RATE = BUTTONS.action("rate", int, int, int)  # check-in id, effect index, severity
SCORE = BUTTONS.action("score", int, int)  # check-in id, score
NOTE = BUTTONS.action("note", int)  # check-in id
DONE = BUTTONS.action("done", int)
SKIP = BUTTONS.action("skip", int)

AWAITING_NOTE = "checkin:note"
# A check-in was sent and is not answered yet: typed words are read as its answers.
AWAITING_ANSWER = "checkin:answer"
# A scheduled check-in that could not go out within this long is dropped (the day moved on).
EXPIRES_AFTER = timedelta(hours=12)
# Typed words are read as the answers of a check-in sent within this long (the morning's, until
# the evening); an older one is let go, and the words go to the FAQ.
ANSWERED_BY_TYPING_WITHIN = timedelta(hours=12)
NOTE_MAX_CHARS = 2000
MAX_DOSE_MG = 4.5  # the top of every plan: no next step to hold
BENEFIT_WINDOW_DAYS = 12 * 7
AUTOIMMUNE_BENEFIT_WINDOW_DAYS = 183


# ------------------------------------------------------------------------ the message


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def render(checkin: Checkin) -> tuple[str, InlineKeyboardMarkup | None]:
    """The check-in message as it stands: what's answered, then the next question."""
    answered = []
    for effect in SIDE_EFFECTS:
        value = getattr(checkin, effect.key)
        if value is not None:
            answered.append((texts.effect_label(effect.key), texts.severity_label(value)))
    if checkin.symptom_score is not None:
        answered.append((texts.symptom_score_label(), texts.out_of_ten(checkin.symptom_score)))
    head = [texts.opening()]
    if answered:
        head += ["", texts.progress(answered)]
    if checkin.skipped_at is not None:
        return "\n".join([*head, "", texts.skipped()]), None
    if checkin.completed_at is not None:
        if checkin.note:
            head += [texts.note_saved()]
        return "\n".join(head), None
    skip = [_button(texts.skip(), SKIP.data(checkin.id))]
    for index, effect in enumerate(SIDE_EFFECTS):
        if getattr(checkin, effect.key) is None:

            def rate(s: int, index: int = index) -> InlineKeyboardButton:
                return _button(texts.severity_label(s), RATE.data(checkin.id, index, s))

            rows = [[rate(0), rate(1)], [rate(2), rate(3)], skip]
            text = "\n".join([*head, "", texts.question(effect.key)])
            return text, InlineKeyboardMarkup(rows)
    if checkin.symptom_score is None:
        rows = [
            [_button(str(n), SCORE.data(checkin.id, n)) for n in range(0, 6)],
            [_button(str(n), SCORE.data(checkin.id, n)) for n in range(6, 11)],
            skip,
        ]
        return "\n".join([*head, "", texts.score_question()]), InlineKeyboardMarkup(rows)
    rows = [
        [
            _button(texts.add_note(), NOTE.data(checkin.id)),
            _button(texts.no_note(), DONE.data(checkin.id)),
        ]
    ]
    return "\n".join([*head, "", texts.note_question()]), InlineKeyboardMarkup(rows)


def _asking_for_note(checkin: Checkin) -> tuple[str, InlineKeyboardMarkup]:
    """The check-in while its note is being typed: only "No note" is left to tap."""
    text, _markup = render(checkin)
    markup = InlineKeyboardMarkup([[_button(texts.no_note(), DONE.data(checkin.id))]])
    return f"{text}\n\n{texts.ask_for_note()}", markup


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
    lines = [texts.thanks() if noticed else texts.all_clear()]
    for effect in noticed:
        key = effect.key
        if key == "symptom_flare":
            key = "symptom_flare_early" if is_early_flare(days) else "symptom_flare_later"
        lines += ["", texts.advice(key)]
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
        lines += ["", texts.benefit_takes_time(autoimmune=bool(patient.autoimmune))]
    lines += ["", texts.prescriber()]
    replies = ["\n".join(lines)]
    severe = effects_at_least(reported, Severity.SEVERE)
    if severe:
        replies.append(texts.severe_note([e.key for e in severe], emergency_number))
    if effects_at_least(reported, Severity.MODERATE) and not _at_top_dose(session, patient):
        held = hold_from_checkins(recent, today=checkin.local_date)
        if held is not None:
            replies.append(texts.step_hold(held.key))
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
        if patient.awaiting in (None, AWAITING_NOTE, AWAITING_ANSWER):
            patient.awaiting = AWAITING_ANSWER
        checkin = CheckinRepository(session).start(
            patient.id, _local_today(patient, now), now=now, sent=True
        )
        return checkin, *render(checkin)

    started = await services.db.run(start_checkin)
    if started is None:
        await update.effective_message.reply_text(texts.not_set_up())
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
        languages = PatientRepository(session).languages(chat_id for _, chat_id in claimed)
        outgoing: list[Outgoing] = []
        for c, chat_id in claimed:
            with use_language(languages.get(chat_id)):  # in the patient's language
                outgoing.append((c.id, chat_id, *render(c)))
        return outgoing

    outgoing = await services.db.run(claim)
    if not outgoing:
        return
    await deliver_all(context, outgoing, _record_checkin_deliveries)


def _record_checkin_deliveries(
    session: Session, results: Sequence[tuple[int, Delivery]], now: datetime
) -> None:
    repo = CheckinRepository(session)
    sent = [(row_id, r.message_id) for row_id, r in results if r.message_id is not None]
    repo.mark_sent_many(sent, now=now)
    repo.await_answers([row_id for row_id, _message_id in sent], AWAITING_ANSWER)
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


def _valid_id(checkin_id: int) -> bool:
    return 1 <= checkin_id <= LARGEST_ID


async def on_rate(update: Update, context: LdnContext) -> None:
    read = RATE.read(update.callback_query.data if update.callback_query else None)
    await _press(update, context, "rate", read)


async def on_score(update: Update, context: LdnContext) -> None:
    read = SCORE.read(update.callback_query.data if update.callback_query else None)
    await _press(update, context, "score", read)


async def on_note_button(update: Update, context: LdnContext) -> None:
    read = NOTE.read(update.callback_query.data if update.callback_query else None)
    await _press(update, context, "note", read)


async def on_done(update: Update, context: LdnContext) -> None:
    read = DONE.read(update.callback_query.data if update.callback_query else None)
    await _press(update, context, "done", read)


async def on_skip(update: Update, context: LdnContext) -> None:
    read = SKIP.read(update.callback_query.data if update.callback_query else None)
    await _press(update, context, "skip", read)


async def _press(
    update: Update, context: LdnContext, action: str, read: tuple[int, ...] | None
) -> None:
    """One tap on a check-in: the check-in's id, then small numbers (an effect's index, a
    severity, a score)."""
    query = update.callback_query
    assert query is not None and query.message is not None
    if read is None or not _valid_id(read[0]) or any(n < 0 for n in read[1:]):
        await query.answer(expired())
        return
    checkin_id, *numbers = read
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
            return texts.already_done()
        changed = _apply(checkin, patient, action, numbers, now)
        replies = _replies_if_complete(session, services, patient, checkin)
        if action == "note" and patient.awaiting == AWAITING_NOTE:
            text, markup = _asking_for_note(checkin)
            return changed, text, markup, replies
        return changed, *render(checkin), replies

    outcome = await services.db.run(tap)
    if isinstance(outcome, str):
        await query.answer(outcome or None)
        return
    changed, text, markup, replies = outcome
    # A stale press (a question answered already) changes nothing and says so.
    await query.answer(None if changed else texts.already_answered())
    if changed:
        await query.edit_message_text(text, reply_markup=markup)
    for reply in replies:
        await context.bot.send_message(chat_id, reply)


def _replies_if_complete(
    session: Session, services: Services, patient: Patient, checkin: Checkin
) -> list[str]:
    """The advice once the check-in is complete (none before)."""
    if checkin.completed_at is None:
        return []
    emergency = services.safety_numbers(patient.timezone).emergency
    return replies_after(session, patient, checkin, emergency)


def _stop_waiting(patient: Patient) -> None:
    if patient.awaiting in (AWAITING_ANSWER, AWAITING_NOTE):
        patient.awaiting = None


def _apply(checkin: Checkin, patient: Patient, action: str, args: list[int], now: datetime) -> bool:
    """Save one answer to the check-in; False when it was a stale or malformed press."""
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
            _stop_waiting(patient)
            checkin.completed_at = now
        return True
    if action == "skip":
        _stop_waiting(patient)
        checkin.skipped_at = now
        return True
    return False


# ------------------------------------------------------------------------ typed answers


Markup = InlineKeyboardMarkup | None
# (the check-in's message, its new text and buttons, the replies to send after it)
Edit = tuple[int | None, str, Markup, list[str]]


def _typed_action(checkin: Checkin, typed: str) -> tuple[str, list[int]] | None:
    """What words typed while the check-in waits mean, as the button they stand for
    ("note_text": they are the note); None when unclear."""
    pending = [i for i, e in enumerate(SIDE_EFFECTS) if getattr(checkin, e.key) is None]
    at_note = not pending and checkin.symptom_score is not None
    if asks_to_skip(typed):
        return ("done", []) if at_note else ("skip", [])
    if pending:
        severity = read_severity(typed)
        return None if severity is None else ("rate", [pending[0], int(severity)])
    if checkin.symptom_score is None:
        score = read_score(typed)
        return None if score is None else ("score", [score])
    if says_nothing_more(typed):
        return "done", []
    if read_yes_no(typed, unsure_allowed=False) is YesNo.YES:
        return "note", []
    return "note_text", []


def _open_checkin(session: Session, patient: Patient, now: datetime) -> Checkin | None:
    checkin = CheckinRepository(session).open_checkin(patient.id)
    if checkin is None or checkin.sent_at is None:
        return None
    return checkin if now - checkin.sent_at <= ANSWERED_BY_TYPING_WITHIN else None


async def on_typed_answer(update: Update, context: LdnContext, text: str) -> None:
    """Words typed while a check-in question waits: "nope", "mild", "6" answer it; a question
    goes to the FAQ and anything unclear asks again — either way the check-in is sent again
    with its buttons, so it never scrolls away unanswered."""
    chat = update.effective_chat
    assert chat is not None
    services = context.services
    now = services.now()
    if looks_like_a_question(text):
        still_open = await _still_open(context, chat.id)
        await free_text.answer_as_free_text(update, context, text)
        if still_open:
            await _ask_again(context, chat.id, texts.still_waiting())
        return

    def answer(
        session: Session,
    ) -> str | tuple[int | None, str, InlineKeyboardMarkup | None, list[str]]:
        """(the check-in's message, its new text and buttons, the replies), or what to do
        instead: "faq" (no check-in waits), "unclear", "" (no patient)."""
        patient = PatientRepository(session).find(chat.id)
        if patient is None:
            return ""
        checkin = _open_checkin(session, patient, now)
        if checkin is None:
            _stop_waiting(patient)
            return "faq"
        typed = _typed_action(checkin, text)
        if typed is None:
            return "unclear"
        action, numbers = typed
        if action == "note_text":
            checkin.note = _cleaned_note(text)
            action = "done"
        _apply(checkin, patient, action, numbers, now)
        replies = _replies_if_complete(session, services, patient, checkin)
        edited, markup = _asking_for_note(checkin) if action == "note" else render(checkin)
        return checkin.message_id, edited, markup, replies

    outcome = await services.db.run(answer)
    if outcome == "faq":
        await free_text.answer_as_free_text(update, context, text)
        return
    if outcome == "unclear":
        await _ask_again(context, chat.id, texts.typed_unclear())
        return
    if isinstance(outcome, str):
        return
    message_id, edited, markup, replies = outcome
    await _show(context, chat.id, message_id, edited, markup)
    for reply in replies:
        await context.bot.send_message(chat.id, reply)


async def _still_open(context: LdnContext, chat_id: int) -> bool:
    now = context.services.now()

    def still_open(session: Session) -> bool:
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return False
        if _open_checkin(session, patient, now) is None:
            _stop_waiting(patient)
            return False
        return True

    return await context.services.db.run(still_open)


async def _show(
    context: LdnContext,
    chat_id: int,
    message_id: int | None,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """Edit the check-in's message into `text` (a new message if it cannot be edited)."""
    if message_id is not None:
        try:
            await context.bot.edit_message_text(
                text, chat_id=chat_id, message_id=message_id, reply_markup=markup
            )
            return
        except BadRequest:
            log.debug("could not edit the check-in message; sending it again")
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def _ask_again(context: LdnContext, chat_id: int, lead: str) -> None:
    """Send the open check-in again, as it stands, after `lead`; only the new copy keeps the
    buttons, and later answers edit it."""
    now = context.services.now()

    def current(
        session: Session,
    ) -> tuple[int, int | None, str, InlineKeyboardMarkup | None] | None:
        patient = PatientRepository(session).find(chat_id)
        checkin = _open_checkin(session, patient, now) if patient is not None else None
        if patient is None or checkin is None:
            return None
        noting = patient.awaiting == AWAITING_NOTE
        text, markup = _asking_for_note(checkin) if noting else render(checkin)
        return checkin.id, checkin.message_id, text, markup

    found = await context.services.db.run(current)
    if found is None:
        return
    checkin_id, old_message_id, text, markup = found
    sent = await context.bot.send_message(chat_id, f"{lead}\n\n{text}", reply_markup=markup)
    if old_message_id is not None:
        with contextlib.suppress(BadRequest):
            await context.bot.edit_message_reply_markup(
                chat_id=chat_id, message_id=old_message_id, reply_markup=None
            )
    await context.services.db.run(
        lambda session: CheckinRepository(session).mark_sent(
            checkin_id, now=now, message_id=sent.message_id
        )
    )


def _cleaned_note(text: str) -> str:
    return text.replace("\x00", "")[:NOTE_MAX_CHARS]  # PostgreSQL refuses NUL


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
        checkin.note = _cleaned_note(text)
        checkin.completed_at = now
        replies = _replies_if_complete(session, services, patient, checkin)
        return checkin.message_id, render(checkin)[0], replies

    saved = await services.db.run(save_note)
    if saved is True:
        return
    if saved is False:
        await update.effective_message.reply_text(texts.nothing_to_note())
        return
    message_id, edited, replies = saved
    # The edited check-in says "Note saved."; only when it cannot be edited is it said apart.
    shown = False
    if message_id is not None:
        try:
            await context.bot.edit_message_text(edited, chat_id=chat.id, message_id=message_id)
            shown = True
        except Exception:  # the old message may be gone; the note is saved either way
            log.debug("could not update the check-in message")
    if not shown:
        replies = [texts.note_saved(), *replies]
    for reply in replies:
        await update.effective_message.reply_text(reply)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("checkin", checkin_command))
    application.add_handler(CallbackQueryHandler(on_rate, pattern=RATE.pattern))
    application.add_handler(CallbackQueryHandler(on_score, pattern=SCORE.pattern))
    application.add_handler(CallbackQueryHandler(on_note_button, pattern=NOTE.pattern))
    application.add_handler(CallbackQueryHandler(on_done, pattern=DONE.pattern))
    application.add_handler(CallbackQueryHandler(on_skip, pattern=SKIP.pattern))
    registry.when_awaiting(AWAITING_NOTE, on_note, also_after_safety_message=True)
    registry.when_awaiting(AWAITING_ANSWER, on_typed_answer)
    assert application.job_queue is not None
    interval = application.bot_data["services"].settings.reminders.tick_seconds
    application.job_queue.run_repeating(
        checkin_tick, interval=interval, first=interval, name="checkins"
    )
