"""What the bot says about a patient's record: /taken /skip /undo /history, /stats, /report,
/export and /delete, the words printed in the PDF report and the chart, and the headers of the
readable export."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from bot.domain.adherence import Adherence, Counts
from bot.domain.titration import Tonight
from bot.i18n import N_, _, clock_time, day_and_month, full_date, ngettext, number, pgettext
from bot.i18n import weekday_day_month as short_date

# ---------------------------------------------------------------- /taken, /skip


def not_set_up_to_record() -> str:
    return _("Let's finish setting up first, then I can record your doses. Type /start.")


def dose(mg: str, ml: str | None, mg_per_ml: str = "1") -> str:
    if ml:
        return _(
            "{mg} mg ({ml} mL of your {mg_per_ml} mg/mL liquid)",
            mg=mg,
            ml=ml,
            mg_per_ml=mg_per_ml,
        )
    return _("{mg} mg", mg=mg)


def skipped_night(dose_text: str) -> str:
    """A night skipped after the fact (last night): no "tonight" in it."""
    return _(
        "⏭ Skipped ({dose}). That's okay. Just take your usual dose at the next reminder — "
        "don't take extra to make up for it.",
        dose=dose_text,
    )


def nothing_to_skip_on(night: date) -> str:
    return _(
        "The night of {night} is already recorded as taken, so I didn't skip it.",
        night=short_date(night),
    )


def which_night_question(outcome: str, last_night: date, tonight: date) -> str:
    """Asked from noon on, when last night is still unrecorded."""
    if outcome == "skipped":
        return _(
            "Which night are you skipping? From noon on, /skip usually means tonight "
            "({tonight}), but last night ({last_night}) isn't recorded yet.",
            tonight=short_date(tonight),
            last_night=short_date(last_night),
        )
    return _(
        "Which night is this dose for? From noon on, /taken usually means tonight "
        "({tonight}), but last night ({last_night}) isn't recorded yet.",
        tonight=short_date(tonight),
        last_night=short_date(last_night),
    )


def last_night_button(night: date) -> str:
    return pgettext("button", "Last night ({night})", night=short_date(night))


def tonight_button(night: date) -> str:
    return pgettext("button", "Tonight ({night})", night=short_date(night))


def for_last_night(recorded: str, night: date) -> str:
    return _(
        "{recorded}\nThat's for last night ({night}).",
        recorded=recorded,
        night=short_date(night),
    )


def tonight_still_comes(at: datetime) -> str:
    return _("Tonight's reminder still comes at {at}.", at=clock_time(at))


def which_night_expired() -> str:
    return _("That question is out of date. Send /taken or /skip again.")


# ---------------------------------------------------------------- /history and corrections


def history_empty() -> str:
    return _("No nights recorded yet. Your history will fill in after your first reminder.")


def history_title() -> str:
    return _("Your last 14 nights:")


def history_hint() -> str:
    return _("To correct a night, tap its date below.")


# outcome -> how /history shows it
OUTCOME_WORDS = {
    "taken": N_("✅ taken"),
    "skipped": N_("⏭ skipped"),
    "missed": N_("❌ not recorded"),
    "sent": N_("… waiting"),
    "sending": N_("… waiting"),
}


def outcome_word(outcome: str) -> str:
    return _(OUTCOME_WORDS[outcome]) if outcome in OUTCOME_WORDS else outcome


def history_line(
    night: date, dose_text: str, outcome: str, at: datetime | None, *, corrected: bool
) -> str:
    if at is not None and outcome == "taken":
        line = _(
            "{night} — {dose} — {outcome} at {at}",
            night=short_date(night),
            dose=dose_text,
            outcome=outcome_word(outcome),
            at=clock_time(at),
        )
    else:
        line = _(
            "{night} — {dose} — {outcome}",
            night=short_date(night),
            dose=dose_text,
            outcome=outcome_word(outcome),
        )
    return _("{line} (corrected)", line=line) if corrected else line


def night_button(night: date) -> str:
    return pgettext("button", "✏️ {night}", night=short_date(night))


def correct_question(line: str) -> str:
    return _(
        "{line}\n\nWhat happened that night? If you took it, tap the time nearest to when you "
        "did. The change is kept in your record as a correction.",
        line=line,
    )


def set_taken_at_button(at: datetime) -> str:
    return pgettext("button", "✅ {at}", at=clock_time(at))


def set_skipped_button() -> str:
    return pgettext("button", "⏭ Skipped")


def set_missed_button() -> str:
    return pgettext("button", "❌ Not taken")


def keep_as_is_button() -> str:
    return pgettext("button", "Keep as it is")


def corrected(line: str) -> str:
    return _("Corrected: {line}", line=line)


def kept_as_is() -> str:
    return _("Okay, that night stays as it was.")


def correction_expired() -> str:
    return _("That night can no longer be corrected here. Send /history again.")


# ---------------------------------------------------------------- /undo


def nothing_to_undo() -> str:
    return _(
        "There's nothing to undo: you haven't recorded a dose or a check-in in the last day. "
        "To correct an older night, use /history."
    )


def undo_night_question(night: date, what: str) -> str:
    return _(
        "Undo your last record — {what} for the night of {night}?",
        what=outcome_word(what),
        night=short_date(night),
    )


def undo_checkin_question(day: date) -> str:
    return _(
        "Undo your last check-in answers (from {day})? They'll be withdrawn from your "
        "record, and kept only as a correction.",
        day=short_date(day),
    )


def undo_button() -> str:
    return pgettext("button", "Yes, undo it")


def undo_cancel_button() -> str:
    return pgettext("button", "No, keep it")


def undone_night(night: date, now_word: str) -> str:
    return _(
        "Undone. The night of {night} is now: {outcome}.",
        night=short_date(night),
        outcome=now_word,
    )


def undone_reminder_back(at: datetime) -> str:
    return _("Your reminder for tonight is back on, at {at}.", at=clock_time(at))


def undone_still_open() -> str:
    return _("Send /taken or /skip when you know.")


def undone_checkin(day: date) -> str:
    return _("Undone. Your check-in answers from {day} are withdrawn.", day=short_date(day))


def undo_cancelled() -> str:
    return _("Okay, nothing was undone.")


def undo_expired() -> str:
    return _("That can no longer be undone here. Send /undo again, or use /history.")


# ---------------------------------------------------------------- /stats


def not_set_up() -> str:
    return _("I don't have anything stored about you yet. Type /start to set up your reminders.")


def no_history() -> str:
    return _(
        "Nothing to chart yet — that's normal at the start. Once you've answered a few "
        "reminders (taken or skipped) or done a check-in, /stats will show your nights, your "
        "dose and how you've been feeling."
    )


def chart_caption() -> str:
    return _("Your nights, dose, side effects and symptom score. Recorded by you.")


def _counts_line(period: str, counts: Counts) -> str:
    if counts.decided == 0:
        return _("{period}: nothing recorded", period=period)
    return _(
        "{period}: {percent}% taken ({taken} taken, {skipped} skipped, {missed} missed)",
        period=period,
        percent=counts.percent_taken,
        taken=counts.taken,
        skipped=counts.skipped,
        missed=counts.missed,
    )


def _tonight_line(tonight: str | None) -> str | None:
    if tonight == "taken":
        return _("Tonight: taken.")
    if tonight == "skipped":
        return _("Tonight: skipped.")
    if tonight == "missed":
        return _("Tonight: missed.")
    if tonight is not None:
        return _("Tonight: not recorded yet.")
    return None


def plan_text(
    plan: str, position: Tonight | None, *, start_date: date | None, on_hold_for: str | None = None
) -> str:
    """The plan, and where the patient is in it tonight. `on_hold_for`: the side effect that
    holds the step up (the one rule the reminders use), as named in a sentence."""
    lines = [_("Your plan: {plan}.", plan=plan)]
    if position is None or start_date is None:
        return lines[0]
    if position.week == 0:
        lines.append(_("It starts on {day}.", day=day_and_month(start_date)))
        return "\n".join(lines)
    lines.append(
        _(
            "Now: {mg} mg, week {week} of your plan.",
            mg=number(position.dose_mg),
            week=position.week,
        )
    )
    if position.staying_for_good:
        lines.append(_("You chose to stay on this dose."))
    elif position.offer is not None and on_hold_for is not None:
        lines.append(
            _(
                "The step up to {mg} mg is on hold while {effect} settles: your check-ins "
                "reported it as moderate or severe. Your prescriber can advise.",
                mg=number(position.offer.to_mg),
                effect=on_hold_for,
            )
        )
    elif position.offer is not None:
        lines.append(
            _(
                "A step up to {mg} mg is offered with your reminder — it's your choice, with "
                "your prescriber.",
                mg=number(position.offer.to_mg),
            )
        )
    elif position.next_step_mg is not None and position.next_step_on is not None:
        lines.append(
            _(
                "Next step: {mg} mg can be offered from {day}, if you and your prescriber want it.",
                mg=number(position.next_step_mg),
                day=day_and_month(position.next_step_on),
            )
        )
    return "\n".join(lines)


def stats_text(adherence: Adherence, *, plan: str, extra: list[str]) -> str:
    """The short text sent before the chart."""
    lines = [_("Your LDN record"), "", plan, ""]
    if adherence.nights_before_tonight:
        # (the windows end last night: on the first night they would read "nothing recorded"
        # right after the patient tapped Taken)
        lines.append(_counts_line(_("Last 7 nights"), adherence.last_7))
        lines.append(_counts_line(_("Last 30 nights"), adherence.last_30))
    lines.append(_counts_line(_("Since you started"), adherence.since_start))
    streak = adherence.current_streak
    if streak:
        lines.append(
            ngettext(
                "Current streak: {n} night taken in a row.",
                "Current streak: {n} nights taken in a row.",
                streak,
            )
        )
    tonight = _tonight_line(adherence.tonight)
    if tonight:
        lines.append(tonight)
    if extra:
        lines += ["", *extra]
    lines += ["", _("Type /report for a PDF to share with your prescriber.")]
    return "\n".join(lines)


SEVERITY_WORDS = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))


def side_effects_line(day: date, reported: Sequence[tuple[str, int]]) -> str:
    """The latest check-in's side effects: (label, severity 0..3) in the guide's order."""
    felt = [(label, level) for label, level in reported if level > 0]
    if not felt:
        return _("Last check-in ({day}): no side effects.", day=day_and_month(day))
    parts = [
        _("{effect} {severity}", effect=label, severity=_(SEVERITY_WORDS[level]))
        for label, level in felt
    ]
    return _("Last check-in ({day}): {effects}.", day=day_and_month(day), effects=", ".join(parts))


def score_line(scores: list[int]) -> str | None:
    """The symptom score now, and at the first check-in to compare."""
    if not scores:
        return None
    if len(scores) == 1:
        return _("Symptom score: {score}/10.", score=scores[-1])
    return _(
        "Symptom score: {score}/10 now, {first}/10 at your first check-in.",
        score=scores[-1],
        first=scores[0],
    )


def format_mg_float(mg: float) -> str:
    """A dose stored as a float, as the patient's language writes it."""
    return number(Decimal(str(mg)))


# ---------------------------------------------------------------- /report


def report_caption() -> str:
    return _(
        "Your LDN report for your prescriber: plan, doses, adherence, check-ins and screening "
        "answers, as you recorded them here."
    )


def report_filename(today: date) -> str:
    return f"ldn-report-{today.isoformat()}.pdf"


def pdf_title() -> str:
    return _("LDN record")


def pdf_marking() -> str:
    return _("Patient-recorded data — not a medical record")


def pdf_subtitle() -> str:
    return _(
        "Recorded by the patient in a reminder app (LDN companion). Doses and answers are "
        "as the patient entered them; nothing here was checked by a clinician."
    )


def pdf_generated(day: str, zone: str) -> str:
    return _("Generated on {day}, {zone}", day=day, zone=zone)


def pdf_footer(generated: str) -> str:
    return _("LDN record · {generated}", generated=generated)


def percent(value: int) -> str:
    return _("{percent}%", percent=value)


def step_name(number: int, mg: str) -> str:
    """A plan step in the report's decisions table: its number and dose."""
    return _("{number} ({mg} mg)", number=number, mg=mg)


def pdf_page(page: int) -> str:
    return _("Page {page}", page=page)


def pdf_plan() -> str:
    return _("Plan and doses")


def pdf_plan_line(plan: str) -> str:
    return _("Titration plan: {plan}", plan=plan)


def pdf_start_date(day: str) -> str:
    return _("Start date: {day}", day=day)


def pdf_form(form: str) -> str:
    return _("Form: {form}", form=form)


def pdf_reminder(at: datetime | object, zone: str) -> str:
    return _("Reminder time: {time} ({zone})", time=clock_time(at), zone=zone)  # type: ignore[arg-type]


def pdf_paused() -> str:
    return _("Reminders are paused.")


def pdf_dose_history() -> str:
    return _("Dose history (from the nights recorded)")


def pdf_dose_columns() -> tuple[str, ...]:
    return (_("From"), _("To"), _("Dose (mg)"), _("Nights"))


def pdf_decisions() -> str:
    return _("Step-up decisions")


def pdf_decision_columns() -> tuple[str, ...]:
    return (_("Date"), _("Step offered"), _("Decision"))


DECISION_WORDS = {
    "up": N_("Moved up"),
    "stay": N_("Stayed on the current dose for now"),
    "keep": N_("Chose to stay on this dose"),
}


def decision_word(decision: str) -> str:
    return _(DECISION_WORDS[decision]) if decision in DECISION_WORDS else decision


def pdf_adherence() -> str:
    return _("Adherence")


def pdf_adherence_columns() -> tuple[str, ...]:
    return (_("Period"), _("Taken"), _("Skipped"), _("Missed"), _("% taken"))


def pdf_adherence_rows() -> tuple[str, ...]:
    return (_("Last 7 nights"), _("Last 30 nights"), _("Since the start"))


def pdf_streak(n: int) -> str:
    return ngettext(
        "Current streak: {n} night taken in a row.", "Current streak: {n} nights taken in a row.", n
    )


def pdf_checkins() -> str:
    return _("Side-effect check-ins")


def pdf_checkin_columns() -> tuple[str, ...]:
    return (
        _("Date"),
        _("Vivid dreams"),
        _("Sleep"),
        _("Nausea"),
        _("Flare"),
        _("Score"),
        _("Note"),
    )


def pdf_severity_scale() -> str:
    return _("Severity: 0 none, 1 mild, 2 moderate, 3 severe. Score: 0 no symptoms – 10 worst.")


def pdf_unprintable() -> str:
    return _(
        "□ marks characters this report's font cannot print; the patient's data export "
        "(/export in the chat) holds the notes in full."
    )


def pdf_corrections() -> str:
    return _("Corrections made by the patient")


def pdf_correction_columns() -> tuple[str, ...]:
    return (_("Corrected on"), _("Night or check-in"), _("Was"), _("Now"))


def pdf_screening() -> str:
    return _("Safety screening answers")


def pdf_screening_columns() -> tuple[str, ...]:
    return (_("Question"), _("Answer"), _("Answered on"))


def pdf_lft() -> str:
    return _("Liver function tests (reminders)")


def pdf_lft_columns() -> tuple[str, ...]:
    return (_("Test"), _("Due"), _("Reminder sent"), _("Marked done"))


def pdf_chart() -> str:
    return _("Chart")


def pdf_chart_title() -> str:
    return _("Patient-recorded LDN data")


def pdf_none() -> str:
    return _("Nothing recorded.")


def yes() -> str:
    return _("Yes")


def no() -> str:
    return _("No")


def not_sure() -> str:
    return _("Not sure")


DASH = "—"


def form_label(form: str, mg_per_ml: str) -> str:
    """'capsules', or 'liquid (2 mg/mL)' at the bottle's strength."""
    if form == "liquid":
        return _("liquid ({mg_per_ml} mg/mL)", mg_per_ml=mg_per_ml)
    if form == "capsule":
        return _("capsules")
    return form


SCREENING_LABELS = {
    "opioids": N_("Takes opioid medicines"),
    "opioids_cleared": N_("Prescriber cleared the start (opioids)"),
    "liver": N_("Liver disease"),
    "pregnancy": N_("Pregnant or trying to conceive"),
    "immunosuppressants": N_("Takes immunosuppressants"),
    "autoimmune": N_("Autoimmune condition"),
}


def screening_label(topic: str) -> str:
    return _(SCREENING_LABELS[topic]) if topic in SCREENING_LABELS else topic


def liver_test_name(months: int) -> str:
    return _("Baseline") if months == 0 else _("Month {months}", months=months)


# Corrections, as the report and the readable export word them.
CORRECTION_STATES = {
    "taken": N_("taken"),
    "skipped": N_("skipped"),
    "missed": N_("not taken"),
    "sent": N_("not recorded yet"),
    "sending": N_("not recorded yet"),
    "none": N_("no record"),
    "answered": N_("check-in answered"),
    "withdrawn": N_("check-in withdrawn"),
}


def correction_state(state: str) -> str:
    return _(CORRECTION_STATES[state]) if state in CORRECTION_STATES else state


def correction_state_at(state: str, at: datetime | None) -> str:
    if at is not None and state == "taken":
        return _("taken at {at}", at=clock_time(at))
    return correction_state(state)


# ---------------------------------------------------------------- the chart


def chart_title(title: str | None, first: date, last: date) -> str:
    return _(
        "{title}, {first} – {last}",
        title=title or _("Your LDN record"),
        first=full_date(first),
        last=full_date(last),
    )


OUTCOME_LABELS = {"taken": N_("Taken"), "skipped": N_("Skipped"), "missed": N_("Missed")}


def chart_outcome(outcome: str) -> str:
    return _(OUTCOME_LABELS[outcome])


def chart_not_yet() -> str:
    return pgettext("chart", "Not yet")


def chart_no_reminder() -> str:
    """A night with no reminder in the record: paused, or reminders off."""
    return pgettext("chart", "No reminder (paused)")


def chart_nights() -> str:
    return pgettext("chart", "Nights")


def chart_dose() -> str:
    return pgettext("chart", "Dose (mg)")


def chart_dose_label(mg: float) -> str:
    return pgettext("chart", "{mg} mg", mg=number(Decimal(str(mg))))


def chart_no_doses() -> str:
    return pgettext("chart", "No doses recorded yet")


def chart_side_effects() -> str:
    return pgettext("chart", "Side effects")


SEVERITY_LABELS = (N_("None"), N_("Mild"), N_("Moderate"), N_("Severe"))


def chart_severity(level: int) -> str:
    return _(SEVERITY_LABELS[level])


SHORT_EFFECT_LABELS = {
    "vivid_dreams": N_("Vivid dreams"),
    "sleep_disturbance": N_("Sleep"),
    "nausea": N_("Nausea"),
    "symptom_flare": N_("Flare"),
}


def chart_effect(key: str) -> str:
    return _(SHORT_EFFECT_LABELS[key])


def chart_no_checkins() -> str:
    return pgettext("chart", "No check-ins yet")


def chart_no_scores() -> str:
    return pgettext("chart", "No symptom scores yet")


def chart_score() -> str:
    return pgettext("chart", "Symptom score (0 = no symptoms, 10 = the worst)")


def chart_date() -> str:
    return pgettext("chart", "Date")


# ---------------------------------------------------------------- /export


def export_caption() -> str:
    return _(
        "Everything I store about you, in a zip: my-nights.csv and my-checkins.csv to read, "
        "in your time zone, and one CSV file per table of the complete record (times in UTC)."
    )


def export_filename(today: date) -> str:
    return f"ldn-export-{today.isoformat()}.zip"


def export_readme() -> str:
    return _(
        "LDN companion: everything stored about you\n\n"
        "To read, in your own time zone:\n"
        "my-nights.csv          each night: date, reminder time, dose, what happened\n"
        "my-checkins.csv        each check-in: date, side effects, symptom score, note\n\n"
        "The complete record, one CSV file per table (UTF-8, comma-separated, first row = "
        "column names). Times are in UTC (ISO 8601); local_date columns are dates in your "
        "own time zone.\n\n"
        "patients.csv           your settings\n"
        "nights.csv             each bedtime reminder and what you recorded\n"
        "step_decisions.csv     your answers when a higher dose was offered\n"
        "screening_answers.csv  your answers to the safety questions\n"
        "checkins.csv           your side-effect check-ins (0 none .. 3 severe; score 0-10)\n"
        "corrections.csv        corrections you made to your record (/undo, /history)\n"
        "notices.csv            one-off reminders (liver tests, milestones, refills)\n"
        "faq_questions.csv      questions you asked and how they were answered\n\n"
        "Type /delete in the chat to erase all of it.\n"
    )


def readable_nights_columns() -> tuple[str, ...]:
    return (
        _("Night"),
        _("Reminder time"),
        _("Dose"),
        _("What happened"),
        _("Recorded at"),
        _("Corrected"),
    )


def readable_checkins_columns() -> tuple[str, ...]:
    return (
        _("Date"),
        _("Answered at"),
        _("Vivid dreams"),
        _("Sleep"),
        _("Nausea"),
        _("Flare"),
        _("Symptom score (0-10)"),
        _("Note"),
    )


EXPORT_OUTCOMES = {
    "taken": N_("taken"),
    "skipped": N_("skipped"),
    "missed": N_("not taken"),
    "sent": N_("not recorded yet"),
    "sending": N_("not recorded yet"),
}


def export_outcome(outcome: str) -> str:
    return _(EXPORT_OUTCOMES[outcome]) if outcome in EXPORT_OUTCOMES else outcome


def severity_word(level: int | None) -> str:
    return _(SEVERITY_WORDS[level]) if level is not None and 0 <= level < 4 else ""


def recorded_when(moment: datetime, *, same_day: bool) -> str:
    """When a night was recorded: the clock time, with the date if it was another day."""
    if same_day:
        return clock_time(moment)
    return _("{day} {time}", day=short_date(moment.date()), time=clock_time(moment))


def correction_note(before: str, after: str) -> str:
    return _(
        "was {before}, now {after}",
        before=correction_state(before),
        after=correction_state(after),
    )


# ---------------------------------------------------------------- /delete


def nothing_to_delete() -> str:
    return _("I don't have anything stored about you, so there's nothing to delete.")


def delete_prompt() -> str:
    return _(
        "This erases everything I store about you: your settings and plan, every night you "
        "recorded, your check-ins and notes, your safety answers, reminders and the questions "
        "you asked. It can't be undone, and your reminders stop.\n\n"
        "If you'd like a copy first, type /export before you confirm."
    )


def delete_yes() -> str:
    return pgettext("button", "Yes, delete everything")


def delete_cancel() -> str:
    return pgettext("button", "Cancel")


def deleted() -> str:
    return _(
        "Done — everything I stored about you is deleted, and I won't send you anything more. "
        "If you ever want to start again, type /start."
    )


def delete_cancelled() -> str:
    return _("Okay, nothing was deleted.")


def delete_expired() -> str:
    return _("That button has expired. Type /delete again if you still want to delete.")
