"""The Spanish and German FAQ measured on development sets written as patients there ask.

The sets (tests/faq/devset.es.tsv, devset.de.tsv) were written without looking at the entries'
phrasings. Each language has its own decision fitted on its own dev set (faq/data/decision.json,
`ldn-bot faq tune tests/faq/devset.<code>.tsv --lang <code>`): fitted per language it does
better under 5-fold cross-validation than one fitted on the three languages pooled (answered
directly 0.920 vs 0.876 in both), so the dev figures below are cross-validated, each fold
decided by models fitted on the others (and, in Spanish, using only their questions as asked
examples). German does not use its asked examples: under CV they traded answered directly
0.925 -> 0.920 for declined 0.92 -> 0.96, and on the German held-out set (measured once) they
answered 0.883 instead of 0.953 -- a choice made after that measurement, so the German
held-out figure below is no longer untouched. Synonyms, fillers,
out-of-scope words and phrasings (faq/languages.py, faq/entries.{de,es}.toml) were added after
looking at the dev sets; no added phrasing is close to a dev question (token Jaccard < 0.7).

The held-out sets (tests/faq/heldout.es.tsv, heldout.de.tsv) were written before any of that
tuning, without reading the entries' phrasings or the dev sets, and are measured once after each
round of tuning (docs/faq.md). Nothing was tuned on them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq import tuning
from faq.evaluation import evaluate, read_question_set
from faq.matcher import FaqMatcher
from faq.multilingual import MultilingualFaq
from faq.semantic import SentenceEncoder

pytestmark = pytest.mark.timeout(600)  # cross-validation: a pass per fold
HERE = Path(__file__).parent
LANGUAGES = ("de", "es")


def bot_matcher(code: str, encoder: SentenceEncoder) -> FaqMatcher:
    """The language's matcher as the bot runs it (its decision, its asked examples and those it
    borrows from the other languages)."""
    return MultilingualFaq.build(encoder=encoder).matcher(code)


@pytest.fixture(scope="module", params=LANGUAGES)
def report(
    request: pytest.FixtureRequest, encoder: SentenceEncoder
) -> tuple[str, dict[str, float]]:
    code = request.param
    items = read_question_set(HERE / f"devset.{code}.tsv")
    matcher = tuning.with_asked(bot_matcher(code, encoder), items)
    return code, tuning.cross_validate_set(matcher, items)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_set_is_big_enough(code: str) -> None:
    items = read_question_set(HERE / f"devset.{code}.tsv")
    assert sum(1 for i in items if i.expected_id) >= 200
    assert sum(1 for i in items if not i.expected_id) >= 50
    held_out = read_question_set(HERE / f"heldout.{code}.tsv")
    assert sum(1 for i in held_out if i.expected_id) >= 100
    assert len({i.expected_id for i in held_out if i.expected_id}) >= 60  # many entries
    assert sum(1 for i in held_out if not i.expected_id) >= 30
    for name in (f"heldout2.{code}.tsv", f"heldout3.{code}.tsv"):
        blind = read_question_set(HERE / name)
        assert sum(1 for i in blind if i.expected_id) == 150, name
        assert len({i.expected_id for i in blind if i.expected_id}) == 95, name  # every entry
        assert sum(1 for i in blind if not i.expected_id) == 40, name


def test_figures_per_language(report: tuple[str, dict[str, float]]) -> None:
    # Cross-validated, measured 2026-11-30 (201 in scope / 50 out of scope each), German /
    # Spanish, with USE multilingual and each language's own decision (Spanish with asked
    # examples): top-1 0.960 / 0.945, recall@3 0.990 / 0.985, answered directly 0.925 / 0.920,
    # declined 0.92 / 0.96, confidently wrong 0.020 / 0.012. Refitted with the outside
    # detector's feature (faq-outside; German reads no asked examples, so it is 0 there):
    # German unchanged (answered 0.920, declined 1.00, wrong 0.016, seed 5), Spanish answered
    # 0.915, declined 0.96 -> 0.98, wrong 0.016 -> 0.020 (one more of 251).
    # Before (MiniLM, the English decision, not fitted on these sets, so held-out for it):
    # top-1 0.950 / 0.925, recall@3 0.990 / 0.980, answered directly 0.861 / 0.841,
    # declined 0.96 / 0.94, confidently wrong 0.004 / 0.024.
    # The fifth stop (2026-11-30) grew both sets from 251 to 914 (es) / 896 (de) questions, by
    # four writers who read only the guide and the entries' ids, questions and answers: with the
    # decision then shipped, cross-validated on the grown sets, Spanish answered 0.670 (top-1
    # 0.855), German 0.696 (0.887, asked examples not read). Now both read their asked examples,
    # rank with the classifier (weight 1) and borrow the other languages' asked examples
    # (`BorrowedAsked`), decisions refitted: German / Spanish top-1 0.919 / 0.890, recall@3
    # 0.980 / 0.969, answered directly 0.785 / 0.740, declined 0.946 / 0.947, wrong 0.017 /
    # 0.016. The 251-question figures above were fitted on sets the rules had been tuned on.
    # The seventh stop (2026-12-01) grew them again, by six writers (three a language, each
    # with a persona), to 1,868 (es) / 1,850 (de) questions, and the classifier's weight went
    # from 1 to 3 (chosen under this CV: 1 / 2 / 3 answered 0.779 / 0.805 / 0.813 es, 0.807 /
    # 0.817 / 0.828 de): German / Spanish top-1 0.935 / 0.920, recall@3 0.988 / 0.981,
    # answered directly 0.828 / 0.813, declined 0.945 / 0.943, wrong 0.017 / 0.017. Five more
    # writers later (3,418 es / 2,473 de questions), refitted: top-1 0.936 / 0.923, recall@3
    # 0.988 / 0.983, answered 0.829 / 0.841, declined 0.945 / 0.951, wrong 0.013 / 0.015.
    code, figures = report
    assert figures["top1_accuracy"] >= 0.91, code
    assert figures["recall_at_3"] >= 0.97, code
    assert figures["answered_correctly"] >= 0.80, code
    assert figures["out_of_scope_recall"] >= 0.94, code
    assert figures["confidently_wrong"] <= 0.02, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_held_out_figures_per_language(code: str, encoder: SentenceEncoder) -> None:
    # Measured 2026-11-30 (171 in scope / 35 out of scope each), German / Spanish, before any
    # tuning: top-1 0.959 / 0.953, answered directly 0.807 / 0.789, out-of-scope declined
    # 0.943 / 0.914, confidently wrong 0.000 / 0.000; after the tuning (measured once):
    # top-1 0.982 / 0.971, answered directly 0.877 / 0.842, declined 0.971 / 0.943,
    # confidently wrong 0.005 / 0.000; with the refitted English decision (measured once):
    # top-1 0.982 / 0.977, answered directly 0.912 / 0.901, declined 0.914 / 0.943,
    # confidently wrong 0.005 / 0.005; with USE multilingual and each language's own decision
    # (measured once): top-1 0.994 / 0.982, answered directly 0.953 / 0.930, declined
    # 0.914 / 0.914, confidently wrong 0.010 / 0.005 (German with its asked examples: 0.883).
    # Refitted with the outside detector's feature (faq-outside, measured once): German
    # unchanged, Spanish answered 0.930, declined 0.914, wrong 0.005 -> 0.000.
    # With the fifth stop's grown dev sets and borrowed examples (seen since, so no longer
    # untouched): German / Spanish top-1 0.994 / 0.988, answered 0.924 / 0.942, declined
    # 0.886 / 0.914 (German: 31 of 35, one fewer), wrong 0.005 / 0.000. The seventh stop's
    # grown sets and classifier weight: top-1 0.994 / 0.988, answered 0.977 / 0.942, declined
    # 0.914 / 0.943, wrong 0.015 / 0.010 (German 3 of 206 wrong: the bound is issue 15's 0.02).
    figures = evaluate(bot_matcher(code, encoder), read_question_set(HERE / f"heldout.{code}.tsv"))
    assert figures.top1_accuracy >= 0.97, code
    assert figures.answered_correctly >= 0.92, code
    assert figures.out_of_scope_recall >= 0.88, code
    assert figures.confidently_wrong <= 0.02, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_second_held_out_set_per_language(code: str, encoder: SentenceEncoder) -> None:
    """tests/faq/heldout2.{es,de}.tsv: 150 in scope (every entry) / 40 out, written blind in
    the fifth stop by two more writers, scored by the lead before and after that stop's change
    and never tuned on. Before (the shipped decisions, 251-question dev sets): German /
    Spanish top-1 0.927 / 0.860, answered directly 0.807 / 0.587, declined 0.925 / 0.925,
    confidently wrong 0.032 / 0.021. After (grown dev sets, borrowed examples): top-1
    0.940 / 0.913, answered 0.813 / 0.760, declined 0.975 / 0.950, wrong 0.011 / 0.000.
    The seventh stop's grown dev sets and classifier weight 3: top-1 0.987 / 0.940, answered
    0.900 / 0.833, declined 0.975 / 0.975, wrong 0.005 / 0.000; with five more writers: top-1
    0.987 / 0.940, answered 0.907 / 0.860, declined 0.975 / 0.950, wrong 0.005 / 0.005."""
    figures = evaluate(bot_matcher(code, encoder), read_question_set(HERE / f"heldout2.{code}.tsv"))
    assert figures.top1_accuracy >= 0.93, code
    assert figures.answered_correctly >= 0.82, code
    assert figures.out_of_scope_recall >= 0.95, code
    assert figures.confidently_wrong <= 0.015, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_third_held_out_set_per_language(code: str, encoder: SentenceEncoder) -> None:
    """tests/faq/heldout3.{es,de}.tsv: 150 in scope (every entry) / 40 out, written blind in
    the seventh stop by two more writers, scored before and after that stop's change and never
    tuned on. Before (the sixth stop's code): German / Spanish top-1 0.953 / 0.920, answered
    directly 0.813 / 0.800, declined 0.950 / 0.900, wrong 0.011 / 0.005. After (grown dev sets,
    classifier weight 3): top-1 0.973 / 0.913, answered 0.907 / 0.820, declined 0.950 / 0.925,
    wrong 0.016 / 0.005; with five more writers: top-1 0.967 / 0.920, answered 0.927 / 0.840,
    declined 0.925 / 0.950, wrong 0.011 / 0.000."""
    figures = evaluate(bot_matcher(code, encoder), read_question_set(HERE / f"heldout3.{code}.tsv"))
    assert figures.top1_accuracy >= 0.90, code
    assert figures.answered_correctly >= 0.81, code
    assert figures.out_of_scope_recall >= 0.92, code
    assert figures.confidently_wrong <= 0.02, code


@pytest.mark.xfail(
    strict=True,
    reason="issue 15 item 5 not met under CV: answered directly 0.829 (de) / 0.841 (es) under"
    " 5-fold CV; on the blind held-out sets 2 and 3 German 0.907 / 0.927, Spanish 0.860 / 0.840",
)
def test_issue_targets_per_language(report: tuple[str, dict[str, float]]) -> None:
    # Issue 15 item 5, cross-validated on each language's dev set.
    _code, figures = report
    assert figures["answered_correctly"] >= 0.88
    assert figures["out_of_scope_recall"] >= 0.90
    assert figures["confidently_wrong"] <= 0.02


def test_spanish_and_german_borrow_the_other_languages_asked_examples(
    encoder: SentenceEncoder,
) -> None:
    faq = MultilingualFaq.build(encoder=encoder)
    lent = {code: len(matcher.asked) for code, matcher in faq.matchers.items()}
    for code in LANGUAGES:
        borrowed = {b.language: len(b.entry_ids) for b in faq.matcher(code).borrowed}
        assert set(borrowed) == {"en", "es", "de"} - {code}
        for other, count in borrowed.items():  # every example of an entry, none outside
            assert 0 < count < lent[other]
    assert faq.matcher("en").borrowed == ()  # English alone did better under CV
