"""The Spanish and German FAQ measured on development sets written as patients there ask.

The sets (tests/faq/devset.es.tsv, devset.de.tsv) were written without looking at the entries'
phrasings. The answer decision is the English one (faq/matcher.py), not fitted on these sets:
fitting it per language under 5-fold cross-validation did not do better (docs/faq.md), so
these figures are held-out for the decision. Synonyms were added after a first look at them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.catalog import load_faq, load_translation
from faq.evaluation import EvalReport, evaluate, read_question_set
from faq.languages import rules_for
from faq.matcher import FaqMatcher
from faq.semantic import SentenceEncoder

HERE = Path(__file__).parent
LANGUAGES = ("de", "es")


@pytest.fixture(scope="module", params=LANGUAGES)
def report(request: pytest.FixtureRequest, encoder: SentenceEncoder) -> tuple[str, EvalReport]:
    code = request.param
    matcher = FaqMatcher(load_translation(code, load_faq()), rules=rules_for(code), encoder=encoder)
    return code, evaluate(matcher, read_question_set(HERE / f"devset.{code}.tsv"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_set_is_big_enough(code: str) -> None:
    items = read_question_set(HERE / f"devset.{code}.tsv")
    assert sum(1 for i in items if i.expected_id) >= 200
    assert sum(1 for i in items if not i.expected_id) >= 50


def test_figures_per_language(report: tuple[str, EvalReport]) -> None:
    # Measured 2026-11-30 (201 in scope / 50 out of scope each), German / Spanish:
    # top-1 0.905 / 0.900, answered directly 0.637 / 0.682, out-of-scope declined 0.94 / 0.86,
    # confidently wrong 0.012 / 0.016.
    code, figures = report
    assert figures.top1_accuracy >= 0.88, code
    assert figures.recall_at_3 >= 0.95, code
    assert figures.answered_correctly >= 0.60, code
    assert figures.out_of_scope_recall >= 0.84, code
    assert figures.confidently_wrong <= 0.02, code


@pytest.mark.xfail(strict=True, reason="issue 15's FAQ targets are not reached yet")
def test_issue_targets_per_language(report: tuple[str, EvalReport]) -> None:
    _code, figures = report
    assert figures.answered_correctly >= 0.88
    assert figures.out_of_scope_recall >= 0.90
    assert figures.confidently_wrong <= 0.02
