"""German triage rules by kind, from the study part of the training file triage_train7.de
(branch triage-de7): each kind in new words (none of these is a row of the file), read by the
rules alone (`triage(text)` without the net)."""

from __future__ import annotations

import pytest

from faq.triage import triage


def _found(message: str) -> str | None:
    concern = triage(message)
    return concern.id if concern else None


@pytest.mark.parametrize(
    ("message", "concern"),
    [
        # a child who ate "sweets" from a travel or pill box; a capsule found bitten open where a
        # child plays; a child's age in words; powder or crumbs around the mouth; taken out of
        # the mouth but already soft or half gone
        (
            'meine Tochter hat meine Pillendose im Auto gefunden und erzählt sie hat drei "Bonbons"'
            " gegessen",
            "child-ingestion",
        ),
        (
            "hab ne tablette unterm kinderbett gefunden, angekaut. meine tochter ist 2",
            "child-ingestion",
        ),
        (
            "mein Dreijähriger hatte Krümel am Mund und die Kapsel lag offen neben ihm",
            "child-ingestion",
        ),
        (
            "die kleine hatte eine tablette im mund, hab sie rausgenommen, aber die war schon halb"
            " aufgelöst",
            "child-ingestion",
        ),
        ("unser hamster hat an einer kapsel geknabbert, die ist jetzt halb leer", "pet-ingestion"),
        # two days' compartments at once; a dose given twice by two people; someone else's
        # capsule and then one's own; "drei mal" spelt apart
        ("hab heute früh aus versehen den montag und den dienstag genommen", "overdose"),
        (
            "mein Vater hat seine LDN doppelt bekommen, ich und meine Schwester haben sie ihm beide"
            " gegeben",
            "overdose",
        ),
        ("zuerst die kapsel von meinem mann geschluckt und dann noch meine eigene", "overdose"),
        ("glaub ich hab drei mal genommen heute", "overdose"),
        # dialect; a goodbye nobody understands, across a full stop; a blade at hand; all the
        # pills taken, "alle" on its own; things given away "brauch ich bald nicht mehr"
        ("i bring mi heut no um", "suicidal"),
        ("hab mich gestern von allen verabschiedet. keiner weiss was ich vorhab", "suicidal"),
        ("es reicht. ich hab die klinge schon neben mir", "suicidal"),
        ("ich hab die kapseln genommen. alle", "suicidal"),
        ("ich verschenke grad meine bücher, die brauch ich bald nicht mehr", "suicidal"),
        # the one on the opioid who got LDN has the signs, listed with commas
        (
            "mein vater ist auf methadon und hat aus versehen meine ldn geschluckt, jetzt ist er"
            " ganz unruhig, schwitzt und friert",
            "opioid-withdrawal",
        ),
        (
            "kein tramadol mehr seit gestern, ldn genommen und jetzt schwitze ich und zittere am"
            " ganzen körper",
            "opioid-withdrawal",
        ),
        # an opioid at hand to be swallowed now by a patient on LDN; on LDN "seit letzter woche"
        (
            "hab mir grad tramadol in der apotheke geholt, nehm auch ldn, kann ich das jetzt gleich"
            " nehmen?",
            "opioid-co-use",
        ),
        ("nehm seit letzter woche ldn und hab heute abend ein tilidin genommen", "opioid-co-use"),
        # dark urine or pale stool with pain under the right ribs; yellow, the face named after
        ("der urin ist ganz dunkel und rechts oben im bauch tut es weh", "jaundice"),
        (
            "stuhlgang ist seit gestern hell wie lehm und ich hab schmerzen rechts unter den"
            " rippen",
            "jaundice",
        ),
        ("meine frau ist gelb geworden im gesicht seit ein paar tagen", "jaundice"),
        # woke with a bitten tongue, someone saw the fit
        (
            "mit einem zungenbiss aufgewacht und meine frau sagt ich hätte im schlaf gekrampft",
            "seizure",
        ),
        # swelling around the lips and eyes; wheezing "so pfeifend", a throat getting tighter
        (
            "schwellung um die lippen und augen seit der ersten kapsel, wird schlimmer",
            "allergic-reaction",
        ),
        ("atme ganz pfeifend und der hals wird enger", "allergic-reaction"),
        # the same kinds worded once more: a bitten capsule found by the playpen, part of it
        # gone, a dose given by both carers, "und danach noch meine", a rope hanging ready,
        # the right ribs as "rippenbogen", yellow "in den augen"
        (
            "hab neben dem laufstall eine aufgebissene kapsel gefunden, meine tochter ist 1",
            "child-ingestion",
        ),
        (
            "mein sohn hat eine kapsel zerbissen, ich hab die reste rausgeholt aber ein teil ist"
            " weg",
            "child-ingestion",
        ),
        (
            "die pflegerin und ich haben meinem vater beide die ldn gegeben",
            "overdose",
        ),
        ("hab versehentlich 2x meine dosis bekommen, vom pflegedienst und von mir", "overdose"),
        ("hab die ldn von meinem mann geschluckt und danach noch meine", "overdose"),
        ("das seil hängt schon bereit", "suicidal"),
        ("mein stuhl ist seit tagen grau und rechts unter dem rippenbogen drückt es", "jaundice"),
        ("er ist gelb geworden in den augen", "jaundice"),
        # the patient took what the child brought (an overdose, not the child's); a chest "wie
        # zugeschnürt" is the chest, not the throat
        (
            "meine tochter hat mir die box gebracht und ich hab aus versehen alle zwei genommen",
            "overdose",
        ),
        ("die brust ist wie zugeschnürt und es drückt immer mehr", "chest-pain"),
    ],
)
def test_train7_kinds_in_new_words_are_reports(message: str, concern: str) -> None:
    assert _found(message) == concern, message


@pytest.mark.parametrize(
    "message",
    [
        # a dose ticked twice in the app; eyes puffy after a short night; an arm sore from a jab
        "hab in der app zweimal auf erledigt geklickt, wie lösch ich einen eintrag?",
        "meine augen sind morgens verquollen, war aber auch ne kurze nacht",
        "arm tut weh seit der impfung, ldn nehm ich normal weiter",
        # slumped onto the sofa worn out; "so weggetreten" as absent-minded
        "nach dem einkaufen aufs sofa gesackt, total erschöpft, die fatigue halt",
        "bin abends oft so weggetreten dass ich die kapsel vergesse",
        # a tongue bitten while chewing; jerks while falling asleep
        "hab mir beim kauen auf die zunge gebissen, tut weh",
        "meine beine zucken beim einschlafen, ist das von ldn?",
        # a sealed blister licked; a visit ("war zu besuch") is no open box
        "die katze hat am blister geleckt, der war aber zu, alles noch drin",
        "meine enkelin war zu besuch und hat die kapseln nicht angerührt, die dose war zu",
        # a farewell letter to a job; sorry for a missed appointment
        "der abschiedsbrief an meinen alten chef ist geschrieben, endlich neuer job",
        "sorry, den termin hab ich total verschwitzt, tut mir leid",
        # night sweats with opioids denied
        "schwitze viel nachts seit ldn, nehme keine opioide",
        "opiate nehm ich keine, aber ich schwitze nachts stark",
        # again in other words: a night out, a child's clothes grown out of, days filled in
        "verquollene augen nach einer durchgefeierten nacht",
        "ich verschenke meine alten babysachen, brauch ich bald nicht mehr, die kleine ist zu"
        " gross",
        "hab heute den montag und dienstag in die box gefüllt",
        "meine tochter ist 5 und hat nur mit der leeren dose gespielt",
        "im tatort hat sich einer von allen verabschiedet, keiner wusste warum",
    ],
)
def test_train7_look_alike_kinds_raise_no_alarm(message: str) -> None:
    assert _found(message) is None, message


# Branch triage-de7: the overdose kinds of rows folded into the de dev set, in new words.
@pytest.mark.parametrize(
    "message",
    [
        # both times taken, told after a question; taken, forgotten and taken again
        "mein vater wusste nicht ob er die tablette schon hatte und dann beide male geschluckt",
        "oma hat ihre kapsel eingenommen, dann vergessen und wieder eingenommen",
        # "2x" with nothing between; a dose given by someone on top of one's own
        "hab gestern abend die ldn 2x geschluckt, sorry bin durcheinander",
        "meine frau hat mir noch eine gegeben, ich hatte aber schon eine",
        "er hat meine dosis geschluckt und seine eigene, also hat er doppelt",
        # a count of a strength to make it work more; a count against "only one a day"
        "zwei von den 2er geschluckt, dachte dann wirkt es besser",
        "gestern hab ich genommen drei kapseln, hab übersehen dass nur eine pro tag",
        # a full-dose strength instead of one's own small ones
        "aus versehen die 50er statt meinen kleinen genommen",
        # a count swallowed beside an explicit denial of wanting to die: an overdose
        "hab sechs tabletten auf einmal geschluckt, will aber nicht sterben",
    ],
)
def test_de7_overdose_kinds_get_the_overdose_concern(message: str) -> None:
    assert _found(message) == "overdose", message


@pytest.mark.parametrize(
    "message",
    [
        "darf ich meine kapsel 2x täglich nehmen?",
        "mein arzt sagt nur eine am tag, ich nehme zwei kapseln pro tag nach absprache",
        "hab die kapsel genommen und dann vergessen ob ich gegessen hab",
        "meine kleine hat heute ihren ersten schultag, ldn nehm ich abends",
    ],
)
def test_de7_look_alikes_stay_quiet(message: str) -> None:
    assert _found(message) is None, message


def test_de7_a_child_is_still_a_child() -> None:
    assert _found("meine kleine hat eine 50 mg tablette geschluckt") == "child-ingestion"
