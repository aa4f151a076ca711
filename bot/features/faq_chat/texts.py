"""What the bot says around FAQ answers, and the FAQ matcher's replies that are not an
entry's answer (faq/matcher.py returns a `Wording`; it holds no sentence)."""

from __future__ import annotations

from bot.i18n import _, pgettext
from faq.matcher import Wording


def unanswered(wording: Wording) -> str:
    """The reply when the FAQ gives no single answer: a "did you mean", or why not."""
    if wording is Wording.CLARIFY:
        return _("I'm not sure which of these you mean — tap one:")
    if wording is Wording.NO_WORDS:
        return _(
            "I couldn't find any words to read in that message. Type your question in a few "
            "words — for example “What if I miss a dose?” — and I'll look it up in my LDN guide."
        )
    if wording is Wording.OTHER_LANGUAGE:
        return _(
            "I'm sorry, I can only read questions in English for now. If you can, please ask me "
            "in English. For anything about your own treatment, your prescriber is the best "
            "person to ask."
        )
    if wording is Wording.TOO_LONG:
        return _(
            "Thank you for telling me all that. I couldn't find one question in it that my LDN "
            "guide answers. I read best one question at a time, in a sentence or two — could you "
            "send me the main thing you'd like to know? For anything about your own treatment, "
            "your prescriber is the best person to ask."
        )
    return _(
        "I'm sorry, I don't have an answer to that in my LDN guide. Your prescriber is the best "
        "person to ask. For more reading, the LDN Research Trust (ldnresearchtrust.org) and "
        "LDN Science (ldnscience.org) are good places to start."
    )


def ask_how() -> str:
    return _("Type your question after /ask — or just send it to me as a message.")


def thanks_up() -> str:
    return _("Thanks — glad it helped.")


def noted() -> str:
    return _("Noted, thank you.")


def thanks_down() -> str:
    return _(
        "Thanks for telling me. I've noted that this answer didn't help, so it can be improved. "
        "For anything about your own treatment, your prescriber is the best person to ask."
    )


def already_voted() -> str:
    return _("You've already rated this answer.")


def already_picked() -> str:
    return _("You've already picked one of these. To read another, ask your question again.")


def not_found() -> str:
    return _("That answer is no longer available. Please ask your question again.")


def helpful() -> str:
    return pgettext("button", "👍 Helpful")


def not_helpful() -> str:
    return pgettext("button", "👎 Not helpful")


def not_text() -> str:
    return _(
        "I can only read text, so I couldn't see what you sent. Type your question in words and "
        "I'll look it up in my LDN guide."
    )
