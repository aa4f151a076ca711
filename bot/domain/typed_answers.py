"""Reading words typed in answer to a question that was asked with buttons (a safety question,
a check-in question): the answer they clearly give, or None when they are unclear, so the
question is asked again with its buttons. Never a guess: mixed signals ("no, a little") are
unclear. No Telegram import."""

from __future__ import annotations

import enum
import re

from bot.domain.numbers import typed_number
from bot.domain.side_effects import Severity

# A typed answer is a few words; anything longer is not read as one.
LONGEST_TYPED_ANSWER_WORDS = 12


class YesNo(enum.Enum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


_UNSURE = (
    "not sure",
    "unsure",
    "don't know",
    "dont know",
    "do not know",
    "dunno",
    "idk",
    "no idea",
    "not certain",
    "maybe",
    "perhaps",
    "possibly",
)
_YES = frozenset(
    {"yes", "y", "yeah", "yea", "yep", "yup", "ya", "yah", "yess", "sure", "correct", "true"}
    | {"definitely", "absolutely", "indeed", "affirmative", "do", "am", "have"}
)
_NO = frozenset(
    {"no", "n", "nope", "nah", "nay", "never", "none", "not", "negative", "false", "nothing"}
    | {"don't", "dont", "haven't", "havent", "isn't", "isnt", "aren't", "arent"}
)
# Said about opioids: any name (or a "sometimes") is a yes; a past ("stopped tramadol") is not
# clear either way, so it is asked again with its buttons.
OPIOID_NAMES = frozenset(
    {"opioid", "opioids", "opiate", "opiates", "tramadol", "codeine", "oxycodone", "oxy"}
    | {"oxycontin", "morphine", "hydrocodone", "fentanyl", "methadone", "buprenorphine"}
    | {"percocet", "vicodin", "dihydrocodeine", "tapentadol", "pethidine", "suboxone"}
    | {"subutex", "hydromorphone", "co-codamol", "cocodamol", "tramal", "ultram", "norco"}
)
_NOW_AND_THEN = frozenset({"sometimes", "occasionally", "occasional", "rarely", "seldom"})
_PAST = frozenset({"stopped", "quit", "used", "anymore", "past", "before", "ago", "until"})

_SEVERITY_WORDS = {
    Severity.NONE: frozenset({"none", "no", "nope", "nah", "nothing", "never", "zero", "0"}),
    Severity.MILD: frozenset({"mild", "mildly", "slight", "slightly", "minor", "little", "bit"}),
    Severity.MODERATE: frozenset({"moderate", "moderately", "medium", "quite", "fairly"}),
    Severity.SEVERE: frozenset({"severe", "severely", "bad", "terrible", "awful", "horrible"})
    | {"extreme", "strong", "awfully"},
}
_SKIP = frozenset({"skip", "later", "pass"})


def _words(typed: str) -> list[str]:
    flat = typed.lower().replace("’", "'")
    return re.findall(r"[a-z0-9][a-z0-9'\-]*", flat)


def _phrase_in(phrases: tuple[str, ...], words: list[str]) -> bool:
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in phrases)


def read_yes_no(typed: str, *, unsure_allowed: bool, about_opioids: bool = False) -> YesNo | None:
    """ "yes", "nope", "I don't", "not sure" (where it is an answer), and for the opioid question
    "sometimes tramadol"; None when unclear."""
    words = _words(typed)
    if not words or len(words) > LONGEST_TYPED_ANSWER_WORDS:
        return None
    if _phrase_in(_UNSURE, words):
        return YesNo.UNSURE if unsure_allowed else None
    yes = any(w in _YES for w in words)
    no = any(w in _NO for w in words)
    if about_opioids:
        yes = yes or any(w in OPIOID_NAMES or w in _NOW_AND_THEN for w in words)
        no = no or any(w in _PAST for w in words)
    if yes == no:
        return None
    return YesNo.YES if yes else YesNo.NO


def read_severity(typed: str) -> Severity | None:
    """ "none", "mild", "a bit", "quite bad"... as one severity; None when unclear ("yes" says
    something was noticed, not how strong)."""
    words = _words(typed)
    if not words or len(words) > LONGEST_TYPED_ANSWER_WORDS:
        return None
    if _phrase_in(("not at all", "no not really", "not really"), words):
        return Severity.NONE
    found = {level for level, known in _SEVERITY_WORDS.items() for w in words if w in known}
    return found.pop() if len(found) == 1 else None


def read_score(typed: str) -> int | None:
    """A symptom score 0-10: "6", "6/10", "6 out of 10"; None otherwise."""
    cleaned = typed.strip().lower()
    match = re.fullmatch(r"(\S+?)\s*(?:/\s*10|out of 10)?", cleaned)
    return typed_number(match.group(1), low=0, high=10) if match else None


def asks_to_skip(typed: str) -> bool:
    """ "skip", "skip this one", "later": the patient does not want to answer now."""
    words = _words(typed)
    return 0 < len(words) <= 4 and any(w in _SKIP for w in words)


def says_nothing_more(typed: str) -> bool:
    """ "no", "nope", "nothing", "no thanks": no note to add."""
    words = _words(typed)
    if not words or len(words) > 4:
        return False
    return all(w in _NO or w in {"thanks", "thank", "you", "all", "good", "fine"} for w in words)
