"""The readable half of /export: one CSV of nights and one of check-ins, in the patient's
time zone, worded, without internal columns (the complete tables sit beside them)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.domain.side_effects import SIDE_EFFECTS
from bot.features.records import texts
from bot.features.records.recording import dose_text, local
from bot.i18n import full_date
from storage.models import Patient
from storage.nights import SKIPPED, TAKEN
from storage.records import RecordsRepository

NIGHTS_FILE = "my-nights.csv"
CHECKINS_FILE = "my-checkins.csv"


@dataclass(frozen=True)
class ReadableFile:
    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def text(self) -> str:
        """CSV with a byte-order mark, so spreadsheet programs open it as UTF-8."""
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()


def readable_files(session: Session, patient: Patient) -> list[ReadableFile]:
    records = RecordsRepository(session)
    corrections: dict[object, list[str]] = {}
    for c in records.corrections(patient.id):
        if c.kind == "night":
            corrections.setdefault(c.local_date, []).append(
                texts.correction_note(c.before, c.after)
            )
    nights = []
    for night in records.nights(patient.id):
        due = local(patient, night.due_at)
        recorded = ""
        if night.recorded_at is not None and night.outcome in (TAKEN, SKIPPED):
            at = local(patient, night.recorded_at)
            recorded = texts.recorded_when(at, same_day=at.date() == due.date())
        nights.append(
            (
                full_date(night.local_date),
                texts.recorded_when(due, same_day=True),
                dose_text(patient, night),
                texts.export_outcome(night.outcome),
                recorded,
                "; ".join(corrections.get(night.local_date, [])),
            )
        )
    checkins = []
    for checkin in records.completed_checkins(patient.id):
        assert checkin.completed_at is not None
        answered = local(patient, checkin.completed_at)
        checkins.append(
            (
                full_date(checkin.local_date),
                texts.recorded_when(answered, same_day=answered.date() == checkin.local_date),
                *[texts.severity_word(getattr(checkin, e.key)) for e in SIDE_EFFECTS],
                str(checkin.symptom_score) if checkin.symptom_score is not None else "",
                checkin.note or "",
            )
        )
    return [
        ReadableFile(NIGHTS_FILE, texts.readable_nights_columns(), tuple(nights)),
        ReadableFile(CHECKINS_FILE, texts.readable_checkins_columns(), tuple(checkins)),
    ]
