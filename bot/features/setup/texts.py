"""What guided setup says when a patient steps outside it: /start or /help halfway, "stop"
typed at a question, and the buttons to go on, start over or stop."""

from __future__ import annotations

from bot.i18n import _, pgettext


def setup_halfway() -> str:
    return _(
        "Welcome back! You're partway through setting up your reminders. "
        "Shall we go on where you left off, or start again from the first question?"
    )


def continue_button() -> str:
    return pgettext("button", "▶️ Go on where I left off")


def start_over_button() -> str:
    return pgettext("button", "🔄 Start over")


def stop_setup_button() -> str:
    return pgettext("button", "⏹ Stop setup for now")


def starting_over() -> str:
    return _("Let's start again from the first question. Your earlier answers are cleared.")


def setup_not_finished() -> str:
    return _("Setup isn't finished yet. Here's where we were:")


def setup_stopped_help() -> str:
    return _("Setup isn't finished yet: type /start whenever you want to go on.")


def stop_during_setup() -> str:
    return _(
        "Do you want to stop? That's fine — here are your options:\n\n"
        "• Stop setup for now: I won't send you anything until you type /start again. "
        "Your answers so far are kept.\n"
        "• /pause — pause the nightly reminders (once they're running).\n"
        "• /delete — delete everything I've stored about you.\n\n"
        "Or go on with setup where you left off."
    )


def stop_after_setup() -> str:
    return _(
        "OK — I've left your settings as they were.\n\n"
        "If you want to stop the reminders: /pause pauses them (for example before surgery) "
        "and /resume brings them back. /delete deletes everything I've stored about you."
    )


def setup_stopped() -> str:
    return _(
        "Setup stopped. I won't send you anything. Type /start whenever you want to go on — "
        "your answers so far are kept. To delete them, type /delete."
    )


def setup_already_done() -> str:
    return _("Your setup is already finished. Type /settings to change something.")


def not_text_at_a_question() -> str:
    return _(
        "I can only read text, so I couldn't see what you sent. "
        "Please answer this question with a button or a few words:"
    )


def back_to_the_question() -> str:
    return _("When you're ready, here's the setup question again:")
