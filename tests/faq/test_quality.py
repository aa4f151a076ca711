"""The figures the issue asks for, measured on the development set under cross-validation.

"Answered directly" = the bot's reply is the expected entry's answer; a "did you mean" with the
right entry among the buttons does not count. Each fold's questions are decided by models and
thresholds fitted on the other folds only (faq/tuning.py), as `ldn-bot faq tune` reports.

The dev set's questions are also the matcher's "asked before" examples at run time
(faq/data/asked.en.tsv; the out-of-scope ones, labelled "-", feed the outside detector); under
cross-validation a question only ever sees the examples of the folds fitted on, never its own
fold's nor itself.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from faq import tuning
from faq.evaluation import evaluate, load_asked, read_question_set
from faq.matcher import FaqMatcher

# Cross-validation with asked examples measures every question once per fold (5 passes):
# minutes on a shared 2-core machine, beyond the suite's default per-test limit.
pytestmark = pytest.mark.timeout(1200)
HERE = Path(__file__).parent
DEVSET = read_question_set(HERE / "devset.tsv")


@pytest.fixture(scope="module")
def semantic_cv(matcher: FaqMatcher) -> dict[str, float]:
    return tuning.cross_validate_set(tuning.with_asked(matcher, DEVSET), DEVSET)


@pytest.fixture(scope="module")
def without_asked_cv(matcher: FaqMatcher) -> dict[str, float]:
    return tuning.cross_validate_set(tuning.with_asked(matcher, DEVSET, asked=False), DEVSET)


@pytest.fixture(scope="module")
def without_classifier_cv(matcher: FaqMatcher) -> dict[str, float]:
    decision = replace(tuning.current_decision(matcher), classifier_weight=0.0)
    return tuning.cross_validate_set(tuning.with_asked(matcher, DEVSET, decision), DEVSET)


@pytest.fixture(scope="module")
def lexical_cv(lexical_matcher: FaqMatcher) -> dict[str, float]:
    return tuning.cross_validate(tuning.collect(lexical_matcher, DEVSET))


def test_devset_is_big_enough() -> None:
    assert sum(1 for i in DEVSET if i.expected_id) >= 600
    assert sum(1 for i in DEVSET if not i.expected_id) >= 150


@pytest.mark.parametrize("code", ["en", "es", "de"])
def test_the_shipped_asked_examples_are_the_dev_sets_questions(code: str) -> None:
    # The package cannot read tests/ at run time: faq/data/asked.<code>.tsv is a copy of the
    # dev set's in-scope lines, and must not drift from what the decision was fitted on.
    name = "devset.tsv" if code == "en" else f"devset.{code}.tsv"
    assert load_asked(code) == tuning.asked_examples(read_question_set(HERE / name))


def test_cross_validated_figures_with_the_semantic_layer(semantic_cv: dict[str, float]) -> None:
    # Measured 2026-11-30 on 766 in-scope / 189 out-of-scope questions with USE multilingual,
    # the ridge classifier in the ranking (classifier weight 1.0), the asked examples, the
    # outside detector and its own fitted decision (English limits 0.008 / 0.97): top-1 0.935,
    # recall@3 0.986, answered directly 0.745, out-of-scope declined 0.921, confidently wrong
    # 0.019 (fold seeds 1 / 2: answered 0.748 / 0.749, declined 0.958 / 0.952, wrong 0.014 /
    # 0.017). Before the outside detector: 0.935 / 0.986 / 0.717 / 0.937 / 0.019; before the
    # classifier and 23 phrasings: 0.906 / 0.975 / 0.718 / 0.942 / 0.017. Issue 11's targets:
    # the xfail.
    # Fourth stop: 3,528 more questions by eight writers with personas (4,483 in all: 3,708 in
    # scope / 775 out), English limits back to the defaults 0.012 / 0.96: top-1 0.933, recall@3
    # 0.985, answered directly 0.823, out-of-scope declined 0.951, confidently wrong 0.012 (the
    # blind sets, never tuned on: answered 0.925 / 0.950 / 0.925, test_heldout_sets_written_blind).
    # Seventh stop (2026-12-01): 1,195 more by four writers with new personas (UK/Ireland/
    # Australia; older US patients and voice-to-text; English as a second language; sceptics),
    # 5,678 in all (4,720 in scope / 958 out), decision refitted: top-1 0.937, recall@3 0.985,
    # answered directly 0.840, declined 0.954, wrong 0.013 (classifier weight 2 instead of 1:
    # answered 0.818, not taken).
    assert semantic_cv["top1_accuracy"] >= 0.93
    assert semantic_cv["recall_at_3"] >= 0.98
    assert semantic_cv["answered_correctly"] >= 0.825
    assert semantic_cv["out_of_scope_recall"] >= 0.92
    assert semantic_cv["confidently_wrong"] <= 0.02


def test_the_classifier_ranks_better_under_cross_validation(
    semantic_cv: dict[str, float], without_classifier_cv: dict[str, float]
) -> None:
    # Same folds, classifier weight 0 (decision refitted in each fold): top-1 0.920, recall@3
    # 0.978, answered 0.713, declined 0.098, wrong 0.015; with it 0.935 / 0.986 / 0.745 / 0.072
    # / 0.019 (before the outside detector: without 0.919 / 0.978 / 0.713, with 0.936 / 0.986 /
    # 0.708). It puts the right entry first more often (docs/faq.md). On the fourth stop's 4,483
    # questions: without 0.882 / 0.970 / 0.753 / 0.087 / 0.012, with 0.933 / 0.985 / 0.823 /
    # 0.064 / 0.012.
    assert semantic_cv["top1_accuracy"] >= without_classifier_cv["top1_accuracy"] + 0.01
    assert semantic_cv["recall_at_3"] >= without_classifier_cv["recall_at_3"] + 0.005
    assert semantic_cv["in_scope_declined"] <= without_classifier_cv["in_scope_declined"]
    assert semantic_cv["answered_correctly"] >= without_classifier_cv["answered_correctly"] - 0.02
    assert semantic_cv["confidently_wrong"] <= 0.02


def test_the_asked_examples_do_not_lose_under_cross_validation(
    semantic_cv: dict[str, float], without_asked_cv: dict[str, float]
) -> None:
    # Same folds, without the asked examples (the classifier then reads the phrasings alone,
    # the outside detector the phrasings and faq/data/outside.en.tsv): top-1 0.930, recall@3
    # 0.980, answered directly 0.689, confidently wrong 0.016 (with them 0.935 / 0.986 / 0.745
    # / 0.019). Over fold seeds 5 / 1 / 2 answered 0.689 / 0.680 / 0.661 without, 0.745 /
    # 0.748 / 0.749 with; wrong 0.016 / 0.014 / 0.014 without, 0.019 / 0.014 / 0.017 with.
    # Since the outside detector, the dev set's out-of-scope questions among them are what it
    # learns "outside" from (before it: answered 0.722 / 0.721 / 0.722 without, 0.708 / 0.742
    # / 0.738 with, wrong 0.020 without, 0.018 with).
    assert semantic_cv["top1_accuracy"] >= without_asked_cv["top1_accuracy"]
    assert semantic_cv["recall_at_3"] >= without_asked_cv["recall_at_3"]
    # On the fourth stop's 4,483 questions: without 0.899 / 0.977 / 0.581 / 0.007 (with them
    # 0.933 / 0.985 / 0.823 / 0.012, the limit on wrong answers being 0.012 again).
    assert semantic_cv["answered_correctly"] >= without_asked_cv["answered_correctly"] + 0.03
    assert semantic_cv["confidently_wrong"] <= without_asked_cv["confidently_wrong"] + 0.01


def test_the_semantic_layer_beats_words_alone(
    semantic_cv: dict[str, float], lexical_cv: dict[str, float]
) -> None:
    # Words alone, same folds: top-1 0.883, recall@3 0.965, answered 0.604, declined 0.140
    # (with meaning, the classifier and the outside detector: 0.935 / 0.986 / 0.745 / 0.072;
    # with meaning and the classifier: 0.936 / 0.986 / 0.708 / 0.128; before the classifier
    # and the new phrasings, words alone 0.876 / 0.958 / 0.598 / 0.145, with meaning 0.906 /
    # 0.975 / 0.718 / 0.137). On the fourth stop's 4,483 questions words alone 0.853 / 0.954 /
    # 0.414 / 0.338, wrong 0.006 (it answers half as often), with meaning 0.933 / 0.985 / 0.823
    # / 0.064, wrong 0.012.
    assert semantic_cv["top1_accuracy"] >= lexical_cv["top1_accuracy"] + 0.02
    assert semantic_cv["recall_at_3"] >= lexical_cv["recall_at_3"] + 0.015
    assert semantic_cv["answered_correctly"] >= lexical_cv["answered_correctly"] + 0.10
    assert semantic_cv["in_scope_declined"] <= lexical_cv["in_scope_declined"]
    assert semantic_cv["confidently_wrong"] <= lexical_cv["confidently_wrong"] + 0.01


@pytest.mark.xfail(strict=True, reason="issue 11's targets are not reached yet (docs/faq.md)")
def test_issue_targets_under_cross_validation(semantic_cv: dict[str, float]) -> None:
    assert semantic_cv["answered_correctly"] >= 0.92
    assert semantic_cv["out_of_scope_recall"] >= 0.92
    assert semantic_cv["confidently_wrong"] <= 0.02


def test_shipped_decision_on_the_devset(matcher: FaqMatcher) -> None:
    # The whole-set fit, with the dev set's own questions as examples: in-sample, so only a
    # regression net.
    assert matcher.asked, "the bot's matcher has its asked examples"
    report = evaluate(matcher, DEVSET)
    # On the 4,483 questions of the fourth stop: top-1 0.950, recall@3 0.990, out of scope
    # declined 0.970, wrong 0.006 (on 955 before: 0.971 / 0.997).
    assert report.top1_accuracy >= 0.94
    assert report.recall_at_3 >= 0.985
    assert report.out_of_scope_recall >= 0.93
    assert report.confidently_wrong <= 0.02
    # One real report among them: oxycodone taken with LDN (test_triage_rounds.py).
    assert report.safety_triggered == 1


def test_heldout_set_is_not_confidently_wrong_often(matcher: FaqMatcher) -> None:
    # Never tuned on (72 in scope / 20 out of scope). Measured once 2026-11-30 with USE
    # multilingual, its own decision and the asked examples: top-1 0.931, recall@3 0.986,
    # answered directly 0.750, out-of-scope declined 0.900, confidently wrong 0.043 (4
    # questions); the same decision fitted without asked examples: 0.931 / 0.986 / 0.750 /
    # 0.900 / 0.054. With MiniLM (earlier): 0.931 / 0.986 / 0.833 / 0.900 / 0.043. Measured
    # again after the model read 32 pieces instead of 16 (faq/matcher.py SEMANTIC_TOKENS):
    # top-1 0.931, answered directly 0.806, confidently wrong 0.043. Measured once more after
    # the classifier and 23 new phrasings (faq-en, 2026-11-30; seen before, so not untouched):
    # top-1 0.931, recall@3 0.986, answered directly 0.806, out-of-scope declined 0.900,
    # confidently wrong 0.054 (5 of 92: one more). After the outside detector (faq-outside,
    # measured once): top-1 0.931, recall@3 0.986, answered directly 0.847, out-of-scope
    # declined 0.950, confidently wrong 0.043 (4 of 92). After the fourth stop's 3,528 dev
    # questions and the default limits: 0.931 / 0.986 / 0.819 / 0.850 / 0.065 (6 of 92); the
    # blind sets 2-4, 750 questions, went the other way (wrong 0.004 / 0.000 / 0.020 -> 0.000 /
    # 0.000 / 0.008).
    report = evaluate(matcher, read_question_set(HERE / "heldout.tsv"))
    assert report.recall_at_3 >= 0.85
    assert report.answered_correctly >= 0.81
    assert report.out_of_scope_recall >= 0.85
    assert report.confidently_wrong <= 0.07


# The held-out sets written blind (200 in scope, every entry / 50 out of scope each) by someone
# who read only the entries' questions and answers and the guide; never tuned on. Floors on
# top-1, recall@3, answered directly, out-of-scope declined; ceiling on confidently wrong.
#
# heldout2.tsv (2026-11-30): scored with main before the classifier (16e013a): top-1 0.950,
# recall@3 0.995, answered directly 0.780, out-of-scope declined 0.920, confidently wrong 0.036;
# with the classifier and its new phrasings: 0.970 / 1.000 / 0.790 / 0.920 / 0.028 (0.795 after
# the food and prescription answers were rewritten); with the outside detector (branch
# faq-outside, scored by the lead after it was built without this set): 0.970 / 1.000 / 0.825 /
# 1.000 / 0.004.
# heldout3.tsv (2026-11-30, third stop): scored once with main 82fe27e: 0.970 / 0.995 / 0.775 /
# 0.960 / 0.008 (2 of 250); with the outside detector (built without this set): 0.970 / 0.995 /
# 0.810 / 1.000 / 0.000. The target (answered >= 0.92) is not met: most in-scope questions not
# answered get a "did you mean" with the right entry, or are declined (docs/faq.md).
# heldout4.tsv (2026-11-30, fourth stop): scored first with main at the start of the stop: 0.955
# / 1.000 / 0.835 / 0.860 / 0.020.
# After the fourth stop's 3,528 dev questions (eight writers, never these sets) and the default
# limits: heldout2 0.975 / 1.000 / 0.925 / 1.000 / 0.000, heldout3 0.975 / 1.000 / 0.950 / 1.000
# / 0.000, heldout4 0.975 / 1.000 / 0.925 / 0.940 / 0.008: issue 11's 0.92 answered directly
# is met on all three.
# heldout5.tsv (2026-12-01, seventh stop): written blind, scored first with main at the start of
# the stop: 0.987 / 0.993 / 0.940 / 0.950 / 0.005. After the seventh stop's 1,195 dev questions
# (four writers, never these sets) and the refitted decision: heldout2 0.975 / 1.000 / 0.940 /
# 1.000 / 0.000, heldout3 0.975 / 1.000 / 0.950 / 1.000 / 0.000, heldout4 0.975 / 1.000 / 0.930
# / 0.940 / 0.008, heldout5 0.987 / 0.993 / 0.940 / 0.950 / 0.005.
WRITTEN_BLIND = {
    "heldout2.tsv": (0.96, 0.99, 0.925, 0.96, 0.012),
    "heldout3.tsv": (0.96, 0.99, 0.94, 0.96, 0.008),
    "heldout4.tsv": (0.96, 0.99, 0.915, 0.92, 0.016),
    "heldout5.tsv": (0.97, 0.98, 0.925, 0.92, 0.012),
}


@pytest.mark.parametrize(("name", "bounds"), WRITTEN_BLIND.items())
def test_heldout_sets_written_blind(
    matcher: FaqMatcher, name: str, bounds: tuple[float, float, float, float, float]
) -> None:
    top1, recall, answered, declined, wrong = bounds
    report = evaluate(matcher, read_question_set(HERE / name))
    assert report.top1_accuracy >= top1
    assert report.recall_at_3 >= recall
    assert report.answered_correctly >= answered
    assert report.out_of_scope_recall >= declined
    assert report.confidently_wrong <= wrong
