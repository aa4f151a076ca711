"""Reading reminder times and start dates as patients type them, and telling a question
from an answer during setup."""

from __future__ import annotations

from datetime import date, time

import pytest

from bot.domain.clock_times import (
    MorningOrEvening,
    is_usual_bedtime,
    parse_clock_time,
    parse_date,
    read_clock_time,
    start_date_problem,
)
from bot.domain.plans import GENTLE, STANDARD, Plan
from bot.domain.setting_answers import (
    LONGEST_ANSWER,
    AskFor,
    PlanProblem,
    looks_like_a_question,
    read_custom_steps,
    read_fixed,
    read_form,
    read_plan,
    shown,
)

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("22:00", time(22, 0)),
        ("22.30", time(22, 30)),
        ("2230", time(22, 30)),
        ("930", time(9, 30)),
        ("10pm", time(22, 0)),
        ("10 PM", time(22, 0)),
        ("10:30 pm", time(22, 30)),
        ("9:45 p.m.", time(21, 45)),
        ("12am", time(0, 0)),
        ("12 pm", time(12, 0)),
        ("midnight", time(0, 0)),
        ("0:00", time(0, 0)),
        ("23", time(23, 0)),
        ("22h30", time(22, 30)),
        (" 21:15 ", time(21, 15)),
    ],
)
def test_times_are_read_in_every_usual_spelling(typed: str, expected: time) -> None:
    assert parse_clock_time(typed) == expected


@pytest.mark.parametrize(
    "typed", ["25:00", "22:75", "13pm", "0am", "soon", "", "22:00:00:00", "tonight", "12345"]
)
def test_what_is_not_a_time_is_refused(typed: str) -> None:
    assert parse_clock_time(typed) is None


@pytest.mark.parametrize(
    ("moment", "usual"),
    [
        (time(21, 0), True),
        (time(23, 59), True),
        (time(0, 0), True),
        (time(20, 59), False),
        (time(0, 30), False),
        (time(8, 0), False),
    ],
)
def test_the_bedtime_window_runs_from_nine_to_midnight(moment: time, usual: bool) -> None:
    assert is_usual_bedtime(moment) is usual


@pytest.mark.parametrize(
    ("typed", "morning", "evening"),
    [
        ("11", time(11, 0), time(23, 0)),
        ("at 9", time(9, 0), time(21, 0)),
        ("9:30", time(9, 30), time(21, 30)),
        ("12", time(12, 0), time(0, 0)),  # noon or midnight
    ],
)
def test_an_hour_that_may_be_morning_or_evening_is_not_guessed(
    typed: str, morning: time, evening: time
) -> None:
    assert read_clock_time(typed) == MorningOrEvening(morning, evening)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("22", time(22, 0)),
        ("09:30", time(9, 30)),  # a leading zero: the 24-hour clock
        ("10pm", time(22, 0)),
        ("9 am", time(9, 0)),
        ("at 22:15", time(22, 15)),
        ("0:00", time(0, 0)),
    ],
)
def test_a_time_that_says_which_half_of_the_day_is_read_as_it_is(
    typed: str, expected: time
) -> None:
    assert read_clock_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-12-01", date(2026, 12, 1)),
        ("2026/12/1", date(2026, 12, 1)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 26)),
        ("1 Dec", date(2026, 12, 1)),
        ("1st December 2026", date(2026, 12, 1)),
        ("December 1", date(2026, 12, 1)),
        ("Dec 1, 2026", date(2026, 12, 1)),
        ("20 Nov", date(2026, 11, 20)),
        ("5 Jan", date(2027, 1, 5)),  # the nearest 5 January
        ("Oct 20", date(2026, 10, 20)),  # nearer than next October
    ],
)
def test_dates_are_read_as_iso_or_with_a_month_name(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2 weeks ago", date(2026, 11, 11)),
        ("i started about 2 weeks ago", date(2026, 11, 11)),
        ("two weeks ago", date(2026, 11, 11)),
        ("a couple of weeks ago", date(2026, 11, 11)),
        ("started 10 days ago", date(2026, 11, 15)),
        ("a month ago", date(2026, 10, 25)),
        ("about 2 months ago", date(2026, 9, 25)),
        ("9 months ago", date(2026, 2, 25)),
        ("in 3 days", date(2026, 11, 28)),
        ("hace 2 semanas", date(2026, 11, 11)),
        ("hace unas tres semanas", date(2026, 11, 4)),
        ("hace un mes", date(2026, 10, 25)),
        ("vor zwei Wochen", date(2026, 11, 11)),
        ("vor einem Monat", date(2026, 10, 25)),
        ("vor etwa 3 Wochen angefangen", date(2026, 11, 4)),
        ("en una semana", date(2026, 12, 2)),
    ],
)
def test_a_start_told_as_so_long_ago_is_read_as_that_date(typed: str, expected: date) -> None:
    # "2 weeks ago" is how patients who already take LDN answer "when did you start": it was
    # refused as "not a date" before.
    assert parse_date(typed, TODAY, looking_back=True) == expected


def test_a_month_back_from_the_31st_is_the_last_day_of_a_shorter_month() -> None:
    assert parse_date("a month ago", date(2026, 12, 31)) == date(2026, 11, 30)
    assert parse_date("10 months ago", date(2026, 12, 31)) == date(2026, 2, 28)
    assert parse_date("2 months ago", date(2027, 1, 15)) == date(2026, 11, 15)


@pytest.mark.parametrize("typed", ["ages ago", "a few weeks ago", "2 weeks", "600 days ago"])
def test_a_vague_or_unitless_span_is_not_a_date(typed: str) -> None:
    assert parse_date(typed, TODAY) is None


@pytest.mark.parametrize("typed", ["12/01", "31 Feb", "2026-13-01", "next week", "Smarch 3"])
def test_ambiguous_or_impossible_dates_are_refused(typed: str) -> None:
    assert parse_date(typed, TODAY) is None


def test_a_start_date_may_be_years_back_but_within_a_year_ahead() -> None:
    assert start_date_problem(date(2026, 10, 25), TODAY) is None  # 31 days ago
    assert start_date_problem(date(2019, 3, 1), TODAY) is None  # on LDN for years
    assert start_date_problem(date(1926, 11, 25), TODAY) == "too_early"  # a typo in the year
    assert start_date_problem(date(2027, 11, 25), TODAY) is None
    assert start_date_problem(date(2027, 11, 26), TODAY) == "too_late"


@pytest.mark.parametrize(
    ("typed", "question"),
    [
        ("What if I miss a dose?", True),
        ("what's the best time to take it", True),
        ("How’s it supposed to feel", True),
        ("where do I get it from", True),
        ("can i drink coffee", True),
        ("side effects?", True),
        ("Berlin", False),
        ("new york", False),
        ("What", False),  # too short to be a question: maybe a typo
        ("22:00", False),
        ("capsules from the pharmacy", False),
        ("", False),
    ],
)
def test_a_question_typed_during_setup_is_told_from_an_answer(typed: str, question: bool) -> None:
    assert looks_like_a_question(typed) is question


@pytest.mark.parametrize(
    ("typed", "form"),
    [
        ("capsules", "capsule"),
        ("Pills please", "capsule"),
        ("caps", "capsule"),
        ("liquid", "liquid"),
        ("  Drops", "liquid"),
        ("solution", "liquid"),
        ("tablet", None),
        ("", None),
        ("   ", None),
    ],
)
def test_the_form_is_read_from_the_first_word(typed: str, form: str | None) -> None:
    assert read_form(typed) == form


def test_a_plan_answer_is_a_plan_a_follow_up_question_or_a_problem() -> None:
    assert read_plan("Standard") == STANDARD
    assert read_plan(" gentle ") == GENTLE
    assert read_plan("fixed") == AskFor("fixed")
    assert read_plan("custom") == AskFor("custom")
    fixed = read_plan("fixed 3 mg")
    assert isinstance(fixed, Plan) and fixed.kind == "fixed"
    custom = read_plan("custom 0.5x2 1x2 1.5")
    assert isinstance(custom, Plan) and custom.kind == "custom"
    assert isinstance(read_plan("0.5x2 1.5"), Plan)  # the steps alone
    assert read_plan("weekly please") == PlanProblem("plan")
    assert read_plan("x" * (LONGEST_ANSWER + 1)) == PlanProblem("plan")


def test_a_plan_problem_keeps_the_question_it_came_from_open() -> None:
    too_much = read_plan("fixed 50")
    assert isinstance(too_much, PlanProblem) and too_much.question == "fixed"
    assert too_much.reason  # the patient is told why
    bad_steps = read_plan("custom banana")
    assert isinstance(bad_steps, PlanProblem) and bad_steps.question == "custom"
    bad_alone = read_plan("0.5x2 banana")
    assert isinstance(bad_alone, PlanProblem) and bad_alone.question == "plan"
    assert read_custom_steps("1" * (LONGEST_ANSWER + 1)) == PlanProblem("custom")
    assert isinstance(read_fixed("4.5mg"), Plan)


@pytest.mark.parametrize(
    ("typed", "quoted"),
    [("  two   words ", "two words"), ("a" * 50, "a" * 39 + "…"), ("line\nbreak", "line break")],
)
def test_words_quoted_back_are_one_short_line(typed: str, quoted: str) -> None:
    assert shown(typed) == quoted


# ------------------------------------------------------------------------ Spanish and German


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("22 Uhr", time(22, 0)),
        ("22.30 Uhr", time(22, 30)),
        ("um 22:15 Uhr", time(22, 15)),
        ("22 Uhr 30", time(22, 30)),
        ("halb elf abends", time(22, 30)),
        ("um 10 abends", time(22, 0)),
        ("10 Uhr abends", time(22, 0)),
        ("zehn Uhr abends", time(22, 0)),
        ("viertel vor elf abends", time(22, 45)),
        ("viertel nach 10 abends", time(22, 15)),
        ("2 Uhr nachts", time(2, 0)),
        ("11 Uhr nachts", time(23, 0)),
        ("8 Uhr früh", time(8, 0)),
        ("8 Uhr morgens", time(8, 0)),
        ("Mitternacht", time(0, 0)),
        ("a las 10 de la noche", time(22, 0)),
        ("a las 10 de la noche.", time(22, 0)),
        ("a las diez y media de la noche", time(22, 30)),
        ("a las 11 menos cuarto de la noche", time(22, 45)),
        ("a las 3 de la tarde", time(15, 0)),
        ("a las 2 de la madrugada", time(2, 0)),
        ("a las 8 de la mañana", time(8, 0)),
        ("a las 8 de la manana", time(8, 0)),
        ("a las 22", time(22, 0)),
        ("22 h", time(22, 0)),
        ("22h", time(22, 0)),
        ("22 horas", time(22, 0)),
        ("medianoche", time(0, 0)),
        ("10 pm", time(22, 0)),
        ("ten pm", time(22, 0)),
        ("half past ten pm", time(22, 30)),
        ("10 in the evening", time(22, 0)),
    ],
)
def test_times_said_in_spanish_and_german(typed: str, expected: time) -> None:
    assert read_clock_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "morning", "evening"),
    [
        ("um 9", time(9, 0), time(21, 0)),
        ("9 Uhr", time(9, 0), time(21, 0)),
        ("halb elf", time(10, 30), time(22, 30)),
        ("a las 9", time(9, 0), time(21, 0)),
        ("a las diez", time(10, 0), time(22, 0)),
        ("las 10 y media", time(10, 30), time(22, 30)),
        # 'mañana' / 'morgen' before a time is the day, not the morning: still asked
        ("mañana a las 8", time(8, 0), time(20, 0)),
        ("morgen um 8", time(8, 0), time(20, 0)),
    ],
)
def test_an_hour_without_morning_or_evening_is_asked_about_in_every_language(
    typed: str, morning: time, evening: time
) -> None:
    assert read_clock_time(typed) == MorningOrEvening(morning, evening)


@pytest.mark.parametrize(
    "typed",
    ["22 Uhr morgens", "10 pm de la noche", "abends", "esta noche", "25 Uhr", "halb dreizehn"],
)
def test_what_is_no_time_in_spanish_or_german_is_refused(typed: str) -> None:
    assert read_clock_time(typed) is None


MONDAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.12.2026", date(2026, 12, 1)),
        ("1.12.26", date(2026, 12, 1)),
        ("1.12.", date(2026, 12, 1)),
        ("1 de diciembre", date(2026, 12, 1)),
        ("1 de diciembre de 2026", date(2026, 12, 1)),
        ("el 1 de dic", date(2026, 12, 1)),
        ("1. Dezember", date(2026, 12, 1)),
        ("am 1. Dez.", date(2026, 12, 1)),
        ("3. März", date(2027, 3, 3)),
        ("3. Maerz", date(2027, 3, 3)),
        ("3 marzo", date(2027, 3, 3)),
        ("Montag, 7. Dezember", date(2026, 12, 7)),
        ("heute", MONDAY),
        ("hoy", MONDAY),
        ("morgen", date(2026, 12, 1)),
        ("ab morgen", date(2026, 12, 1)),
        ("mañana", date(2026, 12, 1)),
        ("mañana por la mañana", date(2026, 12, 1)),
        ("übermorgen", date(2026, 12, 2)),
        ("pasado mañana", date(2026, 12, 2)),
        ("gestern", date(2026, 11, 29)),
        ("ayer", date(2026, 11, 29)),
        ("Mittwoch", date(2026, 12, 2)),
        ("el miércoles", date(2026, 12, 2)),
        ("miercoles", date(2026, 12, 2)),
        ("Wednesday", date(2026, 12, 2)),
        ("Montag", MONDAY),  # today is a Monday
        ("nächsten Montag", date(2026, 12, 7)),
        ("el próximo lunes", date(2026, 12, 7)),
        ("el lunes que viene", date(2026, 12, 7)),
        ("letzten Freitag", date(2026, 11, 27)),
        ("el viernes pasado", date(2026, 11, 27)),
    ],
)
def test_dates_said_in_spanish_and_german(typed: str, expected: date) -> None:
    assert parse_date(typed, MONDAY, language="de") == expected
    assert parse_date(typed, MONDAY, language="es") == expected


def test_a_weekday_is_the_last_one_when_the_question_looks_back() -> None:
    assert parse_date("Mittwoch", MONDAY, looking_back=True) == date(2026, 11, 25)
    assert parse_date("el viernes", MONDAY, looking_back=True) == date(2026, 11, 27)


def test_a_date_with_slashes_is_read_day_first_only_where_the_language_writes_it_so() -> None:
    assert parse_date("1/12/2026", MONDAY, language="es") == date(2026, 12, 1)
    assert parse_date("12/01", MONDAY, language="de") == date(2027, 1, 12)
    assert parse_date("1/12/2026", MONDAY, language="en") is None  # 1 Dec or Jan 12?


@pytest.mark.parametrize(
    ("typed", "form"),
    [
        ("cápsulas", "capsule"),
        ("capsulas", "capsule"),
        ("pastillas", "capsule"),
        ("Kapseln", "capsule"),
        ("líquido", "liquid"),
        ("gotas", "liquid"),
        ("Lösung", "liquid"),
        ("Tropfen", "liquid"),
    ],
)
def test_the_form_in_spanish_and_german(typed: str, form: str) -> None:
    assert read_form(typed) == form


@pytest.mark.parametrize(
    ("typed", "plan"),
    [
        ("the normal one", STANDARD),
        ("normal", STANDARD),
        ("regular plan", STANDARD),
        ("the usual schedule", STANDARD),
        ("el normal", STANDARD),
        ("die normale", STANDARD),
        ("slow start", GENTLE),
        ("the gentle one", GENTLE),
        ("langsam", GENTLE),
    ],
)
def test_a_named_plan_in_the_patients_own_words(typed: str, plan: Plan) -> None:
    assert read_plan(typed) == plan


@pytest.mark.parametrize(
    "typed", ["normal or slow", "i dont know the normal one", "not sure", "2 weeks ago"]
)
def test_neither_plan_nor_a_start_date_is_read_as_a_plan(typed: str) -> None:
    # "2 weeks ago" was read as steps and corrected as "I couldn't read “x2” as a step".
    assert read_plan(typed) == PlanProblem("plan")


def test_a_plan_named_in_spanish_or_german() -> None:
    assert read_plan("Estándar") == STANDARD
    assert read_plan("sanfter Start") == GENTLE
    assert read_plan("fija") == AskFor("fixed")
    assert read_plan("eigener") == AskFor("custom")


@pytest.mark.parametrize(
    ("typed", "question"),
    [
        ("¿qué pasa si olvido una dosis", True),
        ("que pasa si me olvido", True),
        ("was mache ich wenn ich eine Dosis vergesse", True),
        ("kann ich Kaffee trinken", True),
        ("Wien", False),
        ("a las 10 de la noche", False),
        ("22 Uhr", False),
    ],
)
def test_a_question_in_spanish_or_german_is_told_from_an_answer(typed: str, question: bool) -> None:
    assert looks_like_a_question(typed) is question
