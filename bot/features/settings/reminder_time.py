"""The reminder time: '22:00', '10pm', or a quick-pick button."""

from __future__ import annotations

from datetime import datetime, time

from bot.context import LdnContext
from bot.domain.clock_times import format_clock_time, is_usual_bedtime, parse_clock_time
from bot.domain.setting_answers import shown
from bot.features.settings import texts
from bot.features.settings.questions import AWAIT_TIME
from bot.features.settings.replies import Change, Correction
from bot.features.settings.saving import Saved


def time_change(moment: time) -> Change:
    def say(saved: Saved, now: datetime) -> list[str]:
        lines = [texts.time_set(format_clock_time(moment))]
        if not is_usual_bedtime(moment):
            lines.append(texts.OUTSIDE_BEDTIME_NOTE)
        return lines

    return Change({"reminder_time": moment}, say)


async def read_time(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    moment = parse_clock_time(typed)
    if moment is None:
        return Correction(texts.time_not_understood(shown(typed)), AWAIT_TIME)
    return time_change(moment)
