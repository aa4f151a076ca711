"""Caregivers: a patient invites a family member with a one-time link
(`t.me/<bot>?start=cg_<token>`, expiring, single use); the caregiver, in their own private
chat, gets a short message when a night goes unrecorded past the cutoff and can see the
patient's recent nights (check-in answers only when the patient allows it; notes never).

The patient sees and removes caregivers with /caregivers; a caregiver sees and leaves with
/caring. Every press names a link id and is checked against the pressing chat: the patient's
own links on the patient's side, links where the chat is the caregiver on the caregiver's
side, so nobody reaches another patient's record.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, filters

from bot.context import LdnContext, services_of
from bot.features.caregivers import texts
from bot.features.caregivers.buttons import INVITE, LEAVE, REMOVE, SHARE, VIEW
from bot.registry import Registry
from storage.caregivers import CaregiverRepository, CaregiverView, MissedNights
from storage.models import CaregiverLink, Checkin, Patient
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

INVITE_PREFIX = "cg_"
INVITE_VALID_HOURS = 48
VIEW_NIGHTS = 7
DECIDED = ("taken", "skipped", "missed")
EFFECTS = ("vivid_dreams", "sleep_disturbance", "nausea", "symptom_flare")


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def invitation_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={INVITE_PREFIX}{token}"


async def _tell(context: LdnContext, chat_id: int | None, text: str) -> None:
    """A message to the other side of a link; a blocked or gone chat is not an error here."""
    if chat_id is None:
        return
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as error:
        log.info("could not tell the other side of a caregiver link: %s", type(error).__name__)


# ------------------------------------------------------------------ the patient's side


@dataclass(frozen=True)
class Panel:
    text: str
    markup: InlineKeyboardMarkup


def _panel(session: Session, chat_id: int, now: datetime) -> Panel | None:
    """The patient's caregivers and open invitations, with their buttons."""
    patient = PatientRepository(session).find(chat_id)
    if patient is None:
        return None
    zone = _zone(patient.timezone)
    links = CaregiverRepository(session).of_patient(patient.id, now=now)
    lines = [texts.caregivers_intro(), ""]
    rows: list[list[InlineKeyboardButton]] = []
    if not links:
        lines.append(texts.no_caregivers())
    else:
        lines.append(texts.caregivers_heading())
    for link in links:
        if link.accepted_at is None:
            lines.append(texts.pending_line(link.expires_at.astimezone(zone)))
            rows.append(
                [
                    InlineKeyboardButton(
                        texts.cancel_invitation_button(), callback_data=REMOVE.data(link.id)
                    )
                ]
            )
            continue
        name = link.caregiver_name
        since = link.accepted_at.astimezone(zone).date()
        lines.append(texts.caregiver_line(name, since, link.shares_checkins))
        share = (
            InlineKeyboardButton(texts.unshare_button(name), callback_data=SHARE.data(link.id, 0))
            if link.shares_checkins
            else InlineKeyboardButton(
                texts.share_button(name), callback_data=SHARE.data(link.id, 1)
            )
        )
        rows.append([share])
        rows.append(
            [InlineKeyboardButton(texts.remove_button(name), callback_data=REMOVE.data(link.id))]
        )
    rows.append([InlineKeyboardButton(texts.invite_button(), callback_data=INVITE.data())])
    return Panel("\n".join(lines), InlineKeyboardMarkup(rows))


async def show_caregivers(update: Update, context: LdnContext) -> None:
    """/caregivers: who follows the patient's nights, and the buttons to change it."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None
    now = context.services.now()
    panel = await context.services.db.run(lambda session: _panel(session, chat.id, now))
    if panel is None:
        await message.reply_text(texts.not_set_up())
        return
    await message.reply_text(panel.text, reply_markup=panel.markup)


async def invite(update: Update, context: LdnContext) -> None:
    """The invite button: a new one-time link, sent to the patient to pass on."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    user = update.effective_user
    name = user.first_name if user is not None else None
    now = context.services.now()

    def make(session: Session) -> str | None:
        patient = PatientRepository(session).find(chat_id)
        if patient is None:
            return None
        return CaregiverRepository(session).invite(
            patient, name=name, now=now, valid_for=timedelta(hours=INVITE_VALID_HOURS)
        )

    token = await context.services.db.run(make)
    if token is None:
        await query.answer(texts.expired(), show_alert=True)
        return
    await query.answer()
    link = invitation_link(context.bot.username, token)
    await context.bot.send_message(chat_id, texts.invitation(link, INVITE_VALID_HOURS))


async def remove(update: Update, context: LdnContext) -> None:
    """Remove a caregiver, or cancel an open invitation; the caregiver is told."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    args = REMOVE.read(query.data)
    now = context.services.now()

    def drop(session: Session) -> tuple[CaregiverLink, Panel | None] | None:
        patient = PatientRepository(session).find(chat_id)
        if patient is None or args is None:
            return None
        repo = CaregiverRepository(session)
        link = repo.patients_link(patient.id, args[0])
        if link is None:
            return None
        repo.remove(link)
        return link, _panel(session, chat_id, now)

    done = await context.services.db.run(drop)
    if done is None:
        await _expired(update)
        return
    link, panel = done
    await query.answer()
    if link.accepted_at is None:
        said = texts.invitation_cancelled()
    else:
        said = texts.removed(link.caregiver_name)
        await _tell(context, link.caregiver_chat_id, texts.removed_by_patient(link.patient_name))
    await _edit(update, said, panel)


async def share(update: Update, context: LdnContext) -> None:
    """Show or hide the patient's check-in answers to one caregiver."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    args = SHARE.read(query.data)
    now = context.services.now()

    def change(session: Session) -> tuple[str, Panel | None] | None:
        patient = PatientRepository(session).find(chat_id)
        if patient is None or args is None or args[1] not in (0, 1):
            return None
        link = CaregiverRepository(session).patients_link(patient.id, args[0])
        if link is None or link.accepted_at is None:
            return None
        link.shares_checkins = bool(args[1])
        session.flush()
        name = link.caregiver_name
        said = texts.sharing_on(name) if link.shares_checkins else texts.sharing_off(name)
        return said, _panel(session, chat_id, now)

    done = await context.services.db.run(change)
    if done is None:
        await _expired(update)
        return
    await query.answer()
    await _edit(update, *done)


async def _edit(update: Update, said: str, panel: Panel | None) -> None:
    query = update.callback_query
    assert query is not None
    if panel is None:
        await query.edit_message_text(said)
        return
    await query.edit_message_text(f"{said}\n\n{panel.text}", reply_markup=panel.markup)


async def _expired(update: Update) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(texts.expired(), show_alert=True)
    with contextlib.suppress(BadRequest):  # already without buttons
        await query.edit_message_reply_markup(None)


# ------------------------------------------------------------------ the caregiver's side


async def accept(update: Update, context: LdnContext) -> None:
    """`/start cg_<token>` in the caregiver's chat: the invitation becomes a link (once)."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None and message.text is not None
    token = message.text.split(maxsplit=1)[1].removeprefix(INVITE_PREFIX)
    user = update.effective_user
    name = user.first_name if user is not None else None
    now = context.services.now()

    def open_invitation(session: Session) -> tuple[str, str | None, str | None, int | None]:
        found = CaregiverRepository(session).accept(
            token, caregiver_chat_id=chat.id, name=name, now=now
        )
        link = found.link
        if link is None:
            return found.outcome, None, None, None
        return found.outcome, link.patient_name, link.caregiver_name, found.patient_chat_id

    outcome, patient, caregiver, patient_chat = await context.services.db.run(open_invitation)
    if outcome == "invalid":
        await message.reply_text(texts.invitation_invalid())
    elif outcome == "own":
        await message.reply_text(texts.own_invitation())
    elif outcome == "already":
        await message.reply_text(texts.already_following(patient))
    else:
        log.info("a caregiver accepted an invitation")
        await message.reply_text(texts.welcome_caregiver(patient))
        await _tell(context, patient_chat, texts.caregiver_joined(caregiver))


async def show_following(update: Update, context: LdnContext) -> None:
    """/caring: the patients this chat follows, each with their nights and a way out."""
    chat, message = update.effective_chat, update.effective_message
    assert chat is not None and message is not None

    def following(session: Session) -> list[tuple[int, str | None, date]]:
        repo = CaregiverRepository(session)
        rows = []
        for link in repo.followed_by(chat.id):
            assert link.accepted_at is not None
            zone = _zone(session.get_one(Patient, link.patient_id).timezone)
            rows.append((link.id, link.patient_name, link.accepted_at.astimezone(zone).date()))
        return rows

    rows = await context.services.db.run(following)
    if not rows:
        await message.reply_text(texts.not_following())
        return
    lines = [texts.following_heading()]
    buttons = []
    for link_id, patient, since in rows:
        lines.append(texts.following_line(patient, since))
        buttons.append(
            [InlineKeyboardButton(texts.view_button(patient), callback_data=VIEW.data(link_id))]
        )
        buttons.append(
            [InlineKeyboardButton(texts.leave_button(patient), callback_data=LEAVE.data(link_id))]
        )
    await message.reply_text("\n".join(lines), reply_markup=InlineKeyboardMarkup(buttons))


def render_view(view: CaregiverView, today: date) -> str:
    """The patient's recent nights as a caregiver reads them (no doses, no notes)."""
    name = view.link.patient_name
    lines = [texts.nights_heading(name)]
    by_date = {night.local_date: night.outcome for night in view.nights}
    decided = [outcome for outcome in by_date.values() if outcome in DECIDED]
    if not by_date:
        lines.append(texts.no_nights_yet())
    for offset in range(VIEW_NIGHTS):
        day = today - timedelta(days=offset)
        if day in by_date or (by_date and day > min(by_date)):
            lines.append(texts.night_line(day, by_date.get(day, "")))
    if decided:
        lines += ["", texts.taken_summary(decided.count("taken"), len(decided))]
    lines.append("")
    if view.link.shares_checkins and view.checkin is not None:
        lines += _checkin_lines(view.checkin)
    elif not view.link.shares_checkins:
        lines.append(texts.checkins_private())
    return "\n".join(lines).rstrip()


def _checkin_lines(checkin: Checkin) -> list[str]:
    lines = [texts.checkin_heading(checkin.local_date)]
    for effect in EFFECTS:
        severity = getattr(checkin, effect)
        if severity is not None:
            lines.append(texts.effect_line(effect, severity))
    if checkin.symptom_score is not None:
        lines.append(texts.score_line(checkin.symptom_score))
    return lines  # the note is the patient's own: never shown


async def view_nights(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    args = VIEW.read(query.data)
    now = context.services.now()

    def look(session: Session) -> str | None:
        if args is None:
            return None
        repo = CaregiverRepository(session)
        link = repo.caregivers_link(chat_id, args[0])
        if link is None:
            return None
        zone = _zone(session.get_one(Patient, link.patient_id).timezone)
        today = now.astimezone(zone).date()
        view = repo.view(link, since=today - timedelta(days=VIEW_NIGHTS - 1))
        return render_view(view, today)

    text = await context.services.db.run(look)
    if text is None:
        await _expired(update)
        return
    await query.answer()
    await context.bot.send_message(chat_id, text)


async def leave(update: Update, context: LdnContext) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    args = LEAVE.read(query.data)

    def go(session: Session) -> tuple[CaregiverLink, int | None] | None:
        if args is None:
            return None
        repo = CaregiverRepository(session)
        link = repo.caregivers_link(chat_id, args[0])
        if link is None:
            return None
        patient_chat = repo.chat_of_patient(link)
        repo.remove(link)
        return link, patient_chat

    done = await context.services.db.run(go)
    if done is None:
        await _expired(update)
        return
    link, patient_chat = done
    await query.answer()
    await query.edit_message_text(texts.stopped_following(link.patient_name))
    await _tell(context, patient_chat, texts.caregiver_left(link.caregiver_name))


# ------------------------------------------------------------------ missed nights


async def tell_caregivers(context: LdnContext) -> None:
    """The tick: each caregiver hears once about nights recorded as missed since they were
    last told (the reminder tick records a night missed at its cutoff); invitations past
    their time are erased."""
    application = context.application
    if not application.running:
        return
    services = context.services
    now = services.now()

    def claim(session: Session) -> list[MissedNights]:
        repo = CaregiverRepository(session)
        repo.forget_expired_invitations(now=now)
        return repo.claim_missed(now=now)

    told = await services.db.run(claim)
    for notice in told:
        try:
            await context.bot.send_message(
                notice.caregiver_chat_id,
                texts.missed_notice(notice.patient_name, notice.local_dates),
                reply_markup=InlineKeyboardMarkup(
                    [
                        [
                            InlineKeyboardButton(
                                texts.view_button(notice.patient_name),
                                callback_data=VIEW.data(notice.link_id),
                            )
                        ]
                    ]
                ),
            )
        except TelegramError as error:  # told at most once: a lost notice is not retried
            log.info("a caregiver notice was not delivered: %s", type(error).__name__)


async def start_telling(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    job_queue = application.job_queue
    if job_queue is None:
        log.warning("no JobQueue: caregivers will not hear of missed nights")
        return
    job_queue.run_repeating(
        tell_caregivers,
        interval=services_of(application).settings.reminders.tick_seconds,
        first=2.0,
        name="caregivers",
        job_kwargs={"max_instances": 1, "coalesce": True},
    )


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    # Before /start's own handler (FEATURES order): an invitation link is not a patient's start.
    application.add_handler(
        CommandHandler(
            "start",
            accept,
            filters=filters.Regex(rf"^/start {INVITE_PREFIX}[A-Za-z0-9_-]{{8,60}}$"),
        )
    )
    application.add_handler(CommandHandler("caregivers", show_caregivers))
    application.add_handler(CommandHandler("caring", show_following))
    application.add_handler(CallbackQueryHandler(invite, pattern=INVITE.pattern))
    application.add_handler(CallbackQueryHandler(remove, pattern=REMOVE.pattern))
    application.add_handler(CallbackQueryHandler(share, pattern=SHARE.pattern))
    application.add_handler(CallbackQueryHandler(view_nights, pattern=VIEW.pattern))
    application.add_handler(CallbackQueryHandler(leave, pattern=LEAVE.pattern))
    registry.at_startup(start_telling)
