"""Throughput end to end through the out-of-process sandbox, in one run on one machine:

1. free-text FAQ questions handled per second by the real bot (`ldn-bot run`, polling), next
   to a bare python-telegram-bot echo bot polling the same sandbox (target: >= 0.5 of it,
   issue 11; 0.7 before the sentence model);
2. reply latency for questions asked while a wave of due reminders goes out under a
   30 messages/s flood limit (updates must not stall behind the wave).

Run: python benchmarks/bench_throughput.py [--questions 2000 --chats 200 --wave 2000 --rounds 3]
(--repo: another checkout whose FAQ bot is measured in part 1, e.g. the code before a change.)
Run it on a quiet machine (check `uptime`): the bot, the echo bot and the sandbox share the CPUs.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from storage.clock import utcnow  # noqa: E402
from tests.e2e.crash_rig import (  # noqa: E402
    BotProcess,
    SandboxProcess,
    seed_due_patients,
    write_config,
)

ECHO_BOT = textwrap.dedent(
    """
    import sys
    from telegram import Update
    from telegram.ext import ApplicationBuilder, MessageHandler, filters

    async def echo(update, context):
        await update.effective_message.reply_text(update.effective_message.text)

    app = ApplicationBuilder().token(sys.argv[1]).base_url(sys.argv[2]).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(allowed_updates=Update.ALL_TYPES)
    """
)


def questions(count: int) -> list[str]:
    lines = (REPO / "tests" / "faq" / "devset.tsv").read_text(encoding="utf-8").splitlines()
    pool = [line.split("\t", 1)[1] for line in lines if "\t" in line and not line.startswith("#")]
    # A repeat gets a number, so the FAQ's encoder meets every question as new (no remembered
    # vector): the figure is the cost of fresh questions.
    return [
        pool[i % len(pool)] + (f" ({i // len(pool) + 1})" if i >= len(pool) else "")
        for i in range(count)
    ]


async def replies_to(sandbox: SandboxProcess, chats: set[int], since: int) -> list[dict[str, Any]]:
    calls = (await sandbox.sent(since=since, method="sendMessage"))["result"]
    return [c for c in calls if c["status"] == 200 and c["chat_id"] in chats]


async def wait_polling(sandbox: SandboxProcess, polls_before: int, process: Any) -> None:
    deadline = time.monotonic() + 60
    while (await sandbox.stats())["calls"].get("getUpdates", 0) <= polls_before:
        if process.returncode is not None or time.monotonic() > deadline:
            raise SystemExit("the bot did not start polling")
        await asyncio.sleep(0.05)


async def warmed_up(bot: BotProcess) -> None:
    """The bot answers at once, but builds its city index in the background for a few
    seconds after start-up; measure after that, as the echo bot has nothing to build."""
    deadline = time.monotonic() + 60
    while "City index ready" not in bot.output():
        if bot.process is None or bot.process.returncode is not None:
            raise SystemExit("the bot stopped:\n" + bot.output())
        if time.monotonic() > deadline:
            raise SystemExit("the city index was not ready after 60 s")
        await asyncio.sleep(0.1)


@asynccontextmanager
async def faq_bot_running(
    sandbox: SandboxProcess, workdir: Path, name: str = "faq", repo: Path = REPO
) -> AsyncIterator[BotProcess]:
    """The LDN bot of checkout `repo` (`ldn-bot run`, a new SQLite file in `workdir`, no rate
    limiter) polling `sandbox` and warmed up; stopped on leaving."""
    config = write_config(
        workdir / f"{name}.toml",
        sandbox,
        f"sqlite:///{workdir / f'{name}.sqlite3'}",
        telegram="messages_per_second = 0",
    )
    bot = BotProcess(config, repo=repo)
    polls = (await sandbox.stats())["calls"].get("getUpdates", 0)
    await bot.start()
    try:
        await wait_polling(sandbox, polls, bot.process)
        await warmed_up(bot)
        yield bot
    finally:
        await bot.terminate()


def process_cpu_seconds(pid: int) -> float:
    """CPU seconds (user + system) of a whole process, threads that have ended included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def flood(
    sandbox: SandboxProcess, texts: list[str], chats: list[int], first_chat: int
) -> float:
    """Inject every text at once (chat i % chats); seconds until each got a reply."""
    specs = [
        {"kind": "text", "chat_id": first_chat + i % len(chats), "text": text}
        for i, text in enumerate(texts)
    ]
    start = time.monotonic()
    await sandbox.updates(specs)
    wanted = {str(chat) for chat in chats}
    while True:
        # The stats counters are cheap for the sandbox; /sent would load it while we measure.
        per_chat = (await sandbox.stats())["messages_per_chat"]
        done = sum(n for chat, n in per_chat.items() if chat in wanted)
        if done >= len(texts):
            return time.monotonic() - start
        if time.monotonic() - start > 300:
            raise SystemExit(f"only {done}/{len(texts)} replies after 300 s")
        await asyncio.sleep(0.02)


async def run_echo(sandbox: SandboxProcess, texts: list[str], first_chat: int, chats: int) -> float:
    polls = (await sandbox.stats())["calls"].get("getUpdates", 0)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", ECHO_BOT, sandbox.token, sandbox.base_url
    )
    try:
        await wait_polling(sandbox, polls, process)
        return await flood(sandbox, texts, list(range(first_chat, first_chat + chats)), first_chat)
    finally:
        process.terminate()
        await process.wait()


async def run_faq_bot(
    sandbox: SandboxProcess,
    workdir: Path,
    texts: list[str],
    first_chat: int,
    chats: int,
    repo: Path = REPO,
) -> float:
    async with faq_bot_running(sandbox, workdir, repo=repo):
        return await flood(sandbox, texts, list(range(first_chat, first_chat + chats)), first_chat)


async def run_wave(
    sandbox: SandboxProcess, workdir: Path, wave: int, asked: int, per_second: float
) -> dict[str, float]:
    """A wave of due reminders under a 30/s flood limit; questions trickle in meanwhile."""
    db_url = f"sqlite:///{workdir / 'wave.sqlite3'}"
    seed_due_patients(db_url, wave, due_at=utcnow() - timedelta(seconds=2), first_chat=30_000_000)
    config = write_config(workdir / "wave.toml", sandbox, db_url, reminders="tick_seconds = 1")
    await sandbox.config(flood_limit=30)
    bot = BotProcess(config)
    polls = (await sandbox.stats())["calls"].get("getUpdates", 0)
    since = (await sandbox.sent())["next"]
    await bot.start()
    try:
        await wait_polling(sandbox, polls, bot.process)
        await warmed_up(bot)  # the wave is under way
        await asyncio.sleep(1.0)
        floods_before = (await sandbox.stats())["flood_429"]
        window_start = time.time()
        asked_at: dict[int, float] = {}
        pool = questions(asked)
        for i in range(asked):
            chat = 40_000_000 + i
            asked_at[chat] = time.time()
            await sandbox.updates([{"kind": "text", "chat_id": chat, "text": pool[i]}])
            await asyncio.sleep(1 / per_second)
        deadline = time.monotonic() + 120
        while True:
            answered = await replies_to(sandbox, set(asked_at), since)
            first: dict[int, float] = {}
            for call in answered:
                first.setdefault(call["chat_id"], call["time"])
            if len(first) == asked or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.1)
        window_end = max(first.values(), default=time.time())
        wave_times = [
            c["time"]
            for c in (await sandbox.sent(since=since, method="sendMessage"))["result"]
            if c["status"] == 200 and 30_000_000 <= c["chat_id"] < 40_000_000
        ]
        # The wave's own pace while the questions came in: it keeps going, under the limit.
        reminders_during = sum(1 for t in wave_times if window_start <= t <= window_end)
        floods = (await sandbox.stats())["flood_429"] - floods_before
        latencies = sorted(first[chat] - asked_at[chat] for chat in first)
    finally:
        await bot.terminate(timeout=300)
        await sandbox.config(flood_limit=None)
    return {
        "answered": len(first),
        "asked": asked,
        "p50": statistics.median(latencies),
        "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "max": latencies[-1],
        "reminders_during": reminders_during,
        "window": window_end - window_start,
        "floods": floods,
    }


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--wave", type=int, default=2000)
    parser.add_argument("--asked-during-wave", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=REPO, help="another checkout's FAQ bot")
    args = parser.parse_args()

    sandbox = SandboxProcess(token="123456:BENCH")
    await sandbox.start()
    texts = questions(args.questions)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            workdir = Path(tmp)
            echo_rates, faq_rates = [], []
            for round_no in range(args.rounds):  # interleaved, so drift hits both alike
                base = 1_000_000 * (round_no + 1)
                echo = await run_echo(sandbox, texts, base, args.chats)
                echo_rates.append(args.questions / echo)
                (workdir / "faq.sqlite3").unlink(missing_ok=True)
                faq = await run_faq_bot(
                    sandbox, workdir, texts, base + 500_000, args.chats, args.repo.resolve()
                )
                faq_rates.append(args.questions / faq)
                print(
                    f"round {round_no + 1}: echo bot {echo_rates[-1]:.0f} msg/s, "
                    f"FAQ bot {faq_rates[-1]:.0f} msg/s",
                    flush=True,
                )
            echo_best, faq_best = max(echo_rates), max(faq_rates)
            echo_median, faq_median = statistics.median(echo_rates), statistics.median(faq_rates)
            ratios = [faq / echo for faq, echo in zip(faq_rates, echo_rates, strict=True)]
            print(
                f"\n{args.questions} questions from {args.chats} chats, injected at once "
                f"({args.rounds} interleaved rounds; best / median):\n"
                f"  bare PTB echo bot : {echo_best:7.0f} / {echo_median:4.0f} messages/s\n"
                f"  LDN bot with FAQ  : {faq_best:7.0f} / {faq_median:4.0f} messages/s\n"
                f"  ratio             : {faq_best / echo_best:7.2f} / "
                f"{faq_median / echo_median:4.2f}"
                f"  (per round: {', '.join(f'{r:.2f}' for r in ratios)}; target >= 0.5)"
            )
            wave = await run_wave(sandbox, workdir, args.wave, args.asked_during_wave, 5.0)
            print(
                f"\nreminder wave of {args.wave} under a 30 msg/s flood limit; "
                f"{wave['asked']} questions at 5/s during it:\n"
                f"  answered {wave['answered']}/{wave['asked']}, reply latency "
                f"p50 {wave['p50']:.2f} s, p99 {wave['p99']:.2f} s, max {wave['max']:.2f} s\n"
                f"  reminders sent meanwhile: {wave['reminders_during']} in {wave['window']:.1f} s "
                f"({wave['reminders_during'] / max(wave['window'], 1e-9):.1f}/s), "
                f"429s from the sandbox: {wave['floods']}"
            )
    finally:
        await sandbox.stop()


if __name__ == "__main__":
    asyncio.run(main())
