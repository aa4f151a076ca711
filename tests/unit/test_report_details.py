"""The PDF report's and the chart's small things (issue 13 item 11): counts worded with their
number, the chart never starting before the record does, nights without a reminder in the
legend, and no table leaving a row or two alone on a page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.domain.adherence import NightRecord, adherence
from bot.features.records.charts import NO_REMINDER_COLOUR, chart_span, record_chart
from bot.features.records.report_pdf import report_pdf
from tests.unit.test_charts_and_report import START, TODAY, _pdf_pages, make_record, pixels


def test_a_streak_of_one_night_is_one_night() -> None:
    record = make_record(["missed"] * 23 + ["taken"])
    assert record.adherence.current_streak == 1
    text = "\n".join(_pdf_pages(report_pdf(record, chart_png=None))[0])
    assert "Current streak: 1 night taken in a row." in text
    assert "1 nights" not in text


def test_the_chart_of_a_new_patient_starts_on_the_start_date() -> None:
    start = TODAY - timedelta(days=3)
    nights = tuple(NightRecord(start + timedelta(days=i), "taken", 1.5) for i in range(3))
    record = replace(
        make_record([]),
        start_date=start,
        nights=nights,
        adherence=adherence(nights, today=TODAY),
    )
    first, last = chart_span(record)
    assert first == start and last == TODAY


def test_nights_without_a_reminder_are_drawn_and_named_in_the_legend() -> None:
    outcomes = ["taken"] * 24
    full = make_record(outcomes)
    # A pause from Nov 10 to Nov 16: no night rows for those dates.
    paused = replace(
        full,
        nights=tuple(
            n for n in full.nights if not date(2026, 11, 10) <= n.local_date <= date(2026, 11, 16)
        ),
    )
    # Seven pale hatched bars where the nights were (and their legend patch): not blank.
    plain = pixels(record_chart(full), NO_REMINDER_COLOUR)
    assert pixels(record_chart(paused), NO_REMINDER_COLOUR) > plain + 3000


def _checkin_rows_per_page(count: int) -> list[int]:
    record = make_record(["taken"] * 20, checkins=count)
    pages, _ = _pdf_pages(report_pdf(record, chart_png=None))
    # From the third check-in on: their dates appear in no other table.
    dates = [(START + timedelta(days=2 * i + 1)).isoformat() for i in range(2, count)]
    return [sum(1 for day in dates if day in page) for page in pages]


def test_a_table_never_leaves_one_row_alone_on_a_page() -> None:
    # 59 check-ins fill two pages and, drawn straight, leave one row for a third.
    per_page = [n for n in _checkin_rows_per_page(59) if n]
    assert sum(per_page) == 57
    assert min(per_page) >= 3, per_page
