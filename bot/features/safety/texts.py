"""The reply to a red flag, one per kind of concern, with the numbers for where the patient
is. Short and plain; it points to the people who can help and never diagnoses.

The concern ids are those of `faq.triage` (detection lives there, the wording here). Each reply
is one sentence key, so a translation can order it as it needs.
"""

from __future__ import annotations

from bot.features.safety.numbers import LocalNumbers
from bot.i18n import _


def _poison(numbers: LocalNumbers) -> str:
    return _(numbers.poison_line) if numbers.poison_line else _("a poison information service")


def _emergency_reply(concern_id: str, emergency: str) -> str:
    """Call the emergency number now: chest pain, a seizure, fainting, anything else urgent."""
    if concern_id == "allergic-reaction":
        return _(
            "Swelling of the face, lips, tongue or throat, or trouble breathing, can be a "
            "serious allergic reaction. Please call {emergency} now, or ask someone to call for "
            "you. Let your prescriber know as soon as you can. I'm only a reminder bot and can't "
            "help with emergencies.",
            emergency=emergency,
        )
    if concern_id == "chest-pain":
        return _(
            "Chest pain needs to be checked by a professional straight away. Please call "
            "{emergency} now, or ask someone to call for you. Let your prescriber know as soon "
            "as you can. I'm only a reminder bot and can't help with emergencies.",
            emergency=emergency,
        )
    if concern_id == "seizure":
        return _(
            "A seizure needs urgent medical attention. Please call {emergency} now, or ask "
            "someone to call for you. Let your prescriber know as soon as you can. I'm only a "
            "reminder bot and can't help with emergencies.",
            emergency=emergency,
        )
    if concern_id == "fainting":
        return _(
            "Fainting or losing consciousness needs urgent medical attention. Please call "
            "{emergency} now, or ask someone to call for you. Let your prescriber know as soon "
            "as you can. I'm only a reminder bot and can't help with emergencies.",
            emergency=emergency,
        )
    return _(
        "What you describe may be a medical emergency. Please call {emergency} now, or ask "
        "someone to call for you. Let your prescriber know as soon as you can. I'm only a "
        "reminder bot and can't help with emergencies.",
        emergency=emergency,
    )


def safety_reply(concern_id: str, numbers: LocalNumbers) -> str:
    """The short, calm reply sent instead of anything else when a red flag is found."""
    emergency = numbers.emergency
    if concern_id == "suicidal":
        return _(
            "I'm so sorry you're feeling this way, and I'm glad you told me. Please reach out "
            "to {crisis_line} now; they are there to listen. If you might act on these thoughts "
            "or are in danger, call {emergency}. If you can, let someone near you know how you "
            "feel. I'm only a reminder bot and can't help with emergencies.",
            crisis_line=_(numbers.crisis_line),
            emergency=emergency,
        )
    if concern_id == "child-ingestion":
        return _(
            "A child who has swallowed or drunk any LDN needs advice now, even if they seem "
            "fine. Please call {poison} straight away. If the child is very sleepy, hard to "
            "wake, struggling to breathe or unwell, call {emergency} now. Keep the bottle or "
            "pack with you to say what it is and its strength. I'm only a reminder bot and "
            "can't help with emergencies.",
            poison=_poison(numbers),
            emergency=emergency,
        )
    if concern_id == "pet-ingestion":
        if numbers.animal_poison_line:
            return _(
                "If your pet has eaten or drunk any LDN, please call your vet or an emergency "
                "vet now, or {animal_poison}. Take the bottle or pack with you so they can see "
                "what it is and its strength. I'm only a reminder bot and can't advise about "
                "animals.",
                animal_poison=_(numbers.animal_poison_line),
            )
        return _(
            "If your pet has eaten or drunk any LDN, please call your vet or an emergency vet "
            "now. Take the bottle or pack with you so they can see what it is and its strength. "
            "I'm only a reminder bot and can't advise about animals."
        )
    if concern_id == "jaundice":
        return _(
            "Yellow skin or eyes, or dark urine with belly pain, can be a sign of a liver "
            "problem and needs checking promptly. Please contact your prescriber today. If you "
            "can't reach them, or you feel very unwell, go to urgent or emergency care or call "
            "{emergency}. I'm only a reminder bot and can't help with emergencies.",
            emergency=emergency,
        )
    if concern_id == "overdose":
        return _(
            "Taking more than your prescribed dose needs checking by a professional now. Please "
            "contact {poison}, your prescriber or a pharmacist now. If you feel very unwell, "
            "have trouble breathing or cannot stay awake, call {emergency}. I'm only a reminder "
            "bot and can't help with emergencies.",
            poison=_poison(numbers),
            emergency=emergency,
        )
    # Opioids and LDN: both replies warn against more opioid, because the block can't be
    # pushed through.
    if concern_id == "opioid-withdrawal":
        return _(
            "LDN blocks opioids, so taking it while opioids are in your body can bring on "
            "withdrawal, which needs medical help now. Please call {emergency} or get to "
            "emergency care, and tell them you take naltrexone (LDN). Please don't take more "
            "opioid to push through the block: that can be very dangerous. I'm only a reminder "
            "bot and can't help with emergencies.",
            emergency=emergency,
        )
    if concern_id == "opioid-co-use":
        return _(
            "LDN and opioids work against each other: LDN blocks opioids, and it can bring on "
            "withdrawal while they are in your body. Please talk to your prescriber or a "
            "pharmacist now, before your next dose of either. Please don't take more opioid to "
            "push through the block: that can be very dangerous. If you feel very unwell, call "
            "{emergency}. I'm only a reminder bot and can't help with emergencies.",
            emergency=emergency,
        )
    if concern_id == "pregnancy":
        return _(
            "Thank you for telling me. This isn't an emergency, but it matters: LDN's safety in "
            "pregnancy hasn't been established. Please contact your prescriber soon to talk "
            "about your LDN, and let them decide with you about your dose."
        )
    return _emergency_reply(concern_id, emergency)
