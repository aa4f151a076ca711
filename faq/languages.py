"""How the FAQ reads each language it is written in: tokens, stop words, lay synonyms, stems.

English keeps the project's own rules (`faq/text.py`: its synonym table, stop words and tiny
stemmer, tuned on the English development set). Spanish and German use the Snowball stemmers
(`snowballstemmer`) and the `stop-words` lists, minus the words that carry a question's meaning
(when, why, how much, not, without...), plus fillers patients type, chat spellings ("gibts",
"q"), a table of lay words patients use, the words and medicine-name endings that say a question
is outside the guide, and (German) compounds read as their parts ("Schlafstörungen"). Accents
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
    # Words that carry nothing in a question, beyond the stop-words list (fillers, chat).
    fillers: frozenset[str] = frozenset()
    # Chat spellings read as the words they stand for ("q" -> "que", "gibts" -> "gibt es").
    spellings: tuple[tuple[str, str], ...] = ()
    # German compounds: a word ending in one of these heads is read as its two parts
    # ("schlafstorungen" -> "schlaf storungen"); see `_split_compound`.
    compound_heads: frozenset[str] = frozenset()
    # Endings of medicine names the guide does not cover (-prazol, -statin...).
    drug_endings: tuple[str, ...] = ()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _fold(language: _Language, text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"['\u2019\u2018`´]", "", text)
    text = _strip_marks(text)
    if language.code == "de":
        text = _german_spelling(text)
    return text


def _rules(language: _Language) -> TextRules:
    stemmer = snowballstemmer.stemmer(language.snowball)
    stopwords = (
        frozenset(_fold(language, w) for w in get_stop_words(language.stop_words))
        | language.fillers
    ) - {_fold(language, w) for w in language.kept}
    spellings = {word: replacement.split() for word, replacement in language.spellings}
    heads = tuple(sorted(language.compound_heads, key=len, reverse=True))
    compiled = tuple(
        (re.compile(rf"\b(?:{pattern})\b"), replacement)
        for pattern, replacement in language.synonyms
    )
    synonym_words: set[str] = set()
    for pattern, replacement in language.synonyms:
        synonym_words.update(re.findall(r"[a-z]{2,}", pattern))
        synonym_words.update(replacement.split())

    def raw_tokens(text: str) -> list[str]:
        tokens: list[str] = []
        for token in _TOKEN.findall(_fold(language, text)):
            if token in spellings:
                tokens.extend(spellings[token])
            elif heads and len(token) >= 8:
                tokens.extend(_split_compound(token, heads, compiled))
            else:
                tokens.append(token)
        return tokens

    def apply_synonyms(folded: str) -> str:
        for pattern, replacement in compiled:
            folded = pattern.sub(replacement, folded)
        return folded

    @cache
    def stem(token: str) -> str:
        return token if token.isdigit() else _strip_marks(stemmer.stemWord(token))

    # The matcher asks about stemmed words too: "rosuvastatina" is "rosuvastatin" by then.
    endings = tuple(sorted({*language.drug_endings, *map(stem, language.drug_endings)}))
    return TextRules(
        code=language.code,
        raw_tokens=raw_tokens,
        apply_synonyms=apply_synonyms,
        stem=stem,
        stopwords=stopwords,
        out_of_scope_terms=language.out_of_scope,
        is_foreign_word=lambda word: (
            word in language.out_of_scope or (len(word) > 6 and word.endswith(endings))
        ),
        synonym_words=frozenset(synonym_words),
    )


def _split_compound(
    token: str, heads: tuple[str, ...], synonyms: tuple[tuple[re.Pattern[str], str], ...]
) -> list[str]:
    """ "schlafstorungen" -> ["schlaf", "storungen"], "kopfschmerztabletten" ->
    ["kopfschmerz", "tabletten"]: a word that ends in a listed head and starts with 3+ more
    letters (a linking "s" dropped) is read as both parts, so the compound meets the FAQ's
    separate words. Words the synonym table knows stay whole ("nebenwirkungen")."""
    if any(pattern.fullmatch(token) for pattern, _ in synonyms):
        return [token]
    for head in heads:
        if token.endswith(head) and len(token) - len(head) >= 3:
            first = token[: -len(head)]
            if first.endswith("s") and len(first) > 4:
                first = first[:-1]
            return [first, head] if len(first) >= 3 else [token]
    return [token]


# Measured and not used: `compound-split` 1.0.2 (CharSplit, n-gram counts from Wikipedia) splits
# well, but ships 185 MB, takes 5 s to load and 360 MB of memory, and fails on words typed without
# umlauts ("schlafstorungen"); a short list of heads patients use is enough for the FAQ.

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
            "schlaf storung",
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
        (r"wirken|wirke|wirkst|wirkte|wirkten|wirkung|wirkungen|wirkts", "wirkt"),
        (r"helfen|hilfe|helfe|hilf|hilfreich|bringt|bringts|bringen", "hilft"),
        (r"jahrelang|lebenslang|auf dauer|fur immer|langzeit\w*", "dauerhaft"),
        (r"harmlos|unbedenklich|bedenkenlos", "sicher"),
        (r"infekt\w*|krank werden|ofter krank|anfallig\w*", "infekte"),
        (r"fertig\w* tabletten?|fertigpraparat\w*|fertigarznei\w*", "fertigarzneimittel"),
        (r"baby bekommen|kind bekommen|kinder bekommen|schwanger werden", "schwangerschaft"),
        (r"blut abnehmen|blut abgenommen", "leberwerte blut"),
        (r"flieg\w*|flug|fluge|flugen", "fliegen"),
        (r"long ?covid|post ?covid|corona", "longcovid"),
        (r"ms", "multiple sklerose"),
        (r"tropfen|saft|flussig\w*|losung", "losung"),
    ),
    out_of_scope=_words(
        """
        wetter fussball kuchen urlaubstipps auto steuer bitcoin witz witze
        aspirin paracetamol diclofenac voltaren novalgin metamizol metformin insulin
        ozempic wegovy mounjaro statin statine ramipril amlodipin bisoprolol marcumar eliquis
        xarelto antidepressiva antidepressivum sertralin citalopram escitalopram fluoxetin
        venlafaxin duloxetin mirtazapin amitriptylin lithium quetiapin ritalin methylphenidat
        tavor lorazepam diazepam valium zolpidem melatonin antihistaminikum cetirizin loratadin
        gabapentin pregabalin lyrica antibiotikum antibiotika amoxicillin penicillin viagra
        cialis verhutung testosteron ketamin nikotin rauchen zigarette zigaretten kaffee koffein
        vitamin vitamine magnesium zink eisen kollagen kreatin keto impfung impfen booster
        chemotherapie bestrahlung diabetes asthma bluthochdruck blutdruck cholesterin gewicht
        ubergewicht akne neurodermitis ekzem haarausfall glatze erkaltung schnupfen grippe
        lunge herpes gurtelrose epilepsie autismus schizophrenie gicht osteoporose niere nieren
        dialyse schlaganfall herz herzinfarkt wechseljahre endometriose tinnitus allergie
        heuschnupfen regen schnee temperatur bundesliga film filme musik lied gedicht kochen
        backen brot abendessen mittagessen fruhstuck restaurant handy iphone android
        laptop computer wlan internet krypto aktie aktien geld bank scheidung hund hunde katze
        katzen haustier tierarzt hauptstadt bundeskanzler politik
        ubersetzen mrt rontgen fitnessstudio marathon mond planet liebe geburtstag weihnachten
        reisepass zahn zahne zahnarzt warmepumpe heizung
        """
    ),
    fillers=_words(
        """
        eigentlich uberhaupt genau halt mal eben eher echt bitte irgendwie bloss zeug ding
        sache sachen stimmt wohl vielleicht ganz gerade grad ziemlich nen ner nem ne leute hey
        hi hallo danke schon eigtl endlich trotzdem wirklich jemand irgendwas
        """
    ),
    spellings=(
        ("gibts", "gibt es"),
        ("gehts", "geht es"),
        ("wirkts", "wirkt es"),
        ("kanns", "kann es"),
        ("isn", "ist"),
        ("is", "ist"),
        ("nix", "nichts"),
        ("net", "nicht"),
        ("ned", "nicht"),
        ("nehm", "nehme"),
        ("wieviel", "wie viel"),
        ("wieviele", "wie viele"),
        ("wat", "was"),
        ("wieso", "warum"),
        ("weshalb", "warum"),
        ("weswegen", "warum"),
    ),
    compound_heads=_words(
        """
        storung storungen problem probleme schmerz schmerzen tablette tabletten entzundung
        entzundungen erhohung einnahme untersuchung untersuchungen wert werte mittel dosis
        zeit erkrankung erkrankungen beschwerden krankheit krankheiten medikament medikamente
        erinnerung erinnerungen kapsel kapseln wirkung wirkungen arzt arztin apotheke studie
        studien therapie daten plan reise gesetz entzug pause protokoll
        """
    ),
    drug_endings=(
        "prazol",
        "pril",
        "statin",
        "sartan",
        "olol",
        "cillin",
        "mycin",
        "floxacin",
        "xaban",
        "profen",
        "dronat",
        "triptylin",
        "pramin",
        "lukast",
        "navir",
        "tinib",
        "mab",
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
            "usa",
            "usan",
            "uso",
            "usar",
            "dejo",
            "ayer",
            "nunca",
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
        # "¿qué tiempo hace / hará / va a hacer mañana?" asks about the weather, not a dose time
        (r"que tiempo (?:hace|hara|va a hacer)|el tiempo (?:de|para) (?:hoy|manana)", "clima"),
        (r"servir\w*|sirve\w*|sirva\w*|serviria\w*", "sirve"),
        (r"oyo|oido|oye hablar|escucho hablar|ha escuchado|han escuchado", "oido"),
        (r"de por vida|para siempre|por anos|durante anos|indefinidamente", "largo plazo"),
        (r"inocua|inofensiva|sin riesgos?", "segura"),
        (r"enfermarme|enfermar|me enfermo|infeccion\w*|resfri\w*|defensas bajas", "infecciones"),
        (
            r"tener un bebe|buscar un bebe|buscando un bebe|tener hijos|quedar embarazada",
            "embarazo",
        ),
        (r"gotas|jarabe|liquid\w*|solucion", "liquido"),
        # "a las 2 de la mañana" is the middle of the night, not the morning
        (r"\d+ de la manana|madrugada", "noche tarde"),
    ),
    out_of_scope=_words(
        """
        celular movil telefono ordenador portatil
        futbol tarta bitcoin chiste chistes
        aspirina paracetamol diclofenaco naproxeno metamizol nolotil metformina
        insulina ozempic wegovy mounjaro estatina estatinas enalapril losartan amlodipino
        sintrom warfarina eliquis xarelto antidepresivo antidepresivos sertralina fluoxetina
        prozac escitalopram citalopram paroxetina venlafaxina duloxetina mirtazapina trazodona
        amitriptilina litio quetiapina ritalin metilfenidato alprazolam diazepam valium
        lorazepam clonazepam rivotril benzodiacepina zolpidem melatonina antihistaminico
        antihistaminicos loratadina cetirizina gabapentina pregabalina lyrica antibiotico
        antibioticos amoxicilina penicilina azitromicina viagra cialis anticonceptivo
        anticonceptivos testosterona ketamina nicotina fumar cigarro cigarrillos vapear
        marihuana cafe cafeina vitamina vitaminas magnesio zinc hierro colageno creatina keto
        vacuna vacunas vacunarme quimioterapia radioterapia diabetes asma hipertension
        colesterol obesidad peso acne eccema rosacea pelo cabello calvicie gripe
        neumonia herpes vih epilepsia autismo esquizofrenia bipolar gota osteoporosis rinon
        rinones dialisis ictus corazon menopausia endometriosis infertilidad tinnitus acufenos
        alergia alergias clima lluvia nieve pronostico pelicula peliculas musica
        cancion poema cocinar paella pan arroz cena cenar almuerzo desayuno restaurante
        movil iphone android computadora ordenador wifi cripto dinero banco
        divorcio perro perros gato gatos mascota veterinario capital presidente elecciones
        politica noticias traducir resonancia radiografia gimnasio ejercicio maraton luna
        planeta amor cumpleanos navidad juego pasaporte dentista diente dientes telefono
        donar donacion
        """
    ),
    fillers=_words(
        """
        exactamente exacto alguien porfa favor oye hola gracias vale nomas aca alla tipo onda
        cosa che ok okey osea digamos realmente
        """
    ),
    spellings=(
        ("q", "que"),
        ("k", "que"),
        ("xq", "por que"),
        ("pq", "por que"),
        ("porq", "por que"),
        ("xk", "por que"),
        ("tb", "tambien"),
        ("tmb", "tambien"),
        ("x", "por"),
        ("toy", "estoy"),
    ),
    drug_endings=(
        "prazol",
        "pril",
        "statina",
        "sartan",
        "olol",
        "cilina",
        "micina",
        "floxacino",
        "xaban",
        "profeno",
        "dronato",
        "triptilina",
        "pramina",
        "lukast",
        "navir",
        "tinib",
        "mab",
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
def function_words(code: str) -> frozenset[str]:
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
        words_of_language = function_words(code)
        hits = sum(1 for w in words if w in words_of_language)
        marks = len(_MARKS[code].findall(lowered)) if code in _MARKS else 0
        scores[code] = hits + 1.5 * marks + (0.5 if code == preferred else 0.0)
    best = max(scores, key=lambda code: (scores[code], code == preferred))
    return best if scores[best] > scores.get(preferred, 0.0) else preferred
