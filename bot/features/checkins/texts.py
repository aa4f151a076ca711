"""What the bot says in a side-effect check-in and in its advice, worded from the guide."""

from __future__ import annotations

from collections.abc import Sequence

from bot.i18n import N_, _, pgettext


def opening() -> str:
    return _("A quick check-in about how LDN is going for you (about a minute).")


def question(effect_key: str) -> str:
    if effect_key == "vivid_dreams":
        return _("Since your last dose, have you had vivid dreams or nightmares?")
    if effect_key == "sleep_disturbance":
        return _("Has your sleep been disturbed?")
    if effect_key == "nausea":
        return _("Any nausea?")
    return _("Have the symptoms you take LDN for flared up (got worse)?")


_EFFECT_LABELS = {
    "vivid_dreams": N_("Vivid dreams or nightmares"),
    "sleep_disturbance": N_("Sleep disturbance"),
    "nausea": N_("Nausea"),
    "symptom_flare": N_("Symptom flare"),
}
# Inside a sentence ("You rated nausea as severe").
_EFFECT_NAMES = {
    "vivid_dreams": N_("vivid dreams or nightmares"),
    "sleep_disturbance": N_("sleep disturbance"),
    "nausea": N_("nausea"),
    "symptom_flare": N_("symptom flare"),
}
_SEVERITY_LABELS = (N_("None"), N_("Mild"), N_("Moderate"), N_("Severe"))


def effect_label(effect_key: str) -> str:
    return _(_EFFECT_LABELS[effect_key])


def effect_name(effect_key: str) -> str:
    return _(_EFFECT_NAMES[effect_key])


def severity_label(severity: int) -> str:
    """A severity as a button and as an answer shown above the next question."""
    return _(_SEVERITY_LABELS[severity])


def symptom_score_label() -> str:
    return _("Symptom score")


def out_of_ten(score: int) -> str:
    return _("{score}/10", score=score)


def score_question() -> str:
    return _(
        "Overall, how are the symptoms you take LDN for today? "
        "0 = no symptoms, 10 = the worst they get."
    )


def note_question() -> str:
    return _("Anything else you'd like to note? (Optional)")


def add_note() -> str:
    return pgettext("button", "Add a note")


def no_note() -> str:
    return pgettext("button", "No note")


def skip() -> str:
    return pgettext("button", "Skip this one")


def ask_for_note() -> str:
    return _("Type your note in one message. It's saved with today's check-in.")


def skipped() -> str:
    return _("No problem, skipped. You can check in any time with /checkin.")


def already_done() -> str:
    return _("This check-in is already saved.")


def nothing_to_note() -> str:
    return _("That check-in is already saved, so I didn't add the note.")


def note_saved() -> str:
    return _("Note saved.")


def not_set_up() -> str:
    return _("Let's finish setting you up first — type /start.")


def typed_unclear() -> str:
    """Words typed while a check-in question waits that answer none of its buttons."""
    return _("I couldn't tell which answer you meant, so here's the question again:")


def still_waiting() -> str:
    """After answering a question typed while a check-in question was waiting."""
    return _("When you're ready, here's your check-in again:")


def progress(answers: Sequence[tuple[str, str]]) -> str:
    """The lines already answered, shown above the next question."""
    return "\n".join(_("{label}: {value}", label=label, value=value) for label, value in answers)


# Advice per effect and severity band, from the guide. Each ends pointing to the prescriber
# where a decision is involved.
def advice(key: str) -> str:
    if key == "vivid_dreams":
        return _(
            "Vivid dreams or nightmares are the most common early effect — about 3 to 4 in 10 "
            "people notice them when starting LDN. They usually settle within 2–4 weeks. If they "
            "carry on, ask your prescriber whether taking LDN earlier in the evening, or a lower "
            "dose for a while, would suit you."
        )
    if key == "sleep_disturbance":
        return _(
            "Disturbed sleep tends to go with the dreams and is usually temporary. If it doesn't "
            "settle, mention it to your prescriber."
        )
    if key == "nausea":
        return _(
            "Nausea is uncommon with LDN. Taking your dose with a little food may help. If it "
            "keeps bothering you, let your prescriber know."
        )
    if key == "symptom_flare_early":
        return _(
            "A short flare in the first 1–2 weeks is something some people go through as the "
            "immune system adjusts. It usually passes and, on its own, isn't a reason to stop — "
            "but do tell your prescriber if you're worried."
        )
    return _(
        "The guide describes flares mainly in the first 1–2 weeks. Since you're past that, "
        "please let your prescriber know how you're feeling."
    )


def all_clear() -> str:
    return _("Thanks — no side effects today. That's good to hear.")


def thanks() -> str:
    return _("Thanks for checking in. Here's what the guide says about what you noticed:")


def benefit_takes_time(*, autoimmune: bool) -> str:
    if autoimmune:
        return _(
            "About benefit: with an autoimmune condition, the full effect can take 3–6 months of "
            "steady nightly use, so try not to judge LDN in the first few weeks."
        )
    return _(
        "About benefit: most people need 4–12 weeks of steady nightly use before they notice a "
        "real change (autoimmune conditions can take 3–6 months), so it's too early to judge in "
        "the first few weeks."
    )


def prescriber() -> str:
    return _("Anything about your dose is for you and your prescriber to decide.")


def score_line(score: int, previous: int | None) -> str:
    if previous is None:
        return _(
            "Today's symptom score: {score}/10. I'll keep track so you can see the trend.",
            score=score,
        )
    return _(
        "Today's symptom score: {score}/10 (last time: {previous}/10).",
        score=score,
        previous=previous,
    )


def severe_note(effect_keys: Sequence[str], emergency_number: str) -> str:
    names = ", ".join(effect_name(key) for key in effect_keys)
    return _(
        "You rated {names} as severe. Please contact your prescriber promptly to talk it "
        "through. If it feels like an emergency, call {number} now.",
        names=names,
        number=emergency_number,
    )


def step_hold(effect_key: str) -> str:
    return _(
        "Because you reported {effect} at a moderate or severe level, I won't offer your next "
        "step up for now — moving up while side effects are strong is not the usual approach. "
        "Your prescriber can advise whether to stay on this dose, step down, or try the step "
        "again later.",
        effect=effect_name(effect_key),
    )


def already_answered() -> str:
    return _("You've answered that one already, so I kept your first answer.")
