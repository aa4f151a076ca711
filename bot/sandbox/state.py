"""The sandbox's state and the chat model both sides share.

``SandboxState`` holds what the bot did, the patients' chats, the queued updates and the
faults; ``api``, ``patients`` and ``control`` each add one job on top of it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiohttp import ClientSession, web

from bot.sandbox.records import Chat, ChatMessage, Fault, JSONDict, SentCall, WebhookDelivery

_LOGGER = logging.getLogger("bot.sandbox")


class SandboxState:
    """Everything the sandbox remembers, and the few helpers every job needs."""

    def __init__(
        self,
        *,
        token: str = "123456:SANDBOX",
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "ldn_sandbox_bot",
        bot_first_name: str = "LDN Companion",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        # The dates on messages, in Unix seconds: the demo moves it with its clock.
        self.clock = clock
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
        # setMyCommands with a language_code: that language's menu ("" is the default menu).
        self.commands_by_language: dict[str, list[JSONDict]] = {}
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

        self._faults: dict[str, deque[Fault]] = {}
        self._chats: dict[int, Chat] = {}
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

    def _chat(self, chat_id: int, chat_type: str = "private", first_name: str = "Pat") -> Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            user_id = chat_id if chat_type == "private" else abs(chat_id)
            chat_dict: JSONDict = {"id": chat_id, "type": chat_type}
            if chat_type == "private":
                chat_dict["first_name"] = first_name
            else:
                chat_dict["title"] = f"Group {abs(chat_id)}"
            user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}
            chat = self._chats[chat_id] = Chat(chat=chat_dict, user=user)
        return chat

    def _user(self, chat: Chat, user_id: int | None, first_name: str | None = None) -> JSONDict:
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

    def _wake_poll(self, reason: str) -> None:
        waiter = self._poll_waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(reason)

    @property
    def _seq(self) -> int:
        return len(self._events)

    def _record_event(self, chat: Chat, snapshot: ChatMessage) -> None:
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

    def message_date(self) -> int:
        """A message's date (and edit_date) by the sandbox's clock."""
        return int(self.clock())

    def _message_dict(self, chat: Chat, message: ChatMessage) -> JSONDict:
        result: JSONDict = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": chat.chat,
            "from": self.bot_user if message.from_bot else chat.user,
        }
        if message.edited:
            result["edit_date"] = self.message_date()
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

    @staticmethod
    def _response(status: int, payload: JSONDict) -> web.Response:
        return web.Response(
            status=status, body=json.dumps(payload).encode(), content_type="application/json"
        )

    def _take_fault(self, method: str, chat_id: Any) -> Fault | None:
        for key in (method.lower(), "*"):
            queue = self._faults.get(key)
            for fault in queue or ():
                if fault.chat_id is None or str(fault.chat_id) == str(chat_id):
                    queue.remove(fault)  # type: ignore[union-attr]
                    return fault
        return None
