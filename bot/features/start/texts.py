"""What the bot says on /start, /help and in groups."""

from __future__ import annotations

from bot.features.start.menu import COMMANDS, SETTING_COMMANDS

WELCOME = (
    "Hello, I'm your LDN companion.\n\n"
    "I help you take Low Dose Naltrexone at bedtime: a reminder each night that follows "
    "your titration plan, short check-ins about side effects, and answers to common "
    "questions from a patient guide.\n\n"
    "Please keep in mind: I give general education, not medical advice. Decisions about "
    "your dose belong to you and your prescriber.\n\n"
    "Let's set you up — it takes about a minute, and you can change anything later "
    "with /settings."
)

WELCOME_BACK = (
    "Welcome back. Your reminders are set up. Type /settings to change something, "
    "/help to see what I can do, or just ask me a question."
)

GROUP_NOTICE = (
    "Hi! I only work in private chats, because medication details are personal. "
    "Open a private chat with me to get reminders and answers."
)

ERROR = (
    "Sorry — something went wrong on my side and I couldn't finish that. "
    "Please try again in a minute."
)


def help_text() -> str:
    lines = ["Here's what I can do:", ""]
    lines += [f"/{name} — {description}" for name, description in COMMANDS]
    lines += ["", "Change a setting in one line:"]
    lines += [description for _name, description in SETTING_COMMANDS]
    lines += [
        "",
        "You can also type any question about LDN, like “what if I miss a dose?”.",
        "I'm educational only — your prescriber decides about your dose.",
    ]
    return "\n".join(lines)
