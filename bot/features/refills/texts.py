"""Refills: what's left, and a warning in good time (compounded LDN takes a while)."""

from __future__ import annotations

from decimal import Decimal


def amount(value: Decimal, form: str | None) -> str:
    number = format(value.normalize(), "f")
    if form == "liquid":
        return f"{number} mL"
    return f"{number} capsule" + ("" if value == 1 else "s")


ASK = (
    "How much LDN do you have left? Type the number of capsules (for example 30), "
    "or mL for the liquid (for example 25 ml)."
)
NOT_A_NUMBER = "I didn't catch a number there. Try for example /refill 30 or /refill 25 ml."
NONE_COUNTED = (
    "I don't know how much LDN you have yet. Tell me with /refill and a number, for example "
    "/refill 30 (capsules) or /refill 25 ml (liquid)."
)


def saved(on_hand: Decimal, form: str | None, days: int | None) -> str:
    text = f"Saved: {amount(on_hand, form)}."
    if days is not None:
        text += f" That's about {days} night" + ("" if days == 1 else "s") + " at your dose."
    return text + " I'll count down as you record doses and tell you when it's time to reorder."


def left(remaining: Decimal, form: str | None, days: int | None) -> str:
    text = f"You have about {amount(remaining, form)} left"
    if days is not None:
        text += f" — enough for about {days} night" + ("" if days == 1 else "s")
    return text + ". Send /refill with a new number after you pick up a refill."


def warning(remaining: Decimal, form: str | None, days: int) -> str:
    return (
        f"Heads-up: you have about {amount(remaining, form)} of LDN left, enough for about "
        f"{days} night" + ("" if days == 1 else "s") + ". Compounded LDN can take a while to "
        "prepare, so it's a good time to order your refill. When it arrives, tell me the new "
        "count with /refill."
    )
