"""The curated FAQ: loading the TOML file and checking it is sound."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

SHIPPED_FAQ = Path(__file__).with_name("entries.toml")

# Headings of the project guide an entry may cite, plus one for the bot's own practical questions.
GUIDE_SECTIONS: tuple[str, ...] = (
    "Introduction",
    "Part I: What Is LDN & How Does It Work?",
    "Naltrexone at Standard Doses",
    "The Low Dose Difference",
    "LDN's Three Core Mechanisms",
    "Part II: What Conditions Does LDN Help?",
    "Autoimmune Diseases",
    "Fibromyalgia & Chronic Pain",
    "Neurological & Mental Health",
    "Cancer Support",
    "Post-Infectious Conditions",
    "Gut Conditions",
    "Part III: The Evidence Base",
    "Part IV: How to Get LDN",
    "Step 1: Find a Prescriber",
    "Step 2: Get It Compounded",
    "Step 3: Liquid vs. Capsule",
    "Part V: Starting LDN — What to Expect",
    "Starting Dose & Titration",
    "Timing",
    "Common Initial Side Effects",
    "How Long Until It Works?",
    "Contraindications",
    "Part VI: Optimizing Your LDN Protocol",
    "Synergistic Combinations",
    "Monitoring",
    "Long-Term Use",
    "Patient Resources",
)
BOT_SECTION = "Using the bot"
KNOWN_SECTIONS = frozenset((*GUIDE_SECTIONS, BOT_SECTION))

MIN_PHRASINGS = 3
_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FaqError(Exception):
    """The FAQ file is missing, unreadable or invalid; the message names the file and entry."""


@dataclass(frozen=True)
class FaqEntry:
    """One curated question with its answer."""

    id: str
    question: str
    phrasings: tuple[str, ...]
    answer: str
    tags: tuple[str, ...]
    section: str


def _phrasing_key(text: str) -> str:
    """Compare phrasings ignoring case, punctuation and spacing."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def validate_faq(entries: Iterable[FaqEntry]) -> list[str]:
    """Return every problem found in the entries; an empty list means the FAQ is fine."""
    problems: list[str] = []
    seen_ids: set[str] = set()
    phrasing_owner: dict[str, str] = {}
    for entry in entries:
        label = f"entry {entry.id!r}" if entry.id else "an entry with no id"
        if not entry.id:
            problems.append(f"{label}: missing id")
        elif not _ID_PATTERN.match(entry.id):
            problems.append(f"{label}: id must be lowercase words joined by '-'")
        if entry.id in seen_ids:
            problems.append(f"{label}: duplicate id")
        seen_ids.add(entry.id)
        if not entry.question.strip():
            problems.append(f"{label}: empty question")
        if not entry.answer.strip():
            problems.append(f"{label}: empty answer")
        real_phrasings = [p for p in entry.phrasings if p.strip()]
        if len(real_phrasings) < MIN_PHRASINGS:
            problems.append(
                f"{label}: has {len(real_phrasings)} phrasings, needs at least {MIN_PHRASINGS}"
            )
        if entry.section not in KNOWN_SECTIONS:
            problems.append(f"{label}: unknown guide section {entry.section!r}")
        own_keys: set[str] = set()
        for text in (entry.question, *real_phrasings):
            key = _phrasing_key(text)
            if not key or key in own_keys:
                continue
            own_keys.add(key)
            owner = phrasing_owner.get(key)
            if owner is not None and owner != entry.id:
                problems.append(f"{label}: phrasing {text!r} is also used by entry {owner!r}")
            else:
                phrasing_owner[key] = entry.id
    return problems


def _as_str_tuple(value: object, field: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise FaqError(f"{where}: '{field}' must be a list of strings")
    return tuple(item.strip() for item in value)


def _as_str(value: object, field: str, where: str) -> str:
    if not isinstance(value, str):
        raise FaqError(f"{where}: '{field}' must be a string")
    return value.strip()


def parse_faq(data: dict[str, object], source: str) -> list[FaqEntry]:
    """Turn parsed TOML into entries, raising FaqError on a wrong shape."""
    raw_entries = data.get("entry")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise FaqError(f"{source}: no [[entry]] tables found")
    entries: list[FaqEntry] = []
    for position, raw in enumerate(raw_entries, start=1):
        if not isinstance(raw, dict):
            raise FaqError(f"{source}: entry #{position} is not a table")
        entry_id = raw.get("id")
        where = f"{source}: entry {entry_id!r}" if entry_id else f"{source}: entry #{position}"
        entries.append(
            FaqEntry(
                id=_as_str(raw.get("id", ""), "id", where),
                question=_as_str(raw.get("question", ""), "question", where),
                phrasings=_as_str_tuple(raw.get("phrasings", []), "phrasings", where),
                answer=" ".join(_as_str(raw.get("answer", ""), "answer", where).split()),
                tags=_as_str_tuple(raw.get("tags", []), "tags", where),
                section=_as_str(raw.get("section", ""), "section", where),
            )
        )
    return entries


def load_faq(path: Path | None = None) -> list[FaqEntry]:
    """Load and validate an FAQ file (the shipped faq/entries.toml when path is None)."""
    source = Path(path) if path is not None else SHIPPED_FAQ
    try:
        with source.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise FaqError(f"{source}: FAQ file not found") from None
    except OSError as error:
        raise FaqError(f"{source}: cannot read FAQ file ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise FaqError(f"{source}: not valid TOML ({error})") from None
    entries = parse_faq(data, str(source))
    problems = validate_faq(entries)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise FaqError(f"{source}: {problems[0]}{more}")
    return entries


# ---------------------------------------------------------------- the FAQ in other languages
# faq/entries.<code>.toml: the same entries (by id) in another language, each with its own
# question, answer, phrasings (as patients in that language ask) and lay-word tags; the guide
# section comes from the English entry.

MIN_TRANSLATED_PHRASINGS = 4
# What an answer must carry over unchanged: the bot's commands and the web addresses.
_CARRIED = re.compile(r"(?<![\w/])/[a-z]+\b|\b[a-z0-9-]+\.(?:org|com)(?:/[\w/-]*)?")


def faq_path(language: str) -> Path:
    """The shipped FAQ file of ``language`` ("en" is entries.toml)."""
    return SHIPPED_FAQ if language == "en" else SHIPPED_FAQ.with_name(f"entries.{language}.toml")


@cache  # asked on every update (which languages are offered): the files do not change
def faq_languages() -> tuple[str, ...]:
    """The languages the shipped FAQ is written in: English first, then by code."""
    found = {p.name.split(".")[1] for p in SHIPPED_FAQ.parent.glob("entries.*.toml")}
    return ("en", *sorted(found - {"en"}))


def validate_translation(english: list[FaqEntry], translated: list[FaqEntry]) -> list[str]:
    """Every problem of a translated FAQ against the English one (empty: fine)."""
    problems = [p for p in validate_faq(translated) if "unknown guide section" not in p]
    ours = {e.id: e for e in english}
    theirs = {e.id: e for e in translated}
    problems += [
        f"entry {i!r}: missing (it is in the English FAQ)" for i in ours.keys() - theirs.keys()
    ]
    problems += [f"entry {i!r}: not in the English FAQ" for i in theirs.keys() - ours.keys()]
    for entry_id in ours.keys() & theirs.keys():
        entry = theirs[entry_id]
        if len([p for p in entry.phrasings if p.strip()]) < MIN_TRANSLATED_PHRASINGS:
            problems.append(
                f"entry {entry_id!r}: needs at least {MIN_TRANSLATED_PHRASINGS} phrasings"
            )
        expected = sorted(set(_CARRIED.findall(ours[entry_id].answer)))
        found = sorted(set(_CARRIED.findall(entry.answer)))
        if expected != found:
            problems.append(
                f"entry {entry_id!r}: the answer must keep {expected} as in English, has {found}"
            )
    return sorted(problems)


def load_translation(
    language: str, english: list[FaqEntry], path: Path | None = None
) -> list[FaqEntry]:
    """Load and check the FAQ of ``language``, in the English entries' order."""
    source = Path(path) if path is not None else faq_path(language)
    try:
        with source.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise FaqError(f"{source}: FAQ file not found") from None
    except tomllib.TOMLDecodeError as error:
        raise FaqError(f"{source}: not valid TOML ({error})") from None
    sections = {entry.id: entry.section for entry in english}
    parsed = {
        entry.id: replace(entry, section=sections.get(entry.id, entry.section))
        for entry in parse_faq(data, str(source))
    }
    translated = [parsed[e.id] for e in english if e.id in parsed]
    translated += [entry for key, entry in parsed.items() if key not in sections]
    problems = validate_translation(english, translated)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise FaqError(f"{source}: {problems[0]}{more}")
    return translated
