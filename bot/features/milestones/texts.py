"""Liver-test reminders and what-to-expect milestones, worded from the guide."""

from __future__ import annotations

from bot.i18n import _, ngettext, pgettext


def lft_start() -> str:
    return _(
        "A reminder about liver blood tests: the LDN guide recommends a liver function test "
        "(LFT) at the start, as a baseline, and then now and then — especially in the first "
        "6 months. If you haven't had one yet, ask your prescriber about it."
    )


def lft_follow_up(months: int) -> str:
    return ngettext(
        "It's been about {n} month on LDN. The guide suggests repeating liver function "
        "tests now and then, especially in the first 6 months. If one is due, your prescriber "
        "can arrange it.",
        "It's been about {n} months on LDN. The guide suggests repeating liver function "
        "tests now and then, especially in the first 6 months. If one is due, your prescriber "
        "can arrange it.",
        months,
    )


def done() -> str:
    return pgettext("button", "Done")


def later() -> str:
    return pgettext("button", "Remind me later")


def done_reply() -> str:
    return _("Great, noted. Thanks for keeping an eye on it.")


def already_done() -> str:
    return _("You've already marked this one as done, so nothing changed.")


def later_reply(days: int) -> str:
    return ngettext(
        "Okay, I'll remind you again in {n} day.", "Okay, I'll remind you again in {n} days.", days
    )


def week_milestone(weeks: int) -> str:
    if weeks == 4:
        return _(
            "Four weeks on LDN. If you don't feel a big difference yet, that's common: most "
            "people need somewhere between 4 and 12 weeks of steady nightly use before they "
            "notice real benefit. Keep going, and keep your prescriber in the loop."
        )
    if weeks == 8:
        return _(
            "Eight weeks on LDN. Many people notice benefit by now, and many need a little "
            "longer — up to about 12 weeks. Steady nightly use matters most. Your check-in "
            "scores help you and your prescriber see the trend."
        )
    if weeks == 12:
        return _(
            "Twelve weeks on LDN — a good moment to look back with your prescriber at how "
            "you're doing. Most people notice benefit within 4–12 weeks; for autoimmune "
            "conditions the full effect can take 3–6 months."
        )
    return ngettext(
        "{n} week on LDN. The guide says most people need 4–12 weeks of steady use to notice "
        "benefit, and autoimmune conditions can take 3–6 months. Your prescriber is the person "
        "to review it with.",
        "{n} weeks on LDN. The guide says most people need 4–12 weeks of steady use to notice "
        "benefit, and autoimmune conditions can take 3–6 months. Your prescriber is the person "
        "to review it with.",
        weeks,
    )


def month_milestone(months: int) -> str:
    if months < 6:
        return ngettext(
            "{n} month on LDN. With an autoimmune condition, the full effect can take 3–6 "
            "months, so you may still be building up. Keep going, and keep your prescriber in "
            "the loop.",
            "{n} months on LDN. With an autoimmune condition, the full effect can take 3–6 "
            "months, so you may still be building up. Keep going, and keep your prescriber in "
            "the loop.",
            months,
        )
    return ngettext(
        "{n} month on LDN. For autoimmune conditions the guide puts the full effect at 3–6 "
        "months, so this is a good time to review with your prescriber how it's going.",
        "{n} months on LDN. For autoimmune conditions the guide puts the full effect at 3–6 "
        "months, so this is a good time to review with your prescriber how it's going.",
        months,
    )
