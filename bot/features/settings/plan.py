"""The plan: standard, gentle, a fixed dose, or custom steps."""

from __future__ import annotations

from datetime import datetime

from bot.context import LdnContext
from bot.domain.plans import STANDARD, Plan, plan_to_columns
from bot.domain.setting_answers import (
    AskFor,
    PlanProblem,
    read_custom_steps,
    read_fixed,
    read_plan,
    shown,
)
from bot.domain.typed_answers import says_unsure
from bot.features.settings import texts
from bot.features.settings.questions import (
    AWAIT_CUSTOM_PLAN,
    AWAIT_FIXED_DOSE,
    AWAIT_PLAN,
    ask_custom_plan,
    ask_fixed_dose,
    plan_buttons,
)
from bot.features.settings.replies import Change, Correction
from bot.features.settings.saving import Saved

_STILL_OPEN = {"plan": AWAIT_PLAN, "fixed": AWAIT_FIXED_DOSE, "custom": AWAIT_CUSTOM_PLAN}


def plan_change(plan: Plan) -> Change:
    kind, steps = plan_to_columns(plan)

    def say(saved: Saved, now: datetime) -> list[str]:
        lines = [texts.plan_set(plan.kind, texts.plan_description(plan))]
        if plan.kind == "gentle" and saved.form == "capsule":
            lines.append(texts.capsules_on_gentle())
        return lines

    return Change({"plan": kind, "plan_steps": steps}, say)


async def _outcome(
    context: LdnContext,
    chat_id: int,
    typed: str,
    reading: Plan | AskFor | PlanProblem,
    *,
    at_the_question: bool = False,
) -> Change | Correction | None:
    if isinstance(reading, AskFor):
        await (ask_fixed_dose if reading.question == "fixed" else ask_custom_plan)(context, chat_id)
        return None
    if isinstance(reading, PlanProblem) and says_unsure(typed):
        # Not knowing one's plan is an answer too: where to find it, and no dose from us.
        return Correction(
            texts.plan_unknown(texts.plan_description(STANDARD)),
            AWAIT_PLAN,
            state_of="plan",
            choices=plan_buttons,
        )
    if isinstance(reading, PlanProblem):
        text = (
            texts.plan_problem(reading.reason)
            if reading.reason is not None
            else texts.plan_not_understood(shown(typed))
        )
        if at_the_question and reading.question == "plan":
            # The plans as buttons again: one tap, no command syntax.
            if reading.reason is None:
                text = texts.plan_not_understood_tap(shown(typed))
            return Correction(text, AWAIT_PLAN, state_of="plan", choices=plan_buttons)
        return Correction(text, _STILL_OPEN[reading.question])
    return plan_change(reading)


async def read_plan_answer(
    context: LdnContext, chat_id: int, typed: str
) -> Change | Correction | None:
    """'standard', 'gentle', 'fixed 3', 'custom 0.5x2 1x2 1.5', or the steps alone."""
    return await _outcome(context, chat_id, typed, read_plan(typed))


async def read_plan_at_the_question(
    context: LdnContext, chat_id: int, typed: str
) -> Change | Correction | None:
    """The same, typed at the plan question: not understood, the plans' buttons again."""
    return await _outcome(context, chat_id, typed, read_plan(typed), at_the_question=True)


async def read_fixed_dose_answer(
    context: LdnContext, chat_id: int, typed: str
) -> Change | Correction | None:
    return await _outcome(context, chat_id, typed, read_fixed(typed))


async def read_custom_plan_answer(
    context: LdnContext, chat_id: int, typed: str
) -> Change | Correction | None:
    return await _outcome(context, chat_id, typed, read_custom_steps(typed))
