"""The figures the issue asks for, measured on the development set."""

from __future__ import annotations

from pathlib import Path

from faq.evaluation import evaluate, read_question_set
from faq.matcher import FaqMatcher

HERE = Path(__file__).parent


def test_devset_is_big_enough() -> None:
    items = read_question_set(HERE / "devset.tsv")
    assert sum(1 for i in items if i.expected_id) >= 200
    assert sum(1 for i in items if not i.expected_id) >= 50


def test_devset_declines_out_of_scope_and_is_rarely_confidently_wrong(
    matcher: FaqMatcher,
) -> None:
    report = evaluate(matcher, read_question_set(HERE / "devset.tsv"))
    assert report.out_of_scope_recall >= 0.92
    assert report.confidently_wrong <= 0.03
    assert report.safety_triggered == 0


def test_devset_ranking_meets_issue_targets(matcher: FaqMatcher) -> None:
    report = evaluate(matcher, read_question_set(HERE / "devset.tsv"))
    assert report.top1_accuracy >= 0.92
    assert report.recall_at_3 >= 0.97
    assert report.out_of_scope_recall >= 0.92
    assert report.confidently_wrong <= 0.03
    # A covered question declined is the worst miss for a patient; keep it rare.
    assert report.answered_correctly >= 0.80
    assert report.out_of_scope_precision >= 0.75


def test_heldout_set_is_not_confidently_wrong_often(matcher: FaqMatcher) -> None:
    # Never tuned on; a looser bar that still catches a regression.
    report = evaluate(matcher, read_question_set(HERE / "heldout.tsv"))
    assert report.recall_at_3 >= 0.85
    assert report.confidently_wrong <= 0.08
