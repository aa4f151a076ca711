"""`python -m faq faq ask "..."`: the FAQ commands without the rest of the bot."""

from __future__ import annotations

import argparse
import sys

from faq.cli import register


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ldn-bot")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
