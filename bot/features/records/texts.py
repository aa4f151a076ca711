"""What the bot says about a patient's record: /stats, /report, /export and /delete, and
the words printed in the PDF report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.domain.adherence import Adherence, Counts
from bot.domain.plans import format_mg
from bot.domain.titration import Tonight

# ---------------------------------------------------------------- /stats

NOT_SET_UP = "I don't have anything stored about you yet. Type /start to set up your reminders."

NO_HISTORY = (
    "Nothing to chart yet — that's normal at the start. Once you've answered a few "
    "reminders (taken or skipped) or done a check-in, /stats will show your nights, your dose "
    "and how you've been feeling."
)

CHART_CAPTION = "Your nights, dose, side effects and symptom score. Recorded by you."

OUTCOME_NAMES = {"taken": "taken", "skipped": "skipped", "missed": "missed"}


def _counts_line(label: str, counts: Counts) -> str:
    if counts.decided == 0:
        return f"{label}: nothing recorded"
    return (
        f"{label}: {counts.percent_taken}% taken "
        f"({counts.taken} taken, {counts.skipped} skipped, {counts.missed} missed)"
    )


def _tonight_line(tonight: str | None) -> str | None:
    if tonight in OUTCOME_NAMES:
        return f"Tonight: {OUTCOME_NAMES[tonight]}."
    if tonight is not None:
        return "Tonight: not recorded yet."
    return None


def plan_text(plan: str, position: Tonight | None, *, start_date: date | None) -> str:
    """The plan, and where the patient is in it tonight."""
    lines = [f"Your plan: {plan}."]
    if position is None or start_date is None:
        return lines[0]
    if position.week == 0:
        lines.append(f"It starts on {_date(start_date)}.")
        return "\n".join(lines)
    lines.append(f"Now: {format_mg(position.dose_mg)} mg, week {position.week} of your plan.")
    if position.staying_for_good:
        lines.append("You chose to stay on this dose.")
    elif position.offer is not None:
        lines.append(
            f"A step up to {format_mg(position.offer.to_mg)} mg is offered with your reminder — "
            "it's your choice, with your prescriber."
        )
    elif position.next_step_mg is not None and position.next_step_on is not None:
        lines.append(
            f"Next step: {format_mg(position.next_step_mg)} mg can be offered from "
            f"{_date(position.next_step_on)}, if you and your prescriber want it."
        )
    return "\n".join(lines)


def _date(day: date) -> str:
    return f"{day.day} {day:%b}"


def stats_text(adherence: Adherence, *, plan: str, extra: list[str]) -> str:
    """The short text sent before the chart."""
    lines = ["Your LDN record", "", plan, ""]
    lines.append(_counts_line("Last 7 nights", adherence.last_7))
    lines.append(_counts_line("Last 30 nights", adherence.last_30))
    lines.append(_counts_line("Since you started", adherence.since_start))
    streak = adherence.current_streak
    if streak:
        lines.append(f"Current streak: {streak} night{'s' if streak != 1 else ''} taken in a row.")
    tonight = _tonight_line(adherence.tonight)
    if tonight:
        lines.append(tonight)
    if extra:
        lines += ["", *extra]
    lines += ["", "Type /report for a PDF to share with your prescriber."]
    return "\n".join(lines)


def side_effects_line(day: date, reported: list[tuple[str, int]]) -> str:
    """The latest check-in's side effects: (label, severity 0..3) in the guide's order."""
    felt = [(label, level) for label, level in reported if level > 0]
    if not felt:
        return f"Last check-in ({_date(day)}): no side effects."
    parts = [f"{label.lower()} {SEVERITY_WORDS[level]}" for label, level in felt]
    return f"Last check-in ({_date(day)}): " + ", ".join(parts) + "."


def score_line(scores: list[int]) -> str | None:
    """The symptom score now, and at the first check-in to compare."""
    if not scores:
        return None
    if len(scores) == 1:
        return f"Symptom score: {scores[-1]}/10."
    return f"Symptom score: {scores[-1]}/10 now, {scores[0]}/10 at your first check-in."


def format_mg_float(mg: float) -> str:
    return format_mg(Decimal(str(mg)))


SEVERITY_WORDS = ("none", "mild", "moderate", "severe")

# ---------------------------------------------------------------- /report

REPORT_MAKING = "Making your report…"
REPORT_CAPTION = (
    "Your LDN report for your prescriber: plan, doses, adherence, check-ins and screening "
    "answers, as you recorded them here."
)


def report_filename(today: date) -> str:
    return f"ldn-report-{today.isoformat()}.pdf"


PDF_TITLE = "LDN record"
PDF_MARKING = "Patient-recorded data — not a medical record"
PDF_SUBTITLE = (
    "Recorded by the patient in a reminder app (LDN companion). Doses and answers are "
    "as the patient entered them; nothing here was checked by a clinician."
)
PDF_GENERATED = "Generated on {day} ({zone})"
PDF_PAGE = "Page {page}"
PDF_PLAN = "Plan and doses"
PDF_PLAN_LINE = "Titration plan: {plan}"
PDF_START_DATE = "Start date: {day}"
PDF_FORM = "Form: {form}"
PDF_REMINDER = "Reminder time: {time} ({zone})"
PDF_PAUSED = "Reminders are paused."
PDF_DOSE_HISTORY = "Dose history (from the nights recorded)"
PDF_DOSE_COLUMNS = ("From", "To", "Dose (mg)", "Nights")
PDF_DECISIONS = "Step-up decisions"
PDF_DECISION_COLUMNS = ("Date", "Step offered", "Decision")
DECISION_WORDS = {
    "up": "Moved up",
    "stay": "Stayed on the current dose for now",
    "keep": "Chose to stay on this dose",
}
PDF_ADHERENCE = "Adherence"
PDF_ADHERENCE_COLUMNS = ("Period", "Taken", "Skipped", "Missed", "% taken")
PDF_ADHERENCE_ROWS = ("Last 7 nights", "Last 30 nights", "Since the start")
PDF_STREAK = "Current streak: {n} nights taken in a row."
PDF_CHECKINS = "Side-effect check-ins"
PDF_CHECKIN_COLUMNS = ("Date", "Vivid dreams", "Sleep", "Nausea", "Flare", "Score", "Note")
PDF_SEVERITY_SCALE = (
    "Severity: 0 none, 1 mild, 2 moderate, 3 severe. Score: 0 no symptoms – 10 worst."
)
PDF_UNPRINTABLE = (
    "□ marks characters this report's font cannot print; the patient's data export "
    "(/export in the chat) holds the notes in full."
)
PDF_SCREENING = "Safety screening answers"
PDF_SCREENING_COLUMNS = ("Question", "Answer", "Answered on")
PDF_LFT = "Liver function tests (reminders)"
PDF_LFT_COLUMNS = ("Test", "Due", "Reminder sent", "Marked done")
PDF_CHART = "Chart"
PDF_CHART_TITLE = "Patient-recorded LDN data"
PDF_NONE = "Nothing recorded."
YES = "Yes"
NO = "No"
NOT_SURE = "Not sure"
DASH = "—"
FORMS = {"capsule": "capsules", "liquid": "liquid"}


def form_label(form: str, mg_per_ml: str) -> str:
    """'capsules', or 'liquid (2 mg/mL)' at the bottle's strength."""
    return f"liquid ({mg_per_ml} mg/mL)" if form == "liquid" else FORMS.get(form, form)


SCREENING_LABELS = {
    "opioids": "Takes opioid medicines",
    "opioids_cleared": "Prescriber cleared the start (opioids)",
    "liver": "Liver disease",
    "pregnancy": "Pregnant or trying to conceive",
    "immunosuppressants": "Takes immunosuppressants",
    "autoimmune": "Autoimmune condition",
}


def liver_test_name(months: int) -> str:
    return "Baseline" if months == 0 else f"Month {months}"


# ---------------------------------------------------------------- /export

EXPORT_CAPTION = "Everything I store about you, one CSV file per table, in a zip. Times are in UTC."


def export_filename(today: date) -> str:
    return f"ldn-export-{today.isoformat()}.zip"


EXPORT_README = (
    "LDN companion: everything stored about you\n\n"
    "One CSV file per table (UTF-8, comma-separated, first row = column names).\n"
    "Times are in UTC (ISO 8601); local_date columns are dates in your own time zone.\n\n"
    "patients.csv           your settings\n"
    "nights.csv             each bedtime reminder and what you recorded\n"
    "step_decisions.csv     your answers when a higher dose was offered\n"
    "screening_answers.csv  your answers to the safety questions\n"
    "checkins.csv           your side-effect check-ins (0 none .. 3 severe; score 0-10)\n"
    "notices.csv            one-off reminders (liver tests, milestones, refills)\n"
    "faq_questions.csv      questions you asked and how they were answered\n\n"
    "Type /delete in the chat to erase all of it.\n"
)

# ---------------------------------------------------------------- /delete

NOTHING_TO_DELETE = "I don't have anything stored about you, so there's nothing to delete."
DELETE_PROMPT = (
    "This erases everything I store about you: your settings and plan, every night you "
    "recorded, your check-ins and notes, your safety answers, reminders and the questions "
    "you asked. It can't be undone, and your reminders stop.\n\n"
    "If you'd like a copy first, type /export before you confirm."
)
DELETE_YES = "Yes, delete everything"
DELETE_CANCEL = "Cancel"
DELETED = (
    "Done — everything I stored about you is deleted, and I won't send you anything more. "
    "If you ever want to start again, type /start."
)
DELETE_CANCELLED = "Okay, nothing was deleted."
DELETE_EXPIRED = "That button has expired. Type /delete again if you still want to delete."
