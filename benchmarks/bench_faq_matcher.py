"""The FAQ's own CPU per question, in-process, with the bot's FAQ (every language, the model):
the matcher alone with the question's vector remembered (no model run), and the bot's path
(triage with the net, then the FAQ) on a pool of threads as the bot runs it, with the model's
runs shared between threads (the questions are new: numbered repeats, as bench_throughput.py).

Run: python benchmarks/bench_faq_matcher.py [--threads 8] [--repo OTHER-CHECKOUT]
(--repo: another checkout's faq package, e.g. the code before a change; same questions.)
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--repo", type=Path, default=REPO)
    args = parser.parse_args()
    sys.path.insert(0, str(args.repo.resolve()))
    sys.path.insert(1, str(REPO))

    from benchmarks.bench_throughput import questions
    from faq.catalog import load_faq
    from faq.multilingual import MultilingualFaq
    from faq.semantic import load_encoder
    from faq.triage import triage
    from faq.triage_net import load_safety_net

    encoder, net = load_encoder(), load_safety_net()
    faq = MultilingualFaq.build(load_faq(), safety_net=net, encoder=encoder)
    texts = questions(args.questions)

    for text in texts:  # the vectors remembered, the spelling corrections known
        faq.ask(text, "en", triaged=True)
    rounds = []
    for _ in range(args.rounds):
        started = time.thread_time()
        for text in texts:
            faq.ask(text, "en", triaged=True)
        rounds.append(1000 * (time.thread_time() - started) / len(texts))
    listed = " ".join(f"{r:.3f}" for r in rounds)
    print(f"matcher alone (vectors remembered): best {min(rounds):.3f} ms, rounds {listed}")

    def as_the_bot(text: str) -> object:
        return triage(text, net) or faq.ask(text, "en", triaged=True)

    fresh = [f"{text} [{n}]" for n, text in enumerate(texts)]  # no remembered vector
    with ThreadPoolExecutor(args.threads) as pool:
        list(pool.map(as_the_bot, fresh[:20]))
        started = time.process_time()
        list(pool.map(as_the_bot, fresh[20:]))
        spent = time.process_time() - started
    print(
        f"triage + FAQ on {args.threads} threads: process CPU "
        f"{1000 * spent / (len(fresh) - 20):.2f} ms a question"
    )


if __name__ == "__main__":
    main()
