"""Where a patient stands in their plan on a given night: plain functions of the plan, the
start date, the recorded step decisions and the night.

A step up is never automatic. When a step's weeks are over, the step up is *offered* on the
reminder, night after night, until the patient answers:

- "up"   the next step starts that night;
- "stay" the current dose carries on and the step is offered again RE_OFFER_AFTER_DAYS later;
- "keep" stay at this dose for good: never offered again (changing the plan starts afresh).

Nights are named by their evening (see `bot.domain.schedule`); decisions carry the night they
were made for. Decisions made before the start date belong to an older plan and are ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from bot.domain.plans import Plan

Decision = Literal["up", "stay", "keep"]
DECISIONS: tuple[Decision, ...] = ("up", "stay", "keep")
RE_OFFER_AFTER_DAYS = 7


@dataclass(frozen=True)
class StepChoice:
    """A recorded answer to a step-up offer (a `step_decisions` row)."""

    step_index: int  # the step that was offered
    decision: Decision
    decided_on: date  # the night it was answered for


@dataclass(frozen=True)
class StepOffer:
    """Tonight the patient may go up from `from_mg` to `to_mg`."""

    step_index: int
    from_mg: Decimal
    to_mg: Decimal
    weeks_on_current: int
    days_on_current: int


@dataclass(frozen=True)
class Tonight:
    night: date
    week: int  # week of the plan, 1-based (0 before the start date)
    step_index: int
    dose_mg: Decimal
    on_step_since: date
    offer: StepOffer | None  # a step up to ask about tonight
    next_step_index: int | None  # None: on the last step, or staying for good
    next_step_mg: Decimal | None
    next_step_on: date | None  # the night the next step is (next) offered
    staying_for_good: bool
    is_last_step: bool


def week_of_plan(start_date: date, night: date) -> int:
    """1 for the first seven nights; 0 before the plan starts."""
    if night < start_date:
        return 0
    return (night - start_date).days // 7 + 1


def tonight(plan: Plan, start_date: date, decisions: Iterable[StepChoice], night: date) -> Tonight:
    """Tonight's dose, the week of the plan, and whether a step up is offered tonight."""
    index = 0
    since = start_date
    keep = False
    next_offer = _first_offer(plan, index, since)
    ordered = sorted(
        (d for d in decisions if start_date <= d.decided_on <= night),
        key=lambda d: d.decided_on,
    )
    for choice in ordered:
        if keep or choice.step_index != index + 1 or index + 1 >= len(plan.steps):
            continue
        if choice.decision == "up":
            index += 1
            since = choice.decided_on
            next_offer = _first_offer(plan, index, since)
        elif choice.decision == "stay":
            next_offer = choice.decided_on + timedelta(days=RE_OFFER_AFTER_DAYS)
        elif choice.decision == "keep":
            keep = True
            next_offer = None

    step = plan.steps[index]
    is_last = index == len(plan.steps) - 1
    offer = None
    if next_offer is not None and night >= next_offer and night >= start_date:
        days = (night - since).days
        offer = StepOffer(index + 1, step.mg, plan.steps[index + 1].mg, days // 7, days)
    has_next = next_offer is not None
    return Tonight(
        night=night,
        week=week_of_plan(start_date, night),
        step_index=index,
        dose_mg=step.mg,
        on_step_since=since,
        offer=offer,
        next_step_index=index + 1 if has_next else None,
        next_step_mg=plan.steps[index + 1].mg if has_next else None,
        next_step_on=max(next_offer, night) if next_offer is not None else None,
        staying_for_good=keep,
        is_last_step=is_last,
    )


def _first_offer(plan: Plan, index: int, since: date) -> date | None:
    """The night the step after `index` is first offered, or None on the last step."""
    step = plan.steps[index]
    if index + 1 >= len(plan.steps) or step.weeks is None:
        return None
    return since + timedelta(weeks=step.weeks)


def dose_after_answer(plan: Plan, current: Tonight, decision: Decision) -> tuple[int, Decimal]:
    """Tonight's step and dose once the patient answered tonight's offer."""
    if decision == "up" and current.offer is not None:
        index = current.offer.step_index
        return index, plan.steps[index].mg
    return current.step_index, current.dose_mg
