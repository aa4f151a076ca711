"""CPU time the bot process spends per FAQ question, next to a bare PTB echo bot's per message.

The same flood as `bench_throughput.py` part 1 (questions from 200 chats injected at once into
the out-of-process sandbox), but measured as the process's own CPU seconds (/proc/PID/stat)
rather than wall-clock messages per second: on a machine that other work keeps busy, wall
clock mostly measures the neighbours, CPU time still measures the bot.

Run: python benchmarks/bench_cpu_per_question.py [--questions 1000 --rounds 3 --repo PATH]
(--repo: another checkout of this repository whose bot is measured, e.g. the code before a
change; the sandbox, the echo bot and the questions are this checkout's.)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_throughput import (  # noqa: E402
    ECHO_BOT,
    faq_bot_running,
    flood,
    process_cpu_seconds,
    questions,
    wait_polling,
)
from tests.e2e.crash_rig import SandboxProcess  # noqa: E402


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args()

    count = args.questions
    sandbox = SandboxProcess(token="123456:CPUBENCH")
    await sandbox.start()
    texts = questions(count)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for round_no in range(args.rounds):
                first = 1_000_000 * (round_no + 1)
                polls = (await sandbox.stats())["calls"].get("getUpdates", 0)
                echo = await asyncio.create_subprocess_exec(
                    sys.executable, "-c", ECHO_BOT, sandbox.token, sandbox.base_url
                )
                await wait_polling(sandbox, polls, echo)
                before = process_cpu_seconds(echo.pid)
                echo_wall = await flood(sandbox, texts, list(range(first, first + 200)), first)
                echo_cpu = (process_cpu_seconds(echo.pid) - before) / count * 1000
                echo.terminate()
                await echo.wait()

                async with faq_bot_running(
                    sandbox, Path(tmp), f"faq{round_no}", repo=args.repo.resolve()
                ) as bot:
                    assert bot.process is not None
                    before = process_cpu_seconds(bot.process.pid)
                    chats = list(range(first + 500_000, first + 500_200))
                    faq_wall = await flood(sandbox, texts, chats, first + 500_000)
                    faq_cpu = (process_cpu_seconds(bot.process.pid) - before) / count * 1000
                print(
                    f"round {round_no + 1}: echo bot {echo_cpu:.2f} ms CPU a message "
                    f"({count / echo_wall:.0f} msg/s), FAQ bot {faq_cpu:.2f} ms CPU a question "
                    f"({count / faq_wall:.0f} msg/s); echo/FAQ CPU {echo_cpu / faq_cpu:.2f}",
                    flush=True,
                )
    finally:
        await sandbox.stop()


if __name__ == "__main__":
    asyncio.run(main())
