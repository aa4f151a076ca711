"""Numbers as a patient reads them: the decimal comma in Spanish and German, the shortest form,
and typed doses read with either separator."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.plans import PlanError, fixed_plan, parse_custom_steps, parse_liquid_strength
from bot.features.records.texts import chart_dose_label
from bot.features.refills.handlers import parse_amount
from bot.features.settings.texts import plan_problem
from bot.i18n import number, use_language

D = Decimal


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("en", D("1.50"), "1.5"),
        ("es", D("1.50"), "1,5"),
        ("de", D("1.50"), "1,5"),
        ("de", D("3.00"), "3"),
        ("es", D("0.25"), "0,25"),
        ("de", 0.75, "0,75"),
        ("en", 30, "30"),
        ("de", D("1E+2"), "100"),
    ],
)
def test_a_number_is_written_as_the_patients_language_writes_it(
    language: str, value: Decimal | float | int, shown: str
) -> None:
    with use_language(language):
        assert number(value) == shown


def test_the_charts_dose_label_and_a_refused_strength_use_the_decimal_comma() -> None:
    with use_language("de"):
        assert chart_dose_label(4.5) == "4,5 mg"
        with pytest.raises(PlanError) as error:
            parse_liquid_strength("12,5")
        said = plan_problem(error.value)
    assert "12,5" in said and "0,1" in said and "12.5" not in said


@pytest.mark.parametrize("typed", ["1,5", "1.5"])
def test_a_typed_dose_is_read_with_either_separator(typed: str) -> None:
    assert fixed_plan(typed).steps[0].mg == D("1.5")
    assert parse_custom_steps(f"0,5x2 {typed}").steps[-1].mg == D("1.5")
    assert parse_liquid_strength(f"{typed} mg/ml") == D("1.5")
    assert parse_amount(f"{typed} ml") == D("1.5")
