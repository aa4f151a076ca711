"""Safety triage speed: the rules and the semantic net, per free-text message.

Run: python benchmarks/bench_triage.py [--rounds 20]

Messages: the triage dev and held-out sets (red flags and look-alikes) plus the FAQ dev set's
questions, i.e. what the triage reads on every free-text message; and the Spanish and German
triage sets. "rules (rules_triage)" is the English rules alone (what `triage` without a net ran
before the Spanish and German rules); "every language's rules" is `triage` without a net now.
The net's lines forget the remembered vectors before each message, so they include the one
embedding per message (which the FAQ then reuses); "net, embedding remembered" is the net's own
cost beside it (the dot products with the three dev sets' examples).
CPU time of this thread (time.thread_time_ns), so other processes on the machine do not inflate
the figures much.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from faq.triage import rules_triage, triage
from faq.triage_net import DEVSET, HELDOUT, load_safety_net, read_set

TESTS = Path(__file__).resolve().parents[1] / "tests" / "faq"
FAQ_DEVSET = TESTS / "devset.tsv"


def messages() -> list[str]:
    found = [m for _, m in read_set(DEVSET)] + [m for _, m in read_set(HELDOUT)]
    return found + [m for _, m in read_set(FAQ_DEVSET)]


def spanish_and_german() -> list[str]:
    return [
        m
        for lang in ("es", "de")
        for name in ("devset", "heldout")
        for _, m in read_set(TESTS / f"triage_{name}.{lang}.tsv")
    ]


def per_message_ms(check, texts: list[str], rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(rounds):
        for text in texts:
            start = time.thread_time_ns()
            check(text)
            timings.append((time.thread_time_ns() - start) / 1e6)
    return timings


def report(label: str, timings: list[float]) -> None:
    timings.sort()
    p99 = timings[int(len(timings) * 0.99)]
    print(
        f"{label:<34} median {statistics.median(timings):.3f} ms, p99 {p99:.3f} ms, "
        f"max {timings[-1]:.3f} ms ({len(timings)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = messages()
    print(f"{len(texts)} messages; load average {os.getloadavg()[0]:.2f}")
    for text in texts:  # warm the regex caches (and import the Spanish and German rules)
        rules_triage(text)
        triage(text)
    report("rules (rules_triage)", per_message_ms(rules_triage, texts, args.rounds))
    long_text = " ".join(texts)[:4096]
    report("rules, a 4,096-character message", per_message_ms(rules_triage, [long_text], 200))
    report("every language's rules (triage)", per_message_ms(triage, texts, args.rounds))
    report("  the same, a 4,096-char message", per_message_ms(triage, [long_text], 200))
    others = spanish_and_german()
    for text in others:
        triage(text)
    report(f"  on {len(others)} es/de messages", per_message_ms(triage, others, args.rounds))
    long_other = " ".join(others)[:4096]
    report("  an es/de 4,096-char message", per_message_ms(triage, [long_other], 200))
    net = load_safety_net()
    if net is None:
        print("semantic net: off (the sentence encoder is not installed)")
        return
    rounds = max(1, args.rounds // 10)

    # Every message a new one (the encoder remembers vectors, which the FAQ then reuses): the
    # embedding's cost is in these figures.
    def fresh(check):  # type: ignore[no-untyped-def]
        def run(text: str):  # type: ignore[no-untyped-def]
            net.encoder.forget()
            return check(text)

        return run

    report("rules + net (triage)", per_message_ms(fresh(lambda t: triage(t, net)), texts, rounds))
    report("  on es/de messages", per_message_ms(fresh(lambda t: triage(t, net)), others, rounds))
    report("net alone (one embedding)", per_message_ms(fresh(net.concern), texts, rounds))
    report("  on es/de messages", per_message_ms(fresh(net.concern), others, rounds))
    net.encoder.embed(others)  # fewer than the encoder remembers (faq.semantic.REMEMBERED_TEXTS)
    report("net, embedding remembered (es/de)", per_message_ms(net.concern, others, rounds))


if __name__ == "__main__":
    main()
