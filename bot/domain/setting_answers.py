"""Reading a patient's typed answer to a settings question, without Telegram: is it really a
question for the FAQ, which form, which plan. Times and dates are read in `clock_times`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bot.domain import schedule
from bot.domain.plans import GENTLE, STANDARD, Plan, PlanError, fixed_plan, parse_custom_steps
from bot.i18n import folded

_QUESTION_WORDS = frozenset(
    {"what", "how", "why", "can", "could", "should", "is", "are", "does", "do", "will"}
    | {"would", "may", "which", "who", "when", "where", "whats", "hows", "whos", "wheres"}
    # Spanish and German (accents off): 'qué pasa si...', 'kann ich ...', 'was ist ...'
    | {"que", "como", "cuando", "donde", "cual", "quien", "puedo", "debo", "porque"}
    | {"was", "wie", "warum", "wieso", "weshalb", "wann", "wo", "wer", "welche", "welcher"}
    | {"kann", "darf", "soll", "muss", "ist", "sind", "hilft", "gibt"}
)


def looks_like_a_question(typed: str) -> bool:
    """'what if I miss a dose?', '¿qué pasa si...', 'was mache ich, wenn ...' typed in the
    middle of setup: for the FAQ, not a setting."""
    stripped = typed.strip()
    words = folded(stripped).split()
    if not words:
        return False
    # "what's", "how’s": the word before the apostrophe
    first = words[0].split("'")[0]
    return (
        stripped.endswith("?")
        or stripped.startswith("¿")
        or (len(words) >= 3 and first in _QUESTION_WORDS)
    )


# No setting answer is longer; anything longer is refused without being read.
LONGEST_ANSWER = 200
SHOWN_CHARACTERS = 40


def shown(typed: str) -> str:
    """The patient's words as quoted back in a correction: one line, at most 40 characters."""
    flat = " ".join(typed.split())
    return flat if len(flat) <= SHOWN_CHARACTERS else flat[: SHOWN_CHARACTERS - 1] + "…"


def local_today(zone: str | None, now: datetime) -> date:
    """The patient's calendar date now (UTC until they have a zone)."""
    return schedule.local_today(now, zone)


_FORMS = {
    "capsule": "capsule",
    "capsules": "capsule",
    "caps": "capsule",
    "pill": "capsule",
    "pills": "capsule",
    "liquid": "liquid",
    "solution": "liquid",
    "drops": "liquid",
    # Spanish and German, accents and umlauts off
    "capsula": "capsule",
    "capsulas": "capsule",
    "pastilla": "capsule",
    "pastillas": "capsule",
    "kapsel": "capsule",
    "kapseln": "capsule",
    "liquido": "liquid",
    "solucion": "liquid",
    "gotas": "liquid",
    "losung": "liquid",
    "loesung": "liquid",
    "flussig": "liquid",
    "fluessig": "liquid",
    "tropfen": "liquid",
}


def read_form(typed: str) -> str | None:
    """'capsules', 'pills', 'liquid', 'drops', 'cápsulas', 'gotas', 'Kapseln', 'Lösung' ...:
    "capsule" or "liquid", or None."""
    words = folded(typed.strip()).split()
    return _FORMS.get(words[0].strip(".,!")) if words else None


def read_fixed_dose(typed: str) -> Plan:
    """'3', '4.5 mg': one dose every night. PlanError says why not."""
    return fixed_plan(typed.strip().lower().removesuffix("mg").strip()[:LONGEST_ANSWER])


# Which plan question stays open after a plan answer that could not be used.
PlanQuestion = Literal["plan", "fixed", "custom"]


@dataclass(frozen=True)
class PlanProblem:
    """A plan answer that could not be used: the reason (None: not understood at all, say
    what was typed back) and which question stays open for the next try."""

    question: PlanQuestion
    reason: PlanError | None = None


@dataclass(frozen=True)
class AskFor:
    """'fixed' or 'custom' alone: ask for the dose or the steps."""

    question: Literal["fixed", "custom"]


def read_custom_steps(typed: str, *, question: PlanQuestion = "custom") -> Plan | PlanProblem:
    """'0.5x2 1x2 1.5': a custom plan, or why it can't be one."""
    if len(typed) > LONGEST_ANSWER:
        return PlanProblem(question)
    try:
        return parse_custom_steps(typed)
    except PlanError as problem:
        return PlanProblem(question, problem)


def read_fixed(typed: str) -> Plan | PlanProblem:
    try:
        return read_fixed_dose(typed)
    except PlanError as problem:
        return PlanProblem("fixed", problem)


# The plans' names as the Spanish and German buttons say them (accents off).
_PLAN_WORDS = {
    "estandar": "standard",
    "suave": "gentle",
    "sanft": "gentle",
    "sanfter": "gentle",
    "fija": "fixed",
    "fijo": "fixed",
    "fest": "fixed",
    "feste": "fixed",
    "personalizado": "custom",
    "personalizada": "custom",
    "eigener": "custom",
    "eigene": "custom",
}


# The two named plans as patients call them in their own words: "the normal one", "regular",
# "the usual schedule", "slow start"; with a few words around the name (accents off).
_STANDARD_NAMES = frozenset(
    {"normal", "regular", "usual", "typical", "default", "common", "standard", "standart"}
    | {"estandar", "habitual", "comun", "normales", "ublich", "ubliche", "ueblich", "uebliche"}
    | {"normalen", "normale", "standardplan"}
)
_GENTLE_NAMES = frozenset(
    {"gentle", "slow", "slower", "gradual", "careful", "suave", "lento", "lenta"}
    | {"sanft", "sanfte", "sanfter", "langsam", "langsame", "langsamer", "vorsichtig"}
)
_AROUND_A_NAME = frozenset(
    {"the", "a", "one", "plan", "schedule", "please", "pls", "start", "starting", "my", "its"}
    | {"it's", "dose", "doses", "titration", "ramp", "up", "el", "la", "uno", "una", "inicio"}
    | {"comienzo", "der", "die", "das", "den", "beginn", "bitte", "einstieg"}
)
# "2 weeks ago", "3 days since i started": a start date typed at the plan question, not steps.
_WHEN_WORDS = re.compile(
    r"\b(?:ago|since|started|yesterday|today|tomorrow|days?|months?|years?|hace|dias|meses"
    r"|seit|tagen|monaten|gestern|heute|morgen)\b"
)


def _named_plan(cleaned: str) -> Plan | None:
    words = re.findall(r"[\w']+", folded(cleaned))
    if (
        not words
        or len(words) > 6
        or not set(words) <= _STANDARD_NAMES | _GENTLE_NAMES | _AROUND_A_NAME
    ):
        return None
    standard, gentle = not _STANDARD_NAMES.isdisjoint(words), not _GENTLE_NAMES.isdisjoint(words)
    if standard == gentle:
        return None  # neither, or both named: ask again
    return STANDARD if standard else GENTLE


def read_plan(typed: str) -> Plan | AskFor | PlanProblem:
    """'standard', 'gentle', 'fixed 3', 'custom 0.5x2 1x2 1.5', or the steps alone; the named
    plans also in patients' words ('the normal one', 'slow start')."""
    cleaned = typed.strip()
    if len(cleaned) > LONGEST_ANSWER:
        return PlanProblem("plan")
    named = _named_plan(cleaned)
    if named is not None:
        return named
    head, _, rest = cleaned.partition(" ")
    head, rest = _PLAN_WORDS.get(folded(head), folded(head)), rest.strip()
    if head == "standard":
        return STANDARD
    if head == "gentle":
        return GENTLE
    if head in ("fixed", "custom") and not rest:
        return AskFor("fixed" if head == "fixed" else "custom")
    if head == "fixed":
        return read_fixed(rest)
    if head == "custom":
        return read_custom_steps(rest)
    if cleaned[:1].isdigit():
        if _WHEN_WORDS.search(folded(cleaned)):
            return PlanProblem("plan")  # typed back as it was, not as a step it is not
        return read_custom_steps(cleaned, question="plan")
    return PlanProblem("plan")


# Typed alone, mid-question: the patient wants out ("stop", "cancelar", "aufhören"), not an
# answer. Whole messages only, accents off; a few polite words around them are fine.
_STOP_WORDS = frozenset(
    {"stop", "cancel", "quit", "exit", "abort", "unsubscribe", "enough", "nevermind"}
    | {"parar", "para", "pare", "detener", "detente", "cancelar", "cancela", "salir", "basta"}
    | {"stopp", "aufhoren", "aufhoeren", "abbrechen", "abbruch", "beenden", "schluss", "abmelden"}
)
_STOP_PHRASES = frozenset(
    {"never mind", "leave me alone", "i want to stop", "hor auf", "hoer auf", "ya no"}
    | {"darme de baja", "dar de baja", "no quiero seguir", "ich will aufhoren", "lass mich"}
)
_AROUND_STOP = frozenset(
    {"please", "pls", "it", "now", "setup", "the", "this", "reminders", "messages", "all"}
    | {"por", "favor", "ya", "todo", "esto", "recordatorios", "mensajes", "la", "configuracion"}
    | {"bitte", "jetzt", "das", "alles", "erinnerungen", "nachrichten", "einrichtung", "mit"}
    | {"i", "want", "to", "quiero", "ich", "will", "mochte", "moechte"}
)


def asks_to_stop(typed: str) -> bool:
    """'stop', 'cancel', 'stop please', 'parar', 'cancelar', 'aufhören', 'hör auf': the
    patient wants to stop, typed where an answer was awaited."""
    words = re.findall(r"[\w']+", folded(typed))
    if not words or len(words) > 5:
        return False
    text = " ".join(words)
    if any(text == phrase or text.startswith(phrase + " ") for phrase in _STOP_PHRASES):
        return True
    return any(w in _STOP_WORDS for w in words) and all(
        w in _STOP_WORDS or w in _AROUND_STOP for w in words
    )
