"""`ldn-bot faq ...`: ask, list, eval and validate, for operators and checks.

`ldn-bot faq report` needs the database and is added by bot/cli.py onto the same sub-parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from faq.catalog import (
    SHIPPED_FAQ,
    FaqError,
    faq_languages,
    faq_path,
    load_faq,
    load_translation,
    parse_faq,
    validate_faq,
    validate_translation,
)
from faq.evaluation import load_asked, load_outside
from faq.languages import rules_for
from faq.matcher import DECISION_FILE, OUTSIDE, BorrowedAsked, FaqMatcher, Reply
from faq.multilingual import MultilingualFaq
from faq.semantic import SentenceEncoder, load_encoder

EXIT_OK = 0
EXIT_FAILED_CHECK = 1
EXIT_BAD_INPUT = 2


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `faq` and its sub-commands to the main `ldn-bot` parser."""
    faq = subparsers.add_parser("faq", help="the curated FAQ: ask, list, eval, validate")
    commands = faq.add_subparsers(dest="faq_command", required=True, metavar="COMMAND")

    ask = commands.add_parser("ask", help="answer one question (or one per line from stdin)")
    ask.add_argument("question", nargs="?", help="the question; omit to read stdin")
    ask.add_argument("--json", action="store_true", help="print one JSON object per question")
    _add_language_option(
        ask, "the asker's language: a question is still answered in the language it is written in"
    )
    _add_faq_option(ask)
    ask.set_defaults(handler=cmd_ask)

    listing = commands.add_parser("list", help="list the FAQ entries")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    _add_faq_option(listing)
    listing.set_defaults(handler=cmd_list)

    evaluation = commands.add_parser(
        "eval", help="measure the matcher on a labelled question set (TSV or JSONL)"
    )
    evaluation.add_argument("file", type=Path, help="expected_id<TAB>question lines")
    evaluation.add_argument("--json", action="store_true", help="print one JSON object")
    _add_language_option(evaluation, "the FAQ language the set is written in")
    _add_faq_option(evaluation)
    evaluation.set_defaults(handler=cmd_eval)

    tune = commands.add_parser(
        "tune", help="cross-validate the answer/clarify decision and fit it on a question set"
    )
    tune.add_argument("file", type=Path, help="expected_id<TAB>question lines (the dev set)")
    tune.add_argument("--folds", type=int, default=5)
    asked = tune.add_mutually_exclusive_group()
    asked.add_argument(
        "--asked",
        dest="asked",
        action="store_const",
        const=True,
        help="the set's own in-scope questions as asked examples, each fold's from the others"
        " (default: as the language's shipped decision does)",
    )
    asked.add_argument("--no-asked", dest="asked", action="store_const", const=False)
    tune.add_argument(
        "--borrow",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the classifier also learns from the other languages' asked examples"
        " (default: as the language's shipped decision does)",
    )
    tune.add_argument("--semantic-weight", type=float, default=None, help="instead of the shipped")
    tune.add_argument("--asked-weight", type=float, default=None, help="instead of the shipped")
    tune.add_argument(
        "--classifier-weight", type=float, default=None, help="instead of the shipped"
    )
    tune.add_argument(
        "--write",
        type=Path,
        nargs="?",
        const=DECISION_FILE,
        default=None,
        metavar="FILE",
        help=f"store the fitted semantic decision for --lang (default file: {DECISION_FILE})",
    )
    _add_language_option(tune, "the FAQ language the set is written in")
    _add_faq_option(tune)
    tune.set_defaults(handler=cmd_tune)

    validate = commands.add_parser("validate", help="check an FAQ file and list its problems")
    _add_faq_option(validate)
    validate.set_defaults(handler=cmd_validate)
    # `report` (database-backed) is added here by bot/cli.py.


def _add_language_option(parser: argparse.ArgumentParser, help_text: str) -> None:
    parser.add_argument(
        "--lang", default="en", choices=faq_languages(), help=f"{help_text} (default: en)"
    )


def _matcher(args: argparse.Namespace, *, asked: bool = True) -> FaqMatcher:
    """The matcher of one language (--lang) as the bot runs it: English from --faq or the
    shipped file, with the shipped asked examples (none with --faq or `asked=False`) and
    questions outside the guide (none with --faq)."""
    english = load_faq(args.faq)
    entries = english if args.lang == "en" else load_translation(args.lang, english)
    matcher = FaqMatcher(
        entries,
        rules=rules_for(args.lang),
        encoder=_encoder(args),
        asked=load_asked(args.lang) if asked and args.faq is None else (),
        outside=load_outside(args.lang) if args.faq is None else (),
        fit=False,
    )
    matcher.fit(_lent_by_the_others(args, matcher) if matcher.borrows_asked else ())
    return matcher


def _lent_by_the_others(args: argparse.Namespace, matcher: FaqMatcher) -> list[BorrowedAsked]:
    """The other languages' asked examples, as the bot lends them (none with --faq, or words
    only)."""
    if args.faq is not None or matcher.encoder is None:
        return []
    others = tuple(code for code in faq_languages() if code not in ("en", args.lang))
    faq = MultilingualFaq.build(load_faq(), languages=others, encoder=matcher.encoder)
    lent = (m.lend() for code, m in faq.matchers.items() if code != args.lang)
    return [borrowed for borrowed in lent if borrowed is not None]


def _add_faq_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--faq", type=Path, default=None, help="an FAQ TOML file (default: the shipped FAQ)"
    )
    parser.add_argument(
        "--lexical",
        action="store_true",
        help="leave the semantic layer off (words only), as when its model is not installed",
    )


def _encoder(args: argparse.Namespace) -> SentenceEncoder | None:
    return None if args.lexical else load_encoder()


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _reply_as_dict(reply: Reply) -> dict[str, object]:
    return {
        "kind": reply.kind,
        "id": reply.id,
        "answer": reply.text,
        "score": reply.score,
        "language": reply.language,
        "suggestions": [
            {"id": s.id, "question": s.question, "score": s.score} for s in reply.suggestions
        ],
    }


def _print_reply(reply: Reply, as_json: bool) -> None:
    if as_json:
        print(json.dumps(_reply_as_dict(reply), ensure_ascii=False), flush=True)
        return
    print(f"[{reply.kind}{' ' + reply.id if reply.id else ''} {reply.score:.3f}] {reply.text}")
    for number, s in enumerate(reply.suggestions, start=1):
        print(f"  {number}. {s.question} ({s.id}, {s.score:.3f})")


def cmd_ask(args: argparse.Namespace) -> int:
    try:
        faq = MultilingualFaq.build(
            load_faq(args.faq),
            languages=None if args.faq is None else ("en",),
            encoder=_encoder(args),
        )
    except FaqError as error:
        return _fail(str(error))
    if args.question is not None:
        _print_reply(faq.ask(args.question, args.lang), args.json)
        return EXIT_OK
    for line in sys.stdin:
        question = line.rstrip("\r\n")
        if question.strip():
            _print_reply(faq.ask(question, args.lang), args.json)
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    try:
        entries = load_faq(args.faq)
    except FaqError as error:
        return _fail(str(error))
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "question": e.question,
                        "phrasings": list(e.phrasings),
                        "answer": e.answer,
                        "tags": list(e.tags),
                        "section": e.section,
                    }
                    for e in entries
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for e in entries:
            print(f"{e.id:28s} {e.question}")
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from faq.evaluation import evaluate, read_question_set, report_as_dict

    try:
        matcher = _matcher(args)
        report = evaluate(matcher, read_question_set(args.file))
    except FaqError as error:
        return _fail(str(error))
    if args.json:
        print(json.dumps(report_as_dict(report)))
    else:
        print("\n".join(report.as_lines()))
    return EXIT_OK


def cmd_tune(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from faq import tuning
    from faq.evaluation import read_question_set

    try:
        shipped = _matcher(args, asked=False)
        items = read_question_set(args.file)
    except FaqError as error:
        return _fail(str(error))
    decision = tuning.current_decision(shipped)
    if args.semantic_weight is not None:
        decision = replace(decision, semantic_weight=args.semantic_weight)
    if args.asked_weight is not None:
        decision = replace(decision, asked_weight=args.asked_weight)
    if args.classifier_weight is not None:
        decision = replace(decision, classifier_weight=args.classifier_weight)
    if args.asked is not None:
        decision = replace(decision, uses_asked=args.asked)
    if args.borrow is not None:
        decision = replace(decision, borrows_asked=args.borrow)
    borrowed = _lent_by_the_others(args, shipped) if decision.borrows_asked else []
    matcher = tuning.with_asked(shipped, items, decision, borrowed=borrowed)
    semantic = matcher.encoder is not None
    print(f"semantic layer {'on' if semantic else 'off'}")
    if semantic:
        outside = sum(entry == OUTSIDE for entry, _ in matcher.asked)
        asked = (
            f"{len(matcher.asked)} (this set's, {outside} outside the guide)"
            if matcher.asked
            else "none"
        )
        print(
            f"semantic weight {decision.semantic_weight}, asked weight {decision.asked_weight},"
            f" classifier weight {decision.classifier_weight},"
            f" borrowed examples {sum(len(b.entry_ids) for b in matcher.borrowed)},"
            f" asked examples {asked}, questions outside the guide {len(matcher.outside)}"
        )
    try:
        cv = tuning.cross_validate_set(matcher, items, folds=max(args.folds, 2))
    except FaqError as error:
        return _fail(str(error))
    print(f"{args.folds}-fold cross-validation (pooled over the left-out folds):")
    for name, value in cv.items():
        print(f"  {name:24s} {value:.3f}")
    fitted = tuning.fit(tuning.final_rows(matcher, items), tuning.limits_for(matcher))
    if args.write and semantic:
        tuning.write_decision(
            args.lang, tuning.fitted_decision(decision, fitted), args.write, measured=cv
        )
        print(f"fitted on the whole set, written to {args.write} ({args.lang})")
    elif semantic:
        print(f"fitted on the whole set (--write stores it in {DECISION_FILE})")
    else:
        print("fitted on the whole set (paste into faq/matcher.py):")
        print(tuning.constants_source(*fitted, semantic=False))
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    import tomllib

    path = args.faq or SHIPPED_FAQ
    try:
        with Path(path).open("rb") as handle:
            entries = parse_faq(tomllib.load(handle), str(path))
    except FileNotFoundError:
        return _fail(f"{path}: FAQ file not found")
    except (OSError, tomllib.TOMLDecodeError) as error:
        return _fail(f"{path}: cannot read FAQ file ({error})")
    except FaqError as error:
        return _fail(str(error))
    checked = [(Path(path), entries, validate_faq(entries))]
    if args.faq is None:  # the shipped FAQ: every language against the English entries
        for code in faq_languages()[1:]:
            translated_path = faq_path(code)
            try:
                with translated_path.open("rb") as handle:
                    translated = parse_faq(tomllib.load(handle), str(translated_path))
            except (OSError, tomllib.TOMLDecodeError, FaqError) as error:
                return _fail(f"{translated_path}: cannot read FAQ file ({error})")
            checked.append((translated_path, translated, validate_translation(entries, translated)))
    failed = False
    for checked_path, checked_entries, problems in checked:
        for problem in problems:
            print(f"{checked_path}: {problem}")
        if problems:
            failed = True
            print(f"{len(problems)} problem(s) in {checked_path}", file=sys.stderr)
        else:
            print(f"{checked_path}: {len(checked_entries)} entries, no problems")
    return EXIT_FAILED_CHECK if failed else EXIT_OK
