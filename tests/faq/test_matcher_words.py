"""The words' fit of a question to each entry, computed for every entry at once, is the fit
the ranking is defined by (the per-entry loop it replaced, kept here as the reference)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from faq.catalog import load_faq, load_translation
from faq.languages import rules_for
from faq.matcher import ANSWER_CREDIT, FaqMatcher, _bigrams, _sorted_words

LANGUAGES = ("en", "es", "de")
HERE = Path(__file__).parent


def devset_questions(code: str) -> list[str]:
    name = "devset.tsv" if code == "en" else f"devset.{code}.tsv"
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 1)[1] for line in lines if "\t" in line and not line.startswith("#")]


def reference_parts(
    matcher: FaqMatcher, index: int, weights: dict[str, float], bigrams: frozenset
) -> tuple[float, float, float, float, float, float]:
    """coverage, phrasing, entry_cover, matched, bigram, fuzzy of one entry, word by word."""
    known_weight = sum(weights.values())
    strong, answer = matcher._entry_strong[index], matcher._entry_answer[index]
    matched = 0.0
    for t, weight in weights.items():
        if t in strong:
            matched += weight
        elif t in answer:
            matched += ANSWER_CREDIT * weight
    phrasing = entry_cover = 0.0
    for text in matcher._entry_texts[index]:
        common = sum(weights[t] for t in weights.keys() & text.tokens)
        if common:
            phrasing = max(phrasing, 2 * common / (known_weight + text.weight))
            entry_cover = max(entry_cover, common / text.weight)
    shared = len(bigrams & matcher._entry_bigrams[index]) / len(bigrams) if bigrams else 0.0
    closest = process.extractOne(
        " ".join(weights), matcher._entry_strings[index], scorer=fuzz.token_sort_ratio
    )
    fuzzy = closest[1] / 100.0 if closest else 0.0
    return matched / known_weight, phrasing, entry_cover, matched, shared, fuzzy


@pytest.fixture(scope="module", params=LANGUAGES)
def words_only(request: pytest.FixtureRequest) -> tuple[FaqMatcher, list[str]]:
    code = request.param
    english = load_faq()
    entries = english if code == "en" else load_translation(code, english)
    questions = devset_questions(code)
    return FaqMatcher(entries, rules=rules_for(code)), questions


def test_every_entry_fits_as_its_own_words_say(
    words_only: tuple[FaqMatcher, list[str]],
) -> None:
    matcher, questions = words_only
    compared = 0
    for question in questions:
        ordered = matcher._content(question, correct=True)
        known = [t for t in dict.fromkeys(ordered) if t in matcher._idf]
        if not known:
            continue
        weights = {t: matcher._idf[t] for t in known}
        bigrams = _bigrams([t for t in ordered if t in matcher._idf])
        fits = matcher._word_index.fits(weights, sum(weights.values()), bigrams)
        for index in range(len(matcher.entries)):
            got = matcher._word_parts(index, fits, _sorted_words(" ".join(known)))
            expected = reference_parts(matcher, index, weights, bigrams)
            assert all(
                math.isclose(g, e, rel_tol=1e-12, abs_tol=1e-15)
                for g, e in zip(got, expected, strict=True)
            ), (question, matcher.entries[index].id, got, expected)
            compared += 1
    assert compared > 10_000
