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

from bot.context import LdnContext
from bot.domain.milestones import parse_kind
from bot.domain.numbers import callback_number
from bot.features.care_plan.planning import (
    REPLANS_PER_TICK,
    Delivery,
    Outgoing,
    check_settings_once,
    deliver_all,
    replan_changed,
)
from bot.features.chat.buttons import callback_args, callback_data
from bot.features.milestones import texts
from bot.registry import Registry
from storage.models import Notice
from storage.notices import NoticeRepository
from storage.patients import PatientRepository

log = logging.getLogger(__name__)

FEATURE = "lft"


def notice_text(notice: Notice) -> tuple[str, InlineKeyboardMarkup | None]:
    kind, number = parse_kind(notice.kind)
    if kind == "lft":
        text = texts.LFT_START if number == 0 else texts.lft_follow_up(number)
        buttons = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        texts.DONE, callback_data=callback_data(FEATURE, "done", notice.id)
                    ),
                    InlineKeyboardButton(
                        texts.LATER, callback_data=callback_data(FEATURE, "later", notice.id)
                    ),
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
        return [(n.id, chat_id, *notice_text(n)) for n, chat_id in claimed]

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


async def on_button(update: Update, context: LdnContext) -> None:
    """Done / Remind me later on a liver-test reminder."""
    query = update.callback_query
    assert query is not None and query.message is not None and query.data is not None
    action = query.data.split(":")[1]
    args = callback_args(query.data)
    services = context.services
    now = services.now()
    later_days = services.settings.monitoring.remind_later_days
    chat_id = query.message.chat.id

    def press(session: Session) -> tuple[str | None, str | None]:
        """(the answer to the press, the notice's new text); a stale press edits nothing."""
        patient = PatientRepository(session).find(chat_id)
        notice = None
        notice_id = callback_number(args[0]) if len(args) == 1 else None
        if patient is not None and notice_id is not None:
            notice = NoticeRepository(session).find(notice_id, patient.id)
        if notice is None:
            return None, None
        if notice.done_at is not None:
            return texts.ALREADY_DONE, None  # pressed again after "Done": nothing to change
        original, _markup = notice_text(notice)
        notices = NoticeRepository(session)
        if action == "done":
            notices.mark_done(notice, now=now)
            reply = texts.DONE_REPLY
        else:
            notices.remind_later(notice, due_at=now + timedelta(days=later_days))
            reply = texts.later_reply(later_days)
        return None, f"{original}\n\n{reply}"

    answer, edited = await services.db.run(press)
    await query.answer(answer)
    if edited is not None:
        await query.edit_message_text(edited)


def register(application: Application, registry: Registry) -> None:  # type: ignore[type-arg]
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^lft:(done|later):"))
    assert application.job_queue is not None
    interval = application.bot_data["services"].settings.reminders.tick_seconds
    application.job_queue.run_repeating(
        notices_tick, interval=interval, first=interval, name="notices"
    )
