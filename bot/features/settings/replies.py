"""What a settings flow decides (a `Change` to save, or a `Correction`) and the two ways it is
replied to: as the answer to a question (a button, or text typed while it was awaited), or as
a one-line command.

An answer is confirmed, then setup moves on, or the updated /settings summary follows once
setup is done. A command is confirmed in a line, with the next reminder when one is due; once
the time zone and time are known it fills in the usual plan, form and start date.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest

from bot.context import LdnContext
from bot.domain.plans import liquid_strength
from bot.domain.schedule import night_of
from bot.domain.titration import tonight
from bot.features.settings import actions, texts
from bot.features.settings.questions import (
    NO_KEYBOARD,
    button,
    not_my_time_markup,
    set_awaiting,
)
from bot.features.settings.saving import Saved, save_answer, save_command
from bot.features.settings.summary import describe_dose, describe_when, send_summary
from bot.features.setup.handlers import continue_setup
from bot.i18n import number
from storage.models import Patient

# (context, chat id): ask a question.
Asker = Callable[[LdnContext, int], Awaitable[None]]


@dataclass(frozen=True)
class Change:
    """A setting to save, and what to say once it is saved (from the saved settings and the
    time just after saving). `also` does more in the same unit of work; `then` asks a
    follow-up question instead of moving setup on; `confirm_zone` offers "That's not my
    time" under the confirmation."""

    fields: dict[str, Any]
    say: Callable[[Saved, datetime], list[str]]
    remove_keyboard: bool = False
    also: Callable[[Session, Patient, datetime], None] | None = None
    then: Asker | None = None
    confirm_zone: bool = False


@dataclass(frozen=True)
class Correction:
    """An answer that can't be used: a friendly correction, and `question` (the awaited
    answer) stays open for a typed answer. `places` are (label, zone) choices offered as
    buttons; `choices` builds other buttons from the asked state of `state_of`."""

    text: str
    question: str
    places: tuple[tuple[str, str], ...] = field(default=())
    state_of: str | None = None
    choices: Callable[[str], InlineKeyboardMarkup] | None = None


# None: the flow has already asked another question itself ('/plan fixed').
Outcome = Change | Correction | None


async def reply_to_answer(context: LdnContext, chat_id: int, outcome: Outcome) -> None:
    """Save and confirm an answer to a question, then move setup on or show the summary."""
    if outcome is None:
        return
    if isinstance(outcome, Correction):
        await _correct(context, chat_id, outcome, place_action=actions.TIMEZONE)
        return
    saved = await save_answer(context, chat_id, outcome.fields, outcome.also)
    # The question may have shown a reply keyboard (the location button): it goes now.
    await _confirm(context, chat_id, outcome, saved, reminder=None, keyboard_shown=True)
    if outcome.then is not None:
        await outcome.then(context, chat_id)
    elif not saved.setup_complete:
        await continue_setup(context, chat_id)
    else:
        await send_summary(context, chat_id)


async def reply_to_command(context: LdnContext, chat_id: int, outcome: Outcome) -> None:
    """Save and confirm a one-line command, with the next reminder when one is due; setup
    moves on while it is unfinished."""
    if outcome is None:
        return
    if isinstance(outcome, Correction):
        # A place picked from these buttons is confirmed as the command was.
        await _correct(context, chat_id, outcome, place_action=actions.TIMEZONE_AFTER_COMMAND)
        return
    saved = await save_command(context, chat_id, outcome.fields, outcome.also)
    await _confirm(
        context, chat_id, outcome, saved, reminder=_command_reminder_line, keyboard_shown=False
    )
    if outcome.then is not None:
        await outcome.then(context, chat_id)
    elif not saved.setup_complete:
        await continue_setup(context, chat_id)


async def _confirm(
    context: LdnContext,
    chat_id: int,
    change: Change,
    saved: Saved,
    *,
    reminder: Callable[[Saved, datetime], str | None] | None,
    keyboard_shown: bool,
) -> None:
    """Say what was saved, a lower next dose if the change brings one, and the reminder line
    after it if there is one."""
    now = context.services.now()
    lines = change.say(saved, now)
    if saved.lower_dose is not None and saved.zone is not None:
        before, after, due = saved.lower_dose
        when = describe_when(due, saved.zone, now)
        lines = [*lines, texts.lower_next_dose(number(before), number(after), when)]
    line = reminder(saved, now) if reminder is not None else None
    if line:
        lines = [*lines, line]
    text = "\n\n".join(lines)
    if change.remove_keyboard and keyboard_shown:
        sent = await context.bot.send_message(chat_id, text, reply_markup=NO_KEYBOARD)
        if change.confirm_zone:
            # One message holds one keyboard: the location keyboard went with the text, and
            # "That's not my time" is added under it.
            with contextlib.suppress(BadRequest):
                await sent.edit_reply_markup(reply_markup=not_my_time_markup())
        return
    markup = not_my_time_markup() if change.confirm_zone else None
    await context.bot.send_message(chat_id, text, reply_markup=markup)


async def _correct(
    context: LdnContext, chat_id: int, correction: Correction, *, place_action: Any
) -> None:
    """A friendly correction; the question stays open for a typed answer."""
    state = await set_awaiting(context, chat_id, correction.question, state_of=correction.state_of)
    markup: InlineKeyboardMarkup | None = None
    if correction.choices is not None:
        markup = correction.choices(state)
    elif correction.places:
        markup = InlineKeyboardMarkup(
            [[button(label, place_action, zone)] for label, zone in correction.places]
        )
    await context.bot.send_message(chat_id, correction.text, reply_markup=markup)


def _command_reminder_line(saved: Saved, now: datetime) -> str | None:
    """After a command: the defaults it filled in and tonight's dose, or the next reminder."""
    if saved.defaults_filled:
        strength = number(liquid_strength(saved.liquid_mg_per_ml))
        form = texts.form_name(saved.form, strength) or saved.form or ""
        if saved.next_reminder_at is None or saved.zone is None:
            line = texts.defaults_without_reminder(saved.plan.kind, form)
            if saved.why_no_reminders is not None and not saved.setup_complete:
                line = f"{line}\n\n{texts.reminders_on_hold(saved.why_no_reminders)}"
            return line
        assert saved.start_date is not None and saved.reminder_time is not None
        night = night_of(saved.next_reminder_at, ZoneInfo(saved.zone))
        dose = tonight(saved.plan, saved.start_date, (), night).dose_mg
        return texts.reminder_with_defaults(
            describe_when(saved.next_reminder_at, saved.zone, now),
            describe_dose(dose, saved.form, saved.liquid_mg_per_ml),
            saved.plan.kind,
            form,
        )
    if (
        saved.setup_complete
        and saved.next_reminder_at is not None
        and saved.zone is not None
        and saved.reminder_time is not None
    ):
        return texts.next_reminder(describe_when(saved.next_reminder_at, saved.zone, now))
    return None
