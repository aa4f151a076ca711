"""Find the FAQ entry a patient's question is about, or say honestly that there is none.

Pipeline: safety triage -> normalise -> spelling correction against the FAQ's own vocabulary ->
lay-term synonyms -> BM25 candidates (bm25s) -> a ranking score (word coverage, best phrasing
overlap, word pairs, BM25, rapidfuzz) -> answer / "did you mean" / unknown from two logistic
models fitted and cross-validated on the dev set (faq/tuning.py, docs/faq.md).
"""

from __future__ import annotations

import math
import re
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
from faq.semantic import SentenceEncoder
from faq.text import (
    OUT_OF_SCOPE_TERMS,
    PHRASE_SYNONYMS,
    STOPWORDS,
    apply_synonyms,
    is_foreign_word,
    raw_tokens,
    stem,
)
from faq.triage import SecondNet, triage

# Every message a patient sees from the matcher lives here.
CLARIFY_TEXT = "I'm not sure which of these you mean — tap one:"
UNKNOWN_TEXT = (
    "I'm sorry, I don't have an answer to that in my LDN guide. Your prescriber is the best "
    "person to ask. For more reading, the LDN Research Trust (ldnresearchtrust.org) and "
    "LDN Science (ldnscience.org) are good places to start."
)

# Messages the matcher cannot read: still a kind "unknown" reply, but one that says why.
NO_WORDS_TEXT = (
    "I couldn't find any words to read in that message. Type your question in a few words — "
    "for example “What if I miss a dose?” — and I'll look it up in my LDN guide."
)
OTHER_LANGUAGE_TEXT = (
    "I'm sorry, I can only read questions in English for now. If you can, please ask me in "
    "English. For anything about your own treatment, your prescriber is the best person to ask."
)
TOO_LONG_TEXT = (
    "Thank you for telling me all that. I couldn't find one question in it that my LDN guide "
    "answers. I read best one question at a time, in a sentence or two — could you send me the "
    "main thing you'd like to know? For anything about your own treatment, your prescriber is "
    "the best person to ask."
)

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


FEATURES = WordFeatures._fields
# With the semantic layer on, the decision also sees how close the question is in meaning to the
# best entry, how far ahead of the others that entry is, and whether meaning and words agree.
SEMANTIC_FEATURES = (*FEATURES, *MeaningFeatures._fields)
# The models are linear in the features and in their pairwise products (`decision_inputs`):
# "a close meaning counts for more when the words agree" is a product, not a sum. Weights in
# decision_inputs' order, fitted by `ldn-bot faq tune` (the lexical ones with --lexical).
# fmt: off
ANSWER_MODEL = (
    -1.6533, -0.0079, 1.0293, 0.2752, -0.2094, -0.0113, 0.6364, -0.6033,
    -1.0688, -0.5237, 0.1691, 0.4839, -0.0541, 0.1940, 0.4752, -0.2135,
    0.5055, 0.5883, -0.8165, -1.5778, -0.6993, 0.2161, -0.3954, -0.8365,
    0.5830, 0.0200, 0.9796, 0.6871, -0.7938, -1.0582, 0.1970, 0.3254,
    1.2847, 0.8188, 0.2420, 0.9329, 0.5497, -0.5618, -1.4405, -0.6028,
    0.1435, -1.2696, -0.2804, 0.2618, 0.5282, -0.7353, -1.2680, -0.5717,
    0.2670, 0.5095, 0.0950, 0.8070, -0.6697, -0.7202, -0.4893, 0.2346,
    0.5420, 0.4291, 0.1035, 0.3268, 0.3011, 0.0688, -0.2121, -0.8246,
    0.7178, -0.1647, -0.0923, 0.3454, -0.5662, 0.0315, -0.0853, 0.5458,
    -0.0959, -0.0968, 0.2532, 0.1804, -0.2444, 0.4839,
)
PLAUSIBLE_MODEL = (
    -0.9910, -0.2172, 0.2044, 0.0803, -0.2835, -0.1783, 1.2220, -0.6355,
    -1.4127, -0.3987, 0.0932, 0.4839, 0.1715, 0.0194, 0.5431, 0.2179,
    0.4298, 0.6730, -0.7700, -1.7251, -0.9811, 0.2403, -0.2584, 0.0478,
    0.3623, -0.0227, 0.2121, 0.0451, -0.9011, -0.7756, -0.5099, 0.0113,
    0.1088, 0.5014, 0.7298, 1.2888, 0.6375, -0.6785, -1.4724, -0.8003,
    0.1630, -0.8946, 0.1574, -0.0105, 0.3495, -0.5772, -1.3603, -0.9041,
    0.2736, 0.3731, -0.2611, 1.1540, -0.4868, -1.0681, -0.4982, 0.2787,
    1.4076, 0.9225, -0.0688, -0.0230, 0.7280, 0.0934, 0.6466, -0.6135,
    0.5784, -0.1809, -0.1522, 0.4862, -0.7240, -0.3624, -0.2047, -0.3868,
    0.1201, -0.0967, 0.3333, 0.1337, 0.1198, 0.4839,
)
ANSWER_THRESHOLD = 0.9
CLARIFY_THRESHOLD = 0.85
SEMANTIC_ANSWER_MODEL = (
    -3.2641, 0.1788, 0.2195, 0.0571, -0.0860, 0.1027, 0.5463, -0.3615,
    -0.6310, -0.2829, -0.1193, 0.5330, 0.5205, 0.0927, 0.2225, -0.1048,
    0.0192, -0.1337, 0.8411, 0.1580, -0.1474, 0.1787, 0.6357, -0.4334,
    -0.9503, -0.6997, -0.0420, -0.7198, 0.4251, 0.3422, 0.6233, 0.4230,
    -0.0142, -0.6635, 0.7198, -0.1408, 0.2763, 0.1506, -0.3105, -0.4926,
    -0.2245, -0.0300, 0.5502, 0.8538, -0.3241, -0.7108, -0.1713, -0.4528,
    0.4372, 0.3065, 0.2518, 0.1787, -0.4718, -0.7263, -0.6672, 0.0217,
    -1.0539, 0.1035, 0.2158, -0.0019, 0.7709, 0.3100, 0.0770, 0.1156,
    0.1345, -0.5744, -0.8928, -0.6244, 0.1235, 0.0958, -0.0843, -0.2444,
    -0.7988, -0.0741, 0.0062, 0.0259, 0.6862, -0.6842, -0.6678, -0.3843,
    -0.0728, 0.5894, 0.2532, -0.2232, -0.7207, -0.0473, 0.3185, 0.5242,
    -0.1536, 0.1251, 0.4172, -0.1228, 0.7866, 0.5380, -0.0121, 0.5932,
    0.5861, 0.1634, -0.2829, 0.4764, -0.0265, -0.1665, 0.6529, 0.2211,
    0.2155, 0.3677, -0.8155, -0.5324, -0.3480, -0.0594, -0.1699, -0.1661,
    0.0353, 0.0970, -0.3685, -0.3211, -0.6406, 0.1931, -0.3971, 0.8040,
    0.1536, 0.0148, -0.0560, -0.4231, -0.3103, 0.4199, -0.2787, 0.0381,
    -0.0372, 0.0836, 0.5017, 0.0134, 0.5330, -0.2022, 0.5172, 0.7500,
    -0.0782, -0.4123, 0.5365, 0.3867, 1.4063, 0.4083, 0.1646, -0.1286,
    -0.1746, -0.2477, -0.2930, 0.2225, -0.3655, -0.9063, -0.1048, 0.1368,
    -0.2395,
)
SEMANTIC_PLAUSIBLE_MODEL = (
    -2.7330, 0.2618, -0.1898, 0.1909, -0.3310, -0.0758, 0.7494, -0.4942,
    -0.7917, -0.2142, 0.0783, 0.3336, 0.8609, 0.0643, 0.1162, -0.0755,
    0.1883, 0.2433, 0.1305, 0.7365, -0.1803, -0.3329, 0.4912, -0.3800,
    -1.3555, -0.7619, 0.1357, -0.7188, 0.9415, 0.0743, 0.4172, -0.1304,
    0.3562, -0.2965, 0.2625, -0.2014, -0.0872, -0.2120, -0.5006, -0.2696,
    -0.5513, -0.3032, 0.2375, 0.4464, -0.1792, -0.7246, -0.1048, -0.0599,
    0.6596, 0.5289, 0.3715, -0.0762, -0.6578, -0.7837, -0.7761, 0.0191,
    -0.9389, 0.6308, 0.0208, -0.1855, 0.0433, 0.4481, 0.2270, -0.1737,
    -0.3452, -0.2220, -0.8926, -0.9243, 0.2396, 0.1620, -0.0201, -0.2483,
    -0.5790, -0.0301, 0.2823, -0.0890, 0.6916, -0.3574, -0.7377, -0.2843,
    0.1857, 1.2490, 0.1441, -0.2605, -0.3673, -0.1707, 0.3346, 1.2163,
    -0.0433, -0.0125, 0.8674, -0.1016, 0.4839, 0.7422, -0.0052, 0.6769,
    0.4405, -0.1678, -0.3580, 0.3141, -0.0326, -0.0687, 1.2848, 0.2193,
    0.0169, -0.5794, 0.0234, -0.3754, -0.4183, -0.3026, -0.2655, -1.0728,
    -0.2145, 0.2030, -0.2739, -0.4721, -0.4939, 0.4104, -0.1614, 0.6176,
    0.3696, 0.0454, -0.0116, -0.3089, -0.4140, -0.0015, -0.2431, 0.1813,
    -0.0210, -0.0728, -0.0245, -0.2400, 0.3336, -0.1482, 0.2780, 0.2114,
    0.6125, -0.0494, 0.8598, 0.2394, 1.2541, 0.3222, 0.2496, 0.0399,
    -0.0324, -0.1477, -0.2876, 0.1162, -0.0474, -0.6463, -0.0755, 0.1778,
    0.1316,
)
SEMANTIC_ANSWER_THRESHOLD = 0.875
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
    """What the bot answers: the exact text, plus the entry or concern behind it. For a red
    flag ("safety") the text only names the concern: the bot sends its own safety reply."""

    kind: Literal["answer", "clarify", "unknown", "safety"]
    text: str
    id: str | None
    score: float
    suggestions: tuple[Suggestion, ...]


def _letters_mostly_not_latin(text: str) -> bool:
    """True when most letters are from another script (Cyrillic, Greek, Chinese, Arabic...)."""
    letters = [c for c in text if c.isalpha()]
    other = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    return bool(letters) and other * 2 > len(letters)


def _synonym_words() -> set[str]:
    words: set[str] = set()
    for pattern, replacement in PHRASE_SYNONYMS:
        words.update(re.findall(r"[a-z]{2,}", pattern))
        words.update(replacement.split())
    return words


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


def _linear(model: tuple[float, ...], features: tuple[float, ...]) -> float:
    return _sigmoid(sum(w * f for w, f in zip(model, features, strict=True)))


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
    ) -> None:
        self.entries = list(entries)
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

        # Words the corrector may correct to (FAQ words) and words it must leave alone.
        raw_vocab: set[str] = set()
        answer_vocab: set[str] = set()
        for entry in self.entries:
            for text in (entry.question, *entry.phrasings, *entry.tags):
                raw_vocab.update(raw_tokens(text))
            answer_vocab.update(w for w in raw_tokens(entry.answer) if w.isalpha())
        synonym_words = _synonym_words()
        self._known_words = (
            raw_vocab | answer_vocab | synonym_words | STOPWORDS | OUT_OF_SCOPE_TERMS
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
        self._foreign = frozenset(stem(w) for w in OUT_OF_SCOPE_TERMS)
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
        if not is_foreign_word(word):
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
        words = raw_tokens(text)
        if correct:
            words = [self._correct(w) for w in words]
        mapped = apply_synonyms(" ".join(words)).split()
        return [stem(w) for w in mapped if w not in STOPWORDS]

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
        inputs = decision_inputs(analysis.features)
        p_answer = _linear(self.answer_model, inputs)
        p_plausible = _linear(self.plausible_model, inputs)
        best_index, best = analysis.ranked[0]
        top = self.entries[best_index]
        suggestions = tuple(
            Suggestion(self.entries[i].id, self.entries[i].question, self._share(score))
            for i, score in analysis.ranked[:3]
            if self._words_scale(score) >= SUGGESTION_FLOOR and score >= best * 0.5
        )
        if p_answer >= self.answer_threshold:
            return Reply("answer", top.answer, top.id, round(p_answer, 4), suggestions)
        if p_plausible >= self.clarify_threshold:
            return Reply("clarify", CLARIFY_TEXT, None, round(p_plausible, 4), suggestions)
        return Reply("unknown", declined, None, round(p_plausible, 4), ())

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
        if self.encoder is None or not self.entries:
            return None
        vector = self.encoder.embed([question[:MAX_QUESTION_CHARS]], max_tokens=SEMANTIC_TOKENS)[0]
        similarities = self._phrasing_vectors @ vector
        return np.maximum.reduceat(similarities, self._phrasing_starts)

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
            t for t in tokens if t in self._foreign or (t not in self._idf and is_foreign_word(t))
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
        meaning = self.meaning_scores(question)
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
        if meaning is not None:
            best_index = scored[0][1]
            others = np.delete(meaning, best_index)
            closeness = MeaningFeatures(
                semantic=float(meaning[best_index]),
                semantic_margin=float(meaning[best_index] - (others.max() if others.size else 0.0)),
                semantic_agrees=float(int(np.argmax(meaning)) == best_index),
                words_agree=float(max(words_only, key=words_only.__getitem__) == best_index),
                words_margin=words_only[best_index]
                - max((v for i, v in words_only.items() if i != best_index), default=0.0),
            )
        return Analysis(
            [RankedEntry(index, score) for score, index, *_ in scored], words, closeness
        )
