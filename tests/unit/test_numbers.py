"""The two readings of a number: what a patient typed, and what a button carries."""

from __future__ import annotations

import pytest

from bot.domain.numbers import LARGEST_ID, callback_number, typed_number


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("7", 7), (" 90 ", 90), ("٧", 7), ("７", 7), ("007", 7)],
)
def test_a_typed_number_in_any_scripts_digits(typed: str, expected: int) -> None:
    assert typed_number(typed, low=1, high=90) == expected


@pytest.mark.parametrize(
    "typed", ["²", "①", "7²", "-3", "+3", "0", "91", "1.5", "1_0", "", " ", "9" * 4000]
)
def test_not_a_number_in_range(typed: str) -> None:
    assert typed_number(typed, low=1, high=90) is None


@pytest.mark.parametrize(("arg", "expected"), [("1", 1), (str(LARGEST_ID), LARGEST_ID)])
def test_an_id_in_callback_data(arg: str, expected: int) -> None:
    assert callback_number(arg) == expected


@pytest.mark.parametrize(
    "arg",
    ["", "0", "-1", "+1", "²", "٣", "７", str(LARGEST_ID + 1), "99999999999999999999", "1 ", "0x1"],
)
def test_not_an_id(arg: str) -> None:
    assert callback_number(arg) is None


def test_small_numbers_in_callback_data_may_start_at_zero() -> None:
    assert callback_number("0", low=0, high=10) == 0
    assert callback_number("11", low=0, high=10) is None
