"""The reminder time: '22:00', '10pm', or a quick-pick button; '11' or 'at 9' is asked about
(morning or evening) with two buttons instead of guessed."""

from __future__ import annotations

from datetime import datetime, time
from functools import partial

from bot.context import LdnContext
from bot.domain.clock_times import MorningOrEvening, is_usual_bedtime, read_clock_time
from bot.domain.setting_answers import shown
from bot.features.settings import texts
from bot.features.settings.questions import AWAIT_TIME, morning_or_evening_buttons, time_buttons
from bot.features.settings.replies import Change, Correction
from bot.features.settings.saving import Saved


def time_change(moment: time) -> Change:
    def say(saved: Saved, now: datetime) -> list[str]:
        lines = [texts.time_set(moment)]
        if not is_usual_bedtime(moment):
            lines.append(texts.outside_bedtime_note())
        return lines

    return Change({"reminder_time": moment}, say)


async def read_time(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    reading = read_clock_time(typed)
    if reading is None:
        # The quick times come with the correction, so "tap one of these" always has them.
        return Correction(
            texts.time_not_understood(shown(typed)),
            AWAIT_TIME,
            state_of="time",
            choices=time_buttons,
        )
    if isinstance(reading, MorningOrEvening):
        return Correction(
            texts.morning_or_evening(shown(typed)),
            AWAIT_TIME,
            state_of="time",
            choices=partial(morning_or_evening_buttons, reading.morning, reading.evening),
        )
    return time_change(reading)
