"""Questions in the chat: answers with votes, honest unknowns, did-you-mean, the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import build_services
from bot.cli import main
from faq.catalog import load_faq
from storage.models import FaqQuestion
from tests.conftest import make_settings
from tests.e2e.harness import STICKER, BotHarness, shared_faq

MISSED_DOSE = next(e for e in load_faq() if "miss" in e.question.lower())


async def test_a_question_gets_the_faq_answer_with_vote_buttons(bot: BotHarness) -> None:
    reply = await bot.say(MISSED_DOSE.question)
    assert reply.text == MISSED_DOSE.answer
    assert [label for label, _ in reply.buttons] == ["👍 Helpful", "👎 Not helpful"]

    await bot.tap(reply, "👎", contains="didn't help")
    assert bot.sandbox.message(bot.chat_id, reply.message_id).buttons == []
    with bot.services.db.session() as session:
        asked = session.scalars(select(FaqQuestion)).one()
        assert (asked.kind, asked.entry_id, asked.vote) == ("answer", MISSED_DOSE.id, -1)


async def test_ask_command_answers_too(bot: BotHarness) -> None:
    reply = await bot.say(f"/ask {MISSED_DOSE.question}")
    assert reply.text == MISSED_DOSE.answer


async def test_a_question_reads_the_patient_in_the_language_look_up(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The look-up of the chat's language also reads what answer the bot awaits: a question
    is two units of work (that read, the question's record), not three."""
    units: list[str] = []
    run = bot.services.db.run

    async def counted(work: Any, **options: Any) -> Any:
        units.append(work.__qualname__.split(".")[0])
        return await run(work, **options)

    monkeypatch.setattr(bot.services.db, "run", counted)
    for _stranger_then_patient in range(2):  # the question's record makes a stranger a patient
        units.clear()
        reply = await bot.say(MISSED_DOSE.question)
        assert reply.text == MISSED_DOSE.answer
        assert units == ["speak_the_chats_language", "answer_question"]
    units.clear()
    reply = await bot.say(MISSED_DOSE.question)  # the language is known: the router reads
    assert reply.text == MISSED_DOSE.answer
    assert units == ["route_free_text", "answer_question"]


async def test_ask_without_a_question_explains_how(bot: BotHarness) -> None:
    reply = await bot.say("/ask")
    assert "Type your question" in reply.text


async def test_an_unknown_question_gets_an_honest_answer_and_is_stored(bot: BotHarness) -> None:
    reply = await bot.say("what will the weather be like in Lisbon tomorrow?")
    assert "prescriber" in reply.text
    assert reply.buttons == []
    with bot.services.db.session() as session:
        assert session.scalars(select(FaqQuestion.kind)).all() == ["unknown"]


async def test_a_red_flag_gets_the_safety_message_not_an_faq_answer(bot: BotHarness) -> None:
    reply = await bot.say("I accidentally took 10 capsules at once, what do I do")
    assert bot.services.settings.safety.emergency_number in reply.text
    assert reply.buttons == []


async def test_did_you_mean_offers_entries_as_buttons(bot: BotHarness) -> None:
    matcher = bot.services.faq
    assert matcher is not None
    devset = Path(__file__).parents[1] / "faq" / "devset.tsv"
    candidates = ["dose"] + [  # one word that fits several entries, then the dev set
        line.split("\t", 1)[1]
        for line in devset.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#") and "\t" in line
    ]
    unsure = next((q for q in candidates if matcher.ask(q).kind == "clarify"), None)
    assert unsure is not None, "no dev-set question gets a 'did you mean' to test it with"
    reply = await bot.say(unsure)
    assert 1 <= len(reply.buttons) <= 3
    label, _ = reply.buttons[0]
    answer = await bot.tap(reply, label)
    chosen = next(e for e in load_faq() if e.question == label)
    # The "tap one:" message itself becomes the chosen answer, with its vote buttons: no empty
    # "tap one:" is left above it (issue 13 item 11).
    assert answer.message_id == reply.message_id and answer.text == chosen.answer
    assert [label for label, _ in answer.buttons] == ["👍 Helpful", "👎 Not helpful"]
    await bot.sandbox.wait_until_idle()
    assert not [m for m in bot.sandbox.messages(bot.chat_id) if "tap one" in (m.text or "")]
    await bot.tap(answer, "👍")
    with bot.services.db.session() as session:
        asked = session.scalars(select(FaqQuestion)).one()
        assert (asked.entry_id, asked.vote) == (chosen.id, 1)


async def test_faq_report_lists_unanswered_and_down_voted(
    bot: BotHarness, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Three different patients ask the same: it is reported. One patient asks twice: not.
    for chat_id in (bot.chat_id, bot.chat_id + 1, bot.chat_id + 2):
        await bot.say("can I walk my dog at night?", chat_id=chat_id)
    for _ in range(2):
        await bot.say("can I bring my parrot Kiwi to the pharmacy?")
    reply = await bot.say(MISSED_DOSE.question)
    await bot.tap(reply, "👎", contains="didn't help")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "1:x"\n[storage]\nurl = "{bot.services.db.url}"\n', encoding="utf-8"
    )
    assert main(["faq", "report", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "3× can i walk my dog at night?" in out
    assert "parrot" not in out
    assert MISSED_DOSE.id in out  # the down vote counts; one patient's wording is not shown
    assert MISSED_DOSE.question.lower() not in out.lower()


async def test_messages_the_bot_cannot_read_get_a_kind_reply_and_are_kept(
    bot: BotHarness,
) -> None:
    emoji = await bot.say("🙂🙂👍")
    assert "couldn't find any words" in emoji.text
    assert "miss a dose" in emoji.text

    russian = await bot.say("Можно ли принимать LDN утром?")
    assert "only read questions in English" in russian.text

    story = "My week has been long and I want to tell you everything about it. " * 70
    long_reply = await bot.say(story[:4000])
    assert "one question at a time" in long_reply.text
    assert "prescriber" in long_reply.text

    with bot.services.db.session() as session:
        kept = session.execute(select(FaqQuestion.text, FaqQuestion.kind)).all()
    assert [(text[:10], len(text), kind) for text, kind in kept] == [
        ("🙂🙂👍", 3, "unknown"),
        ("Можно ли п", 29, "unknown"),
        (story[:10], 4000, "unknown"),
    ]
    # ...and the chat goes on as before.
    after = await bot.say(MISSED_DOSE.question)
    assert after.text == MISSED_DOSE.answer


async def test_a_sticker_or_photo_gets_asked_for_words(bot: BotHarness) -> None:
    for message_id, content in (
        (900, {"sticker": STICKER}),
        (901, {"voice": {"file_id": "voice-1", "file_unique_id": "v1", "duration": 3}}),
    ):
        bot.send_without_text(content, message_id=message_id)
        reply = await bot.sandbox.wait_for_message(bot.chat_id)
        assert "only read text" in reply.text
    after = await bot.say(MISSED_DOSE.question)
    assert after.text == MISSED_DOSE.answer


def test_bots_share_a_built_faq_only_when_the_settings_that_shape_it_are_equal(
    tmp_path: Path,
) -> None:
    """The harness builds the FAQ once per `faq_shape` and hands it to `build_services`."""
    built = shared_faq(make_settings(tmp_path))
    assert built is not None
    assert shared_faq(make_settings(tmp_path, telegram={"http_client": "httpx"})) is built
    words_only = shared_faq(make_settings(tmp_path, faq={"semantic": False}))
    assert words_only is not None and words_only is not built and words_only.encoder is None
    no_net = shared_faq(make_settings(tmp_path, safety={"semantic_net": False}))
    assert no_net is not None and no_net.safety_net is None and no_net.faq.safety_net is None
    own_file = make_settings(tmp_path, faq={"path": str(tmp_path / "faq.toml")})
    assert shared_faq(own_file) is None  # read again at each start: the test may rewrite it
    services = build_services(make_settings(tmp_path), faq=built)
    assert services.faq is built.faq and services.encoder is built.encoder
    assert services.safety_net is built.safety_net is built.faq.safety_net
