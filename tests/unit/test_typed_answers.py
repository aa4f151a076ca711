"""Words typed in answer to a button question: read when clear, None (ask again) when not."""

from __future__ import annotations

import pytest

from bot.domain.side_effects import Severity
from bot.domain.typed_answers import (
    YesNo,
    asks_to_skip,
    read_score,
    read_severity,
    read_yes_no,
    says_nothing_more,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yes", YesNo.YES),
        ("Yeah!", YesNo.YES),
        ("yes I do", YesNo.YES),
        ("no", YesNo.NO),
        ("Nope.", YesNo.NO),
        ("no I don't", YesNo.NO),
        ("nah", YesNo.NO),
        ("not yet", YesNo.NO),
        ("blue", None),
        ("yes and no", None),
        ("", None),
        ("no " * 20, None),  # too long to be an answer
    ],
)
def test_yes_and_no(typed: str, expected: YesNo | None) -> None:
    assert read_yes_no(typed, unsure_allowed=False) is expected


def test_not_sure_only_where_it_is_an_answer() -> None:
    assert read_yes_no("not sure", unsure_allowed=True) is YesNo.UNSURE
    assert read_yes_no("I don't know", unsure_allowed=True) is YesNo.UNSURE
    assert read_yes_no("not sure", unsure_allowed=False) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sometimes tramadol", YesNo.YES),
        ("codeine now and then", YesNo.YES),
        ("occasionally", YesNo.YES),
        ("nope", YesNo.NO),
        ("no tramadol", None),  # mixed: asked again with buttons
        ("stopped tramadol last month", None),
        ("tramadol", YesNo.YES),
    ],
)
def test_the_opioid_question_reads_medicine_names(typed: str, expected: YesNo | None) -> None:
    assert read_yes_no(typed, unsure_allowed=False, about_opioids=True) is expected


def test_medicine_names_mean_nothing_to_other_questions() -> None:
    assert read_yes_no("sometimes tramadol", unsure_allowed=False) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("none", Severity.NONE),
        ("nope", Severity.NONE),
        ("not at all", Severity.NONE),
        ("mild", Severity.MILD),
        ("a little", Severity.MILD),
        ("yes, a bit", Severity.MILD),
        ("moderate", Severity.MODERATE),
        ("Severe", Severity.SEVERE),
        ("really bad", Severity.SEVERE),
        ("yes", None),  # noticed, but how strong?
        ("6", None),
        ("no, mild", None),
        ("quite bad", None),
    ],
)
def test_severity(typed: str, expected: Severity | None) -> None:
    assert read_severity(typed) is expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6", 6),
        (" 0 ", 0),
        ("10", 10),
        ("7/10", 7),
        ("3 out of 10", 3),
        ("11", None),
        ("-1", None),
        ("six", None),
        ("mild", None),
        ("", None),
    ],
)
def test_score(typed: str, expected: int | None) -> None:
    assert read_score(typed) == expected


def test_skip_and_nothing_more() -> None:
    assert asks_to_skip("skip") and asks_to_skip("skip this one") and asks_to_skip("later")
    assert not asks_to_skip("mild")
    assert says_nothing_more("no thanks") and says_nothing_more("nothing")
    assert not says_nothing_more("slept badly after coffee")
