"""Reminder dispatcher figures, against the Bot API sandbox run out of process.

  dispatch   10,000 patients due in the same minute, no flood limit and the PTB rate limiter
             off: reminders per second the bot itself dispatches (claim + send + record).
  flood      the same, with the sandbox enforcing 30 messages/s and the rate limiter on:
             delivered per second, 429s, duplicates and losses.
  startup    100,000 patients in the database: build_application + initialize + post_init
             (which schedules the tick) time, and the process's RSS once the city index that
             start-up begins building in the background is in. Run in a fresh process.

Run: python benchmarks/bench_reminders.py [dispatch|flood|startup|all] [--patients N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.seed import FIRST_CHAT, seed_patients  # noqa: E402
from bot.app import build_application, build_services  # noqa: E402
from bot.config import Settings, parse_settings  # noqa: E402
from bot.features.reminders.dispatcher import dispatch_due  # noqa: E402
from bot.features.settings import city_index as city_index_warm_up  # noqa: E402
from bot.features.settings import timezones  # noqa: E402
from storage.db import Database  # noqa: E402

TOKEN = "123456:BENCH"
NOW = datetime(2026, 11, 25, 20, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sandbox:
    """`python -m bot.sandbox` in its own process, so it does not steal the bot's CPU."""

    def __init__(self, flood_limit: float | None = None) -> None:
        self.port = free_port()
        args = [sys.executable, "-m", "bot.sandbox", "--port", str(self.port), "--token", TOKEN]
        if flood_limit:
            args += ["--flood-limit", str(flood_limit)]
        self.process = subprocess.Popen(args, cwd=ROOT)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                self.control("stats")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("sandbox did not start")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    def control(self, path: str, body: Any = None) -> Any:
        url = f"http://127.0.0.1:{self.port}/_sandbox/{path}"
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def settings_for(db_url: str, sandbox: Sandbox, **telegram: Any) -> Settings:
    return parse_settings(
        {
            "telegram": {"token": TOKEN, "base_url": sandbox.base_url, **telegram},
            "storage": {"url": db_url},
            "reminders": {"claim_batch": 500, "send_concurrency": 64, "missed_after_hours": 4},
        },
        config_dir=Path(tempfile.gettempdir()),
        environ={},
    )


def delivered(sandbox: Sandbox) -> Counter[str]:
    stats = sandbox.control("stats")["result"]
    return Counter(dict(stats["messages_per_chat"].items()))


async def run_dispatch(
    db_url: str,
    sandbox: Sandbox,
    patients: int,
    *,
    transport: str = "httpx",
    raw: bool = False,
    **telegram: Any,
) -> dict[str, Any]:
    db = Database(db_url)
    db.upgrade()
    due = seed_patients(db, patients, now=NOW - timedelta(days=1))
    settings = settings_for(db_url, sandbox, http_client=transport, **telegram)
    services = build_services(settings, db=db, clock=lambda: due)
    application = build_application(settings, services)
    await application.initialize()
    ceiling = await _raw_ceiling(application, sandbox, settings) if raw else None
    sandbox.control("reset", {})
    started = time.perf_counter()
    result = await dispatch_due(application, due + timedelta(seconds=30))
    elapsed = time.perf_counter() - started
    await application.shutdown()
    per_chat = delivered(sandbox)
    stats = sandbox.control("stats")["result"]
    db.dispose()
    chats = {str(FIRST_CHAT + i) for i in range(patients)}
    return {
        "transport": transport,
        "patients": patients,
        "seconds": round(elapsed, 2),
        "per_second": round(result.sent / elapsed, 1),
        "sent": result.sent,
        "lost": len(chats - set(per_chat)),
        "twice": sum(1 for v in per_chat.values() if v > 1),
        "http_429": stats["errors"].get("429", 0),
        "flood_waits": result.flood_waits,
        "released": result.released,
    } | ({"raw_ptb_per_second": ceiling} if ceiling is not None else {})


RAW_SENDS = 2_000


async def _raw_ceiling(application: Any, sandbox: Sandbox, settings: Settings) -> float:
    """The same transport and concurrency, PTB's send_message with a reminder-sized message
    and its buttons, no bot code: what the dispatcher could reach on this machine now."""
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("✅ Taken", callback_data="night:taken:1"),
                InlineKeyboardButton("⏰ Snooze 30 min", callback_data="night:snooze:1"),
            ],
            [InlineKeyboardButton("Skip tonight", callback_data="night:skip:1")],
        ]
    )
    text = "🌙 Time for tonight's LDN: 1.5 mg (1 capsule).\nNext step: 3 mg from 7 December."
    limit = asyncio.Semaphore(settings.reminders.send_concurrency)

    async def one(i: int) -> None:
        async with limit:
            await application.bot.send_message(FIRST_CHAT - 1 - i, text, reply_markup=markup)

    started = time.perf_counter()
    await asyncio.gather(*(one(i) for i in range(RAW_SENDS)))
    return round(RAW_SENDS / (time.perf_counter() - started), 1)


def bench_dispatch(patients: int, transport: str = "httpx") -> dict[str, Any]:
    sandbox = Sandbox()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3"
            return asyncio.run(
                run_dispatch(
                    url, sandbox, patients, transport=transport, raw=True, messages_per_second=0
                )
            )
    finally:
        sandbox.stop()


def bench_flood(
    patients: int, transport: str = "aiohttp", rate: float = 30.0, reserve: float = 0.0
) -> dict[str, Any]:
    sandbox = Sandbox(flood_limit=30)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3"
            return asyncio.run(
                run_dispatch(
                    url,
                    sandbox,
                    patients,
                    transport=transport,
                    messages_per_second=rate,
                    reserved_for_replies_per_second=reserve,
                )
            ) | {"messages_per_second": rate, "reserved_for_replies": reserve}
    finally:
        sandbox.stop()


def bench_startup(patients: int) -> dict[str, Any]:
    sandbox = Sandbox()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.sqlite3"
            db = Database(url)
            db.upgrade()
            seed_patients(db, patients, now=NOW)  # due tomorrow evening: nothing to send
            db.dispose()
            out = subprocess.run(
                [sys.executable, __file__, "_startup_child", url, sandbox.base_url],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            figures: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
            figures["patients"] = patients
            return figures
    finally:
        sandbox.stop()


def _startup_child(url: str, base_url: str) -> None:
    async def start() -> dict[str, Any]:
        started = time.perf_counter()
        settings = parse_settings(
            {"telegram": {"token": TOKEN, "base_url": base_url}, "storage": {"url": url}},
            config_dir=Path(tempfile.gettempdir()),
            environ={},
        )
        services = build_services(settings, clock=lambda: NOW)
        services.db.upgrade()
        application = build_application(settings, services)
        await application.initialize()
        assert application.post_init is not None
        await application.post_init(application)
        assert application.job_queue is not None
        await application.job_queue.start()
        jobs = [job.name for job in application.job_queue.jobs()]
        elapsed = time.perf_counter() - started
        ready_rss_mb = _rss_mb()
        ready_parts = _rss_parts_mb()
        # The city index is built in the background from start-up on: wait for it, so the
        # memory figure is the process's steady state, not a moment before the index is in.
        # The warm-up task (city index, then the coordinate data) and its done-callback,
        # which freezes what it built and trims the heap, as in a running bot.
        warm_up = application.bot_data.get(city_index_warm_up._WARM_UP)
        if warm_up is not None:
            await warm_up
            await asyncio.sleep(0)
        else:
            await asyncio.to_thread(timezones.city_index)
        warmed = time.perf_counter() - started
        rss_mb = _rss_mb()
        parts = _rss_parts_mb()
        await application.job_queue.stop()
        await application.shutdown()
        return {
            "startup_seconds": round(elapsed, 2),
            "ready_rss_mb": round(ready_rss_mb, 1),
            "ready_anon_file_mb": ready_parts,
            "city_index_ready_seconds": round(warmed, 2),
            "rss_mb": round(rss_mb, 1),
            "anon_file_mb": parts,
            "jobs": jobs,
        }

    print(json.dumps(asyncio.run(start())))


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_parts_mb() -> tuple[float, float]:
    """The resident memory's two parts: anonymous (the heap: Python's objects, numpy's arrays)
    and mapped files (shared libraries, anything mapped), in MB."""
    parts = {"RssAnon:": 0.0, "RssFile:": 0.0}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            name, *value = line.split()
            if name in parts:
                parts[name] = round(int(value[0]) / 1024, 1)
    except OSError:
        pass
    return parts["RssAnon:"], parts["RssFile:"]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_startup_child":
        _startup_child(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "what", nargs="?", default="all", choices=["dispatch", "flood", "startup", "all"]
    )
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--flood-patients", type=int, default=10_000)
    parser.add_argument("--startup-patients", type=int, default=100_000)
    parser.add_argument("--flood-rate", type=float, default=30.0, help="messages_per_second")
    parser.add_argument(
        "--flood-reserve", type=float, default=0.0, help="reserved_for_replies_per_second"
    )
    args = parser.parse_args()
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    if args.what in ("dispatch", "all"):
        for transport in ("httpx", "aiohttp"):
            figures = bench_dispatch(args.patients, transport)
            print("dispatch, no flood limit:", figures, flush=True)
    if args.what in ("flood", "all"):
        figures = bench_flood(args.flood_patients, rate=args.flood_rate, reserve=args.flood_reserve)
        print("delivery, 30/s flood limit:", figures, flush=True)
    if args.what in ("startup", "all"):
        print("start-up:", bench_startup(args.startup_patients), flush=True)


if __name__ == "__main__":
    main()
