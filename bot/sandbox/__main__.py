"""The CLI: ``python -m bot.sandbox --port 8081 [--flood-limit 30] [--latency 0.05]``.

Serves the sandbox out of process (benchmarks, crash tests) until SIGINT/SIGTERM; drive it
through the JSON control API (see ``--help``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from bot.sandbox.control import CONTROL_HELP
from bot.sandbox.server import BotApiSandbox


async def _serve(args: argparse.Namespace) -> None:
    sandbox = BotApiSandbox(token=args.token, host=args.host, port=args.port)
    sandbox.flood_limit = args.flood_limit
    sandbox.latency = args.latency
    await sandbox.start()
    print(
        f"Bot API sandbox listening: base_url={sandbox.base_url} "
        f"base_file_url={sandbox.base_file_url} token={sandbox.token} "
        f"control={sandbox.control_url}",
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await sandbox.stop()


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m bot.sandbox``."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.sandbox",
        description="A loopback Telegram Bot API sandbox.",
        epilog=CONTROL_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:SANDBOX")
    parser.add_argument("--flood-limit", type=float, default=None, help="messages/s, all chats")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added per response")
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
