"""Find the FAQ entry a patient's question is about, or say honestly that there is none.

Pipeline: safety triage -> normalise -> spelling correction against the FAQ's own vocabulary ->
lay-term synonyms -> BM25 candidates (bm25s) -> a ranking score (word coverage, best phrasing
overlap, word pairs, BM25, rapidfuzz) -> answer / "did you mean" / unknown from two logistic
models fitted and cross-validated on the dev set (faq/tuning.py, docs/faq.md).
"""

from __future__ import annotations

import enum
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, NamedTuple

import bm25s
import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from faq.catalog import FaqEntry
from faq.languages import ENGLISH, TextRules
from faq.semantic import SentenceEncoder
from faq.triage import SecondNet, triage


class Wording(enum.StrEnum):
    """Which sentence a reply that is not an entry's answer needs. The matcher holds no
    sentence a patient reads: the bot words these (bot/features/faq_chat/texts.py)."""

    CLARIFY = "clarify"  # "did you mean": the suggestions are offered as buttons
    NOT_COVERED = "not-covered"
    NO_WORDS = "no-words"  # empty, emoji, punctuation
    OTHER_LANGUAGE = "other-language"
    TOO_LONG = "too-long"


CLARIFY_TEXT = Wording.CLARIFY
UNKNOWN_TEXT = Wording.NOT_COVERED
# Messages the matcher cannot read: still a kind "unknown" reply, but one that says why.
NO_WORDS_TEXT = Wording.NO_WORDS
OTHER_LANGUAGE_TEXT = Wording.OTHER_LANGUAGE
TOO_LONG_TEXT = Wording.TOO_LONG

# Ranking: how an entry's score is built (weights picked on the dev set; see faq/tuning.py).
RANK_WEIGHTS = {
    "coverage": 0.45,  # idf-weighted share of the question's FAQ words the entry uses
    "phrasing": 0.45,  # best Dice overlap with one of the entry's question/phrasings
    "bigram": 0.15,  # share of the question's word pairs found in the entry's phrasings
    "bm25": 0.15,  # BM25 over phrasings, tags and answer, relative to the best candidate
    "fuzzy": 0.10,  # rapidfuzz token_sort_ratio against the closest phrasing
}
# Words found only in an entry's answer text count for this share of a phrasing word.
ANSWER_CREDIT = 0.35
# Weight of words the FAQ has never seen, relative to the rarest FAQ word.
UNKNOWN_WORD_WEIGHT = 0.7
BM25_CANDIDATES = 30
# The semantic layer (faq/semantic.py): the cosine between the question and an entry's closest
# phrasing joins the ranking score with this weight, and the entries it ranks best join BM25's
# candidates (a paraphrase may share no word with any phrasing).
SEMANTIC_WEIGHT = 1.0
SEMANTIC_CANDIDATES = 10
# The model reads a question's first 16 word pieces (about 12 words; 90% of dev-set questions
# fit): a run costs ~3.5 ms + ~0.3 ms a piece, and reading more changed no figure on the dev set
# (cross-validated, 16 vs 24 vs 32 vs 128; nor reading the end instead). The words are read in
# full by the rest of the matcher.
SEMANTIC_TOKENS = 16
MAX_QUESTION_CHARS = 1000
SUGGESTION_FLOOR = 0.15
# Words that name the medicine itself (after normalisation): a question that names it is far
# more often one the guide answers.
_LDN_WORDS = frozenset({"ldn", "naltrexone"})


# The decision: two logistic models over features of the best candidates (faq/tuning.py fits
# them on tests/faq/devset.tsv and picks the thresholds by cross-validation).
# P(answer) estimates "the best entry is the right one"; P(plausible) estimates "the question
# is covered and the right entry is among the three offered".
class WordFeatures(NamedTuple):
    """What the decision knows about a question's best entries from their words."""

    bias: float  # always 1.0: the models' intercept
    top: float  # the best entry's ranking score
    margin: float  # its lead over the second entry
    coverage: float  # share of the question's FAQ words the best entry uses
    phrasing: float  # best overlap with one of its phrasings
    entry_cover: float  # share of that phrasing the question covers
    matched: float  # the matched words' rarity, capped
    unknown: float  # share of words the FAQ has never seen
    foreign: float  # out-of-scope words (0, 0.5 or 1)
    length: float  # question length, on a log scale
    second_gap3: float  # the second entry's lead over the third
    names_ldn: float  # 1.0 when the question names LDN or naltrexone


class MeaningFeatures(NamedTuple):
    """What the decision also knows with the semantic layer on."""

    semantic: float  # cosine between the question and the best entry
    semantic_margin: float  # its lead over the closest other entry
    semantic_agrees: float  # 1.0 when meaning and words pick the same entry
    words_agree: float  # 1.0 when the words alone (without meaning) pick the same entry
    words_margin: float  # on the words alone, the best entry's lead over the best other one
    question_meaning: float  # cosine between the question and the best entry's own question


FEATURES = WordFeatures._fields
# With the semantic layer on, the decision also sees how close the question is in meaning to the
# best entry, how far ahead of the others that entry is, and whether meaning and words agree.
SEMANTIC_FEATURES = (*FEATURES, *MeaningFeatures._fields)
# The models are linear in the features and in their pairwise products (`decision_inputs`):
# "a close meaning counts for more when the words agree" is a product, not a sum. Weights in
# decision_inputs' order, fitted by `ldn-bot faq tune` (the lexical ones with --lexical).
# fmt: off
ANSWER_MODEL = (
    -1.6651, -0.0146, 1.0342, 0.2833, -0.2048, -0.0187, 0.6320, -0.6037,
    -1.0686, -0.5110, 0.1948, 0.4857, -0.0683, 0.1990, 0.4709, -0.2128,
    0.4981, 0.5785, -0.8198, -1.5816, -0.6892, 0.2185, -0.4030, -0.8350,
    0.5824, 0.0199, 0.9887, 0.6894, -0.7966, -1.0610, 0.2035, 0.3213,
    1.2877, 0.8254, 0.2445, 0.9334, 0.5412, -0.5633, -1.4401, -0.5867,
    0.1427, -1.2637, -0.2695, 0.2656, 0.5236, -0.7402, -1.2686, -0.5614,
    0.2675, 0.5067, 0.0907, 0.8060, -0.6681, -0.7200, -0.4798, 0.2576,
    0.5409, 0.4255, 0.1017, 0.3250, 0.3047, 0.0722, -0.2202, -0.8240,
    0.7168, -0.1645, -0.0985, 0.3473, -0.5663, 0.0310, -0.0888, 0.5482,
    -0.0865, -0.0833, 0.2570, 0.1606, -0.2479, 0.4857,
)
PLAUSIBLE_MODEL = (
    -0.9976, -0.2246, 0.2057, 0.0862, -0.2790, -0.1841, 1.2181, -0.6354,
    -1.4124, -0.3903, 0.1181, 0.4856, 0.1578, 0.0233, 0.5394, 0.2179,
    0.4252, 0.6712, -0.7729, -1.7299, -0.9763, 0.2475, -0.2661, 0.0528,
    0.3594, -0.0221, 0.2174, 0.0446, -0.9003, -0.7763, -0.5045, 0.0075,
    0.1095, 0.5088, 0.7341, 1.2885, 0.6354, -0.6812, -1.4720, -0.7904,
    0.1668, -0.8872, 0.1630, -0.0076, 0.3501, -0.5800, -1.3596, -0.8965,
    0.2779, 0.3731, -0.2639, 1.1521, -0.4858, -1.0661, -0.4932, 0.3036,
    1.4058, 0.9186, -0.0695, -0.0249, 0.7280, 0.1003, 0.6456, -0.6141,
    0.5778, -0.1807, -0.1608, 0.4859, -0.7240, -0.3627, -0.2095, -0.3836,
    0.1256, -0.0865, 0.3330, 0.1154, 0.1140, 0.4856,
)
ANSWER_THRESHOLD = 0.9
CLARIFY_THRESHOLD = 0.85
SEMANTIC_ANSWER_MODEL = (
    -3.2053, 0.0192, 0.2000, 0.1412, -0.0237, 0.0473, 0.5728, -0.3752,
    -0.6223, -0.2391, -0.0801, 0.4803, 0.3775, 0.0518, 0.1975, -0.1388,
    0.0207, 0.5474, -0.4021, 0.8363, 0.1929, -0.0613, 0.0890, 0.5983,
    -0.4924, -0.9927, -0.7392, -0.1009, -0.9762, 0.2925, 0.3392, 0.6355,
    0.3981, -0.0156, 0.5129, -0.4990, 0.6862, -0.1641, 0.2326, 0.1871,
    -0.3321, -0.4526, -0.1883, -0.0247, 0.5877, 0.8445, -0.2430, -0.6851,
    -0.2402, -0.3689, -0.2106, 0.4723, 0.4275, 0.3169, 0.1488, -0.4703,
    -0.7415, -0.6142, 0.0015, -1.0415, 0.1323, 0.1967, 0.0129, 0.8965,
    0.2746, 0.0938, 0.2123, 0.1473, 0.1035, -0.5713, -0.9120, -0.6288,
    0.1272, 0.0006, -0.0605, -0.2429, -0.7221, 0.0066, -0.0303, 0.0409,
    -0.0270, 0.6841, -0.6707, -0.6921, -0.3674, -0.0965, 0.6654, 0.1783,
    -0.2567, -0.8073, -0.0811, 0.3003, 0.5518, 0.5957, -0.1574, 0.1493,
    0.4966, -0.0881, 0.8030, 0.5185, -0.0066, 0.6424, 0.5225, 0.1939,
    0.1181, -0.2254, 0.4660, -0.0179, -0.1850, 0.5826, 0.1689, 0.2171,
    0.3849, -0.8821, -0.5525, 0.2470, -0.3398, -0.0521, -0.1546, -0.1754,
    0.0324, 0.1179, -0.2988, -0.3157, -0.6259, -0.1706, 0.2756, -0.3615,
    0.8602, 0.1026, 0.0008, -0.0113, -0.4607, -0.2673, 0.1240, 0.4564,
    -0.2436, -0.0008, -0.0430, 0.0906, 0.5431, 0.0127, -0.3237, 0.4803,
    -0.3584, 0.5106, 0.7548, -0.1771, -0.3849, 0.4148, 0.4786, 0.3995,
    1.4102, 0.3139, 0.1583, 0.7224, -0.0703, -0.1636, -0.2723, -0.2605,
    -0.0923, 0.1975, -0.2106, -0.8731, -0.3487, -0.1388, 0.1042, 0.1888,
    -0.1892, -0.3864, -0.1280,
)
SEMANTIC_PLAUSIBLE_MODEL = (
    -2.6805, 0.1602, -0.1820, 0.2395, -0.2654, -0.0863, 0.7666, -0.5131,
    -0.7979, -0.1950, 0.1186, 0.2763, 0.7704, 0.0563, 0.1106, -0.0971,
    0.1680, 0.3510, 0.0154, 0.1679, 0.7300, -0.0842, -0.3090, 0.4994,
    -0.4117, -1.4074, -0.7683, 0.1373, -0.9040, 0.7905, 0.0919, 0.4189,
    -0.1376, 0.3365, 0.3603, -0.2144, 0.2573, -0.2039, -0.1063, -0.2091,
    -0.5437, -0.2341, -0.5388, -0.3126, 0.2480, 0.4661, -0.1419, -0.6945,
    -0.1256, -0.0213, -0.2510, 0.6879, 0.6186, 0.4413, -0.0651, -0.6555,
    -0.7940, -0.7245, 0.0185, -0.9524, 0.6205, 0.0142, -0.1877, 0.1118,
    0.4175, 0.3449, 0.3002, -0.1520, -0.3471, -0.2227, -0.8680, -0.8949,
    0.2532, 0.1923, -0.0006, -0.2448, -0.5297, -0.0248, 0.2563, -0.2719,
    -0.1281, 0.6754, -0.3546, -0.7142, -0.2824, 0.2070, 1.3151, 0.1164,
    -0.2678, -0.3825, -0.1963, 0.3071, -0.0131, 1.2368, -0.0442, 0.0073,
    0.8929, -0.0809, 0.5146, 0.7406, -0.0070, 0.6927, 0.4163, -0.1721,
    0.0596, -0.3623, 0.2909, -0.0366, -0.0664, 1.1756, 0.1827, 0.0091,
    -0.5650, 0.0218, -0.4043, 0.3660, -0.4203, -0.3017, -0.2624, -1.0983,
    -0.2314, 0.2130, -0.2299, -0.4372, -0.4703, -0.3443, 0.4291, -0.1380,
    0.6145, 0.3437, 0.0414, 0.0158, -0.3141, -0.4112, 0.1314, 0.0002,
    -0.2443, 0.1733, -0.0238, -0.0729, 0.0150, -0.2510, -0.3058, 0.2763,
    -0.2548, 0.2903, 0.1821, 0.5114, -0.0643, 0.5785, 0.7735, 0.2571,
    1.2807, 0.2606, 0.2375, 0.6504, 0.0640, -0.0208, -0.1411, -0.2739,
    -0.1122, 0.1106, 0.0842, -0.6349, -0.4435, -0.0971, 0.1575, -0.0319,
    0.1592, -0.1214, 0.2658,
)
SEMANTIC_ANSWER_THRESHOLD = 0.85
SEMANTIC_CLARIFY_THRESHOLD = 0.775
# fmt: on


@dataclass(frozen=True)
class Suggestion:
    """An entry offered as a match, with its score in [0, 1]: its ranking score as a share of
    the most an entry can score (every ranking part at its best)."""

    id: str
    question: str
    score: float


@dataclass(frozen=True)
class Reply:
    """What the bot answers: an entry's answer (`text`), or for "clarify" and "unknown" the
    `Wording` the bot words; plus the entry or concern behind it. For a red flag ("safety")
    the text only names the concern: the bot sends its own safety reply."""

    kind: Literal["answer", "clarify", "unknown", "safety"]
    text: str
    id: str | None
    score: float
    suggestions: tuple[Suggestion, ...]
    language: str = "en"  # the language of the answer and the suggestions


def _letters_mostly_not_latin(text: str) -> bool:
    """True when most letters are from another script (Cyrillic, Greek, Chinese, Arabic...)."""
    letters = [c for c in text if c.isalpha()]
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    return bool(letters) and other * 2 > len(letters)


def _bigrams(tokens: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset(pairwise(tokens))


def _sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


def decision_inputs(features: tuple[float, ...]) -> tuple[float, ...]:
    """What the decision models read: the features (bias first) and every product of two
    features other than the bias (squares included)."""
    rest = features[1:]
    return (
        *features,
        *(a * b for i, a in enumerate(rest) for b in rest[i:]),
    )


def decision_size(features: int) -> int:
    """How many weights a decision model has for this many features (bias included)."""
    return features + (features - 1) * features // 2


@dataclass(frozen=True)
class _Text:
    tokens: frozenset[str]
    weight: float


class RankedEntry(NamedTuple):
    entry_index: int  # position in FaqMatcher.entries
    score: float  # ranking score (words, plus meaning when the semantic layer is on)


@dataclass(frozen=True)
class Analysis:
    """Everything the decision needs about one question: ranked entries and features."""

    ranked: list[RankedEntry]  # best first
    words: WordFeatures
    meaning: MeaningFeatures | None = None  # None when the semantic layer is off

    @property
    def features(self) -> tuple[float, ...]:
        """The features in the order the decision models expect (FEATURES/SEMANTIC_FEATURES)."""
        return (*self.words, *(self.meaning or ()))


class FaqMatcher:
    """Answers free-text questions from a list of FAQ entries. Build once, reuse."""

    def __init__(
        self,
        entries: list[FaqEntry],
        *,
        safety_net: SecondNet | None = None,
        encoder: SentenceEncoder | None = None,
        rules: TextRules = ENGLISH,
    ) -> None:
        self.entries = list(entries)
        self.rules = rules  # how this language is read (faq/languages.py)
        self.language = rules.code
        self.safety_net = safety_net  # the triage's semantic net, beside its rules
        self.encoder = encoder
        self._by_id = {entry.id: entry for entry in self.entries}
        self.rank_weights = dict(RANK_WEIGHTS)
        self.semantic_weight = SEMANTIC_WEIGHT
        if encoder is None:
            self.features: tuple[str, ...] = FEATURES
            self.answer_model: tuple[float, ...] = ANSWER_MODEL
            self.plausible_model: tuple[float, ...] = PLAUSIBLE_MODEL
            self.answer_threshold = ANSWER_THRESHOLD
            self.clarify_threshold = CLARIFY_THRESHOLD
        else:
            self.features = SEMANTIC_FEATURES
            self.answer_model = SEMANTIC_ANSWER_MODEL
            self.plausible_model = SEMANTIC_PLAUSIBLE_MODEL
            self.answer_threshold = SEMANTIC_ANSWER_THRESHOLD
            self.clarify_threshold = SEMANTIC_CLARIFY_THRESHOLD
        # decision_inputs() in numpy, for speed: both models as one matrix, and the pairs of
        # features (bias left out) in decision_inputs' order.
        self._decision_models = np.array([self.answer_model, self.plausible_model]).T
        self._decision_pairs = np.triu_indices(len(self.features) - 1)

        # A question worded exactly as an entry's question or one of its phrasings (same words,
        # case and punctuation aside) is answered with that entry: they are curated and unique.
        self._exact: dict[str, int] = {}
        for index, entry in enumerate(self.entries):
            for text in (entry.question, *entry.phrasings):
                self._exact.setdefault(" ".join(rules.raw_tokens(text)), index)

        # Words the corrector may correct to (FAQ words) and words it must leave alone.
        raw_vocab: set[str] = set()
        answer_vocab: set[str] = set()
        for entry in self.entries:
            for text in (entry.question, *entry.phrasings, *entry.tags):
                raw_vocab.update(rules.raw_tokens(text))
            answer_vocab.update(w for w in rules.raw_tokens(entry.answer) if w.isalpha())
        synonym_words = set(rules.synonym_words)
        self._known_words = (
            raw_vocab | answer_vocab | synonym_words | rules.stopwords | rules.out_of_scope_terms
        )
        self._corrections: dict[str, str] = {}
        self._correction_targets = sorted(
            w for w in raw_vocab | answer_vocab | synonym_words if len(w) >= 4
        )

        # Per entry: its phrasings (question included) as token sets, the pooled vocabulary of
        # phrasings and tags ("strong"), the words only its answer uses, and its word pairs.
        self._entry_texts: list[list[_Text]] = []
        self._entry_strings: list[list[str]] = []
        self._entry_strong: list[frozenset[str]] = []
        self._entry_answer: list[frozenset[str]] = []
        self._entry_bigrams: list[frozenset[tuple[str, str]]] = []
        token_lists: list[list[list[str]]] = []
        bm25_docs: list[list[str]] = []
        for entry in self.entries:
            lists = [self._content(text) for text in (entry.question, *entry.phrasings)]
            tag_lists = [self._content(tag.replace("-", " ")) for tag in entry.tags]
            tag_tokens = [t for tokens in tag_lists for t in tokens]
            answer_tokens = self._content(entry.answer)
            strong = frozenset(t for tokens in lists for t in tokens) | frozenset(tag_tokens)
            # A tag is a short topic label: it counts as a one-word phrasing for the overlap.
            token_lists.append(lists + tag_lists)
            self._entry_strings.append([" ".join(tokens) for tokens in lists if tokens])
            self._entry_strong.append(strong)
            self._entry_answer.append(frozenset(answer_tokens) - strong)
            bigrams: set[tuple[str, str]] = set()
            for tokens in lists:
                bigrams |= _bigrams(tokens)
            self._entry_bigrams.append(frozenset(bigrams))
            doc = [t for tokens in lists for t in tokens] + tag_tokens + answer_tokens
            bm25_docs.append(doc or [""])

        n = max(len(self.entries), 1)

        def idf(df: Counter[str]) -> dict[str, float]:
            return {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}

        strong_df: Counter[str] = Counter()
        answer_df: Counter[str] = Counter()
        for strong, answer in zip(self._entry_strong, self._entry_answer, strict=True):
            strong_df.update(strong)
            answer_df.update(answer)
        self._idf = idf(answer_df)
        self._idf.update(idf(strong_df))  # phrasing words: idf over phrasings and tags
        self._max_idf = math.log(1 + (n - 0.5) / 1.5)
        self._unknown_idf = self._max_idf * UNKNOWN_WORD_WEIGHT
        self._foreign = frozenset(rules.stem(w) for w in rules.out_of_scope_terms)
        for lists in token_lists:
            self._entry_texts.append(
                [
                    _Text(frozenset(tokens), sum(self._idf[t] for t in set(tokens)))
                    for tokens in lists
                    if tokens
                ]
            )

        self._bm25 = bm25s.BM25()
        self._bm25.index(bm25_docs, show_progress=False)

        # Semantic layer: a unit vector per phrasing (question and tags included), by entry.
        self._phrasing_vectors = np.zeros((0, 0), dtype=np.float32)
        self._phrasing_starts = np.zeros(0, dtype=np.intp)
        if encoder is not None and self.entries:
            texts: list[str] = []
            starts: list[int] = []
            for entry in self.entries:
                starts.append(len(texts))
                texts.extend((entry.question, *entry.phrasings))
                texts.extend(tag.replace("-", " ") for tag in entry.tags)
            self._phrasing_vectors = encoder.embed_kept(texts, max_tokens=SEMANTIC_TOKENS)
            self._phrasing_starts = np.array(starts, dtype=np.intp)

    # ------------------------------------------------------------------ text preparation

    def _correct(self, word: str) -> str:
        """Correct a misspelt word to the nearest FAQ word; known and short words stay."""
        if len(word) < 4 or word in self._known_words or word.isdigit():
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        corrected = word
        if not self.rules.is_foreign_word(word):
            match = process.extractOne(
                word,
                self._correction_targets,
                scorer=OSA.distance,  # a swapped pair of letters counts as one edit
                score_cutoff=1 if len(word) < 7 else 2,
            )
            # Patients rarely get the first letter wrong; requiring it avoids odd corrections.
            if match is not None and match[0][0] == word[0]:
                corrected = match[0]
        if len(self._corrections) < 50_000:
            self._corrections[word] = corrected
        return corrected

    def _content(self, text: str, *, correct: bool = False) -> list[str]:
        rules = self.rules
        words = rules.raw_tokens(text)
        if correct:
            words = [self._correct(w) for w in words]
        mapped = rules.apply_synonyms(" ".join(words)).split()
        return [rules.stem(w) for w in mapped if w not in rules.stopwords]

    # ------------------------------------------------------------------ public API

    def entry(self, entry_id: str) -> FaqEntry | None:
        """The entry with this id, or None."""
        return self._by_id.get(entry_id)

    def rank(self, question: str, k: int = 3) -> list[Suggestion]:
        """The k best entries for a question, best first (no triage, no thresholds)."""
        analysis = self.analyse(question)
        return [
            Suggestion(self.entries[i].id, self.entries[i].question, self._share(score))
            for i, score in analysis.ranked[:k]
        ]

    def ask(self, question: str) -> Reply:
        """Triage, then match: an answer, a "did you mean", or an honest "I don't know"."""
        if not isinstance(question, str):
            question = str(question)
        question = question[:4096]
        concern = triage(question, self.safety_net)
        if concern is not None:
            # The bot words the reply itself, with the patient's local numbers
            # (bot/features/safety/texts.py); here the concern is named for the operator.
            return Reply("safety", f"red flag: {concern.summary}", concern.id, 1.0, ())
        if not any(c.isalnum() for c in question):  # empty, emoji, punctuation
            return Reply("unknown", NO_WORDS_TEXT, None, 0.0, ())
        if _letters_mostly_not_latin(question):
            return Reply("unknown", OTHER_LANGUAGE_TEXT, None, 0.0, ())
        declined = TOO_LONG_TEXT if len(question) > MAX_QUESTION_CHARS else UNKNOWN_TEXT
        analysis = self.analyse(question)
        if not analysis.ranked:
            return Reply("unknown", declined, None, 0.0, ())
        p_answer, p_plausible = self.decide(analysis.features)
        best_index, best = analysis.ranked[0]
        top = self.entries[best_index]
        suggestions = tuple(
            Suggestion(self.entries[i].id, self.entries[i].question, self._share(score))
            for i, score in analysis.ranked[:3]
            if self._words_scale(score) >= SUGGESTION_FLOOR and score >= best * 0.5
        )
        language = self.language
        exact = self._exact.get(" ".join(self.rules.raw_tokens(question)))
        if exact is not None and exact == best_index:
            return Reply(
                "answer", top.answer, top.id, max(round(p_answer, 4), 0.99), suggestions, language
            )
        if p_answer >= self.answer_threshold:
            return Reply("answer", top.answer, top.id, round(p_answer, 4), suggestions, language)
        if p_plausible >= self.clarify_threshold:
            return Reply(
                "clarify", CLARIFY_TEXT, None, round(p_plausible, 4), suggestions, language
            )
        return Reply("unknown", declined, None, round(p_plausible, 4), ())

    def decide(self, features: tuple[float, ...]) -> tuple[float, float]:
        """P(answer) and P(plausible) for a question's features (see decision_inputs)."""
        x = np.asarray(features, dtype=np.float64)
        rest = x[1:]
        inputs = np.concatenate((x, np.outer(rest, rest)[self._decision_pairs]))
        p_answer, p_plausible = inputs @ self._decision_models
        return _sigmoid(float(p_answer)), _sigmoid(float(p_plausible))

    # ------------------------------------------------------------------ scoring

    def _words_scale(self, score: float) -> float:
        """A ranking score on the words-only scale, whatever the layers (SUGGESTION_FLOOR's)."""
        if self.encoder is not None:
            score /= 1 + self.semantic_weight
        return round(score, 4)

    def _share(self, score: float) -> float:
        """A ranking score as a share of the most an entry can score, in [0, 1]."""
        best_possible = sum(self.rank_weights.values())
        if self.encoder is not None:
            best_possible += self.semantic_weight
        return round(min(max(score / best_possible, 0.0), 1.0), 4)

    def meaning_scores(self, question: str) -> np.ndarray | None:
        """Per entry, the cosine between the question and its closest phrasing (None when the
        semantic layer is off)."""
        similarities = self._similarities(question)
        if similarities is None:
            return None
        return np.maximum.reduceat(similarities, self._phrasing_starts)

    def _similarities(self, question: str) -> np.ndarray | None:
        """The cosine between the question and every phrasing, question and tag, in order."""
        if self.encoder is None or not self.entries:
            return None
        vector = self.encoder.embed([question[:MAX_QUESTION_CHARS]], max_tokens=SEMANTIC_TOKENS)[0]
        return self._phrasing_vectors @ vector

    def analyse(self, question: str) -> Analysis:
        """Rank the plausible entries for a question and describe how well the best fit."""
        empty = Analysis(
            [],
            WordFeatures(*(0.0,) * len(FEATURES)),
            MeaningFeatures(*(0.0,) * len(MeaningFeatures._fields))
            if self.encoder is not None
            else None,
        )
        ordered = self._content(question[:MAX_QUESTION_CHARS], correct=True)
        tokens = list(dict.fromkeys(ordered))
        if not tokens or not self.entries:
            return empty
        foreign_tokens = {
            t
            for t in tokens
            if t in self._foreign or (t not in self._idf and self.rules.is_foreign_word(t))
        }
        known = [t for t in tokens if t in self._idf and t not in foreign_tokens]
        if not known:
            return empty
        weights = {t: self._idf[t] for t in known}
        known_weight = sum(weights.values())
        unknown_weight = self._unknown_idf * sum(
            1 for t in tokens if t not in self._idf and t not in foreign_tokens
        )
        foreign = len(foreign_tokens)
        query_bigrams = _bigrams([t for t in ordered if t in self._idf])
        query_set = frozenset(known)
        query_text = " ".join(known)

        bm25_scores = self._bm25.get_scores(known)
        count = min(BM25_CANDIDATES, len(self.entries))
        candidates = np.argpartition(-bm25_scores, count - 1)[:count]
        best_bm25 = float(bm25_scores[candidates].max())
        if best_bm25 <= 0:
            return empty
        similarities = self._similarities(question)
        meaning = (
            None
            if similarities is None
            else np.maximum.reduceat(similarities, self._phrasing_starts)
        )
        candidate_set = {int(i) for i in candidates if bm25_scores[i] > 0}
        if meaning is not None:
            near = min(SEMANTIC_CANDIDATES, len(self.entries))
            candidate_set.update(int(i) for i in np.argpartition(-meaning, near - 1)[:near])
        w = self.rank_weights
        scored: list[tuple[float, int, float, float, float, float]] = []
        words_only: dict[int, float] = {}
        for index in sorted(candidate_set):
            strong = self._entry_strong[index]
            answer = self._entry_answer[index]
            matched = 0.0
            for t, weight in weights.items():
                if t in strong:
                    matched += weight
                elif t in answer:
                    matched += ANSWER_CREDIT * weight
            coverage = matched / known_weight
            phrasing = 0.0
            entry_cover = 0.0
            for text in self._entry_texts[index]:
                if query_set.isdisjoint(text.tokens):
                    continue
                common = sum(weights[t] for t in query_set & text.tokens)
                if common:
                    phrasing = max(phrasing, 2 * common / (known_weight + text.weight))
                    entry_cover = max(entry_cover, common / text.weight)
            bigram = (
                len(query_bigrams & self._entry_bigrams[index]) / len(query_bigrams)
                if query_bigrams
                else 0.0
            )
            closest = process.extractOne(
                query_text, self._entry_strings[index], scorer=fuzz.token_sort_ratio
            )
            fuzzy = closest[1] / 100.0 if closest else 0.0
            score = (
                w["coverage"] * coverage
                + w["phrasing"] * phrasing
                + w["bigram"] * bigram
                + w["bm25"] * float(bm25_scores[index]) / best_bm25
                + w["fuzzy"] * fuzzy
            )
            words_only[index] = score
            if meaning is not None:
                score += self.semantic_weight * float(meaning[index])
            scored.append((score, index, coverage, phrasing, entry_cover, matched))
        if not scored:
            return empty
        scored.sort(key=lambda item: (-item[0], self.entries[item[1]].id))
        top, _, coverage, phrasing, entry_cover, matched = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        third = scored[2][0] if len(scored) > 2 else 0.0
        total = known_weight + unknown_weight
        words = WordFeatures(
            bias=1.0,
            top=top,
            margin=top - second,
            coverage=coverage,
            phrasing=phrasing,
            entry_cover=entry_cover,
            matched=min(matched / self._max_idf, 4.0) / 4.0,
            unknown=unknown_weight / total if total else 0.0,
            foreign=min(foreign, 2) / 2.0,
            length=min(math.log1p(len(tokens)) / math.log(30), 1.0),
            second_gap3=second - third,
            names_ldn=float(not _LDN_WORDS.isdisjoint(tokens)),
        )
        closeness = None
        if meaning is not None and similarities is not None:
            best_index = scored[0][1]
            others = np.delete(meaning, best_index)
            closeness = MeaningFeatures(
                semantic=float(meaning[best_index]),
                semantic_margin=float(meaning[best_index] - (others.max() if others.size else 0.0)),
                semantic_agrees=float(int(np.argmax(meaning)) == best_index),
                words_agree=float(max(words_only, key=words_only.__getitem__) == best_index),
                words_margin=words_only[best_index]
                - max((v for i, v in words_only.items() if i != best_index), default=0.0),
                question_meaning=float(similarities[self._phrasing_starts[best_index]]),
            )
        return Analysis(
            [RankedEntry(index, score) for score, index, *_ in scored], words, closeness
        )
