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


class MeaningFeatures(NamedTuple):
    """What the decision also knows with the semantic layer on."""

    semantic: float  # cosine between the question and the best entry
    semantic_margin: float  # its lead over the closest other entry
    semantic_agrees: float  # 1.0 when meaning and words pick the same entry


FEATURES = WordFeatures._fields
# With the semantic layer on, the decision also sees how close the question is in meaning to the
# best entry, how far ahead of the others that entry is, and whether meaning and words agree.
SEMANTIC_FEATURES = (*FEATURES, *MeaningFeatures._fields)
ANSWER_MODEL = (
    -3.1249,
    1.1708,
    2.3213,
    1.0152,
    0.0335,
    1.2799,
    2.5846,
    -3.2473,
    -4.7987,
    -0.4962,
    0.9861,
)
PLAUSIBLE_MODEL = (
    -2.8895,
    1.2782,
    1.0436,
    1.2669,
    0.3460,
    0.9100,
    3.0610,
    -3.0400,
    -5.5558,
    0.2566,
    1.0267,
)
ANSWER_THRESHOLD = 0.875
CLARIFY_THRESHOLD = 0.85
# The same decision with the semantic layer on (SEMANTIC_FEATURES; `ldn-bot faq tune` fits both).
SEMANTIC_ANSWER_MODEL = (
    -5.1946,
    1.9409,
    1.3854,
    0.3001,
    -0.4862,
    0.2259,
    2.9331,
    -2.3410,
    -3.8294,
    -0.4600,
    0.6373,
    2.4291,
    -0.3939,
    0.6994,
)
SEMANTIC_PLAUSIBLE_MODEL = (
    -4.9559,
    2.4023,
    0.5247,
    0.8996,
    -0.8987,
    -0.2649,
    2.3539,
    -1.5866,
    -4.6344,
    -0.0324,
    0.4726,
    3.3595,
    -0.4471,
    0.3057,
)
SEMANTIC_ANSWER_THRESHOLD = 0.875
SEMANTIC_CLARIFY_THRESHOLD = 0.825


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
        p_answer = _linear(self.answer_model, analysis.features)
        p_plausible = _linear(self.plausible_model, analysis.features)
        best_index, best = analysis.ranked[0]
        top = self.entries[best_index]
        suggestions = tuple(
            Suggestion(self.entries[i].id, self.entries[i].question, self._share(score))
            for i, score in analysis.ranked[:3]
            if self._words_scale(score) >= SUGGESTION_FLOOR and score >= best * 0.5
        )
        language = self.language
        if p_answer >= self.answer_threshold:
            return Reply("answer", top.answer, top.id, round(p_answer, 4), suggestions, language)
        if p_plausible >= self.clarify_threshold:
            return Reply(
                "clarify", CLARIFY_TEXT, None, round(p_plausible, 4), suggestions, language
            )
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
            MeaningFeatures(0.0, 0.0, 0.0) if self.encoder is not None else None,
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
        meaning = self.meaning_scores(question)
        candidate_set = {int(i) for i in candidates if bm25_scores[i] > 0}
        if meaning is not None:
            near = min(SEMANTIC_CANDIDATES, len(self.entries))
            candidate_set.update(int(i) for i in np.argpartition(-meaning, near - 1)[:near])
        w = self.rank_weights
        scored: list[tuple[float, int, float, float, float, float]] = []
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
        )
        closeness = None
        if meaning is not None:
            best_index = scored[0][1]
            others = np.delete(meaning, best_index)
            closeness = MeaningFeatures(
                semantic=float(meaning[best_index]),
                semantic_margin=float(meaning[best_index] - (others.max() if others.size else 0.0)),
                semantic_agrees=float(int(np.argmax(meaning)) == best_index),
            )
        return Analysis(
            [RankedEntry(index, score) for score, index, *_ in scored], words, closeness
        )
