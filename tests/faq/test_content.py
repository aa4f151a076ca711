"""What the FAQ's answers say, checked against the guide (issue 11, items 4 and 5)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from faq.catalog import FaqEntry, load_faq
from faq.evaluation import read_question_set
from faq.matcher import FaqMatcher

GUIDE = Path("/work/shared/guide/ldn-guide.md")
HERE = Path(__file__).parent

# The articles and guides the LDN guide points its readers to ("See our ... article").
LINKED_ARTICLES = (
    "How Repurposed Drugs Work",
    "Autoimmune Disease",
    "Chronic Pain & Fibromyalgia",
    "Neurological Health",
    "Oncology & Cellular Health",
    "Infectious & Post-Infectious Disease",
    "Gut & Microbiome Health",
    "Supplement Stacking Guide",
)
DISCLAIMER = "Educational Standards & Medical Disclaimer"


def answer(entry_id: str) -> str:
    entries: dict[str, FaqEntry] = {e.id: e for e in load_faq()}
    assert entry_id in entries, f"no entry {entry_id!r}"
    return entries[entry_id].answer


def says_guide_is_silent(text: str) -> bool:
    return bool(re.search(r"(guide|it) (does not|doesn.t) (cover|say|discuss|set out)", text))


@pytest.mark.parametrize(
    ("entry_id", "question"),
    [
        ("alcohol", "can I drink alcohol while I'm on LDN?"),
        ("thyroid-medicines", "I take levothyroxine for my thyroid, is that ok with LDN"),
        ("storing-liquid", "how should I store my liquid LDN"),
        ("steady-state", "I've reached 4.5mg - what happens now?"),
        ("travel-time-zones", "can I take my LDN with me on the plane abroad"),
    ],
)
def test_topics_the_guide_does_not_cover_get_their_own_honest_answer(
    matcher: FaqMatcher, entry_id: str, question: str
) -> None:
    # The patient is shown this entry first, not the generic "I don't have an answer",
    # and the answer says the guide is silent and who to ask instead.
    assert matcher.rank(question)[0].id == entry_id, question
    text = answer(entry_id)
    assert says_guide_is_silent(text), entry_id
    assert "prescriber" in text or "pharmacist" in text, entry_id


def test_the_alcohol_answer_keeps_apart_the_50mg_use_for_alcohol_dependence() -> None:
    text = answer("alcohol")
    assert "50mg" in text and "alcohol dependence" in text
    assert "different use" in text


@pytest.mark.parametrize("entry_id", ["missed-dose", "late-dose", "travel-time-zones"])
def test_advice_the_guide_does_not_give_is_general_practice_to_confirm(entry_id: str) -> None:
    text = answer(entry_id)
    assert says_guide_is_silent(text), entry_id
    assert "to confirm with your prescriber" in text, entry_id
    assert re.search(r"never (to )?take two doses", text, re.IGNORECASE), entry_id


@pytest.mark.parametrize("entry_id", ["is-ldn-an-opioid", "immune-suppression"])
def test_no_flat_no_to_a_claim_the_guide_does_not_make(entry_id: str) -> None:
    # The guide never says LDN is not addictive or that it does not raise infection risk.
    text = answer(entry_id)
    assert not text.startswith("No"), entry_id
    assert "does not discuss" in text, entry_id


def test_the_three_mechanisms_are_the_guides_three_wherever_they_are_counted() -> None:
    for entry in load_faq():
        if re.search(r"\bthree\b.*\bmechanisms?\b", entry.answer):
            assert "endorphin" in entry.answer or "two of" in entry.answer, entry.id
    text = answer("how-ldn-works")
    for mechanism in ("endorphin rebound", "TLR4", "OGF/OGFr"):
        assert mechanism in text
    # The lab evidence backs TLR4/microglia and OGF/OGFr: two of the three, not "all three".
    assert "all three" not in answer("evidence-mechanistic")


def test_liver_answers_keep_the_guides_caution() -> None:
    for entry_id in ("monitoring", "liver-disease"):
        text = answer(entry_id)
        assert "liver disease" in text and "caution" in text, entry_id


def test_dose_answers_leave_the_dose_to_the_prescriber_without_calling_it_wrong() -> None:
    text = answer("target-dose")
    assert "1.5 to 4.5mg" in text and "3mg" in text
    assert "prescriber sets" in text
    for entry in load_faq():
        assert not re.search(r"\b(too high|too low|wrong dose|maximum dose)\b", entry.answer), (
            entry.id
        )


def test_the_gentle_start_is_called_the_bots_example_not_the_guides() -> None:
    text = answer("sensitive-start")
    assert "gentle plan" in text and "not a schedule from the guide" in text
    assert "1mg per mL" in text and "1.5mg, 3mg or 4.5mg" in text


def test_pregnancy_answer_says_breastfeeding_is_not_in_the_guide() -> None:
    text = answer("pregnancy")
    assert "not been established" in text
    assert "says nothing about breastfeeding" in text


def test_resources_name_the_guides_linked_articles() -> None:
    text = answer("resources")
    for article in LINKED_ARTICLES:
        assert article in text, article


def test_the_linked_articles_are_the_ones_the_guide_names() -> None:
    if not GUIDE.exists():
        pytest.skip("the project guide is not on this machine")
    text = GUIDE.read_text(encoding="utf-8")
    named = {
        re.sub(r" guide$", "", name)
        for name in re.findall(r"[Ss]ee our (.+?)(?: article)?(?: for [a-z ]+)?\.", text)
    }
    assert named == {*LINKED_ARTICLES, DISCLAIMER}


def test_the_disclaimer_page_is_named_where_the_bot_explains_it_gives_no_advice() -> None:
    assert DISCLAIMER in answer("medical-advice")


def test_devset_is_large_and_covers_every_entry() -> None:
    items = read_question_set(HERE / "devset.tsv")
    assert sum(1 for i in items if i.expected_id) >= 600
    assert sum(1 for i in items if not i.expected_id) >= 150
    per_entry = {e.id: 0 for e in load_faq()}
    for item in items:
        if item.expected_id:
            per_entry[item.expected_id] += 1
    assert min(per_entry.values()) >= 5, sorted(per_entry.items(), key=lambda kv: kv[1])[:5]
