"""The patient driver: what a test or the demo does as a patient, and what it reads back.

A patient sends text, taps buttons, shares locations and edits messages (each becomes an
update the bot polls); then reads the chat as it looks now (``messages``, ``message``),
waits for the bot's answer (``wait_for_message``, ``wait_until_idle``) and arranges
Telegram's faults (``fail_next``, ``flood_wait``, ``block``).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time
from collections import deque
from collections.abc import Callable

from bot.sandbox.records import Chat, ChatMessage, Fault, JSONDict, SentCall
from bot.sandbox.state import SandboxState

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


class PatientDriver(SandboxState):
    """The patient's side of the chats, and the faults a test arranges."""

    def _patient_message(self, chat: Chat, user: JSONDict, extra: JSONDict) -> JSONDict:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        date = self.message_date()
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
        extra: JSONDict = {"text": text, "edit_date": self.message_date()}
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
            "edit_date": self.message_date(),
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
        queue.extend(Fault(status, description, retry_after, delay, chat_id) for _ in range(times))

    def flood_wait(self, chat_id: int | None, seconds: float) -> None:
        """Telegram's flood wait: for ``seconds`` (from now; 0 ends it), every message sent to
        ``chat_id`` (None: to any chat) is refused with 429 and the ``retry_after`` to go."""
        self._flood_waits[chat_id] = time.monotonic() + seconds

    def set_app_language(self, chat_id: int, language_code: str) -> None:
        """The patient's Telegram app language: sent as ``from.language_code`` from now on."""
        self._chat(chat_id).user["language_code"] = language_code

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
