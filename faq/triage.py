"""Safety triage: spot red-flag messages before any FAQ matching.

A message that reports an emergency (an overdose, an allergic reaction, chest pain, thoughts of
suicide...) gets a short safety message instead of an FAQ answer. A question *about* a topic
("can LDN cause chest pain?") is not a report and goes on to the FAQ.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class SafetyConcern:
    """A red flag found in a message; id names the kind of emergency."""

    id: str
    summary: str


CONCERNS: dict[str, SafetyConcern] = {
    c.id: c
    for c in (
        SafetyConcern("suicidal", "thoughts of suicide or self-harm"),
        SafetyConcern("overdose", "too much LDN or naltrexone taken at once"),
        SafetyConcern("allergic-reaction", "an allergic reaction, swelling or trouble breathing"),
        SafetyConcern("chest-pain", "chest pain"),
        SafetyConcern("jaundice", "yellow skin or eyes, or dark urine with belly pain"),
        SafetyConcern("seizure", "a seizure"),
        SafetyConcern("fainting", "fainting or loss of consciousness"),
        SafetyConcern("opioid-withdrawal", "opioid withdrawal after taking LDN"),
        SafetyConcern("other-emergency", "another medical emergency"),
    )
}

_NUMBER_WORDS = (
    r"(?:[2-9]|\d{2,}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|a dozen|dozens|several|multiple|many|a few|a handful of|a bunch of|lots of|a lot of"
    r"|all(?: of)?(?: my| the)?|extra|another|a second|an additional)"
)
_UNITS = r"(?:capsules?|caps|pills?|tablets?|tabs|doses?|ldns?|naltrexones?)"
_TOOK = r"(?:took|taken|swallowed|ate|eaten|popped|downed)"
_OPIOIDS = (
    r"(?:opioids?|opiates?|tramadol|oxy\w*|codeine|morphine|hydrocodone|fentanyl|methadone"
    r"|suboxone|subutex|buprenorphine|percocet|vicodin|norco|dilaudid|hydromorphone|heroin"
    r"|tapentadol|nucynta|kratom|painkillers?|pain killers?|pain meds?|pain medications?)"
)
_FACE = r"(?:face|lips?|tongue|throat|mouth|eyes?|eyelids?|cheeks?)"
_SWELL = r"(?:swell\w*|swollen|puff\w*)"

# Each rule: (concern id, pattern, whether a question about the topic is exempt).
_RULES: list[tuple[str, re.Pattern[str], bool]] = [
    (
        "suicidal",
        re.compile(
            r"suicid\w*|sucid\w*|kill(?:ing)? my ?self|end(?:ing)? (?:my|it) (?:life|all)"
            r"|take my (?:own )?life|want(?:ed)? to die|wanna die|wish i (?:was|were) dead"
            r"|better off dead|(?:do ?n[o']?t|dont) want to (?:live|be alive|wake up|be here)"
            r"|no (?:reason|point) (?:to|in) (?:live|living|going on)|self[ -]?harm\w*"
            r"|hurt(?:ing)? my ?self|cut(?:ting)? my ?self|overdose on purpose"
        ),
        False,
    ),
    (
        "overdose",
        re.compile(
            rf"\b{_TOOK}\b(?: \w+){{0,3}}? {_NUMBER_WORDS}(?: \w+){{0,2}}? {_UNITS}\b"
            r"|\b(?:whole|entire|full|half (?:a|the)) (?:bottle|pack|packet|box|jar|supply"
            r"|month'?s? supply|blister)"
            r"|\bdoubl(?:e|ed)[ -]?(?:dos\w*|up|my dose)|\btripl\w*[ -]dos\w*"
            r"|\b(?:took|taken)\b (?:it|ldn|naltrexone|(?:my|the|a|tonight'?s?) (?:dose|ldn|capsule"
            r"|pill|tablet|meds?))(?: \w+){0,2}? (?:twice|two times|three times"
            r"|again by (?:mistake|accident))\b"
            r"|\bover ?dos\w*|\bod'?d\b|\b(?:took|taken|had) (?:way )?too (?:much|many)"
            r"|\b(?:son|daughter|kid|kids|child|toddler|baby|grandson|granddaughter|dog|cat)\b"
            r"(?: \w+){0,3}? (?:took|ate|swallowed|got into|chewed)\b"
            r"|\b(?:took|taken|swallowed|had)\b(?: \w+){0,3}? (?:[1-9]\d{1,3}) ?(?:mg|milligrams?)"
        ),
        True,
    ),
    (
        "allergic-reaction",
        re.compile(
            rf"\ba?l+er+gic reaction|\banaphyla\w*|\bhives\b|\b{_SWELL}(?: \w+){{0,3}}? {_FACE}\b"
            rf"|\b{_FACE}(?: \w+){{0,3}}? (?:is |are |has |have |got |getting |started )?"
            rf"(?:swell\w*|swollen|puff\w*|closing|tight\w*)"
            r"|(?:can ?n?o?'?t|cannot|can not|cant|unable to|struggling to|hard to|trouble"
            r"|difficulty|difficult to|problems?) ?breath\w*|short(?:ness)? of breath"
            r"|\bnot breathing|\bgasping|\bwheez\w*"
        ),
        True,
    ),
    (
        "chest-pain",
        re.compile(
            r"\bchest (?:pains?|pian\w*|hurts?|hurting|tight\w*|pressure|ache\w*|is (?:tight|sore"
            r"|hurting|aching))|\b(?:pain|pressure|tightness|ache) in (?:my |the )?chest"
            r"|\btight chest|\bheart attack"
        ),
        True,
    ),
    (
        "jaundice",
        re.compile(
            r"\bjaundic\w*|\byellow(?:ish)? (?:skin|eyes?|whites)"
            r"|\b(?:skin|eyes?|whites of my eyes)(?: \w+){0,2}? (?:yellow|turning yellow"
            r"|turned yellow|look yellow|gone yellow)"
            r"|\bdark (?:urine|pee|wee)\b.*\b(?:belly|stomach|tummy|abdomen|abdominal|side)"
            r"|\b(?:belly|stomach|tummy|abdomen|abdominal|side)\b.*\bdark (?:urine|pee|wee)\b"
        ),
        True,
    ),
    (
        "seizure",
        re.compile(
            r"\bsei?[zs]ure\w*|\bsiezure\w*|\bseizing|\bconvuls\w*|\b(?:had|having) a fit\b"
        ),
        True,
    ),
    (
        "fainting",
        re.compile(
            r"\bfaint(?:ed|ing)?\b|\bfeinted|\bpass(?:ed|ing) out|\bblack(?:ed|ing) out"
            r"|\blost consciousness|\bcollaps\w*|\bunconscious|\bunresponsive"
            r"|\b(?:can ?n?o?'?t|cannot|won'?t) wake (?:him|her|them) up"
        ),
        True,
    ),
    (
        "opioid-withdrawal",
        re.compile(r"\bwith ?dra?wa?ls?\b|\bwithdrawl\w*|\bdope ?sick|\bprecipitated\b|\bdetoxing"),
        True,
    ),
    (
        "other-emergency",
        re.compile(
            r"\bvomit\w* blood|\bthrowing up blood|\bcoughing up blood|\bstroke\b"
            r"|\bslurred speech|\bface (?:is )?droop\w*|\bcan'?t (?:move|feel) (?:my|one)"
        ),
        True,
    ),
]

_WITHDRAWAL_SIGNS = re.compile(
    r"\b(?:sweat\w*|shak\w*|shiver\w*|vomit\w*|throwing up|diarrh\w*|cramp\w*|chills"
    r"|goosebumps|restless\w*|agitat\w*|yawning|runny nose|aching all over|withdrawal)\b"
)
_OPIOID_PATTERN = re.compile(rf"\b{_OPIOIDS}\b")
_HYPOTHETICAL_BEFORE = re.compile(
    r"\b(?:if|whether|in case|could|can|cause|causes|does|do|will|would|might|may|risk|risks"
    r"|prevent|avoid|about|signs?|symptoms? of|what happens|should|shouldn'?t|never|how)\b"
)
_HYPOTHETICAL_AFTER = re.compile(
    r"^\W*(?:an? |the )?(?:side effects?|sign|symptom|risk|normal|common|possible|rare"
    r"|dangerous|serious|a concern)\b|^\W*(?:is|are) (?:an? )?(?:side effects?|sign|symptom"
    r"|risk|normal|common|possible|rare|dangerous|serious)\b"
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|my|we|we're|our|he|she|he's|she's|his|her|they|their)\b"
)
_CONDITIONAL = re.compile(
    r"\b(?:if|whether|in case|when|what happens|would|could|might)\b"
    r"|^\W*(?:can|could|should|may|will|would|do|does|is|are|what|how|shall)\b"
)
_NEGATION = re.compile(
    r"\b(?:no|not|never|without|don'?t|dont|didn'?t|haven'?t|hasn'?t|isn'?t|aren'?t|wasn'?t"
    r"|any|zero|denies)\b(?: \w+){0,2}\W*$"
)
# "I've taken 30 capsules so far" counts doses over time, not an overdose.
_OVER_TIME = re.compile(
    r"^(?: \w+){0,3}? (?:so far|in total|this (?:week|month|year)|over (?:the|a|two|three)"
    r"|since|every|each|a day|per day|daily|a week|per week|without|and (?:no|nothing))\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?;\n]|\bbut\b")


def normalise_for_triage(text: str) -> str:
    """Lowercase, unify apostrophes and spacing, keep sentence punctuation."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("`", "'")
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    text = re.sub(r"[^\w'.!?;,\n]+", " ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def _clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - 80) : start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = text[end : end + 60]
    stop = _SENTENCE_BREAK.search(after)
    if stop:
        after = after[: stop.start()]
    return before, after


def _is_report(text: str, start: int, end: int, questions_exempt: bool) -> bool:
    """True when the match reads as something happening, not a negation or a question about it."""
    before, after = _clause_around(text, start, end)
    if _NEGATION.search(before):
        return False
    if not questions_exempt:
        return True
    if _FIRST_PERSON.search(before) and not _CONDITIONAL.search(before):
        return True
    return not (_HYPOTHETICAL_BEFORE.search(before) or _HYPOTHETICAL_AFTER.search(after))


def _withdrawal_signs_on_opioids(text: str) -> bool:
    if not _OPIOID_PATTERN.search(text):
        return False
    return any(_is_report(text, m.start(), m.end(), True) for m in _WITHDRAWAL_SIGNS.finditer(text))


def triage(text: str) -> SafetyConcern | None:
    """Return the red flag a message reports, or None when it is not an emergency."""
    if not text or not text.strip():
        return None
    clean = normalise_for_triage(text[:4096])
    for concern_id, pattern, questions_exempt in _RULES:
        for match in pattern.finditer(clean):
            if concern_id == "overdose" and _OVER_TIME.search(
                clean[match.end() : match.end() + 40]
            ):
                continue
            if _is_report(clean, match.start(), match.end(), questions_exempt):
                return CONCERNS[concern_id]
    if _withdrawal_signs_on_opioids(clean):
        return CONCERNS["opioid-withdrawal"]
    return None
