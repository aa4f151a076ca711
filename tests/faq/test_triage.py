from __future__ import annotations

import pytest

from faq.matcher import FaqMatcher
from faq.triage import triage

RED_FLAGS = {
    "overdose": [
        "I took 10 capsules",
        "i accidentally took 2 capsules tonight",
        "took the whole bottle",
        "Double dose by accident!!",
        "i think i overdosed on ldn",
        "I took 50mg instead of 4.5",
        "took my dose twice by mistake",
        "i doubled up last night by accident",
        "I TOOK THREE PILLS AT ONCE WHAT DO I DO",
        "took a handful of capsules",
    ],
    "child-ingestion": ["my son swallowed some of my ldn pills"],
    "allergic-reaction": [
        "my lips are swelling up",
        "my face is swollen after taking ldn",
        "i cant breathe",
        "having trouble breathing since my dose",
        "hives all over after ldn",
        "I think I'm having an allergic reaction",
        "my throat feels like its closing",
        "tongue swelling",
    ],
    "chest-pain": [
        "I have chest pain",
        "chest pain",
        "my chest hurts since last night",
        "I have chest pain, is it a side effect?",
        "started ldn 3 days ago and now theres a tight chest and pain in my chest",
    ],
    "jaundice": [
        "my skin is yellow",
        "my eyes look yellow",
        "dark urine and stomach pain",
        "i think im jaundiced",
    ],
    "suicidal": [
        "i want to kill myself",
        "i dont want to live anymore",
        "i've been feeling suicidal",
        "thinking about ending my life",
        "i keep wanting to hurt myself",
    ],
    "seizure": ["i had a seizure", "my wife is having a seizure", "convulsions after dose"],
    "fainting": ["i fainted this morning", "passed out after my dose", "he collapsed"],
    "opioid-withdrawal": [
        "I'm on tramadol and took my LDN, now im sweating and shaking and throwing up",
        "i think im in withdrawal",
        "took ldn with my oxycodone and have terrible cramps and diarrhea",
    ],
}

NOT_RED_FLAGS = [
    "my dreams were weird",
    "thanks",
    "what is the dose",
    "can I take it with CBD",
    "is it safe for my liver",
    "can ldn cause chest pain",
    "what if i get an allergic reaction",
    "can i double up",
    "should i take two tonight",
    "i take 2 capsules of 1.5mg",
    "ive taken 30 capsules so far and no dreams",
    "is fainting a side effect",
    "does it cause withdrawal if i'm on tramadol",
    "i had to get up twice last night",
    "no chest pain or anything, just dreams",
    "can i take it with my painkillers",
    "i took my dose at 10pm",
    "i forgot my dose",
    "what happens if you overdose",
    "i took 4.5mg last night",
    "I have a bit of a headache",
    "i'm on oxycodone can i start ldn",
    "my stomach is upset",
    "should I stop because of a flare",
    "",
    "   ",
]


@pytest.mark.parametrize(
    ("concern", "message"),
    [(concern, message) for concern, messages in RED_FLAGS.items() for message in messages],
)
def test_red_flags_are_caught(concern: str, message: str) -> None:
    found = triage(message)
    assert found is not None, message
    assert found.id == concern


@pytest.mark.parametrize("message", NOT_RED_FLAGS)
def test_questions_about_a_topic_are_not_red_flags(message: str) -> None:
    assert triage(message) is None


def test_ask_runs_triage_before_matching(matcher: FaqMatcher) -> None:
    reply = matcher.ask("I took the whole bottle of ldn, what is the dose")
    assert reply.kind == "safety"
    assert reply.id == "overdose"
    assert reply.suggestions == ()
