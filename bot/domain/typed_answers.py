"""Reading words typed in answer to a question that was asked with buttons (a safety question,
a check-in question): the answer they clearly give, or None when they are unclear, so the
question is asked again with its buttons. Never a guess: mixed signals ("no, a little") are
unclear. No Telegram import.

Words are read in every language the bot knows (a German patient typing "yes" is understood),
except the few that mean something else in the patient's own language: Spanish "y" is "and",
not "yes"; German "am" is "on the", not "I am". Accents and umlauts may be typed or left out
("sí"/"si", "nö"/"no"/"noe", "weiß"/"weiss")."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from bot.domain.numbers import typed_number
from bot.domain.side_effects import Severity
from bot.i18n import current_language, folded

# A typed answer is a few words; anything longer is not read as one.
LONGEST_TYPED_ANSWER_WORDS = 12
# An opioid's name this long or longer is read at the start of a compound ("Tilidintropfen").
SHORTEST_COMPOUNDED = 6


class YesNo(enum.Enum):
    YES = "yes"
    NO = "no"
    UNSURE = "unsure"


@dataclass(frozen=True)
class _Lexicon:
    """One language's words for the answers read here (written as patients spell them)."""

    yes: frozenset[str]
    no: frozenset[str]
    unsure: tuple[str, ...]  # phrases
    # Said about opioids: any name (or a "sometimes") is a yes; a past ("stopped tramadol") is
    # not clear either way, so it is asked again with its buttons.
    opioids: frozenset[str]
    now_and_then: frozenset[str]
    now_and_then_phrases: tuple[str, ...]
    past: frozenset[str]
    severity: dict[Severity, frozenset[str]]
    not_at_all: tuple[str, ...]  # phrases that mean "none" as a severity
    skip: frozenset[str]
    polite: frozenset[str]  # "thanks", "all good": nothing more to add
    # Words of other languages' tables that mean something else in this one.
    false_friends: frozenset[str] = field(default_factory=frozenset)


_ENGLISH = _Lexicon(
    yes=frozenset(
        {"yes", "y", "yeah", "yea", "yep", "yup", "ya", "yah", "yess", "sure", "correct", "true"}
        | {"definitely", "absolutely", "indeed", "affirmative", "do", "am", "have"}
    ),
    no=frozenset(
        {"no", "n", "nope", "nah", "nay", "never", "none", "not", "negative", "false", "nothing"}
        | {"don't", "dont", "haven't", "havent", "isn't", "isnt", "aren't", "arent"}
    ),
    unsure=(
        "not sure",
        "unsure",
        "don't know",
        "dont know",
        "do not know",
        "dunno",
        "idk",
        "no idea",
        "not certain",
        "maybe",
        "perhaps",
        "possibly",
    ),
    opioids=frozenset(
        {"opioid", "opioids", "opiate", "opiates", "tramadol", "codeine", "oxycodone", "oxy"}
        | {"oxycontin", "morphine", "hydrocodone", "fentanyl", "methadone", "buprenorphine"}
        | {"percocet", "vicodin", "dihydrocodeine", "tapentadol", "pethidine", "suboxone"}
        | {"subutex", "hydromorphone", "co-codamol", "cocodamol", "tramal", "ultram", "norco"}
    ),
    now_and_then=frozenset({"sometimes", "occasionally", "occasional", "rarely", "seldom"}),
    now_and_then_phrases=("now and then", "once in a while"),
    past=frozenset({"stopped", "quit", "used", "anymore", "past", "before", "ago", "until"}),
    severity={
        Severity.NONE: frozenset({"none", "no", "nope", "nah", "nothing", "never", "zero", "0"}),
        Severity.MILD: frozenset(
            {"mild", "mildly", "slight", "slightly", "minor", "little", "bit"}
        ),
        Severity.MODERATE: frozenset({"moderate", "moderately", "medium", "quite", "fairly"}),
        Severity.SEVERE: frozenset(
            {"severe", "severely", "bad", "terrible", "awful", "horrible"}
            | {"extreme", "strong", "awfully"}
        ),
    },
    not_at_all=("not at all", "no not really", "not really"),
    skip=frozenset({"skip", "later", "pass"}),
    polite=frozenset({"thanks", "thank", "you", "all", "good", "fine"}),
)

_SPANISH = _Lexicon(
    yes=frozenset(
        {"sí", "sip", "sep", "claro", "correcto", "cierto", "exacto", "efectivamente"}
        | {"afirmativo", "obvio", "seguro", "supuesto"}
    ),
    no=frozenset(
        {"no", "nop", "nope", "nel", "nunca", "jamás", "nada", "ninguno", "ninguna"}
        | {"tampoco", "negativo", "falso"}
    ),
    unsure=(
        "no sé",
        "no lo sé",
        "nose",
        "ni idea",
        "no estoy seguro",
        "no estoy segura",
        "no estoy muy seguro",
        "no estoy muy segura",
        "no lo tengo claro",
        "quizás",
        "quizá",
        "tal vez",
        "a lo mejor",
        "puede ser",
        "puede que",
    ),
    opioids=frozenset(
        {"opioide", "opioides", "opiáceo", "opiáceos", "opiaceo", "tramadol", "adolonta"}
        | {"zaldiar", "tilidina", "codeína", "dihidrocodeína", "oxicodona", "morfina"}
        | {"fentanilo", "fentanil", "durogesic", "buprenorfina", "transtec", "metadona"}
        | {"hidromorfona", "tapentadol", "palexia", "petidina", "targin", "oxycontin"}
    ),
    now_and_then=frozenset(
        {"veces", "aveces", "ocasionalmente", "ocasional", "esporádicamente", "raramente"}
    ),
    now_and_then_phrases=("de vez en cuando", "rara vez", "alguna que otra vez"),
    past=frozenset(
        {"dejé", "deje", "dejado", "antes", "tomaba", "tomé", "hace", "hasta", "pasado"}
        | {"anteriormente"}
    ),
    severity={
        Severity.NONE: frozenset({"no", "nop", "nada", "ninguno", "ninguna", "nunca", "cero"}),
        Severity.MILD: frozenset(
            {"leve", "leves", "ligero", "ligera", "ligeramente", "poco", "poquito", "poquitín"}
            | {"suave", "algo"}
        ),
        Severity.MODERATE: frozenset(
            {"moderado", "moderada", "moderados", "moderadas", "medio", "media", "mediano"}
            | {"mediana", "regular", "bastante", "intermedio"}
        ),
        Severity.SEVERE: frozenset(
            {"fuerte", "fuertes", "grave", "graves", "severo", "severa", "intenso", "intensa"}
            | {"horrible", "terrible", "fatal", "insoportable", "tremendo", "brutal"}
            | {"muchísimo", "malísimo"}
        ),
    },
    not_at_all=("para nada", "en absoluto", "nada de nada", "no realmente"),
    skip=frozenset({"saltar", "salta", "sáltala", "omitir", "después", "luego"}),
    polite=frozenset({"gracias", "muchas", "todo", "bien", "más", "eso", "es", "nada"}),
    # "y" is "and", "ya" is "already" (and "ya no" is "not any more").
    false_friends=frozenset({"y", "ya"}),
)

_GERMAN = _Lexicon(
    yes=frozenset(
        {"ja", "jo", "jap", "jep", "jup", "jawohl", "klar", "genau", "sicher", "stimmt"}
        | {"richtig", "natürlich", "doch", "freilich", "logo"}
    ),
    no=frozenset(
        {"nein", "nee", "ne", "nö", "nope", "nicht", "kein", "keine", "keinen", "nie"}
        | {"niemals", "nichts", "negativ", "falsch"}
    ),
    unsure=(
        "weiß nicht",
        "weiß ich nicht",
        "weis nicht",
        "weiss nicht",
        "keine ahnung",
        "k a",
        "ka",
        "nicht sicher",
        "bin mir nicht sicher",
        "unsicher",
        "vielleicht",
        "kann sein",
        "eventuell",
        "möglicherweise",
    ),
    opioids=frozenset(
        {"opioid", "opioide", "opiat", "opiate", "tramadol", "tramal", "tilidin", "valoron"}
        | {"codein", "kodein", "dihydrocodein", "oxycodon", "oxygesic", "targin", "morphin"}
        | {"morphium", "fentanyl", "durogesic", "buprenorphin", "temgesic", "transtec"}
        | {"norspan", "methadon", "polamidon", "l-polamidon", "hydromorphon", "palladon"}
        | {"tapentadol", "palexia", "pethidin", "dolantin"}
    ),
    now_and_then=frozenset({"manchmal", "gelegentlich", "selten"}),
    now_and_then_phrases=("ab und zu", "ab und an", "hin und wieder", "ab und mal"),
    past=frozenset(
        {"früher", "aufgehört", "abgesetzt", "damals", "vorher", "bis", "vor", "genommen"}
    ),
    severity={
        Severity.NONE: frozenset({"nein", "nee", "nö", "kein", "keine", "keins", "nichts"})
        | {"null", "nie"},
        Severity.MILD: frozenset(
            {"leicht", "leichte", "leichter", "bisschen", "bissl", "bisserl", "wenig"}
            | {"etwas", "gering", "geringe", "schwach", "kaum", "mild"}
        ),
        Severity.MODERATE: frozenset(
            {"mittel", "mittlere", "mittelmäßig", "mittelstark", "mäßig", "ziemlich"}
            | {"einigermaßen"}
        ),
        Severity.SEVERE: frozenset(
            {"stark", "starke", "starker", "schlimm", "schlimme", "heftig", "heftige"}
            | {"schwer", "schwere", "extrem", "furchtbar", "schrecklich", "unerträglich"}
            | {"übel", "arg", "krass"}
        ),
    },
    not_at_all=("gar nicht", "überhaupt nicht", "gar keine", "eigentlich nicht", "nicht wirklich"),
    skip=frozenset({"überspringen", "später", "auslassen"}),
    polite=frozenset({"danke", "alles", "gut", "mehr", "sonst", "schon", "nichts"}),
    # "am" is "on the" ("am Wochenende"), not "I am".
    false_friends=frozenset({"am"}),
)

LEXICONS: dict[str, _Lexicon] = {"en": _ENGLISH, "es": _SPANISH, "de": _GERMAN}


def _spellings(word: str) -> set[str]:
    """ "nö" -> {"no", "noe"}, "weiß" -> {"weiss"}: the ways a word may be typed."""
    expanded = word.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return {folded(word), folded(expanded)}


def _all_spellings(words: Iterable[str]) -> frozenset[str]:
    return frozenset(spelling for word in words for spelling in _spellings(word))


@dataclass(frozen=True)
class _Reading:
    """Every language's words at once, less the false friends of the patient's language."""

    yes: frozenset[str]
    no: frozenset[str]
    unsure: tuple[str, ...]
    opioids: frozenset[str]
    now_and_then: frozenset[str]
    now_and_then_phrases: tuple[str, ...]
    past: frozenset[str]
    severity: dict[Severity, frozenset[str]]
    not_at_all: tuple[str, ...]
    skip: frozenset[str]
    polite: frozenset[str]


@cache
def _reading(language: str) -> _Reading:
    lexicons = LEXICONS.values()
    own = LEXICONS.get(language, _ENGLISH)
    unwanted = _all_spellings(own.false_friends)

    def known(lexicon: _Lexicon, found: Iterable[str]) -> frozenset[str]:
        spelled = _all_spellings(found)
        return spelled if lexicon is own else spelled - unwanted

    def words(pick: str) -> frozenset[str]:
        return frozenset().union(*(known(lexicon, getattr(lexicon, pick)) for lexicon in lexicons))

    def phrases(pick: str) -> tuple[str, ...]:
        found = {s for lexicon in lexicons for p in getattr(lexicon, pick) for s in _spellings(p)}
        return tuple(sorted(found))

    severity = {
        level: frozenset().union(*(known(lexicon, lexicon.severity[level]) for lexicon in lexicons))
        for level in Severity
    }
    return _Reading(
        yes=words("yes"),
        no=words("no"),
        unsure=phrases("unsure"),
        opioids=words("opioids"),
        now_and_then=words("now_and_then"),
        now_and_then_phrases=phrases("now_and_then_phrases"),
        past=words("past"),
        severity=severity,
        not_at_all=phrases("not_at_all"),
        skip=words("skip"),
        polite=words("polite"),
    )


def _language(language: str | None) -> str:
    return current_language() if language is None else language


def _words(typed: str) -> list[str]:
    return re.findall(r"[a-z0-9][a-z0-9'\-]*", folded(typed))


def _phrase_in(phrases: Iterable[str], words: list[str]) -> bool:
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in phrases)


def read_yes_no(
    typed: str, *, unsure_allowed: bool, about_opioids: bool = False, language: str | None = None
) -> YesNo | None:
    """ "yes", "nope", "I don't", "not sure" (where it is an answer), and for the opioid question
    "sometimes tramadol"; "sí", "nein", "weiß nicht", "manchmal Tilidin" alike. None when
    unclear. `language`: the patient's (by default the language of this update)."""
    words = _words(typed)
    if not words or len(words) > LONGEST_TYPED_ANSWER_WORDS:
        return None
    known = _reading(_language(language))
    if _phrase_in(known.unsure, words):
        return YesNo.UNSURE if unsure_allowed else None
    yes = any(w in known.yes for w in words)
    no = any(w in known.no for w in words)
    if about_opioids:
        yes = (
            yes
            or any(_names_an_opioid(w, known) or w in known.now_and_then for w in words)
            or _phrase_in(known.now_and_then_phrases, words)
        )
        no = no or any(w in known.past for w in words)
    if yes == no:
        return None
    return YesNo.YES if yes else YesNo.NO


def _names_an_opioid(word: str, known: _Reading) -> bool:
    """ "tramadol", and German compounds that start with a name: "Fentanylpflaster"."""
    return word in known.opioids or any(
        word.startswith(name) for name in known.opioids if len(name) >= SHORTEST_COMPOUNDED
    )


# A severity said with one of these is not that severity ("not too bad", "nicht so stark").
_NEGATIONS = frozenset({"not", "nicht", "nich", "ni"})


def read_severity(typed: str, *, language: str | None = None) -> Severity | None:
    """ "none", "mild", "a bit", "quite bad"... ("leve", "fuerte", "mittel", "gar nicht") as one
    severity; None when unclear ("yes" says something was noticed, not how strong)."""
    words = _words(typed)
    if not words or len(words) > LONGEST_TYPED_ANSWER_WORDS:
        return None
    known = _reading(_language(language))
    if _phrase_in(known.not_at_all, words):
        return Severity.NONE
    found = {level for level, names in known.severity.items() for w in words if w in names}
    if found - {Severity.NONE} and any(w in _NEGATIONS for w in words):
        return None  # "not that bad", "nicht so schlimm": how strong, then?
    return found.pop() if len(found) == 1 else None


_SCORE = re.compile(r"(\S+?)\s*(?:/\s*10|(?:out of|de|sobre|von|aus)\s+10)?")


def read_score(typed: str) -> int | None:
    """A symptom score 0-10: "6", "6/10", "6 out of 10", "6 de 10", "6 von 10"; None
    otherwise."""
    match = _SCORE.fullmatch(typed.strip().lower())
    return typed_number(match.group(1), low=0, high=10) if match else None


def asks_to_skip(typed: str, *, language: str | None = None) -> bool:
    """ "skip", "skip this one", "later", "luego", "später": not answering now."""
    words = _words(typed)
    known = _reading(_language(language))
    return 0 < len(words) <= 4 and any(w in known.skip for w in words)


def says_nothing_more(typed: str, *, language: str | None = None) -> bool:
    """ "no", "nope", "nothing", "no thanks", "nada más", "nein danke": no note to add."""
    words = _words(typed)
    if not words or len(words) > 4:
        return False
    known = _reading(_language(language))
    return all(w in known.no or w in known.polite for w in words)


def says_unsure(typed: str, *, language: str | None = None) -> bool:
    """ "I dont know", "not sure", "no idea", "idk", "weiß nicht": the patient does not know."""
    words = _words(typed)
    if not words or len(words) > LONGEST_TYPED_ANSWER_WORDS:
        return False
    return _phrase_in(_reading(_language(language)).unsure, words)
