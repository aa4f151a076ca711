"""The flood cap: N messages a minute per chat, then one "slow down", then nothing, until the
allowance comes back; other chats are never affected. Pure: the test gives the time."""

from __future__ import annotations

import pytest

from bot.domain.flood_cap import FloodCap


def verdicts(cap: FloodCap, chat: int, times: list[float]) -> list[str]:
    return [cap.arrive(chat, t) for t in times]


def test_beyond_n_a_minute_one_slow_down_then_the_rest_are_dropped() -> None:
    cap = FloodCap(5)
    assert verdicts(cap, 1, [0.0] * 9) == ["answer"] * 5 + ["slow_down"] + ["drop"] * 3


def test_other_chats_keep_their_own_allowance() -> None:
    cap = FloodCap(2)
    verdicts(cap, 1, [0.0] * 10)
    assert verdicts(cap, 2, [0.0, 0.0, 0.0]) == ["answer", "answer", "slow_down"]


def test_the_allowance_comes_back_at_n_a_minute() -> None:
    cap = FloodCap(6)  # one every 10 s
    verdicts(cap, 1, [0.0] * 8)
    assert cap.arrive(1, 5.0) == "drop"
    assert cap.arrive(1, 10.0) == "answer"
    assert cap.arrive(1, 10.5) == "drop"  # still warned: no second "slow down" yet


def test_a_new_flood_after_a_quiet_minute_gets_a_new_warning() -> None:
    cap = FloodCap(3)
    assert verdicts(cap, 1, [0.0] * 5) == ["answer"] * 3 + ["slow_down", "drop"]
    assert verdicts(cap, 1, [60.0] * 5) == ["answer"] * 3 + ["slow_down", "drop"]


def test_a_patient_tapping_through_setup_quickly_is_never_capped() -> None:
    cap = FloodCap(30)  # the default
    # Twelve setup answers, one every 1.5 s, then a burst of five messages.
    times = [i * 1.5 for i in range(12)] + [20.0] * 5
    assert set(verdicts(cap, 1, times)) == {"answer"}


def test_a_cap_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="per_minute"):
        FloodCap(0)
