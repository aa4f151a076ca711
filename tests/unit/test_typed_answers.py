"""Words typed in answer to a button question: read when clear, None (ask again) when not."""

from __future__ import annotations

import pytest

from bot.domain.side_effects import Severity
from bot.domain.typed_answers import (
    YesNo,
    asks_to_skip,
    read_score,
    read_severity,
    read_yes_no,
    says_nothing_more,
    says_unsure,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("yes", YesNo.YES),
        ("Yeah!", YesNo.YES),
        ("yes I do", YesNo.YES),
        ("no", YesNo.NO),
        ("Nope.", YesNo.NO),
        ("no I don't", YesNo.NO),
        ("nah", YesNo.NO),
        ("not yet", YesNo.NO),
        ("blue", None),
        ("yes and no", None),
        ("", None),
        ("no " * 20, None),  # too long to be an answer
    ],
)
def test_yes_and_no(typed: str, expected: YesNo | None) -> None:
    assert read_yes_no(typed, unsure_allowed=False) is expected


def test_not_sure_only_where_it_is_an_answer() -> None:
    assert read_yes_no("not sure", unsure_allowed=True) is YesNo.UNSURE
    assert read_yes_no("I don't know", unsure_allowed=True) is YesNo.UNSURE
    assert read_yes_no("not sure", unsure_allowed=False) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("sometimes tramadol", YesNo.YES),
        ("codeine now and then", YesNo.YES),
        ("occasionally", YesNo.YES),
        ("nope", YesNo.NO),
        ("no tramadol", None),  # mixed: asked again with buttons
        ("stopped tramadol last month", None),
        ("tramadol", YesNo.YES),
    ],
)
def test_the_opioid_question_reads_medicine_names(typed: str, expected: YesNo | None) -> None:
    assert read_yes_no(typed, unsure_allowed=False, about_opioids=True) is expected


def test_medicine_names_mean_nothing_to_other_questions() -> None:
    assert read_yes_no("sometimes tramadol", unsure_allowed=False) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("none", Severity.NONE),
        ("nope", Severity.NONE),
        ("not at all", Severity.NONE),
        ("mild", Severity.MILD),
        ("a little", Severity.MILD),
        ("yes, a bit", Severity.MILD),
        ("moderate", Severity.MODERATE),
        ("Severe", Severity.SEVERE),
        ("really bad", Severity.SEVERE),
        ("yes", None),  # noticed, but how strong?
        ("6", None),
        ("no, mild", None),
        ("quite bad", None),
    ],
)
def test_severity(typed: str, expected: Severity | None) -> None:
    assert read_severity(typed) is expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("6", 6),
        (" 0 ", 0),
        ("10", 10),
        ("7/10", 7),
        ("3 out of 10", 3),
        ("11", None),
        ("-1", None),
        ("six", None),
        ("mild", None),
        ("", None),
    ],
)
def test_score(typed: str, expected: int | None) -> None:
    assert read_score(typed) == expected


def test_skip_and_nothing_more() -> None:
    assert asks_to_skip("skip") and asks_to_skip("skip this one") and asks_to_skip("later")
    assert not asks_to_skip("mild")
    assert says_nothing_more("no thanks") and says_nothing_more("nothing")
    assert not says_nothing_more("slept badly after coffee")


# ------------------------------------------------------------------------ Spanish and German


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("sí", "es", YesNo.YES),
        ("Si", "es", YesNo.YES),
        ("claro", "es", YesNo.YES),
        ("¡Claro que sí!", "es", YesNo.YES),
        ("nop", "es", YesNo.NO),
        ("no, nunca", "es", YesNo.NO),
        ("ja", "de", YesNo.YES),
        ("Jo", "de", YesNo.YES),
        ("ja, genau", "de", YesNo.YES),
        ("nee", "de", YesNo.NO),
        ("nö", "de", YesNo.NO),
        ("noe", "de", YesNo.NO),
        ("Nein.", "de", YesNo.NO),
        ("nein, nie", "de", YesNo.NO),
        ("yes", "de", YesNo.YES),  # English is read for everyone
        ("nope", "es", YesNo.NO),
        ("ja", "en", YesNo.YES),  # and German for an English patient
        ("sí y no", "es", None),
        ("claro que no", "es", None),  # mixed: asked again
        ("ja nein", "de", None),
        ("y", "es", None),  # Spanish "and", not English "y(es)"
        ("y", "en", YesNo.YES),
        ("am Wochenende", "de", None),  # German "on the", not English "I am"
        ("vielleicht ja", "de", None),  # unsure is no answer where it is not allowed
    ],
)
def test_yes_and_no_in_spanish_and_german(
    typed: str, language: str, expected: YesNo | None
) -> None:
    assert read_yes_no(typed, unsure_allowed=False, language=language) is expected


@pytest.mark.parametrize(
    ("typed", "language"),
    [
        ("no sé", "es"),
        ("no se", "es"),
        ("ni idea", "es"),
        ("no estoy segura", "es"),
        ("quizás", "es"),
        ("weiß nicht", "de"),
        ("weiss ich nicht", "de"),
        ("keine Ahnung", "de"),
        ("bin mir nicht sicher", "de"),
        ("vielleicht", "de"),
    ],
)
def test_not_sure_in_spanish_and_german(typed: str, language: str) -> None:
    assert read_yes_no(typed, unsure_allowed=True, language=language) is YesNo.UNSURE
    assert read_yes_no(typed, unsure_allowed=False, language=language) is None


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("a veces tomo tramadol", "es", YesNo.YES),
        ("tramadol de vez en cuando", "es", YesNo.YES),
        ("ocasionalmente codeína", "es", YesNo.YES),
        ("oxicodona", "es", YesNo.YES),
        ("parches de fentanilo", "es", YesNo.YES),
        ("metadona", "es", YesNo.YES),
        ("buprenorfina", "es", YesNo.YES),
        ("manchmal Tilidin", "de", YesNo.YES),
        ("ab und zu Tramal", "de", YesNo.YES),
        ("Oxycodon", "de", YesNo.YES),
        ("Morphium", "de", YesNo.YES),
        ("Fentanylpflaster", "de", YesNo.YES),  # a compound starting with a name
        ("Tilidintropfen manchmal", "de", YesNo.YES),
        ("Codein gegen Husten", "de", YesNo.YES),
        ("Buprenorphin", "de", YesNo.YES),
        ("Methadon", "de", YesNo.YES),
        ("nein", "de", YesNo.NO),
        ("no", "es", YesNo.NO),
        ("antes tomaba tramadol", "es", None),  # a past: asked again with buttons
        ("ya no tomo tramadol", "es", None),
        ("früher Tilidin", "de", None),
        ("Tramadol abgesetzt", "de", None),
        ("kein Tilidin", "de", None),
    ],
)
def test_the_opioid_question_in_spanish_and_german(
    typed: str, language: str, expected: YesNo | None
) -> None:
    assert (
        read_yes_no(typed, unsure_allowed=False, about_opioids=True, language=language) is expected
    )


@pytest.mark.parametrize(
    ("typed", "language", "expected"),
    [
        ("nada", "es", Severity.NONE),
        ("para nada", "es", Severity.NONE),
        ("leve", "es", Severity.MILD),
        ("un poco", "es", Severity.MILD),
        ("moderado", "es", Severity.MODERATE),
        ("Moderada", "es", Severity.MODERATE),
        ("fuerte", "es", Severity.SEVERE),
        ("grave", "es", Severity.SEVERE),
        ("un poco fuerte", "es", None),  # mixed
        ("keine", "de", Severity.NONE),
        ("gar nicht", "de", Severity.NONE),
        ("überhaupt nicht", "de", Severity.NONE),
        ("leicht", "de", Severity.MILD),
        ("ein bisschen", "de", Severity.MILD),
        ("mittel", "de", Severity.MODERATE),
        ("mäßig", "de", Severity.MODERATE),
        ("maessig", "de", Severity.MODERATE),
        ("stark", "de", Severity.SEVERE),
        ("ziemlich schlimm", "de", None),  # like "quite bad"
        ("schlimm", "de", Severity.SEVERE),
        ("ja", "de", None),  # noticed, but how strong?
        ("sí", "es", None),
        ("severe", "de", Severity.SEVERE),
        ("nicht so schlimm", "de", None),  # not that bad: how strong, then?
        ("nicht stark", "de", None),
        ("no muy fuerte", "es", None),
        ("not too bad", "en", None),
    ],
)
def test_severity_in_spanish_and_german(
    typed: str, language: str, expected: Severity | None
) -> None:
    assert read_severity(typed, language=language) is expected


def test_no_word_means_two_answers_in_any_language() -> None:
    from bot.domain.typed_answers import _reading

    for language in ("en", "es", "de"):
        reading = _reading(language)
        assert not reading.yes & reading.no
        levels = list(reading.severity.values())
        for i, one in enumerate(levels):
            for other in levels[i + 1 :]:
                assert not one & other


@pytest.mark.parametrize(
    ("typed", "expected"), [("6 de 10", 6), ("7 von 10", 7), ("3 sobre 10", 3), ("seis", None)]
)
def test_a_score_in_spanish_and_german(typed: str, expected: int | None) -> None:
    assert read_score(typed) == expected


def test_skip_and_nothing_more_in_spanish_and_german() -> None:
    assert asks_to_skip("luego", language="es") and asks_to_skip("später", language="de")
    assert asks_to_skip("spaeter bitte", language="de")
    assert not asks_to_skip("me pasó algo raro", language="es")
    for typed, language in [("nada más", "es"), ("no gracias", "es"), ("todo bien", "es")]:
        assert says_nothing_more(typed, language=language)
    for typed, language in [("nein danke", "de"), ("nichts", "de"), ("alles gut", "de")]:
        assert says_nothing_more(typed, language=language)
    assert not says_nothing_more("dormí mal después del café", language="es")
    assert not says_nothing_more("schlecht geschlafen", language="de")


def test_the_patients_language_is_the_updates_by_default() -> None:
    from bot.i18n import use_language

    with use_language("es"):
        assert read_yes_no("y", unsure_allowed=False) is None
    assert read_yes_no("y", unsure_allowed=False) is YesNo.YES


@pytest.mark.parametrize(
    ("typed", "unsure"),
    [
        ("I dont know", True),
        ("I don't know", True),
        ("not sure", True),
        ("No idea", True),
        ("idk", True),
        ("standard", False),
        ("no", False),
        ("fixed 3", False),
        ("", False),
    ],
)
def test_not_knowing_is_read_as_such(typed: str, unsure: bool) -> None:
    assert says_unsure(typed, language="en") is unsure


def test_not_knowing_in_spanish_and_german() -> None:
    assert says_unsure("no sé", language="es")
    assert says_unsure("weiß nicht", language="de")
