from __future__ import annotations

import os
import subprocess
import sys

import pytest

from faq.matcher import FaqMatcher
from faq.triage import CONCERNS, SafetyConcern, net_may_read, triage
from faq.triage_net import lexical_pieces, load_safety_net

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


# Issue 11 item 1: shapes rather than sentences. Each pair is a report and its look-alike that
# differ only where the rule has to look (written for these tests, not taken from the sets).
@pytest.mark.parametrize(
    ("concern", "report", "look_alike"),
    [
        (
            "overdose",
            "what happens if i took 4 capsules at once",
            "what happens if i take 4 capsules",
        ),
        ("overdose", "my dose is 0.5 ml but i drank 5 ml", "my dose is 5 ml and i drank 5 ml"),
        ("overdose", "i took 2 of the 4.5 by accident", "i took 2 of the 1.5 as prescribed"),
        ("overdose", "i took two 4.5mg capsules", "i took two 1.5mg capsules"),
        ("overdose", "took 9 ml instead of 0.9", "took it at 10 instead of 9"),
        (
            "overdose",
            "i took it twice by accident",
            "i took it twice by accident? no wait, only once",
        ),
        ("overdose", "i think i od'd on my ldn", "i feel odd after my ldn"),
        ("overdose", "i od on my pills last night", "i feel a bit odd tonight"),
        ("suicidal", "id be better dead", "this flare will be the death of me"),
        ("suicidal", "theres no point living anymore", "theres no point taking it if it fails"),
        ("suicidal", "i dont deserve to live", "i dont deserve this flare"),
        ("suicidal", "im so tired of existing", "im so tired of this fatigue"),
        ("suicidal", "i feel suicidal", "will ldn make me suicidal"),
        ("child-ingestion", "my two year old bit open a capsule", "my two year old loves my app"),
        ("pet-ingestion", "my labrador ate two of my capsules", "my labrador ate my sock"),
        ("chest-pain", "my chest is tight", "can ldn give you a tight chest"),
        ("allergic-reaction", "i have hives from the ldn", "my son has hives from the sun"),
        ("fainting", "my daughter fainted", "my daughter fainted once at school"),
        ("jaundice", "my eyes are yellow", "my cousin had jaundice"),
        ("pregnancy", "im pregnant and on ldn", "ldn and pregnancy?"),
        # A pregnancy years ago dates an illness: from the blind FAQ set 3, which got the
        # "contact your prescriber soon" reply instead of its answer about Hashimoto's.
        (
            "pregnancy",
            "been on ldn 3 months and just found out im pregnant",
            "i have hashimotos since my second pregnancy (kid is 6 now), does ldn help",
        ),
        (
            "pregnancy",
            "on ldn and my test is positive",
            "my fibro started during my last pregnancy",
        ),
    ],
)
def test_a_report_and_its_look_alike(concern: str, report: str, look_alike: str) -> None:
    found = triage(report)
    assert found is not None and found.id == concern, report
    assert triage(look_alike) is None, look_alike


# Round nine's kinds (issue 11 item 1), each pair written for these tests: a farewell told as
# arrangements, a stash, exasperation, a near miss, another person's question or finished
# episode, a negative test, coming to on the floor, bleeding that will not stop. On the code
# before, each pair failed one way or the other (a miss, a false alarm or the wrong concern).
ROUND_NINE_PAIRS: list[tuple[str, str, str]] = [
    (
        "suicidal",
        "gave my cat to my neighbour and sorted out my will, thank you for everything",
        "gave my cat to my neighbour while im on holiday, thank you for everything",
    ),
    (
        "suicidal",
        "please cancel all my reminders, i wont be around to need them",
        "please cancel all my reminders, i wont be around next month",
    ),
    (
        "suicidal",
        "ive been keeping my caps aside instead of taking them, i have over 70 now",
        "ive been keeping my caps in the fridge, i have over 70 now",
    ),
    (
        "suicidal",
        "i cant face the pharmacy one more time, i want to die",
        "if i have to call the pharmacy one more time im going to die lol",
    ),
    (
        "suicidal",
        "ive been saving up my capsules for a month",
        "ive been saving up for my capsules for a month",
    ),
    ("suicidal", "whats even the point of going on", "whats even the point of the low dose"),
    (
        "overdose",
        "took it twice last night",
        "almost took it twice last night but checked the app",
    ),
    (
        "overdose",
        "i take by error 4 capsules tonight",
        "i take 4 capsules of vitamin d tonight",
    ),
    (
        "overdose",
        "took my capsule at 10 and then another at 11 without thinking",
        "took my capsule at 10 and then another the next night",
    ),
    (
        "opioid-co-use",
        "my mum took her morphine and then her ldn an hour later",
        "my mum is on morphine, could she ever try ldn",
    ),
    (
        "opioid-co-use",  # not a second LDN dose: the reply is about the opioid
        "the dentist gave me codeine tonight and i had already taken my ldn",
        "the dentist gave me codeine last year, could i start ldn",
    ),
    (
        "allergic-reaction",
        "my son got hives from the ldn last night",
        "my son got hives from peanuts as a little boy, can he take ldn",
    ),
    (
        "fainting",
        "my gran fainted at lunch and isnt making sense",
        "my gran fainted at lunch last sunday, shes fine now and isnt on ldn",
    ),
    (
        "fainting",
        "came to on the bathroom floor, no idea how long i was out",
        "fell asleep on the rug and woke up on the floor",
    ),
    (
        "pregnancy",
        "the pregnancy test came back positive, im on ldn",
        "the pregnancy test came back negative, im on ldn",
    ),
    (
        "other-emergency",
        "the cut on my arm keeps bleeding and wont stop",
        "the cut on my arm bled a little and then stopped",
    ),
    (
        "seizure",
        "he collapsed and started jerking all over",
        "my phone had a fit and lost my reminders",
    ),
]


# Issue 11 item 1, round ten's kinds: each pair differs where the rule has to look (written for
# these tests, not taken from the sets).
ROUND_TEN_PAIRS: list[tuple[str, str, str]] = [
    (
        "opioid-co-use",  # an opioid by another name: a generic, a brand
        "the er gave me meperidine for my kidney stone and i had ldn this morning",
        "the er gave me ketorolac for my kidney stone and i had ldn this morning",
    ),
    (
        "opioid-co-use",
        "took two panadeine for my back and then my ldn tonight",
        "took two panadol for my back and then my ldn tonight",
    ),
    (
        "chest-pain",  # a question, then the patient says it is theirs now
        "can ldn cause chest pain? mine is awful right now",
        "can ldn cause chest pain? my aunt wants to know",
    ),
    (
        "fainting",  # a collapse in everyday words
        "was feeling faint at the till and then i just went down",
        "my pain went down to a 3 this week",
    ),
    ("fainting", "my husband keeled over in the garden", "my husband dropped me at the clinic"),
    (
        "overdose",  # a second dose today, in a learner's grammar
        "my mother take her ldn 2 time today",
        "my mother take her ldn 2 time in day",
    ),
    (
        "overdose",  # an overdose of something that is no medicine
        "i overdosed on my ldn capsules",
        "i overdosed on netflix this weekend, anyway when do i take ldn",
    ),
    (
        "suicidal",  # a stash for a moment left unsaid
        "ive hidden my old codeine, saving it for when i cant take it anymore",
        "ive hidden my old codeine from the kids, it expires in may",
    ),
    (
        "suicidal",  # worth more dead
        "at least my wife would get the life insurance",
        "my wife wants to check the life insurance covers ldn",
    ),
    (
        "suicidal",
        "i feel suicidal about my job",
        "telling my boss would be career suicide, how do i explain the appointments",
    ),
    (
        "overdose",  # a prescriber's change of dose is not an overdose
        "i doubled my dose tonight by myself",
        "my neurologist doubled my dose tonight",
    ),
    (
        "allergic-reaction",  # the long past, and nothing since
        "i had anaphylaxis tonight after my dose",
        "i had anaphylaxis last easter from a bee sting, nothing since",
    ),
    (
        "pet-ingestion",  # "if it ever": nothing has happened
        "my dog got hold of one of my ldn capsules",
        "would my dog be ok if he ever got hold of one of my ldn capsules",
    ),
]


# Issue 11 item 1, round eleven's kinds (third pass): each pair differs where the rule has to look
# (written for these tests, not taken from the sets).
ROUND_ELEVEN_PAIRS: list[tuple[str, str, str]] = [
    (
        "suicidal",  # a pleasant appraisal aimed at not waking
        "itd be lovely to doze off on the sofa and just never wake up",
        "itd be lovely to doze off on the sofa and wake up without the ache",
    ),
    (
        "suicidal",  # the long past, told with the present well, against the same coming back
        "i overdosed on purpose in my twenties and the urge is back this week",
        "i overdosed on purpose in my twenties, decades behind me now and im well",
    ),
    (
        "overdose",  # typed shorthand for a second dose
        "dubble dosed this morning by accident",
        "dubble checked the label this morning, its 1.5",
    ),
    (
        "overdose",  # a count of "them", three or more
        "knocked back 5 of them after dinner",
        "knocked back 2 of them after dinner, my dose is two 1.5s",
    ),
    (
        "overdose",  # a liquid measured against the wrong mark
        "the bottle says 2 ml but i pulled the syringe up to the 20 line and drank it",
        "the bottle says 2 ml and i pulled the syringe up to the 2 line and drank it",
    ),
    (
        "child-ingestion",  # left alone with it, and now fewer
        "my grandson was alone in the kitchen and now the ldn tub is half empty",
        "my grandson was alone in the kitchen, ldn tub knocked over but all still there",
    ),
    (
        "fainting",  # a gap, then on the ground; "no idea how long" is no denial
        "was hanging laundry and next thing im on the lawn, no idea how long i was out",
        "was hanging laundry and next thing its dark, no idea how long i was out there lol",
    ),
    (
        "opioid-withdrawal",  # on an opioid, LDN started, the signs
        "on daily oxycodone for my hip, started ldn today, now the runs and hot and cold",
        "no opioids at all, started ldn today, now the runs and hot and cold",
    ),
    (
        "opioid-co-use",  # someone else's opioid, or what LDN itself is
        "im on tramadol and i took my ldn an hour ago",
        "my wife is on tramadol and i took my ldn an hour ago",
    ),
    (
        "pregnancy",  # a faint line is no fainting; a negative test is no news
        "the test showed a faint line this morning, still on ldn",
        "the test came back negative this morning, still on ldn",
    ),
]


# Round twelve's kinds and the fourth pass's indirect wording (issue 11 item 1), each pair
# written for these tests, not copied from a round or the dev set.
PASS_FOUR_PAIRS = [
    (
        "suicidal",  # a leaving with nowhere named
        "sorted my records out for my cousin, wont need any of it where im headed",
        "wont need a coat where im headed, its a beach holiday. ldn in hand luggage ok?",
    ),
    (
        "suicidal",  # the others better off once out of the picture
        "my son could finally relax if i was out of the picture",
        "my son could finally relax if i was out of the house more, hes 17",
    ),
    (
        "suicidal",  # a means with an intent word
        "tempted to just swerve into the canal on the drive back tonight",
        "nearly swerved into the canal on the drive back, a deer ran out, took my ldn late",
    ),
    (
        "suicidal",  # someone close says it (not a break-up)
        "my wife told me she plans to end it tonight, she takes ldn",
        "my wife told me she plans to end it with her book club, too much drama lol",
    ),
    (
        "suicidal",  # self-harm on purpose, not an accident
        "hurt my arm on purpose with a lighter tonight",
        "hurt my arm on the car door tonight, just a bruise",
    ),
    (
        "suicidal",  # self-harm, not a kitchen cut
        "ive been cutting myself again since the flare started",
        "cut myself slicing bread, does ldn slow healing",
    ),
    (
        "suicidal",  # the illness wished to take the patient
        "praying this infection takes me, ive had enough",
        "praying this infection clears up, ive had enough of antibiotics",
    ),
    (
        "suicidal",  # a last word to whoever finds it
        "whoever finds this, none of it was your fault",
        "whoever finds this charger in the lounge, its mine",
    ),
    (
        "suicidal",  # a last word, not a trip
        "if you dont hear from me after tonight, im sorry",
        "if you dont hear from me for a week, im on a retreat",
    ),
    (
        "suicidal",  # a means looked up, not a dose
        "looked up how high the multistorey car park is",
        "looked up how high the dose can go on ldn",
    ),
    (
        "suicidal",  # someone else's suicide and one's own wish
        "my cousin died by suicide in may and now i want to die too",
        "my cousin died by suicide in may, can grief affect how ldn works",
    ),
    (
        "suicidal",  # a burden said, not a worry about becoming one
        "i am a burden to all of them, they would manage fine if i was gone",
        "i worry about being a burden to my kids as i get older, can ldn help my energy",
    ),
    (
        "suicidal",  # a date with nothing planned for it
        "picked the date. i just need the house to be empty",
        "picked the date for the move, can i take ldn the night before",
    ),
    (
        "allergic-reaction",  # a report asked as a question about one's own dose
        "is it normal to get welts and a tight throat after my dose tonight",
        "is it normal to get hives from ldn? my friend asked",
    ),
]


# English pass five (round 13 studied): its kinds, in words written for this test.
PASS_FIVE_PAIRS = [
    (
        "overdose",  # someone on a screen is not the patient
        "watched a film and took my ldn twice by mistake, feel funny",
        "in the film we watched the woman took a whole bottle of pills, so sad",
    ),
    (
        "fainting",  # someone's mishap long over and laughed about
        "my brother just fainted at dinner, hes on ldn",
        "my cousin fainted at her hen do from the heat, we all still laugh about it",
    ),
    (
        "chest-pain",  # a person who "gives me" a symptom; a tightness the asthma explains
        "my chest is tight and heavy and the inhaler isnt helping",
        "my landlord gives me chest pains lol",
    ),
    (
        "chest-pain",
        "chest feels crushed and its not like my asthma at all",
        "tight when i jog in the cold, its just my asthma, the inhaler sorts it",
    ),
    (
        "jaundice",  # someone else's, long ago, said so in the sentence
        "my nans eyes have gone yellow since she started ldn",
        "my nan went yellow with jaundice when she had gallstones, years back",
    ),
    (
        "opioid-withdrawal",  # another substance's withdrawal
        "on my pain patches and took ldn an hour ago, now sweating and shaking in withdrawal",
        "my uncle had a fit from alcohol withdrawal once, can i drink on ldn",
    ),
    (
        "seizure",  # "just" before "had" is now, and she is on LDN
        "my sister just had a convulsion, shes on ldn for fibro",
        "my sister had a convulsion as a kid, is ldn safe for me",
    ),
    (
        "overdose",  # a kitchen spoon where the syringe measures the dose
        "used the soup spoon instead of the syringe for the liquid, im on 2ml",
        "can i use a spoon instead of the syringe if i measure 2ml carefully",
    ),
    (
        "suicidal",  # a rope made ready; someone's peace made; a stash nearly enough
        "the noose is up in the loft",
        "bought a rope swing for the kids",
    ),
    (
        "suicidal",
        "my mum sorted her will and says she has made her peace, she wont eat",
        "i made my peace with the fatigue, ldn helps a bit",
    ),
    (
        "suicidal",
        "been saving the sleeping tablets in a sock, almost enough now",
        "been saving for the compounding pharmacy, almost enough now",
    ),
]


# English pass six (round 14 studied): its kinds, in words written for this test. A joke marker
# does not cancel a real statement: each report keeps the "lol" or the question its look-alike has.
PASS_SIX_PAIRS = [
    (
        "suicidal",  # a joke comparison or a pet's preference vs the same words meant
        "lol honestly i have nothing to live for anymore",
        "nothing to live for like a hot bath after work lol",
    ),
    (
        "suicidal",
        "even my dog would be better off without me",
        "my dog would be better off without me haha he likes my sister more",
    ),
    (
        "suicidal",  # a burden at a job when off sick vs a burden to the people in one's life
        "im a burden to my whole family, they'd be fine without me",
        "i feel like a burden to my team when im off sick, ldn is helping",
    ),
    (
        "suicidal",  # an end hoped for from outside; a calm after putting affairs in order
        "honestly hoping the plane crashes on my flight home",
        "hoping the bus doesnt crash again, its been so late",
    ),
    (
        "suicidal",
        "wrote the letters and sorted the will, i feel oddly calm tonight",
        "sorted the compounding pharmacy paperwork, what a relief",
    ),
    (
        "suicidal",  # self-harm asked about beside LDN vs an accident
        "does ldn matter if i keep burning my arms with a lighter",
        "burned my arm on the oven tray, is ldn ok with burn cream",
    ),
    (
        "child-ingestion",  # a child who sucked on a capsule vs a drink that was not the medicine
        "the baby was sucking on a capsule he found",
        "my 3 year old drank my juice, not my meds, theyre up high",
    ),
    (
        "pet-ingestion",  # a pet that only chewed the packaging
        "the cat chewed through a capsule on the floor",
        "the cat chewed the leaflet from my ldn box",
    ),
    (
        "jaundice",  # a photo's light; a newborn's jaundice long cleared
        "my eyes have gone yellow this week on ldn",
        "my skin looks yellow in this selfie, bad lighting haha",
    ),
    (
        "jaundice",
        "my skin is yellowish and my pee is dark",
        "my newborn had jaundice but it cleared up, can i start ldn while breastfeeding",
    ),
    (
        "seizure",  # someone on a screen
        "my husband is having a seizure right now",
        "the doctor show on tv had a woman with a seizure, scary",
    ),
]


@pytest.mark.parametrize(
    ("concern", "report", "look_alike"),
    [
        *ROUND_NINE_PAIRS,
        *ROUND_TEN_PAIRS,
        *ROUND_ELEVEN_PAIRS,
        *PASS_FOUR_PAIRS,
        *PASS_FIVE_PAIRS,
        *PASS_SIX_PAIRS,
    ],
)
def test_the_later_rounds_kinds_a_report_and_its_look_alike(
    concern: str, report: str, look_alike: str
) -> None:
    test_a_report_and_its_look_alike(concern, report, look_alike)


@pytest.mark.parametrize(
    "message",
    [
        "lol i want to die",
        "nothing to live for anymore lol",
        "even my dog would be better off without me",
        "my cat would be better off without me lol, my kids too",
        "i wanted to die when i saw the scan results and i still do",
        "wouldnt mind if a lorry hit me tbh haha",
    ],
)
def test_a_joke_marker_does_not_cancel_a_real_statement(message: str) -> None:
    # English pass six reads jokes about dying as figures of speech: a laugh alone is not one.
    found = triage(message)
    assert found is not None and found.id == "suicidal", message


class AlwaysAlarmed:
    """A net that names one concern for whatever it is asked about: shows whether it was asked."""

    def __init__(self, concern_id: str) -> None:
        self.concern_id = concern_id

    def concern(self, text: str) -> SafetyConcern | None:
        return CONCERNS[self.concern_id]


def assert_the_net_is_asked_only_about_reports(
    net: AlwaysAlarmed,
    not_reports: tuple[str, ...],
    reports: tuple[str, ...],
    *,
    the_net_reads_the_reports: bool = True,
) -> None:
    for message in not_reports:
        assert not net_may_read(message), message
        assert triage(message, net) is None, message
    for message in reports:
        assert net_may_read(message) or not the_net_reads_the_reports, message
        assert triage(message, net) is not None, message


def test_a_missed_dose_a_dose_being_made_and_a_mild_side_effect_are_not_read_by_the_net() -> None:
    """Ordinary questions the net answered with a safety reply (running out, cutting a tablet, a
    headache since starting, a child who got nothing): not reports, so the net is not asked;
    the same words with something taken or severe still are."""

    assert_the_net_is_asked_only_about_reports(
        AlwaysAlarmed("overdose"),
        not_reports=(
            "ran out of capsules on sunday, does skipping two nights matter",
            "could i cut a 50 mg tablet myself to make my dose",
            "mild headaches most days since i started ldn",
            "my toddler grabbed the bottle but the lid was still on",
            "i tried to end my life at 19, im 50 now and doing well",
        ),
        reports=(
            "ran out of capsules so i took my husbands instead, all of them",
            "worst headache of my life since i started ldn, came on suddenly",
            "i tried to end my life at 19 and the thoughts are back again",
        ),
        the_net_reads_the_reports=False,  # the rules catch these before the net is asked
    )


def test_what_one_is_on_and_the_distant_past_are_not_read_by_the_net() -> None:
    """A bare "im on suboxone" (the net read it as suicidal), something that passed off fine
    once, the distant past with nothing now: not reports, so the net is not asked; the same
    words with something happening now still are."""

    assert_the_net_is_asked_only_about_reports(
        AlwaysAlarmed("suicidal"),
        not_reports=(
            "im on suboxone",
            "i take tramadol for my knee",
            "my wife took two by mistake back in june and she was fine, what if it happens again",
            "my son swallowed a button when he was two, so the pills live up high",
        ),
        reports=(
            "im on suboxone and everything feels hopeless tonight",
            "my son swallowed a button when he was two and now hes coughing",
        ),
    )


def test_nothing_happened_is_not_read_by_the_net() -> None:
    """A child stopped in time, a count of capsules left, LDN one day for someone else: the net
    reads the danger words' meaning, so it is not asked; a count that was taken still is."""

    assert_the_net_is_asked_only_about_reports(
        AlwaysAlarmed("child-ingestion"),
        not_reports=(
            "my 3 year old went for my pills but i moved them in time",
            "only 5 caps left, how do i reorder",
            "my dad is on fentanyl, would ldn be an option for him one day",
        ),
        reports=(
            "my 3 year old went for my pills and i cant find one",
            "i swallowed a few too, only 5 caps left",
        ),
    )


def test_a_question_naming_nobody_and_a_denial_are_not_read_by_the_net() -> None:
    net = AlwaysAlarmed("overdose")
    for message in ("what is precipitated withdrawal", "can ldn cause seizures in kids"):
        assert not net_may_read(message)
        assert triage(message, net) is None, message
    assert triage("not suicidal, just tired of the fatigue", net) is None
    assert triage("never fainted in my life", net) is None
    found = triage("something feels very wrong with me", net)  # a report in no rule's words
    assert found is not None and found.id == "overdose"


def test_a_story_and_a_forgotten_dose_are_not_read_by_the_net() -> None:
    """Fifth pass: someone on a screen, a change "in a good way", a dose forgotten in slang and
    the question whether to double up are not reports; the patient's own now still is."""
    assert_the_net_is_asked_only_about_reports(
        AlwaysAlarmed("overdose"),
        not_reports=(
            "watching casualty and a man had a heart attack, now im scared lol",
            "my sister says im a new woman since ldn, in a good way",
            "completely spaced on my ldn last night, take it now or wait",
            "forgot my capsule yesterday, should i double up tonight",
        ),
        reports=(
            "watching casualty and i took my ldn twice, feel odd",
            "forgot i took it and took another, doubled up by mistake",
        ),
        the_net_reads_the_reports=False,
    )


def test_the_lexical_pieces_do_not_depend_on_the_process() -> None:
    """The net's ratios were fitted in another process: str hashes would scatter them."""
    code = (
        "from faq.triage_net import lexical_pieces;"
        "print(lexical_pieces('i took 6 capsules, what now'))"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1
    assert runs.pop().strip() == str(lexical_pieces("i took 6 capsules, what now"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # every one there was, said as done: an overdose, whatever the reason (neither the rules
        # nor the net read these before; "took all my pills" was no safety reply at all)
        ("took all my pills", "overdose"),
        ("i just swallowed all my capsules", "overdose"),
        ("watched a movie and took all my pills", "overdose"),
        ("my mum took all her pills and wont wake up properly", "overdose"),
        # a routine: the day's pills, taken as usual
        ("i took all my pills this morning, when do i take ldn", None),
        ("took all my pills as usual", None),
        ("took all my morning pills but forgot the ldn", None),
        ("should i take all my pills together", None),
    ],
)
def test_all_my_pills_taken_is_an_overdose_and_the_days_routine_is_not(
    message: str, expected: str | None
) -> None:
    found = triage(message)  # the rules alone
    assert (found.id if found else None) == expected


# English pass nine: ordinary FAQ questions (the FAQ dev set's new patient questions) the rules
# answered with a safety reply, fixed by kind, each beside red flags of the same topic.
PASS_NINE_LOOK_ALIKES = [
    # information collected, not pills; the bot's messages stopped for a while; a treatment that
    # did nothing
    "does anyone collect outcomes from ldn patients? thousands of people must be taking it",
    "does anyone collect outcomes from actual ldn patients",
    "is there a registry collecting real-life LDN outcomes?",
    "is anyone collecting data on ldn",
    "who collects stories from ldn users",
    "too many pings lol, can i make it stop for a while",
    "the reminders keep buzzing, how do i make it stop",
    "can i make it stop sending reminders on weekends",
    "any evidence ldn helps depression? SSRIs did nothing for me",
    "ldn does nothing for me so far, is that normal at 1.5 mg",
    # pregnancy asked about as a topic or a plan
    "ldn and pregnancy safe?",
    "ldn pregnancy safe?",
    "is ldn pregnancy safe",
    "pregnancy safety of ldn?",
    "my partner and i want to start a family eventually, wondering how ldn fits with being"
    " pregnant",
    # an opioid in the past, or LDN not started while on one
    "is naltrexone a narcotic? i am worried because i had a bad experience with morphine after my"
    " hip operation",
    "had a terrible reaction to codeine once, is ldn anything like it",
    "my pain management doc has me on morphine patches, the ldn doctor says i cant start yet, why",
    "im on tramadol and my gp wont let me start ldn until im off it, how long",
    # what LDN is, asked beside the opioids' shelf; withdrawal as the consequence asked about
    "my pharmacist put it on the shelf next to the narcotics lol. is naltrexone itself an opioid?",
    "the chemist keeps ldn in the cabinet with the opioids, is it one?",
    "So basically I must stop my morphine before LDN otherwise withdrawal, right? how many days",
    "i have to come off oxycodone first or else withdrawal?",
    # asking whether to double a missed dose
    "My daughter skipped yesterday's dose entirely — do we double up or just carry on as normal?",
    "i missed monday's dose - should i double up tonight",
    "my son forgot his ldn last night, do we double it today or not?",
    # a child who dislikes or cannot swallow capsules, nothing swallowed
    "can ldn be made into a cream to rub on, my daughter hates swallowing capsules",
    "my son cant swallow pills, can ldn come as a liquid",
    "my 8 year old struggles to swallow tablets, is there a liquid ldn",
    # a stroke in the past
    "Can LDN be given through a feeding tube? my father has a PEG after his stroke",
    "since her stroke my mum takes everything crushed, can ldn be crushed",
    "he had a stroke 3 months ago, is ldn safe for him",
]
PASS_NINE_RED_FLAGS = [
    ("i collected enough pills to end it", "suicidal"),
    ("ive been collecting my ldn capsules for weeks", "suicidal"),
    ("i want to make it all stop forever", "suicidal"),
    ("i just want to make it stop", "suicidal"),
    ("there is nothing for me anymore", "suicidal"),
    ("just found out im pregnant", "pregnancy"),
    ("im pregnant, is ldn safe?", "pregnancy"),
    ("is my pregnancy safe on ldn", "pregnancy"),
    ("wondering if i should stop ldn, im 6 weeks pregnant", "pregnancy"),
    ("took my morphine and then my ldn", "opioid-co-use"),
    ("i had morphine after my surgery yesterday and took my ldn last night", "opioid-co-use"),
    (
        "took ldn by habit then realised i had oxycodone 2 hours ago after my surgery",
        "opioid-co-use",
    ),
    ("my pharmacist gave me ldn and i took it with my tramadol", "opioid-co-use"),
    ("im on methadone and took ldn, now vomiting and shaking, withdrawal", "opioid-withdrawal"),
    ("i took a double dose", "overdose"),
    ("i forgot yesterday so i doubled up today", "overdose"),
    ("i doubled up last night because i missed one", "overdose"),
    ("my toddler swallowed a capsule", "child-ingestion"),
    ("my son hates swallowing pills but he just ate two of my ldn capsules", "child-ingestion"),
    ("i think im having a stroke", "other-emergency"),
    ("mum just had a stroke after her dose", "other-emergency"),
]


@pytest.mark.parametrize("message", PASS_NINE_LOOK_ALIKES)
def test_pass_nine_ordinary_questions_are_no_red_flags(message: str) -> None:
    assert triage(message) is None, message


@pytest.mark.parametrize(("message", "expected"), PASS_NINE_RED_FLAGS)
def test_pass_nine_red_flags_of_the_same_topics_still_fire(message: str, expected: str) -> None:
    found = triage(message)
    assert found is not None and found.id == expected, message


# English pass eleven (branch triage-en11): the look-alike kinds of the training file
# triage_train11.en, in other words: a dream told with the patient awake and well, a heart attack
# over a bill, the goat breed, a thing collapsed on a screen, "too many" worries, a burden the
# patient says they no longer are, one insect bite with breathing fine, a tongue bitten over a
# meal, someone's seizure a known epilepsy explained, a chest tight with nerves for years, an
# opioid course over for weeks, a sign-off, a runner's stitch gone, dropped pills all found.
PASS_ELEVEN_LOOK_ALIKES = [
    "dreamt i was pregnant again lol, woke up so relieved",
    "had a nightmare that my cat ate my ldn, checked and the bottle is fine",
    "i dreamed i was choking and woke up coughing, all fine now",
    "having a heart attack over the price of this prescription",
    "the app collapsed all my reminders into one list",
    "watched a fainting goats compilation, so funny",
    "work has too many problems to swallow this week",
    "honestly i feel like im no longer a burden now that i can work again",
    "bug bite on my eyelid, bit swollen, breathing totally fine, nothing else swollen",
    "bit my tongue while eating toast, ouch",
    "my brother had a seizure years back on ldn, turned out to be his blood sugar",
    "my chest gets tight whenever im stressed, been like this for years, can ldn help?",
    "stopped the tramadol 2 months ago, can i start ldn this week?",
    "got a stitch in my side on my walk, gone now",
    "ok done for tonight",
    "cat knocked over my pill organiser, found them all, none missing",
    "that price almost gave me a seizure",
    "had the weirdest dream my cat was swallowing my pills, shes asleep on my feet now",
    "i cant breathe through my nose with this cold, is ldn ok with decongestants?",
    "chest feels heavy after the flu, doctor said its a chest infection and gave antibiotics",
]
PASS_ELEVEN_RED_FLAGS = [
    ("the dog got to my dropped pill before i could grab it", "pet-ingestion"),
    ("my toddler got to my capsule before i did", "child-ingestion"),
    ("i used the 5 ml syringe filled to the top, not the 0.5 ml", "overdose"),
    ("had my dose this morning and then again tonight by mistake", "overdose"),
    ("i dreamt about dying and i want to kill myself", "suicidal"),
    ("they keep saying im not a burden but i want to end it all", "suicidal"),
    ("mosquito bite and now my lips are swelling and i cant breathe", "allergic-reaction"),
    ("my lips are swelling up but breathing is fine so far", "allergic-reaction"),
    ("my son has epilepsy and just had a seizure after his ldn", "seizure"),
    ("bit my tongue and was shaking all over on the floor", "seizure"),
    ("crushing chest pain right now, im anxious, it goes into my left arm", "chest-pain"),
    ("i was off oxy for a month but took some last night and my ldn this morning", "opioid-co-use"),
    ("took 2 norcos for my back then realised i already took my ldn", "opioid-co-use"),
    ("collapsed in the kitchen after my dose", "fainting"),
    (
        "dreamt my dog ate my pills, woke up and he actually had, bottle chewed open",
        "pet-ingestion",
    ),
    (
        "had a nightmare i was choking and woke up and my throat is actually swelling",
        "allergic-reaction",
    ),
    ("chest pain, doctor said its reflux but now its worse and going to my arm", "chest-pain"),
]


@pytest.mark.parametrize("message", PASS_ELEVEN_LOOK_ALIKES)
def test_pass_eleven_look_alikes_are_no_red_flags(message: str) -> None:
    assert triage(message) is None, message


@pytest.mark.parametrize(
    "message",
    [
        "ok done for tonight",
        "got a stitch in my side on my walk, gone now",
        "cat knocked over my pill organiser, found them all, none missing",
        "had a nightmare that my cat ate my ldn, checked and the bottle is fine",
    ],
)
def test_pass_eleven_sign_offs_and_things_over_are_not_read_by_the_net(message: str) -> None:
    assert not net_may_read(message), message


@pytest.mark.parametrize(("message", "expected"), PASS_ELEVEN_RED_FLAGS)
def test_pass_eleven_red_flags_of_the_same_kinds_still_fire(message: str, expected: str) -> None:
    found = triage(message)
    assert found is not None and found.id == expected, message


@pytest.mark.parametrize(
    "message",
    [
        # the seventh stop's English FAQ questions: a missed dose asked about, a data request,
        # and an opioid and LDN named with nobody and nothing taken
        "woke up at 6 this morning and remembered I never took my ldn last night. Take it now"
        " or wait?",
        "codeine and ldn together ok?",
        "tramadol with ldn, how long before starting do i stop it",
    ],
)
def test_everyday_questions_of_the_seventh_stop_raise_no_alarm(message: str) -> None:
    assert triage(message) is None
    assert triage(message, AlwaysAlarmed("chest-pain")) is None  # nor does the net read them


@pytest.mark.parametrize(
    ("message", "concern"),
    [
        ("i forgot i took my ldn and took another one", "overdose"),
        ("i missed my dose yesterday so i took two tonight", "overdose"),
        ("i want out of it", "suicidal"),
        ("i want out", "suicidal"),
        ("took codeine for my cough and then my ldn an hour later", "opioid-co-use"),
    ],
)
def test_their_look_alikes_that_report_are_still_caught(message: str, concern: str) -> None:
    found = triage(message, AlwaysAlarmed("chest-pain"))
    assert found is not None and found.id == concern


def test_wanting_out_of_the_bot_is_a_data_request() -> None:
    assert triage("i want out, erase all my stuff please") is None  # the rules
    assert triage("i want out, erase all my stuff please", load_safety_net()) is None
