"""The JSON control API under ``/_sandbox/``: the patient driver for another process.

Benchmarks and crash tests run ``python -m bot.sandbox`` as its own process and inject
updates, change limits and faults, and read calls and counters over HTTP.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aiohttp import web

from bot.sandbox.patients import PatientDriver
from bot.sandbox.records import JSONDict

CONTROL_HELP = """\
control API (JSON):
  POST /_sandbox/updates   {"kind":"text","chat_id":1,"text":"/start"} or a list of them;
                           kinds: text(chat_id,text,user_id?,chat_type?,first_name?),
                           tap(chat_id,message_id,data), location(chat_id,latitude,longitude),
                           raw(update)
  GET  /_sandbox/sent?since=N[&method=sendMessage]   recorded calls from index N; "next" = new N
  GET  /_sandbox/stats     calls per method, messages per chat, errors, flood_429
  POST /_sandbox/config    {"flood_limit":30,"per_chat_limit":1,"latency":0.05,"block":[1],
                            "unblock":[1],
                            "fail_next":{"method":"sendMessage","status":429,"retry_after":3},
                            "flood_wait":{"chat_id":1,"seconds":30}}  (chat_id null: all chats)
  POST /_sandbox/reset     forget recorded calls and counters, end flood waits
"""


def _jsonable(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"bytes": len(value)}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


class ControlApi(PatientDriver):
    """The control endpoints; each one calls the patient driver."""

    def add_control_routes(self, app: web.Application) -> None:
        app.router.add_post("/_sandbox/updates", self._control_updates)
        app.router.add_get("/_sandbox/sent", self._control_sent)
        app.router.add_get("/_sandbox/stats", self._control_stats)
        app.router.add_post("/_sandbox/config", self._control_config)
        app.router.add_post("/_sandbox/reset", self._control_reset)

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
