"""Numbers as patients type them and as buttons carry them, read in one place each.

Python's `str.isdigit()` says yes to "²" and "①", which `int()` then refuses; `int()` reads
numbers no database column can hold. Every command argument and every number in callback data
goes through one of these two, so neither ever reaches a query or the error handler.
"""

from __future__ import annotations

# Row ids are 32-bit integers on PostgreSQL (SQLite's are 64-bit): nothing larger is an id.
LARGEST_ID = 2**31 - 1
# More digits than any number a patient has reason to type (and than LARGEST_ID).
_MAX_DIGITS = 10


def typed_number(text: str, *, low: int, high: int) -> int | None:
    """The whole number a patient typed, in any script's decimal digits ("7", "٧", "７"), or
    None when it is not one or not within `low`..`high`."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > _MAX_DIGITS or not cleaned.isdecimal():
        return None
    value = int(cleaned)
    return value if low <= value <= high else None


def callback_number(arg: str, *, low: int = 1, high: int = LARGEST_ID) -> int | None:
    """A number in callback data, as the bot writes them (ASCII digits, no sign), within
    `low`..`high`; by default a row id. None for anything else (a forged or mangled press)."""
    if not arg or len(arg) > _MAX_DIGITS or not (arg.isascii() and arg.isdigit()):
        return None
    value = int(arg)
    return value if low <= value <= high else None
