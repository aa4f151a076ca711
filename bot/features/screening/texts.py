"""What the bot says in the safety questions. Informs and points to the prescriber; never
diagnoses or forbids."""

from __future__ import annotations

OPIOID_EXAMPLES = (
    "tramadol, codeine, oxycodone, morphine, hydrocodone, fentanyl, methadone or buprenorphine"
)

INTRO = (
    "A few quick safety questions before your reminders start. They're about things the LDN "
    "guide says to check with your prescriber. Your answers stay here, and you can change "
    "them any time in /settings."
)

QUESTIONS = {
    "opioids": (
        "Do you currently take any opioid medicine? For example "
        f"{OPIOID_EXAMPLES} — including painkillers that contain them."
    ),
    "liver": "Do you have liver disease, or has a doctor told you your liver needs watching?",
    "pregnancy": "Are you pregnant, or trying to conceive?",
    "immunosuppressants": (
        "Do you take a medicine that suppresses the immune system (an immunosuppressant)?"
    ),
    "autoimmune": (
        "Last one: is the condition you take LDN for an autoimmune condition "
        "(for example MS, Crohn's, rheumatoid arthritis, lupus or Hashimoto's)? "
        "It helps me tell you what to expect, and when."
    ),
}

LABELS = {
    "opioids": "Opioid medicines",
    "opioids_cleared": "Prescriber cleared you to start",
    "liver": "Liver disease",
    "pregnancy": "Pregnant or trying to conceive",
    "immunosuppressants": "Immunosuppressants",
    "autoimmune": "Autoimmune condition",
}

YES = "Yes"
NO = "No"
NOT_SURE = "Not sure"

# Shown after a "yes": short, from the guide, pointing to the prescriber.
EXPLAIN_YES = {
    "opioids": (
        "Thanks for telling me. This one matters: LDN blocks opioid receptors, so taking it "
        "while opioids are still in your body can bring on opioid withdrawal. The guide says "
        "opioids need to be stopped for at least 7–10 days before the first dose of LDN. "
        "Please don't stop any medicine on your own — plan it with your prescriber."
    ),
    "liver": (
        "Thanks. The guide lists significant liver disease among the reasons for caution with "
        "LDN: if it is used, it is with care and monitoring. Please make sure your prescriber "
        "knows about your liver. I'll also remind you about liver blood tests."
    ),
    "pregnancy": (
        "Thanks. The guide says LDN's safety in pregnancy has not been established, so please "
        "talk it through with your prescriber before you start, or as soon as you can."
    ),
    "immunosuppressants": (
        "Thanks. The guide suggests discussing possible interactions between LDN and "
        "immunosuppressant medicines with your prescriber, so please check with them."
    ),
}

SAVED = "Got it, saved."

CLEARANCE_QUESTION = (
    "Before your first dose, one more check about opioids.\n\n"
    "If LDN is taken while opioids are still in the body, it can bring on opioid withdrawal "
    "(sweating, shaking, stomach upset, feeling very unwell). That's why the guide says "
    "opioids should be stopped for at least 7–10 days before starting LDN.\n\n"
    "Has your prescriber cleared you to start LDN?"
)
CLEARED_BUTTON = "My prescriber has cleared me to start"
NOT_YET_BUTTON = "Not yet"

CLEARED = (
    "Thank you. Your reminders can start as planned. If you take an opioid again in the "
    "future, please talk to your prescriber before your next LDN dose."
)
NOT_CLEARED = (
    "Okay. I'll hold your reminders for now, so nothing prompts you to take LDN before "
    "you're cleared. Once your prescriber says you can start, open /settings → Safety answers "
    "and tap “Prescriber cleared you to start”, and your reminders will begin."
)

REVIEW_TITLE = "Your safety answers (tap one to change it):"
NOT_ANSWERED = "not answered"
REMINDERS_HELD = (
    "Your reminders are on hold until you confirm your prescriber has cleared you to start."
)
HELD_AT_END_OF_SETUP = (
    "One thing to remember: your reminders are on hold until you confirm your prescriber has "
    "cleared you to start. When they have, tap “Safety answers” below (or find it in /settings)."
)
REVIEW_FOOTER = "These answers don't change your prescription — your prescriber decides."
BACK_TO_REVIEW = "Safety answers"


def answer_word(answer: bool | None) -> str:
    if answer is None:
        return NOT_SURE
    return YES if answer else NO


# Carried by a reminder while the opioid question is still unanswered.
OPIOID_CAUTION = (
    "Before your first dose: if you take any opioid medicine (such as tramadol, codeine or "
    "oxycodone), wait until your prescriber has cleared you to start — LDN can bring on "
    "opioid withdrawal. You can answer the safety questions with /settings."
)

# An answer button pressed after the answers changed (shown as an alert: at most 200 characters).
ANSWERED_SINCE = (
    "You've answered this since this message was sent, so I kept your current answer. "
    "To change it, open /settings."
)
NOTHING_TO_CLEAR = (
    "Your answers have changed since this message: you no longer say you take opioids, "
    "so there is nothing to clear. Nothing was changed."
)
OUTDATED_BUTTON = (
    "This button is from an older version of the question, so I didn't change anything. "
    "To see or change your answers, open /settings."
)
