"""Every sentence of the nightly reminder, the buttons under it, and /pause /resume."""

from __future__ import annotations

from datetime import date, datetime

# Buttons
TAKEN_BUTTON = "✅ Taken"
SNOOZE_BUTTON = "⏰ Snooze {minutes} min"
SKIP_BUTTON = "Skip tonight"
GO_UP_BUTTON = "⬆️ Go up to {mg} mg"
STAY_BUTTON = "Stay at {mg} mg"
KEEP_BUTTON = "Stay at {mg} mg for good"


def dose(mg: str, ml: str | None, mg_per_ml: str = "1") -> str:
    return f"{mg} mg ({ml} mL of your {mg_per_ml} mg/mL liquid)" if ml else f"{mg} mg"


def reminder(dose_text: str) -> str:
    return f"🌙 Time for tonight's LDN: {dose_text}."


def recovery(dose_text: str) -> str:
    # Sent when an earlier reminder may or may not have arrived (see dispatcher.py).
    return (
        f"In case my earlier reminder didn't reach you: tonight's dose is {dose_text}. "
        "If you've already taken it, don't take another — just tap ✅ Taken."
    )


def follow_up(dose_text: str) -> str:
    return (
        f"Just a gentle nudge: have you taken tonight's {dose_text}? "
        "Tap ✅ Taken when you have, or Skip tonight if you're leaving it out."
    )


def snoozed_again(dose_text: str) -> str:
    return f"⏰ Here's your reminder again: tonight's dose is {dose_text}."


def plan_week(week: int) -> str:
    return f"Week {week} of your plan."


def next_step(mg: str, on: date, today: date) -> str:
    when = "tomorrow" if (on - today).days == 1 else f"on {short_date(on)}"
    return f"Next step: {mg} mg, which I'll suggest {when} if you're feeling fine."


FULL_DOSE = "You're on the last step of your plan."
ONE_DOSE = "Same dose every night."


def staying_for_good(mg: str) -> str:
    return f"You're staying at {mg} mg. You can change your plan anytime with /plan."


# Under every step-up offer of the gentle plan, whose steps are the bot's example.
GENTLE_IS_AN_EXAMPLE = (
    "The gentle plan's steps are my example, not a prescription: your prescriber sets your "
    "actual steps."
)
GENTLE_ON_CAPSULES = (
    "The guide names 1.5, 3 and 4.5 mg capsules, and the liquid for very small doses."
)


def offer(
    from_mg: str,
    to_mg: str,
    weeks: int,
    days: int,
    *,
    example: bool = False,
    capsules: bool = False,
) -> str:
    how_long = f"{weeks} weeks" if weeks >= 2 else ("a week" if weeks == 1 else f"{days} nights")
    text = (
        f"You've been on {from_mg} mg for {how_long}. Go up to {to_mg} mg tonight?\n"
        "Only if it's been going well — and your prescriber's advice always comes first."
    )
    if example:
        text += "\n" + GENTLE_IS_AN_EXAMPLE + (" " + GENTLE_ON_CAPSULES if capsules else "")
    return text


def hold(to_mg: str, effect_label: str) -> str:
    return (
        f"Your plan's next step ({to_mg} mg) is on hold: you reported "
        f"{effect_label.lower()} as moderate or severe in a recent check-in. "
        "Your prescriber can advise whether to stay on this dose, step down, or try again later."
    )


def went_up(mg: str) -> str:
    return (
        f"⬆️ Going up to {mg} mg from tonight. If side effects bother you, talk to your prescriber."
    )


def stayed(mg: str, days: int) -> str:
    return f"Staying at {mg} mg for now. I'll ask again in {days} days."


def kept(mg: str) -> str:
    return (
        f"Okay — you'll stay at {mg} mg and I won't suggest going up again. Some people do "
        "best on a lower dose. You can change your plan anytime with /plan."
    )


STEP_ALREADY_ANSWERED = "That question has already been answered."

# A Go up / Stay press that no longer fits (shown as an alert: at most 200 characters).
STEP_BUTTON_OUTDATED = (
    "This button is from an older version of the reminder, so I didn't change your dose. "
    "Tonight's reminder shows what's current."
)


def step_up_held(to_mg: str, effect_label: str) -> str:
    return (
        f"I didn't raise your dose: the step up to {to_mg} mg is on hold since your check-in "
        f"reported {effect_label.lower()} as moderate or severe. Ask your prescriber."
    )


def step_plan_changed(dose_mg: str) -> str:
    return (
        "Your plan has changed since this reminder, so I didn't change your dose. "
        f"Tonight's dose is {dose_mg} mg; see /settings."
    )


# What was recorded (the reminder is edited to show it)
def taken(at: str, dose_text: str) -> str:
    return f"✅ Taken at {at} — {dose_text}"


def taken_late(at: str, dose_text: str) -> str:
    return (
        f"✅ Taken — {dose_text}, recorded late at {at}. Thanks for letting me know; "
        "better late than not at all for your records."
    )


def skipped(dose_text: str) -> str:
    return (
        f"⏭ Skipped tonight ({dose_text}). That's okay. Just take your usual dose tomorrow "
        "night — don't take extra to make up for it."
    )


def snoozed(at: str) -> str:
    return f"⏰ Snoozed — I'll remind you again at {at}."


def already(what: str) -> str:
    return f"Already recorded: {what}"


NIGHT_CLOSED = "This night is already closed, so I didn't change anything."
NOT_YOUR_NIGHT = "That button isn't for your reminders, so I didn't change anything."

NOT_SET_UP = "Let's finish setting up first, then I can record your doses. Type /start."

# /pause, /resume
PAUSED = (
    "⏸ Reminders are paused until you send /resume. If this is for surgery or a procedure, "
    "your prescriber can tell you when to stop and restart LDN."
)


def paused_for(days: int, until: date) -> str:
    nights = "night" if days == 1 else "nights"
    return (
        f"⏸ Reminders are paused for {days} {nights}; they'll start again on "
        f"{short_date(until)}. Send /resume to restart them sooner. If this is for surgery or "
        "a procedure, your prescriber can tell you when to stop and restart LDN."
    )


PAUSE_USAGE = "To pause, send /pause (until /resume) or /pause 7 (for 7 days, up to 90)."


def resumed(next_at: str | None) -> str:
    if next_at is None:
        return "▶️ Reminders are back on. Finish your settings (/settings) and I'll start."
    return f"▶️ Reminders are back on. Your next reminder: {next_at}."


NOT_PAUSED = "Reminders aren't paused."
RESUMED_BY_ITSELF = "▶️ Your pause is over, so your nightly reminders are back on."

# What the reminder says for a night that is neither taken nor skipped
HISTORY_ICONS = {
    "taken": "✅ taken",
    "skipped": "⏭ skipped",
    "missed": "❌ not recorded",
    "sent": "… waiting",
    "sending": "… waiting",
}


def short_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def clock(moment: datetime) -> str:
    return f"{moment:%H:%M}"
