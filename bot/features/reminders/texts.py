"""Every sentence of the nightly reminder, the buttons under it, and /pause /resume.

Each is a function (the language is chosen when it is rendered, see docs/i18n.md); dates and
clock times come in as values and are worded by the formatter in `bot.i18n`.
"""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.schedule import ReminderDay, ReminderWhen
from bot.i18n import N_, _, clock_time, ngettext, pgettext, weekday_day_month

# ---------------------------------------------------------------- buttons


def taken_button() -> str:
    return pgettext("button", "✅ Taken")


def snooze_button(minutes: int) -> str:
    return pgettext("button", "⏰ Snooze {minutes} min", minutes=minutes)


def skip_button() -> str:
    return pgettext("button", "Skip tonight")


def go_up_button(mg: str) -> str:
    return pgettext("button", "⬆️ Go up to {mg} mg", mg=mg)


def stay_button(mg: str) -> str:
    return pgettext("button", "Stay at {mg} mg", mg=mg)


def keep_button(mg: str) -> str:
    return pgettext("button", "Stay at {mg} mg for good", mg=mg)


# ---------------------------------------------------------------- the reminder


def dose(mg: str, ml: str | None, mg_per_ml: str = "1") -> str:
    if ml:
        return _(
            "{mg} mg ({ml} mL of your {strength} mg/mL liquid)", mg=mg, ml=ml, strength=mg_per_ml
        )
    return _("{mg} mg", mg=mg)


def reminder(dose_text: str) -> str:
    return _("🌙 Time for tonight's LDN: {dose}.", dose=dose_text)


def recovery(dose_text: str) -> str:
    # Sent when an earlier reminder may or may not have arrived (see dispatcher.py).
    return _(
        "In case my earlier reminder didn't reach you: tonight's dose is {dose}. "
        "If you've already taken it, don't take another — just tap ✅ Taken.",
        dose=dose_text,
    )


def follow_up(dose_text: str) -> str:
    return _(
        "Just a gentle nudge: have you taken tonight's {dose}? "
        "Tap ✅ Taken when you have, or Skip tonight if you're leaving it out.",
        dose=dose_text,
    )


def snoozed_again(dose_text: str) -> str:
    return _("⏰ Here's your reminder again: tonight's dose is {dose}.", dose=dose_text)


def plan_week(week: int) -> str:
    return _("Week {week} of your plan.", week=week)


def next_step(mg: str, on: date, today: date) -> str:
    if (on - today).days == 1:
        return _("Next step: {mg} mg, which I'll suggest tomorrow if you're feeling fine.", mg=mg)
    return _(
        "Next step: {mg} mg, which I'll suggest on {day} if you're feeling fine.",
        mg=mg,
        day=weekday_day_month(on),
    )


def full_dose() -> str:
    return _("You're on the last step of your plan.")


def titration_complete(mg: str) -> str:
    """The night a patient reaches the plan's last step (issue 13 item 10)."""
    return _(
        "🎉 Titration complete: {mg} mg is the last step of your plan. Most people need 4–12 "
        "weeks of taking LDN consistently before they notice a clear benefit, and autoimmune "
        "conditions can take 3–6 months. I'll keep reminding you every night.",
        mg=mg,
    )


def staying_for_good(mg: str) -> str:
    return _("You're staying at {mg} mg. You can change your plan anytime with /plan.", mg=mg)


def gentle_is_an_example() -> str:
    """Under every step-up offer of the gentle plan, whose steps are the bot's example."""
    return _(
        "The gentle plan's steps are my example, not a prescription: your prescriber sets your "
        "actual steps."
    )


def gentle_on_capsules() -> str:
    return _("The guide names 1.5, 3 and 4.5 mg capsules, and the liquid for very small doses.")


def _how_long(weeks: int, days: int) -> str:
    if weeks >= 2:
        return ngettext("{n} week", "{n} weeks", weeks)
    if weeks == 1:
        return _("a week")
    return ngettext("{n} night", "{n} nights", days)


def offer(
    from_mg: str,
    to_mg: str,
    weeks: int,
    days: int,
    *,
    example: bool = False,
    capsules: bool = False,
) -> str:
    lines = [
        _(
            "You've been on {from_mg} mg for {how_long}. Go up to {to_mg} mg tonight?",
            from_mg=from_mg,
            how_long=_how_long(weeks, days),
            to_mg=to_mg,
        ),
        _("Only if it's been going well — and your prescriber's advice always comes first."),
    ]
    if example:
        lines.append(gentle_is_an_example() + (" " + gentle_on_capsules() if capsules else ""))
    return "\n".join(lines)


def hold(to_mg: str, effect: str) -> str:
    return _(
        "Your plan's next step ({mg} mg) is on hold: you reported {effect} as moderate or "
        "severe in a recent check-in. Your prescriber can advise whether to stay on this dose, "
        "step down, or try again later.",
        mg=to_mg,
        effect=effect,
    )


# ---------------------------------------------------------------- answers to a step up


def went_up(mg: str) -> str:
    return _(
        "⬆️ Going up to {mg} mg from tonight. If side effects bother you, talk to your prescriber.",
        mg=mg,
    )


def stayed(mg: str, days: int) -> str:
    return ngettext(
        "Staying at {mg} mg for now. I'll ask again in {n} day.",
        "Staying at {mg} mg for now. I'll ask again in {n} days.",
        days,
        mg=mg,
    )


def kept(mg: str) -> str:
    return _(
        "Okay — you'll stay at {mg} mg and I won't suggest going up again. Some people do "
        "best on a lower dose. You can change your plan anytime with /plan.",
        mg=mg,
    )


def step_already_answered() -> str:
    return _("That question has already been answered.")


def step_button_outdated() -> str:
    """A Go up / Stay press that no longer fits (an alert: at most 200 characters)."""
    return _(
        "This button is from an older version of the reminder, so I didn't change your dose. "
        "Tonight's reminder shows what's current."
    )


def step_up_held(to_mg: str, effect: str) -> str:
    return _(
        "I didn't raise your dose: the step up to {mg} mg is on hold since your check-in "
        "reported {effect} as moderate or severe. Ask your prescriber.",
        mg=to_mg,
        effect=effect,
    )


def step_plan_changed(dose_mg: str) -> str:
    return _(
        "Your plan has changed since this reminder, so I didn't change your dose. "
        "Tonight's dose is {mg} mg; see /settings.",
        mg=dose_mg,
    )


# ---------------------------------------------------------------- what was recorded
# (the reminder is edited to show it)


def taken(at: datetime, dose_text: str) -> str:
    return _("✅ Taken at {at} — {dose}", at=clock_time(at), dose=dose_text)


def taken_late(at: datetime, dose_text: str) -> str:
    return _(
        "✅ Taken — {dose}, recorded late at {at}. Thanks for letting me know; "
        "better late than not at all for your records.",
        dose=dose_text,
        at=clock_time(at),
    )


def skipped(dose_text: str) -> str:
    return _(
        "⏭ Skipped tonight ({dose}). That's okay. Just take your usual dose tomorrow "
        "night — don't take extra to make up for it.",
        dose=dose_text,
    )


def snoozed(at: datetime) -> str:
    return _("⏰ Snoozed — I'll remind you again at {at}.", at=clock_time(at))


def already(what: str) -> str:
    return _("Already recorded: {what}", what=what)


def night_closed() -> str:
    return _("This night is already closed, so I didn't change anything.")


def not_your_night() -> str:
    return _("That button isn't for your reminders, so I didn't change anything.")


# ---------------------------------------------------------------- /taken and /skip


def not_set_up() -> str:
    return _("Let's finish setting up first, then I can record your doses. Type /start.")


def nothing_to_skip() -> str:
    return _("Tonight is already recorded as taken, so I didn't skip it.")


# ---------------------------------------------------------------- /pause, /resume


def paused() -> str:
    return _(
        "⏸ Reminders are paused until you send /resume. If this is for surgery or a procedure, "
        "your prescriber can tell you when to stop and restart LDN."
    )


def paused_for(days: int, until: date, next_at: str | None = None) -> str:
    """`next_at`: when the first reminder after the pause comes (`next_reminder_when`)."""
    if next_at is not None:
        return ngettext(
            "⏸ Reminders are paused for {n} night; your next reminder is {when}. Send /resume "
            "to restart them sooner. If this is for surgery or a procedure, your prescriber can "
            "tell you when to stop and restart LDN.",
            "⏸ Reminders are paused for {n} nights; your next reminder is {when}. Send /resume "
            "to restart them sooner. If this is for surgery or a procedure, your prescriber can "
            "tell you when to stop and restart LDN.",
            days,
            when=next_at,
        )
    return ngettext(
        "⏸ Reminders are paused for {n} night; they'll start again on {day}. Send /resume to "
        "restart them sooner. If this is for surgery or a procedure, your prescriber can tell "
        "you when to stop and restart LDN.",
        "⏸ Reminders are paused for {n} nights; they'll start again on {day}. Send /resume to "
        "restart them sooner. If this is for surgery or a procedure, your prescriber can tell "
        "you when to stop and restart LDN.",
        days,
        day=weekday_day_month(until),
    )


def pause_usage() -> str:
    return _("To pause, send /pause (until /resume) or /pause 7 (for 7 days, up to 90).")


def resumed(next_at: str | None) -> str:
    if next_at is None:
        return _("▶️ Reminders are back on. Finish your settings (/settings) and I'll start.")
    return _("▶️ Reminders are back on. Your next reminder: {when}.", when=next_at)


def not_paused() -> str:
    return _("Reminders aren't paused.")


# ---------------------------------------------------------------- the next reminder


def next_reminder_when(when: ReminderWhen) -> str:
    """When the next reminder comes, in the middle of a sentence: "tonight at 22:00",
    "today at 08:30", "tomorrow at 08:30", "tomorrow night at 21:30", "on Tue 1 Dec at 22:00".
    The one wording of the next reminder (issue 13 item 6), from its real due moment."""
    at = clock_time(when.at)
    if when.day is ReminderDay.TODAY:
        return _("today at {at}", at=at)
    if when.day is ReminderDay.TONIGHT:
        return _("tonight at {at}", at=at)
    if when.day is ReminderDay.TOMORROW:
        return _("tomorrow at {at}", at=at)
    if when.day is ReminderDay.TOMORROW_NIGHT:
        return _("tomorrow night at {at}", at=at)
    return _("on {day} at {at}", day=weekday_day_month(when.at.date()), at=at)


# ---------------------------------------------------------------- a night's outcome

_HISTORY_OUTCOMES = {
    "taken": N_("✅ taken"),
    "skipped": N_("⏭ skipped"),
    "missed": N_("❌ not recorded"),
    "sent": N_("… waiting"),
    "sending": N_("… waiting"),
}


def outcome_name(outcome: str) -> str:
    """How a night's outcome reads in /history and on a closed reminder."""
    label = _HISTORY_OUTCOMES.get(outcome)
    return _(label) if label is not None else outcome
