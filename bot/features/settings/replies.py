"""What a settings flow decides (a `Change` to save, or a `Correction`) and the two ways it is
replied to: as the answer to a question (a button, or text typed while it was awaited), or as
a one-line command.

An answer is confirmed, then setup moves on, or the updated /settings summary follows once
setup is done. A command is confirmed in a line, with the next reminder when one is due; once
the time zone and time are known it fills in the usual plan, form and start date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, ReplyKeyboardRemove

from bot.context import LdnContext
from bot.domain.plans import format_mg, liquid_strength
from bot.domain.schedule import night_of
from bot.domain.titration import tonight
from bot.features.settings import texts
from bot.features.settings.questions import NO_KEYBOARD, button, set_awaiting
from bot.features.settings.saving import Saved, save_answer, save_command
from bot.features.settings.summary import describe_dose, describe_when, send_summary
from bot.features.setup.handlers import continue_setup


@dataclass(frozen=True)
class Change:
    """A setting to save, and what to say once it is saved (from the saved settings and the
    time just after saving)."""

    fields: dict[str, Any]
    say: Callable[[Saved, datetime], list[str]]
    remove_keyboard: bool = False


@dataclass(frozen=True)
class Correction:
    """An answer that can't be used: a friendly correction, and `question` (the awaited
    answer) stays open for a typed answer. `places` are (label, zone) choices offered as
    buttons."""

    text: str
    question: str
    places: tuple[tuple[str, str], ...] = field(default=())


# None: the flow has already asked another question itself ('/plan fixed').
Outcome = Change | Correction | None


async def reply_to_answer(context: LdnContext, chat_id: int, outcome: Outcome) -> None:
    """Save and confirm an answer to a question, then move setup on or show the summary."""
    if outcome is None:
        return
    if isinstance(outcome, Correction):
        await _correct(context, chat_id, outcome, place_action="tz")
        return
    saved = await save_answer(context, chat_id, outcome.fields)
    await _confirm(context, chat_id, outcome, saved, reminder=None)
    if not saved.setup_complete:
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
        await _correct(context, chat_id, outcome, place_action="tzc")
        return
    saved = await save_command(context, chat_id, outcome.fields)
    await _confirm(context, chat_id, outcome, saved, reminder=_command_reminder_line)
    if not saved.setup_complete:
        await continue_setup(context, chat_id)


async def _confirm(
    context: LdnContext,
    chat_id: int,
    change: Change,
    saved: Saved,
    *,
    reminder: Callable[[Saved, datetime], str | None] | None,
) -> None:
    """Say what was saved, and the reminder line after it if there is one."""
    now = context.services.now()
    lines = change.say(saved, now)
    line = reminder(saved, now) if reminder is not None else None
    if line:
        lines = [*lines, line]
    markup: ReplyKeyboardRemove | None = NO_KEYBOARD if change.remove_keyboard else None
    await context.bot.send_message(chat_id, "\n\n".join(lines), reply_markup=markup)


async def _correct(
    context: LdnContext, chat_id: int, correction: Correction, *, place_action: str
) -> None:
    """A friendly correction; the question stays open for a typed answer."""
    markup = (
        InlineKeyboardMarkup(
            [[button(label, place_action, zone)] for label, zone in correction.places]
        )
        if correction.places
        else None
    )
    await set_awaiting(context, chat_id, correction.question)
    await context.bot.send_message(chat_id, correction.text, reply_markup=markup)


def _command_reminder_line(saved: Saved, now: datetime) -> str | None:
    """After a command: the defaults it filled in and tonight's dose, or the next reminder."""
    if saved.defaults_filled:
        plan_name = texts.PLAN_NAMES[saved.plan.kind]
        strength = format_mg(liquid_strength(saved.liquid_mg_per_ml))
        form = texts.form_name(saved.form, strength) or saved.form or ""
        if saved.next_reminder_at is None or saved.zone is None:
            line = texts.defaults_without_reminder(plan_name, form)
            if saved.why_no_reminders is not None and not saved.setup_complete:
                line = f"{line}\n\n{texts.reminders_on_hold(saved.why_no_reminders)}"
            return line
        assert saved.start_date is not None and saved.reminder_time is not None
        night = night_of(saved.next_reminder_at, ZoneInfo(saved.zone))
        dose = tonight(saved.plan, saved.start_date, (), night).dose_mg
        return texts.reminder_with_defaults(
            describe_when(saved.next_reminder_at, saved.zone, now),
            describe_dose(dose, saved.form, saved.liquid_mg_per_ml),
            plan_name,
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
