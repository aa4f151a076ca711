"""The figures the issue asks for, measured on the development set under cross-validation.

"Answered directly" = the bot's reply is the expected entry's answer; a "did you mean" with the
right entry among the buttons does not count. Each fold's questions are decided by models and
thresholds fitted on the other folds only (faq/tuning.py), as `ldn-bot faq tune` reports.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq import tuning
from faq.evaluation import evaluate, read_question_set
from faq.matcher import FaqMatcher

HERE = Path(__file__).parent
DEVSET = read_question_set(HERE / "devset.tsv")


@pytest.fixture(scope="module")
def semantic_cv(matcher: FaqMatcher) -> dict[str, float]:
    return tuning.cross_validate(tuning.collect(matcher, DEVSET))


@pytest.fixture(scope="module")
def lexical_cv(lexical_matcher: FaqMatcher) -> dict[str, float]:
    return tuning.cross_validate(tuning.collect(lexical_matcher, DEVSET))


def test_devset_is_big_enough() -> None:
    assert sum(1 for i in DEVSET if i.expected_id) >= 600
    assert sum(1 for i in DEVSET if not i.expected_id) >= 150


def test_cross_validated_figures_with_the_semantic_layer(semantic_cv: dict[str, float]) -> None:
    # Measured 2026-11-30 on 766 in-scope / 189 out-of-scope questions: top-1 0.913,
    # recall@3 0.986, answered directly 0.725, out-of-scope declined 0.942, confidently wrong
    # 0.018 (before the pairwise decision and the new phrasings: 0.898 / 0.974 / 0.628 / 0.942 /
    # 0.018). The floors are what was reached; issue 11's own targets are the xfail below.
    assert semantic_cv["top1_accuracy"] >= 0.905
    assert semantic_cv["recall_at_3"] >= 0.98
    assert semantic_cv["answered_correctly"] >= 0.71
    assert semantic_cv["out_of_scope_recall"] >= 0.93
    assert semantic_cv["confidently_wrong"] <= 0.02


def test_the_semantic_layer_beats_words_alone(
    semantic_cv: dict[str, float], lexical_cv: dict[str, float]
) -> None:
    # Words alone, same folds: top-1 0.876, recall@3 0.958, answered 0.598, declined 0.145
    # (with meaning: 0.913 / 0.986 / 0.725 / 0.094).
    assert semantic_cv["top1_accuracy"] >= lexical_cv["top1_accuracy"] + 0.02
    assert semantic_cv["recall_at_3"] >= lexical_cv["recall_at_3"] + 0.02
    assert semantic_cv["answered_correctly"] >= lexical_cv["answered_correctly"] + 0.10
    assert semantic_cv["in_scope_declined"] <= lexical_cv["in_scope_declined"] - 0.03
    assert semantic_cv["confidently_wrong"] <= lexical_cv["confidently_wrong"] + 0.005


@pytest.mark.xfail(strict=True, reason="issue 11's targets are not reached yet (docs/faq.md)")
def test_issue_targets_under_cross_validation(semantic_cv: dict[str, float]) -> None:
    assert semantic_cv["answered_correctly"] >= 0.92
    assert semantic_cv["out_of_scope_recall"] >= 0.92
    assert semantic_cv["confidently_wrong"] <= 0.02


def test_shipped_decision_on_the_devset(matcher: FaqMatcher) -> None:
    # The whole-set fit (the constants in faq/matcher.py): in-sample, so only a regression net.
    report = evaluate(matcher, DEVSET)
    assert report.top1_accuracy >= 0.88
    assert report.recall_at_3 >= 0.96
    assert report.out_of_scope_recall >= 0.93
    assert report.confidently_wrong <= 0.02
    assert report.safety_triggered == 0


def test_heldout_set_is_not_confidently_wrong_often(matcher: FaqMatcher) -> None:
    # Never tuned on; a looser bar that still catches a regression. Measured 2026-11-30:
    # top-1 0.931, recall@3 0.986, answered directly 0.833, out-of-scope declined 0.900,
    # confidently wrong 0.043 (before: 0.917 / 0.986 / 0.653 / 0.950 / 0.033).
    report = evaluate(matcher, read_question_set(HERE / "heldout.tsv"))
    assert report.recall_at_3 >= 0.85
    assert report.answered_correctly >= 0.75
    assert report.confidently_wrong <= 0.08
