"""What the bot says while setting up and changing settings: time zone, reminder time,
form, plan and start date. Every sentence is a function (rendered in the patient's language,
see docs/i18n.md); dates and times come through the formatter in `bot.i18n`."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.domain.plans import Plan, PlanError, PlanReason
from bot.i18n import N_, _, clock_time, number, pgettext, weekday_day_month_year

if TYPE_CHECKING:
    from bot.features.settings.timezones import ZoneNames

# ---------------------------------------------------------------- time zone


def ask_timezone() -> str:
    return _(
        "First, your time zone, so your reminder comes at your bedtime.\n\n"
        "Type your city (like Berlin or New York), a time zone like Europe/Berlin, "
        "or an offset like +01:00. Or tap “Share my location” below."
    )


def change_timezone() -> str:
    """The time zone question outside setup (from /settings or /timezone alone)."""
    return _(
        "Which time zone should your reminders follow?\n\n"
        "Type your city (like Berlin or New York), a time zone like Europe/Berlin, "
        "or an offset like +01:00. Or tap “Share my location” below."
    )


def share_location_button() -> str:
    return pgettext("button", "📍 Share my location")


def timezone_set(zone_name: str, now_there: datetime) -> str:
    return _(
        "Time zone set: {zone}. It's {local_time} there now.",
        zone=zone_name,
        local_time=clock_time(now_there),
    )


def zone_name(names: ZoneNames) -> str:
    """A time zone as the patient reads it: 'New York time (Eastern Time)', 'UTC+02:00'."""
    if names.offset:
        return names.offset
    if names.zone_name:
        return _("{city} time ({zone_name})", city=names.city, zone_name=names.zone_name)
    return _("{city} time", city=names.city)


def not_my_time_button() -> str:
    return pgettext("button", "That's not my time")


def fixed_offset_note() -> str:
    return _(
        "That offset stays the same all year. If your clocks change for summer time, "
        "send your city instead (for example /timezone Berlin) and I'll follow the changes."
    )


def timezone_not_an_answer() -> str:
    """A yes or no typed where a place is asked for."""
    return _(
        "To time your reminders I need to know where you are. Type your city (like Berlin or "
        "New York), a time zone like Europe/Berlin, or an offset like +01:00. Or tap “Share my "
        "location” below."
    )


def place_not_found(query: str) -> str:
    return _(
        "I couldn't find a place called “{query}”. Try your nearest big city, "
        "a time zone like Europe/Berlin, or an offset like +01:00.",
        query=query,
    )


def place_did_you_mean(query: str) -> str:
    return _(
        "I couldn't find a place called “{query}”. Did you mean one of these? "
        "Or type a time zone like Europe/Berlin or an offset like +01:00.",
        query=query,
    )


def place_ambiguous(query: str, example: str) -> str:
    return _(
        "There's more than one “{query}”. Which one is yours? "
        "You can also type the state or country with it, like “{example}”.",
        query=query,
        example=example,
    )


def abbreviation_ambiguous(query: str) -> str:
    return _(
        "“{query}” means different time zones in different places. Which one is yours? "
        "Or type your city.",
        query=query,
    )


def with_time_now(label: str, now_there: datetime) -> str:
    """A zone to pick, with the time there now, so the right one is easy to tell."""
    return pgettext(
        "button", "{label}: {local_time} now", label=label, local_time=clock_time(now_there)
    )


def all_year_utc_label() -> str:
    return pgettext("button", "GMT all year, no summer time (UTC)")


def country_has_several_zones(query: str) -> str:
    return _(
        "{query} has more than one time zone. Which one is yours? Or type your city.",
        query=query,
    )


def offset_not_in_use(query: str) -> str:
    return _(
        "No place uses “{query}” as its offset right now. Offsets run from -12:00 to "
        "+14:00, like +01:00, -05:00 or +05:30. Or type your city.",
        query=query,
    )


def location_unknown() -> str:
    return _(
        "I couldn't tell the time zone of that location. Please type your city, "
        "or a time zone like Europe/Berlin."
    )


def retype_timezone() -> str:
    return _(
        "Sorry about that. Type your city (like Chicago or Manila), a time zone like "
        "America/Chicago, or an offset like -06:00, and I'll check the time with you again."
    )


# ---------------------------------------------------------------- reminder time


def ask_time() -> str:
    return _(
        "What time should I remind you each night? Most people take LDN at bedtime, "
        "between 21:00 and midnight. Tap a time, or type one like 22:15."
    )


def other_time_button() -> str:
    return pgettext("button", "Other time…")


def type_time() -> str:
    return _("Type the time you'd like, like 22:15 or 10:15 pm.")


def time_set(moment: time) -> str:
    return _("Reminder time set: {clock}.", clock=clock_time(moment))


def outside_bedtime_note() -> str:
    return _(
        "Just so you know: LDN is usually taken at bedtime, between 21:00 and midnight, so its "
        "short blocking effect falls while you sleep. If your prescriber suggested another time, "
        "that's fine — I'll remind you when you chose."
    )


def time_not_understood(text: str) -> str:
    return _(
        "I couldn't read “{text}” as a time. Please type it like 22:00, 22:30 or 10:30 pm, "
        "or tap one of these times.",
        text=text,
    )


def morning_or_evening(text: str) -> str:
    return _("Which time do you mean by “{text}”?", text=text)


# ---------------------------------------------------------------- form


def ask_form() -> str:
    return _("Which form of LDN do you have?")


def capsule_button() -> str:
    return pgettext("button", "Capsules")


def liquid_button() -> str:
    return pgettext("button", "Liquid")


def form_name(form: str | None, mg_per_ml: str) -> str | None:
    """'capsules', 'liquid, 2 mg per mL', or None when not set."""
    if form == "liquid":
        return _("liquid, {strength} mg per mL", strength=mg_per_ml)
    if form == "capsule":
        return _("capsules")
    return None


def form_set(form: str, mg_per_ml: str = "1") -> str:
    if form == "liquid":
        return _(
            "Form set: liquid, {strength} mg per mL. I'll show each dose in mL too, worked "
            "out at {strength} mg per mL. If your bottle's label says another strength, "
            "send it like /strength 2.",
            strength=mg_per_ml,
        )
    return _("Form set: capsules.")


def ask_strength() -> str:
    return _(
        "What strength is your LDN liquid? Type the mg per mL from your bottle's label, "
        "like 1 or 2.5."
    )


def strength_set(mg_per_ml: str, on_liquid: bool) -> str:
    if on_liquid:
        return _(
            "Liquid strength set: {strength} mg per mL. I'll work out each dose in mL from it.",
            strength=mg_per_ml,
        )
    return _(
        "Liquid strength set: {strength} mg per mL. I'll work out each dose in mL from it. "
        "It's used when you take the liquid (/form liquid).",
        strength=mg_per_ml,
    )


def form_not_understood() -> str:
    return _("Please choose capsule or liquid, like /form capsule or /form liquid.")


def form_not_understood_tap(text: str) -> str:
    """A form answer not understood, with the two forms as buttons under it."""
    return _(
        "I couldn't read “{text}” as a form. Is your LDN in capsules or a liquid? Please tap "
        "one below.",
        text=text,
    )


# ---------------------------------------------------------------- plan


def ask_plan(standard: str) -> str:
    return _(
        "Which plan did your prescriber give you?\n\n"
        "• Standard: {standard}\n"
        "• Gentle start: from 0.5 mg, in smaller and slower steps (my example schedule)\n"
        "• Fixed dose: the same dose every night\n"
        "• Custom: your own steps\n\n"
        "I'll never raise your dose on my own — when a step is due, I'll ask you first.",
        standard=standard,
    )


# The plan names, by kind (a table of labels: translated where they are shown).
PLAN_NAMES = {
    "standard": N_("Standard"),
    "gentle": N_("Gentle start"),
    "fixed": N_("Fixed dose"),
    "custom": N_("Custom"),
}


def plan_name(kind: str) -> str:
    return _(PLAN_NAMES[kind])


def plan_button(kind: str) -> str:
    if kind == "custom":
        return pgettext("button", "Custom steps")
    return plan_name(kind)


def dose_button(mg: str) -> str:
    return pgettext("button", "{mg} mg", mg=mg)


def ask_fixed_dose() -> str:
    return _("What dose did your prescriber give you? Tap one, or type it in mg (for example 2.5).")


def ask_custom_steps() -> str:
    return _(
        "Type your steps as dose × weeks, with the last dose open-ended. For example:\n"
        "0.5x2 1x2 1.5x2 3\n"
        "means 0.5 mg for 2 weeks, 1 mg for 2 weeks, 1.5 mg for 2 weeks, then 3 mg."
    )


def plan_set(kind: str, description: str) -> str:
    return _("Plan set: {name} — {description}.", name=plan_name(kind), description=description)


def plan_not_understood(text: str) -> str:
    return _(
        "I couldn't read “{text}” as a plan. You can write /plan standard, /plan gentle, "
        "/plan fixed 3, or /plan custom 0.5x2 1x2 1.5 — or just /plan to choose with buttons.",
        text=text,
    )


def plan_not_understood_tap(text: str) -> str:
    """A plan answer not understood, with the plans as buttons under it."""
    return _(
        "I couldn't read “{text}” as a plan. Please tap the one your prescriber gave you "
        "below, or type it, like “standard”, “gentle” or “fixed 3”.",
        text=text,
    )


def plan_unknown(standard: str) -> str:
    """For a patient who doesn't know their plan: where to find it; never a dose from us."""
    return _(
        "That's fine — you don't need to know it by heart. Your plan is on your prescription "
        "or the pharmacy label, and your prescriber or pharmacist can tell you.\n\n"
        "The usual plan in the LDN guide is the standard one: {standard}, moving up a step "
        "only if the dose before it suits you. Only your prescriber decides your dose.\n\n"
        "You can choose a plan below now and change it any time in /settings.",
        standard=standard,
    )


def capsules_on_gentle() -> str:
    """For a capsule user on the gentle plan, whose small steps the usual capsules may not
    match."""
    return _(
        "About capsules on this plan: the guide names 1.5, 3 and 4.5 mg capsules, and the "
        "liquid for very small doses, so steps like 0.5, 1 or 2 mg may need the liquid or "
        "capsules made up for them. Your prescriber and pharmacy can tell you what fits."
    )


def lower_next_dose(before: str, after: str, when: str) -> str:
    return _(
        "Please note: with this change your next dose is {after} mg ({when}), lower than the "
        "{before} mg you had. If that isn't what your prescriber told you, change it back "
        "with /plan or /startdate before then.",
        before=before,
        after=after,
        when=when,
    )


def plan_description(plan: Plan) -> str:
    """The plan as a patient reads it: '1.5 mg weeks 1–2 → 3 mg weeks 3–4 → 4.5 mg from
    week 5' ('1,5 mg …' in Spanish and German)."""
    if len(plan.steps) == 1:
        text = _("{mg} mg every night", mg=number(plan.steps[0].mg))
    else:
        parts = []
        for index, step in enumerate(plan.steps):
            first = plan.first_week_of(index)
            mg = number(step.mg)
            if step.weeks is None:
                parts.append(_("{mg} mg from week {week}", mg=mg, week=first))
            elif step.weeks == 1:
                parts.append(_("{mg} mg week {week}", mg=mg, week=first))
            else:
                parts.append(
                    _(
                        "{mg} mg weeks {first}–{last}",
                        mg=mg,
                        first=first,
                        last=first + step.weeks - 1,
                    )
                )
        text = pgettext("between plan steps", " → ").join(parts)
    if plan.kind == "gentle":
        text = _(
            "{steps} (an example of a slower start for sensitive people; "
            "your prescriber sets your actual plan)",
            steps=text,
        )
    return text


def _custom_example() -> str:
    return _("For example: 0.5x2 1x2 1.5x2 3 (mg × weeks, the last dose without weeks).")


def plan_problem(problem: PlanError) -> str:
    """Why a typed dose, plan or liquid strength can't be used, in the patient's words."""
    values = {k: number(v) if isinstance(v, Decimal) else v for k, v in problem.values.items()}
    match problem.reason:
        case PlanReason.DOSE_NOT_A_NUMBER:
            return _(
                "I couldn't read “{value}” as a dose. Please write it in mg, like 1.5.", **values
            )
        case PlanReason.DOSE_OUT_OF_RANGE:
            return _(
                "I can only keep track of doses between {low} and {high} mg, so I can't use "
                "{value} mg here. That's a limit of this bot, not a comment on your "
                "prescription: your prescriber's dose is the one to follow. If you meant a "
                "dose in that range, type it in mg, like 1.5.",
                **values,
            )
        case PlanReason.DOSE_TOO_PRECISE:
            return _("Please give the dose with at most two decimals, like 1.5 or 0.25 mg.")
        case PlanReason.NO_STEPS:
            return _(
                "Please write your plan as doses and weeks. {example}", example=_custom_example()
            )
        case PlanReason.TOO_MANY_STEPS:
            return _(
                "A plan can have at most {most} steps. {example}",
                example=_custom_example(),
                **values,
            )
        case PlanReason.STEP_NOT_READ:
            return _(
                "I couldn't read “{value}” as a step. {example}",
                example=_custom_example(),
                **values,
            )
        case PlanReason.STEP_WITHOUT_WEEKS:
            return _(
                "How many weeks at {mg} mg? Write it like {mg}x2. {example}",
                example=_custom_example(),
                **values,
            )
        case PlanReason.STEP_WEEKS_OUT_OF_RANGE:
            return _(
                "Each step lasts between 1 and {most} weeks. {example}",
                example=_custom_example(),
                **values,
            )
        case PlanReason.STEPS_NOT_RISING:
            return _(
                "Each step should be a higher dose than the one before. {example}",
                example=_custom_example(),
            )
        case PlanReason.STRENGTH_NOT_A_NUMBER:
            return _(
                "I couldn't read “{value}” as a strength. Please type the mg per mL from your "
                "bottle's label, like /strength 1 or /strength 2.5.",
                **values,
            )
        case PlanReason.STRENGTH_OUT_OF_RANGE:
            return _(
                "I can work with strengths between {low} and {high} mg per mL, so I can't use "
                "{value}. Please check the mg per mL on your bottle's label, like /strength 1.",
                **values,
            )
        case PlanReason.STRENGTH_TOO_PRECISE:
            return _("Please give the strength with at most two decimals, like 1 or 2.5.")


# ---------------------------------------------------------------- start date


def ask_start_date() -> str:
    return _(
        "When do you start LDN (or when did you start)? Tap a button, or type a date like "
        "2026-12-01 or 1 Dec."
    )


def today_button() -> str:
    return pgettext("button", "Today")


def tomorrow_button() -> str:
    return pgettext("button", "Tomorrow")


def already_taking_button() -> str:
    return pgettext("button", "I already take LDN")


def ask_current_dose() -> str:
    return _(
        "Good to know. What dose do you take each night now? Tap it, or type it in mg "
        "(for example 2.5)."
    )


def ask_started_on() -> str:
    return _(
        "And when did you start LDN? Type the date like 2026-03-01 or 1 Mar — a date long "
        "ago is fine — or tap “Not sure”."
    )


def not_sure_button() -> str:
    return pgettext("button", "Not sure")


def current_dose_set(mg: str) -> str:
    return _(
        "Noted: you take {mg} mg now. Your reminders start at {mg} mg, and I won't suggest a "
        "change on my own.",
        mg=mg,
    )


def current_dose_on_plan(mg: str) -> str:
    return _(
        "Noted: you take {mg} mg now, so your reminders go on from there in your plan. "
        "When the next step is due, I'll ask you first.",
        mg=mg,
    )


def day(when: date) -> str:
    """'Wed 25 Nov 2026'."""
    return weekday_day_month_year(when)


def start_date_set(start: date, is_today: bool) -> str:
    if is_today:
        return _("Start date set: {day} (today).", day=day(start))
    return _("Start date set: {day}.", day=day(start))


def start_date_unknown() -> str:
    """For a patient who doesn't know what to answer at the start date question."""
    return _(
        "No problem. The start date is the night you take your first LDN dose, at bedtime. "
        "I count your plan's weeks from it, so each step comes at the right time.\n\n"
        "Not started yet? Pick the night you'll take the first dose — tonight if you have "
        "your LDN at home, or tomorrow. Already taking it? Tap “I already take LDN”.\n\n"
        "You can change this any time in /settings."
    )


def started_on_unknown() -> str:
    """For a patient already on LDN who doesn't remember when they started."""
    return _(
        "That's fine — a rough date is enough, like 1 Mar or 2026-03-01. If you don't "
        "remember at all, tap “Not sure” and I'll count from today."
    )


def start_not_understood(text: str) -> str:
    return _(
        "I couldn't read “{text}” as a date. Please type it like 2026-03-01, 1 Mar or "
        "3 weeks ago, or tap “Not sure”.",
        text=text,
    )


def date_not_understood(text: str) -> str:
    return _(
        "I couldn't read “{text}” as a date. Please type it like 2026-12-01, 1 Dec or "
        "3 weeks ago, or tap Today or Tomorrow.",
        text=text,
    )


def start_date_too_late(start: date) -> str:
    return _(
        "{day} is more than a year away. Please type a date within the next year.",
        day=day(start),
    )


def start_date_too_early(start: date) -> str:
    return _(
        "{day} is more than 30 years ago. Please check the year, or type a more recent date.",
        day=day(start),
    )


# ---------------------------------------------------------------- next reminder


def reminder_with_defaults(when: str, dose: str, kind: str, form: str) -> str:
    return _(
        "{when} I'll remind you: {dose}. "
        "{plan} plan from today, as {form}; change with /plan, /form or /settings.",
        when=when[:1].upper() + when[1:],
        dose=dose,
        plan=plan_name(kind),
        form=form,
    )


def defaults_without_reminder(kind: str, form: str) -> str:
    return _(
        "{plan} plan from today, as {form}; change with /plan, /form or /settings.",
        plan=plan_name(kind),
        form=form,
    )


def reminders_on_hold(reason: str) -> str:
    return _(
        "Your reminders are on hold for now ({reason}); /settings shows everything.",
        reason=reason,
    )


def next_reminder(when: str) -> str:
    return _("Next reminder: {when}.", when=when)


def dose(mg: str, ml: str | None) -> str:
    if ml is None:
        return _("{mg} mg", mg=mg)
    return _("{mg} mg ({ml} mL)", mg=mg, ml=ml)


# ---------------------------------------------------------------- /settings


def summary_title() -> str:
    return _("Your settings:")


def not_set() -> str:
    return _("not set yet")


def summary_footer() -> str:
    return _("Tap a button to change something.")


def all_set() -> str:
    return _("You're all set. Here's what I have; you can change any of it with /settings.")


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
        _("• Time zone: {zone}", zone=zone),
        _("• Reminder time: {time}", time=reminder_time),
        _("• Form: {form}", form=form),
        _("• Plan: {plan}", plan=plan),
        _("• Start date: {day}", day=start_date),
        _("• Reminders: {state}", state=reminders),
    ]


def plan_summary(kind: str, description: str) -> str:
    return _("{name} — {description}", name=plan_name(kind), description=description)


def zone_with_time(zone: str, now_there: datetime) -> str:
    return _("{zone}, {local_time} there now", zone=zone, local_time=clock_time(now_there))


def reminders_on(when: str) -> str:
    return _("on — next {when}", when=when)


def reminders_paused() -> str:
    return _("paused — send /resume to restart them")


def reminders_not_set_up() -> str:
    return _("off until your time zone and reminder time are set")


def reminders_on_hold_state() -> str:
    return _("on hold for now (see your safety answers)")


# The /settings buttons, by what they change (a table of labels).
SETTING_BUTTONS = {
    "tz": N_("Time zone"),
    "time": N_("Reminder time"),
    "form": N_("Form"),
    "strength": N_("Liquid strength"),
    "plan": N_("Plan"),
    "start": N_("Start date"),
}


def setting_button(setting: str) -> str:
    return _(SETTING_BUTTONS[setting])


def safety_button() -> str:
    return pgettext("button", "Safety answers")


def language_line(language: str) -> str:
    return _("• Language: {language}", language=language)


def language_button() -> str:
    return pgettext("button", "Language")


def refill_button() -> str:
    return pgettext("button", "Refill count")


# An answer button pressed after the setting changed (an alert: at most 200 characters).
def changed_since() -> str:
    return _(
        "This setting has changed since this question was asked, so I didn't change anything. "
        "Open /settings to see it and change it."
    )


def start_date_changed_since() -> str:
    return _(
        "This question was asked on another day or before your start date changed, so I "
        "didn't change anything. Open /settings to set your start date."
    )
