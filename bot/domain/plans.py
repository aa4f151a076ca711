"""Titration plans: the doses a patient moves through, and how long each lasts.

A plan is a list of steps; every step but the last lasts a number of weeks, the last goes
on for as long as the patient stays on it. Moving up a step is never automatic (see
`bot.domain.titration`): the weeks say when a step *may* be offered, not when it happens.

The standard plan follows the guide (1.5 mg, then 3 mg, then 4.5 mg). The guide gives no
exact schedule for sensitive starters, only that they begin at 0.5 mg and go up more slowly,
so GENTLE is an example schedule of our own; its description says the prescriber sets the
real plan.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

PlanKind = Literal["standard", "gentle", "fixed", "custom"]

MIN_MG = Decimal("0.1")
MAX_MG = Decimal("4.5")
MAX_WEEKS_PER_STEP = 52
MAX_STEPS = 12
LIQUID_MG_PER_ML = Decimal("1")  # the guide's compounded LDN solution, assumed until told
MIN_MG_PER_ML = Decimal("0.1")
MAX_MG_PER_ML = Decimal("10")


@dataclass(frozen=True)
class PlanStep:
    mg: Decimal
    weeks: int | None  # None: open-ended (the last step)


@dataclass(frozen=True)
class Plan:
    kind: PlanKind
    steps: tuple[PlanStep, ...]

    def first_week_of(self, index: int) -> int:
        """The plan week (1-based) in which step `index` would start if never postponed."""
        return 1 + sum(step.weeks or 0 for step in self.steps[:index])


def format_mg(mg: Decimal) -> str:
    """1.50 -> '1.5', 3.00 -> '3', 0.25 -> '0.25': the plain form for callback data, storage
    and machine exports. What a patient reads goes through `bot.i18n.number` ("1,5")."""
    text = f"{mg.normalize():f}"
    return text


STANDARD = Plan(
    "standard",
    (
        PlanStep(Decimal("1.5"), 2),
        PlanStep(Decimal("3"), 2),
        PlanStep(Decimal("4.5"), None),
    ),
)

GENTLE = Plan(
    "gentle",
    (
        PlanStep(Decimal("0.5"), 2),
        PlanStep(Decimal("1"), 2),
        PlanStep(Decimal("1.5"), 2),
        PlanStep(Decimal("2"), 2),
        PlanStep(Decimal("3"), 2),
        PlanStep(Decimal("4.5"), None),
    ),
)


class PlanReason(enum.Enum):
    """Why a typed dose, plan or strength can't be used (the settings texts word it)."""

    DOSE_NOT_A_NUMBER = "dose_not_a_number"  # value
    DOSE_OUT_OF_RANGE = "dose_out_of_range"  # value, low, high
    DOSE_TOO_PRECISE = "dose_too_precise"
    NO_STEPS = "no_steps"
    TOO_MANY_STEPS = "too_many_steps"  # most
    STEP_NOT_READ = "step_not_read"  # value
    STEP_WITHOUT_WEEKS = "step_without_weeks"  # mg
    STEP_WEEKS_OUT_OF_RANGE = "step_weeks_out_of_range"  # most
    STEPS_NOT_RISING = "steps_not_rising"
    STRENGTH_NOT_A_NUMBER = "strength_not_a_number"  # value
    STRENGTH_OUT_OF_RANGE = "strength_out_of_range"  # value, low, high
    STRENGTH_TOO_PRECISE = "strength_too_precise"


class PlanError(ValueError):
    """A dose, plan or strength that can't be used: the reason and the values to word it
    (numbers as Decimals, for the texts to write in the patient's language)."""

    def __init__(self, reason: PlanReason, **values: str | Decimal) -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.values = values


def _checked_mg(value: Any) -> Decimal:
    try:
        mg = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise PlanError(PlanReason.DOSE_NOT_A_NUMBER, value=str(value)) from None
    if not mg.is_finite() or mg < MIN_MG or mg > MAX_MG:
        raise PlanError(
            PlanReason.DOSE_OUT_OF_RANGE,
            value=str(value),
            low=MIN_MG,
            high=MAX_MG,
        )
    if mg != mg.quantize(Decimal("0.01")):
        raise PlanError(PlanReason.DOSE_TOO_PRECISE)
    return mg.quantize(Decimal("0.01")).normalize()


def fixed_plan(mg: Decimal | float | str) -> Plan:
    """One dose every night, no steps. PlanError outside 0.1–4.5 mg."""
    return Plan("fixed", (PlanStep(_checked_mg(mg), None),))


_STEP = re.compile(r"^(?P<mg>\d+(?:\.\d+)?)(?:x(?P<weeks>\d+))?$")


def _step_tokens(text: str) -> list[str]:
    """'0.5 mg for 2 weeks, then 1 mg' -> ['0.5x2', '1']."""
    s = text.lower().replace("×", "x").replace("*", "x")
    s = re.sub(r"(?<![\d.x])(\d+),(\d+)", r"\1.\2", s)  # decimal comma: 0,5 mg
    s = re.sub(r"(,|;|→|->|\bthen\b|\band\b|\bat\b|\bnight(ly)?\b)", " ", s)
    s = re.sub(r"\s*\bmg\b|(?<=\d)mg\b", " ", s)
    s = re.sub(r"\bfor\b", " x ", s)
    s = re.sub(r"(\d+)\s*(weeks?|wks?|w)\b", r" x\1 ", s)
    s = re.sub(r"\s*x[\sx]*", "x", s)
    return s.split()


def parse_custom_steps(text: str) -> Plan:
    """A custom plan from 'mg x weeks' steps, e.g. '0.5x2 1x2 1.5x2 3' or '0.5 mg for 2 weeks,
    then 1 mg'. The last step is open-ended. PlanError says why not."""
    chunks = _step_tokens(text)
    if not chunks:
        raise PlanError(PlanReason.NO_STEPS)
    if len(chunks) > MAX_STEPS:
        raise PlanError(PlanReason.TOO_MANY_STEPS, most=str(MAX_STEPS))
    steps: list[PlanStep] = []
    for position, chunk in enumerate(chunks):
        match = _STEP.match(chunk)
        if match is None:
            raise PlanError(PlanReason.STEP_NOT_READ, value=chunk)
        mg = _checked_mg(match["mg"])
        last = position == len(chunks) - 1
        weeks: int | None = int(match["weeks"]) if match["weeks"] else None
        if last:
            weeks = None  # the last dose carries on
        elif weeks is None:
            raise PlanError(PlanReason.STEP_WITHOUT_WEEKS, mg=mg)
        elif not 1 <= weeks <= MAX_WEEKS_PER_STEP:
            raise PlanError(PlanReason.STEP_WEEKS_OUT_OF_RANGE, most=str(MAX_WEEKS_PER_STEP))
        if steps and mg <= steps[-1].mg:
            raise PlanError(PlanReason.STEPS_NOT_RISING)
        steps.append(PlanStep(mg, weeks))
    kind: PlanKind = "custom" if len(steps) > 1 else "fixed"
    return Plan(kind, tuple(steps))


def plan_to_columns(plan: Plan) -> tuple[str, list[dict[str, Any]] | None]:
    """What to store in `patients.plan` and `patients.plan_steps`."""
    if plan.kind in ("standard", "gentle"):
        return plan.kind, None
    return plan.kind, [{"mg": float(step.mg), "weeks": step.weeks} for step in plan.steps]


def plan_from_columns(kind: str | None, steps: list[dict[str, Any]] | None) -> Plan:
    """The plan stored in the columns; STANDARD when unset or unreadable."""
    if kind == "gentle":
        return GENTLE
    if kind in ("fixed", "custom") and steps:
        try:
            parsed = tuple(PlanStep(_checked_mg(step["mg"]), step.get("weeks")) for step in steps)
        except (KeyError, TypeError, ValueError):
            return STANDARD
        last = parsed[-1]
        parsed = (*parsed[:-1], PlanStep(last.mg, None))
        if any(step.weeks is None or step.weeks < 1 for step in parsed[:-1]):
            return STANDARD
        return Plan("fixed" if len(parsed) == 1 else "custom", parsed)
    return STANDARD


def plan_from_patient(patient: Any) -> Plan:
    """The patient's plan (reads `plan` and `plan_steps`); STANDARD by default."""
    return plan_from_columns(getattr(patient, "plan", None), getattr(patient, "plan_steps", None))


def liquid_strength(mg_per_ml: Decimal | None) -> Decimal:
    """The strength a liquid dose is worked out at: the patient's, or 1 mg/mL."""
    return LIQUID_MG_PER_ML if mg_per_ml is None else Decimal(mg_per_ml).normalize()


def dose_volume_ml(
    mg: Decimal, form: str | None, mg_per_ml: Decimal | None = None
) -> Decimal | None:
    """The volume of the liquid for a dose (at `mg_per_ml`, else 1 mg/mL); None for capsules."""
    if form != "liquid":
        return None
    return (Decimal(mg) / liquid_strength(mg_per_ml)).quantize(Decimal("0.01")).normalize()


def parse_liquid_strength(text: str) -> Decimal:
    """The strength on a bottle's label, in mg per mL: '2', '2.5 mg/ml', '0,5'.
    PlanError says why not."""
    cleaned = re.sub(r"\s*(mg)?\s*(/|per)?\s*(ml|millilitres?|milliliters?)?\s*$", "", text.lower())
    try:
        strength = Decimal(cleaned.strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        strength = None
    if strength is None or not strength.is_finite():
        raise PlanError(PlanReason.STRENGTH_NOT_A_NUMBER, value=text.strip()[:40])
    if not MIN_MG_PER_ML <= strength <= MAX_MG_PER_ML:
        raise PlanError(
            PlanReason.STRENGTH_OUT_OF_RANGE,
            value=strength.normalize(),
            low=MIN_MG_PER_ML,
            high=MAX_MG_PER_ML,
        )
    if strength != strength.quantize(Decimal("0.01")):
        raise PlanError(PlanReason.STRENGTH_TOO_PRECISE)
    return strength.quantize(Decimal("0.01")).normalize()
