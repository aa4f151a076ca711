"""A Bot API sandbox on loopback: the bot talks to it instead of Telegram.

The bot reaches it through ``ApplicationBuilder().base_url(sandbox.base_url)`` and
``.base_file_url(sandbox.base_file_url)``, so PTB's real HTTP stack and long polling run
unchanged. A test (or the offline demo) acts as a patient with ``send_text``/``tap``/
``share_location`` and reads what the bot did with ``messages``/``wait_for_message``/``sent``.

Run it out of process (for benchmarks and crash tests) with::

    python -m bot.sandbox --port 8081 [--flood-limit 30] [--latency 0.05] [--token ...]

which also serves a JSON control API under ``/_sandbox/`` (see ``_CONTROL_HELP``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import html
import itertools
import json
import logging
import math
import re
import signal
import socket
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]

# Form fields whose values PTB sends as plain strings (everything else is JSON-encoded).
_STRING_FIELDS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "url",
        "secret_token",
        "callback_query_id",
        "action",
        "inline_message_id",
        "file_id",
        "language_code",
        "business_connection_id",
        "message_effect_id",
        "ip_address",
        "emoji",
        "title",
        "description",
        "short_description",
        "name",
        "photo",
        "document",
        "thumbnail",
        "certificate",
        "filename",
    }
)

# Methods that put a message into a chat, for flood control and per-chat counts.
_SENDING_METHODS = frozenset({"sendMessage", "sendPhoto", "sendDocument"})
# Messages one chat may get back to back before `per_chat_limit` applies.
PER_CHAT_BURST = 3.0
# "About" one a second: a message arriving this much early (network jitter) still passes.
PER_CHAT_JITTER_SECONDS = 0.05

# Telegram's default when allowed_updates was never set: everything but these.
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_HTML_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_HTML_TOKEN = re.compile(r"<(/?)([^<>\s/]*)([^<>]*)>|<")
_MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")

_STATUS_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    504: "Gateway Timeout",
}

_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """A Bot API error response: HTTP status, description and optional parameters."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


@dataclass(slots=True)
class UploadedFile:
    """A file the bot uploaded (multipart part)."""

    field: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass(slots=True)
class SentCall:
    """One Bot API request as the sandbox received it.

    ``params`` is decoded: JSON fields (reply_markup, commands, ...) are dicts/lists, uploaded
    files are ``bytes`` (their names are in ``files``). ``status`` is the HTTP status served.
    """

    seq: int
    method: str
    params: JSONDict
    time: float
    files: dict[str, UploadedFile] = field(default_factory=dict)
    chat_id: int | str | None = None
    message_id: int | None = None
    status: int = 200
    error: str | None = None


@dataclass(slots=True)
class ChatMessage:
    """A message in a chat as the patient sees it (a snapshot; edits make a new snapshot).

    ``text`` is what is displayed: HTML/MarkdownV2 markup is already rendered to plain text
    (the raw string the bot sent is in ``raw_text``). ``seq`` orders every change in the
    sandbox; pass it as ``after=`` to ``wait_for_message`` to wait for a later change.
    """

    chat_id: int
    message_id: int
    from_bot: bool
    date: int
    seq: int = 0
    text: str | None = None
    caption: str | None = None
    raw_text: str | None = None
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    photo: bytes | None = None
    document: bytes | None = None
    filename: str | None = None
    file_id: str | None = None
    location: tuple[float, float] | None = None
    edited: bool = False
    deleted: bool = False

    @property
    def body(self) -> str:
        """The text or caption, whichever the message has ('' if neither)."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def buttons(self) -> list[tuple[str, str]]:
        """Inline buttons flattened as (text, callback_data or url)."""
        return _flatten_buttons(self.reply_markup)

    @property
    def keyboard(self) -> list[str]:
        """Reply-keyboard button texts (the keyboard under the input field), flattened."""
        if not self.reply_markup:
            return []
        return [
            btn if isinstance(btn, str) else btn.get("text", "")
            for row in self.reply_markup.get("keyboard", ())
            for btn in row
        ]

    def describe(self) -> str:
        """One transcript line."""
        who = "bot" if self.from_bot else "patient"
        parts = [f"#{self.message_id} {who}:"]
        if self.photo is not None:
            parts.append(f"[photo {len(self.photo)} bytes]")
        if self.document is not None:
            parts.append(f"[document {self.filename!r} {len(self.document)} bytes]")
        if self.location is not None:
            parts.append(f"[location {self.location[0]}, {self.location[1]}]")
        if self.body:
            parts.append(repr(self.body))
        if self.buttons:
            parts.append("[buttons: " + " | ".join(f"{t}={d}" for t, d in self.buttons) + "]")
        if self.edited:
            parts.append("(edited)")
        if self.deleted:
            parts.append("(deleted)")
        return " ".join(parts)


@dataclass(slots=True)
class WebhookDelivery:
    """One POST of an update to the bot's webhook."""

    update_id: int
    status: int | None
    error: str | None
    time: float


@dataclass(slots=True)
class _Fault:
    status: int
    description: str
    retry_after: int | None
    delay: float
    chat_id: int | None = None  # only a call to this chat (None: any call)


@dataclass(slots=True)
class _Chat:
    chat: JSONDict
    user: JSONDict
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    next_message_id: int = 1
    read_cursor: int = 0


def _flatten_buttons(markup: JSONDict | None) -> list[tuple[str, str]]:
    if not markup:
        return []
    return [
        (btn.get("text", ""), btn.get("callback_data") or btn.get("url") or "")
        for row in markup.get("inline_keyboard", ())
        for btn in row
    ]


def _decode_field(key: str, raw: str) -> Any:
    if key in _STRING_FIELDS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _html_to_text(text: str) -> str:
    """Validate Telegram HTML like the Bot API does and return the displayed text."""
    stack: list[tuple[str, int]] = []
    out: list[str] = []
    pos = 0
    for match in _HTML_TOKEN.finditer(text):
        out.append(text[pos : match.start()])
        pos = match.end()
        offset = len(text[: match.start()].encode())
        if match.group(1) is None:  # a bare "<"
            raise ApiError(
                400,
                f"Bad Request: can't parse entities: Unsupported start tag at byte offset {offset}",
            )
        closing, tag = match.group(1) == "/", match.group(2).lower()
        if not closing:
            if tag not in _HTML_TAGS:
                raise ApiError(
                    400,
                    f'Bad Request: can\'t parse entities: Unsupported start tag "{tag}" '
                    f"at byte offset {offset}",
                )
            stack.append((tag, offset))
            continue
        if not stack or stack[-1][0] != tag:
            expected = f'"</{stack[-1][0]}>"' if stack else "no end tag"
            raise ApiError(
                400,
                f"Bad Request: can't parse entities: Unmatched end tag at byte offset {offset}, "
                f'expected {expected}, found "</{tag}>"',
            )
        stack.pop()
    if stack:
        tag, offset = stack[-1]
        raise ApiError(
            400,
            f"Bad Request: can't parse entities: Can't find end tag corresponding to start tag "
            f'"{tag}"',
        )
    out.append(text[pos:])
    return html.unescape("".join(out))


def _markdown_v2_to_text(text: str) -> str:
    """Validate MarkdownV2 escaping like the Bot API does and return the displayed text."""
    out: list[str] = []
    open_marks: dict[str, int] = {}
    link_depth = 0
    i, n = 0, len(text)

    def fail(message: str, at: int) -> ApiError:
        offset = len(text[:at].encode())
        return ApiError(
            400, f"Bad Request: can't parse entities: {message} at byte offset {offset}"
        )

    while i < n:
        ch = text[i]
        if ch == "\\":
            if i + 1 < n:
                out.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            fence = "```" if text.startswith("```", i) else "`"
            end = i + len(fence)
            while end < n and not text.startswith(fence, end):
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise fail("Can't find end of Code entity", i)
            body = text[i + len(fence) : end]
            if fence == "```" and "\n" in body:
                body = body.split("\n", 1)[1]  # drop the language line
            out.append(re.sub(r"\\(.)", r"\1", body))
            i = end + len(fence)
            continue
        if ch in "*_~" or text.startswith("||", i):
            mark = "__" if text.startswith("__", i) else ("||" if ch == "|" else ch)
            if mark in open_marks:
                del open_marks[mark]
            else:
                open_marks[mark] = i
            i += len(mark)
            continue
        if ch == "[" or text.startswith("![", i):  # a link or a custom emoji
            link_depth += 1
            i += 2 if ch == "!" else 1
            continue
        if ch == "]" and link_depth:
            link_depth -= 1
            if not text.startswith("(", i + 1):
                raise fail(
                    "Character ']' is reserved and must be escaped with the preceding '\\'", i
                )
            end = i + 2
            while end < n and text[end] != ")":
                end += 2 if text[end] == "\\" else 1
            if end >= n:
                raise fail("Can't find end of a URL", i)
            i = end + 1
            continue
        if ch == ">" and (i == 0 or text[i - 1] == "\n"):
            i += 1
            continue
        if ch in _MD2_RESERVED:
            raise fail(
                f"Character '{ch}' is reserved and must be escaped with the preceding '\\'", i
            )
        out.append(ch)
        i += 1
    if open_marks:
        mark, at = next(iter(open_marks.items()))
        raise fail(f"Can't find end of the entity starting (mark {mark!r})", at)
    if link_depth:
        raise fail("Can't find end of a text URL", n)
    return "".join(out)


def _render(text: str | None, parse_mode: str | None) -> str | None:
    if text is None or not parse_mode:
        return text
    mode = parse_mode.lower()
    if mode == "html":
        return _html_to_text(text)
    if mode == "markdownv2":
        return _markdown_v2_to_text(text)
    if mode == "markdown":
        return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "").replace("_", "")
    raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r}")


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"bytes": len(value)}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


class BotApiSandbox:
    """A loopback Bot API server that records what the bot does and injects patient updates.

    Use ``async with BotApiSandbox() as sandbox:`` (or ``start()``/``stop()``) inside the same
    event loop as the bot.
    """

    def __init__(
        self,
        *,
        token: str = "123456:SANDBOX",
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "ldn_sandbox_bot",
        bot_first_name: str = "LDN Companion",
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        bot_id = token.split(":", 1)[0]
        self.bot_user: JSONDict = {
            "id": int(bot_id) if bot_id.isdigit() else 1,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        # What the bot did.
        self.sent: list[SentCall] = []
        self.answered_callbacks: dict[str, JSONDict] = {}
        self.commands: list[JSONDict] = []
        self.command_sets: dict[tuple[str, str], list[JSONDict]] = {}
        self.chat_actions: list[tuple[int | str, str]] = []
        self.webhook: JSONDict | None = None
        self.webhook_deliveries: list[WebhookDelivery] = []
        # Faults and limits.
        self.flood_limit: float | None = None
        # Telegram's limit in one chat (messages a second, after a burst of PER_CHAT_BURST).
        self.per_chat_limit: float | None = None
        self.latency: float = 0.0
        self.blocked: set[int] = set()
        # Hook for the demo: called with every new bot message or edit.
        self.on_message: Callable[[ChatMessage], None] | None = None

        self._faults: dict[str, deque[_Fault]] = {}
        self._chats: dict[int, _Chat] = {}
        self._events: list[ChatMessage] = []
        self._event_waiters: list[asyncio.Future[None]] = []
        self._updates: deque[JSONDict] = deque()
        self._update_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._files: dict[str, tuple[bytes, str | None]] = {}
        self._allowed_updates: frozenset[str] | None = None
        self._poll_waiter: asyncio.Future[str] | None = None
        self._webhook_wakeup = asyncio.Event()
        self._webhook_task: asyncio.Task[None] | None = None
        self._webhook_inflight = 0
        self._client: ClientSession | None = None
        self._flood_tokens = 0.0
        self._flood_refill_at = 0.0
        self._flood_configured: float | None = None
        self._inflight_calls = 0
        self._last_activity_at = 0.0
        self._closing = False
        self._runner: web.AppRunner | None = None
        # Counters for stats (cheap increments, no scans).
        self._calls_by_method: dict[str, int] = {}
        self._messages_by_chat: dict[int | str, int] = {}
        self._errors_by_status: dict[int, int] = {}
        self._flood_429s = 0
        # Per chat (None: every chat): a flood wait until this monotonic time.
        self._flood_waits: dict[int | None, float] = {}
        self._chat_tokens: dict[int, tuple[float, float]] = {}

        handlers: dict[str, Callable[[SentCall], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageCaption": self._edit_message_caption,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getFile": self._get_file,
            "close": self._true,
            "logOut": self._true,
        }
        self._methods = {name.lower(): handler for name, handler in handlers.items()}
        self._canonical = {name.lower(): name for name in handlers}

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """Give this to ``ApplicationBuilder.base_url`` / ``Bot(base_url=...)``."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Give this to ``ApplicationBuilder.base_file_url`` / ``Bot(base_file_url=...)``."""
        return f"http://{self.host}:{self.port}/file/bot"

    @property
    def control_url(self) -> str:
        """Root of the JSON control API (``/_sandbox/``)."""
        return f"http://{self.host}:{self.port}/_sandbox/"

    async def start(self) -> None:
        """Bind the port (``port=0`` picks a free one) and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_post("/_sandbox/updates", self._control_updates)
        app.router.add_get("/_sandbox/sent", self._control_sent)
        app.router.add_get("/_sandbox/stats", self._control_stats)
        app.router.add_post("/_sandbox/config", self._control_config)
        app.router.add_get("/_sandbox/messages", self._control_messages)
        app.router.add_get("/_sandbox/wait", self._control_wait)
        app.router.add_post("/_sandbox/reset", self._control_reset)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._closing = False

    async def stop(self) -> None:
        """Release pending long polls, stop webhook delivery and close the server."""
        self._closing = True
        self._wake_poll("closing")
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._webhook_task
            self._webhook_task = None
        if self._client is not None:
            await self._client.close()
            self._client = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        for waiter in self._event_waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def __aenter__(self) -> BotApiSandbox:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ------------------------------------------------------------------ a patient acting

    def _chat(self, chat_id: int, chat_type: str = "private", first_name: str = "Pat") -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            user_id = chat_id if chat_type == "private" else abs(chat_id)
            chat_dict: JSONDict = {"id": chat_id, "type": chat_type}
            if chat_type == "private":
                chat_dict["first_name"] = first_name
            else:
                chat_dict["title"] = f"Group {abs(chat_id)}"
            user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
            chat = self._chats[chat_id] = _Chat(chat=chat_dict, user=user)
        return chat

    def _user(self, chat: _Chat, user_id: int | None, first_name: str | None = None) -> JSONDict:
        if user_id is None and first_name in (None, chat.user["first_name"]):
            return chat.user
        return {
            **chat.user,
            "id": chat.user["id"] if user_id is None else user_id,
            "first_name": first_name or chat.user["first_name"],
        }

    def push_update(self, update: JSONDict) -> int:
        """Queue a raw update (an ``update_id`` is assigned if missing); returns the update_id."""
        if "update_id" not in update:
            update = {"update_id": next(self._update_ids), **update}
        else:
            # Keep our counter ahead of explicit ids so later updates still increase.
            while next(self._update_ids) <= update["update_id"]:
                pass
        self._updates.append(update)
        self._wake_poll("update")
        if self.webhook is not None:
            self._webhook_wakeup.set()
        return update["update_id"]

    def _patient_message(self, chat: _Chat, user: JSONDict, extra: JSONDict) -> JSONDict:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        date = int(time.time())
        message = {"message_id": message_id, "date": date, "chat": chat.chat, "from": user, **extra}
        snapshot = ChatMessage(
            chat_id=chat.chat["id"],
            message_id=message_id,
            from_bot=False,
            date=date,
            text=extra.get("text"),
            raw_text=extra.get("text"),
            location=(
                (extra["location"]["latitude"], extra["location"]["longitude"])
                if "location" in extra
                else None
            ),
        )
        self._record_event(chat, snapshot)
        chat.read_cursor = snapshot.seq
        return message

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Pat",
    ) -> int:
        """The patient sends ``text``; a leading ``/command`` gets a bot_command entity."""
        chat = self._chat(chat_id, chat_type, first_name)
        extra: JSONDict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            extra["entities"] = [
                {
                    "type": "bot_command",
                    "offset": 0,
                    "length": len(command.encode("utf-16-le")) // 2,
                }
            ]
        message = self._patient_message(chat, self._user(chat, user_id, first_name), extra)
        return self.push_update({"message": message})

    def share_location(
        self, chat_id: int, latitude: float, longitude: float, *, user_id: int | None = None
    ) -> int:
        """The patient shares a location (e.g. to set their time zone)."""
        chat = self._chat(chat_id)
        extra = {"location": {"latitude": latitude, "longitude": longitude}}
        message = self._patient_message(chat, self._user(chat, user_id), extra)
        return self.push_update({"message": message})

    def edit_text(self, chat_id: int, message_id: int, text: str) -> int:
        """The patient edits a message they sent (Telegram sends an ``edited_message``)."""
        chat = self._chats.get(chat_id)
        old = chat.messages.get(message_id) if chat else None
        if chat is None or old is None or old.from_bot:
            raise AssertionError(f"chat {chat_id} has no patient message #{message_id} to edit")
        extra: JSONDict = {"text": text, "edit_date": int(time.time())}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            length = len(command.encode("utf-16-le")) // 2
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        edited = {
            "message_id": message_id,
            "date": old.date,
            "chat": chat.chat,
            "from": chat.user,
            **extra,
        }
        self._record_event(chat, dataclasses.replace(old, text=text, raw_text=text, edited=True))
        return self.push_update({"edited_message": edited})

    def share_live_location(
        self, chat_id: int, latitude: float, longitude: float, *, live_period: int = 28800
    ) -> int:
        """The patient starts sharing their live location; returns the message's id."""
        chat = self._chat(chat_id)
        extra = {
            "location": {"latitude": latitude, "longitude": longitude, "live_period": live_period}
        }
        message = self._patient_message(chat, self._user(chat, None), extra)
        self.push_update({"message": message})
        return int(message["message_id"])

    def move_live_location(
        self, chat_id: int, message_id: int, latitude: float, longitude: float
    ) -> int:
        """A shared live location moves: Telegram sends the message again, as an edit."""
        chat = self._chats[chat_id]
        old = chat.messages[message_id]
        edited = {
            "message_id": message_id,
            "date": old.date,
            "edit_date": int(time.time()),
            "chat": chat.chat,
            "from": chat.user,
            "location": {"latitude": latitude, "longitude": longitude, "live_period": 28800},
        }
        return self.push_update({"edited_message": edited})

    def send_business_text(self, chat_id: int, text: str, *, connection_id: str = "biz1") -> int:
        """A message in a chat the bot manages for a business account (``business_message``)."""
        chat = self._chat(chat_id)
        message = self._patient_message(
            chat, self._user(chat, None), {"text": text, "business_connection_id": connection_id}
        )
        return self.push_update({"business_message": message})

    def tap(self, chat_id: int, message_id: int, data: str, *, user_id: int | None = None) -> int:
        """The patient taps the inline button with ``data`` on a message the bot sent."""
        chat = self._chats.get(chat_id)
        message = chat.messages.get(message_id) if chat else None
        if chat is None or message is None or message.deleted or not message.from_bot:
            raise AssertionError(
                f"chat {chat_id} has no bot message #{message_id} to tap\n"
                + self.format_transcript(chat_id)
            )
        if data not in (btn_data for _, btn_data in message.buttons):
            raise AssertionError(
                f"message #{message_id} in chat {chat_id} has no button with data {data!r}; "
                f"buttons: {message.buttons}"
            )
        query_id = f"cbq{next(self._callback_ids)}"
        self._open_callbacks.add(query_id)
        chat.read_cursor = self._seq
        return self.push_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": self._user(chat, user_id),
                    "message": self._message_dict(chat, message),
                    "chat_instance": str(chat_id * 7919),
                    "data": data,
                }
            }
        )

    # ------------------------------------------------------------------ what the bot did

    @property
    def _seq(self) -> int:
        return len(self._events)

    @property
    def last_seq(self) -> int:
        """Sequence number of the latest chat change (use as ``after=`` in wait_for_message)."""
        return len(self._events)

    def messages(self, chat_id: int, *, include_patient: bool = False) -> list[ChatMessage]:
        """The chat as it looks now (edits applied, deletions removed); bot messages only
        unless ``include_patient``."""
        chat = self._chats.get(chat_id)
        if chat is None:
            return []
        return [
            m for m in chat.messages.values() if not m.deleted and (include_patient or m.from_bot)
        ]

    def message(self, chat_id: int, message_id: int) -> ChatMessage:
        """One message as it looks now."""
        return self._chats[chat_id].messages[message_id]

    def buttons(self, chat_id: int, message_id: int) -> list[tuple[str, str]]:
        """Inline buttons of a message, flattened as (text, callback_data)."""
        return self.message(chat_id, message_id).buttons

    def calls(self, method: str | None = None, chat_id: int | None = None) -> list[SentCall]:
        """Recorded calls, optionally filtered by method and chat."""
        return [
            c
            for c in self.sent
            if (method is None or c.method == method) and (chat_id is None or c.chat_id == chat_id)
        ]

    def format_transcript(self, chat_id: int) -> str:
        """The whole chat (patient and bot) plus failed calls to it, one line each."""
        chat = self._chats.get(chat_id)
        lines = [f"--- chat {chat_id} transcript ---"]
        if chat is not None:
            lines += ["  " + m.describe() for m in chat.messages.values()]
        failed = [c for c in self.sent if c.chat_id == chat_id and c.status != 200]
        lines += [f"  ! {c.method} -> {c.status} {c.error}" for c in failed[-10:]]
        return "\n".join(lines)

    async def wait_for_message(
        self,
        chat_id: int,
        *,
        contains: str | None = None,
        predicate: Callable[[ChatMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 - the tests' deadline, part of the API
        after: int | None = None,
    ) -> ChatMessage:
        """The next bot message or edit in ``chat_id`` that matches.

        "Next" means after ``after`` (a ``ChatMessage.seq`` / ``last_seq``) or, by default, after
        the later of the patient's last action in this chat and the last message this method
        returned for it, so "patient says X, wait for the reply" works whatever the timing.
        Raises AssertionError with the chat transcript if nothing matches within ``timeout``.
        """
        chat = self._chat(chat_id)
        position = chat.read_cursor if after is None else after
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for event in self._events[position:]:
                if (
                    event.chat_id == chat_id
                    and event.from_bot
                    and (contains is None or contains in event.body)
                    and (predicate is None or predicate(event))
                ):
                    chat.read_cursor = event.seq
                    return event
            position = len(self._events)
            remaining = deadline - loop.time()
            if remaining <= 0 or self._closing:
                wanted = f"containing {contains!r}" if contains is not None else "matching"
                raise AssertionError(
                    f"no bot message {wanted} in chat {chat_id} within {timeout}s\n"
                    + self.format_transcript(chat_id)
                )
            waiter = loop.create_future()
            self._event_waiters.append(waiter)
            try:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter, remaining)
            finally:
                if waiter in self._event_waiters:
                    self._event_waiters.remove(waiter)

    async def watch(
        self, chat_id: int | None = None, *, include_patient: bool = False
    ) -> AsyncIterator[ChatMessage]:
        """Yield new messages and edits (bot's only unless ``include_patient``) from now on."""
        position = len(self._events)
        loop = asyncio.get_running_loop()
        while not self._closing:
            for event in self._events[position:]:
                if (chat_id is None or event.chat_id == chat_id) and (
                    include_patient or event.from_bot
                ):
                    yield event
            position = len(self._events)
            waiter = loop.create_future()
            self._event_waiters.append(waiter)
            try:
                await waiter
            finally:
                if waiter in self._event_waiters:
                    self._event_waiters.remove(waiter)

    async def wait_until_idle(
        self,
        *,
        quiet: float = 0.1,
        timeout: float = 5.0,  # noqa: ASYNC109 - the tests' deadline, part of the API
        poll_interval: float = 0.01,
    ) -> None:
        """Wait until every injected update was taken by the bot and nothing happened for
        ``quiet`` seconds (no call other than an empty getUpdates, no update handed over).
        Raises AssertionError on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            now = time.monotonic()
            if (
                not self._updates
                and self._webhook_inflight == 0
                and self._inflight_calls == 0
                and now - self._last_activity_at >= quiet
            ):
                return
            if loop.time() > deadline:
                raise AssertionError(
                    f"sandbox not idle after {timeout}s: {len(self._updates)} updates pending, "
                    f"{self._inflight_calls} calls in flight"
                )
            await asyncio.sleep(poll_interval)

    def _record_event(self, chat: _Chat, snapshot: ChatMessage) -> None:
        snapshot.seq = len(self._events) + 1
        chat.messages[snapshot.message_id] = snapshot
        self._events.append(snapshot)
        if self._event_waiters:
            for waiter in self._event_waiters:
                if not waiter.done():
                    waiter.set_result(None)
        if snapshot.from_bot and self.on_message is not None:
            try:
                self.on_message(snapshot)
            except Exception:
                _LOGGER.exception("on_message hook failed")

    # ------------------------------------------------------------------ faults

    def fail_next(
        self,
        method: str,
        *,
        status: int = 500,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        delay: float = 0.0,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*" = any method) fail; with
        ``chat_id``, only calls to that chat.

        ``status=429`` sends ``parameters.retry_after`` (default 1). ``delay`` holds the
        response that long first (a slow server / client timeout); with ``status=200`` the call
        then succeeds normally. ``description`` defaults to Telegram's wording for the status.
        """
        if status == 429 and retry_after is None:
            retry_after = 1
        if description is None:
            description = _STATUS_DESCRIPTIONS.get(status, "Error")
            if status == 429:
                description = f"Too Many Requests: retry after {retry_after}"
        queue = self._faults.setdefault(method.lower(), deque())
        queue.extend(_Fault(status, description, retry_after, delay, chat_id) for _ in range(times))

    def flood_wait(self, chat_id: int | None, seconds: float) -> None:
        """Telegram's flood wait: for ``seconds`` (from now; 0 ends it), every message sent to
        ``chat_id`` (None: to any chat) is refused with 429 and the ``retry_after`` to go."""
        self._flood_waits[chat_id] = time.monotonic() + seconds

    def block(self, chat_id: int) -> None:
        """The patient blocked the bot: every call to this chat gets 403 until ``unblock``."""
        self.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self.blocked.discard(chat_id)

    def reset_records(self) -> None:
        """Forget recorded calls and counters (chats and pending updates stay)."""
        self.sent.clear()
        self._calls_by_method.clear()
        self._messages_by_chat.clear()
        self._errors_by_status.clear()
        self._flood_429s = 0
        self._flood_waits.clear()

    def stats(self) -> JSONDict:
        """Counts per method, messages per chat, errors per status, 429s served by flood control."""
        return {
            "total_calls": len(self.sent),
            "calls": dict(self._calls_by_method),
            "messages_per_chat": {str(k): v for k, v in self._messages_by_chat.items()},
            "errors": {str(k): v for k, v in self._errors_by_status.items()},
            "flood_429": self._flood_429s,
            "pending_updates": len(self._updates),
            "webhook_deliveries": len(self.webhook_deliveries),
        }

    def _take_fault(self, method: str, chat_id: Any) -> _Fault | None:
        for key in (method.lower(), "*"):
            queue = self._faults.get(key)
            for fault in queue or ():
                if fault.chat_id is None or str(fault.chat_id) == str(chat_id):
                    queue.remove(fault)  # type: ignore[union-attr]
                    return fault
        return None

    def _check_chat(self, chat_id: Any) -> None:
        """A flood wait on this chat (or on all), or this chat over its own limit: 429."""
        now = time.monotonic()
        chat = chat_id if isinstance(chat_id, int) else None
        until = max(self._flood_waits.get(None, 0.0), self._flood_waits.get(chat, 0.0))
        if until > now:
            self._flood_429s += 1
            retry_after = max(1, math.ceil(until - now))
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        limit = self.per_chat_limit
        if not limit or chat is None:
            return
        tokens, updated = self._chat_tokens.get(chat, (PER_CHAT_BURST, now))
        tokens = min(PER_CHAT_BURST, tokens + (now - updated) * limit)
        if tokens < 1 - PER_CHAT_JITTER_SECONDS * limit:
            self._chat_tokens[chat] = (tokens, now)
            self._flood_429s += 1
            retry_after = max(1, math.ceil((1 - tokens) / limit))
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        self._chat_tokens[chat] = (tokens - 1, now)

    def _check_flood(self) -> None:
        limit = self.flood_limit
        if not limit:
            return
        now = time.monotonic()
        if self._flood_configured != limit:
            self._flood_configured = limit
            self._flood_tokens = limit
            self._flood_refill_at = now
        self._flood_tokens = min(limit, self._flood_tokens + (now - self._flood_refill_at) * limit)
        self._flood_refill_at = now
        if self._flood_tokens < 1:
            self._flood_429s += 1
            retry_after = max(1, math.ceil((1 - self._flood_tokens) / limit))
            raise ApiError(
                429,
                f"Too Many Requests: retry after {retry_after}",
                {"retry_after": retry_after},
            )
        self._flood_tokens -= 1

    # ------------------------------------------------------------------ HTTP: Bot API

    @staticmethod
    def _response(status: int, payload: JSONDict) -> web.Response:
        return web.Response(
            status=status, body=json.dumps(payload).encode(), content_type="application/json"
        )

    def _error(self, call: SentCall | None, error: ApiError) -> web.Response:
        payload: JSONDict = {
            "ok": False,
            "error_code": error.status,
            "description": error.description,
        }
        if error.parameters:
            payload["parameters"] = error.parameters
        if call is not None:
            call.status = error.status
            call.error = error.description
            self._errors_by_status[error.status] = self._errors_by_status.get(error.status, 0) + 1
        return self._response(error.status, payload)

    async def _read_params(self, request: web.Request) -> tuple[JSONDict, dict[str, UploadedFile]]:
        params: JSONDict = {}
        files: dict[str, UploadedFile] = {}
        if request.method == "GET":
            form: Any = request.query
        elif request.content_type == "application/json":
            body = await request.read()
            return (json.loads(body) if body else {}), files
        else:
            form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = UploadedFile(
                    key, value.filename, value.content_type, value.file.read()
                )
            else:
                params[key] = _decode_field(key, value)
        for key, value in list(params.items()):
            # Resolve attach://name references (media groups, thumbnails).
            if isinstance(value, str) and value.startswith("attach://"):
                uploaded = files.get(value[len("attach://") :])
                if uploaded is not None:
                    params[key] = uploaded.data
        for key, uploaded in files.items():
            params.setdefault(key, uploaded.data)
        return params, files

    async def _handle_api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return self._response(
                401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
        raw_method = request.match_info["method"]
        key = raw_method.lower()
        method = self._canonical.get(key, raw_method)
        try:
            params, files = await self._read_params(request)
        except ValueError as exc:
            return self._response(
                400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
            )
        chat_id = params.get("chat_id")
        call = SentCall(len(self.sent), method, params, time.time(), files, chat_id)
        self.sent.append(call)
        self._calls_by_method[method] = self._calls_by_method.get(method, 0) + 1
        is_poll = key == "getupdates"
        if not is_poll:
            self._inflight_calls += 1
        try:
            if self.latency:
                await asyncio.sleep(self.latency)
            fault = self._take_fault(key, chat_id)
            if fault is not None:
                if fault.delay:
                    await asyncio.sleep(fault.delay)
                if fault.status != 200:
                    parameters = {"retry_after": fault.retry_after} if fault.retry_after else None
                    return self._error(call, ApiError(fault.status, fault.description, parameters))
            handler = self._methods.get(key)
            if handler is None:
                return self._error(call, ApiError(404, "Not Found: method not found"))
            if isinstance(chat_id, int) and chat_id in self.blocked:
                return self._error(call, ApiError(403, "Forbidden: bot was blocked by the user"))
            if method in _SENDING_METHODS:
                self._check_chat(chat_id)
                self._check_flood()
            result = handler(call)
            if asyncio.iscoroutine(result):
                result = await result
            return self._response(200, {"ok": True, "result": result})
        except ApiError as error:
            return self._error(call, error)
        finally:
            if not is_poll:
                self._inflight_calls -= 1
                self._last_activity_at = time.monotonic()

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401)
        stored = self._files.get(request.match_info["path"])
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored[0], content_type="application/octet-stream")

    # ------------------------------------------------------------------ methods

    def _true(self, call: SentCall) -> bool:
        return True

    def _get_me(self, call: SentCall) -> JSONDict:
        return self.bot_user

    def _wake_poll(self, reason: str) -> None:
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(reason)

    def _allowed(self, update: JSONDict) -> bool:
        kind = next((k for k in update if k != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _NOT_DEFAULT_UPDATES
        return kind in self._allowed_updates

    def _take_updates(self, limit: int) -> list[JSONDict]:
        result: list[JSONDict] = []
        dropped = False
        for update in self._updates:
            if len(result) >= limit:
                break
            if self._allowed(update):
                result.append(update)
            else:
                dropped = True
        if dropped:  # Telegram never creates updates the bot did not ask for.
            self._updates = deque(u for u in self._updates if self._allowed(u))
        return result

    async def _get_updates(self, call: SentCall) -> list[JSONDict]:
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        params = call.params
        offset = int(params.get("offset") or 0)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        elif offset < 0:
            while len(self._updates) > -offset:
                self._updates.popleft()
        # A newer getUpdates terminates an older one, as on Telegram.
        self._wake_poll("conflict")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            updates = self._take_updates(limit)
            remaining = deadline - loop.time()
            if updates or remaining <= 0 or self._closing:
                if updates:
                    self._last_activity_at = time.monotonic()
                return updates
            waiter: asyncio.Future[str] = loop.create_future()
            self._poll_waiter = waiter
            try:
                reason = await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                reason = "timeout"
            finally:
                if self._poll_waiter is waiter:
                    self._poll_waiter = None
            if reason == "webhook":
                raise ApiError(409, "Conflict: terminated by setWebhook request")
            if reason == "conflict":
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )

    def _target_chat(self, call: SentCall) -> _Chat:
        chat_id = call.chat_id
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id > 0:
            return self._chat(chat_id)
        # The bot spoke first to a group: infer its kind from the id, as Telegram numbers them.
        return self._chat(chat_id, "supergroup" if str(chat_id).startswith("-100") else "group")

    def _message_dict(self, chat: _Chat, message: ChatMessage) -> JSONDict:
        result: JSONDict = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.chat,
            "from": self.bot_user if message.from_bot else chat.user,
        }
        if message.edited:
            result["edit_date"] = int(time.time())
        if message.text is not None:
            result["text"] = message.text
        if message.caption is not None:
            result["caption"] = message.caption
        if message.photo is not None:
            result["photo"] = [
                {
                    "file_id": message.file_id,
                    "file_unique_id": f"u{message.file_id}",
                    "width": 800,
                    "height": 600,
                    "file_size": len(message.photo),
                }
            ]
        if message.document is not None:
            result["document"] = {
                "file_id": message.file_id,
                "file_unique_id": f"u{message.file_id}",
                "file_name": message.filename,
                "file_size": len(message.document),
            }
        if message.location is not None:
            result["location"] = {
                "latitude": message.location[0],
                "longitude": message.location[1],
            }
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            result["reply_markup"] = message.reply_markup
        return result

    def _new_bot_message(self, call: SentCall, **content: Any) -> JSONDict:
        chat = self._target_chat(call)
        message_id = chat.next_message_id
        chat.next_message_id += 1
        markup = call.params.get("reply_markup")
        message = ChatMessage(
            chat_id=chat.chat["id"],
            message_id=message_id,
            from_bot=True,
            date=int(time.time()),
            parse_mode=call.params.get("parse_mode"),
            reply_markup=markup if isinstance(markup, dict) else None,
            **content,
        )
        self._record_event(chat, message)
        call.message_id = message_id
        self._messages_by_chat[message.chat_id] = self._messages_by_chat.get(message.chat_id, 0) + 1
        return self._message_dict(chat, message)

    def _send_message(self, call: SentCall) -> JSONDict:
        raw = call.params.get("text")
        if raw is None or raw == "":
            raise ApiError(400, "Bad Request: message text is empty")
        text = _render(str(raw), call.params.get("parse_mode"))
        if not text or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text.encode("utf-16-le")) // 2 > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return self._new_bot_message(call, text=text, raw_text=str(raw))

    def _media(self, call: SentCall, kind: str) -> tuple[bytes, str | None, str]:
        value = call.params.get(kind)
        uploaded = call.files.get(kind)
        if uploaded is not None:
            file_id = f"F{next(self._file_ids)}"
            self._files[file_id] = (uploaded.data, uploaded.filename)
            return uploaded.data, uploaded.filename, file_id
        if isinstance(value, str) and value in self._files:
            data, filename = self._files[value]
            return data, filename, value
        if isinstance(value, str) and value:
            # A URL or an unknown file_id: remember the reference itself.
            return value.encode(), None, value
        raise ApiError(400, f"Bad Request: there is no {kind} in the request")

    def _caption(self, call: SentCall) -> str | None:
        raw = call.params.get("caption")
        if raw is None:
            return None
        caption = _render(str(raw), call.params.get("parse_mode"))
        if caption and len(caption.encode("utf-16-le")) // 2 > 1024:
            raise ApiError(400, "Bad Request: message caption is too long")
        return caption

    def _send_photo(self, call: SentCall) -> JSONDict:
        data, filename, file_id = self._media(call, "photo")
        caption = self._caption(call)
        return self._new_bot_message(
            call, photo=data, filename=filename, file_id=file_id, caption=caption
        )

    def _send_document(self, call: SentCall) -> JSONDict:
        data, filename, file_id = self._media(call, "document")
        caption = self._caption(call)
        return self._new_bot_message(
            call, document=data, filename=filename, file_id=file_id, caption=caption
        )

    def _existing_message(self, call: SentCall, *, verb: str = "edit") -> tuple[_Chat, ChatMessage]:
        if call.params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not supported by the sandbox")
        chat = self._target_chat(call)
        message = chat.messages.get(call.params.get("message_id"))  # type: ignore[arg-type]
        if message is None or message.deleted:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        if not message.from_bot and verb == "edit":
            raise ApiError(400, "Bad Request: message can't be edited")
        return chat, message

    def _apply_edit(self, call: SentCall, chat: _Chat, old: ChatMessage, **changes: Any) -> Any:
        markup = call.params.get("reply_markup")
        # Telegram drops the inline keyboard when an edit does not resend it.
        changes["reply_markup"] = markup if isinstance(markup, dict) else None
        shown = ("text", "caption", "reply_markup")
        if all(getattr(old, k) == v for k, v in changes.items() if k in shown):
            raise ApiError(400, _NOT_MODIFIED)
        new = dataclasses.replace(old, edited=True, **changes)
        self._record_event(chat, new)
        call.message_id = new.message_id
        return self._message_dict(chat, new)

    def _edit_message_text(self, call: SentCall) -> JSONDict:
        chat, old = self._existing_message(call)
        if old.text is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        raw = call.params.get("text")
        text = _render(None if raw is None else str(raw), call.params.get("parse_mode"))
        if not text or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        return self._apply_edit(
            call,
            chat,
            old,
            text=text,
            raw_text=str(raw),
            parse_mode=call.params.get("parse_mode"),
        )

    def _edit_message_caption(self, call: SentCall) -> JSONDict:
        chat, old = self._existing_message(call)
        if old.photo is None and old.document is None:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        return self._apply_edit(call, chat, old, caption=self._caption(call))

    def _edit_message_reply_markup(self, call: SentCall) -> JSONDict:
        chat, old = self._existing_message(call)
        return self._apply_edit(call, chat, old)

    def _delete_message(self, call: SentCall) -> bool:
        chat, old = self._existing_message(call, verb="delete")
        self._record_event(chat, dataclasses.replace(old, deleted=True))
        call.message_id = old.message_id
        return True

    def _answer_callback_query(self, call: SentCall) -> bool:
        query_id = str(call.params.get("callback_query_id", ""))
        if query_id not in self._open_callbacks:
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._open_callbacks.discard(query_id)
        self.answered_callbacks[query_id] = call.params
        return True

    def _send_chat_action(self, call: SentCall) -> bool:
        self._target_chat(call)
        self.chat_actions.append((call.params["chat_id"], str(call.params.get("action"))))
        return True

    @staticmethod
    def _command_key(params: JSONDict) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, call: SentCall) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            name = command.get("command", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not command.get("description"):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.command_sets[self._command_key(call.params)] = commands
        self.commands = commands
        return True

    def _get_my_commands(self, call: SentCall) -> list[JSONDict]:
        return self.command_sets.get(self._command_key(call.params), [])

    def _delete_my_commands(self, call: SentCall) -> bool:
        self.command_sets.pop(self._command_key(call.params), None)
        if self._command_key(call.params) == self._command_key({}):
            self.commands = []
        return True

    def _set_webhook(self, call: SentCall) -> bool:
        url = str(call.params.get("url") or "")
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        if not url:
            self.webhook = None
            return True
        if not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        self.webhook = {
            "url": url,
            "secret_token": call.params.get("secret_token"),
            "max_connections": call.params.get("max_connections", 40),
            "allowed_updates": call.params.get("allowed_updates"),
        }
        allowed = call.params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        self._wake_poll("webhook")
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhooks())
        self._webhook_wakeup.set()
        return True

    def _delete_webhook(self, call: SentCall) -> bool:
        self.webhook = None
        if call.params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, call: SentCall) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
            if self.webhook["allowed_updates"]:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        failures = [d for d in self.webhook_deliveries[-20:] if d.status != 200]
        if failures:
            info["last_error_date"] = int(failures[-1].time)
            info["last_error_message"] = (
                failures[-1].error or f"Wrong response: {failures[-1].status}"
            )
        return info

    def _get_file(self, call: SentCall) -> JSONDict:
        file_id = str(call.params.get("file_id", ""))
        stored = self._files.get(file_id)
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_size": len(stored[0]),
            "file_path": file_id,
        }

    # ------------------------------------------------------------------ webhook delivery

    async def post_to_webhook(self, update: JSONDict, *, secret: str | None) -> int:
        """POST a raw update to the bot's webhook with this secret (or none); returns the status."""
        if self.webhook is None:
            raise AssertionError("the bot has not called setWebhook")
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        if self._client is None:
            self._client = ClientSession(timeout=ClientTimeout(total=10))
        async with self._client.post(self.webhook["url"], json=update, headers=headers) as resp:
            await resp.read()
            return resp.status

    async def _deliver_webhooks(self) -> None:
        while self.webhook is not None and not self._closing:
            if not self._updates:
                self._webhook_wakeup.clear()
                await self._webhook_wakeup.wait()
                continue
            update = self._updates.popleft()
            if not self._allowed(update):
                continue
            self._webhook_inflight += 1
            status: int | None = None
            error: str | None = None
            try:
                status = await self.post_to_webhook(update, secret=self.webhook["secret_token"])
                if status != 200:
                    error = f"Wrong response from the webhook: {status}"
            except (OSError, TimeoutError, AssertionError) as exc:
                error = f"Connection failed: {exc!r}"
            finally:
                self._webhook_inflight -= 1
                self._last_activity_at = time.monotonic()
            self.webhook_deliveries.append(
                WebhookDelivery(update["update_id"], status, error, time.time())
            )

    # ------------------------------------------------------------------ HTTP: control API

    def inject(self, spec: JSONDict) -> int:
        """Inject one update described as JSON: ``{"kind": "text"|"tap"|"location"|"raw", ...}``."""
        args = dict(spec)
        kind = args.pop("kind", "text")
        if kind == "text":
            return self.send_text(**args)
        if kind == "tap":
            return self.tap(**args)
        if kind == "location":
            return self.share_location(**args)
        if kind == "raw":
            return self.push_update(args.get("update", args))
        raise ValueError(f"unknown update kind {kind!r}")

    async def _control_updates(self, request: web.Request) -> web.Response:
        body = await request.json()
        specs: Iterable[JSONDict] = body if isinstance(body, list) else [body]
        try:
            update_ids = [self.inject(spec) for spec in specs]
        except (TypeError, ValueError, AssertionError) as exc:
            return self._response(400, {"ok": False, "description": str(exc)})
        return self._response(200, {"ok": True, "update_ids": update_ids})

    async def _control_sent(self, request: web.Request) -> web.Response:
        since = int(request.query.get("since", 0))
        method = request.query.get("method")
        calls = self.sent[since:]
        result = [
            {
                "seq": c.seq,
                "method": c.method,
                "params": _jsonable(c.params),
                "time": c.time,
                "chat_id": c.chat_id,
                "message_id": c.message_id,
                "status": c.status,
                "error": c.error,
            }
            for c in calls
            if method is None or c.method == method
        ]
        return self._response(200, {"ok": True, "result": result, "next": len(self.sent)})

    async def _control_stats(self, request: web.Request) -> web.Response:
        return self._response(200, {"ok": True, "result": self.stats()})

    @staticmethod
    def _message_json(m: ChatMessage) -> JSONDict:
        return {
            "seq": m.seq,
            "message_id": m.message_id,
            "from_bot": m.from_bot,
            "text": m.text,
            "caption": m.caption,
            "buttons": m.buttons,
            "keyboard": m.keyboard,
            "edited": m.edited,
            "filename": m.filename,
            "has_photo": m.photo is not None,
            "has_document": m.document is not None,
        }

    async def _control_messages(self, request: web.Request) -> web.Response:
        chat_id = int(request.query["chat_id"])
        messages = self.messages(chat_id, include_patient=True)
        result = [self._message_json(m) for m in messages]
        return self._response(200, {"ok": True, "result": result})

    async def _control_wait(self, request: web.Request) -> web.Response:
        query = request.query
        try:
            message = await self.wait_for_message(
                int(query["chat_id"]),
                contains=query.get("contains"),
                timeout=float(query.get("timeout", 5.0)),
                after=int(query["after"]) if "after" in query else None,
            )
        except AssertionError as exc:
            return self._response(408, {"ok": False, "description": str(exc)})
        return self._response(200, {"ok": True, "result": self._message_json(message)})

    async def _control_config(self, request: web.Request) -> web.Response:
        body = await request.json()
        if "flood_limit" in body:
            self.flood_limit = body["flood_limit"]
        if "per_chat_limit" in body:
            self.per_chat_limit = body["per_chat_limit"]
        if "latency" in body:
            self.latency = float(body["latency"])
        wait = body.get("flood_wait")
        for spec in wait if isinstance(wait, list) else [wait] if wait else []:
            self.flood_wait(spec.get("chat_id"), float(spec["seconds"]))
        for key, action in (("block", self.block), ("unblock", self.unblock)):
            value = body.get(key)
            for chat_id in value if isinstance(value, list) else [value] if value else []:
                action(int(chat_id))
        fail = body.get("fail_next")
        for spec in fail if isinstance(fail, list) else [fail] if fail else []:
            self.fail_next(**spec)
        return self._response(
            200,
            {
                "ok": True,
                "result": {
                    "flood_limit": self.flood_limit,
                    "per_chat_limit": self.per_chat_limit,
                    "latency": self.latency,
                    "blocked": sorted(self.blocked),
                },
            },
        )

    async def _control_reset(self, request: web.Request) -> web.Response:
        self.reset_records()
        return self._response(200, {"ok": True})


_CONTROL_HELP = """\
control API (JSON):
  POST /_sandbox/updates   {"kind":"text","chat_id":1,"text":"/start"} or a list of them;
                           kinds: text(chat_id,text,user_id?,chat_type?,first_name?),
                           tap(chat_id,message_id,data), location(chat_id,latitude,longitude),
                           raw(update)
  GET  /_sandbox/sent?since=N[&method=sendMessage]   recorded calls from index N; "next" = new N
  GET  /_sandbox/stats     calls per method, messages per chat, errors, flood_429
  GET  /_sandbox/messages?chat_id=N   the chat transcript
  GET  /_sandbox/wait?chat_id=N[&contains=..][&timeout=5][&after=SEQ]   next bot message
                           (like wait_for_message); 408 with the transcript if none came
  POST /_sandbox/config    {"flood_limit":30,"per_chat_limit":1,"latency":0.05,"block":[1],
                            "unblock":[1],
                            "fail_next":{"method":"sendMessage","status":429,"retry_after":3},
                            "flood_wait":{"chat_id":1,"seconds":30}}  (chat_id null: all chats)
  POST /_sandbox/reset     forget recorded calls and counters, end flood waits
"""


async def _serve(args: argparse.Namespace) -> None:
    sandbox = BotApiSandbox(token=args.token, host=args.host, port=args.port)
    sandbox.flood_limit = args.flood_limit
    sandbox.latency = args.latency
    await sandbox.start()
    print(
        f"Bot API sandbox listening: base_url={sandbox.base_url} "
        f"base_file_url={sandbox.base_file_url} token={sandbox.token} "
        f"control={sandbox.control_url}",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sandbox.stop()


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m bot.sandbox``."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.sandbox",
        description="A loopback Telegram Bot API sandbox.",
        epilog=_CONTROL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:SANDBOX")
    parser.add_argument("--flood-limit", type=float, default=None, help="messages/s, all chats")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per response")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
