"""What the bot says while setting up and changing settings: time zone, reminder time,
form, plan and start date."""

from __future__ import annotations

# ---------------------------------------------------------------- time zone

ASK_TIMEZONE = (
    "First, your time zone, so your reminder comes at your bedtime.\n\n"
    "Type your city (like Berlin or New York), a time zone like Europe/Berlin, "
    "or an offset like +01:00. Or tap “Share my location” below."
)
SHARE_LOCATION = "📍 Share my location"


def timezone_set(zone_name: str, local_time: str) -> str:
    return f"Time zone set: {zone_name} (it's {local_time} there now)."


FIXED_OFFSET_NOTE = (
    "That offset stays the same all year. If your clocks change for summer time, "
    "send your city instead (for example /timezone Berlin) and I'll follow the changes."
)


def place_not_found(query: str) -> str:
    return (
        f"I couldn't find a place called “{query}”. Try your nearest big city, "
        "a time zone like Europe/Berlin, or an offset like +01:00."
    )


def place_did_you_mean(query: str) -> str:
    return (
        f"I couldn't find a place called “{query}”. Did you mean one of these? "
        "Or type a time zone like Europe/Berlin or an offset like +01:00."
    )


def place_ambiguous(query: str, example: str) -> str:
    return (
        f"There's more than one “{query}”. Which one is yours? "
        f"You can also type the state or country with it, like “{example}”."
    )


def country_has_several_zones(query: str) -> str:
    return f"{query} has more than one time zone. Which one is yours? Or type your city."


def offset_not_in_use(query: str) -> str:
    return (
        f"No place uses “{query}” as its offset right now. Offsets run from -12:00 to "
        "+14:00, like +01:00, -05:00 or +05:30. Or type your city."
    )


LOCATION_UNKNOWN = (
    "I couldn't tell the time zone of that location. Please type your city, "
    "or a time zone like Europe/Berlin."
)

# ---------------------------------------------------------------- reminder time

ASK_TIME = (
    "What time should I remind you each night? Most people take LDN at bedtime, "
    "between 21:00 and midnight. Tap a time, or type one like 22:15."
)
OTHER_TIME = "Other time…"
TYPE_TIME = "Type the time you'd like, like 22:15 or 10:15 pm."


def time_set(clock: str) -> str:
    return f"Reminder time set: {clock}."


OUTSIDE_BEDTIME_NOTE = (
    "Just so you know: LDN is usually taken at bedtime, between 21:00 and midnight, so its "
    "short blocking effect falls while you sleep. If your prescriber suggested another time, "
    "that's fine — I'll remind you when you chose."
)


def time_not_understood(text: str) -> str:
    return (
        f"I couldn't read “{text}” as a time. Please type it like 22:00, 22:30 or 10:30 pm, "
        "or tap one of the times above."
    )


# ---------------------------------------------------------------- form

ASK_FORM = "Which form of LDN do you have?"
FORM_CAPSULE = "Capsules"
FORM_LIQUID = "Liquid"
FORM_NAMES = {"capsule": "capsules", "liquid": "liquid"}


def form_name(form: str | None, mg_per_ml: str) -> str | None:
    """'capsules', 'liquid, 2 mg per mL', or None when not set."""
    if form == "liquid":
        return f"liquid, {mg_per_ml} mg per mL"
    return FORM_NAMES.get(form or "")


def form_set(form: str, mg_per_ml: str = "1") -> str:
    if form == "liquid":
        return (
            f"Form set: liquid, {mg_per_ml} mg per mL. I'll show each dose in mL too, worked "
            f"out at {mg_per_ml} mg per mL. If your bottle's label says another strength, "
            "send it like /strength 2."
        )
    return "Form set: capsules."


ASK_STRENGTH = (
    "What strength is your LDN liquid? Type the mg per mL from your bottle's label, like 1 or 2.5."
)


def strength_set(mg_per_ml: str, on_liquid: bool) -> str:
    text = f"Liquid strength set: {mg_per_ml} mg per mL. I'll work out each dose in mL from it."
    if not on_liquid:
        text += " It's used when you take the liquid (/form liquid)."
    return text


FORM_NOT_UNDERSTOOD = "Please choose capsule or liquid, like /form capsule or /form liquid."

# ---------------------------------------------------------------- plan


def ask_plan(standard: str) -> str:
    return (
        "Which plan did your prescriber give you?\n\n"
        f"• Standard: {standard}\n"
        "• Gentle start: from 0.5 mg, in smaller and slower steps (my example schedule)\n"
        "• Fixed dose: the same dose every night\n"
        "• Custom: your own steps\n\n"
        "I'll never raise your dose on my own — when a step is due, I'll ask you first."
    )


PLAN_STANDARD = "Standard"
PLAN_GENTLE = "Gentle start"
PLAN_FIXED = "Fixed dose"
PLAN_CUSTOM = "Custom steps"
PLAN_NAMES = {
    "standard": "Standard",
    "gentle": "Gentle start",
    "fixed": "Fixed dose",
    "custom": "Custom",
}

ASK_FIXED_DOSE = (
    "What dose did your prescriber give you? Tap one, or type it in mg (for example 2.5)."
)
ASK_CUSTOM_STEPS = (
    "Type your steps as dose × weeks, with the last dose open-ended. For example:\n"
    "0.5x2 1x2 1.5x2 3\n"
    "means 0.5 mg for 2 weeks, 1 mg for 2 weeks, 1.5 mg for 2 weeks, then 3 mg."
)


def plan_set(name: str, description: str) -> str:
    return f"Plan set: {name} — {description}."


def plan_not_understood(text: str) -> str:
    return (
        f"I couldn't read “{text}” as a plan. You can write /plan standard, /plan gentle, "
        "/plan fixed 3, or /plan custom 0.5x2 1x2 1.5 — or just /plan to choose with buttons."
    )


# For a capsule user on the gentle plan, whose small steps the usual capsules may not match.
CAPSULES_ON_GENTLE = (
    "About capsules on this plan: the guide names 1.5, 3 and 4.5 mg capsules, and the liquid "
    "for very small doses, so steps like 0.5, 1 or 2 mg may need the liquid or capsules made "
    "up for them. Your prescriber and pharmacy can tell you what fits."
)

NOTHING_CHANGED = "Nothing was changed."

# ---------------------------------------------------------------- start date

ASK_START_DATE = (
    "When do you start LDN (or when did you start)? Tap a button, or type a date like "
    "2026-12-01 or 1 Dec."
)
TODAY = "Today"
TOMORROW = "Tomorrow"


def start_date_set(day: str) -> str:
    return f"Start date set: {day}."


def date_not_understood(text: str) -> str:
    return (
        f"I couldn't read “{text}” as a date. Please type it like 2026-12-01 or 1 Dec, "
        "or tap Today or Tomorrow."
    )


def start_date_too_early(day: str) -> str:
    return (
        f"{day} is more than 30 days ago. If you started LDN that long ago, please choose "
        "today as your start date and your current dose as a fixed plan (/plan fixed 3, "
        "for example). Or type a more recent date."
    )


def start_date_too_late(day: str) -> str:
    return f"{day} is more than a year away. Please type a date within the next year."


# ---------------------------------------------------------------- next reminder


def reminder_with_defaults(when: str, dose: str, plan: str, form: str) -> str:
    return (
        f"{when[:1].upper()}{when[1:]} I'll remind you: {dose}. "
        f"{plan} plan from today, as {form}; change with /plan, /form or /settings."
    )


def defaults_without_reminder(plan: str, form: str) -> str:
    return f"{plan} plan from today, as {form}; change with /plan, /form or /settings."


def reminders_on_hold(reason: str) -> str:
    return f"Your reminders are on hold for now ({reason}); /settings shows everything."


def next_reminder(when: str) -> str:
    return f"Next reminder: {when}."


# ---------------------------------------------------------------- /settings

SUMMARY_TITLE = "Your settings:"
NOT_SET = "not set yet"
SUMMARY_FOOTER = "Tap a button to change something."
ALL_SET = "You're all set. Here's what I have; you can change any of it with /settings."


def summary_lines(
    *,
    zone: str,
    reminder_time: str,
    form: str,
    plan: str,
    start_date: str,
    reminders: str,
) -> list[str]:
    return [
        f"• Time zone: {zone}",
        f"• Reminder time: {reminder_time}",
        f"• Form: {form}",
        f"• Plan: {plan}",
        f"• Start date: {start_date}",
        f"• Reminders: {reminders}",
    ]


def zone_with_time(zone: str, local_time: str) -> str:
    return f"{zone} ({local_time} there now)"


def reminders_on(when: str) -> str:
    return f"on — next {when}"


REMINDERS_PAUSED = "paused — send /resume to restart them"
REMINDERS_NOT_SET_UP = "off until your time zone and reminder time are set"
REMINDERS_ON_HOLD = "on hold for now (see your safety answers)"

BUTTON_TIMEZONE = "Time zone"
BUTTON_TIME = "Reminder time"
BUTTON_FORM = "Form"
BUTTON_STRENGTH = "Liquid strength"
BUTTON_PLAN = "Plan"
BUTTON_START_DATE = "Start date"
BUTTON_SAFETY = "Safety answers"
BUTTON_REFILL = "Refill count"

# An answer button pressed after the setting changed (an alert: at most 200 characters).
CHANGED_SINCE = (
    "This setting has changed since this question was asked, so I didn't change anything. "
    "Open /settings to see it and change it."
)
START_DATE_CHANGED_SINCE = (
    "This question was asked on another day or before your start date changed, so I didn't "
    "change anything. Open /settings to set your start date."
)
OUTDATED_BUTTON = (
    "This button is from an older version of the question, so I didn't change anything. "
    "Open /settings to see and change your settings."
)
