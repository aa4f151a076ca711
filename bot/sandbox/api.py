"""The Bot API the bot calls: an aiohttp app answering ``/bot<token>/<method>``.

It serves the methods the bot uses (getMe, getUpdates with long polling, sending, editing
and deleting messages, callback answers, chat actions, commands, webhooks), checks what
Telegram checks (formatting, lengths, flood limits, blocked chats), and delivers updates to
the bot's webhook when one is set.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import math
import re
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

from bot.sandbox.records import (
    ApiError,
    Chat,
    ChatMessage,
    JSONDict,
    SentCall,
    UploadedFile,
    WebhookDelivery,
)
from bot.sandbox.rendering import render
from bot.sandbox.state import SandboxState

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
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)


def _decode_field(key: str, raw: str) -> Any:
    if key in _STRING_FIELDS:
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class BotApi(SandboxState):
    """The Bot API methods and their HTTP endpoint."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        handlers: dict[str, Callable[[SentCall], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "sendPhoto": self._send_photo,
            "sendDocument": self._send_document,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
        }
        self._methods = {name.lower(): handler for name, handler in handlers.items()}
        self._canonical = {name.lower(): name for name in handlers}

    def add_api_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)

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

    def _get_me(self, call: SentCall) -> JSONDict:
        return self.bot_user

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

    def _target_chat(self, call: SentCall) -> Chat:
        chat_id = call.chat_id
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        if not isinstance(chat_id, int):
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id > 0:
            return self._chat(chat_id)
        # The bot spoke first to a group: infer its kind from the id, as Telegram numbers them.
        return self._chat(chat_id, "supergroup" if str(chat_id).startswith("-100") else "group")

    def _new_bot_message(self, call: SentCall, **content: Any) -> JSONDict:
        chat = self._target_chat(call)
        message_id = chat.next_message_id
        chat.next_message_id += 1
        markup = call.params.get("reply_markup")
        message = ChatMessage(
            chat_id=chat.chat["id"],
            message_id=message_id,
            from_bot=True,
            date=self.message_date(),
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
        text = render(str(raw), call.params.get("parse_mode"))
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
        caption = render(str(raw), call.params.get("parse_mode"))
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

    def _existing_message(self, call: SentCall, *, verb: str = "edit") -> tuple[Chat, ChatMessage]:
        if call.params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not supported by the sandbox")
        chat = self._target_chat(call)
        message = chat.messages.get(call.params.get("message_id"))  # type: ignore[arg-type]
        if message is None or message.deleted:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        if not message.from_bot and verb == "edit":
            raise ApiError(400, "Bad Request: message can't be edited")
        return chat, message

    def _apply_edit(self, call: SentCall, chat: Chat, old: ChatMessage, **changes: Any) -> Any:
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
        text = render(None if raw is None else str(raw), call.params.get("parse_mode"))
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

    def _set_my_commands(self, call: SentCall) -> bool:
        commands = call.params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            name = command.get("command", "")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name) or not command.get("description"):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        language = str(call.params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise ApiError(400, "Bad Request: invalid language code")
        self.commands_by_language[language] = commands
        if not language:
            self.commands = commands
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
