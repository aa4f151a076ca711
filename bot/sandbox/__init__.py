"""A Bot API sandbox on loopback: the bot talks to it instead of Telegram.

The bot reaches it through ``ApplicationBuilder().base_url(sandbox.base_url)`` and
``.base_file_url(sandbox.base_file_url)``, so PTB's real HTTP stack and long polling run
unchanged. A test (or the offline demo) acts as a patient with ``send_text``/``tap``/
``share_location`` and reads what the bot did with ``messages``/``wait_for_message``/``sent``.

One module per job:

- ``api``: the Bot API methods the bot calls (and webhook delivery);
- ``patients``: the patient driver (send, tap, read, wait, faults);
- ``control``: the JSON control API under ``/_sandbox/`` for another process;
- ``__main__``: the CLI, ``python -m bot.sandbox --port 8081 [--flood-limit 30]
  [--latency 0.05] [--token ...]``;
- ``state``/``records``/``rendering``: what they share (state, data, Telegram formatting);
- ``server``: ``BotApiSandbox``, all of it on one port.
"""

from bot.sandbox.records import ApiError, ChatMessage, SentCall, UploadedFile, WebhookDelivery
from bot.sandbox.server import BotApiSandbox

__all__ = [
    "ApiError",
    "BotApiSandbox",
    "ChatMessage",
    "SentCall",
    "UploadedFile",
    "WebhookDelivery",
]
