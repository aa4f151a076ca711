"""Refills: what's left, and a warning in good time (compounded LDN takes a while)."""

from __future__ import annotations

from decimal import Decimal

from bot.i18n import _, ngettext, number


def amount(value: Decimal, form: str | None) -> str:
    shown = number(value)
    if form == "liquid":
        return _("{number} mL", number=shown)
    if value == 1:
        return _("{number} capsule", number=shown)
    return _("{number} capsules", number=shown)


def ask() -> str:
    return _(
        "How much LDN do you have left? Type the number of capsules (for example 30), "
        "or mL for the liquid (for example 25 ml)."
    )


def not_a_number() -> str:
    return _("I didn't catch a number there. Try for example /refill 30 or /refill 25 ml.")


def none_counted() -> str:
    return _(
        "I don't know how much LDN you have yet. Tell me with /refill and a number, for "
        "example /refill 30 (capsules) or /refill 25 ml (liquid)."
    )


def saved(on_hand: Decimal, form: str | None, days: int | None) -> str:
    if days is None:
        return _(
            "Saved: {amount}. I'll count down as you record doses and tell you when it's "
            "time to reorder.",
            amount=amount(on_hand, form),
        )
    return ngettext(
        "Saved: {amount}. That's about {n} night at your dose. I'll count down as you "
        "record doses and tell you when it's time to reorder.",
        "Saved: {amount}. That's about {n} nights at your dose. I'll count down as you "
        "record doses and tell you when it's time to reorder.",
        days,
        amount=amount(on_hand, form),
    )


def left(remaining: Decimal, form: str | None, days: int | None) -> str:
    if days is None:
        return _(
            "You have about {amount} left. Send /refill with a new number after you pick up "
            "a refill.",
            amount=amount(remaining, form),
        )
    return ngettext(
        "You have about {amount} left — enough for about {n} night. Send /refill with a "
        "new number after you pick up a refill.",
        "You have about {amount} left — enough for about {n} nights. Send /refill with a "
        "new number after you pick up a refill.",
        days,
        amount=amount(remaining, form),
    )


def warning(remaining: Decimal, form: str | None, days: int) -> str:
    return ngettext(
        "Heads-up: you have about {amount} of LDN left, enough for about {n} night. "
        "Compounded LDN can take a while to prepare, so it's a good time to order your "
        "refill. When it arrives, tell me the new count with /refill.",
        "Heads-up: you have about {amount} of LDN left, enough for about {n} nights. "
        "Compounded LDN can take a while to prepare, so it's a good time to order your "
        "refill. When it arrives, tell me the new count with /refill.",
        days,
        amount=amount(remaining, form),
    )
