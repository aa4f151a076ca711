"""The report for the prescriber: a PDF (fpdf2) of what the patient recorded, marked as such
on every page. DejaVu Sans (shipped with matplotlib) so any script in a note prints."""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import matplotlib
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import FontFace

from bot.domain.adherence import Counts
from bot.domain.plans import liquid_strength
from bot.domain.side_effects import SIDE_EFFECTS
from bot.features.records import texts
from bot.features.records.record import PatientRecord
from bot.features.records.texts import format_mg_float
from bot.features.settings.texts import plan_description
from bot.features.settings.timezone import zone_name
from bot.i18n import number

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
HEADINGS = FontFace(emphasis="BOLD", fill_color=(232, 238, 244))
UNPRINTABLE = "□"
# A table never leaves fewer than this many rows alone on its last page.
ORPHAN_GUARD = 3


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
        self.cell(0, 5, texts.pdf_marking(), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, self.footer_note, align="L")
        self.cell(0, 5, texts.pdf_page(self.page_no()), align="R")
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
        _line(pdf, texts.pdf_none(), style="I")
        return
    pdf.set_font(FONT, "", 9)
    orphans = _orphaned_rows(pdf, columns, rows, widths)
    if orphans:
        # The last rows would sit alone on a page: end this page earlier, so that the new
        # page starts with its heading row and a few rows, not one stray row.
        keep = len(rows) - ORPHAN_GUARD
        if keep > 0:
            _draw_table(pdf, columns, rows[:keep], widths)
        pdf.add_page()
        pdf.set_font(FONT, "", 9)
        _draw_table(pdf, columns, rows[max(keep, 0) :], widths)
    else:
        _draw_table(pdf, columns, rows, widths)
    pdf.set_font(FONT, "", 10)
    pdf.ln(2)


def _orphaned_rows(
    pdf: FPDF,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int] | None,
) -> bool:
    """Whether the table, drawn here, would end with fewer than ORPHAN_GUARD rows on a page
    of their own (found by drawing it on a copy of the document)."""
    if len(rows) <= ORPHAN_GUARD:
        return False
    trial = copy.deepcopy(pdf)
    page = trial.page_no()
    _draw_table(trial, columns, rows, widths)
    if trial.page_no() == page:
        return False
    # The same last rows, fewer than the guard, drawn alone on a fresh page: if the table
    # ended no lower than they do, its last page holds only them.
    alone = copy.deepcopy(pdf)
    alone.add_page()
    alone.set_font(FONT, "", 9)
    _draw_table(alone, columns, rows[-(ORPHAN_GUARD - 1) :], widths)
    return trial.get_y() <= alone.get_y() + 0.01


def _draw_table(
    pdf: FPDF,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int] | None,
) -> None:
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


def _day(value: object) -> str:
    return value.isoformat() if value is not None else texts.DASH  # type: ignore[attr-defined]


def _adherence_row(label: str, counts: Counts) -> list[str]:
    percent = counts.percent_taken
    return [
        label,
        str(counts.taken),
        str(counts.skipped),
        str(counts.missed),
        texts.percent(percent) if percent is not None else texts.DASH,
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
    # As patients know it ('Berlin time (Central European Time)'), never 'Europe/Berlin'.
    zone = zone_name(record.timezone, record.generated_at)
    generated = texts.pdf_generated(record.today.isoformat(), zone)
    pdf = _ReportPdf(footer_note=texts.pdf_footer(generated))
    pdf.set_title(texts.pdf_title())
    pdf.set_creator("LDN companion")
    pdf.add_page()

    pdf.set_font(FONT, "B", 20)
    pdf.cell(0, 11, texts.pdf_title(), new_x="LMARGIN", new_y="NEXT")
    _line(pdf, generated, size=10)
    _line(pdf, texts.pdf_subtitle(), size=9, style="I")

    _heading(pdf, texts.pdf_plan())
    _line(pdf, texts.pdf_plan_line(plan_description(record.plan)))
    if record.start_date is not None:
        _line(pdf, texts.pdf_start_date(record.start_date.isoformat()))
    if record.form:
        strength = number(liquid_strength(record.liquid_mg_per_ml))
        _line(pdf, texts.pdf_form(texts.form_label(record.form, strength)))
    if record.reminder_time is not None:
        _line(pdf, texts.pdf_reminder(record.reminder_time, zone))
    if record.paused:
        _line(pdf, texts.pdf_paused())
    _line(pdf, texts.pdf_dose_history(), style="B")
    _table(pdf, texts.pdf_dose_columns(), dose_history(record), widths=(3, 3, 2, 2))
    _line(pdf, texts.pdf_decisions(), style="B")
    _table(
        pdf,
        texts.pdf_decision_columns(),
        [
            [
                _day(c.decided_on),
                _step_name(record, c.step_index),
                texts.decision_word(c.decision),
            ]
            for c in record.choices
        ],
        widths=(3, 3, 4),
    )

    _heading(pdf, texts.pdf_adherence())
    a = record.adherence
    _table(
        pdf,
        texts.pdf_adherence_columns(),
        [
            _adherence_row(label, counts)
            for label, counts in zip(
                texts.pdf_adherence_rows(), (a.last_7, a.last_30, a.since_start), strict=True
            )
        ],
        widths=(4, 2, 2, 2, 2),
    )
    _line(pdf, texts.pdf_streak(a.current_streak))

    _heading(pdf, texts.pdf_checkins())
    _line(pdf, texts.pdf_severity_scale(), size=8, style="I")
    notes = [printable(c.note or "") for c in record.checkins]
    _table(
        pdf,
        texts.pdf_checkin_columns(),
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
        _line(pdf, texts.pdf_unprintable(), size=8, style="I")

    if record.corrections:
        _heading(pdf, texts.pdf_corrections())
        _table(
            pdf,
            texts.pdf_correction_columns(),
            [
                [
                    _day(c.corrected_on),
                    _day(c.local_date),
                    texts.correction_state(c.before),
                    texts.correction_state_at(c.after, c.recorded_at),
                ]
                for c in record.corrections
            ],
            widths=(3, 3, 3, 4),
        )

    _heading(pdf, texts.pdf_screening())
    _table(
        pdf,
        texts.pdf_screening_columns(),
        [
            [
                texts.screening_label(s.topic),
                texts.not_sure() if s.answer is None else texts.yes() if s.answer else texts.no(),
                _day(s.answered_on),
            ]
            for s in record.screening
        ],
        widths=(6, 2, 3),
    )

    _heading(pdf, texts.pdf_lft())
    _table(
        pdf,
        texts.pdf_lft_columns(),
        [
            [texts.liver_test_name(t.months), _day(t.due_on), _day(t.sent_on), _day(t.done_on)]
            for t in record.liver_tests
        ],
        widths=(3, 3, 3, 3),
    )

    if chart_png:
        pdf.add_page()
        _heading(pdf, texts.pdf_chart())
        width = pdf.epw
        pdf.image(io.BytesIO(chart_png), w=width)

    return bytes(pdf.output())


def _severity(level: int | None) -> str:
    return str(level) if level is not None else texts.DASH


def _step_name(record: PatientRecord, index: int) -> str:
    steps = record.plan.steps
    if 0 <= index < len(steps):
        return texts.step_name(index + 1, format_mg_float(float(steps[index].mg)))
    return str(index + 1)
