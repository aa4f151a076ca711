"""Safety triage: spot red-flag messages before any FAQ matching.

A message that reports an emergency (an overdose, a child who swallowed a capsule, an allergic
reaction, chest pain, thoughts of suicide...) gets a short safety message instead of an FAQ
answer; a pregnancy found while taking LDN is flagged too (not an emergency: the prescriber should
hear of it soon). A question *about* a topic ("can LDN cause chest pain?"), a negation ("no chest
pain"), family history, figures of speech and a dose the prescriber changed are not reports and go
on to the FAQ.

Two nets: hand-written rules (`rules_triage`, always on, well under a millisecond) and, when
given to `triage(text, net)`, a semantic net that catches what the rules' wording misses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# The languages whose red-flag rules pass their targets (caught >= 0.98, false alarms <= 0.02 on
# messages they were not tuned on); a language is offered to patients only when it is here.
# Spanish and German rules and the multilingual net run on every message (faq/triage_lang.py,
# faq/triage_net.py) but are not here yet: ninth held-out round, rules + net, es 0.855 caught /
# 0.055 false alarms, de 0.800 / 0.036 (tests/faq/test_triage_i18n.py).
LANGUAGES: tuple[str, ...] = ("en",)


@dataclass(frozen=True)
class SafetyConcern:
    """A red flag found in a message; id names the kind of concern."""

    id: str
    summary: str
    emergency: bool = True  # False: the prescriber should hear of it soon, not the emergency line


CONCERNS: dict[str, SafetyConcern] = {
    c.id: c
    for c in (
        SafetyConcern("suicidal", "thoughts of suicide or self-harm"),
        SafetyConcern("overdose", "too much LDN or naltrexone taken at once"),
        SafetyConcern("child-ingestion", "a child swallowed or drank some LDN"),
        SafetyConcern("pet-ingestion", "an animal swallowed or chewed some LDN"),
        SafetyConcern("allergic-reaction", "an allergic reaction, swelling or trouble breathing"),
        SafetyConcern("chest-pain", "chest pain, tightness or pressure"),
        SafetyConcern("jaundice", "yellow skin or eyes, or dark urine with belly pain"),
        SafetyConcern("seizure", "a seizure"),
        SafetyConcern("fainting", "fainting or loss of consciousness"),
        SafetyConcern("opioid-withdrawal", "opioid withdrawal after taking LDN"),
        SafetyConcern("opioid-co-use", "LDN and an opioid taken close together"),
        SafetyConcern("pregnancy", "a pregnancy while taking LDN", emergency=False),
        SafetyConcern("other-emergency", "another medical emergency"),
    )
}


def is_emergency(concern: SafetyConcern) -> bool:
    """True when the concern needs help now (every concern but a pregnancy)."""
    return concern.emergency


# ------------------------------------------------------------------ normalising

# "od'd", "oded", "o.d.", "oding" (not "odd": "i feel odd" is not an overdose), and "od" as a verb
# after its subject ("i od on my pills", "think i od").
_OD = re.compile(r"\bo\.?d(?:'e?d|ed|'?ing)\b|\bo\.d\.")
_OD_VERB = re.compile(r"\b(i|i'?ve|just|accidentally|nearly|almost|may have|might have) od\b")


def normalise_for_triage(text: str) -> str:
    """Lowercase, drop apostrophes ("don't" -> "dont"), keep sentence and clause punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['\u2019\u2018`\u00b4]", "'", text)
    text = _OD.sub("overdosed", text)
    text = _OD_VERB.sub(r"\1 overdosed", text)
    text = text.replace("'", "")
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # 4,5 mg
    text = re.sub(r"\b\d+(?:\.\d+)? ?(?:or|to|-) ?(\d+(?:\.\d+)?)\b", r"\1", text)  # "2 or 3": 3
    text = re.sub(r"\bwith out\b", "without", text)
    # "doubel dosed", "dubble dose", "dbl dose", "2ce": typed shorthand for a second dose
    text = re.sub(r"\b(?:doubel|dubble|duble|doubble|doulbe|doble|dbl|dobule)\b", "double", text)
    text = re.sub(r"\b(?:doubbled|dubbled|doubeled|dobuled|dubled)\b", "doubled", text)
    text = re.sub(r"\b2ce\b", "twice", text)
    text = re.sub(r"(?<=\d)(?=[a-z])", " ", text)  # 50mg -> 50 mg, 2yo -> 2 yo
    text = re.sub(r"[^\w.!?;,\n]+|_", " ", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " . ", text)  # sentence dots, not 4.5
    return re.sub(r"[ \t]+", " ", text).strip()


# A request for help around a report ("what should i do, i took ...") is not a question about a
# topic: it becomes a clause break, so the report beside it is read on its own.
_HELP_WRAPPER = re.compile(
    r"\b(?:what (?:should|do|can|must|shall|would) (?:i|we) do(?: now)?|what (?:to|i) do"
    r"|is (?:it|that|this) (?:bad|dangerous|serious|ok|okay|an emergency)(?! to| if| for)"
    r"|how bad is (?:it|that)"
    r"|should i (?:worry|be worried|go to \w+)|please help|help me|help"
    r"|not sure (?:if|whether|why) [^,.;!?]{0,40}?\b(?:but|related|matters|serious|allergy)"
    r"|i dont know (?:whats|what is) happening|i dont know what to do)\b"
)
_CLAUSE_BREAK = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;,\n]|\bbut\b|\bthough\b")
_SENTENCE_BREAK = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;\n]")

_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|without|dont|didnt|havent|hasnt|isnt|arent|wasnt|nothing|none|nor"
    r"|neither|zero|denies|any)\b(?: \w+){0,2} $"
)
# A question about a topic: "can ldn cause ...", "is ... a side effect", "what if ...".
_QUESTION_BEFORE = re.compile(
    r"\b(?:if|whether|in case|what happens|what if|cause[sd]?|causing|trigger|prevent|avoid"
    r"|risk of|risks of|signs? of|symptoms? of|about|read|heard|like to know|how do i know)\b"
    r"|^ ?(?:can|could|does|do|is|are|will|would|may|might|should|shall|has|have)"
    r" "
    r"|^ ?(?:what|how|why|which) "
)
_QUESTION_AFTER = re.compile(
    r"^ ?(?:is |are )?(?:not )?(?:an? |the )?(?:common |known |rare |possible |usual |normal )?"
    r"(?:side effects?|sign|symptom|risk|normal|common|possible|rare|dangerous|a concern)\b"
    # English pass ten: "overdose symptoms of ldn? just curious" (not "symptoms after ldn")
    r"|^ ?(?:signs|symptoms) of (?:an? )?(?:ldn|naltrexone|it)\s*$"
)
# Family history and the distant past are not today's emergency.
_HISTORY = re.compile(
    r"\b(?:years? ago|yrs? ago|years back|last year|as a (?:little |small |young )?(?:kid|child"
    r"|baby|teen\w*|toddler|girl|boy)|when (?:i|he"
    r"|she|they|we) (?:was|were) (?:young|little|small|pregnant|born|a (?:kid|child|baby|teen\w*)"
    r"|\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r"|history of"
    r"|runs? in (?:my|the|our) family|in the past|decades? ago|used to|died (?:of|from|after)"
    r"|(?:a )?long time ago|ages ago|way back|last (?:summer|winter|spring|autumn|fall)"
    r"|turned out (?:to be )?(?:nothing|fine|ok|okay"
    r"|benign|anxiety|heartburn|indigestion|muscular|a muscle)"
    r"|(?:in|back in|since) (?:19|20)\d\d"
    r"|(?:last|back in|back at) (?:christmas|xmas|easter|thanksgiving|halloween|diwali|new year\w*"
    r"|the holidays|january|february|march|april|may|june|july|august|september|october"
    r"|november|december)"
    r"|nothing (?:since|happened(?! yet)|came of it)|no (?:problems?|issues?|reactions?) since"
    r"|(?:none|never again|not once) since|(?:havent|have not|never) had (?:one|any|another) since"
    r"|(?:and|but) (?:he|she|they|i|we) (?:was|were) (?:totally |completely |perfectly )?fine)\b"
    r"|\b(?<!at )(?<!all at )(?<!than )(?<!then )once\s*$"
)
_PRESCRIBER = re.compile(
    r"\b(?:doctor|doc|dr|gp|prescriber|nurse|pharmacist|prescription|prescribed|as prescribed"
    r"|naturopath|homeopath|specialist|consultant|\w+ologist|practitioner|physician|provider"
    r"|clinic|np|functional medicine"
    r"|told me|said to|set it up|plan says)\b"
)


@dataclass(frozen=True)
class _Context:
    before: str  # the clause before the match, wrappers removed
    after: str  # the clause after the match
    clause: str
    match: str = ""
    whole: str = ""  # the whole message


def _context(text: str, start: int, end: int) -> _Context:
    before = text[max(0, start - 100) : start]
    cut = [m.end() for m in _CLAUSE_BREAK.finditer(before)]
    if cut:
        before = before[cut[-1] :]
    after = text[end : end + 80]
    stop = _CLAUSE_BREAK.search(after)
    if stop:
        after = after[: stop.start()]
    return _Context(before, after, before + text[start:end] + after, text[start:end], text)


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a match (commas do not end it)."""
    head = _SENTENCE_BREAK.split(text[:start])[-1]
    tail = _SENTENCE_BREAK.split(text[end:])[0]
    return head + text[start:end] + tail


def _negated(c: _Context) -> bool:
    return bool(_NEGATION_BEFORE.search(c.before))


# "what happens if i took 4", "is it bad if i drank 10 ml": a past deed inside a question is a
# report; "what if i take 4" stays a question.
_IF_I_BEFORE = re.compile(r"\bif (?:i|we|you) (?:just |already |accident\w* |mistakenly )?$")
_PAST_DEED = re.compile(r"^(?:took|tooked|taken|swallowed|drank|ate|had|accident\w* took)\b")
# "is chest tightness normal? its happening now": a question, then the patient says it is theirs.
_HAPPENING_NOW = re.compile(
    r"\b(?:(?:its|it is|this is|thats) happening (?:right )?now"
    r"|(?:i have|im having|having) (?:it|this|them) (?:right )?now|right now i"
    r"|it started (?:tonight|today|an hour ago|this morning)"
    # English pass ten: "is chest pressure a side effect? been going on for an hour now"
    r"|(?:its |it has |has |its been |ive had it )?(?:been going on|been happening) (?:for|since)"
    r" (?:an? |about |the last |\d+ )?(?:hour|hours|minutes?|mins?|tonight|today|this|last night)"
    r"|mine (?:is|s|are|has|feels?|keeps?|started|began|came on|kicked in)\b(?: \w+){0,4}?"
    r" (?:right now|now|this minute|at the moment|tonight|today|ago|and (?:wont|isnt|hasnt))"
    r"|i (?:have|got|feel) it (?:right )?now"
    r"|(?:i|he|she|they|my \w+) (?:literally )?just (?:did|had (?:one|it|that))"
    r"|(?:i|he|she|they|my \w+) (?:literally )?just had (?:one|it|that)"
    # English pass eight: "how bad is taking 4 caps? i did it tonight"
    r"|(?:i|he|she|they) (?:already |actually )?did (?:it|that|this) (?:tonight|today|just now"
    r"|an hour ago|earlier|this (?:morning|evening)))\b"
    # "is it normal to get raised bumps and be short of breath after the capsule": the patient's
    # own dose, asked about as it happens
    r"|\bis (?:it|this|that) (?:normal|common|usual|expected|ok|okay) (?:to (?:get|have|be|feel"
    r"|start|break out)|that i|that my|my|for me to)\b.{0,120}\b(?:after|since|on) (?:the|my|this"
    r"|tonights"
    r"|todays|last nights|yesterdays|taking (?:the|my|it)|i took|i started) ?(?:\w+ )?(?:capsule"
    r"|cap|dose|pill|tablet|liquid|ldn|one|it|naltrexone)\b"
)


def _asked_about(c: _Context) -> bool:
    if _IF_I_BEFORE.search(c.before) and _PAST_DEED.search(c.match):
        return False
    if _HAPPENING_NOW.search(c.whole):
        return False
    return bool(_QUESTION_BEFORE.search(c.before) or _QUESTION_AFTER.search(c.after))


def _a_report(c: _Context) -> bool:
    """Something happening now, not negated, asked about or long ago."""
    return not (_negated(c) or _asked_about(c) or _HISTORY.search(c.clause))


# ------------------------------------------------------------------ vocabulary

_W = r"(?: [\w.]+)"  # one more word
_MED = (
    r"(?:ldn|naltrexone|pills?|capsules?|caps|tablets?|tabs|meds|medicines?|medication"
    r"|liquid|solution|syringe|dose|doses|pill ?(?:box|organi[sz]er|case)|bottle)"
)
_MED_STRICT = (
    r"(?:ldn|naltrexone|pills?|capsules?|caps|tablets?|tabs|meds|medicines?|medication"
    r"|liquid|solution|syringe|dose|doses|pill ?(?:box|organi[sz]er|case))"
)
_SWALLOWED = (
    r"(?:swallow(?:ed|s|ing)?|ate|eaten|eat|eats|eating|drank|drunk|drink|drinking|chew(?:ed|ing"
    r"|s)?|licked"
    r"|bit into|nibbl\w*|bit open|bitten open|bit through|took|taken|got into|got hold of|got a"
    r"|has eaten"
    r"|has had)"
)
_CHILD = (
    r"(?:toddler|baby|infant|kid|kids|child|children|son|daughter|grandson|granddaughter"
    r"|grandkids?|grandchild\w*|niece|nephew|little one|boy|girl|teen\w*|twins|\d+ ?(?:yo|y o"
    r"|year old"
    r"|years? old|yrs? old|month old|months old)|\d+ ?years?|\d+ yr"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen) ?(?:years?|yrs?"
    r"|months?) old)"
)
_PET = (
    r"(?:dog|dogs|puppy|pup|cat|cats|kitten|kitty|parrot|bird|budgie|rabbit|bunny|hamster"
    r"|ferret|guinea pig|pet|horse|goat|pig|labrador|lab|retriever|spaniel|terrier|poodle|collie"
    r"|beagle|husky|chihuahua|dachshund|pooch|doggo|doggy|pug|bulldog|shepherd|greyhound|whippet"
    r"|lurcher|schnauzer|boxer|rottweiler|sheepdog|tabby|moggy|kelpie|heeler|corgi|cockapoo"
    r"|cavoodle|labradoodle|staffy|staffie|westie|mutt|sausage dog)"
)
_OPIOID = (
    r"(?:opioids?|opiates?|tramadol|oxy|oxys|oxycodone|oxycontin|codeine|morphine|hydrocodone"
    r"|fentanyl|methadone|suboxone|subutex|buprenorphine|percocet|vicodin|norco|dilaudid"
    r"|hydromorphone|heroin|tapentadol|nucynta|kratom|tylenol 3|co ?codamol|narcotics?"
    # other generics, and brands from the US, UK, Australia and India that name no opioid
    r"|pethidine|meperidine|demerol|dihydrocodeine|dhc|diamorphine|oxymorphone|opana|levorphanol"
    r"|pentazocine|nalbuphine|dextropropoxyphene|propoxyphene|darvocet|panadeine(?: forte)?"
    r"|nurofen plus|solpadeine|co ?dydramol|tylex|tylenol (?:with codeine|no ?3|#3)|mersyndol"
    r"|endone|oxynorm|targin|palexia|ultram|ultracet|oramorph|zomorph|sevredol|butrans|norspan"
    r"|roxicodone|lortab|percs?|hydros|tydol|tramazac|contramal|purple drank"
    # English pass eleven: brands in the plural ("took 2 norcos")
    r"|norcos|percocets|vicodins|oxycontins|tramadols|codeines)"
)
_PAINKILLER = r"(?:pain ?killers?|pain meds?|pain medications?|pain pills?|pain ?patch(?:es)?)"
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "a dozen": 12, "dozens": 24, "several": 3, "multiple": 3, "many": 3, "a few": 3,
    "a handful": 5, "a handful of": 5, "a bunch": 5, "a bunch of": 5, "lots of": 5,
    "a lot of": 5, "both": 2,
}  # fmt: skip
_COUNT = r"(?:\d+(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_UNIT = (
    r"(?:capsules?|capsule|caps|pills?|pill|tablets?|tabs|doses|ldns?|naltrexones?|capsu?les?"
    r"|capsuls?|capsl?es?|pils|tablts?|tabletes)"
)
_TOOK = (
    r"(?:took|tooked|taked|token|taken|swallowed|ate|drank|drunk|popped|downed|had|have take"
    r"|threw back|knocked back|necked|chugged|gulped|gulped down|wolfed"
    r"|has take|accidentally take|accidently take|mistakenly take|wrongly take"
    r"|(?:by|in) (?:mistake|error|accident) take|take (?:by|in) (?:mistake|error|accident))"
)
_OVER_TIME = re.compile(
    r"^ ?(?:\w+ ){0,3}?(?:so far|in total|this (?:week|month|year)|over (?:the|a|two|three|\d)"
    r"|since|every|each|a day|per|daily|a week|on time|with no|without(?! (?:thinking|realising"
    r"|asking|realizing|noticing|checking|looking))|and no|all month|a night"
    r"|at night|in (?:a|the|one) (?:month|week)|as prescribed|for (?:\d+|two|three|six) "
    r"(?:weeks|months)|total)\b"
)
_NOT_LDN_AFTER = re.compile(r"^ ?(?:of|for) (?!(?:my|the|ldn|naltrexone|it|them|her|his|\d|one|1))")


def _number(word: str) -> float:
    try:
        return float(word)
    except ValueError:
        return float(_NUMBER_WORDS.get(word, 3))


# ------------------------------------------------------------------ detectors

Detector = Callable[[str], bool]

_SUICIDAL = re.compile(
    r"\b(?:"  # one check at each word start instead of one per alternative
    r"\bsu?i?ci?d\w*|\bsuicid\w*|\bkill(?:ing)? my ?self\b"
    r"|\bend(?:ing)? (?:my (?:own )?life|it all|things|everything|it)\b(?! with (?:my|the|a|her"
    r"|his|their|him|them|our))"
    r"|\b(?:take|taking|finish|end) my (?:own )?life\b|\bto die\b"
    r"(?! from (?:my|his|her|their) (?:ms|illness|disease|condition|lupus)\b)"
    r"(?! (?:for|of|laughing|my|your"
    r"|her|his|the|it|them))"
    r"|\b(?:wanna|want|wanted|wish i could|ready to|going to|gonna) die\b(?! (?:for|my|her|his|the"
    r"|it|of)| from (?:my|his|her|their) (?:ms|illness|disease|condition|lupus)\b)"
    r"|\bwish (?:i|id) (?:was|were|had been) (?:dead|never born)|\bnever (?:been )?born\b"
    r"|\bbetter off (?:dead|without me)|\bbetter without me|\bhappier (?:if|without) (?:i"
    r"|me)\b(?! (?:stopped|stop|quit|didnt|got|took|did|made|lost|moved|went|cooked|came|could|had"
    r"|learned|learnt|complained|complain|cleaned|slept|worked|tried|smiled|moaned))"
    r"|\b(?:dont|do not|not|no longer) (?:want|wanna|wish) (?:to )?(?:live|be alive|exist|be here"
    r"|go on"
    r"|wake up|carry on|continue living|keep living|continue|keep going)\b"
    r"(?! (?:at|in|early|during|every|with|so|on"
    r"|there|near|\d))"
    r"|\bnot want (?:to )?live\b|\bto stop existing|\bexist anymore\b|\bdisappear forever"
    r"|\b(?:i|to|maybe i)(?: just| simply)? (?:not|never|wont|dont) wake up\b"
    r"(?! (?:at|in time|early|on time|during|for|refreshed|rested|tired|feeling|with))"
    r"|\bno hope (?:left )?(?:for me|anymore|any more)\b|\bwant to give up\s*(?:[,.!?]|$)"
    r"|\b(?:dont|do not) want to fight (?:anymore|any more|this anymore)\b"
    r"|\b(?:go|fade|turn) (?:dark|black) for ?ever\b"
    r"|\bsleep and (?:never|not) wake\b|\b(?:want|wish|like) to (?:go to )?sleep forever"
    r"|\b(?:im|i am|i feel|feel like|being|just) (?:\w+ ){0,2}a burden\b(?! (?:to|on|for)"
    r" (?:nobody|no one|noone)\b)"
    r"|\bburden (?:to|for|on) every"
    r"|\b(?:nobody|no one|noone) (?:would|will) (?:miss|care|notice)\b(?! if i (?:skip|miss"
    r"|forg[eo]t|left|didnt|dont|came|went|took|chang|stopp|quit)\w*)"
    r"|\bif i (?:was|were|wasnt|werent) (?:gone|here|around|dead)"
    r"|\b(?:after|when|once) im gone\b(?! (?:one day|someday|some day|eventually|in the future))"
    r"|\b(?:saying|say) good ?bye(?: to (?:every\w*|you|all|people|my"
    r" (?:family|kids|friends)|the world))?\b(?! to)"
    r"|\bthis is (?:my )?good ?bye\b(?! to (?!(?:you|u|everyone|everybody|all|the world"
    r"|my (?:family|kids|children|friends|wife|husband|mum|mom|dad|partner))\b))"
    r"|\bgood ?bye (?:everyone|everybody|all|forever|world|cruel)"
    r"|\b(?:my )?last message\b(?! (?:for (?:today|now|tonight|the day|a while|this)|of the day"
    r"|before|today|tonight|till|until))|\bits over for me|\b(?:im|i am) done with (?:life|living"
    r"|everything|it all|this life|all of it|all this)|\bdone living"
    r"|\btired of (?:living|being alive|life|existing)\b"
    r"|\b(?:want|need) (?:it|everything|this) (?:all )?to (?:stop|end)(?: forever| for good)?\b"
    r"|\bso (?:it|everything) (?:all )?(?:stops|ends)\b|\band be done(?: with it)?\b"
    r"|\bstop fighting\b|\bgive up on (?:life|living)\b|\bcant go on\b(?! (?:(?:like this "
    r"|any longer |much longer )?with|a |holiday))"
    r"|\b(?:no|any) (?:reason|point) (?:to|in|of) (?:keep )?(?:live|living|go on|going on"
    r"|keep going|being alive|carry on)\b|\bwhats the point (?:in|of) (?:going on|living|life)"
    r"|\b(?:life )?(?:isnt|is not|not) worth living|\b(?:no|dont see a) future for me"
    r"|\bjump(?:ing)? (?:off|from|in front of|out of) (?:a |the |my )?(?:bridge|building|roof"
    r"|train|cliff|balcony|window|tower|ledge|overpass|car park|parking)"
    r"|\bhang(?:ing)? my ?self|\bbought a rope\b(?! (?:swing|ladder|lights?|bridge|course"
    r"|for (?:the |my |a )?(?:tent|garden|boat|dog|swing|climb\w*|washing|gym|kids)))"
    r"|\b(?:cut|cutting|burn|burning|burned|burnt|hurt"
    r"|hurting|harm|harming|harmed|scratched|scratching|punched|starving) my ?self\b"
    r"|\bbeen cutting\b|\bcutting again\b|\bself ?harm\w*"
    r"|\boverdos\w* on purpose|\b(?:saving|saved|stockpil\w*|hoard\w*) (?:up )?(?:my |all my )?"
    r"(?:pills|capsules|caps|meds|tablets)|\b(?:every|all (?:of )?(?:the|my)) (?:pills?|capsules"
    r"|caps|meds|tablets|capsule|pill|tablet) i (?:have|got|ve got|can find|own)\b"
    r"|\b(?:not|wont) (?:be )?(?:around|here) (?:much )?(?:longer|anymore|for long)"
    r"|\b(?:wont|not going to|not gonna) be a (?:problem|burden) (?:for|to) (?:any\w*|you|them|my"
    r" \w+)|\b(?:be )?(?:free|rid) of me\b"
    r"|\b(?:dont|do not) think i (?:want|wanna) (?:to )?(?:live|be alive|be here|go on|exist"
    r"|carry on)\b"
    r"|\b(?:standing|stood|sitting|sat) on (?:the|a|my) (?:bridge|ledge|roof|edge|cliff)\b.{0,40}"
    r"\b(?:looking down|jump\w*|the edge)\b"
    r"|\bgiving (?:away )?(?:all )?(?:my )?(?:\w+ )?(?:things|stuff|belongings)(?: away)?"
    r"|\bwont need (?:them|it|my \w+) (?:soon|anymore|much longer)"
    r"|\b(?:easier|better|happier) (?:\w+ )?(?:life|lives|off)? ?(?:if|without) (?:i"
    r"|me)\b(?! (?:stopped|stop|quit|didnt|got|took|did|made|lost|moved|went|cooked|came|could|had"
    r"|learned|learnt|complained|complain|cleaned|slept|worked|tried|smiled|moaned))"
    r"|\b(?:pill|meds?|capsule) stash\b|\bcant see (?:any )?way out\b|\btonight(?: i"
    r"|s| is)? the night\b(?! (?:i (?:start|begin|try|get)|for|of|we|before))"
    r"|\b(?:i )?wont be (?:around|here)\s*(?:[,.!?]|$)|\bwont be (?:around|here) (?:to see"
    r"|for them)"
    r"|\b(?:only|the) (?:way out|exit|escape|option|answer|solution) (?:is|would be) (?:death|dying"
    r"|to die|suicide)\b|\bplan\w* my (?:exit|death|suicide|way out|ending|goodbyes?)\b"
    r"|\b(?:scared|afraid|worried|frightened) (?:of|about) what i (?:might|could|will|may"
    r"|would) do\b"
    r"|\bway out\b(?: \w+){0,2} (?:dying"
    r"|death|die)\b|\bno way out\b|\bmake (?:it|everything) (?:all )?(?:stop|end)\b"
    # English pass nine: stopped for a while, or the messages stopped ("make it stop pinging")
    r"(?! (?:for (?:a |an |the |\d+ )?(?:while|bit|little|few|day|days|week|weeks|night|now|today"
    r"|tonight|hour|hours|weekend|holiday\w*|month)|until|till|temporarily|beep\w*|buzz\w*"
    r"|ping\w*|ring\w*|send\w*|remind\w*|notif\w*|vibrat\w*|pop\w*|messag\w*|texting))"
    r"|\btell (?:my )?\w+ (?:that )?(?:i (?:loved|love|am sorry|m sorry|was sorry)|im sorry)\b"
    r"|\b(?:dont|do not|cant|cannot) see myself (?:being |still )?(?:alive|here|around|living)\b"
    r"|\b(?:fall asleep|go to sleep|sleep) and (?:stay|remain) (?:that way|asleep|there)\b"
    r"|\bengine (?:on|running)\b.{0,40}\b(?:garage|door shut|doors shut|windows shut|closed)\b"
    r"|\bgarage\b.{0,40}\bengine (?:on|running)\b"
    r"|\bhave a plan\b.{0,30}\b(?:do it|going through with it|go through with it)\b"
    r"|\bnever have to (?:feel|wake up|deal with|face) (?:this|anything|it)\b(?: \w+)? again\b"
    r"|\b(?:keep|go on|continue) living like this\b"
    r"|\blet go for good\b|\btired of fighting\b(?! (?:with|over|about|for) )"
    r"|\bno (?:will|wish|desire|reason) to (?:live"
    r"|keep going|go on|carry on|continue)\b"
    r"|\b(?:hope|wish|praying)\b.{0,20}\b(?:kills? me|finish(?:es)? me off|is the end of me)\b"
    r"|\b(?:lethal|fatal|deadly) (?:dose|amount)|\bhow (?:much|many)\b.{0,40}\b(?:kill me|to die"
    r"|be fatal|be lethal)|\bwould kill me\b"
    r"|\bwant(?:ed)? to be (?:dead|gone)\b(?! from)|\b(?:stop|not) (?:being alive|exist\w*)\b"
    r"|\bbetter off not\b|\b(?:fine|cope|better|happier|easier|relieved|manage)\b(?: \w+){0,3}"
    r" without me\b|\bwithout me\b.{0,30}\bget over it|(?<!what )\bif i (?:died|die"
    r"|was dead)\b(?! before)"
    r"|(?<!could )\b(?:stay asleep|sleep) forever|\b(?:dont|do not) (?:want"
    r"|wanna) (?:to )?do (?:this"
    r"|life)\b.{0,20}\banymore|\b(?:want|wanna) (?:to )?(?:continue|keep) living|\bcontinue living"
    r"|\b(?:want|wanna) (?:to )?be here no more|\bmy own funeral\b|\b(?:lined up|stockpil\w*"
    r"|hoard\w*)\b(?: \w+){0,3} (?:pills|capsules|caps|meds|tablets|ldn)\b|\b(?:pills|capsules"
    r"|caps|meds|tablets) lined up\b|\b(?:hidden|hid|saved|saving|kept) (?:\w+ )?(?:pills|capsules"
    r"|meds) to take\b|\bswallow\w* (?:everything|all)\b(?: \w+){0,3} (?:cabinet|medicine"
    r"|cupboard)|\b(?:planning|plan|going|gonna|thinking|think|want|wanna|about|ready) (?:\w+ )?"
    r"(?:to |of |about )?swallow(?!ed)\w* (?:all|every\w*|the whole|them all)\b|\b(?:rather"
    r"|prefer to)"
    r" (?:be )?(?:dead|die)\b|\b(?:driv\w*|crash\w*|steer\w*) (?:my car )?(?:into|off) (?:a |the )?"
    r"(?:wall|tree|road|bridge|cliff|traffic|truck)\b|\bwalk\w* into the (?:sea|ocean|river|lake"
    r"|traffic)\b|\b(?:my )?life (?:is|feels) (?:pointless|meaningless|worthless|over)\b"
    r"|\blife has no (?:meaning|point|purpose)\b|\bi want out\b(?! of (?!it\b|life\b|here\b))"
    # (not of the bot: "i want out, erase all my stuff please")
    r"(?!,? (?:\w+ )?(?:erase|delete|remove|wipe|unsubscribe|cancel|stop the|of (?:this|the)"
    r" (?:bot|app|reminders|chat)))"
    r"|\b(?:life|living) (?:is|isnt|aint) (?:not )?worth (?:it|living)\b|\b(?:wrote|written|writing"
    r"|left) (?:a |my )?(?:note|letter|letters)\b(?: \w+){0,5} (?:for|to) (?:my )?(?:family|kids"
    r"|children|husband|wife|partner|mum|mom|parents|everyone)\b|\bend(?:ing)? (?:my|the|all)"
    r" suffering\b|\bdo it tonight\b.{0,15}\bsorry\b|\bsaid my goodbyes\b|\bgood ?bye\b.{0,30}"
    r"\b(?:doesnt|dont|wont) know why\b|\b(?:ive|i have) given up\s*(?:[,.]|$)"
    r"|\bgiven up on (?:life"
    r"|living|everything|myself)\b|\bhow many (?:\w+ )?(?:it would|would it) take\b|\bpainless\b"
    r"|\bwaste of (?:space|oxygen|air|a life|skin)\b|\bshould ?n?t be (?:here|alive)\b"
    r"|\bshould not be (?:here|alive)\b"
    r"|\b(?:i am|im) worthless\b|\bend of my rope\b|\b(?:want|wish) (?:it|everything|this|all of"
    r" this|my life) (?:all )?to be over\b|\bmy last (?:night|day)\b(?! (?:of|at|in|before|on))"
    r"|\bthis is it for me\b|\bcant keep going\b(?! (?:with|to))|\b(?:if|whether) i live or die\b"
    r"|(?<!did )(?<!does )(?<!do )(?<!done )(?<!doing )(?<!helped )"
    r"\bnothing (?:left )?(?:for me|to live for|worth living for)\b|\bnot (?:scared"
    r"|afraid) (?:of dying|to die)\b"
    r"|\bthink\w* about (?:dying|death|my death)\b|\b(?:would it|it would|will it) hurt\b.{0,30}"
    r"\b(?:took|take) (?:them|it|everything) all\b"
    r"|\bdisappear and (?:not|never) come back|\blife (?:isnt|is not) worth anything\b"
    r"|\b(?:taking|take|swallowing|swallow) (?:every|all the|all my) (?:capsule|pill|tablet|med)s?"
    r" (?:in|from) the (?:jar|house|bottle|cabinet|cupboard|box)\b|\bdont care if i (?:wake up"
    r"|live|die|survive)\b|\bcant do (?:this )?life\b|\b(?:a|my) plan and a date\b"
    r"|\bno reason (?:for me )?to be alive\b|\b(?:wish|hope) i (?:would |could |will )?(?:just )?"
    r"die\b|\bwont be (?:here|around) (?:next|by|for|much)\b|\boverdos\w*\b.{0,30}\bon purpose\b"
    r"|\bthink(?:ing)? about (?:death|dying)"
    r" (?:all the time|a lot|every day|and how)|\bmade my decision\b"
    r"|\bwant to disappear\b(?! (?:into|for (?:a|an|the|some|\d|two|three|a few)|under|in|from|on"
    r"|to))"  # "disappear on a nice island for a month": a holiday
    r"|\b(?:tried|attempted|almost|nearly) (?:to )?(?:take|took|swallow\w*|down\w*) (?:all|every"
    r"|the whole|the entire|the rest|the lot)\b(?!.{0,40}\b(?:with (?:food|water|milk|a meal"
    r"|breakfast"
    r"|dinner|lunch)|vitamins?|supplements?|at (?:night|bedtime|once a day)|in the morning)\b)"
    r")"
)


# Beside the phrase list above, two general shapes of a wish to die, read within a clause:
# a wish or a plan aimed at death ("id be better dead", "i feel like dying", "ready to end it"),
# and a life judged not worth going on with ("no point living", "giving up on ... living").
_WISH = (
    r"(?:want|wanna|wanted|wish|wishing|hope|hoping|pray|praying|rather|prefer|ready|better"
    r"|easier|id be"
    r"|would be|feel like|going to|gonna|plan\w*|think\w* (?:of|about)|tempted|decided?"
    r"|deciding|about to|time to|need to|longing|long to)"
)
_DEATH = (
    r"(?:die|dying|dead|death|be gone(?! from)|not be (?:here|around)|not exist\w*"
    r"|stop (?:living|existing|breathing)|end (?:it|it all|my life|everything|things|myself)"
    r"|not be alive|not (?:be )?living|not exist|be hit|get hit|hit me"
    r"|not being (?:here|around|alive)"
    r"|be over|sleep forever|never wake up|not wake up|kill myself|go for good"
    r"|(?:take|takes|took) me (?:for good|away for good|already)|slip away|fade away"
    r"|(?:finish|finishes|finished) me off|fade out)"
)
_WISH_FOR_DEATH = re.compile(rf"\b{_WISH}\b(?: \w+){{0,4}}? (?:to |of |about |be )?{_DEATH}\b")
# "would be nice to just fall asleep tonight and never wake up", "wouldnt mind if i never woke
# up": a pleasant appraisal aimed at not waking, within a clause (not "without the brain fog").
_APPRAISED_END = re.compile(
    r"\b(?:(?:would|itd|it would|that would) (?:honestly |really |just )?be (?:so |really "
    r"|such )?(?:nice|lovely|a relief|easier"
    r"|peaceful|better|bliss|a blessing|good)|wouldnt mind|would not mind|id love|i would love"
    r"|id like|part of me (?:hopes?|wants?|wishes)|if only i could|im hoping|i hope|hoping"
    r"|wouldnt (?:be )?(?:upset|sad|sorry|bothered|care)|(?:be )?a mercy|dont care (?:anymore )?if)"
    r"(?: \w+){0,9}? (?:(?:never|not|didnt|wouldnt|dont) (?:wake|woke|waking|get up"
    r"|open (?:my eyes|them)"
    r"|make it through|make it to|make it til|make it till|make it until)(?: up)?(?: again"
    r"| the night| tomorrow| morning)?"
    r"|(?:wake|woke) up or not|(?:dont|do not|wont|never) (?:survive|come round|come out of) (?:it"
    r"|the (?:surgery|operation|night|op))"
    r"|(?:it|everything) (?:was|were|is) (?:all )?over"
    rf"|stop existing|stopped existing|not exist\w*|just not be here|disappear forever|{_DEATH})\b"
    r"(?! (?:up |again )*(?:with|feeling|tired|groggy|at|in the night|during|before|until|so|as"
    r"|early|every|too|\d))"
)
_NOT_A_WISH = re.compile(
    r"\b(?:(?:be|been|is) the death of (?:me|us)|dying (?:to|for|of)(?! (?:die|end))"
    r"|die (?:laughing|of laughter|of boredom)"
    r"|(?:not|never|dont|didnt) (?:wake|woke) up (?:again )?(?:with|feeling|tired|groggy|at|in the"
    r" night|during|before|until|so|as|early|every|too|\d)\b"  # "not wake up at 3am": sleep
    r"|end (?:it|things) with (?:her|his|their|him|them|my|the|a|our)\b"
    r"|feel\w* like death|dead (?:tired"
    r"|on my feet|beat|battery|phone|end)"
    r"|to die for|die (?:my|the|her|his) hair|(?:was|im|i am|i was|it was) (?:going to|gonna)"
    r" die|like (?:i was|im|i am|i was going to|id) (?:\w+ )?(?:die|dying|dead)"
    r"|(?:am i|will i|could i|can i|would i|if i|if im|whether im|afraid|scared|worried|fear"
    r"|fears|frighten\w*)"
    r"(?: \w+){0,3} (?:die|dying|dead)|rather die than (?!(?:live|living|go on|keep|carry on"
    r"|feel|be|wake|suffer|this|another))|dead (?:cells|skin)|deadline)"
)
_FIGURE_OF_SPEECH = re.compile(
    r"\brather (?:be )?(?:die|dead) than (?!(?:live|living|go on|keep|carry on|feel|be|wake"
    r"|suffer|this|another))"
    # "i want it to end, this insomnia i mean": the patient says what "it" is
    r"|\b(?:insomnia|pain|flare|fatigue|fog|nausea|headaches?|itch\w*|dreams|rain|heat|waiting"
    r"|wait|symptoms?|side effects?)\b i mean\b"
    r"|\bwhen (?:does|will|do) (?:it|this|they) (?:get better|improve|stop|end|pass|go away)"
    # English pass seven: "the night shifts i mean", "its a figure of speech", someone else's
    # words known as a joke, dying every morning until the coffee works
    r"|\bthe (?:\w+ )?(?:shifts?|job|work|commute|insurance|paperwork|admin|forms?|calls?"
    r"|appointments?|meetings?|school run|diet|exams?|course|gym|cleaning) i mean\b"
    r"|\bfigure of speech\b|\bjust (?:a|an) (?:expression|saying)\b"
    r"|\b(?:sent|texted|emailed|replied)\b.{0,40}\b(?:meant for|to the wrong|by mistake)\b"
    r"|\bwanted to die when i saw (?:my|the) (?:\w+ )?(?:bill|price|invoice|receipt|cost|quote)\b"
    r"|\bif (?:my \w+|he|she|they|someone) (?:calls?|asks?|sends?|makes?)\b.{0,40}\bagain\b.{0,20}"
    r"\b(?:ill|i will|im gonna|im going to) (?:walk into the sea|jump off a (?:bridge|cliff))\b"
    r"|\bi know (?:she|he|they)(?:s|re| is| are| was| were) (?:just |only )?(?:joking|kidding)\b"
    r"|\bfeel\w* like (?:dying|death)\b(?: \w+){0,4} (?:until|till|before) (?:my |i get my |i have"
    r" my )?(?:coffee|tea|caffeine|breakfast|shower|meds|painkillers?|tablets)\b"
    r"|\b(?:embarrass\w*|mortified|cringe\w*|awkward)\b"  # "so embarrassed i could die"
    r"|\bdie of (?:boredom|laughter|embarrassment|shame|heat|hunger|thirst|cringe)\b"
    # a ruinous move, not a death: "career suicide", "social suicide"
    r"|\b(?:career|social|political|professional|commercial|financial|job|work|fashion|academic"
    r"|dating|relationship|reputational|business) suicide\b"
    # exasperation: "if i have to fill in one more form im gonna die lol"
    r"|\bif (?:i|my \w+|he|she|they|you|someone|anyone|one more) (?:have to|has to|hear|see|get"
    r"|read"
    r"|fill|do|wait|sends?|says?|asks?|calls?|makes?)\b(?! (?:\w+ )?(?:wake|live|feel|go on))"
    r"(?: \w+){0,6}? (?:one more|another|again)\b.{0,30}\b(?:gonna|going to|will|ill|could) die\b"
    r"|\b(?:im|i am|i was|i|it was) (?:gonna|going to) die\b(?: \w+){0,2}? (?:lol|lmao|haha\w*"
    r"|xd)\b"
    # English pass six (kinds from round 14): "nothing to live for like a good nights sleep haha"
    # (a comparison), "wanted to die when i saw the price lol" (a past moment, laughed at), "my
    # cat would be better off without me, she steals my spot" (a pet, and a joke about it)
    r"|\bnothing (?:\w+ )?to live for like (?:a|an|the|my|proper|good|fresh|hot|cold)\b"
    r"|\bwanted to die when (?:i|we) (?:saw|heard|read|got|opened|checked|tripped|realised"
    r"|realized)\b.*\b(?:lol|lmao|haha\w*|xd)\b"
    r"|^(?!.*\b(?:even|every ?one|every ?body|family|the world|all of them|they all|people"
    r"|(?<!prefers my )(?<!likes my )(?<!loves my )(?:kids|children|husband|wife|partner|son"
    r"|daughter|mum|mom|dad|friends))\b)"
    r".*\b(?:my|our|the) (?:cat|dog|puppy|kitten|parrot|bird|hamster|rabbit"
    r"|goldfish|fish|plants?) (?:would|will|\w+d) (?:honestly |probably |totally )?be better off"
    r" without me\b.*\b(?:lol|lmao|haha\w*|xd|prefers?|steal\w*|stole|likes? \w+ (?:more|better))"
    r"\b"
)
# English pass ten: figures read across a sentence break ("literally dont want to be here...
# stuck in the pharmacy line"): a nuisance that "makes me want to die lol", the end of one's rope
# with a service, not wanting to be in a queue, a sleep wished to last until spring or all Sunday
_FIGURE_IN_MESSAGE = re.compile(
    r"\b(?!(?:it|this|that|life|everything|pain|living|ldn|depression|he|she|they|someone|people"
    r"|my \w+)\b)\w+ (?:make|makes|made|making) me (?:want to|wanna) die\b.{0,30}\b(?:lol|lmao"
    r"|haha\w*|xd|anyway)\b"
    r"|\bend of my (?:rope|tether) with (?:the |my |all the |these |this )?(?:nhs|waiting|wait"
    r"|insurance|pharmacy|admin|paperwork|council|bank|gp|surgery|appointments?|system|bureaucracy"
    r"|phone|app|forms?|landlord|boss|job|work|school|builders?|queue|traffic)\b"
    r"|\b(?:dont|do not) want to be here\b.{0,25}\b(?:stuck|queue|line|waiting room|at work"
    r"|meeting|traffic|on hold|in (?:this|the) (?:meeting|queue|line|class|office|shop))\b"
    r"|\b(?:sleep|hibernate)\w*\b.{0,30}\b(?:till|until) (?:spring|summer|autumn|winter|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday|the weekend|next week|noon|lunch|midday"
    r"|\d+|payday|christmas|march|april|may)\b"
    r"|\bsleep (?:forever|for ever|all day|for a week|for a year|for days) (?:on|at|every)"
    r" (?:sundays|saturdays|weekends|the weekend|mondays|holidays?)\b"
)
_TOPIC_QUESTION = re.compile(
    r"^ ?(?:will|would|can|could|does|do|is|are|might|may)\b.*\b(?:make|makes|made|cause|causes"
    r"|trigger|increase|worsen)\b(?: \w+){0,2}? (?:feel )?$"
)
_LIFE_NOT_WORTH = re.compile(
    r"\b(?:no|any|zero|not much) (?:\w+ )?(?:point|reason|purpose|sense)\b(?: \w+){0,3}?"
    r" (?:living|live|being alive|existing|to exist|life|going on|to go on|carry on|carrying on)\b"
    r"|\b(?:pointless|not worth|no use) (?:\w+ )?(?:living|being alive|existing|going on)\b"
    r"|\b(?:giving up|give up|gave up|given up)\b(?: [\w,]+){0,5}? (?:living|life|being alive"
    r"|existing)\b"
    r"|\b(?:just |simply )?(?:want|wanna|going|need|ready) to stop (?:living|existing|breathing"
    r"|being|waking up)\b"
    r"|\b(?:researching|research|looking up|looked up|googl\w*|searching|searched|reading up on)"
    r" how (?:many|much)\b.{0,30}\b(?:it takes|would it take|would take|to take|is enough|kill)"
    r"|\b(?:no|any) (?:reason|point) (?:for me )?to (?:stick|stay|be) (?:around|here)\b"
    r"|\bhate (?:being alive|living|my existence|existing|that i woke up|waking up alive)\b"
    r"|\bwhats (?:\w+ )?the (?:\w+ )?point (?:\w+ ){0,4}?(?:being alive|living|existing|going on"
    r"|carrying on"
    r"|keep going|keeping going)\b"
    r"|\b(?:dont|do not|not) want to be (?:on this earth|in this world|on this planet|alive)\b"
    r"|\b(?:cant|cannot|can not) (?:take|bear|stand) (?:this|my) life (?:any ?more|any longer"
    r"|much longer)\b"
    r"|\b(?:end|stop|finish) (?:my |the |this |all (?:my |the |this )?)?(?:pain|suffering|misery)"
    r" (?:forever|for good|permanently|by dying|for ever)\b"
    r"|\b(?:goodbye|farewell|suicide) (?:letter|note|letters|notes|message|video)\b"
    r"|\b(?:collect\w*|stockpil\w*|hoard\w*|stash\w*|saved up|saving up|putting aside|put aside"
    # English pass nine: what is collected "from ldn patients" or "about ldn" is information
    r"|squirrel\w* away)\b(?! for\b)(?: (?!(?:from|about|on|among|regarding|by|in|with|data"
    r"|outcomes?|results?|stories|reports?|experiences?|feedback|reviews?|info|information"
    r"|evidence|studies|stats|statistics|surveys?|research|responses?|answers?|cases|numbers"
    r"|details|records?)\b)\w+){0,3}? (?:pills|capsules|caps|meds|tablets|ldn)\b"
    r"(?! (?:outcomes?|data|results?|stories|reports?|experiences?|users?|patients?|studies"
    r"|research|info\w*|reviews?|community|groups?|forums?|trials?|evidence|stats|statistics))"
    # "putting my caps aside instead of taking them": a stash kept back from the nightly dose
    r"|\b(?:put\w*|set\w*|kept|keep\w*|hid\w*|hiding|stash\w*|sav\w*|collect\w*|held|hold\w*)\b"
    r"(?: \w+){0,3}? (?:pills|capsules|caps|meds|tablets|doses|ldn)\b(?: \w+){0,8}? (?:instead of"
    r"|rather than|and not) (?:taking|swallowing) (?:them|it)\b(?! (?:out|with|to|at|in|on))"
    r"|\b(?:pills|capsules|caps|meds|tablets)\b(?: \w+){0,2} (?:saved|stashed|hidden|put aside)"
    r" (?:up )?(?:for|to|away|until)\b"
    r"|\b(?:for|until|till) when i (?:decide|choose|am ready|m ready|feel ready|have had enough)"
    r"\s*(?:[,.!?]|$)"
    # a medicine (any, an opioid too) put by for a moment left unsaid: "keeping the tramadol
    # hidden, for when i decide its time", "saving my oxy for the day i cant take it anymore"
    r"|\b(?:sav\w*|kept|keep\w*|hid\w*|hoard\w*|stockpil\w*|stash\w*|collect\w*|put\w*|set)\b"
    rf"(?: \w+){{0,5}}? (?:pills|capsules|caps|meds|tablets|doses|ldn|{_OPIOID})\b.{{0,50}}"
    r"\b(?:for|until|till) (?:when|the day|the time|the moment|the night) (?:i|im)"
    r" (?:decide|choose|am ready|m ready|ready|feel ready|have had enough|had enough|cant take"
    r"|cant cope|cant do|cant go on|give up)\b(?! to (?!(?:do it|end|go through)))"
    r"|\bwhen i decide (?:its|it is) time\b"
    rf"|\b(?:pills|capsules|caps|meds|tablets|{_OPIOID})\b.{{0,60}}\b(?:waiting for"
    r"|saving (?:it|them) for|for) the right (?:night|time|moment|day)\b"
    r"|\bfor when (?:it|the pain|things|everything|life) (?:wins|gets too much|is too much"
    r"|becomes too much|gets unbearable)\b"
    r"|\b(?:im|i am) (?:only )?(?:good|worth\w*)\b.{0,30}\b(?:insurance|payout|policy)\b"
    # worth more dead: "at least my family gets the life insurance", "my death would solve"
    r"|\b(?:at least|then|so) (?:my |the )?\w+ (?:would |will |could |can )?gets? (?:the|my)"
    r" (?:life )?(?:insurance|payout|pension|policy|inheritance)\b"
    r"|\b(?:once|when|after|if) im (?:gone|dead|not here)\b.{0,50}\b(?:insurance|policy|payout"
    r"|paid off)\b"
    r"|\bworth more (?:to (?:them|\w+) )?(?:dead|gone)\b|\bmy death would (?:solve|fix|help|sort"
    r"|make)\b"
    r"|\bbetter (?:off|provided for|looked after)\b.{0,40}\bthan (?:with me|me being|having me)\b"
    r"|\bwhen i (?:decide|choose|am ready|m ready|feel ready) to (?:go|do it|leave)\b"
    r"(?! (?:to|out|back|home|off|on|for|shopping))"
    r"|\b(?:going to|gonna|will|plan\w* to|about to|ready to|want to|wanna|thinking of|tonight i)"
    r"(?: just)? (?:take|swallow|down|have) (?:all|every|the whole|the rest)(?: of)? (?:my |the |of"
    r" the )?(?:pills?|capsules?|caps|meds|tablets?|bottle|lot|ldn|stash)\b"
    r"(?! (?:with (?:food|water|breakfast|dinner|lunch|a meal|milk|juice|my|me)|at (?:night|bedtime"
    r"|breakfast|the same time|once a day)|in the morning|together with|from now))"
    r"|\b(?:all|every|whole)\b(?: \w+){0,4}? (?:pills?|capsules?|caps|meds|tablets?|bottle)\b"
    r"(?: \w+){0,5} (?:be over|kill me|end it|be quick|be painless|be enough to|never wake)\b"
)


# Farewells, the means, and the wish to vanish, in words the lists above do not hold.
_FAREWELL_OR_MEANS = re.compile(
    r"\b(?:think\w* (?:about|of)|going to|gonna|will|want to|wanna|plan\w* to|tempted to|could)"
    r" (?:just )?(?:take|taking|swallow\w*|down|downing) (?:them|all of them|everything|the lot"
    r"|the whole lot|all of it)(?: all)?\b(?! (?:with (?:food|water|breakfast|dinner)|at (?:night"
    r"|bedtime|once a day)|in the morning|together))"
    r"|\bsorry for everything\b|\bthis is the end\s*(?:[.!]|$)|\bi love you all\b.{0,30}\bbye"
    r"|\b(?:got|bought|have|has|tied|found) (?:a |the |my )?rope\b(?! (?:swing|ladder|lights?"
    r"|bridge|course|for (?:the |my |a )?(?:tent|garden|boat|dog|swing|climb\w*|washing|gym"
    r"|kids)))|\bnoose\b"
    r"|\brope (?:is )?ready\b"
    r"|\bi (?:should|will|want to|wanna|could|might|need to|am going to|m going to|gonna)"
    r" (?:just )?(?:go away|leave|disappear|vanish|go)\b(?: \w+)? (?:for ?ever|for good"
    r"|permanently|and never come back|and not come back)\b"
    r"|\b(?:how much|how many|what amount|which dose|what dose)\b.{0,40}\b(?:deadly|lethal|fatal"
    r"|kill (?:me|a person|someone|you)|to die)\b"
    r"|\b(?:want|wanna|going|ready|need) to finish (?:it all|it off|my life|everything|with life)\b"
    r"|\blife\b.{0,30}\b(?:want|wanna|going|ready|need) to finish it\b"
    r"|\b(?:fine|better|happier|easier|relieved|ok|okay) if i (?:just )?(?:disappeared|vanished"
    r"|was gone|were gone|wasnt here|werent here|died|was dead|wasnt around)"
    r"|\bthinking (?:of|about) using them\b|\b(?:pills|capsules|tablets|bottle of \w+) (?:next to"
    r"|beside|in front of) me\b|\bkms\b"
    r"|\b(?:written|wrote|writing) (?:my |a )?(?:will|letters?|notes?) and (?:letters?|notes?"
    r"|my will)\b"
    r"|\b(?:wish\w*|hope|hoping|want|praying) (?:that )?(?:a |the )?(?:car|bus|truck|train|lorry)"
    r"\b.{0,20}\b(?:hit|kill|run)"
    r"|\b(?:sleep|asleep|go to sleep|lie down)\b.{0,25}\b(?:not|never) (?:bother )?(?:wake|deal"
    r"|face|come back|get up)"
    r"|\b(?:want|wish|wanna|need) (?:my life|this life|my existence) to (?:end|be over|stop)\b"
    r"|\btime for me to go\b(?! (?:to|out|back|home|shopping|now to))"
    r"|\b(?:dont|do not|didnt) deserve to (?:live|be alive|be here|exist)\b"
    r"|\b(?:nobody|no one|noone) (?:cares|would care|loves me|needs me|would notice)\s*(?:[,.!?]|$"
    r"|if i(?! (?:skip|miss|forg[eo]t|left|didnt|dont|came|went|took|chang|stopp|quit)\w*)"
    r"|about me|anyway)"
    r"|\bwhy (?:should|would|do) i (?:keep going|go on|carry on|keep living|stay alive"
    r"|bother living)"
    r"|\b(?:all|every|whole|the lot|bottle|stash)\b.{0,60}\b(?:would|will|could) (?:that|it|this)"
    r" (?:do it|be enough|work)\b.{0,20}$"
)


# Putting one's life in order before leaving it: each sign alone is everyday ("made my will",
# "thanks for the reminders", "cancel my reminders"), two together, one of them a leaving, are a
# farewell ("gave my dog to my sister and sorted out my will, thanks for all the reminders").
_ARRANGEMENTS = {
    "gave away": re.compile(
        r"\b(?:gave|given|giving|give|rehome|rehomed|rehoming"
        r"|found a (?:new )?home for) (?:away )?(?:all )?"
        r"my (?:\w+ )?(?:dog|dogs|cat|cats|pets?|things|stuff|belongings|possessions|savings|books"
        r"|clothes|rabbits?|birds?|animals|plants|guitar|jewel\w*|laptop|car|bike|ring|watch"
        r"|records)\b"
        # possessions handed on by name: "my niece gets my laptop", "a list of who gets what"
        r"|\bwho gets what\b|\bwho (?:gets|takes|will have|can have) (?:the|my) (?:cat|dog|cats"
        r"|dogs|pets?|car|house|flat|kids)\b"
        r"|\b(?:can have|can keep|gets|will get) my (?:car|laptop|jewel\w*|ring"
        r"|watch|guitar|things|stuff|belongings|books|clothes|flat|house|savings)\b"
    ),
    "will": re.compile(
        r"\b(?:sorted|sorting|sort|made|making|wrote|written|writing|updated|updating|finished"
        r"|signed"
        r"|put|putting|got|getting) (?:out |up )?(?:my |all my |the )?(?:will|affairs|funeral"
        r"|papers"
        r"|paperwork|finances)\b(?! for (?:the|my|a|an)\b)|\b(?:left|leaving|wrote|written"
        r"|writing) (?:\w+ )?instructions\b"
        r"|\bwhere (?:all )?(?:the |my )?(?:important )?(?:papers|documents|passwords|keys"
        r"|will) (?:are|is)\b"
        r"|\baffairs in order\b"
        r"|\b(?:everything|all) is (?:now )?in order\b|\beverythings (?:in order|sorted)\b"
        r"|\b(?:deleted|deleting|closed|closing|shut down) (?:all )?(?:of )?my (?:socials|social"
        r" media|accounts|facebook|instagram|insta)\b"
    ),
    "look after": re.compile(
        r"\b(?:look|looking|care|caring) (?:after|for) my (?:\w+ )?(?:dog|dogs|cat|cats|pets?|kids"
        r"|children|plants|\w+) (?:if|when|once|after) (?:anything|something|i|im)\b"
        r"|\bif (?:anything|something) (?:happens|happened|were to happen|should happen) to me\b"
    ),
    "gone": re.compile(
        r"\b(?:i )?(?:wont|will not|not going to|not gonna) (?:be )?(?:around|here"
        r"|need(?:ing)? (?:them"
        r"|it|the reminders|reminders|you|any more (?:refills|reminders|pills|meds|prescriptions)"
        r"|(?:more |any )?refills))\b(?! (?:next|this|on|over|during|until|till|tomorrow"
        r"|for (?:a|the"
        r"|\d|two|three|few|some|several)|in (?:the|a)|at|from))"
    ),
    # the last bills and contracts settled: "paid off my debts and cancelled my phone contract"
    "settled": re.compile(
        r"\b(?:paid off|cleared|settled) (?:all )?(?:of )?my (?:debts?|loans?|bills|overdraft"
        r"|credit cards?)\b|\bpaid (?:back|off) (?:every ?one|every ?body|all the people) i owe"
        r"|\b(?:cancelled|canceled|ended|closed) (?:my|the) (?:phone|mobile|gym|rental"
        r"|tenancy|lease|contract|bank account|subscriptions?)\b"
        r"|\b(?:gave|handed|returned) (?:back )?(?:my |the )?(?:flat |house |car |door )?keys to"
        r" (?:my |the )?landlord\b|\blabelled everything\b"
    ),
    "no need": re.compile(
        r"\b(?:do not|dont|wont|will not|no longer) need (?:the |my |any )?(?:medicine|meds|ldn"
        r"|reminders|pills|capsules|them|it) (?:anymore|any more)\b"
    ),
    # letters left for the family: "ive written letters to the kids", "wrote a note"
    "letters": re.compile(
        r"\b(?:written|wrote|writing|left|leaving) (?:\w+ )?(?:letters?|notes?) (?:to|for)"
        r" (?:my|the"
        r"|each of) (?:kids|children|family|sons?|daughters?|wife|husband|parents|mum|mom|dad"
        r"|partner|sister|brother)\b|\b(?:wrote|written) a note\b(?! (?:to|for) (?:my |the )?(?:gp"
        r"|doctor|school|work|boss|teacher|pharmac\w*))"
    ),
    "weary": re.compile(
        r"\b(?:so |just |really )?tired of (?:everything|it all|all of it|all this)\b"
        r"|\bnothing (?:ever )?(?:gets|will get|is going to get|is getting) (?:any )?better\b"
        r"|\b(?:made|making) (?:my )?peace with (?:it|everything|dying|death|my decision"
        r"|the world)\b"
    ),
}
_LEAVING_SIGNS = {
    "thanks": re.compile(
        r"\b(?:thanks?|thank you|thx)(?: \w+){0,2} for (?:all|everything|always|being|keeping me"
        r" company|the company|putting up with me|listening)\b|\bgood ?bye\b|\bbye\s*[.!]*\s*$"
        r"|\b(?:you|u) (?:were|have been|was|been) (?:so |really |always )?(?:nice|kind|good"
        r"|lovely) to me\b|\bsorry for (?:all )?(?:the trouble|everything|being a (?:burden"
        r"|bother))\b"
    ),
    # an odd calm or readiness after it, "before i go", a cover story, nothing left to do, and
    # an insistence that it is meant ("dont ask why", "i wasnt joking")
    "calm": re.compile(
        r"\b(?:feel|feeling|felt|i am|im|i) (?:so |very |weirdly |strangely |oddly |finally )?"
        r"(?:calm"
        r"|ready|at peace|peaceful)\b(?! (?:about|with|for (?!the first time)|to (?!go\b)))"
        r"|\bbefore i go\s*(?:[,.!?]|$)|\bnothing (?:left|else|more) to (?:sort|do|organi[sz]e"
        r"|arrange|settle|tidy)\b|\b(?:he|she|they) (?:will|ll) know\s*(?:what to do|,|$)"
        r"|\b(?:they|he|she|everyone|everybody) (?:think|thinks) im (?:decluttering|moving"
        r"|doing (?:better|well|fine)|just tired)\b"
        r"|\b(?:dont ask why|asking for real|not joking|wasnt joking|im serious|i am serious"
        r"|i mean it|i meant it|without (?:any )?questions|no questions asked|thats when"
        r"|not (?:being|to be|trying to be) dramatic|made (?:up )?my mind(?: up)?"
        r"|(?:it )?doesnt matter (?:now|anymore|any more))\b"
    ),
    "cancel": re.compile(
        r"\b(?:cancel|stop|delete|remove|turn off) (?:all )?(?:of )?my (?:reminders|account|data"
        r"|appointments)\b"
    ),
}
# A trip or a change of treatment explains the leaving.
_AN_EVERYDAY_REASON = re.compile(
    r"\b(?:stopped|stopping|quit|quitting|finished|switch\w*|coming off|came off|paus\w*|break from"
    r"|(?:ldn|it|this|the dose) (?:is |has been )?(?:working|helping|helped)|doing (?:great|well"
    r"|better)"
    r"|new phone|new number|another app|holiday|vacation|trip|travel\w*|abroad|flight|cruise"
    r"|hospital|surgery|operation"
    r"|(?:taken|took|taking|moved|moving|switched|put) me (?:off|on ?to|over)"
    r"|moving|visiting|camping|festival|retreat|rehab|back on|back in|back by|for (?:a|two|\d+"
    r"|few|some) (?:days|weeks|months))\b"
)


# Indirect wording read as kinds rather than phrases (issue 11 item 1, fourth pass): a leaving
# with nowhere named, the others better off once the patient is gone, a means with an intent
# word, someone the patient cares for saying or doing it, self-harm told by what was done until
# it bled, a wish that the illness "takes me", a last word to whoever reads it, amounts or means
# looked up.
_PERSON = (
    r"(?:he|she|they|my (?:\w+ )?(?:son|daughter|husband|wife|partner|mum|mom|mother|dad|father"
    r"|brother|sister|friend|boyfriend|girlfriend|teen\w*|kid|child|grandson|granddaughter"
    r"|patient|client|fiance|fiancee))"
)
_INDIRECT = re.compile(
    r"\b(?:"  # one check at each word start instead of one per alternative
    # "wont need them where im going", "doesnt matter where im headed"
    r"\b(?:wont|will not|dont|not going to|wouldnt|no) (?:be |really |even )?need\w*\b.{0,50}"
    r"\bwhere (?:im|i am"
    r"|ill be) (?:going|headed|heading|off to)\s*(?:[,.!?]|$)"
    r"|\b(?:doesnt|does not|wont|dont) (?:really )?matter (?:\w+ ){0,4}where (?:im|i am)"
    r" (?:going|headed|heading)\b"
    # "easier for him if i am gone", "she would rest finally if i was not in the picture"
    r"|\b(?:deserves?|deserved) (?:\w+ )?(?:life|lives|freedom|future) back\b|\bdead weight\b"
    r"|\bremove myself\b(?! from (?:the|a|this|that|my|your) (?:group|list|chat|situation"
    r"|conversation|study|trial|waiting))"
    # a means with an intent word: "might just drive into the river", "step out in front of"
    r"|\b(?:might|could|should|gonna|going to|want to|wanna|thinking (?:of|about)|think about"
    r"|tempted to|will|ill|just|to) (?:just )?(?:drive|driving|steer|steering|walk|walking|jump"
    r"|jumping|swerve|swerving|step|stepping|throw myself|throwing myself)"
    r"(?: my car| out)? (?:into|off|in front of|under) (?:a |the |an )?(?:river|lake|sea|ocean"
    r"|canal|reservoir|quarry|harbour|harbor|oncoming|lorry|truck|bus|train|traffic|motorway"
    r"|bridge|cliff|wall|tree|water|tracks)\b"
    # someone the patient cares for says or does it
    rf"|\b{_PERSON}\b(?: \w+){{0,4}}? (?:wants?|wanted|wanna|is going|s going|plans?|planning"
    r"|has a plan|threaten\w*|talk\w* about|keeps? saying|says?|said|told me|texted me)"
    r" (?:\w+ ){0,4}?(?:to )?(?:die|kill (?:him|her|them)sel\w+|end (?:it|it all|(?:his|her"
    r"|their) life)|(?:be )?better off dead|take (?:his|her|their) (?:own )?life)\b"
    r"(?! (?:with|of|laughing|for|when|if|every))"
    r"|\b(?:keeps?|been|started|is|was|keep) (?:cutting|harming|hurting|burning) (?:him|her"
    r"|them)sel\w+\b(?! (?:on|with|shaving|while|by|cooking|when))"
    r"|\b(?:keeps?|been|started|is) (?:cutting|burning|scratching) (?:his|her|their)"
    r" (?:arms?|wrists?|legs?|thighs?|skin)\b"
    # self-harm by what was done until it bled
    r"|\b(?:carv\w*|cut|cutting|slash\w*|scratch\w*|scrap\w*|burn\w*|punch\w*|hit\w*|bang\w*"
    r"|bit|biting|pull\w*)\b(?: \w+){0,5}? (?:until|till|til) (?:it|they|i|my \w+) (?:bled"
    r"|bleed|was bleeding|were bleeding|split|saw stars|blister\w*|broke)\b"
    r"|\bcarv\w* (?:into )?my (?:arm|leg|skin|wrist|thigh|stomach|hip)s?\b"
    # the illness or the night wished to take the patient
    r"|\b(?:hope|hoping|pray\w*|wish\w*)\b(?: \w+){0,6}? (?:takes?|finally takes|would take"
    r"|will take) me\b(?! (?:to|back|out|home|through|off|down|a|an|\d|ages|hours|forever to"
    r"|long|away from|with))"
    r"|\bnot (?:to )?let me (?:see|wake (?:up )?(?:to|in)|make it (?:to|through)) (?:the"
    r" |another )?(?:morning|tomorrow|night|day)\b"
    r"|\bif (?:my heart|my breathing|i) (?:just )?(?:stopped|stops|stop)\b.{0,30}\b(?:grateful"
    r"|relief|glad|thankful|relieved)\b"
    # a last word: "if you dont hear from me tomorrow", "whoever reads this, im sorry"
    r"|\bif (?:you|u) (?:dont|do not|never) hear from me\b(?! (?:for|until|till|in|this|next"
    r"|over|during))"
    r"|\b(?:anyone|whoever|everyone) who (?:ever )?(?:cared|reads this|loved me)\b"
    r"|\bwhoever (?:reads|finds) this\s*(?:[,.!?]|$)"
    r"|\bi wont be back\s*(?:[,.!?]|$)"
    r"|\b(?:bye|good ?bye) to (?:someone|somebody|you|everyone|someone) before i go\b"
    r"|\bmy (?:last|final) check ?in\b(?! (?:for|of|before|until|till|today|tonight|this))"
    # means and amounts looked up
    r"|\b(?:looked up|look up|googl\w*|searched|checked|researched|reading about|read about)\b"
    r"(?: \w+){0,3}? (?:how (?:deep|far down|high (?!(?:the |my )?dose))|which (?:pills|meds"
    r"|tablets|drugs) (?:are|would|work)|the (?:quickest|easiest|least painful|most painless))\b"
    r"|\b(?:dose|amount|how (?:much|many))\b.{0,50}\b(?:stop (?:my|your|a persons?|someones?)"
    r" heart|stop me breathing)\b"
    r"|\b(?:bought|buying|got|getting|picked up)\b.{0,60}\b(?:paracetamol|tylenol|pills|tablets"
    r"|packs|boxes)\b.{0,60}\bso (?:they|nobody|no one|noone|the pharmacist) (?:wouldnt|would not"
    r"|wont|doesnt|dont|didnt|would) (?:ask|notice|suspect|question|know)\b"
    # intent without the words for it
    r"|\b(?:have|got) the means\b|\bnothing (?:left )?to stay (?:alive )?for\b"
    r"|\brun out of reasons\b|\b(?:picked|chosen|chose|set) (?:a|the) date\s*(?:[,.!?]|$)"
    r"|\bhow close i (?:am|came|got)\s*(?:[,.!?]|$)"
    r"|\bwont (?:be )?need(?:ing)? (?:it|them|the \w+|my \w+|any \w+) after (?:tonight|this weekend"
    r"|this week"
    r"|sunday|saturday|friday|today|tomorrow)\b"
    # learners' grammar: "i want die", "i think i will go soon"
    r"|\bi (?:want|wanna|wish) die\b|\bi (?:will|am going to|gonna|ll) go soon\s*(?:[,.!?]|$)"
    # a place, a means laid out, a plan being worked out
    r"|\b(?:im|i am|standing|stood|sitting|sat)\b (?:on|at) (?:the )?(?:roof|edge|top) of (?:my"
    r" |the |a )?(?:building|block|quarry|cliff|bridge|car park|multi ?storey|tower)\b"
    r"|\b(?:in|sitting in|sat in) (?:the|my) car in the garage\b.{0,40}\bdoors? (?:closed|shut"
    r"|down)\b"
    r"|\b(?:put|laid|lined|set|have|got)\b (?:out )?(?:all )?(?:the |my )?(?:pills|tablets"
    r"|capsules|caps|meds)\b (?:out )?(?:on the side|next to me|in front of me|beside me"
    r"|ready)\s*(?:[,.!?]|$)"
    r"|\bplanning how (?:to|i(?:ll| will| would)) do it\b|\bworking out (?:where|how)\s*(?:[,.!?]"
    r"|$)|\bi know (?:where and (?:i know )?when|when and (?:i know )?where|how and when|when and"
    r" how)\b|\b(?:courage|guts|nerve) to (?:do it|go through with it|end it)\b"
    r"|\b(?:keep|kept|been) (?:looking|staring) at (?:the|that|my|those) (?:\w+ ){0,3}(?:bridge"
    r"|overpass|tracks|cliff|river|railway|ledge|rope|tablets|sleeping pills)\b"
    r"|\bstep\w* out (?:when|as) (?:the |a )?(?:lorry|truck|bus|train|car|traffic)\b"
    # a wish aimed at an end without the words for death
    r"|\b(?:hop\w*|wish\w*|pray\w*)\b (?:for|there was|there would be) (?:an? )?(?:accident"
    r"|crash|car crash|heart attack|stroke|tumou?r)\b"
    r"|\bwish\b.{0,30}\b(?:scan|test|results?|biopsy)\b.{0,20}\b(?:bad|terminal|worse)\b"
    r"|\b(?:hope|hoping|wish|praying)\b.{0,20}\bthe last time i (?:have|need|will have) to"
    r"\s*(?:[,.!?]|$)"
    r"|\b(?:wish|wishing|want|wanna)\b(?: \w+){0,3} (?:just )?not be\s*(?:[,.!?]|$)"
    r"|\b(?:slip|sink) under\b(?=.{0,40}\b(?:bath|water|sea|lake)\b|\s*$)"
    r"|\b(?:check(?:ing)? out|and stop|go away|disappear)\s*[,.!]*\s*permanently\b"
    r"|\b(?:disappointed|sad|angry|upset|gutted) (?:that |when |to )?i (?:woke|wake|am still"
    r" here|still wake|survived)\b(?! (?:up )?(?:late|early|at|with|so|too|before))"
    r"|\bif i (?:was|were) in the ground\b|\bsix feet under\b|\b(?:im|i am) already (?:gone"
    r"|dead)\b|\b(?:dont|do not) want to be (?:rescued|saved|found|resuscitated)\b"
    r"|\bkindest thing\b.{0,40}\b(?:leave|go|disappear|not be here)\b"
    r"|\bthis (?:isnt|is not|aint) (?:living|a life)\b"
    r"|\bnot (?:going to|gonna) (?:wait|stick) around\b(?! for (?:the|a|my))"
    r"|\b(?:sad|upset|cry)\b.{0,30}\bthen (?:relieved|move on|get over it|forget)\b"
    r"|\b(?:get on|move on|carry on) with (?:their|there|his|her) li(?:fe|ves) without me\b"
    r"|\b(?:im|i am) (?:finished|through) with (?:all of this|everything|it all|life|living)\b"
    r"|\btell (?:my )?\w+ (?:that )?(?:it wasnt|it was not|it is not|its not) (?:her|his|their"
    r"|your) fault\b"
    r"|\b(?:cant|cannot|can not|dont) (?:picture|imagine) myself (?:next|in (?:a|the|five|ten)"
    r" (?:year|years|months|decade)|alive|still (?:here|alive|around)|being (?:here|alive"
    r"|around)|growing old|getting old)\b"
    r"|\b(?:died|passed|lost|late)\b.{0,80}\b(?:want|wanna|going|gonna|ready) to (?:be with"
    r"|join|go to) (?:her|him|them|my (?:late |dead )?(?:mum|mom|dad|husband|wife|son|daughter"
    r"|partner|brother|sister|family))\b"
    r"|\b(?:look after|take care of) (?:\w+ ){1,2}for me\b.{0,60}\b(?:wont|isnt|not|doesnt"
    r"|cant reach)\b(?: \w+){0,2} (?:answer\w*|pick\w* up|reach\w*)\b"
    # fifth pass (round 13's kinds): a rope or noose got ready; someone's will sorted and peace
    # made, or their things given away with thanks like a goodbye; a stash nearly enough; the
    # point of it gone and the patient done
    r"|\b(?:the|a|my) (?:rope|noose) (?:is|s) (?:in|up|ready|tied|hanging|in place)\b"
    r"|\b(?:rope|noose)\b.{0,40}\bkeep (?:thinking|looking)\b"
    r"|\bmade (?:his|her|their|my) peace\b(?! with)"
    r"|\b(?:affairs|things|will) (?:is )?(?:in order|sorted)\b.{0,80}\b(?:at peace|ready to go"
    r"|saying goodbye|said goodbye)\b"
    r"|\b(?:gave|given|giving) (?:away )?(?:his|her|their|all (?:his|her|their))\b.{0,100}"
    r"\b(?:thanks? (?:you )?for everything|thanking (?:everyone|everybody|us)|like (?:its|it is)"
    r" (?:a )?goodbye|saying goodbye)\b"
    r"|\b(?:saving|saved|stockpil\w*|hoard\w*|stash\w*|collecting) (?:up )?(?:my |all my |the"
    r" )?(?:\w+ ){0,3}(?:pills|tablets|meds|capsules|caps)\b.{0,80}\b(?:(?:almost|nearly|just"
    r" about) (?:have )?enough|enough now)\b"
    r"|\bwhat(?:s| is) (?:even )?the point(?: anymore| of anything| of it all)?\s*[,.!?].{0,120}"
    r"\b(?:im|i am) (?:done|finished|through)\s*(?:with (?:it all|everything|all of it))?"
    r"\s*(?:[,.!?]|$)"
    r"|\b(?:took|swallowed|downed) (?:all|the whole|the rest) (?:of )?my (?:ldn|caps|capsules)"
    r" (?:plus|and|with) (?:my |the |all )?(?:\w+ )?(?:sleeping|pills|tablets|paracetamol"
    r"|codeine|wine|vodka|meds)\b"
    r")"
)


# Alternatives of _INDIRECT that cost most on a long message, each read only when a word it
# cannot match without is in the message (plain substring tests).
_GUARDED_INDIRECT = (
    (
        ("gone", "not here", "not around", "dead", "picture", "out of the way", "no longer"),
        re.compile(
            r"\b(?:easier|better|happier|lighter|simpler|free|freer|relieved|rest|resting|relax"
            r"|fine|ok|okay|cope|manage|breathe easier)\b(?: \w+){0,5} (?:if|once|when) (?:i|im)"
            r" (?:am |was |were |m )?(?:gone|not here|not around|dead|not in the picture"
            r"|out of the picture|out of the way|no longer (?:here|around))\b"
            r"(?! (?:for|on|less|more|away|to|all|a lot|so|at|in|during|\d))"
        ),
    ),
    (
        ("by not", "by just", "by disappearing", "by leaving", "by going"),
        re.compile(
            r"\bby (?:not being (?:here|around|alive)|(?:just )?(?:disappearing|leaving|going)"
            r" (?:for good|forever|permanently))\b"
        ),
    ),
    (
        ("bye", "farewell", "suicide"),
        re.compile(
            r"\b(?:wrote|written|writing|left|found|posted|sent) (?:\w+ ){0,2}(?:good ?bye|farewell"
            r"|suicide) (?:notes?|letters?|messages?|texts?|posts?|videos?|on (?:facebook|insta\w*"
            r"|twitter|social))\b"
        ),
    ),
    (
        ("on purpose",),
        re.compile(
            r"\b(?:hurt|cut|burn\w*|hit|scratch\w*|harm\w*) (?:my ?self|my \w+)(?: \w+){0,2}"
            r" on purpose\b"
        ),
    ),
    (
        ("counted out",),
        re.compile(r"\b(?:tablets|pills|capsules|caps|meds) (?:all )?counted out\s*(?:[,.!?]|$)"),
    ),
    (
        ("finish", "out of it"),
        re.compile(
            r"\b(?:live|life|living)\b.{0,40}\b(?:i will|ill|i am going to|im going to|gonna"
            r"|want to|going to) finish (?:it|myself)\b|\blife\b.{0,40}\b(?:go|get) out of it\b"
        ),
    ),
    (
        ("future i want",),
        re.compile(r"\bno (?:\w+ ){0,3}future i want\b"),
    ),
    (
        ("disappeared", "vanished"),
        re.compile(
            r"\bif i (?:just )?(?:disappeared|vanished)\b(?! (?:for|to|into|from|on|at|in|off))"
        ),
    ),
)


# English pass seven (the blind training files' indirect suicidal wording, as kinds): the others
# freed as a gift ("they deserve better, im going to give them that"), not the illness but living,
# a means held or a height thought of, a wish for an illness or a death from outside, the last
# word passed on ("tell my doctor thank you ... i wont see her again"), escalating self-harm, a
# stash counted in months, and learners' wording ("tired to live").
_SEVENTH = re.compile(
    r"\b(?:"
    # the others freed, as a gift: "they deserve better. im going to give them that"
    r"(?:deserve\w*|free|freedom|better|normal life|remarry|without)\b.{0,100}\b(?:(?:going to"
    r"|gonna|want to|will|ill|i can) give (?:them|him|her) that|i owe (?:them|him|her) that)\b"
    r"|(?:remarry|move on|find someone|start again|start over)\b.{0,40}\b(?:if|once|when) (?:im"
    r"|i am|i was|i m) (?:gone|dead|not here|not around)\b"
    r"|(?:life|lives|off|happier|better)\b.{0,30}\bwithout (?:a|her|his|their|the) (?:sick|ill"
    r"|disabled|broken|useless) (?:mother|mum|mom|father|dad|wife|husband|parent|partner|sister"
    r"|brother|daughter|son)\b"
    r"|one less (?:useless |sick |pathetic |worthless )?(?:person|mouth|burden|problem)\b"
    r"|(?:im|i am) (?:just |only )?(?:a|an) (?:cost|drain|expense|weight) (?:to|on|for) (?:them"
    r"|him|her|every\w*|my (?:family|kids|husband|wife|parents|partner|children|son|daughter|mum"
    r"|mom|dad))\b"
    # not the illness but living: "its time i stopped fighting. not the illness, living"
    r"|not (?:with )?(?:the|my) (?:illness|disease|pain|ms|lupus|flare|meds|medication|medicine"
    r"|treatment|ldn|fibro|condition)\s*[,.]?\s*(?:but )?(?:with )?(?:living|life|everything"
    r"|me|myself|all of it|it all)\b"
    r"|(?:im|i am) (?:so )?done\b.{0,40}\b(?:with (?:everything|it all|all of it|life|living)"
    r"|no more me)\b|no more me\b(?! time)"
    r"|(?:dying|death|die)\b.{0,40}\bthats where im (?:going|headed|heading)\b"
    r"|life\b.{0,15}\bim out\b(?! of (?!(?:here|it)\b))"
    r"|nothing (?:left )?(?:keeping|to keep|that keeps) me (?:here|alive|going|around)\b"
    r"|(?:im|i am|ill|i will) (?:letting go|let go)\b(?= (?:this|on|tonight|tomorrow|soon|for good"
    r"|now|\s*[,.!?]|$))|cant hang (?:on )?(?:anymore|any more|any longer)\b"
    r"|(?:im|i am) not (?:going to|gonna) be (?:here|around|alive)\s*(?:[,.!?]|$|after|by|soon"
    r"|much)"
    r"|(?:dont|do not|not) plan(?:ning)? (?:on |to )?(?:be(?:ing)? )?(?:here|around|alive)\b"
    r"(?! (?:for (?:the|a|long|that)|at|in|when|during|on)\b)"
    r"|i know (?:when|how) (?:its|it is|it will|im) going to end\b"
    r"|i (?:have|ve got|got|found) (?:a|the) way\s*(?:[,.!?]|$)"
    r"|the permanent (?:one|way|solution|option|exit)\b|permanent solution\b"
    r"|(?:ive|i have|i) lived (?:long )?enough\b"
    r"|(?:dont|do not) want (?:to be stopped|anyone to stop me|to be talked out of it|them to"
    r" stop me)\b"
    # a means held, or a height thought of
    r"|with (?:the|a|my) (?:knife|blade|razor|pills|tablets|rope|gun)\b(?: in my hands?)?"
    r"(?: \w+){0,3} (?:for (?:\d+|an?|ten|five|twenty|half an?) (?:min\w*|hours?)|trying to"
    r"|and im scared)"
    r"|(?:bath|bathroom)\b.{0,30}\bwith (?:a|the|my) (?:razor|blade|knife)\b"
    r"|(?:work|working|worked|build\w*) (?:myself )?up to it\b"
    r"|(?:find|found|get|got|have|muster\w*) (?:up )?the (?:courage|guts|nerve)\s*(?:[,.!?]|$)"
    r"|(?:windowsill|window ?sill|ledge|balcony|roof|rooftop|bridge|edge|platform|top floor)\b"
    r".{0,60}\bthink\w* (?:about|of) (?:jumping|falling|stepping off|letting go)\b"
    r"|(?:looked up|searched|googled|found|checked) (?:\w+ ){0,2}(?:tallest|highest) (?:building"
    r"|bridge|cliff|car park|tower|point)"
    r"|from the (?:roof|edge|top) of (?:my |the |a )?(?:building|block|bridge|car park|tower"
    r"|cliff)\b"
    r"|(?:stood|standing|sat|sitting|was) (?:on|at) (?:the|a) (?:bridge|ledge|edge|cliff|roof)\b"
    r".{0,60}\b(?:going back|go back|for (?:an|a|\d+) (?:hour|while|min\w*)|next time)\b"
    r"|next time i (?:wont|will not) (?:step back|stop|pull back|turn back|hesitate)\b"
    r"|(?:want|wanna|going|gonna|thinking (?:of|about)|tempted) (?:to )?crash (?:my|the) car\b"
    r"|one (?:turn|jerk|flick|twist) of the (?:steering )?wheel\b"
    r"|(?:tonight|today|tomorrow|this weekend)\s*,? (?:im|i am|ill|i will) (?:taking|take"
    r"|swallowing|swallow|downing) (?:them all|all of them|all|every|the lot|the whole)\b"
    r"(?! (?:with|at|in the morning|from now))"
    r"|(?:got|have|put|laid|set)\b (?:out )?(?:all )?(?:the |my )?(?:pills|tablets|capsules|caps"
    r"|meds) (?:out )?ready for (?:tonight|tomorrow|\w+day|the weekend)\b"
    r"|(?:the|my) (?:pills|tablets|rope|razor) and (?:the|my|a) (?:note|letter)\b"
    r"|(?:wedding ring|ring|watch|keys|phone|wallet)\b.{0,40}\bwith a (?:note|letter)\b"
    r"|(?:paracetamol|tylenol|pills|tablets|painkillers)\b.{0,20}\bfrom (?:\d+|two|three|four"
    r"|several|different|multiple) (?:different )?(?:shops|pharmacies|stores|chemists)\b"
    # a wish for an end from an illness, a surgery or the road
    r"|wish i (?:had|got|could get|would get) (?:cancer|a tumou?r|something terminal|a terminal"
    r" \w+|a heart attack|a stroke)\b"
    r"|if (?:something|anything) happens(?: to me)?\b.{0,50}\b(?:hope it does|i hope so)\b"
    r"|(?:stopped|stop|dont bother|quit) (?:wearing|putting on) (?:my |a |the )?seat ?belt\b"
    r"|(?:picturing|imagining|picture|imagine) (?:myself|me) (?:dead|in a coffin|at my (?:own )?"
    r"funeral)\b(?! (?:tired|on my feet|beat))"
    r"|hop\w*\b.{0,20}\bmy (?:body|heart) (?:would |will )?(?:just )?(?:gives? up|gives? out|stops"
    r"|stop|give up|give out)\b"
    r"|(?:stopped|stopping|stop|quit|not) (?:eating|drinking) (?:\w+ ){0,2}on purpose\b"
    r"|(?:hoard\w*|stockpil\w*) (?:\w+ ){0,4}?(?:pills|capsules|caps|meds|tablets)\b"
    r"|stop everything\b.{0,50}\b(?:food|eating|talking|waiting)\b"
    r"|(?:or any|no more) tomorrows?\b|i mean (?:that|it) literally\b"
    r"|tired to live\b|stop it all\b(?: by myself| soon)"
    # escalating self-harm, a blade to the skin
    r"|(?:hit|cut|burn\w*|scratch\w*|hurt|squeez\w*|bleed\w*|bled|blade|belt)\b.{0,80}\b(?:want"
    r"|wanna|going) (?:to )?(?:do )?(?:something )?(?:worse|go further|go deeper)\b"
    r"|i want something worse\b"
    r"|(?:blade|razor|knife)\b (?:\w+ ){0,2}(?:to|on|against|into) my (?:wrist|arm|skin|thigh"
    r"|leg)s?\b"
    r"|urges? to (?:cut|harm|hurt|burn)\b(?! (?:my )?(?:hair|fringe|bangs|nails|carbs|sugar"
    r"|down|back))"
    r"|(?:started|began) cutting (?:in|at|when|again|as)\b|cut (?:really |so |too )?deep\b"
    # the last word passed on, a goodbye without saying so
    r"|(?:thank\w*|thanks|thx|good ?bye|bye)\b.{0,100}\b(?:wont|will not|never going to) (?:see"
    r"|be seeing|talk to|speak to) (?:her|him|them|you|u|anyone) again\b"
    r"|(?:wont|will not|not going to) be (?:answering|replying to) (?:the next|any more|anymore"
    r"|another)\b"
    r"|(?:thank\w*|sorry|you helped|bye)\b.{0,80}\bcant do (?:this|it) (?:anymore|any more)\b"
    r"|cant do (?:this|it) (?:anymore|any more)\b.{0,40}\b(?:take care|good ?bye|bye|love you)\b"
    r"|(?:im sorry|i am sorry|sorry)\b.{0,40}\b(?:its|it is|it was) not (?:your|her|his|their"
    r"|anyones) fault\b"
    r"|(?:if|when) (?:you|u) (?:see|read|find) this\b(?: someday| one day| later)?\s*[,.]?\s*"
    r"(?:im |i am )?sorry\b"
    r"|(?:ending (?:my|your) life|suicid\w*|killing myself)\b.{0,80}\b(?:(?:thats|its) all i"
    r" (?:can )?think about|i think about it (?:all the time|every day|constantly))\b"
    r"|how to do it\b.{0,50}\b(?:find|finds|found) me\b"
    r"|(?:angry|sad|upset|disappointed|gutted) (?:that )?im still (?:alive|here|breathing)\b"
    r"|(?:imagin\w*|picturing|think\w* about) my (?:own )?funeral\b.{0,30}\b(?:relief|calm|peace\w*"
    r"|nice|comfort\w*)"
    r"|(?:hoping|hope|hoped) (?:it|that|this|they) (?:would|will|d) be enough\b"
    r"(?! to (?!(?:kill|end|stop my)))"
    r"|try (?:it )?again\b.{0,10}\bproperly\b|do it properly (?:this|next) time\b"
    r"|(?:die|dying|death|funeral|ashes)\b.{0,100}\bi meant (?:soon|it|now)\b"
    r"|whats the point\b.{0,80}\b(?:got it|have it) (?:all )?planned\b"
    r"|if i (?:just )?(?:didnt|did not|never|dont) wake up\b.{0,60}\b(?:would be|thatd be"
    r"|that would be) (?:ok|okay|fine|a relief|nice|good)\b"
    r"|(?:letter|note)s?\b.{0,20}\bto open when (?:hes|shes|theyre|he is|she is|they are) older\b"
    # the probe's kinds (folded into the dev set after its final scoring): a goodbye with thanks
    # to the bot, a means laid out told to someone, enough now, a death welcomed, the cost ended
    r"|good ?bye\b.{0,20}\byou (?:were|have been|was) (?:nicer|kinder|better|good|so good) to me\b"
    r"|(?:want|wanna|going|gonna|plan\w*|tonight i(?:ll| will)?)\b.{0,40}\b(?:take|swallow|down)"
    r" all (?:of )?(?:my|the) (?:pills|tablets|meds|capsules|caps)\b(?! (?:with|at|in the morning"
    r"|together with))"
    r"|want\w* (?:it|this|something|the pain) to (?:end|finish|kill) me\b"
    r"|(?:god|heaven|hell)\b.{0,40}\b(?:take (?:their|your|my) own life|kill (?:themselves"
    r"|yourself|myself))\b"
    r"|(?:dont|do not|cant|cannot|never) see (?:the|any) point (?:of|in) (?:staying alive|living"
    r"|being alive|going on|carrying on)\b"
    r"|(?:stop breathing|die|dead|gone|didnt wake)\b.{0,60}\bat least (?:ill|i will|id|i would"
    r"|i could) (?:finally )?(?:rest|be at peace|be free|get some peace)\b"
    r"|(?:kill\w*|die|death|dying|fatal)\b.{0,60}\b(?:id|i would) (?:honestly |actually )?welcome"
    r" (?:it|that|death)\b"
    r"|(?:tonight|soon)\b.{0,20}\bstop being a (?:cost|burden|drain|weight|problem)\b"
    r"|(?:every|each) (?:pill|capsule|cap|dose|tablet) i (?:dont|didnt|do not|skip) (?:take"
    r"|swallow)?\b.{0,40}\b(?:jar|box|drawer|bag|tin|pot)\b"
    r"|(?:pills|tablets|rope|razor|blade|note|vodka)\b.{0,80}\bjust wanted to (?:say it to|tell"
    r"|talk to) (?:someone|somebody|anyone)\b"
    r"|(?:pills|tablets|caps|capsules|bottles?)\b.{0,60}\b(?:now|finally) i (?:have|ve got|got)"
    r" enough\s*(?:[,.!?]|$)"
    r"|gas on\b.{0,20}\bhop\w*"
    r"|(?:sad|upset|cry)\b.{0,30}\bthen (?:be )?(?:better off|fine|happier)\b"
    r")"
)
# A lethal means asked about with intent (a question, so the question guard does not apply):
# "is 20 caps enough to stop my heart", "would that be enough", a stash in months, "i need a yes or
# no", a death made to look like an accident, tablets bought without questions.
_MEANS_ASKED = re.compile(
    r"\benough to (?:stop (?:my|a persons?|someones?|the) heart|kill (?:me|myself|a person"
    r"|someone|you)|not wake up|never wake up|end (?:it|my life|things))\b"
    r"|\b(?:all|every|whole|entire)\b(?: \w+){0,5} (?:at once|in one go|together|at the same time)"
    r"\b.{0,60}\b(?:would|will|is|could) (?:that|it|this) (?:be )?(?:enough|do it|be fatal|kill)\b"
    r"|\b(?:\d+|two|three|four|six|a few|several) (?:months?|weeks?) (?:worth )?(?:saved|stashed"
    r"|put aside|hidden|hoarded|kept back)\b"
    r"|\b(?:overdose|die|dying|kill|fatal|lethal|poison|stop my heart)\b.{0,80}\b(?:i need to know"
    r" exactly|exactly how (?:much|many)|i need a yes or no|i am serious|im serious|asking for real"
    r"|not joking)\b"
    r"|\b(?:on purpose|too much|overdose|pills|tablets)\b.{0,60}\b(?:look|looks|seem|seems)"
    r" (?:like )?(?:an? )?(?:accident\w*|natural causes|natural)\b"
    r"|\b(?:make|making) it (?:look|seem) like (?:an? )?(?:accident|ice|natural)\b"
    r"|\b(?:a lot of|lots of|loads of|enough) (?:paracetamol|tylenol|tablets|pills|painkillers"
    r"|sleeping pills)\b.{0,40}\b(?:without (?:being asked|anyone asking|questions|them asking)"
    r"|no questions)\b"
    r"|\b(?:pharmac\w*|chemist|doctor|gp)\b (?:\w+ ){0,2}(?:tell|notice|know|find out|see) if"
    r" (?:someone|somebody|i|a person)(?: is| am| was)? (?:collect\w*|stockpil\w*|hoard\w*|sav\w*"
    r"|buy\w*) (?:a lot of |lots of |loads of |up )?(?:tablets|pills|meds|capsules|caps"
    r"|paracetamol)\b"
    r"|\btoo much\b.{0,60}\bi (?:have|ve got|got|kept|saved) (?:a lot|loads|lots|plenty|a stash"
    r"|a pile)\b(?! of (?!(?:them|it|those|these|tablets|pills)\b))"
    r"|\b(?:hurts?|painful|painless)\b.{0,20}\b(?:going|go|die|dying) that way\b"
    r"|\b(?:interact|mix|take|taking|drink|drinking|swallow\w*)\b.{0,30}\b(?:rat poison|bleach"
    r"|antifreeze|weed ?killer)\b"
)


# English pass eight (two blind training files, as kinds): a trip the others assume and the patient
# denies, a lethal amount looked up, a day after which the patient "wont be here", loose ends
# tied so nobody has to deal with it, an illness "helped along", a life insurance worth more than
# the patient, a last word to whoever finds it, an absence announced with a mind made up, a date
# in mind, goodbyes said and "its time", heights looked up, keys and passwords handed over "dont
# ask why", a favour done to everyone by ending things, how to do it quietly.
_DAY = (
    r"(?:(?:this|next) )?(?:friday|saturday|sunday|monday|tuesday|wednesday|thursday|weekend|week"
    r"|tonight|tomorrow|today|christmas|new year|my birthday)"
)
_EIGHTH = re.compile(
    r"^(?=.*\b(?:take care of|look after|looking after|new home|gave|give|giving|letters?)\b)"
    r".*\b(?:thinks?|thought|assumes?|figures?|believes?) (?:that )?i(?:m| am|ll| will)? (?:just )?"
    r"(?:be )?(?:moving|going away|away|going on (?:a )?(?:trip|holiday)|travel\w*|leaving"
    r"|on holiday)\b.{0,40}\b(?:im not|i am not)\s*(?:[.!?]|$)"
    r"|\b(?:looked up|looking up|look up|googl\w*|research\w*|read(?:ing)? (?:up )?(?:about|on)"
    r"|search\w*|checked)\b.{0,60}\b(?:lethal|fatal|deadly|to not wake|to never wake|to die\b"
    r"|would kill)"
    r"|\bhow many (?:of )?(?:my )?(?:\w+ )?(?:capsules|caps|pills|tablets)? ?(?:plus|and|with)"
    r" (?:my )?(?:sleeping|other|\w+) (?:pills|tablets|meds)\b.{0,20}\bit would take\b"
    rf"|\b(?:after|past|beyond|by|from) {_DAY}\b.{{0,30}}\bi (?:wont|will not) (?:be (?:here"
    r"|around|needing)|need (?:them|it|anything|much)|cause)\b"
    r"|\bi (?:wont|will not) (?:be (?:here|around)|be needing (?:much|anything|them|it)|need"
    r" (?:them|it|anything|much)|cause (?:them|anyone|you|my \w+) (?:more|any more|trouble))\b"
    r".{0,40}"
    rf"\b(?:after|past|beyond|by|from) {_DAY}\b"
    r"|\b(?:wont|will not) be (?:a problem|a burden|in (?:anyones|your|their) way|around)"
    r" (?:for|to) (?:anyone|you|them|anybody|everyone)(?: \w+)? (?:much )?longer\b"
    r"|\b(?:loose ends|preparing (?:things|everything)|sorting (?:out )?(?:everything|my things"
    r"|my affairs)|getting (?:everything|my affairs|things) (?:in order|ready|sorted))\b.{0,40}"
    r"\b(?:so (?:nobody|no one|noone) (?:has|will have) to|(?:easy|easier) for (?:them|everyone"
    r"|my \w+)|for when im gone|before i go)\b"
    r"|\b(?:thought|thinking|think) (?:of|about) help\w* it along\b"
    r"|\b(?:life insurance|insurance (?:money|payout))\b.{0,60}\b(?:more useful|worth more|better"
    r"|more valuable) than me\b|\bworth more dead\b"
    r"|\bif (?:anyone|someone|somebody|any one) (?:finds|reads|gets|sees) this\b.{0,40}\b(?:sorry"
    r"|love (?:u|you)|goodbye|bye|forgive)\b"
    r"|\bif i (?:dont|do not|never) (?:answer|reply|respond|check in|write back)\b.{0,60}"
    r"\b(?:made up my mind|my mind is made up|made my decision|my decision is made|its time)\b"
    r"|\b(?:have|got|ive got|set|picked|chose|chosen) a (?:date|day) (?:in mind|set|picked)\b"
    r"(?! (?:for|with) )"
    r"|\bwaiting for (?:it|everything) (?:all )?to be over\b"
    r"|\bsaying (?:my )?goodbyes?\b.{0,60}\b(?:its (?:almost )?time|im ready|almost time)\b"
    r"|\b(?:looking up|looked up|googl\w*|research\w*|search\w*)\b(?: \w+){0,3} (?:tall |high "
    r"|the highest |nearby |local )?(?:bridges|cliffs|rooftops|tall buildings|train tracks)\b"
    r"|\b(?:passwords?|bank (?:card|details|pin)|pin numbers?|important papers|keys)\b.{0,80}"
    r"\b(?:(?:doesnt|does not|didnt|did not|dont) (?:need to )?(?:ask|know|understand) why"
    r"|didnt (?:tell|say) (?:her|him|them) why|no need to ask)\b"
    r"|\b(?:disappear\w*|vanish\w*) for good\b"
    r"|\b(?:doing|do) (?:everyone|them|my family|the world|everybody) a favou?r\b.{0,40}"
    r"\b(?:ended|end|gone|disappeared|wasnt here|died)\b"
    r"|\bhow (?:to|i (?:would|will|could)|id) do it (?:quietly|painlessly|without)\b"
    r"|\b(?:happy|glad|fine|ok|okay|relieved|content) (?:to )?(?:just )?(?:fall asleep|go to sleep"
    r"|drift off) and (?:never|not) (?:wake|woke) up\b"
)


# English pass ten (kinds from a training file and blind rounds 15-17): a plan or a mind made up
# with nothing else named ("ive got a plan now", "planning how id do it"), not being here at a
# time to come ("not going to be here next week", "dont see myself making it to 24"), the point of
# it all asked, checking out for good, a last message, thinking of a means "and being done", a
# means kept and looked at, pills saved "i know what theyre for", how to stop living, being a
# weight round someone's neck, the family deserving better or the insurance making them ok,
# assisted dying asked for, self-harm told as what was done to the skin.
_HOPELESS = (
    r"(?:done|tired|no point|the point|cant go on|cant do this|not even sad|nothing works"
    r"|no future|sorry)"
)
_TENTH = re.compile(
    r"\b(?:ive got|i have|i got|i now have|got) (?:a|my) plan(?: now)?\s*(?:[.!?,]|$)"
    rf"|^(?=.*\b{_HOPELESS}\b).*\b(?:ive got|i have|i got|got) (?:a|my) plan for {_DAY}\b"
    r"|\bplanning how (?:i|id|i would|i will|to) (?:\w+ )?do it\b"
    rf"|^(?=.*\b{_HOPELESS}\b).*\bplanning it"
    rf" (?:for|on) {_DAY}\b"
    r"|\b(?:decided|made up my mind|made my mind up|mind is made up)\b(?: \w+){0,3} (?:not (?:going"
    r" to|gonna) (?:carry on|go on|keep going|be here|be around)|to end (?:it|things|my life))\b"
    r"(?! (?:with|taking|on)\b)"
    r"|^(?=.*\b(?:for trying|made (?:up )?my mind|my mind up|mind is made up|decided|goodbye|bye"
    r"|love you|for everything|letters|arrangements|affairs|my will)\b)"
    r".*\b(?:im|i am|i) (?:not (?:going to|gonna)|do not intend to|dont intend to|dont plan (?:on"
    r"|to)|dont expect to) be (?:here|around|alive)(?: anymore| any more)? (?:by|after|next|past"
    r"|for|at|on|in|when)\b"
    r"|\bdont see myself (?:making it|being (?:here|around|alive)|living|lasting) (?:to|past|until"
    r"|till|through) (?:\d+|next (?:year|month|week)|christmas|my (?:\w+ )?birthday|the end of"
    r"|another)\b"
    r"|\bdont see myself (?:being (?:here|around|alive)|living|lasting) (?:much longer|for long)\b"
    r"|\bdont think (?:ill|i will|i ll|im going to) be (?:here|around|alive) (?:when (?:she|he|they"
    r"|you|someone|anyone) (?:reads|finds|sees|gets)|to see|much longer|for long)\b"
    r"|\bwhat(?:s| is) the point (?:anymore|any more)\b(?! (?:of|in|to|taking|if|with)\b)"
    r"|\bwhat(?:s| is) the point of (?:any of (?:it|this)|anything|it all|living|life|going on"
    r"|being (?:here|alive))\b(?! (?:if|when|taking)\b)"
    r"|\b(?:checking|check|clocking|tapping|bowing) out (?:for good|permanently|for real)\b"
    r"|\b(?:if i|i could|i want to|i wanna|i should|i would|id|to) (?:just )?(?:stopped|stop)"
    r" (?:being here|being around|existing)\b"
    r"|\b(?:this is|thats|its) (?:my |the )?last (?:one|message|msg|text)\b(?! (?:for|of|until|till"
    r"|tonight|today)).{0,40}\b(?:(?:thank\w*|thx)(?: \w+){0,2} for (?:trying|everything|all"
    r"|being)|bye|love (?:u|you))\b"
    r"|\b(?:think\w*|thought) (?:about|of) (?:swallowing|taking|downing|driving|jumping|stepping"
    r"|walking|crashing|hanging|cutting|overdosing|ending)\b.{0,80}\band (?:being|be) done\b"
    r"(?! with (?:the|my) (?:titration|course|taper|treatment|trial))"
    r"|\b(?:wheel|bridge|truck|lorry|train|jump|pills|bottle|rope|cliff|ledge)\b.{0,40}\band (?:its"
    r"|it is|itd be|it would be|itll be|it will be|id be|i would be) (?:all )?(?:over|done|gone)\b"
    r"|\bropes? in the (?:garage|shed|loft|attic|basement|cellar|barn|wardrobe)\b.{0,60}\b(?:look"
    r"\w* at it|stare|staring|think\w*|keep)\b"
    r"|^(?=.*\b(?:no future|any future|no point|the point|done|cant go on|cant do this)\b)"
    r".*\b(?:got"
    r"|have|bought) (?:everything|what|all) i need\b"
    r"|\b(?:saving|saved|hoarding|hoarded|stockpiling|collecting|keeping|kept) (?:up )?(?:my |all"
    r" my )?(?:\w+ )?(?:pills|tabs|tablets|caps|capsules|meds|ldn)\b.{0,80}\bi know (?:exactly )?"
    r"(?:what (?:theyre|they are|its|it is) for|what im doing)\b"
    r"|\bhow to (?:stop (?:to live|living|existing|being alive)|not (?:be alive|exist))\b"
    r"|\b(?:being|im|i am|feel like|such) a (?:weight|millstone|albatross) (?:round|around)"
    r" (?:my |his |her |their |the )?(?:\w+ )?necks?\b|\bwithout me dragging (?:him|her|them"
    r"|everyone|you) down\b"
    r"|\bdeserves? (?:a (?:better )?life|better|to be happy|to be free)\b.{0,20}\bwithout me\b"
    r"|\bdeserves? better than (?:\w+ ){0,4}(?:me|like me)\b.{0,40}\b(?:end (?:this|it)"
    r"|gone|go)\b"
    r"|\b(?:family|kids|children|wife|husband|partner|they|he|she) (?:would|will|could) (?:get"
    r"|have|receive) (?:my )?(?:life )?insurance\b.{0,40}\b(?:be )?(?:ok|okay|fine|free|happy"
    r"|better off|comfortable)\b"
    r"|\bdignitas\b|\bgo to switzerland\b.{0,80}\b(?:help|ready|done|die)\b"
    r"|\bready to be done\s*(?:[.!?,]|$)"
    r"|\bwish i could (?:just )?(?:disappear|vanish)\b.{0,40}\b(?:properly|for good|forever"
    r"|for ever|permanently|not like a (?:holiday|trip|break))"
    r"|\b(?:i )?cant do this (?:anymore|any more)\b.{0,20}\b(?:im done|i am done)\b(?! with)"
    r"|\b(?:took|take|taking|put|used|use) (?:a |the |my )?(?:scissors|blade|razor|knife|lighter"
    r"|compass) (?:to|on) my (?:arms?|wrists?|legs?|thighs?|skin|stomach|hips?)\b"
    r"|\bcutting (?:is|was) (?:the only|all that|what)\b"
)


_INDIRECT_ALL = (_INDIRECT, _SEVENTH, _EIGHTH, _TENTH, *(found for _, found in _GUARDED_INDIRECT))


# A leaving explained by everyday life (a trip, a new pharmacy, a dose learnt by heart).
_EVERYDAY_LEAVING = re.compile(
    rf"{_AN_EVERYDAY_REASON.pattern}|\b(?:memori[sz]ed|by heart|got the hang|habit|new pharmacy"
    r"|other pharmacy|different pharmacy)\b"
)


_SCHEDULING = re.compile(
    r"\b(?:skip|pause|reschedul\w*|postpone|move|cancel|stop"
    r"|turn off)\b (?:\w+ ){0,2}(?:check ?ins?"
    r"|reminders?"
    r"|appointments?|sessions?|calls?)\b"
)


# A word each sign cannot match without (plain substring tests, so most messages skip the
# patterns: a long message costs a tenth of a millisecond instead of one).
_SIGN_WORDS = {
    "gave away": ("gave", "giv", "rehom", "home for", "gets", "can have", "can keep", "will get",
                  "who takes"),
    "will": ("will", "affairs", "in order", "sorted", "funeral", "papers", "paperwork", "finances",
             "instructions", "documents", "passwords", "keys", "my socials", "my social",
             "my accounts", "my facebook", "my insta"),
    "look after": ("after my", "for my", "to me"),
    "gone": ("wont", "will not", "not go"),
    "no need": ("need",),
    "settled": ("paid off", "paid back", "cleared", "settled", "cancel", "ended", "closed", "keys",
                "labelled"),
    "weary": ("tired of", "better", "peace with"),
    "letters": ("letter", "note"),
    "thanks": ("thank", "thx", "bye", "to me", "sorry for"),
    "calm": ("calm", "ready", "peace", "before i go", "nothing", "know", "think", "ask why",
             "joking", "serious", "mean", "questions", "thats when", "for real", "dramatic",
             "my mind", "matter"),
    "cancel": ("my reminders", "my account", "my data", "my appointments"),
}  # fmt: skip


def _farewell(text: str) -> bool:
    """Two signs of putting a life in order, one of them a leaving, and no trip or change of
    treatment that explains them."""
    arranged = {
        name
        for name, sign in _ARRANGEMENTS.items()
        if any(word in text for word in _SIGN_WORDS[name]) and sign.search(text)
    }
    if not arranged:
        return False
    leaving = {
        name
        for name, sign in _LEAVING_SIGNS.items()
        if any(word in text for word in _SIGN_WORDS[name]) and sign.search(text)
    }
    if not arranged or len(arranged | leaving) < 2 or _EVERYDAY_LEAVING.search(text):
        return False
    return bool(
        leaving or arranged & {"look after", "gone", "weary", "no need", "settled", "letters"}
    )


# A stash: nightly doses kept back ("stopped swallowing my doses and put them in a jar") and an
# amount put by ("theres about 50", "i have enough now"), not a question about using them later.
_KEPT_BACK = re.compile(
    r"\b(?:stopped|not|instead of|quit) (?:taking|swallowing)\b"
    r"|\b(?:keep\w*|kept|hold\w*|held|put\w*|set\w*) (?:back|aside|by)\b"
    r"|\b(?:counting|counted) (?:my|the|all my) (?:pills|caps|capsules|tablets|meds)\b"
    r"|\b(?:keep\w*|kept|hold\w*|held|put\w*|set\w*) (?:my |the |them )?(?:\w+ )?(?:caps|capsules"
    r"|pills"
    r"|doses|tablets|meds|them) (?:back|aside|by|in a (?:jar|box|drawer|bag|tin))\b"
)
_PUT_BY = re.compile(
    r"\b(?:theres|there are|i have|ive got|i got|got|now|about|over|nearly|almost) (?:about |over "
    r"|nearly |almost |like )?(?:[2-9]\d|\d{3,}|enough|loads|dozens|hundreds)\b"
)
_USING_LATER = re.compile(
    r"\b(?:expire\w*|expiry|still good|restart\w*|start again|go back on|throw (?:them )?away"
    r"|dispos\w*"
    r"|return them|use them (?:later|up|again)|doctor|gp|prescriber|paused"
    # a refill counted short: "28 in the new bottle not 30, should i call the pharmacy"
    r"|new (?:bottle|box|pack|batch|refill|delivery)|(?:call|ring|tell|ask|phone) the pharm\w*)\b"
)


def _stash(text: str) -> bool:
    if not re.search(r"\d\d|enough|loads|dozens|hundreds", text):
        return False  # no amount: checked first, it is cheap
    return bool(
        _PUT_BY.search(text)
        and _KEPT_BACK.search(text)
        and re.search(r"\b(?:caps|capsules|pills|doses|tablets|meds|ldn|them)\b", text)
        and not _USING_LATER.search(text)
    )


# "when i was 17 i tried to end my life, that was 20 years ago and im in a good place": the past,
# told with the present well and nothing said to be coming back.
_LONG_PAST = re.compile(
    rf"{_HISTORY.pattern}|\bin my (?:teens|twenties|thirties|forties|20s|30s|40s|youth)\b"
    r"|\b\d+ (?:years|yrs) ago\b|\b(?:when i was|at) (?:1\d|2\d)\b"
)
_WELL_NOW = re.compile(
    r"\b(?:(?:im|i am|doing|feeling|been|all)(?: \w+){0,3}? (?:in a good place|great|good|well"
    r"|fine|much"
    r" better|ok|okay|stable)(?: now| these days| since)?|all good now|in therapy|in recovery"
    r"|recovered|(?:years|long|decades) behind me)\b"
)
_COMING_BACK = re.compile(
    r"\b(?:again|back(?! (?:in|at|when|then|before))|still|lately|recently"
    r"|these days i (?:think|feel|want)|last (?:week|night"
    r"|month)|this (?:week|morning)|today|tonight|right now|returning|creeping)\b"
)


def _past_and_well(text: str) -> bool:
    # the rarest sign first: most messages stop at _WELL_NOW
    return bool(
        _WELL_NOW.search(text) and _LONG_PAST.search(text) and not _COMING_BACK.search(text)
    )


# Matches of the phrase list that a context turns into something else: a cut or a burn in the
# kitchen, someone else's suicide or a course on it, a screening question answered "no", worry
# about becoming a burden, a decision about the treatment, a love said every night.
_NOT_OWN_DEED = re.compile(
    r"^(?:cut|cutting|burn\w*|hurt\w*|scratch\w*|harm\w*|punched|suicid\w*|thoughts|ending|end"
    r"|im|i am|i feel|feel like|being|just|made my decision|tell|self)"
)
_ACCIDENT_AFTER = re.compile(
    r"^ (?:on (?:the|a|my)|while|when|chopping|cooking|shaving|slicing|peeling|opening|making"
    r"|baking|gardening|ironing|with (?:a|the) (?:knife|kettle|iron|oven|pan|tray|stove|grater"
    r"|razor|scissors)|by accident|accidentally|at work|in the kitchen)\b"
)
_ABOUT_SUICIDE_AFTER = re.compile(
    r"^ (?:prevention|awareness|hotline|helpline|line|lines|number|rates?|statistics|training"
    r"|course|documentary|podcast|risk assessment|screening)\b"
    r"|^ ?(?:\w+ )?(?:an? |the )?(?:known |common |possible |listed |rare )?(?:side effects?"
    r"|risk)\b"
)


def _not_meant(c: _Context) -> bool:
    match = c.match
    if re.match(r"(?:cut|cutting|burn|hurt|scratch|harm)", match):
        return bool(_ACCIDENT_AFTER.search(c.after) or re.search(r"\baccident", c.clause))
    if match.startswith("suicid"):
        return bool(
            # someone else's past: "my old friend who was suicidal in college is now a counselor"
            (
                re.search(
                    r"(?<!\bi )\b(?:was|were|had been|used to be) $"
                    r"|\b(?:he|she|they|my (?:\w+ )?(?:sister|brother|friend|mum|mom|dad|son"
                    r"|daughter|cousin|aunt|uncle))\b(?: \w+){0,5}? had\b",
                    c.before,
                )
                and re.search(
                    r"\b(?:years? (?:back|ago)|in (?:college|uni|school|high school)|as a teen\w*"
                    r"|got help|is now|now (?:a|an|doing|happy|married|well)|wedding|recovered"
                    r"|doing great)\b",
                    c.whole,
                )
                and not re.search(r"\b(?:again|tonight|now says|right now)\b", c.whole)
            )
            or re.search(
                r"\b(?:died by|death by|lost (?:\w+ ){0,3}to|committed|a|on|about) $"
                r"|\b(?:chapter|lecture|module|course|article|essay|paper|unit|class|talk)"
                r" (?:on|about)\b.{0,30}$",
                c.before,
            )
            or (
                _ABOUT_SUICIDE_AFTER.search(c.after)
                and re.match(
                    r"^ ?(?:is|are|can|could|does|do|was|watching|reading|studying)\b", c.before
                )
            )
            or re.match(r"^ (?:prevention|awareness|hotline|helpline)\b", c.after)
        )
    if match.startswith(("thoughts", "ending", "end", "self")):
        return bool(
            re.search(r"\b(?:asked|asks|asking|ask)(?: me)? (?:if|whether|about)\b", c.before)
            and re.search(r"\b(?:i said no|said no|no i dont|not at all)\b", c.whole)
        )
    if "burden" in match:
        at_work = r"\b(?:at work|to (?:my |the )?(?:co ?workers|colleagues|team|boss|manager))\b"
        off_sick = r"\b(?:sick|off work|time off|day off|days off)\b"
        if re.search(at_work, c.whole) and re.search(off_sick, c.whole):
            return True  # "a burden at work when i call in sick": the job, not a life
        # English pass ten: "such a burden on the nhs lol": a service, not a life
        if re.match(
            r"^ (?:on|to) (?:the )?(?:nhs|system|health service|taxpayers?|gp|clinic|surgery"
            r"|pharmacy|pharmacist|doctors|hospital|services|insurance|practice)\b",
            c.after,
        ) and not re.search(
            r"\bon (?:my (?!gp|doctor)|everyone|everybody|them|him|her|people|the family)\b",
            c.whole,
        ):
            return True
        if re.search(
            r"\b(?:says?|said|tells? me|told me|insists?) (?:he|she|they|it) (?:doesnt|does not"
            r"|dont|do not|didnt) mind\b",
            c.whole,
        ):
            return True  # "i feel like a burden ... but he says he doesnt mind"
        # English pass eleven: the patient's own word that they are not one (any more): "finally
        # feel like im not a burden on my family" (not someone else's "says im not a burden")
        if re.search(
            r"\b(?:im|i am|i feel|feel like im|feel like i am|feel like i) (?:not|no longer|never)"
            r" (?:\w+ )?a burden\b",
            c.clause,
        ) and not re.search(
            r"\b(?:says?|said|tells?|told|keeps? saying|insists?|pretend\w*|supposed to)\b", c.whole
        ):
            return True
        return bool(
            re.search(r"\b(?:worr\w*|afraid|scared|fear\w*) (?:about |of )?$", c.before + " ")
            or re.search(
                r"\b(?:worr\w*|afraid|scared|fear\w*) (?:about |of )(?:being|becoming)", c.clause
            )
            or (
                re.search(r"\b(?:says?|said|calls?|called)\b", c.before)
                and re.match(r"^ (?:\w+ )?when\b", c.after)
            )
        )
    if match.startswith("made my decision"):
        return bool(_EVERYDAY_LEAVING.search(c.whole))
    if match.startswith("tell"):
        return bool(re.search(r"\b(?:every|each|always|all the time)\b", c.clause))
    return False


def _suicidal(text: str) -> bool:
    return _suicidal_words(text) and not _past_and_well(text)


# English pass six (round 14's misses as kinds): an end hoped for from outside ("kinda hoping the
# car crashes"), affairs put in order and an odd calm after it, a goodbye "on the other side", and
# self-harm told beside a question about LDN ("is it ok to cut myself while on ldn").
_HOPED_END = re.compile(
    r"\b(?:hop\w*|wish\w*|pray\w*|wouldnt mind|would not mind|dont care|dont mind)\b(?: \w+){0,5}?"
    r" (?:car|plane|bus|train|truck|lorry|flight|something|someone|somebody)\b(?: \w+){0,4}?"
    r" (?:crash\w*|hits? me|runs? me over|ran me over|kills? me|takes? me out|goes down"
    r"|go down|falls out)\b"
    r"|\bsee (?:u|you|ya|yall) (?:all |guys |everyone )?on the other side\b(?! of)"
    r"|\b(?:affairs|will|accounts|notes|letters|paperwork|everything)\b.{0,80}\b(?:weirdly"
    r"|strangely|oddly|weird|strange|odd|eerily|unusually) (?:calm|peaceful|at peace|relieved"
    r"|serene|content|light)\b"
)
_SELF_HARM = re.compile(
    r"\b(?:cut|cutting|burn|burning|burned|burnt|scratch\w*|carv\w*|slash\w*) (?:myself|my"
    r" (?:arms?|wrists?|legs?|thighs?|skin|stomach|hands?))\b"
)
_SELF_HARM_SIGN = re.compile(
    r"\b(?:with (?:a|the|my) (?:blade|razor|lighter|cigarette|compass|pin|needle)|again|on purpose"
    r"|only thing|feel something|urges?|cope|coping|while on|on (?:ldn|naltrexone)|w ldn"
    r"|with ldn|does it matter|is it ok|is it safe|slow healing|heal)\b"
)
# English pass ten: "burnt myself with the kettle on purpose": the kitchen is the means, not an
# accident, when the patient says it was meant
_SELF_HARM_MEANT = re.compile(
    r"\b(?:on purpose|deliberately|intentionally|when (?:it|things) (?:gets?|got) too much"
    r"|to feel something|to cope)\b"
)
_SELF_HARM_ACCIDENT = re.compile(
    r"\b(?:accident\w*|chopping|cooking|shaving|slicing|peeling|baking|gardening|ironing|oven"
    r"|kettle|stove|iron|pan|tray|grater|kitchen|sunburn\w*|in the sun|paper cut|hair)\b"
)


# English pass nine: the bot's own messages, which a patient may want to "make stop"
_THE_BOTS_MESSAGES = re.compile(
    r"\b(?:pings?|pinging|notifications?|notifs?|reminders?|alerts?|alarms?|messages|texts"
    r"|buzz\w*|beep\w*|bot|app|phone)\b"
)


def _suicidal_words(text: str) -> bool:
    if _farewell(text) or _stash(text):
        return True
    for m in _HOPED_END.finditer(text):
        c = _context(text, m.start(), m.end())
        if not _negated(c) and not re.search(
            r"\b(?:doesnt|dont|wont|not|never) (?:\w+ )?crash", c.clause
        ):
            return True
    for m in _MEANS_ASKED.finditer(text):
        if not _negated(_context(text, m.start(), m.end())):
            return True
    harm = _SELF_HARM.search(text)
    if (
        harm
        and _SELF_HARM_SIGN.search(text)
        and not (_SELF_HARM_ACCIDENT.search(text) and not _SELF_HARM_MEANT.search(text))
        and not _negated(_context(text, harm.start(), harm.end()))
    ):
        return True
    for pattern in (
        _SUICIDAL,
        _WISH_FOR_DEATH,
        _LIFE_NOT_WORTH,
        _FAREWELL_OR_MEANS,
        _APPRAISED_END,
        _INDIRECT,
        _SEVENTH,
        _EIGHTH,
        _TENTH,
        *(found for words, found in _GUARDED_INDIRECT if any(w in text for w in words)),
    ):
        for m in pattern.finditer(text):
            c = _context(text, m.start(), m.end())
            # "no point living", "dont see any reason to keep living": the negation is the point
            negation_is_the_point = pattern is _LIFE_NOT_WORTH and m.group(0).startswith(
                ("no", "any")
            )
            if (_negated(c) and not negation_is_the_point) or re.search(
                # a dream told (English pass ten: not "i want to die and the dreams make it
                # worse": the wish comes first, the dreams after it)
                r"\b(?:dream\w*|nightmares?)\b",
                # English pass eleven: the patient's own voice back after the dream ("i dreamt
                # about dying and i want to kill myself")
                re.split(r"\b(?:and|so|then) (?:now )?(?:i|im|i am)\b(?= \w+)", c.before)[-1]
                + c.match,
            ):
                continue
            if _FIGURE_OF_SPEECH.search(_sentence(text, m.start(), m.end())) or any(
                f.start() <= m.start() < f.end() or m.start() <= f.start() < m.end()
                for f in _FIGURE_IN_MESSAGE.finditer(text)
            ):
                continue
            if _TOPIC_QUESTION.search(c.before) and re.match(r"suicid|self ?harm", m.group(0)):
                continue  # "will ldn make me suicidal": a question about the medicine
            if (
                pattern in _INDIRECT_ALL
                and _EVERYDAY_LEAVING.search(text)
                and re.search(
                    r"where|back|need|go soon|hear from me|before i go|check ?in|be here|be around"
                    r"|answer",
                    m.group(0),
                )
            ):
                continue  # "wont need the reminders after today, got the hang of it"
            if (
                pattern is _EIGHTH
                and _EVERYDAY_LEAVING.search(text)
                and not re.search(
                    r"\b(?:think|thought|assum|figure|believ)\w* (?:that )?i", m.group(0)
                )
            ):
                continue  # "looking up bridges in london for our trip"
            if pattern is _SUICIDAL and _NOT_OWN_DEED.search(m.group(0)) and _not_meant(c):
                continue
            if (
                pattern is _SUICIDAL
                and m.group(0).startswith("make")
                and _THE_BOTS_MESSAGES.search(text)
                and not re.search(r"\b(?:all|forever|for good|permanently)\b", m.group(0) + c.after)
            ):
                continue  # "too many pings lol, can i make it stop": the bot's messages
            if pattern is _SUICIDAL:
                if re.search(
                    r"\b(?:used to|as a (?:teen\w*|kid|child)|years ago)\b", c.clause
                ) and not _COMING_BACK.search(text):
                    continue
                if re.match(r"(?:i )?wont (?:be|need)", m.group(0)) and (
                    _AN_EVERYDAY_REASON.search(text) or _SCHEDULING.search(text)
                ):
                    continue  # "i wont be around next weekend, skip the check in": a trip
            elif _NOT_A_WISH.search(c.clause) or re.search(
                r"\b(?:can i|should i|is it ok|is it safe|how do i|how to)\b"
                if pattern in _INDIRECT_ALL
                else r"\b(?:can|should|is it ok|is it safe|how do i|how to)\b",
                c.before,
            ):
                continue
            return True
    return False


_OWN_DOSE = re.compile(
    r"\b(?:took|taken|had|takes|swallowed) (?:his|her|their) (?:own |usual |nightly |normal "
    r"|regular"
    r" |evening |morning |bedtime )?(?:ldn|naltrexone|dose|capsule|meds|medicine|medication)\b"
)


_ALL_ACCOUNTED_FOR = re.compile(
    r"\b(?:all|every one|each one|none missing|none gone|nothing missing|still all|all still)"
    r"(?: \w+){0,3}? (?:there|accounted for|counted|in the (?:box|jar|bottle|strip))\b"
    r"|\b(?:counted|recounted) (?:them|it|the \w+)\b(?: \w+){0,3}? (?:all|none|every|fine|right)"
    r"|\boh wait\b|\b(?:i|just) (?:just )?(?:refilled|moved|decanted|put them in)\b"
    r"|\bstill (?:full|sealed|closed|shut|on)\b|\bunopened\b|\b(?:didnt|did not"
    r"|couldnt) (?:get it )?open"
    r"|\btook it (?:off|from|away from) (?:him|her|them)\b"
    r"|\bexactly the right (?:number|amount|count)\b|\bbut i didnt\s*(?:[,.!?]|$)"
    # English pass eleven: "found them all, 7 out of 7, none chewed"
    r"|\bfound (?:them |it |every one |each one )?all\b(?!.{0,30}\b(?:but|except|apart|minus)\b)"
    r"|\b(?P<all_n>\d+) (?:out )?of (?:the )?(?P=all_n)\b(?! (?:days|nights|weeks|times))"
    r"|\bnone (?:of them )?(?:chewed|bitten|missing|gone|eaten|opened|broken)\b"
)


_NOT_THE_MEDICINE = re.compile(
    r"\b(?:chewed|chewing|chews|licked|sniffed|sniffing|nibbled|ripped|tore) (?:on |at |up )?(?:the"
    r" |my |a )?(?:\w+ )?(?:label|box|carton|packaging|leaflet|insert|wrapper|bag|lid|cap)\b"
    r"(?!.{0,20}\b(?:and|then|plus|also)\b.{0,25}\b(?:ate|swallowed|drank|capsules?|pills?"
    r"|tablets?|caps|powder|liquid)\b)"
    r"|\bbefore (?:he|she|it|they) (?:ate|could eat|got|swallowed|could get)\b"
    r"|\bnot (?:the|my|any) (?:meds|medicine|medication|pills|capsules|ldn|naltrexone)\b"
    # English pass seven: "ate my sock, no pills", "grabbed it first, he didnt eat it"
    r"|\bno (?:pills|meds|capsules|caps|tablets|ldn)\s*(?:[,.!?]|$|just)"
    r"|\b(?:he|she|it|they) (?:didnt|did not|never) (?:eat|swallow|get|touch|chew|put|have|take"
    r"|lick|bite|taste) (?:it|them|any"
    r"|one)\b|\bgrabbed it (?:first|before|back)\b|\b(?:never|didnt|did not) (?:got|get) any\b"
)


# English pass eight: the patient's own dose told in a sentence of its own after someone is named
# ("my son moved to canada. sad mum. took the ldn anyway", "poor boy. anyway, took the ldn")
_OWN_DOSE_AFTER = re.compile(
    r"(?:[.!?;] (?:anyway\w*,? |ok,? |so )?|\banyway\w*,? )(?:i )?(?:also |just |then |still )?"
    r"(?:took|had|taken) (?:my|the) (?:ldn|dose|naltrexone)\b"
    r"(?! (?:capsules?|caps|bottle|box|pills?|liquid|syringe|powder))"
)
# A son or daughter who is an adult (an age of 18 or more, on an opioid programme): an adult's
# overdose or withdrawal, not a child's ingestion ("my son on methadone maintenance took my ldn")
_ADULT_CHILD = re.compile(
    r"^(?:son|daughter|stepson|stepdaughter|boy|girl|kid|niece|nephew|grandson|granddaughter)\b"
    rf"(?: \w+){{0,3}}? (?:(?:who is |whos |is |s )?on (?:\w+ )?{_OPIOID}\b"
    r"|(?:he is |she is |hes |shes |aged? |who is )?(?:1[89]|[2-9]\d)\b(?! ?(?:months?|mo|kg|kilos?"
    r"|lbs?|pounds?|mg|ml|min\w*|caps?|capsules?|pills?|tablets?)\b))"
)


# English pass nine: a dislike or an inability ("hates swallowing capsules", "cant swallow pills"),
# nothing said to be swallowed
_CANT_SWALLOW = re.compile(
    r"\b(?:hates?|hated|hating|dislikes?|cant|cannot|can not|couldnt|wont|refuses? to|struggles?"
    r"(?: with| to)?|trouble|difficulty|problems?|issues?|hard time|gags? (?:on|at|when)"
    r"|(?:doesnt|does not|dont) like|(?:scared|afraid|terrified) (?:of|to)|bad at|unable to)"
    r"(?: \w+)? (?:swallow\w*|chew\w*|eat\w*|drink\w*|tak\w*)\b"
)
_SWALLOWED_ONCE = re.compile(
    r"\b(?:swallowed|ate|eaten|drank|drunk|chewed|licked|got into|got hold of|bit|bitten|found"
    r" (?:him|her|them))\b"
)


_COULD_OR_DARED = re.compile(
    r"\b(?:could|might|would|can|may)\b (?:easily |probably |so easily )?(?:swallow|eat|drink|get"
    r"|chew|mistake)\b|\bby (?:my|the|our) \w+ to (?:swallow|eat|take|drink)\b"
)


def _ingestion_by(who: str, swallowed: str = _SWALLOWED) -> Detector:
    """Someone (a child, an animal) swallowed, drank or got into the medicine."""
    forward = re.compile(
        rf"\b{who}\b{_W}{{0,6}}? {swallowed}\b{_W}{{0,5}}? {_MED}\b"
        rf"|\b{who}\b{_W}{{0,6}}? {_SWALLOWED} (?:one|some|it|them|a few|\d+|two|three|a couple"
        r"|several|a handful)\b"
        rf"|\b{who}\b{_W}{{0,8}}? (?:{_MED}) (?:\w+ )?(?:open|opened|missing|gone|empty|chewed)\b"
        rf"|\b{who}\b{_W}{{0,3}}? (?:chewing|chewed|licking) (?:on )?(?:a|my|the|some)? ?{_MED}"
        rf"|\b{who}\b{_W}{{0,8}}? (?:an? |the |my )?(?:empty|opened|open|broken|chewed|bitten)"
        r" (?:capsule|pill|tablet|blister|syringe)s?\b"
        r"(?! ?(?:bottles?|box|boxes|containers?|packets?|cases?|organi[sz]ers?|pots?|tubs?))"
        rf"|\b{who}\b{_W}{{0,10}}? (?:powder|liquid|ldn) (?:on|around|in) (?:her|his|their|its)"
        r" (?:mouth|lips|face|tongue)"
        rf"|\b{who}\b.{{0,60}}\b(?:he|she|they|it|him|her|them|one of them)\b{_W}{{0,2}}?"
        rf" {_SWALLOWED}"
        r" (?:some|it|one|them|a capsule|a pill|a bit|a little)\b"
        rf"|\b{who}\b.{{0,80}}\b{_MED} in (?:his|her|their|its) mouth\b"
        # English pass eight: "chewed the cap off my ldn syringe and drank some", "found the
        # bottle in my bag and drank from it"
        rf"|\b{who}\b.{{0,80}}\b(?:and|then) (?:also )?(?:drank|ate|swallowed|sucked) (?:some"
        r"|from it|from the (?:\w+ )?(?:bottle|syringe)|a bit|a little|a mouthful)\b"
        # "thought they were sweets and ate 2", "had a sip from the ldn bottle"
        rf"|\b{who}\b.{{0,60}}\bthought (?:they|it|my \w+|the \w+) (?:were|was) (?:a |an )?"
        r"(?:sweets?|sweeties?|candy|candies|smarties|mints?|tic tacs|gummies|treats?)\b"
        r".{0,30}\b(?:ate|eaten|had|swallowed|chewed|took)\b"
        rf"|\b{who}\b{_W}{{0,3}}? (?:had|took) (?:a )?(?:sip|gulp|swig|mouthful|taste|lick)"
        r" (?:of|from) (?:my |the |her |his )?(?:ldn |liquid )?(?:ldn|naltrexone|liquid|bottle"
        r"|syringe|medicine)\b"
        rf"|\b{who}\b{_W}{{0,3}}? had (?:my|a|an|the|some|one of (?:my|the|her"
        rf"|his)) (?:\w+ ){{0,2}}"
        r"(?:ldn|naltrexone|capsules?|pills?|tablets?|dose|liquid)\b"
        rf"|\b{who}\b[\w\s,.]{{0,50}}?\b{_SWALLOWED} (?:a|an|one|some|my|the|two|\d+) (?:\w+ )?"
        rf"{_MED}\b"
        rf"|\b{who}\b.{{0,60}}\b(?:went|got|ended up|was|put it|popped it) (?:in|into) (?:her|his"
        r"|their|its) mouth"
        rf"|\b{who}\b.{{0,60}}\b{_MED} (?:\w+ )?(?:are |is |were |was )?(?:missing|gone)\b"
        # left alone with it, and now fewer: "the ldn jar is half empty", "caps missing"
        rf"|\b{who}\b.{{0,80}}\b(?:{_MED}|jar|box|strip|blister|pot|tub)\b(?: \w+){{0,3}}?"
        r" (?:is |are |was |were |looks |now )?(?:half |partly |nearly |almost )?(?:empty|missing"
        r"|gone|open|opened|ripped open|torn open)\b"
        rf"|\b{who}\b.{{0,80}}\b(?:{_MED}|jar|box|strip|blister|pot"
        rf"|tub)\b(?: \w+){{0,3}}? (?:has|with)"
        r" (?:\w+ )?(?:empty|missing) (?:holes|slots|spaces|pockets|days|ones|bits)\b"
        rf"|\b{who}\b.{{0,60}}\b(?:licking|licked|lapping|lapped) (?:it|some|them|the \w+)"
        r" (?:up|off)\b"
        # English pass eight: "was licking the puddle", "licked up a bunch of it"
        rf"|\b{who}\b.{{0,60}}\b(?:licking|licked|lapping|lapped) (?:up |at )?(?:the (?:puddle"
        r"|spill|spilt \w+|spilled \w+|drops?|liquid|powder)|a bunch|a lot|most|loads)\b"
        rf"|\b{who}\b.{{0,60}}\b(?:grabbed|snatched|took|got) (?:a|one|my|the|some) {_MED}\b"
        r".{0,40}\b(?:ate|swallowed|chewed|gulped) (?:it|them|one)\b"
        rf"|\b{who}\b.{{0,40}}\b(?:had|took|got) a (?:sip|swig|taste|lick|gulp|mouthful) of\b"
        rf"|\b{who}\b.{{0,100}}\b(?:some|a few|one|two|\d+|several) (?:of them )?"
        r"(?:are|is|were|was) (?:missing|gone)\b"
        rf"|\b{who}\b.{{0,80}}\bthere (?:are|were) (?:\w+ )?(?:caps|capsules|pills|tablets|some)"
        r" missing\b"
        rf"|\b{who}\b{_W}{{0,2}}? emptied (?:my|the|her|his) (?:\w+ )?{_MED}"
        # English pass eleven: "my toddler got to my capsule before i did"
        rf"|\b{who}\b{_W}{{0,3}}? (?:got to|got at) (?:my|the|a|one|some|her|his) (?:\w+ )?"
        rf"{_MED_STRICT}\b(?: first| before (?:i|we|me|my \w+) (?:did|could|got|had|was))"
        rf"|\b{who}\b{_W}{{0,3}}? (?:put|stuck|popped) (?:a|some|one|my|the) {_MED}"
        r" in (?:his|her|its|their|the) mouth"
        # "licked the powder off his fingers", "sucked on one of my capsules"
        rf"|\b{who}\b.{{0,60}}\b(?:licked|licking|sucked|sucking|tasted|ate|eaten) (?:on |at )?"
        rf"(?:the |some |a bit of |one of (?:my|the) |a |my )?(?:powder|{_MED})\b"
    )
    backward = re.compile(
        rf"\b{_MED}\b{_W}{{0,3}}? (?:chewed|eaten|swallowed|drunk) by (?:the |my |our )?{who}\b"
        # English pass eleven: a dropped one someone got to first ("dropped my capsule and the
        # dog got to it before i did")
        rf"|\b{_MED_STRICT}\b.{{0,60}}\b{who}\b (?:got to|got at|grabbed|snatched|scoffed|gobbled"
        r"|hoovered up|wolfed) (?:it|them|one|some)\b(?: first| before (?:i|we|me|my \w+) (?:did"
        r"|could|got|had|was))"
        rf"|\b{_MED_STRICT}\b{_W}{{0,4}}? (?:missing|gone)\b{_W}{{0,6}}? {who}\b"
    )
    medicine = re.compile(rf"\b(?:{_MED}|blister\w*|pill packs?|powder)\b")
    took_object = re.compile(rf"^ (?:\w+ ){{0,3}}?(?:{_MED_STRICT}|it|one|some)\b")

    def detect(text: str) -> bool:
        for pattern in (forward, backward):
            for m in pattern.finditer(text):
                c = _context(text, m.start(), m.end())
                if not medicine.search(text):
                    continue
                if _negated(c) or _HISTORY.search(text[m.start() : m.end() + 40]):
                    continue
                if re.search(r"\b(?:if|whether|in case|what happens|what if)\b", c.before):
                    continue
                if re.search(r"\b(?:if|were|was|should)\b(?: \w+){0,3} (?:ever|ever to)\b", text):
                    continue  # "toxic to dogs if they ever got hold of one": not happened
                if re.search(r"\bnothing\b|\bsealed\b", text[m.start() : m.end() + 60]):
                    continue
                if _NOT_THE_MEDICINE.search(text):
                    continue  # "chewed the label", "picked it up before he ate it", "not the meds"
                if _ALL_ACCOUNTED_FOR.search(text):
                    continue  # "knocked the jar over but all 30 are still there, counted them"
                span = text[m.start() : m.end()]
                if _OWN_DOSE_AFTER.search(span) or _ADULT_CHILD.search(span):
                    continue
                if (
                    _COULD_OR_DARED.search(span)
                    or _HISTORY.search(text[max(0, m.start() - 40) : m.start()])
                    or re.search(r"\bby (?:my|the|our) $", text[: m.start()])
                ):
                    continue  # English pass ten: "my toddler could swallow one", "dared by my son"
                if _OWN_DOSE.search(span):
                    continue  # "my daughter took her ldn": her own prescription, not an ingestion
                if _CANT_SWALLOW.search(span) and not _SWALLOWED_ONCE.search(text):
                    continue  # English pass nine: "my daughter hates swallowing capsules"
                took = re.search(r"\btook\b|\btaken\b", span)
                if (
                    took
                    and not re.search(rf"\b(?:took|taken)\b{_W}{{0,4}} {_MED_STRICT}", span)
                    and not took_object.search(text[m.start() + took.end() :])
                ):
                    continue
                return True
        return False

    return detect


_child = _ingestion_by(_CHILD)
_pet = _ingestion_by(_PET, _SWALLOWED[:-1] + "|got)")  # a dog that "got my pills" ate them

_WITHDRAWAL = re.compile(
    r"\bwith ?dra?w[ae]?ls?\b|\bwithdrawl\w*|\bwithdrawing\b|\bw d\b|\bwd symptoms|\bdope ?sick"
    r"|\bfeel\w* like (?:im |i am )?(?:coming off|detoxing from) (?:everything|it all|all of it)\b"
    r"|\bprecipitated\b"
    r"|\bdetoxing\b|\bsick as (?:hell|a dog)\b"
)
_WITHDRAWAL_SIGNS = re.compile(
    r"\b(?:sweat\w*|shak\w*|shiver\w*|vomit\w*|throwing up|diarrh\w*|cramp\w*|chills"
    r"|goosebumps|restless\w*|agitat\w*|yawn\w*|runny nose|aching|aches|body aches?|sick"
    r"|the runs|hot and cold|cant sit still"
    r"|awful|terrible|horrible)\b"
)
_OPIOID_ANY = re.compile(rf"\b(?:{_OPIOID}|{_PAINKILLER})\b")
_OPIOID_STRICT = re.compile(rf"\b{_OPIOID}\b|\bpain ?pills? with codeine")
# English pass ten: "eldn" (a brand), "then my 4.5 an hour later" (the dose by its strength)
_LDN = re.compile(
    r"\b(?:e?ldn|naltrexone|my (?:first |nightly |bedtime |usual )?dose|my ldn dose"
    r"|my (?:usual )?\d\.\d(?: ?mg)?)\b"
)
_TOOK_PAST = re.compile(
    r"\b(?:took|taken|had|swallowed|used|gave me|given|after (?:my |the |taking )?(?:ldn|naltrexone"
    rf"|dose)|(?:im|i am|am|been|still|currently) on|(?:i take|i use|im using|my) {_OPIOID}"
    rf"|{_OPIOID} (?:that )?i (?:use|take|am on|have been (?:using|taking))"
    rf"|^(?:on|taking) (?:\w+ )?{_OPIOID}|started (?:my )?(?:ldn|naltrexone))\b"
)
_OPIOID_STOPPED = re.compile(
    r"\b(?:stopped|quit|off|clean|havent|havent started|not started|used to|was on|were on"
    r"|before|wait|planning|going to|gonna|will|want\w* to put|next (?:week|month)"
    # English pass nine: LDN not started while on the opioid ("the ldn doctor says i cant start
    # yet")
    r"|(?:cant|cannot|can not|couldnt|not allowed to|not able to|wont let me|dont let me)"
    r" (?:start|begin|go on|try)|(?:not|never) (?:yet )?(?:started|begun|been allowed))\b"
)


def _no_opioid(text: str) -> bool:
    """Every opioid the message names is denied ("no opioids", "not on any painkillers")."""
    found = list(_OPIOID_ANY.finditer(text))
    return bool(found) and all(
        _negated(c) and not _NOT_REALISED.search(c.before)
        for c in (_context(text, m.start(), m.end()) for m in found)
    )


# "didnt realise the kratom i use daily counts": not knowing is no denial
_NOT_REALISED = re.compile(
    r"\b(?:didnt|did not|dont|never) (?:realiz|realis|know|think|remember|notic)\w*(?: \w+)?\s*$"
)


_NOT_OPIOID_WITHDRAWAL = re.compile(
    r"\b(?:alcohol|booze|drink|nicotine|caffeine|coffee|sugar|smoking|cigarettes?|vape|vaping"
    r"|ssri|antidepressants?|sertraline|gaming|social media|phone) $"
)
# "i feel like im withdrawing from coffee lol": another habit's
_COFFEE_WITHDRAWAL = re.compile(
    r"withdraw\w* from (?:coffee|caffeine|sugar|chocolate|social media|tiktok|my phone|carbs"
    r"|alcohol|nicotine)\b"
)


def _opioid_withdrawal(text: str) -> bool:
    for m in _WITHDRAWAL.finditer(text):
        if _NOT_OPIOID_WITHDRAWAL.search(text[max(0, m.start() - 20) : m.start()]) or (
            _COFFEE_WITHDRAWAL.match(text[m.start() :])
        ):
            continue  # "a seizure from alcohol withdrawal": another substance's
        if re.search(r"\b(?:otherwise|or else|else)\s*$", text[max(0, m.start() - 20) : m.start()]):
            continue  # English pass nine: "stop my morphine before ldn otherwise withdrawal"
        if _a_report(_context(text, m.start(), m.end())) and not re.search(
            r"\b(?:off opioids|since i quit|no more)\b", text
        ):
            return True
    if not (_OPIOID_ANY.search(text) and _LDN.search(text) and _TOOK_PAST.search(text)):
        return False
    if _no_opioid(text):
        return False
    return any(
        _a_report(_context(text, m.start(), m.end()))
        and not _THE_PAIN_ITSELF.search(text[max(0, m.start() - 30) : m.start()])
        for m in _WITHDRAWAL_SIGNS.finditer(text)
    )


# English pass eleven: the pain the opioid is for, not a sign of withdrawal ("can i take my
# hydrocodone now? took ldn 2 hours ago and the pain is terrible")
_THE_PAIN_ITSELF = re.compile(
    r"\b(?:pain|pains|migraine|headache|back|knee|hip|tooth|toothache)\b (?:is |are |s |feels? )?"
    r"(?:so |really |just |still |absolutely |pretty )?$"
)


_ABOUT_LDN_ITSELF = re.compile(
    r"\b(?:thinks?|thought|says?|said|believes?|assumes?|claims?|calls? it|because of the name"
    r"|basically)\b|\b(?:is|isnt|technically) (?:low dose )?(?:ldn|naltrexone|it)"
    r" (?:still |itself |really |actually |even )?"
    r"(?:an?|like an?|considered an?|classed as an?)? ?(?:kind of |type of |sort of )?$"
)


# English pass nine: the opioids as a place on a shelf ("put it on the shelf next to the narcotics")
_SHELVED_WITH = re.compile(
    r"\b(?:shelf|shelves|cabinet|cupboard|drawer|section|aisle|safe|locker)\b.{0,30}"
    r"\b(?:next to|beside|near|among|amongst|with|alongside|by) the $"
)


# "my husband is on oxycodone, i take ldn": the opioid is another person's
_SOMEONE_ELSES_OPIOID = re.compile(
    r"\b(?:my|our|his|her) (?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother"
    r"|sister|friend|flatmate|roommate|neighbou?r|boyfriend|girlfriend|gran\w*|aunt|uncle|cousin)"
    r"(?: \w+)? (?:is on|is taking|takes|uses|has|gets|was given|s on|is prescribed)"
    r"(?: \w+)? $"
)


# English pass eight: both about to be taken ("gonna take my hydrocodone and my ldn tonight
# together", "tonight i will take my codeine ... and also the ldn"), not asked about ("can i take")
_BOTH_TONIGHT = re.compile(
    r"\b(?:gonna|going to|will|about to|planning to|plan to|im taking|i take)"
    r"(?: (?!if\b|whether\b|not\b|never\b|it\b|be\b)\w+){0,3}? take (?:my |the |some |a |\d+ )?"
    rf"(?:\w+ )?(?:(?:{_OPIOID})\b.{{0,80}}\b(?:ldn|naltrexone)|(?:ldn|naltrexone)\b.{{0,80}}\b"
    rf"(?:{_OPIOID}))\b"
)
_SOON = re.compile(
    r"\b(?:tonight|right now|now|together|both|in \d+ ?(?:min|mins|minutes)|this evening|today)\b"
)


# A past episode with an opioid: "had a bad experience with morphine after my hip operation"
_PAST_OPIOID_EPISODE = re.compile(
    r"\b(?:bad|terrible|awful|horrible|rough|nasty|good|scary|weird|strange) (?:experience|time"
    rf"|reaction|trip)s? (?:with|on|from|to) (?:\w+ )?{_OPIOID}\b"
    rf"|\b{_OPIOID}\b(?: \w+){{0,3}}? (?:after|following|for|during) (?:my|his|her|the|a) (?:\w+ )?"
    r"(?:operation|surgery|op|c ?section|birth|labou?r|procedure|replacement)\b"
)

# An opioid course over for weeks ("been off it over a month", "stopped the tramadol 6 weeks
# ago"): LDN asked about or started after it is the plan working, not co-use.
_OFF_FOR_WEEKS = re.compile(
    r"\b(?:been |was |went |came |got |im |i am |ive been )?(?:off|stopped|finished|done with)"
    rf" (?:it|them|the (?:\w+ )?(?:course|pills|tablets|painkillers)|(?:the |my )?{_OPIOID})"
    r" (?:for |since |about |nearly |almost |over |more than |at least |a good )*(?:a|an|one|two"
    r"|three|four|five|six|\d+|a few|a couple of|several) (?:full )?(?:weeks?|months?|years?)\b"
    r"(?! (?:ago )?(?:but|until|till|and then))"
)
_RECENT_OR_LDN_TAKEN = re.compile(
    r"\b(?:\d+|an?|a few|few|couple of|a couple of) (?:hours?|hrs?|mins?|minutes?) ago\b"
    r"|\b(?:yesterday|last night|this (?:week|afternoon))\b"
    r"|\b(?:took|taken|had|swallowed|take|taking) (?:my |the |a |an |tonights |todays )?"
    r"(?:ldn|naltrexone|dose)\b"
)


# English pass ten: a slip caught before it happened ("nearly grabbed my husbands tramadol ...,
# caught it before swallowing", "was about to take my old oxycodone but remembered")
_NEAR_MISS = re.compile(
    r"\b(?:nearly|almost|was about to|was going to|was gonna)\b(?: \w+){0,3}? (?:took|take|taking"
    r"|grabbed|grab|gave|give|swallowed|swallow|had|poured|drank)\b"
)
_CAUGHT_IN_TIME = re.compile(
    r"\b(?:noticed|caught|spotted|realised|realized|remembered|put (?:it|them) back|stopped myself"
    r"|didnt (?:take|swallow|have|drink)|before (?:swallowing|taking|i took|i swallowed))\b"
)
_NOT_ON_ANY_MYSELF = re.compile(
    r"\b(?:im|i am|i)(?: \w+)? not on any (?:painkillers|opioids|opiates|pain meds|pain medication)"
    r" myself\b"
)


def _opioid_co_use(text: str) -> bool:
    opioid = _OPIOID_STRICT.search(text)
    if not opioid or not _LDN.search(text) or _no_opioid(text):
        return False
    if (_NEAR_MISS.search(text) and _CAUGHT_IN_TIME.search(text)) or _NOT_ON_ANY_MYSELF.search(
        text
    ):
        return False
    # "is naltrexone an opiate? my family thinks im on some kind of opioid": what LDN is, asked
    # or believed by someone, not a second drug taken
    if all(
        _SHELVED_WITH.search(before)
        or (
            (_ABOUT_LDN_ITSELF.search(before) or _SOMEONE_ELSES_OPIOID.search(before))
            and not _PRESCRIBER.search(before)
        )
        for before in (
            _context(text, m.start(), m.end()).before for m in _OPIOID_STRICT.finditer(text)
        )
    ):
        return False
    if _BOTH_TONIGHT.search(text) and _SOON.search(text):
        return True
    if (
        _PAST_OPIOID_EPISODE.search(text)
        and not _NOW_WORDS.search(text)
        and not _RECENT_OR_LDN_TAKEN.search(text)
    ):
        return False  # English pass nine: "a bad experience with morphine after my hip operation"
    if _OFF_FOR_WEEKS.search(text) and not _RECENT_OR_LDN_TAKEN.search(text):
        return False  # English pass eleven: "took codeine for 3 days then, off it over a month"
    if _OPIOID_STOPPED.search(text) and not re.search(
        r"\b(?:took|had|just(?! (?:confirm\w*|checking|wondering|curious|asking|want\w*)))\b"
        r"(?! (?:me|him|her|them) off)",
        text,
    ):
        return False
    if re.search(
        r"\b(?:offered|prescribed|suggested|wanted to give me)\b.{0,40}\b(?:i said no|said no"
        r"|declined|refused|turned (?:it|them) down)\b",
        text,
    ):
        return False  # "my dentist offered vicodin, i said no because of ldn"
    if re.search(
        r"\b(?:hes|shes|he is|she is|they are|theyre|he|she) (?:is )?not (?:on|taking) (?:ldn"
        r"|naltrexone)\b",
        text,
    ):
        return False  # "my mom is on hospice with morphine, shes not taking ldn, i take it"
    # A question about starting LDN ("could she ever try ldn", "asked if ldn is like that"),
    # nobody saying they took both, is for the FAQ.
    if re.search(
        r"\b(?:is it|(?:can|could|should|would|may|might) (?:i|she|he|they|we|you|my \w+)|do i"
        r"|how long|does|is ldn|are|safe to|ask\w* (?:if|whether|about|me if)|wonder\w* (?:if"
        r"|whether)"
        r"|(?:try|trying|start|starting|switch\w* to|go on|going on) (?:ldn|naltrexone)"
        r"|(?:would|will|could|can|is) (?:ldn|naltrexone|it) (?:be|ever be)|in (?:the )?future"
        r"|(?:would|will|could|can|might) (?:ldn|naltrexone) (?:\w+ )?(?:help|work|suit)|one day"
        # English pass eight: a question for someone else ("what happens if someone on oxy takes
        # ldn by accident? asking for my friend")
        r"|asking for (?:a|my) \w+|what (?:would )?happens? if|what if"
        r"|some ?day)\b",
        text,
    ) and not re.search(r"\b(?:took|taken|had|swallowed)\b", text):
        return False
    for m in re.finditer(
        rf"\b(?:took|taken|had|swallowed|used|gave me|given|on|mixed|gave (?:him|her)|just started"
        rf"|got(?= (?:some |her |his |a )?{_OPIOID}\b))\b",
        text,
    ):
        c = _context(text, m.start(), m.end())
        if _negated(c) or re.search(r"\b(?:if|whether|before|what happens)\b", c.before):
            continue
        if _HISTORY.search(text):
            continue
        return True
    return False


_OVERDOSE_WORDS = re.compile(
    r"\b(?:"  # one check at each word start instead of one per alternative
    r"\boverdos(?:ed|ing|e)\b|\bover dos\w*"
    r"|\b(?:took|taken|had|swallowed|drank|take) (?:way |far )?too"
    r" (?:much|many)\b(?! (?:wine|alcohol|beer|coffee|food|time|long|water|sugar))"
    # English pass eleven: worries, drinks and things that are not a medicine ("it had too many
    # issues to swallow" in a joke)
    r"(?! (?:issues|problems|worries|things|questions|thoughts|feelings|emotions|drinks|glasses"
    r"|pints|shots|cocktails|snacks|sweets|biscuits|cookies|fun|going on|on my plate)\b)"
    r"|\b(?:emptied|poured) (?:the|my) (?:whole )?bottle into my mouth"
    # "took all my pills": every one there was, said as done ("all my morning pills", "all my
    # pills as usual" and "... except ldn" are a routine)
    r"|\b(?:took|taken|swallowed|downed|popped|ate) (?:all|every one|every single one|the rest)"
    r" (?:of )?(?:my |the |his |her |their |our )?(?:pills|capsules|caps|tablets|tabs|meds"
    r"|medications?|medicines?|ldn|naltrexone|sleeping (?:pills|tablets)|painkillers)\b"
    r"(?! (?:this|that|for|on time|as (?:usual|normal|always|prescribed)|like (?:always|normal"
    r"|usual)|with (?:breakfast|lunch|dinner|food)|in the morning|except|but|apart|other than"
    r"|at the usual|every (?:day|morning|night)|yesterday morning|today except))"
    r"|\b(?:took|taken|had|swallowed|drank) (?:a lot |a bit |way |much |far |lots )?more than (?:i"
    r" should(?: have| of)?|i was supposed to|prescribed|my dose|i meant to)\b"
    r"|\b(?:drink|drank|drunk|took|take|swallowed|ate|had) (?:all|whole|the whole|the entire"
    r"|all of) (?:the |my |a )?(?:bottle|pack|packet|box|jar|syringe|supply)\b"
    r"(?! of (?:water|juice|milk|wine|beer))"
    r"|\b(?:gave|given|handed) me (?:another|a second|an extra|one more)"
    r"(?: one| dose| capsule| pill)?\b"
    r"|\bdoubl(?:e|ed)[ -]?(?:dos\w*|up|my (?:own |usual |normal )?dose|it)\b"
    r"|\b(?:two|2|three|3|double) doses (?:tonight|today|this (?:evening|morning)|in one night)\b"
    r"|\b(?:tripl\w*|quadrupl\w*)[ -]?(?:dos\w*|up)\b"
    rf"|\b(?:{_COUNT}|\d+) times (?:my|the|a|what i|my normal|my usual) (?:\w+ )?dose"
    r"|\b(?:twice|double|triple) (?:the|my) (?:\w+ )?dose"
    r"|\b(?:took|taken|had|swallowed) (?:\w+ ){0,2}?(?:two|2|both) doses\b"
    r"|\b(?:took|taken|had|swallowed) (?:an? )?extra (?:\d+(?:\.\d+)?|one)\b"
    r"|\b(?:took|taken|had|swallowed) (?:an? )?(?:extra|second|another) (?:capsule|pill|dose|cap"
    r"|tablet)s?\b"
    r"|\b(?:took|taken|had|swallowed) another(?: one)?(?= (?:at|an hour|later|after|by mistake"
    r"|forgetting|not thinking|without thinking|not remembering"
    r"|by accident|too|because|as i|since i|cause i)\b|\s*(?:[,.!?]|$))"
    r"|\b(?:took|taken|had) (?:a )?(?:double|triple)\b(?! (?:check\w*|espresso|shot|shift))"
    r"|\btomorrows dose (?:too|as well)\b"
    # English pass seven: a third time, a dose tripled, the syringe filled over and over, a share
    # of the liquid's bottle drunk, capsules gone that must have been taken
    r"|\b(?:took|taken|had|gave|given|swallowed)\b.{0,60}\b(?:a|the) third (?:time|dose)\b"
    r"|\btripled (?:my|the|his|her|their) (?:\w+ )?dose\b"
    r"|\b(?:filled|drew up|refilled) (?:it|the syringe|the dropper|my syringe) (?:up )?(?:2|two|3"
    r"|three|4|four|5|five|\d\d) times\b"
    r"|\b(?:drank|drunk|swallowed|swigged|downed|gulped)\b (?:like |about |maybe |around |almost )?"
    r"(?:a quarter|a third|half|the rest|most|some) of (?:the|my|her|his) (?:\w+ ){0,2}bottle\b"
    r"(?! of (?:water|juice|milk|wine|beer|soda|coke|vodka))"
    r"|\bmust have (?:taken|swallowed) (?:them all|all of them|all (?:\d+|the \w+))\b"
    r"|\b(?:took|taken|had|swallowed|take) (?:it|ldn|naltrexone|(?:my|the|her|his|a|tonights?)"
    r" (?:\w+ )?(?:doses?|ldn|capsules?|pills?|tablets?|meds?|naltrexone))(?: \w+)?? (?:twice"
    r"|two times"
    r"|three times|again|2 times|3 times)\b(?! as)"
    r"|\btook it (?:twice|again)\b|\btook (?:it )?again\b"
    # English pass eleven: the day's dose, then the same again later ("took my dose this morning
    # by habit and then again at bedtime when the reminder came")
    r"|\b(?:took|taken|had|swallowed) (?:it|ldn|naltrexone|(?:my|the|tonights|todays) (?:\w+ )?"
    r"(?:dose|capsule|cap|pill|tablet|ldn|naltrexone))\b.{0,60}?\b(?:and|then) (?:then )?again"
    r" (?:at|in the|this|tonight|later|before|after|when)\b"
    # "taken in error the dose two time", "took my capsules more then once", "then another at 11"
    r"|\b(?:took|taken|take|had|swallowed)\b(?: \w+){0,3}? (?:the|my) (?:\w+ )?(?:dose|capsules?"
    r"|pills?"
    r"|ldn) (?:two|2|three|3) times?\b|\b(?:two|2|three|3) time (?:my|the) (?:\w+ )?dose\b"
    r"|\b(?:took|taken|had|swallowed) (?:it|my|the) (?:\w+ )?(?:more th[ae]n once|several times"
    r"|multiple times)|\b(?:took|taken|had) (?:one|it|(?:a|my|the|tonights|todays|last nights)"
    r" (?:\w+ )?(?:dose|capsule|cap|pill"
    r"|tablet))\b.{0,30}\bthen another\b(?! (?:\w+ )?(?:the next|next|the following|a day|the day))"
    r"(?!(?: (?:dose|one|pill|capsule|tablet))? of (?!(?:my |the )?(?:ldn|naltrexone|capsules?|caps"
    r"|pills?|doses?)\b))"
    r"|\b(?:took|taken|had|swallowed) (?:my|the|his|her|their) \d+(?:\.\d+)? ?(?:mg )?(?:twice"
    r"|two times|again)\b"
    rf"|\b(?:{_TOOK}) (?:\w+ ){{0,2}}?(?:the|my|a|her|his|half (?:the|a|my)|an?)? ?(?:whole|entire"
    r"|full|half) ?(?:the |my |a )?(?:pill |capsule |blister )?(?:bottle|pack|packet|box|jar"
    r"|supply|month|months|week|weeks"
    r"|blister|syringe|strip)\b(?! (?:of (?:water|juice|milk|wine|beer|soda|coke|coffee|tea)|off))"
    r"|\b(?:took|taken|swallowed|drank) (?:all (?:of )?)?(?:my|the) (?:\w+ )?(?:capsules|pills"
    r"|caps|tablets|meds|doses) (?:for|of) (?:the|a|this) (?:week|month)"
    r"|\ball (?:of )?(?:my|the) (?:\w+ )?(?:capsules|pills|caps|tablets|doses|meds|ldn)\b"
    r"(?: \w+){0,3}?"
    r" (?:at once|in one go|at the same time|together)"
    r"|\b(?:50|100|25) ?mg (?:naltrexone |ldn )?(?:tablet|tab|pill|capsule|cap)s?\b"
    r"(?=.*\b(?:took|swallowed|taking|taken|been taking)\b)"
    r"|\b(?:took|taken|taking|swallowed) (?:my |the |all my |all of my )?(?:whole|entire|full"
    r"|all my)"
    r" prescription\b"
    r")"
)
# "i am take two time today my ldn", "taking 2 time the 4.5 mg": the same dose twice on one day,
# in a learner's grammar (not "two time in day", which is a schedule).
_TIMES_TODAY = re.compile(
    r"\b(?:take|taking|took|taked|taken)\b(?: \w+){0,2}? (?:(?:two|2|three|3) times?|double time"
    r"|(?:two|2|three|3|double) doses)\b"
    r"(?! (?:a|in|per|each|every|in a) (?:day|week|night)| daily)"
    r"(?=.*\b(?:today|tonight|this (?:day|night|evening)|by (?:the )?mistake|forgot|already"
    r"|(?:last|past) (?:\d+|few|couple of|two|three) (?:hrs|hours)|kept forgetting)\b)"
)
# English pass eight: the total the patient adds up ("so 2 of 4.5 tonight", "2 caps of 3mg", "3 in
# total", "2 x 4.5", "4.5 each", "thats 9mg total", "so 7.5 mg tonight", "she's had 2 tonight",
# ", 2 doses"): more than one capsule or more than 4.5 mg in one night
_TOTAL_COUNT = re.compile(
    rf"\b({_COUNT}) (?:in total|total|altogether|all together)\b"
    rf"|\b(?:so|thats|that is|making|makes|in total|total of|total)\s*(?:like |about |maybe )?"
    rf"({_COUNT}) (?:doses|caps|capsules|pills|tablets)(?: total| in total| tonight| today)?"
    r"\s*(?:[,.!?]|$)"
    rf"|,\s*({_COUNT}) doses\s*(?:[,.!?]|$|tonight|today|total)"
    rf"|\b(?:had|taken|took) ({_COUNT}) (?:tonight|today|this evening)\b"
)
_TOTAL_STRENGTH = re.compile(
    rf"\b({_COUNT}) (?:caps |capsules |pills |tablets |doses )?(?:of|x) ?(?:the |my )?"
    r"(\d+(?:\.\d+)?) ?(?:mg|s)?\b(?! ?(?:ml|mg ml|/ml))"
    rf"|\b({_COUNT})\b.{{0,40}}?\b(\d+(?:\.\d+)?) ?(?:mg )?each\b"
)
_TOTAL_MG = re.compile(
    r"(?:\b(?:so|thats|that is|making|makes|in total|total of|total)\s*(?:like |about |maybe )?"
    r"|(?:^|[.!?]) )(\d+(?:\.\d+)?) ?mg(?: total| in total| tonight| today)?\s*(?:[,.!?]|$"
    r"|tonight|today|total)"
)
# "took another one": a second capsule on top of the first, said with what shows it was one too
# many ("then", "by mistake", "forgot i had"); "only one in total" and a dose spat out are not
_ANOTHER = re.compile(
    r"\b(?:took|had|swallowed|gave (?:her|him|me|them)|taken) (?:another|one more|a second"
    r"|an extra)\b(?! (?:day|night|week|look|try|go|chance|bottle|box|pack|refill|prescription"
    r"|appointment|test|nap|shower|break|round))"
)
_ANOTHER_TOO_MANY = re.compile(
    r"\b(?:then|later|plus|on top|by mistake|by accident|accidentally|confus\w*|already"
    r"|forgot (?:that )?i (?:had|took|did|already)|forgot and)\b"
)
_ONLY_ONE = re.compile(
    r"\bonly (?:one|1)(?: in total| total| capsule| dose)?\b|\bspit (?:it|the \w+|one) out\b"
    r"|\b(?:yesterday|last night|missed|skipped)\b"
)
# "took 2 of the 4.5": a count of capsules of a named strength.
_COUNT_OF_STRENGTH = re.compile(
    rf"\b(?:{_TOOK}) ({_COUNT}) of (?:my|the|her|his) (\d+(?:\.\d+)?)(?: ?mg)?\b(?! ?(?:ml|mg/ml))"
)
# "took tonights dose and last nights dose together": two nights' doses at once.
_TWO_NIGHTS = re.compile(
    r"\b(?:tonights|last nights|yesterdays|todays|tomorrows|this mornings|mornings|nights)"
    r" (?:\w+ )?dose and (?:\w+ ){0,2}(?:tonights|last nights|yesterdays|todays|tomorrows"
    r"|mornings|nights)(?:(?: \w+)? dose\b|(?=\s*(?:[,.!?;]|$|too\b|together\b|at once\b)))"
)
_COUNT_TAKEN = re.compile(
    rf"\b(?:{_TOOK}|take) (?:(?:like|about|around|maybe|probably|accidentally|accidently|by"
    rf" mistake|by error|in error|by accident|mistakenly|some|all|of|my|the|her|his|in total) )*"
    rf"({_COUNT})(?: of (?:my|the|her|his))?"
    rf"(?: (?:\d+(?:\.\d+)? ?mg|ldn|extra|more|\w+mg))? {_UNIT}\b|\b(?:{_TOOK}) ({_COUNT}) of"
    rf" (?:my|the|her|his) (?:\d+(?:\.\d+)? ?(?:mg )?)?(?:ldn|capsules?|caps|pills?|tablets?)\b"
    rf"|\b(?:{_TOOK}) (?:my|the|her|his|a) (?:\w+ )?(?:ldn|dose|capsule|pill) ({_COUNT}) times\b"
    rf"|\bswallowed ({_COUNT}) (?:capsules?|pills?|caps|tablets?)\b"
    rf"|\b(?:{_TOOK}|take) ({_COUNT}) {_UNIT}\b"
)
# English pass ten: capsules packed, not swallowed ("i need to take 21 capsules with me")
_PACKED = re.compile(
    r"^ ?(?:with me|along|on (?:holiday|the trip|vacation)|in my (?:bag|luggage|case|suitcase)"
    r"|abroad|to (?:work|school|the office))\b"
)
_STRENGTH_AFTER = re.compile(r"^ of (?:my )?(\d+(?:\.\d+)?) ?mg\b")
# "took 6 of them", "..., all 7 of them": a count of something named before, three or more (two
# can be the dose); a count of a strength where one was meant; a kitchen measure of the liquid.
_COUNT_OF_THEM = re.compile(
    rf"\b(?:{_TOOK})\b.{{0,60}}\ball ({_COUNT}) of (?:them|those|these)\b"  # "..., all 7 of them"
    # "taken four 4.5s instead of one": a count of a strength where one was meant
    rf"|\b(?:{_TOOK}) ({_COUNT}) (?:\d+(?:\.\d+)? ?s|x \d+(?:\.\d+)?|of (?:my|the) \d+(?:\.\d+)?s?"
    r"|\d+(?:\.\d+)? ?(?:mg )?(?:capsules|caps|pills|tablets))"
    r" instead of (?:one|1|my (?:one|usual))\b"
    # "poured 2 teaspoons of the 1mg/ml solution": teaspoons (5 ml each) counted
    rf"|\b(?:{_TOOK}|used|measured|poured|gave (?:him|her|myself)) (?:2|two|3|three|4|four|5"
    r"|five) (?:teaspoon|tsp)s? of (?:my |the )?(?:\d+(?:\.\d+)? ?mg ml )?(?:ldn |naltrexone )?"
    r"(?:ldn|naltrexone|solution|liquid)\b"
    # "had a full tablespoon of my ldn solution": a kitchen measure of the liquid
    rf"|\b(?:{_TOOK}|used|measured|poured|gave (?:him|her|myself)) (?:a |one |two |three |four "
    r"|five |[2-9] )?(?:full |whole "
    r"|heaped |big )?(?:table ?spoon|tbsp|cup|glass|mug"
    r"|shot)(?:ful)?s? of (?:my |the )?(?:ldn |naltrexone )?(?:ldn|naltrexone|solution|liquid)\b"
    # "used the big spoon instead of the syringe": a kitchen spoon where a syringe measures ml
    r"|\b(?:table ?spoon|tbsp|big spoon|soup spoon|spoon|teaspoon|tsp)\b.{0,40}\binstead of"
    r" (?:the |my |a )?(?:oral )?(?:syringe|dropper|pipette)\b|"
    rf"\b(?:{_TOOK}) (?:(?:like|about|around|maybe|probably|all) )?({_COUNT}) of (?:them|those"
    rf"|these)\b"
)
# "filled it to the 45 line" while the label says 4.5: a liquid measured against the wrong mark.
_FILLED_TO = re.compile(
    r"\b(?:fill\w*|drew|drawn|draw|pulled|measured|pour\w*|squirt\w*)\b(?: \w+){0,3}?"
    r" (?:to|up to|past|over) the (\d+(?:\.\d+)?) ?(?:ml )?(?:line|mark)\b"
)
_WAY_PAST_THE_LINE = re.compile(
    r"\b(?:way|well|far) (?:past|over|above) the (?:line|mark)\b"
    r"|\bmisread the (?:syringe|dropper|label|line|mark\w*|measure\w*)\b"
)
_VOLUME = re.compile(
    r"\b(?:took|taken|drank|drunk|had|swallowed|measured|poured|take by mistake|accidentally take)"
    r" (?:(?!of\b)[\w.]+ ){0,4}?(\d+(?:\.\d+)?) ?(?:ml|mls|millilit\w+|cc)\b"
)
_MG = re.compile(
    r"\b(?:took|taken|swallowed|had|drank|take by mistake) (?:(?:a|an|my|the|like|about|around"
    r"|accidentally|accidently|(?:my |his |her )?\w+s) )*(\d+(?:\.\d+)?) ?(?:mg|milligrams?)\b"
)


_STATED_VOLUME = re.compile(
    r"\b(?:my|the|usual|normal) (?:usual |normal )?dose (?:is|was"
    r"|should be) (\d+(?:\.\d+)?) ?(?:ml|mls|cc)\b"
)
# "gave me my ldn and i had already taken it": a second dose on top of the first.
_ALREADY_TAKEN = re.compile(
    r"\b(?:gave|given|took|taken|had|swallowed)\b.{0,40}\b(?:i had|id|i have|ive|i|had) already"
    r" (?:taken|took|had) (?:it|my dose|my ldn|one|my capsule|my pill|that nights dose|mine)\b"
    r"|\balready (?:taken|took|had) (?:it|my dose|my ldn|my capsule|my pill)\b.{0,40}\b(?:took"
    r"|taken"
    r"|gave me|had|swallowed) (?:another|it again|a second|one more|again)\b"
)
# "no wait, i checked, only once": the patient takes the report back.
_SELF_CORRECTED = re.compile(
    r"\b(?:no|nope|no wait|actually|false alarm|never ?mind|nvm|scratch that)\b.{0,60}\b(?:(?:only"
    r"|just) (?:once|one|took one|had one)|(?:it|they|those) (?:was|were) (?:just |only )?(?:my )?"
    r"(?:vitamins?|supplements?|magnesium|fish oil|other pills?|tic ?tacs?|sweets|mints))\b"
    r"|\b(?:paranoid|worried|scared|thought|afraid) (?:that )?i (?:had )?(?:doubled|double dosed"
    r"|took (?:it |one )?twice|took (?:it )?again)\b.{0,30}\bbut i (?:didnt|hadnt)\b"
    r"|\bexactly the right (?:number|amount|count)\b"
)
# "the pharmacy made it 45mg instead of 4.5 and i took it": a strength ten times too high.
_WRONG_STRENGTH = re.compile(
    r"\b(\d+(?:\.\d+)?) ?mg\b(?=.{0,40}\b(?:instead of|by mistake|by accident|wrong|mix ?up"
    r"|mixed up|error)\b)|\b(?:instead of|wrong|mixed up|mix up)\b.{0,40}\b(\d+(?:\.\d+)?) ?mg\b"
)
# "filled the syringe to 10 instead of 1 and took it" (a time, "at 10 instead of 9", is not).
_INSTEAD_OF = re.compile(
    r"(?<!\bat )(?<!\bby )(?<!\baround )(?<!\buntil )\b(\d+(?:\.\d+)?) ?(?:ml|mls|mg|caps?|capsules"
    r"|pills?)?(?: of (?:the|my) \w+)? (?:instead of|not|rather than) (?:the |my |a )?"
    r"(\d+(?:\.\d+)?)\b"
    r"(?! ?(?:pm|am|oclock|o clock))"
)
# English pass eleven: a bigger syringe or measure filled ("it was the 10 ml one filled right to
# the top, not the 1 ml")
_ML_NOT_ML = re.compile(
    r"\b(\d+(?:\.\d+)?) ?(?:ml|mls|cc)\b[\w ,]{0,50}?\b(?:not|instead of|rather than)"
    r" (?:the |my |a )?(\d+(?:\.\d+)?) ?(?:ml|mls|cc)\b"
)
_FILLED_OR_TAKEN = re.compile(
    r"\b(?:filled|full|to the top|drew up|drawn up|drank|drunk|took|taken|swallowed|squirted"
    r"|gave (?:him|her|them|myself))\b"
)
_TOOK_ANY = re.compile(
    r"\b(?:took|taken|swallowed|drank|drunk|had|gave me|gave (?:her|him|them)|drew up|drawn up"
    r"|measured|filled|been taking)\b"
)
_TOOK_IT = re.compile(
    r"\b(?:i|and|then) (?:took|swallowed|drank|had) (?:it|one|them|some|a dose)\b"
)
_STATED_DOSE_MG = re.compile(
    r"\b(?:my|the) (?:new )?dose is (\d+(?:\.\d+)?)(?: ?mg)?\b(?! ?ml)"
    r"|\b(?:for|as) (?:my|the|a) (\d+(?:\.\d+)?) ?mg dose\b"
)
_STRENGTH_INSIDE = re.compile(r"\b(\d+(?:\.\d+)?) ?mg\b")
_AGAIN = re.compile(r"\b(?:twice|again|two times)\b")
# "took it late twice", "took it again after a break": the timing, not the amount, changed.
_RESUMED_OR_LATE = re.compile(
    r"\b(?:late|early|after (?:\w+ ){0,3}?(?:break|pause|holiday|weeks?|months?|days?"
    r"|missing|skipping)|off|last week|this week|forgot|forgetting|instead of \d+ ?(?:pm|am))\b"
)
_ALREADY = re.compile(
    r"\b(?:already|forgot (?:that )?i (?:had|took|did|already)|(?:because|since|cause|as) i forgot"
    r"|took\b.{0,40}\bthen (?:\w+ )?(?:took|take|taken|had)|forgetting i (?:had|took|did))\b"
)


# "almost took it twice", "nearly swallowed another": a second dose that did not happen (a whole
# bottle nearly swallowed is still a red flag).
_SECOND_DOSE = re.compile(r"\b(?:twice|again|two times|another|extra|second|doubl\w*)\b")
# "overdosed on true crime docs", "an overdose of family time": too much of something that is no
# medicine or drug (an overdose "on" a medicine, a drug or alcohol is still one).
_OVERDOSE_OF_WHAT = re.compile(r"^ (?:on|of) ((?:\w+ ){0,2}\w+)")
_A_DRUG = re.compile(
    rf"\b(?:{_MED}|{_OPIOID}|{_PAINKILLER}|drugs?|paracetamol|acetaminophen|tylenol|panadol"
    r"|ibuprofen|advil|aspirin|insulin|sleeping|antidepressants?|benzos?|xanax|valium|alcohol"
    r"|booze|vodka|it|them|purpose|my|his|her|their|something|everything|stuff|\d[\w.]*)\b"
)
_NEAR_MISS_BEFORE = re.compile(
    r"\b(?:almost|nearly|was about to|was going to|was gonna|went to)"
    r"(?: \w+)?\s*$"
)


# The liquid drunk from the bottle itself ("drank a big gulp straight from the ldn bottle",
# "swigged it like a shot"): no measured dose, many times it.
_FROM_THE_BOTTLE = re.compile(
    r"\b(?:drank|drunk|drink|swigged|swig|gulped|downed|took a (?:gulp|swig|mouthful|shot))\b"
    r"(?: [\w.]+){0,10}? (?:straight|right|directly) (?:from|out of) (?:the|my) (?:\w+ )?bottle\b"
    r"|\b(?:drank|swigged|gulped|downed)\b (?:from|out of) (?:the|my) (?:\w+ )?bottle"
    r" (?:straight|like a shot)\b"
    r"|\b(?:swigged|swig|gulped|sips?|mouthfuls?)\b(?: [\w.]+){0,8}? (?:from|out of) the (?:\w+ )?"
    r"bottle\b.{0,20}\bno (?:syringe|dropper|measur\w*)\b"
)


# English pass ten (kinds from a training file and blind rounds 15-17): a second dose told by its
# times ("took it at 10 then again at 11"), a dose repeated and a slip named ("took my ldn twice
# on accident", "the reminder went off and i took it again"), a count taken by mistake, the 50 mg
# tablet taken for LDN, days' worth or most of a supply at once, a kitchen measure or a capful of
# the liquid drunk, a handful, a count every night "instead of 1".
_AGAIN_BY_TIME = re.compile(
    r"\b(?:took|take|taken|had|gave|given|got)\b.{0,40}\bat \d+(?:[. ]\d\d)?(?: ?(?:pm|am))?\b"
    r"(?: \w+){0,6}? (?:again|another(?: one)?)(?: \w+){0,2}? at (?:\d|midnight|mid ?night)"
)
_REPEATED = re.compile(
    r"\b(?:took|taken|take|had|gave|given|got)\b(?: [\w.]+){0,3}? (?:twice|two times|again)\b"
    r"(?! (?:a|per|each|every) (?:day|night|week)| daily| weekly| tomorrow| next)"
    r"|\b(?:took|take|taken|had)\b (?:another|a second)(?: one)?\b"
)
_A_SLIP = re.compile(
    r"\b(?:by (?:accident|mistake)|on accident|accident\w*|mistak\w*|forgot (?:i (?:had|already)"
    r"|that i)|forgetting|in a fog|(?:was|wasnt|not) sure (?:if|whether|i had)|was not sure"
    r"|wasnt sure|reminder (?:went off|pinged|came|buzzed)|my memory|muddled|confused|mixed up"
    r"|dementia|forgot i already)\b"
)
_TOLD_TO_REPEAT = re.compile(
    r"\b(?:told|said|wants?|asked|advised) (?:me |him |her )?to (?:take|have|give)\b.{0,20}"
    r"\b(?:twice|again|another)\b"
)
_MORE_BY_MISTAKE = re.compile(
    r"\b(?:took|taken|take|had|swallowed)\b (?:\w+ ){0,2}?(?:2|3|4|5|6|two|three|four|five|six)\b"
    r"(?: \w+){0,4}? (?:by (?:mistake|accident)|on accident)\b"
    r"|\b(?:2nd|second|third|3rd) (?:cap|capsule|dose|pill|tablet|one)\b.{0,10}\b(?:by (?:mistake"
    r"|accident)|on accident)\b"
    r"|\bboth gave (?:me|him|her) (?:my|his|her|the) (?:dose|ldn|capsule|meds)\b"
    r"|\b(?:took|take|taken|swallowed|had)\b.{0,40}\b(?:50|25) ?mg\b.{0,60}\b(?:instead of"
    r"|thinking it was|thought it was|by mistake|by accident|mistak)"
    r"|\b(?:accident\w*|by mistake|mistakenly) (?:\w+ ){0,3}?(?:took|take|swallowed)\b.{0,40}"
    r"\b(?:50|25) ?mg\b"
    r"|\b(?:took|taken|had)\b.{0,20}\b(?:two|2|three|3|several|a few) (?:days|nights) ?s? worth\b"
    r"|\b(?:taken|took|had) (?:her|his|my|their) (?:ldn|dose|capsules?|pills?) (?:a few|several"
    r"|many|multiple|three|3|four|4) times (?:today|tonight|this morning)\b"
    r"|\b(?:pockets|compartments|slots|blisters) (?:are |were )?empty\b.{0,60}\bonly (?:should"
    r" have|supposed to|meant to) (?:have )?had one\b"
    r"|\b(?:poured|drank|drunk|took|had|swallowed|downed)\b (?:a |the |like a |like |about a )?"
    r"(?:whole |full |entire )?(?:capful|cap ?full|tablespoon|teaspoon|dose cup|cupful|spoonful"
    r"|tbsp|tsp)\b(?:(?! of (?:water|honey|sugar|juice|milk|syrup|yogh?urt|jam|peanut butter"
    r"|apple ?sauce|oil|vinegar|tea|coffee|medicine|cough)).){0,60}\b(?:ldn|liquid|solution"
    r"|naltrexone|bottle|instead of|mixture)\b"
    r"|\b(?:drank|swigged|gulped)\b (?:straight )?(?:from|out of) the (?:\w+ )?bottle\b.{0,40}"
    r"\b(?:didnt|did not|without) measur"
    r"|\b(?:took|swallowed|had|downed) (?:a )?(?:whole )?handful\b"
    r"|\b(?:took|swallowed|had|taken)\b (?:\w+ ){0,2}(?:most|all|half) of (?:the|his|her|my|their)"
    r" (?:weeks?|months?|bottle|packet|box|supply)\b"
    r"|\b(?:took|had|swallowed|helped (?:myself|himself|herself) to) (?:2|3|4|5|6|two|three|four"
    r"|five|six) (?:\w+ )?at once\b"
    r"|\b(?:taking|took|taken|had)\b (?:2|3|two|three|4|four) (?:\w+ )?(?:capsules|caps|pills"
    r"|tablets|doses)\b.{0,40}\binstead of (?:1|one)\b"
)

# "i took it twice by accident? no wait, only once": the report taken back; a slip long over
_TAKEN_BACK = re.compile(
    r"\? no\b(?: wait| it was| i checked| actually)?|\bjust asking\b|\basking for (?:a|my) \w+"
)
_OVER_AND_FINE = re.compile(
    r"\b(?:was|were|been|turned out) (?:totally |completely )?(?:fine|ok|okay)\b"
)
_LONG_ON = re.compile(r"\bfor (?:years|months|a (?:year|month)|\d+ (?:years|months))\b|\bused to\b")
_TWO_DAYS = re.compile(
    r"\b(?:yesterday|last night|the night before|previous (?:night|day)|each|every|daily)\b"
)
_WHEN_PAST = re.compile(r"\b(?:last|a) (?:month|year)\b|\bago\b|\bback in\b")


def _dose_repeated(text: str) -> bool:
    """English pass ten's kinds of a second or bigger dose (_AGAIN_BY_TIME, _MORE_BY_MISTAKE)."""
    if (
        _TOLD_TO_REPEAT.search(text)
        or _LONG_ON.search(text)
        or re.search(
            r"\b(?:put|poured|spat|tipped) (?:it |them )?back\b|\bdidnt (?:drink|take|swallow)\b",
            text,
        )
    ):
        return False
    if _TAKEN_BACK.search(text) or (_OVER_AND_FINE.search(text) and _WHEN_PAST.search(text)):
        return False
    for pattern in (_AGAIN_BY_TIME, _MORE_BY_MISTAKE):
        if pattern is _AGAIN_BY_TIME and _TWO_DAYS.search(text):
            continue  # "took it at 10 last night and again at 10 tonight": two nights' doses
        for m in pattern.finditer(text):
            c = _context(text, m.start(), m.end())
            sentence = _sentence(text, m.start(), m.end())
            if _PRESCRIBER.search(sentence) and not _A_SLIP.search(sentence):
                continue
            if _a_report(c) and not _NEAR_MISS_BEFORE.search(c.before):
                return True
    if not _A_SLIP.search(text):
        return False
    for m in _REPEATED.finditer(text):
        c = _context(text, m.start(), m.end())
        sentence = _sentence(text, m.start(), m.end())
        if _RESUMED_OR_LATE.search(sentence) and not _ALREADY.search(sentence):
            continue
        if _a_report(c) and not _NEAR_MISS_BEFORE.search(c.before):
            return True
    return False


def _overdose(text: str) -> bool:
    if _NEAR_MISS.search(text) and _CAUGHT_IN_TIME.search(text) and not _A_SLIP.search(text):
        return False  # "almost took the 50mg tab from my old rx, noticed the size and put it back"
    found = _FROM_THE_BOTTLE.search(text) if "bottle" in text else None
    if found and _a_report(_context(text, found.start(), found.end())):
        return not _past_and_well(text)
    return (_overdose_words(text) or _dose_repeated(text)) and not _past_and_well(text)


def _overdose_words(text: str) -> bool:
    if _SELF_CORRECTED.search(text):
        return False
    for m in _WRONG_STRENGTH.finditer(text):
        if (
            float(m.group(1) or m.group(2)) >= 10
            and _TOOK_IT.search(text)
            and _a_report(_context(text, m.start(), m.end()))
        ):
            return True
    for m in _OVERDOSE_WORDS.finditer(text):
        c = _context(text, m.start(), m.end())
        sentence = _sentence(text, m.start(), m.end())
        if (
            _AGAIN.search(m.group(0))
            and _RESUMED_OR_LATE.search(sentence)
            and not _ALREADY.search(sentence)
        ):
            continue
        if re.search(
            r"\b(?:ill|i will|im going to|i am going to|gonna|going to)(?: \w+)?\s*$", c.before
        ):
            continue  # "ill take all my capsules in one go?": a plan asked about, not a deed
        if _NEAR_MISS_BEFORE.search(c.before) and _SECOND_DOSE.search(m.group(0)):
            continue  # "almost took it twice but ...": the slip did not happen
        if re.search(
            r"\b(?:chapter|lecture|module|course|article|essay|paper|unit|class|talk) (?:on|about)"
            r" $",
            c.before,
        ):
            continue  # "a chapter on overdose and suicide": a topic studied
        if re.match(r"doubl\w*[ -]?(?:up|it|my)", m.group(0)) and re.search(
            r"\b(?:do|should|can|shall|could|would|must|ought) (?:i|we|you|he|she|they|(?:my|our)"
            r" \w+)(?: just| simply)? $",
            c.before,
        ):
            continue  # English pass nine: "skipped yesterdays dose, do we double up": asked
        what = _OVERDOSE_OF_WHAT.match(text[m.end() :])
        if (
            m.group(0).startswith(("overdos", "double dose"))
            and what
            and not _A_DRUG.search(what.group(1))
        ):
            continue
        if (
            _a_report(c)
            and not _PRESCRIBER.search(_sentence(text, m.start(), m.end()))
            and not _OVER_TIME.search(c.after)
            and not re.search(r"\b(?:cant|can not|cannot|hard to|easy to) overdos", text)
        ):
            return True
    for m in _TIMES_TODAY.finditer(text):
        if _a_report(_context(text, m.start(), m.end())) and not _PRESCRIBER.search(text):
            return True
    for m in _COUNT_TAKEN.finditer(text):
        count = next(g for g in m.groups() if g)
        c = _context(text, m.start(), m.end())
        after = text[m.end() : m.end() + 60]
        if (
            _number(count) < 2
            or not _a_report(c)
            or _PRESCRIBER.search(_sentence(text, m.start(), m.end()))
        ):
            continue
        if _OVER_TIME.search(after) or _NOT_LDN_AFTER.search(after) or _PACKED.match(after):
            continue
        stated = _STATED_DOSE_MG.search(text)
        if stated and _number(count) * 1.5 <= float(stated.group(1) or stated.group(2)) + 0.01:
            continue  # "took 2 capsules ... my dose is 3": the count fits the stated dose
        inside = _STRENGTH_INSIDE.search(m.group(0))  # "two 1.5mg capsules"
        if inside and _number(count) * float(inside.group(1)) <= 4.5:
            continue
        strength = _STRENGTH_AFTER.search(after)
        if strength and _number(count) * float(strength.group(1)) <= 4.5:
            continue
        return True
    for m in _COUNT_OF_THEM.finditer(text):
        count = next((g for g in m.groups() if g), "5")  # a kitchen measure has no count
        if _number(count) >= 3 and _a_report(_context(text, m.start(), m.end())):
            return True
    for m in _FILLED_TO.finditer(text):
        other = [float(x) for x in re.findall(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])", text)]
        filled = float(m.group(1))
        if any(x > 0 and filled / x >= 5 for x in other) and _a_report(
            _context(text, m.start(), m.end())
        ):
            return True
    for m in _WAY_PAST_THE_LINE.finditer(text):
        if _TOOK_ANY.search(text) and _a_report(_context(text, m.start(), m.end())):
            return True
    for m in _INSTEAD_OF.finditer(text):
        taken, meant = float(m.group(1)), float(m.group(2))
        if meant > 0 and taken / meant >= 2 and _TOOK_ANY.search(text):
            c = _context(text, m.start(), m.end())
            if _a_report(c) and not _PRESCRIBER.search(_sentence(text, m.start(), m.end())):
                return True
    for m in _ML_NOT_ML.finditer(text):
        taken, meant = float(m.group(1)), float(m.group(2))
        if (
            meant > 0
            and taken / meant >= 5
            and _FILLED_OR_TAKEN.search(text)
            and _a_report(_context(text, m.start(), m.end()))
        ):
            return True
    for m in _COUNT_OF_STRENGTH.finditer(text):
        if _number(m.group(1)) * float(m.group(2)) > 4.5 and _a_report(
            _context(text, m.start(), m.end())
        ):
            return True
    for m in _TWO_NIGHTS.finditer(text):
        if _a_report(_context(text, m.start(), m.end())):
            return True
    took = _TOOK_ANY.search(text) or re.search(
        r"\bdid take\b|\btake\b.{0,20}\bby (?:accident|mistake)", text
    )
    if took and not _PRESCRIBER.search(text) and not _OPIOID_STRICT.search(text):
        for m in _TOTAL_COUNT.finditer(text):
            count = next(g for g in m.groups() if g)
            if (
                _number(count) >= 2
                and "." not in count  # "both caps, 4.5 total": a strength, not a count
                and _a_report(_context(text, m.start(), m.end()))
            ):
                return True
        for m in _TOTAL_STRENGTH.finditer(text):
            number, each_mg = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if (
                _number(number) >= 2
                and _number(number) * float(each_mg) > 4.5
                and _a_report(_context(text, m.start(), m.end()))
            ):
                return True
        for m in _TOTAL_MG.finditer(text):
            if float(m.group(1)) > 4.5 and _a_report(_context(text, m.start(), m.end())):
                return True
    for m in _ANOTHER.finditer(text):
        if (
            _ANOTHER_TOO_MANY.search(text)
            and not _ONLY_ONE.search(text)
            and not _NEAR_MISS_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            and not _PRESCRIBER.search(text)
            and _a_report(_context(text, m.start(), m.end()))
        ):
            return True
    for m in _ALREADY_TAKEN.finditer(text):
        if _OPIOID_ANY.search(m.group(0)):
            continue  # "gave me hydrocodone and i already took my ldn": co-use, not a second dose
        if _a_report(_context(text, m.start(), m.end())):
            return True
    stated = _STATED_VOLUME.search(text)  # "my dose is 0.5 ml but i drank 5 ml"
    volume_limit = min(5.0, 2 * float(stated.group(1))) if stated else 5.0
    for pattern, limit in ((_VOLUME, volume_limit), (_MG, 4.5)):
        for m in pattern.finditer(text):
            after = text[m.end() : m.end() + 40]
            if float(m.group(1)) <= limit or _NOT_LDN_AFTER.search(after):
                continue
            if re.search(r"^ ?(?:with|of|in)? ?(?:water|juice|milk|tea|coffee)\b", after):
                continue
            c = _context(text, m.start(), m.end())
            if _a_report(c) and not _PRESCRIBER.search(_sentence(text, m.start(), m.end())):
                return True
    return False


# Someone outside the household who had something, without a "now": their story, not a report.
_SOMEONE_ELSES_PAST = re.compile(
    r"\b(?:cousin|aunt|auntie|uncle|friend|grand\w+|neighbou?r|colleague|coworker|co worker|boss"
    r"|someone|somebody|people|in ?laws?|niece|nephew|classmate|mum|mom|mother|dad|father|brother"
    r"|sister|step\w+)\b(?: (?!just\b)\w+){0,3}? (?:had|got|once had|also had|used to)\b(?! to\b)"
    r"(?!.*\b(?:just|now|today|tonight|this (?:morning|evening|afternoon)|last night|minutes? ago"
    r"|an hour|earlier|after (?:his|her|their) (?:ldn|dose|naltrexone)"
    # "mum just had a convulsion, she is on ldn for ms": hers, and she is on LDN
    r"|(?:she|he|they) (?:is|s|are) on (?:ldn|naltrexone|low dose))\b)"
)


# Someone else's state long ago, told in a sentence that says so ("my grandad was yellow with
# jaundice when he had his gallstones, way back"), and nothing said to be happening now.
_RELATIVE_WAS = re.compile(
    r"\bmy (?:grand\w+|gran|granny|nan|nana|grandpa|grandma|great \w+|uncle|aunt\w*|cousin"
    r"|late \w+)\b(?: \w+){0,2}? (?:was|were|went|turned|got)\b"
)
_NOW_WORDS = re.compile(
    r"\b(?:just|now|today|tonight|this (?:morning|evening|afternoon)|last night|minutes? ago"
    r"|an hour|earlier|right now|currently|still|(?:hes|shes|he is|she is) on (?:ldn|naltrexone))\b"
)


# "my gran fainted at church last sunday, shes fine now and not on any ldn": someone else's
# episode, over, and not on LDN (or days ago): a story, not a report.
_SOMEONE_ELSE_RECOVERED = re.compile(
    r"\b(?:shes|hes|theyre|she is|he is|they are|she was|he was)(?: \w+)? (?:fine|ok|okay|alright"
    r"|all right|good|well|better|recovered|back to normal)\b"
)
_OVER_AND_UNRELATED = re.compile(
    r"\b(?:not on|never (?:took|taken|been on)|doesnt take|does not take|isnt on|is not on)"
    r" (?:any |the )?(?:ldn|naltrexone|meds|medication)\b"
    r"|\blast (?:sunday|monday|tuesday|wednesday|thursday|friday|saturday|weekend|week|month)\b"
)


_PETS_OWN = re.compile(
    rf"\b(?:my |our |the )?{_PET}\b (?:\w+ )?(?:has|had|have|is|was|gets|keeps|got|with)\b"
)


# "my daughter gets hives from strawberries": what usually happens, not what is happening.
_HABITUAL = re.compile(
    r"\b(?:gets?|got|getting|breaks? out in|broke out in|always get|usually get|has|have|had)"
    r"(?: \w+)? (?:hives"
    r"|welts|swelling|rash\w*|fits|seizures)\b (?:from|with|when|if|around|whenever)\b"
    r"(?! (?:(?:the |my )?(?:ldn|naltrexone)|my (?:\w+ )?dose|the (?:\w+ )?dose|it|this"
    r"|the capsules?|the pills?"
    r"|taking|starting|i took))"
    r"|\b(?:once|one time) (?:at|in|when|as|before|during|while)\b"  # "fainted once at school"
)


# English pass ten: a symptom asked about and taken back ("pain in my chest? no. in my heel"); one
# told with a past that is over in its sentence ("in 2019 ... throat swelled up", "hives went
# away ..., that was months ago"), a late relative's ("my late husband had the yellow jaundice")
_TAKEN_BACK_AFTER = re.compile(r"^[^.!?]{0,25}\? no\b")
_LONG_OVER = re.compile(
    r"\b(?:in|back in|since) (?:19|20)\d\d\b|\bthat was (?:\w+ )?(?:weeks|months|years) ago\b"
    r"|\bwent away (?:after|when|once)\b"
)
_LATE_RELATIVE = re.compile(r"\bmy late \w+\b|\bbefore (?:he|she|they) (?:passed|died)\b")


def _symptom(
    pattern: re.Pattern[str],
    *,
    excluded: re.Pattern[str] | None = None,
    explained: re.Pattern[str] | None = None,
) -> Detector:
    """A symptom's detector: `excluded` read in the match's clause, `explained` (a cause or a
    check that accounts for it) in its sentence."""

    def detect(text: str) -> bool:
        for m in pattern.finditer(text):
            c = _context(text, m.start(), m.end())
            if excluded is not None and excluded.search(c.clause):
                continue
            if _TAKEN_BACK_AFTER.match(text[m.end() : m.end() + 40]):
                continue  # "sharp pain in my chest? no . in my heel"
            sentence = _sentence(text, m.start(), m.end())
            if _LATE_RELATIVE.search(sentence) or (
                _LONG_OVER.search(sentence) and not _NOW_WORDS.search(text)
            ):
                continue  # "in 2019 i had a bad reaction, throat swelled up, is ldn ok for me"
            if explained is not None and explained.search(sentence):
                continue
            if _SOMEONE_ELSES_PAST.search(sentence):
                continue
            if (
                _RELATIVE_WAS.search(sentence)
                and _HISTORY.search(sentence)
                and not _NOW_WORDS.search(text)
            ):
                continue  # "my grandad was yellow with jaundice ..., way back"
            if _PETS_OWN.search(c.clause) or _HABITUAL.search(c.clause):
                continue
            if _SOMEONE_ELSE_RECOVERED.search(text) and _OVER_AND_UNRELATED.search(text):
                continue
            if _a_report(c):
                return True
        return False

    return detect


_FACE = r"(?:face|lips?|tongue|throat|mouth|eyes?|eyelids?|cheeks?)"
_allergic = _symptom(
    re.compile(
        r"\ba?l+e?r+gic reaction|\bana?phyla\w*|\bhives\b|\bwelts?\b"
        r"|\braised (?:\w+ )?(?:bumps|blotches|lumps|patches)\b"
        rf"|\bswell\w*(?: \w+){{0,3}}? {_FACE}\b|\bswollen {_FACE}"
        rf"|\b{_FACE}(?: \w+){{0,4}}? (?:is |are |has |have |got |getting |started |feels? "
        r"|feeling )?(?:like (?:its|it is) )?(?:swell\w*|swollen|puffed up|puffing up|closing|tight"
        r"|thick|blew up|blown up|getting big|huge)"
        r"|\b(?:cant|cannot|can not|unable to|struggl\w* to|hard to|trouble|difficult\w*"
        r"|difficulty|problems?|barely|not able to|hard time|tough time) ?(?:\w+ ){0,2}breath\w*"
        r"|\bbreathing is (?:\w+ )?"
        r"(?:difficult|hard)|\bshort(?:ness)? of breath|\bnot breathing|\bgasping|\bwheez\w*"
        r"|\bchoking\b|\bcant get (?:any )?air|\bcannot get (?:any )?air"
        r"|\bbreathing (?:sounds|is|feels|gone|went|got) (?:\w+ )?(?:whistly|wheezy|raspy|noisy"
        r"|whistling)\b"
        r"|\b(?:bumps|welts|spots|blotches)\b (?:\w+ ){0,2}(?:popping up|appearing|spreading)"
        r" (?:everywhere|all over)\b"
    ),
    excluded=re.compile(
        r"\b(?:swallowing (?:capsules|pills|the)|stuck in my throat|breathing exercises?"
        # English pass eleven: a blocked nose ("cant breathe through my nose with this cold")
        r"|breath\w* (?:through|out of|thru) (?:my |one |the |either )?(?:nose|nostrils?)"
        r"|(?:blocked|stuffy|stuffed up|bunged up) nose"
        r"|allergic to (?:gluten|lactose|penicillin)|went down|gone down)\b"
        r"|\bfrom (?:the )?(?:dentist|wisdom tooth|tooth|dental \w+|bramble\w*|nettles?|thorns?"
        r"|mosquito\w*|gardening|a fall)\b|\bwisdom tooth\b"
        r"|\bfrom (?:my|the|a) (?:cold|cough|flu|chest infection)\b|\b(?:is|are|has) gone now\b"
        r"|\b(?:less|no longer|not|isnt|arent|not as) (?:as )?(?:swollen|swelling|puffy)\b"
    ),
    # English pass eleven: one spot an insect bite explains, the patient saying the rest is fine
    # ("swollen eye, looks like a mosquito bite, nothing else swollen and breathing fine")
    explained=re.compile(
        r"^(?=.*\b(?:mosquito|midge|gnat|bug|insect|flea|spider|mozzie|mossie) bites?\b)"
        r"(?=.*\b(?:nothing else|breathing (?:is |s |feels )?(?:fine|ok|okay|normal|good)))"
    ),
)
_chest = _symptom(
    re.compile(
        r"\bchest\b(?: \w+){0,5}? (?:pains?|pian\w*|hurts?|hurting|tight\w*|pressure|heavy|aching"
        r"|vice|vise|clamp|band|elephant"
        r"|ache\w*|crush\w*|squeez\w*|burning|sore|painful)"
        r"|\b(?:pains?|pressure|tight\w*|heav\w*|ache|aching|hurts|crushing|squeezing|burning"
        r"|sitting) (?:\w+ ){0,3}?(?:on|in|across|around|of) (?:my |the |his |her )?chest"
        r"|\b(?:crushing|squeezing|pressing on|pressing|sitting on|weighing on|stabbing)"
        r" (?:my|the|his|her) chest\b"
        r"|\b(?:tight|heavy|painful|sore) chest|\bheart attack|\b(?:breast ?bone"
        r"|sternum)\b(?: \w+){0,2}"
        r"|\bpain (?:\w+ ){0,3}(?:left arm|jaw)|\b(?:pain|hurts?) (?:around|in) (?:my )?heart"
        r"|\bheart (?:hurts|is hurting|pain)"
    ),
    excluded=re.compile(
        r"\bchest (?:of drawers|infection|cold|x ?ray|scan|cough|congest\w*|tattoo)|medicine chest"
        r"|(?:gave|give|giving) me (?:a )?heart attack|(?:almost|nearly"
        r"|practically) had a heart attack"
        r"|pulled a muscle|heartburn"
        # English pass seven: a cause that explains it and is over, a check that was normal
        r"|\b(?:just|its just|only) (?:a |the )?(?:muscle|muscular|pulled muscle)\b"
        r"|\bfrom (?:all the |the |my )?(?:coughing|cough|cold air|run|spin|pushups|push ups|gym"
        r"|lifting|workout)\b|\bwhen i cough\b|\bwent away (?:in|after)\b|\ball normal\b"
        r"|\b(?:ecg|ekg|tests?|bloods)\b(?: \w+){0,4} (?:normal|clear|fine)\b"
        # a dish ("heart attack on a plate") and a chest that is getting better ("less tight")
        r"|\bheart attack (?:on a plate|in a (?:bun|box|bowl|cup|burger))"
        # English pass ten: prices and bills that "give a heart attack"
        r"|\bheart attack (?:prices|bill|costs?|price tag|rates)\b"
        # English pass eleven: "having a heart attack looking at this pharmacy bill"
        r"|\bheart attack (?:looking at|seeing|reading|opening|at|over) (?:my |the |this |that )?"
        r"(?:\w+ ){0,2}(?:bill|price|prices|invoice|receipt|quote|cost|total|statement|copay)\b"
        r"|\b(?:like|nearly|almost) (?:a |had a )?heart attack (?:when|at|over) (?:i )?(?:saw"
        r"|seeing|opened|opening|got|getting|checked|read) (?:my |the )?(?:\w+ )?(?:bill|price"
        r"|prices|invoice|receipt|quote|cost|total|statement)"
        r"|\b(?:less|no longer|not as|isnt as|not so|much less) (?:\w+ )?(?:tight|sore|painful"
        r"|heavy|achy)\b"
        # English pass eight: a cause in the clause that is an emotion or an effort ("tight from
        # all the crying at that movie"), a heart that hurts for someone (grief, sympathy)
        r"|\bfrom (?:all (?:the|that|this) |the |my |so much )?(?:crying|sobbing|laughing|laughter"
        r"|singing|shouting|screaming|cheering)\b"
        r"|\bheart (?:hurts|aches|is hurting|is aching|breaks|is breaking|bleeds) for\b"
    ),
    # "chest feels tight after spin class but its just muscle", "ecg for chest pain, all normal"
    explained=re.compile(
        r"\b(?:(?:its|it is|just|only) (?:a |the )?(?:muscle|muscular|pulled muscle)"
        r"|all (?:normal|clear|fine)|came back (?:normal|clear|fine)|went away (?:in|after))\b"
        # English pass eight: known and usual for the patient, or checked ("doctors say heart
        # fine", "normal for me since years")
        r"|\b(?:(?:this is |its |thats |which is )?normal for (?:me|her|him)|like always"
        r"|as always|heart (?:is |was )?(?:fine|ok|okay|healthy|normal))\b"
        r"|\bturned out (?:to be )?(?:just )?(?:a )?(?:pulled |strained |torn )?muscle\b"
        r"|\bcleared me\b"
        # English pass eleven: a diagnosis given ("doctor said its a chest infection")
        r"|\b(?:doctor|doc|dr|gp|nurse|physio) (?:said|says|confirmed) (?:its|it is|thats)"
        r" (?:just |only )?(?:a |an )?(?:chest infection|muscle strain|costochondritis|reflux"
        r"|heartburn|asthma|bronchitis)\b(?!.*\b(?:but|now|worse|still|again)\b)"
        # English pass eleven: a tightness that comes with nerves and always has ("my chest
        # tightens when im anxious before exams, been like this since school")
        r"|^(?=.*\b(?:when|whenever|if) (?:im|i am|i get|i feel|i was|i got) (?:\w+ )?(?:anxious"
        r"|nervous|stressed|panicky|worried|upset|tense)\b)"
        r"(?=.*\b(?:been like (?:this|that) (?:since|for)|since (?:school|childhood"
        r"|i was (?:a )?(?:kid|child|teen\w*|little|young))"
        r"|for years|all my life|my whole life|always (?:been|had|done))\b)"
    ),
)
_yellow = _symptom(
    re.compile(
        r"\bjaundic\w*|\byellow(?:ish|ing)? (?:skin|eyes?|whites|tinge|tint|colou?r)"
        r"|\byellowing of\b|\b(?:im|i am|i look|looking|turning|turned|gone|going) yellow\b"
        r"|\b(?:skin|eyes?|whites of my eyes)\b(?: [\w]+){0,5}? (?:yellow\w*|turning yellow)"
        # English pass seven: someone who "looks yellowish", "is yellow all over"
        r"|\b(?:face|eyes?|skin|he|she|hes|shes|husband|wife|mom|mum|dad|son|daughter|baby|i"
        r"|im) (?:\w+ )?(?:look|looks|looking|looked|is|are|gone|went|turned|got) (?:a bit "
        r"|kind of |kinda |quite |very |so |all )?yellow(?:ish)?\b|\byellow all over\b"
    ),
    excluded=re.compile(
        r"\b(?:capsules?|pills?|vitamins?|with envy|yellow bellied|coward\w*|photos?|pictures?"
        r"|pics?|selfies?|filter|lighting|lights?|bulbs?|fake tan|spray tan|tanner|turmeric)\b"
        # a newborn's jaundice, past: "my newborn had jaundice", "yellow after birth"
        r"|\bnewborn (?:\w+ )?(?:had|was)\b|\b(?:at|after) birth\b|\bas a newborn\b"
        r"|\bwhen (?:s?he|they) (?:was"
        r"|were) born\b"
    ),
)
_dark_urine = _symptom(
    re.compile(
        r"\b(?:dark|brown|cola|coca cola|tea coloured|tea colored|dark orange|dark brown)"
        r" (?:coloured |colored |looking )?(?:urine|pee|wee)\b|\b(?:urine|pee"
        r"|wee)\b(?: \w+){0,4}? (?:dark|brown|cola|tea|orange)\b"
        r"|\b(?:peeing|pissing|urinating|weeing)(?: \w+)? (?:dark|brown|cola|tea)\b"
    ),
    excluded=re.compile(r"\b(?:stool|vitamins?|dehydrat\w*|dont drink|yellow)\b"),
)
_belly_pain = _symptom(
    re.compile(
        r"\b(?:belly|stomach|tummy|abdomen|abdominal|right side|side|ribs|liver)\b(?: \w+){0,3}?"
        r" (?:pain|hurts?|hurting|ache|aches|aching|sore|cramps?|cramping)\b"
        r"|\b(?:pain|hurts?|ache|aches|aching|sore|cramps?|cramping)\b(?: \w+){0,4}? (?:belly"
        r"|stomach|tummy|abdomen|abdominal|side|ribs|liver)\b|\bstomach ?ache\b"
    )
)


def _jaundice(text: str) -> bool:
    return _yellow(text) or (_dark_urine(text) and _belly_pain(text))


_seizure = _symptom(
    re.compile(
        r"\bse?i[zs]ure\w*|\bsei[zs]ure\w*|\bsiezure\w*|\bseisure\w*|\bsezure\w*|\bseizing"
        r"|\bconvuls\w*|\bepileptic (?:fit|attack)"
        r"|\b(?:shak|jerk|twitch)\w* uncontrollabl\w*|\buncontrollabl\w* (?:shak|jerk|twitch)\w*"
        r"|\blost awareness\b|\b(?:had|having|has|have had|ive had)"
        r" (?:a |two |\d+ |another )?fits?\b(?! of)|\b(?:is|was|keeps) fitting\b"
        r"|\bjerking (?:and|&) (?:not|isnt|wont|i could not|i couldnt)|\bbody (?:was |is )?jerking"
        r"|\bfoaming at the mouth|\bbit(?:ten)? (?:my |his |her )?tongue\b"
        # English pass eight: a witness's "jerking and foaming"
        r"|\b(?:jerk|shak|twitch|convuls)\w* (?:and|&) foam\w*|\bfoam\w* (?:and|&) (?:jerk|shak"
        r"|twitch)\w*|\bfoam\w* (?:in|from|at) (?:the|his|her|my) mouth"
        r"|\btongue (?:was |is |all )?(?:bitten|bit)\b|\beyes (?:rolled|rolling|went) (?:back|up)\b"
        r"|\b(?:jerking|shaking|twitching) all over\b"
        r"|\bcollaps\w* and (?:was |started |kept |began )?(?:jerk|shak|twitch|convuls)\w*"
        r"|\bshook (?:all over )?for (?:a|about|like|almost|\d+) (?:minute|min|mins|seconds?"
        r"|minutes)\b|\bwhole body (?:shook|was shaking|jerked|was jerking|convulsed)\b"
        r"|\bon the (?:\w+ )?floor (?:twitching|shaking|jerking|fitting)\b"
        # English pass eight: "he is shaking on the floor and doesnt answer me"
        r"|\b(?:shaking|jerking|twitching|fitting) on the (?:\w+ )?floor\b(?=.{0,60}\b(?:doesnt"
        r"|does not|isnt|is not|not|wont|cant|cannot) (?:answer|respond|wake)\w*)"
    ),
    # a machine's or a temper's "fit": "my laptop had a fit", "mum had a fit when she saw the bill"
    excluded=re.compile(
        r"\b(?:shaking|shook|shakes) (?:me|him|her|them)\b|\bseiz\w* up\b|\bseizure ?free\b"
        # a screen's warning and a figure: "seizure warning on this video game", "seizure inducing"
        r"|\b(?:seizure|epilepsy|epileptic) (?:warnings?|inducing|induc\w*)\b"
        # English pass eleven: something that "gave me a seizure" (a price, a fright); a tongue
        # bitten over a meal ("bit my tongue eating dinner lol")
        r"|\b(?:gave|give|gives|giving) me (?:a |an )?(?:seizure|fit)\b"
        r"|\bbit(?:ten)? (?:my |his |her )?tongue (?:while |when |whilst )?(?:eating|chewing|at"
        r" (?:dinner|lunch|breakfast|tea)|on (?:a|my|the|some)|talking|laughing)\b"
        r"|\b(?:laptop|computer|pc|phone|printer|ipad|car|tv|app|wifi|router|internet|website|boss"
        r"|manager|landlord|teacher|insurance)\b(?: \w+){0,2} (?:had|has|having|threw|throws)"
        r" (?:a |an |another )?(?:fit|seizure|meltdown|tantrum)"
        r"|\b(?:had|have|has|threw|throw) (?:a |an )?(?:fit|hissy fit|fits?) (?:when|about|over"
        r"|because|at)\b(?! (?:i|he|she|they) (?:took|had|was|were) (?:my |his |her |the )?"
        r"(?:ldn|naltrexone|dose|capsule|pill))"
    ),
    # English pass eleven: someone else's seizure a known epilepsy explained, told as over ("my
    # sister was on ldn and had a seizure but it turned out to be her epilepsy, shes had it since
    # childhood")
    explained=re.compile(
        r"^(?!.*\b(?:just|now|today|tonight|right now|this (?:morning|evening|afternoon)|an hour"
        r"|minutes? ago)\b).*\bturned out (?:to be )?(?:just )?(?:her|his|their) (?:own )?"
        r"(?:epilepsy|epileptic|seizure disorder|blood sugar|diabetes)\b"
    ),
)
_fainting = _symptom(
    re.compile(
        r"\bfaint(?:ed|ing|s)?\b|\bfeint(?:ed|ing)?\b|\bpass(?:ed|ing)? out\b"
        r"|\bblack(?:ed|ing)? out"
        r"\b(?! (?:the|my) (?:windows?|curtains?|room)| on (?:the|what|his|her|names?))"
        r"|\blost (?:con\w*ness|consc\w*"
        r"|conscience)|\bcollaps\w*|\bunconscious|\bunresponsive|\b(?:is|was|isnt|not) (?:not )?"
        r"respond\w*|\b(?:cant|cannot|wont|couldnt) wake (?:him|her|them|up)\b|\bout cold\b"
        r"|\bwas out for\b|\b(?:(?:no idea|not sure|dont know|dunno|no clue|unsure) )?how long"
        r" i was (?:out(?! there| here| in| at| with| shopping| walking)|unconscious|gone"
        r"|on the floor"
        r"|down(?! there| here))\b"
        r"|\b(?:everything|it all|the world) (?:went|turned|faded to) (?:black|dark)\b(?=.{0,40}"
        r"\b(?:floor|ground|woke|came to|came round))|\b(?:zonked|conked) out on the (?:\w+ )?"
        r"(?:floor|ground|tiles|carpet)\b"
        # "next thing im on the floor", "suddenly i was on the bathroom floor"
        r"|\b(?:next thing|next minute|next second|the next|suddenly"
        r"|all of a sudden)(?: i knew| i know)?"
        r" (?:im|i am|i was|i was lying|im lying) (?:on|flat on) the (?:\w+ )?(?:floor|ground|tiles"
        r"|carpet|grass|lawn|pavement|sidewalk|road|path|driveway|rug|stairs|lino)\b"
        r"|\b(?:one (?:second|minute|moment)|next thing|suddenly)\b.{0,60}\b(?:shaking|slapping"
        r"|shouting at) me (?:awake|to wake me)\b"
        r"|(?:^|\b(?:i|he|she|they|and|then) )(?:just |actually |suddenly |then )?"
        r"(?:went down|dropped)\b"
        r"(?! (?:to|a|an|by|the|my|it|in dose|on|off|from|\d|in on|in to|by to|\w+ (?:mg|dose)"
        r"|but i (?:picked|caught|grabbed|found|got)))"
        r"|\b(?:hit|hitting) the (?:deck|floor|ground)\b"
        r"|\bkeel(?:ed|s|ing)? (?:right |straight )?over\b"
        # English pass eight: near faints again and again are a red flag ("keep almost fainting
        # when i stand up", "nearly passed out three times today")
        r"|\bkeeps? (?:on )?(?:almost|nearly) (?:faint\w*|pass\w* out|black\w* out|collaps\w*)"
        r"|\b(?:almost|nearly) (?:fainted|passed out|blacked out|collapsed) (?:twice|again|\d+"
        r" ?(?:times|x)|three times|four times|several times|a few times|all day)\b"
        r"|\b(?:slid|slipped|slumped) (?:off|out of|down) (?:his|her|my|their|the) (?:chair|seat"
        r"|stool|bench)\b"
        r"|\b(?:hes|shes|is|isnt|not|wont) (?:not )?(?:answering|answer)\b"
        r"(?! (?:the|his|her|my|their|your|any|on) (?:\w+ ){0,2}(?:phone|calls?|texts?|messages?"
        r"|door|emails?|mobile))"
        r"|\blegs (?:went|gave way|gave out|buckled)\b(?! (?:a bit|a little|wobbly|weak|numb))"
        r"|\b(?:came to|came round|came around|woke up) (?:with|and) (?:people|everyone|someone"
        r"|paramedics|a crowd|strangers)\b|\bwent (?:all )?limp\b|\bdidnt respond\b"
        r"|\b(?:woke|woken|waking|came to|came round|came around|found myself)(?: up)? (?:lying )?"
        r"(?:on|in) the (?:\w+ )?(?:floor|ground|bathroom|hallway|tiles|carpet|grass|lawn|pavement"
        r"|sidewalk|road|path|driveway|rug|stairs)\b(?! (?:after"
        r"|because|cause"
        r"|since"
        r"|as|when|again lol))"
    ),
    excluded=re.compile(
        r"\b(?:laugh\w*|on the (?:sofa|couch|bed)|into bed|lightheaded(?!.{0,40}\bthen\b)"
        r"|from tiredness)\b"
        r"|\b(?:fell asleep|falling asleep|dozed off|napp\w*|slept|pillow|sleeping (?:great|well"
        r"|better))\b"
        r"|\bfaint (?:second |2nd |pink |blue )?(?:lines?|positive|smell|taste|sound|marks?"
        r"|pink|blue|rash|hope|idea|glow)\b"
        r"|(?<!keep )(?<!keeps )\b(?:nearly|almost) (?:passed|faint\w*|blacked|collaps\w*)"
        r"(?! (?:twice|again|\d+ ?(?:times|x)|three times|four times|several times|a few times))"
        r"|\bcould pass out|\bdream\w*"
        # English pass eleven: the goat breed ("fainting goats video"), a thing folded up on a
        # screen ("the bot collapsed my messages into one")
        r"|\bfainting goats?\b"
        r"|\bcollaps\w* (?:my|the|all|these|those|this|that|your|its) (?:\w+ )?(?:messages?|texts?"
        r"|chats?|replies|menus?|sections?|tabs?|windows?|threads?|lists?|notifications?|cards?"
        r"|boxes|panels?|answers?|questions?|conversations?|reminders?|alerts?|items?|notes?"
        r"|entries|pages?|photos?|folders?|groups?)\b"
        r"|\b(?:app|bot|screen|page|website|site|chat|menu|browser|list|keyboard)\b (?:\w+ )?"
        r"collaps\w* (?:my|the|all|these|those|them|it|everything)\b"
        # English pass eight: an apology for not replying, a figure ("pass out from boredom")
        r"|\bsorry (?:i |for )?(?:did not|didnt|not|couldnt|could not|havent|have not)"
        r" (?:answer|repl|respond)\w*"
        r"|\bpass(?:ing)? out (?:from|of|with) (?:pure |sheer |the )?(?:boredom|bored\w*|laugh\w*"
        r"|excitement|happiness|joy|hunger|old age|embarrassment|cuteness|smell|price|queue|line"
        r"|wait\w*)\b"
        r"|\bthought (?:i would|id|i was going to|i might)\b(?!.{0,40}\b(?:and i did|then i did))"
        r"|\b(?:feel\w*|felt) (?:a bit |a little |slightly |kind of |kinda |so |very )?faint\b"
        r"(?!.{0,40}\bthen (?:i |he |she )?(?:actually |just )?(?:went|dropped|fell|collapsed"
        r"|passed))"
    ),
    # English pass eight, in the sentence: going to sleep after a long shift ("brb passing out,
    # 12h shift"), a joke someone told, someone else's faint at an event laughed about or over
    # ("my sister fainted at her own graduation lol we still tease her"), a collapse after a
    # workout told as a laugh
    explained=re.compile(
        r"\b(?:brb|off to|time to|bout to|about to|gonna|going to|ready to|finally|im) (?:go )?"
        r"pass(?:ing)? out\b.{0,40}\b(?:shifts?|bed|sleep\w*|night|tired|exhausted|long day|work"
        r"|goodnight|nite)\b"
        r"|\b(?:said|says|joked|jokes|reckons)\b.{0,50}\bmade (?:him|her|them|me|everyone)"
        r" (?:pass out|faint|black out|collapse)\b"
        r"|^(?!.*\b(?:just|today|tonight|this (?:morning|evening|afternoon)|an hour|minutes? ago"
        r"|right now|on (?:ldn|naltrexone))\b)"
        r".*\b(?:my|our|a) (?:\w+ )?(?:grand\w+|gran|nan|nana|sister|brother|friend|bff|mum|mom"
        r"|mother|dad|father|aunt\w*|uncle|cousin|bro|colleague|coworker|boss|teacher)\b"
        r"(?: \w+){0,2}? (?:fainted|passed out|collapsed|blacked out|keeled over) (?:at|during|in)"
        r" (?:my|her|his|their|our|the|a) (?:own |\w+ )?(?:wedding|graduation|party|concert|class"
        r"|gym|church|funeral|exam|ceremony|service|game|match|festival|blood draw|recital|show)\b"
        r".*\b(?:lol|lmao|haha\w*|teas\w*|laugh\w*|(?:she|he|they) (?:is|s|was|are|were)"
        r" (?:totally |completely |perfectly )?fine)\b"
        r"|\b(?:after|from) (?:my |the |a |all )?(?:leg day|gym|workout|spin class|run|race"
        r"|marathon|squats|training|hike|cleaning|class)\b.*\b(?:lol|lmao|haha\w*"
        r"|everyone clapped)\b"
    ),
)
_other = _symptom(
    # English pass nine: a stroke named as the past ("a peg after his stroke", "since her stroke")
    excluded=re.compile(
        r"\b(?:after|since|post|following|from|because of|due to|recover\w* from|before)"
        r" (?:his|her|their|my|a|the|our)(?: \w+)? stroke\b"
        r"(?!.{0,40}\b(?:just|today|tonight|this (?:morning|afternoon|evening)|an hour|minutes? ago"
        r"|right now)\b)"
        r"|\bstroke\b(?: \w+){0,2} (?:\d+|a few|few|two|three|four|five|six|several|some"
        r"|a couple of) (?:weeks?|months?) ago\b"
    ),
    pattern=re.compile(
        r"\bvomit\w* blood|\bthrowing up blood|\bcoughing up blood|\bstroke\b"
        r"|\bslurred speech|\bspeech is slurred|\bface (?:is )?droop\w*"
        r"|\bcant (?:move|feel) (?:my|one)"
        r"|\bworst headache\b|\bbleeding heavily"
        r"|\bhit (?:his|her|my|their) head\b.{0,60}\b(?:confus\w*|bleeding a lot|vomit\w*|drowsy"
        r"|not making sense)\b"
        r"|\b(?:bleed\w*|nosebleed|nose bleed|blood)\b(?: \w+){0,6}? (?:wont|will not|doesnt"
        r"|does not"
        r"|isnt|is not|cant|cannot|not) (?:stop|stopping|slow\w*)\b"
        r"|\b(?:cant|cannot|can not) (?:stop|slow) (?:the|this) bleed\w*"
        r"|\b(?:half|one side of|side of) (?:my|his|her) face\b(?: \w+){0,3} (?:numb|droop\w*|dead"
        r"|weak|fallen)|\b(?:cant|cannot|can not) (?:talk|speak) (?:properly|right|clearly)\b"
    ),
)
_PREGNANT = re.compile(
    r"\bpre?gn?[ae]n\w*|\bpregnent\w*|\bpreggers\b|\bexpecting (?:a baby|twins|a child|again)"
    r"|\bexpecting\s*(?:[.!?,;]|$)|\bwith child\b"
    r"|\b(?:im|i am|we are|were) expecting\b(?! (?:a (?:call|package|delivery|letter|parcel|refill)"
    r"|the|my|to|it|that|results?|news|too|much))|\bconceived\b"
    r"|\b(?:two|2|double) (?:pink |blue |faint )?lines on (?:the|a|my) (?:test|stick)"
    r"|\btests?\b.{0,40}\b(?:two|2|double) (?:pink |blue |faint |clear )?lines\b"
    r"|\btests?\b.{0,30}\b(?:a |has a |with a )?(?:faint |second |2nd |another )+line\b"
    r"|\b(?:second|another|a faint|faint|2nd) line (?:came up|showed up|appeared|on (?:the|a"
    r"|my) test)"
    r"|\bpositive (?:pregnancy )?test\b"
    # English pass ten: "two pink lines this morning!!", "took two tests today both positive"
    r"|\b(?:two|2|double) (?:pink|blue) lines\b(?! (?:on|in|across|along) (?:the|a|my|his|her)"
    r" (?!test|stick))"
    r"|\btests?\b.{0,30}\b(?:both|all|each) (?:came back |came out |were |are )?positive\b"
    r"|\btest (?:this morning |today |tonight |just now )?(?:and )?"
    r"(?:was|is|its|it is|it was|came back"
    r"|came out|it came back)(?: \w+)? positive"
)


_NEGATIVE_TEST = re.compile(
    r"\b(?:test|tests|result|results)\b(?: \w+)? (?:was|is|were|are|came back|came out|showed"
    r"|said) (?:\w+ )?(?:negative|neg)\b|\bnegative (?:pregnancy |preg )?tests?\b"
    r"|\btested negative\b|\b(?:test|tests|result|results) (?:\w+ )?(?:negative|neg)\b"
    r"|\b(?:got|started|came on) my period\b|\bmy period (?:came|arrived|started|showed up)\b"
    r"(?! (?:for (?:covid|flu|strep|\w+ antibod\w*)))"
)


# "pregnant-brain tired but im not pregnant lol": the patient says there is no pregnancy
_NOT_PREGNANT = re.compile(
    r"\b(?:im|i am|am|definitely|def|still|defo) (?:\w+ )?not (?:\w+ )?pregnant\b"
    r"|\bnot pregnant (?:lol|haha|just|btw|dont worry)"
)


def _pregnancy(text: str) -> bool:
    if re.search(
        r"^\s*(?:(?:ldn|naltrexone) (?:and|in|during) pregnan\w*|pregnancy (?:and|with) (?:ldn"
        r"|naltrexone))\s*[?.!]*\s*$",
        text,
    ):
        return False  # "ldn and pregnancy?": a topic, no one's news
    if _NOT_PREGNANT.search(text) and not re.search(r"\bpositive\b|\blines?\b", text):
        return False
    if _NEGATIVE_TEST.search(text) and not re.search(
        r"\bpositive\b|\blines?\b|\b(?:im|i am|we are|were|shes|she is) (?:\w+ )?pregnant\b", text
    ):
        return False  # "pregnancy test was negative phew": the news is that there is none
    for m in _PREGNANT.finditer(text):
        if m.group(0) == text.strip(" .!?"):  # the bare word is a topic for the FAQ
            continue
        c = _context(text, m.start(), m.end())
        if _negated(c) or _HISTORY.search(c.clause):
            continue
        if re.search(r"\b(?:pause|covid|flu|strep|lyme|antibod\w*)\b", c.clause) or re.search(
            r"^ with (?!child|twins|a baby|baby|my|our)", c.after
        ):
            continue
        if re.search(r"\b(?:in|during)\s*$", c.before):
            continue  # "safest in pregnancy": the topic, not a report
        if (
            m.group(0).startswith("pregnanc")
            and re.match(
                r"^ ?(?:safe\w*|ok|okay|risks?|risky|dangerous|allowed|compatib\w*|advice|info\w*"
                r"|data|studies|research|concerns?|issues?|category|questions?)\b",
                c.after,
            )
            and not re.search(r"\b(?:my|our|her|this)\s*$", c.before)
        ):
            continue  # English pass nine: "ldn pregnancy safe?": the topic asked about
        if re.search(
            r"\b(?:since|after|from|during|in|before) (?:my|her|our) (?:first|second|third|1st|2nd"
            r"|3rd|last|previous|earlier|older|\w+ (?:kid|son|daughter|child)s?(?:'s)?)\s*$",
            c.before,
        ):
            continue  # "hashimotos since my second pregnancy (kid is 6 now)": one long past
        if re.search(
            r"\b(?:if|whether|in case|can|could|get|getting|trying|try|planning|plan|want|before"
            # English pass nine: "wondering how ldn fits with being pregnant": a plan asked about
            r"|wonder\w*|how|eventually|some ?day|one day|future|hop\w*|consider\w*"
            r"|when|safe\w*|ok|okay|during|while|about|my (?:friend|sister|wife|daughter|mom|mother"
            r"|cousin|partner|girlfriend)|she|her|friend|dog|cat|pet|mare|cow)\b",
            c.before,
        ) and not re.search(
            r"\b(?:i|im|i am|we|we are|think i|might be)(?: \w+ (?:weeks?|wks?|months?))?\b\W*$",
            c.before,
        ):
            continue
        if re.search(r"\b(?:if|whether|in case)\b", c.before) or re.search(
            r"\b(?:safe|ok|okay) (?:in|during)\b", c.before + m.group(0)
        ):
            continue
        return True
    return False


# Checked in this order: the first that fires names the concern (the more specific reply wins:
# a child's or an animal's ingestion before an overdose, withdrawal before co-use).
_DETECTORS: tuple[tuple[str, Detector], ...] = (
    ("suicidal", _suicidal),
    ("child-ingestion", _child),
    ("pet-ingestion", _pet),
    ("opioid-withdrawal", _opioid_withdrawal),
    ("overdose", _overdose),
    ("seizure", _seizure),
    ("chest-pain", _chest),
    ("allergic-reaction", _allergic),
    ("fainting", _fainting),
    ("jaundice", _jaundice),
    ("other-emergency", _other),
    ("opioid-co-use", _opioid_co_use),
    ("pregnancy", _pregnancy),
)
_COMMANDS = re.compile(r"^\s*/\w+")
# Not a report, whatever it names (English pass five, round 13's look-alikes as kinds): someone
# on a screen or in a book ("in the show i watched the lady overdosed", "watching greys anatomy
# and someone had an allergic reaction"); someone else's mishap long over and laughed about
# ("fainted at his wedding from the heat, everyone still laughs about it"); a person who "gives
# me chest pains"; a tightness the patient's asthma explains and the inhaler sorts; a change
# "in a good way". Unless the patient says something of their own is happening.
_STORY = re.compile(
    r"\b(?:in|on) (?:the|a|this|that) (?:show|movie|film|series|episode|soap|programme|program"
    r"|documentary|book|novel)\b.*\b(?:the|a|this|some) (?:main |lead )?(?:lady|woman|man|guy"
    r"|girl|boy|kid"
    r"|character|patient|person|actor|actress)\b"
    r"|\b(?:watching|watched|binging|bingeing)(?: \w+){1,4} (?:and|where|when) (?:someone"
    r"|somebody|a (?:lady|woman|man|guy|girl|boy|kid|character|patient)|the (?:lady|woman|man"
    r"|guy|girl|boy|character|patient))\b"
    r"|\b(?:every(?:one|body)|we all|the (?:whole )?family) (?:still )?(?:laugh\w*|jok\w*"
    r"|tease\w*) (?:about it|at (?:him|her|me))\b"
    r"|\b(?:in[ -]law|boss|kids|ex|neighbou?rs?|job|commute|teenager|landlord|manager)"
    r" (?:gives?|giving) me (?:chest pains?|a heart attack|palpitations|hives|a seizure)\b"
    r"|\b(?:its|it is|thats) (?:just )?(?:my|the) asthma\b.*\b(?:inhaler|puffer) (?:sorts|fixes"
    r"|helps|settles|clears)\b"
    r"|\b(?:different|new|changed) (?:person|woman|man)\b.*\bin a good way\b"
    # English pass six: "watched a documentary on fentanyl", "the show im watching had a
    # character overdose", "the guy in greys anatomy collapsed", "that tv drama had a guy ..."
    r"|\b(?:watched|watching|saw|seen) (?:a|the|this|that) (?:\w+ )?(?:documentary|doc|movie"
    r"|film|show|episode|series|drama|programme|program)\b"
    r"|\b(?:show|movie|film|series|episode|drama|documentary|soap) (?:im|i was|we were|we are"
    r"|were) (?:watching|binging|bingeing)\b"
    r"|\b(?:tv|netflix|telly) (?:drama|show|series|programme|program)\b"
    r"|\bgreys anatomy\b|\bon (?:tv|telly|netflix|youtube|tiktok)\b"
    # English pass seven: "the book ... its about a woman who", "the movie had a character
    # seizing", "the actor passed out in the show", "the withdrawal scene in that show"
    r"|\b(?:book|novel|film|movie|show|series|episode|documentary|play|song)\b.{0,80}?"
    r"\b(?:its|it is|is|was) about (?:a|an|the|this|someone|some)\b"
    r"|\b(?:the|that|this) (?:movie|film|show|series|episode|book|play|drama) had (?:a|an|this"
    r"|some) (?:character|guy|woman|man|girl|boy|person|scene)\b"
    r"|\b(?:actor|actress|character|contestant|presenter|host)\b(?: \w+){0,4}? in (?:the|that"
    r"|this|a) (?:show|movie|film|series|episode|play|drama)\b"
    r"|\bscene in (?:the|that|this|a) (?:show|movie|film|series|episode|book|play|drama)\b"
    # English pass ten: a story in the news, an overdose of a treat
    r"|\b(?:story|article|report|item|piece|segment|post|headline)s? (?:in|on) the (?:news|paper"
    r"|papers|radio)\b"
    r"|\boverdos\w*(?: \w+){0,6}? (?:on|of) (?:easter eggs|chocolate|sugar|cake|sweets|candy"
    r"|cookies|biscuits|coffee|caffeine|netflix|crisps|pizza|cheese|carbs|christmas)\b"
)
_OWN_NOW = re.compile(
    r"\b(?:i (?:just |also )?(?:took|swallowed|drank|fainted|passed out|collapsed|cant breathe"
    r"|blacked out)|im (?:having|fainting|collapsing|swelling|shaking)|right now|call (?:an? )?"
    r"ambulance|help me)\b"
    r"|\b(?:and|then) (?:i )?(?:just |also |accidentally )?(?:took|swallowed|drank)\b"
    r"|\b(?:took|swallowed|drank) my\b|\btook (?:the |my )?(?:ldn|naltrexone|dose)\b"
    r"|\bmy (?:lips?|face|throat|tongue|chest|eyes?|skin|heart)\b(?! in (?:the|this|that) (?:photo"
    r"|picture|pic|selfie|mirror))"
)


def not_a_report(text: str) -> bool:
    """A story, a figure of speech or a change for the better (`_STORY`), and nothing of the
    patient's own happening now: neither the rules nor the net read it as a report."""
    return bool(_STORY.search(text)) and not _OWN_NOW.search(text)


# English pass eight: the patient says nothing happened: "hasnt happened just wanna know the plan",
# "just planning ahead", a question asked before starting ("before i start ldn, what side
# effects should i watch? yellow eyes, rash ..."), a dream ("dreamed i took the whole bottle")
# English pass eleven: a dream told, then the patient awake and finding it real ("dreamt my dog
# ate my pills, woke up and he actually had")
_AWAKE_AND_IT_IS_REAL = (
    r"(?!.*\b(?:actually|really did|right now|for real|but now|now (?:my|i|im|hes|shes)|still"
    r" (?:cant|swollen|swelling|bleeding|shaking|hurts?))\b)"
)
_NOT_HAPPENED = re.compile(
    r"\b(?:(?:it |this |that )?(?:hasnt|has not|havent|have not|didnt|did not) (?:actually |really "
    r")?happen(?:ed)?\b(?! yet)|hypothetical\w*|(?:just )?(?:planning|asking|thinking) ahead"
    r"|for (?:future|later) reference)"
    r"|\bbefore i (?:start|begin|try)\b(?=[^.!]*\?)"
    r"|\b(?:dream\w*|nightmare\w*) (?:that |about |last night )?(?:i|my \w+|he|she|we)"
    r" (?:took|had taken|swallowed|drank|ate|fainted|passed out|overdosed|had a seizure)\b"
    rf"{_AWAKE_AND_IT_IS_REAL}"
    # English pass eleven: a dream told as one, the patient awake and well ("dreamt i was pregnant
    # and woke up confused", "dreamt i was drowning and woke up gasping but im fine now", "a
    # nightmare about my dog eating my pills, checked and hes asleep")
    r"|\b(?:dreamt|dreamed|dream\w* last night|had (?:a|the|this|that|such a) (?:\w+ )?(?:dream"
    r"|nightmare)|nightmare)"
    r" (?:that |about |of )?(?:i|my \w+|he|she|we)(?: was| were)? (?:pregnant|drowning|choking"
    r"|dying|falling|eating|swallowing|taking|chewing|having|overdosing|in)\b"
    r"(?=.*\b(?:woke up|checked|its|it was|was|all|bottle is|hes|shes|im|i am|i was)\b"
    r"(?: \w+){0,3}? (?:fine|ok|okay|asleep|relieved|confused|laughing|just a dream|all good)\b)"
    rf"{_AWAKE_AND_IT_IS_REAL}"
)


def rules_triage(text: str) -> SafetyConcern | None:
    """The hand-written rules alone: the concern a message reports, or None."""
    if not text or not text.strip() or (_COMMANDS.match(text) and len(text.split()) == 1):
        return None
    clean = _HELP_WRAPPER.sub(" , ", normalise_for_triage(text[:4096]))
    if not_a_report(clean):
        return None
    not_happened = bool(_NOT_HAPPENED.search(clean))
    for concern_id, detect in _DETECTORS:
        if not_happened and concern_id != "suicidal":
            continue  # a suicidal thought is one whatever else is said
        if detect(clean):
            return CONCERNS[concern_id]
    return None


class SecondNet(Protocol):
    """A net beside the rules (e.g. semantic): the concern it sees in a message, or None."""

    def concern(self, text: str) -> SafetyConcern | None: ...


# A word or two ("autoimmune", "pregnant") is a topic typed into the FAQ, not a report: the
# semantic net, which cannot tell them apart, only reads longer messages (the rules read all).
NET_MIN_WORDS = 3


@dataclass(frozen=True)
class NetGate:
    """What the semantic net may read in one language, and which concerns it may name there.

    A question that names nobody ("what is precipitated withdrawal", "can ldn cause seizures")
    and an explicit "not suicidal" are not reports; the net reads meaning, not that difference.
    Some concerns are defined by who or what is involved: the net may name them only when the
    message names an opioid, a child, an animal or a pregnancy (`needs`; the nearest examples'
    labels are not enough alone). The patterns read the message as `prepare` leaves it.
    """

    prepare: Callable[[str], str]
    general_question: re.Pattern[str]
    someone: re.Pattern[str]
    denial: re.Pattern[str]
    needs: dict[str, re.Pattern[str]]
    # A question whether an opioid and LDN go together, or how long before LDN to stop one,
    # with nothing taken together and no withdrawal told ("mi papá toma oxicodona, se puede
    # combinar con la ldn?"): the FAQ's, not a report. None: the rules tell it (English).
    combining_asked: re.Pattern[str] | None = None


def concern_needs(
    *, opioid: str, withdrawal: str, ldn: str, child: str, pet: str, pregnancy: re.Pattern[str]
) -> dict[str, re.Pattern[str]]:
    """A language's `NetGate.needs` from its words for what a concern involves (patterns as
    `prepare` leaves the message): an opioid taken with LDN needs both medicines named."""
    return {
        "opioid-co-use": re.compile(rf"^(?=.*{opioid}).*\b(?:{ldn})\b"),
        "opioid-withdrawal": re.compile(rf"{opioid}|{withdrawal}"),
        "child-ingestion": re.compile(rf"\b{child}\b"),
        "pet-ingestion": re.compile(rf"\b{pet}\b"),
        "pregnancy": pregnancy,
    }


_GENERAL_QUESTION = re.compile(
    r"^\s*(?:what|whats|how|why|which|when|can|could|does|do|is|are|will|would|should|may|might)\b"
    # "might just drive into the river", "would be such a relief": a statement, not a question
    r"(?! just\b| be (?:so |such |really )?(?:a relief|nice|easier|better|peaceful|lovely)\b)"
)
_SOMEONE = re.compile(
    r"\b(?:i|im|ive|id|ill|me|my|mine|myself|we|our|us|he|she|him|her|his|hes|shes|they|them"
    r"|their|theyre)\b|\b(?:son|daughter|child|kid|baby|toddler|husband|wife|partner|mum|mom"
    r"|dad|dog|cat)\b"
)
_DENIAL = re.compile(
    r"\bnot (?:suicidal|thinking (?:of|about) (?:suicide|ending)|going to hurt)"
    # English pass eleven: a sign-off and nothing else ("done for tonight"); a runner's stitch
    # that has passed ("got a stitch in my side, gone after 5 min")
    r"|^(?:(?:ok|okay|right|well|anyway|alright|im|i am|thats it|all|and)\s*,?\s*)*(?:done|finished"
    r"|signing off|logging off|off to bed)(?: for)? (?:tonight|today|the (?:day|night|evening)"
    r"|now)\s*[.!]*$"
    r"|^(?=.*\bstitch (?:in|on|down) (?:my |the )?(?:side|ribs|stomach|belly|tummy)\b)"
    r"(?=.*\b(?:gone|went away|passed|eased|faded|better now)\b)"
    r"|\bonly (?:one|1) (?:in total|total|altogether)\b"  # "gave her another ... only one in total"
    r"|\b(?:never|no|not|dont have|didnt|havent|hasnt|without)(?: \w+){0,3} (?:faint\w*|passed out"
    r"|pass out|seizures?|fits?|chest pains?|hives|swelling|rash|pregnan\w*|suicid\w*|overdos\w*"
    r"|yellow\w*|withdrawal|trouble breathing)\b"
    # Nothing happened either: a child or an animal stopped in time, a count of what is left
    # ("4 caps left, when should i reorder"), or LDN one day for someone else ("would ldn be an
    # option for him one day"), with nothing said to be taken.
    # (anchored: tried from every position, the look-ahead made a 4,000-character message cost
    # seconds; a match anywhere is a match from the start)
    rf"|^(?=.*\b(?:{_CHILD}|{_PET})\b).*\b(?:(?:just )?in time|before (?:he|she|it|they) (?:could"
    r"|got|managed|had))\b"
    rf"|^(?=.*\b(?:{_CHILD}|{_PET})\b)(?:.*(?:{_ALL_ACCOUNTED_FOR.pattern}))"
    r"|^(?!.*\b(?:took|taken|tooked|swallowed|ate|drank|had|double\w*|extra|overdos\w*|too much"
    r"|too many|again|twice|all)\b).*\b(?:running (?:low|out)|down to (?:my )?(?:last|[1-9])\b"
    # a dose missed, not taken: "ran out of caps tonight, will missing one night matter"
    r"|(?:ran|run|running) out|out of (?:my )?(?:caps|capsules|pills|ldn|meds|tablets|liquid)"
    r"|(?:miss\w*|skip\w*|forg[eo]t\w*) (?:a |one |two |my |the |\d )?(?:\w+ )?(?:nights?|doses?"
    r"|days?|capsules?|caps)\b"
    # forgetting in other words: "completely spaced on my ldn", "slipped my mind"
    r"|(?:spaced|blanked|zoned) (?:on|out on) (?:my |the |taking )?(?:ldn|naltrexone|dose|meds"
    r"|capsule|cap|pill|tablet)|slipped my mind"
    r"|(?:[1-9]|one|two|three|four|five|six|a few) (?:\w+ )?(?:caps|capsules|pills|tablets|tabs"
    r"|doses|syringes) (?:left|remaining))\b"
    # a missed dose and the question whether to double up: asked, not done
    r"|^(?!.*\b(?:took|taken|swallowed|drank|again|twice|extra)\b)(?=.*\b(?:miss\w*|skip\w*"
    r"|forg[eo]t\w*|spaced|blanked)\b).*\b(?:do|should|can|shall|could|would) (?:i|we|you|he|she"
    r"|they|(?:my|our) \w+) (?:just )?double (?:up|it|the dose"
    r"|(?:my|her|his|their|the next) dose)\b"
    r"|^(?!.*\b(?:took|taken|had|swallowed|gave|given|ate|drank)\b).*\b(?:would|could|can|will"
    r"|might"
    r"|should|is) (?:ldn|naltrexone|it|he|she|they) (?:\w+ ){0,4}?(?:for (?:him|her|them)|one day"
    r"|in (?:the )?future|later on|some ?day|ever)\b"
    # How a dose is made ("can i just cut a 50mg tablet into pieces"), nothing said to be taken
    r"|^(?!.*\b(?:took|taken|swallowed|ate|drank|had)\b)(?:can|could|should|how|is it ok|is it"
    r" safe|do i|do you)\b.*\b(?:cut|split|halve|dissolve|crush|compound|make|divide)\b"
    # A mild side effect since starting, told as a question or a note ("ive had a headache every
    # day since i started"), with nothing severe or sudden said
    r"|^(?!.*\b(?:worst|severe|sudden\w*|cant|unbearable|vomit\w*|confus\w*|stiff|vision|faint"
    r"|numb|weak|slur\w*|chest|breath\w*|swell\w*|rash|yellow|blood|fever)\b)"
    r"(?=.*\bsince (?:i )?start(?:ed|ing)\b).*\b(?:headaches?|dreams?|nausea|nauseous|insomnia"
    r"|sleep\w*|brain fog|tired|fatigue)\b"
    # What one is on, and nothing more ("im on suboxone", "i take tramadol for my back").
    r"|^(?:so |and |also |btw )?(?:im|i am|i take|i use|im taking|i am taking|im currently"
    r"|i am currently|currently)(?: on| taking)? (?:\w+ ){0,2}?"
    rf"(?:{_OPIOID}|{_PAINKILLER}|ldn|naltrexone|\d+(?:\.\d+)? ?mg)"
    r"(?: (?:\d+(?:\.\d+)? ?mg|daily|every day|at the moment|now|currently|too|as well"
    r"|for (?:my )?\w+(?: \w+)?))*\s*[.!]?$"
    # The distant past, and nothing said to be happening now ("swallowed a coin once when he
    # was two, thats why i keep pills high up").
    rf"|^(?!.*\b(?:now|today|tonight|just|right now|again|back(?! in| at| when| then)"
    rf"|currently|still|yesterday"
    r"|last night|this (?:morning|evening|afternoon|week)|minutes? ago|an hour ago|hours ago"
    rf"|keeps|since)\b)(?=.*(?:{_HISTORY.pattern}))"
    # Something that happened once and passed off ("last year and nothing happened", "she was
    # fine"), asked about for next time.
    r"|^(?=.*\b(?:nothing (?:happened|came of it)|(?:he|she|i|they|we) (?:was|were) (?:totally "
    r"|completely |perfectly )?fine\b(?! (?:until|till|at first|before|then))))"
    r"(?=.*\b(?:last (?:year|month|week|time)|ago|back in|once|next time|again)\b)"
)
# The net's English gate also leaves out a missed dose asked about ("remembered i never took my
# ldn last night, take it now or wait?"), unless a second dose is told; and, as
# `NetGate.combining_asked`, an opioid and LDN named with nobody and nothing taken ("codeine and
# ldn together ok?", the kind of the seventh stop's Spanish FAQ questions) or asked whether they
# go together with nothing taken.
_NET_DENIAL = re.compile(
    _DENIAL.pattern
    + r"|\b(?:never took|forgot to take|forgotten to take|didnt take|did not take|missed|skipped)"
    r"(?: \w+){0,2} (?:ldn|dose|capsule|pill|naltrexone)\b"
    r"(?!.*\b(?:twice|again|another|extra|second|double|two|both|more|too many)\b)"
)
_NOTHING_TAKEN = (
    r"(?!.*\b(?:took|taken|taking|had|just|tonight|last night|ago|this morning|both|swallowed"
    r"|withdrawal|sweat\w*|shak\w*|vomit\w*|diarr\w*|cramp\w*|chills|sick|awful|terrible)\b)"
    rf"(?=.*\b{_OPIOID}\b)(?=.*\b(?:ldn|naltrexone)\b)"
)
_NET_COMBINING_ASKED = re.compile(
    rf"^{_NOTHING_TAKEN}(?!.*\b(?:i|im|ive|me|my|we|he|she|his|her|they|their)\b)"
    rf"|^{_NOTHING_TAKEN}.*\b(?:together ok|ok together|go together|safe together|compatible"
    r"|interact\w*|how long before|before (?:starting|i start))\b"
)
NET_GATE = NetGate(
    prepare=lambda text: normalise_for_triage(text[:4096]),
    general_question=_GENERAL_QUESTION,
    someone=_SOMEONE,
    denial=_NET_DENIAL,
    combining_asked=_NET_COMBINING_ASKED,
    needs={
        "opioid-co-use": re.compile(
            rf"^(?=.*\b(?:{_OPIOID}|{_PAINKILLER})\b).*\b(?:ldn|naltrexone|my (?:\w+ )?dose)\b"
        ),  # both medicines named
        "opioid-withdrawal": re.compile(rf"\b(?:{_OPIOID}|{_PAINKILLER}|with ?dra?w\w*|wd)\b"),
        "child-ingestion": re.compile(rf"\b{_CHILD}\b"),
        "pet-ingestion": re.compile(rf"\b{_PET}\b"),
        "pregnancy": re.compile(
            r"\bpre?gn?[ae]n\w*|\bexpecting\b|\bpositive\b|\bconceiv\w*|\bbaby\b"
        ),
    },
)


def net_may_read(text: str) -> bool:
    """Whether the second net is asked about a message the rules found nothing in: long enough,
    denying nothing, and not a question that names nobody, in the language(s) it is read in
    (`faq.triage_lang.net_gates`)."""
    from faq.triage_lang import net_gates  # here: that module imports this one

    clean_en = normalise_for_triage(text[:4096])
    if len(text.split()) < NET_MIN_WORDS or _past_and_well(clean_en):
        return False  # too short, or the long past told with the present well
    if _NOT_HAPPENED.search(clean_en):
        return False  # "hasnt happened, just planning ahead", a dream, a question before starting
    read = [(gate, gate.prepare(text)) for gate in net_gates(text)]
    if any(
        gate.denial.search(clean)
        or (gate.combining_asked is not None and gate.combining_asked.search(clean))
        for gate, clean in read
    ) or not_a_report(normalise_for_triage(text[:4096])):
        return False
    # Read in several languages (a short or mixed message), a question is one in most of them:
    # the Spanish "es ..." opens a German statement ("es hat alles keinen sinn mehr").
    asked = sum(bool(gate.general_question.search(clean)) for gate, clean in read)
    return 2 * asked <= len(read) or any(gate.someone.search(clean) for gate, clean in read)


def net_may_name(concern_id: str, text: str) -> bool:
    """Whether the message names whom or what the concern needs (an opioid, a child, an animal,
    a pregnancy) in a language it is read in; other concerns need nobody in particular."""
    from faq.triage_lang import net_gates

    needs = [(gate, gate.needs[concern_id]) for gate in net_gates(text) if concern_id in gate.needs]
    return not needs or any(need.search(gate.prepare(text)) for gate, need in needs)


def triage(text: str, net: SecondNet | None = None) -> SafetyConcern | None:
    """Return the concern a message reports, or None when it reports nothing to act on.

    The rules decide first (English, Spanish and German: `faq.triage_lang.every_language`);
    `net` (the semantic net, when the bot has one) is asked only about messages the rules found
    nothing in, and can add a concern but never clear one.
    """
    from faq.triage_lang import every_language  # here: that module imports this one

    found, _ = every_language(text, rules_triage)
    if found is not None or net is None or not net_may_read(text):
        return found
    return net.concern(text[:4096])
