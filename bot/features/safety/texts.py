"""The reply to a red flag, one per kind of concern, with the numbers for where the patient
is. Short and plain; it points to the people who can help and never diagnoses.

The concern ids are those of `faq.triage` (detection lives there, the wording here).
"""

from __future__ import annotations

from bot.features.safety.numbers import LocalNumbers

NOT_FOR_EMERGENCIES = "I'm only a reminder bot and can't help with emergencies."

_OPENING = {
    "overdose": "Taking more than your prescribed dose needs checking by a professional now.",
    "allergic-reaction": "Swelling of the face, lips, tongue or throat, or trouble breathing, "
    "can be a serious allergic reaction.",
    "chest-pain": "Chest pain needs to be checked by a professional straight away.",
    "seizure": "A seizure needs urgent medical attention.",
    "fainting": "Fainting or losing consciousness needs urgent medical attention.",
    "other-emergency": "What you describe may be a medical emergency.",
}

# Opioids and LDN: said in both opioid replies, because the block can't be pushed through.
NO_MORE_OPIOID = (
    "Please don't take more opioid to push through the block: that can be very dangerous."
)


def _poison(numbers: LocalNumbers) -> str:
    return numbers.poison_line or "a poison information service"


def safety_reply(concern_id: str, numbers: LocalNumbers) -> str:
    """The short, calm reply sent instead of anything else when a red flag is found."""
    emergency = numbers.emergency
    if concern_id == "suicidal":
        return (
            "I'm so sorry you're feeling this way, and I'm glad you told me. "
            f"Please reach out to {numbers.crisis_line} now; they are there to listen. "
            f"If you might act on these thoughts or are in danger, call {emergency}. "
            "If you can, let someone near you know how you feel. " + NOT_FOR_EMERGENCIES
        )
    if concern_id == "child-ingestion":
        return (
            "A child who has swallowed or drunk any LDN needs advice now, even if they seem "
            f"fine. Please call {_poison(numbers)} straight away. If the child is very sleepy, "
            f"hard to wake, struggling to breathe or unwell, call {emergency} now. "
            "Keep the bottle or pack with you to say what it is and its strength. "
            + NOT_FOR_EMERGENCIES
        )
    if concern_id == "pet-ingestion":
        line = f", or {numbers.animal_poison_line}" if numbers.animal_poison_line else ""
        return (
            "If your pet has eaten or drunk any LDN, please call your vet or an emergency vet "
            f"now{line}. Take the bottle or pack with you so they can see what it is and its "
            "strength. I'm only a reminder bot and can't advise about animals."
        )
    if concern_id == "jaundice":
        return (
            "Yellow skin or eyes, or dark urine with belly pain, can be a sign of a liver "
            "problem and needs checking promptly. Please contact your prescriber today. "
            "If you can't reach them, or you feel very unwell, go to urgent or emergency care "
            f"or call {emergency}. " + NOT_FOR_EMERGENCIES
        )
    if concern_id == "overdose":
        return (
            f"{_OPENING['overdose']} Please contact {_poison(numbers)}, your prescriber or a "
            "pharmacist now. If you feel very unwell, have trouble breathing or cannot stay "
            f"awake, call {emergency}. " + NOT_FOR_EMERGENCIES
        )
    if concern_id == "opioid-withdrawal":
        return (
            "LDN blocks opioids, so taking it while opioids are in your body can bring on "
            f"withdrawal, which needs medical help now. Please call {emergency} or get to "
            "emergency care, and tell them you take naltrexone (LDN). "
            f"{NO_MORE_OPIOID} " + NOT_FOR_EMERGENCIES
        )
    if concern_id == "opioid-co-use":
        return (
            "LDN and opioids work against each other: LDN blocks opioids, and it can bring on "
            "withdrawal while they are in your body. Please talk to your prescriber or a "
            "pharmacist now, before your next dose of either. "
            f"{NO_MORE_OPIOID} If you feel very unwell, call {emergency}. " + NOT_FOR_EMERGENCIES
        )
    if concern_id == "pregnancy":
        return (
            "Thank you for telling me. This isn't an emergency, but it matters: LDN's safety in "
            "pregnancy hasn't been established. Please contact your prescriber soon to talk "
            "about your LDN, and let them decide with you about your dose."
        )
    opening = _OPENING.get(concern_id, _OPENING["other-emergency"])
    return (
        f"{opening} Please call {emergency} now, or ask someone to call for you. "
        "Let your prescriber know as soon as you can. " + NOT_FOR_EMERGENCIES
    )
