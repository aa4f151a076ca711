"""A new patient stepping outside setup halfway, as they tap through it in the chat: typing
"stop", /start or /help again, not knowing their start date; and what the time zone buttons
and the PDF report call a zone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from bot.features.language import handlers as language_handlers
from bot.sandbox import ChatMessage
from storage.models import Night
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import PATIENT, STICKER, BotHarness
from tests.e2e.test_first_minutes import set_up_by_chat, up_to_the_plan_question
from tests.e2e.test_records import pdf_text

WELCOME = "Hello, I'm your LDN companion"


@pytest.fixture(autouse=True)
def spanish_and_german_offered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(language_handlers, "offered_languages", lambda: ("en", "de", "es"))
    yield


def labels(message: ChatMessage) -> list[str]:
    return [label for label, _ in message.buttons]


def saved(bot: BotHarness, column: str) -> object:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(PATIENT)
        assert patient is not None
        return getattr(patient, column)


async def up_to_the_time_question(bot: BotHarness) -> ChatMessage:
    await bot.say("/start", contains=WELCOME)
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    await bot.say("Berlin", contains="Time zone set")
    return await bot.sandbox.wait_for_message(PATIENT, contains="What time")


async def up_to_the_start_question(bot: BotHarness) -> ChatMessage:
    plan = await up_to_the_plan_question(bot)
    await bot.tap(plan, "Standard", contains="Plan set")
    return await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")


@pytest.mark.parametrize("typed", ["stop", "Cancel", "stop please", "quit"])
async def test_stop_typed_mid_setup_says_how_to_stop_and_is_not_read_as_a_place(
    bot: BotHarness, typed: str
) -> None:
    await bot.say("/start", contains=WELCOME)
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    reply = await bot.say(typed, contains="stop")
    text = reply.text or ""
    assert "couldn't find a place" not in text
    assert "/pause" in text and "/delete" in text
    assert labels(reply) == ["▶️ Go on where I left off", "⏹ Stop setup for now"]
    assert saved(bot, "timezone") is None
    # Going on asks the same question again, and it is answered as usual.
    await bot.tap(reply, "Go on", contains="your time zone")
    await bot.say("Berlin", contains="Time zone set")


@pytest.mark.parametrize(("language", "typed"), [("es", "parar"), ("de", "aufhören")])
async def test_stop_in_spanish_or_german_mid_setup(
    bot: BotHarness, language: str, typed: str
) -> None:
    bot.sandbox.set_app_language(PATIENT, language)
    await up_to_the_time_question_in(bot)
    reply = await bot.say(typed, predicate=lambda m: "/pause" in m.body)
    assert "/delete" in (reply.text or "")
    stopped = await bot.tap(reply, "⏹", predicate=lambda m: "/pause" not in m.body)
    assert "/start" in stopped.body
    assert saved(bot, "reminder_time") is None


async def up_to_the_time_question_in(bot: BotHarness) -> ChatMessage:
    """Setup in the app's language, up to the reminder time (its buttons are clock times)."""
    await bot.say("/start")
    await bot.sandbox.wait_until_idle()
    await bot.say("Berlin", predicate=lambda m: "22:00" in labels(m))
    return bot.sandbox.messages(PATIENT)[-1]


async def test_stopping_setup_keeps_quiet_and_start_goes_on(bot: BotHarness) -> None:
    question = await up_to_the_time_question(bot)
    reply = await bot.say("cancel", contains="Stop setup for now")
    await bot.tap(reply, "Stop setup", contains="Setup stopped")
    # Nothing is waited for: a question goes to the FAQ, not to the time question.
    await bot.say("what if I miss a dose?", contains="dose")
    assert saved(bot, "reminder_time") is None
    # A typed time is not taken for the closed question; /start offers to go on.
    offer = await bot.say("/start", contains="partway through")
    assert labels(offer) == ["▶️ Go on where I left off", "🔄 Start over"]
    await bot.tap(offer, "Go on", contains="What time")
    del question


async def test_start_halfway_offers_to_go_on_instead_of_the_welcome(bot: BotHarness) -> None:
    await up_to_the_time_question(bot)
    offer = await bot.say("/start", contains="partway through")
    assert WELCOME not in (offer.text or "")
    # The open question still takes a typed answer.
    await bot.say("22:30", contains="Reminder time set: 22:30")
    await bot.sandbox.wait_for_message(PATIENT, contains="Which form")


async def test_start_over_clears_the_answers_and_asks_the_first_question(
    bot: BotHarness,
) -> None:
    await up_to_the_start_question(bot)
    offer = await bot.say("/start", contains="partway through")
    await bot.tap(offer, "Start over", contains="start again")
    await bot.sandbox.wait_for_message(PATIENT, contains="your time zone")
    for column in ("timezone", "reminder_time", "form", "plan"):
        assert saved(bot, column) is None
    await bot.say("Madrid", contains="Time zone set: Madrid")
    await bot.sandbox.wait_for_message(PATIENT, contains="What time")


async def test_help_mid_setup_asks_the_open_question_again(bot: BotHarness) -> None:
    plan = await up_to_the_plan_question(bot)
    await bot.tap(plan, "Fixed dose", contains="What dose")
    await bot.say("/help", contains="Here's what I can do")
    await bot.sandbox.wait_for_message(PATIENT, contains="Setup isn't finished")
    again = await bot.sandbox.wait_for_message(PATIENT, contains="What dose")
    await bot.tap(again, "3", contains="Plan set")


async def test_help_after_setup_adds_nothing(bot: BotHarness) -> None:
    await set_up_by_chat(bot)
    await bot.say("/help", contains="Here's what I can do")
    await bot.sandbox.wait_until_idle()
    assert "Setup isn't finished" not in bot.sandbox.messages(PATIENT)[-1].body


async def test_cancel_at_a_settings_question_after_setup_changes_nothing(
    bot: BotHarness,
) -> None:
    await set_up_by_chat(bot)
    await bot.say("/time", contains="What time")
    reply = await bot.say("cancel", contains="left your settings as they were")
    assert "/pause" in (reply.text or "")
    assert saved(bot, "awaiting") is None
    assert str(saved(bot, "reminder_time")) == "22:00:00"


@pytest.mark.parametrize("typed", ["idk", "I don't know", "not sure"])
async def test_not_knowing_the_start_date_explains_it_with_the_buttons(
    bot: BotHarness, typed: str
) -> None:
    await up_to_the_start_question(bot)
    reply = await bot.say(typed, contains="first LDN dose")
    assert "couldn't read" not in (reply.text or "")
    assert labels(reply) == ["Today", "Tomorrow", "I already take LDN"]
    await bot.tap(reply, "Tomorrow", contains="Start date set")


@pytest.mark.parametrize(("language", "typed"), [("es", "no sé"), ("de", "weiß nicht")])
async def test_not_knowing_the_start_date_in_spanish_or_german(
    bot: BotHarness, language: str, typed: str
) -> None:
    bot.sandbox.set_app_language(PATIENT, language)
    time = await up_to_the_time_question_in(bot)
    form = await bot.tap(time, "22:00", predicate=lambda m: len(m.buttons) == 2)
    plan = await bot.tap(form, labels(form)[0], predicate=lambda m: len(m.buttons) == 4)
    start = await bot.tap(plan, labels(plan)[0], predicate=lambda m: len(m.buttons) == 3)
    reply = await bot.say(typed, predicate=lambda m: len(m.buttons) == 3)
    assert "/settings" in (reply.text or "") and reply.text != start.text
    await bot.tap(reply, labels(reply)[1])  # tomorrow
    await bot.sandbox.wait_until_idle()
    assert saved(bot, "start_date") is not None


async def test_a_wrong_date_keeps_the_start_buttons(bot: BotHarness) -> None:
    await up_to_the_start_question(bot)
    reply = await bot.say("next sometime", contains="couldn't read")
    assert labels(reply) == ["Today", "Tomorrow", "I already take LDN"]
    assert "3 weeks ago" in (reply.text or "")  # the correction shows a span is understood


@pytest.mark.parametrize(
    ("language", "country"),
    [("en", "Mexico"), ("es", "México"), ("de", "Mexiko"), ("en", "Canada"), ("en", "Australia")],
)
async def test_a_countrys_zone_buttons_are_all_different_with_a_place_and_the_time(
    bot: BotHarness, clock: Clock, language: str, country: str
) -> None:
    bot.sandbox.set_app_language(PATIENT, language)
    await bot.say("/start")
    await bot.sandbox.wait_until_idle()
    choices = await bot.say(country, predicate=lambda m: len(m.buttons) > 2)
    shown = labels(choices)
    assert len(set(shown)) == len(shown), shown
    for label in shown:
        assert "/" not in label, label  # no zone id
        assert "(" in label, label  # a place a patient knows
        assert ":00" in label or ":30" in label, label  # the time there now


async def test_the_report_names_the_zone_as_patients_know_it(bot: BotHarness) -> None:
    await set_up_by_chat(bot)
    bot.sandbox.send_text(PATIENT, "/report")
    message = await bot.sandbox.wait_for_message(
        PATIENT, predicate=lambda m: m.document is not None, timeout=10
    )
    assert message.document is not None
    text = pdf_text(message.document)
    assert "Europe/Berlin" not in text
    assert "Berlin time (Central European Time)" in text


async def test_a_sticker_mid_setup_asks_the_open_question_again(bot: BotHarness) -> None:
    await up_to_the_time_question(bot)
    bot.send_without_text({"sticker": STICKER})
    reply = await bot.sandbox.wait_for_message(PATIENT, contains="only read text")
    assert "question" in (reply.text or "") and "LDN guide" not in (reply.text or "")
    again = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(again, "22:00", contains="Reminder time set")


async def test_the_last_answer_typed_again_at_the_plan_question_gets_the_plan_buttons(
    bot: BotHarness,
) -> None:
    await up_to_the_plan_question(bot)
    reply = await bot.say("capsules please", contains="couldn't read")
    assert "/plan" not in (reply.text or "")  # no command syntax in the middle of setup
    assert labels(reply) == ["Standard", "Gentle start", "Fixed dose", "Custom steps"]
    await bot.tap(reply, "Gentle", contains="Plan set: Gentle")


async def test_a_question_asked_mid_setup_is_answered_then_setup_goes_on(
    bot: BotHarness,
) -> None:
    await up_to_the_time_question(bot)
    await bot.say("what is ldn?", contains="Low Dose Naltrexone")
    await bot.sandbox.wait_for_message(PATIENT, contains="setup question again")
    again = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(again, "22:00", contains="Reminder time set")


async def test_not_remembering_when_they_started_gets_the_not_sure_button(
    bot: BotHarness,
) -> None:
    start = await up_to_the_start_question(bot)
    dose = await bot.tap(start, "I already take LDN", contains="dose")
    await bot.tap(dose, "3", contains="when did you start")
    reply = await bot.say("no idea", contains="rough date")
    assert "couldn't read" not in (reply.text or "")
    assert labels(reply) == ["Not sure"]
    await bot.tap(reply, "Not sure", contains="Start date set")


async def test_settings_mid_setup_shows_them_then_the_open_question(bot: BotHarness) -> None:
    await up_to_the_time_question(bot)
    await bot.say("/settings", contains="Your settings")
    await bot.sandbox.wait_for_message(PATIENT, contains="Setup isn't finished")
    again = await bot.sandbox.wait_for_message(PATIENT, contains="What time")
    await bot.tap(again, "22:00", contains="Reminder time set")


async def test_the_plan_and_start_told_in_a_patients_own_words(bot: BotHarness) -> None:
    # Before: "the normal one" got "I couldn't read it as a plan", "2 weeks ago" at the plan
    # question "I couldn't read “x2” as a step", and "i started about 2 weeks ago" at the start
    # question "I couldn't read it as a date".
    plan = await up_to_the_plan_question(bot)
    assert "Which plan" in plan.body
    await bot.say("the normal one", contains="Plan set: Standard")
    await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    await bot.say("i started about 2 weeks ago", contains="Start date set")
    assert saved(bot, "plan") == "standard"
    assert str(saved(bot, "start_date")) == "2026-11-11"  # the clock's 25 Nov, less 14 days


async def test_a_date_at_the_plan_question_is_typed_back_not_read_as_a_step(
    bot: BotHarness,
) -> None:
    await up_to_the_plan_question(bot)
    reply = await bot.say("2 weeks ago", contains="couldn't read")
    assert "“2 weeks ago”" in (reply.text or "") and "x2" not in (reply.text or "")
    assert labels(reply) == ["Standard", "Gentle start", "Fixed dose", "Custom steps"]


async def test_something_told_at_a_question_that_the_faq_answers_gets_its_answer(
    bot: BotHarness,
) -> None:
    # Not a question, not the answer: "i feel sick after taking it" got "I couldn't read it
    # as a date". Now the FAQ's answer about nausea, then the question again; a short word
    # that is not the answer is still corrected.
    await up_to_the_start_question(bot)
    reply = await bot.say("i feel sick after taking it", contains="food")
    assert "couldn't read" not in (reply.text or "")
    again = await bot.sandbox.wait_for_message(PATIENT, contains="When do you start")
    assert labels(again) == ["Today", "Tomorrow", "I already take LDN"]
    await bot.say("thanks!", contains="couldn't read")
    await bot.tap(again, "Today", contains="Start date set")


@pytest.mark.parametrize("command", ["/taken", "/skip"])
async def test_recording_a_dose_halfway_through_setup_records_nothing(
    bot: BotHarness, command: str
) -> None:
    """The zone is set but no plan yet: there is no dose to record, so none is made up (it used
    to record the standard plan's 1.5 mg), and the question asked goes on."""
    await up_to_the_time_question(bot)
    reply = await bot.say(command, contains="finish setting up")
    assert "recorded" not in reply.body.lower()
    with bot.services.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Night)) == 0
    await bot.say("21:30", contains="21:30")
