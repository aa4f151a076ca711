"""Measure the matcher on a labelled question set (`ldn-bot faq eval FILE`)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from faq.catalog import FaqError
from faq.matcher import OUTSIDE, FaqMatcher

OUT_OF_SCOPE_LABELS = frozenset({"", "-"})
# Questions asked before, labelled with their entry or "-" (outside the guide): the development
# sets' questions (tests/faq/devset*.tsv), shipped with the package because the tests are not.
ASKED_DIR = Path(__file__).parent / "data"


def asked_path(language: str) -> Path:
    return ASKED_DIR / f"asked.{language}.tsv"


def outside_path(language: str) -> Path:
    return ASKED_DIR / f"outside.{language}.tsv"


def load_asked(language: str) -> list[tuple[str, str]]:
    """The shipped asked examples of a language, as (entry id or OUTSIDE, question); none when
    absent."""
    path = asked_path(language)
    if not path.exists():
        return []
    return [(i.expected_id or OUTSIDE, i.question) for i in read_question_set(path)]


def load_outside(language: str) -> list[str]:
    """The shipped questions outside the guide of a language, beside its asked examples (one a
    line, # comments); none when absent."""
    path = outside_path(language)
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class LabelledQuestion:
    question: str
    expected_id: str  # "" when the question is outside the FAQ


@dataclass(frozen=True)
class EvalReport:
    """Figures over a question set; rates are fractions in [0, 1]."""

    questions: int
    in_scope: int
    out_of_scope: int
    top1_accuracy: float  # in-scope: best-ranked entry is the expected one
    recall_at_3: float  # in-scope: expected entry among the 3 best ranked
    mrr: float  # in-scope: mean reciprocal rank over the 10 best ranked
    answered_correctly: float  # in-scope: the bot answered with the expected entry
    clarified_with_expected: float  # in-scope: "did you mean" offered the expected entry
    out_of_scope_precision: float  # of the questions declined, the share truly out of scope
    out_of_scope_recall: float  # of the out-of-scope questions, the share declined
    confidently_wrong: float  # all questions: answered with an entry that is not the expected one
    safety_triggered: int  # questions the triage stopped before matching

    def as_lines(self) -> list[str]:
        return [
            f"questions              {self.questions} "
            f"({self.in_scope} in scope, {self.out_of_scope} out of scope)",
            f"top-1 accuracy         {self.top1_accuracy:.3f}",
            f"recall@3               {self.recall_at_3:.3f}",
            f"MRR                    {self.mrr:.3f}",
            f"answered correctly     {self.answered_correctly:.3f}",
            f"clarify offered right  {self.clarified_with_expected:.3f}",
            f"out-of-scope precision {self.out_of_scope_precision:.3f}",
            f"out-of-scope recall    {self.out_of_scope_recall:.3f}",
            f"confidently wrong      {self.confidently_wrong:.3f}",
            f"safety triggered       {self.safety_triggered}",
        ]


def read_question_set(path: Path) -> list[LabelledQuestion]:
    """Read a question set: TSV lines `expected_id<TAB>question` ("-" = out of scope, # comments),
    or JSONL objects with `question` and `expected_id`."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise FaqError(f"{path}: question set not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise FaqError(f"{path}: cannot read question set ({error})") from None
    items: list[LabelledQuestion] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.lstrip().startswith("{"):
            try:
                record = json.loads(line)
                question, expected = str(record["question"]), str(record.get("expected_id") or "")
            except (ValueError, KeyError, TypeError):
                raise FaqError(f"{path}:{number}: not a JSON object with 'question'") from None
        else:
            expected, sep, question = line.partition("\t")
            if not sep:
                raise FaqError(f"{path}:{number}: expected 'expected_id<TAB>question'")
        expected = expected.strip()
        items.append(
            LabelledQuestion(question, "" if expected in OUT_OF_SCOPE_LABELS else expected)
        )
    if not items:
        raise FaqError(f"{path}: no questions found")
    return items


def evaluate(matcher: FaqMatcher, items: list[LabelledQuestion]) -> EvalReport:
    """Run every question through the matcher and compute the figures."""
    in_scope = [item for item in items if item.expected_id]
    out_of_scope = [item for item in items if not item.expected_id]
    unknown_ids = {i.expected_id for i in in_scope if matcher.entry(i.expected_id) is None}
    if unknown_ids:
        raise FaqError(f"question set names entries not in the FAQ: {sorted(unknown_ids)}")
    top1 = recall3 = reciprocal = answered = clarified = 0.0
    declined_total = declined_oos = wrong = safety = 0
    for item in items:
        reply = matcher.ask(item.question)
        safety += reply.kind == "safety"
        if reply.kind == "unknown":
            declined_total += 1
        if not item.expected_id:
            declined_oos += reply.kind == "unknown"
            wrong += reply.kind == "answer"
            continue
        ranked = [s.id for s in matcher.rank(item.question, k=10)]
        top1 += ranked[:1] == [item.expected_id]
        recall3 += item.expected_id in ranked[:3]
        if item.expected_id in ranked:
            reciprocal += 1 / (ranked.index(item.expected_id) + 1)
        answered += reply.kind == "answer" and reply.id == item.expected_id
        wrong += reply.kind == "answer" and reply.id != item.expected_id
        clarified += reply.kind == "clarify" and item.expected_id in {
            s.id for s in reply.suggestions
        }
    n_in = max(len(in_scope), 1)
    return EvalReport(
        questions=len(items),
        in_scope=len(in_scope),
        out_of_scope=len(out_of_scope),
        top1_accuracy=top1 / n_in,
        recall_at_3=recall3 / n_in,
        mrr=reciprocal / n_in,
        answered_correctly=answered / n_in,
        clarified_with_expected=clarified / n_in,
        out_of_scope_precision=declined_oos / declined_total if declined_total else 1.0,
        out_of_scope_recall=declined_oos / len(out_of_scope) if out_of_scope else 1.0,
        confidently_wrong=wrong / max(len(items), 1),
        safety_triggered=safety,
    )


def report_as_dict(report: EvalReport) -> dict[str, float | int]:
    return asdict(report)
