"""The time zone: a typed place, abbreviation or offset, a place picked from suggestions, or a
shared location (which sets it whenever it comes). Every confirmation shows the time there
now, with "That's not my time" to type it again."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.context import LdnContext
from bot.domain.setting_answers import LONGEST_ANSWER, shown
from bot.domain.typed_answers import read_yes_no
from bot.features.settings import texts, timezones
from bot.features.settings.questions import AWAIT_TIMEZONE
from bot.features.settings.replies import (
    Change,
    Correction,
    reply_to_answer,
    reply_to_command,
)
from bot.features.settings.saving import Saved
from bot.i18n import folded
from storage.patients import PatientRepository


def timezone_change(zone: str) -> Change:
    def say(saved: Saved, now: datetime) -> list[str]:
        lines = [texts.timezone_set(zone_name(zone, now), now.astimezone(ZoneInfo(zone)))]
        if timezones.is_fixed_offset(zone):
            lines.append(texts.fixed_offset_note())
        return lines

    return Change({"timezone": zone}, say, remove_keyboard=True, confirm_zone=True)


def zone_name(zone: str, now: datetime) -> str:
    """'New York time (Eastern Time)', 'hora de Nueva York (hora oriental)', 'UTC+02:00'."""
    return texts.zone_name(timezones.zone_names(zone, now))


def _label(choice: timezones.ZoneChoice, now: datetime) -> str:
    """A place to pick, with the time there now: 'Portland, Oregon: 04:00 now'."""
    if choice.zone == timezones.ALL_YEAR_GMT:
        return texts.all_year_utc_label()
    name = choice.place or zone_name(choice.zone, now)
    return texts.with_time_now(name, now.astimezone(ZoneInfo(choice.zone)))


# "hello" to the welcome is not Bello, Colombia.
_GREETINGS = frozenset(
    {"hi", "hello", "hey", "hiya", "howdy", "hallo", "hola", "servus", "moin", "there"}
    | {"good", "morning", "evening", "afternoon", "buenas", "buenos", "dias", "tardes", "guten"}
    | {"tag", "abend"}
)


def _is_a_greeting(typed: str) -> bool:
    words = re.findall(r"\w+", folded(typed))
    return bool(words) and len(words) <= 3 and all(w in _GREETINGS for w in words)


async def read_timezone(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    """'Berlin', 'Germany', 'UTC+2', 'LA', 'EST': the zone, or places to pick from, or why not."""
    if len(typed) > LONGEST_ANSWER:
        return Correction(texts.place_not_found(shown(typed)), AWAIT_TIMEZONE)
    if read_yes_no(typed, unsure_allowed=True) is not None or _is_a_greeting(typed):
        # "yes", "ok, sí", "no" to the welcome are not Iran (Yasuj), Slovenia or Norway
        return Correction(texts.timezone_not_an_answer(), AWAIT_TIMEZONE)
    lookup = await asyncio.to_thread(timezones.find_time_zone, typed, context.services.now())
    if lookup.found is not None:
        return timezone_change(lookup.found.zone)
    query = shown(lookup.query or typed)
    if lookup.bad_offset:
        return Correction(texts.offset_not_in_use(query), AWAIT_TIMEZONE)
    if not lookup.suggestions:
        return Correction(texts.place_not_found(query), AWAIT_TIMEZONE)
    if lookup.kind == "country":
        text = texts.country_has_several_zones(query)
    elif lookup.kind == "abbreviation":
        text = texts.abbreviation_ambiguous(query)
    elif lookup.kind == "city":
        text = texts.place_ambiguous(query, lookup.suggestions[0].place)
    else:
        text = texts.place_did_you_mean(query)
    now = context.services.now()
    labels = [_label(choice, now) for choice in lookup.suggestions]
    places = tuple(zip(labels, (choice.zone for choice in lookup.suggestions), strict=True))
    return Correction(text, AWAIT_TIMEZONE, places)


async def shared_location(update: Update, context: LdnContext) -> None:
    """A shared location sets the time zone, whenever it comes: as the answer when the time
    zone question is open, as a command otherwise."""
    message = update.effective_message
    chat = update.effective_chat
    if message is None or chat is None or message.location is None:
        return
    location = message.location
    zone = await asyncio.to_thread(timezones.zone_at, location.latitude, location.longitude)
    if zone is None:
        await reply_to_answer(
            context, chat.id, Correction(texts.location_unknown(), AWAIT_TIMEZONE)
        )
        return
    awaiting = await context.services.db.run(
        lambda session: PatientRepository(session).awaiting(chat.id)
    )
    awaited = awaiting is not None and awaiting[1] == AWAIT_TIMEZONE
    reply = reply_to_answer if awaited else reply_to_command
    await reply(context, chat.id, timezone_change(zone))
