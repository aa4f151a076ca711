"""The chart, the PDF report, the stats text and the export, from records built by hand."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pypdfium2 as pdfium
from PIL import Image

from bot.domain.adherence import NightRecord, adherence
from bot.domain.plans import STANDARD
from bot.domain.titration import StepChoice, tonight
from bot.features.records.charts import OUTCOME_COLOURS, record_chart
from bot.features.records.handlers import stats_message
from bot.features.records.record import (
    CheckinEntry,
    LiverTest,
    PatientRecord,
    ScreeningEntry,
    export_zip,
)
from bot.features.records.report_pdf import dose_history, report_pdf
from storage.records import TableRows

TODAY = date(2026, 11, 25)
START = date(2026, 11, 1)


def make_record(
    outcomes: list[str], *, checkins: int = 0, note: str | None = None
) -> PatientRecord:
    """Nights from START, one outcome each; 1.5 mg for two weeks then 3 mg (stepped up)."""
    nights = tuple(
        NightRecord(START + timedelta(days=i), o, 1.5 if i < 14 else 3.0)
        for i, o in enumerate(outcomes)
    )
    choices = (StepChoice(1, "up", START + timedelta(days=14)),) if len(outcomes) > 14 else ()
    entries = tuple(
        CheckinEntry(
            START + timedelta(days=2 * i + 1),
            {"vivid_dreams": min(3, i), "sleep_disturbance": 1, "nausea": 0, "symptom_flare": 0},
            8 - i,
            note if i == 0 else None,
        )
        for i in range(checkins)
    )
    return PatientRecord(
        today=TODAY,
        generated_at=datetime(2026, 11, 25, 12, tzinfo=UTC),
        timezone="Europe/Berlin",
        reminder_time=time(22, 0),
        form="capsule",
        start_date=START,
        paused=False,
        plan=STANDARD,
        position=tonight(STANDARD, START, choices, TODAY),
        nights=nights,
        step_indexes=tuple(0 if i < 14 else 1 for i in range(len(nights))),
        checkins=entries,
        choices=choices,
        screening=(
            ScreeningEntry("opioids", False, START),
            ScreeningEntry("liver", None, START),
        ),
        liver_tests=(
            LiverTest(0, START, START, START + timedelta(days=3)),
            LiverTest(3, date(2027, 2, 1), None, None),
        ),
        adherence=adherence(nights, today=TODAY),
    )


def pixels(png: bytes, colour: str) -> int:
    rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(count for count, c in image.getcolors(2_000_000) if c == rgb)


def test_the_chart_is_a_phone_sized_png_coloured_by_outcome() -> None:
    outcomes = ["taken"] * 10 + ["missed"] + ["taken"] * 8 + ["skipped"] * 5
    png = record_chart(make_record(outcomes, checkins=6))
    assert Image.open(io.BytesIO(png)).size == (880, 990)
    taken = pixels(png, OUTCOME_COLOURS["taken"])
    missed = pixels(png, OUTCOME_COLOURS["missed"])
    skipped = pixels(png, OUTCOME_COLOURS["skipped"])
    # One missed night, five skipped, eighteen taken: the areas follow (legend swatches aside).
    assert 0 < missed < skipped < taken
    assert taken > 12 * missed


def test_no_missed_night_no_red_bar() -> None:
    with_missed = record_chart(make_record(["taken", "missed", "taken"]))
    without = record_chart(make_record(["taken", "taken", "taken"]))
    assert pixels(with_missed, OUTCOME_COLOURS["missed"]) > pixels(
        without, OUTCOME_COLOURS["missed"]
    )


def test_a_record_with_only_checkins_still_charts() -> None:
    record = make_record([], checkins=3)
    assert record.has_history
    assert record_chart(record).startswith(b"\x89PNG")
    assert not make_record([]).has_history


def test_the_stats_text_says_where_the_patient_is_in_the_plan() -> None:
    record = make_record(["taken"] * 14 + ["taken", "skipped"] + ["taken"] * 8, checkins=4)
    text = stats_message(record)
    assert "Your plan: 1.5 mg weeks 1–2 → 3 mg weeks 3–4 → 4.5 mg from week 5." in text
    assert "Now: 3 mg, week 4 of your plan." in text
    assert "Next step: 4.5 mg can be offered from 29 Nov" in text
    assert "Current streak: 8 nights taken in a row." in text
    assert (
        "Last check-in (8 Nov): vivid dreams or nightmares severe, sleep disturbance mild." in text
    )
    assert "Symptom score: 5/10 now, 8/10 at your first check-in." in text


def test_on_the_first_night_the_stats_do_not_say_nothing_was_recorded() -> None:
    # Started tonight and tapped Taken: the 7- and 30-night windows end last night, so they
    # would read "nothing recorded" right under the dose just taken.
    night = NightRecord(TODAY, "taken", 1.5)
    record = replace(
        make_record([]),
        start_date=TODAY,
        nights=(night,),
        adherence=adherence([night], today=TODAY),
    )
    text = stats_message(record)
    assert "nothing recorded" not in text
    assert "Last 7 nights" not in text
    assert "Since you started: 100% taken (1 taken, 0 skipped, 0 missed)" in text
    assert "Tonight: taken." in text
    # From the second day on, the windows are back.
    later = replace(record, adherence=adherence([night], today=TODAY + timedelta(days=1)))
    assert "Last 7 nights: 100% taken (1 taken, 0 skipped, 0 missed)" in stats_message(later)


def test_before_the_start_date_the_plan_says_when_it_starts() -> None:
    record = make_record([])
    later = replace(record, position=tonight(STANDARD, TODAY + timedelta(days=3), (), TODAY))
    assert "It starts on 1 Nov." in stats_message(later)


def test_dose_history_is_runs_of_the_same_dose() -> None:
    record = make_record(["taken"] * 20)
    assert dose_history(record) == [
        ["2026-11-01", "2026-11-14", "1.5", "14"],
        ["2026-11-15", "2026-11-20", "3", "6"],
    ]


def _pdf_pages(pdf: bytes) -> tuple[list[str], Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
        first = document[0].render(scale=1).to_pil().convert("L")
    finally:
        document.close()
    return texts, first


def test_the_report_is_marked_on_every_page_and_holds_the_tables() -> None:
    note = "Сон плохой; 夢 — dreams after the step up"
    record = make_record(["taken"] * 20 + ["missed"] * 4, checkins=40, note=note)
    pdf = report_pdf(record, chart_png=record_chart(record))
    pages, first = _pdf_pages(pdf)
    assert len(pages) >= 3  # 40 check-ins run over a page, then the chart
    assert all("Patient-recorded data — not a medical record" in page for page in pages)
    text = "\n".join(pages)
    # the zone as patients know it, never its id
    assert "Generated on 2026-11-25, Berlin time (Central European Time)" in text
    assert "Europe/Berlin" not in text
    assert "Moved up" in text and "Not sure" in text and "Month 3" in text
    # Cyrillic prints; the CJK character the font lacks shows as □ with a footnote.
    assert "Сон плохой; □ — dreams after the step up" in text
    assert "font cannot print" in text
    assert "Chart" in pages[-1]
    # The first page has ink on it, not a blank render.
    assert sum(first.histogram()[:128]) > 0.01 * first.width * first.height


def test_a_report_without_history_has_no_chart_page() -> None:
    pdf = report_pdf(make_record([]), chart_png=None)
    pages, _ = _pdf_pages(pdf)
    assert len(pages) == 1 and "Nothing recorded." in pages[0] and "Chart" not in pages[0]


def test_the_export_writes_plain_csv_values() -> None:
    table = TableRows(
        name="patients",
        columns=("id", "created_at", "supply_on_hand", "plan_steps", "start_date", "awaiting"),
        rows=(
            (
                1,
                datetime(2026, 11, 25, 21, 30, tzinfo=UTC),
                Decimal("30.00"),
                [{"mg": 0.5, "weeks": 2}],
                date(2026, 11, 1),
                None,
            ),
        ),
    )
    archive = zipfile.ZipFile(io.BytesIO(export_zip([table], readme="read me")))
    assert sorted(archive.namelist()) == ["README.txt", "patients.csv"]
    rows = list(csv.reader(io.StringIO(archive.read("patients.csv").decode())))
    assert rows == [
        ["id", "created_at", "supply_on_hand", "plan_steps", "start_date", "awaiting"],
        ["1", "2026-11-25T21:30:00+00:00", "30", '[{"mg": 0.5, "weeks": 2}]', "2026-11-01", ""],
    ]


def _axis_dates(language: str, outcomes: list[str]) -> list[str]:
    from bot.features.records.charts import record_figure
    from bot.i18n import use_language

    with use_language(language):
        figure = record_figure(make_record(outcomes, checkins=3))
        figure.canvas.draw()
        return [label.get_text() for label in figure.axes[-1].get_xticklabels()]


def test_the_charts_dates_are_written_in_the_patients_language() -> None:
    english = _axis_dates("en", ["taken"] * 24)
    german = _axis_dates("de", ["taken"] * 24)
    spanish = _axis_dates("es", ["taken"] * 24)
    assert "25 Nov" in english
    assert "25. Nov." in german
    assert "25 nov" in spanish


def test_a_long_charts_axis_names_months_in_the_patients_language() -> None:
    from bot.features.records.charts import date_tick_label
    from bot.i18n import use_language

    with use_language("es"):
        assert date_tick_label(date(2026, 12, 1), 2, True) == "dic"
        assert date_tick_label(date(2027, 1, 1), 3, True) == "ene 2027"
    with use_language("de"):
        assert date_tick_label(date(2026, 12, 1), 0, True) == "Dez. 2026"
        assert date_tick_label(date(2026, 12, 1), 1, True) == "Dez"


def _dose_axis(language: str) -> tuple[list[str], list[str]]:
    """The dose panel's tick labels and its dose labels, as drawn."""
    from bot.features.records.charts import record_figure
    from bot.i18n import use_language

    with use_language(language):
        figure = record_figure(make_record(["taken"] * 20))
        figure.canvas.draw()
        dose_axis = figure.axes[1]
        ticks = [label.get_text() for label in dose_axis.get_yticklabels()]
        ticks.append(dose_axis.yaxis.get_major_formatter()(1.5, 0))  # a tick at 1.5 mg
        return ticks, [text.get_text() for text in dose_axis.texts]


def test_the_charts_doses_are_written_in_the_patients_language() -> None:
    ticks, labels = _dose_axis("de")
    assert "1,5 mg" in labels and "3 mg" in labels
    assert "1,5" in ticks and not any("." in tick for tick in ticks)
    ticks, labels = _dose_axis("en")
    assert "1.5 mg" in labels and "1.5" in ticks


def test_the_report_writes_doses_in_the_patients_language() -> None:
    from bot.i18n import use_language

    record = make_record(["taken"] * 20)
    with use_language("es"):
        runs = dose_history(record)
        pages, _ = _pdf_pages(report_pdf(record, chart_png=None))
    assert [run[2] for run in runs] == ["1,5", "3"]
    text = "\n".join(pages)
    assert "1,5 mg" in text and "4,5 mg" in text
    assert "1.5 mg" not in text and "4.5 mg" not in text
