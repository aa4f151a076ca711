"""A patient's record as plain data, read once from storage: what /stats, /report and
/export show. Nothing here talks to Telegram, so the chart and the PDF are testable alone."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from bot.domain.adherence import Adherence, NightRecord, adherence
from bot.domain.plans import Plan, plan_from_patient
from bot.domain.schedule import local_today
from bot.domain.side_effects import SIDE_EFFECTS, SideEffect
from bot.domain.titration import DECISIONS, StepChoice, Tonight, tonight
from bot.features.reminders.compose import hold_for
from storage.models import Patient
from storage.records import RecordsRepository, TableRows


@dataclass(frozen=True)
class CheckinEntry:
    local_date: date
    severities: dict[str, int]  # SideEffect.key -> 0..3, only the effects answered
    symptom_score: int | None
    note: str | None


@dataclass(frozen=True)
class ScreeningEntry:
    topic: str
    answer: bool | None  # None: "not sure"
    answered_on: date


@dataclass(frozen=True)
class LiverTest:
    months: int  # after the start; 0 is the baseline
    due_on: date
    sent_on: date | None
    done_on: date | None


@dataclass(frozen=True)
class CorrectionEntry:
    """A correction the patient made (/undo, /history), in their time zone."""

    corrected_on: date
    local_date: date  # the night or check-in corrected
    kind: str  # "night" | "checkin"
    before: str
    after: str
    recorded_at: datetime | None  # local: when a dose corrected to taken was taken


@dataclass(frozen=True)
class PatientRecord:
    today: date  # the patient's local date
    generated_at: datetime
    timezone: str
    reminder_time: time | None
    form: str | None
    start_date: date | None
    paused: bool
    plan: Plan
    position: Tonight | None  # where the patient is in the plan tonight; None without a start
    nights: tuple[NightRecord, ...]
    step_indexes: tuple[int, ...]  # per night, in the order of `nights`
    checkins: tuple[CheckinEntry, ...]
    choices: tuple[StepChoice, ...]
    screening: tuple[ScreeningEntry, ...]
    liver_tests: tuple[LiverTest, ...]
    adherence: Adherence
    liquid_mg_per_ml: Decimal | None = None  # the bottle's strength; None: 1 mg/mL
    # The side effect that holds the step up now (the reminders' one rule), or None.
    hold: SideEffect | None = None
    corrections: tuple[CorrectionEntry, ...] = ()

    @property
    def has_history(self) -> bool:
        """Anything to chart: a decided night or a check-in."""
        return self.adherence.since_start.decided > 0 or bool(self.checkins)


def patient_zone(patient: Patient) -> ZoneInfo:
    try:
        return ZoneInfo(patient.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _local_date(moment: datetime | None, zone: ZoneInfo) -> date | None:
    return moment.astimezone(zone).date() if moment is not None else None


def load_record(session: Session, patient: Patient, *, now: datetime) -> PatientRecord:
    """Everything about `patient` that the records show, as of `now` (aware UTC)."""
    zone = patient_zone(patient)
    today = local_today(now, zone)
    records = RecordsRepository(session)
    stored_nights = records.nights(patient.id)
    nights = tuple(NightRecord(n.local_date, n.outcome, float(n.dose_mg)) for n in stored_nights)
    checkins = tuple(
        CheckinEntry(
            local_date=c.local_date,
            severities={
                e.key: getattr(c, e.key) for e in SIDE_EFFECTS if getattr(c, e.key) is not None
            },
            symptom_score=c.symptom_score,
            note=c.note,
        )
        for c in records.completed_checkins(patient.id)
    )
    liver_tests = []
    for notice in records.notices(patient.id, kind_prefix="lft:"):
        try:
            months = int(notice.kind.split(":", 1)[1])
        except ValueError:
            continue
        liver_tests.append(
            LiverTest(
                months=months,
                due_on=notice.due_at.astimezone(zone).date(),
                sent_on=_local_date(notice.sent_at, zone),
                done_on=_local_date(notice.done_at, zone),
            )
        )
    plan = plan_from_patient(patient)
    choices = tuple(
        StepChoice(d.step_index, d.decision, d.decided_on)  # type: ignore[arg-type]
        for d in records.step_decisions(patient.id)
        if d.decision in DECISIONS
    )
    position = None
    if patient.start_date is not None:
        position = tonight(plan, patient.start_date, choices, today)
    hold = hold_for(session, patient, now) if position is not None and position.offer else None
    return PatientRecord(
        today=today,
        generated_at=now,
        timezone=zone.key,
        reminder_time=patient.reminder_time,
        form=patient.form,
        liquid_mg_per_ml=patient.liquid_mg_per_ml,
        start_date=patient.start_date,
        paused=patient.paused,
        plan=plan,
        position=position,
        hold=hold,
        nights=nights,
        step_indexes=tuple(n.step_index for n in stored_nights),
        checkins=checkins,
        choices=choices,
        screening=tuple(
            ScreeningEntry(s.topic, s.answer, s.answered_at.astimezone(zone).date())
            for s in records.screening(patient.id)
        ),
        liver_tests=tuple(liver_tests),
        adherence=adherence(nights, today=today),
        corrections=tuple(
            CorrectionEntry(
                corrected_on=c.created_at.astimezone(zone).date(),
                local_date=c.local_date,
                kind=c.kind,
                before=c.before,
                after=c.after,
                recorded_at=c.recorded_at.astimezone(zone) if c.recorded_at else None,
            )
            for c in records.corrections(patient.id)
        ),
    )


def _csv_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def export_zip(
    tables: Sequence[TableRows], *, readme: str, readable: Sequence[tuple[str, str]] = ()
) -> bytes:
    """A zip with a README, the readable files ((name, text)), and one CSV per table (UTF-8,
    header row, times in UTC)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", readme)
        for name, text in readable:
            archive.writestr(name, text)
        for table in tables:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(table.columns)
            for row in table.rows:
                writer.writerow([_csv_value(value) for value in row])
            archive.writestr(f"{table.name}.csv", text.getvalue())
    return buffer.getvalue()
