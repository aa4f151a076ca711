"""Find the FAQ entry a patient's question is about, or say honestly that there is none.

Pipeline: safety triage -> normalise -> spelling correction against the FAQ's own vocabulary ->
lay-term synonyms -> BM25 candidates (bm25s) -> a score mixing idf-weighted word coverage with
rapidfuzz similarity -> answer / "did you mean" / unknown by thresholds tuned on the dev set.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

import bm25s
import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from faq.catalog import FaqEntry
from faq.text import (
    OUT_OF_SCOPE_TERMS,
    PHRASE_SYNONYMS,
    STOPWORDS,
    apply_synonyms,
    raw_tokens,
    stem,
)
from faq.triage import safety_message, triage

DEFAULT_EMERGENCY_NUMBER = "112"
DEFAULT_CRISIS_LINE = (
    "your local crisis line (for example 988 in the US, or Samaritans on 116 123 in the UK "
    "and Ireland)"
)

# Every message a patient sees from the matcher lives here.
CLARIFY_TEXT = "I'm not sure which of these you mean — tap one:"
UNKNOWN_TEXT = (
    "I'm sorry, I don't have an answer to that in my LDN guide. Your prescriber is the best "
    "person to ask. For more reading, the LDN Research Trust (ldnresearchtrust.org) and "
    "LDN Science (ldnscience.org) are good places to start."
)

# Thresholds, tuned on tests/faq/devset.tsv (see docs/faq.md for how).
ANSWER_THRESHOLD = 0.55
ANSWER_MARGIN = 0.03
CLEAR_ANSWER_THRESHOLD = 0.90
CLARIFY_THRESHOLD = 0.40
SUGGESTION_FLOOR = 0.30
# Weight of words the FAQ has never seen, relative to the rarest FAQ word.
UNKNOWN_WORD_WEIGHT = 0.7
# Weight of words naming something the guide does not cover (other drugs, the weather...).
FOREIGN_WORD_WEIGHT = 3.0
BM25_WEIGHT = 0.3
COVERAGE_WEIGHT = 0.6
FUZZY_WEIGHT = 0.4
BM25_CANDIDATES = 25
MAX_QUESTION_CHARS = 1000


@dataclass(frozen=True)
class Suggestion:
    """An entry offered as a match, with its score in [0, 1]."""

    id: str
    question: str
    score: float


@dataclass(frozen=True)
class Reply:
    """What the bot answers: the exact text, plus the entry or concern behind it."""

    kind: Literal["answer", "clarify", "unknown", "safety"]
    text: str
    id: str | None
    score: float
    suggestions: tuple[Suggestion, ...]


def _synonym_words() -> set[str]:
    words: set[str] = set()
    for pattern, replacement in PHRASE_SYNONYMS:
        words.update(re.findall(r"[a-z]{2,}", pattern))
        words.update(replacement.split())
    return words


class FaqMatcher:
    """Answers free-text questions from a list of FAQ entries. Build once, reuse."""

    def __init__(
        self,
        entries: list[FaqEntry],
        *,
        emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
        crisis_line: str = DEFAULT_CRISIS_LINE,
    ) -> None:
        self.entries = list(entries)
        self.emergency_number = emergency_number
        self.crisis_line = crisis_line
        self._by_id = {entry.id: entry for entry in self.entries}

        # Words the corrector may correct to (FAQ words) and words it must leave alone.
        raw_vocab: set[str] = set()
        for entry in self.entries:
            for text in (entry.question, *entry.phrasings, *entry.tags):
                raw_vocab.update(raw_tokens(text))
        self._known_words = raw_vocab | _synonym_words() | STOPWORDS | OUT_OF_SCOPE_TERMS
        self._corrections: dict[str, str] = {}
        self._correction_targets = sorted(w for w in raw_vocab | _synonym_words() if len(w) >= 4)

        # Per entry: its content tokens (for BM25 and coverage) and its texts (for fuzzy).
        self._entry_tokens: list[list[str]] = []
        self._entry_vocab: list[frozenset[str]] = []
        self._entry_texts: list[list[str]] = []
        for entry in self.entries:
            texts = [entry.question, *entry.phrasings]
            doc: list[str] = []
            prepared: list[str] = []
            for text in texts:
                tokens = self._content(text)
                doc.extend(tokens)
                prepared.append(" ".join(tokens))
            for tag in entry.tags:
                doc.extend(self._content(tag.replace("-", " ")))
            self._entry_tokens.append(doc or [""])
            self._entry_vocab.append(frozenset(doc))
            self._entry_texts.append([p for p in prepared if p])

        document_frequency: Counter[str] = Counter()
        for vocab in self._entry_vocab:
            document_frequency.update(vocab)
        n = max(len(self.entries), 1)
        self._idf = {
            token: math.log(1 + (n - df + 0.5) / (df + 0.5))
            for token, df in document_frequency.items()
        }
        max_idf = math.log(1 + (n - 0.5) / 1.5)
        self._unknown_idf = max_idf * UNKNOWN_WORD_WEIGHT
        self._foreign_idf = max_idf * FOREIGN_WORD_WEIGHT
        self._foreign = frozenset(stem(w) for w in OUT_OF_SCOPE_TERMS)

        self._bm25 = bm25s.BM25()
        self._bm25.index(self._entry_tokens, show_progress=False)

    # ------------------------------------------------------------------ text preparation

    def _correct(self, word: str) -> str:
        """Correct a misspelt word to the nearest FAQ word; known and short words stay."""
        if len(word) < 4 or word in self._known_words or word.isdigit():
            return word
        cached = self._corrections.get(word)
        if cached is not None:
            return cached
        match = process.extractOne(
            word,
            self._correction_targets,
            scorer=OSA.distance,  # a swapped pair of letters counts as one edit
            score_cutoff=1 if len(word) < 7 else 2,
        )
        corrected = word
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
        scored = self._score(question)
        return [
            Suggestion(self.entries[i].id, self.entries[i].question, round(score, 4))
            for i, score in scored[:k]
        ]

    def ask(self, question: str) -> Reply:
        """Triage, then match: an answer, a "did you mean", or an honest "I don't know"."""
        if not isinstance(question, str):
            question = str(question)
        question = question[:4096]
        concern = triage(question)
        if concern is not None:
            text = safety_message(
                concern, emergency_number=self.emergency_number, crisis_line=self.crisis_line
            )
            return Reply("safety", text, concern.id, 1.0, ())
        scored = self._score(question)
        if not scored:
            return Reply("unknown", UNKNOWN_TEXT, None, 0.0, ())
        best_index, best = scored[0]
        runner_up = scored[1][1] if len(scored) > 1 else 0.0
        suggestions = tuple(
            Suggestion(self.entries[i].id, self.entries[i].question, round(score, 4))
            for i, score in scored[:3]
            if score >= max(SUGGESTION_FLOOR, best - 0.25)
        )
        top = self.entries[best_index]
        if best >= CLEAR_ANSWER_THRESHOLD or (
            best >= ANSWER_THRESHOLD and best - runner_up >= ANSWER_MARGIN
        ):
            return Reply("answer", top.answer, top.id, round(best, 4), suggestions)
        if best >= CLARIFY_THRESHOLD:
            return Reply("clarify", CLARIFY_TEXT, None, round(best, 4), suggestions)
        return Reply("unknown", UNKNOWN_TEXT, None, round(best, 4), ())

    # ------------------------------------------------------------------ scoring

    def _score(self, question: str) -> list[tuple[int, float]]:
        """(entry index, confidence in [0, 1]) for the plausible entries, best first."""
        tokens = list(dict.fromkeys(self._content(question[:MAX_QUESTION_CHARS], correct=True)))
        if not tokens or not self.entries:
            return []
        weights = {t: self._weight(t) for t in tokens}
        total_weight = sum(weights.values())
        known = [t for t in tokens if t in self._idf]
        if not known:
            return []
        bm25_scores = self._bm25.get_scores(known)
        count = min(BM25_CANDIDATES, len(self.entries))
        candidates = np.argpartition(-bm25_scores, count - 1)[:count]
        best_bm25 = float(bm25_scores[candidates].max())
        if best_bm25 <= 0:
            return []
        query_text = " ".join(tokens)
        results: list[tuple[int, float, float]] = []
        for index in candidates.tolist():
            if bm25_scores[index] <= 0:
                continue
            vocab = self._entry_vocab[index]
            coverage = sum(w for t, w in weights.items() if t in vocab) / total_weight
            fuzzy = (
                max(fuzz.token_sort_ratio(query_text, text) for text in self._entry_texts[index])
                / 100.0
            )
            # Coverage gates: unseen or out-of-scope words pull every entry down together.
            confidence = coverage * (COVERAGE_WEIGHT + FUZZY_WEIGHT * fuzzy)
            # BM25 (length-normalised) orders entries that cover the question equally well.
            order = confidence + BM25_WEIGHT * float(bm25_scores[index]) / best_bm25
            results.append((index, confidence, order))
        results.sort(key=lambda item: (-item[2], self.entries[item[0]].id))
        return [(index, confidence) for index, confidence, _ in results]

    def _weight(self, token: str) -> float:
        if token in self._foreign:
            return self._foreign_idf
        return self._idf.get(token, self._unknown_idf)
