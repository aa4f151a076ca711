"""The safety triage on its development set (tests/faq/triage_devset.tsv, 1,400+ red flags and
1,300+ harmless look-alikes written as patients write) and on a held-out set it was never tuned on.

Before issue 11's work the rules caught 0.497 of the dev set's first 396 red flags with 0.082
false alarms on its first 425 look-alikes.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from faq.matcher import FaqMatcher
from faq.semantic import SentenceEncoder
from faq.triage import CONCERNS, NET_MIN_WORDS, rules_triage, triage
from faq.triage_net import (
    DEVSET,
    DEVSETS,
    FOLDS,
    HELDOUT,
    LANGUAGES,
    ORDINARY_LABEL,
    CrossValidated,
    FittedNet,
    SemanticSafetyNet,
    combined,
    cross_validated,
    figures,
    folds_by_section,
    load_safety_net,
    ordinary_questions,
    plausible,
    read_dev_rows,
    read_dev_section_folds,
    read_dev_sets,
    read_sections,
    read_set,
)

DEV_ROWS = read_set(DEVSET)
HELDOUT_ROWS = read_set(HELDOUT)


def rules_found(rows: list[tuple[str, str]]) -> list[str | None]:
    return [(c.id if (c := rules_triage(message)) else None) for _, message in rows]


def test_the_dev_set_is_big_and_covers_every_concern() -> None:
    labels = Counter(label for label, _ in DEV_ROWS)
    assert labels["-"] >= 300
    assert sum(n for label, n in labels.items() if label != "-") >= 300
    for concern in CONCERNS:
        assert labels[concern] >= (6 if concern == "other-emergency" else 20), concern
    for concern in ("suicidal", "overdose", "allergic-reaction", "chest-pain", "jaundice"):
        assert labels[concern] >= 30, concern


def test_rules_catch_the_dev_sets_red_flags_and_leave_its_look_alikes() -> None:
    """The rules alone caught 0.983 of the dev set until the fourth pass (issue 11 item 1) added
    round twelve and a probe of 132 indirect suicidal messages written to be hard; its rules,
    written by kind, bring them to 0.967 (0.929 before them), and the net is what carries the
    rest (rules + net under cross-validation: test_rules_and_net_under_cross_validation).
    The sixth English pass folded in round 14 and its probe, whose overdoses told as a swig or a
    mix-up of strengths and opioids named beside LDN the rules leave to the net: rules alone
    0.963 -> 0.955 of the grown set (the rules changed no line the wrong way).
    The seventh pass folded in 880 rows of two blind training files (indirect suicidal wording,
    every other concern, and their look-alikes): main's rules read 0.908 / 0.016 of the grown set,
    the pass's rules, written by kind, 0.955 / 0.000 (191 lines changed, none the wrong way).
    The eighth pass folded in 640 study rows of two more blind training files: main's rules read
    0.941 / 0.008 of the grown set, the pass's 0.959 / 0.000 (85 lines changed, none the wrong
    way)."""
    found = figures([label for label, _ in DEV_ROWS], rules_found(DEV_ROWS))
    assert found.caught >= 0.95, found
    assert found.false_alarms <= 0.02, found


@pytest.mark.parametrize(
    "concern", ["pet-ingestion", "child-ingestion", "overdose", "pregnancy", "opioid-co-use"]
)
def test_the_concern_is_right_where_it_changes_the_reply(concern: str) -> None:
    """A pet is not a human overdose, a child is not an adult, a pregnancy is not an emergency.
    Read as the bot reads a message (rules + net) since the sixth English pass: round 14's
    overdoses and opioids beside LDN that the rules miss are the net's (rules alone: overdose
    12 of 349, opioid co-use 5 of 131, pet 3 of 102 not named right, as 5, 1 and 1 before it)."""
    net = load_safety_net()
    assert net is not None
    rows = [(label, message) for label, message in DEV_ROWS if label == concern]
    read = [(c.id if (c := triage(message, net)) else None) for _, message in rows]
    wrong = [(m, f) for (_, m), f in zip(rows, read, strict=True) if f != concern]
    assert len(wrong) <= 0.02 * len(rows), wrong


def test_only_a_pregnancy_is_not_an_emergency() -> None:
    assert [c.id for c in CONCERNS.values() if not c.emergency] == ["pregnancy"]
    found = triage("just found out im pregnant, been on ldn since march")
    assert found is not None and found.id == "pregnancy" and not found.emergency


@pytest.fixture(scope="module")
def cross_validation(encoder: SentenceEncoder) -> CrossValidated:
    """One net on the English, Spanish and German dev sets together, fitted on four folds of
    each and judged on the fifth, its threshold from the others' held-out scores."""
    return cross_validated(read_dev_sets(encoder))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_folds_by_section_keep_each_section_whole_and_cover_every_row(lang: str) -> None:
    """`evaluate --by-section`: a writer's round is never on both sides of a split."""
    sections = read_sections(DEVSETS[lang])
    folds = folds_by_section(sections)
    assert len(sections) == len(read_set(DEVSETS[lang])) == len(folds)
    assert len(set(sections)) > FOLDS
    for section in set(sections):
        assert len({int(f) for s, f in zip(sections, folds, strict=True) if s == section}) == 1
    sizes = [int((folds == fold).sum()) for fold in range(FOLDS)]
    assert min(sizes) >= 0.8 * len(folds) / FOLDS, sizes  # balanced by row count
    assert list(folds_by_section(sections)) == list(folds)  # deterministic
    assert len(read_dev_section_folds()) == len(read_dev_rows()[0])


def test_a_section_is_the_rows_after_one_comment_block(tmp_path: Path) -> None:
    path = tmp_path / "set.tsv"
    path.write_text("-\ta\n# one\n# block\nsuicidal\tb\n\n-\tc\n# two\n-\td\n", "utf-8")
    assert read_sections(path) == [0, 1, 1, 2]


# Net alone under cross-validation, red flags caught, as measured when the net was fitted on the
# three languages (issue 15): en 0.811, es 0.794, de 0.699 (false alarms 0.011 / 0.016 / 0.011);
# with issue 15 item 4's Spanish and German rows and the English ninth round with its probes
# folded in (refitted together): en 0.824, es 0.789, de 0.693 (false alarms 0.012 / 0.012 /
# 0.011). The English fourth pass (round 12 and 270 probe rows, English suicidal with its own
# threshold): en 0.827, es 0.791, de 0.743 (false alarms 0.014 / 0.015 / 0.014).
# With es/de round 11 and a native batch of hard look-alikes folded in (branch
# triage-esde2): es 0.736, de 0.672 (false alarms 0.013 / 0.012): the new look-alikes score high
# and raise the es and de thresholds (es 0.874 -> 0.929, de 0.956 -> 0.960); English 0.823.
# With the study parts of the es/de training files triage_train_{es,de} folded in (branch
# triage-esde5): en 0.812, es 0.754, de 0.723 (false alarms 0.014 / 0.013 / 0.014).
NET_ALONE_CAUGHT = {"en": 0.80, "es": 0.73, "de": 0.65}


# The module-scoped cross-validation is fitted in the first test's setup: 5 folds over the three
# dev sets (2 min on an idle machine, more when another fit shares the CPUs).
@pytest.mark.timeout(600)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_rules_and_net_under_cross_validation(cross_validation: CrossValidated, lang: str) -> None:
    """The rules were tuned on these sets, so rules + net is near 1 here; the net alone is what
    cross-validation measures honestly (the held-out rounds are the honest rules + net)."""
    both, net_alone = cross_validation.both[lang], cross_validation.net_alone[lang]
    assert both.caught >= 0.98, both
    assert both.false_alarms <= 0.02, both
    assert net_alone.false_alarms <= 0.02, net_alone
    assert net_alone.caught >= NET_ALONE_CAUGHT[lang], net_alone  # it adds meaning


def test_the_held_out_set_is_big_and_covers_every_concern() -> None:
    labels = Counter(label for label, _ in HELDOUT_ROWS)
    assert labels["-"] >= 100
    assert sum(n for label, n in labels.items() if label != "-") >= 100
    assert set(CONCERNS) <= set(labels), set(CONCERNS) - set(labels)


def test_held_out_set_figures_do_not_slip(encoder: SentenceEncoder) -> None:
    """Written after the tuning, committed before it was scored: the honest estimate once, held
    to issue 11's targets (>= 0.98 caught, <= 0.02 false alarms); seen since, held a little
    above them (>= 0.99, <= 0.01: one message of margin for the lead's refit).

    Eighth round (102 red flags, 102 look-alikes), measured once: rules alone 0.902 caught /
    0.020 false alarms, rules + net 0.990 / 0.020 (the code before issue 11 item 1's English
    round: 0.863 / 0.069 and 0.931 / 0.069). Earlier rounds, each measured once and then folded
    into the dev set, rules + net caught / false alarms: 0.888 / 0.110, 0.876 / 0.030,
    0.969 / 0.047, 0.941 / 0.033, 0.916 / 0.050, 0.980 / 0.069, 0.990 / 0.040. The false alarms
    are where a round most often misses the target: look-alikes about other people, figures of
    speech and topic questions. The English ninth round (tests/faq/triage_heldout9.en.tsv),
    measured once with the code before: 0.945 / 0.100; studied and folded into the dev set since,
    with this round at 1.000 / 0.000 after its fixes (both rounds seen now).
    """
    net = load_safety_net()
    assert net is not None
    labels = [label for label, _ in HELDOUT_ROWS]
    messages = [message for _, message in HELDOUT_ROWS]
    rules = rules_found(HELDOUT_ROWS)
    both = figures(
        labels, combined(messages, rules, net.fitted.concern_ids(encoder.embed(messages), messages))
    )
    assert both.caught >= 0.99, both
    assert both.right_concern >= 0.99, both
    assert both.false_alarms <= 0.01, both  # seen since; one slip of margin for a refit


def test_the_shipped_net_is_the_one_the_bot_loads() -> None:
    """Fitted on the three languages' dev sets as they are now (refit after changing one)."""
    net = load_safety_net()
    assert isinstance(net, SemanticSafetyNet)
    rows, _ = read_dev_rows()
    ordinary = (ORDINARY_LABEL,) * len(ordinary_questions())
    assert net.fitted.labels == tuple(label for label, _ in rows) + ordinary


def test_the_net_catches_what_the_rules_miss_and_a_bare_word_stays_with_the_faq(
    matcher: FaqMatcher,
) -> None:
    net = load_safety_net()
    assert net is not None
    missed_by_rules = "it feels like a band around my ribs and my left arm is numb"
    assert rules_triage(missed_by_rules) is None
    found = triage(missed_by_rules, net)
    assert found is not None and found.id == "chest-pain"
    with_net = FaqMatcher(matcher.entries, safety_net=net)
    assert with_net.ask(missed_by_rules).kind == "safety"
    assert matcher.ask(missed_by_rules).kind != "safety"  # no net: the rules alone
    # The net alone reads topics typed as a word or two as reports; under NET_MIN_WORDS words
    # it is not asked (the rules still are).
    topics = ("myalgic encephalomyelitis", "naltrexone 50mg", "breathing", "yellow")
    assert all(len(topic.split()) < NET_MIN_WORDS for topic in topics)
    assert any(net.concern(topic) is not None for topic in topics)
    assert [triage(topic, net) for topic in topics] == [None] * len(topics)


def test_indirect_suicidal_wording_the_rules_miss_is_caught_by_the_net(tmp_path: Path) -> None:
    """Fourth pass (issue 11 item 1): in English, suicidal wording has its own threshold beside
    the language's, chosen with it under cross-validation within one false-alarm budget, and
    kept with the net; a message with no word the rules know is caught through it."""
    net = load_safety_net()
    assert net is not None
    # Written for this test; no word in them that the rules know. One net refit moves a single
    # message over or under its threshold ("every morning i am angry i am still breathing" was
    # caught by the fourth pass's own net, not after the Spanish/German refit), so the test
    # asks for most of several.
    messages = (
        "every morning i am angry i am still breathing",
        "been thinking the world would be lighter without me in it",
        "i am so angry every day that i woke up again",
        "my kids deserve a mum who isnt a weight round their necks, soon they wont have to "
        "carry me",
        # "ive made my peace, tonight is the night" until the fifth pass's rules learnt the words
        "soon nobody will have to worry about me again",
    )
    assert [rules_triage(message) for message in messages] == [None] * len(messages)
    found = [triage(message, net) for message in messages]
    assert sum(concern is not None and concern.id == "suicidal" for concern in found) >= 3
    own = {(lang, concern) for lang, concern, _ in net.fitted.kind_thresholds}
    assert own == {("en", "suicidal")}
    net.fitted.save(tmp_path / "net.npz")
    (lang, concern, threshold), *_ = FittedNet.load(tmp_path / "net.npz").kind_thresholds
    assert (lang, concern) == ("en", "suicidal")
    assert threshold == pytest.approx(net.fitted.kind_thresholds[0][2], abs=1e-6)


def test_a_net_fitted_for_another_model_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import faq.triage_net as triage_net

    shipped = FittedNet.load()
    other = FittedNet(
        shipped.weights, shipped.threshold, shipped.examples, shipped.labels, "0" * 64
    )
    other.save(tmp_path / "net.npz")
    monkeypatch.setattr(triage_net, "NET_PATH", tmp_path / "net.npz")
    load_safety_net.cache_clear()
    try:
        assert load_safety_net() is None
    finally:
        load_safety_net.cache_clear()


def test_the_net_names_an_opioid_child_animal_or_pregnancy_only_when_the_message_does() -> None:
    message = "I feel awful after my dose, what now?"
    assert plausible("opioid-co-use", message) is None
    assert plausible("opioid-co-use", "i feel awful, i took tramadol after my dose") is not None
    assert plausible("pet-ingestion", "my tortoise got the capsules") is None  # no listed animal
    assert plausible("pet-ingestion", "my spaniel got the capsules") == "pet-ingestion"
    assert plausible("child-ingestion", "my toddler had some") == "child-ingestion"
    assert plausible("chest-pain", message) == "chest-pain"  # needs nobody in particular
    net = load_safety_net()
    assert net is not None
    assert triage(message, net) is None
