"""The callback-data codec: typed, anchored, bounded to Telegram's 64 bytes."""

from __future__ import annotations

import enum
import re
from decimal import Decimal

import pytest

from bot.callbacks import Buttons


class Answer(enum.Enum):
    YES = "yes"
    NO = "no"


BUTTONS = Buttons("night")
GO_UP = BUTTONS.action("up", int, Decimal)
SET = Buttons("screening").action("set", str, Answer)
REVIEW = Buttons("screening").action("review")


def test_written_and_read_back_typed() -> None:
    data = GO_UP.data(42, Decimal("4.5"))
    assert data == "night:up:42:4.5"
    assert GO_UP.read(data) == (42, Decimal("4.5"))
    assert SET.read(SET.data("opioids", Answer.NO)) == ("opioids", Answer.NO)
    assert REVIEW.read(REVIEW.data()) == ()


@pytest.mark.parametrize(
    "data",
    [
        "night:up:42",  # an argument missing
        "night:up:42:4.5:extra",  # one too many
        "night:up:x:4.5",  # not a number
        "night:up:\u0663:4.5",  # a digit, but not an ASCII one
        "night:up:42:\u0664.5",
        "night:up:42:1e3",
        "night:up:99999999999999999999:4.5",  # beyond any row id
        "night:up:42:NaN",
        "night:upper:42:4.5",  # another action sharing the prefix
        "screening:set:opioids:maybe",  # not an answer
        None,
    ],
)
def test_malformed_or_forged_data_reads_as_none(data: str | None) -> None:
    reader = SET if data and data.startswith("screening") else GO_UP
    assert reader.read(data) is None


def test_the_pattern_is_anchored_to_the_action_and_its_arity() -> None:
    assert re.match(GO_UP.pattern, "night:up:1:3")
    assert not re.match(GO_UP.pattern, "night:up:1")
    assert not re.match(REVIEW.pattern, "screening:review:1")


def test_over_64_bytes_is_refused_when_the_button_is_built() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        SET.data("x" * 60, Answer.YES)


def test_a_separator_inside_an_argument_is_refused() -> None:
    with pytest.raises(ValueError):
        SET.data("a:b", Answer.YES)
