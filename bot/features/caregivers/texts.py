"""What the bot says to a patient about their caregivers, and to a caregiver."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from bot.i18n import N_, _, clock_time, ngettext, pgettext, weekday_day_month

# ------------------------------------------------------------------ names


def patient_called(name: str | None) -> str:
    return name or _("the person who invited you")


def caregiver_called(name: str | None) -> str:
    return name or _("your caregiver")


# ------------------------------------------------------------------ the patient's side


def not_set_up() -> str:
    return _("Let's set you up first — type /start.")


def caregivers_intro() -> str:
    return _(
        "A caregiver — a family member or a friend — can follow your nights in their own "
        "chat with me: they see whether each night's dose was recorded and get a short "
        "message when a night goes unrecorded. They don't see your notes, and they see your "
        "check-ins only if you allow it. You can remove them at any time."
    )


def no_caregivers() -> str:
    return _("Nobody follows your nights yet.")


def caregivers_heading() -> str:
    return _("Following your nights:")


def caregiver_line(name: str | None, since: date, shares_checkins: bool) -> str:
    if shares_checkins:
        return _(
            "• {name}, since {date} — sees your nights and your check-in answers",
            name=caregiver_called(name),
            date=weekday_day_month(since),
        )
    return _(
        "• {name}, since {date} — sees your nights",
        name=caregiver_called(name),
        date=weekday_day_month(since),
    )


def pending_line(expires: datetime) -> str:
    return _(
        "• an invitation not used yet (valid until {date} {time})",
        date=weekday_day_month(expires),
        time=clock_time(expires),
    )


def invite_button() -> str:
    return pgettext("button", "➕ Invite a caregiver")


def remove_button(name: str | None) -> str:
    return pgettext("button", "Remove {name}", name=caregiver_called(name))


def cancel_invitation_button() -> str:
    return pgettext("button", "Cancel the open invitation")


def share_button(name: str | None) -> str:
    return pgettext("button", "Show my check-ins to {name}", name=caregiver_called(name))


def unshare_button(name: str | None) -> str:
    return pgettext("button", "Hide my check-ins from {name}", name=caregiver_called(name))


def invitation(link: str, hours: int) -> str:
    return ngettext(
        "Send this link to the person who should follow your nights. It works once, within "
        "{n} hour:\n{link}\n\nWhen they open it, they'll see whether you recorded each "
        "night's dose and get a short message if a night goes unrecorded. Not your notes, "
        "and not your check-ins unless you allow it in /caregivers. An earlier link nobody "
        "opened no longer works.",
        "Send this link to the person who should follow your nights. It works once, within "
        "{n} hours:\n{link}\n\nWhen they open it, they'll see whether you recorded each "
        "night's dose and get a short message if a night goes unrecorded. Not your notes, "
        "and not your check-ins unless you allow it in /caregivers. An earlier link nobody "
        "opened no longer works.",
        hours,
        link=link,
    )


def caregiver_joined(name: str | None) -> str:
    return _(
        "{name} opened your invitation and now follows your nights. "
        "See or remove your caregivers with /caregivers.",
        name=caregiver_called(name),
    )


def caregiver_left(name: str | None) -> str:
    return _("{name} no longer follows your nights.", name=caregiver_called(name))


def removed(name: str | None) -> str:
    return _("Removed: {name} no longer follows your nights.", name=caregiver_called(name))


def invitation_cancelled() -> str:
    return _("Cancelled: that invitation link no longer works.")


def sharing_on(name: str | None) -> str:
    return _(
        "{name} can now see your check-in answers (how you rated side effects and "
        "symptoms). Your notes stay private.",
        name=caregiver_called(name),
    )


def sharing_off(name: str | None) -> str:
    return _("{name} no longer sees your check-in answers.", name=caregiver_called(name))


def own_invitation() -> str:
    return _(
        "That's your own invitation link — send it to the family member or friend who "
        "should follow your nights. It still works for them."
    )


# ------------------------------------------------------------------ the caregiver's side


def invitation_invalid() -> str:
    return _(
        "This invitation link has expired or was already used. Ask for a new one — they can "
        "make it with /caregivers."
    )


def already_following(patient: str | None) -> str:
    return _(
        "You already follow {name}'s nights. Type /caring to see them.",
        name=patient_called(patient),
    )


def welcome_caregiver(patient: str | None) -> str:
    return _(
        "You now follow {name}'s LDN nights. I'll send you a short message when a night's "
        "dose hasn't been recorded by the next morning, and /caring shows their recent "
        "nights.\n\n"
        "I remind and inform; I don't give medical advice. Questions about the dose belong "
        "with their prescriber. You can stop following at any time with /caring.",
        name=patient_called(patient),
    )


def missed_notice(patient: str | None, nights: Sequence[date]) -> str:
    return ngettext(
        "{name} hasn't recorded their LDN dose for the night of {dates}. "
        "A gentle word from you may help — no need to worry about one night.",
        "{name} hasn't recorded their LDN dose for {n} nights: {dates}. "
        "A gentle word from you may help.",
        len(nights),
        name=patient_called(patient),
        dates=", ".join(weekday_day_month(night) for night in nights),
    )


def not_following() -> str:
    return _(
        "You don't follow anyone's nights. When a patient invites you, open the link they send you."
    )


def view_button(patient: str | None) -> str:
    return pgettext("button", "{name}'s nights", name=patient_called(patient))


def leave_button(patient: str | None) -> str:
    return pgettext("button", "Stop following {name}", name=patient_called(patient))


def following_heading() -> str:
    return _("You follow:")


def following_line(patient: str | None, since: date) -> str:
    return _("• {name}, since {date}", name=patient_called(patient), date=weekday_day_month(since))


# What each night looked like, as a caregiver reads it (no dose details).
NIGHT_MARKS = {
    "taken": N_("✅ taken"),
    "skipped": N_("⏭ skipped"),
    "missed": N_("❌ not recorded"),
    "sent": N_("⏳ reminder sent, nothing recorded yet"),
    "sending": N_("⏳ reminder sent, nothing recorded yet"),
}


def nights_heading(patient: str | None) -> str:
    return _("{name}'s recent nights:", name=patient_called(patient))


def night_line(night: date, outcome: str) -> str:
    mark = NIGHT_MARKS.get(outcome)
    return _(
        "{date}: {mark}",
        date=weekday_day_month(night),
        mark=_(mark) if mark else _("no reminder"),
    )


def no_nights_yet() -> str:
    return _("No nights recorded yet.")


def taken_summary(taken: int, counted: int) -> str:
    return ngettext(
        "Taken on {taken} of the last {n} night.",
        "Taken on {taken} of the last {n} nights.",
        counted,
        taken=taken,
    )


SEVERITIES = (N_("none"), N_("mild"), N_("moderate"), N_("severe"))
EFFECT_NAMES = {
    "vivid_dreams": N_("vivid dreams"),
    "sleep_disturbance": N_("sleep disturbance"),
    "nausea": N_("nausea"),
    "symptom_flare": N_("symptom flare"),
}


def checkin_heading(day: date) -> str:
    return _("Latest check-in ({date}):", date=weekday_day_month(day))


def effect_line(effect: str, severity: int) -> str:
    return _(
        "{effect}: {severity}",
        effect=_(EFFECT_NAMES[effect]),
        severity=_(SEVERITIES[max(0, min(severity, 3))]),
    )


def score_line(score: int) -> str:
    return _("symptoms today: {score} out of 10", score=score)


def checkins_private() -> str:
    return _("Their check-ins are private.")


def stopped_following(patient: str | None) -> str:
    return _("You no longer follow {name}'s nights.", name=patient_called(patient))


def removed_by_patient(patient: str | None) -> str:
    return _(
        "{name} has stopped sharing their nights with you, so I won't send you their "
        "updates any more.",
        name=patient_called(patient),
    )


def expired() -> str:
    return _("That button has expired. Type /caring or /caregivers to see where things stand.")
