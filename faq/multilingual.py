"""The FAQ in every language it is written in, answering in the language a question is asked in.

One `FaqMatcher` per language (`faq/entries.toml`, `faq/entries.<code>.toml`), each reading its
language with its own rules (`faq/languages.py`). A question goes first to the language it looks
written in (`guess_language`; when nothing points away from the patient's language, the language
whose FAQ alone knows the most of its words, for bare keywords like "ldn erfahrungen"); when that
language has no direct answer, the other languages with a word of their own in the question are
tried, and a direct answer from one of them wins, so "was tun wenn ich ldn vergessen habe" gets
the German answer whatever the patient's language (and "liquid" alone stays English). The safety
triage runs once, first, whatever the language (every language's red flags).
The sentence encoder (Universal Sentence Encoder multilingual, faq/semantic.py) serves every
language; each language has its own fitted decision (faq/data/decision.json) and its own asked
examples (faq/data/asked.<code>.tsv).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from faq.catalog import FaqEntry, faq_languages, load_faq, load_translation
from faq.evaluation import load_asked, load_outside
from faq.languages import function_words, guess_language, rules_for
from faq.matcher import BorrowedAsked, FaqMatcher, Reply
from faq.semantic import SentenceEncoder
from faq.triage import SecondNet


class MultilingualFaq:
    """Answers questions from the FAQ in each of its languages. Build once, reuse."""

    def __init__(self, matchers: dict[str, FaqMatcher]) -> None:
        if "en" not in matchers:
            raise ValueError("the FAQ needs its English entries")
        self.matchers = matchers
        self.languages = tuple(matchers)
        # Each language's own words: its FAQ texts and synonym table, less stop words.
        self._vocabulary = {code: _vocabulary(m) for code, m in matchers.items()}

    @classmethod
    def build(
        cls,
        english: list[FaqEntry] | None = None,
        *,
        languages: tuple[str, ...] | None = None,
        safety_net: SecondNet | None = None,
        encoder: SentenceEncoder | None = None,
    ) -> MultilingualFaq:
        english = english if english is not None else load_faq()
        codes = languages if languages is not None else faq_languages()
        # Two phases: every language's matcher with its asked examples but no classifier yet,
        # then each classifier fitted once, with what the other languages lend it.
        matchers = {
            code: FaqMatcher(
                english if code == "en" else load_translation(code, english),
                safety_net=safety_net,
                encoder=encoder,
                rules=rules_for(code),
                asked=load_asked(code),
                outside=load_outside(code),
                fit=False,
            )
            for code in ("en", *(code for code in codes if code != "en"))
        }
        lent = lent_asked(matchers)
        for matcher in matchers.values():
            matcher.fit(lent if matcher.borrows_asked else ())
        return cls(matchers)

    @property
    def entries(self) -> list[FaqEntry]:
        """The English entries (every language has the same ids)."""
        return self.matchers["en"].entries

    @property
    def safety_net(self) -> SecondNet | None:
        return self.matchers["en"].safety_net

    def matcher(self, language: str) -> FaqMatcher:
        return self.matchers.get(language) or self.matchers["en"]

    def entry(self, entry_id: str, language: str = "en") -> FaqEntry | None:
        """The entry with this id in ``language`` (English when that language lacks it)."""
        return self.matcher(language).entry(entry_id) or self.matchers["en"].entry(entry_id)

    def _by_vocabulary(self, question: str, guessed: str) -> str:
        """A question of bare keywords ("ldn kopfweh", "ldn efectos secundarios") has no function
        words to guess from: the language whose FAQ alone knows the most of its words wins."""
        exclusive = {code: self._own_words(question, code) for code in self.matchers}
        best = max(exclusive, key=lambda code: (exclusive[code], code == guessed))
        return best if exclusive[best] > exclusive[guessed] else guessed

    def _own_words(self, question: str, code: str) -> int:
        """How many of the question's words only `code`'s FAQ knows."""
        known = set(self.matchers[code].rules.raw_tokens(question)) & self._vocabulary[code]
        for other in self.matchers:
            if other != code:
                known -= self._vocabulary[other]
        return len(known)

    def ask(self, question: str, language: str = "en", *, triaged: bool = False) -> Reply:
        """Triage, then the best reply across languages (see the module docstring).

        `triaged`: the caller has triaged this very text with this FAQ's net and it found
        nothing (see `FaqMatcher.ask`)."""
        preferred = language if language in self.matchers else "en"
        first = guess_language(question, self.languages, preferred)
        if first == preferred:
            first = self._by_vocabulary(question, preferred)
        reply = self.matchers[first].ask(question, triaged=triaged)
        if reply.kind in ("answer", "safety") or _plainly_in(question, first, self.languages):
            return reply
        for code in self.languages:
            if code == first:
                continue
            # The first language's triage found nothing: every language shares its rules and net.
            # Only a question with a word of that language's own: "liquid" alone is English,
            # however close the Spanish FAQ's "líquido" is.
            if not self._own_words(question, code):
                continue
            other = self.matchers[code].ask(question, triaged=True)
            if other.kind == "answer":
                return other
        return reply


def _plainly_in(question: str, language: str, languages: tuple[str, ...]) -> bool:
    """More distinct function words of `language` than of any other: no other language's FAQ
    is asked (it would cost a few ms of CPU for nothing on every question not answered)."""
    words = set(re.findall(r"[^\W\d_]+", question.casefold()))
    counts = {code: len(words & function_words(code)) for code in languages}
    others = max((n for code, n in counts.items() if code != language), default=0)
    return counts.get(language, 0) > others


def _vocabulary(matcher: FaqMatcher) -> frozenset[str]:
    rules = matcher.rules
    words = {w for w in matcher.faq_words if w.isalpha() and len(w) > 2}
    return frozenset((words | set(rules.synonym_words)) - rules.stopwords)


def lent_asked(matchers: Mapping[str, FaqMatcher]) -> list[BorrowedAsked]:
    """Every language's asked examples, for the languages whose decision borrows them (see
    `BorrowedAsked`); the vectors are the lenders' own, not copies."""
    return [lent for matcher in matchers.values() if (lent := matcher.lend()) is not None]
