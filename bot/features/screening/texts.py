"""What the bot says in the safety questions. Informs and points to the prescriber; never
diagnoses or forbids."""

from __future__ import annotations

from bot.i18n import N_, _, pgettext


def _opioid_examples() -> str:
    return _(
        "tramadol, codeine, oxycodone, morphine, hydrocodone, fentanyl, methadone or buprenorphine"
    )


def intro() -> str:
    return _(
        "A few quick safety questions before your reminders start. They're about things the LDN "
        "guide says to check with your prescriber. Your answers stay here, and you can change "
        "them any time in /settings."
    )


def question(topic: str) -> str:
    """The question about `topic` (not the clearance: see `clearance_question`)."""
    if topic == "opioids":
        return _(
            "Do you currently take any opioid medicine? For example {examples} — including "
            "painkillers that contain them.",
            examples=_opioid_examples(),
        )
    if topic == "liver":
        return _("Do you have liver disease, or has a doctor told you your liver needs watching?")
    if topic == "pregnancy":
        return _("Are you pregnant, or trying to conceive?")
    if topic == "immunosuppressants":
        return _("Do you take a medicine that suppresses the immune system (an immunosuppressant)?")
    return _(
        "Last one: is the condition you take LDN for an autoimmune condition "
        "(for example MS, Crohn's, rheumatoid arthritis, lupus or Hashimoto's)? "
        "It helps me tell you what to expect, and when."
    )


_LABELS = {
    "opioids": N_("Opioid medicines"),
    "opioids_cleared": N_("Prescriber cleared you to start"),
    "liver": N_("Liver disease"),
    "pregnancy": N_("Pregnant or trying to conceive"),
    "immunosuppressants": N_("Immunosuppressants"),
    "autoimmune": N_("Autoimmune condition"),
}


def label(topic: str) -> str:
    return _(_LABELS[topic])


def review_button(topic: str, shown: str) -> str:
    return pgettext("button", "{topic}: {answer}", topic=label(topic), answer=shown)


def yes() -> str:
    return pgettext("button", "Yes")


def no() -> str:
    return pgettext("button", "No")


def not_sure() -> str:
    return pgettext("button", "Not sure")


def explain_yes(topic: str) -> str | None:
    """Shown after a "yes": short, from the guide, pointing to the prescriber."""
    if topic == "opioids":
        return _(
            "Thanks for telling me. This one matters: LDN blocks opioid receptors, so taking it "
            "while opioids are still in your body can bring on opioid withdrawal. The guide says "
            "opioids need to be stopped for at least 7–10 days before the first dose of LDN. "
            "Please don't stop any medicine on your own — plan it with your prescriber."
        )
    if topic == "liver":
        return _(
            "Thanks. The guide lists significant liver disease among the reasons for caution "
            "with LDN: if it is used, it is with care and monitoring. Please make sure your "
            "prescriber knows about your liver. I'll also remind you about liver blood tests."
        )
    if topic == "pregnancy":
        return _(
            "Thanks. The guide says LDN's safety in pregnancy has not been established, so "
            "please talk it through with your prescriber before you start, or as soon as you can."
        )
    if topic == "immunosuppressants":
        return _(
            "Thanks. The guide suggests discussing possible interactions between LDN and "
            "immunosuppressant medicines with your prescriber, so please check with them."
        )
    return None


def saved() -> str:
    return _("Got it, saved.")


def your_answer(answer: bool | None) -> str:
    return _("Your answer: {answer}", answer=answer_word(answer))


def clearance_question(*, doses_taken: bool) -> str:
    """Asked after an opioid "yes"; `doses_taken`: the patient has already recorded a dose."""
    if doses_taken:
        return _(
            "Before your next dose, one more check about opioids.\n\n"
            "If LDN is taken while opioids are still in the body, it can bring on opioid "
            "withdrawal (sweating, shaking, stomach upset, feeling very unwell). That's why the "
            "guide says opioids should be stopped for at least 7–10 days before taking LDN.\n\n"
            "Has your prescriber cleared you to take LDN?"
        )
    return _(
        "Before your first dose, one more check about opioids.\n\n"
        "If LDN is taken while opioids are still in the body, it can bring on opioid withdrawal "
        "(sweating, shaking, stomach upset, feeling very unwell). That's why the guide says "
        "opioids should be stopped for at least 7–10 days before starting LDN.\n\n"
        "Has your prescriber cleared you to start LDN?"
    )


def cleared_button() -> str:
    return pgettext("button", "My prescriber has cleared me to start")


def not_yet_button() -> str:
    return pgettext("button", "Not yet")


def cleared() -> str:
    return _(
        "Thank you. Your reminders can start as planned. If you take an opioid again in the "
        "future, please talk to your prescriber before your next LDN dose."
    )


def not_cleared() -> str:
    return _(
        "Okay. I'll hold your reminders for now, so nothing prompts you to take LDN before "
        "you're cleared. Once your prescriber says you can start, open /settings → Safety "
        "answers and tap “Prescriber cleared you to start”, and your reminders will begin."
    )


def review_title() -> str:
    return _("Your safety answers (tap one to change it):")


def not_answered() -> str:
    return _("not answered")


def reminders_held() -> str:
    return _(
        "Your reminders are on hold until you confirm your prescriber has cleared you to start."
    )


def held_at_end_of_setup() -> str:
    return _(
        "One thing to remember: your reminders are on hold until you confirm your prescriber "
        "has cleared you to start. When they have, tap “Safety answers” below (or find it in "
        "/settings)."
    )


def review_footer() -> str:
    return _("These answers don't change your prescription — your prescriber decides.")


def back_to_review() -> str:
    return pgettext("button", "Safety answers")


def answer_word(answer: bool | None) -> str:
    if answer is None:
        return _("Not sure")
    return _("Yes") if answer else _("No")


def opioid_caution() -> str:
    """Carried by a reminder while the opioid question is still unanswered: "next", not
    "first", since the patient may have taken doses already."""
    return _(
        "Before your next dose: if you take any opioid medicine (such as tramadol, codeine or "
        "oxycodone), wait until your prescriber has cleared you to take LDN — LDN can bring on "
        "opioid withdrawal. You can answer the safety questions with /settings."
    )


# An answer button pressed after the answers changed (shown as an alert: at most 200 characters).
def answered_since() -> str:
    return _(
        "You've answered this since this message was sent, so I kept your current answer. "
        "To change it, open /settings."
    )


def nothing_to_clear() -> str:
    return _(
        "Your answers have changed since this message: you no longer say you take opioids, "
        "so there is nothing to clear. Nothing was changed."
    )


def outdated_button() -> str:
    return _(
        "This button is from an older version of the question, so I didn't change anything. "
        "To see or change your answers, open /settings."
    )


def typed_unclear() -> str:
    """A typed answer to a safety question that could not be read as one of its answers."""
    return _("I couldn't tell which answer you meant, so here's the question again:")


def still_waiting() -> str:
    """After answering a question typed while a safety question was waiting."""
    return _("When you're ready, here's the safety question again:")
