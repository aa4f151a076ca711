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
from bot.domain.schedule import local_today, reminder_when
from bot.domain.side_effects import SideEffect
from bot.domain.titration import RE_OFFER_AFTER_DAYS, StepChoice, Tonight, tonight
from bot.features.checkins.texts import effect_name
from bot.features.reminders import buttons, texts
from bot.i18n import number
from storage.checkins import CheckinRepository
from storage.models import Night, Patient, StepDecision

Kind = Literal["reminder", "recovery", "follow_up", "snoozed"]


def dose_text(mg: Decimal, form: str | None, mg_per_ml: Decimal | None = None) -> str:
    """'1.5 mg', or '1.5 mg (0.75 mL of your 2 mg/mL liquid)' at the patient's strength."""
    ml = dose_volume_ml(mg, form, mg_per_ml)
    if ml is None:
        return texts.dose(number(mg), None)
    return texts.dose(number(mg), number(ml), number(liquid_strength(mg_per_ml)))


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
    just_kept: bool = False,
) -> Reminder:
    """The reminder for an open night (nothing recorded yet). `just_kept`: edited right after
    "Stay for good", whose answer (the note) says it once, so the "You're staying at" line
    does not say it again (issue 13 item 11)."""
    dose = dose_text(night.dose_mg, patient.form, patient.liquid_mg_per_ml)
    plan = plan_from_patient(patient)
    titrating = len(plan.steps) > 1
    lines = [_HEADS[kind](dose)]
    if where.week > 0 and titrating:
        lines.append(texts.plan_week(where.week))
    offer = where.offer
    if offer is not None and hold is not None:
        lines.append(texts.hold(number(offer.to_mg), effect_name(hold.key)))
        offer = None
    elif offer is not None:
        lines.append(
            texts.offer(
                number(offer.from_mg),
                number(offer.to_mg),
                offer.weeks_on_current,
                offer.days_on_current,
                example=plan.kind == "gentle",
                capsules=patient.form == "capsule",
            )
        )
    elif where.staying_for_good:
        if not just_kept:
            lines.append(texts.staying_for_good(number(where.dose_mg)))
    elif where.next_step_mg is not None and where.next_step_on is not None:
        lines.append(
            texts.next_step(number(where.next_step_mg), where.next_step_on, night.local_date)
        )
    elif titrating and where.on_step_since == night.local_date and where.step_index > 0:
        lines.append(texts.titration_complete(number(where.dose_mg)))
    elif titrating:
        lines.append(texts.full_dose())
    if note:
        lines.append(note)
    rows: list[list[InlineKeyboardButton]] = []
    current = number(night.dose_mg)  # shown on the buttons
    if offer is not None:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.go_up_button(number(offer.to_mg)),
                    callback_data=buttons.GO_UP.data(night.id, format_mg(offer.to_mg)),
                ),
                InlineKeyboardButton(
                    texts.stay_button(current),
                    callback_data=buttons.STAY.data(night.id, format_mg(offer.to_mg)),
                ),
            ]
        )
    if offer_keep:
        rows.append(
            [
                InlineKeyboardButton(
                    texts.keep_button(current),
                    callback_data=buttons.KEEP.data(night.id, format_mg(night.dose_mg)),
                )
            ]
        )
    rows.append(
        [
            InlineKeyboardButton(texts.taken_button(), callback_data=buttons.TAKEN.data(night.id)),
            InlineKeyboardButton(
                texts.snooze_button(settings.reminders.snooze_minutes),
                callback_data=buttons.SNOOZE.data(night.id),
            ),
        ]
    )
    rows.append(
        [InlineKeyboardButton(texts.skip_button(), callback_data=buttons.SKIP.data(night.id))]
    )
    return Reminder("\n".join(lines), InlineKeyboardMarkup(rows), offer is not None)


def snoozed_markup(night: Night) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.taken_button(), callback_data=buttons.TAKEN.data(night.id)
                ),
                InlineKeyboardButton(
                    texts.skip_button(), callback_data=buttons.SKIP.data(night.id)
                ),
            ]
        ]
    )


def when_next_reminder(due: datetime, zone: str | None, now: datetime) -> str:
    """The one wording of when the next reminder comes ("tonight at 22:00", "tomorrow at
    08:30", "on Tue 1 Dec at 22:00"), from the moment it is actually due."""
    return texts.next_reminder_when(reminder_when(due, zone or "UTC", now))


RE_OFFER_DAYS = RE_OFFER_AFTER_DAYS
