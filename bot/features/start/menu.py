"""The command menu, in one place: Telegram's menu (setMyCommands) and /help come from it."""

from __future__ import annotations

from telegram import BotCommand

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Start or restart setup"),
    ("help", "What I can do"),
    ("settings", "See and change your settings"),
    ("taken", "Record tonight's dose as taken"),
    ("skip", "Skip tonight's dose"),
    ("history", "Your last 14 nights"),
    ("undo", "Undo your last record"),
    ("checkin", "Tell me how you feel (side effects)"),
    ("ask", "Ask a question about LDN"),
    ("stats", "Adherence and a chart"),
    ("report", "A PDF for your prescriber"),
    ("pause", "Pause reminders (e.g. before surgery)"),
    ("resume", "Resume reminders"),
    ("refill", "Tell me how much LDN you have"),
    ("caregivers", "Let a family member follow your nights"),
    ("export", "Download everything I store about you"),
    ("delete", "Delete everything I store about you"),
)

SETTING_COMMANDS: tuple[tuple[str, str], ...] = (
    ("timezone", "/timezone Europe/Berlin — or a city, or +02:00"),
    ("time", "/time 22:00 — your reminder time"),
    ("plan", "/plan standard | gentle | fixed 3 | custom 0.5x2 1x2 1.5"),
    ("form", "/form capsule | liquid"),
    ("strength", "/strength 2 — your liquid's mg per mL (from the label)"),
    ("startdate", "/startdate 2026-12-01"),
)


def bot_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in COMMANDS]
