"""What the sandbox keeps: the calls the bot made, the chats as a patient sees them, faults.

Plain data shared by the other modules; nothing here talks HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]


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
        return flatten_buttons(self.reply_markup)

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
class Fault:
    status: int
    description: str
    retry_after: int | None
    delay: float
    chat_id: int | None = None  # only a call to this chat (None: any call)


@dataclass(slots=True)
class Chat:
    chat: JSONDict
    user: JSONDict
    messages: dict[int, ChatMessage] = field(default_factory=dict)
    next_message_id: int = 1
    read_cursor: int = 0


def flatten_buttons(markup: JSONDict | None) -> list[tuple[str, str]]:
    if not markup:
        return []
    return [
        (btn.get("text", ""), btn.get("callback_data") or btn.get("url") or "")
        for row in markup.get("inline_keyboard", ())
        for btn in row
    ]
