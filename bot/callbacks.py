"""Callback data, written and read in one typed place.

A button's callback data is ``<feature>:<action>[:<arg>...]``. Each feature declares its actions
once, with the types of their arguments::

    BUTTONS = Buttons("night")
    TAKEN = BUTTONS.action("taken", int)            # night id
    GO_UP = BUTTONS.action("up", int, Decimal)      # night id, dose offered

    InlineKeyboardButton(texts.taken_button(), callback_data=TAKEN.data(night.id))
    CallbackQueryHandler(on_taken, pattern=TAKEN.pattern)     # anchored: exact argument count
    night_id, = TAKEN.read(query.data)                        # typed; None if malformed

Telegram allows 64 bytes of callback data; ``data()`` refuses more, so a too-long button fails
in the tests rather than in a patient's chat. No Telegram import: the codec is plain Python.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

MAX_BYTES = 64
SEPARATOR = ":"


def _reader(kind: type) -> Callable[[str], Any]:
    if kind is int:
        # ASCII digits only ("٣" is a digit to Python's int()), and within a 64-bit row id.
        return lambda raw: int(raw) if re.fullmatch(r"-?[0-9]{1,18}", raw) else _bad()
    if kind is Decimal:
        return _decimal
    if kind is str:
        return lambda raw: raw
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return lambda raw: kind(raw)
    raise TypeError(f"unsupported callback argument type: {kind!r}")


def _decimal(raw: str) -> Decimal:
    # A dose as the bot writes it ("4.5"): ASCII digits, a point, no exponent or NaN.
    if not re.fullmatch(r"[0-9]{1,6}(?:\.[0-9]{1,6})?", raw):
        return _bad()
    try:
        return Decimal(raw)
    except InvalidOperation:
        return _bad()


def _bad() -> Any:
    raise ValueError("malformed callback argument")


def _written(value: object) -> str:
    text = str(value.value) if isinstance(value, enum.Enum) else str(value)
    if SEPARATOR in text:
        raise ValueError(f"callback argument contains {SEPARATOR!r}: {text!r}")
    return text


@dataclass(frozen=True)
class ButtonAction:
    """One action of a feature's buttons, with the types of its arguments."""

    feature: str
    name: str
    arguments: tuple[type, ...] = ()
    pattern: str = field(init=False)

    def __post_init__(self) -> None:
        prefix = re.escape(f"{self.feature}{SEPARATOR}{self.name}")
        rest = f"(?:{SEPARATOR}[^{SEPARATOR}]*)" + "{" + str(len(self.arguments)) + "}"
        object.__setattr__(self, "pattern", f"^{prefix}{rest}$")

    def data(self, *values: object) -> str:
        if len(values) != len(self.arguments):
            raise TypeError(f"{self.feature}:{self.name} takes {len(self.arguments)} arguments")
        text = SEPARATOR.join([self.feature, self.name, *(_written(v) for v in values)])
        if len(text.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over Telegram's {MAX_BYTES} bytes: {text!r}")
        return text

    def matches(self, data: str | None) -> bool:
        return data is not None and re.match(self.pattern, data) is not None

    def read(self, data: str | None) -> tuple[Any, ...] | None:
        """The typed arguments, or None when ``data`` is not this action or is malformed."""
        if not self.matches(data):
            return None
        assert data is not None
        raw = data.split(SEPARATOR)[2:]
        try:
            return tuple(
                _reader(kind)(text) for kind, text in zip(self.arguments, raw, strict=True)
            )
        except ValueError:
            return None


@dataclass(frozen=True)
class Buttons:
    """A feature's callback-data prefix; ``action()`` declares each action once."""

    feature: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z_]*", self.feature):
            raise ValueError(f"feature prefix must be lowercase letters: {self.feature!r}")

    def action(self, name: str, *arguments: type) -> ButtonAction:
        return ButtonAction(self.feature, name, arguments)

    def any_action(self, *names: str) -> str:
        """A pattern for several actions of this feature (prefer one handler per action)."""
        choices = "|".join(re.escape(n) for n in names)
        return f"^{re.escape(self.feature)}{SEPARATOR}(?:{choices})(?:{SEPARATOR}|$)"
