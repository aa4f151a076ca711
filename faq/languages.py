"""How the FAQ reads each language it is written in: tokens, stop words, lay synonyms, stems.

English keeps the project's own rules (`faq/text.py`: its synonym table, stop words and tiny
stemmer, tuned on the English development set). Spanish and German use the Snowball stemmers
(`snowballstemmer`) and the `stop-words` lists, minus the words that carry a question's meaning
(when, why, how much, not, without...), plus a short table of lay words patients use. Accents
and umlauts may be typed or left out ("schlafstörung", "schlafstoerung", "schlafstorung";
"náuseas", "nauseas"): every form reads the same.

`guess_language` says which of the FAQ's languages a question is written in, from its stop words
and letters, so that a question is answered in the language it was asked in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import snowballstemmer
from stop_words import get_stop_words

from faq import text as english


@dataclass(frozen=True)
class TextRules:
    """One language's text preparation, as the matcher uses it."""

    code: str
    raw_tokens: Callable[[str], list[str]]
    apply_synonyms: Callable[[str], str]
    stem: Callable[[str], str]
    stopwords: frozenset[str]
    # Words that say a question is about something the FAQ does not cover.
    out_of_scope_terms: frozenset[str] = frozenset()
    is_foreign_word: Callable[[str], bool] = field(default=lambda word: False)
    # Words of the synonym table (the spelling corrector leaves them alone).
    synonym_words: frozenset[str] = frozenset()


def _english() -> TextRules:
    words: set[str] = set()
    for pattern, replacement in english.PHRASE_SYNONYMS:
        words.update(re.findall(r"[a-z]{2,}", pattern))
        words.update(replacement.split())
    return TextRules(
        code="en",
        raw_tokens=english.raw_tokens,
        apply_synonyms=english.apply_synonyms,
        stem=english.stem,
        stopwords=english.STOPWORDS,
        out_of_scope_terms=english.OUT_OF_SCOPE_TERMS,
        is_foreign_word=english.is_foreign_word,
        synonym_words=frozenset(words),
    )


# ---------------------------------------------------------------- Spanish and German

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?|[^\W\d_]+")


def _strip_marks(text: str) -> str:
    """ "náuseas" -> "nauseas", "schläft" -> "schlaft", "niño" -> "nino"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _german_spelling(text: str) -> str:
    """Umlauts typed as ae/oe/ue and ß as ss read like the letters themselves."""
    text = text.replace("ß", "ss")
    return re.sub(r"(?<=[a-z])(ae|oe|ue)", lambda m: {"ae": "a", "oe": "o", "ue": "u"}[m[1]], text)


@dataclass(frozen=True)
class _Language:
    code: str
    snowball: str  # snowballstemmer's name for it
    stop_words: str  # stop-words' name for it
    kept: frozenset[str]  # stop words that carry meaning in a question
    synonyms: tuple[tuple[str, str], ...]  # (pattern on folded text, replacement)
    out_of_scope: frozenset[str] = frozenset()


def _fold(language: _Language, text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['\u2019\u2018`´]", "", text)
    text = _strip_marks(text)
    if language.code == "de":
        text = _german_spelling(text)
    return text


def _rules(language: _Language) -> TextRules:
    stemmer = snowballstemmer.stemmer(language.snowball)
    stopwords = frozenset(_fold(language, w) for w in get_stop_words(language.stop_words)) - {
        _fold(language, w) for w in language.kept
    }
    compiled = tuple(
        (re.compile(rf"\b(?:{pattern})\b"), replacement)
        for pattern, replacement in language.synonyms
    )
    synonym_words: set[str] = set()
    for pattern, replacement in language.synonyms:
        synonym_words.update(re.findall(r"[a-z]{2,}", pattern))
        synonym_words.update(replacement.split())

    def raw_tokens(text: str) -> list[str]:
        return _TOKEN.findall(_fold(language, text))

    def apply_synonyms(folded: str) -> str:
        for pattern, replacement in compiled:
            folded = pattern.sub(replacement, folded)
        return folded

    @cache
    def stem(token: str) -> str:
        return token if token.isdigit() else _strip_marks(stemmer.stemWord(token))

    return TextRules(
        code=language.code,
        raw_tokens=raw_tokens,
        apply_synonyms=apply_synonyms,
        stem=stem,
        stopwords=stopwords,
        out_of_scope_terms=language.out_of_scope,
        is_foreign_word=lambda word: word in language.out_of_scope,
        synonym_words=frozenset(synonym_words),
    )


# Lay words, written folded (no accents or umlauts; German ae/oe/ue already read as a/o/u).
GERMAN = _Language(
    code="de",
    snowball="german",
    stop_words="german",
    kept=frozenset(
        [
            "wann",
            "warum",
            "wieso",
            "weshalb",
            "wie",
            "was",
            "wo",
            "wer",
            "nicht",
            "nichts",
            "kein",
            "keine",
            "keinen",
            "ohne",
            "vor",
            "nach",
            "nachdem",
            "gegen",
            "viel",
            "wieder",
            "weiter",
        ]
    ),
    synonyms=(
        (r"ldn|low dose naltrexon\w*|niedrig dosiert\w* naltrexon\w*|naltrexon\w*", "ldn"),
        (r"alb ?traum\w*|alp ?traum\w*|albtraum\w*|alptraum\w*|getraumt|traumen|traume", "traum"),
        (
            r"schlaflos\w*|kann nicht (?:ein)?schlafen|schlafe schlecht|wach \w* auf",
            "schlafstorung",
        ),
        (
            r"mir ist (?:so )?(?:schlecht|ubel)|ubel|ubelkeit|brechreiz|kotz\w*|erbrech\w*",
            "ubelkeit",
        ),
        (r"kopfweh|kopfschmerz\w*|migran\w*|brummschadel", "kopfschmerzen"),
        (r"nebenwirk\w*|nw", "nebenwirkungen"),
        (r"verg[ae]ss?en|vergesse|vergass|verpasst|verpennt|verschwitzt|ausgelassen", "vergessen"),
        (
            r"opiat\w*|opioid\w*|tramadol|tilidin|oxycodon\w*|morphin\w*|codein|fentanyl\w*"
            r"|methadon|buprenorphin|starke schmerzmittel|tapentadol|hydromorphon|palexia",
            "opioide",
        ),
        (
            r"immunsuppress\w*|cortison|kortison|prednisolon|methotrexat|mtx|biologika|humira"
            r"|azathioprin|ciclosporin",
            "immunsuppressiva",
        ),
        (r"schwanger\w*|kinderwunsch|stillen|stillzeit|stille", "schwangerschaft"),
        (r"leberwert\w*|blutwert\w*|blutabnahme|blutbild|labor\w*", "leberwerte blut"),
        (r"preis\w*|kost\w*|teuer|gunstig|krankenkasse|kasse zahlt|versicherung", "kosten"),
        (r"rezeptfrei|ohne rezept|verschreibungspflichtig|rezeptpflichtig", "rezept"),
        (r"doc|doktor|hausarzt|hausarztin|arztin|arzte|arzten", "arzt"),
        (r"fibro", "fibromyalgie"),
        (r"long ?covid|post ?covid|corona", "longcovid"),
        (r"ms", "multiple sklerose"),
        (r"tropfen|saft|flussig\w*|losung", "losung"),
    ),
    out_of_scope=frozenset(
        [
            "wetter",
            "fussball",
            "rezept_fur",
            "kuchen",
            "urlaubstipps",
            "auto",
            "steuer",
            "bitcoin",
            "witz",
        ]
    ),
)

SPANISH = _Language(
    code="es",
    snowball="spanish",
    stop_words="spanish",
    kept=frozenset(
        [
            "cuando",
            "cuándo",
            "como",
            "cómo",
            "cuanto",
            "cuánto",
            "cuanta",
            "cuánta",
            "no",
            "sin",
            "antes",
            "despues",
            "después",
            "contra",
            "mucho",
            "mas",
            "más",
        ]
    ),
    synonyms=(
        (r"ldn|naltrexona\w*(?: en| a)? (?:dosis )?baja\w*|naltrexona", "ldn"),
        (r"pesadilla\w*|sueno\w* raro\w*|sueno\w* intenso\w*|sonar|sueno\w*", "suenos"),
        (r"insomnio|no puedo dormir|duermo mal|desvelo|me despierto", "insomnio"),
        (r"nausea\w*|vomit\w*|ganas de vomitar|estomago revuelto|mareo\w*", "nauseas"),
        (r"jaqueca\w*|migrana\w*|cefalea\w*|dolor de cabeza|me duele la cabeza", "cabeza"),
        (r"efectos? (?:secundarios?|segundarios?|adversos?)|reacciones?", "efectos secundarios"),
        (r"olvid\w*|se me paso|me salte|no me la tome|no me tome", "olvide"),
        (
            r"opioide\w*|opiaceo\w*|tramadol|codeina|oxicodona|morfina|fentanilo|metadona"
            r"|buprenorfina|tapentadol|calmantes fuertes",
            "opioides",
        ),
        (
            r"inmunosupresor\w*|corticoide\w*|cortisona|prednisona|metotrexato|biologico\w*",
            "inmunosupresores",
        ),
        (r"embaraz\w*|lactancia|dar el pecho|dando el pecho|amamantar", "embarazo"),
        (r"analisis|analitica\w*|transaminasas|prueba\w* de sangre|control del higado", "analisis"),
        (r"precio\w*|cuesta\w*|caro|cara|barato|barata|seguro medico|coste\w*", "precio"),
        (r"sin receta|receta medica|recetar|recete|receten", "receta"),
        (r"doctor\w*|medica|medicos|medico de cabecera|doc", "medico"),
        (r"fibro", "fibromialgia"),
        (r"long ?covid|covid persistente|covid prolongado|post ?covid", "covid persistente"),
        (r"em", "esclerosis multiple"),
        (r"gotas|jarabe|liquid\w*|solucion", "liquido"),
    ),
    out_of_scope=frozenset(
        ["futbol", "tiempo_atmosferico", "receta_de", "tarta", "bitcoin", "chiste"]
    ),
)

ENGLISH = _english()


@cache
def rules_for(code: str) -> TextRules:
    """The text rules of ``code`` ("en", "es", "de")."""
    if code == "en":
        return ENGLISH
    language = {"de": GERMAN, "es": SPANISH}.get(code)
    if language is None:
        raise KeyError(f"the FAQ has no text rules for language {code!r}")
    return _rules(language)


# ---------------------------------------------------------------- which language is this

_MARKS = {"de": re.compile(r"[äöüß]"), "es": re.compile(r"[ñ¿¡áéíóú]")}


@cache
def _function_words(code: str) -> frozenset[str]:
    if code == "en":
        return english.STOPWORDS
    name = {"de": "german", "es": "spanish"}[code]
    return frozenset(_strip_marks(w.casefold()) for w in get_stop_words(name))


def guess_language(question: str, candidates: tuple[str, ...], preferred: str) -> str:
    """The candidate language ``question`` is most likely written in; ``preferred`` (the
    patient's) when nothing points elsewhere. Counts function words and telltale letters."""
    lowered = unicodedata.normalize("NFKC", question).casefold()
    words = re.findall(r"[^\W\d_]+", _strip_marks(lowered))
    if not words:
        return preferred
    scores: dict[str, float] = {}
    for code in candidates:
        function_words = _function_words(code)
        hits = sum(1 for w in words if w in function_words)
        marks = len(_MARKS[code].findall(lowered)) if code in _MARKS else 0
        scores[code] = hits + 1.5 * marks + (0.5 if code == preferred else 0.0)
    best = max(scores, key=lambda code: (scores[code], code == preferred))
    return best if scores[best] > scores.get(preferred, 0.0) else preferred
