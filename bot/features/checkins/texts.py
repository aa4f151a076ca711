"""What the bot says in a side-effect check-in and in its advice, worded from the guide."""

from __future__ import annotations

from bot.domain.side_effects import SideEffect

OPENING = "A quick check-in about how LDN is going for you (about a minute)."

QUESTIONS = {
    "vivid_dreams": "Since your last dose, have you had vivid dreams or nightmares?",
    "sleep_disturbance": "Has your sleep been disturbed?",
    "nausea": "Any nausea?",
    "symptom_flare": "Have the symptoms you take LDN for flared up (got worse)?",
}
SEVERITY_LABELS = ("None", "Mild", "Moderate", "Severe")
SCORE_QUESTION = (
    "Overall, how are the symptoms you take LDN for today? "
    "0 = no symptoms, 10 = the worst they get."
)
NOTE_QUESTION = "Anything else you'd like to note? (Optional)"
ADD_NOTE = "Add a note"
NO_NOTE = "No note"
SKIP = "Skip this one"
ASK_FOR_NOTE = "Type your note in one message. It's saved with today's check-in."
SKIPPED = "No problem, skipped. You can check in any time with /checkin."
ALREADY_DONE = "This check-in is already saved."
NOTHING_TO_NOTE = "That check-in is already saved, so I didn't add the note."
NOTE_SAVED = "Note saved."
CHECKINS_OFF = "Check-ins are switched off on this bot."
NOT_SET_UP = "Let's finish setting you up first — type /start."


def progress(answers: list[tuple[str, str]]) -> str:
    """The lines already answered, shown above the next question."""
    return "\n".join(f"{label}: {value}" for label, value in answers)


# Advice per effect and severity band, from the guide. Each ends pointing to the prescriber
# where a decision is involved.
ADVICE = {
    "vivid_dreams": (
        "Vivid dreams or nightmares are the most common early effect — about 3 to 4 in 10 "
        "people notice them when starting LDN. They usually settle within 2–4 weeks. If they "
        "carry on, ask your prescriber whether taking LDN earlier in the evening, or a lower "
        "dose for a while, would suit you."
    ),
    "sleep_disturbance": (
        "Disturbed sleep tends to go with the dreams and is usually temporary. If it doesn't "
        "settle, mention it to your prescriber."
    ),
    "nausea": (
        "Nausea is uncommon with LDN. Taking your dose with a little food may help. If it keeps "
        "bothering you, let your prescriber know."
    ),
    "symptom_flare_early": (
        "A short flare in the first 1–2 weeks is something some people go through as the "
        "immune system adjusts. It usually passes and, on its own, isn't a reason to stop — "
        "but do tell your prescriber if you're worried."
    ),
    "symptom_flare_later": (
        "The guide describes flares mainly in the first 1–2 weeks. Since you're past that, "
        "please let your prescriber know how you're feeling."
    ),
}

ALL_CLEAR = "Thanks — no side effects today. That's good to hear."
THANKS = "Thanks for checking in. Here's what the guide says about what you noticed:"
BENEFIT_TAKES_TIME = (
    "About benefit: most people need 4–12 weeks of steady nightly use before they notice a "
    "real change (autoimmune conditions can take 3–6 months), so it's too early to judge in "
    "the first few weeks."
)
BENEFIT_TAKES_TIME_AUTOIMMUNE = (
    "About benefit: with an autoimmune condition, the full effect can take 3–6 months of "
    "steady nightly use, so try not to judge LDN in the first few weeks."
)
PRESCRIBER = "Anything about your dose is for you and your prescriber to decide."


def score_line(score: int, previous: int | None) -> str:
    if previous is None:
        return f"Today's symptom score: {score}/10. I'll keep track so you can see the trend."
    return f"Today's symptom score: {score}/10 (last time: {previous}/10)."


def severe_note(effects: list[SideEffect], emergency_number: str) -> str:
    names = ", ".join(e.label.lower() for e in effects)
    return (
        f"You rated {names} as severe. Please contact your prescriber promptly to talk it "
        f"through. If it feels like an emergency, call {emergency_number} now."
    )


def step_hold(effect: SideEffect) -> str:
    return (
        f"Because you reported {effect.label.lower()} at a moderate or severe level, I won't "
        "offer your next step up for now — moving up while side effects are strong is not "
        "the usual approach. Your prescriber can advise whether to stay on this dose, step "
        "down, or try the step again later."
    )


ALREADY_ANSWERED = "You've answered that one already, so I kept your first answer."
