"""The reminder message for one night: its text and buttons, from the plan and the night row."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from sqlalchemy.orm import Session
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.config import Settings
from bot.domain.adherence import SETTLED_AFTER_CHECKINS, hold_from_checkins
from bot.domain.plans import dose_volume_ml, format_mg, liquid_strength, plan_from_patient
from bot.domain.schedule import local_today
from bot.domain.side_effects import SideEffect
from bot.domain.titration import RE_OFFER_AFTER_DAYS, StepChoice, Tonight, tonight
from bot.features.chat.buttons import callback_data
from bot.features.reminders import texts
from storage.checkins import CheckinRepository
from storage.models import Night, Patient, StepDecision

Kind = Literal["reminder", "recovery", "follow_up", "snoozed"]


def dose_text(mg: Decimal, form: str | None, mg_per_ml: Decimal | None = None) -> str:
    """'1.5 mg', or '1.5 mg (0.75 mL of your 2 mg/mL liquid)' at the patient's strength."""
    ml = dose_volume_ml(mg, form, mg_per_ml)
    if ml is None:
        return texts.dose(format_mg(mg), None)
    return texts.dose(format_mg(mg), format_mg(ml), format_mg(liquid_strength(mg_per_ml)))


def choices(rows: Iterable[StepDecision]) -> list[StepChoice]:
    return [
        StepChoice(row.step_index, row.decision, row.decided_on)  # type: ignore[arg-type]
        for row in rows
        if row.decision in ("up", "stay", "keep")
    ]


def where_tonight(patient: Patient, night: date, decisions: Sequence[StepDecision]) -> Tonight:
    """Titration for this patient's night (a plan without a start date starts tonight)."""
    start = patient.start_date or night
    return tonight(plan_from_patient(patient), start, choices(decisions), night)


def hold_for(session: Session, patient: Patient, now: datetime) -> SideEffect | None:
    """The side effect that holds this patient's step up at `now`, or None: the one rule
    (`bot.domain.adherence.step_up_hold`) over their last check-ins. For the reminder, the
    step-up button, /stats and the report."""
    recent = CheckinRepository(session).recent_completed(patient.id, limit=SETTLED_AFTER_CHECKINS)
    return hold_from_checkins(recent, today=local_today(now, patient.timezone))


_HEADS = {
    "reminder": texts.reminder,
    "recovery": texts.recovery,
    "follow_up": texts.follow_up,
    "snoozed": texts.snoozed_again,
}


def reworded(text: str, *, dose: str, kind: Kind, to: Kind = "recovery") -> str:
    """A rendered message with its first line in another kind's words (the rest is the same):
    the recovery wording without rendering the message twice."""
    head = _HEADS[kind](dose)
    assert text.startswith(head), (kind, text)
    return _HEADS[to](dose) + text[len(head) :]


@dataclass(frozen=True)
class Reminder:
    text: str
    markup: InlineKeyboardMarkup | None
    offers_step_up: bool


def render(
    *,
    patient: Patient,
    night: Night,
    where: Tonight,
    hold: SideEffect | None,
    settings: Settings,
    kind: Kind = "reminder",
    note: str | None = None,
    offer_keep: bool = False,
) -> Reminder:
    """The reminder for an open night (nothing recorded yet)."""
    dose = dose_text(night.dose_mg, patient.form, patient.liquid_mg_per_ml)
    lines = [_HEADS[kind](dose)]
    if where.week > 0 and len(plan_from_patient(patient).steps) > 1:
        lines.append(texts.plan_week(where.week))
    offer = where.offer
    if offer is not None and hold is not None:
        lines.append(texts.hold(format_mg(offer.to_mg), hold.label))
        offer = None
    elif offer is not None:
        lines.append(
            texts.offer(
                format_mg(offer.from_mg),
                format_mg(offer.to_mg),
                offer.weeks_on_current,
                offer.days_on_current,
                example=plan_from_patient(patient).kind == "gentle",
                capsules=patient.form == "capsule",
            )
        )
    elif where.staying_for_good:
        lines.append(texts.staying_for_good(format_mg(where.dose_mg)))
    elif where.next_step_mg is not None and where.next_step_on is not None:
        lines.append(
            texts.next_step(format_mg(where.next_step_mg), where.next_step_on, night.local_date)
        )
    elif len(plan_from_patient(patient).steps) > 1:
        lines.append(texts.FULL_DOSE)
    if note:
        lines.append(note)
    rows: list[list[InlineKeyboardButton]] = []
    current = format_mg(night.dose_mg)
    if offer is not None:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.GO_UP_BUTTON.format(mg=format_mg(offer.to_mg)),
                    # The step it offers travels with the press, to be checked against the
                    # plan, the answers and the check-ins at the time of the press.
                    callback_data=callback_data("night", "up", night.id, format_mg(offer.to_mg)),
                ),
                InlineKeyboardButton(
                    texts.STAY_BUTTON.format(mg=current),
                    callback_data=callback_data("night", "stay", night.id, format_mg(offer.to_mg)),
                ),
            ]
        )
    if offer_keep:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.KEEP_BUTTON.format(mg=current),
                    callback_data=callback_data("night", "keep", night.id, current),
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(
                texts.TAKEN_BUTTON, callback_data=callback_data("night", "taken", night.id)
            ),
            InlineKeyboardButton(
                texts.SNOOZE_BUTTON.format(minutes=settings.reminders.snooze_minutes),
                callback_data=callback_data("night", "snooze", night.id),
            ),
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(
                texts.SKIP_BUTTON, callback_data=callback_data("night", "skip", night.id)
            )
        ]
    )
    return Reminder("\n".join(lines), InlineKeyboardMarkup(rows), offer is not None)


def snoozed_markup(night: Night) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.TAKEN_BUTTON, callback_data=callback_data("night", "taken", night.id)
                ),
                InlineKeyboardButton(
                    texts.SKIP_BUTTON, callback_data=callback_data("night", "skip", night.id)
                ),
            ]
        ]
    )


RE_OFFER_DAYS = RE_OFFER_AFTER_DAYS
