"""The aiohttp transport against the Bot API sandbox: calls, uploads, timeouts, errors."""

from __future__ import annotations

import io
import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.payload import BytesPayload
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.runtime.transport import AiohttpRequest, make_request
from bot.sandbox import BotApiSandbox


@pytest.fixture
async def sandbox() -> AsyncIterator[BotApiSandbox]:
    async with BotApiSandbox() as running:
        yield running


def _bot(sandbox: BotApiSandbox, **timeouts: float) -> Bot:
    return Bot(
        sandbox.token,
        base_url=sandbox.base_url,
        base_file_url=sandbox.base_file_url,
        request=AiohttpRequest(8, **timeouts),
        get_updates_request=AiohttpRequest(),
    )


async def test_messages_and_buttons_arrive(sandbox: BotApiSandbox) -> None:
    async with _bot(sandbox) as bot:
        sent = await bot.send_message(42, "Time for your evening dose 💊")
    (message,) = sandbox.messages(42)
    assert message.text == "Time for your evening dose 💊"
    assert message.message_id == sent.message_id


async def test_a_form_is_sent_as_aiohttp_would_send_it(sandbox: BotApiSandbox) -> None:
    text = "Dosis: 1,5 mg → 3 mg? ¡Sí! 50% & more + ümlauts; a=b #1 💊\nline two"
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("👍 Helpful", callback_data="v:1")]])
    async with _bot(sandbox) as bot:
        await bot.send_message(42, text, reply_markup=buttons)
    (message,) = sandbox.messages(42)
    assert message.text == text
    assert message.buttons == [("👍 Helpful", "v:1")]
    # The same bytes as aiohttp's own form of the parameters, the Content-Type too.
    params = {"chat_id": 42, "text": text, "reply_markup": buttons}
    data = RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])
    sent = AiohttpRequest._body(data)
    assert isinstance(sent, BytesPayload)
    expected = aiohttp.FormData(data.json_parameters)()
    assert (sent._value, sent.content_type) == (expected._value, expected.content_type)


async def test_uploads_arrive_as_files_with_their_captions(sandbox: BotApiSandbox) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    async with _bot(sandbox) as bot:
        await bot.send_photo(42, io.BytesIO(png), caption="Your last 30 nights", filename="c.png")
        await bot.send_document(42, b"%PDF-1.4 report", filename="report.pdf", caption="Report")
    photo, document = sandbox.calls("sendPhoto")[0], sandbox.calls("sendDocument")[0]
    assert photo.params["caption"] == "Your last 30 nights"
    assert [f.data for f in photo.files.values()] == [png]
    assert document.params["caption"] == "Report"
    (pdf,) = document.files.values()
    assert (pdf.filename, pdf.data) == ("report.pdf", b"%PDF-1.4 report")


async def test_a_slow_reply_is_timed_out(sandbox: BotApiSandbox) -> None:
    sandbox.fail_next("sendMessage", status=200, delay=1.0)
    async with _bot(sandbox, read_timeout=0.2) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(42, "slow")
        # a per-call timeout beats the default
        sandbox.fail_next("sendMessage", status=200, delay=0.3)
        sent = await bot.send_message(42, "patient", read_timeout=2.0)
    assert sent.text == "patient"


async def test_a_closed_port_is_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again when the block ends: nobody listens
    request = AiohttpRequest(connect_timeout=2.0)
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as caught:
            await request.post(f"http://127.0.0.1:{port}/bot123:X/getMe")
        assert not isinstance(caught.value, TimedOut)
    finally:
        await request.shutdown()


async def test_not_initialized_and_shut_down_twice() -> None:
    request = AiohttpRequest()
    with pytest.raises(RuntimeError):
        await request.do_request("http://127.0.0.1:1/", "POST")
    await request.initialize()
    await request.shutdown()
    await request.shutdown()


def test_make_request_carries_the_pool_and_timeouts() -> None:
    aio = make_request("aiohttp", connection_pool_size=32, timeout=7.0)
    assert isinstance(aio, AiohttpRequest)
    assert (aio.connection_pool_size, aio.read_timeout) == (32, 7.0)
    httpx = make_request("httpx", connection_pool_size=32, timeout=7.0)
    assert httpx.read_timeout == 7.0


async def test_the_environment_s_proxy_is_used_unless_the_host_is_excluded(
    sandbox: BotApiSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead_proxy = f"http://127.0.0.1:{sock.getsockname()[1]}"  # nobody listens there
    for name in ("http_proxy", "HTTP_PROXY", "no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTP_PROXY", dead_proxy)
    request = AiohttpRequest(connect_timeout=2.0)
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match="Proxy"):
            await request.post(f"{sandbox.base_url}{sandbox.token}/getMe")
    finally:
        await request.shutdown()
    assert sandbox.calls() == []

    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with _bot(sandbox) as bot:
        await bot.send_message(42, "straight to the Bot API")
    assert [m.text for m in sandbox.messages(42)] == ["straight to the Bot API"]
