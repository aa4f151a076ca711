"""The titration engine: tonight's dose, the week, and when a step up is offered."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from bot.domain.plans import GENTLE, STANDARD, dose_volume_ml, fixed_plan, parse_custom_steps
from bot.domain.titration import StepChoice, dose_after_answer, tonight, week_of_plan

START = date(2026, 12, 1)
D = Decimal


def night(n: int) -> date:
    """The n-th night of the plan, 1-based."""
    return START + timedelta(days=n - 1)


def test_standard_weeks_one_and_two_are_1_5_mg_without_offers() -> None:
    for n in range(1, 15):
        t = tonight(STANDARD, START, [], night(n))
        assert (t.dose_mg, t.offer) == (D("1.5"), None)
    assert tonight(STANDARD, START, [], night(14)).week == 2
    assert tonight(STANDARD, START, [], night(15)).week == 3


def test_the_step_up_is_offered_on_night_15_and_never_taken_alone() -> None:
    t = tonight(STANDARD, START, [], night(15))
    assert t.dose_mg == D("1.5")  # no answer yet: still the current dose
    assert t.offer is not None
    assert (t.offer.from_mg, t.offer.to_mg, t.offer.weeks_on_current) == (D("1.5"), D("3"), 2)
    # Unanswered, the offer stands on the following nights and the dose does not move.
    later = tonight(STANDARD, START, [], night(20))
    assert later.dose_mg == D("1.5") and later.offer is not None


def test_going_up_changes_tonights_dose_and_starts_the_next_count() -> None:
    choices = [StepChoice(1, "up", night(15))]
    t = tonight(STANDARD, START, choices, night(15))
    assert (t.dose_mg, t.offer, t.week) == (D("3"), None, 3)
    assert t.next_step_mg == D("4.5") and t.next_step_on == night(29)
    assert tonight(STANDARD, START, choices, night(28)).offer is None
    offer = tonight(STANDARD, START, choices, night(29)).offer
    assert offer is not None and offer.to_mg == D("4.5")
    choices.append(StepChoice(2, "up", night(29)))
    final = tonight(STANDARD, START, choices, night(60))
    assert (final.dose_mg, final.offer, final.next_step_mg, final.is_last_step) == (
        D("4.5"),
        None,
        None,
        True,
    )


def test_staying_postpones_the_offer_by_a_week() -> None:
    choices = [StepChoice(1, "stay", night(15))]
    t = tonight(STANDARD, START, choices, night(15))
    assert (t.dose_mg, t.offer, t.next_step_on) == (D("1.5"), None, night(22))
    assert tonight(STANDARD, START, choices, night(21)).offer is None
    assert tonight(STANDARD, START, choices, night(22)).offer is not None
    # Going up later counts the next step's two weeks from that night.
    choices.append(StepChoice(1, "up", night(24)))
    assert tonight(STANDARD, START, choices, night(24)).dose_mg == D("3")
    assert tonight(STANDARD, START, choices, night(37)).offer is None
    assert tonight(STANDARD, START, choices, night(38)).offer is not None


def test_staying_for_good_is_never_offered_again() -> None:
    choices = [StepChoice(1, "up", night(15)), StepChoice(2, "keep", night(29))]
    for n in (29, 36, 100, 400):
        t = tonight(STANDARD, START, choices, night(n))
        assert (t.dose_mg, t.offer, t.next_step_on) == (D("3"), None, None)
        assert t.staying_for_good


def test_decisions_from_before_the_start_or_after_the_night_do_not_count() -> None:
    old = [StepChoice(1, "up", START - timedelta(days=3))]
    assert tonight(STANDARD, START, old, night(1)).dose_mg == D("1.5")
    future = [StepChoice(1, "up", night(16))]
    assert tonight(STANDARD, START, future, night(15)).dose_mg == D("1.5")


def test_a_decision_for_a_step_not_on_offer_is_ignored() -> None:
    choices = [StepChoice(2, "up", night(15))]  # skipping a step is not possible
    assert tonight(STANDARD, START, choices, night(15)).dose_mg == D("1.5")


def test_gentle_plan_walks_up_from_half_a_mg_when_always_ready() -> None:
    choices: list[StepChoice] = []
    doses = []
    for n in range(1, 90):
        t = tonight(GENTLE, START, choices, night(n))
        if t.offer is not None:
            choices.append(StepChoice(t.offer.step_index, "up", night(n)))
            t = tonight(GENTLE, START, choices, night(n))
        doses.append(t.dose_mg)
    assert doses[0] == D("0.5")
    changes = [n + 1 for n in range(1, len(doses)) if doses[n] != doses[n - 1]]
    assert changes == [15, 29, 43, 57, 71]
    assert doses[-1] == D("4.5")


def test_fixed_plan_never_offers_a_step() -> None:
    plan = fixed_plan("3")
    for n in (1, 15, 29, 365):
        t = tonight(plan, START, [], night(n))
        assert (t.dose_mg, t.offer, t.next_step_mg) == (D("3"), None, None)


def test_custom_plan_uses_its_own_weeks() -> None:
    plan = parse_custom_steps("0.5x1 1x3 2")
    assert tonight(plan, START, [], night(7)).offer is None
    offer = tonight(plan, START, [], night(8)).offer
    assert offer is not None and (offer.from_mg, offer.to_mg) == (D("0.5"), D("1"))
    choices = [StepChoice(1, "up", night(9))]
    assert tonight(plan, START, choices, night(29)).offer is None
    assert tonight(plan, START, choices, night(30)).offer is not None


@pytest.mark.parametrize(
    ("plan", "night_no", "ml"),
    [(GENTLE, 1, "0.5"), (STANDARD, 1, "1.5"), (fixed_plan("2.5"), 9, "2.5")],
)
def test_liquid_dose_is_the_same_number_of_ml(plan, night_no: int, ml: str) -> None:  # type: ignore[no-untyped-def]
    t = tonight(plan, START, [], night(night_no))
    assert dose_volume_ml(t.dose_mg, "liquid") == D(ml)


def test_answering_tonights_offer() -> None:
    t = tonight(STANDARD, START, [], night(15))
    assert dose_after_answer(STANDARD, t, "up") == (1, D("3"))
    assert dose_after_answer(STANDARD, t, "stay") == (0, D("1.5"))


def test_week_of_plan() -> None:
    assert week_of_plan(START, START - timedelta(days=1)) == 0
    assert [week_of_plan(START, night(n)) for n in (1, 7, 8, 14, 15)] == [1, 1, 2, 2, 3]
