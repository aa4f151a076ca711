"""What the bot says on /start, /help, to an unknown command and in groups."""

from __future__ import annotations

from bot.features.start.menu import COMMANDS, SETTING_COMMANDS
from bot.i18n import _


def welcome() -> str:
    return _(
        "Hello, I'm your LDN companion.\n\n"
        "I help you take Low Dose Naltrexone at bedtime: a reminder each night that follows "
        "your titration plan, short check-ins about side effects, and answers to common "
        "questions from a patient guide.\n\n"
        "Please keep in mind: I give general education, not medical advice. Decisions about "
        "your dose belong to you and your prescriber.\n\n"
        "Let's set you up — it takes about a minute, and you can change anything later "
        "with /settings."
    )


def welcome_back() -> str:
    return _(
        "Welcome back. Your reminders are set up. Type /settings to change something, "
        "/help to see what I can do, or just ask me a question."
    )


def group_notice() -> str:
    return _(
        "Hi! I only work in private chats, because medication details are personal. "
        "Open a private chat with me to get reminders and answers."
    )


def error() -> str:
    return _(
        "Sorry — something went wrong on my side and I couldn't finish that. "
        "Please try again in a minute."
    )


def unknown_command() -> str:
    # Never names the command: an operator-only command gets exactly this reply too.
    return _("I don't know that command. Type /help to see what I can do.")


def help_text() -> str:
    lines = [_("Here's what I can do:"), ""]
    lines += [
        _("/{command} — {description}", command=name, description=_(description))
        for name, description in COMMANDS
    ]
    lines += ["", _("Change a setting in one line:")]
    lines += [_(description) for _name, description in SETTING_COMMANDS]
    lines += [
        "",
        _("You can also type any question about LDN, like “what if I miss a dose?”."),
        _("I'm educational only — your prescriber decides about your dose."),
    ]
    return "\n".join(lines)
