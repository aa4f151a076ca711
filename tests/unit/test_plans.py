"""Titration plans: the guide's standard plan, the gentle example, fixed and custom plans."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from bot.domain.plans import (
    GENTLE,
    STANDARD,
    Plan,
    PlanError,
    PlanStep,
    dose_volume_ml,
    fixed_plan,
    format_mg,
    parse_custom_steps,
    plan_from_patient,
    plan_to_columns,
)
from bot.features.settings.texts import plan_description, plan_problem

D = Decimal


def doses(plan: Plan) -> list[tuple[str, int | None]]:
    return [(format_mg(step.mg), step.weeks) for step in plan.steps]


def test_standard_plan_follows_the_guide() -> None:
    assert doses(STANDARD) == [("1.5", 2), ("3", 2), ("4.5", None)]
    assert plan_description(STANDARD) == "1.5 mg weeks 1–2 → 3 mg weeks 3–4 → 4.5 mg from week 5"


def test_gentle_plan_starts_at_half_a_mg_and_says_the_prescriber_decides() -> None:
    assert GENTLE.steps[0].mg == D("0.5")
    assert GENTLE.steps[-1] == PlanStep(D("4.5"), None)
    assert [s.mg for s in GENTLE.steps] == sorted(s.mg for s in GENTLE.steps)
    assert "prescriber" in plan_description(GENTLE)
    assert plan_description(GENTLE).startswith("0.5 mg weeks 1–2 → 1 mg weeks 3–4")


def test_fixed_plan_is_one_open_ended_dose() -> None:
    plan = fixed_plan("3")
    assert plan == Plan("fixed", (PlanStep(D("3"), None),))
    assert plan_description(plan) == "3 mg every night"


@pytest.mark.parametrize("bad", ["0", "0.05", "5", "50", "-1", "abc", "1.555"])
def test_fixed_plan_refuses_doses_outside_the_low_range_kindly(bad: str) -> None:
    with pytest.raises(PlanError) as error:
        fixed_plan(bad)
    said = plan_problem(error.value)
    assert "mg" in said and "dose" in said


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5x2 1x2 1.5x2 3", [("0.5", 2), ("1", 2), ("1.5", 2), ("3", None)]),
        ("0.5 mg for 2 weeks, then 1 mg", [("0.5", 2), ("1", None)]),
        ("1.5mg x 2w 3mg x2w 4.5mg", [("1.5", 2), ("3", 2), ("4.5", None)]),
        ("1.5 for 2 weeks then 3 for 2 weeks then 4.5", [("1.5", 2), ("3", 2), ("4.5", None)]),
        ("0,5x2, 1x2, 1,5", [("0.5", 2), ("1", 2), ("1.5", None)]),
        ("1 × 3; 2 × 1; 3", [("1", 3), ("2", 1), ("3", None)]),
        ("0.5x2 1x2 2x4", [("0.5", 2), ("1", 2), ("2", None)]),  # last step carries on
    ],
)
def test_custom_steps_are_read_forgivingly(text: str, expected: list[tuple[str, int]]) -> None:
    plan = parse_custom_steps(text)
    assert plan.kind == "custom"
    assert doses(plan) == expected


def test_custom_plan_description() -> None:
    plan = parse_custom_steps("0.5x2 1x1 3")
    assert plan_description(plan) == "0.5 mg weeks 1–2 → 1 mg week 3 → 3 mg from week 4"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "For example"),
        ("lots", "couldn't read"),
        ("1 2x2 3", "How many weeks at 1 mg"),
        ("1x2 0.5", "higher dose"),
        ("1x2 6", "between 0.1 and 4.5 mg"),
        ("1x0 2", "between 1 and 52 weeks"),
        (" ".join(["1x1"] * 13), "at most 12 steps"),
    ],
)
def test_custom_steps_explain_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(PlanError) as problem:
        parse_custom_steps(text)
    assert says in plan_problem(problem.value)


@pytest.mark.parametrize("plan", [STANDARD, GENTLE, fixed_plan("2.5"), parse_custom_steps("1x3 2")])
def test_plan_survives_the_database_columns(plan: Plan) -> None:
    kind, steps = plan_to_columns(plan)
    assert plan_from_patient(SimpleNamespace(plan=kind, plan_steps=steps)) == plan


def test_standard_and_gentle_store_no_steps() -> None:
    assert plan_to_columns(STANDARD) == ("standard", None)
    assert plan_to_columns(GENTLE) == ("gentle", None)


@pytest.mark.parametrize(
    ("kind", "steps"),
    [(None, None), ("custom", None), ("custom", [{"mg": "lots"}]), ("nonsense", None)],
)
def test_unset_or_unreadable_plan_falls_back_to_standard(kind: str | None, steps: object) -> None:
    assert plan_from_patient(SimpleNamespace(plan=kind, plan_steps=steps)) == STANDARD


@pytest.mark.parametrize(
    ("mg", "form", "ml"),
    [
        ("1.5", "liquid", "1.5"),
        ("0.5", "liquid", "0.5"),
        ("4.5", "liquid", "4.5"),
        ("3", "capsule", None),
        ("3", None, None),
    ],
)
def test_liquid_doses_are_also_volumes(mg: str, form: str | None, ml: str | None) -> None:
    volume = dose_volume_ml(D(mg), form)
    assert volume == (D(ml) if ml else None)
