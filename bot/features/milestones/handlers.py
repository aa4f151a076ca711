"""Liver-function-test reminders (Done / Remind me later) and what-to-expect milestones.

Each is a `notices` row planned from the start date (see care_plan); a tick sends the due
ones, at most once per patient and kind.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.callbacks import Buttons
from bot.context import LdnContext
from bot.domain.milestones import parse_kind
from bot.domain.numbers import LARGEST_ID
from bot.features.care_plan.planning import (
    REPLANS_PER_TICK,
    Delivery,
    Outgoing,
    check_settings_once,
    deliver_all,
    replan_changed,
)
from bot.features.chat.texts import expired
from bot.features.milestones import texts
from bot.i18n import use_language
from bot.registry import Registry
from storage.models import Notice
from storage.notices import NoticeRepository
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

BUTTONS = Buttons("lft")
DONE = BUTTONS.action("done", int)  # notice id
LATER = BUTTONS.action("later", int)  # notice id


def notice_text(notice: Notice) -> tuple[str, InlineKeyboardMarkup | None]:
    kind, number = parse_kind(notice.kind)
    if kind == "lft":
        text = texts.lft_start() if number == 0 else texts.lft_follow_up(number)
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(texts.done(), callback_data=DONE.data(notice.id)),
                    InlineKeyboardButton(texts.later(), callback_data=LATER.data(notice.id)),
                ]
            ]
        )
        return text, buttons
    if kind == "week":
        return texts.week_milestone(number), None
    return texts.month_milestone(number), None


async def notices_tick(context: LdnContext) -> None:
    """Send the notices that are due."""
    services = context.services
    settings = services.settings
    now = services.now()
    await check_settings_once(services)

    def claim(session: Session) -> list[Outgoing]:
        replan_changed(session, settings, now, limit=REPLANS_PER_TICK)
        claimed = NoticeRepository(session).claim_due(
            now=now,
            lease_seconds=settings.reminders.claim_lease_seconds,
            limit=settings.reminders.claim_batch,
        )
        languages = PatientRepository(session).languages(chat_id for _, chat_id in claimed)
        outgoing: list[Outgoing] = []
        for n, chat_id in claimed:
            with use_language(languages.get(chat_id)):  # in the patient's language
                outgoing.append((n.id, chat_id, *notice_text(n)))
        return outgoing

    outgoing = await services.db.run(claim)
    if not outgoing:
        return
    await deliver_all(context, outgoing, _record_notice_deliveries)


def _record_notice_deliveries(
    session: Session, results: Sequence[tuple[int, Delivery]], now: datetime
) -> None:
    notices = NoticeRepository(session)
    # Refused for good or blocked count as sent, so they are never retried.
    notices.mark_sent_many(
        [(row_id, r.message_id or 0) for row_id, r in results if r.outcome != "retry"], now=now
    )
    for notice_id, result in results:
        if result.outcome == "retry":
            notices.release(notice_id)


async def on_done(update: Update, context: LdnContext) -> None:
    """Done on a liver-test reminder."""
    query = update.callback_query
    assert query is not None
    await _press(update, context, DONE.read(query.data), later=False)


async def on_later(update: Update, context: LdnContext) -> None:
    """Remind me later on a liver-test reminder."""
    query = update.callback_query
    assert query is not None
    await _press(update, context, LATER.read(query.data), later=True)


async def _press(
    update: Update, context: LdnContext, read: tuple[int, ...] | None, *, later: bool
) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    if read is None:
        await query.answer(expired())
        return
    (notice_id,) = read
    services = context.services
    now = services.now()
    later_days = services.settings.monitoring.remind_later_days
    chat_id = query.message.chat.id

    def press(session: Session) -> tuple[str | None, str | None]:
        """(the answer to the press, the notice's new text); a stale press edits nothing."""
        patient = PatientRepository(session).find(chat_id)
        notice = None
        if patient is not None and 1 <= notice_id <= LARGEST_ID:
            notice = NoticeRepository(session).find(notice_id, patient.id)
        if notice is None:
            return None, None
        if notice.done_at is not None:
            return texts.already_done(), None  # pressed again after "Done": nothing to change
        original, _markup = notice_text(notice)
        notices = NoticeRepository(session)
        if later:
            notices.remind_later(notice, due_at=now + timedelta(days=later_days))
            reply = texts.later_reply(later_days)
        else:
            notices.mark_done(notice, now=now)
            reply = texts.done_reply()
        return None, f"{original}\n\n{reply}"

    answer, edited = await services.db.run(press)
    await query.answer(answer)
    if edited is not None:
        await query.edit_message_text(edited)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CallbackQueryHandler(on_done, pattern=DONE.pattern))
    application.add_handler(CallbackQueryHandler(on_later, pattern=LATER.pattern))
    assert application.job_queue is not None
    interval = application.bot_data["services"].settings.reminders.tick_seconds
    application.job_queue.run_repeating(
        notices_tick, interval=interval, first=interval, name="notices"
    )
