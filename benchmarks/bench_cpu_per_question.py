"""CPU time the bot process spends per FAQ question, next to a bare PTB echo bot's per message.

The same flood as `bench_throughput.py` part 1 (questions from 200 chats injected at once into
the out-of-process sandbox), but measured as the process's own CPU seconds (/proc/PID/stat)
rather than wall-clock messages per second: on a machine that other work keeps busy, wall
clock mostly measures the neighbours, CPU time still measures the bot.

Run: python benchmarks/bench_cpu_per_question.py [--questions 1000 --rounds 3 --repo PATH]
(--repo: another checkout of this repository, e.g. to compare with the code before a change.)
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve()


def process_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repo", type=Path, default=HERE.parents[1])
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo))
    os.chdir(args.repo)
    from benchmarks.bench_throughput import ECHO_BOT, flood, questions, wait_polling, warmed_up
    from tests.e2e.crash_rig import BotProcess, SandboxProcess, write_config

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

                workdir = Path(tmp)
                config = write_config(
                    workdir / f"faq{round_no}.toml",
                    sandbox,
                    f"sqlite:///{workdir / f'faq{round_no}.sqlite3'}",
                    telegram="messages_per_second = 0",
                )
                bot = BotProcess(config)
                polls = (await sandbox.stats())["calls"].get("getUpdates", 0)
                await bot.start()
                assert bot.process is not None
                await wait_polling(sandbox, polls, bot.process)
                await warmed_up(bot)
                before = process_cpu_seconds(bot.process.pid)
                chats = list(range(first + 500_000, first + 500_200))
                faq_wall = await flood(sandbox, texts, chats, first + 500_000)
                faq_cpu = (process_cpu_seconds(bot.process.pid) - before) / count * 1000
                await bot.terminate()
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
