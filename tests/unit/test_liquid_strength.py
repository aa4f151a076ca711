"""The liquid's strength: read from the label, and every mL follows it."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from bot.domain.milestones import used_since_count
from bot.domain.plans import PlanError, dose_volume_ml, liquid_strength, parse_liquid_strength
from bot.features.records.report_pdf import report_pdf
from bot.features.settings.texts import plan_problem
from tests.unit.test_charts_and_report import _pdf_pages, make_record


@pytest.mark.parametrize(
    ("typed", "strength"),
    [("1", D("1")), ("2.5 mg/ml", D("2.5")), ("0,5", D("0.5")), ("3 mg per mL", D("3"))],
)
def test_the_strength_is_read_as_the_label_gives_it(typed: str, strength: D) -> None:
    assert parse_liquid_strength(typed) == strength


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("strong", "couldn't read"),
        ("", "couldn't read"),
        ("nan", "couldn't read"),
        ("50", "can't use 50"),
        ("0.01", "can't use 0.01"),
        ("1.555", "two decimals"),
    ],
)
def test_a_strength_that_cannot_be_right_gets_a_friendly_correction(typed: str, says: str) -> None:
    with pytest.raises(PlanError) as problem:
        parse_liquid_strength(typed)
    assert says in plan_problem(problem.value)


def test_the_volume_follows_the_strength_and_assumes_1_mg_per_ml_until_told() -> None:
    assert liquid_strength(None) == D("1")
    assert dose_volume_ml(D("1.5"), "liquid") == D("1.5")
    assert dose_volume_ml(D("1.5"), "liquid", D("2")) == D("0.75")
    assert dose_volume_ml(D("0.5"), "liquid", D("3")) == D("0.17")
    assert dose_volume_ml(D("1.5"), "capsule", D("2")) is None


def test_the_ml_used_follows_the_strength() -> None:
    doses = [D("1.5"), D("1.5"), D("3")]
    assert used_since_count("liquid", doses) == D("6")
    assert used_since_count("liquid", doses, D("2")) == D("3")
    assert used_since_count("capsule", doses, D("2")) == 3


def test_the_prescribers_report_gives_the_liquids_strength() -> None:
    record = replace(make_record([]), form="liquid", liquid_mg_per_ml=D("2.00"))
    pages, _ = _pdf_pages(report_pdf(record, chart_png=None))
    assert "Form: liquid (2 mg/mL)" in pages[0]
    pages, _ = _pdf_pages(report_pdf(replace(record, liquid_mg_per_ml=None), chart_png=None))
    assert "Form: liquid (1 mg/mL)" in pages[0]
