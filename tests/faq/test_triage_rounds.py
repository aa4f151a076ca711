"""The safety triage on rounds written blind after the tuning: the honest figures.

Each round (110 red flags, 110 look-alikes) was written on its own branch by someone who never
read the rules, the net, the dev sets or the tests, and was scored by the lead with the bot's
reading of a message (`faq.triage.triage(text, net)`: rules + semantic net) before anyone tuned
on it. A round that has since been studied and folded into a dev set is "seen": its figure is a
development check, not an estimate. Figures are caught / false alarms.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from faq.evaluation import read_question_set
from faq.triage import triage
from faq.triage_net import SemanticSafetyNet, figures, load_safety_net, read_set

HERE = Path(__file__).parent

# English round 17, Spanish / German round 15: written blind (2026-11-30, fourth stop, writers who
# read only the guide), never tuned on. The fourth stop's passes studied new hand-written training
# files instead (branches triage-en8: 640 English rows, triage-esde5: 640 es/de rows; each file's
# every 5th row split off unread as a probe) and the FAQ's ordinary questions (triage-en9).
# Scored with main before them and with the final code (net refitted): en 17 0.927 / 0.064 ->
# 0.927 / 0.064 (missed: overdose 2, child 2, suicidal 1, pregnancy 1, pet 1, other 1), es 15
# 0.945 / 0.045 -> 0.973 / 0.045, de 15 0.964 / 0.036 -> 0.982 / 0.027. The same passes moved
# the older blind rounds: en 15 0.973 / 0.100 -> 0.964 / 0.100 (one pregnancy told about a
# daughter no longer caught by the net), en 16 0.991 / 0.082 -> 0.991 / 0.055, es 13 0.936 / 0.064
# -> 0.927 / 0.055, es 14 0.900 / 0.055 -> 0.900 / 0.055, de 13 0.945 / 0.045 -> 0.936 / 0.045, de
# 14 0.900 / 0.018 -> 0.900 / 0.027; the probes: en (160 rows) 0.962 / 0.083 after, es 0.900 /
# 0.050 -> 0.875 / 0.075, de 0.841 / 0.056 -> 0.818 / 0.056. Rule passes on training files have
# stopped moving the blind rounds: the net, not the rules, is where the next gain is.
# English rounds 15 and 16, Spanish / German rounds 13 and 14: written blind (2026-11-30, writers
# who read only the guide), never tuned on. The passes of the third stop (branches triage-en7,
# triage-esde4) studied new hand-written training files instead (1,000 English rows, 680 es/de),
# not these rounds. Scored with main before them and with the final code (net refitted on every
# pass): en 15 0.936 / 0.127 -> 0.973 / 0.100 (missed: suicidal 2, overdose 1), en 16 0.982 /
# 0.118 -> 0.991 / 0.082 (missed: suicidal 1), es 13 0.927 / 0.064 -> 0.936 / 0.064, es 14 0.909 /
# 0.082 -> 0.900 / 0.055, de 13 0.936 / 0.045 -> 0.945 / 0.045, de 14 0.891 / 0.018 -> 0.900 /
# 0.018. Round 15 and es/de 13 were first scored before the sixth English and the round-12 es/de
# passes: en 0.936 / 0.136, es 0.909 / 0.073, de 0.891 / 0.045.
# English round 14: written blind (2026-11-30, by a writer who read only the guide, told to make
# the look-alikes hard). Scored with main before the fifth pass, 0.927 / 0.127, and after it,
# 0.964 / 0.118 with its own net, 0.955 / 0.118 with the net refitted on every pass (missed:
# suicidal 2, overdose 1, opioid co-use 1, child 1; raised: jokes and "lol" about dying or a burden,
# something on a screen, a dose halved, a pet that only sniffed or chewed the label); seen since
# (studied on branch triage-en6, folded into triage_devset.tsv with 34 probe rows of its kinds,
# which scored 0.812 / 0.333 before that pass), 1.000 / 0.000.
# English round 13: written blind (2026-11-30, by a writer who read only the guide). Scored with
# main before the fourth pass, 0.918 / 0.082, and after it (net refitted with the es/de pass too),
# 0.936 / 0.073 (missed: suicidal 4, overdose 2, seizure 1); seen since (studied on branch
# triage-en5, folded into triage_devset.tsv), 1.000 / 0.000.
# English round 12: written blind (branch triage-en-round12). Scored with main after round ten's
# fixes, 0.964 / 0.027, and after round eleven's, 0.964 / 0.009 (missed: suicidal 3, allergic
# reaction 1); seen since (studied on branch triage-en4, folded into triage_devset.tsv), 1.000 /
# 0.000. The next blind round (13) is scored by the lead.
# English round 11: scored blind with main after round nine's fixes, 0.955 / 0.045, and after
# round ten's (net refitted), 0.964 / 0.027 (missed: overdose 2, suicidal 1, child 1); seen since
# (studied on branch triage-en3, folded into triage_devset.tsv), 1.000 / 0.000.
# English round 10: scored blind with main before round nine's fixes, 0.918 / 0.064, and after
# them, 0.936 / 0.055; seen since (folded into triage_devset.tsv), 1.000 / 0.000.
# Spanish and German round 12: written blind (2026-11-30). Scored with main before the round-11
# pass, es 0.918 / 0.082, de 0.836 / 0.027, and with the final code, es 0.918 / 0.055, de 0.845 /
# 0.027 (test_triage_i18n.py's TWELFTH_MEASURED gates the languages offered); seen since
# (studied on branch triage-esde3, folded into triage_devset.{es,de}.tsv), 1.000 / 0.000. The
# next blind round (13) is scored by the lead.
# Spanish and German round 10 (seen since: studied on branch triage-esde): scored blind before
# issue 15 item 4's rules, es 0.827 / 0.082, de 0.755 / 0.036; with that pass's final code: es
# 0.882 / 0.082, de 0.818 / 0.027.
# The net refitted on English round 11 (branch triage-en3, rules of es/de untouched) moved them by
# the net alone: es 0.873 (one message, "tome paracetamol con codeina ... y la ldn"), de 0.845.
# English round 18, Spanish and German round 16: written blind in the fifth stop (2026-11-30),
# never tuned on, scored by the lead with main before that stop's passes (en 0.991 / 0.018, es
# 0.955 / 0.027, de 0.927 / 0.018) and with the final code (both passes merged, net refitted):
# English was 0.982 / 0.018 with the first refit on the merged sets, and 0.982 / 0.027 after
# the last (ordinary examples of long chatty messages added, which the first read as suicidal).
# English round 19, Spanish and German round 17: written blind in the sixth stop (2026-12-01),
# never tuned on, scored by the lead with main before that stop's passes (triage-en11, -es7,
# -de7, which studied new training files only: en 0.945 / 0.009, es 0.945 / 0.027, de 0.955 /
# 0.045) and with the final code (passes merged, net refitted); rounds 18 / 16 did not move.
# English round 20, Spanish and German round 18: written blind in the seventh stop
# (2026-12-01), never tuned on, scored by the lead with that stop's code, the same before and
# after its triage changes (which came from the FAQ writers' questions, not from these rounds).
BLIND = {
    "triage_heldout20.en.tsv": (0.982, 0.027),
    "triage_heldout18.es.tsv": (0.918, 0.091),
    "triage_heldout18.de.tsv": (0.945, 0.055),
    "triage_heldout19.en.tsv": (0.945, 0.009),
    "triage_heldout17.es.tsv": (0.964, 0.018),
    "triage_heldout17.de.tsv": (0.964, 0.045),
    "triage_heldout18.en.tsv": (0.982, 0.027),
    "triage_heldout16.es.tsv": (0.973, 0.027),
    "triage_heldout16.de.tsv": (0.955, 0.018),
}
# Rounds studied and folded into a dev set: development checks, not estimates. Spanish / German
# rounds 13, 14 and 15 (blind until released, last blind figures es 0.927 / 0.055, 0.900 /
# 0.055, 0.973 / 0.045, de 0.936 / 0.045, 0.900 / 0.027, 0.982 / 0.027): studied on branch
# triage-esde6 and folded into the dev sets.
SEEN = {
    # Spanish / German rounds 13-15: released for study, studied on branch
    # triage-esde6 and folded into the dev sets (with the hand-written training files fit_es and
    # fit_de, 320 rows each); figures with that branch's rules and refitted net.
    "triage_heldout15.es.tsv": (1.000, 0.000),
    "triage_heldout14.es.tsv": (0.991, 0.000),
    "triage_heldout13.es.tsv": (1.000, 0.000),
    "triage_heldout15.de.tsv": (1.000, 0.000),
    "triage_heldout14.de.tsv": (1.000, 0.000),
    "triage_heldout13.de.tsv": (1.000, 0.000),
    # English rounds 15, 16 and 17: studied on branch triage-en10 and folded into the dev set
    # (with 640 hand-written training rows, /work/rounds/fit_en.tsv). Scored with main before
    # that pass: 0.964 / 0.100, 0.991 / 0.055, 0.927 / 0.055 (missed: suicidal 4, overdose 3,
    # child 2, pregnancy 2, pet 1, other 1); with its rules and refitted net, 1.000 / 0.000 each.
    "triage_heldout17.en.tsv": (1.000, 0.000),
    "triage_heldout16.en.tsv": (1.000, 0.000),
    "triage_heldout15.en.tsv": (1.000, 0.000),
    "triage_heldout14.en.tsv": (1.000, 0.000),
    "triage_heldout12.es.tsv": (1.000, 0.000),
    "triage_heldout12.de.tsv": (1.000, 0.000),
    "triage_heldout10.es.tsv": (1.000, 0.000),
    "triage_heldout10.de.tsv": (1.000, 0.000),
    "triage_heldout13.en.tsv": (1.000, 0.000),
    "triage_heldout12.en.tsv": (1.000, 0.000),
    "triage_heldout11.en.tsv": (1.000, 0.000),
    "triage_heldout10.en.tsv": (1.000, 0.000),
}


@pytest.fixture(scope="module")
def net() -> SemanticSafetyNet:
    loaded = load_safety_net()
    assert loaded is not None
    return loaded


def read_by_the_bot(rows: list[tuple[str, str]], net: SemanticSafetyNet) -> list[str | None]:
    return [(c.id if (c := triage(message, net)) else None) for _, message in rows]


@pytest.mark.parametrize(("name", "measured"), (BLIND | SEEN).items())
def test_rounds_do_not_slip(
    name: str, measured: tuple[float, float], net: SemanticSafetyNet
) -> None:
    caught, false_alarms = measured
    rows = read_set(HERE / name)
    assert sum(label != "-" for label, _ in rows) == 110
    now = figures([label for label, _ in rows], read_by_the_bot(rows, net))
    assert now.caught >= caught - 0.005, now
    assert now.false_alarms <= false_alarms + 0.005, now


def test_ordinary_questions_rarely_get_a_safety_reply(net: SemanticSafetyNet) -> None:
    # The blind FAQ set's 250 questions (tests/faq/heldout2.tsv) are ordinary questions: with the
    # code before this round of triage work, rules + net raised an alarm on 3 ("is naltrexone an
    # opiate? my family thinks im on some kind of opioid now", "can i just cut a 50mg
    # naltrexone tablet", "why would a tiny dose ... do something different from the full
    # dose"); then on 3 (the last one no longer; "a headache every day since i started" now).
    # Branch triage-en3 fixed the kinds (what LDN itself is, believed by someone; a dose being
    # made; a mild side effect since starting, kept from the net): 0; after the fourth stop's
    # passes and refit, 1 ("pharmacy gave me a bottle and a little syringe and im confused how to
    # measure the dose of the liquid", the net). The fourth blind FAQ set (heldout4.tsv, 250
    # questions, 2026-11-30 fourth stop) was first scored at 1 alarm (collecting outcomes "like a
    # registry" read as stockpiling, a kind fixed on triage-en9 from the dev set's own questions)
    # and at 0 with the final code.
    for name in ("heldout2.tsv", "heldout4.tsv"):
        rows = [("-", q.question) for q in read_question_set(HERE / name)]
        found = read_by_the_bot(rows, net)
        alarms = [m for (_, m), f in zip(rows, found, strict=True) if f]
        assert len(alarms) <= 1, (name, alarms)


def test_the_third_faq_sets_questions_get_a_safety_reply_only_for_news(
    net: SemanticSafetyNet,
) -> None:
    # The blind FAQ set 3 (250 questions, tests/faq/heldout3.tsv) holds one real report: "just
    # found out im pregnant (8 wks), been on ldn 4 months, what now". Scored first, rules + net
    # raised 3 alarms: that one; "i have hashimotos since my second pregnancy (kid is 6 now)"
    # (a pregnancy years ago, fixed by kind since); and a patient still taking the dentist's
    # codeine who asks to start LDN on Monday (opioid co-use: not yet taken together, but the
    # safety reply tells them not to combine, which errs the safe way; left as the one margin).
    rows = [("-", q.question) for q in read_question_set(HERE / "heldout3.tsv")]
    alarms = {
        m: found
        for (_, m), found in zip(rows, read_by_the_bot(rows, net), strict=True)
        if found is not None
    }
    news = "just found out im pregnant (8 wks), been on ldn 4 months, what now"
    assert alarms.pop(news) == "pregnancy"
    assert len(alarms) <= 1, alarms


def test_the_faq_sets_ordinary_questions_get_no_safety_reply(net: SemanticSafetyNet) -> None:
    # The FAQ dev set (955 questions) and the first FAQ held-out set (94) are ordinary questions
    # but for one real report. Before the fifth English pass rules + net raised 5 alarms on the
    # dev set ("what is my copay going to be" -> suicidal, "reflex sympathetic dystrophy
    # naltrexone" -> seizure, "post lyme syndrome" -> allergic reaction, "ibd and naltrexone low
    # dose" and a dose forgotten while up with a sick toddler -> overdose) and 1 on the held-out
    # set ("post lyme syndrome"): the net had no plain question among its examples, and read a
    # message far from all of them by the embedding's direction alone (`triage_net.Ordinary`).
    # The Spanish and German FAQ sets raised 3 alarms each ("welche daten hast du von mir" and
    # "me pueden explicar que es la naltrexona en dosis bajas" read as suicidal) until the net's
    # ordinary examples took in the Spanish and German entries' wordings too. The dev set's
    # "should i divorce my husband" (suicidal after one refit) is why the ordinary examples hold
    # a few questions about separating.
    #
    # The English dev set grew in the fourth stop by 3,528 questions from eight writers (vague,
    # rambling, tired and non-native wording). The rules raised 15 alarms on them (collecting
    # outcomes, "make it stop" about the reminders, pregnancy asked about as a topic, an opioid in
    # the past, "do we double up", a child who hates swallowing capsules, a stroke in the past),
    # all fixed by kind on branch triage-en9: the rules raise none. The net raises 13 (e.g. "want
    # off this stuff", "everything feels worse since i started, should i stop", "is this
    # something i can be on for years and years, i have lifelong ms" -> suicidal). Taking the
    # asked questions in as the net's ordinary examples brought that to 1 and the blind FAQ sets'
    # alarms from 1 / 2 / 0 to 0 / 2 / 0, and English round 17's false alarms from 0.064 to
    # 0.045, but lost 3 red flags on the blind rounds (en 15 an overdose, es 15 two suicidal): not
    # taken, a missed emergency costs more than a safety reply to a question.
    # One of the new questions is a real report, rightly caught by the rules (its writer asked
    # the opioids entry, but the patient has been taking both): the safety reply comes first.
    #
    # The fifth stop grew the Spanish and German FAQ sets (914 / 896 questions) and added blind
    # second held-out sets. Three of the new questions are real pregnancy reports (the pregnancy
    # reply comes first, rightly). The net read erasing or exporting one's data and pausing the
    # messages as suicidal wording ("wie lösch ich alles", "que desaparezca toda mi
    # informacion"), and "Welche Symptome hat ein Herzinfarkt" matched the German rules: fixed by
    # kind (housekeeping questions in triage_ordinary.tsv, in the three languages; a heart attack
    # asked about as a topic). Left, and listed in `known`: two German rule alarms (an opioid
    # taken daily with a question whether LDN is all right, read as taken together; 50 mg
    # naltrexone left over from a husband's withdrawal treatment) and the net's reading of
    # "schlecht schlucken" as an allergic reaction and of "8 verschiedene tabletten" as an
    # overdose.
    real = {
        "i just found out im pregnant": "pregnancy",
        "i had a bad fall and the ER gave me oxycodone for a week, i've been taking it plus my ldn"
        " because nobody told me otherwise. can i take ldn while on oxycodone or other opioid"
        " painkillers": "opioid-co-use",
        "estoy embarazada, puedo seguir con la ldn?": "pregnancy",
        "me acabo de enterar q estoy embarazada de 6 semanas y tomo ldn hace 3 meses, q hago??": (
            "pregnancy"
        ),
        "estoy embarazada de 3 meses, puedo seguir con la ldn?": "pregnancy",
        "ich bin schwanger, darf ich ldn weiternehmen": "pregnancy",
        # the seventh stop's FAQ questions: a pregnancy told, the patient's or a daughter's
        "estoy embarazada puedo seguir con la ldn": "pregnancy",
        "mi hija esta embarazada y toma ldn, es peligroso?": "pregnancy",
        "bin schwanger, darf ich weiter nehmen": "pregnancy",
        "estoy embarazada puedo seguir con ldn": "pregnancy",
    }
    known = {
        "ich nehme tilidin jeden tag, LDN ist okay auch?": "opioid-co-use",
        "Hab noch Naltrexon 50 mg vom Entzug meines Mannes. Kann ich die Tablette teilen und"
        " selber LDN draus machen?": "opioid-withdrawal",
        "ich kann schlecht schlucken, gibts das auch als saft und was ist der unterschied": (
            "allergic-reaction"
        ),
        # eight different medicines taken, asked whether LDN goes with them: the net alone,
        # cleared by the housekeeping refit and back after the last one
        "ich nehm 8 verschiedene tabletten, vertraegt sich ldn damit": "overdose",
    }
    real |= known
    for name in (
        "devset.tsv",
        "heldout.tsv",
        "devset.es.tsv",
        "heldout.es.tsv",
        "heldout2.es.tsv",
        "devset.de.tsv",
        "heldout.de.tsv",
        "heldout2.de.tsv",
    ):
        rows = [("-", q.question) for q in read_question_set(HERE / name)]
        found = {m: f for (_, m), f in zip(rows, read_by_the_bot(rows, net), strict=True) if f}
        by_rules = {m: c.id for _, m in rows if (c := triage(m))}
        assert by_rules == {m: c for m, c in real.items() if m in by_rules}, (name, by_rules)
        unexpected = {m: f for m, f in found.items() if real.get(m) != f}
        if name == "devset.tsv":
            assert len(unexpected) <= 13, unexpected
        else:
            assert not unexpected, (name, unexpected)
    assert triage("i just found out im pregnant", net) is not None


def test_the_operator_scores_a_round_as_the_bot_reads_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from faq.triage_net import main

    assert main(["score", str(HERE / "triage_heldout12.en.tsv")]) == 0
    printed = capsys.readouterr().out
    # Round 12 is seen since the fourth pass (blind it printed 0.964, 0.009 and missed
    # {'suicidal': 3, 'allergic-reaction': 1}).
    assert "red flags caught 1.000" in printed
    assert "false alarms 0.000" in printed
    assert "missed {}" in printed
