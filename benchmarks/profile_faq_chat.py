"""Where a free-text FAQ question spends the bot's CPU, end to end: a real `ldn-bot run`
process polling the out-of-process sandbox, a flood of questions from 200 chats, and the bot
process's CPU time read per thread from /proc (the event loop is the main thread; the rest are
the default executor's workers, where the triage and the FAQ run, and the database's thread).

With `--py-spy FILE` (py-spy installed: `pip install py-spy`), the flood is also sampled with
py-spy across all threads and written as a flame graph (SVG) or, for FILE ending in .txt,
collapsed stacks; `--top` prints the functions holding most samples.

With `--gil`, py-spy samples only the thread holding the GIL: the Python work each part costs,
without the threads that merely wait for the GIL; `--repo` profiles another checkout's bot.

Run: python benchmarks/profile_faq_chat.py [--questions 1000] [--py-spy /tmp/faq.svg] [--gil]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.bench_throughput import (  # noqa: E402
    faq_bot_running,
    flood,
    process_cpu_seconds,
    questions,
)
from tests.e2e.crash_rig import SandboxProcess  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def thread_cpu(pid: int) -> dict[int, tuple[str, float]]:
    """CPU seconds (user + system) of each live thread of `pid`, with its name."""
    threads: dict[int, tuple[str, float]] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            name = (task / "comm").read_text().strip()
        except OSError:
            continue  # ended meanwhile
        threads[int(task.name)] = (name, (int(fields[11]) + int(fields[12])) / TICKS)
    return threads


def top_functions(collapsed: Path, count: int) -> list[tuple[str, float]]:
    """The functions holding most samples as the innermost frame (their own time)."""
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in collapsed.read_text().splitlines():
        stack, _, samples = line.rpartition(" ")
        frames = stack.split(";")
        total += int(samples)
        function, _, where = frames[-1].partition(" (")
        own[f"{function} ({where.rsplit(':', 1)[0]})"] += int(samples)  # every line of it
    return [(frame, n / total) for frame, n in own.most_common(count)]


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--py-spy", type=Path, default=None, help="write py-spy's samples here")
    parser.add_argument(
        "--gil", action="store_true", help="py-spy samples only the thread holding the GIL"
    )
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--repo", type=Path, default=REPO, help="another checkout's bot")
    args = parser.parse_args()

    sandbox = SandboxProcess(token="123456:PROFILE")
    await sandbox.start()
    texts = questions(args.questions)
    spy: asyncio.subprocess.Process | None = None
    collapsed = False
    try:
        with tempfile.TemporaryDirectory() as tmp:
            async with faq_bot_running(sandbox, Path(tmp), repo=args.repo.resolve()) as bot:
                assert bot.process is not None
                pid = bot.process.pid
                if args.py_spy is not None:
                    py_spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
                    collapsed = args.py_spy.suffix == ".txt"
                    fmt = "raw" if collapsed else "flamegraph"
                    spy = await asyncio.create_subprocess_exec(
                        py_spy, "record", "--pid", str(pid), "--threads", "--rate", "250",
                        "--format", fmt, "--output", str(args.py_spy),
                        *(["--gil"] if args.gil else []),
                        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
                    )  # fmt: skip
                    await asyncio.sleep(1.0)  # py-spy attaches
                before, process_before = thread_cpu(pid), process_cpu_seconds(pid)
                chats = list(range(1_000_000, 1_000_000 + args.chats))
                wall = await flood(sandbox, texts, chats, chats[0])
                after, process_after = thread_cpu(pid), process_cpu_seconds(pid)
                if spy is not None:
                    spy.send_signal(2)  # SIGINT: py-spy writes its file and exits
                    await spy.wait()
                    spy = None
    finally:
        if spy is not None:
            spy.kill()
        await sandbox.stop()

    count = args.questions
    loop = after.get(pid, ("", 0.0))[1] - before.get(pid, ("", 0.0))[1]
    # Python does not name its threads for the kernel: the others are told apart by their id.
    others = sorted(
        (
            seconds - before.get(tid, ("", 0.0))[1]
            for tid, (_, seconds) in after.items()
            if tid != pid
        ),
        reverse=True,
    )
    total = process_after - process_before
    ended = total - loop - sum(others)
    busy = [seconds for seconds in others if seconds > 0.01]
    print(f"{count} questions from {args.chats} chats: {count / wall:.0f} msg/s wall")
    print(f"bot process CPU per question: {total / count * 1000:.2f} ms")
    print(f"  event loop (main thread): {loop / count * 1000:.2f} ms")
    print(
        f"  other threads: {sum(others) / count * 1000:.2f} ms, {len(busy)} of them busy "
        f"({', '.join(f'{s / count * 1000:.2f}' for s in busy)} ms)"
    )
    print(f"  threads that ended meanwhile: {ended / count * 1000:.2f} ms")
    if collapsed:
        for frame, share in top_functions(args.py_spy, args.top):
            print(f"  {share:6.1%}  {frame}")
    elif args.py_spy is not None:
        print(f"flame graph: {args.py_spy}")


if __name__ == "__main__":
    asyncio.run(main())
