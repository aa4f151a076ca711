"""The form (capsules or liquid) and, for the liquid, its strength in mg per mL (/strength,
assumed 1 until set): every liquid dose follows it."""

from __future__ import annotations

from datetime import datetime

from bot.context import LdnContext
from bot.domain.plans import PlanError, liquid_strength, parse_liquid_strength
from bot.domain.setting_answers import LONGEST_ANSWER, read_form, shown
from bot.features.settings import texts
from bot.features.settings.questions import AWAIT_FORM, AWAIT_STRENGTH, form_buttons
from bot.features.settings.replies import Change, Correction
from bot.features.settings.saving import Saved
from bot.i18n import number


def form_change(form: str) -> Change:
    def say(saved: Saved, now: datetime) -> list[str]:
        lines = [texts.form_set(form, number(liquid_strength(saved.liquid_mg_per_ml)))]
        if form == "capsule" and saved.plan_kind == "gentle":
            lines.append(texts.capsules_on_gentle())
        return lines

    return Change({"form": form}, say)


async def read_form_answer(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    form = read_form(typed)
    if form is None:
        return Correction(texts.form_not_understood(), AWAIT_FORM)
    return form_change(form)


async def read_form_at_the_question(
    context: LdnContext, chat_id: int, typed: str
) -> Change | Correction:
    """A typed answer to the form question: one not understood gets the two buttons again,
    not the /form syntax."""
    if read_form(typed) is None:
        return Correction(
            texts.form_not_understood_tap(shown(typed)),
            AWAIT_FORM,
            state_of="form",
            choices=form_buttons,
        )
    return await read_form_answer(context, chat_id, typed)


async def read_strength(context: LdnContext, chat_id: int, typed: str) -> Change | Correction:
    """'/strength 2': the mg per mL on the bottle's label."""
    try:
        strength = parse_liquid_strength(typed[:LONGEST_ANSWER])
    except PlanError as problem:
        return Correction(texts.plan_problem(problem), AWAIT_STRENGTH)

    def say(saved: Saved, now: datetime) -> list[str]:
        return [texts.strength_set(number(strength), saved.form == "liquid")]

    return Change({"liquid_mg_per_ml": strength}, say)
