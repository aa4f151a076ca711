"""`ldn-bot`: run the bot, check a config, migrate the database, try the offline demo,
and operate the FAQ."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings

DEFAULT_CONFIG = Path("config.toml")


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=DEFAULT_CONFIG,
        metavar="PATH",
        help="the TOML config file (default: ./config.toml)",
    )


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(args.config)


def _logging(settings: Settings) -> None:
    from bot.runtime.logs import configure_logging

    webhook_secret = settings.telegram.webhook.secret_token
    configure_logging(
        level=settings.observability.log_level,
        fmt=settings.observability.log_format,
        secrets=[settings.token, webhook_secret.get_secret_value() if webhook_secret else ""],
    )


def cmd_run(args: argparse.Namespace) -> int:
    from bot.app import run

    settings = _settings(args)
    _logging(settings)
    run(settings)
    return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    settings = _settings(args)
    telegram = settings.telegram
    print(f"{args.config}: OK")
    print(f"  mode: {telegram.mode}, Bot API: {telegram.base_url}")
    if telegram.mode == "webhook":
        webhook = telegram.webhook
        print(f"  webhook: listening on {webhook.listen}:{webhook.port}, secret token set")
    print(f"  storage: {_safe_url(settings.storage.url or '')}")
    print(f"  FAQ: {settings.faq.path or 'the shipped FAQ'}")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from storage.db import Database

    settings = _settings(args)
    db = Database(settings.storage.url or "")
    try:
        db.upgrade()
    finally:
        db.dispose()
    print(f"database is up to date: {_safe_url(db.url)}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo

    return run_demo(database=args.database, chat_id=args.chat_id, files=args.files)


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _operator_message(error: Exception) -> str | None:
    """One line for the failures an operator can fix: the database, the Bot API."""
    from sqlalchemy.exc import SQLAlchemyError
    from telegram.error import InvalidToken, NetworkError

    if isinstance(error, SQLAlchemyError):
        detail = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        return f"database error: {detail}"
    if isinstance(error, InvalidToken):
        return "telegram.token: the Bot API rejected this token"
    if isinstance(error, NetworkError):
        return f"cannot reach the Bot API: {_without_tokens(error.message)}"
    return None


# A bot token ('<bot id>:<secret>', also inside '/bot<token>/' in a URL), but not an address's
# port: '127.0.0.1:9' has a '.' before the digits, '[::1]:8443' a ':' or '[', and a port is
# at most five digits with no letter after it.
_TOKEN = re.compile(r"(?<![\d.:\[])\d+:[A-Za-z0-9_-]{6,}")


def _without_tokens(text: str) -> str:
    return _TOKEN.sub("[token]", text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ldn-bot",
        description="A Telegram companion for people taking Low Dose Naltrexone.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="run the bot (polling or webhook, as configured)")
    _add_config_option(run)
    run.set_defaults(handler=cmd_run)

    check = commands.add_parser("check-config", help="validate a config file and say what it sets")
    _add_config_option(check)
    check.set_defaults(handler=cmd_check_config)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    upgrade = db_commands.add_parser("upgrade", help="apply the database migrations")
    _add_config_option(upgrade)
    upgrade.set_defaults(handler=cmd_db_upgrade)

    demo = commands.add_parser(
        "demo",
        help="chat with the real bot offline, in this terminal (no token needed)",
        description="Starts a local Bot API sandbox and the real bot on a local SQLite file; "
        "type messages, and tap buttons by typing their number. !at 22:00 and !later 1d move "
        "the demo's clock.",
    )
    demo.add_argument(
        "--database",
        type=Path,
        default=Path("ldn-demo.sqlite3"),
        help="the SQLite file for the demo (default: ./ldn-demo.sqlite3)",
    )
    demo.add_argument(
        "--files",
        type=Path,
        default=None,
        help="where the photos and documents the bot sends are saved "
        "(default: ldn-demo-files beside the database)",
    )
    demo.add_argument("--chat-id", type=int, default=1001, help=argparse.SUPPRESS)
    demo.set_defaults(handler=cmd_demo)

    from faq.cli import register as register_faq

    register_faq(commands)
    _add_faq_report(commands)
    return parser


def _add_faq_report(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`ldn-bot faq report` reads the database, so it lives here rather than in `faq`."""
    faq_parser = commands.choices["faq"]
    faq_commands = next(
        action for action in faq_parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    report = faq_commands.add_parser(
        "report",
        help="the most frequent unanswered and down-voted questions",
        description="What patients asked that the FAQ could not answer, and the answers they "
        "marked as not helpful: the entries worth adding or rewriting.",
    )
    _add_config_option(report)
    report.add_argument("--limit", type=int, default=20, help="rows per list (default: 20)")
    report.add_argument("--json", action="store_true", help="print one JSON object")
    report.set_defaults(handler=cmd_faq_report)


def cmd_faq_report(args: argparse.Namespace) -> int:
    import json

    from storage.db import Database
    from storage.faq_questions import FaqQuestionRepository

    settings = _settings(args)
    db = Database(settings.storage.url or "")
    try:
        with db.session() as session:
            questions = FaqQuestionRepository(session)
            # Only questions enough different patients asked: never one patient's own words.
            enough = settings.privacy.show_questions_asked_by
            unanswered = questions.most_unanswered(args.limit, min_patients=enough)
            down_voted = questions.most_down_voted(args.limit, min_patients=enough)
    finally:
        db.dispose()
    if args.json:
        print(
            json.dumps(
                {
                    "unanswered": [
                        {
                            "question": q.text,
                            "times": q.times,
                            "last_asked": q.last_asked.isoformat(),
                        }
                        for q in unanswered
                    ],
                    "down_voted": [
                        {
                            "id": d.entry_id,
                            "down_votes": d.down_votes,
                            "up_votes": d.up_votes,
                            "examples": list(d.example_questions),
                        }
                        for d in down_voted
                    ],
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(f"Most frequent unanswered questions (only those {enough} or more patients asked):")
    for q in unanswered:
        print(f"  {q.times}× {q.text}")
    if not unanswered:
        print("  (none)")
    print("Most down-voted answers:")
    for d in down_voted:
        examples = "; ".join(d.example_questions)
        asked_as = f" — asked as: {examples}" if examples else ""
        print(f"  {d.entry_id}: {d.down_votes} down, {d.up_votes} up{asked_as}")
    if not down_voted:
        print("  (none)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    # PTB 22 warns that time spans (RetryAfter.retry_after, ...) become timedeltas in its next
    # major version; the bot reads both forms, so it opts in now instead of warning at runtime.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ConfigError as error:
        print(f"config error: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # a clear line for the operator instead of a traceback
        message = _operator_message(error)
        if message is None:
            raise
        print(message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
