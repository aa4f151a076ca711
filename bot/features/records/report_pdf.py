"""The report for the prescriber: a PDF (fpdf2) of what the patient recorded, marked as such
on every page. DejaVu Sans (shipped with matplotlib) so any script in a note prints."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.domain.adherence import Counts
from bot.domain.plans import format_mg, liquid_strength
from bot.domain.side_effects import SIDE_EFFECTS
from bot.features.records import texts
from bot.features.records.record import PatientRecord
from bot.features.records.texts import format_mg_float

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 238, 244))
UNPRINTABLE = "□"


@cache
def _printable() -> frozenset[int]:
    """The code points DejaVu Sans can draw."""
    return frozenset(TTFont(str(FONT_DIR / "DejaVuSans.ttf")).getBestCmap())


def printable(text: str) -> tuple[str, bool]:
    """`text` with characters the font lacks (e.g. CJK) shown as □, and whether any were:
    fpdf2 would silently drop them, and a note must not lose words unnoticed."""
    known = _printable()
    out = "".join(ch if ord(ch) in known or ch in "\n\t" else UNPRINTABLE for ch in text)
    return out, out != text


class _ReportPdf(FPDF):
    def __init__(self, footer_note: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.footer_note = footer_note
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.add_font(FONT, "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 18, 15)

    def header(self) -> None:
        # The marking the issue asks for, on every page.
        self.set_font(FONT, "B", 9)
        self.set_text_color(160, 30, 30)
        self.cell(0, 5, texts.PDF_MARKING, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, self.footer_note, align="L")
        self.cell(0, 5, texts.PDF_PAGE.format(page=self.page_no()), align="R")
        self.set_text_color(0, 0, 0)


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", 13)
    pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def _line(pdf: FPDF, text: str, *, size: float = 10, style: str = "") -> None:
    pdf.set_font(FONT, style, size)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def _table(
    pdf: FPDF,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    widths: Sequence[int] | None = None,
) -> None:
    if not rows:
        _line(pdf, texts.PDF_NONE, style="I")
        return
    pdf.set_font(FONT, "", 9)
    with pdf.table(
        col_widths=tuple(widths) if widths else None,
        headings_style=HEADINGS,
        line_height=5.5,
        text_align="LEFT",
        first_row_as_headings=True,
        repeat_headings=1,
    ) as table:
        for values in [columns, *rows]:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.set_font(FONT, "", 10)
    pdf.ln(2)


def _day(value: object) -> str:
    return value.isoformat() if value is not None else texts.DASH  # type: ignore[attr-defined]


def _adherence_row(label: str, counts: Counts) -> list[str]:
    percent = counts.percent_taken
    return [
        label,
        str(counts.taken),
        str(counts.skipped),
        str(counts.missed),
        f"{percent}%" if percent is not None else texts.DASH,
    ]


def dose_history(record: PatientRecord) -> list[list[str]]:
    """Runs of nights at the same dose: from, to, dose, how many nights."""
    runs: list[list[str]] = []
    current: tuple[float, object, object, int] | None = None
    for night in record.nights:
        if night.local_date > record.today:
            continue
        if current is not None and current[0] == night.dose_mg:
            current = (current[0], current[1], night.local_date, current[3] + 1)
            continue
        if current is not None:
            runs.append(_run(current))
        current = (night.dose_mg, night.local_date, night.local_date, 1)
    if current is not None:
        runs.append(_run(current))
    return runs


def _run(run: tuple[float, object, object, int]) -> list[str]:
    mg, first, last, count = run
    return [_day(first), _day(last), format_mg_float(mg), str(count)]


def report_pdf(record: PatientRecord, *, chart_png: bytes | None) -> bytes:
    """The whole report as PDF bytes."""
    zone = record.timezone
    generated = texts.PDF_GENERATED.format(day=record.today.isoformat(), zone=zone)
    pdf = _ReportPdf(footer_note=f"{texts.PDF_TITLE} · {generated}")
    pdf.set_title(texts.PDF_TITLE)
    pdf.set_creator("LDN companion")
    pdf.add_page()

    pdf.set_font(FONT, "B", 20)
    pdf.cell(0, 11, texts.PDF_TITLE, new_x="LMARGIN", new_y="NEXT")
    _line(pdf, generated, size=10)
    _line(pdf, texts.PDF_SUBTITLE, size=9, style="I")

    _heading(pdf, texts.PDF_PLAN)
    _line(pdf, texts.PDF_PLAN_LINE.format(plan=record.plan.describe()))
    if record.start_date is not None:
        _line(pdf, texts.PDF_START_DATE.format(day=record.start_date.isoformat()))
    if record.form:
        strength = format_mg(liquid_strength(record.liquid_mg_per_ml))
        _line(pdf, texts.PDF_FORM.format(form=texts.form_label(record.form, strength)))
    if record.reminder_time is not None:
        _line(
            pdf,
            texts.PDF_REMINDER.format(time=record.reminder_time.strftime("%H:%M"), zone=zone),
        )
    if record.paused:
        _line(pdf, texts.PDF_PAUSED)
    _line(pdf, texts.PDF_DOSE_HISTORY, style="B")
    _table(pdf, texts.PDF_DOSE_COLUMNS, dose_history(record), widths=(3, 3, 2, 2))
    _line(pdf, texts.PDF_DECISIONS, style="B")
    _table(
        pdf,
        texts.PDF_DECISION_COLUMNS,
        [
            [
                _day(c.decided_on),
                _step_name(record, c.step_index),
                texts.DECISION_WORDS.get(c.decision, c.decision),
            ]
            for c in record.choices
        ],
        widths=(3, 3, 4),
    )

    _heading(pdf, texts.PDF_ADHERENCE)
    a = record.adherence
    _table(
        pdf,
        texts.PDF_ADHERENCE_COLUMNS,
        [
            _adherence_row(label, counts)
            for label, counts in zip(
                texts.PDF_ADHERENCE_ROWS, (a.last_7, a.last_30, a.since_start), strict=True
            )
        ],
        widths=(4, 2, 2, 2, 2),
    )
    _line(pdf, texts.PDF_STREAK.format(n=a.current_streak))

    _heading(pdf, texts.PDF_CHECKINS)
    _line(pdf, texts.PDF_SEVERITY_SCALE, size=8, style="I")
    notes = [printable(c.note or "") for c in record.checkins]
    _table(
        pdf,
        texts.PDF_CHECKIN_COLUMNS,
        [
            [
                _day(c.local_date),
                *[_severity(c.severities.get(e.key)) for e in SIDE_EFFECTS],
                str(c.symptom_score) if c.symptom_score is not None else texts.DASH,
                note,
            ]
            for c, (note, _) in zip(record.checkins, notes, strict=True)
        ],
        widths=(22, 17, 13, 16, 12, 14, 86),
    )
    if any(replaced for _, replaced in notes):
        _line(pdf, texts.PDF_UNPRINTABLE, size=8, style="I")

    _heading(pdf, texts.PDF_SCREENING)
    _table(
        pdf,
        texts.PDF_SCREENING_COLUMNS,
        [
            [
                texts.SCREENING_LABELS.get(s.topic, s.topic),
                texts.NOT_SURE if s.answer is None else texts.YES if s.answer else texts.NO,
                _day(s.answered_on),
            ]
            for s in record.screening
        ],
        widths=(6, 2, 3),
    )

    _heading(pdf, texts.PDF_LFT)
    _table(
        pdf,
        texts.PDF_LFT_COLUMNS,
        [
            [texts.liver_test_name(t.months), _day(t.due_on), _day(t.sent_on), _day(t.done_on)]
            for t in record.liver_tests
        ],
        widths=(3, 3, 3, 3),
    )

    if chart_png:
        pdf.add_page()
        _heading(pdf, texts.PDF_CHART)
        width = pdf.epw
        pdf.image(io.BytesIO(chart_png), w=width)

    return bytes(pdf.output())


def _severity(level: int | None) -> str:
    return str(level) if level is not None else texts.DASH


def _step_name(record: PatientRecord, index: int) -> str:
    steps = record.plan.steps
    if 0 <= index < len(steps):
        return f"{index + 1} ({format_mg_float(float(steps[index].mg))} mg)"
    return str(index + 1)
