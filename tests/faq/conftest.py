from __future__ import annotations

import pytest

from faq.catalog import load_faq
from faq.matcher import FaqMatcher


@pytest.fixture(scope="session")
def matcher() -> FaqMatcher:
    return FaqMatcher(load_faq())
