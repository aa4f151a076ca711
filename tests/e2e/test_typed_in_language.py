"""A Spanish and a German patient type their answers in their language: the safety questions
("sí", "nö", "manchmal Tilidin"), the check-in ("mittel", "fuerte", "6 de 10"), the reminder
time ("22 Uhr", "a las 10 de la noche") and their country ("Spanien", "España"), which comes back
named in their language. Through the sandbox, with the real Spanish and German catalogs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.features.language import handlers as language_handlers
from bot.features.safety.texts import safety_reply
from bot.features.screening import texts as screening_texts
from bot.features.settings import texts as settings_texts
from bot.i18n import use_language
from storage.models import Checkin
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness
from tests.e2e.test_checkins import MORNING_AFTER_FIRST_NIGHT, set_up_patient
from tests.e2e.test_screening import patient_ready_for_screening, stored
from tests.e2e.test_typed_answers import never_sent_to_the_faq


@pytest.fixture(autouse=True)
def spanish_and_german_offered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Both languages offered, as they will be once their triage passes."""
    monkeypatch.setattr(language_handlers, "offered_languages", lambda: ("en", "de", "es"))
    yield


def speaks(bot: BotHarness, language: str) -> None:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None
        patient.language = language


def has_buttons(message: object) -> bool:
    return bool(getattr(message, "buttons", None))


def checkin_row(bot: BotHarness) -> Checkin:
    with bot.services.db.session() as session:
        return session.scalars(select(Checkin).order_by(Checkin.id)).one()


def reminder_time(bot: BotHarness) -> time | None:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None
        return patient.reminder_time


@pytest.mark.parametrize(
    ("language", "no", "yes"), [("de", "nö", "ja"), ("es", "no", "sí"), ("es", "nop", "claro")]
)
async def test_the_safety_questions_are_answered_in_the_patients_words(
    bot: BotHarness, clock: Clock, language: str, no: str, yes: str
) -> None:
    patient_ready_for_screening(bot, clock)
    speaks(bot, language)
    await bot.say("/start", predicate=has_buttons)

    await bot.say(no, predicate=has_buttons)
    await bot.sandbox.wait_until_idle()
    assert stored(bot)[1] == {"opioids": False}
    await bot.say(yes, predicate=has_buttons)
    await bot.sandbox.wait_until_idle()
    assert stored(bot)[1] == {"opioids": False, "liver": True}
    never_sent_to_the_faq(bot)


@pytest.mark.parametrize(
    ("language", "sometimes"),
    [("de", "manchmal Tilidin"), ("es", "a veces tramadol"), ("es", "codeína de vez en cuando")],
)
async def test_sometimes_an_opioid_in_spanish_or_german_is_an_opioid_yes(
    bot: BotHarness, clock: Clock, language: str, sometimes: str
) -> None:
    patient_ready_for_screening(bot, clock)
    speaks(bot, language)
    await bot.say("/start", predicate=has_buttons)
    await bot.say(sometimes, predicate=has_buttons)
    await bot.sandbox.wait_until_idle()
    assert stored(bot)[1] == {"opioids": True}
    assert stored(bot)[0].next_reminder_at is None  # held until the prescriber clears it


@pytest.mark.parametrize(
    ("language", "answers", "nothing_more"),
    [
        ("de", ("keine", "ein bisschen", "nein", "mittel", "6"), "nein danke"),
        ("es", ("nada", "un poco", "no", "fuerte", "6 de 10"), "nada más"),
    ],
)
async def test_a_check_in_is_answered_by_typing_in_spanish_or_german(
    bot: BotHarness, clock: Clock, language: str, answers: tuple[str, ...], nothing_more: str
) -> None:
    set_up_patient(bot, clock)
    speaks(bot, language)
    await bot.run_jobs()
    clock.set(MORNING_AFTER_FIRST_NIGHT)
    await bot.run_jobs()
    await bot.sandbox.wait_for_message(bot.chat_id, predicate=has_buttons)

    for typed in answers:
        await bot.say(typed)
        await bot.sandbox.wait_until_idle()
    row = checkin_row(bot)
    severe = 2 if language == "de" else 3
    assert (row.vivid_dreams, row.sleep_disturbance, row.nausea, row.symptom_flare) == (
        0,
        1,
        0,
        severe,
    )
    assert row.symptom_score == 6
    await bot.say(nothing_more)
    await bot.sandbox.wait_until_idle()
    row = checkin_row(bot)
    assert row.completed_at is not None and row.note is None
    never_sent_to_the_faq(bot)


@pytest.mark.parametrize(
    ("language", "typed", "expected"),
    [
        ("de", "22 Uhr", time(22, 0)),
        ("de", "halb elf abends", time(22, 30)),
        ("es", "a las 10 de la noche", time(22, 0)),
        ("es", "22 h", time(22, 0)),
    ],
)
async def test_the_reminder_time_is_typed_as_the_patient_says_it(
    bot: BotHarness, clock: Clock, language: str, typed: str, expected: time
) -> None:
    set_up_patient(bot, clock)
    speaks(bot, language)
    with use_language(language):
        confirmation = settings_texts.time_set(expected)
    await bot.say(f"/time {typed}", contains=confirmation)
    assert reminder_time(bot) == expected


async def test_an_hour_without_morning_or_evening_is_asked_about_in_german_too(
    bot: BotHarness, clock: Clock
) -> None:
    set_up_patient(bot, clock)
    speaks(bot, "de")
    with use_language("de"):
        question = settings_texts.morning_or_evening("um 9")
    asked = await bot.say("/time um 9", contains=question)
    morning, evening = [label for label, _ in asked.buttons][:2]
    assert morning.startswith("09:00") and evening.startswith("21:00")
    assert reminder_time(bot) == time(22, 0)  # unchanged until the patient says which


@pytest.mark.parametrize(
    ("language", "typed", "first_choice"),
    [
        ("de", "Spanien", "Mitteleuropäische Zeit (Madrid): jetzt "),
        ("es", "España", "Hora de Europa central (Madrid): ahora las "),
        ("es", "Kanada", "Hora oriental (Toronto): ahora las "),
    ],
)
async def test_a_country_typed_in_the_patients_language_comes_back_named_in_it(
    bot: BotHarness, clock: Clock, language: str, typed: str, first_choice: str
) -> None:
    set_up_patient(bot, clock)
    speaks(bot, language)
    with use_language(language):
        question = settings_texts.country_has_several_zones(typed)
    choices = await bot.say(f"/timezone {typed}", contains=question)
    assert choices.buttons[0][0].startswith(first_choice)  # and the time there now


def co_use_reply_start(bot: BotHarness, language: str) -> str:
    """The first words of the opioid co-use safety reply in `language`."""
    with use_language(language):
        return safety_reply("opioid-co-use", bot.services.safety_numbers(None))[:40]


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("es", "a veces tomo tramadol"),
        ("de", "manchmal nehme ich Tilidin"),
        ("es", "sí, tomo oxicodona para la espalda"),
        ("en", "sometimes i take tramadol"),
        ("en", "yes oxycodone for my back"),
    ],
)
async def test_ongoing_opioid_use_at_the_opioid_question_is_its_answer_not_an_emergency(
    bot: BotHarness, clock: Clock, language: str, typed: str
) -> None:
    patient_ready_for_screening(bot, clock)
    speaks(bot, language)
    with use_language(language):
        advice = screening_texts.explain_yes("opioids")
        cleared = screening_texts.cleared_button()
    await bot.say("/start", predicate=has_buttons)
    first = await bot.say(typed)
    assert advice is not None and advice in first.text  # the answer, with the guide's advice
    # ...and the next setup step asks whether the prescriber cleared them
    await bot.sandbox.wait_for_message(
        bot.chat_id, predicate=lambda m: any(cleared in label for label, _ in m.buttons)
    )
    assert stored(bot)[1] == {"opioids": True}
    texts = [m.text or "" for m in bot.sandbox.messages(bot.chat_id)]
    assert not [t for t in texts if t.startswith(co_use_reply_start(bot, language))]


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "i took my ldn and an oxy an hour ago"),
        ("es", "tomé mi ldn y un tramadol hace una hora"),
        ("de", "ich habe mein LDN und Tilidin vor einer Stunde genommen"),
    ],
)
async def test_a_report_of_taking_ldn_and_an_opioid_at_the_opioid_question_gets_the_safety_reply(
    bot: BotHarness, clock: Clock, language: str, typed: str
) -> None:
    patient_ready_for_screening(bot, clock)
    speaks(bot, language)
    await bot.say("/start", predicate=has_buttons)
    reply = await bot.say(typed)
    await bot.sandbox.wait_until_idle()

    assert reply.text.startswith(co_use_reply_start(bot, language))
    assert stored(bot)[1] == {}  # the question still waits for its answer


def zone_of(bot: BotHarness) -> str | None:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None
        return patient.timezone


@pytest.mark.parametrize(
    ("language", "typed", "zone", "confirmation"),
    [
        ("es", "Nueva York", "America/New_York", "hora de Nueva York (hora oriental)"),
        ("es", "Londres", "Europe/London", "hora de Londres"),
        ("es", "Múnich", "Europe/Berlin", "hora de Berlín (hora de Europa central)"),
        ("de", "Köln", "Europe/Berlin", "Zeit in Berlin (Mitteleuropäische Zeit)"),
        ("en", "Cologne", "Europe/Berlin", "Berlin time (Central European Time)"),
        ("en", "Munich", "Europe/Berlin", "Berlin time (Central European Time)"),
        ("en", "UK", "Europe/London", "London time"),
        ("es", "Reino Unido", "Europe/London", "hora de Londres"),
    ],
)
async def test_a_place_is_confirmed_with_a_named_zone_in_the_patients_language_and_its_time(
    bot: BotHarness, clock: Clock, language: str, typed: str, zone: str, confirmation: str
) -> None:
    set_up_patient(bot, clock)
    speaks(bot, language)
    with use_language(language):
        local = clock().astimezone(ZoneInfo(zone))
        expected = settings_texts.timezone_set(confirmation, local).split(confirmation)[0]
    reply = await bot.say(f"/timezone {typed}", contains=expected)
    assert confirmation in reply.text
    assert zone not in reply.text  # no zone id like "America/New_York"
    with use_language(language):
        assert settings_texts.timezone_set("", local).split(".")[-2] in reply.text  # time now
    assert zone_of(bot) == zone


@pytest.mark.parametrize(
    ("language", "typed"), [("es", "EEUU"), ("es", "EE. UU."), ("en", "USA"), ("de", "USA")]
)
async def test_the_united_states_by_their_everyday_names_offer_their_zones(
    bot: BotHarness, clock: Clock, language: str, typed: str
) -> None:
    set_up_patient(bot, clock)
    speaks(bot, language)
    with use_language(language):
        question = settings_texts.country_has_several_zones(typed)
    choices = await bot.say(f"/timezone {typed}", contains=question)
    labels = [label for label, _ in choices.buttons]
    assert "(New York City)" in labels[0]
    assert len(labels) == 7  # every main US zone, Hawaii and Alaska too
    assert not [label for label in labels if "America/" in label]
    await bot.tap(choices, "New York City")
    await bot.sandbox.wait_until_idle()
    assert zone_of(bot) == "America/New_York"


async def test_colonia_in_a_spanish_chat_offers_koeln(bot: BotHarness, clock: Clock) -> None:
    set_up_patient(bot, clock)
    speaks(bot, "es")
    choices = await bot.say("/timezone Colonia", predicate=has_buttons)
    labels = [label for label, _ in choices.buttons]
    assert labels[0].startswith("Köln, Alemania")
    assert any(label.startswith("Colonia, New Jersey") for label in labels)
    reply = await bot.tap(choices, "Köln", contains="hora de Berlín")
    assert "Europe/Berlin" not in reply.text
    assert zone_of(bot) == "Europe/Berlin"
