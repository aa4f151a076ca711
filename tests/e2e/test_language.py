"""/language and the chat's language, through the sandbox.

Until a second language is complete (catalog, FAQ and a triage that passes), only English is
offered. The other tests install a small German catalog in a temporary folder to see that the
language is chosen per chat, kept, and used for everything the update sends."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from bot import i18n
from bot.config import Settings
from bot.features.language import handlers as language_handlers
from bot.features.settings import summary as settings_summary
from faq.catalog import load_faq, load_translation
from storage.patients import PatientRepository
from tests.conftest import Clock
from tests.e2e.harness import BotHarness, running_bot

GERMAN = {
    "Which language should I write to you in?": "In welcher Sprache soll ich dir schreiben?",
    "From now on I'll write to you in {language}.": "Ab jetzt schreibe ich dir auf {language}.",
    "Change the language I write in": "Sprache ändern",
    "🌙 Time for tonight's LDN: {dose}.": "🌙 Zeit für dein LDN heute Abend: {dose}.",
}


async def test_only_english_is_offered_while_no_other_language_is_complete(
    bot: BotHarness,
) -> None:
    reply = await bot.say("/language")
    assert "English is the only language" in reply.text
    assert reply.buttons == []


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    catalog = Catalog(locale="de")
    for english, german in GERMAN.items():
        catalog.add(english, german)
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as out:
        write_po(out, catalog)
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    monkeypatch.setattr(language_handlers, "offered_languages", lambda: ("en", "de"))
    monkeypatch.setattr(settings_summary, "offered_languages", lambda: ("en", "de"))
    i18n.available_languages.cache_clear()
    i18n._catalog.cache_clear()
    yield
    i18n.available_languages.cache_clear()
    i18n._catalog.cache_clear()


@pytest.fixture
async def german_bot(german: None, settings: Settings, clock: Clock) -> AsyncIterator[BotHarness]:
    async with running_bot(settings, clock=clock) as harness:
        yield harness


def _stored_language(bot: BotHarness) -> str | None:
    with bot.services.db.session() as session:
        patient = PatientRepository(session).find(bot.chat_id)
        return None if patient is None else patient.language


async def test_the_apps_language_is_used_and_kept_then_changed_with_language(
    german_bot: BotHarness,
) -> None:
    bot = german_bot
    bot.sandbox.set_app_language(bot.chat_id, "de-DE")
    await bot.say("/start")
    # The next message from an existing patient stores the app's language, for reminders too.
    prompt = await bot.say("/language", contains="In welcher Sprache")
    assert _stored_language(bot) == "de"
    assert [text for text, _data in prompt.buttons] == ["English", "✓ Deutsch"]

    changed = await bot.tap(prompt, "English")
    assert changed.text == "From now on I'll write to you in English."
    assert _stored_language(bot) == "en"
    # The choice outlives the app's language.
    again = await bot.say("/language")
    assert again.text == "Which language should I write to you in?"
    assert [text for text, _data in again.buttons] == ["✓ English", "Deutsch"]


async def test_each_chat_gets_its_own_language(german_bot: BotHarness) -> None:
    bot = german_bot
    other = bot.chat_id + 1
    bot.sandbox.set_app_language(bot.chat_id, "de")
    await bot.say("/start")
    await bot.say("/start", chat_id=other)
    german_reply = await bot.say("/language", contains="In welcher")
    english_reply = await bot.say("/language", chat_id=other, contains="Which language")
    assert german_reply.chat_id != english_reply.chat_id


async def test_the_command_menu_is_registered_per_offered_language(
    german_bot: BotHarness,
) -> None:
    menus = german_bot.sandbox.commands_by_language
    assert set(menus) == {"", "de"}
    assert [c["command"] for c in menus["de"]] == [c["command"] for c in menus[""]]


async def test_a_question_in_german_gets_the_german_answer_in_an_english_chat(
    bot: BotHarness,
) -> None:
    german = next(e for e in load_translation("de", load_faq()) if e.id == "missed-dose")
    await bot.say("/start", contains="time zone")
    reply = await bot.say("/ask ich hab gestern abend vergessen mein ldn zu nehmen, was nun?")
    assert reply.text == german.answer


async def test_a_patients_reminder_comes_in_their_language(
    german: None, settings: Settings, clock: Clock
) -> None:
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from tests.e2e.test_reminders import add_patient

    clock.set(datetime(2026, 11, 25, 12, 0, tzinfo=ZoneInfo("Europe/Berlin")))
    async with running_bot(settings, clock=clock) as bot:
        add_patient(bot, at=time(22, 0), start=date(2026, 11, 20))
        with bot.services.db.session() as session:
            patient = PatientRepository(session).find(bot.chat_id)
            assert patient is not None
            patient.language = "de"
        clock.set(datetime(2026, 11, 25, 22, 0, tzinfo=ZoneInfo("Europe/Berlin")))
        await bot.run_jobs()
        reminder = await bot.sandbox.wait_for_message(bot.chat_id, contains="LDN")
        assert reminder.text.startswith("🌙 Zeit für dein LDN heute Abend: 1,5 mg")


async def test_settings_shows_the_language_and_changes_it_once_there_is_a_choice(
    german_bot: BotHarness,
) -> None:
    from tests.e2e.test_reminders import add_patient

    bot = german_bot
    add_patient(bot)
    summary = await bot.say("/settings", contains="Time zone")
    assert "• Language: English" in summary.text
    prompt = await bot.tap(summary, "Language", contains="Which language")
    changed = await bot.tap(prompt, "Deutsch", contains="Ab jetzt")
    assert changed.text == "Ab jetzt schreibe ich dir auf Deutsch."
    summary = await bot.say("/settings", contains="Time zone")
    assert "• Language: Deutsch" in summary.text


async def test_settings_has_no_language_line_while_english_is_the_only_one(
    bot: BotHarness,
) -> None:
    from tests.e2e.test_reminders import add_patient

    add_patient(bot)
    summary = await bot.say("/settings", contains="Time zone")
    assert "Language" not in summary.text
    assert all("Language" not in label for label, _data in summary.buttons)
