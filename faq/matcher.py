"""Find the FAQ entry a patient's question is about, or say honestly that there is none.

Pipeline: safety triage -> normalise -> spelling correction against the FAQ's own vocabulary ->
lay-term synonyms -> BM25 candidates (bm25s) -> a ranking score (word coverage, best phrasing
overlap, word pairs, BM25, rapidfuzz; with the sentence model also meaning and a ridge
classifier) -> answer / "did you mean" / unknown from two logistic models fitted and
cross-validated on the dev set (faq/tuning.py, docs/faq.md).
"""

from __future__ import annotations

import enum
import json
import math
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar

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
# Questions patients asked before, each labelled with its entry (faq/data/asked.<code>.tsv: the
# development sets' in-scope questions, kept apart from the entries' own phrasings). With the
# semantic layer on, the decision sees the cosine between a question and the best entry's
# closest such example (MeaningFeatures.asked): under 5-fold CV that answers more questions
# directly with fewer wrong (en 0.692 -> 0.717 answered, wrong 0.021 -> 0.019). The cosine can
# also join the ranking score with a weight (per language in faq/data/decision.json), but that
# did worse in every language (en answered 0.683 at weight 0.5, 0.668 at 1.0): it is 0.
ASKED_WEIGHT = 0.0
# A linear classifier over the sentence vectors (ridge regression onto one column per entry),
# fitted when the matcher is built on every phrasing, question and tag and on the asked
# examples: it reads where in meaning an entry's questions lie, not only the closest one. Its
# score for an entry joins the ranking score with the language's `classifier_weight` (0: off).
CLASSIFIER_RIDGE = 0.3
# The label of a question asked before that the guide does not answer (as in the question sets).
# Such questions (the dev sets' out-of-scope ones as asked examples, and the shipped `outside`
# ones) and the entries' phrasings and asked examples fit the outside detector: a ridge
# regression (with a bias) from a sentence vector to -1 outside the guide, +1 inside. Its score
# is a decision feature (MeaningFeatures.outside); the asked cosine and the classifier ignore
# those questions. Under 5-fold CV, English fold seeds 5 / 6 / 7 (with faq/tuning.py's stricter
# English limits): answered directly 0.717 / 0.728 / 0.706 -> 0.745 / 0.739 / 0.751, wrong
# 0.019 / 0.021 / 0.018 -> 0.019 / 0.016 / 0.018, out-of-scope declined 0.937 / 0.937 / 0.931
# -> 0.921 / 0.931 / 0.942 (docs/faq.md). Ridge 0.3 / 3 / 10 were not clearly better. A detector
# of its own, not one more column of the classifier: fitted with the entries' columns, its
# questions outside moved them (top-1 0.935 -> 0.932, seed 5).
OUTSIDE = "-"
OUTSIDE_RIDGE = 1.0
# The model reads a question's first 32 pieces (about 25 words). With MiniLM 16 word pieces were
# enough; with USE, 16 pieces cut a long question before its point ("...ever since I go to bed I
# have these wild dreams": vivid dreams first at 32, not in the top 3 at 16). Under 5-fold CV,
# 16 -> 32 changed answered directly en 0.717 -> 0.718, es 0.920 -> 0.915, de 0.925 -> 0.920
# (one or two questions): within noise, so the long messages patients write decide it.
# The words are read in full by the rest of the matcher.
SEMANTIC_TOKENS = 32
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
    asked: float  # cosine between the question and the best entry's closest asked example
    outside: float  # how much it reads like a question the guide does not answer (below 0) or
    # like one it does (above 0), whatever the entry: the outside detector's score


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
# fmt: on
# With the semantic layer on, each language has its own decision, fitted on its own dev set
# (`ldn-bot faq tune tests/faq/devset.<code>.tsv --lang <code> --write`), together with the
# weights of meaning and of the asked examples in the ranking (a language without one uses
# English's).
DECISION_FILE = Path(__file__).parent / "data" / "decision.json"


@dataclass(frozen=True)
class Decision:
    """How one language decides with the semantic layer on (see DECISION_FILE)."""

    answer_model: tuple[float, ...]
    plausible_model: tuple[float, ...]
    answer_threshold: float
    clarify_threshold: float
    semantic_weight: float = SEMANTIC_WEIGHT
    asked_weight: float = ASKED_WEIGHT
    uses_asked: bool = True  # False: the asked examples are not read (MeaningFeatures.asked 0)
    classifier_weight: float = 0.0  # weight of the classifier's score (CLASSIFIER_RIDGE) in ranking
    # True: the classifier also learns from the other languages' asked examples (BorrowedAsked)
    borrows_asked: bool = False


@cache
def semantic_decision(language: str) -> Decision:
    """The shipped semantic-layer decision for a language (English's when it has none)."""
    shipped = json.loads(DECISION_FILE.read_text(encoding="utf-8"))["languages"]
    fields = shipped.get(language) or shipped["en"]
    return Decision(
        answer_model=tuple(fields["answer_model"]),
        plausible_model=tuple(fields["plausible_model"]),
        answer_threshold=fields["answer_threshold"],
        clarify_threshold=fields["clarify_threshold"],
        semantic_weight=fields["semantic_weight"],
        asked_weight=fields["asked_weight"],
        uses_asked=fields.get("uses_asked", True),
        classifier_weight=fields.get("classifier_weight", 0.0),
        borrows_asked=fields.get("borrows_asked", False),
    )


@dataclass(frozen=True)
class BorrowedAsked:
    """Another language's asked examples of entries, for a classifier that borrows them: the
    sentence model puts the languages in one space, so a Spanish question about a missed dose
    lies near the English and German ones. Under 5-fold CV on the Spanish and German dev sets
    (764 / 745 questions in scope), the classifier alone picked the right entry 0.785 / 0.753
    of the time from its own language's examples and 0.866 / 0.844 with the others' too;
    English (3,708) lost a little (0.899 -> 0.894), so it does not borrow. `vectors` are the
    lending matcher's own (kept by reference, not copied); never left out by cross-validation,
    which only measures questions of the borrowing language."""

    language: str
    vectors: np.ndarray  # float32, a unit vector a row
    entry_ids: tuple[str, ...]


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


def _sorted_words(text: str) -> str:
    """`text`'s words in order, as rapidfuzz's token_sort_ratio sorts them before comparing."""
    return " ".join(sorted(text.split()))


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


_Member = TypeVar("_Member")


class _WordFits(NamedTuple):
    """Per entry, how well its words fit one question (lists indexed like the entries)."""

    coverage: list[float]
    phrasing: list[float]
    entry_cover: list[float]
    matched: list[float]
    bigram: list[float]


class _WordIndex:
    """The entries' words by word: which entries and phrasings use each, so that a question's
    fit to every entry is a few numpy additions per word of the question instead of a Python
    loop over each candidate's words and phrasings (0.4 ms a question). The sums add the same
    terms in the question's word order (a phrasing's shared words were summed in a set's
    order: the same to the last bit or so)."""

    def __init__(
        self,
        texts: list[list[_Text]],
        strong: list[frozenset[str]],
        answer: list[frozenset[str]],
        bigrams: list[frozenset[tuple[str, str]]],
    ) -> None:
        self.entries = len(texts)
        self.strong = _postings(strong)
        self.answer = _postings(answer)
        self.bigrams = _postings(bigrams)
        flat = [text for entry in texts for text in entry]
        self.texts = _postings([text.tokens for text in flat])
        self.text_weights = np.array([text.weight for text in flat], dtype=np.float64)
        counts = np.array([len(entry) for entry in texts], dtype=np.intp)
        self.has_texts = counts > 0
        self.text_starts = (np.cumsum(counts) - counts)[self.has_texts]

    def fits(
        self,
        weights: dict[str, float],
        known_weight: float,
        query_bigrams: frozenset[tuple[str, str]],
    ) -> _WordFits:
        matched = np.zeros(self.entries)
        common = np.zeros(len(self.text_weights))
        for t, weight in weights.items():
            if (at := self.strong.get(t)) is not None:
                matched[at] += weight
            if (at := self.answer.get(t)) is not None:  # never an entry's strong word
                matched[at] += ANSWER_CREDIT * weight
            if (at := self.texts.get(t)) is not None:
                common[at] += weight
        phrasing = np.zeros(self.entries)
        entry_cover = np.zeros(self.entries)
        if len(common):
            shares = 2 * common / (known_weight + self.text_weights)
            phrasing[self.has_texts] = np.maximum.reduceat(shares, self.text_starts)
            covers = common / self.text_weights
            entry_cover[self.has_texts] = np.maximum.reduceat(covers, self.text_starts)
        bigram = np.zeros(self.entries)
        if query_bigrams:
            for pair in query_bigrams:
                if (at := self.bigrams.get(pair)) is not None:
                    bigram[at] += 1
            bigram /= len(query_bigrams)
        return _WordFits(
            (matched / known_weight).tolist(),
            phrasing.tolist(),
            entry_cover.tolist(),
            matched.tolist(),
            bigram.tolist(),
        )


def _postings(sets: Sequence[frozenset[_Member]]) -> dict[_Member, np.ndarray]:
    """Each member of `sets`, with the positions of the sets holding it."""
    found: dict[_Member, list[int]] = {}
    for position, members in enumerate(sets):
        for member in members:
            found.setdefault(member, []).append(position)
    return {member: np.array(at, dtype=np.intp) for member, at in found.items()}


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


def _with_bias(rows: np.ndarray) -> np.ndarray:
    return np.c_[rows, np.ones(len(rows))]


class _Ridge:
    """A ridge regression fitted on fixed rows and on examples that cross-validation may leave
    out: `scores(x, removed)` is exactly the fit without the examples at `removed` (Woodbury
    identity), which faq/tuning.py relies on to be honest."""

    def __init__(
        self,
        fixed: Callable[[], np.ndarray],
        fixed_targets: np.ndarray,
        examples: Callable[[], np.ndarray],
        targets: np.ndarray,
        ridge: float,
        *,
        bias: bool = False,
    ) -> None:
        """`fixed`: makes the rows never left out (float64), from vectors the matcher keeps
        anyway; `examples`: gives the matcher's own float32 vectors (read back only when
        tuning leaves some out), with a bias column added to them when `bias`."""
        self.fixed = fixed
        self.examples_of = examples
        self._examples: np.ndarray | None = None  # once tuning reads them
        self.bias = bias
        self.ridge = ridge
        rows = self._all_rows()
        self.weights = self._invert(rows) @ (rows.T @ np.vstack((fixed_targets, targets)))
        # The inverse of the Gram matrix (2 MB) is read only when tuning leaves examples out:
        # made again then, from the same rows by the same arithmetic (the same to the bit).
        self._inverse: np.ndarray | None = None
        # The targets, read only by tuning: one-hot rows as their column (an index
        # instead of a row of floats), a single column of +-1 as it is.
        self._width = targets.shape[1]
        one_hot = self._width > 1 and bool(
            np.all((targets == 0) | (targets == 1)) and np.all(targets.sum(axis=1) == 1)
        )
        self._columns = np.argmax(targets, axis=1) if one_hot else None
        self._targets = None if one_hot else targets.astype(np.float32)
        self._fitted: np.ndarray | None = None  # the examples' own scores (tuning only)
        # The last set of left-out examples solved from scratch, and (I - K)^-1 over it, where
        # K = X G^-1 X^T is the examples' kernel (tuning only).
        self._left_out: tuple[np.ndarray, np.ndarray] | None = None

    @property
    def inverse(self) -> np.ndarray:
        if self._inverse is None:
            self._inverse = self._invert(self._all_rows())
        return self._inverse

    @property
    def examples(self) -> np.ndarray:
        """The examples' vectors, kept from the first time tuning reads them."""
        if self._examples is None:
            self._examples = self.examples_of()
        return self._examples

    def targets_at(self, removed: np.ndarray) -> np.ndarray:
        """The targets of the examples at `removed` (float64)."""
        if self._columns is None:
            assert self._targets is not None
            return self._targets[removed].astype(np.float64)
        rows = np.zeros((len(removed), self._width))
        rows[np.arange(len(removed)), self._columns[removed]] = 1.0
        return rows

    def _all_rows(self) -> np.ndarray:
        examples = self._examples if self._examples is not None else self.examples_of()
        return np.vstack((self.fixed(), self._rows(examples, self.bias)))

    def _invert(self, rows: np.ndarray) -> np.ndarray:
        return np.linalg.inv(rows.T @ rows + self.ridge * np.eye(rows.shape[1]))

    @staticmethod
    def _rows(examples: np.ndarray, bias: bool) -> np.ndarray:
        rows = examples.astype(np.float64)
        return _with_bias(rows) if bias else rows

    def scores(self, x: np.ndarray, removed: np.ndarray) -> np.ndarray:
        x = x.astype(np.float64)
        scores = x @ self.weights
        if len(removed):
            removed = np.sort(removed)
            if self._fitted is None:
                self._fitted = self._rows(self.examples, self.bias) @ self.weights
            examples = self._rows(self.examples[removed], self.bias)
            targets = self.targets_at(removed)
            g = examples @ (self.inverse @ x)
            # g (I - K)^-1 (fitted - K t) as u fitted - (u K) t, with u = (I - K)^-1 g.
            u = self._left_out_solve(removed, examples, g)
            uk = examples @ (self.inverse @ (u @ examples))
            scores = scores - g @ targets + u @ self._fitted[removed] - uk @ targets
        return scores

    def _left_out_solve(
        self, removed: np.ndarray, examples: np.ndarray, g: np.ndarray
    ) -> np.ndarray:
        """(I - K)^-1 g over the left-out examples `removed` (sorted; `examples` their rows).
        Cross-validation leaves out a fold, and with it the question itself: the inverse is
        kept for the fold's set, and a set with one example more is solved from it by its
        Schur complement: products with the kept inverse, O(n^2) instead of O(n^3) a question."""
        kept = self._left_out
        if kept is not None:
            indices, inverse = kept
            if np.array_equal(indices, removed):
                return inverse @ g
            if len(removed) == len(indices) + 1:
                at = int(np.flatnonzero(np.isin(removed, indices, invert=True))[0])
                keep = np.arange(len(removed)) != at
                if np.array_equal(removed[keep], indices):
                    extra = examples[at]
                    b = -(examples[keep] @ (self.inverse @ extra))  # off-diagonal of I - K
                    d = 1.0 - extra @ self.inverse @ extra
                    ab = inverse @ b
                    y = inverse @ g[keep]
                    z = (g[at] - b @ y) / (d - b @ ab)
                    u = np.empty(len(removed))
                    u[keep] = y - ab * z
                    u[at] = z
                    return u
        kernel = examples @ self.inverse @ examples.T
        inverse = np.linalg.inv(np.eye(len(removed)) - kernel)
        self._left_out = (removed, inverse)
        return inverse @ g


class FaqMatcher:
    """Answers free-text questions from a list of FAQ entries. Build once, reuse."""

    def __init__(
        self,
        entries: list[FaqEntry],
        *,
        safety_net: SecondNet | None = None,
        encoder: SentenceEncoder | None = None,
        rules: TextRules = ENGLISH,
        asked: Sequence[tuple[str, str]] = (),
        outside: Sequence[str] = (),
        decision: Decision | None = None,
        borrowed: Sequence[BorrowedAsked] = (),
        fit: bool = True,
    ) -> None:
        """`asked`: questions asked before, as (entry id, question), OUTSIDE for one the guide
        does not answer (ASKED_WEIGHT; those naming no entry here are left out, and all of them
        when the decision does not use them). `outside`: more questions the guide does not
        answer, always read by the outside detector (never left out: not from a question set
        that is measured). `decision`: the semantic-layer decision, when not the
        language's shipped one (faq/tuning.py). `borrowed`: other languages' asked examples,
        read by the classifier when the decision borrows them. `fit`: False leaves the
        classifiers to `fit`, for a language that borrows examples the others have yet to lend
        (`MultilingualFaq.build`: each classifier is then fitted once)."""
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
            decision = decision or semantic_decision(self.language)
            self.features = SEMANTIC_FEATURES
            self.answer_model = decision.answer_model
            self.plausible_model = decision.plausible_model
            self.answer_threshold = decision.answer_threshold
            self.clarify_threshold = decision.clarify_threshold
            self.semantic_weight = decision.semantic_weight
        self.asked_weight = decision.asked_weight if decision is not None else 0.0
        self.uses_asked = decision.uses_asked if decision is not None else True
        self.classifier_weight = decision.classifier_weight if decision is not None else 0.0
        self.borrows_asked = decision.borrows_asked if decision is not None else False
        self.borrowed: tuple[BorrowedAsked, ...] = tuple(borrowed)
        # faq/tuning.py measures each question once per fold: its words' fit to each entry
        # does not change between folds, and is remembered here while it does.
        self._remembered_words: (
            dict[tuple[str, int], tuple[float, float, float, float, float, float]] | None
        ) = None
        # decision_inputs() in numpy, for speed: both models as one matrix, and the pairs of
        # features (bias left out) in decision_inputs' order.
        self._decision_models = np.array([self.answer_model, self.plausible_model]).T
        self._decision_pairs = np.triu_indices(len(self.features) - 1)

        # A question worded exactly as an entry's question or one of its phrasings (same words,
        # case and punctuation aside) is answered with that entry: they are curated and unique.
        self._exact: dict[str, int] = {}
        # The FAQ's words, as written: those of its questions, phrasings and tags, and the
        # words of letters of its answers.
        raw_vocab: set[str] = set()
        answer_vocab: set[str] = set()
        for index, entry in enumerate(self.entries):
            for text in (entry.question, *entry.phrasings):
                words = rules.raw_tokens(text)
                self._exact.setdefault(" ".join(words), index)
                raw_vocab.update(words)
            for tag in entry.tags:
                raw_vocab.update(rules.raw_tokens(tag))
            answer_vocab.update(w for w in rules.raw_tokens(entry.answer) if w.isalpha())
        self.faq_words = frozenset(raw_vocab | answer_vocab)

        # Words the corrector may correct to (FAQ words) and words it must leave alone.
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
        self._entry_sorted = [
            [_sorted_words(s) for s in strings] for strings in self._entry_strings
        ]
        self._word_index = _WordIndex(
            self._entry_texts, self._entry_strong, self._entry_answer, self._entry_bigrams
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
        # The asked examples: a unit vector each, grouped by entry (for np.maximum.reduceat),
        # the questions outside the guide last (as entry `len(entries)`), and where each one of
        # `asked` sits among them.
        index_of = {entry.id: index for index, entry in enumerate(self.entries)}
        index_of[OUTSIDE] = len(self.entries)
        kept = [
            (index_of[i], q)
            for i, q in (asked if self.uses_asked else ())
            if i in index_of and q.strip()
        ]
        self.asked = tuple(
            (self.entries[i].id if i < len(self.entries) else OUTSIDE, q) for i, q in kept
        )
        order = np.argsort(np.array([i for i, _ in kept], dtype=np.intp), kind="stable")
        grouped = np.array([kept[n][0] for n in order], dtype=np.intp)
        self._asked_entries = grouped
        self._asked_place = np.empty(len(kept), dtype=np.intp)  # asked[n] is grouped[place[n]]
        self._asked_place[order] = np.arange(len(kept))
        # The asked cosine reads the examples of entries only: the first `_asked_inside`.
        self._asked_inside = int(np.count_nonzero(grouped < len(self.entries)))
        inside = grouped[: self._asked_inside]
        first = np.flatnonzero(np.r_[True, inside[1:] != inside[:-1]]) if len(inside) else inside
        self._asked_starts = first
        self._asked_owners = inside[first]  # the entry of each group
        # The asked cosine reads the examples of entries; the outside detector's fit also reads
        # the questions outside the guide, so all of them are kept until `fit` and read back
        # from the cache only when tuning leaves some out (`_all_asked_vectors`).
        self._asked_vectors = np.zeros((0, 0), dtype=np.float32)
        self._asked_all: np.ndarray | None = None
        if encoder is not None and kept:
            self._asked_all = encoder.embed_kept(
                [kept[n][1] for n in order], max_tokens=SEMANTIC_TOKENS
            )
            inside_rows = self._asked_all[: self._asked_inside]
            self._asked_vectors = (
                inside_rows if len(inside_rows) == len(kept) else inside_rows.copy()
            )
        self.outside = tuple(q for q in outside if q.strip()) if encoder is not None else ()
        self._outside_vectors = np.zeros((0, 0), dtype=np.float32)
        if encoder is not None and self.outside:
            self._outside_vectors = encoder.embed_kept(self.outside, max_tokens=SEMANTIC_TOKENS)
        self._reads_outside = bool(self.outside) or len(kept) > self._asked_inside
        self._entry_ridge: _Ridge | None = None  # the classifier: a column per entry
        self._outside_ridge: _Ridge | None = None  # "outside the guide" against the entries
        if fit:
            self.fit(self.borrowed)

    def lend(self) -> BorrowedAsked | None:
        """This language's asked examples of entries, for another language's classifier."""
        inside = self._asked_inside
        if not inside or not len(self._asked_vectors):
            return None
        ids = tuple(self.entries[int(i)].id for i in self._asked_entries[:inside])
        return BorrowedAsked(self.language, self._asked_vectors[:inside], ids)

    def fit(self, borrowed: Sequence[BorrowedAsked] = ()) -> None:
        """Fit the classifier, reading other languages' asked examples too when the decision
        borrows them (as fixed rows; this language's own are left out of `borrowed`), and the
        outside detector (which never reads them). The constructor calls it, unless `fit=False`."""
        self.borrowed = tuple(b for b in borrowed if b.language != self.language)
        if self.encoder is not None and self.entries:
            self._fit_classifiers()
        self._asked_all = None  # the questions outside the guide: read again only for tuning

    def _borrowed_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """The borrowed examples of this FAQ's entries, as rows and their entries' indices."""
        if not self.borrows_asked or not self.borrowed:
            return np.zeros((0, self._phrasing_vectors.shape[1])), np.zeros(0, dtype=np.intp)
        index_of = {entry.id: index for index, entry in enumerate(self.entries)}
        rows, owners = [], []
        for lent in self.borrowed:
            known = [n for n, i in enumerate(lent.entry_ids) if i in index_of]
            rows.append(lent.vectors[known].astype(np.float64))
            owners.append(np.array([index_of[lent.entry_ids[n]] for n in known], dtype=np.intp))
        return np.vstack(rows), np.concatenate(owners)

    def _fit_classifiers(self) -> None:
        """Ridge regression from a sentence vector to one column per entry, on the phrasings
        (with tags and questions), the asked examples of entries and any borrowed from other
        languages; and, with questions outside the guide, the outside detector."""
        self._fit_entry_classifier()
        if self._reads_outside:
            fixed_targets = np.r_[
                np.ones(len(self._phrasing_vectors)), -np.ones(len(self._outside_vectors))
            ][:, None]
            learnt_targets = np.where(self._asked_entries < len(self.entries), 1.0, -1.0)[:, None]
            self._outside_ridge = _Ridge(
                self._outside_fixed_rows,
                fixed_targets,
                self._all_asked_vectors,
                learnt_targets,
                OUTSIDE_RIDGE,
                bias=True,
            )

    def _inside_asked_vectors(self) -> np.ndarray:
        """The asked examples of entries (the classifier's examples)."""
        if not self._asked_inside:
            return np.zeros((0, self._phrasing_vectors.shape[1]), dtype=np.float32)
        return self._asked_vectors[: self._asked_inside]

    def _all_asked_vectors(self) -> np.ndarray:
        """Every asked example's vector, the questions outside the guide last (read back from
        the vector cache after `fit`: only tuning needs them then)."""
        if not len(self._asked_entries):
            return np.zeros((0, self._phrasing_vectors.shape[1]), dtype=np.float32)
        if len(self._asked_vectors) == len(self._asked_entries):
            return self._asked_vectors
        if self._asked_all is None:
            assert self.encoder is not None
            texts = [self.asked[n][1] for n in np.argsort(self._asked_place)]
            return self.encoder.embed_kept(texts, max_tokens=SEMANTIC_TOKENS)
        return self._asked_all

    def _fit_entry_classifier(self) -> None:
        """The classifier (when its weight is on): a column per entry."""
        if not self.classifier_weight:
            return
        owners = np.repeat(
            np.arange(len(self.entries)),
            np.diff(np.r_[self._phrasing_starts, len(self._phrasing_vectors)]),
        )
        fixed_owners = np.r_[owners, self._borrowed_rows()[1]]
        fixed = np.zeros((len(fixed_owners), len(self.entries)))
        fixed[np.arange(len(fixed_owners)), fixed_owners] = 1.0
        inside = self._asked_inside
        learnt = np.zeros((inside, len(self.entries)))
        learnt[np.arange(inside), self._asked_entries[:inside]] = 1.0
        self._entry_ridge = _Ridge(
            self._classifier_fixed_rows,
            fixed,
            self._inside_asked_vectors,
            learnt,
            CLASSIFIER_RIDGE,
        )

    def _classifier_fixed_rows(self) -> np.ndarray:
        """The classifier's rows never left out: the phrasings, then the borrowed examples."""
        return np.vstack((self._phrasing_vectors.astype(np.float64), self._borrowed_rows()[0]))

    def _outside_fixed_rows(self) -> np.ndarray:
        """The outside detector's rows never left out: the phrasings, then the questions outside
        the guide (with the bias column)."""
        outside = self._outside_vectors.astype(np.float64)
        if not len(outside):
            outside = np.zeros((0, self._phrasing_vectors.shape[1]))
        return _with_bias(np.vstack((self._phrasing_vectors.astype(np.float64), outside)))

    def _classifier_scores(
        self, vector: np.ndarray | None, left_out: Collection[int] = ()
    ) -> np.ndarray | None:
        """Per entry, the classifier's score for the question; `left_out`: positions in `asked`
        the classifier is refitted without (exactly, by the Woodbury identity)."""
        if vector is None or self._entry_ridge is None:
            return None
        removed = self._removed(left_out)
        return self._entry_ridge.scores(vector, removed[removed < self._asked_inside])

    def _outside_score(self, vector: np.ndarray | None, left_out: Collection[int] = ()) -> float:
        """How much the question reads like the questions outside the guide (0 without any)."""
        if vector is None or self._outside_ridge is None:
            return 0.0
        x = np.r_[vector.astype(np.float64), 1.0]
        return float(self._outside_ridge.scores(x, self._removed(left_out))[0])

    def _removed(self, left_out: Collection[int]) -> np.ndarray:
        """Where the asked examples at these positions sit among the grouped ones."""
        if not left_out:
            return np.zeros(0, dtype=np.intp)
        return self._asked_place[np.fromiter(left_out, dtype=np.intp)]

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

    def ask(self, question: str, *, triaged: bool = False) -> Reply:
        """Triage, then match: an answer, a "did you mean", or an honest "I don't know".

        `triaged`: the caller has run `triage(question, self.safety_net)` on this very text and
        it found nothing (the bot does, before anything else), so it is not run a second time.
        """
        if not isinstance(question, str):
            question = str(question)
        question = question[:4096]
        concern = None if triaged else triage(question, self.safety_net)
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
        if p_plausible >= self.clarify_threshold or (suggestions and self._names_a_topic(question)):
            return Reply(
                "clarify", CLARIFY_TEXT, None, round(p_plausible, 4), suggestions, language
            )
        return Reply("unknown", declined, None, round(p_plausible, 4), ())

    def _names_a_topic(self, question: str) -> bool:
        """A bare word the FAQ's own entries use ("dose", "dosage"): a topic typed into the
        chat, shown its entries rather than declined. The decision, fitted on sentences,
        declined these once the dev set held many short questions outside the guide."""
        words = self.rules.raw_tokens(question)
        return len(words) == 1 and words[0] in self._known_words

    def decide(self, features: tuple[float, ...]) -> tuple[float, float]:
        """P(answer) and P(plausible) for a question's features (see decision_inputs)."""
        x = np.asarray(features, dtype=np.float64)
        rest = x[1:]
        inputs = np.concatenate((x, np.outer(rest, rest)[self._decision_pairs]))
        p_answer, p_plausible = inputs @ self._decision_models
        return _sigmoid(float(p_answer)), _sigmoid(float(p_plausible))

    # ------------------------------------------------------------------ scoring

    def _meaning_weight(self) -> float:
        """The most the semantic layer adds to a ranking score. The classifier's part is left
        out: its score has no fixed top (an entry's own wording gets about half its weight), so
        a share is capped at 1 instead."""
        if self.encoder is None:
            return 0.0
        asked = self.asked_weight if len(self._asked_entries) else 0.0
        return self.semantic_weight + asked

    def _words_scale(self, score: float) -> float:
        """A ranking score on the words-only scale, whatever the layers (SUGGESTION_FLOOR's)."""
        score /= 1 + self._meaning_weight()
        return round(score, 4)

    def _share(self, score: float) -> float:
        """A ranking score as a share of the most an entry can score, in [0, 1]."""
        best_possible = sum(self.rank_weights.values()) + self._meaning_weight()
        return round(min(max(score / best_possible, 0.0), 1.0), 4)

    def meaning_scores(self, question: str) -> np.ndarray | None:
        """Per entry, the cosine between the question and its closest phrasing (None when the
        semantic layer is off)."""
        similarities = self._similarities(question)
        if similarities is None:
            return None
        return np.maximum.reduceat(similarities, self._phrasing_starts)

    def _word_parts(
        self, index: int, fits: _WordFits, query_text: str
    ) -> tuple[float, float, float, float, float, float]:
        """How well an entry's words fit the question: coverage, phrasing, entry_cover,
        matched, bigram, fuzzy (see RANK_WEIGHTS and WordFeatures). `query_text`: the
        question's known words, sorted (`_sorted_words`)."""
        # token_sort_ratio, with both sides' words sorted once instead of at every call
        # (`query_text` sorted by the caller): the same scores, 0.4 ms a question less.
        closest = process.extractOne(query_text, self._entry_sorted[index], scorer=fuzz.ratio)
        fuzzy = closest[1] / 100.0 if closest else 0.0
        return (
            fits.coverage[index],
            fits.phrasing[index],
            fits.entry_cover[index],
            fits.matched[index],
            fits.bigram[index],
            fuzzy,
        )

    def _vector(self, question: str) -> np.ndarray | None:
        if self.encoder is None or not self.entries:
            return None
        return self.encoder.embed([question[:MAX_QUESTION_CHARS]], max_tokens=SEMANTIC_TOKENS)[0]

    def _similarities(self, question: str) -> np.ndarray | None:
        """The cosine between the question and every phrasing, question and tag, in order."""
        vector = self._vector(question)
        return None if vector is None else self._phrasing_vectors @ vector

    def _asked_scores(
        self, vector: np.ndarray | None, left_out: Collection[int] = ()
    ) -> np.ndarray | None:
        """Per entry, the cosine between the question's vector and its closest asked example
        (0 for an entry without one); `left_out`: positions in `asked` not to use."""
        inside = self._asked_inside
        if vector is None or not inside:
            return None
        similarities = np.maximum(self._asked_vectors[:inside] @ vector, 0.0)
        if left_out:
            places = self._asked_place[np.fromiter(left_out, dtype=np.intp)]
            similarities[places[places < inside]] = 0.0
        scores = np.zeros(len(self.entries), dtype=np.float32)
        scores[self._asked_owners] = np.maximum.reduceat(similarities, self._asked_starts)
        return scores

    def analyse(self, question: str, *, asked_left_out: Collection[int] = ()) -> Analysis:
        """Rank the plausible entries for a question and describe how well the best fit.

        `asked_left_out`: positions in `asked` the question may not use (faq/tuning.py leaves
        out the question itself and its fold)."""
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
        sorted_text = _sorted_words(" ".join(known))

        bm25_scores = self._bm25.get_scores(known)
        count = min(BM25_CANDIDATES, len(self.entries))
        candidates = np.argpartition(-bm25_scores, count - 1)[:count]
        best_bm25 = float(bm25_scores[candidates].max())
        if best_bm25 <= 0:
            return empty
        vector = self._vector(question)
        similarities = None if vector is None else self._phrasing_vectors @ vector
        meaning = (
            None
            if similarities is None
            else np.maximum.reduceat(similarities, self._phrasing_starts)
        )
        candidate_set = {int(i) for i in candidates if bm25_scores[i] > 0}
        asked = self._asked_scores(vector, asked_left_out)
        classified = self._classifier_scores(vector, asked_left_out)
        outside = self._outside_score(vector, asked_left_out)
        if classified is not None:
            near = min(SEMANTIC_CANDIDATES, len(self.entries))
            candidate_set.update(int(i) for i in np.argpartition(-classified, near - 1)[:near])
        if meaning is not None:
            near = min(SEMANTIC_CANDIDATES, len(self.entries))
            candidate_set.update(int(i) for i in np.argpartition(-meaning, near - 1)[:near])
            if asked is not None and self.asked_weight:
                candidate_set.update(int(i) for i in np.argpartition(-asked, near - 1)[:near])
        w = self.rank_weights
        scored: list[tuple[float, int, float, float, float, float]] = []
        words_only: dict[int, float] = {}
        remembered = self._remembered_words
        fits: _WordFits | None = None  # every entry's at once, when one is needed
        for index in sorted(candidate_set):
            parts = remembered.get((question, index)) if remembered is not None else None
            if parts is None:
                if fits is None:
                    fits = self._word_index.fits(weights, known_weight, query_bigrams)
                parts = self._word_parts(index, fits, sorted_text)
                if remembered is not None:
                    remembered[(question, index)] = parts
            coverage, phrasing, entry_cover, matched, bigram, fuzzy = parts
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
            if asked is not None and self.asked_weight:
                score += self.asked_weight * float(asked[index])
            if classified is not None:
                score += self.classifier_weight * float(classified[index])
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
                asked=float(asked[best_index]) if asked is not None else 0.0,
                outside=outside,
            )
        return Analysis(
            [RankedEntry(index, score) for score, index, *_ in scored], words, closeness
        )
