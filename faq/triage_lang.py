"""What the triage's Spanish and German rules share: folding, clause contexts, the rule engine,
and which languages' rules read a message.

A patient may write in any language, so `faq.triage.triage` asks `every_language`, which runs
the English rules (`faq.triage.rules_triage`) and those of `faq.triage_es` and `faq.triage_de`.
When a message is plainly in one language (several of its function words, none of the others'),
only that language's rules read it: the English rules see an emergency in Spanish cognates
("puede la ldn causar convulsiones?"), and the other languages' rules must not add false alarms
to English messages. A mixed or short message is read by all of them.

Each language writes its patterns in its own spelling; `compile_folded` folds them the way the
message is folded (accents dropped, German umlauts and their "ae/oe/ue" spellings made one), so
a pattern written "schwächer" matches "schwacher", "schwaecher" and "schwächer".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from faq.triage import CONCERNS, NET_GATE, NetGate, SafetyConcern

Detector = Callable[[str], bool]


# ------------------------------------------------------------------ folding


def fold_letters(text: str, *, german: bool = False) -> str:
    """Casefold and drop accents; for German also ß -> ss and ae/oe/ue -> a/o/u."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if german:
        text = text.replace("ß", "ss")
        text = text.replace("ae", "a").replace("oe", "o")
        text = re.sub(r"(?<!q)ue", "u", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str, *, german: bool = False) -> str:
    """Fold a message and keep only words, numbers and clause punctuation (as `faq.triage`)."""
    text = fold_letters(text, german=german)
    text = re.sub(r"['\u2019\u2018`\u00b4]", "", text)
    text = text.replace("¿", ", ").replace("¡", ", ")
    text = "".join(ch if ch.isprintable() or ch == "\n" else " " for ch in text)
    text = re.sub(r"(?<=\d),(?=\d)", ".", text)  # 4,5 mg
    text = re.sub(r"(?<=\d)\.(?=\s+[a-z])", " ", text)  # "in der 6. woche": an ordinal
    text = re.sub(r"(?<=\d)(?=[a-z])", " ", text)  # 50mg -> 50 mg, 4jahriger -> 4 jahriger
    text = re.sub(r"[^\w.!?;,\n]+|_", " ", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " . ", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def compile_folded(pattern: str, *, german: bool = False) -> re.Pattern[str]:
    """A pattern written in the language's own spelling, folded as messages are."""
    return re.compile(fold_letters(pattern, german=german))


def number(word: str, words: Mapping[str, float]) -> float:
    try:
        return float(word)
    except ValueError:
        return words.get(word, 3.0)


# ------------------------------------------------------------------ one language's grammar


@dataclass(frozen=True)
class Grammar:
    """What tells a report from a question, a negation or the past in one language."""

    clause_break: re.Pattern[str]  # punctuation and "but"
    negation_before: re.Pattern[str]  # ends at the match: "no ...", "kein ..."; "almost"
    question_before: re.Pattern[str]  # "if", "can ... cause", a question's first word
    history: re.Pattern[str]  # years ago, as a child, family history, died of
    others: re.Pattern[str]  # a friend or a neighbour: not the patient's emergency
    question_after: re.Pattern[str] = re.compile(r"(?!)")  # "... is a side effect?"
    # "is it normal? I've had it since yesterday": a question that says the patient has it now
    # is a report (searched in the whole message).
    ongoing: re.Pattern[str] = re.compile(r"(?!)")

    def before(self, text: str, start: int) -> str:
        head = text[max(0, start - 100) : start]
        cut = [m.end() for m in self.clause_break.finditer(head)]
        return head[cut[-1] :] if cut else head

    def after(self, text: str, end: int) -> str:
        tail = text[end : end + 80]
        stop = self.clause_break.search(tail)
        return tail[: stop.start()] if stop else tail

    def clause(self, text: str, start: int, end: int) -> str:
        return self.before(text, start) + text[start:end] + self.after(text, end)

    def negated(self, text: str, start: int) -> bool:
        return bool(self.negation_before.search(self.before(text, start)))

    def report(self, text: str, start: int, end: int, *, whoever: bool = False) -> bool:
        """Something happening now to the patient or someone near: not denied, asked about,
        long ago or a friend's. `whoever`: a friend's counts too (a neighbour's child who
        swallowed the patient's capsule is an emergency as well)."""
        before = self.before(text, start)
        clause = before + text[start:end] + self.after(text, end)
        asked = self.question_before.search(before) or self.question_after.search(
            self.after(text, end)
        )
        return not (
            self.negation_before.search(before)
            or (asked and not self.ongoing.search(text))
            or self.history.search(clause)
            or (not whoever and self.others.search(clause))
        )


def near(first: str, second: str, gap: int = 5) -> str:
    """A pattern for two ideas in either order, at most `gap` words apart within a sentence:
    a meaning said in many word orders ("dem Ganzen jetzt ein Ende machen")."""
    between = rf"(?: [^\s.!?;]+){{0,{gap}}} "
    return rf"\b(?:{first})\b,?{between}(?:{second})\b|\b(?:{second})\b,?{between}(?:{first})\b"


def across(first: str, second: str, gap: int) -> str:
    """A pattern for two ideas in this order, at most `gap` words apart even across sentence
    breaks (a plan told in two sentences: "escribí una carta. solo me falta el valor")."""
    between = rf"(?:[^\w]+\w+){{0,{gap}}}[^\w]+"  # [^\w], not \W: German patterns are casefolded
    return rf"\b(?:{first})\b{between}(?:{second})\b"


SENTENCE_BREAK = re.compile(r"(?<!\d)\.|\.(?!\d)|[!?;\n]")


def sentence(text: str, start: int, end: int) -> str:
    """The sentence around a match (commas do not end it)."""
    return (
        SENTENCE_BREAK.split(text[:start])[-1]
        + text[start:end]
        + SENTENCE_BREAK.split(text[end:])[0]
    )


@dataclass(frozen=True)
class Rule:
    """One way of reporting a concern: a pattern, read as a report unless the context says not.

    guard "report": not negated, asked about, long ago or a friend's; "negation": only not
    negated (suicidal wording is a report even inside a question); "none": always.
    `unless` is searched in the sentence around the match.
    """

    concern: str
    pattern: re.Pattern[str]
    guard: str = "report"
    unless: re.Pattern[str] | None = None
    requires: re.Pattern[str] | None = None  # searched in the whole message

    def fires(self, grammar: Grammar, text: str) -> bool:
        if self.requires is not None and not self.requires.search(text):
            return False
        for m in self.pattern.finditer(text):
            if self.unless is not None and self.unless.search(sentence(text, m.start(), m.end())):
                continue
            if self.guard == "negation" and grammar.negated(text, m.start()):
                continue
            if self.guard == "report" and not grammar.report(text, m.start(), m.end()):
                continue
            return True
        return False


@dataclass(frozen=True)
class LanguageRules:
    """A language's triage: its grammar, its help wrappers, and its detectors in order."""

    code: str
    grammar: Grammar
    help_wrapper: re.Pattern[str]
    detectors: Sequence[tuple[str, Detector]]
    german: bool = False
    replacements: Sequence[tuple[re.Pattern[str], str]] = field(default_factory=tuple)

    def prepare(self, text: str) -> str:
        clean = normalise(text[:4096], german=self.german)
        for pattern, replacement in self.replacements:
            clean = pattern.sub(replacement, clean)
        return self.help_wrapper.sub(" , ", clean)

    def triage(self, text: str) -> SafetyConcern | None:
        """The concern a message reports in this language, or None."""
        if not text or not text.strip() or (re.match(r"^\s*/\w+", text) and len(text.split()) == 1):
            return None
        clean = self.prepare(text)
        for concern_id, detect in self.detectors:
            if detect(clean):
                return CONCERNS[concern_id]
        return None


def rules_detector(grammar: Grammar, rules: Sequence[Rule]) -> Detector:
    return lambda text: any(rule.fires(grammar, text) for rule in rules)


_NOTHING = re.compile(r"(?!)")  # a pattern that finds nothing


def suicidal_detector(
    grammar: Grammar,
    *,
    direct: re.Pattern[str],
    mundane: re.Pattern[str],
    excluded: re.Pattern[str],
    indirect: re.Pattern[str] = _NOTHING,
    frames: re.Pattern[str] = _NOTHING,
) -> Detector:
    """Suicidal thoughts, direct or by meaning. The meaning patterns (`indirect`, `frames`) are
    wider, so a mundane subject in the sentence (the pill box, the week, social media) reads
    them as everyday speech; a negation, an `excluded` subject (a book, a film, someone else's
    suicide) or a past, family-history mention reads any of them as no report. Without meaning
    patterns, `direct` alone (the last arrangements, apart: one alternation of them all with
    the rest is ten times slower on a long message)."""

    def detect(text: str) -> bool:
        wide = (*indirect.finditer(text), *frames.finditer(text))
        meant = [m for m in wide if not mundane.search(sentence(text, *m.span()))]
        for m in (*direct.finditer(text), *meant):
            around = sentence(text, m.start(), m.end())
            if grammar.negated(text, m.start()) or excluded.search(around):
                continue
            if grammar.history.search(around):
                continue
            return True
        return False

    return detect


def opioid_co_use_detector(
    grammar: Grammar,
    *,
    on_opioid: Detector,
    both_taken: re.Pattern[str],
    opioid: re.Pattern[str],
    ldn: re.Pattern[str],
    taken: re.Pattern[str],
    asks_if_together: re.Pattern[str],
    not_now: re.Pattern[str],
    someone_else: re.Pattern[str],
) -> Detector:
    """LDN and an opioid taken close together: the patient on an opioid now (`on_opioid`),
    "I took both" beside an opioid's name (not a question whether they go together), or an
    opioid taken while LDN is named (not negated, not long ago, not someone else's)."""

    def detect(text: str) -> bool:
        if on_opioid(text):
            return True
        both = both_taken.search(text)
        if (
            both
            and opioid.search(text)
            and not asks_if_together.search(text)
            and not someone_else.search(text)
            and grammar.report(text, both.start(), both.end())
        ):
            return True
        if not (opioid.search(text) and ldn.search(text)):
            return False
        if not_now.search(text) or someone_else.search(text):
            return False
        return any(
            not grammar.negated(text, m.start()) and not grammar.history.search(text)
            for m in taken.finditer(text)
        )

    return detect


# ------------------------------------------------------------------ which language


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words only one of the three languages uses ("me", "no", "a", "in", "was", "die",
# "es", "will" are shared or ambiguous and left out), and a few words of every complaint.
_MARKERS: dict[str, frozenset[str]] = {
    "en": _words(
        "i im ive the and my is to it of have has was took taken with for this that what do"
        " does can you your just after before been get got feel feeling dont cant its are be"
        " am at from he she they them her his our we if or but so"
    ),
    "es": _words(
        "de la el que y en los las mi mis se un una es por con para tengo estoy muy pero lo le"
        " hay al del ya hace como creo tome tomado he ha han esta este eso esto yo su sus nada"
        " cuando porque tambien despues desde quiero siento puede puedo pueden nunca sobre"
        " tenido tiene tener sin ni les nos tu aun mucho hoy ayer anoche todo todos otra otro"
        " dolor duele pecho"
    ),
    "de": _words(
        "ich und der das nicht ist mit habe hab mein meine meinen meiner ein eine einen zu auf"
        " den dem bin mir mich sie auch nach wie seit von schon noch heute hat hatte wenn ob"
        " aber kann soll sind wir ihr er uns nur jetzt gerade genommen nie kein keine keinen"
        " darf vor weil dass sich wird war tut weh nimma nimmer ois ned hob mog wü"
        # colloquial "nen", "bei", "einer": "bei in aller freundschaft hatte einer nen schock"
        " bei einer nen"
        # Bavarian and Swiss words, so "am liabstn waar i tot" is not read as English for its
        # "am" and "i"
        " waar koa ka scho heit woit oane nix liabstn mei hoid gnumma isch het nöd nüt öppis"
        " chind"
    ),
}


def _reads_as_english(text: str) -> bool:
    """More distinct English function words than Spanish or German ones: "will ldn make me
    suicidal" is an English question, whatever a Spanish pattern sees in "suicidal"; "uberdosis
    ldn was tun" is not plainly English ("was" is German too)."""
    from faq.languages import function_words

    markers = _marker_counts(text)
    if markers["es"] or markers["de"]:  # a word only Spanish or German (or Bavarian) uses
        return False
    words = set(re.findall(r"[^\W\d_]+", text.casefold()))
    english = len(words & function_words("en"))
    others = max(len(words & function_words(code)) for code in ("es", "de"))
    return english > others


def _marker_counts(text: str) -> dict[str, int]:
    """Per language, how many of the message's words are that language's function words."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    return {code: sum(w in markers for w in words) for code, markers in _MARKERS.items()}


def written_in(text: str) -> str | None:
    """The one language a message is plainly written in ("en", "es", "de"), or None."""
    counts = _marker_counts(text)
    for code, count in counts.items():
        others = sum(n for other, n in counts.items() if other != code)
        if count >= 2 and others == 0:
            return code
    # A longer message with a stray shared-looking word ("hat", "so") is still plainly one.
    best = max(counts, key=lambda code: counts[code])
    rest = sorted(counts.values())[-2]
    if counts[best] >= 4 and rest <= 1 and counts[best] >= 4 * max(rest, 1):
        return best
    return None


def every_language(
    text: str, english: Callable[[str], SafetyConcern | None]
) -> tuple[SafetyConcern | None, str | None]:
    """The concern any language's rules find in a message, and the language it is plainly in."""
    from faq import triage_de, triage_es  # here: both modules import this one

    others: dict[str, Callable[[str], SafetyConcern | None]] = {
        "es": triage_es.RULES.triage,
        "de": triage_de.RULES.triage,
    }
    language = written_in(text)
    if language == "en":
        return english(text), language
    # Plainly Spanish or German: that language's rules alone; a message that reads as English,
    # the English rules alone; otherwise every language's.
    order: list[Callable[[str], SafetyConcern | None]]
    if language in others:
        order = [others[language]]
    elif _reads_as_english(text):
        order = [english]
    else:
        order = [english, *others.values()]
    for check in order:
        found = check(text)
        if found is not None:
            return found, language
    return None, language


def net_language(text: str) -> str | None:
    """The language the semantic net reads a message in: the one it is plainly written in,
    English when it reads as English (as `every_language` picks the rules), the one whose
    function words it has more of, otherwise None."""
    language = written_in(text)
    if language is not None:
        return language
    if _reads_as_english(text):
        return "en"
    # A short message leaning to one language ("kann ldn krampfanfälle auslösen?"): that one.
    from faq.languages import function_words

    words = set(re.findall(r"[^\W\d_]+", text.casefold()))
    counts = {code: len(words & function_words(code)) for code in ("es", "de")}
    leaning = max(counts, key=lambda code: counts[code])
    return leaning if counts[leaning] > min(counts.values()) else None


def net_gates(text: str) -> list[NetGate]:
    """The net gates that read a message: its language's, or all three when it is mixed."""
    from faq import triage_de, triage_es  # here: both modules import this one

    gates = {"en": NET_GATE, "es": triage_es.NET_GATE, "de": triage_de.NET_GATE}
    language = net_language(text)
    return [gates[language]] if language in gates else list(gates.values())
