"""The command menu, in one place: Telegram's menu (setMyCommands) and /help come from it.
The descriptions are labels (`N_`), translated where they are shown."""

from __future__ import annotations

from telegram import BotCommand

from bot.i18n import N_, _

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", N_("Start or restart setup")),
    ("help", N_("What I can do")),
    ("settings", N_("See and change your settings")),
    ("language", N_("Change the language I write in")),
    ("taken", N_("Record tonight's dose as taken")),
    ("skip", N_("Skip tonight's dose")),
    ("history", N_("Your last 14 nights")),
    ("undo", N_("Undo your last record")),
    ("checkin", N_("Tell me how you feel (side effects)")),
    ("ask", N_("Ask a question about LDN")),
    ("stats", N_("Adherence and a chart")),
    ("report", N_("A PDF for your prescriber")),
    ("pause", N_("Pause reminders (e.g. before surgery)")),
    ("resume", N_("Resume reminders")),
    ("refill", N_("Tell me how much LDN you have")),
    ("caregivers", N_("Let a family member follow your nights")),
    ("export", N_("Download everything I store about you")),
    ("delete", N_("Delete everything I store about you")),
)

SETTING_COMMANDS: tuple[tuple[str, str], ...] = (
    ("timezone", N_("/timezone Europe/Berlin — or a city, or +02:00")),
    ("time", N_("/time 22:00 — your reminder time")),
    ("plan", N_("/plan standard | gentle | fixed 3 | custom 0.5x2 1x2 1.5")),
    ("form", N_("/form capsule | liquid")),
    ("strength", N_("/strength 2 — your liquid's mg per mL (from the label)")),
    ("startdate", N_("/startdate 2026-12-01")),
)


def bot_commands() -> list[BotCommand]:
    return [BotCommand(name, _(description)) for name, description in COMMANDS]
