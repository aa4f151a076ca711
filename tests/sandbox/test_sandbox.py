"""The Bot API sandbox, driven by a real PTB Bot and Application over loopback HTTP."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sys
import warnings
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.sandbox import BotApiSandbox, ChatMessage

CHAT = 4242

KEYBOARD = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Took it", callback_data="dose:taken"),
            InlineKeyboardButton("Skip", callback_data="dose:skip"),
        ]
    ]
)


@pytest.fixture
async def sandbox() -> AsyncIterator[BotApiSandbox]:
    async with BotApiSandbox() as running:
        yield running


@pytest.fixture
async def bot(sandbox: BotApiSandbox) -> AsyncIterator[Bot]:
    async with Bot(
        sandbox.token, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url
    ) as real_bot:
        yield real_bot


def _build_app(sandbox: BotApiSandbox) -> Application:
    return (
        ApplicationBuilder()
        .token(sandbox.token)
        .base_url(sandbox.base_url)
        .base_file_url(sandbox.base_file_url)
        .build()
    )


def _seconds(exc: RetryAfter) -> float:
    # PTB 22 returns int seconds (with a deprecation warning) or a timedelta when opted in.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dt.timedelta) else value


async def _run_polling(app: Application) -> None:
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=10)


async def _stop_polling(app: Application) -> None:
    assert app.updater is not None
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


# --------------------------------------------------------------------------- basic calls


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == 123456
    assert me.is_bot
    assert me.username == "ldn_sandbox_bot"


async def test_wrong_token_is_refused_like_telegram(sandbox: BotApiSandbox) -> None:
    wrong = Bot("999:WRONG", base_url=sandbox.base_url)
    with pytest.raises(InvalidToken):
        await wrong.get_me()
    await wrong.shutdown()


async def test_unknown_method_is_404_and_recorded(bot: Bot, sandbox: BotApiSandbox) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", api_kwargs={"chat_id": CHAT})
    assert sandbox.sent[-1].method == "sendTelepathy"
    assert sandbox.sent[-1].status == 404


async def test_send_message_with_keyboard_is_recorded_and_shown(
    bot: Bot, sandbox: BotApiSandbox
) -> None:
    sent = await bot.send_message(CHAT, "Time for your 1.5 mg dose", reply_markup=KEYBOARD)

    assert sent.message_id == 1
    assert sent.chat.id == CHAT
    assert sent.reply_markup == KEYBOARD
    call = sandbox.calls("sendMessage")[-1]
    assert call.params["chat_id"] == CHAT
    assert call.params["reply_markup"] == KEYBOARD.to_dict()
    assert call.message_id == 1
    [shown] = sandbox.messages(CHAT)
    assert shown.text == "Time for your 1.5 mg dose"
    assert sandbox.buttons(CHAT, 1) == [("Took it", "dose:taken"), ("Skip", "dose:skip")]


async def test_text_that_looks_like_json_stays_text(bot: Bot, sandbox: BotApiSandbox) -> None:
    await bot.send_message(CHAT, "4.5")
    await bot.send_message(CHAT, "true")
    assert [m.text for m in sandbox.messages(CHAT)] == ["4.5", "true"]


async def test_html_is_rendered_and_broken_html_refused(bot: Bot, sandbox: BotApiSandbox) -> None:
    await bot.send_message(CHAT, "<b>Tonight</b>: 3 &lt; 4.5 mg", parse_mode=ParseMode.HTML)
    assert sandbox.messages(CHAT)[-1].text == "Tonight: 3 < 4.5 mg"

    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.send_message(CHAT, "dose < 4.5 mg", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.send_message(CHAT, "<b>unclosed", parse_mode=ParseMode.HTML)


async def test_markdown_v2_needs_escaping(bot: Bot, sandbox: BotApiSandbox) -> None:
    with pytest.raises(BadRequest, match="reserved"):
        await bot.send_message(CHAT, "Take 4.5 mg!", parse_mode=ParseMode.MARKDOWN_V2)
    await bot.send_message(CHAT, r"*Take* 4\.5 mg\!", parse_mode=ParseMode.MARKDOWN_V2)
    assert sandbox.messages(CHAT)[-1].text == "Take 4.5 mg!"


async def test_empty_text_is_a_bad_request(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(CHAT, "")


# --------------------------------------------------------------------------- edits, files


async def test_edits_are_applied_in_place(bot: Bot, sandbox: BotApiSandbox) -> None:
    sent = await bot.send_message(CHAT, "Did you take it?", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text(
        "Noted: taken ✅", chat_id=CHAT, message_id=sent.message_id
    )

    assert edited.text == "Noted: taken ✅"
    [shown] = sandbox.messages(CHAT)
    assert shown.text == "Noted: taken ✅"
    assert shown.edited
    # Telegram drops the keyboard when the edit does not resend it.
    assert shown.reply_markup is None

    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("Noted: taken ✅", chat_id=CHAT, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=CHAT, message_id=999)


async def test_edit_reply_markup_replaces_buttons(bot: Bot, sandbox: BotApiSandbox) -> None:
    sent = await bot.send_message(CHAT, "Pick", reply_markup=KEYBOARD)
    new = InlineKeyboardMarkup([[InlineKeyboardButton("Undo", callback_data="undo")]])
    await bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=new)
    assert sandbox.buttons(CHAT, sent.message_id) == [("Undo", "undo")]
    assert sandbox.messages(CHAT)[0].text == "Pick"


async def test_send_photo_and_document_bytes_are_recorded(bot: Bot, sandbox: BotApiSandbox) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    photo_msg = await bot.send_photo(CHAT, png, caption="Your week", filename="week.png")
    await bot.send_document(CHAT, b"%PDF-1.7 report", filename="report.pdf")

    assert photo_msg.photo[-1].file_size == len(png)
    call = sandbox.calls("sendPhoto")[-1]
    assert call.params["photo"] == png
    assert call.files["photo"].filename == "week.png"
    photo, document = sandbox.messages(CHAT)
    assert (photo.photo, photo.caption) == (png, "Your week")
    assert (document.document, document.filename) == (b"%PDF-1.7 report", "report.pdf")


async def test_commands_and_chat_actions_are_recorded(bot: Bot, sandbox: BotApiSandbox) -> None:
    assert await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("dose", "Log")])
    assert sandbox.commands == [
        {"command": "start", "description": "Begin"},
        {"command": "dose", "description": "Log"},
    ]

    assert await bot.send_chat_action(CHAT, "typing")
    assert sandbox.chat_actions == [(CHAT, "typing")]


# --------------------------------------------------------------------------- faults


async def test_fail_next_429_surfaces_as_retry_after(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "hi")
    assert _seconds(caught.value) == 7
    # Only the next call fails.
    assert (await bot.send_message(CHAT, "hi")).text == "hi"
    assert [c.status for c in sandbox.calls("sendMessage")] == [429, 200]


async def test_fail_next_403_and_500(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.fail_next("sendMessage", status=403)
    sandbox.fail_next("sendMessage", status=500, times=2)
    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(CHAT, "a")
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(CHAT, "b")
    await bot.send_message(CHAT, "c")
    assert [m.text for m in sandbox.messages(CHAT)] == ["c"]


async def test_fail_next_delay_makes_the_client_time_out(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.fail_next("sendMessage", status=200, delay=0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "slow", read_timeout=0.1)


async def test_block_and_unblock(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.block(CHAT)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "reminder")
    await bot.send_message(CHAT + 1, "other chats still work")
    sandbox.unblock(CHAT)
    await bot.send_message(CHAT, "reminder")
    assert [m.text for m in sandbox.messages(CHAT)] == ["reminder"]


async def test_flood_limit_serves_429_beyond_the_rate(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.flood_limit = 5
    outcomes = []
    for i in range(8):
        try:
            await bot.send_message(CHAT, f"m{i}")
            outcomes.append("ok")
        except RetryAfter as exc:
            outcomes.append(_seconds(exc))
    assert outcomes[:5] == ["ok"] * 5
    assert outcomes[5:] == [1, 1, 1]
    assert sandbox.stats()["flood_429"] == 3


async def test_a_flood_wait_refuses_one_chat_until_it_is_over(
    bot: Bot, sandbox: BotApiSandbox
) -> None:
    sandbox.flood_wait(CHAT, 30)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(CHAT, "held")
    assert 29 <= _seconds(caught.value) <= 30  # the time still to go
    await bot.send_message(CHAT + 1, "other chats still work")
    sandbox.flood_wait(CHAT, 0)  # over
    await bot.send_message(CHAT, "through")
    assert [m.text for m in sandbox.messages(CHAT)] == ["through"]
    sandbox.flood_wait(None, 5)  # every chat
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT + 2, "held too")


async def test_per_chat_limit_serves_429_to_that_chat_only(
    bot: Bot, sandbox: BotApiSandbox
) -> None:
    sandbox.per_chat_limit = 1.0
    outcomes = []
    for i in range(5):
        try:
            await bot.send_message(CHAT, f"m{i}")
            outcomes.append("ok")
        except RetryAfter as exc:
            outcomes.append(_seconds(exc))
    assert outcomes == ["ok"] * 3 + [1, 1]  # a burst of three, then about one a second
    await bot.send_message(CHAT + 1, "another chat is not refused")
    assert sandbox.stats()["flood_429"] == 2


async def test_latency_is_added_to_every_response(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.latency = 0.2
    loop = asyncio.get_running_loop()
    started = loop.time()
    await bot.send_message(CHAT, "hi")
    assert loop.time() - started >= 0.2


# --------------------------------------------------------------------------- updates


async def test_get_updates_long_poll_wakes_on_injection(bot: Bot, sandbox: BotApiSandbox) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    update_id = sandbox.send_text(CHAT, "/start now")
    [update] = await asyncio.wait_for(poll, 2)
    assert loop.time() - started < 2

    assert update.update_id == update_id
    assert update.message.text == "/start now"
    assert update.message.from_user.first_name == "Pat"
    assert update.message.chat.type == "private"
    assert update.message.entities[0].type == "bot_command"
    assert update.message.entities[0].length == len("/start")

    # Unconfirmed updates come back; the offset confirms them.
    assert [u.update_id for u in await bot.get_updates()] == [update_id]
    assert await bot.get_updates(offset=update_id + 1) == ()


async def test_get_updates_honours_timeout_and_limit(bot: Bot, sandbox: BotApiSandbox) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= loop.time() - started < 2

    ids = [sandbox.send_text(CHAT, f"msg {i}") for i in range(5)]
    assert [u.update_id for u in await bot.get_updates(limit=2)] == ids[:2]


async def test_allowed_updates_filters(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.send_text(CHAT, "hello")
    sent = await bot.send_message(CHAT, "Pick", reply_markup=KEYBOARD)
    tap_id = sandbox.tap(CHAT, sent.message_id, "dose:skip")
    [update] = await bot.get_updates(allowed_updates=["callback_query"])
    assert update.update_id == tap_id


async def test_stop_releases_a_pending_long_poll_quickly() -> None:
    sandbox = BotApiSandbox()
    await sandbox.start()
    async with Bot(sandbox.token, base_url=sandbox.base_url) as bot:
        poll = asyncio.create_task(bot.get_updates(timeout=30))
        await asyncio.sleep(0.1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await sandbox.stop()
        assert await asyncio.wait_for(poll, 2) == ()
        assert loop.time() - started < 1.5


async def test_tap_needs_a_real_button(bot: Bot, sandbox: BotApiSandbox) -> None:
    sent = await bot.send_message(CHAT, "Pick", reply_markup=KEYBOARD)
    with pytest.raises(AssertionError, match="no button"):
        sandbox.tap(CHAT, sent.message_id, "dose:forged")
    with pytest.raises(AssertionError, match="no bot message"):
        sandbox.tap(CHAT, 99, "dose:skip")


async def test_answer_callback_query_is_recorded_once(bot: Bot, sandbox: BotApiSandbox) -> None:
    sent = await bot.send_message(CHAT, "Pick", reply_markup=KEYBOARD)
    sandbox.tap(CHAT, sent.message_id, "dose:taken")
    [update] = await bot.get_updates()
    assert update.callback_query.message.message_id == sent.message_id
    assert update.callback_query.message.reply_markup == KEYBOARD
    await update.callback_query.answer("Logged", show_alert=True)
    assert sandbox.answered_callbacks[update.callback_query.id]["text"] == "Logged"
    assert sandbox.answered_callbacks[update.callback_query.id]["show_alert"] is True
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await update.callback_query.answer()


async def test_location_update(bot: Bot, sandbox: BotApiSandbox) -> None:
    sandbox.share_location(CHAT, 52.37, 4.89)
    [update] = await bot.get_updates()
    assert (update.message.location.latitude, update.message.location.longitude) == (52.37, 4.89)


async def test_second_poller_terminates_the_first_with_conflict(
    bot: Bot, sandbox: BotApiSandbox
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await asyncio.sleep(0.1)
    async with Bot(sandbox.token, base_url=sandbox.base_url) as other:
        second = asyncio.create_task(other.get_updates(timeout=1))
        with pytest.raises(Conflict, match="terminated by other getUpdates"):
            await asyncio.wait_for(first, 2)
        await second


# --------------------------------------------------------------------------- a real Application


async def test_application_polling_echo_and_callback(sandbox: BotApiSandbox) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text("Welcome! Dose tonight?", reply_markup=KEYBOARD)

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(f"You said: {update.effective_message.text}")

    async def on_tap(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        await query.answer("Saved")
        await query.edit_message_text(f"Recorded {query.data}")

    app = _build_app(sandbox)
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.add_handler(CallbackQueryHandler(on_tap))
    await _run_polling(app)
    try:
        sandbox.send_text(CHAT, "/start")
        welcome = await sandbox.wait_for_message(CHAT, contains="Welcome")
        assert welcome.buttons == [("Took it", "dose:taken"), ("Skip", "dose:skip")]

        sandbox.send_text(CHAT, "hello there")
        reply = await sandbox.wait_for_message(CHAT)
        assert reply.text == "You said: hello there"

        sandbox.tap(CHAT, welcome.message_id, "dose:taken")
        edited = await sandbox.wait_for_message(CHAT, contains="Recorded")
        assert edited.message_id == welcome.message_id
        assert edited.edited
        assert next(iter(sandbox.answered_callbacks.values()))["text"] == "Saved"
        await sandbox.wait_until_idle()
    finally:
        await _stop_polling(app)

    transcript = [(m.from_bot, m.body) for m in sandbox.messages(CHAT, include_patient=True)]
    assert transcript == [
        (False, "/start"),
        (True, "Recorded dose:taken"),
        (False, "hello there"),
        (True, "You said: hello there"),
    ]


async def test_wait_for_message_reports_the_transcript(sandbox: BotApiSandbox) -> None:
    sandbox.send_text(CHAT, "anyone there?")
    with pytest.raises(AssertionError, match="anyone there") as caught:
        await sandbox.wait_for_message(CHAT, contains="reply", timeout=0.2)
    assert "no bot message containing 'reply'" in str(caught.value)


async def test_on_message_hook(bot: Bot, sandbox: BotApiSandbox) -> None:
    seen: list[ChatMessage] = []
    sandbox.on_message = seen.append

    sent = await bot.send_message(CHAT, "one")
    await bot.edit_message_text("two", chat_id=CHAT, message_id=sent.message_id)
    assert [(m.text, m.edited) for m in seen] == [("one", False), ("two", True)]


@pytest.mark.filterwarnings("ignore:Please use .Bot:telegram.warnings.PTBUserWarning")
async def test_methods_the_bot_never_calls_are_not_served(bot: Bot, sandbox: BotApiSandbox) -> None:
    """The sandbox serves only what the bot uses; anything else is Telegram's 404."""
    for method in ("getFile", "getMyCommands", "deleteMyCommands", "editMessageCaption", "logOut"):
        with pytest.raises(EndPointNotFound):
            await bot.do_api_request(method)
    assert [c.status for c in sandbox.calls("getMyCommands")] == [404]


# --------------------------------------------------------------------------- webhook mode


async def test_webhook_mode_posts_updates_with_the_secret(bot: Bot, sandbox: BotApiSandbox) -> None:
    received: list[tuple[str | None, dict]] = []

    async def receive(request: web.Request) -> web.Response:
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        if secret != "s3cret":
            return web.Response(status=403)
        received.append((secret, await request.json()))
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", receive)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        info = await bot.get_webhook_info()
        assert info.url == f"http://127.0.0.1:{port}/hook"

        update_id = sandbox.send_text(CHAT, "via webhook")
        await sandbox.wait_until_idle()
        assert received == [("s3cret", received[0][1])]
        assert received[0][1]["update_id"] == update_id
        assert received[0][1]["message"]["text"] == "via webhook"
        assert [d.status for d in sandbox.webhook_deliveries] == [200]

        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()

        assert await sandbox.post_to_webhook({"update_id": 999}, secret=None) == 403
        assert await sandbox.post_to_webhook({"update_id": 999}, secret="wrong") == 403

        await bot.delete_webhook()
        assert sandbox.webhook is None
        sandbox.send_text(CHAT, "polling again")
        assert [u.message.text for u in await bot.get_updates()] == ["polling again"]
    finally:
        await runner.cleanup()


# --------------------------------------------------------------------------- out of process


async def test_control_api(sandbox: BotApiSandbox, bot: Bot) -> None:
    root = sandbox.control_url
    async with aiohttp.ClientSession() as http:
        async with http.post(root + "reset") as resp:  # forget the bot's getMe
            assert resp.status == 200
        async with http.post(
            root + "updates",
            json=[{"kind": "text", "chat_id": CHAT, "text": "/start"}, {"kind": "raw", "x": 1}],
        ) as resp:
            assert (await resp.json())["update_ids"] == [1, 2]
        async with http.post(
            root + "config", json={"block": [CHAT], "flood_limit": 100, "latency": 0}
        ) as resp:
            assert (await resp.json())["result"]["blocked"] == [CHAT]
        with pytest.raises(Forbidden):
            await bot.send_message(CHAT, "x")
        await bot.send_photo(CHAT + 1, b"img")
        async with http.get(root + "sent", params={"since": 0}) as resp:
            body = await resp.json()
        assert [c["method"] for c in body["result"]] == ["sendMessage", "sendPhoto"]
        assert body["result"][1]["params"]["photo"] == {"bytes": 3}
        assert body["next"] == 2
        async with http.get(root + "stats") as resp:
            stats = (await resp.json())["result"]
        assert stats["calls"] == {"sendMessage": 1, "sendPhoto": 1}
        assert stats["messages_per_chat"] == {str(CHAT + 1): 1}
        assert stats["errors"] == {"403": 1}

        # Nothing out of process reads transcripts or waits over HTTP: not served.
        for path in ("messages", "wait"):
            async with http.get(root + path, params={"chat_id": CHAT + 1}) as resp:
                assert resp.status == 404


async def test_runs_as_a_module(unused_tcp_port: int) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.sandbox",
        "--port",
        str(unused_tcp_port),
        "--flood-limit",
        "30",
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        banner = await asyncio.wait_for(process.stdout.readline(), 10)
        assert f":{unused_tcp_port}/bot" in banner.decode()
        base = f"http://127.0.0.1:{unused_tcp_port}"
        async with Bot("123456:SANDBOX", base_url=base + "/bot") as bot:
            await bot.send_message(CHAT, "hello from another process")
        async with aiohttp.ClientSession() as http, http.get(base + "/_sandbox/stats") as resp:
            stats = json.loads(await resp.text())["result"]
        assert stats["messages_per_chat"] == {str(CHAT): 1}
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), 10)


async def test_wait_until_idle_waits_for_a_slow_handler(sandbox: BotApiSandbox) -> None:
    async def slow_echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await asyncio.sleep(0.05)  # e.g. a database write before replying
        await update.effective_message.reply_text("done")

    app = _build_app(sandbox)
    app.add_handler(MessageHandler(filters.TEXT, slow_echo))
    await _run_polling(app)
    try:
        sandbox.send_text(CHAT, "log my dose")
        await sandbox.wait_until_idle()
        assert [m.text for m in sandbox.messages(CHAT)] == ["done"]
    finally:
        await _stop_polling(app)


async def test_reply_keyboard_is_kept_for_the_patient(bot: Bot, sandbox: BotApiSandbox) -> None:
    await bot.send_message(CHAT, "Share?", reply_markup=ReplyKeyboardMarkup([["Yes", "No"]]))
    assert sandbox.messages(CHAT)[0].keyboard == ["Yes", "No"]
    assert sandbox.messages(CHAT)[0].buttons == []


async def test_real_application_in_webhook_mode(
    sandbox: BotApiSandbox, unused_tcp_port: int
) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(f"hooked: {update.effective_message.text}")

    app = _build_app(sandbox)
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    url = f"http://127.0.0.1:{unused_tcp_port}/hook"
    await app.updater.start_webhook(
        listen="127.0.0.1",
        port=unused_tcp_port,
        url_path="hook",
        webhook_url=url,
        secret_token="s3cret",
    )
    try:
        assert sandbox.webhook is not None
        assert sandbox.webhook["url"] == url
        assert sandbox.webhook["secret_token"] == "s3cret"

        sandbox.send_text(CHAT, "hello")
        assert (await sandbox.wait_for_message(CHAT)).text == "hooked: hello"
        assert [d.status for d in sandbox.webhook_deliveries] == [200]

        forged = {"update_id": 10_000, "message": {"message_id": 1, "date": 0, "text": "x"}}
        assert await sandbox.post_to_webhook(forged, secret=None) == 403
        assert await sandbox.post_to_webhook(forged, secret="guess") == 403
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
