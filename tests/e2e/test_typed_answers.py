"""Issue 13 item 3: words typed while a safety or check-in question waits for a button are read
as that answer, or the question is asked again with its buttons — never answered as an FAQ
question, and the waiting question never scrolls away unanswered."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox import ChatMessage
from storage.models import Checkin
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness
from tests.e2e.test_checkins import MORNING_AFTER_FIRST_NIGHT, is_checkin, set_up_patient
from tests.e2e.test_screening import has_button, patient_ready_for_screening, stored

FAQ_DECLINED = "I don't have an answer to that"


def newest_id(bot: BotHarness) -> int:
    return max((m.message_id for m in bot.sandbox.messages(bot.chat_id)), default=0)


def replies_since(bot: BotHarness, message_id: int) -> list[ChatMessage]:
    """The bot's new messages (not edits) after `message_id`, in order."""
    return [m for m in bot.sandbox.messages(bot.chat_id) if m.message_id > message_id]


def never_sent_to_the_faq(bot: BotHarness) -> None:
    texts = [m.text or "" for m in bot.sandbox.messages(bot.chat_id)]
    assert not [t for t in texts if FAQ_DECLINED in t or "which of these you mean" in t]


async def test_typed_yes_no_and_not_sure_answer_the_safety_questions(
    bot: BotHarness, clock: Clock
) -> None:
    patient_ready_for_screening(bot, clock)
    await bot.say("/start", predicate=has_button("Yes"))

    liver = await bot.say("nope", predicate=has_button("Yes"))
    assert "liver" in liver.text.lower()
    assert stored(bot)[1] == {"opioids": False}
    saved = [m.text for m in bot.sandbox.messages(bot.chat_id) if "Your answer: No" in m.text]
    assert saved and "opioid medicine" in saved[0]

    pregnancy = await bot.say("No.", predicate=has_button("Yes"))
    assert "pregnant" in pregnancy.text.lower()
    immuno = await bot.say("no", predicate=has_button("Yes"))
    assert "immunosuppressant" in immuno.text
    autoimmune = await bot.say("yes I do", predicate=has_button("Not sure"))
    assert "autoimmune" in autoimmune.text
    assert any("interactions" in m.text for m in bot.sandbox.messages(bot.chat_id))
    await bot.say("not sure", contains="Your answer: Not sure")
    await bot.sandbox.wait_until_idle()

    patient, answers = stored(bot)
    assert answers == {
        "opioids": False,
        "liver": False,
        "pregnancy": False,
        "immunosuppressants": True,
        "autoimmune": None,
    }
    assert patient.setup_completed_at is not None and patient.awaiting is None
    never_sent_to_the_faq(bot)


async def test_sometimes_tramadol_is_an_opioid_yes_and_asks_for_the_clearance(
    bot: BotHarness, clock: Clock
) -> None:
    patient_ready_for_screening(bot, clock)
    await bot.say("/start", predicate=has_button("Yes"))
    clearance = await bot.say("sometimes tramadol", predicate=has_button("cleared me"))
    assert "Before your first dose" in clearance.text
    assert stored(bot)[1] == {"opioids": True}
    assert any("withdrawal" in m.text for m in bot.sandbox.messages(bot.chat_id))

    liver = await bot.say("not yet", predicate=has_button("Yes"))
    assert "liver" in liver.text.lower()
    assert stored(bot)[1] == {"opioids": True, "opioids_cleared": False}
    assert stored(bot)[0].next_reminder_at is None
    never_sent_to_the_faq(bot)


async def test_unclear_words_or_a_question_ask_the_safety_question_again_with_its_buttons(
    bot: BotHarness, clock: Clock
) -> None:
    patient_ready_for_screening(bot, clock)
    await bot.say("/start", predicate=has_button("Yes"))

    again = await bot.say("blue", predicate=has_button("Yes"))
    assert "couldn't tell which answer" in again.text and "opioid medicine" in again.text
    # "no tramadol" and "stopped tramadol" are not clear enough to save either way.
    again = await bot.say("stopped tramadol", predicate=has_button("Yes"))
    assert "opioid medicine" in again.text
    assert stored(bot)[1] == {}

    seq = newest_id(bot)
    await bot.say("what if I miss a dose?", predicate=has_button("Yes"))
    await bot.sandbox.wait_until_idle()
    after = replies_since(bot, seq)
    assert "dose" in after[0].text.lower()  # the FAQ answered the question...
    assert "opioid medicine" in after[-1].text  # ...and the safety question is back, last
    assert [label for label, _ in after[-1].buttons] == ["Yes", "No"]
    assert stored(bot)[1] == {}

    await bot.say("no", predicate=has_button("Yes"), contains="liver")
    assert stored(bot)[1] == {"opioids": False}


async def test_a_red_flag_typed_while_a_safety_question_waits_gets_the_safety_reply(
    bot: BotHarness, clock: Clock
) -> None:
    patient_ready_for_screening(bot, clock)
    await bot.say("/start", predicate=has_button("Yes"))
    reply = await bot.say("I took a whole bottle of my LDN, yes")
    assert "now" in reply.text and "Your answer" not in reply.text
    await bot.sandbox.wait_until_idle()
    assert stored(bot)[1] == {}


# ------------------------------------------------------------------------ check-ins


def checkin_rows(bot: BotHarness) -> list[Checkin]:
    with bot.services.db.session() as session:
        return list(session.scalars(select(Checkin).order_by(Checkin.id)))


async def a_checkin_waiting(bot: BotHarness, clock: Clock) -> ChatMessage:
    set_up_patient(bot, clock)
    await bot.run_jobs()
    clock.set(MORNING_AFTER_FIRST_NIGHT)
    await bot.run_jobs()
    return await bot.sandbox.wait_for_message(bot.chat_id, predicate=is_checkin)


async def test_a_check_in_can_be_answered_by_typing(bot: BotHarness, clock: Clock) -> None:
    checkin = await a_checkin_waiting(bot, clock)

    edited = await bot.say("nope", contains="sleep been disturbed")
    assert edited.message_id == checkin.message_id  # the same message, edited step by step
    assert "Vivid dreams or nightmares: None" in edited.text
    edited = await bot.say("a little", contains="nausea")
    assert "Sleep disturbance: Mild" in edited.text
    edited = await bot.say("no", contains="flared")
    edited = await bot.say("moderate", contains="0 = no symptoms")
    assert "Symptom flare: Moderate" in edited.text
    edited = await bot.say("6", contains="Anything else")
    assert "Symptom score: 6/10" in edited.text
    advice = await bot.say("nothing", contains="Thanks for checking in")
    assert "flare" in advice.text.lower()

    [row] = checkin_rows(bot)
    assert (row.vivid_dreams, row.sleep_disturbance, row.nausea, row.symptom_flare) == (0, 1, 0, 2)
    assert row.symptom_score == 6 and row.completed_at is not None and row.note is None
    never_sent_to_the_faq(bot)


async def test_unclear_words_ask_the_check_in_question_again_with_its_buttons(
    bot: BotHarness, clock: Clock
) -> None:
    checkin = await a_checkin_waiting(bot, clock)

    # "6" while a side-effect question waits is no severity: asked again, buttons and all.
    again = await bot.say("6", predicate=is_checkin)
    assert again.message_id != checkin.message_id
    assert "couldn't tell" in again.text and "vivid dreams" in again.text
    assert {"None", "Mild", "Moderate", "Severe"} <= {label for label, _ in again.buttons}
    # Only the newest copy of the question keeps its buttons.
    await bot.sandbox.wait_until_idle()
    assert not bot.sandbox.message(bot.chat_id, checkin.message_id).buttons

    seq = newest_id(bot)
    await bot.say("can I take it in the morning?", predicate=is_checkin)
    await bot.sandbox.wait_until_idle()
    after = replies_since(bot, seq)
    assert "bedtime" in after[0].text  # the FAQ's answer first
    assert is_checkin(after[-1]) and "vivid dreams" in after[-1].text  # then the question again

    await bot.say("severe", contains="sleep been disturbed")
    assert checkin_rows(bot)[0].vivid_dreams == 3


async def test_a_typed_note_after_the_score_is_saved_once(bot: BotHarness, clock: Clock) -> None:
    checkin = await a_checkin_waiting(bot, clock)
    for label in ("None", "None", "None", "None"):
        checkin = await bot.tap(checkin, label)
    checkin = await bot.tap(checkin, "3", contains="Anything else")
    await bot.say("slept badly after coffee", contains="Thanks")
    await bot.sandbox.wait_until_idle()
    assert checkin_rows(bot)[0].note == "slept badly after coffee"
    said = [m.text for m in bot.sandbox.messages(bot.chat_id)]
    assert sum(t.count("Note saved.") for t in said) == 1


async def test_a_check_in_left_since_the_morning_no_longer_takes_typed_words(
    bot: BotHarness, clock: Clock
) -> None:
    await a_checkin_waiting(bot, clock)
    clock.advance(hours=13)  # the evening: the morning's check-in is let go
    before = newest_id(bot)
    reply = await bot.say("what if I miss a dose?")
    assert "dose" in reply.text.lower() and not is_checkin(reply)
    await bot.sandbox.wait_until_idle()
    assert not [m for m in replies_since(bot, before) if is_checkin(m)]
    assert checkin_rows(bot)[0].vivid_dreams is None
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        assert patient is not None and patient.awaiting is None
